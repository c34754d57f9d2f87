#pragma once
// The columnar view: an Arrow-free, Arrow-layout-compatible, zero-copy description of a batch of
// named columns. Buffers follow the Arrow columnar format exactly (validity bitmaps LSB-first,
// offsets arrays of length+1, little-endian values, an `offset` applied to every buffer), so a
// view can point straight into memory exported through the Arrow C Data Interface.
//
// A `schema` (fields) describes types and nullability; a `column_view` describes one column's
// buffers; a `batch_view` pairs them with a row count. Views never own memory.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Logical types of the view. Each has one Arrow storage layout.
enum class type_id : uint8_t {
  boolean,            // bitmap of values (Arrow "b")
  int8,               // "c"
  int16,              // "s"
  int32,              // "i"
  int64,              // "l"
  float32,            // "f"
  float64,            // "g"
  decimal128,         // 16-byte little-endian two's complement unscaled value ("d:P,S")
  date32,             // int32 days since 1970-01-01 ("tdD")
  time64,             // int64 time of day in `unit` ("ttu", "ttn")
  timestamp,          // int64 since the epoch in `unit`; `utc` = adjusted to UTC ("tsu:", "tsn:")
  string,             // int32 offsets + UTF-8 data ("u")
  large_string,       // int64 offsets ("U")
  binary,             // int32 offsets ("z")
  large_binary,       // int64 offsets ("Z")
  fixed_size_binary,  // `byte_width` bytes per value ("w:N"); `uuid` marks 16-byte UUIDs
  struct_,            // children are the fields ("+s")
  list,               // int32 offsets + one child ("+l")
  large_list,         // int64 offsets + one child ("+L")
  map,                // int32 offsets + one child "entries": struct<key, value> ("+m")
};

/// Unit of time64 and timestamp values (the view supports the two Iceberg/Parquet need).
enum class time_unit : uint8_t { micro, nano };

/// Name of a type id as used in error messages ("int64", "struct", ...).
inline const char* type_id_name(type_id id) noexcept {
  switch (id) {
    case type_id::boolean: return "boolean";
    case type_id::int8: return "int8";
    case type_id::int16: return "int16";
    case type_id::int32: return "int32";
    case type_id::int64: return "int64";
    case type_id::float32: return "float32";
    case type_id::float64: return "float64";
    case type_id::decimal128: return "decimal128";
    case type_id::date32: return "date32";
    case type_id::time64: return "time64";
    case type_id::timestamp: return "timestamp";
    case type_id::string: return "string";
    case type_id::large_string: return "large_string";
    case type_id::binary: return "binary";
    case type_id::large_binary: return "large_binary";
    case type_id::fixed_size_binary: return "fixed_size_binary";
    case type_id::struct_: return "struct";
    case type_id::list: return "list";
    case type_id::large_list: return "large_list";
    case type_id::map: return "map";
  }
  return "unknown";
}

/// A type with its parameters. Parameters that do not apply to `id` stay zero/false.
struct data_type {
  type_id id = type_id::int32;
  time_unit unit = time_unit::micro;  // time64, timestamp
  bool utc = false;                   // timestamp: adjusted to UTC (Arrow: non-empty time zone)
  bool uuid = false;                  // fixed_size_binary(16) holding a UUID
  int32_t precision = 0;              // decimal128
  int32_t scale = 0;                  // decimal128
  int32_t byte_width = 0;             // fixed_size_binary

  friend bool operator==(const data_type& a, const data_type& b) noexcept {
    return a.id == b.id && a.unit == b.unit && a.utc == b.utc && a.uuid == b.uuid &&
           a.precision == b.precision && a.scale == b.scale && a.byte_width == b.byte_width;
  }
  friend bool operator!=(const data_type& a, const data_type& b) noexcept { return !(a == b); }

  /// "decimal128(10, 2)", "timestamp[us, UTC]", "fixed_size_binary[16]", ...
  std::string to_string() const {
    std::string s = type_id_name(id);
    switch (id) {
      case type_id::decimal128:
        return s + "(" + std::to_string(precision) + ", " + std::to_string(scale) + ")";
      case type_id::time64: return s + (unit == time_unit::nano ? "[ns]" : "[us]");
      case type_id::timestamp:
        return s + (unit == time_unit::nano ? "[ns" : "[us") + (utc ? ", UTC]" : "]");
      case type_id::fixed_size_binary:
        return s + "[" + std::to_string(byte_width) + "]" + (uuid ? " uuid" : "");
      default: return s;
    }
  }
};

