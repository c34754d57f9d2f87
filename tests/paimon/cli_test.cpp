// The `lakecodec paimon ...` verbs, run as a user would.
#include <string>

#include "../test_support.hpp"
#include "lakecodec/paimon.hpp"

using lakecodec_test::read_all;
using lakecodec_test::run_command;
using lakecodec_test::scratch_dir;
using lakecodec_test::shared_path;
using lakecodec_test::write_all;

namespace {
const std::string cli = LAKECODEC_TEST_CLI;
const std::string golden = shared_path("conformance/paimon/commit-messages/paimon-cpp/");
}  // namespace

TEST(PaimonCliTest, CommitDecodeThenEncodeReproducesJavaBytes) {
  const std::string dir = scratch_dir("paimon-cli-commit");
  struct item {
    const char* file;
    int version;
  };
  for (const item& it : {item{"pk_table_with_total_buckets--commit_messages-01", 7},
                         item{"append_table_with_first_row_id--commit_messages-01", 8},
                         item{"pk_dv_index_in_data_with_external--commit_messages-01", 9},
                         item{"pk_dv_index_with_commit_message_version10--commit_messages-01", 10},
                         item{"append_with_global_index_with_partition--commit_messages-01", 11}}) {
    SCOPED_TRACE(it.file);
    const std::string v = std::to_string(it.version);
    auto dec = run_command(cli + " paimon commit decode --version " + v + " '" + golden + it.file +
                           "' > " + dir + "/m.json");
    ASSERT_EQ(dec.exit_code, 0);
    auto enc = run_command(cli + " paimon commit encode --overwrite --version " + v + " " + dir +
                               "/m.json " + dir + "/m.bin",
                           true);
    ASSERT_EQ(enc.exit_code, 0) << enc.output;
    EXPECT_TRUE(read_all(dir + "/m.bin").view() == read_all(golden + it.file).view());
  }
}

TEST(PaimonCliTest, CommitDecodeReportsBadDataAndUsage) {
  const std::string dir = scratch_dir("paimon-cli-bad");
  write_all(dir + "/garbage", std::string("\x00\x00\x00\x05garbage", 11));
  auto r = run_command(cli + " paimon commit decode --version 11 " + dir + "/garbage", true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("garbage"), std::string::npos) << r.output;
  r = run_command(cli + " paimon commit decode --version 99 " + dir + "/garbage", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli + " paimon commit encode --version 6 a b", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST(PaimonCliTest, BucketMatchesJavaTestVectors) {
  const std::string dir = scratch_dir("paimon-cli-bucket");
  // FixedBucketRowKeyExtractorTest: INT keys (5), (5,6), (5,6,7) with 100 buckets -> 96, 27, 40.
  write_all(dir + "/schema-0", R"({
  "version" : 3, "id" : 0,
  "fields" : [ { "id" : 0, "name" : "a", "type" : "INT" }, { "id" : 1, "name" : "b", "type" : "INT" },
               { "id" : 2, "name" : "c", "type" : "INT" }, { "id" : 3, "name" : "s", "type" : "STRING" } ],
  "highestFieldId" : 3, "partitionKeys" : [ ], "primaryKeys" : [ ],
  "options" : { "bucket" : "100", "bucket-key" : "a" }, "timeMillis" : 0 })");
  write_all(dir + "/rows.jsonl", "{\"a\": 5, \"s\": \"x\"}\n[5, 6, 7, \"y\"]\n");
  auto r = run_command(cli + " paimon bucket --schema " + dir + "/schema-0 " + dir + "/rows.jsonl");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "96\n96\n");
  std::string two = std::string(read_all(dir + "/schema-0").view());
  two.replace(two.find("\"bucket-key\" : \"a\""), 18, "\"bucket-key\" : \"a,b\"");
  write_all(dir + "/schema-1", two);
  r = run_command(cli + " paimon bucket --schema " + dir + "/schema-1 " + dir + "/rows.jsonl");
  EXPECT_EQ(r.output, "27\n27\n");
  std::string three = two;
  three.replace(three.find("\"a,b\""), 5, "\"a,b,c\"");
  write_all(dir + "/schema-2", three);
  write_all(dir + "/rows3.jsonl", "{\"a\": 5, \"b\": 6, \"c\": 7}\n");
  r = run_command(cli + " paimon bucket --schema " + dir + "/schema-2 " + dir + "/rows3.jsonl");
  EXPECT_EQ(r.output, "40\n");
  // --buckets overrides; paimon-cpp's Java tables: INT (1) -> 0 and (0) -> 1 with 2 buckets.
  write_all(dir + "/rows01.jsonl", "{\"a\": 1}\n{\"a\": 0}\n");
  r = run_command(cli + " paimon bucket --buckets 2 --schema " + dir + "/schema-0 " + dir +
                  "/rows01.jsonl");
  EXPECT_EQ(r.output, "0\n1\n");
  // A value of the wrong type is bad data with the line number.
  write_all(dir + "/bad.jsonl", "{\"a\": 1}\n{\"a\": \"nope\"}\n");
  r = run_command(cli + " paimon bucket --schema " + dir + "/schema-0 " + dir + "/bad.jsonl", true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.jsonl:2"), std::string::npos) << r.output;
}

TEST(PaimonCliTest, BucketUsesTrimmedPrimaryKeysByDefault) {
  const std::string dir = scratch_dir("paimon-cli-pk");
  write_all(dir + "/schema-0", R"({"version":3,"id":0,"fields":[
    {"id":0,"name":"dt","type":"STRING NOT NULL"},{"id":1,"name":"a","type":"INT NOT NULL"},
    {"id":2,"name":"v","type":"STRING"}],"highestFieldId":2,"partitionKeys":["dt"],
    "primaryKeys":["dt","a"],"options":{"bucket":"100"},"timeMillis":0})");
  write_all(dir + "/rows.jsonl", "{\"dt\": \"2024-01-01\", \"a\": 5, \"v\": \"x\"}\n");
  auto r = run_command(cli + " paimon bucket --schema " + dir + "/schema-0 " + dir + "/rows.jsonl");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "96\n");  // bucket key = trimmed PK (a) = INT (5)
}

