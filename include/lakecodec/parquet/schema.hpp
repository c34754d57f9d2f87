#pragma once
// Mapping a lakecodec::schema (core/columnar.hpp) to the Parquet schema (parquet_avro.md A3, A4,
// C5): physical and logical types per leaf, 3-level LIST and MAP groups, field ids on every node,
// and the definition/repetition level of every node for the level computation.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/parquet/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// Options that change how columnar types map to Parquet types.
struct schema_options {
  /// DECIMAL with precision <= 9 as INT32 and <= 18 as INT64 (the spec's recommendation and
  /// DuckDB's choice); false stores every decimal as FIXED_LEN_BYTE_ARRAY (Arrow's default).
  bool decimal_as_integer = true;
  /// String or binary columns stored with the ENUM logical and converted type (LogicalTypes.md
  /// ENUM), named by dotted leaf path ("a.list.element") or top-level name. Unknown names and
  /// non-string/binary columns are refused (invalid_argument).
  std::vector<std::string> enum_columns;
  /// Every timestamp column as deprecated INT96 (8-byte little-endian nanoseconds of the day,
  /// then the 4-byte little-endian Julian day; no logical or converted type), what Arrow's
  /// `use_deprecated_int96_timestamps` writes for Spark/Hive/Impala. INT96 has no defined sort
  /// order: no min/max statistics and no column index for these columns.
  bool timestamps_as_int96 = false;
  /// Individual timestamp columns as INT96 (dotted leaf path or top-level name).
  std::vector<std::string> int96_columns;
};

/// Julian day number of 1970-01-01, the epoch of INT96 timestamps.
constexpr int64_t int96_julian_epoch_day = 2440588;

/// Minimal FIXED_LEN_BYTE_ARRAY width holding a decimal of `precision` digits (LogicalTypes.md
/// DECIMAL).
inline int32_t decimal_byte_width(int32_t precision) noexcept {
  static const int32_t max_digits[] = {0,  2,  4,  6,  9,  11, 14, 16, 18,
                                       21, 23, 26, 28, 31, 33, 35, 38};
  for (int32_t n = 1; n <= 16; ++n)
    if (max_digits[n] >= precision) return n;
  return 16;
}

/// How min/max compare for a leaf (parquet.thrift ColumnOrder sort orders).
enum class sort_order : uint8_t { signed_, unsigned_, undefined };

/// One Parquet leaf column.
struct leaf_descriptor {
  std::vector<std::string> path;  // path_in_schema
  std::string dotted_path;        // "a.list.element"
  int16_t max_def = 0;
  int16_t max_rep = 0;
  int32_t physical = physical_type::int32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  data_type source;         // the columnar type of the values
  int32_t field_id = -1;    // the leaf field's id
  size_t top_level = 0;     // index of the top-level column it belongs to
  sort_order order = sort_order::signed_;
  bool decimal_bytes = false;  // FLBA decimal: signed byte comparison
  bool is_string = false;      // STRING: UTF-8 validated, truncated on char boundaries
};

/// A node of the level tree: one per columnar field (list/map repeated groups are folded into
/// their list/map node).
struct level_node {
  type_id kind = type_id::int32;
  bool nullable = true;
  int16_t rep_level = 0;  // list/map: repetition level of its elements
  int leaf = -1;          // leaf index for primitive nodes
  int first_leaf = 0, end_leaf = 0;
  std::vector<level_node> children;
};

/// The whole mapping.
struct parquet_schema {
  std::vector<schema_element> elements;  // depth first, root first
  std::vector<leaf_descriptor> leaves;
  std::vector<level_node> roots;  // one per top-level field
};

