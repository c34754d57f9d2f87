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

/// What a file that is not a CommitMessage list looks like, from its first bytes ("" if unknown).
inline std::string format_hint(lakecodec::byte_span b) {
  const std::string_view v = b.as_string_view();
  if (v.substr(0, 4) == "PAR1") return "this looks like a Parquet file";
  if (v.substr(0, 4) == std::string_view("Obj\x01", 4))
    return "this looks like an Avro file (try 'lakecodec paimon manifest')";
  if (v.substr(0, 3) == "ORC") return "this looks like an ORC file";
  if (v.size() >= 2 && static_cast<uint8_t>(v[0]) == 0x1f && static_cast<uint8_t>(v[1]) == 0x8b)
    return "this looks like a gzip file";
  const size_t first = v.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (v[first] == '{' || v[first] == '['))
    return "this looks like JSON (try 'lakecodec paimon commit encode')";
  return "";
}

/// Without --version: every serializer version is tried. One that decodes cleanly is used; when
/// several do, the one whose re-encoding reproduces the input wins (a v7 list can decode as v8
/// by chance); otherwise the candidates are listed and --version is asked for.
inline int decode_any_version(const std::string& file, lakecodec::byte_span bytes,
                              std::vector<paimon::commit_message>& out, int& chosen) {
  std::vector<int> clean;
  std::vector<std::vector<paimon::commit_message>> decoded;
  lakecodec::status first_error;
  for (int v = paimon::max_commit_message_version; v >= paimon::min_commit_message_version; --v) {
    auto list = paimon::deserialize_commit_message_list(bytes, v);
    if (!list) {
      if (v == paimon::default_commit_message_version) first_error = list.error();
      continue;
    }
    clean.push_back(v);
    decoded.push_back(std::move(list).value());
  }
  if (clean.empty()) {
    const std::string hint = format_hint(bytes);
    lakecodec::status st = first_error.ok()
                               ? lakecodec::corrupt_data("no CommitMessage version decodes it")
                               : first_error.with_context(
                                     "no CommitMessage version 1..13 decodes "
                                     "it; as version 11");
    return data_error(file, hint.empty() ? st : st.with_context(hint));
  }
  size_t pick = 0;
  if (clean.size() > 1) {
    std::vector<size_t> exact;
    for (size_t i = 0; i < clean.size(); ++i) {
      if (clean[i] < paimon::min_write_commit_message_version) continue;
      lakecodec::byte_buffer re;
      if (!paimon::serialize_commit_message_list(decoded[i], clean[i], re).ok()) continue;
      if (re.view() == bytes.as_string_view()) exact.push_back(i);
    }
    if (exact.size() != 1) {
      std::string list;
      for (int v : clean) list += (list.empty() ? "" : ", ") + std::to_string(v);
      return usage_error("'" + file + "' decodes as CommitMessage versions " + list +
                             "; pass --version V to choose",
                         "paimon commit decode");
    }
    pick = exact[0];
  }
  chosen = clean[pick];
  out = std::move(decoded[pick]);
  return exit_ok;
}

inline int commit_decode(const args& a) {
  const std::string& file = a.positional[0];
  const long long version = a.get_int("version", paimon::default_commit_message_version);
  const long long committable = a.get_int("committable", -1);
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
  } else if (!a.has("version")) {
    std::vector<paimon::commit_message> list;
    int chosen = 0;
    const int rc = decode_any_version(file, bytes->span(), list, chosen);
    if (rc != exit_ok) return rc;
    std::cerr << "lakecodec: " << file << ": decoded as CommitMessage version " << chosen << "\n";
    out = nlohmann::ordered_json::array();
    for (const auto& m : list) out.push_back(paimon::commit_message_to_json(m));
  } else {
    auto list = paimon::deserialize_commit_message_list(bytes->span(), static_cast<int>(version));
    if (!list) {
      const std::string hint = format_hint(bytes->span());
      return data_error(file, hint.empty() ? list.error() : list.error().with_context(hint));
    }
    out = nlohmann::ordered_json::array();
    for (const auto& m : *list) out.push_back(paimon::commit_message_to_json(m));
  }
  write_stdout(out.dump(a.has("pretty") ? 2 : -1) + "\n");
  return exit_ok;
}