/// Type constructors, so code reads `types::decimal(10, 2)` rather than filling structs.
namespace types {
inline data_type make(type_id id) {
  data_type t;
  t.id = id;
  return t;
}
inline data_type boolean() { return make(type_id::boolean); }
inline data_type int8() { return make(type_id::int8); }
inline data_type int16() { return make(type_id::int16); }
inline data_type int32() { return make(type_id::int32); }
inline data_type int64() { return make(type_id::int64); }
inline data_type float32() { return make(type_id::float32); }
inline data_type float64() { return make(type_id::float64); }
inline data_type decimal128(int32_t precision, int32_t scale) {
  data_type t = make(type_id::decimal128);
  t.precision = precision;
  t.scale = scale;
  return t;
}
inline data_type date32() { return make(type_id::date32); }
inline data_type time64(time_unit unit = time_unit::micro) {
  data_type t = make(type_id::time64);
  t.unit = unit;
  return t;
}
inline data_type timestamp(time_unit unit, bool utc) {
  data_type t = make(type_id::timestamp);
  t.unit = unit;
  t.utc = utc;
  return t;
}
inline data_type string() { return make(type_id::string); }
inline data_type large_string() { return make(type_id::large_string); }
inline data_type binary() { return make(type_id::binary); }
inline data_type large_binary() { return make(type_id::large_binary); }
inline data_type fixed_size_binary(int32_t width) {
  data_type t = make(type_id::fixed_size_binary);
  t.byte_width = width;
  return t;
}
inline data_type uuid() {
  data_type t = fixed_size_binary(16);
  t.uuid = true;
  return t;
}
inline data_type struct_() { return make(type_id::struct_); }
inline data_type list() { return make(type_id::list); }
inline data_type large_list() { return make(type_id::large_list); }
inline data_type map() { return make(type_id::map); }
}  // namespace types

/// True for types stored as one fixed-width value per slot (bool counts: it is a bitmap).
inline bool is_fixed_width(type_id id) noexcept {
  switch (id) {
    case type_id::boolean:
    case type_id::int8:
    case type_id::int16:
    case type_id::int32:
    case type_id::int64:
    case type_id::float32:
    case type_id::float64:
    case type_id::decimal128:
    case type_id::date32:
    case type_id::time64:
    case type_id::timestamp:
    case type_id::fixed_size_binary: return true;
    default: return false;
  }
}
inline bool is_binary_like(type_id id) noexcept {
  return id == type_id::string || id == type_id::large_string || id == type_id::binary ||
         id == type_id::large_binary;
}
inline bool has_large_offsets(type_id id) noexcept {
  return id == type_id::large_string || id == type_id::large_binary || id == type_id::large_list;
}
inline bool is_nested(type_id id) noexcept {
  return id == type_id::struct_ || id == type_id::list || id == type_id::large_list ||
         id == type_id::map;
}
/// Bytes per value of a fixed-width type (0 for boolean, which is bit-packed).
inline int32_t fixed_byte_width(const data_type& t) noexcept {
  switch (t.id) {
    case type_id::int8: return 1;
    case type_id::int16: return 2;
    case type_id::int32:
    case type_id::date32:
    case type_id::float32: return 4;
    case type_id::int64:
    case type_id::float64:
    case type_id::time64:
    case type_id::timestamp: return 8;
    case type_id::decimal128: return 16;
    case type_id::fixed_size_binary: return t.byte_width;
    default: return 0;
  }
}

/// A named, typed, possibly nullable column description. Nested types describe their children:
/// struct -> one field per member; list -> one field (the element); map -> one non-nullable
/// struct field "entries" with two children "key" (non-nullable) and "value".
struct field {
  std::string name;
  data_type type;
  bool nullable = true;
  std::vector<field> children;
  /// Optional id carried to formats that have one (Parquet field_id, Iceberg ids); -1 = none.
  int32_t field_id = -1;

