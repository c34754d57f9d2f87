#pragma once
// Iceberg data files: a table's properties (Java TableProperties `write.format.default`,
// `write.parquet.*`, `write.avro.*`, `write.metadata.metrics.*`) turned into the settings of a
// format-agnostic data_file_writer, the Avro schema of Avro data files (Java
// AvroSchemaUtil.convert), and the manifest data_file of a closed file with its metrics (Java
// ParquetMetrics / MetricsConfig). The format is chosen once per table; the writers behind
// core/data_file.hpp do the rest.

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lakecodec/avro/data_file_writer.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/data_file.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/columnar.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/metrics.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/parquet/data_file_writer.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Table property names (Java TableProperties) read by data_file_settings_from.
namespace properties {
inline constexpr const char* default_file_format = "write.format.default";
inline constexpr const char* parquet_compression = "write.parquet.compression-codec";
inline constexpr const char* parquet_compression_level = "write.parquet.compression-level";
inline constexpr const char* parquet_row_group_size = "write.parquet.row-group-size-bytes";
inline constexpr const char* parquet_page_size = "write.parquet.page-size-bytes";
inline constexpr const char* parquet_page_row_limit = "write.parquet.page-row-limit";
inline constexpr const char* parquet_dict_size = "write.parquet.dict-size-bytes";
inline constexpr const char* parquet_page_version = "write.parquet.page-version";
/// parquet-java's ParquetOutputFormat.ENABLE_DICTIONARY, which Java Iceberg reads from the
/// table properties.
inline constexpr const char* parquet_dictionary_enabled = "parquet.enable.dictionary";
inline constexpr const char* parquet_dict_enabled_column_prefix =
    "write.parquet.dict-encoding-enabled.column.";
/// lakecodec's own per-column codec and level (Java has no per-column codec property).
inline constexpr const char* parquet_compression_column_prefix =
    "lakecodec.write.parquet.compression-codec.column.";
inline constexpr const char* parquet_compression_level_column_prefix =
    "lakecodec.write.parquet.compression-level.column.";
inline constexpr const char* avro_compression = "write.avro.compression-codec";
inline constexpr const char* avro_compression_level = "write.avro.compression-level";
}  // namespace properties

/// Everything needed to open data files of one table: parsed once, used for every file.
struct data_file_settings {
  data_file_format format = data_file_format::parquet;
  iceberg::schema schema;
  /// The batches' columnar schema (to_columnar_schema).
  lakecodec::schema columns;
  parquet::writer_options parquet;
  /// Avro data files: the record schema (data_file_avro_schema) and the columns renamed to its
  /// Avro-safe field names.
  avro::schema avro_schema;
  lakecodec::schema avro_columns;
  avro::writer_options avro;
  file_sink_options file;
  iceberg::metrics_config metrics;
};

