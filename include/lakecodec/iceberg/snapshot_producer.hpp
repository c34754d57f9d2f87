#pragma once
// Producing snapshots (Java SnapshotProducer, FastAppend, SnapshotSummary): new table metadata,
// the manifest holding a commit's new data files, the manifest list of a snapshot, the summary
// counters Java writes, and the commit loop that re-applies an operation to the new base when a
// concurrent commit won (commit.retry.* table properties).

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/random.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/catalog.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/partition.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Milliseconds since the epoch now.
inline int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// An integer table property (`fallback` when absent). invalid_argument naming the property
/// when the value is not an integer in [lo, hi].
inline result<int64_t> int_property(const table_metadata& m, const std::string& key,
                                    int64_t fallback, int64_t lo = 0, int64_t hi = INT64_MAX) {
  const std::string text = property_or(m, key, "");
  if (text.empty()) return fallback;
  int64_t v = 0;
  size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return invalid_argument("iceberg: property " + key + " is not an integer");
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9' || v > (INT64_MAX - 9) / 10)
      return invalid_argument("iceberg: property " + key + " = '" + text + "' is not an integer");
    v = v * 10 + (text[i] - '0');
  }
  if (text[0] == '-') v = -v;
  if (v < lo || v > hi)
    return invalid_argument("iceberg: property " + key + " = " + text + " is out of range [" +
                            std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return v;
}

/// What a new table is made of.
struct table_definition {
  std::string location;  // directory or file:// URI; stored as an absolute file:// URI
  iceberg::schema schema;
  partition_spec spec;  // empty fields: unpartitioned
  string_map properties;
  int32_t format_version = 2;
};

/// The first metadata of a table (Java TableMetadata.newTableMetadata): schema 0, spec 0, the
/// unsorted order, a random table-uuid, last-column-id and last-partition-id from the ids given
/// (ids are kept as written, not reassigned), and Java's persisted default
/// write.parquet.compression-codec=zstd unless set. Errors: invalid schema or spec, naming the
/// field.
inline result<table_metadata> new_table_metadata(const table_definition& d) {
  if (d.format_version < 1 || d.format_version > max_supported_format_version)
    return invalid_argument("iceberg: format version must be 1.." +
                            std::to_string(max_supported_format_version) + ", not " +
                            std::to_string(d.format_version));
  LAKECODEC_TRY(validate_schema(d.schema));
  table_metadata m;
  m.format_version = d.format_version;
  m.table_uuid = random_uuid();
  m.location = file_uri(local_path(d.location));
  m.last_updated_ms = now_ms();
  m.schemas = {d.schema};
  m.schemas[0].schema_id = 0;
  m.current_schema_id = 0;
  m.last_column_id = m.schemas[0].highest_field_id();
  partition_spec spec = d.spec;
  spec.spec_id = 0;
  int32_t next_pid = partition_data_id_start;
  for (partition_field& f : spec.fields)
    if (f.field_id < partition_data_id_start) f.field_id = next_pid++;
  for (const partition_field& f : spec.fields) next_pid = std::max(next_pid, f.field_id + 1);
  LAKECODEC_ASSIGN_OR_RETURN(type tuple_type, partition_type(spec, m.schemas[0]));
  (void)tuple_type;
  m.specs = {spec};
  m.default_spec_id = 0;
  m.last_partition_id = next_pid - 1;
  m.sort_orders = {sort_order{}};
  m.default_sort_order_id = 0;
  m.properties = d.properties;
  if (property_or(m, "write.parquet.compression-codec", "").empty())
    m.properties.emplace_back("write.parquet.compression-codec", "zstd");
  if (m.format_version >= 3) m.next_row_id = 0;
  LAKECODEC_TRY(validate_table_metadata(m));
  return m;
}

/// The counters of one commit (Java SnapshotSummary.Builder). Only data files for now.
struct summary_counts {
  int64_t added_data_files = 0, deleted_data_files = 0;
  int64_t added_records = 0, deleted_records = 0;
  int64_t added_files_size = 0, removed_files_size = 0;
  std::set<std::string> changed_partitions;

