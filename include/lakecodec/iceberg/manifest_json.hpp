#pragma once
// JSON views of manifest entries and manifest list entries (the CLI's output and the tests'
// comparisons): snake_case field names as in the Avro schemas, bytes as hex.

#ifdef LAKECODEC_WITH_JSON

#include <optional>
#include <string>
#include <type_traits>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/manifest_schema.hpp"
#include "lakecodec/iceberg/value_json.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

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
