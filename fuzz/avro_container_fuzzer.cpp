// Fuzzes the Avro container reader: any bytes must give records or an error, never a crash.
// Every record is decoded (into one reused value) and counted; the oracles run on the first
// kOracleRecords records: the streaming reader and the random-access (source) reader must agree
// with the span reader, records that read
// successfully are rewritten (generic values, null codec) and must read back to the same values,
// and they must print as JSON. Keeping thousands of generic value trees per input (four copies:
// span, streamed, rewritten, read back) made this harness allocation-bound under ASan, at ~570
// exec/s against 7,000-47,000 for the others (fuzz/README.md).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "fuzz_limits.hpp"
#include "lakecodec/avro.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lakecodec;
  avro::reader_options ro;
  ro.limits = lakecodec_fuzz::fuzz_limits();
  auto r = avro::container_reader::open(byte_span(data, size), ro);
  if (!r) return 0;
  constexpr size_t kOracleRecords = 64;
  std::vector<avro::value> recs;
  avro::value v;
  for (int i = 0; i < 100000; ++i) {
    auto more = r->next(v);
    if (!more || !*more) break;
    if (recs.size() < kOracleRecords) recs.push_back(v);
  }
  // The streaming reader (fed 3 bytes at a time) must agree with the span reader.
  struct trickle final : avro::input_source {
    byte_span b;
    size_t pos = 0;
    result<size_t> read(uint8_t* dst, size_t n) override {
      const size_t k = std::min({n, size_t{3}, b.size - pos});
      std::memcpy(dst, b.data + pos, k);
      pos += k;
      return k;
    }
  };
  if (!r->is_legacy_format()) {
    auto src = std::make_unique<trickle>();
    src->b = byte_span(data, size);
    auto sr = avro::container_reader::open(std::move(src), ro);
    if (!sr) std::abort();
    std::vector<avro::value> streamed;
    for (size_t i = 0; i < recs.size(); ++i) {
      auto more = sr->next(v);
      if (!more || !*more) std::abort();
      streamed.push_back(std::move(v));
    }
    if (streamed != recs) std::abort();
  }
  // So must the reader over a random-access source (legacy files included: read whole).
  const memory_source mem(byte_span(data, size));
  auto mr = avro::container_reader::open(mem, ro);
  if (!mr) std::abort();
  for (size_t i = 0; i < recs.size(); ++i) {
    auto more = mr->next(v);
    if (!more || !*more || v != recs[i]) std::abort();
  }
  auto again = avro::write_container(r->writer_schema(), recs);
  if (!again) std::abort();  // values that were decoded must encode
  auto back = avro::read_container(again->span(), ro);
  if (!back || *back != recs) std::abort();
  std::string json;
  for (const auto& rec : recs) avro::to_json(r->writer_schema().root(), rec, json);
  return 0;
}