  /// Counts a data file added (or removed) in partition `partition_key`.
  void add(const data_file& f, const std::string& partition_key) {
    ++added_data_files;
    added_records += f.record_count;
    added_files_size += f.file_size_in_bytes;
    changed_partitions.insert(partition_key);
  }
  void remove(const data_file& f, const std::string& partition_key) {
    ++deleted_data_files;
    deleted_records += f.record_count;
    removed_files_size += f.file_size_in_bytes;
    changed_partitions.insert(partition_key);
  }
};

namespace detail {

inline const std::string* summary_value(const snapshot* s, const char* key) {
  if (!s) return nullptr;
  for (const auto& kv : s->summary)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

inline int64_t parse_summary_long(const std::string& s, bool& ok) {
  int64_t v = 0;
  ok = !s.empty() && s.size() < 19;
  for (char c : s) {
    if (c < '0' || c > '9') ok = false;
    if (ok) v = v * 10 + (c - '0');
  }
  return ok ? v : 0;
}

/// One total-* counter: parent's total + delta, or absent when the parent snapshot exists but
/// does not carry the total (Java SnapshotProducer.updateTotal does the same).
inline void put_total(string_map& out, const snapshot* parent, const char* key, int64_t delta) {
  int64_t prev = 0;
  if (parent) {
    const std::string* v = summary_value(parent, key);
    if (!v) return;
    bool ok = false;
    prev = parse_summary_long(*v, ok);
    if (!ok) return;
  }
  out.emplace_back(key, std::to_string(std::max<int64_t>(0, prev + delta)));
}

}  // namespace detail

/// The summary Java writes for a data-file commit: operation first, then the added/deleted
/// counters that are non-zero, changed-partition-count, the totals, and the engine.
inline string_map snapshot_summary(const std::string& operation, const summary_counts& c,
                                   const snapshot* parent) {
  string_map s;
  s.emplace_back("operation", operation);
  auto put = [&](const char* key, int64_t v) {
    if (v != 0) s.emplace_back(key, std::to_string(v));
  };
  put("added-data-files", c.added_data_files);
  put("deleted-data-files", c.deleted_data_files);
  put("added-records", c.added_records);
  put("deleted-records", c.deleted_records);
  put("added-files-size", c.added_files_size);
  put("removed-files-size", c.removed_files_size);
  s.emplace_back("changed-partition-count", std::to_string(c.changed_partitions.size()));
  detail::put_total(s, parent, "total-records", c.added_records - c.deleted_records);
  detail::put_total(s, parent, "total-files-size", c.added_files_size - c.removed_files_size);
  detail::put_total(s, parent, "total-data-files", c.added_data_files - c.deleted_data_files);
  detail::put_total(s, parent, "total-delete-files", 0);
  detail::put_total(s, parent, "total-position-deletes", 0);
  detail::put_total(s, parent, "total-equality-deletes", 0);
  s.emplace_back("engine-name", "lakecodec");
  s.emplace_back("engine-version", LAKECODEC_VERSION_STRING);
  return s;
}

/// The manifest list entries of a snapshot (empty for none). Errors: unreadable list; a v1
/// snapshot with an inline manifest list is unsupported.
inline result<std::vector<manifest_file>> snapshot_manifests(const snapshot* s) {
  if (!s) return std::vector<manifest_file>{};
  if (s->manifest_list.empty())
    return unsupported("iceberg: snapshot " + std::to_string(s->snapshot_id) +
                       " lists its manifests inline (v1 'manifests'); rewrite it with Java first");
  auto bytes = read_file(local_path(s->manifest_list));
  if (!bytes) return bytes.error().with_context(s->manifest_list);
  auto list = read_manifest_list(byte_span(bytes->data(), bytes->size()));
  if (!list) return list.error().with_context(s->manifest_list);
  return std::move(list->entries);
}

namespace detail {

/// A manifest of a snapshot, decoded, with the list entry that names it.
struct loaded_manifest {
  manifest_file entry;
  manifest contents;
};

inline result<loaded_manifest> load_manifest(const manifest_file& mf) {
  auto bytes = read_file(local_path(mf.manifest_path));
  if (!bytes) return bytes.error().with_context(mf.manifest_path);
  auto m = read_manifest(byte_span(bytes->data(), bytes->size()));
  if (!m) return m.error().with_context(mf.manifest_path);
  return loaded_manifest{mf, std::move(*m)};
}

/// Makes inherited values explicit (spec "Sequence Number Inheritance", "First Row ID
/// Inheritance"), as every EXISTING or DELETED entry of a rewritten manifest must carry them.
inline void make_inherited_explicit(const manifest_file& mf, std::vector<manifest_entry>& entries) {
  int64_t next_row_id = mf.first_row_id.value_or(0);
  for (manifest_entry& e : entries) {
    if (!e.snapshot_id) e.snapshot_id = mf.added_snapshot_id;
    if (!e.sequence_number && e.status == entry_status::added)
      e.sequence_number = mf.sequence_number;
    if (!e.file_sequence_number && e.status == entry_status::added)
      e.file_sequence_number = mf.sequence_number;
    if (mf.first_row_id && !e.data_file.first_row_id && e.status != entry_status::deleted) {
      e.data_file.first_row_id = next_row_id;
      next_row_id += e.data_file.record_count;
    }
  }
}

}  // namespace detail

/// A human-readable key of a data file's partition, for changed-partition-count.
inline std::string partition_key(const data_file& f) {
  std::string k;
  for (const literal& l : f.partition) {
    k += l.is_null ? "n" : "v" + std::to_string(l.i) + ":" + std::to_string(l.d) + ":" + l.bytes;
    k += '\x1f';
  }
  return k;
}

/// Appends the base file to the metadata log of `m`, keeping write.metadata.previous-versions-max
/// entries (Java TableMetadata.Builder.addPreviousFile); every commit does this.
inline status record_previous_metadata(table_metadata& m, const loaded_table& base) {
  LAKECODEC_ASSIGN_OR_RETURN(int64_t max,
                             int_property(m, "write.metadata.previous-versions-max", 100, 1));
  m.metadata_log.push_back({base.metadata.last_updated_ms, base.metadata_location});
  if (static_cast<int64_t>(m.metadata_log.size()) > max)
    m.metadata_log.erase(m.metadata_log.begin(),
                         m.metadata_log.end() - static_cast<std::ptrdiff_t>(max));
  return {};
}

/// One snapshot being produced: its id, the files written for it (removed if it never commits),
/// and the manifest list + metadata it adds to a base (Java SnapshotProducer.apply).
class snapshot_producer {
 public:
  explicit snapshot_producer(std::string operation)
      : operation_(std::move(operation)),
        snapshot_id_(random_positive_id()),
        commit_uuid_(random_uuid()) {}
  snapshot_producer(const snapshot_producer&) = delete;
  snapshot_producer& operator=(const snapshot_producer&) = delete;
  ~snapshot_producer() {
    if (!committed_) discard_files();
  }

