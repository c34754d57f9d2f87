#pragma once
// Paimon manifest files (ManifestEntry) and manifest lists (ManifestFileMeta) as Avro object
// container files in Paimon's Avro schema (Paimon ManifestEntrySerializer,
// ManifestFileMetaSerializer): record names `org.apache.paimon.avro.generated.record[__FIELD...]`,
// nullable fields as ["null", T] with a null default, the `_VERSION` column, zstandard by default.
// Readers go by field name, so files with fewer or more nullable fields, or other record names
// (pypaimon), read too.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/data_file_meta.hpp"
#include "lakecodec/paimon/row_codec.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// ADD or DELETE of a file in a manifest (`FileKind.java`).
enum class file_kind : int8_t { add = 0, del = 1 };

/// One manifest row (`ManifestEntry.java`).
struct manifest_entry {
  file_kind kind = file_kind::add;
  binary_row partition = binary_row::empty();
  int32_t bucket = 0;
  int32_t total_buckets = 0;
  data_file_meta file;
  friend bool operator==(const manifest_entry& a, const manifest_entry& b) {
    return a.kind == b.kind && a.partition == b.partition && a.bucket == b.bucket &&
           a.total_buckets == b.total_buckets && a.file == b.file;
  }
};

/// One manifest-list row (`ManifestFileMeta.java`).
struct manifest_file_meta {
  std::string file_name;
  int64_t file_size = 0;
  int64_t num_added_files = 0;
  int64_t num_deleted_files = 0;
  simple_stats partition_stats;
  int64_t schema_id = 0;
  std::optional<int32_t> min_bucket;
  std::optional<int32_t> max_bucket;
  std::optional<int32_t> min_level;
  std::optional<int32_t> max_level;
  std::optional<int64_t> min_row_id;
  std::optional<int64_t> max_row_id;
  friend bool operator==(const manifest_file_meta& a, const manifest_file_meta& b) {
    return a.file_name == b.file_name && a.file_size == b.file_size &&
           a.num_added_files == b.num_added_files && a.num_deleted_files == b.num_deleted_files &&
           a.partition_stats == b.partition_stats && a.schema_id == b.schema_id &&
           a.min_bucket == b.min_bucket && a.max_bucket == b.max_bucket &&
           a.min_level == b.min_level && a.max_level == b.max_level &&
           a.min_row_id == b.min_row_id && a.max_row_id == b.max_row_id;
  }
};

/// `_VERSION` of manifest and manifest-list rows (`ManifestSchemaUtils`; 1 = unreadable).
constexpr int32_t manifest_row_version = 2;

/// How to write manifests: the field set follows a CommitMessage version (11 = Paimon 1.4:
/// DataFileMeta with _FIRST_ROW_ID and _WRITE_COLS, manifest lists with row-id ranges; 13 adds
/// _WRITE_COLS_SEQUENCES), the codec and its level (Paimon: zstd level 1).
struct manifest_write_options {
  int format_version = 11;
  avro::codec codec = avro::codec::zstandard;
  int level = 1;
};

