#pragma once
// Snapshot operations beyond the fast append (Java BaseOverwriteFiles, BaseReplacePartitions,
// StreamingDelete, RemoveSnapshots): replacing the files of a table or of the partitions new data
// touches, deleting files by a predicate on their partition, and expiring snapshots with the files
// only they referenced. Deleting rewrites the affected manifests as Java's ManifestFilterManager
// does: removed files become DELETED entries of the new snapshot, the others EXISTING with their
// sequence numbers (and v3 first row ids) made explicit; manifests without a removed file are kept.

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/expression.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/catalog.hpp"
#include "lakecodec/iceberg/expression.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/scan.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// Whether a live data file (of partition spec `spec_id`) is to be removed.
using file_predicate = std::function<bool(int32_t spec_id, const data_file&)>;

/// Replaces or removes data files in one snapshot: `overwrite` (whole table or by predicate),
/// `replace_partitions` (dynamic overwrite: the partitions the new files touch), or `delete`
/// (files matching a predicate, no new files). A concurrent commit that added files this
/// operation would have removed makes the commit fail with errc::conflict instead of silently
/// keeping them (Java validateNoConflictingData / validateAddedFilesMatchOverwriteFilter).
class overwrite_files {
 public:
  enum class mode { overwrite, replace_partitions, delete_files };

  explicit overwrite_files(mode m) : mode_(m) {}

  /// Adds a new data file (partition tuple of the table's default spec).
  void add_file(data_file f) { added_.push_back(std::move(f)); }
  /// Removes every live file the predicate selects (overwrite and delete modes); without one an
  /// overwrite replaces the whole table.
  void remove_where(file_predicate p) { predicate_ = std::move(p); }

