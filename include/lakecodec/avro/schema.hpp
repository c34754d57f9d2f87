#pragma once
// Avro schemas: parse from JSON, print back to JSON (unknown attributes such as Iceberg's
// `field-id` kept), Parsing Canonical Form and the CRC-64-AVRO fingerprint.
// Avro specification "Schema Declaration", "Parsing Canonical Form for Schemas", "Schema"
// Fingerprints.

#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/json.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// The fourteen Avro types (Avro spec "Primitive Types", "Complex Types").
enum class type : uint8_t {
  null,
  boolean,
  int_,
  long_,
  float_,
  double_,
  bytes,
  string,
  record,
  enum_,
  array,
  map,
  union_,
  fixed,
};

/// Avro type name as written in schemas ("int", "record", "union" for unions).
inline const char* type_name(type t) noexcept {
  switch (t) {
    case type::null: return "null";
    case type::boolean: return "boolean";
    case type::int_: return "int";
    case type::long_: return "long";
    case type::float_: return "float";
    case type::double_: return "double";
    case type::bytes: return "bytes";
    case type::string: return "string";
    case type::record: return "record";
    case type::enum_: return "enum";
    case type::array: return "array";
    case type::map: return "map";
    case type::union_: return "union";
    case type::fixed: return "fixed";
  }
  return "?";
}

inline bool is_named(type t) noexcept {
  return t == type::record || t == type::enum_ || t == type::fixed;
}

/// Logical types (Avro spec "Logical Types"). An invalid logical type annotation (e.g. decimal
/// without precision) is ignored as the spec requires: `logical` stays `none` but the attribute
/// is kept for printing.
enum class logical_type : uint8_t {
  none,
  decimal,
  big_decimal,
  uuid,
  date,
  time_millis,
  time_micros,
  timestamp_millis,
  timestamp_micros,
  timestamp_nanos,
  local_timestamp_millis,
  local_timestamp_micros,
  local_timestamp_nanos,
  duration,
};

struct node;

/// A record field (Avro spec "Records").
struct record_field {
  std::string name;
  const node* type = nullptr;
  std::string doc;
  bool has_doc = false;
  bool has_default = false;
  json_value default_value;  // valid for `type` (unions: the first branch) when has_default
  std::string order;         // "" (ascending, not written), "ascending", "descending", "ignore"
  std::vector<std::string> aliases;
  /// Attributes this parser does not interpret (e.g. Iceberg "field-id"), in document order.
  std::vector<json_value::member> attributes;

  /// The attribute `key`, or nullptr.
  const json_value* attribute(std::string_view key) const noexcept {
    for (const auto& m : attributes)
      if (m.first == key) return &m.second;
    return nullptr;
  }
};

/// One schema node. Nodes are owned by their `schema`; references to a named type point to the
/// node that defined it (recursive schemas are cycles of pointers).
struct node {
  avro::type type = avro::type::null;
  logical_type logical = logical_type::none;
  int32_t precision = 0;  // decimal
  int32_t scale = 0;      // decimal
  // Named types (record, enum, fixed).
  std::string name;      // the short name
  std::string space;     // the namespace ("" = none)
  std::string fullname;  // space.name or name
  std::string doc;
  bool has_doc = false;
  std::vector<std::string> aliases;
  bool is_error = false;  // record declared as "error" (protocols)
  // enum
  std::vector<std::string> symbols;
  bool has_enum_default = false;
  std::string enum_default;
  // fixed
  int64_t size = 0;
  // record
  std::vector<record_field> fields;
  // array / map
  const node* items = nullptr;
  const node* values = nullptr;
  // union
  std::vector<const node*> branches;
  /// Attributes not interpreted structurally (logicalType, precision, scale, field ids, any
  /// other property), in document order. Printed back verbatim.
  std::vector<json_value::member> attributes;