  int64_t snapshot_id() const noexcept { return snapshot_id_; }

  /// Path of the n-th new manifest of this commit (Java: metadata/<commit-uuid>-m<n>.avro).
  std::string manifest_location(const table_metadata& m, int n) const {
    return m.location + "/metadata/" + commit_uuid_ + "-m" + std::to_string(n) + ".avro";
  }

  /// Writes a manifest of ADDED entries (snapshot id set, sequence numbers left to inherit, as
  /// Java's fast append writes them) for `files` under the table's current schema and spec
  /// `spec_id`.
  result<manifest_file> write_added_manifest(const table_metadata& m, int32_t spec_id,
                                             const std::vector<data_file>& files) {
    const partition_spec* spec = m.find_spec(spec_id);
    if (!spec) return invalid_argument("iceberg: no partition spec " + std::to_string(spec_id));
    manifest_writer_options o;
    o.format_version = m.format_version;
    o.schema = *m.current_schema();
    o.spec = *spec;
    o.snapshot_id = snapshot_id_;
    o.manifest_path = manifest_location(m, manifest_count_++);
    LAKECODEC_ASSIGN_OR_RETURN(file_sink sink, open_new_file(o.manifest_path));
    LAKECODEC_ASSIGN_OR_RETURN(manifest_writer w, manifest_writer::open(sink, o));
    for (const data_file& f : files) {
      manifest_entry e;
      e.status = entry_status::added;
      e.snapshot_id = snapshot_id_;
      e.data_file = f;
      if (m.format_version >= 3) e.data_file.first_row_id.reset();
      LAKECODEC_TRY(w.add(e));
    }
    LAKECODEC_ASSIGN_OR_RETURN(manifest_file mf, w.close());
    LAKECODEC_TRY(sink.close());
    return mf;
  }

