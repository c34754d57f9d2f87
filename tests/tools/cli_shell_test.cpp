#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"

using lakecodec_test::run_command;

namespace {
std::string cli() { return LAKECODEC_TEST_CLI; }
}  // namespace

TEST(CliShellTest, VersionAndHelpSucceed) {
  auto v = run_command(cli() + " --version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.output, "lakecodec " LAKECODEC_VERSION_STRING "\n");
  auto h = run_command(cli() + " --help");
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_NE(h.output.find("Usage: lakecodec"), std::string::npos);
  EXPECT_NE(h.output.find("Exit codes: 0 success, 1 bad data, 2 usage error."), std::string::npos);
}

TEST(CliShellTest, UsageErrorsExitTwoWithAMessage) {
  auto none = run_command(cli(), true);
  EXPECT_EQ(none.exit_code, 2);
  auto unknown = run_command(cli() + " frobnicate", true);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.output.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(CliShellTest, EveryGroupAndCommandHasHelp) {
  auto top = run_command(cli() + " --help");
  // Each listed command word must answer --help with exit 0, and so must its subcommands.
  std::istringstream lines(top.output.substr(top.output.find("Commands:")));
  std::string line;
  int checked = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("  ", 0) != 0) continue;
    std::string word = line.substr(2, line.find(' ', 2) - 2);
    auto h = run_command(cli() + " " + word + " --help");
    EXPECT_EQ(h.exit_code, 0) << word;
    EXPECT_NE(h.output.find("Usage: lakecodec " + word), std::string::npos) << word;
    ++checked;
  }
  EXPECT_EQ(checked > 0 || top.output.find("Commands:\n\n") != std::string::npos, true);
}

// `parquet fromjson` once dropped unknown keys, so a typo became a column of nulls.
TEST(CliShellTest, ParquetFromJsonRefusesUnknownColumns) {
  const std::string dir = lakecodec_test::scratch_dir("cli-fromjson-unknown");
  lakecodec_test::write_all(dir + "/schema.json", R"({"type":"struct","schema-id":0,"fields":[
    {"id":1,"name":"a","required":false,"type":"int"},
    {"id":2,"name":"s","required":false,"type":{"type":"struct","fields":[
      {"id":3,"name":"x","required":false,"type":"string"}]}}]})");
  const std::string base =
      cli() + " parquet fromjson --overwrite --schema " + dir + "/schema.json ";
  lakecodec_test::write_all(dir + "/typo.jsonl", "{\"a\":1}\n{\"A\":2}\n");
  auto r = run_command(base + dir + "/typo.jsonl " + dir + "/o.parquet", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("typo.jsonl:2"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'A'"), std::string::npos) << r.output;
  lakecodec_test::write_all(dir + "/nested.jsonl", "{\"a\":1,\"s\":{\"x\":\"v\",\"y\":1}}\n");
  r = run_command(base + dir + "/nested.jsonl " + dir + "/o.parquet", true);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("nested.jsonl:1"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'s.y'"), std::string::npos) << r.output;
  // Known names, field ids as keys and absent optional columns are accepted.
  lakecodec_test::write_all(dir + "/ok.jsonl", "{\"a\":1,\"s\":{\"x\":\"v\"}}\n{\"1\":2}\n{}\n");
  r = run_command(base + dir + "/ok.jsonl " + dir + "/o.parquet", true);
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

// Option values are validated from their declaration; every option error is a usage error.
TEST(CliShellTest, DeclaredOptionsAreValidatedAsUsageErrors) {
  auto r = run_command(cli() + " gen lineitem --rows abc --out /dev/null", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--rows expects an integer in [0, "), std::string::npos) << r.output;
  r = run_command(cli() + " gen lineitem --out /dev/null", true);  // --rows is required
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("needs --rows"), std::string::npos) << r.output;
  r = run_command(cli() + " gen lineitem --rows 1 --out x --compression lz4", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli() + " gen lineitem --rows 1 --out x --compression gzip --level 15", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = run_command(cli() + " avro getschema --canonical --fingerprint x.avro", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("cannot be used together"), std::string::npos) << r.output;
  r = run_command(cli() + " avro getschema --canonical=yes x.avro", true);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  // --help is generated from the declarations: ranges, choices, required.
  auto h = run_command(cli() + " gen lineitem --help");
  EXPECT_NE(h.output.find("--rows N"), std::string::npos) << h.output;
  EXPECT_NE(h.output.find("[required]"), std::string::npos) << h.output;
  EXPECT_NE(h.output.find("one of none, snappy, gzip or zstd"), std::string::npos) << h.output;
}

// `--` ends options: a file whose name starts with "--" is then an argument.
TEST(CliShellTest, DoubleDashEndsOptions) {
  const std::string dir = lakecodec_test::scratch_dir("cli-double-dash");
  auto r = run_command("cd " + dir + " && cp '" +
                       lakecodec_test::shared_path("conformance/avro/data/weather.avro") +
                       "' ./--w.avro && " + cli() + " avro getschema --canonical -- --w.avro");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("test.Weather"), std::string::npos) << r.output;
  r = run_command(cli() + " avro getschema --w.avro", true);
  EXPECT_EQ(r.exit_code, 2);
}

// One JSON convention: compact by default, --pretty indents (parquet meta, commit decode,
// iceberg validate --print).
TEST(CliShellTest, PrettyFlagEverywhereCompactByDefault) {
  const std::string dir = lakecodec_test::scratch_dir("cli-pretty");
  ASSERT_EQ(run_command(cli() + " gen lineitem --rows 10 --out " + dir + "/l.parquet 2>/dev/null")
                .exit_code,
            0);
  auto c = run_command(cli() + " parquet meta " + dir + "/l.parquet");
  EXPECT_EQ(c.exit_code, 0);
  EXPECT_EQ(c.output.find('\n'), c.output.size() - 1);
  auto p = run_command(cli() + " parquet meta --pretty - < " + dir + "/l.parquet");
  EXPECT_EQ(p.exit_code, 0);
  EXPECT_NE(p.output.find("\n  "), std::string::npos);
  EXPECT_EQ(run_command(cli() + " parquet meta --compact " + dir + "/l.parquet", true).exit_code,
            2);
  // Writers refuse to replace an existing file without --overwrite.
  auto again = run_command(cli() + " gen lineitem --rows 10 --out " + dir + "/l.parquet", true);
  EXPECT_EQ(again.exit_code, 1) << again.output;
}