  /// Commits, re-applying to a newer base on a lost race after checking that the commits in
  /// between added nothing this operation removes. Errors: conflict, a delete that matches no
  /// file (not_found, nothing committed), I/O.
  result<loaded_table> commit(catalog& cat, const std::string& name) {
    if (mode_ == mode::delete_files && !predicate_)
      return invalid_argument("iceberg: delete needs a predicate");
    if (mode_ != mode::delete_files && added_.empty() && mode_ == mode::replace_partitions)
      return invalid_argument("iceberg: replace partitions of no data files");
    snapshot_producer p(mode_ == mode::delete_files ? "delete" : "overwrite");
    std::optional<manifest_file> added_manifest;
    std::optional<int64_t> first_base_snapshot;
    bool first = true;
    auto apply = [&](const loaded_table& base) -> result<table_metadata> {
      const table_metadata& m = base.metadata;
      default_spec_id_ = m.default_spec_id;
      if (first) {
        first_base_snapshot = m.current_snapshot_id;
        first = false;
      } else {
        LAKECODEC_TRY(validate_no_conflicting_files(m, first_base_snapshot));
      }
      const snapshot* parent = m.current_snapshot();
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<manifest_file> manifests, snapshot_manifests(parent));
      const int64_t seq = m.format_version >= 2 ? m.last_sequence_number + 1 : 0;
      summary_counts c;
      std::vector<manifest_file> kept;
      int rewritten = 0;
      for (const manifest_file& mf : manifests) {
        if (mf.content != manifest_content::data) {
          kept.push_back(mf);
          continue;
        }
        LAKECODEC_ASSIGN_OR_RETURN(detail::loaded_manifest lm, detail::load_manifest(mf));
        bool touched = false;
        for (const manifest_entry& e : lm.contents.entries)
          touched = touched || (e.status != entry_status::deleted && removes(mf, e.data_file));
        if (!touched) {
          kept.push_back(mf);
          continue;
        }
        LAKECODEC_ASSIGN_OR_RETURN(manifest_file nm,
                                   rewrite_without(p, m, lm, seq, rewritten++, c));
        kept.push_back(std::move(nm));
      }
      if (mode_ == mode::delete_files && c.deleted_data_files == 0)
        return status(errc::not_found, "iceberg: the delete matches no data file");
      std::vector<manifest_file> added;
      if (!added_.empty()) {
        if (!added_manifest) {
          LAKECODEC_ASSIGN_OR_RETURN(added_manifest,
                                     p.write_added_manifest(m, m.default_spec_id, added_));
        }
        added.push_back(*added_manifest);
        for (const data_file& f : added_)
          c.add(f, std::to_string(m.default_spec_id) + partition_key(f));
      }
      string_map summary = snapshot_summary(p_operation(), c, parent);
      if (mode_ == mode::replace_partitions) summary.emplace_back("replace-partitions", "true");
      return p.apply(base, std::move(added), kept, std::move(summary));
    };
    auto r = commit_with_retry(cat, name, apply);
    if (r) p.committed();
    return r;
  }

 private:
  const char* p_operation() const { return mode_ == mode::delete_files ? "delete" : "overwrite"; }

  /// Whether live file `f` of manifest `mf` goes.
  bool removes(const manifest_file& mf, const data_file& f) const {
    switch (mode_) {
      case mode::replace_partitions: {
        const std::string key = std::to_string(mf.partition_spec_id) + partition_key(f);
        for (const data_file& a : added_)
          if (key == std::to_string(default_spec_id_) + partition_key(a)) return true;
        return false;
      }
      case mode::overwrite: return !predicate_ || predicate_(mf.partition_spec_id, f);
      case mode::delete_files: return predicate_(mf.partition_spec_id, f);
    }
    return false;
  }

  /// `lm` rewritten for this snapshot: removed files DELETED, the rest EXISTING.
  result<manifest_file> rewrite_without(snapshot_producer& p, const table_metadata& m,
                                        detail::loaded_manifest& lm, int64_t seq, int n,
                                        summary_counts& c) {
    std::vector<manifest_entry> entries;
    for (const manifest_entry& e : lm.contents.entries)
      if (e.status != entry_status::deleted) entries.push_back(e);
    detail::make_inherited_explicit(lm.entry, entries);
    const partition_spec* spec = m.find_spec(lm.entry.partition_spec_id);
    if (!spec)
      return corrupt_data("iceberg: manifest '" + lm.entry.manifest_path +
                          "' names partition spec " + std::to_string(lm.entry.partition_spec_id) +
                          ", which the table does not have");
    manifest_writer_options o;
    o.format_version = m.format_version;
    o.schema = *m.current_schema();
    o.spec = *spec;
    o.partition_type = lm.contents.partition_type;
    o.snapshot_id = p.snapshot_id();
    o.sequence_number = seq;
    o.manifest_path = p.manifest_location(m, 100 + n);
    LAKECODEC_ASSIGN_OR_RETURN(file_sink sink, p.open_new_file(o.manifest_path));
    LAKECODEC_ASSIGN_OR_RETURN(manifest_writer w, manifest_writer::open(sink, o));
    for (manifest_entry& e : entries) {
      if (removes(lm.entry, e.data_file)) {
        e.status = entry_status::deleted;
        e.snapshot_id = p.snapshot_id();
        c.remove(e.data_file,
                 std::to_string(lm.entry.partition_spec_id) + partition_key(e.data_file));
      } else {
        e.status = entry_status::existing;
      }
      LAKECODEC_TRY(w.add(e));
    }
    LAKECODEC_ASSIGN_OR_RETURN(manifest_file mf, w.close());
    LAKECODEC_TRY(sink.close());
    mf.first_row_id.reset();
    return mf;
  }

  /// Files added by the snapshots committed after `since` (on the path to the current one) that
  /// this operation would have removed: a conflict (appends on untouched partitions are fine).
  status validate_no_conflicting_files(const table_metadata& m,
                                       std::optional<int64_t> since) const {
    for (const snapshot* s = m.current_snapshot(); s && (!since || s->snapshot_id != *since);
         s = s->parent_snapshot_id ? m.find_snapshot(*s->parent_snapshot_id) : nullptr) {
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<manifest_file> manifests, snapshot_manifests(s));
      for (const manifest_file& mf : manifests) {
        if (mf.added_snapshot_id != s->snapshot_id || mf.content != manifest_content::data)
          continue;
        LAKECODEC_ASSIGN_OR_RETURN(detail::loaded_manifest lm, detail::load_manifest(mf));
        for (const manifest_entry& e : lm.contents.entries)
          if (e.status == entry_status::added && removes(mf, e.data_file))
            return status(errc::conflict, "iceberg: a concurrent commit (snapshot " +
                                              std::to_string(s->snapshot_id) + ") added '" +
                                              e.data_file.file_path + "' to data this " +
                                              p_operation() + " replaces");
      }
    }
    return {};
  }

  mode mode_;
  std::vector<data_file> added_;
  file_predicate predicate_;
  int32_t default_spec_id_ = 0;  // of the base being applied to: the added files' spec
};

