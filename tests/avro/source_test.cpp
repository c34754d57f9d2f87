// The container reader over random-access sources (file, memory, caller-supplied) and its runtime
// limits: every source reads the same records as the span reader, a source that ends early is an
// error naming the offset, and limits lower than the defaults refuse files the defaults accept.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using namespace lakecodec;
using lakecodec_test::read_all;
using lakecodec_test::shared_path;

namespace {

// {"id": long, "tags": array<string>, "child": {"inner": {"leaf": int}}}
const char* kSchema = R"({"type":"record","name":"r","fields":[
  {"name":"id","type":"long"},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"child","type":{"type":"record","name":"c","fields":[
    {"name":"inner","type":{"type":"record","name":"i","fields":[{"name":"leaf","type":"int"}]}}]}}]})";

avro::value record(int64_t id, int tags) {
  std::vector<avro::value> t;
  for (int i = 0; i < tags; ++i) t.push_back(avro::value::string("tag" + std::to_string(i)));
  return avro::value::record(
      {avro::value::int64(id), avro::value::array(std::move(t)),
       avro::value::record({avro::value::record({avro::value::int32(static_cast<int32_t>(id))})})});
}

// 100 records in blocks of 10, each with 30 tags, written with `codec`.
byte_buffer sample_file(avro::codec codec = avro::codec::null) {
  auto s = avro::schema::parse(kSchema);
  EXPECT_TRUE(s) << s.error().to_string();
  std::vector<avro::value> recs;
  for (int i = 0; i < 100; ++i) recs.push_back(record(i, 30));
  avro::writer_options o;
  o.codec = codec;
  o.block_records = 10;
  auto file = avro::write_container(*s, recs, o);
  EXPECT_TRUE(file) << file.error().to_string();
  return std::move(file).value();
}

result<std::vector<avro::value>> read_with(const source& src, avro::reader_options o = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(src, o));
  return r.read_all();
}

TEST(AvroSourceTest, EverySourceKindReadsWhatTheSpanReaderReads) {
  const std::string dir = lakecodec_test::scratch_dir("avro-source");
  for (const char* name : {"weather.avro", "weather-deflate.avro", "weather-snappy.avro",
                           "weather-zstd.avro", "syncInMeta.avro", "test.avro12"}) {
    const std::string path = shared_path(std::string("conformance/avro/data/") + name);
    const byte_buffer bytes = read_all(path);
    auto want = avro::read_container(bytes.span());
    ASSERT_TRUE(want) << name << ": " << want.error().to_string();

    const memory_source mem(bytes.span());
    auto got = read_with(mem);
    ASSERT_TRUE(got) << name << ": " << got.error().to_string();
    EXPECT_EQ(*got, *want) << name;

    auto file = file_source::open(path);
    ASSERT_TRUE(file) << file.error().to_string();
    got = read_with(*file);
    ASSERT_TRUE(got) << name << ": " << got.error().to_string();
    EXPECT_EQ(*got, *want) << name;

    int calls = 0;
    const function_source fn(bytes.size(), [&](uint64_t offset, size_t len, uint8_t* dst) {
      ++calls;
      std::memcpy(dst, bytes.data() + offset, len);
      return status();
    });
    got = read_with(fn);
    ASSERT_TRUE(got) << name << ": " << got.error().to_string();
    EXPECT_EQ(*got, *want) << name;
    EXPECT_GT(calls, 0);
  }
}

TEST(AvroSourceTest, TypedBlockPathReadsThroughASource) {
  const byte_buffer bytes = sample_file(avro::codec::deflate);
  const function_source fn(bytes.size(), [&](uint64_t offset, size_t len, uint8_t* dst) {
    std::memcpy(dst, bytes.data() + offset, len);
    return status();
  });
  auto r = avro::container_reader::open(fn);
  ASSERT_TRUE(r) << r.error().to_string();
  avro::block_view b;
  int blocks = 0;
  for (;;) {
    auto more = r->next_block(b);
    ASSERT_TRUE(more) << more.error().to_string();
    if (!*more) break;
    ++blocks;
    avro::decoder d(b.data, b.offset, r->input_limits());
    for (int64_t i = 0; i < b.count; ++i) (void)avro::decode(r->writer_schema().root(), d);
    EXPECT_TRUE(d.ok() && d.at_end());
  }
  EXPECT_EQ(blocks, 10);
}

