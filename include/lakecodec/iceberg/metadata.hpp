#pragma once
// Iceberg table metadata v1-v3 (spec "Table Metadata", Appendix C): the model of every field,
// JSON parse with the validation Java's TableMetadataParser performs, and printing in Java's
// key order with what strict readers (DuckDB, pyiceberg) need.

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/partition_json.hpp"
#include "lakecodec/iceberg/schema.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Highest table format version this library reads and writes.
constexpr int32_t max_supported_format_version = 3;

using string_map = std::vector<std::pair<std::string, std::string>>;

/// A branch or tag (spec "Snapshot References").
struct snapshot_ref {
  std::string name;
  int64_t snapshot_id = 0;
  std::string type = "branch";  // "branch" or "tag"
  std::optional<int32_t> min_snapshots_to_keep;
  std::optional<int64_t> max_snapshot_age_ms;
  std::optional<int64_t> max_ref_age_ms;
  bool operator==(const snapshot_ref& o) const {
    return name == o.name && snapshot_id == o.snapshot_id && type == o.type &&
           min_snapshots_to_keep == o.min_snapshots_to_keep &&
           max_snapshot_age_ms == o.max_snapshot_age_ms && max_ref_age_ms == o.max_ref_age_ms;
  }
};

/// A snapshot (spec "Snapshots"); `summary` keeps document order with "operation" in it.
struct snapshot {
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  std::optional<int64_t> sequence_number;
  int64_t timestamp_ms = 0;
  std::string manifest_list;
  std::vector<std::string> manifests;  // v1 legacy inline list
  string_map summary;
  std::optional<int32_t> schema_id;
  std::optional<int64_t> first_row_id;  // v3
  std::optional<int64_t> added_rows;    // v3
  std::optional<std::string> key_id;    // v3 encryption

  /// The summary's "operation" value, or empty.
  std::string operation() const {
    for (const auto& kv : summary)
      if (kv.first == "operation") return kv.second;
    return {};
  }
  bool operator==(const snapshot& o) const {
    return snapshot_id == o.snapshot_id && parent_snapshot_id == o.parent_snapshot_id &&
           sequence_number.value_or(0) == o.sequence_number.value_or(0) &&
           timestamp_ms == o.timestamp_ms && manifest_list == o.manifest_list &&
           manifests == o.manifests && summary == o.summary && schema_id == o.schema_id &&
           first_row_id == o.first_row_id && added_rows == o.added_rows && key_id == o.key_id;
  }
};

struct snapshot_log_entry {
  int64_t timestamp_ms = 0;
  int64_t snapshot_id = 0;
  bool operator==(const snapshot_log_entry& o) const {
    return timestamp_ms == o.timestamp_ms && snapshot_id == o.snapshot_id;
  }
};

struct metadata_log_entry {
  int64_t timestamp_ms = 0;
  std::string metadata_file;
  bool operator==(const metadata_log_entry& o) const {
    return timestamp_ms == o.timestamp_ms && metadata_file == o.metadata_file;
  }
};

/// Puffin blob metadata inside a statistics file entry.
struct blob_metadata {
  std::string type;
  int64_t snapshot_id = 0;
  int64_t sequence_number = 0;
  std::vector<int32_t> fields;
  string_map properties;
  bool operator==(const blob_metadata& o) const {
    return type == o.type && snapshot_id == o.snapshot_id && sequence_number == o.sequence_number &&
           fields == o.fields && properties == o.properties;
  }
};

struct statistics_file {
  int64_t snapshot_id = 0;
  std::string statistics_path;
  int64_t file_size_in_bytes = 0;
  int64_t file_footer_size_in_bytes = 0;
  std::optional<std::string> key_metadata;  // base64
  std::vector<blob_metadata> blobs;
  bool operator==(const statistics_file& o) const {
    return snapshot_id == o.snapshot_id && statistics_path == o.statistics_path &&
           file_size_in_bytes == o.file_size_in_bytes &&
           file_footer_size_in_bytes == o.file_footer_size_in_bytes &&
           key_metadata == o.key_metadata && blobs == o.blobs;
  }
};

struct partition_statistics_file {
  int64_t snapshot_id = 0;
  std::string statistics_path;
  int64_t file_size_in_bytes = 0;
  bool operator==(const partition_statistics_file& o) const {
    return snapshot_id == o.snapshot_id && statistics_path == o.statistics_path &&
           file_size_in_bytes == o.file_size_in_bytes;
  }
};

