#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "../test_support.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/crc32.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/hash.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/core/varint.hpp"

using namespace lakecodec;

namespace {
result<int> parse_positive(int v) {
  if (v <= 0) return invalid_argument("expected a positive number, got " + std::to_string(v));
  return v;
}
status use_try(int v, int& out) {
  LAKECODEC_ASSIGN_OR_RETURN(out, parse_positive(v));
  LAKECODEC_TRY(parse_positive(v - 1));
  return {};
}
}  // namespace

TEST(StatusTest, CarriesCodeMessageAndOffset) {
  status s = corrupt_data("avro: block count -3 is negative", 812);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), errc::corrupt_data);
  EXPECT_EQ(s.offset(), 812);
  EXPECT_EQ(s.to_string(), "corrupt_data: avro: block count -3 is negative (at byte 812)");
  EXPECT_EQ(s.with_context("f.avro").message(), "f.avro: avro: block count -3 is negative");
  EXPECT_TRUE(status().ok());
}

TEST(StatusTest, TryAndAssignPropagateTheFirstError) {
  int out = 0;
  EXPECT_TRUE(use_try(5, out).ok());
  EXPECT_EQ(out, 5);
  status s = use_try(1, out);
  EXPECT_EQ(s.code(), errc::invalid_argument);
  EXPECT_EQ(s.message(), "expected a positive number, got 0");
  EXPECT_EQ(use_try(-2, out).message(), "expected a positive number, got -2");
}

TEST(ResultTest, HoldsMoveOnlyValuesAndErrors) {
  result<std::unique_ptr<int>> r(std::make_unique<int>(7));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(**r, 7);
  result<std::unique_ptr<int>> moved = std::move(r);
  EXPECT_EQ(*moved.value(), 7);
  result<std::string> e = io_error("disk full");
  EXPECT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code(), errc::io_error);
  EXPECT_EQ(e.value_or("fallback"), "fallback");
}

TEST(VarintTest, ZigzagRoundTripsEdgeValues) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{-64}, int64_t{63},
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(zigzag_decode64(zigzag_encode64(v)), v);
  }
  for (int32_t v :
       {0, -1, 1, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()})
    EXPECT_EQ(zigzag_decode32(zigzag_encode32(v)), v);
  EXPECT_EQ(zigzag_encode64(-1), 1u);
  EXPECT_EQ(zigzag_encode64(1), 2u);
  EXPECT_EQ(zigzag_encode32(std::numeric_limits<int32_t>::min()), 0xffffffffu);
}

TEST(VarintTest, EncodesAndDecodesThroughBoundedReader) {
  byte_buffer b;
  const uint64_t values[] = {0, 1, 127, 128, 300, 16383, 16384, 0xffffffffu, ~uint64_t{0}};
  for (uint64_t v : values) b.append_uvarint(v);
  b.append_zigzag(std::numeric_limits<int64_t>::min());
  bounded_reader r(b.span());
  for (uint64_t v : values) {
    auto got = r.read_uvarint64();
    ASSERT_TRUE(got) << got.error().to_string();
    EXPECT_EQ(*got, v);
  }
  EXPECT_EQ(*r.read_zigzag64(), std::numeric_limits<int64_t>::min());
  EXPECT_TRUE(r.at_end());
  EXPECT_EQ(uvarint_size(300), 2u);
  EXPECT_EQ(uvarint_size(~uint64_t{0}), 10u);
}

TEST(BoundedReaderTest, RejectsTruncatedOverlongAndOverflowingVarints) {
  const uint8_t truncated[] = {0x80, 0x80};
  auto a = bounded_reader(truncated, sizeof truncated, 100).read_uvarint64("block count");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code(), errc::truncated);
  EXPECT_EQ(a.error().offset(), 100);
  EXPECT_NE(a.error().message().find("block count"), std::string::npos);

  const uint8_t overlong[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  auto d = bounded_reader(overlong, sizeof overlong).read_uvarint64();
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code(), errc::corrupt_data);
  EXPECT_NE(d.error().message().find("longer than 10 bytes"), std::string::npos);

  const uint8_t big32[] = {0x80, 0x80, 0x80, 0x80, 0x10};
  auto c = bounded_reader(big32, sizeof big32).read_uvarint32();
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), errc::corrupt_data);
}

