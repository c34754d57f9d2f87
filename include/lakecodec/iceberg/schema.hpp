#pragma once
// Iceberg schema JSON (spec Appendix C "Schemas"): parse and print types, fields and schemas in
// Java's key order (SchemaParser: type, schema-id, identifier-field-ids, fields; fields: id,
// name, required, type, doc, initial-default, write-default).

#ifdef LAKECODEC_WITH_JSON

#include <string>
#include <string_view>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/value_json.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

template <class J>
result<type> type_from_json(const J& j, int depth = 0);

namespace detail {
template <class J>
result<nested_field> field_from_json(const J& j, int depth) {
  if (!j.is_object())
    return invalid_argument(std::string("iceberg: struct field must be an object, got ") +
                            j.type_name());
  nested_field f;
  LAKECODEC_TRY(req_int(j, "id", f.id, "struct field"));
  const std::string what = "field " + std::to_string(f.id);
  LAKECODEC_TRY(req_string(j, "name", f.name, what));
  LAKECODEC_TRY(req_bool(j, "required", f.required, what));
  const J* t = member(j, "type");
  if (t == nullptr) return missing(what + " ('" + f.name + "')", "type");
  LAKECODEC_ASSIGN_OR_RETURN(f.type, type_from_json(*t, depth + 1));
  bool present = false;
  LAKECODEC_TRY(opt_string(j, "doc", f.doc, present, what));
  for (const char* key : {"initial-default", "write-default"}) {
    const J* d = member(j, key);
    if (d == nullptr) continue;
    // Primitive defaults must read as their type (Java's SingleValueParser does the same).
    if (storage_of(f.type.kind) != value_storage::none) {
      auto lit = literal_from_json(f.type, *d);
      if (!lit) return lit.error().with_context(what + " ('" + f.name + "') " + key);
    }
    const bool initial = key[0] == 'i';
    (initial ? f.has_initial_default : f.has_write_default) = true;
    (initial ? f.initial_default_json : f.write_default_json) = detail::dump_json(*d);
  }
  return f;
}
}  // namespace detail

/// Parses a type: a primitive type string or a struct/list/map object. invalid_argument with
/// "cannot parse type from json" when neither (Java's message), naming the offending id.
template <class J>
result<type> type_from_json(const J& j, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("iceberg: type nests deeper than " +
                            std::to_string(limits{}.max_nesting_depth) + " levels");
  if (j.is_string())
    return parse_primitive_type(*j.template get_ptr<const typename J::string_t*>());
  const J* kind = detail::member(j, "type");
  if (!j.is_object() || kind == nullptr || !kind->is_string())
    return invalid_argument("iceberg: cannot parse type from json: " +
                            detail::dump_json(j).substr(0, 120));
  const std::string& k = *kind->template get_ptr<const typename J::string_t*>();
  if (k == "struct") {
    const J* fields = detail::member(j, "fields");
    if (fields == nullptr || !fields->is_array())
      return invalid_argument(
          "iceberg: cannot parse struct type from json: 'fields' must be an array");
    type t = types::make(type_kind::struct_);
    t.fields.reserve(fields->size());
    for (const J& f : *fields) {
      LAKECODEC_ASSIGN_OR_RETURN(nested_field nf, detail::field_from_json(f, depth));
      t.fields.push_back(std::move(nf));
    }
    return t;
  }
  if (k == "list") {
    nested_field e;
    e.name = "element";
    LAKECODEC_TRY(detail::req_int(j, "element-id", e.id, "list type"));
    LAKECODEC_TRY(detail::req_bool(j, "element-required", e.required,
                                   "list element " + std::to_string(e.id)));
    const J* et = detail::member(j, "element");
    if (et == nullptr) return detail::missing("list element " + std::to_string(e.id), "element");
    LAKECODEC_ASSIGN_OR_RETURN(e.type, type_from_json(*et, depth + 1));
    type t = types::make(type_kind::list);
    t.fields.push_back(std::move(e));
    return t;
  }
  if (k == "map") {
    nested_field key, value;
    key.name = "key";
    value.name = "value";
    key.required = true;
    LAKECODEC_TRY(detail::req_int(j, "key-id", key.id, "map type"));
    LAKECODEC_TRY(detail::req_int(j, "value-id", value.id, "map type"));
    LAKECODEC_TRY(detail::req_bool(j, "value-required", value.required,
                                   "map value " + std::to_string(value.id)));
    const J* kt = detail::member(j, "key");
    const J* vt = detail::member(j, "value");
    if (kt == nullptr) return detail::missing("map key " + std::to_string(key.id), "key");
    if (vt == nullptr) return detail::missing("map value " + std::to_string(value.id), "value");
    LAKECODEC_ASSIGN_OR_RETURN(key.type, type_from_json(*kt, depth + 1));
    LAKECODEC_ASSIGN_OR_RETURN(value.type, type_from_json(*vt, depth + 1));
    type t = types::make(type_kind::map);
    t.fields.push_back(std::move(key));
    t.fields.push_back(std::move(value));
    return t;
  }
  return invalid_argument("iceberg: cannot parse type from json: unknown nested type '" + k + "'");
}