/// v3 table encryption key.
struct encryption_key {
  std::string key_id;
  std::string encrypted_key_metadata;  // base64
  std::optional<std::string> encrypted_by_id;
  string_map properties;
  bool operator==(const encryption_key& o) const {
    return key_id == o.key_id && encrypted_key_metadata == o.encrypted_key_metadata &&
           encrypted_by_id == o.encrypted_by_id && properties == o.properties;
  }
};

/// Every field of table metadata v1-v3. v1-only `schema`/`partition-spec` are folded into
/// `schemas`/`specs` on parse and written back for v1 on print, as Java does.
struct table_metadata {
  int32_t format_version = 2;
  std::string table_uuid;
  std::string location;
  int64_t last_sequence_number = 0;
  int64_t last_updated_ms = 0;
  int32_t last_column_id = 0;
  std::vector<iceberg::schema> schemas;
  int32_t current_schema_id = 0;
  std::vector<partition_spec> specs;
  int32_t default_spec_id = 0;
  int32_t last_partition_id = partition_data_id_start - 1;
  std::vector<sort_order> sort_orders;
  int32_t default_sort_order_id = 0;
  string_map properties;
  std::optional<int64_t> current_snapshot_id;  // none: -1 (v1/v2) or null (v3) in JSON
  std::vector<snapshot> snapshots;
  std::vector<snapshot_ref> refs;
  std::vector<statistics_file> statistics;
  std::vector<partition_statistics_file> partition_statistics;
  std::vector<snapshot_log_entry> snapshot_log;
  std::vector<metadata_log_entry> metadata_log;
  std::optional<int64_t> next_row_id;  // v3, required there
  std::vector<encryption_key> encryption_keys;

  const iceberg::schema* find_schema(int32_t id) const noexcept {
    for (const auto& s : schemas)
      if (s.schema_id == id) return &s;
    return nullptr;
  }
  const iceberg::schema* current_schema() const noexcept { return find_schema(current_schema_id); }
  const partition_spec* find_spec(int32_t id) const noexcept {
    for (const auto& s : specs)
      if (s.spec_id == id) return &s;
    return nullptr;
  }
  const partition_spec* default_spec() const noexcept { return find_spec(default_spec_id); }
  const sort_order* find_sort_order(int32_t id) const noexcept {
    for (const auto& s : sort_orders)
      if (s.order_id == id) return &s;
    return nullptr;
  }
  const snapshot* find_snapshot(int64_t id) const noexcept {
    for (const auto& s : snapshots)
      if (s.snapshot_id == id) return &s;
    return nullptr;
  }
  const snapshot* current_snapshot() const noexcept {
    return current_snapshot_id ? find_snapshot(*current_snapshot_id) : nullptr;
  }

  bool operator==(const table_metadata& o) const {
    return format_version == o.format_version && table_uuid == o.table_uuid &&
           location == o.location && last_sequence_number == o.last_sequence_number &&
           last_updated_ms == o.last_updated_ms && last_column_id == o.last_column_id &&
           schemas == o.schemas && current_schema_id == o.current_schema_id && specs == o.specs &&
           default_spec_id == o.default_spec_id && last_partition_id == o.last_partition_id &&
           sort_orders == o.sort_orders && default_sort_order_id == o.default_sort_order_id &&
           properties == o.properties && current_snapshot_id == o.current_snapshot_id &&
           snapshots == o.snapshots && refs == o.refs && statistics == o.statistics &&
           partition_statistics == o.partition_statistics && snapshot_log == o.snapshot_log &&
           metadata_log == o.metadata_log && next_row_id == o.next_row_id &&
           encryption_keys == o.encryption_keys;
  }
  bool operator!=(const table_metadata& o) const { return !(*this == o); }
};

// ---------------------------------------------------------------------------------------------
// Parsing.

