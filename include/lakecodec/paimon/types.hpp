#pragma once
// Paimon's logical types (`paimon-api/.../types/*.java`) and a small owning value model used by
// the schema-driven row codec, bucketing and the CLI.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// The type roots Paimon's schema JSON can name (`DataTypeRoot.java`).
enum class type_root : uint8_t {
  boolean,
  tinyint,
  smallint,
  int_,
  bigint,
  float_,
  double_,
  decimal,
  char_,
  varchar,
  binary,
  varbinary,
  date,
  time,
  timestamp,
  timestamp_ltz,
  array,
  multiset,
  map,
  row,
  variant,
  blob,
};

struct data_field;

/// A Paimon data type. `length` is the CHAR/VARCHAR/BINARY/VARBINARY length, `precision` and
/// `scale` belong to DECIMAL, TIME and the timestamps. `children` holds the ARRAY/MULTISET
/// element or the MAP key and value; `fields` the ROW fields.
struct data_type {
  type_root root = type_root::int_;
  bool nullable = true;
  int32_t length = 0;
  int32_t precision = 0;
  int32_t scale = 0;
  std::vector<data_type> children;
  std::vector<data_field> fields;

  static constexpr int32_t max_length = 2147483647;
};

/// A ROW field or a table column: id, name, type and optional description / default value.
struct data_field {
  int32_t id = 0;
  std::string name;
  data_type type;
  std::optional<std::string> description;
  std::optional<std::string> default_value;
};

/// A field with no description or default value.
inline data_field make_field(int32_t id, std::string name, data_type type) {
  data_field f;
  f.id = id;
  f.name = std::move(name);
  f.type = std::move(type);
  return f;
}

inline data_type make_type(type_root root, bool nullable = true) {
  data_type t;
  t.root = root;
  t.nullable = nullable;
  if (root == type_root::varchar || root == type_root::varbinary) t.length = data_type::max_length;
  if (root == type_root::char_ || root == type_root::binary) t.length = 1;
  if (root == type_root::timestamp || root == type_root::timestamp_ltz) t.precision = 6;
  if (root == type_root::decimal) {
    t.precision = 10;
    t.scale = 0;
  }
  return t;
}
inline data_type decimal_type(int32_t precision, int32_t scale, bool nullable = true) {
  data_type t = make_type(type_root::decimal, nullable);
  t.precision = precision;
  t.scale = scale;
  return t;
}
inline data_type timestamp_type(int32_t precision, bool nullable = true, bool ltz = false) {
  data_type t = make_type(ltz ? type_root::timestamp_ltz : type_root::timestamp, nullable);
  t.precision = precision;
  return t;
}
inline data_type array_type(data_type element, bool nullable = true) {
  data_type t = make_type(type_root::array, nullable);
  t.children.push_back(std::move(element));
  return t;
}
inline data_type map_type(data_type key, data_type value, bool nullable = true) {
  data_type t = make_type(type_root::map, nullable);
  t.children.push_back(std::move(key));
  t.children.push_back(std::move(value));
  return t;
}
inline data_type row_type(std::vector<data_field> fields, bool nullable = true) {
  data_type t = make_type(type_root::row, nullable);
  t.fields = std::move(fields);
  return t;
}

/// True for the types whose BinaryRow slot holds a pointer into the var part even when the
/// value is fixed-size: DECIMAL with precision > 18 and timestamps with precision > 3.
inline bool is_non_compact(const data_type& t) {
  if (t.root == type_root::decimal) return t.precision > 18;
  if (t.root == type_root::timestamp || t.root == type_root::timestamp_ltz) return t.precision > 3;
  return false;
}

/// Width of one element of this type inside a BinaryArray
/// (`BinaryArray.calculateFixLengthPartSize`).
inline int array_element_size(const data_type& t) {
  switch (t.root) {
    case type_root::boolean:
    case type_root::tinyint: return 1;
    case type_root::smallint: return 2;
    case type_root::int_:
    case type_root::float_:
    case type_root::date:
    case type_root::time: return 4;
    default: return 8;
  }
}

/// One value of a Paimon type. The meaning of the members depends on the type:
/// integers, DATE (days), TIME (millis) and compact DECIMAL (unscaled) use `i`; FLOAT and DOUBLE
/// use `d`; strings, binaries and non-compact DECIMAL (big-endian two's complement unscaled) use
/// `s`; timestamps use `i` (epoch millis) and `nanos` (nano of millisecond); ARRAY, ROW and
/// MULTISET use `children`; MAP uses `children` as key0, value0, key1, value1, ...
struct datum {
  bool is_null = true;
  int64_t i = 0;
  double d = 0;
  int32_t nanos = 0;
  std::string s;
  std::vector<datum> children;

  static datum null() { return datum(); }
  static datum of_int(int64_t v) {
    datum x;
    x.is_null = false;
    x.i = v;
    return x;
  }
  static datum of_bool(bool v) { return of_int(v ? 1 : 0); }
  static datum of_double(double v) {
    datum x;
    x.is_null = false;
    x.d = v;
    return x;
  }
  static datum of_string(std::string v) {
    datum x;
    x.is_null = false;
    x.s = std::move(v);
    return x;
  }
  static datum of_timestamp(int64_t millis, int32_t nano_of_milli = 0) {
    datum x = of_int(millis);
    x.nanos = nano_of_milli;
    return x;
  }
  static datum of_children(std::vector<datum> c) {
    datum x;
    x.is_null = false;
    x.children = std::move(c);
    return x;
  }
  friend bool operator==(const datum& a, const datum& b) {
    return a.is_null == b.is_null && a.i == b.i && (a.d == b.d || (a.d != a.d && b.d != b.d)) &&
           a.nanos == b.nanos && a.s == b.s && a.children == b.children;
  }
  friend bool operator!=(const datum& a, const datum& b) { return !(a == b); }
};

}  // namespace paimon
LAKECODEC_NAMESPACE_END
