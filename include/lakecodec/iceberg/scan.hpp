#pragma once
// Read planning (Java DataTableScan / ManifestGroup / DeleteFileIndex, PyIceberg
// DataScan.plan_files): the live data files of a snapshot chosen by id, time or ref, each with the
// delete files that apply to it, pruned by a row filter three ways — manifests by their partition
// summaries, data files by their partition tuple (the filter projected inclusively through the
// spec's transforms) and by their column metrics.

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/expression.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/expression.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Reads a whole file named by a table location (manifest lists and manifests).
using location_reader = std::function<result<byte_buffer>(const std::string& location)>;

/// The local-file reader: file:// and bare paths (relative ones against the working directory).
inline result<byte_buffer> read_local_location(const std::string& location) {
  return read_file(local_path(location));
}

/// What to plan (Java TableScan useSnapshot / asOfTime / useRef, filter, caseSensitive).
struct scan_options {
  std::optional<int64_t> snapshot_id;
  std::optional<int64_t> as_of_timestamp_ms;  // the snapshot current at that time
  std::optional<std::string> ref;             // a branch or tag name
  expr::expression filter = expr::always_true();
  bool case_sensitive = true;
  location_reader reader = read_local_location;
};

/// A data or delete file of the plan with the sequence numbers it inherits made explicit.
struct planned_file {
  data_file file;
  int32_t spec_id = 0;
  int64_t data_sequence_number = 0;
  int64_t file_sequence_number = 0;
  int64_t snapshot_id = 0;           // the snapshot that added it
  std::vector<size_t> delete_files;  // indexes into scan_plan::delete_files (data files only)
};

/// How much the filter pruned.
struct scan_metrics {
  int64_t manifests = 0, manifests_skipped = 0;
  int64_t data_files = 0, data_files_skipped = 0;
  int64_t delete_files = 0;
};

/// The plan of one snapshot; `snapshot_id` is absent for a table without snapshots.
struct scan_plan {
  std::optional<int64_t> snapshot_id;
  std::vector<planned_file> files;
  std::vector<planned_file> delete_files;
  scan_metrics metrics;
};

/// The snapshot a scan reads: by id, by ref, as of a time (the last snapshot-log entry at or
/// before it, Java SnapshotUtil.snapshotIdAsOfTime), else the current one. nullptr for a table
/// without snapshots; not_found naming what was asked for.
inline result<const snapshot*> choose_snapshot(const table_metadata& m, const scan_options& o) {
  const int chosen =
      o.snapshot_id.has_value() + o.ref.has_value() + o.as_of_timestamp_ms.has_value();
  if (chosen > 1) return invalid_argument("iceberg: choose a snapshot by one of id, ref or time");
  if (o.snapshot_id) {
    const snapshot* s = m.find_snapshot(*o.snapshot_id);
    if (!s)
      return status(errc::not_found, "iceberg: no snapshot " + std::to_string(*o.snapshot_id));
    return s;
  }
  if (o.ref) {
    for (const snapshot_ref& r : m.refs) {
      if (r.name != *o.ref) continue;
      const snapshot* s = m.find_snapshot(r.snapshot_id);
      if (!s)
        return corrupt_data("iceberg: ref '" + r.name + "' names missing snapshot " +
                            std::to_string(r.snapshot_id));
      return s;
    }
    return status(errc::not_found, "iceberg: no branch or tag '" + *o.ref + "'");
  }
  if (o.as_of_timestamp_ms) {
    const snapshot* found = nullptr;
    for (const snapshot_log_entry& e : m.snapshot_log)
      if (e.timestamp_ms <= *o.as_of_timestamp_ms) found = m.find_snapshot(e.snapshot_id);
    if (!found)
      return status(errc::not_found, "iceberg: no snapshot at or before " +
                                         std::to_string(*o.as_of_timestamp_ms) + " ms");
    return found;
  }
  return m.current_snapshot();
}

