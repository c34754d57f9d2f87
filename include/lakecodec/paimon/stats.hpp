#pragma once
// SimpleStats (`_KEY_STATS`, `_VALUE_STATS`, manifest partition stats; Paimon SimpleStats.java,
// SimpleStatsConverter) filled from the foundation's one-pass column statistics (core/stats.hpp):
// the min and max of every column as schemaless BinaryRows and the per-column null counts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/data_file_meta.hpp"
#include "lakecodec/paimon/row_codec.hpp"
#include "lakecodec/paimon/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

namespace detail {

/// A column_stats bound as a datum of the Paimon type (Arrow units converted to Paimon's:
/// TIME in millis, timestamps as millis + nano of milli). A missing bound is null.
inline datum bound_to_datum(const stat_bound& b, const lakecodec::data_type& arrow,
                            const data_type& t) {
  switch (b.kind) {
    case bound_kind::none: return datum::null();
    case bound_kind::boolean: return datum::of_bool(b.boolean);
    case bound_kind::floating: return datum::of_double(b.floating);
    case bound_kind::bytes: return datum::of_string(b.bytes);
    case bound_kind::decimal:
      if (is_non_compact(t)) return datum::of_string(decimal_unscaled_bytes(b.decimal));
      return datum::of_int(static_cast<int64_t>(b.decimal));
    case bound_kind::integer: {
      const int64_t v = b.integer;
      if (arrow.id == type_id::time64) {
        const int64_t div = arrow.unit == time_unit::nano ? 1000000 : 1000;
        return datum::of_int(v / div - (v % div < 0 ? 1 : 0));
      }
      if (arrow.id == type_id::timestamp) {
        const int64_t per_milli = arrow.unit == time_unit::nano ? 1000000 : 1000;
        int64_t millis = v / per_milli, rem = v % per_milli;
        if (rem < 0) {
          rem += per_milli;
          --millis;
        }
        if (!is_non_compact(t)) return datum::of_timestamp(millis, 0);
        return datum::of_timestamp(
            millis, static_cast<int32_t>(arrow.unit == time_unit::nano ? rem : rem * 1000));
      }
      return datum::of_int(v);
    }
  }
  return datum::null();
}

}  // namespace detail

/// SimpleStats of columns `fields` from their column_stats (same order). Columns without bounds
/// (nested types, all-null) get null min/max; null counts are always set. The min/max rows use
/// nullable copies of the field types, as Java's stats rows do. Error: invalid_argument when the
/// counts differ.
inline result<simple_stats> simple_stats_from(const std::vector<data_field>& fields,
                                              const std::vector<column_stats>& stats) {
  if (fields.size() != stats.size())
    return invalid_argument("paimon: " + std::to_string(stats.size()) + " column statistics for " +
                            std::to_string(fields.size()) + " fields");
  std::vector<data_field> nullable = fields;
  for (auto& f : nullable) f.type.nullable = true;
  std::vector<datum> mins, maxs;
  simple_stats s;
  s.null_counts = std::vector<std::optional<int64_t>>();
  for (size_t i = 0; i < fields.size(); ++i) {
    mins.push_back(detail::bound_to_datum(stats[i].min, stats[i].type, fields[i].type));
    maxs.push_back(detail::bound_to_datum(stats[i].max, stats[i].type, fields[i].type));
    s.null_counts->push_back(stats[i].null_count);
  }
  LAKECODEC_ASSIGN_OR_RETURN(s.min_values, encode_row(nullable, mins));
  LAKECODEC_ASSIGN_OR_RETURN(s.max_values, encode_row(nullable, maxs));
  return s;
}

/// One pass over the named columns of a batch (compute_stats), then simple_stats_from. Strings
/// and binaries are truncated to `truncate_length` bytes when it is > 0 (Paimon's default
/// `metadata.stats-mode` is `truncate(16)`). Error: a column of `fields` missing from the batch.
inline result<simple_stats> compute_simple_stats(const batch_view& batch,
                                                 const std::vector<data_field>& fields,
                                                 size_t truncate_length = 16) {
  std::vector<column_stats> stats;
  for (const data_field& f : fields) {
    const column_view* c = batch.column(f.name);
    if (c == nullptr) return invalid_argument("paimon: the batch has no column '" + f.name + "'");
    column_stats s = compute_stats(*c);
    if (truncate_length > 0) truncate_bounds(s, truncate_length);
    stats.push_back(std::move(s));
  }
  return simple_stats_from(fields, stats);
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
