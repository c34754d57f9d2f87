#pragma once
// Iceberg types and schemas (spec "Schemas and Data Types", v1-v3): primitives including the v3
// nanosecond timestamps, variant, unknown and the opaque geometry/geography, and the nested
// struct/list/map with their field, element, key and value ids. No JSON here (see schema.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// The kinds of Iceberg types (spec "Primitive Types", "Nested Types").
enum class type_kind : uint8_t {
  boolean,
  int_,
  long_,
  float_,
  double_,
  decimal,
  date,
  time,
  timestamp,
  timestamptz,
  timestamp_ns,
  timestamptz_ns,
  string,
  uuid,
  fixed,
  binary,
  variant,
  unknown,
  geometry,
  geography,
  struct_,
  list,
  map,
};

struct nested_field;

/// A type with its parameters. Nested types keep their members in `fields`: a struct's fields;
/// a list's single element (name "element", id = element-id, required = element-required); a
/// map's key then value (names "key"/"value", ids key-id/value-id, key always required).
struct type {
  type_kind kind = type_kind::unknown;
  int32_t precision = 0;  // decimal
  int32_t scale = 0;      // decimal
  int32_t length = 0;     // fixed
  /// geometry/geography: the text inside the parentheses as written ("srid:4326, spherical");
  /// empty means the spec defaults (OGC:CRS84, spherical). Kept opaque.
  std::string params;
  std::vector<nested_field> fields;

  bool is_primitive() const noexcept {
    return kind != type_kind::struct_ && kind != type_kind::list && kind != type_kind::map;
  }
  bool is_nested() const noexcept { return !is_primitive(); }
  const nested_field& element() const { return fields[0]; }  // list
  const nested_field& key() const { return fields[0]; }      // map
  const nested_field& value() const { return fields[1]; }    // map
};

/// A struct field, list element or map key/value. Defaults (v3) are kept as their JSON
/// single-value text (Appendix D) so this header needs no JSON library.
struct nested_field {
  int32_t id = 0;
  std::string name;
  bool required = false;
  iceberg::type type;
  std::string doc;
  bool has_initial_default = false;
  std::string initial_default_json;
  bool has_write_default = false;
  std::string write_default_json;
};

bool operator==(const type& a, const type& b);
bool operator==(const nested_field& a, const nested_field& b);
inline bool operator!=(const type& a, const type& b) { return !(a == b); }
inline bool operator!=(const nested_field& a, const nested_field& b) { return !(a == b); }

inline bool operator==(const type& a, const type& b) {
  return a.kind == b.kind && a.precision == b.precision && a.scale == b.scale &&
         a.length == b.length && a.params == b.params && a.fields == b.fields;
}
inline bool operator==(const nested_field& a, const nested_field& b) {
  return a.id == b.id && a.name == b.name && a.required == b.required && a.type == b.type &&
         a.doc == b.doc && a.has_initial_default == b.has_initial_default &&
         a.initial_default_json == b.initial_default_json &&
         a.has_write_default == b.has_write_default && a.write_default_json == b.write_default_json;
}

/// Type constructors: `types::decimal(9, 2)`, `types::list(3, types::long_(), true)`.
namespace types {
inline type make(type_kind k) {
  type t;
  t.kind = k;
  return t;
}
inline type boolean() { return make(type_kind::boolean); }
inline type int_() { return make(type_kind::int_); }
inline type long_() { return make(type_kind::long_); }
inline type float_() { return make(type_kind::float_); }
inline type double_() { return make(type_kind::double_); }
inline type decimal(int32_t precision, int32_t scale) {
  type t = make(type_kind::decimal);
  t.precision = precision;
  t.scale = scale;
  return t;
}
inline type date() { return make(type_kind::date); }
inline type time() { return make(type_kind::time); }
inline type timestamp() { return make(type_kind::timestamp); }
inline type timestamptz() { return make(type_kind::timestamptz); }
inline type timestamp_ns() { return make(type_kind::timestamp_ns); }
inline type timestamptz_ns() { return make(type_kind::timestamptz_ns); }
inline type string() { return make(type_kind::string); }
inline type uuid() { return make(type_kind::uuid); }
inline type fixed(int32_t length) {
  type t = make(type_kind::fixed);
  t.length = length;
  return t;
}
inline type binary() { return make(type_kind::binary); }
inline type variant() { return make(type_kind::variant); }
inline type unknown() { return make(type_kind::unknown); }
inline nested_field field(int32_t id, std::string name, type t, bool required = false,
                          std::string doc = {}) {
  nested_field f;
  f.id = id;
  f.name = std::move(name);
  f.type = std::move(t);
  f.required = required;
  f.doc = std::move(doc);
  return f;
}
inline type struct_(std::vector<nested_field> fields) {
  type t = make(type_kind::struct_);
  t.fields = std::move(fields);
  return t;
}
inline type list(int32_t element_id, type element, bool element_required) {
  type t = make(type_kind::list);
  t.fields.push_back(field(element_id, "element", std::move(element), element_required));
  return t;
}
inline type map(int32_t key_id, type key, int32_t value_id, type value, bool value_required) {
  type t = make(type_kind::map);
  t.fields.push_back(field(key_id, "key", std::move(key), true));
  t.fields.push_back(field(value_id, "value", std::move(value), value_required));
  return t;
}
}  // namespace types