namespace detail {

constexpr const char* avro_record_name = "org.apache.paimon.avro.generated.record";

inline std::string avro_stats_record(const std::string& name) {
  return "{\"type\":\"record\",\"name\":\"" + name +
         "\",\"fields\":[{\"name\":\"_MIN_VALUES\",\"type\":\"bytes\"},{\"name\":\"_MAX_VALUES\","
         "\"type\":\"bytes\"},{\"name\":\"_NULL_COUNTS\",\"type\":[\"null\",{\"type\":\"array\","
         "\"items\":[\"null\",\"long\"]}],\"default\":null}]}";
}
inline std::string avro_nullable_field(const char* name, const std::string& type) {
  return std::string(",{\"name\":\"") + name + "\",\"type\":[\"null\"," + type +
         "],\"default\":null}";
}

inline std::string manifest_entry_schema_json(int format_version) {
  const std::string file = std::string(avro_record_name) + "__FILE";
  const int32_t arity = data_file_meta_arity(format_version < 7 ? 7 : format_version);
  std::string f = "{\"type\":\"record\",\"name\":\"" + file + "\",\"fields\":[";
  f += "{\"name\":\"_FILE_NAME\",\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},"
       "{\"name\":\"_ROW_COUNT\",\"type\":\"long\"},{\"name\":\"_MIN_KEY\",\"type\":\"bytes\"},"
       "{\"name\":\"_MAX_KEY\",\"type\":\"bytes\"},";
  f += "{\"name\":\"_KEY_STATS\",\"type\":" + avro_stats_record(file + "__KEY_STATS") + "},";
  f += "{\"name\":\"_VALUE_STATS\",\"type\":" + avro_stats_record(file + "__VALUE_STATS") + "},";
  f += "{\"name\":\"_MIN_SEQUENCE_NUMBER\",\"type\":\"long\"},{\"name\":\"_MAX_SEQUENCE_NUMBER\","
       "\"type\":\"long\"},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"},{\"name\":\"_LEVEL\","
       "\"type\":\"int\"},{\"name\":\"_EXTRA_FILES\",\"type\":{\"type\":\"array\",\"items\":"
       "\"string\"}}";
  const std::string strings = "{\"type\":\"array\",\"items\":\"string\"}";
  f += avro_nullable_field("_CREATION_TIME",
                           "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}");
  f += avro_nullable_field("_DELETE_ROW_COUNT", "\"long\"");
  f += avro_nullable_field("_EMBEDDED_FILE_INDEX", "\"bytes\"");
  f += avro_nullable_field("_FILE_SOURCE", "\"int\"");
  f += avro_nullable_field("_VALUE_STATS_COLS", strings);
  f += avro_nullable_field("_EXTERNAL_PATH", "\"string\"");
  if (arity > 18) f += avro_nullable_field("_FIRST_ROW_ID", "\"long\"");
  if (arity > 19) f += avro_nullable_field("_WRITE_COLS", strings);
  if (arity > 20)
    f += avro_nullable_field("_WRITE_COLS_SEQUENCES", "{\"type\":\"array\",\"items\":\"long\"}");
  f += "]}";
  return std::string("{\"type\":\"record\",\"name\":\"") + avro_record_name +
         "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":"
         "\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":"
         "\"int\"},{\"name\":\"_TOTAL_BUCKETS\",\"type\":\"int\"},{\"name\":\"_FILE\",\"type\":" +
         f + "}]}";
}

inline std::string manifest_file_meta_schema_json(int format_version) {
  std::string s =
      std::string("{\"type\":\"record\",\"name\":\"") + avro_record_name +
      "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_FILE_NAME\","
      "\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":"
      "\"_NUM_ADDED_FILES\",\"type\":\"long\"},{\"name\":\"_NUM_DELETED_FILES\",\"type\":"
      "\"long\"},{\"name\":\"_PARTITION_STATS\",\"type\":" +
      avro_stats_record(std::string(avro_record_name) + "__PARTITION_STATS") +
      "},{\"name\":\"_SCHEMA_ID\",\"type\":\"long\"}";
  s += avro_nullable_field("_MIN_BUCKET", "\"int\"");
  s += avro_nullable_field("_MAX_BUCKET", "\"int\"");
  s += avro_nullable_field("_MIN_LEVEL", "\"int\"");
  s += avro_nullable_field("_MAX_LEVEL", "\"int\"");
  if (format_version >= 11) {
    s += avro_nullable_field("_MIN_ROW_ID", "\"long\"");
    s += avro_nullable_field("_MAX_ROW_ID", "\"long\"");
  }
  return s + "]}";
}

inline avro::value opt_long(const std::optional<int64_t>& v) {
  return v ? avro::value::union_of(1, avro::value::int64(*v))
           : avro::value::union_of(0, avro::value::null());
}
inline avro::value opt_int(const std::optional<int32_t>& v) {
  return v ? avro::value::union_of(1, avro::value::int32(*v))
           : avro::value::union_of(0, avro::value::null());
}
inline avro::value string_array(const std::vector<std::string>& v) {
  std::vector<avro::value> items;
  items.reserve(v.size());
  for (const auto& s : v) items.push_back(avro::value::string(s));
  return avro::value::array(std::move(items));
}
inline avro::value opt_strings(const std::optional<std::vector<std::string>>& v) {
  return v ? avro::value::union_of(1, string_array(*v))
           : avro::value::union_of(0, avro::value::null());
}
inline avro::value stats_value(const simple_stats& s) {
  std::vector<avro::value> f;
  f.push_back(avro::value::bytes(serialize_binary_row(s.min_values)));
  f.push_back(avro::value::bytes(serialize_binary_row(s.max_values)));
  if (s.null_counts) {
    std::vector<avro::value> items;
    for (const auto& c : *s.null_counts) items.push_back(opt_long(c));
    f.push_back(avro::value::union_of(1, avro::value::array(std::move(items))));
  } else {
    f.push_back(avro::value::union_of(0, avro::value::null()));
  }
  return avro::value::record(std::move(f));
}

inline avro::value file_value(const data_file_meta& m, int32_t arity) {
  std::vector<avro::value> f;
  f.push_back(avro::value::string(m.file_name));
  f.push_back(avro::value::int64(m.file_size));
  f.push_back(avro::value::int64(m.row_count));
  f.push_back(avro::value::bytes(serialize_binary_row(m.min_key)));
  f.push_back(avro::value::bytes(serialize_binary_row(m.max_key)));
  f.push_back(stats_value(m.key_stats));
  f.push_back(stats_value(m.value_stats));
  f.push_back(avro::value::int64(m.min_sequence_number));
  f.push_back(avro::value::int64(m.max_sequence_number));
  f.push_back(avro::value::int64(m.schema_id));
  f.push_back(avro::value::int32(m.level));
  f.push_back(string_array(m.extra_files));
  f.push_back(opt_long(m.creation_time));
  f.push_back(opt_long(m.delete_row_count));
  f.push_back(m.embedded_index ? avro::value::union_of(1, avro::value::bytes(*m.embedded_index))
                               : avro::value::union_of(0, avro::value::null()));
  f.push_back(m.file_source ? avro::value::union_of(1, avro::value::int32(*m.file_source))
                            : avro::value::union_of(0, avro::value::null()));
  f.push_back(opt_strings(m.value_stats_cols));
  f.push_back(m.external_path ? avro::value::union_of(1, avro::value::string(*m.external_path))
                              : avro::value::union_of(0, avro::value::null()));
  if (arity > 18) f.push_back(opt_long(m.first_row_id));
  if (arity > 19) f.push_back(opt_strings(m.write_cols));
  if (arity > 20) {
    if (m.write_cols_sequences) {
      std::vector<avro::value> items;
      for (int64_t s : *m.write_cols_sequences) items.push_back(avro::value::int64(s));
      f.push_back(avro::value::union_of(1, avro::value::array(std::move(items))));
    } else {
      f.push_back(avro::value::union_of(0, avro::value::null()));
    }
  }
  return avro::value::record(std::move(f));
}

/// A record value read with its writer schema, accessed by field name.
struct avro_record {
  const avro::node* node = nullptr;
  const avro::value* value = nullptr;

