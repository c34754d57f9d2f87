// Interop with Java Paimon (paimon-bundle from Maven Central, driven by tests/paimon/java):
// Java-written messages decode to equal values and re-encode identically; messages we write are
// decoded by Java to equal fields; BinaryRow bytes and buckets equal Java's for random keys.
// These tests fail (never skip) when the Java harness has not been built by tests/deps/install.sh.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/paimon.hpp"
#include "lakecodec/paimon/manifest_json.hpp"

namespace paimon = lakecodec::paimon;
using lakecodec_test::read_all;
using lakecodec_test::run_command;
using lakecodec_test::scratch_dir;
using lakecodec_test::source_path;
using lakecodec_test::write_all;

namespace {

std::string java_command() {
  const std::string dir = source_path("tests/paimon/java/target");
  std::ifstream cp(dir + "/classpath.txt");
  std::stringstream ss;
  ss << cp.rdbuf();
  std::string classpath = ss.str();
  while (!classpath.empty() && (classpath.back() == '\n' || classpath.back() == '\r'))
    classpath.pop_back();
  return "java -cp '" + dir + "/classes:" + classpath + "' lakecodec.PaimonOracle";
}

// Runs the oracle; fails the test with its stderr when it exits non-zero. Returns stdout.
std::string oracle(const std::string& args) {
  static const std::string err = scratch_dir("paimon-oracle") + "/stderr.txt";
  auto r = run_command(java_command() + " " + args + " 2>'" + err + "'");
  if (r.exit_code != 0) {
    lakecodec::byte_buffer e = read_all(err);
    ADD_FAILURE() << "Java oracle failed (build it with tests/deps/install.sh): "
                  << std::string(e.view()).substr(0, 4000);
  }
  return r.output;
}

nlohmann::json parse_json(const std::string& text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << text.substr(0, 2000);
  return j;
}

nlohmann::json to_json(const std::vector<paimon::commit_message>& list) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& m : list)
    a.push_back(nlohmann::json::parse(paimon::commit_message_to_json(m).dump()));
  return a;
}

// Before version 10 there is one index-file pair per message; keep the side readers attach it to.
void keep_legacy_index_side(paimon::commit_message& m) {
  if (m.compact.files_empty()) {
    m.compact.new_index_files.clear();
    m.compact.deleted_index_files.clear();
  } else {
    m.data.new_index_files.clear();
    m.data.deleted_index_files.clear();
  }
}

}  // namespace

TEST(PaimonJavaInteropTest, JavaVersionIsTheNewestReleaseVersion) {
  std::string out = oracle("version");
  EXPECT_EQ(std::stoi(out.substr(out.find_first_of("0123456789"))),
            paimon::default_commit_message_version);
}

TEST(PaimonJavaInteropTest, JavaWrittenRandomMessagesDecodeEqualAndReencodeIdentically) {
  const std::string dir = scratch_dir("paimon-java-random");
  for (int seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE(seed);
    const std::string bin = dir + "/m" + std::to_string(seed) + ".bin";
    const std::string json = dir + "/m" + std::to_string(seed) + ".json";
    oracle("random " + std::to_string(seed) + " 200 " + bin + " " + json);
    lakecodec::byte_buffer bytes = read_all(bin);
    auto list = paimon::deserialize_commit_message_list(bytes.span(),
                                                        paimon::default_commit_message_version);
    ASSERT_TRUE(list.has_value()) << list.error().to_string();
    ASSERT_EQ(list->size(), 200u);
    lakecodec::byte_buffer text = read_all(json);
    EXPECT_EQ(to_json(*list), parse_json(std::string(text.view())));
    lakecodec::byte_buffer again;
    ASSERT_TRUE(
        paimon::serialize_commit_message_list(*list, paimon::default_commit_message_version, again)
            .ok());
    EXPECT_TRUE(again.view() == bytes.view());
    // The JSON form round-trips to the same messages.
    auto from_json = paimon::commit_messages_from_json(parse_json(std::string(text.view())));
    ASSERT_TRUE(from_json.has_value()) << from_json.error().to_string();
    EXPECT_TRUE(*from_json == *list);
  }
}

