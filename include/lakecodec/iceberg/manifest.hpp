#pragma once
// Iceberg manifests and manifest lists (spec "Manifests", "Manifest Lists", Appendix A "Avro"):
// the v1/v2/v3 Avro schemas with Java's field ids, record names (manifest_entry, r2, r102,
// k117_v118, manifest_file, r508) and optional ["null", T] unions; a streaming manifest writer
// that tracks counts and partition field summaries; a manifest list writer that assigns v3
// first_row_id; and readers for both that resolve fields by field id, so files from Java,
// Spark, pyiceberg and DuckDB (whose field names and orders differ) all decode.

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/partition_json.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/iceberg/value_json.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

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
  const int32_t v = format_version;
  LAKECODEC_ASSIGN_OR_RETURN(ordered_json part, detail::avro_partition_record(partition_type));
  ordered_json df = ordered_json::array();
  if (v >= 2) df.push_back(avro_field("content", "int", 134, false));
  df.push_back(avro_field("file_path", "string", 100, false));
  df.push_back(avro_field("file_format", "string", 101, false));
  df.push_back(avro_field("partition", std::move(part), 102, false));
  df.push_back(avro_field("record_count", "long", 103, false));
  df.push_back(avro_field("file_size_in_bytes", "long", 104, false));
  if (v == 1) df.push_back(avro_field("block_size_in_bytes", "long", 105, false));
  df.push_back(avro_field("column_sizes", detail::avro_int_map(117, 118, "long"), 108, true));
  df.push_back(avro_field("value_counts", detail::avro_int_map(119, 120, "long"), 109, true));
  df.push_back(avro_field("null_value_counts", detail::avro_int_map(121, 122, "long"), 110, true));
  df.push_back(avro_field("nan_value_counts", detail::avro_int_map(138, 139, "long"), 137, true));
  df.push_back(avro_field("lower_bounds", detail::avro_int_map(126, 127, "bytes"), 125, true));
  df.push_back(avro_field("upper_bounds", detail::avro_int_map(129, 130, "bytes"), 128, true));
  df.push_back(avro_field("key_metadata", "bytes", 131, true));
  df.push_back(avro_field("split_offsets", detail::avro_array("long", 133), 132, true));
  if (v >= 2) df.push_back(avro_field("equality_ids", detail::avro_array("int", 136), 135, true));
  df.push_back(avro_field("sort_order_id", "int", 140, true));
  if (v >= 3) df.push_back(avro_field("first_row_id", "long", 142, true));
  if (v >= 2) df.push_back(avro_field("referenced_data_file", "string", 143, true));
  if (v >= 3) {
    df.push_back(avro_field("content_offset", "long", 144, true));
    df.push_back(avro_field("content_size_in_bytes", "long", 145, true));
  }
  ordered_json r2 = ordered_json::object();
  r2["type"] = "record";
  r2["name"] = "r2";
  r2["fields"] = std::move(df);
  ordered_json fields = ordered_json::array();
  fields.push_back(avro_field("status", "int", 0, false));
  fields.push_back(avro_field("snapshot_id", "long", 1, true));
  if (v >= 2) {
    fields.push_back(avro_field("sequence_number", "long", 3, true));
    fields.push_back(avro_field("file_sequence_number", "long", 4, true));
  }
  fields.push_back(avro_field("data_file", std::move(r2), 2, false));
  ordered_json root = ordered_json::object();
  root["type"] = "record";
  root["name"] = "manifest_entry";
  root["fields"] = std::move(fields);
  return root;
}