  /// The field's value with unions unwrapped; nullptr when absent or null.
  const avro::value* get(std::string_view name) const {
    const int i = node->field_index(name);
    if (i < 0 || static_cast<size_t>(i) >= value->items().size()) return nullptr;
    const avro::value* v = &value->items()[static_cast<size_t>(i)];
    if (v->kind() == avro::type::union_) v = &v->branch_value();
    return v->is_null() ? nullptr : v;
  }
  const avro::node* field_node(std::string_view name) const {
    const int i = node->field_index(name);
    if (i < 0) return nullptr;
    const avro::node* n = node->fields[static_cast<size_t>(i)].type;
    if (n->type == avro::type::union_) {
      for (const avro::node* b : n->branches)
        if (b->type != avro::type::null) return b;
    }
    return n;
  }
  status require(std::string_view name, const avro::value*& out, avro::type t1,
                 avro::type t2 = avro::type::null) const {
    out = get(name);
    if (out == nullptr)
      return corrupt_data("paimon: manifest field " + std::string(name) + " is missing or null");
    if (out->kind() != t1 && out->kind() != t2)
      return corrupt_data("paimon: manifest field " + std::string(name) + " has Avro type " +
                          avro::type_name(out->kind()));
    return {};
  }
  status get_long(std::string_view name, int64_t& out) const {
    const avro::value* v;
    LAKECODEC_TRY(require(name, v, avro::type::long_, avro::type::int_));
    out = v->as_long();
    return {};
  }
  status get_int(std::string_view name, int32_t& out) const {
    const avro::value* v;
    LAKECODEC_TRY(require(name, v, avro::type::int_));
    out = v->as_int();
    return {};
  }
  status get_string(std::string_view name, std::string& out) const {
    const avro::value* v;
    LAKECODEC_TRY(require(name, v, avro::type::string, avro::type::bytes));
    out = v->as_string();
    return {};
  }
  status get_row(std::string_view name, binary_row& out) const {
    const avro::value* v;
    LAKECODEC_TRY(require(name, v, avro::type::bytes));
    LAKECODEC_ASSIGN_OR_RETURN(out, deserialize_binary_row(byte_span(v->as_bytes())));
    return {};
  }
  template <class T>
  void opt_number(std::string_view name, std::optional<T>& out) const {
    const avro::value* v = get(name);
    if (v && (v->kind() == avro::type::int_ || v->kind() == avro::type::long_))
      out = static_cast<T>(v->as_long());
  }
  result<std::optional<std::vector<std::string>>> opt_strings(std::string_view name) const {
    const avro::value* v = get(name);
    if (!v) return std::optional<std::vector<std::string>>();
    if (v->kind() != avro::type::array)
      return corrupt_data("paimon: manifest field " + std::string(name) + " is not an array");
    std::vector<std::string> out;
    for (const avro::value& e : v->items()) {
      const avro::value& u = e.unwrapped();
      if (u.kind() != avro::type::string)
        return corrupt_data("paimon: manifest field " + std::string(name) + " holds a non-string");
      out.push_back(u.as_string());
    }
    return std::optional<std::vector<std::string>>(std::move(out));
  }
  result<avro_record> sub(std::string_view name) const {
    const avro::value* v = get(name);
    const avro::node* n = field_node(name);
    if (!v || !n || v->kind() != avro::type::record || n->type != avro::type::record)
      return corrupt_data("paimon: manifest field " + std::string(name) + " is not a record");
    return avro_record{n, v};
  }
};

inline result<simple_stats> read_stats(const avro_record& r) {
  simple_stats s;
  LAKECODEC_TRY(r.get_row("_MIN_VALUES", s.min_values));
  LAKECODEC_TRY(r.get_row("_MAX_VALUES", s.max_values));
  const avro::value* nc = r.get("_NULL_COUNTS");
  if (!nc) {
    s.null_counts.reset();
    return s;
  }
  if (nc->kind() != avro::type::array) return corrupt_data("paimon: _NULL_COUNTS is not an array");
  std::vector<std::optional<int64_t>> counts;
  for (const avro::value& e : nc->items()) {
    const avro::value& u = e.unwrapped();
    if (u.is_null()) {
      counts.emplace_back();
    } else {
      counts.emplace_back(u.as_long());
    }
  }
  s.null_counts = std::move(counts);
  return s;
}

inline result<data_file_meta> read_file(const avro_record& r) {
  data_file_meta f;
  LAKECODEC_TRY(r.get_string("_FILE_NAME", f.file_name));
  LAKECODEC_TRY(r.get_long("_FILE_SIZE", f.file_size));
  LAKECODEC_TRY(r.get_long("_ROW_COUNT", f.row_count));
  LAKECODEC_TRY(r.get_row("_MIN_KEY", f.min_key));
  LAKECODEC_TRY(r.get_row("_MAX_KEY", f.max_key));
  LAKECODEC_ASSIGN_OR_RETURN(avro_record ks, r.sub("_KEY_STATS"));
  LAKECODEC_ASSIGN_OR_RETURN(f.key_stats, read_stats(ks));
  LAKECODEC_ASSIGN_OR_RETURN(avro_record vs, r.sub("_VALUE_STATS"));
  LAKECODEC_ASSIGN_OR_RETURN(f.value_stats, read_stats(vs));
  LAKECODEC_TRY(r.get_long("_MIN_SEQUENCE_NUMBER", f.min_sequence_number));
  LAKECODEC_TRY(r.get_long("_MAX_SEQUENCE_NUMBER", f.max_sequence_number));
  LAKECODEC_TRY(r.get_long("_SCHEMA_ID", f.schema_id));
  LAKECODEC_TRY(r.get_int("_LEVEL", f.level));
  LAKECODEC_ASSIGN_OR_RETURN(auto extra, r.opt_strings("_EXTRA_FILES"));
  if (extra) f.extra_files = std::move(*extra);
  r.opt_number("_CREATION_TIME", f.creation_time);
  r.opt_number("_DELETE_ROW_COUNT", f.delete_row_count);
  if (const avro::value* e = r.get("_EMBEDDED_FILE_INDEX"))
    f.embedded_index = std::string(e->as_bytes());
  r.opt_number("_FILE_SOURCE", f.file_source);
  LAKECODEC_ASSIGN_OR_RETURN(f.value_stats_cols, r.opt_strings("_VALUE_STATS_COLS"));
  if (const avro::value* e = r.get("_EXTERNAL_PATH")) f.external_path = e->as_string();
  r.opt_number("_FIRST_ROW_ID", f.first_row_id);
  LAKECODEC_ASSIGN_OR_RETURN(f.write_cols, r.opt_strings("_WRITE_COLS"));
  if (const avro::value* e = r.get("_WRITE_COLS_SEQUENCES")) {
    std::vector<int64_t> s;
    for (const avro::value& x : e->items()) s.push_back(x.unwrapped().as_long());
    f.write_cols_sequences = std::move(s);
  }
  return f;
}

inline status check_row_version(const avro_record& r) {
  int32_t v = 0;
  LAKECODEC_TRY(r.get_int("_VERSION", v));
  if (v != manifest_row_version)
    return unsupported("paimon: manifest row _VERSION " + std::to_string(v) +
                       " is not readable (expected 2; version 1 tables must be recreated)");
  return {};
}

/// The row record of a manifest schema; Paimon 0.9 and older wrote the root as ["null", record].
inline const avro::node* root_record(const avro::node& root) {
  if (root.type == avro::type::record) return &root;
  if (root.type == avro::type::union_)
    for (const avro::node* b : root.branches)
      if (b->type == avro::type::record) return b;
  return nullptr;
}

inline result<avro::container_reader> open_manifest(byte_span file) {
  if (file.size >= 3 && file[0] == 'O' && file[1] == 'R' && file[2] == 'C')
    return unsupported(
        "paimon: this manifest is an ORC file (manifest.format=orc); only Avro manifests are read");
  return avro::container_reader::open(file);
}

}  // namespace detail

