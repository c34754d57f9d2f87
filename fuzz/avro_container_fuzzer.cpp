// Fuzzes the Avro container reader: any bytes must give records or an error, never a crash.
// Oracle: files that read successfully are rewritten (generic values, null codec) and must read
// back to the same values.
#include <cstdint>
#include <cstdlib>

#include "lakecodec/avro.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lakecodec;
  auto r = avro::container_reader::open(byte_span(data, size));
  if (!r) return 0;
  std::vector<avro::value> recs;
  avro::value v;
  for (int i = 0; i < 100000; ++i) {
    auto more = r->next(v);
    if (!more || !*more) break;
    recs.push_back(std::move(v));
  }
  auto again = avro::write_container(r->writer_schema(), recs);
  if (!again) std::abort();  // values that were decoded must encode
  auto back = avro::read_container(again->span());
  if (!back || *back != recs) std::abort();
  std::string json;
  for (const auto& rec : recs) avro::to_json(r->writer_schema().root(), rec, json);
  return 0;
}