TEST(PaimonCliTest, ManifestPrintsEntriesAsJsonLines) {
  const std::string table = shared_path(
      "conformance/paimon/tables-parquet/append_complex_data.db/append_complex_data/manifest/");
  auto r = run_command(cli + " paimon manifest " + table +
                       "manifest-062da773-548e-4cbc-b122-60c927911893-0");
  ASSERT_EQ(r.exit_code, 0);
  size_t lines = 0;
  for (size_t p = 0; (p = r.output.find('\n', p)) != std::string::npos; ++p) ++lines;
  EXPECT_GE(lines, 1u);
  nlohmann::json first =
      nlohmann::json::parse(r.output.substr(0, r.output.find('\n')), nullptr, false);
  ASSERT_FALSE(first.is_discarded());
  EXPECT_EQ(first["file"]["fileName"], "data-35f2719c-ffae-4697-960e-af95a0b4bd51-1.parquet");
  EXPECT_EQ(first["totalBuckets"], 2);
  r = run_command(cli + " paimon manifest " + table +
                  "manifest-list-3f657391-04c4-4dc3-8a2c-1fb7b41dd807-0");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("\"numAddedFiles\":2"), std::string::npos) << r.output;
  r = run_command(cli + " paimon manifest " +
                      shared_path("conformance/paimon/tables-parquet/append_complex_data.db/"
                                  "append_complex_data/schema/schema-0"),
                  true);
  EXPECT_EQ(r.exit_code, 1);
}