  /// The metadata `base` becomes with this snapshot on main: the manifest list (`added`, whose
  /// sequence numbers are this snapshot's, then `kept` verbatim) written for attempt `attempt`,
  /// the snapshot with `summary`, sequence number, v3 row ids, refs, snapshot and metadata logs.
  result<table_metadata> apply(const loaded_table& base, std::vector<manifest_file> added,
                               const std::vector<manifest_file>& kept, string_map summary) {
    const table_metadata& b = base.metadata;
    table_metadata m = b;
    const int32_t v = b.format_version;
    const int64_t seq = v >= 2 ? b.last_sequence_number + 1 : 0;
    const int64_t ts = std::max(now_ms(), b.last_updated_ms + 1);
    manifest_list_options lo;
    lo.format_version = v;
    lo.snapshot_id = snapshot_id_;
    lo.parent_snapshot_id = b.current_snapshot_id;
    lo.sequence_number = seq;
    lo.first_row_id = b.next_row_id.value_or(0);
    const std::string list_path = m.location + "/metadata/snap-" + std::to_string(snapshot_id_) +
                                  "-" + std::to_string(++attempt_) + "-" + commit_uuid_ + ".avro";
    LAKECODEC_ASSIGN_OR_RETURN(file_sink sink, open_new_file(list_path));
    lists_.push_back(local_path(list_path));
    LAKECODEC_ASSIGN_OR_RETURN(manifest_list_writer w, manifest_list_writer::open(sink, lo));
    for (manifest_file& mf : added) {
      mf.sequence_number = seq;
      mf.min_sequence_number = seq;
      mf.added_snapshot_id = snapshot_id_;
      mf.first_row_id.reset();
      LAKECODEC_TRY(w.add(mf));
    }
    for (const manifest_file& mf : kept) LAKECODEC_TRY(w.add(mf));
    LAKECODEC_TRY(w.close());
    LAKECODEC_TRY(sink.close());

    snapshot s;
    s.snapshot_id = snapshot_id_;
    s.parent_snapshot_id = b.current_snapshot_id;
    if (v >= 2) s.sequence_number = seq;
    s.timestamp_ms = ts;
    s.manifest_list = list_path;
    s.summary = std::move(summary);
    s.schema_id = b.current_schema_id;
    if (v >= 3) {
      s.first_row_id = lo.first_row_id;
      s.added_rows = w.next_row_id() - lo.first_row_id;
      m.next_row_id = w.next_row_id();
    }
    m.snapshots.push_back(std::move(s));
    if (v >= 2) m.last_sequence_number = seq;
    m.last_updated_ms = ts;
    m.current_snapshot_id = snapshot_id_;
    set_main_ref(m, snapshot_id_);
    m.snapshot_log.push_back({ts, snapshot_id_});
    LAKECODEC_TRY(record_previous_metadata(m, base));
    return m;
  }

  /// Creates a new file (never replacing one) that is removed unless the snapshot commits.
  result<file_sink> open_new_file(const std::string& location) {
    const std::string path = local_path(location);
    file_sink_options o;
    o.overwrite = false;
    auto f = file_sink::open(path, o);
    if (f) written_.push_back(path);
    return f;
  }