namespace detail {
template <class T, class J>
status opt_field(const J& o, const char* key, std::optional<T>& out, const std::string& what) {
  T v{};
  bool present = false;
  if constexpr (std::is_same<T, std::string>::value) {
    LAKECODEC_TRY(opt_string(o, key, v, present, what));
  } else {
    LAKECODEC_TRY(opt_int(o, key, v, present, what));
  }
  if (present)
    out = std::move(v);
  else
    out.reset();
  return {};
}

template <class J>
const J* opt_array(const J& o, const char* key, const std::string& what, status& st) {
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return nullptr;
  if (!v->is_array()) {
    st = wrong_type(what, key, "an array", *v);
    return nullptr;
  }
  return v;
}

template <class J>
result<snapshot> snapshot_from_json(const J& j, int32_t format_version) {
  if (!j.is_object()) return invalid_argument("iceberg: snapshot must be an object");
  snapshot s;
  LAKECODEC_TRY(req_snapshot_id(j, "snapshot-id", s.snapshot_id, "snapshot"));
  const std::string what = "snapshot " + std::to_string(s.snapshot_id);
  int64_t parent = 0;
  bool has_parent = false;
  LAKECODEC_TRY(opt_snapshot_id(j, "parent-snapshot-id", parent, has_parent, what));
  if (has_parent) s.parent_snapshot_id = parent;
  LAKECODEC_TRY(opt_field(j, "sequence-number", s.sequence_number, what));
  LAKECODEC_TRY(req_int(j, "timestamp-ms", s.timestamp_ms, what));
  bool present = false;
  LAKECODEC_TRY(opt_string_map(j, "summary", s.summary, present, what));
  if (present) {
    bool has_op = false;
    for (const auto& kv : s.summary) has_op = has_op || kv.first == "operation";
    if (!has_op) return invalid_argument("iceberg: " + what + " summary has no 'operation'");
  } else if (format_version > 1) {
    return missing(what, "summary");
  }
  bool has_list = false;
  LAKECODEC_TRY(opt_string(j, "manifest-list", s.manifest_list, has_list, what));
  status st;
  if (const J* m = opt_array(j, "manifests", what, st)) {
    for (const J& e : *m) {
      if (!e.is_string()) return wrong_type(what, "manifests", "an array of strings", *m);
      s.manifests.push_back(*e.template get_ptr<const typename J::string_t*>());
    }
  }
  LAKECODEC_TRY(st);
  if (!has_list && format_version > 1) return missing(what, "manifest-list");
  LAKECODEC_TRY(opt_field(j, "schema-id", s.schema_id, what));
  LAKECODEC_TRY(opt_field(j, "first-row-id", s.first_row_id, what));
  LAKECODEC_TRY(opt_field(j, "added-rows", s.added_rows, what));
  LAKECODEC_TRY(opt_field(j, "key-id", s.key_id, what));
  return s;
}

template <class J>
result<statistics_file> statistics_from_json(const J& j) {
  statistics_file f;
  const std::string what = "statistics file";
  LAKECODEC_TRY(req_int(j, "snapshot-id", f.snapshot_id, what));
  LAKECODEC_TRY(req_string(j, "statistics-path", f.statistics_path, what));
  LAKECODEC_TRY(req_int(j, "file-size-in-bytes", f.file_size_in_bytes, what));
  LAKECODEC_TRY(req_int(j, "file-footer-size-in-bytes", f.file_footer_size_in_bytes, what));
  LAKECODEC_TRY(opt_field(j, "key-metadata", f.key_metadata, what));
  status st;
  const J* blobs = opt_array(j, "blob-metadata", what, st);
  LAKECODEC_TRY(st);
  if (blobs == nullptr) return missing(what, "blob-metadata");
  for (const J& b : *blobs) {
    blob_metadata m;
    LAKECODEC_TRY(req_string(b, "type", m.type, "blob metadata"));
    LAKECODEC_TRY(req_int(b, "snapshot-id", m.snapshot_id, "blob metadata"));
    LAKECODEC_TRY(req_int(b, "sequence-number", m.sequence_number, "blob metadata"));
    bool present = false;
    LAKECODEC_TRY(opt_int_list(b, "fields", m.fields, present, "blob metadata"));
    if (!present) return missing("blob metadata", "fields");
    LAKECODEC_TRY(opt_string_map(b, "properties", m.properties, present, "blob metadata"));
    f.blobs.push_back(std::move(m));
  }
  return f;
}

template <class J, class T, class F>
status parse_array(const J& j, const char* key, const std::string& what, std::vector<T>& out,
                   F&& one) {
  status st;
  const J* arr = opt_array(j, key, what, st);
  LAKECODEC_TRY(st);
  if (arr == nullptr) return {};
  if (static_cast<int64_t>(arr->size()) > LAKECODEC_MAX_COLLECTION_COUNT)
    return limit_exceeded("iceberg: '" + std::string(key) + "' has too many entries");
  out.reserve(arr->size());
  for (const J& e : *arr) {
    if (!e.is_object())
      return invalid_argument("iceberg: entries of '" + std::string(key) + "' must be objects");
    auto r = one(e);
    if (!r) return r.error();
    out.push_back(std::move(r).value());
  }
  return {};
}

template <class J>
status parse_schemas(const J& j, table_metadata& m) {
  const int32_t v = m.format_version;
  status st;
  const J* schemas = opt_array(j, "schemas", "table metadata", st);
  LAKECODEC_TRY(st);
  if (schemas != nullptr) {
    for (const J& s : *schemas) {
      LAKECODEC_ASSIGN_OR_RETURN(schema sc, schema_from_json(s));
      m.schemas.push_back(std::move(sc));
    }
    bool has_current = false;
    LAKECODEC_TRY(
        opt_int(j, "current-schema-id", m.current_schema_id, has_current, "table metadata"));
    if (!has_current) {
      if (v != 1) return missing("table metadata", "current-schema-id");
      const J* legacy = member(j, "schema");
      if (legacy == nullptr) return missing("table metadata", "current-schema-id");
      LAKECODEC_ASSIGN_OR_RETURN(schema sc, schema_from_json(*legacy));
      m.current_schema_id = sc.schema_id;
    }
    if (m.find_schema(m.current_schema_id) == nullptr)
      return invalid_argument("iceberg: cannot find schema with current-schema-id=" +
                              std::to_string(m.current_schema_id) + " from schemas");
    return {};
  }
  if (v != 1)
    return invalid_argument("iceberg: schemas must exist in format v" + std::to_string(v));
  const J* legacy = member(j, "schema");
  if (legacy == nullptr) return missing("table metadata", "schema");
  LAKECODEC_ASSIGN_OR_RETURN(schema sc, schema_from_json(*legacy));
  m.current_schema_id = sc.schema_id;
  m.schemas.push_back(std::move(sc));
  return {};
}

template <class J>
status parse_specs(const J& j, table_metadata& m) {
  const int32_t v = m.format_version;
  status st;
  const J* specs = opt_array(j, "partition-specs", "table metadata", st);
  LAKECODEC_TRY(st);
  if (specs != nullptr) {
    for (const J& s : *specs) {
      LAKECODEC_ASSIGN_OR_RETURN(partition_spec ps, partition_spec_from_json(s));
      m.specs.push_back(std::move(ps));
    }
    bool has_default = false;
    LAKECODEC_TRY(opt_int(j, "default-spec-id", m.default_spec_id, has_default, "table metadata"));
    if (!has_default) {
      if (v != 1) return missing("table metadata", "default-spec-id");
      m.default_spec_id = m.specs.empty() ? 0 : m.specs.back().spec_id;
    }
  } else {
    if (v != 1)
      return invalid_argument("iceberg: partition-specs must exist in format v" +
                              std::to_string(v));
    const J* legacy = member(j, "partition-spec");
    if (legacy == nullptr) return missing("table metadata", "partition-spec");
    partition_spec ps;
    LAKECODEC_ASSIGN_OR_RETURN(ps.fields, partition_fields_from_json(*legacy));
    m.default_spec_id = 0;
    m.specs.push_back(std::move(ps));
  }
  if (m.find_spec(m.default_spec_id) == nullptr)
    return invalid_argument("iceberg: cannot find partition spec with default-spec-id=" +
                            std::to_string(m.default_spec_id));
  bool has_last = false;
  LAKECODEC_TRY(opt_int(j, "last-partition-id", m.last_partition_id, has_last, "table metadata"));
  if (!has_last) {
    if (v != 1)
      return invalid_argument("iceberg: last-partition-id must exist in format v" +
                              std::to_string(v));
    m.last_partition_id = partition_data_id_start - 1;
    for (const auto& ps : m.specs)
      m.last_partition_id = std::max(m.last_partition_id, ps.last_assigned_field_id());
  }
  return {};
}

template <class J>
status parse_sort_orders(const J& j, table_metadata& m) {
  status st;
  const J* orders = opt_array(j, "sort-orders", "table metadata", st);
  LAKECODEC_TRY(st);
  if (orders == nullptr) {
    if (m.format_version != 1)
      return invalid_argument("iceberg: sort-orders must exist in format v" +
                              std::to_string(m.format_version));
    m.sort_orders.push_back(sort_order{});
    m.default_sort_order_id = 0;
    return {};
  }
  for (const J& o : *orders) {
    LAKECODEC_ASSIGN_OR_RETURN(sort_order so, sort_order_from_json(o));
    m.sort_orders.push_back(std::move(so));
  }
  LAKECODEC_TRY(req_int(j, "default-sort-order-id", m.default_sort_order_id, "table metadata"));
  if (m.find_sort_order(m.default_sort_order_id) == nullptr)
    return invalid_argument("iceberg: cannot find sort order with default-sort-order-id=" +
                            std::to_string(m.default_sort_order_id));
  return {};
}

template <class J>
status parse_refs(const J& j, table_metadata& m) {
  const J* refs = member(j, "refs");
  if (refs == nullptr || refs->is_null()) {
    if (m.current_snapshot_id) {
      snapshot_ref main;
      main.name = "main";
      main.snapshot_id = *m.current_snapshot_id;
      m.refs.push_back(main);
    }
    return {};
  }
  if (!refs->is_object()) return wrong_type("table metadata", "refs", "an object", *refs);
  for (auto it = refs->begin(); it != refs->end(); ++it) {
    snapshot_ref r;
    r.name = it.key();
    const std::string what = "ref '" + r.name + "'";
    if (!it.value().is_object()) return invalid_argument("iceberg: " + what + " must be an object");
    LAKECODEC_TRY(req_snapshot_id(it.value(), "snapshot-id", r.snapshot_id, what));
    LAKECODEC_TRY(req_string(it.value(), "type", r.type, what));
    if (r.type != "branch" && r.type != "tag")
      return invalid_argument("iceberg: " + what + " type must be branch or tag, got '" + r.type +
                              "'");
    LAKECODEC_TRY(opt_field(it.value(), "min-snapshots-to-keep", r.min_snapshots_to_keep, what));
    LAKECODEC_TRY(opt_field(it.value(), "max-snapshot-age-ms", r.max_snapshot_age_ms, what));
    LAKECODEC_TRY(opt_field(it.value(), "max-ref-age-ms", r.max_ref_age_ms, what));
    m.refs.push_back(std::move(r));
  }
  return {};
}

template <class J>
status parse_logs_and_stats(const J& j, table_metadata& m) {
  LAKECODEC_TRY(parse_array(
      j, "snapshot-log", "table metadata", m.snapshot_log,
      [](const J& e) -> result<snapshot_log_entry> {
        snapshot_log_entry s;
        LAKECODEC_TRY(req_int(e, "timestamp-ms", s.timestamp_ms, "snapshot-log entry"));
        LAKECODEC_TRY(req_snapshot_id(e, "snapshot-id", s.snapshot_id, "snapshot-log entry"));
        return s;
      }));
  LAKECODEC_TRY(parse_array(
      j, "metadata-log", "table metadata", m.metadata_log,
      [](const J& e) -> result<metadata_log_entry> {
        metadata_log_entry s;
        LAKECODEC_TRY(req_int(e, "timestamp-ms", s.timestamp_ms, "metadata-log entry"));
        LAKECODEC_TRY(req_string(e, "metadata-file", s.metadata_file, "metadata-log entry"));
        return s;
      }));
  LAKECODEC_TRY(parse_array(j, "statistics", "table metadata", m.statistics,
                            [](const J& e) { return statistics_from_json(e); }));
  LAKECODEC_TRY(parse_array(j, "partition-statistics", "table metadata", m.partition_statistics,
                            [](const J& e) -> result<partition_statistics_file> {
                              partition_statistics_file f;
                              const char* w = "partition statistics file";
                              LAKECODEC_TRY(req_int(e, "snapshot-id", f.snapshot_id, w));
                              LAKECODEC_TRY(req_string(e, "statistics-path", f.statistics_path, w));
                              LAKECODEC_TRY(
                                  req_int(e, "file-size-in-bytes", f.file_size_in_bytes, w));
                              return f;
                            }));
  LAKECODEC_TRY(parse_array(
      j, "encryption-keys", "table metadata", m.encryption_keys,
      [](const J& e) -> result<encryption_key> {
        encryption_key k;
        const char* w = "encryption key";
        LAKECODEC_TRY(req_string(e, "key-id", k.key_id, w));
        LAKECODEC_TRY(req_string(e, "encrypted-key-metadata", k.encrypted_key_metadata, w));
        LAKECODEC_TRY(opt_field(e, "encrypted-by-id", k.encrypted_by_id, w));
        bool present = false;
        LAKECODEC_TRY(opt_string_map(e, "properties", k.properties, present, w));
        return k;
      }));
  return {};
}
}  // namespace detail

