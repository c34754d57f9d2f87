#pragma once
// Raw snappy blocks (not the framing format) through the system libsnappy, as Parquet pages and
// Avro blocks use them. Compiled only with LAKECODEC_WITH_SNAPPY.

#include "lakecodec/core/config.hpp"

#ifdef LAKECODEC_WITH_SNAPPY
#include <snappy.h>

#include <string>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace snappy_codec {

/// Appends the raw snappy block of `in` to `out`.
inline status compress(byte_span in, byte_buffer& out) {
  const size_t bound = snappy::MaxCompressedLength(in.size);
  uint8_t* dst = out.ensure(bound);
  size_t n = 0;
  snappy::RawCompress(reinterpret_cast<const char*>(in.data), in.size, reinterpret_cast<char*>(dst),
                      &n);
  out.commit(n);
  return {};
}

/// Appends the decompressed bytes of one raw snappy block; the declared length is checked
/// against `max_output` before anything is allocated.
inline status decompress(byte_span in, byte_buffer& out, size_t max_output) {
  size_t n = 0;
  const char* src = reinterpret_cast<const char*>(in.data);
  if (!snappy::GetUncompressedLength(src, in.size, &n))
    return corrupt_data("snappy: cannot read the uncompressed length");
  if (n > max_output)
    return limit_exceeded("snappy: block declares " + std::to_string(n) +
                          " bytes, more than the limit of " + std::to_string(max_output));
  uint8_t* dst = out.ensure(n);
  if (!snappy::RawUncompress(src, in.size, reinterpret_cast<char*>(dst)))
    return corrupt_data("snappy: corrupt compressed block");
  out.commit(n);
  return {};
}

}  // namespace snappy_codec
LAKECODEC_NAMESPACE_END
#endif  // LAKECODEC_WITH_SNAPPY
