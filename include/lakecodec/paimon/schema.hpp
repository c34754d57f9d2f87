#pragma once
// Paimon table schema JSON (`schema/schema-N`, SchemaSerializer.java) and the type strings of
// DataType.asSQLString: parse and print.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/types.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/core/json.hpp"
#endif

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

namespace detail {

inline std::string upper(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return o;
}
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
inline bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() >= suffix.size() &&
      s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.resize(s.size() - suffix.size());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return true;
  }
  return false;
}
inline result<std::vector<int32_t>> parse_args(std::string_view args, std::string_view type) {
  std::vector<int32_t> out;
  std::string cur;
  auto flush = [&]() -> status {
    std::string_view t = trim(cur);
    if (t.empty() || t.size() > 10)
      return corrupt_data("paimon: bad argument in type '" + std::string(type) + "'");
    int64_t v = 0;
    for (char c : t) {
      if (c < '0' || c > '9')
        return corrupt_data("paimon: bad argument in type '" + std::string(type) + "'");
      v = v * 10 + (c - '0');
    }
    if (v > 2147483647)
      return corrupt_data("paimon: argument too large in type '" + std::string(type) + "'");
    out.push_back(static_cast<int32_t>(v));
    cur.clear();
    return {};
  };
  for (char c : args) {
    if (c == ',') {
      LAKECODEC_TRY(flush());
    } else {
      cur.push_back(c);
    }
  }
  LAKECODEC_TRY(flush());
  return out;
}

}  // namespace detail

/// Parses an atomic type string such as `DECIMAL(10, 2)`, `TIMESTAMP(6) WITH LOCAL TIME ZONE`,
/// `STRING NOT NULL` (DataType.asSQLString). Composite types are JSON objects, see
/// parse_data_type().
inline result<data_type> parse_atomic_type(std::string_view text) {
  std::string s = detail::upper(detail::trim(text));
  data_type t;
  t.nullable = !detail::strip_suffix(s, "NOT NULL");
  if (detail::strip_suffix(s, "NULL")) t.nullable = true;
  const bool ltz = detail::strip_suffix(s, "WITH LOCAL TIME ZONE");
  std::string name = s;
  std::vector<int32_t> args;
  const size_t open = s.find('(');
  if (open != std::string::npos) {
    const size_t close = s.rfind(')');
    if (close == std::string::npos || close < open || close + 1 != s.size())
      return corrupt_data("paimon: malformed type '" + std::string(text) + "'");
    LAKECODEC_ASSIGN_OR_RETURN(
        args, detail::parse_args(std::string_view(s).substr(open + 1, close - open - 1), text));
    name = std::string(detail::trim(std::string_view(s).substr(0, open)));
  }
  auto want = [&](size_t lo, size_t hi) -> status {
    if (args.size() < lo || args.size() > hi)
      return corrupt_data("paimon: wrong number of arguments in type '" + std::string(text) + "'");
    return {};
  };
  struct simple {
    const char* name;
    type_root root;
  };
  static const simple simples[] = {
      {"BOOLEAN", type_root::boolean},   {"TINYINT", type_root::tinyint},
      {"SMALLINT", type_root::smallint}, {"INT", type_root::int_},
      {"INTEGER", type_root::int_},      {"BIGINT", type_root::bigint},
      {"FLOAT", type_root::float_},      {"DOUBLE", type_root::double_},
      {"DATE", type_root::date},         {"VARIANT", type_root::variant},
      {"BLOB", type_root::blob}};
  for (const simple& x : simples) {
    if (name == x.name) {
      LAKECODEC_TRY(want(0, 0));
      if (ltz) break;
      t.root = x.root;
      return t;
    }
  }
  if (name == "STRING" || name == "BYTES") {
    LAKECODEC_TRY(want(0, 0));
    t.root = name == "STRING" ? type_root::varchar : type_root::varbinary;
    t.length = data_type::max_length;
    return t;
  }
  if (name == "CHAR" || name == "VARCHAR" || name == "BINARY" || name == "VARBINARY") {
    LAKECODEC_TRY(want(0, 1));
    t.root = name == "CHAR"      ? type_root::char_
             : name == "VARCHAR" ? type_root::varchar
             : name == "BINARY"  ? type_root::binary
                                 : type_root::varbinary;
    t.length = args.empty() ? 1 : args[0];
    return t;
  }
  if (name == "DECIMAL" || name == "NUMERIC" || name == "DEC") {
    LAKECODEC_TRY(want(0, 2));
    t.root = type_root::decimal;
    t.precision = args.empty() ? 10 : args[0];
    t.scale = args.size() > 1 ? args[1] : 0;
    if (t.precision < 1 || t.precision > 38 || t.scale > t.precision)
      return corrupt_data("paimon: invalid decimal type '" + std::string(text) + "'");
    return t;
  }
  if (name == "TIME" && !ltz) {
    LAKECODEC_TRY(want(0, 1));
    t.root = type_root::time;
    t.precision = args.empty() ? 0 : args[0];
    return t;
  }
  if (name == "TIMESTAMP" || name == "TIMESTAMP_LTZ") {
    LAKECODEC_TRY(want(0, 1));
    t.root = (ltz || name == "TIMESTAMP_LTZ") ? type_root::timestamp_ltz : type_root::timestamp;
    t.precision = args.empty() ? 6 : args[0];
    if (t.precision > 9)
      return corrupt_data("paimon: invalid timestamp precision in '" + std::string(text) + "'");
    return t;
  }
  return corrupt_data("paimon: unknown type '" + std::string(text) + "'");
}