TEST(AvroSourceTest, ASourceThatEndsEarlyNamesTheOffset) {
  const byte_buffer bytes = sample_file();
  // The source claims the full size but its reader can only serve the first half.
  const uint64_t half = bytes.size() / 2;
  const function_source fn(
      bytes.size(),
      [&](uint64_t offset, size_t len, uint8_t* dst) -> status {
        if (offset + len > half)
          return truncated_input("object ends at " + std::to_string(half),
                                 static_cast<int64_t>(offset));
        std::memcpy(dst, bytes.data() + offset, len);
        return status();
      },
      "s3://bucket/cut.avro");
  auto got = read_with(fn);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), errc::truncated);
  EXPECT_NE(got.error().message().find("object ends at"), std::string::npos)
      << got.error().to_string();

  // A memory source over a cut file: the reader sees the end and reports the block it lost.
  const memory_source cut(byte_span(bytes.data(), static_cast<size_t>(half)));
  got = read_with(cut);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code(), errc::truncated) << got.error().to_string();
  EXPECT_GE(got.error().offset(), 0);
}

TEST(AvroSourceTest, RuntimeLimitsBelowTheDefaultsRefuseWhatTheDefaultsAccept) {
  const byte_buffer bytes = sample_file(avro::codec::deflate);
  const memory_source mem(bytes.span());
  ASSERT_TRUE(read_with(mem)) << "the defaults accept the file";
  ASSERT_TRUE(avro::read_container(bytes.span()));

  struct one_limit {
    const char* what;
    void (*set)(limits&);
    const char* message;
  };
  const one_limit cases[] = {
      {"records per block", [](limits& l) { l.max_collection_count = 9; }, "block count 10"},
      {"array items", [](limits& l) { l.max_collection_count = 29; }, "items exceeds the limit 29"},
      {"nesting", [](limits& l) { l.max_nesting_depth = 2; }, "nests deeper than 2"},
      {"decompressed block", [](limits& l) { l.max_decompressed_size = 1000; }, "deflate block"},
      {"schema text", [](limits& l) { l.max_schema_size = 100; }, "avro.schema of"},
  };
  for (const one_limit& c : cases) {
    avro::reader_options o;
    c.set(o.limits);
    for (int path = 0; path < 2; ++path) {
      result<std::vector<avro::value>> got =
          path == 0 ? read_with(mem, o) : avro::read_container(bytes.span(), o);
      ASSERT_FALSE(got) << c.what << (path == 0 ? " (source)" : " (span)");
      EXPECT_EQ(got.error().code(), errc::limit_exceeded)
          << c.what << ": " << got.error().to_string();
      EXPECT_NE(got.error().message().find(c.message), std::string::npos)
          << c.what << ": " << got.error().to_string();
    }
  }
  // max_block_bytes, when given, still overrides the decompressed-size limit.
  avro::reader_options o;
  o.limits.max_decompressed_size = 1000;
  o.max_block_bytes = size_t{1} << 20;
  EXPECT_TRUE(read_with(mem, o));
}

TEST(AvroSourceTest, LegacyFilesReadWholeAreBoundByTheAllocationLimit) {
  const byte_buffer bytes = read_all(shared_path("conformance/avro/data/test.avro12"));
  const memory_source mem(bytes.span());
  auto r = avro::container_reader::open(mem);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_TRUE(r->is_legacy_format());
  avro::reader_options o;
  o.limits.max_allocation = static_cast<int64_t>(bytes.size()) - 1;
  auto refused = avro::container_reader::open(mem, o);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), errc::limit_exceeded) << refused.error().to_string();
}

}  // namespace
