#pragma once
// CLI verbs of the paimon area: commit decode/encode (Java CommitMessageSerializer bytes <-> JSON),
// bucket (Java's fixed-bucket function for JSON rows), manifest (Avro manifests as JSON lines).

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/paimon.hpp"
#include "lakecodec/paimon/manifest_json.hpp"

namespace lakecodec_cli {

namespace paimon_cli {

namespace paimon = lakecodec::paimon;

inline lakecodec::result<lakecodec::byte_buffer> read_input(const std::string& path) {
  if (path != "-") return lakecodec::read_file(path);
  lakecodec::byte_buffer b;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) b.append(buf, n);
  return b;
}

inline void write_stdout(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

inline bool version_option(const args& a, long long& v, long long lo) {
  v = paimon::default_commit_message_version;
  return parse_int_option(a, "version", v, lo, paimon::max_commit_message_version);
}

inline int commit_decode(const args& a) {
  const std::string& file = a.positional[0];
  long long version = 0;
  if (!version_option(a, version, paimon::min_commit_message_version)) return exit_usage;
  long long committable = -1;
  if (!parse_int_option(a, "committable", committable, 1,
                        paimon::current_manifest_committable_version))
    return exit_usage;
  auto bytes = read_input(file);
  if (!bytes) return data_error(file, bytes.error());
  nlohmann::ordered_json out;
  if (committable > 0) {
    auto c = paimon::deserialize_manifest_committable(bytes->span(), static_cast<int>(committable));
    if (!c) return data_error(file, c.error());
    out = nlohmann::ordered_json::object();
    out["identifier"] = c->identifier;
    out["watermark"] =
        c->watermark ? nlohmann::ordered_json(*c->watermark) : nlohmann::ordered_json(nullptr);
    nlohmann::ordered_json props = nlohmann::ordered_json::object();
    for (const auto& kv : c->properties) props[kv.first] = kv.second;
    out["properties"] = std::move(props);
    out["commitMessageVersion"] =
        c->commit_message_version == paimon::commit_message_version_legacy_v2
            ? nlohmann::ordered_json("2 (Paimon 0.7 layout)")
            : nlohmann::ordered_json(c->commit_message_version);
    nlohmann::ordered_json msgs = nlohmann::ordered_json::array();
    for (const auto& m : c->messages) msgs.push_back(paimon::commit_message_to_json(m));
    out["messages"] = std::move(msgs);
  } else {
    auto list = paimon::deserialize_commit_message_list(bytes->span(), static_cast<int>(version));
    if (!list) return data_error(file, list.error());
    out = nlohmann::ordered_json::array();
    for (const auto& m : *list) out.push_back(paimon::commit_message_to_json(m));
  }
  write_stdout(out.dump(a.has("compact") ? -1 : 2) + "\n");
  return exit_ok;
}

inline int commit_encode(const args& a) {
  const std::string& in = a.positional[0];
  const std::string& out_path = a.positional[1];
  long long version = 0;
  if (!version_option(a, version, paimon::min_write_commit_message_version)) return exit_usage;
  auto text = read_input(in);
  if (!text) return data_error(in, text.error());
  nlohmann::json j = nlohmann::json::parse(text->view(), nullptr, false);
  if (j.is_discarded()) return data_error(in, lakecodec::corrupt_data("not valid JSON"));
  if (j.is_object()) j = nlohmann::json::array({j});
  auto list = paimon::commit_messages_from_json(j);
  if (!list) return data_error(in, list.error());
  lakecodec::byte_buffer out;
  auto st = paimon::serialize_commit_message_list(*list, static_cast<int>(version), out);
  if (!st.ok()) return data_error(in, st);
  lakecodec::file_sink_options fo;
  fo.overwrite = true;
  auto sink = lakecodec::file_sink::open(out_path, fo);
  if (!sink) return data_error(out_path, sink.error());
  auto ws = sink->write(out.span());
  if (ws.ok()) ws = sink->close();
  if (!ws.ok()) return data_error(out_path, ws);
  return exit_ok;
}

inline int bucket(const args& a) {
  const std::string& in = a.positional[0];
  if (!a.has("schema"))
    return usage_error("'paimon bucket' needs --schema SCHEMA.json", "paimon bucket");
  const std::string schema_path = a.get("schema");
  auto schema_text = lakecodec::read_file(schema_path);
  if (!schema_text) return data_error(schema_path, schema_text.error());
  auto schema = paimon::parse_table_schema(schema_text->view());
  if (!schema) return data_error(schema_path, schema.error());
  if (a.has("buckets")) {
    long long n = 0;
    if (!parse_int_option(a, "buckets", n, 1, 2147483647)) return exit_usage;
    bool found = false;
    for (auto& kv : schema->options)
      if (kv.first == "bucket") {
        kv.second = std::to_string(n);
        found = true;
      }
    if (!found) schema->options.emplace_back("bucket", std::to_string(n));
  }
  auto ex = paimon::bucket_key_extractor::make(*schema);
  if (!ex) return data_error(schema_path, ex.error());
  auto text = read_input(in);
  if (!text) return data_error(in, text.error());
  std::string out;
  size_t line_no = 0, start = 0;
  const std::string_view all = text->view();
  std::vector<paimon::datum> row(schema->fields.size());
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = in + ":" + std::to_string(line_no);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !(j.is_object() || j.is_array()))
      return data_error(where, lakecodec::corrupt_data("expected a JSON object or array"));
    for (auto& d : row) d = paimon::datum::null();
    for (int k : ex->key_indices()) {
      const paimon::data_field& f = schema->fields[static_cast<size_t>(k)];
      const nlohmann::json* v = nullptr;
      if (j.is_object()) {
        auto it = j.find(f.name);
        if (it != j.end()) v = &*it;
      } else if (static_cast<size_t>(k) < j.size()) {
        v = &j[static_cast<size_t>(k)];
      }
      if (v == nullptr) continue;
      auto d = paimon::datum_from_json(*v, f.type);
      if (!d) return data_error(where, d.error().with_context("column " + f.name));
      row[static_cast<size_t>(k)] = std::move(d).value();
    }
    auto b = ex->bucket(row);
    if (!b) return data_error(where, b.error());
    out += std::to_string(*b);
    out += '\n';
    if (out.size() > (1u << 16)) {
      write_stdout(out);
      out.clear();
    }
  }
  write_stdout(out);
  return exit_ok;
}