/// What expire_snapshots removes (Java ExpireSnapshots; defaults from the table properties
/// history.expire.max-snapshot-age-ms (5 days) and history.expire.min-snapshots-to-keep (1)).
struct expire_options {
  std::optional<int64_t> older_than_ms;  // default: now - max-snapshot-age-ms
  std::optional<int32_t> retain_last;    // default: min-snapshots-to-keep
  bool delete_files = true;              // remove files only expired snapshots referenced
};

/// What an expiry removed.
struct expire_result {
  loaded_table table;
  std::vector<int64_t> expired_snapshot_ids;
  int64_t deleted_data_files = 0, deleted_manifests = 0, deleted_manifest_lists = 0;
};

namespace detail {

/// The snapshots of the main line (current and its ancestors), newest first.
inline std::vector<const snapshot*> ancestors(const table_metadata& m) {
  std::vector<const snapshot*> out;
  std::set<int64_t> seen;
  for (const snapshot* s = m.current_snapshot(); s && seen.insert(s->snapshot_id).second;
       s = s->parent_snapshot_id ? m.find_snapshot(*s->parent_snapshot_id) : nullptr)
    out.push_back(s);
  return out;
}

}  // namespace detail

/// Removes snapshots older than the cut-off, keeping the newest `retain_last` of the main line
/// and every snapshot a ref points at, then (after the commit succeeded) deletes the manifest
/// lists, manifests and data files that no retained snapshot references.
inline result<expire_result> expire_snapshots(catalog& cat, const std::string& name,
                                              const expire_options& options = {}) {
  expire_result out;
  std::vector<snapshot> removed;
  auto apply = [&](const loaded_table& base) -> result<table_metadata> {
    const table_metadata& b = base.metadata;
    LAKECODEC_ASSIGN_OR_RETURN(
        int64_t max_age,
        int_property(b, "history.expire.max-snapshot-age-ms", int64_t{5} * 24 * 3600 * 1000, 0));
    LAKECODEC_ASSIGN_OR_RETURN(int64_t min_keep,
                               int_property(b, "history.expire.min-snapshots-to-keep", 1, 1));
    const int64_t cutoff = options.older_than_ms.value_or(now_ms() - max_age);
    const size_t keep_last = static_cast<size_t>(
        options.retain_last.value_or(static_cast<int32_t>(std::min<int64_t>(min_keep, INT32_MAX))));
    std::set<int64_t> keep;
    const std::vector<const snapshot*> line = detail::ancestors(b);
    for (size_t i = 0; i < line.size() && i < keep_last; ++i) keep.insert(line[i]->snapshot_id);
    for (const snapshot_ref& r : b.refs) keep.insert(r.snapshot_id);
    table_metadata m = b;
    m.snapshots.clear();
    removed.clear();
    for (const snapshot& s : b.snapshots) {
      if (keep.count(s.snapshot_id) || s.timestamp_ms >= cutoff)
        m.snapshots.push_back(s);
      else
        removed.push_back(s);
    }
    std::set<int64_t> live;
    for (const snapshot& s : m.snapshots) live.insert(s.snapshot_id);
    m.snapshot_log.erase(
        std::remove_if(m.snapshot_log.begin(), m.snapshot_log.end(),
                       [&](const snapshot_log_entry& e) { return live.count(e.snapshot_id) == 0; }),
        m.snapshot_log.end());
    m.last_updated_ms = std::max(now_ms(), b.last_updated_ms + 1);
    m.metadata_log.push_back({b.last_updated_ms, base.metadata_location});
    LAKECODEC_ASSIGN_OR_RETURN(int64_t max_logs,
                               int_property(m, "write.metadata.previous-versions-max", 100, 1));
    if (static_cast<int64_t>(m.metadata_log.size()) > max_logs)
      m.metadata_log.erase(m.metadata_log.begin(),
                           m.metadata_log.end() - static_cast<std::ptrdiff_t>(max_logs));
    return m;
  };
  LAKECODEC_ASSIGN_OR_RETURN(out.table, commit_with_retry(cat, name, apply));
  for (const snapshot& s : removed) out.expired_snapshot_ids.push_back(s.snapshot_id);
  if (!options.delete_files || removed.empty()) return out;
  // Everything a retained snapshot reaches stays.
  std::set<std::string> live_lists, live_manifests, live_files;
  for (const snapshot& s : out.table.metadata.snapshots) {
    live_lists.insert(s.manifest_list);
    LAKECODEC_ASSIGN_OR_RETURN(std::vector<manifest_file> ms, snapshot_manifests(&s));
    for (const manifest_file& mf : ms) {
      if (!live_manifests.insert(mf.manifest_path).second) continue;
      LAKECODEC_ASSIGN_OR_RETURN(detail::loaded_manifest lm, detail::load_manifest(mf));
      for (const manifest_entry& e : lm.contents.entries)
        if (e.status != entry_status::deleted) live_files.insert(e.data_file.file_path);
    }
  }
  std::set<std::string> gone_manifests;
  for (const snapshot& s : removed) {
    auto ms = snapshot_manifests(&s);
    if (!ms) continue;  // already cleaned up by an earlier expiry
    for (const manifest_file& mf : *ms) {
      if (live_manifests.count(mf.manifest_path) || !gone_manifests.insert(mf.manifest_path).second)
        continue;
      auto lm = detail::load_manifest(mf);
      if (lm)
        for (const manifest_entry& e : lm->contents.entries) {
          std::error_code ec;
          if (!live_files.count(e.data_file.file_path) &&
              std::filesystem::remove(local_path(e.data_file.file_path), ec))
            ++out.deleted_data_files;
        }
      std::error_code ec;
      if (std::filesystem::remove(local_path(mf.manifest_path), ec)) ++out.deleted_manifests;
    }
    std::error_code ec;
    if (!live_lists.count(s.manifest_list) &&
        std::filesystem::remove(local_path(s.manifest_list), ec))
      ++out.deleted_manifest_lists;
  }
  return out;
}

