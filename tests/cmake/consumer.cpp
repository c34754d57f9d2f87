// A tiny consumer of lakecodec: uses errors-as-values, a codec, the columnar view and CRC-32.
// Built four ways by run_consumer_tests.sh: add_subdirectory, find_package, one copied header,
// the installed single headers (lakecodec/single/).
#if defined(LAKECODEC_CONSUMER_INSTALLED_SINGLE)
#include <lakecodec/single/core.hpp>
#elif defined(LAKECODEC_CONSUMER_SINGLE_HEADER)
#include "lakecodec/core.hpp"
#else
#include <lakecodec/core.hpp>
#endif

#include <cstdio>
#include <string>

int main() {
  using namespace lakecodec;
  const std::string text(10000, 'x');
  byte_buffer packed, unpacked;
  status s = compress(compression::zstd, byte_span(text), packed);
  if (!s.ok()) return std::printf("compress: %s\n", s.to_string().c_str()), 1;
  s = decompress(compression::zstd, packed.span(), unpacked, text.size());
  if (!s.ok() || unpacked.view() != text) return std::printf("decompress failed\n"), 1;
  const int32_t values[] = {3, -1, 7};
  column_view c;
  c.type = types::int32();
  c.length = 3;
  c.values = values;
  int64_t sum = 0;
  for_each_value<int32_t>(c, [&](int64_t, int32_t v) { sum += v; });
  if (sum != 9) return std::printf("sum %lld\n", static_cast<long long>(sum)), 1;
  std::printf("consumer ok: crc %08x, %zu -> %zu bytes\n", crc32(text.data(), text.size()),
              text.size(), packed.size());
  return 0;
}