  /// Marks the snapshot committed with the manifest list of the last apply(): its files stay,
  /// the lists of earlier (lost) attempts are removed.
  void committed() noexcept {
    committed_ = true;
    for (size_t i = 0; i + 1 < lists_.size(); ++i) {
      std::error_code ec;
      std::filesystem::remove(lists_[i], ec);
    }
  }

 private:
  void discard_files() noexcept {
    for (const std::string& p : written_) {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  }

  static void set_main_ref(table_metadata& m, int64_t id) {
    for (snapshot_ref& r : m.refs)
      if (r.name == "main") {
        r.snapshot_id = id;
        return;
      }
    snapshot_ref r;
    r.name = "main";
    r.snapshot_id = id;
    m.refs.insert(m.refs.begin(), r);
  }

  std::string operation_;
  int64_t snapshot_id_;
  std::string commit_uuid_;
  int manifest_count_ = 0;
  int attempt_ = 0;
  bool committed_ = false;
  std::vector<std::string> written_;
  std::vector<std::string> lists_;
};

/// Manifest merging of appends (Java TableProperties commit.manifest-merge.enabled, default
/// true; commit.manifest.min-count-to-merge, 100; commit.manifest.target-size-bytes, 8 MiB).
struct manifest_merge_settings {
  bool enabled = true;
  int64_t min_count_to_merge = 100;
  int64_t target_size_bytes = int64_t{8} << 20;
};

/// The merge settings of table `m`; invalid_argument naming a malformed property.
inline result<manifest_merge_settings> merge_settings_of(const table_metadata& m) {
  manifest_merge_settings s;
  const std::string enabled = property_or(m, "commit.manifest-merge.enabled", "true");
  if (enabled != "true" && enabled != "false")
    return invalid_argument("iceberg: commit.manifest-merge.enabled must be true or false, got '" +
                            enabled + "'");
  s.enabled = enabled == "true";
  LAKECODEC_ASSIGN_OR_RETURN(s.min_count_to_merge,
                             int_property(m, "commit.manifest.min-count-to-merge", 100, 0));
  LAKECODEC_ASSIGN_OR_RETURN(
      s.target_size_bytes,
      int_property(m, "commit.manifest.target-size-bytes", int64_t{8} << 20, 1));
  return s;
}

namespace detail {

/// Consecutive runs of manifests of at most `target` bytes, filled from the oldest end so that
/// the run holding the newest manifests is the one left partly full (Java ListPacker.packEnd with
/// a lookback of 1). A manifest larger than the target gets a run of its own.
inline std::vector<std::vector<manifest_file>> pack_end(const std::vector<manifest_file>& items,
                                                        int64_t target) {
  std::vector<std::vector<manifest_file>> bins;
  int64_t weight = 0;
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    if (bins.empty() || weight + it->manifest_length > target) {
      bins.emplace_back();
      weight = 0;
    }
    bins.back().push_back(*it);
    weight += it->manifest_length;
  }
  for (auto& b : bins) std::reverse(b.begin(), b.end());
  std::reverse(bins.begin(), bins.end());
  return bins;
}

}  // namespace detail

/// Merges the data manifests of a snapshot being produced as Java's ManifestMergeManager does for
/// MergeAppend. Per partition spec, `fresh` (this snapshot's new manifests, not yet in a list) and
/// the parent's data manifests are packed into runs of the target size; a run of several
/// manifests becomes one new manifest, unless it holds the first fresh manifest and fewer than
/// min-count-to-merge manifests. Older files become EXISTING with their inherited snapshot id,
/// sequence numbers and v3 row ids explicit; entries other snapshots deleted are dropped.
/// `fresh` keeps the new manifests left as they are; the rest (merged, untouched, delete
/// manifests) is returned in list order. New files are named through `next_name`.
inline result<std::vector<manifest_file>> merge_manifests(
    snapshot_producer& p, const table_metadata& m, const manifest_merge_settings& s,
    std::vector<manifest_file>& fresh, const std::vector<manifest_file>& kept, int& next_name,
    std::vector<std::string>& written) {
  if (!s.enabled || fresh.empty()) return kept;
  const std::string first = fresh.front().manifest_path;
  std::set<std::string> fresh_paths;
  std::map<int32_t, std::vector<manifest_file>, std::greater<int32_t>> groups;
  std::vector<manifest_file> deletes;
  for (const manifest_file& mf : fresh) {
    fresh_paths.insert(mf.manifest_path);
    groups[mf.partition_spec_id].push_back(mf);
  }
  for (const manifest_file& mf : kept)
    (mf.content == manifest_content::data ? groups[mf.partition_spec_id] : deletes).push_back(mf);
  const int64_t seq = m.format_version >= 2 ? m.last_sequence_number + 1 : 0;
  std::vector<manifest_file> left_fresh, out;
  auto keep = [&](const manifest_file& mf) {
    (fresh_paths.count(mf.manifest_path) ? left_fresh : out).push_back(mf);
  };
  for (const auto& [spec_id, group] : groups) {
    for (const std::vector<manifest_file>& bin : detail::pack_end(group, s.target_size_bytes)) {
      const bool has_first = std::any_of(bin.begin(), bin.end(), [&](const manifest_file& mf) {
        return mf.manifest_path == first;
      });
      if (bin.size() == 1 ||
          (has_first && static_cast<int64_t>(bin.size()) < s.min_count_to_merge)) {
        for (const manifest_file& mf : bin) keep(mf);
        continue;
      }
      const partition_spec* spec = m.find_spec(spec_id);
      if (!spec)
        return corrupt_data("iceberg: a manifest names partition spec " + std::to_string(spec_id) +
                            ", which the table does not have");
      manifest_writer_options o;
      o.format_version = m.format_version;
      o.schema = *m.current_schema();
      o.spec = *spec;
      o.snapshot_id = p.snapshot_id();
      o.sequence_number = seq;
      o.manifest_path = p.manifest_location(m, 1000 + next_name++);
      std::optional<manifest_writer> w;
      LAKECODEC_ASSIGN_OR_RETURN(file_sink sink, p.open_new_file(o.manifest_path));
      written.push_back(local_path(o.manifest_path));
      for (const manifest_file& mf : bin) {
        LAKECODEC_ASSIGN_OR_RETURN(detail::loaded_manifest lm, detail::load_manifest(mf));
        if (!w) {
          o.partition_type = lm.contents.partition_type;
          LAKECODEC_ASSIGN_OR_RETURN(manifest_writer opened, manifest_writer::open(sink, o));
          w.emplace(std::move(opened));
        }
        const bool is_fresh = fresh_paths.count(mf.manifest_path) != 0;
        if (!is_fresh) detail::make_inherited_explicit(mf, lm.contents.entries);
        for (manifest_entry& e : lm.contents.entries) {
          if (e.status == entry_status::deleted) continue;  // no deletes in an append
          if (!is_fresh) e.status = entry_status::existing;
          LAKECODEC_TRY(w->add(e));
        }
      }
      LAKECODEC_ASSIGN_OR_RETURN(manifest_file merged, w->close());
      LAKECODEC_TRY(sink.close());
      out.push_back(std::move(merged));
    }
  }
  fresh = std::move(left_fresh);
  out.insert(out.end(), deletes.begin(), deletes.end());
  return out;
}

/// Runs `apply(base) -> next metadata` and commits it, reloading the table and re-applying on
/// conflict up to commit.retry.num-retries times (default 4) with exponential backoff between
/// commit.retry.min-wait-ms (100) and commit.retry.max-wait-ms (60000), as Java's
/// SnapshotProducer.commit does. Errors other than a conflict end the loop at once.
inline result<loaded_table> commit_with_retry(
    catalog& cat, const std::string& name,
    const std::function<result<table_metadata>(const loaded_table&)>& apply) {
  LAKECODEC_ASSIGN_OR_RETURN(loaded_table base, cat.load(name));
  LAKECODEC_ASSIGN_OR_RETURN(int64_t retries,
                             int_property(base.metadata, "commit.retry.num-retries", 4, 0));
  LAKECODEC_ASSIGN_OR_RETURN(int64_t min_wait,
                             int_property(base.metadata, "commit.retry.min-wait-ms", 100, 0));
  LAKECODEC_ASSIGN_OR_RETURN(int64_t max_wait,
                             int_property(base.metadata, "commit.retry.max-wait-ms", 60000, 0));
  int64_t wait = std::max<int64_t>(1, min_wait);
  for (int64_t attempt = 0;; ++attempt) {
    LAKECODEC_ASSIGN_OR_RETURN(table_metadata next, apply(base));
    auto done = cat.commit(base, next);
    if (done || done.error().code() != errc::conflict || attempt >= retries) return done;
    const int64_t jitter = static_cast<int64_t>(random_u64() % static_cast<uint64_t>(wait));
    std::this_thread::sleep_for(std::chrono::milliseconds(wait / 2 + jitter));
    wait = std::min<int64_t>(std::max<int64_t>(wait * 2, 1), std::max<int64_t>(max_wait, 1));
    LAKECODEC_ASSIGN_OR_RETURN(base, cat.load(name));
  }
}

/// Writes the data files of a worker task as a manifest at `location` (a new file) in the form
/// Java's AppendFiles.appendManifest accepts: ADDED entries whose snapshot id and sequence
/// numbers are left unset for the committing snapshot to assign, under the table's current
/// schema and default spec. Returns the manifest's list entry (added_snapshot_id 0: unassigned).
inline result<manifest_file> write_worker_manifest(const table_metadata& m,
                                                   const std::vector<data_file>& files,
                                                   const std::string& location) {
  const partition_spec* spec = m.default_spec();
  const schema* s = m.current_schema();
  if (!spec || !s) return invalid_argument("iceberg: table has no current schema or spec");
  manifest_writer_options o;
  o.format_version = m.format_version;
  o.schema = *s;
  o.spec = *spec;
  o.manifest_path = location;
  file_sink_options fo;
  fo.overwrite = false;
  LAKECODEC_ASSIGN_OR_RETURN(file_sink sink, file_sink::open(local_path(location), fo));
  LAKECODEC_ASSIGN_OR_RETURN(manifest_writer w, manifest_writer::open(sink, o));
  for (const data_file& f : files) {
    manifest_entry e;
    e.status = entry_status::added;
    e.data_file = f;
    e.data_file.first_row_id.reset();
    LAKECODEC_TRY(w.add(e));
  }
  LAKECODEC_ASSIGN_OR_RETURN(manifest_file mf, w.close());
  LAKECODEC_TRY(sink.close());
  return mf;
}

/// Appends data files to a table in one snapshot: one new manifest per partition spec with the
/// files, the parent's manifests kept as they are (Java FastAppend) or, with merge(), merged per
/// the table's commit.manifest-merge.* properties (Java MergeAppend, what Java's newAppend()
/// does). Appends never conflict: a lost race re-applies the append to the new base, reusing the
/// new manifests (their entries inherit sequence numbers) and merging afresh.
class fast_append {
 public:
  /// Merge manifests as Java's MergeAppend does, when the table's properties enable it.
  fast_append& merge(bool on = true) {
    merge_ = on;
    return *this;
  }