namespace detail {

/// The manifest list entries of a snapshot; a v1 inline `manifests` list becomes entries whose
/// spec id and content are read from each manifest's header later.
inline result<std::vector<manifest_file>> list_manifests(const snapshot& s,
                                                         const location_reader& read) {
  if (s.manifest_list.empty()) {
    std::vector<manifest_file> out;
    for (const std::string& path : s.manifests) {
      manifest_file mf;
      mf.manifest_path = path;
      mf.partition_spec_id = -1;  // from the header
      out.push_back(std::move(mf));
    }
    return out;
  }
  auto bytes = read(s.manifest_list);
  if (!bytes) return bytes.error().with_context(s.manifest_list);
  auto list = read_manifest_list(byte_span(bytes->data(), bytes->size()));
  if (!list) return list.error().with_context(s.manifest_list);
  return std::move(list->entries);
}

inline int32_t header_spec_id(const manifest& m, int32_t fallback) {
  for (const auto& kv : m.metadata) {
    if (kv.first != "partition-spec-id") continue;
    auto v = json::parse_int32(kv.second, "iceberg: manifest partition-spec-id");
    if (v) return *v;
  }
  return fallback;
}

/// The filter projected onto each spec, computed once per spec id.
class spec_projections {
 public:
  spec_projections(const table_metadata& m, const schema& s, const bound_expression& filter)
      : m_(m), s_(s), filter_(filter) {}

  result<const bound_expression*> get(int32_t spec_id) {
    auto it = cache_.find(spec_id);
    if (it != cache_.end()) return &it->second;
    const partition_spec* spec = m_.find_spec(spec_id);
    if (!spec)
      return corrupt_data("iceberg: a manifest names partition spec " + std::to_string(spec_id) +
                          ", which the table metadata does not define");
    LAKECODEC_ASSIGN_OR_RETURN(bound_expression p, project_inclusive(filter_, *spec, s_));
    return &cache_.emplace(spec_id, std::move(p)).first->second;
  }

 private:
  const table_metadata& m_;
  const schema& s_;
  const bound_expression& filter_;
  std::map<int32_t, bound_expression> cache_;
};

/// File path bounds of a position delete file (reserved field 2147483546) exclude `path`.
inline bool path_outside_bounds(const data_file& del, const std::string& path) {
  constexpr int32_t file_path_field = 2147483546;
  auto lo = bytes_of(del.lower_bounds, file_path_field);
  auto hi = bytes_of(del.upper_bounds, file_path_field);
  const type t = types::string();
  const literal p = literal::of_bytes(path);
  if (lo && compare_values(t, p, literal::of_bytes(*lo)) < 0) return true;
  if (hi && compare_values(t, p, literal::of_bytes(*hi)) > 0) return true;
  return false;
}

inline bool same_partition(const planned_file& a, const planned_file& b) {
  if (a.spec_id != b.spec_id || a.file.partition.size() != b.file.partition.size()) return false;
  for (size_t i = 0; i < a.file.partition.size(); ++i) {
    const literal& x = a.file.partition[i];
    const literal& y = b.file.partition[i];
    if (x.is_null != y.is_null) return false;
    if (x.is_null) continue;
    if (x.i != y.i || x.dec != y.dec || x.bytes != y.bytes ||
        !(x.d == y.d || (std::isnan(x.d) && std::isnan(y.d))))
      return false;
  }
  return true;
}

/// Whether delete file `del` applies to data file `data` (spec "Scan Planning"): position deletes
/// and deletion vectors with a data sequence number at or above the data file's, in its
/// partition, naming it when they name a file; equality deletes with a higher data sequence
/// number, in its partition or in an unpartitioned spec (global).
inline bool delete_applies(const planned_file& del, const planned_file& data,
                           const table_metadata& m) {
  if (del.file.content == file_content::position_deletes) {
    if (del.data_sequence_number < data.data_sequence_number) return false;
    if (del.file.referenced_data_file) return *del.file.referenced_data_file == data.file.file_path;
    return same_partition(del, data) && !path_outside_bounds(del.file, data.file.file_path);
  }
  if (del.data_sequence_number <= data.data_sequence_number) return false;
  const partition_spec* spec = m.find_spec(del.spec_id);
  return (spec && spec->is_unpartitioned()) || same_partition(del, data);
}

}  // namespace detail