/// The Avro schema JSON of manifest_file (manifest list entries) for `format_version`.
inline ordered_json manifest_file_avro_schema(int32_t format_version) {
  using detail::avro_field;
  const int32_t v = format_version;
  ordered_json summary = ordered_json::object();
  summary["type"] = "record";
  summary["name"] = "r508";
  summary["fields"] = ordered_json::array({avro_field("contains_null", "boolean", 509, false),
                                           avro_field("contains_nan", "boolean", 518, true),
                                           avro_field("lower_bound", "bytes", 510, true),
                                           avro_field("upper_bound", "bytes", 511, true)});
  ordered_json partitions = ordered_json::object();
  partitions["type"] = "array";
  partitions["items"] = std::move(summary);
  partitions["element-id"] = 508;
  ordered_json f = ordered_json::array();
  f.push_back(avro_field("manifest_path", "string", 500, false));
  f.push_back(avro_field("manifest_length", "long", 501, false));
  f.push_back(avro_field("partition_spec_id", "int", 502, false));
  if (v >= 2) {
    f.push_back(avro_field("content", "int", 517, false));
    f.push_back(avro_field("sequence_number", "long", 515, false));
    f.push_back(avro_field("min_sequence_number", "long", 516, false));
  }
  f.push_back(avro_field("added_snapshot_id", "long", 503, false));
  const bool opt = v == 1;
  f.push_back(avro_field("added_files_count", "int", 504, opt));
  f.push_back(avro_field("existing_files_count", "int", 505, opt));
  f.push_back(avro_field("deleted_files_count", "int", 506, opt));
  if (v == 1) f.push_back(avro_field("partitions", partitions, 507, true));
  f.push_back(avro_field("added_rows_count", "long", 512, opt));
  f.push_back(avro_field("existing_rows_count", "long", 513, opt));
  f.push_back(avro_field("deleted_rows_count", "long", 514, opt));
  if (v >= 2) f.push_back(avro_field("partitions", partitions, 507, true));
  f.push_back(avro_field("key_metadata", "bytes", 519, true));
  if (v >= 3) f.push_back(avro_field("first_row_id", "long", 520, true));
  ordered_json root = ordered_json::object();
  root["type"] = "record";
  root["name"] = "manifest_file";
  root["fields"] = std::move(f);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Writing.

namespace detail {
inline void write_opt_long(avro::encoder& e, const std::optional<int64_t>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_long(*v);
}
inline void write_opt_int(avro::encoder& e, const std::optional<int32_t>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_int(*v);
}
inline void write_opt_bytes(avro::encoder& e, const std::optional<std::string>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_bytes(*v);
}
inline void write_opt_count_map(avro::encoder& e, const std::optional<id_count_map>& m) {
  e.write_union_index(m ? 1 : 0);
  if (!m) return;
  if (!m->empty()) {
    e.write_block_count(static_cast<int64_t>(m->size()));
    for (const auto& kv : *m) {
      e.write_int(kv.first);
      e.write_long(kv.second);
    }
  }
  e.write_block_end();
}
inline void write_opt_bytes_map(avro::encoder& e, const std::optional<id_bytes_map>& m) {
  e.write_union_index(m ? 1 : 0);
  if (!m) return;
  if (!m->empty()) {
    e.write_block_count(static_cast<int64_t>(m->size()));
    for (const auto& kv : *m) {
      e.write_int(kv.first);
      e.write_bytes(kv.second);
    }
  }
  e.write_block_end();
}
template <class T>
void write_opt_array(avro::encoder& e, const std::optional<std::vector<T>>& a) {
  e.write_union_index(a ? 1 : 0);
  if (!a) return;
  if (!a->empty()) {
    e.write_block_count(static_cast<int64_t>(a->size()));
    for (T x : *a) e.write_long(x);
  }
  e.write_block_end();
}

/// Writes a non-null partition literal in the Avro form of its Iceberg type.
inline status write_partition_value(avro::encoder& e, const type& t, const literal& v) {
  switch (t.kind) {
    case type_kind::boolean: e.write_boolean(v.i != 0); return {};
    case type_kind::int_:
    case type_kind::date: e.write_int(static_cast<int32_t>(v.i)); return {};
    case type_kind::long_:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: e.write_long(v.i); return {};
    case type_kind::float_: e.write_float(static_cast<float>(v.d)); return {};
    case type_kind::double_: e.write_double(v.d); return {};
    case type_kind::string:
    case type_kind::binary: e.write_bytes(v.bytes); return {};
    case type_kind::uuid:
    case type_kind::fixed: {
      const size_t want = t.kind == type_kind::uuid ? 16 : static_cast<size_t>(t.length);
      if (v.bytes.size() != want)
        return invalid_argument("iceberg: partition value of " + type_to_string(t) + " has " +
                                std::to_string(v.bytes.size()) + " bytes");
      e.write_fixed(v.bytes.data(), want);
      return {};
    }
    case type_kind::decimal: {
      const int32_t n = decimal_required_bytes(t.precision);
      uint8_t full[16];
      unsigned __int128 u = static_cast<unsigned __int128>(v.dec);
      for (int k = 15; k >= 0; --k) {
        full[k] = static_cast<uint8_t>(u & 0xff);
        u >>= 8;
      }
      e.write_fixed(full + 16 - n, static_cast<size_t>(n));
      return {};
    }
    default: return unsupported("iceberg: cannot write partition value of " + type_to_string(t));
  }
}

/// Three-way comparison of two non-null literals of type `t` (unsigned bytes for binary).
inline int compare_literals(const type& t, const literal& a, const literal& b) {
  switch (storage_of(t.kind)) {
    case value_storage::integer: return a.i < b.i ? -1 : a.i > b.i;
    case value_storage::floating: return a.d < b.d ? -1 : a.d > b.d;
    case value_storage::decimal: return a.dec < b.dec ? -1 : a.dec > b.dec;
    case value_storage::bytes: {
      const int c = a.bytes.compare(b.bytes);
      return c < 0 ? -1 : c > 0;
    }
    default: return 0;
  }
}

/// Accumulates one partition field's summary (spec "Manifest Lists": r508).
struct summary_builder {
  type t;
  bool contains_null = false;
  bool contains_nan = false;
  bool has_bounds = false;
  literal lower, upper;

  void add(const literal& v) {
    if (v.is_null) {
      contains_null = true;
      return;
    }
    if (storage_of(t.kind) == value_storage::floating && std::isnan(v.d)) {
      contains_nan = true;
      return;
    }
    if (!has_bounds) {
      lower = upper = v;
      has_bounds = true;
      return;
    }
    if (compare_literals(t, v, lower) < 0) lower = v;
    if (compare_literals(t, v, upper) > 0) upper = v;
  }
  field_summary finish() const {
    field_summary s;
    s.contains_null = contains_null;
    if (t.kind == type_kind::float_ || t.kind == type_kind::double_) s.contains_nan = contains_nan;
    if (has_bounds) {
      auto lo = to_bytes(t, lower);
      auto hi = to_bytes(t, upper);
      if (lo && hi) {
        s.lower_bound = std::move(lo).value();
        s.upper_bound = std::move(hi).value();
      }
    }
    return s;
  }
};
}  // namespace detail

/// What a manifest is written for.
struct manifest_writer_options {
  int32_t format_version = 2;
  iceberg::schema schema;  // the table schema (header key "schema")
  partition_spec spec;     // the partition spec (header "partition-spec" + id)
  manifest_content content = manifest_content::data;
  int64_t snapshot_id = 0;  // added_snapshot_id of the resulting manifest_file
  /// Data sequence number the manifest list will record for this manifest (v2+); entries with
  /// explicit sequence numbers lower the min_sequence_number.
  int64_t sequence_number = 0;
  std::string manifest_path;  // recorded in the resulting manifest_file
  avro::codec codec = avro::codec::deflate;
  int level = -1;
  /// The partition tuple type to write instead of partition_type(spec, schema), e.g. when
  /// re-encoding a manifest read with read_manifest (whose partition_type comes from the file).
  std::optional<type> partition_type;
};

/// Streams manifest entries into an Avro container file. Header keys: schema, schema-id,
/// partition-spec (fields array), partition-spec-id, format-version and, for v2+, content
/// ("data"/"deletes"), exactly as the spec lists them. close() returns the manifest_file entry
/// for the manifest list (counts, partition summaries, length).
class manifest_writer {
 public:
  static result<manifest_writer> open(output_sink& sink, manifest_writer_options options) {
    if (options.format_version < 1 || options.format_version > 3)
      return unsupported("iceberg: cannot write manifests of format version " +
                         std::to_string(options.format_version));
    if (options.format_version == 1 && options.content != manifest_content::data)
      return invalid_argument("iceberg: v1 manifests cannot hold delete files");
    manifest_writer w;
    if (options.partition_type) {
      w.partition_type_ = *options.partition_type;
    } else {
      LAKECODEC_ASSIGN_OR_RETURN(w.partition_type_,
                                 iceberg::partition_type(options.spec, options.schema));
    }
    LAKECODEC_ASSIGN_OR_RETURN(
        ordered_json sj, manifest_entry_avro_schema(options.format_version, w.partition_type_));
    LAKECODEC_ASSIGN_OR_RETURN(avro::schema as, avro::schema::parse(detail::dump_json(sj)));
    avro::writer_options wo;
    wo.codec = options.codec;
    wo.level = options.level;
    wo.metadata = {
        {"schema", detail::dump_json(schema_to_json(options.schema))},
        {"schema-id", std::to_string(options.schema.schema_id)},
        {"partition-spec", detail::dump_json(partition_fields_to_json(options.spec))},
        {"partition-spec-id", std::to_string(options.spec.spec_id)},
        {"format-version", std::to_string(options.format_version)},
    };
    if (options.format_version >= 2)
      wo.metadata.emplace_back("content",
                               options.content == manifest_content::data ? "data" : "deletes");
    w.start_ = sink.position();
    w.sink_ = &sink;
    LAKECODEC_ASSIGN_OR_RETURN(avro::container_writer cw,
                               avro::container_writer::open(sink, as, std::move(wo)));
    w.writer_ = std::make_unique<avro::container_writer>(std::move(cw));
    for (const nested_field& f : w.partition_type_.fields) {
      detail::summary_builder sb;
      sb.t = f.type;
      w.summaries_.push_back(std::move(sb));
    }
    w.min_sequence_number_ = options.sequence_number;
    w.options_ = std::move(options);
    return w;
  }

  manifest_writer(manifest_writer&&) noexcept = default;
  manifest_writer& operator=(manifest_writer&&) noexcept = default;

  /// The partition tuple type entries must match.
  const type& partition_type() const noexcept { return partition_type_; }

  /// Encodes one entry. invalid_argument when the partition tuple does not match the spec or
  /// a field is not allowed in this format version (the entry is then not written).
  status add(const manifest_entry& e) {
    const data_file& f = e.data_file;
    const int32_t v = options_.format_version;
    if (f.partition.size() != partition_type_.fields.size())
      return invalid_argument(
          "iceberg: data file '" + f.file_path + "' has " + std::to_string(f.partition.size()) +
          " partition values, the spec has " + std::to_string(partition_type_.fields.size()));
    if (v == 1 && f.content != file_content::data)
      return invalid_argument("iceberg: v1 manifests hold only data files");
    avro::encoder& enc = writer_->record_encoder();
    const size_t mark = enc.buffer().size();
    enc.write_int(static_cast<int32_t>(e.status));
    detail::write_opt_long(enc, e.snapshot_id);
    if (v >= 2) {
      detail::write_opt_long(enc, e.sequence_number);
      detail::write_opt_long(enc, e.file_sequence_number);
    }
    if (v >= 2) enc.write_int(static_cast<int32_t>(f.content));
    enc.write_string(f.file_path);
    enc.write_string(f.file_format);
    for (size_t i = 0; i < f.partition.size(); ++i) {
      const literal& pv = f.partition[i];
      enc.write_union_index(pv.is_null ? 0 : 1);
      if (!pv.is_null) {
        status st = detail::write_partition_value(enc, partition_type_.fields[i].type, pv);
        if (!st.ok()) {
          enc.buffer().resize(mark);
          return st;
        }
      }
    }
    enc.write_long(f.record_count);
    enc.write_long(f.file_size_in_bytes);
    if (v == 1) enc.write_long(67108864);  // block_size_in_bytes, Java's V1 default
    detail::write_opt_count_map(enc, f.column_sizes);
    detail::write_opt_count_map(enc, f.value_counts);
    detail::write_opt_count_map(enc, f.null_value_counts);
    detail::write_opt_count_map(enc, f.nan_value_counts);
    detail::write_opt_bytes_map(enc, f.lower_bounds);
    detail::write_opt_bytes_map(enc, f.upper_bounds);
    detail::write_opt_bytes(enc, f.key_metadata);
    detail::write_opt_array(enc, f.split_offsets);
    if (v >= 2) detail::write_opt_array(enc, f.equality_ids);
    detail::write_opt_int(enc, f.sort_order_id);
    if (v >= 3) detail::write_opt_long(enc, f.first_row_id);
    if (v >= 2) {
      detail::write_opt_bytes(enc, f.referenced_data_file);
    }
    if (v >= 3) {
      detail::write_opt_long(enc, f.content_offset);
      detail::write_opt_long(enc, f.content_size_in_bytes);
    }
    count(e);
    return writer_->end_record();
  }

  /// Flushes the last block and returns the manifest list entry describing this manifest.
  result<manifest_file> close() {
    LAKECODEC_TRY(writer_->close());
    manifest_file m;
    m.manifest_path = options_.manifest_path;
    m.manifest_length = static_cast<int64_t>(sink_->position() - start_);
    m.partition_spec_id = options_.spec.spec_id;
    m.content = options_.content;
    m.sequence_number = options_.sequence_number;
    m.min_sequence_number = min_sequence_number_;
    m.added_snapshot_id = options_.snapshot_id;
    m.added_files_count = added_files_;
    m.existing_files_count = existing_files_;
    m.deleted_files_count = deleted_files_;
    m.added_rows_count = added_rows_;
    m.existing_rows_count = existing_rows_;
    m.deleted_rows_count = deleted_rows_;
    std::vector<field_summary> parts;
    for (const auto& s : summaries_) parts.push_back(s.finish());
    m.partitions = std::move(parts);
    return m;
  }

 private:
  manifest_writer() = default;

  void count(const manifest_entry& e) {
    const int64_t rows = e.data_file.record_count;
    switch (e.status) {
      case entry_status::added:
        ++added_files_;
        added_rows_ += rows;
        break;
      case entry_status::existing:
        ++existing_files_;
        existing_rows_ += rows;
        break;
      case entry_status::deleted:
        ++deleted_files_;
        deleted_rows_ += rows;
        break;
    }
    if (e.status != entry_status::deleted && e.sequence_number &&
        *e.sequence_number < min_sequence_number_)
      min_sequence_number_ = *e.sequence_number;
    for (size_t i = 0; i < summaries_.size(); ++i) summaries_[i].add(e.data_file.partition[i]);
  }

  manifest_writer_options options_;
  type partition_type_;
  output_sink* sink_ = nullptr;
  uint64_t start_ = 0;
  std::unique_ptr<avro::container_writer> writer_;
  std::vector<detail::summary_builder> summaries_;
  int32_t added_files_ = 0, existing_files_ = 0, deleted_files_ = 0;
  int64_t added_rows_ = 0, existing_rows_ = 0, deleted_rows_ = 0;
  int64_t min_sequence_number_ = 0;
};

/// What a manifest list is written for (header keys snapshot-id, parent-snapshot-id ("null"
/// when none, as Java writes), sequence-number (v2+), first-row-id (v3), format-version).
struct manifest_list_options {
  int32_t format_version = 2;
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  int64_t sequence_number = 0;
  int64_t first_row_id = 0;  // v3: the table's next-row-id at commit
  avro::codec codec = avro::codec::deflate;
  int level = -1;
};

/// Streams manifest_file entries into a manifest list. In v3, data manifests without a
/// first_row_id get the running row id (spec "First Row ID Assignment"); next_row_id() is then
/// the table's new next-row-id.
class manifest_list_writer {
 public:
  static result<manifest_list_writer> open(output_sink& sink, manifest_list_options options) {
    if (options.format_version < 1 || options.format_version > 3)
      return unsupported("iceberg: cannot write manifest lists of format version " +
                         std::to_string(options.format_version));
    LAKECODEC_ASSIGN_OR_RETURN(
        avro::schema as,
        avro::schema::parse(detail::dump_json(manifest_file_avro_schema(options.format_version))));
    avro::writer_options wo;
    wo.codec = options.codec;
    wo.level = options.level;
    wo.metadata.emplace_back("snapshot-id", std::to_string(options.snapshot_id));
    wo.metadata.emplace_back("parent-snapshot-id", options.parent_snapshot_id
                                                       ? std::to_string(*options.parent_snapshot_id)
                                                       : std::string("null"));
    if (options.format_version >= 2)
      wo.metadata.emplace_back("sequence-number", std::to_string(options.sequence_number));
    if (options.format_version >= 3)
      wo.metadata.emplace_back("first-row-id", std::to_string(options.first_row_id));
    wo.metadata.emplace_back("format-version", std::to_string(options.format_version));
    manifest_list_writer w;
    LAKECODEC_ASSIGN_OR_RETURN(avro::container_writer cw,
                               avro::container_writer::open(sink, as, std::move(wo)));
    w.writer_ = std::make_unique<avro::container_writer>(std::move(cw));
    w.next_row_id_ = options.first_row_id;
    w.options_ = std::move(options);
    return w;
  }

  manifest_list_writer(manifest_list_writer&&) noexcept = default;
  manifest_list_writer& operator=(manifest_list_writer&&) noexcept = default;

  /// Encodes one manifest_file (v2+ need the counts; missing ones are written as 0).
  status add(manifest_file m) {
    const int32_t v = options_.format_version;
    if (v >= 3 && m.content == manifest_content::data && !m.first_row_id) {
      m.first_row_id = next_row_id_;
      next_row_id_ += m.added_rows_count.value_or(0) + m.existing_rows_count.value_or(0);
    }
    if (m.content == manifest_content::deletes) m.first_row_id.reset();
    avro::encoder& e = writer_->record_encoder();
    e.write_string(m.manifest_path);
    e.write_long(m.manifest_length);
    e.write_int(m.partition_spec_id);
    if (v >= 2) {
      e.write_int(static_cast<int32_t>(m.content));
      e.write_long(m.sequence_number);
      e.write_long(m.min_sequence_number);
    }
    e.write_long(m.added_snapshot_id);
    auto count32 = [&](const std::optional<int32_t>& c) {
      if (v == 1)
        detail::write_opt_int(e, c);
      else
        e.write_int(c.value_or(0));
    };
    auto count64 = [&](const std::optional<int64_t>& c) {
      if (v == 1)
        detail::write_opt_long(e, c);
      else
        e.write_long(c.value_or(0));
    };
    count32(m.added_files_count);
    count32(m.existing_files_count);
    count32(m.deleted_files_count);
    if (v == 1) write_partitions(e, m.partitions);
    count64(m.added_rows_count);
    count64(m.existing_rows_count);
    count64(m.deleted_rows_count);
    if (v >= 2) write_partitions(e, m.partitions);
    detail::write_opt_bytes(e, m.key_metadata);
    if (v >= 3) detail::write_opt_long(e, m.first_row_id);
    return writer_->end_record();
  }

  /// v3: the row id after every data manifest added so far (the table's next-row-id).
  int64_t next_row_id() const noexcept { return next_row_id_; }

  status close() { return writer_->close(); }

 private:
  manifest_list_writer() = default;
  static void write_partitions(avro::encoder& e,
                               const std::optional<std::vector<field_summary>>& p) {
    e.write_union_index(p ? 1 : 0);
    if (!p) return;
    if (!p->empty()) {
      e.write_block_count(static_cast<int64_t>(p->size()));
      for (const field_summary& s : *p) {
        e.write_boolean(s.contains_null);
        e.write_union_index(s.contains_nan ? 1 : 0);
        if (s.contains_nan) e.write_boolean(*s.contains_nan);
        detail::write_opt_bytes(e, s.lower_bound);
        detail::write_opt_bytes(e, s.upper_bound);
      }
    }
    e.write_block_end();
  }

  manifest_list_options options_;
  std::unique_ptr<avro::container_writer> writer_;
  int64_t next_row_id_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Reading (by field id).

namespace detail {
inline const avro::node& unwrap_optional(const avro::node& n) {
  if (n.type == avro::type::union_)
    for (const avro::node* b : n.branches)
      if (b->type != avro::type::null) return *b;
  return n;
}
inline int32_t avro_field_id(const avro::record_field& f) {
  const avro::json_value* id = f.attribute("field-id");
  return id && id->is_integer() ? static_cast<int32_t>(id->as_int()) : -1;
}
/// Position of the field carrying Iceberg `id` in record `rec`, or -1.
inline int id_pos(const avro::node& rec, int32_t id) {
  for (size_t i = 0; i < rec.fields.size(); ++i)
    if (avro_field_id(rec.fields[i]) == id) return static_cast<int>(i);
  return -1;
}

/// The Iceberg type a partition field was written with, from its Avro schema and logical type.
inline result<type> iceberg_type_of_avro(const avro::node& n0) {
  const avro::node& n = unwrap_optional(n0);
  auto adjusted = [&]() {
    const avro::json_value* a = n.attribute("adjust-to-utc");
    return a && a->is_bool() && a->as_bool();
  };
  switch (n.type) {
    case avro::type::boolean: return types::boolean();
    case avro::type::int_:
      return n.logical == avro::logical_type::date ? types::date() : types::int_();
    case avro::type::long_:
      switch (n.logical) {
        case avro::logical_type::time_micros: return types::time();
        case avro::logical_type::timestamp_micros:
          return adjusted() ? types::timestamptz() : types::timestamp();
        case avro::logical_type::local_timestamp_micros: return types::timestamp();
        case avro::logical_type::timestamp_nanos:
          return adjusted() ? types::timestamptz_ns() : types::timestamp_ns();
        case avro::logical_type::local_timestamp_nanos: return types::timestamp_ns();
        default: return types::long_();
      }
    case avro::type::float_: return types::float_();
    case avro::type::double_: return types::double_();
    case avro::type::string:
      return n.logical == avro::logical_type::uuid ? types::uuid() : types::string();
    case avro::type::bytes:
      if (n.logical == avro::logical_type::decimal) return types::decimal(n.precision, n.scale);
      return types::binary();
    case avro::type::fixed:
      if (n.logical == avro::logical_type::decimal) return types::decimal(n.precision, n.scale);
      if (n.logical == avro::logical_type::uuid || (n.size == 16 && n.name == "uuid_fixed"))
        return types::uuid();
      return types::fixed(static_cast<int32_t>(n.size));
    default:
      return corrupt_data(std::string("iceberg: partition field of Avro type ") +
                          avro::type_name(n.type) + " has no Iceberg equivalent");
  }
}

/// Field ids of a manifest's writer schema, computed once per file for the typed decoder.
struct entry_plan {
  const avro::node* root = nullptr;
  const avro::node* df = nullptr;
  std::vector<int32_t> root_ids;
  std::vector<int32_t> df_ids;
  const type* partition_type = nullptr;
};

/// Reads a union index when `n` is a union; the branch to decode, or nullptr for null.
inline const avro::node* read_branch(const avro::node& n, avro::decoder& d) {
  if (n.type != avro::type::union_) return n.type == avro::type::null ? nullptr : &n;
  const int32_t idx = d.read_union_index(n.branches.size());
  if (!d.ok()) return nullptr;
  const avro::node* b = n.branches[static_cast<size_t>(idx)];
  return b->type == avro::type::null ? nullptr : b;
}
inline std::optional<int64_t> read_opt_integral(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type == avro::type::int_ || b->type == avro::type::long_) return d.read_long();
  (void)avro::skip(*b, d);
  return std::nullopt;
}
inline std::optional<std::string_view> read_opt_text(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type == avro::type::string || b->type == avro::type::bytes) return d.read_bytes();
  if (b->type == avro::type::fixed) return d.read_fixed(static_cast<size_t>(b->size));
  (void)avro::skip(*b, d);
  return std::nullopt;
}

/// One partition value of Iceberg type `t` written with Avro schema `n`.
inline literal read_partition_value(const type& t, const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return literal::null();
  switch (b->type) {
    case avro::type::boolean: return literal::of_int(d.read_boolean());
    case avro::type::int_:
    case avro::type::long_: return literal::of_int(d.read_long());
    case avro::type::float_: return literal::of_double(d.read_float());
    case avro::type::double_: return literal::of_double(d.read_double());
    case avro::type::string:
    case avro::type::bytes:
    case avro::type::fixed: {
      const std::string_view v = b->type == avro::type::fixed
                                     ? d.read_fixed(static_cast<size_t>(b->size))
                                     : d.read_bytes();
      if (t.kind == type_kind::decimal)
        return literal::of_decimal(v.size() <= 16 ? from_be_bytes(v) : 0);
      if (t.kind == type_kind::uuid && b->type == avro::type::string) {
        auto u = parse_uuid(v);
        return u ? literal::of_bytes(*u) : literal::null();
      }
      return literal::of_bytes(v);
    }
    default: (void)avro::skip(*b, d); return literal::null();
  }
}

/// The `format-version` header value: 1, 2 or 3 (Iceberg spec "Format Versioning"); anything
/// else, including garbage and out-of-range numbers, is corrupt_data.
inline result<int> parse_format_version(const std::string& text, const char* what) {
  auto v = json::parse_int32(text, std::string("iceberg: ") + what + " format-version");
  if (!v.has_value()) return corrupt_data(v.error().message());
  if (*v < 1 || *v > 3)
    return corrupt_data(std::string("iceberg: ") + what + " format-version " + text +
                        " is not 1, 2 or 3");
  return static_cast<int>(*v);
}

/// An int-keyed map written as an array of key/value records (Iceberg's form) or as an Avro
/// map with string keys.
template <class V, class F>
std::optional<std::vector<std::pair<int32_t, V>>> read_id_map(const avro::node& n, avro::decoder& d,
                                                              F&& conv) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  std::vector<std::pair<int32_t, V>> out;
  if (b->type == avro::type::map && b->values) {
    for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1)) {
      for (int64_t i = 0; i < c && d.ok(); ++i) {
        const std::string_view key = d.read_bytes();
        if (!d.ok()) break;
        auto id = json::parse_int32(key, "iceberg: metrics map key (a field id)");
        if (!id.has_value()) {
          d.fail(corrupt_data(id.error().message(), d.offset()));
          break;
        }
        out.emplace_back(*id, conv(*b->values, d));
      }
    }
    return out;
  }
  if (b->type != avro::type::array || b->items == nullptr) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  const avro::node& rec = unwrap_optional(*b->items);
  if (rec.type != avro::type::record) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  const int kp = rec.field_index("key"), vp = rec.field_index("value");
  for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1)) {
    if (out.empty()) out.reserve(static_cast<size_t>(c));  // growing per block would be quadratic
    for (int64_t i = 0; i < c && d.ok(); ++i) {
      if (b->items->type == avro::type::union_ && read_branch(*b->items, d) == nullptr) continue;
      int32_t key = 0;
      V value{};
      for (int f = 0; f < static_cast<int>(rec.fields.size()); ++f) {
        const avro::node& ft = *rec.fields[static_cast<size_t>(f)].type;
        if (f == kp)
          key = static_cast<int32_t>(read_opt_integral(ft, d).value_or(0));
        else if (f == vp)
          value = conv(ft, d);
        else
          (void)avro::skip(ft, d);
      }
      out.emplace_back(key, std::move(value));
    }
  }
  return out;
}
inline int64_t conv_count(const avro::node& n, avro::decoder& d) {
  return read_opt_integral(n, d).value_or(0);
}
inline std::string conv_bytes(const avro::node& n, avro::decoder& d) {
  auto v = read_opt_text(n, d);
  return v ? std::string(*v) : std::string();
}
template <class T>
std::optional<std::vector<T>> read_long_array(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type != avro::type::array || b->items == nullptr) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  std::vector<T> out;
  for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1))
    for (int64_t i = 0; i < c && d.ok(); ++i)
      out.push_back(static_cast<T>(read_opt_integral(*b->items, d).value_or(0)));
  return out;
}

