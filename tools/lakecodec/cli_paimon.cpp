// CLI verbs of the paimon area: commit decode/encode (Java CommitMessageSerializer bytes <-> JSON),
// bucket (Java's fixed-bucket function for JSON rows), manifest (Avro manifests as JSON lines).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/hex.hpp"
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
  // A ManifestCommittable (what a Flink checkpoint stores) is a list with a header around it.
  // Several versions can decode the same bytes (v2 files read as v3): those whose re-encoding
  // reproduces them are named, else every version that decodes.
  std::vector<int> decodes, exact;
  for (int cv = paimon::current_manifest_committable_version; cv >= 1; --cv) {
    auto c = paimon::deserialize_manifest_committable(b, cv);
    if (!c) continue;
    decodes.push_back(cv);
    auto re = paimon::serialize_manifest_committable(*c, cv);
    if (re && re->view() == v) exact.push_back(cv);
  }
  std::vector<int> named = exact.empty() ? decodes : exact;
  if (named.empty()) return "";
  if (named.size() == 1)
    return "this is a ManifestCommittable of version " + std::to_string(named[0]) +
           " (pass --committable " + std::to_string(named[0]) + ")";
  std::reverse(named.begin(), named.end());
  std::string list;
  for (size_t i = 0; i < named.size(); ++i)
    list += (i == 0 ? "" : i + 1 == named.size() ? " or " : ", ") + std::to_string(named[i]);
  return "this looks like a ManifestCommittable of version " + list + " (pass --committable V)";
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

/// paimon::datum_from_json, except that BINARY/VARBINARY/BYTES take lower- or upper-case hex,
/// the CLI's one text form for bytes (what `paimon manifest` and `commit decode` print).
inline lakecodec::result<paimon::datum> key_value_from_json(const nlohmann::json& j,
                                                            const paimon::data_type& t) {
  using paimon::type_root;
  if ((t.root == type_root::binary || t.root == type_root::varbinary ||
       t.root == type_root::blob) &&
      j.is_string()) {
    auto b = lakecodec::from_hex(j.get<std::string>(), "paimon");
    if (!b) return b.error();
    return paimon::datum::of_string(std::move(b).value());
  }
  return paimon::datum_from_json(j, t);
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
      auto d = key_value_from_json(*v, f.type);
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

/// Java's FileKind and FileSource names.
inline const char* file_kind_name(paimon::file_kind k) {
  return k == paimon::file_kind::add ? "ADD" : k == paimon::file_kind::del ? "DELETE" : "UNKNOWN";
}
inline nlohmann::ordered_json file_source_name(const std::optional<int8_t>& s) {
  if (!s) return nullptr;
  if (*s == static_cast<int8_t>(paimon::file_source::append)) return "APPEND";
  if (*s == static_cast<int8_t>(paimon::file_source::compact)) return "COMPACT";
  return *s;
}

/// A value as JSON: paimon::datum_to_json's forms, except that BINARY/VARBINARY/BYTES print as
/// lower-case hex, the CLI's one text form for bytes.
inline nlohmann::ordered_json value_json(const paimon::datum& v, const paimon::data_type& t) {
  using paimon::type_root;
  if (v.is_null) return nullptr;
  switch (t.root) {
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob: return lakecodec::to_hex(v.s);
    case type_root::array:
    case type_root::multiset: {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (const paimon::datum& c : v.children) a.push_back(value_json(c, t.children[0]));
      return a;
    }
    case type_root::map: {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (size_t k = 0; k + 1 < v.children.size(); k += 2)
        a.push_back(nlohmann::ordered_json::array({value_json(v.children[k], t.children[0]),
                                                   value_json(v.children[k + 1], t.children[1])}));
      return a;
    }
    case type_root::row: {
      nlohmann::ordered_json a = nlohmann::ordered_json::array();
      for (size_t k = 0; k < v.children.size() && k < t.fields.size(); ++k)
        a.push_back(value_json(v.children[k], t.fields[k].type));
      return a;
    }
    default: return nlohmann::ordered_json(paimon::datum_to_json(v, t));
  }
}

/// The schemas that type a manifest's rows: the one --schema names, or `schema/schema-N` of the
/// table the manifest belongs to (<table>/manifest/FILE -> <table>/schema/schema-N, N the row's
/// schema id), each read once.
class schema_source {
 public:
  schema_source(std::string fixed, std::string dir)
      : fixed_(std::move(fixed)), dir_(std::move(dir)) {}

  /// The schema of id `id` (any id with --schema); nullptr, with one note on stderr, when it
  /// cannot be read.
  const paimon::table_schema* get(int64_t id) {
    const int64_t key = fixed_.empty() ? id : 0;
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second ? &*it->second : nullptr;
    const std::string path = !fixed_.empty() ? fixed_
                             : dir_.empty()  ? std::string()
                                             : dir_ + "/schema-" + std::to_string(id);
    std::optional<paimon::table_schema> got;
    if (path.empty()) {
      note("no table schema for '-' (pass --schema SCHEMA.json); rows print raw");
    } else if (auto text = lakecodec::read_file(path); !text) {
      note(path + ": " + text.error().message() + "; rows of schema " + std::to_string(id) +
           " print raw (pass --schema)");
    } else if (auto sc = paimon::parse_table_schema(text->view()); !sc) {
      note(path + ": " + sc.error().message() + "; rows print raw");
    } else {
      got = std::move(sc).value();
    }
    auto& slot = cache_[key];
    slot = std::move(got);
    return slot ? &*slot : nullptr;
  }

  /// The newest schema in the directory (index manifests carry no schema id).
  const paimon::table_schema* latest() {
    if (!fixed_.empty() || dir_.empty()) return get(0);
    int64_t best = -1;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("schema-", 0) != 0) continue;
      const std::string digits = name.substr(7);
      if (digits.empty() || digits.size() > 18 ||
          digits.find_first_not_of("0123456789") != std::string::npos)
        continue;
      best = std::max<int64_t>(best, std::stoll(digits));
    }
    return get(best < 0 ? 0 : best);
  }

  /// Notes (once) that a row of schema `id` does not fit its columns, so it prints raw.
  void mismatch(int64_t id) {
    if (mismatched_) return;
    mismatched_ = true;
    std::cerr << "lakecodec: some rows do not match the columns of "
              << (fixed_.empty() ? "schema-" + std::to_string(id) : fixed_)
              << " (written under another schema, e.g. a branch's?); they print raw\n";
  }

 private:
  void note(const std::string& m) {
    if (noted_) return;
    noted_ = true;
    std::cerr << "lakecodec: " << m << "\n";
  }
  std::string fixed_, dir_;
  std::map<int64_t, std::optional<paimon::table_schema>> cache_;
  bool noted_ = false;
  bool mismatched_ = false;
};