/// The type string Java prints for an atomic type (`asSQLString`), e.g. `DECIMAL(10, 2) NOT NULL`.
inline std::string atomic_type_string(const data_type& t) {
  std::string s;
  switch (t.root) {
    case type_root::boolean: s = "BOOLEAN"; break;
    case type_root::tinyint: s = "TINYINT"; break;
    case type_root::smallint: s = "SMALLINT"; break;
    case type_root::int_: s = "INT"; break;
    case type_root::bigint: s = "BIGINT"; break;
    case type_root::float_: s = "FLOAT"; break;
    case type_root::double_: s = "DOUBLE"; break;
    case type_root::date: s = "DATE"; break;
    case type_root::variant: s = "VARIANT"; break;
    case type_root::blob: s = "BLOB"; break;
    case type_root::decimal:
      s = "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
      break;
    case type_root::char_: s = "CHAR(" + std::to_string(t.length) + ")"; break;
    case type_root::varchar:
      s = t.length == data_type::max_length ? "STRING"
                                            : "VARCHAR(" + std::to_string(t.length) + ")";
      break;
    case type_root::binary: s = "BINARY(" + std::to_string(t.length) + ")"; break;
    case type_root::varbinary:
      s = t.length == data_type::max_length ? "BYTES"
                                            : "VARBINARY(" + std::to_string(t.length) + ")";
      break;
    case type_root::time: s = "TIME(" + std::to_string(t.precision) + ")"; break;
    case type_root::timestamp: s = "TIMESTAMP(" + std::to_string(t.precision) + ")"; break;
    case type_root::timestamp_ltz:
      s = "TIMESTAMP(" + std::to_string(t.precision) + ") WITH LOCAL TIME ZONE";
      break;
    case type_root::array: s = "ARRAY"; break;
    case type_root::multiset: s = "MULTISET"; break;
    case type_root::map: s = "MAP"; break;
    case type_root::row: s = "ROW"; break;
  }
  if (!t.nullable) s += " NOT NULL";
  return s;
}

#ifdef LAKECODEC_WITH_JSON
namespace detail {
template <class Json>
result<data_field> parse_field(const Json& j, int depth);

/// A JSON integer as T, corrupt_data when it does not fit (Jackson would refuse it too).
template <class T, class Json>
result<T> checked_int(const Json& j, const char* what) {
  auto v = json::to_int<T>(j, std::string("paimon: schema ") + what);
  if (!v.has_value()) return corrupt_data(v.error().message());
  return *v;
}
}  // namespace detail

