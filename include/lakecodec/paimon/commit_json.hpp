#pragma once
// A JSON form of CommitMessages (used by `lakecodec paimon commit decode/encode` and the Java
// interop tests). Keys follow Java's getter names; schemaless rows are {"arity": n, "bytes":
// "<hex of the BinaryRow>"}; byte arrays are hex; absent nullable fields are null.

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/commit_message.hpp"
#include "lakecodec/paimon/value_json.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

namespace detail {

using ojson = nlohmann::ordered_json;

inline ojson row_to_json(const binary_row& r) {
  ojson j = ojson::object();
  j["arity"] = r.arity;
  j["bytes"] = hex_encode(r.bytes);
  return j;
}
template <class T>
ojson opt_json(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}
inline ojson opt_hex(const std::optional<std::string>& v) {
  return v ? ojson(hex_encode(*v)) : ojson(nullptr);
}
inline ojson stats_to_json(const simple_stats& s) {
  ojson j = ojson::object();
  j["minValues"] = row_to_json(s.min_values);
  j["maxValues"] = row_to_json(s.max_values);
  if (s.null_counts) {
    ojson a = ojson::array();
    for (const auto& c : *s.null_counts) a.push_back(opt_json(c));
    j["nullCounts"] = std::move(a);
  } else {
    j["nullCounts"] = nullptr;
  }
  return j;
}

}  // namespace detail

/// The JSON form of one DataFileMeta.
inline nlohmann::ordered_json data_file_meta_to_json(const data_file_meta& f) {
  using detail::ojson;
  ojson j = ojson::object();
  j["fileName"] = f.file_name;
  j["fileSize"] = f.file_size;
  j["rowCount"] = f.row_count;
  j["minKey"] = detail::row_to_json(f.min_key);
  j["maxKey"] = detail::row_to_json(f.max_key);
  j["keyStats"] = detail::stats_to_json(f.key_stats);
  j["valueStats"] = detail::stats_to_json(f.value_stats);
  j["minSequenceNumber"] = f.min_sequence_number;
  j["maxSequenceNumber"] = f.max_sequence_number;
  j["schemaId"] = f.schema_id;
  j["level"] = f.level;
  j["extraFiles"] = f.extra_files;
  j["creationTime"] = detail::opt_json(f.creation_time);
  j["deleteRowCount"] = detail::opt_json(f.delete_row_count);
  j["embeddedIndex"] = detail::opt_hex(f.embedded_index);
  j["fileSource"] = f.file_source ? ojson(static_cast<int>(*f.file_source)) : ojson(nullptr);
  j["valueStatsCols"] = detail::opt_json(f.value_stats_cols);
  j["externalPath"] = detail::opt_json(f.external_path);
  j["firstRowId"] = detail::opt_json(f.first_row_id);
  j["writeCols"] = detail::opt_json(f.write_cols);
  j["writeColsSequences"] = detail::opt_json(f.write_cols_sequences);
  return j;
}

/// The JSON form of one IndexFileMeta.
inline nlohmann::ordered_json index_file_meta_to_json(const index_file_meta& f) {
  using detail::ojson;
  ojson j = ojson::object();
  j["indexType"] = f.index_type;
  j["fileName"] = f.file_name;
  j["fileSize"] = f.file_size;
  j["rowCount"] = f.row_count;
  if (f.dv_ranges) {
    ojson a = ojson::array();
    for (const deletion_vector_meta& d : *f.dv_ranges) {
      ojson e = ojson::object();
      e["fileName"] = d.data_file_name;
      e["offset"] = d.offset;
      e["length"] = d.length;
      e["cardinality"] = detail::opt_json(d.cardinality);
      a.push_back(std::move(e));
    }
    j["dvRanges"] = std::move(a);
  } else {
    j["dvRanges"] = nullptr;
  }
  j["externalPath"] = detail::opt_json(f.external_path);
  if (f.global_index) {
    const global_index_meta& g = *f.global_index;
    ojson e = ojson::object();
    e["rowRangeStart"] = g.row_range_start;
    e["rowRangeEnd"] = g.row_range_end;
    e["indexFieldId"] = g.index_field_id;
    e["extraFieldIds"] = detail::opt_json(g.extra_field_ids);
    e["indexMeta"] = detail::opt_hex(g.index_meta);
    e["sourceMeta"] = detail::opt_hex(g.source_meta);
    j["globalIndex"] = std::move(e);
  } else {
    j["globalIndex"] = nullptr;
  }
  return j;
}