/// Reads every entry of an Avro manifest file (ManifestEntrySerializer). Errors: not Avro (ORC
/// manifests are reported as unsupported), a `_VERSION` other than 2, missing NOT NULL fields, bad
/// partition rows.
inline result<std::vector<manifest_entry>> read_manifest(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, detail::open_manifest(file));
  const avro::node* root = detail::root_record(r.writer_schema().root());
  if (root == nullptr) return corrupt_data("paimon: manifest schema is not a record");
  std::vector<manifest_entry> out;
  avro::value v;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next(v));
    if (!more) break;
    const avro::value& row = v.unwrapped();
    if (row.kind() != avro::type::record) return corrupt_data("paimon: null manifest row");
    detail::avro_record rec{root, &row};
    LAKECODEC_TRY(detail::check_row_version(rec));
    manifest_entry e;
    int32_t kind = 0;
    LAKECODEC_TRY(rec.get_int("_KIND", kind));
    if (kind != 0 && kind != 1)
      return corrupt_data("paimon: manifest _KIND " + std::to_string(kind));
    e.kind = static_cast<file_kind>(kind);
    LAKECODEC_TRY(rec.get_row("_PARTITION", e.partition));
    LAKECODEC_TRY(rec.get_int("_BUCKET", e.bucket));
    int32_t total = 0;
    if (rec.get("_TOTAL_BUCKETS")) LAKECODEC_TRY(rec.get_int("_TOTAL_BUCKETS", total));
    e.total_buckets = total;
    LAKECODEC_ASSIGN_OR_RETURN(detail::avro_record file_rec, rec.sub("_FILE"));
    LAKECODEC_ASSIGN_OR_RETURN(e.file, detail::read_file(file_rec));
    out.push_back(std::move(e));
  }
  return out;
}

