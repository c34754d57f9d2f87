#pragma once
// Iceberg schemas in the columnar view: the Iceberg -> columnar type mapping (field ids on every
// node, including list elements and map keys/values) and appending JSON rows (Appendix D JSON
// single values) to a batch_builder, which is how `parquet fromjson` and the CLI read rows.

#include <algorithm>
#include <string>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/iceberg/value_json.hpp"
#endif

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// The columnar type of a primitive Iceberg type: int->int32, long->int64, date->date32,
/// time->time64[us], timestamp(tz)->timestamp[us] (utc for tz), _ns -> nanoseconds,
/// string->string, binary->binary, fixed[L]->fixed_size_binary(L), uuid->uuid, decimal->
/// decimal128, geometry/geography->binary (WKB). unsupported for variant and unknown.
inline result<data_type> to_columnar_type(const type& t) {
  switch (t.kind) {
    case type_kind::boolean: return lakecodec::types::boolean();
    case type_kind::int_: return lakecodec::types::int32();
    case type_kind::long_: return lakecodec::types::int64();
    case type_kind::float_: return lakecodec::types::float32();
    case type_kind::double_: return lakecodec::types::float64();
    case type_kind::decimal: return lakecodec::types::decimal128(t.precision, t.scale);
    case type_kind::date: return lakecodec::types::date32();
    case type_kind::time: return lakecodec::types::time64(time_unit::micro);
    case type_kind::timestamp: return lakecodec::types::timestamp(time_unit::micro, false);
    case type_kind::timestamptz: return lakecodec::types::timestamp(time_unit::micro, true);
    case type_kind::timestamp_ns: return lakecodec::types::timestamp(time_unit::nano, false);
    case type_kind::timestamptz_ns: return lakecodec::types::timestamp(time_unit::nano, true);
    case type_kind::string: return lakecodec::types::string();
    case type_kind::binary:
    case type_kind::geometry:
    case type_kind::geography: return lakecodec::types::binary();
    case type_kind::fixed: return lakecodec::types::fixed_size_binary(t.length);
    case type_kind::uuid: return lakecodec::types::uuid();
    case type_kind::struct_: return lakecodec::types::struct_();
    case type_kind::list: return lakecodec::types::list();
    case type_kind::map: return lakecodec::types::map();
    default: return unsupported("iceberg: type " + type_to_string(t) + " has no columnar mapping");
  }
}

namespace detail {
/// `unknown` columns are never stored in data files (spec "Primitive Types"): they are left out.
inline bool is_stored(const nested_field& f) noexcept { return f.type.kind != type_kind::unknown; }

inline result<lakecodec::field> to_columnar_field(const nested_field& f, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("iceberg: schema nests deeper than the limit");
  LAKECODEC_ASSIGN_OR_RETURN(data_type dt, to_columnar_type(f.type));
  lakecodec::field out(f.name, dt, !f.required, {}, f.id);
  if (f.type.kind == type_kind::struct_) {
    for (const nested_field& c : f.type.fields) {
      if (!is_stored(c)) continue;
      LAKECODEC_ASSIGN_OR_RETURN(lakecodec::field cf, to_columnar_field(c, depth + 1));
      out.children.push_back(std::move(cf));
    }
  } else if (f.type.kind == type_kind::list) {
    LAKECODEC_ASSIGN_OR_RETURN(lakecodec::field e, to_columnar_field(f.type.element(), depth + 1));
    out.children.push_back(std::move(e));
  } else if (f.type.kind == type_kind::map) {
    LAKECODEC_ASSIGN_OR_RETURN(lakecodec::field k, to_columnar_field(f.type.key(), depth + 1));
    LAKECODEC_ASSIGN_OR_RETURN(lakecodec::field v, to_columnar_field(f.type.value(), depth + 1));
    lakecodec::field m = map_field(f.name, std::move(k), std::move(v), !f.required);
    m.field_id = f.id;
    return m;
  }
  return out;
}
}  // namespace detail

/// The columnar schema of an Iceberg schema: one field per stored Iceberg field (unknown-typed
/// fields are left out), `field_id` set on every node including list elements and map
/// keys/values (the map's "entries" struct has none), nullable = !required.
inline result<lakecodec::schema> to_columnar_schema(const schema& s) {
  lakecodec::schema out;
  for (const nested_field& f : s.fields) {
    if (!detail::is_stored(f)) continue;
    LAKECODEC_ASSIGN_OR_RETURN(lakecodec::field cf, detail::to_columnar_field(f, 0));
    out.fields.push_back(std::move(cf));
  }
  return out;
}