inline int manifest(const args& a) {
  const std::string& file = a.positional[0];
  auto bytes = read_input(file);
  if (!bytes) return data_error(file, bytes.error());
  if (bytes->size() >= 3 && bytes->view().substr(0, 3) == "ORC")
    return data_error(
        file, lakecodec::unsupported("ORC manifests (manifest.format=orc) are not supported"));
  auto r = lakecodec::avro::container_reader::open(bytes->span());
  if (!r) return data_error(file, r.error());
  const lakecodec::avro::node* root = paimon::detail::root_record(r->writer_schema().root());
  if (root == nullptr) return data_error(file, lakecodec::corrupt_data("not a Paimon manifest"));
  std::string out;
  if (root->field_index("_FILE") >= 0) {
    auto entries = paimon::read_manifest(bytes->span());
    if (!entries) return data_error(file, entries.error());
    for (const auto& e : *entries) out += paimon::manifest_entry_to_json(e).dump() + "\n";
  } else if (root->field_index("_NUM_ADDED_FILES") >= 0) {
    auto metas = paimon::read_manifest_list(bytes->span());
    if (!metas) return data_error(file, metas.error());
    for (const auto& m : *metas) out += paimon::manifest_file_meta_to_json(m).dump() + "\n";
  } else if (root->field_index("_INDEX_TYPE") >= 0) {
    auto entries = paimon::read_index_manifest(bytes->span());
    if (!entries) return data_error(file, entries.error());
    for (const auto& e : *entries) out += paimon::index_manifest_entry_to_json(e).dump() + "\n";
  } else {
    return data_error(file,
                      lakecodec::corrupt_data(
                          "Avro file is not a Paimon manifest, manifest list or index manifest"));
  }
  write_stdout(out);
  return exit_ok;
}

}  // namespace paimon_cli

inline void register_paimon_commands(registry& r) {
  r.describe_group("paimon", "Apache Paimon: commit messages, buckets, manifests");
  r.describe_group("paimon commit", "Java CommitMessageSerializer bytes <-> JSON");
  r.add(command{
      "paimon commit decode",
      "Print a serialized CommitMessage list ([int32 n][messages]) as JSON",
      "FILE",
      {{"version", true, "CommitMessage serializer version 1..13 (default 11, Paimon 1.4)"},
       {"committable", true, "read FILE as a ManifestCommittable of this version (1..5) instead"},
       {"compact", false, "one-line JSON"}},
      1,
      1,
      paimon_cli::commit_decode});
  r.add(command{
      "paimon commit encode",
      "Serialize the JSON of 'commit decode' (an array or one message) to OUT",
      "IN.json OUT",
      {{"version", true, "CommitMessage serializer version 7..13 (default 11, Paimon 1.4)"}},
      2,
      2,
      paimon_cli::commit_encode});
  r.add(command{"paimon bucket",
                "Print Java's fixed bucket of every JSON row (object by column name or array)",
                "IN.jsonl",
                {{"schema", true, "the table schema file (schema/schema-N)"},
                 {"buckets", true, "bucket count (default: the schema's 'bucket' option)"}},
                1,
                1,
                paimon_cli::bucket});
  r.add(command{"paimon manifest",
                "Print the rows of a manifest, manifest list or index manifest as JSON lines",
                "FILE",
                {},
                1,
                1,
                paimon_cli::manifest});
}

}  // namespace lakecodec_cli