/// Writes a manifest file in Java's Avro schema for `options.format_version`
/// (ManifestEntrySerializer).
inline result<byte_buffer> write_manifest(const std::vector<manifest_entry>& entries,
                                          const manifest_write_options& options = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(
      avro::schema s,
      avro::schema::parse(detail::manifest_entry_schema_json(options.format_version)));
  const int32_t arity =
      data_file_meta_arity(options.format_version < 7 ? 7 : options.format_version);
  std::vector<avro::value> rows;
  rows.reserve(entries.size());
  for (const manifest_entry& e : entries) {
    std::vector<avro::value> f;
    f.push_back(avro::value::int32(manifest_row_version));
    f.push_back(avro::value::int32(static_cast<int32_t>(e.kind)));
    f.push_back(avro::value::bytes(serialize_binary_row(e.partition)));
    f.push_back(avro::value::int32(e.bucket));
    f.push_back(avro::value::int32(e.total_buckets));
    f.push_back(detail::file_value(e.file, arity));
    rows.push_back(avro::value::record(std::move(f)));
  }
  avro::writer_options w;
  w.codec = options.codec;
  w.level = options.level;
  return avro::write_container(s, rows, std::move(w));
}

/// Reads every entry of an Avro manifest list (ManifestFileMetaSerializer).
inline result<std::vector<manifest_file_meta>> read_manifest_list(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, detail::open_manifest(file));
  const avro::node* root = detail::root_record(r.writer_schema().root());
  if (root == nullptr) return corrupt_data("paimon: manifest list schema is not a record");
  std::vector<manifest_file_meta> out;
  avro::value v;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next(v));
    if (!more) break;
    const avro::value& row = v.unwrapped();
    if (row.kind() != avro::type::record) return corrupt_data("paimon: null manifest row");
    detail::avro_record rec{root, &row};
    LAKECODEC_TRY(detail::check_row_version(rec));
    manifest_file_meta m;
    LAKECODEC_TRY(rec.get_string("_FILE_NAME", m.file_name));
    LAKECODEC_TRY(rec.get_long("_FILE_SIZE", m.file_size));
    LAKECODEC_TRY(rec.get_long("_NUM_ADDED_FILES", m.num_added_files));
    LAKECODEC_TRY(rec.get_long("_NUM_DELETED_FILES", m.num_deleted_files));
    LAKECODEC_ASSIGN_OR_RETURN(detail::avro_record ps, rec.sub("_PARTITION_STATS"));
    LAKECODEC_ASSIGN_OR_RETURN(m.partition_stats, detail::read_stats(ps));
    LAKECODEC_TRY(rec.get_long("_SCHEMA_ID", m.schema_id));
    rec.opt_number("_MIN_BUCKET", m.min_bucket);
    rec.opt_number("_MAX_BUCKET", m.max_bucket);
    rec.opt_number("_MIN_LEVEL", m.min_level);
    rec.opt_number("_MAX_LEVEL", m.max_level);
    rec.opt_number("_MIN_ROW_ID", m.min_row_id);
    rec.opt_number("_MAX_ROW_ID", m.max_row_id);
    out.push_back(std::move(m));
  }
  return out;
}