// A 10th byte carrying bits above bit 63 keeps the low 64 bits, as Java's BinaryDecoder.readLong
// and fastavro read it (duckdb-iceberg wrote snapshot id 9876543210123456789 that way).
TEST(BoundedReaderTest, TenthByteBitsAbove64AreDropped) {
  const uint8_t high[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};
  auto a = bounded_reader(high, sizeof high).read_uvarint64();
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(*a, uint64_t{0x7fffffffffffffff});  // bit 63 from 0x02's bit 0 (clear)
  const uint8_t all[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  auto b = bounded_reader(all, sizeof all).read_uvarint64();
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(*b, ~uint64_t{0});
  // zigzag(9876543210123456789) needs 65 bits; Java reads the long 653171173268680981.
  const uint8_t snapshot[] = {0xaa, 0xc4, 0xa3, 0x83, 0x96, 0xee, 0xc3, 0x90, 0x92, 0x02};
  bounded_reader r(snapshot, sizeof snapshot);
  auto c = r.read_zigzag64();
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_EQ(*c, int64_t{653171173268680981});
  EXPECT_EQ(r.remaining(), 0u);
  // An 11th byte is still refused, whatever the 10th carried.
  const uint8_t eleven[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  auto e = bounded_reader(eleven, sizeof eleven).read_uvarint64();
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), errc::corrupt_data);
}

TEST(BoundedReaderTest, NeverReadsPastTheEnd) {
  const uint8_t bytes[] = {1, 2, 3};
  bounded_reader r(bytes, 3);
  EXPECT_FALSE(r.read_le<uint32_t>());
  EXPECT_EQ(r.remaining(), 3u);  // a failed read consumes nothing
  EXPECT_EQ(*r.read_le<uint16_t>(), 0x0201);
  EXPECT_FALSE(r.read_bytes(2));
  EXPECT_EQ((*r.read_bytes(1))[0], 3);
  EXPECT_FALSE(r.read_u8());
  EXPECT_FALSE(r.skip(1));
}

TEST(BoundedReaderTest, CheckCountRejectsNegativeHugeAndImpossibleCounts) {
  const uint8_t bytes[8] = {};
  bounded_reader r(bytes, 8);
  EXPECT_EQ(r.check_count(-3, 100, 1, "block count", 0).code(), errc::corrupt_data);
  EXPECT_EQ(r.check_count(1000, 100, 0, "block count", 0).code(), errc::limit_exceeded);
  EXPECT_EQ(r.check_count(9, 100, 1, "block count", 0).code(), errc::truncated);
  EXPECT_TRUE(r.check_count(8, 100, 1, "block count", 0).ok());
}

TEST(EndianTest, LoadsAndStoresBothOrders) {
  uint8_t b[8];
  store_le<uint32_t>(b, 0x11223344u);
  EXPECT_EQ(b[0], 0x44);
  EXPECT_EQ(load_le<uint32_t>(b), 0x11223344u);
  store_be<uint32_t>(b, 0x11223344u);
  EXPECT_EQ(b[0], 0x11);
  EXPECT_EQ(load_be<uint32_t>(b), 0x11223344u);
  store_be<int64_t>(b, -2);
  EXPECT_EQ(b[7], 0xfe);
  EXPECT_EQ(load_be<int64_t>(b), -2);
  store_le<double>(b, 1.5);
  EXPECT_EQ(load_le<double>(b), 1.5);
  EXPECT_EQ(byteswap<uint16_t>(0x1234), 0x3412);
}

