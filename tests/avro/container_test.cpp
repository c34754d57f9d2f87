#include <string>
#include <vector>

#include "lakecodec/avro.hpp"
#include "../test_support.hpp"

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
  for (const char* name : {"weather.avro", "weather-deflate.avro", "weather-snappy.avro",
                           "weather-zstd.avro"}) {
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
         avro::value::map({{"k" + std::to_string(i),
                            avro::value::array({avro::value::float64(i * 0.5)})}})}));
  }
  for (auto c : {avro::codec::null, avro::codec::deflate, avro::codec::snappy,
                 avro::codec::zstandard}) {
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
