// CommitMessage / ManifestCommittable serialization against the Java-written golden files.
#include <dirent.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/paimon.hpp"

namespace paimon = lakecodec::paimon;
using lakecodec_test::read_all;
using lakecodec_test::shared_path;

namespace {

std::vector<std::string> list_dir(const std::string& dir) {
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

// apache/paimon golden files: name -> ManifestCommittable version (ManifestCommittable
// SerializerCompatibilityTest).
int committable_version(const std::string& name) {
  const std::string v = name.substr(std::string("manifest-committable-").size());
  if (v == "v13-v5" || v == "v11-v5") return 5;
  if (v == "v11" || v == "v10" || v == "v9" || v == "v8" || v == "v4-v7") return 4;
  if (v == "v2" || v == "v2-0.7") return 2;
  return 3;
}

// paimon-cpp golden files: table -> CommitMessage version (commit_message_test.cpp upstream).
int paimon_cpp_version(const std::string& file) {
  const std::string table = file.substr(0, file.find("--"));
  if (table == "append_with_global_index_with_partition") return 11;
  if (table == "pk_dv_index_with_commit_message_version10") return 10;
  if (table == "pk_dv_index_not_in_data_no_external" ||
      table == "pk_dv_index_in_data_with_external")
    return 9;
  if (table == "append_table_with_first_row_id") return 8;
  if (table == "pk_table_with_total_buckets") return 7;
  if (table == "append_10_external_path") return 6;
  if (table == "pk_table_with_dv_cardinality") return 5;
  if (table == "append_10" || table == "append_10_stats_dense_store") return 4;
  return 3;
}

}  // namespace

TEST(PaimonCommitMessageTest, ApachePaimonGoldenFilesRoundTripByteForByte) {
  const std::string dir = shared_path("conformance/paimon/commit-messages/apache-paimon");
  const auto files = list_dir(dir);
  ASSERT_EQ(files.size(), 14u);
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    lakecodec::byte_buffer bytes = read_all(dir + "/" + name);
    const int v = committable_version(name);
    auto c = paimon::deserialize_manifest_committable(bytes.span(), v);
    ASSERT_TRUE(c.has_value()) << c.error().to_string();
    ASSERT_FALSE(c->messages.empty());
    auto again = paimon::serialize_manifest_committable(*c, v);
    ASSERT_TRUE(again.has_value()) << again.error().to_string();
    EXPECT_EQ(again->view(), bytes.view());
  }
}

TEST(PaimonCommitMessageTest, PaimonCppGoldenFilesRoundTripByteForByte) {
  const std::string dir = shared_path("conformance/paimon/commit-messages/paimon-cpp");
  const auto files = list_dir(dir);
  ASSERT_EQ(files.size(), 15u);
  for (const std::string& name : files) {
    SCOPED_TRACE(name);
    lakecodec::byte_buffer bytes = read_all(dir + "/" + name);
    const int v = paimon_cpp_version(name);
    auto list = paimon::deserialize_commit_message_list(bytes.span(), v);
    ASSERT_TRUE(list.has_value()) << list.error().to_string();
    ASSERT_FALSE(list->empty());
    lakecodec::byte_buffer again;
    ASSERT_TRUE(paimon::serialize_commit_message_list(*list, v, again).ok());
    EXPECT_EQ(again.view(), bytes.view());
  }
}

TEST(PaimonCommitMessageTest, DecodesTheAnnotatedV13Values) {
  lakecodec::byte_buffer bytes = read_all(
      shared_path("conformance/paimon/commit-messages/apache-paimon/manifest-committable-v13-v5"));
  auto c = paimon::deserialize_manifest_committable(bytes.span(), 5);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_EQ(c->identifier, 5);
  ASSERT_TRUE(c->watermark.has_value());
  EXPECT_EQ(*c->watermark, 202020);
  ASSERT_EQ(c->properties.size(), 2u);
  EXPECT_EQ(c->commit_message_version, 13);
  ASSERT_EQ(c->messages.size(), 1u);
  const paimon::commit_message& m = c->messages[0];
  EXPECT_EQ(m.bucket, 11);
  ASSERT_TRUE(m.total_buckets.has_value());
  EXPECT_EQ(*m.total_buckets, 16);
  EXPECT_EQ(m.partition.arity, 1);
  auto part = paimon::decode_row(
      m.partition.span(),
      {paimon::make_field(0, "p", paimon::make_type(paimon::type_root::varchar))});
  ASSERT_TRUE(part.has_value());
  EXPECT_EQ((*part)[0].s, "my_partition");
  ASSERT_EQ(m.data.new_files.size(), 1u);
  EXPECT_EQ(m.data.new_files[0].file_name.size(), 20u);
}