TEST(PaimonJavaInteropTest, JavaDecodesWhatWeWriteAtEveryVersionItReads) {
  const std::string dir = scratch_dir("paimon-java-write");
  const std::string bin = dir + "/src.bin";
  oracle("random 77 150 " + bin + " " + dir + "/src.json");
  lakecodec::byte_buffer bytes = read_all(bin);
  auto list =
      paimon::deserialize_commit_message_list(bytes.span(), paimon::default_commit_message_version);
  ASSERT_TRUE(list.has_value()) << list.error().to_string();
  for (int v = paimon::min_write_commit_message_version;
       v <= paimon::default_commit_message_version; ++v) {
    SCOPED_TRACE("version " + std::to_string(v));
    std::vector<paimon::commit_message> msgs = *list;
    for (auto& m : msgs) {
      if (v < 10) keep_legacy_index_side(m);
      paimon::project_to_version(m, v);
    }
    lakecodec::byte_buffer out;
    ASSERT_TRUE(paimon::serialize_commit_message_list(msgs, v, out).ok());
    const std::string path = dir + "/v" + std::to_string(v) + ".bin";
    write_all(path, out.view());
    const std::string java_json = oracle("decode " + std::to_string(v) + " " + path);
    // Java's readers call getTimestamp(12) without a null check: a null creation time reads as 0.
    std::vector<paimon::commit_message> expected = msgs;
    for (auto& m : expected)
      for (auto* v :
           {&m.data.new_files, &m.data.deleted_files, &m.data.changelog_files,
            &m.compact.compact_before, &m.compact.compact_after, &m.compact.changelog_files})
        for (auto& f : *v)
          if (!f.creation_time) f.creation_time = 0;
    if (parse_json(java_json) != to_json(expected)) {
      write_all(path + ".java.json", java_json);
      write_all(path + ".ours.json", to_json(expected).dump());
      ADD_FAILURE() << "Java decodes different values; compare " << path
                    << ".java.json and .ours.json";
    }
    // And we read our own bytes back to the same values.
    auto back = paimon::deserialize_commit_message_list(out.span(), v);
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    EXPECT_TRUE(*back == msgs);
  }
}

TEST(PaimonJavaInteropTest, BinaryRowBytesHashesAndBucketsEqualJavaForRandomKeys) {
  const std::string dir = scratch_dir("paimon-java-keys");
  const std::string path = dir + "/keys.jsonl";
  oracle("keys 2024 10000 " + path);
  std::ifstream in(path);
  std::string line;
  size_t rows = 0, buckets = 0, mismatches = 0;
  std::string last_schema;
  std::vector<paimon::data_field> fields;
  paimon::table_schema table;
  std::optional<paimon::bucket_key_extractor> extractor;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    const std::string schema_text = j["schema"].dump();
    if (schema_text != last_schema) {
      last_schema = schema_text;
      auto t = paimon::parse_data_type(j["schema"]);
      ASSERT_TRUE(t.has_value()) << t.error().to_string();
      table = paimon::table_schema();
      table.fields = t->fields;
      extractor.reset();
      fields = t->fields;
      if (j.contains("bucket")) {
        fields.pop_back();  // the trailing value column "v" is not part of the key
        std::string keys;
        for (const auto& f : fields) keys += (keys.empty() ? "" : ",") + f.name;
        table.options = {{"bucket", std::to_string(j["buckets"].get<int>())}, {"bucket-key", keys}};
        auto e = paimon::bucket_key_extractor::make(table);
        ASSERT_TRUE(e.has_value()) << e.error().to_string();
        extractor = std::move(e).value();
      }
    }
    std::vector<paimon::datum> values;
    for (size_t k = 0; k < fields.size(); ++k) {
      auto v = paimon::datum_from_json(j["key"][k], fields[k].type);
      ASSERT_TRUE(v.has_value()) << v.error().to_string() << " in " << line;
      values.push_back(std::move(v).value());
    }
    auto row = paimon::encode_row(fields, values);
    ASSERT_TRUE(row.has_value()) << row.error().to_string();
    const std::string hex = paimon::detail::hex_encode(row->bytes);
    if (hex != j["row"].get<std::string>()) {
      if (++mismatches < 5) ADD_FAILURE() << "row bytes differ for " << line << "\n ours: " << hex;
    }
    // Decoding gives the same values back.
    auto decoded = paimon::decode_row(row->span(), fields);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().to_string();
    EXPECT_TRUE(*decoded == values) << line;
    if (extractor) {
      values.push_back(paimon::datum::of_int(0));
      auto b = extractor->bucket(values);
      ASSERT_TRUE(b.has_value()) << b.error().to_string();
      EXPECT_EQ(paimon::binary_row_hash(row->span()), j["hash"].get<int32_t>()) << line;
      if (*b != j["bucket"].get<int32_t>() && ++mismatches < 5)
        ADD_FAILURE() << "bucket " << *b << " differs for " << line;
      ++buckets;
    }
    ++rows;
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GE(buckets, 10000u * 48);
  EXPECT_GT(rows, buckets);
}