/// Cross-field checks Java's TableMetadata constructor makes: the current snapshot and every
/// ref point at existing snapshots, v3 has next-row-id, last-column-id covers the schemas.
inline status validate_table_metadata(const table_metadata& m) {
  if (m.format_version < 1 || m.format_version > max_supported_format_version)
    return unsupported("iceberg: cannot read unsupported version " +
                       std::to_string(m.format_version));
  if (m.current_snapshot_id && m.find_snapshot(*m.current_snapshot_id) == nullptr)
    return invalid_argument("iceberg: cannot find current snapshot " +
                            std::to_string(*m.current_snapshot_id) + " in snapshots");
  for (const snapshot_ref& r : m.refs)
    if (m.find_snapshot(r.snapshot_id) == nullptr)
      return invalid_argument("iceberg: ref '" + r.name + "' points at unknown snapshot " +
                              std::to_string(r.snapshot_id));
  if (m.format_version >= 3 && !m.next_row_id)
    return invalid_argument("iceberg: next-row-id must exist in format v" +
                            std::to_string(m.format_version));
  if (m.find_schema(m.current_schema_id) == nullptr)
    return invalid_argument("iceberg: cannot find schema with current-schema-id=" +
                            std::to_string(m.current_schema_id) + " from schemas");
  if (m.find_spec(m.default_spec_id) == nullptr)
    return invalid_argument("iceberg: cannot find partition spec with default-spec-id=" +
                            std::to_string(m.default_spec_id));
  if (m.find_sort_order(m.default_sort_order_id) == nullptr)
    return invalid_argument("iceberg: cannot find sort order with default-sort-order-id=" +
                            std::to_string(m.default_sort_order_id));
  return {};
}

