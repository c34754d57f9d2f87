#pragma once
// A decoded Parquet footer as JSON (what `lakecodec parquet meta` prints): FileMetaData with the
// schema as a nested tree, every RowGroup and ColumnChunk, Statistics decoded by the leaf's
// physical and logical type, SizeStatistics and the presence of the page index
// (ColumnIndex/OffsetIndex). Needs nlohmann/json, so it exists only with LAKECODEC_WITH_JSON.
// Building the value never throws; dump it with nlohmann::json::error_handler_t::replace when
// the file's strings (created_by, key_value_metadata) may not be valid UTF-8.

#ifdef LAKECODEC_WITH_JSON

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/parquet/column_writer.hpp"
#include "lakecodec/parquet/footer.hpp"
#include "lakecodec/parquet/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

namespace detail {
inline std::string json_date_string(int64_t days) {
  int64_t y, m, d;
  civil_from_days(days, y, m, d);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}
}  // namespace detail

/// parquet.thrift `SizeStatistics` of a column chunk as a JSON object; absent members are left
/// out.
inline nlohmann::ordered_json size_statistics_json(const size_statistics& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (s.unencoded_byte_array_data_bytes)
    j["unencoded_byte_array_data_bytes"] = *s.unencoded_byte_array_data_bytes;
  if (s.repetition_level_histogram) j["repetition_level_histogram"] = *s.repetition_level_histogram;
  if (s.definition_level_histogram) j["definition_level_histogram"] = *s.definition_level_histogram;
  return j;
}

/// One `Statistics.min_value`/`max_value` (or deprecated `min`/`max`) decoded by the leaf's
/// `SchemaElement`: BOOLEAN -> bool, INT32/INT64 -> number, DECIMAL (`LogicalType.DECIMAL` or
/// `ConvertedType.DECIMAL`, on INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY as big-endian
/// two's complement up to 16 bytes) -> "123.45", DATE -> "1995-06-17", FLOAT/DOUBLE -> number
/// or "NaN"/"Infinity"/"-Infinity", UUID -> "8-4-4-4-12" text, STRING/ENUM/JSON/UTF8 that is valid
/// UTF-8 -> string. TIMESTAMP and TIME stay numbers (their INT64/INT32 count of units, see the
/// leaf's logical_type for the unit). Anything else, including a value whose size does not fit
/// the physical type, -> {"hex": "..."}.
inline nlohmann::ordered_json statistics_value_json(const schema_element& e, const std::string& v) {
  using nlohmann::ordered_json;
  const int32_t t = e.type.value_or(-1);
  const bool has_lt = e.logical_type.has_value();
  const int16_t lk = has_lt ? e.logical_type->kind : 0;
  const bool is_decimal =
      lk == logical_type::decimal || e.converted_type.value_or(-1) == converted_type::ct_decimal;
  const int32_t scale =
      has_lt && lk == logical_type::decimal ? e.logical_type->scale : e.scale.value_or(0);
  switch (t) {
    case physical_type::boolean:
      if (v.size() == 1) return v[0] != 0;
      break;
    case physical_type::int32:
      if (v.size() == 4) {
        int32_t x;
        std::memcpy(&x, v.data(), 4);
        if (is_decimal) return format_decimal(x, scale);
        if (lk == logical_type::date || e.converted_type.value_or(-1) == converted_type::ct_date)
          return detail::json_date_string(x);
        return x;
      }
      break;
    case physical_type::int64:
      if (v.size() == 8) {
        int64_t x;
        std::memcpy(&x, v.data(), 8);
        if (is_decimal) return format_decimal(x, scale);
        return x;
      }
      break;
    case physical_type::float_:
      if (v.size() == 4) {
        float x;
        std::memcpy(&x, v.data(), 4);
        if (std::isnan(x)) return "NaN";
        if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
        return x;
      }
      break;
    case physical_type::double_:
      if (v.size() == 8) {
        double x;
        std::memcpy(&x, v.data(), 8);
        if (std::isnan(x)) return "NaN";
        if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
        return x;
      }
      break;
    case physical_type::byte_array:
    case physical_type::fixed_len_byte_array: {
      if (is_decimal && !v.empty() && v.size() <= 16) {
        __int128 x = static_cast<int8_t>(v[0]);
        for (size_t k = 1; k < v.size(); ++k) x = x * 256 + static_cast<uint8_t>(v[k]);
        return format_decimal(x, scale);
      }
      if (lk == logical_type::uuid && v.size() == 16) {
        std::string h = to_hex(v);
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
               h.substr(16, 4) + "-" + h.substr(20);
      }
      const bool text = lk == logical_type::string || lk == logical_type::enum_ ||
                        lk == logical_type::json ||
                        e.converted_type.value_or(-1) == converted_type::ct_utf8;
      if (text && detail::valid_utf8(reinterpret_cast<const uint8_t*>(v.data()), v.size()))
        return v;
      return ordered_json{{"hex", to_hex(v)}};
    }
    default: break;
  }
  return ordered_json{{"hex", to_hex(v)}};
}

