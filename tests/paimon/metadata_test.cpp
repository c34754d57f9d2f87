// Schema, snapshot and manifest files of the Java-written tables in conformance/paimon.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/paimon.hpp"
#include "lakecodec/paimon/manifest.hpp"
#include "lakecodec/paimon/snapshot.hpp"

namespace paimon = lakecodec::paimon;
using lakecodec_test::read_all;
using lakecodec_test::shared_path;

namespace {

std::vector<std::string> list(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

// Every table directory (<db>.db/<table>) under tables-parquet.
std::vector<std::string> tables() {
  std::vector<std::string> out;
  const std::string root = shared_path("conformance/paimon/tables-parquet");
  for (const std::string& db : list(root))
    for (const std::string& t : list(root + "/" + db)) {
      struct stat st;
      const std::string p = root + "/" + db + "/" + t;
      if (stat((p + "/schema").c_str(), &st) == 0) out.push_back(p);
    }
  return out;
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

}  // namespace

TEST(PaimonMetadataTest, EverySchemaFileParsesAndPrintsBack) {
  size_t n = 0;
  for (const std::string& t : tables()) {
    for (const std::string& f : list(t + "/schema")) {
      SCOPED_TRACE(t + "/schema/" + f);
      lakecodec::byte_buffer text = read_all(t + "/schema/" + f);
      auto s = paimon::parse_table_schema(text.view());
      ASSERT_TRUE(s.has_value()) << s.error().to_string();
      ASSERT_FALSE(s->fields.empty());
      const std::string printed = paimon::table_schema_to_json(*s);
      auto again = paimon::parse_table_schema(printed);
      ASSERT_TRUE(again.has_value()) << again.error().to_string();
      // Same JSON document as Java wrote (key order and whitespace aside).
      nlohmann::json a = nlohmann::json::parse(text.view(), nullptr, false);
      nlohmann::json b = nlohmann::json::parse(printed, nullptr, false);
      EXPECT_EQ(a, b);
      ++n;
    }
  }
  EXPECT_GE(n, 41u);
}

TEST(PaimonMetadataTest, TypeStringsRoundTrip) {
  for (const char* s :
       {"BOOLEAN", "TINYINT NOT NULL", "DECIMAL(10, 2)", "DECIMAL(38, 18) NOT NULL", "TIMESTAMP(6)",
        "TIMESTAMP(3) WITH LOCAL TIME ZONE NOT NULL", "STRING NOT NULL", "VARCHAR(20)", "CHAR(1)",
        "BYTES", "BINARY(16)", "DATE", "TIME(0)", "BIGINT"}) {
    auto t = paimon::parse_atomic_type(s);
    ASSERT_TRUE(t.has_value()) << s << ": " << t.error().to_string();
    EXPECT_EQ(paimon::atomic_type_string(*t), s);
  }
  EXPECT_FALSE(paimon::parse_atomic_type("DECIMAL(10,").has_value());
  EXPECT_FALSE(paimon::parse_atomic_type("NOPE").has_value());
  EXPECT_FALSE(paimon::parse_atomic_type("DECIMAL(50, 2)").has_value());
}

TEST(PaimonMetadataTest, EverySnapshotParsesAndPrintsBack) {
  size_t n = 0;
  for (const std::string& t : tables()) {
    for (const std::string& f : list(t + "/snapshot")) {
      if (!starts_with(f, "snapshot-")) continue;
      SCOPED_TRACE(t + "/snapshot/" + f);
      lakecodec::byte_buffer text = read_all(t + "/snapshot/" + f);
      auto s = paimon::parse_snapshot(text.view());
      ASSERT_TRUE(s.has_value()) << s.error().to_string();
      EXPECT_EQ(std::to_string(s->id), f.substr(9));
      // Printing keeps every field except the legacy logOffsets and explicit nulls.
      nlohmann::json a = nlohmann::json::parse(text.view(), nullptr, false);
      a.erase("logOffsets");
      for (auto it = a.begin(); it != a.end();) it = it->is_null() ? a.erase(it) : std::next(it);
      nlohmann::json b = nlohmann::json::parse(paimon::snapshot_to_json(*s), nullptr, false);
      EXPECT_EQ(a, b);
      ++n;
    }
  }
  EXPECT_GE(n, 100u);
}

TEST(PaimonMetadataTest, EveryAvroManifestDecodesAndReencodes) {
  size_t manifests = 0, lists = 0, index_manifests = 0, orc = 0, list_rows = 0;
  for (const std::string& t : tables()) {
    for (const std::string& f : list(t + "/manifest")) {
      const std::string path = t + "/manifest/" + f;
      SCOPED_TRACE(path);
      lakecodec::byte_buffer bytes = read_all(path);
      if (bytes.size() >= 3 && std::string(bytes.view().substr(0, 3)) == "ORC") {
        // Listed in conformance/README.md: these tables use manifest.format=orc.
        std::cout << "skipping ORC manifest (manifest.format=orc, not Avro): " << path << "\n";
        auto r = paimon::read_manifest(bytes.span());
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code(), lakecodec::errc::unsupported);
        ++orc;
        continue;
      }
      if (starts_with(f, "manifest-list-")) {
        auto r = paimon::read_manifest_list(bytes.span());
        ASSERT_TRUE(r.has_value()) << r.error().to_string();
        list_rows += r->size();
        auto w = paimon::write_manifest_list(*r);
        ASSERT_TRUE(w.has_value()) << w.error().to_string();
        auto back = paimon::read_manifest_list(w->span());
        ASSERT_TRUE(back.has_value()) << back.error().to_string();
        EXPECT_TRUE(*back == *r);
        ++lists;
      } else if (starts_with(f, "index-manifest-")) {
        auto r = paimon::read_index_manifest(bytes.span());
        ASSERT_TRUE(r.has_value()) << r.error().to_string();
        auto w = paimon::write_index_manifest(*r);
        ASSERT_TRUE(w.has_value()) << w.error().to_string();
        auto back = paimon::read_index_manifest(w->span());
        ASSERT_TRUE(back.has_value()) << back.error().to_string();
        EXPECT_TRUE(*back == *r);
        ++index_manifests;
      } else {
        auto r = paimon::read_manifest(bytes.span());
        ASSERT_TRUE(r.has_value()) << r.error().to_string();
        ASSERT_FALSE(r->empty());
        for (const auto& e : *r) {
          EXPECT_FALSE(e.file.file_name.empty());
          EXPECT_GE(e.file.row_count, 0);
        }
        auto w = paimon::write_manifest(*r);
        ASSERT_TRUE(w.has_value()) << w.error().to_string();
        auto back = paimon::read_manifest(w->span());
        ASSERT_TRUE(back.has_value()) << back.error().to_string();
        EXPECT_TRUE(*back == *r);
        ++manifests;
      }
    }
  }
  std::cout << manifests << " manifests, " << lists << " manifest lists, " << index_manifests
            << " index manifests decoded; " << orc << " ORC manifests skipped\n";
  EXPECT_GE(manifests, 80u);
  EXPECT_GE(lists, 200u);
  EXPECT_GE(list_rows, 100u);
  EXPECT_GE(index_manifests, 10u);
}

TEST(PaimonMetadataTest, JacksonPrinterHandlesAStringEndingInABackslash) {
  paimon::snapshot s;
  s.commit_user = "user\\";
  s.statistics = "k:v";
  const std::string out = paimon::snapshot_to_json(s);
  EXPECT_NE(out.find("\"commitUser\" : \"user\\\\\",\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\"commitIdentifier\" : 9223372036854775807"), std::string::npos) << out;
  EXPECT_NE(out.find("\"statistics\" : \"k:v\""), std::string::npos) << out;
  auto back = paimon::parse_snapshot(out);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->commit_user, "user\\");
  EXPECT_EQ(back->statistics, std::optional<std::string>("k:v"));