/// Parses a table metadata JSON object, rejecting what Java rejects with Java's reasons
/// ("Cannot read unsupported version", "schemas must exist in format v2", "Cannot find schema
/// with current-schema-id=2 from schemas", ...). Spec "Table Metadata", Appendix C.
template <class J>
result<table_metadata> table_metadata_from_json(const J& j) {
  if (!j.is_object()) return invalid_argument("iceberg: table metadata must be a JSON object");
  table_metadata m;
  const std::string w = "table metadata";
  LAKECODEC_TRY(detail::req_int(j, "format-version", m.format_version, w));
  if (m.format_version < 1 || m.format_version > max_supported_format_version)
    return unsupported("iceberg: cannot read unsupported version " +
                       std::to_string(m.format_version) +
                       " (this library reads format versions 1 to " +
                       std::to_string(max_supported_format_version) + ")");
  bool present = false;
  LAKECODEC_TRY(detail::opt_string(j, "table-uuid", m.table_uuid, present, w));
  if (!present && m.format_version > 1) return detail::missing(w, "table-uuid");
  LAKECODEC_TRY(detail::req_string(j, "location", m.location, w));
  if (m.format_version > 1)
    LAKECODEC_TRY(detail::req_int(j, "last-sequence-number", m.last_sequence_number, w));
  LAKECODEC_TRY(detail::req_int(j, "last-column-id", m.last_column_id, w));
  LAKECODEC_TRY(detail::parse_schemas(j, m));
  LAKECODEC_TRY(detail::parse_specs(j, m));
  LAKECODEC_TRY(detail::parse_sort_orders(j, m));
  LAKECODEC_TRY(detail::opt_string_map(j, "properties", m.properties, present, w));
  int64_t current = -1;
  LAKECODEC_TRY(detail::opt_snapshot_id(j, "current-snapshot-id", current, present, w));
  if (present && current != -1) m.current_snapshot_id = current;
  LAKECODEC_TRY(detail::req_int(j, "last-updated-ms", m.last_updated_ms, w));
  if (m.format_version >= 3) {
    int64_t next = 0;
    LAKECODEC_TRY(detail::req_int(j, "next-row-id", next, w));
    m.next_row_id = next;
  }
  LAKECODEC_TRY(detail::parse_refs(j, m));
  LAKECODEC_TRY(detail::parse_array(j, "snapshots", w, m.snapshots, [&](const J& e) {
    return detail::snapshot_from_json(e, m.format_version);
  }));
  LAKECODEC_TRY(detail::parse_logs_and_stats(j, m));
  LAKECODEC_TRY(validate_table_metadata(m));
  return m;
}

