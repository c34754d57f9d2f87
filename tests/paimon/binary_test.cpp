// BinaryRow / BinaryArray / BinaryMap layout and bucket hashing.
#include "lakecodec/paimon.hpp"
#include "../test_support.hpp"

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