/// Prints a type: a string for primitives, an object for struct/list/map (Java key order).
inline ordered_json type_to_json(const type& t);

namespace detail {
inline ordered_json field_to_json(const nested_field& f) {
  ordered_json j = ordered_json::object();
  j["id"] = f.id;
  j["name"] = f.name;
  j["required"] = f.required;
  j["type"] = type_to_json(f.type);
  if (!f.doc.empty()) j["doc"] = f.doc;
  if (f.has_initial_default)
    j["initial-default"] = ordered_json::parse(f.initial_default_json, nullptr, false);
  if (f.has_write_default)
    j["write-default"] = ordered_json::parse(f.write_default_json, nullptr, false);
  return j;
}
}  // namespace detail

inline ordered_json type_to_json(const type& t) {
  switch (t.kind) {
    case type_kind::struct_: {
      ordered_json j = ordered_json::object();
      j["type"] = "struct";
      ordered_json fields = ordered_json::array();
      for (const nested_field& f : t.fields) fields.push_back(detail::field_to_json(f));
      j["fields"] = std::move(fields);
      return j;
    }
    case type_kind::list: {
      ordered_json j = ordered_json::object();
      j["type"] = "list";
      j["element-id"] = t.element().id;
      j["element"] = type_to_json(t.element().type);
      j["element-required"] = t.element().required;
      return j;
    }
    case type_kind::map: {
      ordered_json j = ordered_json::object();
      j["type"] = "map";
      j["key-id"] = t.key().id;
      j["key"] = type_to_json(t.key().type);
      j["value-id"] = t.value().id;
      j["value"] = type_to_json(t.value().type);
      j["value-required"] = t.value().required;
      return j;
    }
    default: return type_to_string(t);
  }
}

/// Parses a schema object: {"type": "struct", "schema-id"?, "identifier-field-ids"?, "fields"}.
/// Without `"type": "struct"` fails with "cannot parse type from json" as Java does. Checks
/// id uniqueness and identifier fields (validate_schema).
template <class J>
result<schema> schema_from_json(const J& j) {
  const J* kind = detail::member(j, "type");
  if (kind == nullptr || !kind->is_string() ||
      *kind->template get_ptr<const typename J::string_t*>() != "struct")
    return invalid_argument(
        "iceberg: cannot parse type from json: a schema must be an object with \"type\": "
        "\"struct\", got " +
        detail::dump_json(j).substr(0, 120));
  LAKECODEC_ASSIGN_OR_RETURN(type st, type_from_json(j, 0));
  schema s;
  s.fields = std::move(st.fields);
  bool present = false;
  LAKECODEC_TRY(detail::opt_int(j, "schema-id", s.schema_id, present, "schema"));
  LAKECODEC_TRY(detail::opt_int_list(j, "identifier-field-ids", s.identifier_field_ids, present,
                                     "schema " + std::to_string(s.schema_id)));
  LAKECODEC_TRY(validate_schema(s));
  return s;
}

/// Prints a schema object in Java's key order (identifier-field-ids always, possibly empty).
inline ordered_json schema_to_json(const schema& s) {
  ordered_json j = ordered_json::object();
  j["type"] = "struct";
  j["schema-id"] = s.schema_id;
  j["identifier-field-ids"] = s.identifier_field_ids;  // always, as pyiceberg does
  ordered_json fields = ordered_json::array();
  for (const nested_field& f : s.fields) fields.push_back(detail::field_to_json(f));
  j["fields"] = std::move(fields);
  return j;
}

/// Parses schema JSON text (as found in table metadata, manifest headers or a schema file).
inline result<schema> parse_schema(std::string_view text) {
  LAKECODEC_ASSIGN_OR_RETURN(ordered_json j, detail::parse_json_text(text, "schema"));
  return schema_from_json(j);
}

/// Schema JSON text; `indent` < 0 prints compactly.
inline std::string print_schema(const schema& s, int indent = -1) {
  return detail::dump_json(schema_to_json(s), indent);
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