  /// Index of the field named `n`, or -1.
  int field_index(std::string_view n) const noexcept {
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == n) return static_cast<int>(i);
    return -1;
  }
  /// Index of the enum symbol `s`, or -1.
  int symbol_index(std::string_view s) const noexcept {
    for (size_t i = 0; i < symbols.size(); ++i)
      if (symbols[i] == s) return static_cast<int>(i);
    return -1;
  }
  /// The attribute `key`, or nullptr.
  const json_value* attribute(std::string_view key) const noexcept {
    for (const auto& m : attributes)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  /// The name a union uses for this branch in the JSON encoding: the fullname of named types,
  /// the type name otherwise ("int", "array", "map").
  const std::string& union_branch_name() const noexcept {
    static const std::string names[] = {"null",   "boolean", "int",    "long",   "float",
                                        "double", "bytes",   "string", "record", "enum",
                                        "array",  "map",     "union",  "fixed"};
    return is_named(type) ? fullname : names[static_cast<int>(type)];
  }
  /// For ["null", T] / [T, "null"] unions: the index of the null branch, else -1.
  int null_branch() const noexcept {
    if (type != avro::type::union_ || branches.size() != 2) return -1;
    if (branches[0]->type == avro::type::null) return 0;
    if (branches[1]->type == avro::type::null) return 1;
    return -1;
  }
};

namespace detail {
struct schema_store {
  std::vector<std::unique_ptr<node>> nodes;
  std::map<std::string, node*> named;
  const node* root = nullptr;
};
}  // namespace detail

class schema;
inline std::string to_json(const schema& s);

/// An immutable parsed schema. Copies are cheap and share the nodes.
class schema {
 public:
  schema() = default;

  /// Parses schema JSON text (Avro spec "Schema Declaration"). Rejects unknown types, undefined
  /// or duplicate names, invalid names, unions of unions, duplicate union members, invalid
  /// defaults — the message names the offending part.
  static result<schema> parse(std::string_view json_text);
  /// Same, from an already parsed JSON document.
  static result<schema> from_json(const json_value& doc);

  bool valid() const noexcept { return store_ && store_->root; }
  const node& root() const noexcept { return *store_->root; }
  /// The named type with this fullname, or nullptr.
  const node* find_named(const std::string& fullname) const {
    auto it = store_->named.find(fullname);
    return it == store_->named.end() ? nullptr : it->second;
  }
  /// The schema as JSON text with every attribute kept (what goes into `avro.schema`).
  std::string to_json() const { return avro::to_json(*this); }

 private:
  std::shared_ptr<detail::schema_store> store_;
};

