#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../test_support.hpp"

using lakecodec_test::run_command;
using lakecodec_test::shared_path;

namespace {
std::string cli() { return std::string(LAKECODEC_TEST_CLI); }
}  // namespace

TEST(IcebergCliTest, ValidateAcceptsValidAndRejectsInvalidFixtures) {
  auto ok = run_command(cli() + " iceberg validate " +
                        shared_path("conformance/iceberg/metadata/TableMetadataV2Valid.json"));
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(
      ok.output.find(
          "valid Iceberg v2 table metadata (2 schema(s), 1 partition spec(s), 2 snapshot(s))"),
      std::string::npos)
      << ok.output;
  auto bad = run_command(
      cli() + " iceberg validate " +
          shared_path("conformance/iceberg/metadata/TableMetadataV2MissingSortOrder.json"),
      true);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("sort-orders must exist in format v2"), std::string::npos)
      << bad.output;
  auto missing = run_command(cli() + " iceberg validate /nonexistent.json", true);
  EXPECT_EQ(missing.exit_code, 1);
  auto usage = run_command(cli() + " iceberg validate", true);
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(IcebergCliTest, ValidatePrintIsNormalizedAndStable) {
  const std::string dir = lakecodec_test::scratch_dir("ice-cli");
  auto p1 = run_command(cli() + " iceberg validate --print " +
                        shared_path("conformance/iceberg/metadata/TableMetadataV1Valid.json") +
                        " > " + dir + "/a.json");
  ASSERT_EQ(p1.exit_code, 0);
  auto p2 = run_command(cli() + " iceberg validate --print " + dir + "/a.json");
  ASSERT_EQ(p2.exit_code, 0);
  auto first = lakecodec_test::read_all(dir + "/a.json");
  EXPECT_EQ(p2.output, std::string(reinterpret_cast<const char*>(first.data()), first.size()));
  EXPECT_EQ(p2.output.find("{\"format-version\":1,\"table-uuid\":"), 0u);
  // gzip metadata (Appendix F) is detected by its magic bytes.
  auto gz = run_command(
      "ls " + shared_path("conformance/iceberg/tables/iceberg/lineitem_iceberg_gz/metadata/") +
      "*.gz.metadata.json");
  ASSERT_EQ(gz.exit_code, 0);
  const std::string gz_file = gz.output.substr(0, gz.output.find('\n'));
  EXPECT_EQ(run_command(cli() + " iceberg validate " + gz_file).exit_code, 0);
}

TEST(IcebergCliTest, TransformPrintsOneJsonValuePerLine) {
  auto r = run_command(
      cli() + " iceberg transform 'bucket[100]' --type string '\"iceberg\"' null '\"34\"'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "89\nnull\n" +
                          std::to_string((static_cast<uint32_t>(-427558391) & 0x7fffffffu) % 100) +
                          "\n");
  auto d = run_command(
      cli() + " iceberg transform day --type timestamp_ns '\"1969-12-31T23:59:59.999999999\"'");
  EXPECT_EQ(d.output, "\"1969-12-31\"\n");
  auto t =
      run_command(cli() + " iceberg transform 'truncate[10]' --type 'decimal(9, 2)' '\"-0.05\"'");
  EXPECT_EQ(t.output, "\"-0.10\"\n");
  auto bad_value =
      run_command(cli() + " iceberg transform year --type date '\"2017-13-01\"'", true);
  EXPECT_EQ(bad_value.exit_code, 1);
  EXPECT_NE(bad_value.output.find("is not an ISO date"), std::string::npos) << bad_value.output;
  EXPECT_EQ(run_command(cli() + " iceberg transform 'bucket[0]' --type int 1", true).exit_code, 2);
  EXPECT_EQ(
      run_command(cli() + " iceberg transform hour --type date '\"2017-01-01\"'", true).exit_code,
      2);
  EXPECT_EQ(run_command(cli() + " iceberg transform year 1", true).exit_code, 2);
}