/// What a delete by row filter removed.
struct delete_result {
  std::optional<loaded_table> table;  // absent when no file matched (nothing committed)
  int64_t deleted_data_files = 0;
  int64_t deleted_records = 0;
};

/// Deletes the data files whose rows all match `filter` (Java DeleteFiles.deleteFromRowFilter):
/// candidates are the files the filter might match (inclusive projection and metrics); each must
/// match in every row (strict partition projection or StrictMetricsEvaluator), else nothing is
/// committed and invalid_argument names the first file that only partly matches. No matching file
/// commits nothing. Concurrent appends of files that also match wholly are deleted too.
inline result<delete_result> delete_where(catalog& cat, const std::string& name,
                                          const expr::expression& filter,
                                          bool case_sensitive = true) {
  LAKECODEC_ASSIGN_OR_RETURN(loaded_table t, cat.load(name));
  const schema* s = t.metadata.current_schema();
  if (!s) return corrupt_data("iceberg: table metadata has no current schema");
  LAKECODEC_ASSIGN_OR_RETURN(bound_expression bound, bind(filter, *s, case_sensitive));
  // Nulls by SQL's rules here: `s != 'x'` neither selects nor deletes rows where s is null.
  std::map<int32_t, bound_expression> strict, inclusive;
  for (const partition_spec& spec : t.metadata.specs) {
    LAKECODEC_ASSIGN_OR_RETURN(bound_expression p, project_strict(bound, spec, *s));
    strict.emplace(spec.spec_id, std::move(p));
    LAKECODEC_ASSIGN_OR_RETURN(bound_expression q, project_inclusive(bound, spec, *s));
    inclusive.emplace(spec.spec_id, std::move(q));
  }
  auto no_row_matches = [&inclusive](int32_t spec_id, const data_file& f) {
    auto it = inclusive.find(spec_id);
    return it != inclusive.end() && !partition_matches(it->second, f.partition, false);
  };
  auto all_rows_match = [strict, bound](int32_t spec_id, const data_file& f) {
    auto it = strict.find(spec_id);
    return (it != strict.end() && partition_matches(it->second, f.partition, false)) ||
           metrics_all_match(bound, f);
  };
  scan_options o;
  o.filter = filter;
  o.case_sensitive = case_sensitive;
  LAKECODEC_ASSIGN_OR_RETURN(scan_plan plan, plan_scan(t.metadata, o));
  delete_result out;
  for (const planned_file& f : plan.files) {
    if (no_row_matches(f.spec_id, f.file)) continue;
    if (!all_rows_match(f.spec_id, f.file))
      return invalid_argument("iceberg: cannot delete where " + expr::to_string(filter) +
                              ": only some rows of '" + f.file.file_path +
                              "' match (whole data files are deleted; no file was removed)");
    ++out.deleted_data_files;
    out.deleted_records += f.file.record_count;
  }
  if (out.deleted_data_files == 0) return out;
  overwrite_files op(overwrite_files::mode::delete_files);
  op.remove_where(all_rows_match);
  LAKECODEC_ASSIGN_OR_RETURN(loaded_table committed, op.commit(cat, name));
  out.table = std::move(committed);
  return out;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
