#pragma once
// Iceberg manifest and manifest list contents (spec "Manifests", "Manifest Lists") and their
// Avro schemas (spec Appendix A "Avro"): the v1/v2/v3 schemas with Java's field ids, record
// names (manifest_entry, r2, r102, k117_v118, manifest_file, r508) and optional ["null", T]
// unions, in the field order of Java's V1Metadata/V2Metadata/V3Metadata. The field ids are
// named once in `field_id` and used by the schemas, the writer and the readers alike.

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Field ids of the manifest and manifest list schemas (spec "Manifests" and "Manifest Lists"
/// tables; Java's ManifestEntry, DataFile and ManifestFile constants). Readers find fields by
/// these ids, never by name or position, because writers differ in both.
namespace field_id {
/// Record `manifest_entry`.
namespace entry {
constexpr int32_t status = 0;
constexpr int32_t snapshot_id = 1;
constexpr int32_t data_file = 2;
constexpr int32_t sequence_number = 3;       // v2+
constexpr int32_t file_sequence_number = 4;  // v2+
}  // namespace entry
/// Record `r2` (DataFile).
namespace data_file {
constexpr int32_t file_path = 100;
constexpr int32_t file_format = 101;
constexpr int32_t partition = 102;
constexpr int32_t record_count = 103;
constexpr int32_t file_size_in_bytes = 104;
constexpr int32_t block_size_in_bytes = 105;  // v1 only
constexpr int32_t column_sizes = 108;
constexpr int32_t column_sizes_key = 117;
constexpr int32_t column_sizes_value = 118;
constexpr int32_t value_counts = 109;
constexpr int32_t value_counts_key = 119;
constexpr int32_t value_counts_value = 120;
constexpr int32_t null_value_counts = 110;
constexpr int32_t null_value_counts_key = 121;
constexpr int32_t null_value_counts_value = 122;
constexpr int32_t lower_bounds = 125;
constexpr int32_t lower_bounds_key = 126;
constexpr int32_t lower_bounds_value = 127;
constexpr int32_t upper_bounds = 128;
constexpr int32_t upper_bounds_key = 129;
constexpr int32_t upper_bounds_value = 130;
constexpr int32_t key_metadata = 131;
constexpr int32_t split_offsets = 132;
constexpr int32_t split_offsets_element = 133;
constexpr int32_t content = 134;       // v2+
constexpr int32_t equality_ids = 135;  // v2+
constexpr int32_t equality_ids_element = 136;
constexpr int32_t nan_value_counts = 137;
constexpr int32_t nan_value_counts_key = 138;
constexpr int32_t nan_value_counts_value = 139;
constexpr int32_t sort_order_id = 140;
constexpr int32_t first_row_id = 142;           // v3
constexpr int32_t referenced_data_file = 143;   // v2+
constexpr int32_t content_offset = 144;         // v3
constexpr int32_t content_size_in_bytes = 145;  // v3
}  // namespace data_file
/// Record `manifest_file` (manifest list entries). v1 names the counts added_data_files_count
/// etc.; the ids are the same.
namespace manifest_file {
constexpr int32_t manifest_path = 500;
constexpr int32_t manifest_length = 501;
constexpr int32_t partition_spec_id = 502;
constexpr int32_t added_snapshot_id = 503;
constexpr int32_t added_files_count = 504;
constexpr int32_t existing_files_count = 505;
constexpr int32_t deleted_files_count = 506;
constexpr int32_t partitions = 507;
constexpr int32_t partitions_element = 508;
constexpr int32_t added_rows_count = 512;
constexpr int32_t existing_rows_count = 513;
constexpr int32_t deleted_rows_count = 514;
constexpr int32_t sequence_number = 515;      // v2+
constexpr int32_t min_sequence_number = 516;  // v2+
constexpr int32_t content = 517;              // v2+
constexpr int32_t key_metadata = 519;
constexpr int32_t first_row_id = 520;  // v3
}  // namespace manifest_file
/// Record `r508` (partition field summary).
namespace field_summary {
constexpr int32_t contains_null = 509;
constexpr int32_t lower_bound = 510;
constexpr int32_t upper_bound = 511;
constexpr int32_t contains_nan = 518;
}  // namespace field_summary
}  // namespace field_id

enum class manifest_content : int32_t { data = 0, deletes = 1 };
enum class file_content : int32_t { data = 0, position_deletes = 1, equality_deletes = 2 };
enum class entry_status : int32_t { existing = 0, added = 1, deleted = 2 };

using id_count_map = std::vector<std::pair<int32_t, int64_t>>;
using id_bytes_map = std::vector<std::pair<int32_t, std::string>>;

/// A data or delete file (manifest field 2, record `r2`). Optional members are written as null
/// when absent. `partition` holds one literal per partition field, typed by partition_type().
struct data_file {
  file_content content = file_content::data;
  std::string file_path;
  std::string file_format = "PARQUET";
  std::vector<literal> partition;
  int64_t record_count = 0;
  int64_t file_size_in_bytes = 0;
  std::optional<id_count_map> column_sizes;
  std::optional<id_count_map> value_counts;
  std::optional<id_count_map> null_value_counts;
  std::optional<id_count_map> nan_value_counts;
  std::optional<id_bytes_map> lower_bounds;
  std::optional<id_bytes_map> upper_bounds;
  std::optional<std::string> key_metadata;
  std::optional<std::vector<int64_t>> split_offsets;
  std::optional<std::vector<int32_t>> equality_ids;
  std::optional<int32_t> sort_order_id;
  std::optional<int64_t> first_row_id;              // v3
  std::optional<std::string> referenced_data_file;  // v2+
  std::optional<int64_t> content_offset;            // v3
  std::optional<int64_t> content_size_in_bytes;     // v3
};

/// One manifest entry (record `manifest_entry`).
struct manifest_entry {
  entry_status status = entry_status::added;
  std::optional<int64_t> snapshot_id;
  std::optional<int64_t> sequence_number;       // v2+; null = inherit
  std::optional<int64_t> file_sequence_number;  // v2+; null = inherit
  iceberg::data_file data_file;
};

/// Partition field summary (record `r508`).
struct field_summary {
  bool contains_null = false;
  std::optional<bool> contains_nan;
  std::optional<std::string> lower_bound;  // Appendix D binary of the partition result type
  std::optional<std::string> upper_bound;
};

/// One manifest list entry (record `manifest_file`).
struct manifest_file {
  std::string manifest_path;
  int64_t manifest_length = 0;
  int32_t partition_spec_id = 0;
  manifest_content content = manifest_content::data;
  int64_t sequence_number = 0;
  int64_t min_sequence_number = 0;
  int64_t added_snapshot_id = 0;
  std::optional<int32_t> added_files_count;
  std::optional<int32_t> existing_files_count;
  std::optional<int32_t> deleted_files_count;
  std::optional<int64_t> added_rows_count;
  std::optional<int64_t> existing_rows_count;
  std::optional<int64_t> deleted_rows_count;
  std::optional<std::vector<field_summary>> partitions;
  std::optional<std::string> key_metadata;
  std::optional<int64_t> first_row_id;  // v3
};

/// A decoded manifest: the header keys, the partition tuple type (from the Avro schema), and
/// the entries.
struct manifest {
  int32_t format_version = 1;
  manifest_content content = manifest_content::data;
  std::vector<std::pair<std::string, std::string>> metadata;  // header, avro.* included
  type partition_type;
  std::vector<manifest_entry> entries;
};

/// A decoded manifest list: header keys and entries.
struct manifest_list {
  int32_t format_version = 1;
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<manifest_file> entries;
};

// ---------------------------------------------------------------------------------------------
// Avro schemas (Appendix A; Java V1Metadata/V2Metadata/V3Metadata field order).

namespace detail {
inline ordered_json avro_field(const std::string& name, ordered_json type, int32_t id,
                               bool optional) {
  ordered_json f = ordered_json::object();
  f["name"] = name;
  if (optional) {
    f["type"] = ordered_json::array({"null", std::move(type)});
    f["default"] = nullptr;
  } else {
    f["type"] = std::move(type);
  }
  f["field-id"] = id;
  return f;
}
inline ordered_json avro_int_map(int32_t key_id, int32_t value_id, const char* value_type) {
  ordered_json rec = ordered_json::object();
  rec["type"] = "record";
  rec["name"] = "k" + std::to_string(key_id) + "_v" + std::to_string(value_id);
  rec["fields"] = ordered_json::array(
      {avro_field("key", "int", key_id, false), avro_field("value", value_type, value_id, false)});
  ordered_json arr = ordered_json::object();
  arr["type"] = "array";
  arr["items"] = std::move(rec);
  arr["logicalType"] = "map";
  return arr;
}
inline ordered_json avro_array(const char* items, int32_t element_id) {
  ordered_json arr = ordered_json::object();
  arr["type"] = "array";
  arr["items"] = items;
  arr["element-id"] = element_id;
  return arr;
}

/// Java's AvroSchemaUtil.makeCompatibleName: a leading non-letter/underscore becomes "_<c>"
/// for digits or "_x<HEX>"; other invalid characters "_x<HEX>".
inline std::string avro_safe_name(const std::string& name) {
  auto valid_first = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  auto valid = [&](char c) { return valid_first(c) || (c >= '0' && c <= '9'); };
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (i == 0 ? valid_first(c) : valid(c)) {
      out += c;
    } else if (i == 0 && c >= '0' && c <= '9') {
      out += '_';
      out += c;
    } else {
      const unsigned char u = static_cast<unsigned char>(c);
      out += "_x";
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out.empty() ? "_" : out;
}

/// The Avro schema of an Iceberg primitive (Appendix A). Named fixed types are defined once
/// per schema and referenced by name afterwards (`defined` tracks them).
inline result<ordered_json> avro_type_of(const type& t, std::set<std::string>& defined) {
  auto logical = [](const char* base, const char* lt) {
    ordered_json o = ordered_json::object();
    o["type"] = base;
    o["logicalType"] = lt;
    return o;
  };
  auto named_fixed = [&](const std::string& name, int64_t size) -> ordered_json {
    if (defined.count(name)) return name;
    defined.insert(name);
    ordered_json o = ordered_json::object();
    o["type"] = "fixed";
    o["name"] = name;
    o["size"] = size;
    return o;
  };
  switch (t.kind) {
    case type_kind::boolean: return ordered_json("boolean");
    case type_kind::int_: return ordered_json("int");
    case type_kind::long_: return ordered_json("long");
    case type_kind::float_: return ordered_json("float");
    case type_kind::double_: return ordered_json("double");
    case type_kind::date: return logical("int", "date");
    case type_kind::time: return logical("long", "time-micros");
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: {
      const bool ns = t.kind == type_kind::timestamp_ns || t.kind == type_kind::timestamptz_ns;
      ordered_json o = logical("long", ns ? "timestamp-nanos" : "timestamp-micros");
      o["adjust-to-utc"] = t.kind == type_kind::timestamptz || t.kind == type_kind::timestamptz_ns;
      return o;
    }
    case type_kind::string: return ordered_json("string");
    case type_kind::binary:
    case type_kind::geometry:
    case type_kind::geography: return ordered_json("bytes");
    case type_kind::uuid: {
      ordered_json o = named_fixed("uuid_fixed", 16);
      if (o.is_object()) o["logicalType"] = "uuid";
      return o;
    }
    case type_kind::fixed: return named_fixed("fixed_" + std::to_string(t.length), t.length);
    case type_kind::decimal: {
      ordered_json o =
          named_fixed("decimal_" + std::to_string(t.precision) + "_" + std::to_string(t.scale),
                      decimal_required_bytes(t.precision));
      if (o.is_object()) {
        o["logicalType"] = "decimal";
        o["precision"] = t.precision;
        o["scale"] = t.scale;
      }
      return o;
    }
    default: return unsupported("iceberg: no Avro mapping for partition type " + type_to_string(t));
  }
}

/// The `r102` partition record for a partition type (a struct of transform result types).
inline result<ordered_json> avro_partition_record(const type& partition_type) {
  std::set<std::string> defined;
  ordered_json fields = ordered_json::array();
  for (const nested_field& f : partition_type.fields) {
    LAKECODEC_ASSIGN_OR_RETURN(ordered_json t, avro_type_of(f.type, defined));
    ordered_json af = avro_field(avro_safe_name(f.name), std::move(t), f.id, true);
    if (af["name"] != f.name) af["iceberg-field-name"] = f.name;
    fields.push_back(std::move(af));
  }
  ordered_json rec = ordered_json::object();
  rec["type"] = "record";
  rec["name"] = "r102";
  rec["fields"] = std::move(fields);
  return rec;
}
}  // namespace detail

/// The Avro schema JSON of manifest_entry for `format_version` (1-3) and a partition type.
inline result<ordered_json> manifest_entry_avro_schema(int32_t format_version,
                                                       const type& partition_type) {
  using detail::avro_field;
  namespace id = field_id;
  const int32_t v = format_version;
  LAKECODEC_ASSIGN_OR_RETURN(ordered_json part, detail::avro_partition_record(partition_type));
  ordered_json df = ordered_json::array();
  if (v >= 2) df.push_back(avro_field("content", "int", id::data_file::content, false));
  df.push_back(avro_field("file_path", "string", id::data_file::file_path, false));
  df.push_back(avro_field("file_format", "string", id::data_file::file_format, false));
  df.push_back(avro_field("partition", std::move(part), id::data_file::partition, false));
  df.push_back(avro_field("record_count", "long", id::data_file::record_count, false));
  df.push_back(avro_field("file_size_in_bytes", "long", id::data_file::file_size_in_bytes, false));
  if (v == 1)
    df.push_back(
        avro_field("block_size_in_bytes", "long", id::data_file::block_size_in_bytes, false));
  df.push_back(avro_field("column_sizes",
                          detail::avro_int_map(id::data_file::column_sizes_key,
                                               id::data_file::column_sizes_value, "long"),
                          id::data_file::column_sizes, true));
  df.push_back(avro_field("value_counts",
                          detail::avro_int_map(id::data_file::value_counts_key,
                                               id::data_file::value_counts_value, "long"),
                          id::data_file::value_counts, true));
  df.push_back(avro_field("null_value_counts",
                          detail::avro_int_map(id::data_file::null_value_counts_key,
                                               id::data_file::null_value_counts_value, "long"),
                          id::data_file::null_value_counts, true));
  df.push_back(avro_field("nan_value_counts",
                          detail::avro_int_map(id::data_file::nan_value_counts_key,
                                               id::data_file::nan_value_counts_value, "long"),
                          id::data_file::nan_value_counts, true));
  df.push_back(avro_field("lower_bounds",
                          detail::avro_int_map(id::data_file::lower_bounds_key,
                                               id::data_file::lower_bounds_value, "bytes"),
                          id::data_file::lower_bounds, true));
  df.push_back(avro_field("upper_bounds",
                          detail::avro_int_map(id::data_file::upper_bounds_key,
                                               id::data_file::upper_bounds_value, "bytes"),
                          id::data_file::upper_bounds, true));
  df.push_back(avro_field("key_metadata", "bytes", id::data_file::key_metadata, true));
  df.push_back(avro_field("split_offsets",
                          detail::avro_array("long", id::data_file::split_offsets_element),
                          id::data_file::split_offsets, true));
  if (v >= 2)
    df.push_back(avro_field("equality_ids",
                            detail::avro_array("int", id::data_file::equality_ids_element),
                            id::data_file::equality_ids, true));
  df.push_back(avro_field("sort_order_id", "int", id::data_file::sort_order_id, true));
  if (v >= 3) df.push_back(avro_field("first_row_id", "long", id::data_file::first_row_id, true));
  if (v >= 2)
    df.push_back(
        avro_field("referenced_data_file", "string", id::data_file::referenced_data_file, true));
  if (v >= 3) {
    df.push_back(avro_field("content_offset", "long", id::data_file::content_offset, true));
    df.push_back(
        avro_field("content_size_in_bytes", "long", id::data_file::content_size_in_bytes, true));
  }
  ordered_json r2 = ordered_json::object();
  r2["type"] = "record";
  r2["name"] = "r2";
  r2["fields"] = std::move(df);
  ordered_json fields = ordered_json::array();
  fields.push_back(avro_field("status", "int", id::entry::status, false));
  fields.push_back(avro_field("snapshot_id", "long", id::entry::snapshot_id, true));
  if (v >= 2) {
    fields.push_back(avro_field("sequence_number", "long", id::entry::sequence_number, true));
    fields.push_back(
        avro_field("file_sequence_number", "long", id::entry::file_sequence_number, true));
  }
  fields.push_back(avro_field("data_file", std::move(r2), id::entry::data_file, false));
  ordered_json root = ordered_json::object();
  root["type"] = "record";
  root["name"] = "manifest_entry";
  root["fields"] = std::move(fields);
  return root;
}

/// The Avro schema JSON of manifest_file (manifest list entries) for `format_version`.
inline ordered_json manifest_file_avro_schema(int32_t format_version) {
  using detail::avro_field;
  namespace id = field_id;
  const int32_t v = format_version;
  ordered_json summary = ordered_json::object();
  summary["type"] = "record";
  summary["name"] = "r508";
  summary["fields"] = ordered_json::array(
      {avro_field("contains_null", "boolean", id::field_summary::contains_null, false),
       avro_field("contains_nan", "boolean", id::field_summary::contains_nan, true),
       avro_field("lower_bound", "bytes", id::field_summary::lower_bound, true),
       avro_field("upper_bound", "bytes", id::field_summary::upper_bound, true)});
  ordered_json partitions = ordered_json::object();
  partitions["type"] = "array";
  partitions["items"] = std::move(summary);
  partitions["element-id"] = id::manifest_file::partitions_element;
  ordered_json f = ordered_json::array();
  f.push_back(avro_field("manifest_path", "string", id::manifest_file::manifest_path, false));
  f.push_back(avro_field("manifest_length", "long", id::manifest_file::manifest_length, false));
  f.push_back(avro_field("partition_spec_id", "int", id::manifest_file::partition_spec_id, false));
  if (v >= 2) {
    f.push_back(avro_field("content", "int", id::manifest_file::content, false));
    f.push_back(avro_field("sequence_number", "long", id::manifest_file::sequence_number, false));
    f.push_back(
        avro_field("min_sequence_number", "long", id::manifest_file::min_sequence_number, false));
  }
  f.push_back(avro_field("added_snapshot_id", "long", id::manifest_file::added_snapshot_id, false));
  const bool opt = v == 1;
  f.push_back(avro_field("added_files_count", "int", id::manifest_file::added_files_count, opt));
  f.push_back(
      avro_field("existing_files_count", "int", id::manifest_file::existing_files_count, opt));
  f.push_back(
      avro_field("deleted_files_count", "int", id::manifest_file::deleted_files_count, opt));
  if (v == 1)
    f.push_back(avro_field("partitions", partitions, id::manifest_file::partitions, true));
  f.push_back(avro_field("added_rows_count", "long", id::manifest_file::added_rows_count, opt));
  f.push_back(
      avro_field("existing_rows_count", "long", id::manifest_file::existing_rows_count, opt));
  f.push_back(avro_field("deleted_rows_count", "long", id::manifest_file::deleted_rows_count, opt));
  if (v >= 2)
    f.push_back(avro_field("partitions", partitions, id::manifest_file::partitions, true));
  f.push_back(avro_field("key_metadata", "bytes", id::manifest_file::key_metadata, true));
  if (v >= 3)
    f.push_back(avro_field("first_row_id", "long", id::manifest_file::first_row_id, true));
  ordered_json root = ordered_json::object();
  root["type"] = "record";
  root["name"] = "manifest_file";
  root["fields"] = std::move(f);
  return root;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