/// The JSON form of one CommitMessage (both increments flattened, compact lists prefixed).
inline nlohmann::ordered_json commit_message_to_json(const commit_message& m) {
  using detail::ojson;
  auto files = [](const std::vector<data_file_meta>& v) {
    ojson a = ojson::array();
    for (const auto& f : v) a.push_back(data_file_meta_to_json(f));
    return a;
  };
  auto indexes = [](const std::vector<index_file_meta>& v) {
    ojson a = ojson::array();
    for (const auto& f : v) a.push_back(index_file_meta_to_json(f));
    return a;
  };
  ojson j = ojson::object();
  j["partition"] = detail::row_to_json(m.partition);
  j["bucket"] = m.bucket;
  j["totalBuckets"] = detail::opt_json(m.total_buckets);
  j["newFiles"] = files(m.data.new_files);
  j["deletedFiles"] = files(m.data.deleted_files);
  j["changelogFiles"] = files(m.data.changelog_files);
  j["newIndexFiles"] = indexes(m.data.new_index_files);
  j["deletedIndexFiles"] = indexes(m.data.deleted_index_files);
  j["compactBefore"] = files(m.compact.compact_before);
  j["compactAfter"] = files(m.compact.compact_after);
  j["compactChangelogFiles"] = files(m.compact.changelog_files);
  j["compactNewIndexFiles"] = indexes(m.compact.new_index_files);
  j["compactDeletedIndexFiles"] = indexes(m.compact.deleted_index_files);
  return j;
}

namespace detail {

template <class Json>
struct json_reader {
  const Json& j;
  std::string path;