  /// Adds a data file whose partition tuple follows the table's default spec.
  void add_file(data_file f) { default_spec_files_.push_back(std::move(f)); }

  /// Adds every file of a worker manifest (write_worker_manifest, or Java's
  /// ManifestWriter output) under the manifest's own spec. Refused like Java's appendManifest:
  /// entries that are not ADDED, or that carry a snapshot id, and delete manifests.
  status add_manifest(const std::string& location) {
    auto bytes = read_file(local_path(location));
    if (!bytes) return bytes.error().with_context(location);
    auto man = read_manifest(byte_span(bytes->data(), bytes->size()));
    if (!man) return man.error().with_context(location);
    if (man->content != manifest_content::data)
      return invalid_argument("iceberg: cannot append delete manifest '" + location + "'");
    int32_t spec_id = 0;
    for (const auto& kv : man->metadata)
      if (kv.first == "partition-spec-id") {
        auto v = json::parse_int32(kv.second, "iceberg: manifest partition-spec-id");
        if (!v) return v.error().with_context(location);
        spec_id = *v;
      }
    std::vector<data_file>& out = spec_files_[spec_id];
    for (manifest_entry& e : man->entries) {
      if (e.status != entry_status::added)
        return invalid_argument("iceberg: cannot append manifest '" + location +
                                "' with existing or deleted files");
      if (e.snapshot_id && *e.snapshot_id != -1)
        return invalid_argument("iceberg: manifest '" + location +
                                "' has snapshot ids: they must be assigned during commit");
      out.push_back(std::move(e.data_file));
    }
    return {};
  }