/// Java's TypeUtil.decimalRequiredBytes: bytes of the fixed that stores decimal(P, _).
inline int32_t decimal_required_bytes(int32_t precision) noexcept {
  for (int32_t bytes = 1; bytes <= 16; ++bytes) {
    // Largest precision that fits: floor(log10(2^(8*bytes-1) - 1)).
    static const int32_t max_precision[17] = {0,  2,  4,  6,  9,  11, 14, 16, 18,
                                              21, 23, 26, 28, 31, 33, 35, 38};
    if (precision <= max_precision[bytes]) return bytes;
  }
  return 16;
}

/// The Iceberg type string of a primitive ("long", "decimal(9, 2)", "fixed[16]"); nested types
/// give "struct", "list" or "map". Spec Appendix C.
inline std::string type_to_string(const type& t) {
  switch (t.kind) {
    case type_kind::boolean: return "boolean";
    case type_kind::int_: return "int";
    case type_kind::long_: return "long";
    case type_kind::float_: return "float";
    case type_kind::double_: return "double";
    case type_kind::decimal:
      return "decimal(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case type_kind::date: return "date";
    case type_kind::time: return "time";
    case type_kind::timestamp: return "timestamp";
    case type_kind::timestamptz: return "timestamptz";
    case type_kind::timestamp_ns: return "timestamp_ns";
    case type_kind::timestamptz_ns: return "timestamptz_ns";
    case type_kind::string: return "string";
    case type_kind::uuid: return "uuid";
    case type_kind::fixed: return "fixed[" + std::to_string(t.length) + "]";
    case type_kind::binary: return "binary";
    case type_kind::variant: return "variant";
    case type_kind::unknown: return "unknown";
    case type_kind::geometry: return t.params.empty() ? "geometry" : "geometry(" + t.params + ")";
    case type_kind::geography:
      return t.params.empty() ? "geography" : "geography(" + t.params + ")";
    case type_kind::struct_: return "struct";
    case type_kind::list: return "list";
    case type_kind::map: return "map";
  }
  return "unknown";
}

namespace detail {
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
/// Parses a non-negative decimal integer that fits int32 (whitespace around it allowed).
inline bool parse_small_int(std::string_view s, int32_t& out) noexcept {
  s = trim(s);
  if (s.empty() || s.size() > 10) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > INT32_MAX) return false;
  out = static_cast<int32_t>(v);
  return true;
}
inline bool starts_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}
}  // namespace detail

/// Parses a primitive type string: "int", "decimal(9,2)" or "decimal(9, 2)", "fixed[16]" (spaces
/// inside the brackets allowed, as Java's regex does), "timestamptz_ns", "geometry(srid:4326)".
/// Returns invalid_argument naming the string for anything else. Spec Appendix C.
inline result<type> parse_primitive_type(std::string_view s) {
  static const std::pair<const char*, type_kind> simple[] = {
      {"boolean", type_kind::boolean},
      {"int", type_kind::int_},
      {"long", type_kind::long_},
      {"float", type_kind::float_},
      {"double", type_kind::double_},
      {"date", type_kind::date},
      {"time", type_kind::time},
      {"timestamp", type_kind::timestamp},
      {"timestamptz", type_kind::timestamptz},
      {"timestamp_ns", type_kind::timestamp_ns},
      {"timestamptz_ns", type_kind::timestamptz_ns},
      {"string", type_kind::string},
      {"uuid", type_kind::uuid},
      {"binary", type_kind::binary},
      {"variant", type_kind::variant},
      {"unknown", type_kind::unknown},
      {"geometry", type_kind::geometry},
      {"geography", type_kind::geography},
  };
  const std::string_view t = detail::trim(s);
  for (const auto& e : simple)
    if (t == e.first) return types::make(e.second);
  auto bad = [&] {
    return invalid_argument("iceberg: cannot parse type string '" + std::string(s) + "'");
  };
  if (detail::starts_with(t, "decimal") && t.back() == ')') {
    std::string_view inner = detail::trim(t.substr(7));
    if (inner.empty() || inner.front() != '(') return bad();
    inner = inner.substr(1, inner.size() - 2);
    const size_t comma = inner.find(',');
    if (comma == std::string_view::npos) return bad();
    int32_t p = 0, sc = 0;
    if (!detail::parse_small_int(inner.substr(0, comma), p) ||
        !detail::parse_small_int(inner.substr(comma + 1), sc))
      return bad();
    if (p < 1 || p > 38 || sc > p)
      return invalid_argument(
          "iceberg: decimal precision must be 1..38 and scale <= precision, got '" +
          std::string(s) + "'");
    return types::decimal(p, sc);
  }
  if (detail::starts_with(t, "fixed") && t.back() == ']') {
    std::string_view inner = detail::trim(t.substr(5));
    if (inner.empty() || inner.front() != '[') return bad();
    int32_t len = 0;
    if (!detail::parse_small_int(inner.substr(1, inner.size() - 2), len) || len < 1) return bad();
    return types::fixed(len);
  }
  for (type_kind geo : {type_kind::geometry, type_kind::geography}) {
    const std::string_view word = geo == type_kind::geometry ? "geometry" : "geography";
    if (detail::starts_with(t, word) && t.back() == ')') {
      std::string_view inner = detail::trim(t.substr(word.size()));
      if (inner.empty() || inner.front() != '(') return bad();
      type r = types::make(geo);
      r.params = std::string(detail::trim(inner.substr(1, inner.size() - 2)));
      return r;
    }
  }
  return bad();
}