/// Writes a manifest list in Java's Avro schema (ManifestFileMetaSerializer).
inline result<byte_buffer> write_manifest_list(const std::vector<manifest_file_meta>& metas,
                                               const manifest_write_options& options = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(
      avro::schema s,
      avro::schema::parse(detail::manifest_file_meta_schema_json(options.format_version)));
  std::vector<avro::value> rows;
  for (const manifest_file_meta& m : metas) {
    std::vector<avro::value> f;
    f.push_back(avro::value::int32(manifest_row_version));
    f.push_back(avro::value::string(m.file_name));
    f.push_back(avro::value::int64(m.file_size));
    f.push_back(avro::value::int64(m.num_added_files));
    f.push_back(avro::value::int64(m.num_deleted_files));
    f.push_back(detail::stats_value(m.partition_stats));
    f.push_back(avro::value::int64(m.schema_id));
    f.push_back(detail::opt_int(m.min_bucket));
    f.push_back(detail::opt_int(m.max_bucket));
    f.push_back(detail::opt_int(m.min_level));
    f.push_back(detail::opt_int(m.max_level));
    if (options.format_version >= 11) {
      f.push_back(detail::opt_long(m.min_row_id));
      f.push_back(detail::opt_long(m.max_row_id));
    }
    rows.push_back(avro::value::record(std::move(f)));
  }
  avro::writer_options w;
  w.codec = options.codec;
  w.level = options.level;
  return avro::write_container(s, rows, std::move(w));
}

/// One index-manifest row (`IndexManifestEntry.java`, `_VERSION` 1).
struct index_manifest_entry {
  file_kind kind = file_kind::add;
  binary_row partition = binary_row::empty();
  int32_t bucket = 0;
  index_file_meta index_file;
  friend bool operator==(const index_manifest_entry& a, const index_manifest_entry& b) {
    return a.kind == b.kind && a.partition == b.partition && a.bucket == b.bucket &&
           a.index_file == b.index_file;
  }
};

/// `_VERSION` of index-manifest rows.
constexpr int32_t index_manifest_row_version = 1;

namespace detail {

inline std::string index_manifest_schema_json(int format_version) {
  const std::string base = avro_record_name;
  std::string s =
      "{\"type\":\"record\",\"name\":\"" + base +
      "\",\"fields\":[{\"name\":\"_VERSION\",\"type\":\"int\"},{\"name\":\"_KIND\",\"type\":"
      "\"int\"},{\"name\":\"_PARTITION\",\"type\":\"bytes\"},{\"name\":\"_BUCKET\",\"type\":"
      "\"int\"},{\"name\":\"_INDEX_TYPE\",\"type\":\"string\"},{\"name\":\"_FILE_NAME\","
      "\"type\":\"string\"},{\"name\":\"_FILE_SIZE\",\"type\":\"long\"},{\"name\":"
      "\"_ROW_COUNT\",\"type\":\"long\"}";
  s += avro_nullable_field(
      "_DELETIONS_VECTORS_RANGES",
      "{\"type\":\"array\",\"items\":[\"null\",{\"type\":\"record\",\"name\":\"" + base +
          "__DELETIONS_VECTORS_RANGES\",\"fields\":[{\"name\":\"f0\",\"type\":"
          "\"string\"},{\"name\":\"f1\",\"type\":\"int\"},{\"name\":\"f2\",\"type\":"
          "\"int\"},{\"name\":\"_CARDINALITY\",\"type\":[\"null\",\"long\"],"
          "\"default\":null}]}]}");
  s += avro_nullable_field("_EXTERNAL_PATH", "\"string\"");
  std::string g = "{\"type\":\"record\",\"name\":\"" + base +
                  "__GLOBAL_INDEX\",\"fields\":[{\"name\":\"_ROW_RANGE_START\",\"type\":\"long\"},"
                  "{\"name\":\"_ROW_RANGE_END\",\"type\":\"long\"},{\"name\":\"_INDEX_FIELD_ID\","
                  "\"type\":\"int\"}";
  g += avro_nullable_field("_EXTRA_FIELD_IDS", "{\"type\":\"array\",\"items\":\"int\"}");
  g += avro_nullable_field("_INDEX_META", "\"bytes\"");
  if (format_version >= 12) g += avro_nullable_field("_SOURCE_META", "\"bytes\"");
  g += "]}";
  s += avro_nullable_field("_GLOBAL_INDEX", g);
  return s + "]}";
}

inline avro::value opt_bytes(const std::optional<std::string>& v) {
  return v ? avro::value::union_of(1, avro::value::bytes(*v))
           : avro::value::union_of(0, avro::value::null());
}

}  // namespace detail