// A misspelled or missing NOT NULL bucket-key column, or a null in it, would put the row in
// bucket 0 where readers never find it: refuse, naming line and column.
TEST(PaimonCliTest, BucketRefusesMissingMisspelledAndNullKeys) {
  const std::string dir = scratch_dir("paimon-cli-bucket-keys");
  const std::string schema =
      shared_path("conformance/paimon/tables-parquet/pk_09.db/pk_09/schema/schema-0");
  const std::string base = cli + " paimon bucket --schema '" + schema + "' --buckets 16 ";
  write_all(dir + "/typo.jsonl", "{\"f2\":1}\n{\"F2\":1}\n");
  auto r = run_command(base + dir + "/typo.jsonl", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("typo.jsonl:2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("F2"), std::string::npos) << r.output;
  write_all(dir + "/absent.jsonl", "{\"f0\":\"x\",\"f1\":1}\n");
  r = run_command(base + dir + "/absent.jsonl", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("absent.jsonl:1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("f2"), std::string::npos) << r.output;
  write_all(dir + "/null.jsonl", "{\"f2\":null}\n");
  r = run_command(base + dir + "/null.jsonl", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("null.jsonl:1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("f2"), std::string::npos) << r.output;
  write_all(dir + "/long.jsonl", "[\"x\",1,2,3.5,9]\n");
  r = run_command(base + dir + "/long.jsonl", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  // Absent optional columns (f0, f1, f3 are not the bucket key; f3 is nullable) stay fine.
  write_all(dir + "/ok.jsonl", "{\"f2\":1}\n[\"x\",1,1]\n");
  r = run_command(base + dir + "/ok.jsonl");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.size(), 2 * r.output.find('\n') + 2) << r.output;  // two equal lines
  // A nullable bucket key that is absent or null is a null, not an error.
  write_all(dir + "/schema-n", R"({"version":3,"id":0,"fields":[
    {"id":0,"name":"a","type":"INT"},{"id":1,"name":"b","type":"INT"}],"highestFieldId":1,
    "partitionKeys":[],"primaryKeys":[],"options":{"bucket":"4","bucket-key":"a"},"timeMillis":0})");
  write_all(dir + "/n.jsonl", "{\"b\":1}\n{\"a\":null}\n");
  r = run_command(cli + " paimon bucket --schema " + dir + "/schema-n " + dir + "/n.jsonl");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output.size(), 4u) << r.output;
}

// Every result printed before a bad line reaches stdout (once only 983,070 of 1,000,000 did).
TEST(PaimonCliTest, BucketPrintsAllGoodLinesBeforeAnError) {
  const std::string dir = scratch_dir("paimon-cli-bucket-flush");
  const std::string schema =
      shared_path("conformance/paimon/tables-parquet/pk_09.db/pk_09/schema/schema-0");
  std::string rows;
  const int n = 100000;
  for (int i = 0; i < n; ++i) rows += "{\"f2\":" + std::to_string(i) + "}\n";
  rows += "{\"f2\":\"bad\"}\n";
  write_all(dir + "/rows.jsonl", rows);
  auto r = run_command(cli + " paimon bucket --schema '" + schema + "' --buckets 16 " + dir +
                       "/rows.jsonl 2>" + dir + "/err");
  EXPECT_EQ(r.exit_code, 1);
  size_t lines = 0;
  for (char c : r.output) lines += c == '\n';
  EXPECT_EQ(lines, static_cast<size_t>(n));
  EXPECT_NE(std::string(read_all(dir + "/err").view()).find("rows.jsonl:100001"),
            std::string::npos);
}

// commit encode once replaced an existing file silently and rejected --overwrite.
TEST(PaimonCliTest, CommitEncodeNeedsOverwriteToReplace) {
  const std::string dir = scratch_dir("paimon-cli-encode-overwrite");
  const std::string src = golden + "append_with_global_index_with_partition--commit_messages-01";
  ASSERT_EQ(
      run_command(cli + " paimon commit decode --version 11 '" + src + "' > " + dir + "/m.json")
          .exit_code,
      0);
  const std::string enc = cli + " paimon commit encode --version 11 " + dir + "/m.json ";
  ASSERT_EQ(run_command(enc + dir + "/m.bin", true).exit_code, 0);
  auto r = run_command(enc + dir + "/m.bin", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("--overwrite"), std::string::npos) << r.output;
  r = run_command(enc + "--overwrite " + dir + "/m.bin", true);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // `-` writes to stdout.
  r = run_command(enc + "- > " + dir + "/s.bin");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(read_all(dir + "/s.bin").view() == read_all(src).view());
}

// Without --version every version is tried; the one that decodes (and re-encodes to the same
// bytes) is used. A file of another format gets a hint.
TEST(PaimonCliTest, CommitDecodeFindsTheVersion) {
  const std::string dir = scratch_dir("paimon-cli-autoversion");
  struct item {
    const char* file;
    int version;
  };
  for (const item& it : {item{"pk_table_with_total_buckets--commit_messages-01", 7},
                         item{"append_table_with_first_row_id--commit_messages-01", 8},
                         item{"pk_dv_index_in_data_with_external--commit_messages-01", 9},
                         item{"pk_dv_index_with_commit_message_version10--commit_messages-01", 10},
                         item{"append_with_global_index_with_partition--commit_messages-01", 11}}) {
    SCOPED_TRACE(it.file);
    auto want = run_command(cli + " paimon commit decode --version " + std::to_string(it.version) +
                            " '" + golden + it.file + "'");
    ASSERT_EQ(want.exit_code, 0);
    auto got =
        run_command(cli + " paimon commit decode '" + golden + it.file + "' 2>" + dir + "/err");
    EXPECT_EQ(got.exit_code, 0) << read_all(dir + "/err").view();
    EXPECT_EQ(got.output, want.output);
  }
  auto pq = run_command(cli + " gen lineitem --rows 3 --out " + dir + "/l.parquet --overwrite");
  ASSERT_EQ(pq.exit_code, 0);
  auto r = run_command(cli + " paimon commit decode " + dir + "/l.parquet", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("this looks like a Parquet file"), std::string::npos) << r.output;
}
