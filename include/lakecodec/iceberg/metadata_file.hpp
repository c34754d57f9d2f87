#pragma once
// Reading and writing table metadata files: plain JSON or gzip-compressed JSON (spec Appendix F
// "GZIP metadata", files named *.gz.metadata.json or *.metadata.json.gz), detected by the gzip
// magic bytes rather than the name.

#ifdef LAKECODEC_WITH_JSON

#include <string>
#include <string_view>

#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// The JSON text of metadata file bytes, gunzipped when they start with the gzip magic.
/// unsupported_codec when gzip is needed but zlib was not built in.
inline result<std::string> metadata_json_text(byte_span bytes) {
  if (bytes.size >= 2 && bytes.data[0] == 0x1f && bytes.data[1] == 0x8b) {
    byte_buffer out;
    LAKECODEC_TRY(decompress(compression::gzip, bytes, out, limits{}.max_decompressed_size));
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
  }
  return std::string(reinterpret_cast<const char*>(bytes.data), bytes.size);
}

/// Parses a metadata file's bytes (plain or gzip JSON).
inline result<table_metadata> parse_table_metadata_bytes(byte_span bytes) {
  LAKECODEC_ASSIGN_OR_RETURN(std::string text, metadata_json_text(bytes));
  return parse_table_metadata(text);
}

/// Reads and parses a metadata file; errors carry the path.
inline result<table_metadata> read_table_metadata(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes.error().with_context(path);
  auto m = parse_table_metadata_bytes(byte_span(bytes->data(), bytes->size()));
  if (!m) return m.error().with_context(path);
  return m;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