/// Reads every entry of an Avro index manifest (IndexManifestEntrySerializer).
inline result<std::vector<index_manifest_entry>> read_index_manifest(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, detail::open_manifest(file));
  const avro::node* root = detail::root_record(r.writer_schema().root());
  if (root == nullptr) return corrupt_data("paimon: index manifest schema is not a record");
  std::vector<index_manifest_entry> out;
  avro::value v;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next(v));
    if (!more) break;
    const avro::value& row = v.unwrapped();
    if (row.kind() != avro::type::record) return corrupt_data("paimon: null manifest row");
    detail::avro_record rec{root, &row};
    int32_t version = 0;
    LAKECODEC_TRY(rec.get_int("_VERSION", version));
    if (version != index_manifest_row_version)
      return unsupported("paimon: index manifest _VERSION " + std::to_string(version) +
                         " is not readable");
    index_manifest_entry e;
    int32_t kind = 0;
    LAKECODEC_TRY(rec.get_int("_KIND", kind));
    if (kind != 0 && kind != 1)
      return corrupt_data("paimon: index manifest _KIND " + std::to_string(kind));
    e.kind = static_cast<file_kind>(kind);
    LAKECODEC_TRY(rec.get_row("_PARTITION", e.partition));
    LAKECODEC_TRY(rec.get_int("_BUCKET", e.bucket));
    index_file_meta& f = e.index_file;
    LAKECODEC_TRY(rec.get_string("_INDEX_TYPE", f.index_type));
    LAKECODEC_TRY(rec.get_string("_FILE_NAME", f.file_name));
    LAKECODEC_TRY(rec.get_long("_FILE_SIZE", f.file_size));
    LAKECODEC_TRY(rec.get_long("_ROW_COUNT", f.row_count));
    if (const avro::value* dv = rec.get("_DELETIONS_VECTORS_RANGES")) {
      const avro::node* arr = rec.field_node("_DELETIONS_VECTORS_RANGES");
      const avro::node* item = arr && arr->items ? arr->items : nullptr;
      if (item && item->type == avro::type::union_)
        for (const avro::node* b : item->branches)
          if (b->type == avro::type::record) item = b;
      if (!item || item->type != avro::type::record || dv->kind() != avro::type::array)
        return corrupt_data("paimon: _DELETIONS_VECTORS_RANGES is not an array of records");
      std::vector<deletion_vector_meta> ranges;
      for (const avro::value& x : dv->items()) {
        const avro::value& u = x.unwrapped();
        if (u.kind() != avro::type::record)
          return corrupt_data("paimon: null deletion-vector range");
        detail::avro_record d{item, &u};
        deletion_vector_meta m;
        LAKECODEC_TRY(d.get_string("f0", m.data_file_name));
        LAKECODEC_TRY(d.get_int("f1", m.offset));
        LAKECODEC_TRY(d.get_int("f2", m.length));
        d.opt_number("_CARDINALITY", m.cardinality);
        ranges.push_back(std::move(m));
      }
      f.dv_ranges = std::move(ranges);
    }
    if (const avro::value* p = rec.get("_EXTERNAL_PATH")) f.external_path = p->as_string();
    if (rec.get("_GLOBAL_INDEX")) {
      LAKECODEC_ASSIGN_OR_RETURN(detail::avro_record g, rec.sub("_GLOBAL_INDEX"));
      global_index_meta m;
      LAKECODEC_TRY(g.get_long("_ROW_RANGE_START", m.row_range_start));
      LAKECODEC_TRY(g.get_long("_ROW_RANGE_END", m.row_range_end));
      LAKECODEC_TRY(g.get_int("_INDEX_FIELD_ID", m.index_field_id));
      if (const avro::value* ids = g.get("_EXTRA_FIELD_IDS")) {
        std::vector<int32_t> x;
        for (const avro::value& i : ids->items()) x.push_back(i.unwrapped().as_int());
        m.extra_field_ids = std::move(x);
      }
      if (const avro::value* b = g.get("_INDEX_META")) m.index_meta = std::string(b->as_bytes());
      if (const avro::value* b = g.get("_SOURCE_META")) m.source_meta = std::string(b->as_bytes());
      f.global_index = std::move(m);
    }
    out.push_back(std::move(e));
  }
  return out;
}