  paimon::table_schema t;
  t.fields.push_back({1, "a", *paimon::parse_atomic_type("INT"), std::string("ends in \\"), {}});
  t.options.emplace_back("path\\", "c:\\");
  const std::string ts = paimon::table_schema_to_json(t);
  EXPECT_NE(ts.find("\"path\\\\\" : \"c:\\\\\""), std::string::npos) << ts;
  EXPECT_NE(ts.find("\"timeMillis\" : 0"), std::string::npos) << ts;
  auto tb = paimon::parse_table_schema(ts);
  ASSERT_TRUE(tb.has_value()) << tb.error().to_string();
  EXPECT_EQ(tb->fields[0].description, std::optional<std::string>("ends in \\"));
  EXPECT_EQ(tb->options[0].second, "c:\\");
}

TEST(PaimonMetadataTest, HostileJsonIsRefusedWithClearErrors) {
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  for (auto st :
       {paimon::parse_snapshot(deep).get_status(), paimon::parse_table_schema(deep).get_status()}) {
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.code(), lakecodec::errc::limit_exceeded) << st.to_string();
    EXPECT_NE(st.message().find("nests deeper than"), std::string::npos) << st.to_string();
  }
  auto syntax = paimon::parse_snapshot("{\"id\": 1,\n \"schemaId\" 0}");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_NE(syntax.error().message().find("line 2, column"), std::string::npos)
      << syntax.error().to_string();
  // Integers that do not fit the Java field are refused, not truncated.
  auto wide_id = paimon::parse_table_schema(
      R"({"id": 0, "fields": [{"id": 1099511627776, "name": "a", "type": "INT"}]})");
  ASSERT_FALSE(wide_id.has_value());
  EXPECT_NE(wide_id.error().message().find("1099511627776 is out of range"), std::string::npos)
      << wide_id.error().to_string();
  auto wide_version = paimon::parse_snapshot(
      R"({"id": 1, "schemaId": 0, "baseManifestList": "b", "deltaManifestList": "d",
          "commitUser": "u", "commitIdentifier": 1, "commitKind": "APPEND", "timeMillis": 1,
          "writerVersion": 4294967296})");
  ASSERT_FALSE(wide_version.has_value());
  EXPECT_NE(wide_version.error().message().find("\"writerVersion\" 4294967296 is out of range"),
            std::string::npos)
      << wide_version.error().to_string();
}