  field() = default;
  field(std::string n, data_type t, bool null_ok = true, std::vector<field> kids = {},
        int32_t id = -1)
      : name(std::move(n)), type(t), nullable(null_ok), children(std::move(kids)), field_id(id) {}

  /// "name: type[ not null]" with children, for messages.
  std::string to_string() const {
    std::string s = name + ": " + type.to_string();
    if (!children.empty()) {
      s += "<";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i) s += ", ";
        s += children[i].to_string();
      }
      s += ">";
    }
    if (!nullable) s += " not null";
    return s;
  }
};

/// Convenience constructors for nested fields.
inline field struct_field(std::string name, std::vector<field> members, bool nullable = true) {
  return field(std::move(name), types::struct_(), nullable, std::move(members));
}
inline field list_field(std::string name, field element, bool nullable = true) {
  std::vector<field> kids;
  kids.push_back(std::move(element));
  return field(std::move(name), types::list(), nullable, std::move(kids));
}
inline field map_field(std::string name, field key, field value, bool nullable = true) {
  key.nullable = false;
  std::vector<field> kv;
  kv.push_back(std::move(key));
  kv.push_back(std::move(value));
  std::vector<field> entries;
  entries.emplace_back("entries", types::struct_(), false, std::move(kv));
  return field(std::move(name), types::map(), nullable, std::move(entries));
}

/// The top-level fields of a batch, plus key/value metadata.
struct schema {
  std::vector<field> fields;
  std::vector<std::pair<std::string, std::string>> metadata;