namespace detail {

inline std::string ascii_lower(std::string_view v) {
  std::string out(v);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

inline const std::string* find_property(const string_map& props, std::string_view key) {
  for (const auto& p : props)
    if (p.first == key) return &p.second;
  return nullptr;
}

inline status bad_property(const std::string& key, const std::string& value, const char* want) {
  return invalid_argument("iceberg: table property " + key + " = '" + value + "' is not " + want);
}

inline result<int64_t> parse_int_property(const std::string& key, const std::string& value,
                                          int64_t min) {
  int64_t v = 0;
  size_t i = value.size() > 1 && value[0] == '-' ? 1 : 0;
  if (i == value.size()) return bad_property(key, value, "an integer");
  for (; i < value.size(); ++i) {
    if (value[i] < '0' || value[i] > '9' || v > (INT64_MAX - 9) / 10)
      return bad_property(key, value, "an integer");
    v = v * 10 + (value[i] - '0');
  }
  if (value[0] == '-') v = -v;
  if (v < min)
    return invalid_argument("iceberg: table property " + key + " = '" + value +
                            "' must be at least " + std::to_string(min));
  return v;
}

inline result<bool> parse_bool_property(const std::string& key, const std::string& value) {
  const std::string v = ascii_lower(value);
  if (v == "true") return true;
  if (v == "false") return false;
  return bad_property(key, value, "true or false");
}

/// A Parquet codec name as Java's CompressionCodecName.valueOf(upper-case) reads it.
inline result<compression> parse_parquet_codec(const std::string& key, const std::string& value) {
  const std::string v = ascii_lower(value);
  compression c = compression::none;
  if (v == "uncompressed") {
    c = compression::none;
  } else if (v == "snappy") {
    c = compression::snappy;
  } else if (v == "gzip") {
    c = compression::gzip;
  } else if (v == "zstd") {
    c = compression::zstd;
  } else if (v == "lz4" || v == "lz4_raw" || v == "lzo" || v == "brotli") {
    return status(errc::unsupported_codec, "iceberg: table property " + key + " = '" + value +
                                               "': lakecodec does not write " + v +
                                               " (uncompressed, snappy, gzip and zstd it does)");
  } else {
    return bad_property(key, value, "a Parquet codec (uncompressed, snappy, gzip, zstd)");
  }
  if (!compression_available(c))
    return status(errc::unsupported_codec, "iceberg: table property " + key + " = '" + value +
                                               "': the codec is not built into this lakecodec");
  return c;
}

/// The Parquet leaf path ("a.list.element", "m.key_value.key") of the primitive Iceberg column
/// named `name` (Java's column name), or nullopt when `name` is no primitive column.
inline std::optional<std::string> parquet_path_of(const schema& s, std::string_view name) {
  const std::vector<nested_field>* level = &s.fields;
  type_kind parent = type_kind::struct_;
  std::string path;
  for (;;) {
    const size_t dot = name.find('.');
    const std::string_view part = name.substr(0, dot);
    const nested_field* found = nullptr;
    for (const nested_field& f : *level)
      if (f.name == part) found = &f;
    if (found == nullptr) return std::nullopt;
    if (!path.empty()) path += '.';
    if (parent == type_kind::list) path += "list.";
    if (parent == type_kind::map) path += "key_value.";
    path += found->name;
    if (dot == std::string_view::npos)
      return found->type.is_primitive() ? std::optional<std::string>(path) : std::nullopt;
    parent = found->type.kind;
    level = &found->type.fields;
    name.remove_prefix(dot + 1);
  }
}

inline parquet::column_options& column_options_of(parquet::writer_options& o,
                                                  const std::string& path) {
  for (auto& c : o.columns)
    if (c.first == path) return c.second;
  o.columns.emplace_back(path, parquet::column_options());
  return o.columns.back().second;
}

inline status parquet_settings(const string_map& props, const schema& s,
                               parquet::writer_options& o) {
  namespace p = properties;
  o.codec = compression::zstd;  // Java 1.4+ tables are created with zstd
  o.dictionary_page_size = 2 * 1024 * 1024;
  for (const auto& kv : props) {
    const std::string& k = kv.first;
    const std::string& v = kv.second;
    if (k == p::parquet_compression) {
      LAKECODEC_ASSIGN_OR_RETURN(o.codec, parse_parquet_codec(k, v));
    } else if (k == p::parquet_compression_level) {
      LAKECODEC_ASSIGN_OR_RETURN(int64_t level, parse_int_property(k, v, 0));
      o.compression_level = static_cast<int>(std::min<int64_t>(level, INT32_MAX));
    } else if (k == p::parquet_row_group_size) {
      LAKECODEC_ASSIGN_OR_RETURN(o.row_group_bytes, parse_int_property(k, v, 1));
    } else if (k == p::parquet_page_size) {
      LAKECODEC_ASSIGN_OR_RETURN(o.data_page_size, parse_int_property(k, v, 1));
    } else if (k == p::parquet_page_row_limit) {
      LAKECODEC_ASSIGN_OR_RETURN(o.max_rows_per_page, parse_int_property(k, v, 1));
    } else if (k == p::parquet_dict_size) {
      LAKECODEC_ASSIGN_OR_RETURN(o.dictionary_page_size, parse_int_property(k, v, 1));
    } else if (k == p::parquet_dictionary_enabled) {
      LAKECODEC_ASSIGN_OR_RETURN(o.dictionary, parse_bool_property(k, v));
    } else if (k == p::parquet_page_version) {
      const std::string pv = ascii_lower(v);
      if (pv != "v1" && pv != "v2") return bad_property(k, v, "v1 or v2");
      o.page_version = pv == "v1" ? 1 : 2;
    }
  }
  // Per-column settings name Iceberg columns; like Java, names that are no primitive column are
  // skipped.
  auto per_column = [&](const std::string& k, const char* prefix) -> std::optional<std::string> {
    const size_t n = std::char_traits<char>::length(prefix);
    if (k.compare(0, n, prefix) != 0) return std::nullopt;
    return parquet_path_of(s, std::string_view(k).substr(n));
  };
  for (const auto& kv : props) {
    const std::string& k = kv.first;
    if (auto path = per_column(k, p::parquet_dict_enabled_column_prefix)) {
      LAKECODEC_ASSIGN_OR_RETURN(bool on, parse_bool_property(k, kv.second));
      column_options_of(o, *path).dictionary = on;
    } else if (auto cpath = per_column(k, p::parquet_compression_column_prefix)) {
      LAKECODEC_ASSIGN_OR_RETURN(compression c, parse_parquet_codec(k, kv.second));
      column_options_of(o, *cpath).codec = c;
    } else if (auto lpath = per_column(k, p::parquet_compression_level_column_prefix)) {
      LAKECODEC_ASSIGN_OR_RETURN(int64_t level, parse_int_property(k, kv.second, 0));
      column_options_of(o, *lpath).compression_level =
          static_cast<int>(std::min<int64_t>(level, INT32_MAX));
    }
  }
  status lv = check_compression_level(o.codec, o.compression_level);
  if (!lv.ok())
    return invalid_argument("iceberg: table property " + std::string(p::parquet_compression_level) +
                            ": " + lv.message());
  return {};
}

/// Java Avro.WriteBuilder.Context.toCodec: uncompressed, snappy, gzip (deflate, level 9 by
/// default) or zstd (level 1 by default).
inline status avro_settings(const string_map& props, avro::writer_options& o) {
  namespace p = properties;
  const std::string* codec = find_property(props, p::avro_compression);
  const std::string name = ascii_lower(codec ? *codec : "gzip");
  int default_level = -1;
  if (name == "uncompressed") {
    o.codec = avro::codec::null;
  } else if (name == "snappy") {
    o.codec = avro::codec::snappy;
  } else if (name == "gzip") {
    o.codec = avro::codec::deflate;
    default_level = 9;
  } else if (name == "zstd") {
    o.codec = avro::codec::zstandard;
    default_level = 1;
  } else {
    return bad_property(p::avro_compression, *codec,
                        "an Avro codec (uncompressed, snappy, gzip, zstd)");
  }
  if (!compression_available(avro::detail::to_compression(o.codec)))
    return status(errc::unsupported_codec, std::string("iceberg: table property ") +
                                               p::avro_compression + " = '" + name +
                                               "': the codec is not built into this lakecodec");
  o.level = default_level;
  if (const std::string* level = find_property(props, p::avro_compression_level)) {
    LAKECODEC_ASSIGN_OR_RETURN(int64_t l, parse_int_property(p::avro_compression_level, *level, 0));
    o.level = static_cast<int>(std::min<int64_t>(l, INT32_MAX));
  }
  status lv = check_compression_level(avro::detail::to_compression(o.codec), o.level);
  if (!lv.ok())
    return invalid_argument(std::string("iceberg: table property ") + p::avro_compression_level +
                            ": " + lv.message());
  return {};
}

inline result<ordered_json> avro_data_type(const type& t, int32_t field_id,
                                           std::set<std::string>& defined, int depth);

inline ordered_json avro_optional(ordered_json t) {
  return ordered_json::array({"null", std::move(t)});
}

inline result<ordered_json> avro_data_record(const std::vector<nested_field>& fields,
                                             const std::string& name,
                                             std::set<std::string>& defined, int depth) {
  ordered_json out = ordered_json::array();
  for (const nested_field& f : fields) {
    if (!is_stored(f)) continue;
    LAKECODEC_ASSIGN_OR_RETURN(ordered_json t, avro_data_type(f.type, f.id, defined, depth + 1));
    ordered_json af = ordered_json::object();
    af["name"] = avro_safe_name(f.name);
    if (!f.doc.empty()) af["doc"] = f.doc;
    if (f.required) {
      af["type"] = std::move(t);
    } else {
      af["type"] = avro_optional(std::move(t));
      af["default"] = nullptr;
    }
    if (af["name"] != f.name) af["iceberg-field-name"] = f.name;
    af["field-id"] = f.id;
    out.push_back(std::move(af));
  }
  ordered_json rec = ordered_json::object();
  rec["type"] = "record";
  rec["name"] = name;
  rec["fields"] = std::move(out);
  return rec;
}

// Java TypeToSchema: structs are records "r<field id>", lists arrays with "element-id",
// string-keyed maps Avro maps with "key-id"/"value-id"; optional members are ["null", T].
inline result<ordered_json> avro_data_type(const type& t, int32_t field_id,
                                           std::set<std::string>& defined, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("iceberg: schema nests deeper than the limit");
  auto member = [&](const nested_field& f) -> result<ordered_json> {
    LAKECODEC_ASSIGN_OR_RETURN(ordered_json m, avro_data_type(f.type, f.id, defined, depth + 1));
    return f.required ? m : avro_optional(std::move(m));
  };
  switch (t.kind) {
    case type_kind::struct_:
      return avro_data_record(t.fields, "r" + std::to_string(field_id), defined, depth);
    case type_kind::list: {
      ordered_json a = ordered_json::object();
      a["type"] = "array";
      LAKECODEC_ASSIGN_OR_RETURN(a["items"], member(t.element()));
      a["element-id"] = t.element().id;
      return a;
    }
    case type_kind::map: {
      if (t.key().type.kind != type_kind::string)
        return unsupported("iceberg: Avro data files need string map keys; field " +
                           std::to_string(field_id) + " has " + type_to_string(t.key().type) +
                           " keys (write Parquet for it)");
      ordered_json m = ordered_json::object();
      m["type"] = "map";
      LAKECODEC_ASSIGN_OR_RETURN(m["values"], member(t.value()));
      m["key-id"] = t.key().id;
      m["value-id"] = t.value().id;
      return m;
    }
    case type_kind::variant:
    case type_kind::unknown:
      return unsupported("iceberg: Avro data files cannot hold " + type_to_string(t) + " field " +
                         std::to_string(field_id));
    default: return avro_type_of(t, defined);
  }
}

inline void avro_safe_names(std::vector<lakecodec::field>& fields) {
  for (lakecodec::field& f : fields) {
    f.name = avro_safe_name(f.name);
    avro_safe_names(f.children);
  }
}

inline bool preserves_order(transform_kind k) noexcept {
  return k == transform_kind::identity || k == transform_kind::truncate ||
         k == transform_kind::year || k == transform_kind::month || k == transform_kind::day ||
         k == transform_kind::hour;
}

}  // namespace detail

/// The Avro record schema of Iceberg Avro data files (Java AvroSchemaUtil.convert(schema,
/// "table")): fields carry "field-id", optional fields are ["null", T] with default null, names
/// that are not valid Avro are sanitised with the original in "iceberg-field-name". Errors:
/// unsupported for maps with non-string keys, variant and unknown columns (which the columnar
/// bridge cannot write).
inline result<avro::schema> data_file_avro_schema(const schema& s,
                                                  const std::string& record_name = "table") {
  std::set<std::string> defined;
  LAKECODEC_ASSIGN_OR_RETURN(ordered_json rec,
                             detail::avro_data_record(s.fields, record_name, defined, 0));
  return avro::schema::parse(detail::dump_json(rec));
}

/// Parses a table's data-file properties once (Java TableProperties; the defaults of a table
/// Java 1.4+ creates): `write.format.default` (parquet | avro, any case), the `write.parquet.*`
/// codec (zstd), level, row-group (128 MiB), page (1 MiB), page-row-limit (20000),
/// dictionary (2 MiB) and page-version settings, `parquet.enable.dictionary`,
/// `write.parquet.dict-encoding-enabled.column.<col>`, lakecodec's own
/// `lakecodec.write.parquet.compression-codec.column.<col>` and `...compression-level.column.
/// <col>`, `write.avro.compression-codec` (gzip = deflate 9) and level, and the metrics config
/// (metrics_config_from; columns of `order`'s order-preserving fields get at least
/// truncate(16)). Other `write.parquet.*` properties (bloom filters, per-column statistics
/// switches, row-group size checks) do not apply to this writer and are ignored, as are
/// per-column settings naming no primitive column (Java skips those too). Table-level
/// settings such as `write.target-file-size-bytes` belong to the table writer. Errors:
/// invalid_argument naming the property whose value is invalid,
/// unsupported_codec for codecs lakecodec does not write (lz4, lzo, brotli, orc files), and
/// data_file_avro_schema's errors for Avro tables.
inline result<data_file_settings> data_file_settings_from(const string_map& props, const schema& s,
                                                          const sort_order* order = nullptr) {
  namespace p = properties;
  data_file_settings out;
  out.schema = s;
  if (const std::string* f = detail::find_property(props, p::default_file_format)) {
    const std::string v = detail::ascii_lower(*f);
    if (v == "avro")
      out.format = data_file_format::avro;
    else if (v == "orc")
      return status(errc::unsupported_codec, std::string("iceberg: table property ") +
                                                 p::default_file_format +
                                                 " = 'orc': lakecodec writes parquet and avro");
    else if (v != "parquet")
      return detail::bad_property(p::default_file_format, *f, "parquet, avro or orc");
  }
  LAKECODEC_ASSIGN_OR_RETURN(out.columns, to_columnar_schema(s));
  LAKECODEC_TRY(detail::parquet_settings(props, s, out.parquet));
  LAKECODEC_TRY(detail::avro_settings(props, out.avro));
  const std::string schema_json = print_schema(s);
  out.parquet.key_value_metadata.emplace_back("iceberg.schema", schema_json);
  out.avro.metadata.emplace_back("iceberg.schema", schema_json);
  if (out.format == data_file_format::avro) {
    LAKECODEC_ASSIGN_OR_RETURN(out.avro_schema, data_file_avro_schema(s));
    out.avro_columns = out.columns;
    detail::avro_safe_names(out.avro_columns.fields);
  }
  std::vector<int32_t> sorted;
  if (order != nullptr)
    for (const sort_field& f : order->fields)
      if (detail::preserves_order(f.transform.kind)) sorted.push_back(f.source_id);
  LAKECODEC_ASSIGN_OR_RETURN(out.metrics, metrics_config_from(props, s, sorted));
  return out;
}

/// Opens a data file of the table at `path` in the table's format (the one dispatch on the
/// format). Errors as parquet::open_data_file / avro::open_data_file.
inline result<std::unique_ptr<data_file_writer>> make_data_file_writer(
    const data_file_settings& settings, const std::string& path) {
  if (settings.format == data_file_format::avro)
    return avro::open_data_file(path, settings.avro_schema, settings.avro_columns, settings.avro,
                                settings.file);
  return parquet::open_data_file(path, settings.columns, settings.parquet, settings.file);
}

/// data_file_settings_from + make_data_file_writer for a single file.
inline result<std::unique_ptr<data_file_writer>> make_data_file_writer(const string_map& props,
                                                                       const schema& s,
                                                                       const std::string& path) {
  LAKECODEC_ASSIGN_OR_RETURN(data_file_settings settings, data_file_settings_from(props, s));
  return make_data_file_writer(settings, path);
}

/// The manifest data_file of a closed data file (Java DataFiles.Builder with ParquetMetrics):
/// path, format ("PARQUET" / "AVRO"), counts, the file's partition tuple, split offsets (Parquet
/// only, as Java), and metrics per column mode: column_sizes for every leaf with an id whose mode
/// is not none (Parquet only; Avro cannot attribute bytes), value/null/NaN counts and truncated
/// bounds (spec Appendix D single-value binary) for leaves reached through structs only. Error:
/// invalid_argument when the statistics do not match the schema's types.
inline result<data_file> to_data_file(const data_file_info& info, const schema& s,
                                      const metrics_config& config,
                                      std::vector<literal> partition = {}) {
  data_file f;
  f.content = file_content::data;
  f.file_path = info.path;
  f.file_format = info.format == data_file_format::avro ? "AVRO" : "PARQUET";
  f.partition = std::move(partition);
  f.record_count = info.record_count;
  f.file_size_in_bytes = static_cast<int64_t>(info.file_size);
  metrics_collector collector(s, config);
  const std::unordered_map<int32_t, std::string> names = column_names(s);
  id_count_map sizes;
  bool have_sizes = false;
  for (const leaf_file_stats& c : info.columns) {
    LAKECODEC_TRY(collector.add_stats(c.field_id, c.stats));
    if (c.compressed_size < 0) continue;
    have_sizes = true;
    auto it = names.find(c.field_id);
    const metrics_mode m = it == names.end() ? config.default_mode : config.column_mode(it->second);
    if (m.mode != metrics_mode::kind::none) sizes.emplace_back(c.field_id, c.compressed_size);
  }
  if (have_sizes || info.format == data_file_format::parquet) f.column_sizes = std::move(sizes);
  file_metrics m = collector.finish();
  f.value_counts = std::move(m.value_counts);
  f.null_value_counts = std::move(m.null_value_counts);
  f.nan_value_counts = std::move(m.nan_value_counts);
  f.lower_bounds = std::move(m.lower_bounds);
  f.upper_bounds = std::move(m.upper_bounds);
  // Parquet row-group starts, as Java's ParquetWriter reports them. Avro files get none, as
  // Java's AvroFileAppender reports none: Java and Spark split an Avro file at an offset by
  // syncing to the next sync marker after it, so a block's own start would skip that block.
  if (info.format == data_file_format::parquet && !info.split_offsets.empty())
    f.split_offsets = info.split_offsets;
  return f;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
