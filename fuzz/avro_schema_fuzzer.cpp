// Fuzzes the Avro schema parser. Oracle: a schema that parses prints to JSON that parses again
// to the same Parsing Canonical Form and the same printed text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "lakecodec/avro.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lakecodec;
  auto s = avro::schema::parse(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!s) return 0;
  const std::string text = s->to_json();
  auto again = avro::schema::parse(text);
  if (!again) std::abort();
  if (avro::canonical_form(*again) != avro::canonical_form(*s)) std::abort();
  if (again->to_json() != text) std::abort();
  (void)avro::fingerprint64(*s);
  (void)avro::columnar_schema(*s);
  return 0;
}