namespace detail {
inline result<type> from_columnar_type(const lakecodec::field& f, int32_t& next_id, int depth);

inline result<nested_field> from_columnar_field(const lakecodec::field& f, int32_t& next_id,
                                                int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("iceberg: columnar schema nests deeper than the limit");
  nested_field out;
  out.id = f.field_id >= 0 ? f.field_id : next_id++;
  out.name = f.name;
  out.required = !f.nullable;
  LAKECODEC_ASSIGN_OR_RETURN(out.type, from_columnar_type(f, next_id, depth));
  return out;
}

inline result<type> from_columnar_type(const lakecodec::field& f, int32_t& next_id, int depth) {
  const data_type& t = f.type;
  switch (t.id) {
    case type_id::boolean: return types::boolean();
    case type_id::int8:
    case type_id::int16:
    case type_id::int32: return types::int_();
    case type_id::int64: return types::long_();
    case type_id::float32: return types::float_();
    case type_id::float64: return types::double_();
    case type_id::decimal128: return types::decimal(t.precision, t.scale);
    case type_id::date32: return types::date();
    case type_id::time64:
      if (t.unit != time_unit::micro)
        return unsupported("iceberg: time must be microseconds, column '" + f.name + "' is " +
                           t.to_string());
      return types::time();
    case type_id::timestamp:
      if (t.unit == time_unit::nano) return t.utc ? types::timestamptz_ns() : types::timestamp_ns();
      return t.utc ? types::timestamptz() : types::timestamp();
    case type_id::string:
    case type_id::large_string: return types::string();
    case type_id::binary:
    case type_id::large_binary: return types::binary();
    case type_id::fixed_size_binary:
      return t.uuid && t.byte_width == 16 ? types::uuid() : types::fixed(t.byte_width);
    case type_id::struct_: {
      type st = types::make(type_kind::struct_);
      for (const lakecodec::field& c : f.children) {
        LAKECODEC_ASSIGN_OR_RETURN(nested_field nf, from_columnar_field(c, next_id, depth + 1));
        st.fields.push_back(std::move(nf));
      }
      return st;
    }
    case type_id::list:
    case type_id::large_list: {
      if (f.children.size() != 1)
        return invalid_argument("iceberg: list column '" + f.name + "' needs one child");
      LAKECODEC_ASSIGN_OR_RETURN(nested_field e,
                                 from_columnar_field(f.children[0], next_id, depth + 1));
      e.name = "element";
      type lt = types::make(type_kind::list);
      lt.fields.push_back(std::move(e));
      return lt;
    }
    case type_id::map: {
      if (f.children.size() != 1 || f.children[0].children.size() != 2)
        return invalid_argument("iceberg: map column '" + f.name + "' needs entries<key, value>");
      LAKECODEC_ASSIGN_OR_RETURN(
          nested_field k, from_columnar_field(f.children[0].children[0], next_id, depth + 1));
      LAKECODEC_ASSIGN_OR_RETURN(
          nested_field v, from_columnar_field(f.children[0].children[1], next_id, depth + 1));
      k.name = "key";
      k.required = true;
      v.name = "value";
      type mt = types::make(type_kind::map);
      mt.fields.push_back(std::move(k));
      mt.fields.push_back(std::move(v));
      return mt;
    }
  }
  return unsupported("iceberg: column '" + f.name + "' has no Iceberg type");
}

inline int32_t max_columnar_id(const std::vector<lakecodec::field>& fs) {
  int32_t m = 0;
  for (const lakecodec::field& f : fs) m = std::max({m, f.field_id, max_columnar_id(f.children)});
  return m;
}
}  // namespace detail

/// The Iceberg schema of a columnar schema: ids from `field_id` where set, fresh ids (above
/// the highest given one) elsewhere, in depth-first order; int8/int16 widen to int, large
/// string/binary/list map to their Iceberg types. Errors name the column. validate_schema
/// rejects duplicate ids.
inline result<schema> from_columnar_schema(const lakecodec::schema& cs, int32_t schema_id = 0) {
  schema out;
  out.schema_id = schema_id;
  int32_t next_id = detail::max_columnar_id(cs.fields) + 1;
  for (const lakecodec::field& f : cs.fields) {
    LAKECODEC_ASSIGN_OR_RETURN(nested_field nf, detail::from_columnar_field(f, next_id, 0));
    out.fields.push_back(std::move(nf));
  }
  LAKECODEC_TRY(validate_schema(out));
  return out;
}

/// Appends a non-null primitive literal of Iceberg type `t` to a builder whose column type is
/// to_columnar_type(t).
inline void append_literal(column_builder& b, const type& t, const literal& v) {
  if (v.is_null) {
    b.append_null();
    return;
  }
  switch (storage_of(t.kind)) {
    case value_storage::integer:
      if (t.kind == type_kind::boolean)
        b.append_bool(v.i != 0);
      else
        b.append_int(v.i);
      return;
    case value_storage::floating: b.append_float(v.d); return;
    case value_storage::decimal: b.append_decimal(v.dec); return;
    case value_storage::bytes: b.append_bytes(v.bytes); return;
    case value_storage::none: b.append_null(); return;
  }
}