inline status read_data_file(const entry_plan& p, const avro::node& df, avro::decoder& d,
                             data_file& f) {
  for (size_t i = 0; i < df.fields.size() && d.ok(); ++i) {
    const avro::node& t = *df.fields[i].type;
    switch (p.df_ids[i]) {
      case 134: {
        const int64_t c = read_opt_integral(t, d).value_or(0);
        if (c < 0 || c > 2)
          return corrupt_data(
              "iceberg: data file content " + std::to_string(c) + " is not 0, 1 or 2", d.offset());
        f.content = static_cast<file_content>(c);
        break;
      }
      case 100: f.file_path = std::string(read_opt_text(t, d).value_or("")); break;
      case 101: f.file_format = std::string(read_opt_text(t, d).value_or("")); break;
      case 102: {
        const avro::node* pr = read_branch(t, d);
        if (pr == nullptr) break;
        if (pr->type != avro::type::record)
          return corrupt_data("iceberg: partition is not a record");
        f.partition.reserve(pr->fields.size());
        for (size_t k = 0; k < pr->fields.size(); ++k)
          f.partition.push_back(
              read_partition_value(p.partition_type->fields[k].type, *pr->fields[k].type, d));
        break;
      }
      case 103: f.record_count = read_opt_integral(t, d).value_or(0); break;
      case 104: f.file_size_in_bytes = read_opt_integral(t, d).value_or(0); break;
      case 108: f.column_sizes = read_id_map<int64_t>(t, d, conv_count); break;
      case 109: f.value_counts = read_id_map<int64_t>(t, d, conv_count); break;
      case 110: f.null_value_counts = read_id_map<int64_t>(t, d, conv_count); break;
      case 137: f.nan_value_counts = read_id_map<int64_t>(t, d, conv_count); break;
      case 125: f.lower_bounds = read_id_map<std::string>(t, d, conv_bytes); break;
      case 128: f.upper_bounds = read_id_map<std::string>(t, d, conv_bytes); break;
      case 131:
        if (auto v = read_opt_text(t, d)) f.key_metadata = std::string(*v);
        break;
      case 132: f.split_offsets = read_long_array<int64_t>(t, d); break;
      case 135: f.equality_ids = read_long_array<int32_t>(t, d); break;
      case 140:
        if (auto v = read_opt_integral(t, d)) f.sort_order_id = static_cast<int32_t>(*v);
        break;
      case 142: f.first_row_id = read_opt_integral(t, d); break;
      case 143:
        if (auto v = read_opt_text(t, d)) f.referenced_data_file = std::string(*v);
        break;
      case 144: f.content_offset = read_opt_integral(t, d); break;
      case 145: f.content_size_in_bytes = read_opt_integral(t, d); break;
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

inline status read_entry(const entry_plan& p, avro::decoder& d, manifest_entry& e) {
  for (size_t i = 0; i < p.root->fields.size() && d.ok(); ++i) {
    const avro::node& t = *p.root->fields[i].type;
    switch (p.root_ids[i]) {
      case 0: {
        const int64_t st = read_opt_integral(t, d).value_or(-1);
        if (!d.ok()) break;
        if (st < 0 || st > 2)
          return corrupt_data(
              "iceberg: manifest entry status " + std::to_string(st) + " is not 0, 1 or 2",
              d.offset());
        e.status = static_cast<entry_status>(st);
        break;
      }
      case 1: e.snapshot_id = read_opt_integral(t, d); break;
      case 3: e.sequence_number = read_opt_integral(t, d); break;
      case 4: e.file_sequence_number = read_opt_integral(t, d); break;
      case 2: {
        const avro::node* df = read_branch(t, d);
        if (!d.ok()) break;
        if (df == nullptr)
          return corrupt_data("iceberg: manifest entry has a null data_file", d.offset());
        LAKECODEC_TRY(read_data_file(p, *df, d, e.data_file));
        break;
      }
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

/// A decoded Avro value of Iceberg type `t` as a literal.
inline result<literal> literal_of_avro(const type& t, const avro::value& v0) {
  const avro::value& v = v0.unwrapped();
  if (v.is_null()) return literal::null();
  switch (t.kind) {
    case type_kind::boolean: return literal::of_int(v.as_bool());
    case type_kind::float_: return literal::of_double(v.as_float());
    case type_kind::double_: return literal::of_double(v.as_double());
    case type_kind::decimal: return literal::of_decimal(from_be_bytes(v.as_bytes()));
    case type_kind::uuid:
      if (v.kind() == avro::type::string) {
        LAKECODEC_ASSIGN_OR_RETURN(std::string b, parse_uuid(v.as_string()));
        return literal::of_bytes(b);
      }
      return literal::of_bytes(v.as_bytes());
    case type_kind::string:
    case type_kind::binary:
    case type_kind::fixed: return literal::of_bytes(v.as_bytes());
    default: return literal::of_int(v.as_long());
  }
}

inline std::optional<int64_t> opt_long(const avro::value& rec, int pos) {
  if (pos < 0) return std::nullopt;
  const avro::value& v = rec.field(static_cast<size_t>(pos)).unwrapped();
  if (v.is_null()) return std::nullopt;
  return v.as_long();
}
inline std::optional<std::string> opt_bytes(const avro::value& rec, int pos) {
  if (pos < 0) return std::nullopt;
  const avro::value& v = rec.field(static_cast<size_t>(pos)).unwrapped();
  if (v.is_null()) return std::nullopt;
  return std::string(v.as_bytes());
}
template <class T>
std::optional<std::vector<T>> opt_array_of(const avro::value& rec, int pos) {
  if (pos < 0) return std::nullopt;
  const avro::value& v = rec.field(static_cast<size_t>(pos)).unwrapped();
  if (v.is_null()) return std::nullopt;
  std::vector<T> out;
  for (const avro::value& x : v.items()) out.push_back(static_cast<T>(x.unwrapped().as_long()));
  return out;
}
}  // namespace detail

/// A decoded manifest: the header keys, the partition tuple type (from the Avro schema), and
/// the entries.
struct manifest {
  int32_t format_version = 1;
  manifest_content content = manifest_content::data;
  std::vector<std::pair<std::string, std::string>> metadata;  // header, avro.* included
  type partition_type;
  std::vector<manifest_entry> entries;
};

/// Decodes a manifest file held in memory. Fields are found by Iceberg field id (names and
/// orders of older writers differ); missing optional fields read as absent. Errors: Avro
/// container errors (truncation, bad codec), corrupt_data when a required field (status 0,
/// data_file 2, file_path 100, record_count 103, ...) is missing.
inline result<manifest> read_manifest(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  manifest out;
  out.metadata = r.metadata();
  if (const std::string* fv = r.metadata("format-version")) {
    LAKECODEC_ASSIGN_OR_RETURN(out.format_version, detail::parse_format_version(*fv, "manifest"));
  }
  if (const std::string* c = r.metadata("content"))
    out.content = *c == "deletes" ? manifest_content::deletes : manifest_content::data;
  const avro::node& root = r.writer_schema().root();
  if (root.type != avro::type::record)
    return corrupt_data("iceberg: manifest schema is not a record");
  const int p_status = detail::id_pos(root, 0), p_seq = detail::id_pos(root, 3),
            p_df = detail::id_pos(root, 2);
  if (p_status < 0 || p_df < 0)
    return corrupt_data(
        "iceberg: manifest schema lacks status (field id 0) or data_file (field id 2)");
  const avro::node& df = detail::unwrap_optional(*root.fields[static_cast<size_t>(p_df)].type);
  if (df.type != avro::type::record)
    return corrupt_data("iceberg: data_file (field id 2) is not a record");
  int pos[146];
  for (int id = 100; id < 146; ++id) pos[id] = detail::id_pos(df, id);
  if (r.metadata("format-version") == nullptr)  // some writers omit it: infer from the fields
    out.format_version = pos[142] >= 0 ? 3 : (pos[134] >= 0 || p_seq >= 0) ? 2 : 1;
  if (pos[100] < 0 || pos[103] < 0 || pos[104] < 0)
    return corrupt_data(
        "iceberg: data_file lacks file_path (100), record_count (103) or file_size_in_bytes (104)");
  std::vector<int> part_pos;
  if (pos[102] >= 0) {
    const avro::node& pr = detail::unwrap_optional(*df.fields[static_cast<size_t>(pos[102])].type);
    if (pr.type != avro::type::record)
      return corrupt_data("iceberg: partition (field id 102) is not a record");
    out.partition_type = types::struct_({});
    for (const avro::record_field& f : pr.fields) {
      LAKECODEC_ASSIGN_OR_RETURN(type t, detail::iceberg_type_of_avro(*f.type));
      std::string name = f.name;
      if (const avro::json_value* orig = f.attribute("iceberg-field-name"))
        if (orig->is_string()) name = orig->as_string();
      out.partition_type.fields.push_back(types::field(detail::avro_field_id(f), name, t));
    }
  } else {
    out.partition_type = types::struct_({});
  }
  detail::entry_plan plan;
  plan.root = &root;
  plan.df = &df;
  for (const auto& f : root.fields) plan.root_ids.push_back(detail::avro_field_id(f));
  for (const auto& f : df.fields) plan.df_ids.push_back(detail::avro_field_id(f));
  plan.partition_type = &out.partition_type;
  avro::block_view block;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next_block(block));
    if (!more) break;
    avro::decoder d(block.data, block.offset, r.input_limits());
    if (static_cast<uint64_t>(block.count) > block.data.size)
      return corrupt_data("iceberg: manifest block claims " + std::to_string(block.count) +
                              " entries in " + std::to_string(block.data.size) + " bytes",
                          block.offset);
    for (int64_t k = 0; k < block.count; ++k) {
      manifest_entry e;
      LAKECODEC_TRY(detail::read_entry(plan, d, e));
      out.entries.push_back(std::move(e));
    }
    if (!d.ok()) return d.error();
    if (!d.at_end())
      return corrupt_data("iceberg: manifest block has " + std::to_string(d.remaining()) +
                              " bytes after its " + std::to_string(block.count) + " entries",
                          d.offset());
  }
  return out;
}

/// A decoded manifest list: header keys and entries.
struct manifest_list {
  int32_t format_version = 1;
  std::vector<std::pair<std::string, std::string>> metadata;
  std::vector<manifest_file> entries;
};

/// Decodes a manifest list held in memory, resolving fields by id (older Java names such as
/// added_data_files_count are accepted).
inline result<manifest_list> read_manifest_list(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  manifest_list out;
  out.metadata = r.metadata();
  if (const std::string* fv = r.metadata("format-version")) {
    LAKECODEC_ASSIGN_OR_RETURN(out.format_version,
                               detail::parse_format_version(*fv, "manifest list"));
  }
  const avro::node& root = r.writer_schema().root();
  if (root.type != avro::type::record)
    return corrupt_data("iceberg: manifest list schema is not a record");
  int pos[521];
  for (int id = 500; id < 521; ++id) pos[id] = detail::id_pos(root, id);
  if (r.metadata("format-version") == nullptr)  // some writers omit it: infer from the fields
    out.format_version = pos[520] >= 0 ? 3 : pos[517] >= 0 ? 2 : 1;
  if (pos[500] < 0 || pos[501] < 0 || pos[502] < 0 || pos[503] < 0)
    return corrupt_data(
        "iceberg: manifest list schema lacks manifest_path (500), manifest_length (501), "
        "partition_spec_id (502) or added_snapshot_id (503)");
  int sp[4] = {-1, -1, -1, -1};
  if (pos[507] >= 0) {
    const avro::node& arr =
        detail::unwrap_optional(*root.fields[static_cast<size_t>(pos[507])].type);
    if (arr.type == avro::type::array && arr.items) {
      const avro::node& s = detail::unwrap_optional(*arr.items);
      if (s.type == avro::type::record) {
        sp[0] = detail::id_pos(s, 509);
        sp[1] = detail::id_pos(s, 518);
        sp[2] = detail::id_pos(s, 510);
        sp[3] = detail::id_pos(s, 511);
      }
    }
  }
  avro::value rec;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next(rec));
    if (!more) break;
    manifest_file m;
    m.manifest_path = rec.field(static_cast<size_t>(pos[500])).unwrapped().as_string();
    m.manifest_length = rec.field(static_cast<size_t>(pos[501])).unwrapped().as_long();
    m.partition_spec_id = rec.field(static_cast<size_t>(pos[502])).unwrapped().as_int();
    if (auto c = detail::opt_long(rec, pos[517]))
      m.content = *c == 1 ? manifest_content::deletes : manifest_content::data;
    m.sequence_number = detail::opt_long(rec, pos[515]).value_or(0);
    m.min_sequence_number = detail::opt_long(rec, pos[516]).value_or(0);
    m.added_snapshot_id = rec.field(static_cast<size_t>(pos[503])).unwrapped().as_long();
    auto i32 = [&](int p) -> std::optional<int32_t> {
      auto v = detail::opt_long(rec, p);
      if (!v) return std::nullopt;
      return static_cast<int32_t>(*v);
    };
    m.added_files_count = i32(pos[504]);
    m.existing_files_count = i32(pos[505]);
    m.deleted_files_count = i32(pos[506]);
    m.added_rows_count = detail::opt_long(rec, pos[512]);
    m.existing_rows_count = detail::opt_long(rec, pos[513]);
    m.deleted_rows_count = detail::opt_long(rec, pos[514]);
    if (pos[507] >= 0) {
      const avro::value& arr = rec.field(static_cast<size_t>(pos[507])).unwrapped();
      if (!arr.is_null()) {
        std::vector<field_summary> parts;
        for (const avro::value& s0 : arr.items()) {
          const avro::value& s = s0.unwrapped();
          field_summary fs;
          if (sp[0] >= 0)
            fs.contains_null = s.field(static_cast<size_t>(sp[0])).unwrapped().as_bool();
          if (sp[1] >= 0) {
            const avro::value& n = s.field(static_cast<size_t>(sp[1])).unwrapped();
            if (!n.is_null()) fs.contains_nan = n.as_bool();
          }
          fs.lower_bound = detail::opt_bytes(s, sp[2]);
          fs.upper_bound = detail::opt_bytes(s, sp[3]);
          parts.push_back(std::move(fs));
        }
        m.partitions = std::move(parts);
      }
    }
    m.key_metadata = detail::opt_bytes(rec, pos[519]);
    m.first_row_id = detail::opt_long(rec, pos[520]);
    out.entries.push_back(std::move(m));
  }
  return out;
}

/// True when an Avro container's schema is a manifest list (it carries field id 500).
inline result<bool> is_manifest_list(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  const avro::node& root = r.writer_schema().root();
  return root.type == avro::type::record && detail::id_pos(root, 500) >= 0;
}

// ---------------------------------------------------------------------------------------------
// JSON views (CLI output, tests).

namespace detail {
template <class M>
ordered_json id_map_json(const std::optional<M>& m, bool hex) {
  if (!m) return nullptr;
  ordered_json o = ordered_json::object();
  for (const auto& kv : *m) {
    if constexpr (std::is_same<typename M::value_type::second_type, std::string>::value)
      o[std::to_string(kv.first)] = hex ? to_hex(kv.second) : kv.second;
    else
      o[std::to_string(kv.first)] = kv.second;
  }
  return o;
}
template <class T>
ordered_json opt_json(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}
}  // namespace detail

/// One manifest entry as JSON: snake_case field names as in the Avro schema; partition values
/// in the JSON single-value form keyed by partition field name; bounds and key metadata as hex.
inline ordered_json manifest_entry_to_json(const manifest_entry& e, const type& partition_type) {
  const data_file& f = e.data_file;
  ordered_json part = ordered_json::object();
  for (size_t i = 0; i < f.partition.size() && i < partition_type.fields.size(); ++i)
    part[partition_type.fields[i].name] =
        literal_to_json(partition_type.fields[i].type, f.partition[i]);
  ordered_json d = ordered_json::object();
  d["content"] = static_cast<int32_t>(f.content);
  d["file_path"] = f.file_path;
  d["file_format"] = f.file_format;
  d["partition"] = std::move(part);
  d["record_count"] = f.record_count;
  d["file_size_in_bytes"] = f.file_size_in_bytes;
  d["column_sizes"] = detail::id_map_json(f.column_sizes, false);
  d["value_counts"] = detail::id_map_json(f.value_counts, false);
  d["null_value_counts"] = detail::id_map_json(f.null_value_counts, false);
  d["nan_value_counts"] = detail::id_map_json(f.nan_value_counts, false);
  d["lower_bounds"] = detail::id_map_json(f.lower_bounds, true);
  d["upper_bounds"] = detail::id_map_json(f.upper_bounds, true);
  d["key_metadata"] =
      f.key_metadata ? ordered_json(to_hex(*f.key_metadata)) : ordered_json(nullptr);
  d["split_offsets"] = detail::opt_json(f.split_offsets);
  d["equality_ids"] = detail::opt_json(f.equality_ids);
  d["sort_order_id"] = detail::opt_json(f.sort_order_id);
  d["first_row_id"] = detail::opt_json(f.first_row_id);
  d["referenced_data_file"] = detail::opt_json(f.referenced_data_file);
  d["content_offset"] = detail::opt_json(f.content_offset);
  d["content_size_in_bytes"] = detail::opt_json(f.content_size_in_bytes);
  ordered_json o = ordered_json::object();
  o["status"] = static_cast<int32_t>(e.status);
  o["snapshot_id"] = detail::opt_json(e.snapshot_id);
  o["sequence_number"] = detail::opt_json(e.sequence_number);
  o["file_sequence_number"] = detail::opt_json(e.file_sequence_number);
  o["data_file"] = std::move(d);
  return o;
}

/// One manifest list entry as JSON (bounds and key metadata as hex).
inline ordered_json manifest_file_to_json(const manifest_file& m) {
  ordered_json o = ordered_json::object();
  o["manifest_path"] = m.manifest_path;
  o["manifest_length"] = m.manifest_length;
  o["partition_spec_id"] = m.partition_spec_id;
  o["content"] = static_cast<int32_t>(m.content);
  o["sequence_number"] = m.sequence_number;
  o["min_sequence_number"] = m.min_sequence_number;
  o["added_snapshot_id"] = m.added_snapshot_id;
  o["added_files_count"] = detail::opt_json(m.added_files_count);
  o["existing_files_count"] = detail::opt_json(m.existing_files_count);
  o["deleted_files_count"] = detail::opt_json(m.deleted_files_count);
  o["added_rows_count"] = detail::opt_json(m.added_rows_count);
  o["existing_rows_count"] = detail::opt_json(m.existing_rows_count);
  o["deleted_rows_count"] = detail::opt_json(m.deleted_rows_count);
  if (m.partitions) {
    ordered_json parts = ordered_json::array();
    for (const field_summary& s : *m.partitions) {
      ordered_json p = ordered_json::object();
      p["contains_null"] = s.contains_null;
      p["contains_nan"] = detail::opt_json(s.contains_nan);
      p["lower_bound"] =
          s.lower_bound ? ordered_json(to_hex(*s.lower_bound)) : ordered_json(nullptr);
      p["upper_bound"] =
          s.upper_bound ? ordered_json(to_hex(*s.upper_bound)) : ordered_json(nullptr);
      parts.push_back(std::move(p));
    }
    o["partitions"] = std::move(parts);
  } else {
    o["partitions"] = nullptr;
  }
  o["key_metadata"] =
      m.key_metadata ? ordered_json(to_hex(*m.key_metadata)) : ordered_json(nullptr);
  o["first_row_id"] = detail::opt_json(m.first_row_id);
  return o;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
