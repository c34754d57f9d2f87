#include "lakecodec/codec/codec.hpp"

#include <gtest/gtest.h>
#include <zstd.h>

#include <random>
#include <string>

using namespace lakecodec;

namespace {
const compression all_codecs[] = {compression::none,    compression::snappy, compression::gzip,
                                  compression::deflate, compression::zlib,   compression::zstd};

std::string sample_text(size_t n) {
  std::mt19937 rng(42);
  std::string s;
  const char* words[] = {"lake",    "codec",  "parquet",          "avro",
                         "iceberg", "paimon", "\xc3\xa9t\xc3\xa9"};
  while (s.size() < n) s += std::string(words[rng() % 7]) + (rng() % 3 ? " " : "\n");
  s.resize(n);
  return s;
}
}  // namespace

TEST(CodecTest, EveryCodecRoundTripsEmptySmallAndLargeInputs) {
  for (compression c : all_codecs) {
    ASSERT_TRUE(compression_available(c)) << compression_name(c);
    for (size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{3} << 20}) {
      const std::string input = sample_text(n);
      byte_buffer packed, unpacked;
      packed.append(std::string_view("prefix"));  // output is appended, not overwritten
      ASSERT_TRUE(compress(c, byte_span(input), packed).ok()) << compression_name(c);
      byte_span body = packed.span().subspan(6, packed.size() - 6);
      ASSERT_TRUE(decompress(c, body, unpacked, input.size()).ok()) << compression_name(c) << n;
      EXPECT_EQ(unpacked.view(), input) << compression_name(c) << " n=" << n;
      if (n > 1000 && c != compression::none) {
        EXPECT_LT(body.size, n / 2);
      }
    }
  }
}

TEST(CodecTest, CompressorReusesItsContextAcrossCalls) {
  compressor z(compression::zstd, 5);
  decompressor d(compression::zstd);
  for (int i = 0; i < 5; ++i) {
    const std::string input = sample_text(10000 + i);
    byte_buffer packed, unpacked;
    ASSERT_TRUE(z.compress(byte_span(input), packed).ok());
    ASSERT_TRUE(d.decompress(packed.span(), unpacked, input.size()).ok());
    EXPECT_EQ(unpacked.view(), input);
  }
}

TEST(CodecTest, GzipOutputIsRfc1952AndRawDeflateHasNoHeader) {
  byte_buffer gz, raw;
  ASSERT_TRUE(compress(compression::gzip, byte_span(std::string_view("hello")), gz).ok());
  ASSERT_GE(gz.size(), 10u);
  EXPECT_EQ(gz[0], 0x1f);
  EXPECT_EQ(gz[1], 0x8b);
  ASSERT_TRUE(compress(compression::deflate, byte_span(std::string_view("hello")), raw).ok());
  EXPECT_NE(raw[0], 0x78);  // no zlib header
  byte_buffer out;
  EXPECT_FALSE(decompress(compression::zlib, raw.span(), out, 100).ok());
}

TEST(CodecTest, GzipAcceptsConcatenatedMembers) {
  byte_buffer two;
  ASSERT_TRUE(compress(compression::gzip, byte_span(std::string_view("first ")), two).ok());
  ASSERT_TRUE(compress(compression::gzip, byte_span(std::string_view("second")), two).ok());
  byte_buffer out;
  ASSERT_TRUE(decompress(compression::gzip, two.span(), out, 100).ok());
  EXPECT_EQ(out.view(), "first second");
}

TEST(CodecTest, ZstdFramesWithoutContentSizeAndConcatenatedFramesDecode) {
  // Java's ZstdOutputStream writes streaming frames that do not declare their size.
  const std::string input = sample_text(200000);
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
  std::string frame(ZSTD_compressBound(input.size()) + 64, '\0');
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  ZSTD_outBuffer out{frame.data(), frame.size(), 0};
  ASSERT_EQ(ZSTD_compressStream2(cctx, &out, &in, ZSTD_e_end), 0u);
  ZSTD_freeCCtx(cctx);
  frame.resize(out.pos);
  ASSERT_EQ(ZSTD_getFrameContentSize(frame.data(), frame.size()), ZSTD_CONTENTSIZE_UNKNOWN);
  byte_buffer got;
  ASSERT_TRUE(decompress(compression::zstd, byte_span(frame), got, input.size()).ok());
  EXPECT_EQ(got.view(), input);

  byte_buffer two;
  ASSERT_TRUE(compress(compression::zstd, byte_span(std::string_view("ab")), two).ok());
  ASSERT_TRUE(compress(compression::zstd, byte_span(std::string_view("cd")), two).ok());
  byte_buffer joined;
  ASSERT_TRUE(decompress(compression::zstd, two.span(), joined, 10).ok());
  EXPECT_EQ(joined.view(), "abcd");
}

