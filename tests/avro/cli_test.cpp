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
    auto w =
        run_command(cli() + " avro fromjson --overwrite --schema '" + dir + "/s.avsc' --codec " +
                        codec + " '" + dir + "/in.jsonl' '" + dir + "/out.avro'",
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

// getschema reads only the header: a file with 512 MiB of corrupt blocks after it prints the
// schema in small memory (it once read the whole file: 3 GB of RSS for a 3 GB file).
TEST(AvroCliTest, GetschemaReadsOnlyTheHeader) {
  const std::string dir = lakecodec_test::scratch_dir("avro-cli-getschema-big");
  const std::string f = dir + "/big.avro";
  ASSERT_EQ(run_command("cp '" + shared_path("conformance/avro/data/weather.avro") + "' " + f +
                        " && truncate -s +512M " + f)
                .exit_code,
            0);
  auto r = run_command("/usr/bin/time -f 'maxrss=%M' " + cli() + " avro getschema " + f + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"name\":\"Weather\""), std::string::npos) << r.output;
  const size_t at = r.output.find("maxrss=");
  ASSERT_NE(at, std::string::npos) << r.output;
  const long kib = std::stol(r.output.substr(at + 7));
  EXPECT_LT(kib, 256 * 1024) << r.output;  // far below the 512 MiB of the file
  // The blocks really are corrupt: reading records fails.
  EXPECT_EQ(run_command(cli() + " avro tojson " + f + " > /dev/null 2>&1").exit_code, 1);
}

// fromjson: `-` is stdin/stdout, an existing output needs --overwrite.
TEST(AvroCliTest, FromjsonDashAndOverwrite) {
  const std::string dir = lakecodec_test::scratch_dir("avro-cli-fromjson-io");
  lakecodec_test::write_all(
      dir + "/s.avsc", R"({"type":"record","name":"r","fields":[{"name":"a","type":"long"}]})");
  lakecodec_test::write_all(dir + "/in.jsonl", "{\"a\":1}\n{\"a\":2} {\"a\":3}\n\n");
  const std::string base = cli() + " avro fromjson --schema " + dir + "/s.avsc ";
  auto r = run_command("cd " + dir + " && " + base + "- - < in.jsonl > out.avro", true);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(run_command("test -e " + dir + "/-").exit_code, 0);  // no file named '-'
  auto j = run_command(cli() + " avro tojson " + dir + "/out.avro");
  EXPECT_EQ(j.output, "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n");
  r = run_command(base + dir + "/in.jsonl " + dir + "/out.avro", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--overwrite"), std::string::npos) << r.output;
  r = run_command(base + "--overwrite " + dir + "/in.jsonl " + dir + "/out.avro", true);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // A bad record names its line.
  lakecodec_test::write_all(dir + "/bad.jsonl", "{\"a\":1}\n{\"a\":\"x\"}\n");
  r = run_command(base + "--overwrite " + dir + "/bad.jsonl " + dir + "/o.avro", true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.jsonl:2"), std::string::npos) << r.output;
}

// avro-tools' three reader-schema forms: --reader-schema-file, --reader-schema JSON (not both).
TEST(AvroCliTest, TojsonReaderSchemaInline) {
  const std::string f = shared_path("conformance/avro/data/weather.avro");
  const std::string rs =
      R"('{"type":"record","name":"Weather","namespace":"test","fields":[{"name":"temp","type":"int"}]}')";
  auto r = run_command(cli() + " avro tojson --head 1 --reader-schema " + rs + " '" + f + "'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind("{\"temp\":", 0), 0u) << r.output;
  EXPECT_EQ(r.output.find("station"), std::string::npos) << r.output;
  auto both = run_command(
      cli() + " avro tojson --reader-schema-file x --reader-schema " + rs + " '" + f + "'", true);
  EXPECT_EQ(both.exit_code, 2) << both.output;
}