namespace detail {

/// INT96 timestamp (parquet.thrift deprecated type; Arrow/Impala layout): nanoseconds of the day as
/// 8 little-endian bytes, then the Julian day number as 4 little-endian bytes.
inline void int96_from_nanos(__int128 nanos, uint8_t* out) noexcept {
  const __int128 per_day = static_cast<__int128>(86400) * 1000000000;
  __int128 day = nanos / per_day;
  __int128 rem = nanos - day * per_day;
  if (rem < 0) rem += per_day, --day;
  store_le<uint64_t>(out, static_cast<uint64_t>(rem));
  store_le<uint32_t>(out + 8,
                     static_cast<uint32_t>(static_cast<int64_t>(day) + int96_julian_epoch_day));
}

inline status map_primitive(const field& f, const schema_options& opt, schema_element& e,
                            leaf_descriptor& leaf, const std::string& path) {
  const data_type& t = f.type;
  logical_type lt;
  switch (t.id) {
    case type_id::boolean:
      e.type = physical_type::boolean;
      leaf.order = sort_order::unsigned_;
      break;
    case type_id::int8:
    case type_id::int16:
      e.type = physical_type::int32;
      lt.kind = logical_type::integer;
      lt.bit_width = t.id == type_id::int8 ? 8 : 16;
      lt.is_signed = true;
      e.converted_type =
          t.id == type_id::int8 ? converted_type::ct_int_8 : converted_type::ct_int_16;
      e.logical_type = lt;
      break;
    case type_id::int32: e.type = physical_type::int32; break;
    case type_id::int64: e.type = physical_type::int64; break;
    case type_id::float32: e.type = physical_type::float_; break;
    case type_id::float64: e.type = physical_type::double_; break;
    case type_id::decimal128: {
      if (t.precision < 1 || t.precision > 38)
        return invalid_argument("parquet: column '" + path + "' has decimal precision " +
                                std::to_string(t.precision) + " outside 1..38");
      if (opt.decimal_as_integer && t.precision <= 9) {
        e.type = physical_type::int32;
      } else if (opt.decimal_as_integer && t.precision <= 18) {
        e.type = physical_type::int64;
      } else {
        e.type = physical_type::fixed_len_byte_array;
        e.type_length = decimal_byte_width(t.precision);
        leaf.decimal_bytes = true;
      }
      lt.kind = logical_type::decimal;
      lt.precision = t.precision;
      lt.scale = t.scale;
      e.logical_type = lt;
      e.converted_type = converted_type::ct_decimal;
      e.precision = t.precision;
      e.scale = t.scale;
      break;
    }
    case type_id::date32:
      e.type = physical_type::int32;
      lt.kind = logical_type::date;
      e.logical_type = lt;
      e.converted_type = converted_type::ct_date;
      break;
    case type_id::time64:
      e.type = physical_type::int64;
      lt.kind = logical_type::time;
      lt.is_adjusted_to_utc = false;
      lt.unit = t.unit == time_unit::nano ? 3 : 2;
      e.logical_type = lt;
      if (t.unit == time_unit::micro) e.converted_type = converted_type::ct_time_micros;
      break;
    case type_id::timestamp:
      e.type = physical_type::int64;
      lt.kind = logical_type::timestamp;
      lt.is_adjusted_to_utc = t.utc;
      lt.unit = t.unit == time_unit::nano ? 3 : 2;
      e.logical_type = lt;
      if (t.unit == time_unit::micro) e.converted_type = converted_type::ct_timestamp_micros;
      break;
    case type_id::string:
    case type_id::large_string:
      e.type = physical_type::byte_array;
      lt.kind = logical_type::string;
      e.logical_type = lt;
      e.converted_type = converted_type::ct_utf8;
      leaf.order = sort_order::unsigned_;
      leaf.is_string = true;
      break;
    case type_id::binary:
    case type_id::large_binary:
      e.type = physical_type::byte_array;
      leaf.order = sort_order::unsigned_;
      break;
    case type_id::fixed_size_binary:
      if (t.byte_width <= 0)
        return invalid_argument("parquet: column '" + path + "' has fixed_size_binary width " +
                                std::to_string(t.byte_width));
      e.type = physical_type::fixed_len_byte_array;
      e.type_length = t.byte_width;
      if (t.uuid) {
        if (t.byte_width != 16)
          return invalid_argument("parquet: uuid column '" + path + "' must be 16 bytes wide");
        lt.kind = logical_type::uuid;
        e.logical_type = lt;
      }
      leaf.order = sort_order::unsigned_;
      break;
    default:
      return invalid_argument("parquet: column '" + path + "' has unsupported type " +
                              t.to_string());
  }
  leaf.physical = *e.type;
  leaf.type_length = e.type_length.value_or(0);
  leaf.source = t;
  return {};
}

inline bool names_leaf(const std::vector<std::string>& names, const std::vector<std::string>& path,
                       const std::string& dotted) {
  for (const auto& n : names)
    if (n == dotted || (!path.empty() && n == path[0])) return true;
  return false;
}

/// ENUM and INT96 choices of schema_options for one leaf (after map_primitive). A name applies
/// to the eligible leaves under it; naming an ineligible leaf exactly is an error.
inline status apply_leaf_options(const schema_options& opt, const std::vector<std::string>& path,
                                 const std::string& dotted, schema_element& e,
                                 leaf_descriptor& leaf) {
  const type_id id = leaf.source.id;
  const bool bytes = id == type_id::string || id == type_id::large_string ||
                     id == type_id::binary || id == type_id::large_binary;
  const bool exact_enum =
      std::find(opt.enum_columns.begin(), opt.enum_columns.end(), dotted) != opt.enum_columns.end();
  const bool exact_int96 = std::find(opt.int96_columns.begin(), opt.int96_columns.end(), dotted) !=
                           opt.int96_columns.end();
  if (exact_enum && !bytes)
    return invalid_argument("parquet: ENUM column '" + dotted + "' must be string or binary, not " +
                            leaf.source.to_string());
  if (exact_int96 && id != type_id::timestamp)
    return invalid_argument("parquet: INT96 column '" + dotted + "' must be a timestamp, not " +
                            leaf.source.to_string());
  if (bytes && names_leaf(opt.enum_columns, path, dotted)) {
    logical_type lt;
    lt.kind = logical_type::enum_;
    e.logical_type = lt;
    e.converted_type = converted_type::ct_enum;
  }
  if (id == type_id::timestamp &&
      (opt.timestamps_as_int96 || names_leaf(opt.int96_columns, path, dotted))) {
    e.type = physical_type::int96;
    e.logical_type.reset();
    e.converted_type.reset();
    leaf.physical = physical_type::int96;
    leaf.type_length = 12;
    leaf.order = sort_order::undefined;
  }
  return {};
}

/// Every name in enum_columns / int96_columns must name a leaf or a top-level field.
inline status check_option_names(const schema& s, const parquet_schema& ps,
                                 const std::vector<std::string>& names, const char* what) {
  for (const auto& n : names) {
    bool found = s.find(n) >= 0;
    for (const auto& l : ps.leaves) found = found || l.dotted_path == n;
    if (!found)
      return invalid_argument(std::string("parquet: ") + what + " names unknown column '" + n +
                              "'");
  }
  return {};
}

inline status map_field(const field& f, const schema_options& opt, int16_t def, int16_t rep,
                        std::vector<std::string> path, size_t top, int depth, parquet_schema& out,
                        level_node& node, bool repeated_override = false) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("parquet: schema nests deeper than " +
                            std::to_string(limits{}.max_nesting_depth));
  const std::string dotted = [&] {
    std::string s;
    for (const auto& p : path) s += (s.empty() ? "" : ".") + p;
    return s.empty() ? f.name : s + "." + f.name;
  }();
  path.push_back(f.name);
  schema_element e;
  e.name = f.name;
  e.repetition_type = repeated_override
                          ? repetition::repeated
                          : (f.nullable ? repetition::optional : repetition::required);
  if (f.field_id >= 0) e.field_id = f.field_id;
  node.kind = f.type.id;
  node.nullable = f.nullable;
  if (f.nullable) ++def;
  node.first_leaf = static_cast<int>(out.leaves.size());
  switch (f.type.id) {
    case type_id::struct_: {
      if (f.children.empty())
        return invalid_argument("parquet: struct column '" + dotted +
                                "' has no fields (Parquet groups need one)");
      e.num_children = static_cast<int32_t>(f.children.size());
      out.elements.push_back(e);
      node.children.resize(f.children.size());
      for (size_t k = 0; k < f.children.size(); ++k)
        LAKECODEC_TRY(
            map_field(f.children[k], opt, def, rep, path, top, depth + 1, out, node.children[k]));
      break;
    }
    case type_id::list:
    case type_id::large_list:
    case type_id::map: {
      const bool is_map = f.type.id == type_id::map;
      if (f.children.size() != 1)
        return invalid_argument("parquet: column '" + dotted + "' must have exactly one child");
      e.num_children = 1;
      logical_type lt;
      lt.kind = is_map ? logical_type::map : logical_type::list;
      e.logical_type = lt;
      e.converted_type = is_map ? converted_type::ct_map : converted_type::ct_list;
      out.elements.push_back(e);
      ++def;
      ++rep;
      node.rep_level = rep;
      node.children.resize(1);
      const field& child = f.children[0];
      if (is_map) {
        if (child.type.id != type_id::struct_ || child.children.size() != 2)
          return invalid_argument("parquet: map column '" + dotted +
                                  "' entries must be struct<key, value>");
        if (child.children[0].nullable)
          return invalid_argument("parquet: map column '" + dotted + "' has nullable keys");
        if (child.nullable)
          return invalid_argument("parquet: map column '" + dotted + "' has nullable entries");
        schema_element kv;
        kv.name = "key_value";
        kv.repetition_type = repetition::repeated;
        kv.num_children = 2;
        out.elements.push_back(kv);
        level_node& entries = node.children[0];
        entries.kind = type_id::struct_;
        entries.nullable = false;
        entries.first_leaf = static_cast<int>(out.leaves.size());
        entries.children.resize(2);
        std::vector<std::string> kv_path = path;
        kv_path.push_back("key_value");
        field key = child.children[0], value = child.children[1];
        key.name = "key";
        value.name = "value";
        LAKECODEC_TRY(
            map_field(key, opt, def, rep, kv_path, top, depth + 2, out, entries.children[0]));
        LAKECODEC_TRY(
            map_field(value, opt, def, rep, kv_path, top, depth + 2, out, entries.children[1]));
        entries.end_leaf = static_cast<int>(out.leaves.size());
      } else {
        schema_element lg;
        lg.name = "list";
        lg.repetition_type = repetition::repeated;
        lg.num_children = 1;
        out.elements.push_back(lg);
        std::vector<std::string> l_path = path;
        l_path.push_back("list");
        field element = child;
        element.name = "element";
        LAKECODEC_TRY(
            map_field(element, opt, def, rep, l_path, top, depth + 2, out, node.children[0]));
      }
      break;
    }
    default: {
      leaf_descriptor leaf;
      LAKECODEC_TRY(map_primitive(f, opt, e, leaf, dotted));
      LAKECODEC_TRY(apply_leaf_options(opt, path, dotted, e, leaf));
      leaf.path = path;
      leaf.dotted_path = dotted;
      leaf.max_def = def;
      leaf.max_rep = rep;
      leaf.field_id = f.field_id;
      leaf.top_level = top;
      node.leaf = static_cast<int>(out.leaves.size());
      out.elements.push_back(e);
      out.leaves.push_back(std::move(leaf));
      break;
    }
  }
  node.end_leaf = static_cast<int>(out.leaves.size());
  return {};
}

}  // namespace detail

/// Maps a columnar schema to a Parquet schema. Errors (invalid_argument) name the column.
inline result<parquet_schema> map_schema(const schema& s, const schema_options& opt = {}) {
  parquet_schema out;
  schema_element root;
  root.name = "schema";
  root.num_children = static_cast<int32_t>(s.fields.size());
  out.elements.push_back(root);
  out.roots.resize(s.fields.size());
  for (size_t i = 0; i < s.fields.size(); ++i)
    LAKECODEC_TRY(detail::map_field(s.fields[i], opt, 0, 0, {}, i, 0, out, out.roots[i]));
  if (out.leaves.empty()) return invalid_argument("parquet: the schema has no columns");
  LAKECODEC_TRY(detail::check_option_names(s, out, opt.enum_columns, "enum_columns"));
  LAKECODEC_TRY(detail::check_option_names(s, out, opt.int96_columns, "int96_columns"));
  return out;
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END
