#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using namespace lakecodec;
using lakecodec_test::read_all;
using lakecodec_test::shared_path;

namespace {

std::vector<std::string> read_lines(const std::string& path) {
  auto b = read_all(path);
  std::vector<std::string> out;
  std::string cur;
  for (char c : b.view()) {
    if (c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

TEST(AvroContainerTest, ReadsJavaWrittenWeatherFilesWithEveryCodec) {
  const auto expected = read_lines(shared_path("conformance/avro/data/weather.json"));
  ASSERT_EQ(expected.size(), 5u);
  for (const char* name :
       {"weather.avro", "weather-deflate.avro", "weather-snappy.avro", "weather-zstd.avro"}) {
    auto bytes = read_all(shared_path(std::string("conformance/avro/data/") + name));
    auto r = avro::container_reader::open(bytes.span());
    ASSERT_TRUE(r.has_value()) << name << ": " << r.error().to_string();
    auto recs = r->read_all();
    ASSERT_TRUE(recs.has_value()) << name << ": " << recs.error().to_string();
    ASSERT_EQ(recs->size(), expected.size()) << name;
    for (size_t i = 0; i < expected.size(); ++i)
      EXPECT_EQ(avro::to_json(r->writer_schema(), (*recs)[i]), expected[i]) << name << " #" << i;
  }
}

TEST(AvroContainerTest, WritesAndReadsBackEveryCodec) {
  auto s = avro::schema::parse(R"({"type":"record","name":"r","fields":[
    {"name":"a","type":"long"},{"name":"b","type":["null","string"]},
    {"name":"c","type":{"type":"map","values":{"type":"array","items":"double"}}}]})");
  ASSERT_TRUE(s.has_value());
  std::vector<avro::value> recs;
  for (int i = 0; i < 1000; ++i) {
    recs.push_back(avro::value::record(
        {avro::value::int64(i * 1000003LL),
         i % 3 ? avro::value::union_of(1, avro::value::string(std::string(i % 7, 'x')))
               : avro::value::union_of(0, avro::value::null()),
         avro::value::map(
             {{"k" + std::to_string(i), avro::value::array({avro::value::float64(i * 0.5)})}})}));
  }
  for (auto c :
       {avro::codec::null, avro::codec::deflate, avro::codec::snappy, avro::codec::zstandard}) {
    avro::writer_options o;
    o.codec = c;
    o.block_records = 100;
    o.metadata = {{"user.key", "v"}};
    auto bytes = avro::write_container(*s, recs, o);
    ASSERT_TRUE(bytes.has_value()) << bytes.error().to_string();
    auto r = avro::container_reader::open(bytes->span());
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    ASSERT_NE(r->metadata("user.key"), nullptr);
    EXPECT_EQ(*r->metadata("avro.codec"), avro::codec_name(c));
    auto back = r->read_all();
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    EXPECT_EQ(*back, recs);
    EXPECT_EQ(r->blocks_read(), 10);
  }
}

TEST(AvroSingleObjectTest, DecodesAndReencodesJavaMessage) {
  auto schema_text = read_all(shared_path("conformance/avro/data/messageV1/test_schema.avsc"));
  auto s = avro::schema::parse(schema_text.view());
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  auto msg = read_all(shared_path("conformance/avro/data/messageV1/test_message.bin"));
  auto v = avro::decode_single_object(*s, msg.span());
  ASSERT_TRUE(v.has_value()) << v.error().to_string();
  EXPECT_EQ(avro::to_json(*s, *v), R"({"id":42,"name":"Bill","tags":["dog_lover","cat_hater"]})");
  byte_buffer again;
  ASSERT_TRUE(avro::encode_single_object(*s, *v, again).ok());
  EXPECT_TRUE(again.span() == msg.span());
  auto other = avro::schema::parse(R"("long")");
  EXPECT_EQ(avro::decode_single_object(*other, msg.span()).error().code(), errc::schema_mismatch);
}

namespace {
struct weather_visitor : avro::null_visitor {
  int64_t temp_sum = 0;
  int strings = 0;
  int records = 0;
  void on_int(const avro::node&, int32_t v) { temp_sum += v; }
  void on_string(const avro::node&, std::string_view s) { strings += s == "011990-99999"; }
  void end_record(const avro::node&) { ++records; }
};
}  // namespace

TEST(AvroVisitTest, WalksRecordsWithoutValues) {
  auto bytes = read_all(shared_path("conformance/avro/data/weather-zstd.avro"));
  auto r = avro::container_reader::open(bytes.span());
  ASSERT_TRUE(r.has_value());
  weather_visitor v;
  avro::block_view b;
  while (*r->next_block(b)) {
    avro::decoder d(b.data, b.offset);
    for (int64_t i = 0; i < b.count; ++i)
      ASSERT_TRUE(avro::visit(r->writer_schema().root(), d, v).ok());
  }
  EXPECT_EQ(v.records, 5);
  EXPECT_EQ(v.strings, 3);
  EXPECT_EQ(v.temp_sum, 0 + 22 - 11 + 111 + 78);
}

TEST(AvroEncodingTest, ReadsNegativeBlockCountsWithSizes) {
  auto s = avro::schema::parse(R"({"type":"array","items":"long"})");
  ASSERT_TRUE(s.has_value());
  // Block of -2 items with byte size 2, then a block of 1 item, then the end.
  const uint8_t bytes[] = {0x03, 0x04, 0x02, 0x04, 0x02, 0x06, 0x00};
  auto v = avro::decode(*s, byte_span(bytes, sizeof bytes));
  ASSERT_TRUE(v.has_value()) << v.error().to_string();
  ASSERT_EQ(v->items().size(), 3u);
  EXPECT_EQ(v->items()[0].as_long(), 1);
  EXPECT_EQ(v->items()[2].as_long(), 3);
  avro::decoder d(byte_span(bytes, sizeof bytes));
  EXPECT_TRUE(avro::skip(s->root(), d).ok());
  EXPECT_TRUE(d.at_end());
}

// Item 5 of issue 10: a 10-byte long whose last byte carries bits above bit 63 decodes to its low
// 64 bits, as Java's BinaryDecoder.readLong and fastavro read it; an 11th byte is refused. Both
// with bytes after the varint (the 8-byte gather path is tried first) and at the very end.
TEST(AvroEncodingTest, TenByteLongKeepsTheLow64Bits) {
  auto l = avro::schema::parse(R"("long")");
  ASSERT_TRUE(l.has_value());
  // zigzag(9876543210123456789), a duckdb-iceberg snapshot id, needs 65 bits.
  const uint8_t id[] = {0xaa, 0xc4, 0xa3, 0x83, 0x96, 0xee, 0xc3, 0x90, 0x92, 0x02, 0x04};
  for (size_t n : {size_t{10}, size_t{11}}) {
    auto v = avro::decode(*l, byte_span(id, 10));
    ASSERT_TRUE(v.has_value()) << v.error().to_string();
    EXPECT_EQ(v->as_long(), 653171173268680981);
    avro::decoder d(byte_span(id, n));
    EXPECT_EQ(d.read_long(), 653171173268680981);
    ASSERT_TRUE(d.ok()) << d.error().to_string();
    EXPECT_EQ(d.remaining(), n - 10);
  }
  const uint8_t eleven[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
  auto e = avro::decode(*l, byte_span(eleven, sizeof eleven));
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code(), errc::corrupt_data);
  EXPECT_NE(e.error().message().find("longer than 10 bytes"), std::string::npos)
      << e.error().to_string();
}

TEST(AvroEncodingTest, EncodesSpecExamples) {
  // Avro spec "Binary Encoding" examples: long 0, -1, 1, -64, 64 and the string "foo".
  auto l = avro::schema::parse(R"("long")");
  const std::pair<int64_t, std::string> cases[] = {
      {0, "\x00"}, {-1, "\x01"}, {1, "\x02"}, {-64, "\x7f"}, {64, std::string("\x80\x01")}};
  for (const auto& c : cases) {
    byte_buffer b;
    ASSERT_TRUE(avro::encode(*l, avro::value::int64(c.first), b).ok());
    EXPECT_EQ(b.view(), std::string_view(c.second.data(), c.second.size() ? c.second.size() : 1));
  }
  auto str = avro::schema::parse(R"("string")");
  byte_buffer b;
  ASSERT_TRUE(avro::encode(*str, avro::value::string("foo"), b).ok());
  EXPECT_EQ(b.view(),
            "\x06"
            "foo");
  auto u = avro::schema::parse(R"(["null","string"])");
  byte_buffer ub;
  ASSERT_TRUE(avro::encode(*u, avro::value::string("a"), ub).ok());  // picks the string branch
  EXPECT_EQ(ub.view(), std::string_view("\x02\x02"
                                        "a",
                                        3));
  byte_buffer bad;
  EXPECT_EQ(avro::encode(*u, avro::value::int32(1), bad).code(), errc::schema_mismatch);
}

namespace {
// Hands out the bytes a few at a time, to exercise every refill boundary of the stream reader.
class trickle_source final : public avro::input_source {
 public:
  trickle_source(byte_span bytes, size_t step) : bytes_(bytes), step_(step) {}
  result<size_t> read(uint8_t* dst, size_t n) override {
    const size_t k = std::min({n, step_, bytes_.size - pos_});
    std::memcpy(dst, bytes_.data + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  byte_span bytes_;
  size_t step_;
  size_t pos_ = 0;
};
}  // namespace

TEST(AvroContainerTest, StreamingReaderMatchesSpanReader) {
  std::vector<std::string> files;
  for (const char* name : {"weather.avro", "weather-deflate.avro", "weather-snappy.avro",
                           "weather-zstd.avro", "weather-sorted.avro", "syncInMeta.avro"})
    files.push_back(shared_path(std::string("conformance/avro/data/") + name));
  for (const std::string& f : files) {
    auto bytes = read_all(f);
    auto want = avro::read_container(bytes.span());
    ASSERT_TRUE(want.has_value()) << f;
    for (size_t step : {size_t{7}, size_t{4096}, size_t{1} << 20}) {
      auto r = avro::container_reader::open(std::make_unique<trickle_source>(bytes.span(), step));
      ASSERT_TRUE(r.has_value()) << f << ": " << r.error().to_string();
      auto got = r->read_all();
      ASSERT_TRUE(got.has_value()) << f << " step " << step << ": " << got.error().to_string();
      EXPECT_EQ(*got, *want) << f << " step " << step;
    }
    auto fs = avro::file_source::open(f);
    ASSERT_TRUE(fs.has_value());
    auto r = avro::container_reader::open(std::move(fs).value());
    ASSERT_TRUE(r.has_value());
    auto got = r->read_all();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, *want);
  }
  // Corrupt inputs fail the same way, with file offsets.
  auto bad = read_all(lakecodec_test::source_path("tests/avro/corrupt/wrong_sync.avro"));
  auto span_err = avro::read_container(bad.span()).error();
  auto r = avro::container_reader::open(std::make_unique<trickle_source>(bad.span(), 5));
  ASSERT_TRUE(r.has_value());
  auto stream_err = r->read_all();
  ASSERT_FALSE(stream_err.has_value());
  EXPECT_EQ(stream_err.error().to_string(), span_err.to_string());
  auto legacy = read_all(shared_path("conformance/avro/data/test.avro12"));
  auto lr = avro::container_reader::open(std::make_unique<trickle_source>(legacy.span(), 100));
  ASSERT_FALSE(lr.has_value());
  EXPECT_EQ(lr.error().code(), errc::unsupported);
}

// Issue 10 item 3: a level outside the codec's range is refused when the writer opens, as
// invalid_argument naming the range (deflate level 15 used to fail at the first block as
// "internal: zlib: deflateInit2 failed").
TEST(AvroContainerTest, WriterRefusesLevelsOutsideTheCodecRange) {
  auto s = avro::schema::parse(R"("long")");
  ASSERT_TRUE(s.has_value());
  struct bad_level {
    avro::codec c;
    int level;
    const char* range;
  };
  for (const bad_level& b : {bad_level{avro::codec::deflate, 15, "0..9"},
                             bad_level{avro::codec::zstandard, 40, "0..22"}}) {
    memory_sink sink;
    avro::writer_options o;
    o.codec = b.c;
    o.level = b.level;
    auto w = avro::container_writer::open(sink, *s, o);
    ASSERT_FALSE(w.has_value());
    EXPECT_EQ(w.error().code(), errc::invalid_argument);
    EXPECT_NE(w.error().message().find(b.range), std::string::npos) << w.error().to_string();
    EXPECT_EQ(sink.position(), 0u);  // refused before the header is written
  }
  avro::writer_options ok;
  ok.codec = avro::codec::deflate;
  ok.level = 9;
  auto bytes = avro::write_container(*s, {avro::value::int64(7)}, ok);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().to_string();
}
