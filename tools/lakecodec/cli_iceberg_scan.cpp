// CLI verbs over the read planner: `iceberg files` (the live data files of a snapshot chosen by
// id, ref or time, pruned by a row filter, with the delete files that apply to each) and
// `iceberg delete --where` (whole data files whose rows all match).

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/expression.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/scan.hpp"
#include "lakecodec/iceberg/table_operations.hpp"

namespace lakecodec_cli {
namespace iceberg_scan_cli {

namespace ice = lakecodec::iceberg;

inline void write_line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

inline bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// TABLE is a table directory (its current metadata through the file-system catalog) or one
/// metadata file (`*.metadata.json`, `*.metadata.json.gz`), as PyIceberg's StaticTable takes.
inline lakecodec::result<ice::table_metadata> load_metadata(const std::string& table) {
  if (ends_with(table, ".metadata.json") || ends_with(table, ".metadata.json.gz"))
    return ice::read_table_metadata(ice::local_path(table));
  ice::file_catalog cat;
  LAKECODEC_ASSIGN_OR_RETURN(ice::loaded_table t, cat.load(table));
  return std::move(t.metadata);
}

/// `--as-of` as epoch milliseconds or an ISO timestamp with offset (2024-03-01T10:00:00+00:00).
inline lakecodec::result<int64_t> parse_as_of(const std::string& text) {
  auto ms = ice::detail::parse_integer(text);
  if (ms) return *ms;
  auto us = ice::parse_timestamp(text, true, false);
  if (!us)
    return lakecodec::invalid_argument("--as-of: '" + text +
                                       "' is neither epoch milliseconds nor an ISO timestamp "
                                       "with an offset (2024-03-01T10:00:00+00:00)");
  return ice::detail::floor_div(*us, 1000);
}

inline nlohmann::ordered_json partition_json(const ice::table_metadata& m, int32_t spec_id,
                                             const std::vector<ice::literal>& values) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  const ice::partition_spec* spec = m.find_spec(spec_id);
  if (!spec) return o;
  auto t = ice::partition_type(*spec, *m.current_schema());
  for (size_t i = 0; i < spec->fields.size() && i < values.size(); ++i)
    o[spec->fields[i].name] =
        t ? ice::literal_to_json(t->fields[i].type, values[i]) : nlohmann::ordered_json(nullptr);
  return o;
}

inline nlohmann::ordered_json file_json(const ice::table_metadata& m, const ice::planned_file& f) {
  nlohmann::ordered_json o;
  o["content"] = static_cast<int>(f.file.content);
  o["file_path"] = f.file.file_path;
  o["file_format"] = f.file.file_format;
  o["spec_id"] = f.spec_id;
  o["partition"] = partition_json(m, f.spec_id, f.file.partition);
  o["record_count"] = f.file.record_count;
  o["file_size_in_bytes"] = f.file.file_size_in_bytes;
  o["sequence_number"] = f.data_sequence_number;
  o["file_sequence_number"] = f.file_sequence_number;
  return o;
}

/// The scan options the shared flags ask for; a usage problem is returned as a message.
inline lakecodec::result<ice::scan_options> scan_options_of(const args& a) {
  ice::scan_options o;
  if (a.has("snapshot")) o.snapshot_id = a.get_int("snapshot", 0);
  if (a.has("ref")) o.ref = a.get("ref");
  if (a.has("as-of")) {
    LAKECODEC_ASSIGN_OR_RETURN(int64_t ms, parse_as_of(a.get("as-of")));
    o.as_of_timestamp_ms = ms;
  }
  if (a.has("where")) {
    LAKECODEC_ASSIGN_OR_RETURN(o.filter, lakecodec::expr::parse(a.get("where")));
  }
  o.case_sensitive = !a.has("case-insensitive");
  return o;
}

inline int run_files(const args& a) {
  const std::string table = a.positional[0];
  auto o = scan_options_of(a);
  if (!o) return usage_error(o.error().message(), "iceberg files");
  auto m = load_metadata(table);
  if (!m) return data_error(table, m.error());
  auto plan = ice::plan_scan(*m, *o);
  if (!plan) return data_error(table, plan.error());
  for (const ice::planned_file& f : plan->files) {
    nlohmann::ordered_json j = file_json(*m, f);
    nlohmann::ordered_json deletes = nlohmann::ordered_json::array();
    for (size_t d : f.delete_files) deletes.push_back(plan->delete_files[d].file.file_path);
    j["delete_files"] = std::move(deletes);
    write_line(lakecodec::json::dump(j));
  }
  if (a.has("deletes"))
    for (const ice::planned_file& f : plan->delete_files)
      write_line(lakecodec::json::dump(file_json(*m, f)));
  if (a.has("explain")) {
    const ice::scan_metrics& s = plan->metrics;
    std::cerr << "manifests " << s.manifests << " (skipped " << s.manifests_skipped
              << "), data files " << s.data_files << " (skipped " << s.data_files_skipped
              << "), delete files " << s.delete_files << "\n";
  }
  return exit_ok;
}

inline int run_delete(const args& a) {
  const std::string table = a.positional[0];
  auto filter = lakecodec::expr::parse(a.get("where"));
  if (!filter) return usage_error(filter.error().message(), "iceberg delete");
  ice::file_catalog cat;
  auto r = ice::delete_where(cat, table, *filter, !a.has("case-insensitive"));
  if (!r) return data_error(table, r.error());
  nlohmann::ordered_json out;
  out["deleted-data-files"] = r->deleted_data_files;
  out["deleted-records"] = r->deleted_records;
  out["snapshot-id"] =
      r->table ? nlohmann::ordered_json(r->table->metadata.current_snapshot_id.value_or(-1))
               : nlohmann::ordered_json(nullptr);
  write_line(lakecodec::json::dump(out));
  return exit_ok;
}

}  // namespace iceberg_scan_cli

void register_iceberg_scan_commands(registry& r) {
  using namespace iceberg_scan_cli;
  auto where =
      opt::text("where", "a row filter: col >= 10 and name in ('a', 'b') ...").metavar("EXPR");
  auto insensitive = opt::flag("case-insensitive", "match column names ignoring case");
  r.add({"iceberg files",
         "the live data files of a snapshot that may hold rows matching --where, each with the "
         "delete files that apply to it, as JSON lines",
         "TABLE|METADATA.json",
         {opt::integer("snapshot", INT64_MIN, INT64_MAX, "a snapshot id instead of the current")
              .excludes({"ref", "as-of"}),
          opt::text("ref", "the snapshot a branch or tag points at").excludes({"as-of"}),
          opt::text("as-of", "the snapshot current at this time (epoch ms or ISO with offset)")
              .metavar("TIME"),
          where, insensitive,
          opt::flag("deletes", "also print the delete files, after the data files"),
          opt::flag("explain", "print on stderr how many manifests and files were pruned")},
         1,
         1,
         run_files});
  r.add({"iceberg delete",
         "delete the data files whose rows all match --where, in one snapshot (refused when a "
         "file matches only in part)",
         "TABLE",
         {where.required(), insensitive},
         1,
         1,
         run_delete});
}

}  // namespace lakecodec_cli