/// Parses table metadata JSON text (see table_metadata_from_json).
inline result<table_metadata> parse_table_metadata(std::string_view text) {
  LAKECODEC_ASSIGN_OR_RETURN(ordered_json j, detail::parse_json_text(text, "table metadata"));
  return table_metadata_from_json(j);
}

// ---------------------------------------------------------------------------------------------
// Printing.

namespace detail {
inline ordered_json string_map_to_json(const string_map& m) {
  ordered_json o = ordered_json::object();
  for (const auto& kv : m) o[kv.first] = kv.second;
  return o;
}

inline ordered_json snapshot_to_json(const snapshot& s, int32_t format_version) {
  ordered_json o = ordered_json::object();
  o["snapshot-id"] = s.snapshot_id;
  if (s.parent_snapshot_id) o["parent-snapshot-id"] = *s.parent_snapshot_id;
  if (s.sequence_number || format_version > 1) o["sequence-number"] = s.sequence_number.value_or(0);
  o["timestamp-ms"] = s.timestamp_ms;
  if (!s.summary.empty() || format_version > 1) {
    ordered_json sum = ordered_json::object();
    const std::string op = s.operation();
    if (!op.empty()) sum["operation"] = op;
    for (const auto& kv : s.summary)
      if (kv.first != "operation") sum[kv.first] = kv.second;
    o["summary"] = std::move(sum);
  }
  if (!s.manifest_list.empty())
    o["manifest-list"] = s.manifest_list;
  else if (!s.manifests.empty())
    o["manifests"] = s.manifests;
  if (s.schema_id) o["schema-id"] = *s.schema_id;
  if (s.first_row_id) o["first-row-id"] = *s.first_row_id;
  if (s.added_rows) o["added-rows"] = *s.added_rows;
  if (s.key_id) o["key-id"] = *s.key_id;
  return o;
}

inline ordered_json statistics_to_json(const statistics_file& f) {
  ordered_json o = ordered_json::object();
  o["snapshot-id"] = f.snapshot_id;
  o["statistics-path"] = f.statistics_path;
  o["file-size-in-bytes"] = f.file_size_in_bytes;
  o["file-footer-size-in-bytes"] = f.file_footer_size_in_bytes;
  if (f.key_metadata) o["key-metadata"] = *f.key_metadata;
  ordered_json blobs = ordered_json::array();
  for (const blob_metadata& b : f.blobs) {
    ordered_json e = ordered_json::object();
    e["type"] = b.type;
    e["snapshot-id"] = b.snapshot_id;
    e["sequence-number"] = b.sequence_number;
    e["fields"] = b.fields;
    if (!b.properties.empty()) e["properties"] = string_map_to_json(b.properties);
    blobs.push_back(std::move(e));
  }
  o["blob-metadata"] = std::move(blobs);
  return o;
}
}  // namespace detail