TEST(PaimonJavaInteropTest, ManifestsRoundTripBetweenJavaAndUs) {
  const std::string dir = scratch_dir("paimon-java-manifest");
  const std::string table = dir + "/db.db/t";
  oracle("manifest-write " + table + " 11 300 " + dir + "/java.json");
  lakecodec::byte_buffer text = read_all(dir + "/java.json");
  nlohmann::json java = parse_json(std::string(text.view()));
  ASSERT_TRUE(java.is_object());
  // 1. We read Java's manifest files and manifest list to the values Java reads.
  std::vector<paimon::manifest_entry> entries;
  nlohmann::json ours = nlohmann::json::array();
  for (const auto& name : java["manifests"]) {
    lakecodec::byte_buffer bytes = read_all(table + "/manifest/" + name.get<std::string>());
    auto r = paimon::read_manifest(bytes.span());
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    for (const auto& e : *r) {
      ours.push_back(nlohmann::json::parse(paimon::manifest_entry_to_json(e).dump()));
      entries.push_back(e);
    }
  }
  EXPECT_EQ(ours.size(), 300u);
  EXPECT_EQ(ours, java["entries"]);
  lakecodec::byte_buffer list_bytes =
      read_all(table + "/manifest/" + java["manifestList"].get<std::string>());
  auto metas = paimon::read_manifest_list(list_bytes.span());
  ASSERT_TRUE(metas.has_value()) << metas.error().to_string();
  nlohmann::json our_metas = nlohmann::json::array();
  for (const auto& m : *metas)
    our_metas.push_back(nlohmann::json::parse(paimon::manifest_file_meta_to_json(m).dump()));
  EXPECT_EQ(our_metas, java["metas"]);
  // 2. Java's ManifestFile / ManifestList read what we write, to the same values.
  for (int v : {11, 13}) {
    SCOPED_TRACE("format version " + std::to_string(v));
    paimon::manifest_write_options opt;
    opt.format_version = v;
    std::vector<paimon::manifest_entry> written = entries;
    if (v < 13)
      for (auto& e : written) e.file.write_cols_sequences.reset();
    auto bytes = paimon::write_manifest(written, opt);
    ASSERT_TRUE(bytes.has_value()) << bytes.error().to_string();
    const std::string name = "manifest-lakecodec-" + std::to_string(v);
    write_all(table + "/manifest/" + name, bytes->view());
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& e : written)
      expected.push_back(nlohmann::json::parse(paimon::manifest_entry_to_json(e).dump()));
    EXPECT_EQ(parse_json(oracle("manifest-read " + table + " " + name)), expected);
    auto meta = paimon::summarize_manifest(name, static_cast<int64_t>(bytes->size()), written, 0);
    auto list = paimon::write_manifest_list({meta, (*metas)[0]}, opt);
    ASSERT_TRUE(list.has_value()) << list.error().to_string();
    const std::string list_name = "manifest-list-lakecodec-" + std::to_string(v);
    write_all(table + "/manifest/" + list_name, list->view());
    nlohmann::json expected_list = nlohmann::json::array();
    expected_list.push_back(nlohmann::json::parse(paimon::manifest_file_meta_to_json(meta).dump()));
    expected_list.push_back(
        nlohmann::json::parse(paimon::manifest_file_meta_to_json((*metas)[0]).dump()));
    EXPECT_EQ(parse_json(oracle("manifest-list-read " + table + " " + list_name)), expected_list);
  }
}

TEST(PaimonJavaInteropTest, JavaReadsTheSchemaAndSnapshotFilesWeWrite) {
  const std::string dir = scratch_dir("paimon-java-json");
  const std::string root = lakecodec_test::shared_path("conformance/paimon/tables-parquet");
  for (const char* kind : {"schema", "snapshot"}) {
    SCOPED_TRACE(kind);
    std::string args;
    nlohmann::json ours = nlohmann::json::array();
    auto r = run_command("ls " + root + "/*/*/" + kind + "/" + kind + "-*");
    ASSERT_EQ(r.exit_code, 0);
    std::istringstream files(r.output);
    std::string path;
    int n = 0;
    while (std::getline(files, path)) {
      lakecodec::byte_buffer text = read_all(path);
      std::string printed;
      if (std::string(kind) == "schema") {
        auto s = paimon::parse_table_schema(text.view());
        ASSERT_TRUE(s.has_value()) << path << ": " << s.error().to_string();
        printed = paimon::table_schema_to_json(*s);
      } else {
        auto s = paimon::parse_snapshot(text.view());
        ASSERT_TRUE(s.has_value()) << path << ": " << s.error().to_string();
        printed = paimon::snapshot_to_json(*s);
      }
      const std::string out = dir + "/" + kind + "-" + std::to_string(n++);
      write_all(out, printed);
      args += " " + out;
      ours.push_back(parse_json(printed));
    }
    ASSERT_GT(n, 40);
    nlohmann::json java = parse_json(oracle(std::string("json-roundtrip ") + kind + args));
    ASSERT_TRUE(java.is_array());
    ASSERT_EQ(java.size(), ours.size());
    for (size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(java[i], ours[i]) << kind << " #" << i;
  }
}