/// parquet.thrift `LogicalType` union as {"type": "DECIMAL", "precision": .., "scale": ..};
/// TIME/TIMESTAMP carry `is_adjusted_to_utc` and `unit`, INTEGER `bit_width` and `is_signed`.
/// An unknown union member prints as "UNKNOWN(<field id>)".
inline nlohmann::ordered_json logical_type_json(const logical_type& lt) {
  static const char* names[] = {"",        "STRING",  "MAP",      "LIST",      "ENUM",
                                "DECIMAL", "DATE",    "TIME",     "TIMESTAMP", "",
                                "INTEGER", "UNKNOWN", "JSON",     "BSON",      "UUID",
                                "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY", "FILE"};
  nlohmann::ordered_json j;
  j["type"] =
      lt.kind > 0 && lt.kind < 20 ? names[lt.kind] : "UNKNOWN(" + std::to_string(lt.kind) + ")";
  if (lt.kind == logical_type::decimal) {
    j["precision"] = lt.precision;
    j["scale"] = lt.scale;
  } else if (lt.kind == logical_type::time || lt.kind == logical_type::timestamp) {
    j["is_adjusted_to_utc"] = lt.is_adjusted_to_utc;
    j["unit"] = lt.unit == 1   ? "MILLIS"
                : lt.unit == 2 ? "MICROS"
                : lt.unit == 3 ? "NANOS"
                               : "UNKNOWN";
  } else if (lt.kind == logical_type::integer) {
    j["bit_width"] = lt.bit_width;
    j["is_signed"] = lt.is_signed;
  }
  return j;
}

/// One parquet.thrift `SchemaElement` (without its children): name, repetition, physical type,
/// type_length, field_id, logical_type, converted_type, precision, scale — each only if set.
inline nlohmann::ordered_json schema_element_json(const schema_element& e) {
  nlohmann::ordered_json j;
  j["name"] = e.name;
  if (e.repetition_type) j["repetition"] = repetition_name(*e.repetition_type);
  if (e.type) j["type"] = physical_type_name(*e.type);
  if (e.type_length) j["type_length"] = *e.type_length;
  if (e.field_id) j["field_id"] = *e.field_id;
  if (e.logical_type) j["logical_type"] = logical_type_json(*e.logical_type);
  if (e.converted_type) j["converted_type"] = converted_type_name(*e.converted_type);
  if (e.precision) j["precision"] = *e.precision;
  if (e.scale) j["scale"] = *e.scale;
  return j;
}

namespace detail {
/// The depth-first `FileMetaData.schema` list from `pos` as a nested tree ("fields" holds the
/// children); appends the leaf elements in column order to `leaves`. A `num_children` larger
/// than the elements left stops at the end of the list.
inline nlohmann::ordered_json schema_tree_json(const std::vector<schema_element>& s, size_t& pos,
                                               std::vector<const schema_element*>& leaves) {
  const schema_element& e = s[pos++];
  nlohmann::ordered_json j = schema_element_json(e);
  const int32_t n = e.num_children.value_or(0);
  if (n > 0) {
    nlohmann::ordered_json kids = nlohmann::ordered_json::array();
    for (int32_t k = 0; k < n && pos < s.size(); ++k)
      kids.push_back(schema_tree_json(s, pos, leaves));
    j["fields"] = kids;
  } else if (pos > 1) {
    leaves.push_back(&e);
  }
  return j;
}
}  // namespace detail

/// parquet.thrift `Statistics` of a column chunk, values decoded by statistics_value_json() for
/// `leaf`: null_count, nan_count, distinct_count, "min"/"max" from `min_value`/`max_value` (or
/// "min_deprecated"/"max_deprecated" from the deprecated `min`/`max` when those are absent),
/// is_min_value_exact, is_max_value_exact — each only if set.
inline nlohmann::ordered_json statistics_json(const statistics& st, const schema_element& leaf) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (st.null_count) j["null_count"] = *st.null_count;
  if (st.nan_count) j["nan_count"] = *st.nan_count;
  if (st.distinct_count) j["distinct_count"] = *st.distinct_count;
  if (st.min_value)
    j["min"] = statistics_value_json(leaf, *st.min_value);
  else if (st.min)
    j["min_deprecated"] = statistics_value_json(leaf, *st.min);
  if (st.max_value)
    j["max"] = statistics_value_json(leaf, *st.max_value);
  else if (st.max)
    j["max_deprecated"] = statistics_value_json(leaf, *st.max);
  if (st.is_min_value_exact) j["is_min_value_exact"] = *st.is_min_value_exact;
  if (st.is_max_value_exact) j["is_max_value_exact"] = *st.is_max_value_exact;
  return j;
}