TEST(CodecTest, DecompressionBombsStopAtTheCapWithoutAllocatingTheirClaim) {
  const std::string zeros(64 << 20, '\0');  // 64 MiB of zeros compresses to almost nothing
  const size_t cap = 1 << 20;
  for (compression c : {compression::snappy, compression::gzip, compression::deflate,
                        compression::zlib, compression::zstd}) {
    byte_buffer bomb;
    ASSERT_TRUE(compress(c, byte_span(zeros), bomb).ok());
    ASSERT_LT(bomb.size(), zeros.size() / 20) << compression_name(c);
    byte_buffer out;
    status s = decompress(c, bomb.span(), out, cap);
    EXPECT_EQ(s.code(), errc::limit_exceeded) << compression_name(c) << ": " << s.to_string();
    EXPECT_LE(out.capacity(), 4 * cap) << compression_name(c) << " allocated beyond the cap";
  }
  byte_buffer out;
  EXPECT_EQ(decompress(compression::none, byte_span(zeros), out, cap).code(), errc::limit_exceeded);
}

TEST(CodecTest, CorruptAndTruncatedInputGiveErrorsNotCrashes) {
  const std::string input = sample_text(50000);
  for (compression c : {compression::snappy, compression::gzip, compression::deflate,
                        compression::zlib, compression::zstd}) {
    byte_buffer packed;
    ASSERT_TRUE(compress(c, byte_span(input), packed).ok());
    byte_buffer out;
    status cut = decompress(c, packed.span().subspan(0, packed.size() / 2), out, input.size());
    EXPECT_FALSE(cut.ok()) << compression_name(c);
    std::string garbage(packed.view());
    for (size_t i = 0; i < garbage.size(); i += 7)
      garbage[i] = static_cast<char>(garbage[i] ^ 0x5a);
    byte_buffer out2;
    status bad = decompress(c, byte_span(garbage), out2, input.size());
    EXPECT_FALSE(bad.ok() && out2.view() == input) << compression_name(c);
    byte_buffer out3;
    EXPECT_FALSE(decompress(c, byte_span(std::string_view("\x01\x02\x03")), out3, 100).ok())
        << compression_name(c);
  }
}

TEST(CodecTest, NamesParseAndPrint) {
  for (compression c : all_codecs) EXPECT_EQ(*parse_compression(compression_name(c)), c);
  EXPECT_EQ(*parse_compression("zstandard"), compression::zstd);
  EXPECT_EQ(*parse_compression("uncompressed"), compression::none);
  EXPECT_EQ(parse_compression("lz4").error().code(), errc::invalid_argument);
}

// Issue 10 item 3: a level outside the codec's range is a usage error naming the range, checked
// before zlib/zstd see it (gzip level 15 used to surface as "internal: zlib: deflateInit2
// failed").
TEST(CodecTest, LevelsOutsideTheRangeAreInvalidArguments) {
  const std::string input = sample_text(1000);
  struct bad_level {
    compression c;
    int level;
    const char* range;
  };
  for (const bad_level& b :
       {bad_level{compression::gzip, 15, "0..9"}, bad_level{compression::deflate, 10, "0..9"},
        bad_level{compression::zlib, 100, "0..9"}, bad_level{compression::zstd, 23, "0..22"},
        bad_level{compression::zstd, 1000, "0..22"}}) {
    SCOPED_TRACE(std::string(compression_name(b.c)) + " " + std::to_string(b.level));
    const status st = check_compression_level(b.c, b.level);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), errc::invalid_argument);
    EXPECT_NE(st.message().find(b.range), std::string::npos) << st.to_string();
    EXPECT_NE(st.message().find(std::to_string(b.level)), std::string::npos) << st.to_string();
    byte_buffer out;
    const status c = compress(b.c, byte_span(input), out, b.level);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.code(), errc::invalid_argument) << c.to_string();
    EXPECT_EQ(c.message(), st.message());
  }
  for (compression c : all_codecs) {
    const compression_level_range r = compression_levels(c);
    for (int level : {-1, r.min, r.max}) {
      EXPECT_TRUE(check_compression_level(c, level).ok()) << compression_name(c) << " " << level;
      byte_buffer packed, unpacked;
      ASSERT_TRUE(compress(c, byte_span(input), packed, level).ok()) << compression_name(c);
      ASSERT_TRUE(decompress(c, packed.span(), unpacked, input.size()).ok());
      EXPECT_EQ(unpacked.view(), input);
    }
  }
  // Codecs without levels ignore them.
  EXPECT_TRUE(check_compression_level(compression::snappy, 15).ok());
  // The zlib layer alone refuses too, instead of reporting an internal error.
  byte_buffer out;
  const status z = zlib_codec::compress(byte_span(input), out, zlib_codec::wrapping::gzip, 15);
  EXPECT_EQ(z.code(), errc::invalid_argument) << z.to_string();
}