/// Table metadata as JSON in Java's key order (TableMetadataParser.toJson): v1 also gets the
/// deprecated `schema` and `partition-spec`; current-snapshot-id is -1 for none in v1/v2 and
/// null in v3; next-row-id only in v3; refs always (with main when there is a current snapshot).
inline ordered_json table_metadata_to_json(const table_metadata& m) {
  const int32_t v = m.format_version;
  ordered_json o = ordered_json::object();
  o["format-version"] = v;
  if (!m.table_uuid.empty()) o["table-uuid"] = m.table_uuid;
  o["location"] = m.location;
  if (v > 1) o["last-sequence-number"] = m.last_sequence_number;
  o["last-updated-ms"] = m.last_updated_ms;
  o["last-column-id"] = m.last_column_id;
  if (v == 1 && m.current_schema()) o["schema"] = schema_to_json(*m.current_schema());
  o["current-schema-id"] = m.current_schema_id;
  ordered_json schemas = ordered_json::array();
  for (const schema& s : m.schemas) schemas.push_back(schema_to_json(s));
  o["schemas"] = std::move(schemas);
  if (v == 1 && m.default_spec()) o["partition-spec"] = partition_fields_to_json(*m.default_spec());
  o["default-spec-id"] = m.default_spec_id;
  ordered_json specs = ordered_json::array();
  for (const partition_spec& s : m.specs) specs.push_back(partition_spec_to_json(s));
  o["partition-specs"] = std::move(specs);
  o["last-partition-id"] = m.last_partition_id;
  o["default-sort-order-id"] = m.default_sort_order_id;
  ordered_json orders = ordered_json::array();
  for (const sort_order& s : m.sort_orders) orders.push_back(sort_order_to_json(s));
  o["sort-orders"] = std::move(orders);
  o["properties"] = detail::string_map_to_json(m.properties);
  if (m.current_snapshot_id)
    o["current-snapshot-id"] = *m.current_snapshot_id;
  else if (v >= 3)
    o["current-snapshot-id"] = nullptr;
  else
    o["current-snapshot-id"] = -1;
  if (v >= 3) o["next-row-id"] = m.next_row_id.value_or(0);
  if (!m.encryption_keys.empty()) {
    ordered_json keys = ordered_json::array();
    for (const encryption_key& k : m.encryption_keys) {
      ordered_json e = ordered_json::object();
      e["key-id"] = k.key_id;
      e["encrypted-key-metadata"] = k.encrypted_key_metadata;
      if (k.encrypted_by_id) e["encrypted-by-id"] = *k.encrypted_by_id;
      if (!k.properties.empty()) e["properties"] = detail::string_map_to_json(k.properties);
      keys.push_back(std::move(e));
    }
    o["encryption-keys"] = std::move(keys);
  }
  ordered_json refs = ordered_json::object();
  for (const snapshot_ref& r : m.refs) {
    ordered_json e = ordered_json::object();
    e["snapshot-id"] = r.snapshot_id;
    e["type"] = r.type;
    if (r.min_snapshots_to_keep) e["min-snapshots-to-keep"] = *r.min_snapshots_to_keep;
    if (r.max_snapshot_age_ms) e["max-snapshot-age-ms"] = *r.max_snapshot_age_ms;
    if (r.max_ref_age_ms) e["max-ref-age-ms"] = *r.max_ref_age_ms;
    refs[r.name] = std::move(e);
  }
  o["refs"] = std::move(refs);
  ordered_json snaps = ordered_json::array();
  for (const snapshot& s : m.snapshots) snaps.push_back(detail::snapshot_to_json(s, v));
  o["snapshots"] = std::move(snaps);
  ordered_json stats = ordered_json::array();
  for (const statistics_file& f : m.statistics) stats.push_back(detail::statistics_to_json(f));
  o["statistics"] = std::move(stats);
  ordered_json pstats = ordered_json::array();
  for (const partition_statistics_file& f : m.partition_statistics) {
    ordered_json e = ordered_json::object();
    e["snapshot-id"] = f.snapshot_id;
    e["statistics-path"] = f.statistics_path;
    e["file-size-in-bytes"] = f.file_size_in_bytes;
    pstats.push_back(std::move(e));
  }
  o["partition-statistics"] = std::move(pstats);
  ordered_json slog = ordered_json::array();
  for (const snapshot_log_entry& e : m.snapshot_log)
    slog.push_back(ordered_json{{"timestamp-ms", e.timestamp_ms}, {"snapshot-id", e.snapshot_id}});
  o["snapshot-log"] = std::move(slog);
  ordered_json mlog = ordered_json::array();
  for (const metadata_log_entry& e : m.metadata_log)
    mlog.push_back(
        ordered_json{{"timestamp-ms", e.timestamp_ms}, {"metadata-file", e.metadata_file}});
  o["metadata-log"] = std::move(mlog);
  return o;
}

/// Table metadata JSON text; `indent` < 0 prints compactly (Java writes compact JSON).
inline std::string print_table_metadata(const table_metadata& m, int indent = -1) {
  return detail::dump_json(table_metadata_to_json(m), indent);
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