/// The whole footer (parquet.thrift `FileMetaData` plus the `ColumnIndex`/`OffsetIndex` read with
/// it) as JSON, keys in a fixed order: version, created_by, num_rows, file_size, footer_length,
/// key_value_metadata, schema (nested tree), column_orders, row_groups[] with columns[] (each
/// `ColumnMetaData` with path, codec, encodings, encoding_stats, statistics, size_statistics and a
/// "page_index" summary). Statistics of a column beyond the schema's leaves are left out.
inline nlohmann::ordered_json footer_json(const footer& f) {
  using nlohmann::ordered_json;
  const file_meta_data& md = f.metadata;
  ordered_json j;
  j["version"] = md.version;
  j["created_by"] = md.created_by ? ordered_json(*md.created_by) : ordered_json(nullptr);
  j["num_rows"] = md.num_rows;
  j["file_size"] = f.file_size;
  j["footer_length"] = f.metadata_length;
  ordered_json kv = ordered_json::array();
  if (md.key_value_metadata)
    for (const auto& e : *md.key_value_metadata) {
      ordered_json x;
      x["key"] = e.key;
      x["value"] = e.value ? ordered_json(*e.value) : ordered_json(nullptr);
      kv.push_back(x);
    }
  j["key_value_metadata"] = kv;
  size_t pos = 0;
  std::vector<const schema_element*> leaves;
  j["schema"] =
      md.schema.empty() ? ordered_json(nullptr) : detail::schema_tree_json(md.schema, pos, leaves);
  if (md.column_orders) {
    ordered_json co = ordered_json::array();
    for (const auto& o : *md.column_orders)
      co.push_back(o.kind == 1 ? "TYPE_ORDER" : o.kind == 2 ? "IEEE_754_TOTAL_ORDER" : "UNKNOWN");
    j["column_orders"] = co;
  }
  ordered_json rgs = ordered_json::array();
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const row_group& rg = md.row_groups[g];
    ordered_json r;
    r["num_rows"] = rg.num_rows;
    r["total_byte_size"] = rg.total_byte_size;
    if (rg.total_compressed_size) r["total_compressed_size"] = *rg.total_compressed_size;
    if (rg.file_offset) r["file_offset"] = *rg.file_offset;
    if (rg.ordinal) r["ordinal"] = *rg.ordinal;
    ordered_json cols = ordered_json::array();
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const column_chunk& cc = rg.columns[c];
      ordered_json x;
      if (cc.file_path) x["file_path"] = *cc.file_path;
      if (cc.meta_data) {
        const column_meta_data& m = *cc.meta_data;
        std::string path;
        for (const auto& p : m.path_in_schema) path += (path.empty() ? "" : ".") + p;
        x["path"] = path;
        x["type"] = physical_type_name(m.type);
        x["codec"] = codec_name(m.codec);
        ordered_json enc = ordered_json::array();
        for (int32_t e : m.encodings) enc.push_back(encoding_name(e));
        x["encodings"] = enc;
        x["num_values"] = m.num_values;
        x["total_compressed_size"] = m.total_compressed_size;
        x["total_uncompressed_size"] = m.total_uncompressed_size;
        x["data_page_offset"] = m.data_page_offset;
        if (m.dictionary_page_offset) x["dictionary_page_offset"] = *m.dictionary_page_offset;
        if (m.encoding_stats) {
          ordered_json es = ordered_json::array();
          for (const auto& s : *m.encoding_stats) {
            ordered_json y;
            y["page_type"] = page_type_name(s.page_type);
            y["encoding"] = encoding_name(s.encoding);
            y["count"] = s.count;
            es.push_back(y);
          }
          x["encoding_stats"] = es;
        }
        if (m.statistics && c < leaves.size())
          x["statistics"] = statistics_json(*m.statistics, *leaves[c]);
        if (m.bloom_filter_offset) x["bloom_filter_offset"] = *m.bloom_filter_offset;
        if (m.size_statistics) x["size_statistics"] = size_statistics_json(*m.size_statistics);
      }
      ordered_json pi;
      const bool has_ci = g < f.column_indexes.size() && c < f.column_indexes[g].size() &&
                          f.column_indexes[g][c].has_value();
      const bool has_oi = g < f.offset_indexes.size() && c < f.offset_indexes[g].size() &&
                          f.offset_indexes[g][c].has_value();
      pi["column_index"] = has_ci;
      pi["offset_index"] = has_oi;
      if (has_oi) pi["pages"] = f.offset_indexes[g][c]->page_locations.size();
      if (has_ci) {
        const column_index& ci = *f.column_indexes[g][c];
        const int32_t bo = ci.boundary_order;
        pi["boundary_order"] = bo == 1 ? "ASCENDING" : bo == 2 ? "DESCENDING" : "UNORDERED";
        if (ci.repetition_level_histograms)
          pi["repetition_level_histograms"] = *ci.repetition_level_histograms;
        if (ci.definition_level_histograms)
          pi["definition_level_histograms"] = *ci.definition_level_histograms;
      }
      if (has_oi && f.offset_indexes[g][c]->unencoded_byte_array_data_bytes)
        pi["unencoded_byte_array_data_bytes"] =
            *f.offset_indexes[g][c]->unencoded_byte_array_data_bytes;
      x["page_index"] = pi;
      cols.push_back(x);
    }
    r["columns"] = cols;
    rgs.push_back(r);
  }
  j["row_groups"] = rgs;
  return j;
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