namespace detail {

inline bool valid_name_part(std::string_view s) noexcept {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s)
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

inline bool valid_fullname(std::string_view s) noexcept {
  size_t start = 0;
  for (;;) {
    const size_t dot = s.find('.', start);
    if (!valid_name_part(s.substr(start, dot == std::string_view::npos ? dot : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

inline bool primitive_from_name(std::string_view n, type& t) noexcept {
  static const std::pair<const char*, type> prims[] = {
      {"null", type::null},   {"boolean", type::boolean}, {"int", type::int_},
      {"long", type::long_},  {"float", type::float_},    {"double", type::double_},
      {"bytes", type::bytes}, {"string", type::string}};
  for (const auto& p : prims)
    if (n == p.first) {
      t = p.second;
      return true;
    }
  return false;
}

/// Largest decimal precision a fixed(size) can hold: floor(log10(2^(8*size-1) - 1)).
inline int32_t max_fixed_precision(int64_t size) noexcept {
  if (size <= 0) return 0;
  if (size > 128) return 308;
  return static_cast<int32_t>(std::floor(std::log10(std::pow(2.0, 8.0 * size - 1) - 1)));
}

inline void resolve_logical(node& n) {
  const json_value* lt = n.attribute("logicalType");
  if (lt == nullptr || !lt->is_string()) return;
  const std::string& l = lt->as_string();
  const type t = n.type;
  if (l == "decimal") {
    if (t != type::bytes && t != type::fixed) return;
    const json_value* p = n.attribute("precision");
    const json_value* s = n.attribute("scale");
    if (p == nullptr || !p->is_integer() || p->as_int() <= 0 || p->as_int() > 1000) return;
    int64_t scale = 0;
    if (s != nullptr) {
      if (!s->is_integer()) return;
      scale = s->as_int();
    }
    if (scale < 0 || scale > p->as_int()) return;
    if (t == type::fixed && p->as_int() > max_fixed_precision(n.size)) return;
    n.logical = logical_type::decimal;
    n.precision = static_cast<int32_t>(p->as_int());
    n.scale = static_cast<int32_t>(scale);
    return;
  }
  struct entry {
    const char* name;
    logical_type lt;
    type underlying;
  };
  static const entry table[] = {
      {"big-decimal", logical_type::big_decimal, type::bytes},
      {"date", logical_type::date, type::int_},
      {"time-millis", logical_type::time_millis, type::int_},
      {"time-micros", logical_type::time_micros, type::long_},
      {"timestamp-millis", logical_type::timestamp_millis, type::long_},
      {"timestamp-micros", logical_type::timestamp_micros, type::long_},
      {"timestamp-nanos", logical_type::timestamp_nanos, type::long_},
      {"local-timestamp-millis", logical_type::local_timestamp_millis, type::long_},
      {"local-timestamp-micros", logical_type::local_timestamp_micros, type::long_},
      {"local-timestamp-nanos", logical_type::local_timestamp_nanos, type::long_},
  };
  for (const entry& e : table)
    if (l == e.name) {
      if (t == e.underlying) n.logical = e.lt;
      return;
    }
  if (l == "uuid" && (t == type::string || (t == type::fixed && n.size == 16)))
    n.logical = logical_type::uuid;
  if (l == "duration" && t == type::fixed && n.size == 12) n.logical = logical_type::duration;
}

/// Checks a JSON default against a schema (Avro spec "Records": field default values).
inline status check_default(const node& n, const json_value& v, const std::string& where,
                            int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("avro schema: default of " + where + " nests too deeply");
  auto bad = [&](const char* expected) {
    return invalid_argument("avro schema: default value " + v.dump() + " of " + where +
                            " is not a valid " + expected);
  };
  switch (n.type) {
    case type::null: return v.is_null() ? status() : bad("null");
    case type::boolean: return v.is_bool() ? status() : bad("boolean");
    case type::int_:
      return v.is_integer() && v.as_int() >= INT32_MIN && v.as_int() <= INT32_MAX ? status()
                                                                                  : bad("int");
    case type::long_: return v.is_integer() ? status() : bad("long");
    case type::float_:
    case type::double_:
      if (v.is_number()) return {};
      if (v.is_string() &&
          (v.as_string() == "NaN" || v.as_string() == "Infinity" || v.as_string() == "-Infinity"))
        return {};
      return bad("float/double");
    case type::bytes:
    case type::string: return v.is_string() ? status() : bad("string");
    case type::fixed: {
      if (!v.is_string()) return bad("fixed");
      // ISO-8859-1 code points: count UTF-8 sequences whose code point < 256.
      int64_t count = 0;
      const std::string& s = v.as_string();
      for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80 && c < 0xC0) continue;
        if (c >= 0xC4) return bad("fixed (characters above U+00FF)");
        ++count;
      }
      return count == n.size ? status() : bad("fixed (wrong length)");
    }
    case type::enum_:
      return v.is_string() && n.symbol_index(v.as_string()) >= 0 ? status() : bad("enum symbol");
    case type::array:
      if (!v.is_array()) return bad("array");
      for (const json_value& e : v.items())
        LAKECODEC_TRY(check_default(*n.items, e, where, depth + 1));
      return {};
    case type::map:
      if (!v.is_object()) return bad("map");
      for (const auto& m : v.members())
        LAKECODEC_TRY(check_default(*n.values, m.second, where, depth + 1));
      return {};
    case type::record:
      if (!v.is_object()) return bad("record");
      for (const record_field& f : n.fields) {
        const json_value* fv = v.find(f.name);
        if (fv == nullptr) {
          if (!f.has_default) return bad("record (a field without default is missing)");
          continue;
        }
        LAKECODEC_TRY(check_default(*f.type, *fv, where + "." + f.name, depth + 1));
      }
      return {};
    case type::union_:
      if (n.branches.empty()) return bad("value of an empty union");
      return check_default(*n.branches[0], v, where, depth + 1);
  }
  return {};
}

class schema_parser {
 public:
  explicit schema_parser(detail::schema_store& store) : store_(store) {}

  result<const node*> parse(const json_value& j, const std::string& space, int depth) {
    if (depth > limits{}.max_nesting_depth)
      return invalid_argument("avro schema: nesting deeper than " +
                              std::to_string(limits{}.max_nesting_depth));
    if (j.is_string()) return parse_name_ref(j.as_string(), space);
    if (j.is_array()) return parse_union(j, space, depth);
    if (j.is_object()) return parse_object(j, space, depth);
    return invalid_argument("avro schema: expected a type name, object or union array, found " +
                            j.dump());
  }

 private:
  node* make(type t) {
    store_.nodes.push_back(std::make_unique<node>());
    node* n = store_.nodes.back().get();
    n->type = t;
    return n;
  }

  result<const node*> parse_name_ref(const std::string& name, const std::string& space) {
    type t;
    if (primitive_from_name(name, t)) {
      // One shared node per primitive keeps schemas small.
      node*& p = primitives_[static_cast<int>(t)];
      if (p == nullptr) p = make(t);
      return static_cast<const node*>(p);
    }
    if (name.find('.') == std::string::npos && !space.empty()) {
      auto it = store_.named.find(space + "." + name);
      if (it != store_.named.end()) return static_cast<const node*>(it->second);
    }
    auto it = store_.named.find(name);
    if (it != store_.named.end()) return static_cast<const node*>(it->second);
    if (name == "record" || name == "enum" || name == "fixed" || name == "array" || name == "map" ||
        name == "error")
      return invalid_argument("avro schema: complex type '" + name +
                              "' must be declared as an object, e.g. {\"type\": \"" + name +
                              "\", ...}");
    return invalid_argument("avro schema: unknown type or undefined name '" + name + "'");
  }

  result<const node*> parse_union(const json_value& j, const std::string& space, int depth) {
    node* u = make(type::union_);
    for (const json_value& b : j.items()) {
      LAKECODEC_ASSIGN_OR_RETURN(const node* bn, parse(b, space, depth + 1));
      if (bn->type == type::union_)
        return invalid_argument("avro schema: a union may not directly contain a union");
      for (const node* other : u->branches) {
        const bool dup = is_named(bn->type)
                             ? (is_named(other->type) && other->fullname == bn->fullname)
                             : other->type == bn->type;
        if (dup)
          return invalid_argument("avro schema: union contains '" + bn->union_branch_name() +
                                  "' twice");
      }
      u->branches.push_back(bn);
    }
    return static_cast<const node*>(u);
  }

  static status get_string(const json_value& j, const char* key, const char* what, std::string& out,
                           bool required) {
    const json_value* v = j.find(key);
    if (v == nullptr) {
      if (required)
        return invalid_argument(std::string("avro schema: ") + what + " has no \"" + key + "\"");
      return {};
    }
    if (!v->is_string())
      return invalid_argument(std::string("avro schema: \"") + key + "\" of " + what +
                              " must be a string, found " + v->dump());
    out = v->as_string();
    return {};
  }

  static status get_aliases(const json_value& j, std::vector<std::string>& out) {
    const json_value* a = j.find("aliases");
    if (a == nullptr) return {};
    if (!a->is_array())
      return invalid_argument("avro schema: \"aliases\" must be an array of strings");
    for (const json_value& s : a->items()) {
      if (!s.is_string())
        return invalid_argument("avro schema: \"aliases\" must be an array of strings");
      out.push_back(s.as_string());
    }
    return {};
  }

  static bool is_reserved(std::string_view key, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (key == k) return true;
    return false;
  }

  static void keep_attributes(const json_value& j, std::initializer_list<const char*> reserved,
                              std::vector<json_value::member>& out) {
    for (const auto& m : j.members())
      if (!is_reserved(m.first, reserved)) out.push_back(m);
  }

  status define_name(node* n, const json_value& j, const std::string& space) {
    std::string name, ns;
    LAKECODEC_TRY(get_string(j, "name", type_name(n->type), name, true));
    const json_value* nsv = j.find("namespace");
    bool has_ns = false;
    if (nsv != nullptr && !nsv->is_null()) {
      if (!nsv->is_string())
        return invalid_argument("avro schema: \"namespace\" of '" + name + "' must be a string");
      ns = nsv->as_string();
      has_ns = true;
    }
    const size_t dot = name.rfind('.');
    if (dot != std::string::npos) {
      n->space = name.substr(0, dot);
      n->name = name.substr(dot + 1);
    } else {
      n->space = has_ns ? ns : space;
      n->name = name;
    }
    if (!valid_name_part(n->name) || (!n->space.empty() && !valid_fullname(n->space)))
      return invalid_argument("avro schema: invalid name '" + name +
                              "' (names match [A-Za-z_][A-Za-z0-9_]*)");
    type prim;
    if (n->space.empty() && primitive_from_name(n->name, prim))
      return invalid_argument("avro schema: a named type may not be called '" + n->name + "'");
    n->fullname = n->space.empty() ? n->name : n->space + "." + n->name;
    if (store_.named.count(n->fullname))
      return invalid_argument("avro schema: duplicate definition of the name '" + n->fullname +
                              "'");
    store_.named[n->fullname] = n;
    LAKECODEC_TRY(get_aliases(j, n->aliases));
    const json_value* doc = j.find("doc");
    if (doc != nullptr && doc->is_string()) {
      n->doc = doc->as_string();
      n->has_doc = true;
    }
    return {};
  }

  result<const node*> parse_object(const json_value& j, const std::string& space, int depth) {
    const json_value* tv = j.find("type");
    if (tv == nullptr) return invalid_argument("avro schema: object without \"type\": " + j.dump());
    if (!tv->is_string()) {
      // {"type": {...}} or {"type": [...]}: allowed by Java for nested declarations.
      if (tv->is_object() || tv->is_array()) return parse(*tv, space, depth + 1);
      return invalid_argument("avro schema: \"type\" must be a string, found " + tv->dump());
    }
    const std::string& tn = tv->as_string();
    type prim;
    if (primitive_from_name(tn, prim)) {
      bool plain = true;
      for (const auto& m : j.members()) plain = plain && m.first == "type";
      if (plain) return parse_name_ref(tn, space);
      node* n = make(prim);
      keep_attributes(j, {"type"}, n->attributes);
      resolve_logical(*n);
      return static_cast<const node*>(n);
    }
    if (tn == "record" || tn == "error") return parse_record(j, space, depth, tn == "error");
    if (tn == "enum") return parse_enum(j, space);
    if (tn == "fixed") return parse_fixed(j, space);
    if (tn == "array" || tn == "map") {
      node* n = make(tn == "array" ? type::array : type::map);
      const char* key = tn == "array" ? "items" : "values";
      const json_value* sub = j.find(key);
      if (sub == nullptr) return invalid_argument("avro schema: " + tn + " has no \"" + key + "\"");
      LAKECODEC_ASSIGN_OR_RETURN(const node* s, parse(*sub, space, depth + 1));
      (tn == "array" ? n->items : n->values) = s;
      keep_attributes(j, {"type", key}, n->attributes);
      return static_cast<const node*>(n);
    }
    if (tn == "union") return invalid_argument("avro schema: unions are written as JSON arrays");
    // {"type": "SomeName"}: a reference to a named type.
    bool plain = true;
    for (const auto& m : j.members()) plain = plain && m.first == "type";
    if (plain) return parse_name_ref(tn, space);
    return invalid_argument("avro schema: unknown type '" + tn + "'");
  }

  result<const node*> parse_record(const json_value& j, const std::string& space, int depth,
                                   bool is_error) {
    node* n = make(type::record);
    n->is_error = is_error;
    LAKECODEC_TRY(define_name(n, j, space));
    const json_value* fields = j.find("fields");
    if (fields == nullptr || !fields->is_array())
      return invalid_argument("avro schema: record '" + n->fullname + "' has no \"fields\" array");
    for (const json_value& fj : fields->items()) {
      if (!fj.is_object())
        return invalid_argument("avro schema: a field of record '" + n->fullname +
                                "' is not an object");
      record_field f;
      LAKECODEC_TRY(get_string(fj, "name", "record field", f.name, true));
      if (!valid_name_part(f.name))
        return invalid_argument("avro schema: invalid field name '" + f.name + "' in record '" +
                                n->fullname + "'");
      if (n->field_index(f.name) >= 0)
        return invalid_argument("avro schema: record '" + n->fullname + "' has two fields named '" +
                                f.name + "'");
      const json_value* ft = fj.find("type");
      if (ft == nullptr)
        return invalid_argument("avro schema: field '" + f.name + "' of record '" + n->fullname +
                                "' has no \"type\"");
      LAKECODEC_ASSIGN_OR_RETURN(f.type, parse(*ft, n->space, depth + 1));
      const json_value* doc = fj.find("doc");
      if (doc != nullptr && doc->is_string()) {
        f.doc = doc->as_string();
        f.has_doc = true;
      }
      const json_value* def = fj.find("default");
      if (def != nullptr) {
        f.has_default = true;
        f.default_value = *def;
      }
      const json_value* order = fj.find("order");
      if (order != nullptr) {
        if (!order->is_string() ||
            (order->as_string() != "ascending" && order->as_string() != "descending" &&
             order->as_string() != "ignore"))
          return invalid_argument("avro schema: field '" + f.name + "' has an invalid \"order\" " +
                                  order->dump());
        f.order = order->as_string();
      }
      LAKECODEC_TRY(get_aliases(fj, f.aliases));
      keep_attributes(fj, {"name", "type", "doc", "default", "order", "aliases"}, f.attributes);
      n->fields.push_back(std::move(f));
    }
    keep_attributes(j, {"type", "name", "namespace", "doc", "aliases", "fields"}, n->attributes);
    pending_defaults_.push_back(n);
    return static_cast<const node*>(n);
  }

  result<const node*> parse_enum(const json_value& j, const std::string& space) {
    node* n = make(type::enum_);
    LAKECODEC_TRY(define_name(n, j, space));
    const json_value* syms = j.find("symbols");
    if (syms == nullptr || !syms->is_array())
      return invalid_argument("avro schema: enum '" + n->fullname + "' has no \"symbols\" array");
    for (const json_value& s : syms->items()) {
      if (!s.is_string() || !valid_name_part(s.as_string()))
        return invalid_argument("avro schema: enum '" + n->fullname + "' has an invalid symbol " +
                                s.dump());
      if (n->symbol_index(s.as_string()) >= 0)
        return invalid_argument("avro schema: enum '" + n->fullname + "' lists the symbol '" +
                                s.as_string() + "' twice");
      n->symbols.push_back(s.as_string());
    }
    const json_value* def = j.find("default");
    if (def != nullptr) {
      if (!def->is_string() || n->symbol_index(def->as_string()) < 0)
        return invalid_argument("avro schema: default " + def->dump() + " of enum '" + n->fullname +
                                "' is not one of its symbols");
      n->has_enum_default = true;
      n->enum_default = def->as_string();
    }
    keep_attributes(j, {"type", "name", "namespace", "doc", "aliases", "symbols", "default"},
                    n->attributes);
    return static_cast<const node*>(n);
  }

  result<const node*> parse_fixed(const json_value& j, const std::string& space) {
    node* n = make(type::fixed);
    LAKECODEC_TRY(define_name(n, j, space));
    const json_value* size = j.find("size");
    if (size == nullptr || !size->is_integer() || size->as_int() < 0 ||
        size->as_int() > limits{}.max_allocation)
      return invalid_argument("avro schema: fixed '" + n->fullname +
                              "' needs a non-negative integer \"size\"");
    n->size = size->as_int();
    keep_attributes(j, {"type", "name", "namespace", "doc", "aliases", "size"}, n->attributes);
    resolve_logical(*n);
    return static_cast<const node*>(n);
  }

 public:
  /// Defaults are checked after the whole schema is known (a default may use a later type).
  status check_defaults() {
    for (const node* r : pending_defaults_)
      for (const record_field& f : r->fields)
        if (f.has_default)
          LAKECODEC_TRY(check_default(*f.type, f.default_value,
                                      "field '" + r->fullname + "." + f.name + "'", 0));
    return {};
  }

 private:
  detail::schema_store& store_;
  node* primitives_[8] = {};
  std::vector<const node*> pending_defaults_;
};

}  // namespace detail

inline result<schema> schema::from_json(const json_value& doc) {
  schema s;
  s.store_ = std::make_shared<detail::schema_store>();
  detail::schema_parser p(*s.store_);
  LAKECODEC_ASSIGN_OR_RETURN(s.store_->root, p.parse(doc, "", 0));
  LAKECODEC_TRY(p.check_defaults());
  return s;
}

inline result<schema> schema::parse(std::string_view json_text) {
  auto doc = parse_json(json_text);
  if (!doc)
    return status(errc::invalid_argument, "avro schema: invalid JSON: " + doc.error().message(),
                  doc.error().offset());
  return from_json(*doc);
}

namespace detail {

struct schema_printer {
  std::vector<const node*> defined;
  bool canonical = false;

  bool seen(const node* n) const {
    for (const node* d : defined)
      if (d == n) return true;
    return false;
  }

  void attrs(json_value& o, const std::vector<json_value::member>& a) {
    for (const auto& m : a) o.add(m.first, m.second);
  }

  json_value print(const node* n, const std::string& space) {
    if (is_named(n->type)) {
      if (seen(n)) {
        if (canonical || n->space != space) return json_value::string(n->fullname);
        return json_value::string(n->name);
      }
      defined.push_back(n);
    }
    json_value o = json_value::object();
    switch (n->type) {
      case type::record:
      case type::enum_:
      case type::fixed: {
        if (canonical) {
          o.add("name", json_value::string(n->fullname));
          o.add("type", json_value::string(type_name(n->type)));
        } else {
          o.add("type", json_value::string(
                            n->type == type::record && n->is_error ? "error" : type_name(n->type)));
          o.add("name", json_value::string(n->name));
          if (n->space != space) o.add("namespace", json_value::string(n->space));
          if (n->has_doc) o.add("doc", json_value::string(n->doc));
        }
        if (n->type == type::record) {
          json_value fields = json_value::array();
          for (const record_field& f : n->fields) fields.push_back(print_field(f, n->space));
          o.add("fields", std::move(fields));
        } else if (n->type == type::enum_) {
          json_value syms = json_value::array();
          for (const std::string& s : n->symbols) syms.push_back(json_value::string(s));
          o.add("symbols", std::move(syms));
          if (!canonical && n->has_enum_default)
            o.add("default", json_value::string(n->enum_default));
        } else {
          o.add("size", json_value::integer(n->size));
        }
        if (!canonical) {
          if (!n->aliases.empty()) o.add("aliases", strings(n->aliases));
          attrs(o, n->attributes);
        }
        return o;
      }
      case type::array:
      case type::map:
        o.add("type", json_value::string(type_name(n->type)));
        if (n->type == type::array)
          o.add("items", print(n->items, space));
        else
          o.add("values", print(n->values, space));
        if (!canonical) attrs(o, n->attributes);
        return o;
      case type::union_: {
        json_value a = json_value::array();
        for (const node* b : n->branches) a.push_back(print(b, space));
        return a;
      }
      default:
        if (canonical || n->attributes.empty()) return json_value::string(type_name(n->type));
        o.add("type", json_value::string(type_name(n->type)));
        attrs(o, n->attributes);
        return o;
    }
  }

  static json_value strings(const std::vector<std::string>& v) {
    json_value a = json_value::array();
    for (const std::string& s : v) a.push_back(json_value::string(s));
    return a;
  }

  json_value print_field(const record_field& f, const std::string& space) {
    json_value o = json_value::object();
    o.add("name", json_value::string(f.name));
    o.add("type", print(f.type, space));
    if (canonical) return o;
    if (f.has_doc) o.add("doc", json_value::string(f.doc));
    if (f.has_default) o.add("default", f.default_value);
    if (!f.order.empty()) o.add("order", json_value::string(f.order));
    if (!f.aliases.empty()) o.add("aliases", strings(f.aliases));
    attrs(o, f.attributes);
    return o;
  }
};

}  // namespace detail

/// The schema as JSON text with all attributes, docs, defaults and aliases kept.
inline std::string to_json(const schema& s) {
  detail::schema_printer p;
  return p.print(&s.root(), "").dump();
}

/// Parsing Canonical Form (Avro spec "Parsing Canonical Form for Schemas"): fullnames, only
/// type/name/fields/symbols/items/values/size, in that key order, no whitespace.
inline std::string canonical_form(const schema& s) {
  detail::schema_printer p;
  p.canonical = true;
  return p.print(&s.root(), "").dump();
}

namespace detail {
struct crc64_avro_table {
  uint64_t t[256];
  constexpr crc64_avro_table() : t{} {
    for (uint64_t i = 0; i < 256; ++i) {
      uint64_t fp = i;
      for (int j = 0; j < 8; ++j) fp = (fp >> 1) ^ (0xc15d213aa4d7a795ULL & (0 - (fp & 1)));
      t[i] = fp;
    }
  }
};
inline constexpr crc64_avro_table crc64_table{};
}  // namespace detail

/// CRC-64-AVRO (Rabin) fingerprint of bytes (Avro spec "Schema Fingerprints").
inline uint64_t crc64_avro(std::string_view bytes) noexcept {
  uint64_t fp = 0xc15d213aa4d7a795ULL;
  for (char c : bytes)
    fp = (fp >> 8) ^ detail::crc64_table.t[(fp ^ static_cast<unsigned char>(c)) & 0xff];
  return fp;
}

/// CRC-64-AVRO fingerprint of the schema's Parsing Canonical Form.
inline uint64_t fingerprint64(const schema& s) { return crc64_avro(canonical_form(s)); }

}  // namespace avro
LAKECODEC_NAMESPACE_END
