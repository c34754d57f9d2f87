#include <string>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using lakecodec_test::run_command;
using lakecodec_test::shared_path;

namespace {
std::string cli() { return LAKECODEC_TEST_CLI; }
}  // namespace

TEST(AvroCliTest, GetschemaPrintsStoredSchemaAndFingerprint) {
  const std::string f = shared_path("conformance/avro/data/weather.avro");
  auto r = run_command(cli() + " avro getschema '" + f + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(
      r.output,
      "{\"type\":\"record\",\"name\":\"Weather\",\"namespace\":\"test\",\"fields\":[{\"name\":"
      "\"station\",\"type\":\"string\"},{\"name\":\"time\",\"type\":\"long\"},{\"name\":\"temp\","
      "\"type\":\"int\"}],\"doc\":\"A weather reading.\"}\n");
  r = run_command(cli() + " avro getschema --canonical '" + f + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(
      r.output,
      "{\"name\":\"test.Weather\",\"type\":\"record\",\"fields\":[{\"name\":\"station\",\"type\":"
      "\"string\"},{\"name\":\"time\",\"type\":\"long\"},{\"name\":\"temp\",\"type\":\"int\"}]}\n");
  r = run_command(cli() + " avro getschema --fingerprint '" + f + "'");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.size(), 17u);
}

TEST(AvroCliTest, MetaCountsBlocksAndRecords) {
  auto r = run_command(cli() + " avro meta '" +
                       shared_path("conformance/avro/data/syncInMeta.avro") + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("codec\tdeflate\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("records\t6001\n"), std::string::npos) << r.output;
}

TEST(AvroCliTest, FromjsonTojsonRoundTripAndUsageErrors) {
  const std::string dir = lakecodec_test::scratch_dir("avro-cli");
  lakecodec_test::write_all(
      dir + "/s.avsc",
      R"({"type":"record","name":"r","fields":[{"name":"a","type":["null","long"]},
                               {"name":"b","type":"bytes"},{"name":"m","type":{"type":"map","values":"int"}}]})");
  const std::string lines =
      "{\"a\":{\"long\":-5},\"b\":\"\\u0000\\u00ff\",\"m\":{}}\n{\"a\":null,\"b\":\"\",\"m\":{"
      "\"x\":1}}\n";
  lakecodec_test::write_all(dir + "/in.jsonl", lines);
  for (const char* codec : {"null", "deflate", "snappy", "zstandard"}) {
    auto w = run_command(cli() + " avro fromjson --schema '" + dir + "/s.avsc' --codec " + codec +
                             " '" + dir + "/in.jsonl' '" + dir + "/out.avro'",
                         true);
    ASSERT_EQ(w.exit_code, 0) << w.output;
    auto r = run_command(cli() + " avro tojson '" + dir + "/out.avro'");
    ASSERT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.output,
              "{\"a\":{\"long\":-5},\"b\":\"\\u0000ÿ\",\"m\":{}}\n{\"a\":null,\"b\":\"\",\"m\":{"
              "\"x\":1}}\n");
  }
  auto bad_codec =
      run_command(cli() + " avro fromjson --schema '" + dir + "/s.avsc' --codec lz4 '" + dir +
                      "/in.jsonl' '" + dir + "/o.avro'",
                  true);
  EXPECT_EQ(bad_codec.exit_code, 2);
  auto no_schema =
      run_command(cli() + " avro fromjson '" + dir + "/in.jsonl' '" + dir + "/o.avro'", true);
  EXPECT_EQ(no_schema.exit_code, 2);
  lakecodec_test::write_all(dir + "/bad.jsonl", "{\"a\":7,\"b\":\"\",\"m\":{}}\n");
  auto bad_value = run_command(cli() + " avro fromjson --schema '" + dir + "/s.avsc' '" + dir +
                                   "/bad.jsonl' '" + dir + "/o.avro'",
                               true);
  EXPECT_EQ(bad_value.exit_code, 1);
  EXPECT_NE(bad_value.output.find("record 1"), std::string::npos) << bad_value.output;
  auto missing = run_command(cli() + " avro tojson '" + dir + "/nope.avro'", true);
  EXPECT_EQ(missing.exit_code, 1);
}