  status fail(const char* key, const char* what) const {
    return invalid_argument("paimon: " + path + "." + key + ": expected " + what);
  }
  const Json* get(const char* key) const {
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
  }
  template <class T>
  status integer(const char* key, T& out) const {
    const Json* v = get(key);
    if (!v || !v->is_number_integer()) return fail(key, "an integer");
    out = v->template get<T>();
    return {};
  }
  template <class T>
  status opt_integer(const char* key, std::optional<T>& out) const {
    const Json* v = get(key);
    if (!v || v->is_null()) {
      out.reset();
      return {};
    }
    if (!v->is_number_integer()) return fail(key, "an integer or null");
    out = v->template get<T>();
    return {};
  }
  status string(const char* key, std::string& out) const {
    const Json* v = get(key);
    if (!v || !v->is_string()) return fail(key, "a string");
    out = v->template get<std::string>();
    return {};
  }
  status opt_string(const char* key, std::optional<std::string>& out) const {
    const Json* v = get(key);
    if (!v || v->is_null()) {
      out.reset();
      return {};
    }
    if (!v->is_string()) return fail(key, "a string or null");
    out = v->template get<std::string>();
    return {};
  }
  status opt_hex(const char* key, std::optional<std::string>& out) const {
    std::optional<std::string> h;
    LAKECODEC_TRY(opt_string(key, h));
    if (!h) {
      out.reset();
      return {};
    }
    LAKECODEC_ASSIGN_OR_RETURN(std::string b, hex_decode(*h));
    out = std::move(b);
    return {};
  }
  status strings(const char* key, std::vector<std::string>& out) const {
    const Json* v = get(key);
    if (!v || !v->is_array()) return fail(key, "an array of strings");
    out.clear();
    for (const auto& e : *v) {
      if (!e.is_string()) return fail(key, "an array of strings");
      out.push_back(e.template get<std::string>());
    }
    return {};
  }
  status opt_strings(const char* key, std::optional<std::vector<std::string>>& out) const {
    const Json* v = get(key);
    if (!v || v->is_null()) {
      out.reset();
      return {};
    }
    std::vector<std::string> s;
    LAKECODEC_TRY(strings(key, s));
    out = std::move(s);
    return {};
  }
  template <class T>
  status opt_ints(const char* key, std::optional<std::vector<T>>& out) const {
    const Json* v = get(key);
    if (!v || v->is_null()) {
      out.reset();
      return {};
    }
    if (!v->is_array()) return fail(key, "an array of integers or null");
    std::vector<T> s;
    for (const auto& e : *v) {
      if (!e.is_number_integer()) return fail(key, "an array of integers");
      s.push_back(e.template get<T>());
    }
    out = std::move(s);
    return {};
  }
  status row(const char* key, binary_row& out) const {
    const Json* v = get(key);
    if (!v || !v->is_object()) return fail(key, "{\"arity\": n, \"bytes\": hex}");
    json_reader sub{*v, path + "." + key};
    LAKECODEC_TRY(sub.integer("arity", out.arity));
    std::string h;
    LAKECODEC_TRY(sub.string("bytes", h));
    LAKECODEC_ASSIGN_OR_RETURN(out.bytes, hex_decode(h));
    LAKECODEC_TRY(out.view());
    return {};
  }
  status stats(const char* key, simple_stats& out) const {
    const Json* v = get(key);
    if (!v || !v->is_object()) return fail(key, "a stats object");
    json_reader sub{*v, path + "." + key};
    LAKECODEC_TRY(sub.row("minValues", out.min_values));
    LAKECODEC_TRY(sub.row("maxValues", out.max_values));
    const Json* nc = sub.get("nullCounts");
    if (!nc || nc->is_null()) {
      out.null_counts.reset();
      return {};
    }
    if (!nc->is_array()) return sub.fail("nullCounts", "an array or null");
    std::vector<std::optional<int64_t>> counts;
    for (const auto& e : *nc) {
      if (e.is_null()) {
        counts.emplace_back();
      } else if (e.is_number_integer()) {
        counts.emplace_back(e.template get<int64_t>());
      } else {
        return sub.fail("nullCounts", "integers or nulls");
      }
    }
    out.null_counts = std::move(counts);
    return {};
  }
};

template <class Json>
result<data_file_meta> data_file_meta_from_json(const Json& j, const std::string& path) {
  if (!j.is_object()) return invalid_argument("paimon: " + path + ": expected an object");
  json_reader<Json> r{j, path};
  data_file_meta f;
  LAKECODEC_TRY(r.string("fileName", f.file_name));
  LAKECODEC_TRY(r.integer("fileSize", f.file_size));
  LAKECODEC_TRY(r.integer("rowCount", f.row_count));
  LAKECODEC_TRY(r.row("minKey", f.min_key));
  LAKECODEC_TRY(r.row("maxKey", f.max_key));
  LAKECODEC_TRY(r.stats("keyStats", f.key_stats));
  LAKECODEC_TRY(r.stats("valueStats", f.value_stats));
  LAKECODEC_TRY(r.integer("minSequenceNumber", f.min_sequence_number));
  LAKECODEC_TRY(r.integer("maxSequenceNumber", f.max_sequence_number));
  LAKECODEC_TRY(r.integer("schemaId", f.schema_id));
  LAKECODEC_TRY(r.integer("level", f.level));
  LAKECODEC_TRY(r.strings("extraFiles", f.extra_files));
  LAKECODEC_TRY(r.opt_integer("creationTime", f.creation_time));
  LAKECODEC_TRY(r.opt_integer("deleteRowCount", f.delete_row_count));
  LAKECODEC_TRY(r.opt_hex("embeddedIndex", f.embedded_index));
  LAKECODEC_TRY(r.opt_integer("fileSource", f.file_source));
  LAKECODEC_TRY(r.opt_strings("valueStatsCols", f.value_stats_cols));
  LAKECODEC_TRY(r.opt_string("externalPath", f.external_path));
  LAKECODEC_TRY(r.opt_integer("firstRowId", f.first_row_id));
  LAKECODEC_TRY(r.opt_strings("writeCols", f.write_cols));
  LAKECODEC_TRY(r.opt_ints("writeColsSequences", f.write_cols_sequences));
  return f;
}

template <class Json>
result<index_file_meta> index_file_meta_from_json(const Json& j, const std::string& path) {
  if (!j.is_object()) return invalid_argument("paimon: " + path + ": expected an object");
  json_reader<Json> r{j, path};
  index_file_meta f;
  LAKECODEC_TRY(r.string("indexType", f.index_type));
  LAKECODEC_TRY(r.string("fileName", f.file_name));
  LAKECODEC_TRY(r.integer("fileSize", f.file_size));
  LAKECODEC_TRY(r.integer("rowCount", f.row_count));
  const Json* dv = r.get("dvRanges");
  if (dv && !dv->is_null()) {
    if (!dv->is_array()) return r.fail("dvRanges", "an array or null");
    std::vector<deletion_vector_meta> v;
    for (const auto& e : *dv) {
      if (!e.is_object()) return r.fail("dvRanges", "objects");
      json_reader<Json> er{e, path + ".dvRanges[]"};
      deletion_vector_meta d;
      LAKECODEC_TRY(er.string("fileName", d.data_file_name));
      LAKECODEC_TRY(er.integer("offset", d.offset));
      LAKECODEC_TRY(er.integer("length", d.length));
      LAKECODEC_TRY(er.opt_integer("cardinality", d.cardinality));
      v.push_back(std::move(d));
    }
    f.dv_ranges = std::move(v);
  }
  LAKECODEC_TRY(r.opt_string("externalPath", f.external_path));
  const Json* g = r.get("globalIndex");
  if (g && !g->is_null()) {
    if (!g->is_object()) return r.fail("globalIndex", "an object or null");
    json_reader<Json> gr{*g, path + ".globalIndex"};
    global_index_meta m;
    LAKECODEC_TRY(gr.integer("rowRangeStart", m.row_range_start));
    LAKECODEC_TRY(gr.integer("rowRangeEnd", m.row_range_end));
    LAKECODEC_TRY(gr.integer("indexFieldId", m.index_field_id));
    LAKECODEC_TRY(gr.opt_ints("extraFieldIds", m.extra_field_ids));
    LAKECODEC_TRY(gr.opt_hex("indexMeta", m.index_meta));
    LAKECODEC_TRY(gr.opt_hex("sourceMeta", m.source_meta));
    f.global_index = std::move(m);
  }
  return f;
}

}  // namespace detail