/// Parses a type as written in schema JSON: a string for atomic types, an object
/// `{"type": "ARRAY|MULTISET|MAP|ROW[ NOT NULL]", ...}` for composite ones (DataTypeJsonParser).
template <class Json>
result<data_type> parse_data_type(const Json& j, int depth = 0) {
  if (depth > limits{}.max_nesting_depth) return corrupt_data("paimon: type nests too deeply");
  if (j.is_string()) return parse_atomic_type(j.template get<std::string>());
  if (!j.is_object()) return corrupt_data("paimon: a type must be a string or an object");
  auto it = j.find("type");
  if (it == j.end() || !it->is_string())
    return corrupt_data("paimon: composite type without \"type\"");
  std::string s = detail::upper(it->template get<std::string>());
  data_type t;
  t.nullable = !detail::strip_suffix(s, "NOT NULL");
  s = std::string(detail::trim(s));
  auto child = [&](const char* key) -> result<data_type> {
    auto c = j.find(key);
    if (c == j.end())
      return corrupt_data(std::string("paimon: ") + s + " type without \"" + key + "\"");
    return parse_data_type(*c, depth + 1);
  };
  if (s == "ARRAY" || s == "MULTISET") {
    t.root = s == "ARRAY" ? type_root::array : type_root::multiset;
    LAKECODEC_ASSIGN_OR_RETURN(data_type e, child("element"));
    t.children.push_back(std::move(e));
    return t;
  }
  if (s == "MAP") {
    t.root = type_root::map;
    LAKECODEC_ASSIGN_OR_RETURN(data_type k, child("key"));
    LAKECODEC_ASSIGN_OR_RETURN(data_type v, child("value"));
    t.children.push_back(std::move(k));
    t.children.push_back(std::move(v));
    return t;
  }
  if (s == "ROW") {
    t.root = type_root::row;
    auto f = j.find("fields");
    if (f == j.end() || !f->is_array()) return corrupt_data("paimon: ROW type without \"fields\"");
    for (const auto& fj : *f) {
      LAKECODEC_ASSIGN_OR_RETURN(data_field df, detail::parse_field(fj, depth + 1));
      t.fields.push_back(std::move(df));
    }
    return t;
  }
  return corrupt_data("paimon: unknown composite type '" + s + "'");
}

namespace detail {
template <class Json>
result<data_field> parse_field(const Json& j, int depth) {
  if (!j.is_object()) return corrupt_data("paimon: a field must be an object");
  data_field f;
  auto id = j.find("id");
  auto name = j.find("name");
  auto type = j.find("type");
  if (id == j.end() || !id->is_number_integer())
    return corrupt_data("paimon: field without integer \"id\"");
  if (name == j.end() || !name->is_string()) return corrupt_data("paimon: field without \"name\"");
  if (type == j.end()) return corrupt_data("paimon: field without \"type\"");
  LAKECODEC_ASSIGN_OR_RETURN(f.id, checked_int<int32_t>(*id, "field \"id\""));
  f.name = name->template get<std::string>();
  LAKECODEC_ASSIGN_OR_RETURN(f.type, parse_data_type(*type, depth));
  auto d = j.find("description");
  if (d != j.end() && d->is_string()) f.description = d->template get<std::string>();
  auto dv = j.find("defaultValue");
  if (dv != j.end() && dv->is_string()) f.default_value = dv->template get<std::string>();
  return f;
}
}  // namespace detail

/// The schema-JSON form of a type (a string or an object), as Java's DataType.serializeJson writes.
inline nlohmann::ordered_json data_type_to_json(const data_type& t);

/// A field in schema-JSON form: id, name, type, then description and defaultValue when set.
inline nlohmann::ordered_json data_field_to_json(const data_field& f) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["id"] = f.id;
  j["name"] = f.name;
  j["type"] = data_type_to_json(f.type);
  if (f.description) j["description"] = *f.description;
  if (f.default_value) j["defaultValue"] = *f.default_value;
  return j;
}