/// Writes an index manifest in Java's Avro schema (`_SOURCE_META` from format version 12).
inline result<byte_buffer> write_index_manifest(const std::vector<index_manifest_entry>& entries,
                                                const manifest_write_options& options = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(
      avro::schema s,
      avro::schema::parse(detail::index_manifest_schema_json(options.format_version)));
  std::vector<avro::value> rows;
  for (const index_manifest_entry& e : entries) {
    const index_file_meta& f = e.index_file;
    std::vector<avro::value> x;
    x.push_back(avro::value::int32(index_manifest_row_version));
    x.push_back(avro::value::int32(static_cast<int32_t>(e.kind)));
    x.push_back(avro::value::bytes(serialize_binary_row(e.partition)));
    x.push_back(avro::value::int32(e.bucket));
    x.push_back(avro::value::string(f.index_type));
    x.push_back(avro::value::string(f.file_name));
    x.push_back(avro::value::int64(f.file_size));
    x.push_back(avro::value::int64(f.row_count));
    if (f.dv_ranges) {
      std::vector<avro::value> items;
      for (const deletion_vector_meta& d : *f.dv_ranges)
        items.push_back(avro::value::union_of(
            1, avro::value::record({avro::value::string(d.data_file_name),
                                    avro::value::int32(d.offset), avro::value::int32(d.length),
                                    detail::opt_long(d.cardinality)})));
      x.push_back(avro::value::union_of(1, avro::value::array(std::move(items))));
    } else {
      x.push_back(avro::value::union_of(0, avro::value::null()));
    }
    x.push_back(f.external_path ? avro::value::union_of(1, avro::value::string(*f.external_path))
                                : avro::value::union_of(0, avro::value::null()));
    if (f.global_index) {
      const global_index_meta& g = *f.global_index;
      std::vector<avro::value> gv{avro::value::int64(g.row_range_start),
                                  avro::value::int64(g.row_range_end),
                                  avro::value::int32(g.index_field_id)};
      if (g.extra_field_ids) {
        std::vector<avro::value> ids;
        for (int32_t i : *g.extra_field_ids) ids.push_back(avro::value::int32(i));
        gv.push_back(avro::value::union_of(1, avro::value::array(std::move(ids))));
      } else {
        gv.push_back(avro::value::union_of(0, avro::value::null()));
      }
      gv.push_back(detail::opt_bytes(g.index_meta));
      if (options.format_version >= 12) gv.push_back(detail::opt_bytes(g.source_meta));
      x.push_back(avro::value::union_of(1, avro::value::record(std::move(gv))));
    } else {
      x.push_back(avro::value::union_of(0, avro::value::null()));
    }
    rows.push_back(avro::value::record(std::move(x)));
  }
  avro::writer_options w;
  w.codec = options.codec;
  w.level = options.level;
  return avro::write_container(s, rows, std::move(w));
}

/// Summarises manifest entries as the manifest-list row Java writes for them (counts, partition
/// min/max over the schemaless partition rows is left to the caller: `partition_stats` is set to
/// empty stats unless given), bucket and level ranges.
inline manifest_file_meta summarize_manifest(const std::string& file_name, int64_t file_size,
                                             const std::vector<manifest_entry>& entries,
                                             int64_t schema_id,
                                             simple_stats partition_stats = simple_stats::empty()) {
  manifest_file_meta m;
  m.file_name = file_name;
  m.file_size = file_size;
  m.schema_id = schema_id;
  m.partition_stats = std::move(partition_stats);
  for (const manifest_entry& e : entries) {
    (e.kind == file_kind::add ? m.num_added_files : m.num_deleted_files) += 1;
    if (!m.min_bucket || e.bucket < *m.min_bucket) m.min_bucket = e.bucket;
    if (!m.max_bucket || e.bucket > *m.max_bucket) m.max_bucket = e.bucket;
    if (!m.min_level || e.file.level < *m.min_level) m.min_level = e.file.level;
    if (!m.max_level || e.file.level > *m.max_level) m.max_level = e.file.level;
  }
  return m;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
