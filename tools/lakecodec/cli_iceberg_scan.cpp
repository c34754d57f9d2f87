// CLI verb `iceberg files`: the live data files of a table's snapshot as JSON lines (the read
// planner's face).

#include <cstdio>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"

namespace lakecodec_cli {
namespace iceberg_scan_cli {

namespace ice = lakecodec::iceberg;

inline void write_line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

inline const ice::snapshot* chosen_snapshot(const ice::table_metadata& m, const args& a,
                                            std::string& error) {
  if (!a.has("snapshot")) return m.current_snapshot();
  const long long id = a.get_int("snapshot", 0);
  const ice::snapshot* s = m.find_snapshot(id);
  if (!s) error = "no snapshot " + std::to_string(id);
  return s;
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

inline int run_files(const args& a) {
  const std::string table = a.positional[0];
  ice::file_catalog cat;
  auto t = cat.load(table);
  if (!t) return data_error(table, t.error());
  std::string err;
  const ice::snapshot* snap = chosen_snapshot(t->metadata, a, err);
  if (!err.empty()) return data_error(table, lakecodec::status(lakecodec::errc::not_found, err));
  auto manifests = ice::snapshot_manifests(snap);
  if (!manifests) return data_error(table, manifests.error());
  for (const ice::manifest_file& mf : *manifests) {
    auto bytes = lakecodec::read_file(ice::local_path(mf.manifest_path));
    if (!bytes) return data_error(mf.manifest_path, bytes.error());
    auto man = ice::read_manifest(lakecodec::byte_span(bytes->data(), bytes->size()));
    if (!man) return data_error(mf.manifest_path, man.error());
    for (const ice::manifest_entry& e : man->entries) {
      if (e.status == ice::entry_status::deleted) continue;
      const ice::data_file& f = e.data_file;
      nlohmann::ordered_json o;
      o["content"] = static_cast<int>(f.content);
      o["file_path"] = f.file_path;
      o["file_format"] = f.file_format;
      o["spec_id"] = mf.partition_spec_id;
      o["partition"] = partition_json(t->metadata, mf.partition_spec_id, f.partition);
      o["record_count"] = f.record_count;
      o["file_size_in_bytes"] = f.file_size_in_bytes;
      o["sequence_number"] = e.sequence_number ? *e.sequence_number : mf.sequence_number;
      write_line(lakecodec::json::dump(o));
    }
  }
  return exit_ok;
}

}  // namespace iceberg_scan_cli

void register_iceberg_scan_commands(registry& r) {
  using namespace iceberg_scan_cli;
  r.add({"iceberg files",
         "the live data files of the current (or a given) snapshot, as JSON lines",
         "TABLE",
         {opt::integer("snapshot", INT64_MIN, INT64_MAX, "a snapshot id instead of the current")},
         1,
         1,
         run_files});
}

}  // namespace lakecodec_cli