/// Reads one CommitMessage from its JSON form; fails with invalid_argument naming the path of
/// the first missing or mistyped member.
template <class Json>
result<commit_message> commit_message_from_json(const Json& j,
                                                const std::string& path = "message") {
  if (!j.is_object()) return invalid_argument("paimon: " + path + ": expected an object");
  detail::json_reader<Json> r{j, path};
  commit_message m;
  LAKECODEC_TRY(r.row("partition", m.partition));
  LAKECODEC_TRY(r.integer("bucket", m.bucket));
  LAKECODEC_TRY(r.opt_integer("totalBuckets", m.total_buckets));
  auto files = [&](const char* key, std::vector<data_file_meta>& out) -> status {
    const Json* v = r.get(key);
    if (!v || v->is_null()) return {};
    if (!v->is_array()) return r.fail(key, "an array");
    size_t k = 0;
    for (const auto& e : *v) {
      LAKECODEC_ASSIGN_OR_RETURN(
          data_file_meta f,
          detail::data_file_meta_from_json(e, path + "." + key + "[" + std::to_string(k++) + "]"));
      out.push_back(std::move(f));
    }
    return {};
  };
  auto indexes = [&](const char* key, std::vector<index_file_meta>& out) -> status {
    const Json* v = r.get(key);
    if (!v || v->is_null()) return {};
    if (!v->is_array()) return r.fail(key, "an array");
    size_t k = 0;
    for (const auto& e : *v) {
      LAKECODEC_ASSIGN_OR_RETURN(
          index_file_meta f,
          detail::index_file_meta_from_json(e, path + "." + key + "[" + std::to_string(k++) + "]"));
      out.push_back(std::move(f));
    }
    return {};
  };
  LAKECODEC_TRY(files("newFiles", m.data.new_files));
  LAKECODEC_TRY(files("deletedFiles", m.data.deleted_files));
  LAKECODEC_TRY(files("changelogFiles", m.data.changelog_files));
  LAKECODEC_TRY(indexes("newIndexFiles", m.data.new_index_files));
  LAKECODEC_TRY(indexes("deletedIndexFiles", m.data.deleted_index_files));
  LAKECODEC_TRY(files("compactBefore", m.compact.compact_before));
  LAKECODEC_TRY(files("compactAfter", m.compact.compact_after));
  LAKECODEC_TRY(files("compactChangelogFiles", m.compact.changelog_files));
  LAKECODEC_TRY(indexes("compactNewIndexFiles", m.compact.new_index_files));
  LAKECODEC_TRY(indexes("compactDeletedIndexFiles", m.compact.deleted_index_files));
  return m;
}

/// A JSON array of messages to CommitMessages.
template <class Json>
result<std::vector<commit_message>> commit_messages_from_json(const Json& j) {
  if (!j.is_array()) return invalid_argument("paimon: expected a JSON array of CommitMessages");
  std::vector<commit_message> out;
  size_t k = 0;
  for (const auto& e : j) {
    LAKECODEC_ASSIGN_OR_RETURN(commit_message m,
                               commit_message_from_json(e, "[" + std::to_string(k++) + "]"));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
