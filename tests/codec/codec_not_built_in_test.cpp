#include <gtest/gtest.h>

#include "lakecodec/codec/codec.hpp"

using namespace lakecodec;

TEST(CodecNotBuiltInTest, ReportsUnsupportedCodecForEveryLibraryCodec) {
  static_assert(!compression_available(compression::zstd), "built without zstd");
  byte_buffer out;
  for (compression c : {compression::snappy, compression::gzip, compression::deflate,
                        compression::zlib, compression::zstd}) {
    EXPECT_FALSE(compression_available(c));
    status s = compress(c, byte_span(std::string_view("abc")), out);
    EXPECT_EQ(s.code(), errc::unsupported_codec) << compression_name(c);
    EXPECT_NE(s.message().find(compression_name(c)), std::string::npos);
    EXPECT_EQ(decompress(c, byte_span(std::string_view("abc")), out).code(),
              errc::unsupported_codec);
  }
  ASSERT_TRUE(compress(compression::none, byte_span(std::string_view("abc")), out).ok());
  EXPECT_EQ(out.view(), "abc");
}