inline int commit_encode(const args& a) {
  const std::string& in = a.positional[0];
  const std::string& out_path = a.positional[1];
  const long long version = a.get_int("version", paimon::default_commit_message_version);
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
  auto ws = write_output(out_path, out.span(), a.has("overwrite"));
  if (!ws.ok()) return data_error(out_path, ws);
  return exit_ok;
}

inline int bucket(const args& a) {
  const std::string& in = a.positional[0];
  const std::string schema_path = a.get("schema");
  auto schema_text = lakecodec::read_file(schema_path);
  if (!schema_text) return data_error(schema_path, schema_text.error());
  auto schema = paimon::parse_table_schema(schema_text->view());
  if (!schema) return data_error(schema_path, schema.error());
  if (a.has("buckets")) {
    const long long n = a.get_int("buckets", 1);
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
  // Everything printed before a bad line reaches stdout in full before the error is reported.
  auto fail = [&](const std::string& where, const lakecodec::status& st) {
    write_stdout(out);
    std::fflush(stdout);
    return data_error(where, st);
  };
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
      return fail(where, lakecodec::corrupt_data("expected a JSON object or array"));
    // A key that names no column (a typo such as "F2" for "f2") would make its column null and
    // put the row in the wrong bucket: refuse it. An array must not be longer than the row.
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const paimon::data_field& f : schema->fields) known = known || f.name == it.key();
        if (!known)
          return fail(where, lakecodec::invalid_argument("unknown column '" + it.key() +
                                                         "' (not in " + schema_path + ")"));
      }
    } else if (j.size() > schema->fields.size()) {
      return fail(where, lakecodec::invalid_argument(
                             "row has " + std::to_string(j.size()) + " values, the schema " +
                             std::to_string(schema->fields.size()) + " columns"));
    }
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
      // An absent optional column is a null; a NOT NULL bucket-key column must be present.
      if (v == nullptr || v->is_null()) {
        if (!f.type.nullable)
          return fail(where, lakecodec::invalid_argument("column " + f.name +
                                                         ": bucket-key column is NOT NULL but " +
                                                         (v == nullptr ? "absent" : "null")));
        continue;
      }
      auto d = paimon::datum_from_json(*v, f.type);
      if (!d) return fail(where, d.error().with_context("column " + f.name));
      row[static_cast<size_t>(k)] = std::move(d).value();
    }
    auto b = ex->bucket(row);
    if (!b) return fail(where, b.error());
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

void register_paimon_commands(registry& r) {
  namespace paimon = lakecodec::paimon;
  r.describe_group("paimon", "Apache Paimon: commit messages, buckets, manifests");
  r.describe_group("paimon commit", "Java CommitMessageSerializer bytes <-> JSON");
  r.add(command{"paimon commit decode",
                "Print a serialized CommitMessage list ([int32 n][messages]) as JSON",
                "FILE|-",
                {opt::integer("version", paimon::min_commit_message_version,
                              paimon::max_commit_message_version,
                              "CommitMessage serializer version (default 11, Paimon 1.4)"),
                 opt::integer("committable", 1, paimon::current_manifest_committable_version,
                              "read FILE as a ManifestCommittable of this version instead"),
                 opt::pretty()},
                1,
                1,
                paimon_cli::commit_decode});
  r.add(command{"paimon commit encode",
                "Serialize the JSON of 'commit decode' (an array or one message) to OUT",
                "IN.json|- OUT|-",
                {opt::integer("version", paimon::min_write_commit_message_version,
                              paimon::max_commit_message_version,
                              "CommitMessage serializer version (default 11, Paimon 1.4)"),
                 opt::overwrite()},
                2,
                2,
                paimon_cli::commit_encode});
  r.add(command{
      "paimon bucket",
      "Print Java's fixed bucket of every JSON row (object by column name or array); an unknown "
      "column, or an absent or null NOT NULL bucket-key column, is refused naming line and column",
      "IN.jsonl|-",
      {opt::path("schema", "the table schema file (schema/schema-N)")
           .metavar("SCHEMA.json")
           .required(),
       opt::integer("buckets", 1, 2147483647,
                    "bucket count (default: the schema's 'bucket' option)")},
      1,
      1,
      paimon_cli::bucket});
  r.add(command{"paimon manifest",
                "Print the rows of a manifest, manifest list or index manifest as JSON lines",
                "FILE|-",
                {},
                1,
                1,
                paimon_cli::manifest});
}

}  // namespace lakecodec_cli