TEST(ByteBufferTest, GrowsAppendsAndMoves) {
  byte_buffer b;
  for (int i = 0; i < 1000; ++i) b.push_back(static_cast<uint8_t>(i));
  b.append(std::string_view("xyz"));
  b.append_le<uint16_t>(0xabcd);
  b.append_be<uint16_t>(0xabcd);
  ASSERT_EQ(b.size(), 1007u);
  EXPECT_EQ(b[999], static_cast<uint8_t>(999 & 0xff));
  EXPECT_EQ(b[1003], 0xcd);
  EXPECT_EQ(b[1005], 0xab);
  byte_buffer c = std::move(b);
  EXPECT_EQ(c.size(), 1007u);
  EXPECT_EQ(b.size(), 0u);
  byte_buffer d = c;
  EXPECT_EQ(d.span(), c.span());
}

TEST(Crc32Test, MatchesTheStandardCheckValueAndChains) {
  const char* check = "123456789";
  EXPECT_EQ(crc32(check, 9), 0xCBF43926u);
  EXPECT_EQ(crc32(check + 4, 5, crc32(check, 4)), 0xCBF43926u);
  EXPECT_EQ(crc32("", 0), 0u);
  std::string big(100000, 'a');
  uint32_t whole = crc32(big.data(), big.size());
  uint32_t parts = crc32(big.data() + 33333, big.size() - 33333, crc32(big.data(), 33333));
  EXPECT_EQ(whole, parts);
}

TEST(Murmur3Test, MatchesIcebergSpecVectors) {
  // Iceberg spec Appendix B: hash values of the serialized forms.
  EXPECT_EQ(static_cast<int32_t>(murmur3_x86_32_int64(34)), 2017239379);
  const char* iceberg = "iceberg";
  EXPECT_EQ(static_cast<int32_t>(murmur3_x86_32(iceberg, 7)), 1210000089);
  uint8_t le34[8];
  store_le<int64_t>(le34, 34);
  EXPECT_EQ(murmur3_x86_32(le34, 8), murmur3_x86_32_int64(34));
  // Reference values of the public algorithm (SMHasher): empty input, seed 0 and 1.
  EXPECT_EQ(murmur3_x86_32("", 0, 0), 0u);
  EXPECT_EQ(murmur3_x86_32("", 0, 1), 0x514E28B7u);
  EXPECT_EQ(murmur3_x86_32("\xff\xff\xff\xff", 4, 0), 0x76293B50u);
  EXPECT_EQ(murmur3_x86_32("\x21\x43\x65\x87", 4, 0), 0xF55B516Bu);
  EXPECT_EQ(murmur3_x86_32("\x21\x43\x65", 3, 0), 0x7E4A8634u);
  EXPECT_EQ(murmur3_x86_32("\x21\x43", 2, 0), 0xA0F7B07Au);
  EXPECT_EQ(murmur3_x86_32("\x21", 1, 0), 0x72661CF4u);
}

TEST(FileSinkTest, PublishesAtomicallyAndNeverReplaces) {
  std::string dir = lakecodec_test::scratch_dir("sink");
  std::string path = dir + "/out.bin";
  {
    auto s = file_sink::open(path);
    ASSERT_TRUE(s) << s.error().to_string();
    ASSERT_TRUE(s->write(byte_span(std::string_view("hello"))).ok());
    EXPECT_NE(::access(path.c_str(), F_OK), 0) << "visible before close";
    ASSERT_TRUE(s->close().ok());
  }
  EXPECT_EQ(lakecodec_test::read_all(path).view(), "hello");
  {
    auto s = file_sink::open(path);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->write(byte_span(std::string_view("other"))).ok());
    status st = s->close();
    EXPECT_EQ(st.code(), errc::already_exists);
  }
  EXPECT_EQ(lakecodec_test::read_all(path).view(), "hello");
  {
    auto s = file_sink::open(dir + "/abandoned.bin");
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->write(byte_span(std::string_view("partial"))).ok());
  }  // destroyed without close: nothing is left behind
  auto listing = lakecodec_test::run_command("ls -A '" + dir + "'");
  EXPECT_EQ(listing.output, "out.bin\n");
}