inline nlohmann::ordered_json data_type_to_json(const data_type& t) {
  const std::string nn = t.nullable ? "" : " NOT NULL";
  switch (t.root) {
    case type_root::array:
    case type_root::multiset: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      j["type"] = (t.root == type_root::array ? "ARRAY" : "MULTISET") + nn;
      if (!t.children.empty()) j["element"] = data_type_to_json(t.children[0]);
      return j;
    }
    case type_root::map: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      j["type"] = "MAP" + nn;
      if (t.children.size() == 2) {
        j["key"] = data_type_to_json(t.children[0]);
        j["value"] = data_type_to_json(t.children[1]);
      }
      return j;
    }
    case type_root::row: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      j["type"] = "ROW" + nn;
      nlohmann::ordered_json fs = nlohmann::ordered_json::array();
      for (const data_field& f : t.fields) fs.push_back(data_field_to_json(f));
      j["fields"] = std::move(fs);
      return j;
    }
    default: return atomic_type_string(t);
  }
}

#endif  // LAKECODEC_WITH_JSON

/// A table schema (`TableSchema.java`, file `schema/schema-<id>`).
struct table_schema {
  int32_t version = 3;
  int64_t id = 0;
  std::vector<data_field> fields;
  int32_t highest_field_id = 0;
  std::vector<std::string> partition_keys;
  std::vector<std::string> primary_keys;
  /// Options in the order they appear (Java writes a sorted-by-insertion map).
  std::vector<std::pair<std::string, std::string>> options;
  std::optional<std::string> comment;
  int64_t time_millis = 0;

  /// The option value or nullopt.
  std::optional<std::string> option(std::string_view key) const {
    for (const auto& kv : options)
      if (kv.first == key) return kv.second;
    return std::nullopt;
  }
  /// Index of a column by name, -1 if absent.
  int field_index(std::string_view name) const {
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == name) return static_cast<int>(i);
    return -1;
  }
  /// Primary keys minus partition keys, in primary-key order (`trimmedPrimaryKeys`).
  std::vector<std::string> trimmed_primary_keys() const {
    std::vector<std::string> out;
    for (const std::string& k : primary_keys) {
      bool in_partition = false;
      for (const std::string& p : partition_keys) in_partition = in_partition || p == k;
      if (!in_partition) out.push_back(k);
    }
    return out;
  }
  /// The `bucket` option; -1 when absent (the default since Paimon 0.8), 1 for version-1 schemas.
  int32_t num_buckets() const {
    auto b = option("bucket");
    if (!b) return version <= 1 ? 1 : -1;
    int64_t v = 0;
    bool neg = false;
    size_t i = 0;
    if (!b->empty() && (*b)[0] == '-') {
      neg = true;
      i = 1;
    }
    if (i >= b->size()) return -1;
    for (; i < b->size(); ++i) {
      const char c = (*b)[i];
      if (c < '0' || c > '9' || v > 2147483647) return -1;
      v = v * 10 + (c - '0');
    }
    return static_cast<int32_t>(neg ? -v : v);
  }
  /// The bucket key: the `bucket-key` option (comma separated), else the trimmed primary keys
  /// (`TableSchema.bucketKeys`).
  std::vector<std::string> bucket_keys() const {
    std::vector<std::string> out;
    auto opt = option("bucket-key");
    if (opt && !detail::trim(*opt).empty()) {
      std::string cur;
      for (char c : *opt) {
        if (c == ',') {
          std::string_view t = detail::trim(cur);
          if (!t.empty()) out.emplace_back(t);
          cur.clear();
        } else {
          cur.push_back(c);
        }
      }
      std::string_view t = detail::trim(cur);
      if (!t.empty()) out.emplace_back(t);
      return out;
    }
    return trimmed_primary_keys();
  }
};

#ifdef LAKECODEC_WITH_JSON
namespace detail {
template <class Json>
result<std::vector<std::string>> string_list(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array())
    return corrupt_data(std::string("paimon: schema \"") + key + "\" is not an array");
  for (const auto& e : *it) {
    if (!e.is_string())
      return corrupt_data(std::string("paimon: schema \"") + key + "\" holds a non-string");
    out.push_back(e.template get<std::string>());
  }
  return out;
}
}  // namespace detail