TEST(PaimonCommitMessageTest, RejectsBadInputWithClearErrors) {
  lakecodec::byte_buffer bytes =
      read_all(shared_path("conformance/paimon/commit-messages/paimon-cpp/"
                           "pk_table_with_dv_cardinality--commit_messages-01"));
  // Every truncation fails cleanly (never crashes, never succeeds).
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = paimon::deserialize_commit_message_list(lakecodec::byte_span(bytes.data(), n), 5);
    ASSERT_FALSE(r.has_value()) << "prefix of " << n << " bytes decoded";
  }
  // Trailing garbage is reported.
  std::string extra(bytes.view());
  extra += "xx";
  auto t = paimon::deserialize_commit_message_list(lakecodec::byte_span(extra), 5);
  ASSERT_FALSE(t.has_value());
  EXPECT_NE(t.error().message().find("follow"), std::string::npos) << t.error().to_string();
  // A version nobody wrote.
  auto v = paimon::deserialize_commit_message_list(bytes.span(), 14);
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code(), lakecodec::errc::unsupported);
  EXPECT_NE(v.error().message().find("version 14"), std::string::npos);
  // Wrong version = arity mismatch: v5 rows (17 fields) read as v13 (21 fields).
  auto a = paimon::deserialize_commit_message_list(bytes.span(), 13);
  ASSERT_FALSE(a.has_value());
  // A negative count.
  const std::string neg("\xff\xff\xff\xff", 4);
  auto c = paimon::deserialize_commit_message_list(lakecodec::byte_span(neg), 11);
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().message().find("negative"), std::string::npos) << c.error().to_string();
}

TEST(PaimonCommitMessageTest, StringLengthPastTheRowIsCorruptData) {
  paimon::data_file_meta f;
  f.file_name = "data-0123456789.parquet";
  paimon::commit_message m;
  m.data.new_files.push_back(f);
  auto bytes = paimon::serialize_commit_message(m, 11);
  ASSERT_TRUE(bytes.has_value());
  // The DataFileMeta row starts after partition (4+4+8), bucket (4), totalBuckets flag (1) and
  // the file count (4) and row length (4); slot 0 (_FILE_NAME) is at +8 in the row.
  std::string b(bytes->view());
  const size_t row = 4 + 4 + 8 + 4 + 1 + 4 + 4;
  const size_t slot = row + 8;
  lakecodec::store_le<uint32_t>(reinterpret_cast<uint8_t*>(&b[slot]), 5000);  // length 5000
  auto r = paimon::deserialize_commit_message(lakecodec::byte_span(b), 11);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), lakecodec::errc::corrupt_data);
  EXPECT_NE(r.error().message().find("run past"), std::string::npos) << r.error().to_string();
  EXPECT_EQ(r.error().offset(), static_cast<int64_t>(row - 4));
}

TEST(PaimonCommitMessageTest, WritesEveryVersionFromSevenAndReadsItBack) {
  lakecodec::byte_buffer bytes = read_all(
      shared_path("conformance/paimon/commit-messages/apache-paimon/manifest-committable-v13-v5"));
  auto c = paimon::deserialize_manifest_committable(bytes.span(), 5);
  ASSERT_TRUE(c.has_value());
  for (int v = 7; v <= 13; ++v) {
    std::vector<paimon::commit_message> msgs = c->messages;
    for (auto& m : msgs) {
      if (v < 10 && !m.compact.files_empty()) {
        m.data.new_index_files.clear();
        m.data.deleted_index_files.clear();
      } else if (v < 10) {
        m.compact.new_index_files.clear();
        m.compact.deleted_index_files.clear();
      }
      paimon::project_to_version(m, v);
    }
    lakecodec::byte_buffer out;
    ASSERT_TRUE(paimon::serialize_commit_message_list(msgs, v, out).ok()) << v;
    auto back = paimon::deserialize_commit_message_list(out.span(), v);
    ASSERT_TRUE(back.has_value()) << v << ": " << back.error().to_string();
    EXPECT_TRUE(*back == msgs) << v;
  }
  // A message a legacy version cannot express is refused, not silently changed.
  paimon::commit_message m;
  m.compact.compact_after.push_back(paimon::data_file_meta());
  m.data.new_index_files.push_back(paimon::index_file_meta());
  auto r = paimon::serialize_commit_message(m, 9);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), lakecodec::errc::invalid_argument);
}

TEST(PaimonCommitMessageTest, LegacyPaimon07LayoutIsDetected) {
  lakecodec::byte_buffer bytes = read_all(
      shared_path("conformance/paimon/commit-messages/apache-paimon/manifest-committable-v2-0.7"));
  auto c = paimon::deserialize_manifest_committable(bytes.span(), 2);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_EQ(c->commit_message_version, paimon::commit_message_version_legacy_v2);
  lakecodec::byte_buffer v2 = read_all(
      shared_path("conformance/paimon/commit-messages/apache-paimon/manifest-committable-v2"));
  auto c2 = paimon::deserialize_manifest_committable(v2.span(), 2);
  ASSERT_TRUE(c2.has_value());
  EXPECT_EQ(c2->commit_message_version, 2);
}