  /// Index of the top-level field named `name`, or -1.
  int find(std::string_view name) const noexcept {
    for (size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

/// A zero-copy view of one column (an Arrow array). Values of slot i live at index
/// `offset + i` of every buffer; children of lists are indexed through the offsets buffer.
struct column_view {
  data_type type;
  int64_t length = 0;
  int64_t offset = 0;
  /// Number of nulls in [offset, offset+length), or -1 when unknown (compute with null_count()).
  int64_t null_count_hint = -1;
  /// Validity bitmap (bit set = valid), LSB bit order; nullptr means every slot is valid.
  const uint8_t* validity = nullptr;
  /// Fixed width: the values (boolean: a bitmap). Binary-like, list, map: the offsets array.
  const void* values = nullptr;
  /// Binary-like: the concatenated bytes.
  const uint8_t* data = nullptr;
  /// struct: one per member; list/map: exactly one.
  std::vector<column_view> children;

  bool has_nulls_buffer() const noexcept { return validity != nullptr; }

  /// Slot validity; always true without a validity buffer.
  LAKECODEC_ALWAYS_INLINE bool is_valid(int64_t i) const noexcept {
    if (validity == nullptr) return true;
    const int64_t b = offset + i;
    return (validity[b >> 3] >> (b & 7)) & 1;
  }
  LAKECODEC_ALWAYS_INLINE bool is_null(int64_t i) const noexcept { return !is_valid(i); }

  /// Fixed-width value of slot i reinterpreted as T (the caller checked the type).
  template <class T>
  LAKECODEC_ALWAYS_INLINE T value(int64_t i) const noexcept {
    T v;
    std::memcpy(&v, static_cast<const uint8_t*>(values) + (offset + i) * sizeof(T), sizeof(T));
    return v;
  }
  /// Pointer to the first fixed-width value of this view (already offset).
  template <class T>
  const T* typed_values() const noexcept {
    return values == nullptr ? nullptr : static_cast<const T*>(values) + offset;
  }
  LAKECODEC_ALWAYS_INLINE bool bool_value(int64_t i) const noexcept {
    const int64_t b = offset + i;
    return (static_cast<const uint8_t*>(values)[b >> 3] >> (b & 7)) & 1;
  }
  /// Start offset (into `data` or the child) of slot i; valid for i in [0, length].
  LAKECODEC_ALWAYS_INLINE int64_t value_offset(int64_t i) const noexcept {
    if (has_large_offsets(type.id)) return static_cast<const int64_t*>(values)[offset + i];
    return static_cast<const int32_t*>(values)[offset + i];
  }
  /// Bytes of a binary-like slot.
  LAKECODEC_ALWAYS_INLINE std::string_view bytes(int64_t i) const noexcept {
    const int64_t b = value_offset(i), e = value_offset(i + 1);
    return {reinterpret_cast<const char*>(data) + b, static_cast<size_t>(e - b)};
  }
  /// Bytes of a fixed_size_binary slot.
  LAKECODEC_ALWAYS_INLINE std::string_view fixed_bytes(int64_t i) const noexcept {
    return {reinterpret_cast<const char*>(values) + (offset + i) * type.byte_width,
            static_cast<size_t>(type.byte_width)};
  }
  /// Decimal128 slot as a signed 128-bit integer.
  LAKECODEC_ALWAYS_INLINE __int128 decimal_value(int64_t i) const noexcept {
    __int128 v;
    std::memcpy(&v, static_cast<const uint8_t*>(values) + (offset + i) * 16, 16);
    return v;
  }

  /// Number of null slots (counts the bitmap when the hint is unknown).
  int64_t null_count() const noexcept {
    if (validity == nullptr) return 0;
    if (null_count_hint >= 0) return null_count_hint;
    int64_t valid = 0;
    int64_t i = 0;
    for (; i < length && ((offset + i) & 7) != 0; ++i) valid += is_valid(i);
    for (; i + 64 <= length; i += 64) {
      uint64_t w;
      std::memcpy(&w, validity + ((offset + i) >> 3), 8);
      valid += __builtin_popcountll(w);
    }
    for (; i < length; ++i) valid += is_valid(i);
    return length - valid;
  }

  /// The view of slots [start, start+count): zero-copy, children untouched (Arrow semantics).
  column_view slice(int64_t start, int64_t count) const {
    column_view v = *this;
    v.offset += start;
    v.length = count;
    v.null_count_hint = (validity == nullptr) ? 0 : -1;
    return v;
  }

  /// For struct: member k aligned with this view's slots (the parent offset applies to
  /// children, as in Arrow).
  column_view struct_child(size_t k) const { return children[k].slice(offset, length); }

  /// For list/map: the child rows referenced by slots [0, length), as a slice of the child.
  column_view child_range() const {
    const int64_t b = value_offset(0), e = value_offset(length);
    return children[0].slice(b, e - b);
  }
};

/// A batch: a schema, one column view per top-level field, and the row count.
struct batch_view {
  lakecodec::schema schema;
  std::vector<column_view> columns;
  int64_t length = 0;

  size_t num_columns() const noexcept { return columns.size(); }
  /// Rows [start, start+count) of every column; zero-copy.
  batch_view slice(int64_t start, int64_t count) const {
    batch_view b;
    b.schema = schema;
    b.length = count;
    b.columns.reserve(columns.size());
    for (const column_view& c : columns) b.columns.push_back(c.slice(start, count));
    return b;
  }
  /// The column named `name`, or nullptr.
  const column_view* column(std::string_view name) const noexcept {
    int i = schema.find(name);
    return i < 0 ? nullptr : &columns[static_cast<size_t>(i)];
  }
};

// ---------------------------------------------------------------------------------------------
// Thin templates: compile-time typed access to fixed-width columns.

/// The C++ storage type of each fixed-width type id (`storage_of<type_id::int64>::type`).
template <type_id Id>
struct storage_of;
template <>
struct storage_of<type_id::boolean> {
  using type = bool;
};
template <>
struct storage_of<type_id::int8> {
  using type = int8_t;
};
template <>
struct storage_of<type_id::int16> {
  using type = int16_t;
};
template <>
struct storage_of<type_id::int32> {
  using type = int32_t;
};
template <>
struct storage_of<type_id::int64> {
  using type = int64_t;
};
template <>
struct storage_of<type_id::float32> {
  using type = float;
};
template <>
struct storage_of<type_id::float64> {
  using type = double;
};
template <>
struct storage_of<type_id::decimal128> {
  using type = __int128;
};
template <>
struct storage_of<type_id::date32> {
  using type = int32_t;
};
template <>
struct storage_of<type_id::time64> {
  using type = int64_t;
};
template <>
struct storage_of<type_id::timestamp> {
  using type = int64_t;
};

/// Whether a column of `id` is stored as values of C++ type T.
template <class T>
bool stored_as(type_id id) noexcept {
  if constexpr (std::is_same<T, bool>::value)
    return id == type_id::boolean;
  else if constexpr (std::is_same<T, int8_t>::value)
    return id == type_id::int8;
  else if constexpr (std::is_same<T, int16_t>::value)
    return id == type_id::int16;
  else if constexpr (std::is_same<T, int32_t>::value)
    return id == type_id::int32 || id == type_id::date32;
  else if constexpr (std::is_same<T, int64_t>::value)
    return id == type_id::int64 || id == type_id::time64 || id == type_id::timestamp;
  else if constexpr (std::is_same<T, float>::value)
    return id == type_id::float32;
  else if constexpr (std::is_same<T, double>::value)
    return id == type_id::float64;
  else if constexpr (std::is_same<T, __int128>::value)
    return id == type_id::decimal128;
  else if constexpr (std::is_same<T, std::string_view>::value)
    return is_binary_like(id) || id == type_id::fixed_size_binary;
  else
    return false;
}

/// Run-time check, once per column, that a column is stored as T.
template <class T>
status check_stored_as(const column_view& c, std::string_view column_name = {}) {
  if (stored_as<T>(c.type.id)) return {};
  return schema_mismatch("column '" + std::string(column_name) + "' has type " +
                         c.type.to_string() + ", not the requested storage type");
}

/// Reads slot i as T: fixed-width values, booleans, or bytes (binary-like and fixed binary).
template <class T>
LAKECODEC_ALWAYS_INLINE T get_value(const column_view& c, int64_t i) noexcept {
  if constexpr (std::is_same<T, bool>::value)
    return c.bool_value(i);
  else if constexpr (std::is_same<T, std::string_view>::value)
    return c.type.id == type_id::fixed_size_binary ? c.fixed_bytes(i) : c.bytes(i);
  else
    return c.value<T>(i);
}

/// Calls f(i, value) for every valid slot i of `c`, with value of type T. The caller guarantees
/// the type (see check_stored_as); the loop is specialised per T with no per-value dispatch.
template <class T, class F>
void for_each_value(const column_view& c, F&& f) {
  if (c.validity == nullptr) {
    for (int64_t i = 0; i < c.length; ++i) f(i, get_value<T>(c, i));
  } else {
    for (int64_t i = 0; i < c.length; ++i)
      if (c.is_valid(i)) f(i, get_value<T>(c, i));
  }
}

/// Calls f(i, valid, value) for every slot; value is unspecified (but readable) when !valid.
template <class T, class F>
void for_each_slot(const column_view& c, F&& f) {
  for (int64_t i = 0; i < c.length; ++i) f(i, c.is_valid(i), get_value<T>(c, i));
}

/// Calls `f(T{})` with T the storage type of fixed-width id, or `f(std::string_view{})` for
/// binary-like and fixed binary; returns false (without calling) for nested types. This is the
/// one run-time dispatch a format does per column before entering a typed loop.
template <class F>
bool visit_storage_type(type_id id, F&& f) {
  switch (id) {
    case type_id::boolean: f(bool{}); return true;
    case type_id::int8: f(int8_t{}); return true;
    case type_id::int16: f(int16_t{}); return true;
    case type_id::int32:
    case type_id::date32: f(int32_t{}); return true;
    case type_id::int64:
    case type_id::time64:
    case type_id::timestamp: f(int64_t{}); return true;
    case type_id::float32: f(float{}); return true;
    case type_id::float64: f(double{}); return true;
    case type_id::decimal128: f(__int128{}); return true;
    case type_id::string:
    case type_id::large_string:
    case type_id::binary:
    case type_id::large_binary:
    case type_id::fixed_size_binary: f(std::string_view{}); return true;
    default: return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation: a view built from foreign memory is checked once before formats trust it.

namespace detail {
inline status validate_column(const field& f, const column_view& c, const std::string& path,
                              int depth);
}  // namespace detail

/// Checks that `c` has the shape `f` describes: type, buffers present, offsets monotonic and
/// within the child/data, children matching, no nulls in a non-nullable field. Returns a
/// schema_mismatch naming the column path, or invalid_argument for malformed buffers.
inline status validate_column(const field& f, const column_view& c) {
  return detail::validate_column(f, c, f.name, 0);
}

/// validate_column for every column, plus matching counts and lengths.
inline status validate_batch(const schema& s, const batch_view& b) {
  if (s.fields.size() != b.columns.size())
    return schema_mismatch("batch has " + std::to_string(b.columns.size()) +
                           " columns, the schema has " + std::to_string(s.fields.size()));
  for (size_t i = 0; i < s.fields.size(); ++i) {
    if (b.columns[i].length != b.length)
      return schema_mismatch("column '" + s.fields[i].name + "' has " +
                             std::to_string(b.columns[i].length) + " rows, the batch has " +
                             std::to_string(b.length));
    LAKECODEC_TRY(validate_column(s.fields[i], b.columns[i]));
  }
  return {};
}

namespace detail {
inline status validate_column(const field& f, const column_view& c, const std::string& path,
                              int depth) {
  if (depth > 64) return invalid_argument("column '" + path + "' nests deeper than 64 levels");
  if (c.type != f.type)
    return schema_mismatch("column '" + path + "' has type " + c.type.to_string() +
                           ", the schema says " + f.type.to_string());
  if (c.length < 0 || c.offset < 0)
    return invalid_argument("column '" + path + "' has a negative length or offset");
  if (!f.nullable && c.null_count() > 0) {
    int64_t first = 0;
    while (first < c.length && c.is_valid(first)) ++first;
    return schema_mismatch("column '" + path + "' is not nullable but has " +
                           std::to_string(c.null_count()) + " nulls (the first at row " +
                           std::to_string(first) + ")");
  }
  if (c.length > 0 && c.values == nullptr && c.type.id != type_id::struct_)
    return invalid_argument("column '" + path + "' has no values/offsets buffer");
  const type_id id = c.type.id;
  if (id == type_id::decimal128 && (c.type.precision < 1 || c.type.precision > 38 ||
                                    c.type.scale < 0 || c.type.scale > c.type.precision))
    return invalid_argument("column '" + path + "' has invalid decimal " + c.type.to_string());
  if (id == type_id::fixed_size_binary && c.type.byte_width <= 0)
    return invalid_argument("column '" + path + "' has fixed_size_binary width " +
                            std::to_string(c.type.byte_width));
  if (is_binary_like(id) || id == type_id::list || id == type_id::large_list ||
      id == type_id::map) {
    if (c.length > 0) {
      int64_t prev = c.value_offset(0);
      if (prev < 0) return invalid_argument("column '" + path + "' has a negative first offset");
      for (int64_t i = 1; i <= c.length; ++i) {
        const int64_t cur = c.value_offset(i);
        if (cur < prev)
          return invalid_argument("column '" + path + "' offsets decrease at slot " +
                                  std::to_string(i - 1));
        prev = cur;
      }
      if (is_binary_like(id) && prev > 0 && c.data == nullptr)
        return invalid_argument("column '" + path + "' has no data buffer");
    }
  }
  if (id == type_id::struct_) {
    if (c.children.size() != f.children.size())
      return schema_mismatch("struct column '" + path + "' has " +
                             std::to_string(c.children.size()) + " children, the schema has " +
                             std::to_string(f.children.size()));
    for (size_t k = 0; k < c.children.size(); ++k) {
      if (c.children[k].length < c.offset + c.length)
        return invalid_argument("struct column '" + path + "' child '" + f.children[k].name +
                                "' is shorter than its parent");
      LAKECODEC_TRY(validate_column(f.children[k], c.children[k], path + "." + f.children[k].name,
                                    depth + 1));
    }
  }
  if (id == type_id::list || id == type_id::large_list || id == type_id::map) {
    if (c.children.size() != 1 || f.children.size() != 1)
      return invalid_argument("column '" + path + "' must have exactly one child");
    if (c.length > 0 && c.value_offset(c.length) > c.children[0].length)
      return invalid_argument("column '" + path + "' offsets reach " +
                              std::to_string(c.value_offset(c.length)) + " but the child has " +
                              std::to_string(c.children[0].length) + " slots");
    if (id == type_id::map &&
        (f.children[0].type.id != type_id::struct_ || f.children[0].children.size() != 2))
      return invalid_argument("map column '" + path + "' entries must be struct<key, value>");
    LAKECODEC_TRY(
        validate_column(f.children[0], c.children[0], path + "." + f.children[0].name, depth + 1));
  }
  return {};
}
}  // namespace detail

LAKECODEC_NAMESPACE_END