/// The columns of `schema` named by `names`, in that order, plus the system columns row
/// tracking writes (`SpecialFields`: `_ROW_ID`, `_SEQUENCE_NUMBER`, both BIGINT); empty when a
/// name is neither.
inline std::vector<paimon::data_field> fields_named(const paimon::table_schema& schema,
                                                    const std::vector<std::string>& names) {
  std::vector<paimon::data_field> out;
  for (const std::string& n : names) {
    const int i = schema.field_index(n);
    if (i >= 0) {
      out.push_back(schema.fields[static_cast<size_t>(i)]);
    } else if (n == "_ROW_ID" || n == "_SEQUENCE_NUMBER") {
      paimon::data_field f;
      f.name = n;
      f.type.root = paimon::type_root::bigint;
      out.push_back(std::move(f));
    } else {
      return {};
    }
  }
  return out;
}

/// A BinaryRow of `fields` as {"column": value, ...}; nullopt when its arity differs or it does
/// not decode (the caller keeps the raw form).
inline std::optional<nlohmann::ordered_json> typed_row(
    const paimon::binary_row& r, const std::vector<paimon::data_field>& fields) {
  if (r.arity != static_cast<int32_t>(fields.size())) return std::nullopt;
  if (fields.empty()) return nlohmann::ordered_json::object();
  auto values = paimon::decode_row(lakecodec::byte_span(r.bytes.data(), r.bytes.size()), fields);
  if (!values) return std::nullopt;
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (size_t k = 0; k < fields.size(); ++k)
    o[fields[k].name] = value_json((*values)[k], fields[k].type);
  return o;
}

/// Replaces j[key] (a raw row) by its typed form when it decodes.
inline bool type_row(nlohmann::ordered_json& j, const char* key, const paimon::binary_row& r,
                     const std::vector<paimon::data_field>& fields) {
  auto t = typed_row(r, fields);
  if (!t) return false;
  j[key] = std::move(*t);
  return true;
}

/// SimpleStats with min/max rows typed and null counts keyed by column, when all three match
/// `fields`.
inline bool type_stats(nlohmann::ordered_json& j, const char* key, const paimon::simple_stats& s,
                       const std::vector<paimon::data_field>& fields) {
  auto mn = typed_row(s.min_values, fields);
  auto mx = typed_row(s.max_values, fields);
  if (!mn || !mx) return false;
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  o["minValues"] = std::move(*mn);
  o["maxValues"] = std::move(*mx);
  if (s.null_counts && s.null_counts->size() == fields.size()) {
    nlohmann::ordered_json n = nlohmann::ordered_json::object();
    for (size_t k = 0; k < fields.size(); ++k)
      n[fields[k].name] = (*s.null_counts)[k] ? nlohmann::ordered_json(*(*s.null_counts)[k])
                                              : nlohmann::ordered_json(nullptr);
    o["nullCounts"] = std::move(n);
  } else {
    o["nullCounts"] = j[key]["nullCounts"];
  }
  j[key] = std::move(o);
  return true;
}