#ifdef LAKECODEC_WITH_JSON
namespace detail {
template <class J>
const J* row_member(const J& obj, const nested_field& f) {
  if (const J* v = member(obj, f.name.c_str())) return v;
  return member(obj, std::to_string(f.id).c_str());
}

/// invalid_argument naming the first key of `obj` that is neither the name nor the id of a
/// field in `fields` (a misspelt column must not become a column of nulls).
template <class J>
status check_known_keys(const J& obj, const std::vector<nested_field>& fields,
                        const std::string& prefix) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string& key = it.key();
    bool known = false;
    for (const nested_field& f : fields)
      if (f.name == key || std::to_string(f.id) == key) known = true;
    if (!known)
      return invalid_argument("iceberg: unknown field '" + prefix + key + "' (not in the schema)");
  }
  return {};
}

/// Validates (`b` null) or appends (`b` set) one JSON value of field `f`.
template <class J>
status append_json_value(column_builder* b, const nested_field& f, const J* v,
                         const std::string& path, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("iceberg: value at '" + path + "' nests too deeply");
  if (v == nullptr || v->is_null()) {
    if (f.required)
      return invalid_argument("iceberg: required field '" + path + "' (id " + std::to_string(f.id) +
                              ") is missing or null");
    if (b) b->append_null();
    return {};
  }
  const type& t = f.type;
  if (t.kind == type_kind::struct_) {
    if (!v->is_object())
      return invalid_argument("iceberg: field '" + path + "' expects a JSON object, got " +
                              v->type_name());
    if (!b) LAKECODEC_TRY(check_known_keys(*v, t.fields, path + "."));
    if (b) b->append_struct();
    size_t k = 0;
    for (const nested_field& c : t.fields) {
      if (!is_stored(c)) continue;
      LAKECODEC_TRY(append_json_value(b ? &b->child(k) : nullptr, c, row_member(*v, c),
                                      path + "." + c.name, depth + 1));
      ++k;
    }
    return {};
  }
  if (t.kind == type_kind::list) {
    if (!v->is_array())
      return invalid_argument("iceberg: list field '" + path + "' expects a JSON array, got " +
                              v->type_name());
    if (b) b->begin_list();
    for (const J& e : *v)
      LAKECODEC_TRY(append_json_value(b ? &b->child(0) : nullptr, t.element(), &e,
                                      path + ".element", depth + 1));
    if (b) b->end_list();
    return {};
  }
  if (t.kind == type_kind::map) {
    const J* keys = member(*v, "keys");
    const J* values = member(*v, "values");
    for (auto it = v->begin(); it != v->end(); ++it)
      if (it.key() != "keys" && it.key() != "values")
        return invalid_argument("iceberg: unknown field '" + path + "." + it.key() +
                                "' (a map is {\"keys\": [...], \"values\": [...]})");
    if (keys == nullptr || values == nullptr || !keys->is_array() || !values->is_array() ||
        keys->size() != values->size())
      return invalid_argument("iceberg: map field '" + path +
                              "' expects {\"keys\": [...], \"values\": [...]} of equal length");
    if (b) b->begin_list();
    for (size_t i = 0; i < keys->size(); ++i) {
      LAKECODEC_TRY(append_json_value(b ? &b->child(0) : nullptr, t.key(), &(*keys)[i],
                                      path + ".key", depth + 1));
      LAKECODEC_TRY(append_json_value(b ? &b->child(1) : nullptr, t.value(), &(*values)[i],
                                      path + ".value", depth + 1));
    }
    if (b) b->end_list();
    return {};
  }
  auto lit = literal_from_json(t, *v);
  if (!lit) return lit.error().with_context("field '" + path + "'");
  if (b) append_literal(*b, t, *lit);
  return {};
}
}  // namespace detail

/// Appends one row given as a JSON object (keys: field names, or field ids as strings) whose
/// values use the JSON single-value forms of Appendix D (structs as objects, lists as arrays,
/// maps as {"keys": [...], "values": [...]}). Missing or null values append null; a required
/// field that is missing or null, and a key that names no field, are invalid_argument naming
/// the field. The row is checked fully
/// before anything is appended, so a failed row leaves the builder unchanged. `b` must have been
/// made from to_columnar_schema(s).
template <class J>
status append_json_row(batch_builder& b, const schema& s, const J& row) {
  if (!row.is_object())
    return invalid_argument(std::string("iceberg: a row must be a JSON object, got ") +
                            row.type_name());
  LAKECODEC_TRY(detail::check_known_keys(row, s.fields, ""));
  for (int pass = 0; pass < 2; ++pass) {
    size_t col = 0;
    for (const nested_field& f : s.fields) {
      if (!detail::is_stored(f)) continue;
      if (pass == 1 && col >= b.num_columns())
        return invalid_argument("iceberg: the batch builder has fewer columns than the schema");
      LAKECODEC_TRY(detail::append_json_value(pass == 0 ? nullptr : &b.column(col), f,
                                              detail::row_member(row, f), f.name, 0));
      ++col;
    }
  }
  return {};
}
#endif  // LAKECODEC_WITH_JSON

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