/// A schema: the top-level struct fields plus its id and identifier field ids (spec "Schemas").
struct schema {
  int32_t schema_id = 0;
  std::vector<int32_t> identifier_field_ids;
  std::vector<nested_field> fields;

  friend bool operator==(const schema& a, const schema& b) {
    return a.schema_id == b.schema_id && a.identifier_field_ids == b.identifier_field_ids &&
           a.fields == b.fields;
  }
  friend bool operator!=(const schema& a, const schema& b) { return !(a == b); }

  /// The field (at any depth, including list elements and map keys/values) with `id`, or null.
  const nested_field* find_field(int32_t id) const noexcept { return find_in(fields, id); }

  /// The field named by a dotted path of struct field names ("a.b.c"), or null.
  const nested_field* find_field(std::string_view dotted) const noexcept {
    const std::vector<nested_field>* level = &fields;
    const nested_field* found = nullptr;
    while (true) {
      const size_t dot = dotted.find('.');
      const std::string_view part = dotted.substr(0, dot);
      found = nullptr;
      for (const nested_field& f : *level)
        if (f.name == part) found = &f;
      if (found == nullptr || dot == std::string_view::npos) return found;
      if (found->type.kind != type_kind::struct_) return nullptr;
      level = &found->type.fields;
      dotted.remove_prefix(dot + 1);
    }
  }

  /// Every id -> field, at any depth.
  std::unordered_map<int32_t, const nested_field*> index_by_id() const {
    std::unordered_map<int32_t, const nested_field*> out;
    index_into(fields, out);
    return out;
  }

  /// The highest id used at any depth (0 for an empty schema): the table's last-column-id.
  int32_t highest_field_id() const noexcept { return highest_in(fields); }

 private:
  static const nested_field* find_in(const std::vector<nested_field>& fs, int32_t id) noexcept {
    for (const nested_field& f : fs) {
      if (f.id == id) return &f;
      if (const nested_field* n = find_in(f.type.fields, id)) return n;
    }
    return nullptr;
  }
  static void index_into(const std::vector<nested_field>& fs,
                         std::unordered_map<int32_t, const nested_field*>& out) {
    for (const nested_field& f : fs) {
      out.emplace(f.id, &f);
      index_into(f.type.fields, out);
    }
  }
  static int32_t highest_in(const std::vector<nested_field>& fs) noexcept {
    int32_t m = 0;
    for (const nested_field& f : fs) {
      if (f.id > m) m = f.id;
      const int32_t n = highest_in(f.type.fields);
      if (n > m) m = n;
    }
    return m;
  }
};

/// Checks the rules a schema must satisfy (spec "Schemas"): unique ids at every depth, map keys
/// required, identifier fields existing, required, primitive and not float/double. Returns
/// invalid_argument naming the offending id.
inline status validate_schema(const schema& s) {
  std::unordered_map<int32_t, const nested_field*> seen;
  struct walker {
    std::unordered_map<int32_t, const nested_field*>& seen;
    status walk(const std::vector<nested_field>& fs, int depth) {
      if (depth > limits{}.max_nesting_depth)
        return invalid_argument("iceberg: schema nests deeper than " +
                                std::to_string(limits{}.max_nesting_depth) + " levels");
      for (const nested_field& f : fs) {
        if (!seen.emplace(f.id, &f).second)
          return invalid_argument("iceberg: field id " + std::to_string(f.id) +
                                  " is used more than once ('" + f.name + "')");
        if (f.type.kind == type_kind::map && !f.type.fields.empty() && !f.type.key().required)
          return invalid_argument("iceberg: map key " + std::to_string(f.type.key().id) +
                                  " must be required");
        LAKECODEC_TRY(walk(f.type.fields, depth + 1));
      }
      return {};
    }
  } w{seen};
  LAKECODEC_TRY(w.walk(s.fields, 0));
  for (int32_t id : s.identifier_field_ids) {
    auto it = seen.find(id);
    if (it == seen.end())
      return invalid_argument("iceberg: identifier field id " + std::to_string(id) +
                              " is not in schema " + std::to_string(s.schema_id));
    const nested_field& f = *it->second;
    if (!f.required || !f.type.is_primitive() || f.type.kind == type_kind::float_ ||
        f.type.kind == type_kind::double_)
      return invalid_argument("iceberg: identifier field " + std::to_string(id) + " ('" + f.name +
                              "') must be a required, non-floating primitive");
  }
  return {};
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