/// Parses a `schema/schema-N` file (SchemaSerializer). Unknown keys are ignored; a missing
/// `version` means 1 (Paimon 0.7).
inline result<table_schema> parse_table_schema(std::string_view text) {
  LAKECODEC_ASSIGN_OR_RETURN(nlohmann::ordered_json j,
                             json::parse<nlohmann::ordered_json>(text, "paimon: schema"));
  if (!j.is_object()) return corrupt_data("paimon: schema is not a JSON object");
  table_schema s;
  auto v = j.find("version");
  s.version = 1;
  if (v != j.end() && v->is_number_integer()) {
    LAKECODEC_ASSIGN_OR_RETURN(s.version, detail::checked_int<int32_t>(*v, "\"version\""));
  }
  auto id = j.find("id");
  if (id == j.end() || !id->is_number_integer())
    return corrupt_data("paimon: schema without integer \"id\"");
  LAKECODEC_ASSIGN_OR_RETURN(s.id, detail::checked_int<int64_t>(*id, "\"id\""));
  auto fields = j.find("fields");
  if (fields == j.end() || !fields->is_array())
    return corrupt_data("paimon: schema without \"fields\" array");
  for (const auto& fj : *fields) {
    LAKECODEC_ASSIGN_OR_RETURN(data_field f, detail::parse_field(fj, 0));
    s.fields.push_back(std::move(f));
  }
  auto h = j.find("highestFieldId");
  if (h != j.end() && h->is_number_integer()) {
    LAKECODEC_ASSIGN_OR_RETURN(s.highest_field_id,
                               detail::checked_int<int32_t>(*h, "\"highestFieldId\""));
  }
  LAKECODEC_ASSIGN_OR_RETURN(s.partition_keys, detail::string_list(j, "partitionKeys"));
  LAKECODEC_ASSIGN_OR_RETURN(s.primary_keys, detail::string_list(j, "primaryKeys"));
  auto o = j.find("options");
  if (o != j.end() && o->is_object()) {
    for (auto it = o->begin(); it != o->end(); ++it) {
      if (!it.value().is_string())
        return corrupt_data("paimon: option '" + it.key() + "' is not a string");
      s.options.emplace_back(it.key(), it.value().template get<std::string>());
    }
  }
  auto c = j.find("comment");
  if (c != j.end() && c->is_string()) s.comment = c->template get<std::string>();
  auto t = j.find("timeMillis");
  if (t != j.end() && t->is_number_integer()) {
    LAKECODEC_ASSIGN_OR_RETURN(s.time_millis, detail::checked_int<int64_t>(*t, "\"timeMillis\""));
  }
  for (const std::string& k : s.partition_keys)
    if (s.field_index(k) < 0)
      return corrupt_data("paimon: partition key '" + k + "' is not a column");
  for (const std::string& k : s.primary_keys)
    if (s.field_index(k) < 0)
      return corrupt_data("paimon: primary key '" + k + "' is not a column");
  return s;
}

/// Writes a schema file the way Jackson pretty-prints it (2-space indent, `"key" : value`).
inline std::string table_schema_to_json(const table_schema& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["version"] = s.version;
  j["id"] = s.id;
  nlohmann::ordered_json fs = nlohmann::ordered_json::array();
  for (const data_field& f : s.fields) fs.push_back(data_field_to_json(f));
  j["fields"] = std::move(fs);
  j["highestFieldId"] = s.highest_field_id;
  j["partitionKeys"] = s.partition_keys;
  j["primaryKeys"] = s.primary_keys;
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (const auto& kv : s.options) o[kv.first] = kv.second;
  j["options"] = std::move(o);
  if (s.comment) j["comment"] = *s.comment;
  j["timeMillis"] = s.time_millis;
  return json::dump_jackson_pretty(j);
}
#endif  // LAKECODEC_WITH_JSON

}  // namespace paimon
LAKECODEC_NAMESPACE_END
