// BinaryRow / BinaryArray / BinaryMap layout and bucket hashing.
#include "../test_support.hpp"
#include "lakecodec/paimon.hpp"

namespace paimon = lakecodec::paimon;

TEST(PaimonBinaryRowTest, InlinesShortStringsAndPadsLongOnes) {
  paimon::binary_row_writer w(2);
  w.write_string(0, "abc");
  w.write_string(1, "abcdefghij");
  auto b = w.bytes();
  ASSERT_EQ(b.size, 8u + 16u + 16u);
  EXPECT_EQ(b[8], 'a');
  EXPECT_EQ(b[15], 0x83);
  EXPECT_EQ(lakecodec::load_le<uint64_t>(b.data + 16), (uint64_t{24} << 32) | 10);
  EXPECT_EQ(b[24 + 10], 0);
  auto v = paimon::binary_row_view::make(b, 2);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->get_string(0), "abc");
  EXPECT_EQ(*v->get_string(1), "abcdefghij");
}

TEST(PaimonBinaryRowTest, NullNonCompactValuesStillReserveVarSpace) {
  using paimon::make_field;
  std::vector<paimon::data_field> f{make_field(0, "d", paimon::decimal_type(38, 2)),
                                    make_field(1, "t", paimon::timestamp_type(6)),
                                    make_field(2, "c", paimon::decimal_type(10, 2))};
  auto r =
      paimon::encode_row(f, {paimon::datum::null(), paimon::datum::null(), paimon::datum::null()});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->bytes.size(), 8u + 24u + 16u + 8u);  // fixed part + 16 (decimal) + 8 (timestamp)
  auto v = r->view();
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->is_null(0) && v->is_null(1) && v->is_null(2));
  EXPECT_EQ(v->slot(0), uint64_t{32} << 32);
  EXPECT_EQ(v->slot(1), uint64_t{48} << 32);
  EXPECT_EQ(v->slot(2), 0u);
}

TEST(PaimonBinaryRowTest, ArraysMapsAndNestedRowsRoundTrip) {
  using paimon::datum;
  using paimon::make_field;
  using paimon::make_type;
  using paimon::type_root;
  auto ints = paimon::array_type(make_type(type_root::int_));
  auto strs = paimon::array_type(make_type(type_root::varchar));
  auto m = paimon::map_type(make_type(type_root::varchar), make_type(type_root::bigint));
  auto row = paimon::row_type({make_field(1, "x", make_type(type_root::int_)),
                               make_field(2, "y", paimon::decimal_type(20, 3))});
  std::vector<paimon::data_field> f{make_field(0, "a", ints), make_field(1, "s", strs),
                                    make_field(2, "m", m), make_field(3, "r", row),
                                    make_field(4, "e", ints)};
  std::vector<datum> values{
      datum::of_children({datum::of_int(1), datum::null(), datum::of_int(-3)}),
      datum::of_children({datum::of_string("short"), datum::of_string("a longer string!")}),
      datum::of_children(
          {datum::of_string("k"), datum::of_int(7), datum::of_string("k2"), datum::null()}),
      datum::of_children(
          {datum::of_int(9), datum::of_string(paimon::decimal_unscaled_bytes(-12345))}),
      datum::of_children({})};
  auto r = paimon::encode_row(f, values);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->bytes.size() % 8, 0u);
  auto back = paimon::decode_row(r->span(), f);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_TRUE(*back == values);
  // The empty array is 8 bytes: count 0 and no null words, padded.
  auto v = r->view();
  auto e = v->get_nested(4);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->size, 8u);
}

TEST(PaimonBinaryRowTest, RejectsOffsetsOutsideTheRow) {
  paimon::binary_row_writer w(1);
  w.write_string(0, "0123456789abcdef");
  std::string bytes(w.bytes().as_string_view());
  auto ok = paimon::binary_row_view::make(lakecodec::byte_span(bytes), 1);
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(ok->get_string(0).has_value());
  bytes.resize(bytes.size() - 8);  // string now runs past the row
  auto v = paimon::binary_row_view::make(lakecodec::byte_span(bytes), 1);
  ASSERT_TRUE(v.has_value());
  auto s = v->get_string(0);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), lakecodec::errc::corrupt_data);
  // Too short for the arity.
  EXPECT_FALSE(paimon::binary_row_view::make(lakecodec::byte_span(bytes), 3).has_value());
  // An array whose count exceeds its bytes.
  std::string arr("\x10\x00\x00\x00\x00\x00\x00\x00", 8);
  EXPECT_FALSE(paimon::binary_array_view::make(lakecodec::byte_span(arr), 8).has_value());
}

TEST(PaimonBucketTest, JavaBucketFunctionOnTruncatingRemainder) {
  EXPECT_EQ(paimon::fixed_bucket(-7, 3), 1);
  EXPECT_EQ(paimon::fixed_bucket(7, 3), 1);
  EXPECT_EQ(paimon::fixed_bucket(INT32_MIN, 7), 2);  // |-2147483648 % 7| = 2
  // (5) with 100 buckets -> 96 (FixedBucketRowKeyExtractorTest).
  paimon::binary_row_writer w(1);
  w.write_int(0, 5);
  EXPECT_EQ(paimon::bucket_of_key_row(w.bytes(), 100), 96);
}