TEST(IcebergCliTest, ManifestPrintsEntriesOrManifests) {
  auto files = run_command(
      "ls " + shared_path("conformance/iceberg/tables/partition_integer/metadata/") + "*.avro");
  ASSERT_EQ(files.exit_code, 0);
  int lists = 0, manifests = 0;
  size_t pos = 0;
  while (pos < files.output.size()) {
    const size_t nl = files.output.find('\n', pos);
    const std::string f = files.output.substr(pos, nl - pos);
    pos = nl + 1;
    auto r = run_command(cli() + " iceberg manifest " + f);
    ASSERT_EQ(r.exit_code, 0) << f;
    if (r.output.find("\"manifest_path\"") != std::string::npos) ++lists;
    if (r.output.find("\"data_file\"") != std::string::npos) {
      ++manifests;
      EXPECT_NE(r.output.find("\"partition\":{\"partition_col\":"), std::string::npos) << r.output;
    }
  }
  EXPECT_GT(lists, 0);
  EXPECT_GT(manifests, 0);
  const std::string dir = lakecodec_test::scratch_dir("ice-cli-trunc");
  lakecodec_test::write_all(dir + "/bad.avro", "Obj\x01garbage");
  auto bad = run_command(cli() + " iceberg manifest " + dir + "/bad.avro", true);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.output.find("bad.avro"), std::string::npos);
}

// Java's Transforms.fromString matches the name ignoring case; so does the CLI.
TEST(IcebergCliTest, TransformAcceptsJavaCaseForms) {
  auto r = run_command(cli() + " iceberg transform 'BUCKET[100]' --type string '\"iceberg\"'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "89\n");
  r = run_command(cli() + " iceberg transform 'Truncate[10]' --type 'decimal(9, 2)' '\"-0.05\"'");
  EXPECT_EQ(r.output, "\"-0.10\"\n");
  r = run_command(cli() + " iceberg transform Day --type date '\"2017-01-01\"'");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.output, "\"2017-01-01\"\n");
  r = run_command(cli() + " iceberg transform IDENTITY --type int 7");
  EXPECT_EQ(r.output, "7\n");
  EXPECT_EQ(run_command(cli() + " iceberg transform Days --type date 1", true).exit_code, 2);
}

// `-` is stdin for validate and manifest.
TEST(IcebergCliTest, DashReadsStdin) {
  const std::string meta = shared_path("conformance/iceberg/metadata/TableMetadataV2Valid.json");
  auto r = run_command(cli() + " iceberg validate - < " + meta);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("valid Iceberg v2"), std::string::npos) << r.output;
  auto files = run_command(
      "ls " + shared_path("conformance/iceberg/tables/partition_integer/metadata/") + "*.avro");
  ASSERT_EQ(files.exit_code, 0);
  const std::string f = files.output.substr(0, files.output.find('\n'));
  auto a = run_command(cli() + " iceberg manifest " + f);
  auto b = run_command(cli() + " iceberg manifest - < " + f);
  EXPECT_EQ(b.exit_code, 0);
  EXPECT_EQ(a.output, b.output);
}

// Manifest entries print statuses and contents as Java's enum names and bounds as values of
// their column's type (the header carries the schema).
TEST(IcebergCliTest, ManifestPrintsTypedBoundsAndNames) {
  auto files = run_command(
      "ls " + shared_path("conformance/iceberg/tables/partition_integer/metadata/") + "*.avro");
  ASSERT_EQ(files.exit_code, 0);
  int manifests = 0;
  size_t pos = 0;
  while (pos < files.output.size()) {
    const size_t nl = files.output.find('\n', pos);
    const std::string f = files.output.substr(pos, nl - pos);
    pos = nl + 1;
    auto r = run_command(cli() + " iceberg manifest " + f);
    ASSERT_EQ(r.exit_code, 0) << f;
    if (r.output.find("\"data_file\"") == std::string::npos) continue;
    ++manifests;
    auto j = nlohmann::json::parse(r.output.substr(0, r.output.find('\n')), nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    EXPECT_TRUE(j["status"] == "ADDED" || j["status"] == "EXISTING" || j["status"] == "DELETED")
        << j["status"];
    EXPECT_EQ(j["data_file"]["content"], "DATA");
    // partition_col is an int column: its bounds are JSON numbers, not hex strings.
    const auto& lb = j["data_file"]["lower_bounds"];
    ASSERT_TRUE(lb.is_object()) << r.output;
    bool saw_number = false;
    for (auto it = lb.begin(); it != lb.end(); ++it) saw_number = saw_number || it->is_number();
    EXPECT_TRUE(saw_number) << lb.dump();
  }
  EXPECT_GT(manifests, 0);
}