/// Plans a scan of table `m` (Java DataTableScan.planFiles; spec "Scan Planning"): the ADDED and
/// EXISTING files of the chosen snapshot's manifests that might hold a row matching the filter,
/// delete files attached to the data files they apply to. Errors: a filter that does not bind
/// (naming the column), a missing snapshot or ref, unreadable or corrupt manifests (naming them).
inline result<scan_plan> plan_scan(const table_metadata& m, const scan_options& o = {}) {
  scan_plan plan;
  LAKECODEC_ASSIGN_OR_RETURN(const snapshot* snap, choose_snapshot(m, o));
  const schema* s = m.current_schema();
  if (!s) return corrupt_data("iceberg: table metadata has no current schema");
  LAKECODEC_ASSIGN_OR_RETURN(bound_expression filter, bind(o.filter, *s, o.case_sensitive));
  if (!snap) return plan;
  plan.snapshot_id = snap->snapshot_id;
  LAKECODEC_ASSIGN_OR_RETURN(std::vector<manifest_file> manifests,
                             detail::list_manifests(*snap, o.reader));
  detail::spec_projections projections(m, *s, filter);
  for (manifest_file& mf : manifests) {
    ++plan.metrics.manifests;
    const bool v1_inline = mf.partition_spec_id < 0;
    if (!v1_inline) {
      LAKECODEC_ASSIGN_OR_RETURN(const bound_expression* projected,
                                 projections.get(mf.partition_spec_id));
      if (mf.content == manifest_content::data && !manifest_might_match(*projected, mf)) {
        ++plan.metrics.manifests_skipped;
        continue;
      }
    }
    auto bytes = o.reader(mf.manifest_path);
    if (!bytes) return bytes.error().with_context(mf.manifest_path);
    auto man = read_manifest(byte_span(bytes->data(), bytes->size()));
    if (!man) return man.error().with_context(mf.manifest_path);
    if (v1_inline) {
      mf.partition_spec_id = detail::header_spec_id(*man, m.default_spec_id);
      mf.content = man->content;
    }
    LAKECODEC_ASSIGN_OR_RETURN(const bound_expression* projected,
                               projections.get(mf.partition_spec_id));
    for (manifest_entry& e : man->entries) {
      if (e.status == entry_status::deleted) continue;
      planned_file pf;
      pf.spec_id = mf.partition_spec_id;
      pf.snapshot_id = e.snapshot_id.value_or(mf.added_snapshot_id);
      // Null sequence numbers inherit the manifest's (spec "Sequence Number Inheritance").
      pf.data_sequence_number = e.sequence_number.value_or(mf.sequence_number);
      pf.file_sequence_number = e.file_sequence_number.value_or(mf.sequence_number);
      const bool is_data = e.data_file.content == file_content::data;
      if (is_data) {
        ++plan.metrics.data_files;
        if (!partition_matches(*projected, e.data_file.partition) ||
            !metrics_might_match(filter, e.data_file)) {
          ++plan.metrics.data_files_skipped;
          continue;
        }
      }
      pf.file = std::move(e.data_file);
      (is_data ? plan.files : plan.delete_files).push_back(std::move(pf));
    }
  }
  plan.metrics.delete_files = static_cast<int64_t>(plan.delete_files.size());
  for (planned_file& f : plan.files)
    for (size_t d = 0; d < plan.delete_files.size(); ++d)
      if (detail::delete_applies(plan.delete_files[d], f, m)) f.delete_files.push_back(d);
  return plan;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
