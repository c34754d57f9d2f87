// Fuzzes Iceberg table metadata JSON parsing (and schema/value parsing reached through it).
// Oracles: no crash or sanitizer report; whatever parses prints and re-parses to an equal model,
// and printing is deterministic.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lakecodec/iceberg.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ice = lakecodec::iceberg;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto m = ice::parse_table_metadata_bytes(lakecodec::byte_span(data, size));
  if (m) {
    const std::string printed = ice::print_table_metadata(*m);
    auto again = ice::parse_table_metadata(printed);
    if (!again || !(*again == *m) || ice::print_table_metadata(*again) != printed) std::abort();
  }
  // The same bytes as a schema and as a JSON row for the columnar bridge.
  auto s = ice::parse_schema(text);
  if (s) {
    auto again = ice::parse_schema(ice::print_schema(*s));
    if (!again || !(*again == *s)) std::abort();
    auto cs = ice::to_columnar_schema(*s);
    if (cs) {
      lakecodec::batch_builder b(*cs);
      auto row = ice::ordered_json::parse(text, nullptr, false);
      if (!row.is_discarded()) (void)ice::append_json_row(b, *s, row);
      (void)b.finish();
    }
  }
  return 0;
}