/// The columns a file's value stats cover: `valueStatsCols` when set (dense stats), else the
/// written columns when the stats row has their arity, else the whole row of the file's schema.
inline std::vector<paimon::data_field> value_stats_fields(const paimon::data_file_meta& f,
                                                          const paimon::table_schema& schema) {
  if (f.value_stats_cols) return fields_named(schema, *f.value_stats_cols);
  if (f.write_cols && f.value_stats.min_values.arity == static_cast<int32_t>(f.write_cols->size()))
    return fields_named(schema, *f.write_cols);
  return schema.fields;
}

inline nlohmann::ordered_json typed_entry_json(const paimon::manifest_entry& e,
                                               schema_source* src) {
  nlohmann::ordered_json j = paimon::manifest_entry_to_json(e);
  j["kind"] = file_kind_name(e.kind);
  j["file"]["fileSource"] = file_source_name(e.file.file_source);
  const paimon::table_schema* sc = src ? src->get(e.file.schema_id) : nullptr;
  if (sc == nullptr) return j;
  bool ok = type_row(j, "partition", e.partition, fields_named(*sc, sc->partition_keys));
  const std::vector<paimon::data_field> keys = fields_named(*sc, sc->trimmed_primary_keys());
  nlohmann::ordered_json& f = j["file"];
  ok &= type_row(f, "minKey", e.file.min_key, keys);
  ok &= type_row(f, "maxKey", e.file.max_key, keys);
  ok &= type_stats(f, "keyStats", e.file.key_stats, keys);
  ok &= type_stats(f, "valueStats", e.file.value_stats, value_stats_fields(e.file, *sc));
  if (!ok) src->mismatch(e.file.schema_id);
  return j;
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
  std::optional<schema_source> src;
  if (!a.has("raw")) {
    std::string dir;
    if (file != "-") {
      std::filesystem::path mdir = std::filesystem::path(file).parent_path();
      if (mdir.empty()) mdir = ".";
      dir = (mdir / ".." / "schema").string();
    }
    if (a.has("schema")) {
      // An explicit schema that does not read is an error, not a silent fall back to raw rows.
      const std::string sp = a.get("schema");
      auto text = lakecodec::read_file(sp);
      if (!text) return data_error(sp, text.error());
      auto sc = paimon::parse_table_schema(text->view());
      if (!sc) return data_error(sp, sc.error());
    }
    src.emplace(a.get("schema"), dir);
  }
  schema_source* s = src ? &*src : nullptr;
  std::string out;
  if (root->field_index("_FILE") >= 0) {
    auto entries = paimon::read_manifest(bytes->span());
    if (!entries) return data_error(file, entries.error());
    for (const auto& e : *entries) out += typed_entry_json(e, s).dump() + "\n";
  } else if (root->field_index("_NUM_ADDED_FILES") >= 0) {
    auto metas = paimon::read_manifest_list(bytes->span());
    if (!metas) return data_error(file, metas.error());
    for (const auto& m : *metas) {
      nlohmann::ordered_json j = paimon::manifest_file_meta_to_json(m);
      if (const paimon::table_schema* sc = s ? s->get(m.schema_id) : nullptr)
        if (!type_stats(j, "partitionStats", m.partition_stats,
                        fields_named(*sc, sc->partition_keys)))
          s->mismatch(m.schema_id);
      out += j.dump() + "\n";
    }
  } else if (root->field_index("_INDEX_TYPE") >= 0) {
    auto entries = paimon::read_index_manifest(bytes->span());
    if (!entries) return data_error(file, entries.error());
    for (const auto& e : *entries) {
      nlohmann::ordered_json j = paimon::index_manifest_entry_to_json(e);
      j["kind"] = file_kind_name(e.kind);
      if (const paimon::table_schema* sc = s ? s->latest() : nullptr)
        if (!type_row(j, "partition", e.partition, fields_named(*sc, sc->partition_keys)))
          s->mismatch(sc->id);
      out += j.dump() + "\n";
    }
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
                "Print the rows of a manifest, manifest list or index manifest as JSON lines, "
                "partitions, keys and stats as typed values and kinds as names",
                "FILE|-",
                {opt::path("schema",
                           "type rows with this schema file (default: <table>/schema/schema-N "
                           "beside the manifest directory, N the row's schema id)")
                     .metavar("SCHEMA.json")
                     .excludes({"raw"}),
                 opt::flag("raw", "print partitions, keys and stats as {arity, bytes} rows")
                     .excludes({"schema"})},
                1,
                1,
                paimon_cli::manifest});
}

}  // namespace lakecodec_cli