  /// Commits the files as one `append` snapshot; returns the committed table. Nothing is
  /// committed when no file was added (invalid_argument).
  result<loaded_table> commit(catalog& cat, const std::string& name) {
    bool any = !default_spec_files_.empty();
    for (const auto& kv : spec_files_) any = any || !kv.second.empty();
    if (!any) return invalid_argument("iceberg: append of no data files");
    snapshot_producer p("append");
    std::map<int32_t, manifest_file> written;  // spec id -> manifest, reused across retries
    int32_t default_spec = -1;
    int merged_names = 0;
    std::vector<std::string> merged_files;
    std::set<std::string> listed_fresh;  // new manifests the last attempt listed unmerged
    auto apply = [&](const loaded_table& base) -> result<table_metadata> {
      const table_metadata& m = base.metadata;
      std::map<int32_t, std::vector<data_file>> groups = spec_files_;
      if (!default_spec_files_.empty()) {
        if (default_spec != m.default_spec_id) written.erase(default_spec);
        default_spec = m.default_spec_id;
        auto& g = groups[m.default_spec_id];
        g.insert(g.end(), default_spec_files_.begin(), default_spec_files_.end());
      }
      std::vector<manifest_file> added;
      summary_counts c;
      for (const auto& kv : groups) {
        if (kv.second.empty()) continue;
        auto it = written.find(kv.first);
        if (it == written.end()) {
          LAKECODEC_ASSIGN_OR_RETURN(manifest_file mf,
                                     p.write_added_manifest(m, kv.first, kv.second));
          it = written.emplace(kv.first, std::move(mf)).first;
        }
        added.push_back(it->second);
        for (const data_file& f : kv.second) c.add(f, std::to_string(kv.first) + partition_key(f));
      }
      const snapshot* parent = m.current_snapshot();
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<manifest_file> kept, snapshot_manifests(parent));
      if (merge_) {
        discard(merged_files);  // from an attempt that lost its race
        LAKECODEC_ASSIGN_OR_RETURN(manifest_merge_settings s, merge_settings_of(m));
        LAKECODEC_ASSIGN_OR_RETURN(
            kept, merge_manifests(p, m, s, added, kept, merged_names, merged_files));
      }
      listed_fresh.clear();
      for (const manifest_file& mf : added) listed_fresh.insert(mf.manifest_path);
      return p.apply(base, std::move(added), kept, snapshot_summary("append", c, parent));
    };
    auto r = commit_with_retry(cat, name, apply);
    if (!r) return r;
    p.committed();
    // New manifests that went into a merged one are referenced by nothing (Java removes them).
    std::vector<std::string> unlisted;
    for (const auto& kv : written)
      if (!listed_fresh.count(kv.second.manifest_path))
        unlisted.push_back(local_path(kv.second.manifest_path));
    discard(unlisted);
    return r;
  }

 private:
  static void discard(std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
    }
    paths.clear();
  }

  bool merge_ = false;
  std::vector<data_file> default_spec_files_;
  std::map<int32_t, std::vector<data_file>> spec_files_;
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
