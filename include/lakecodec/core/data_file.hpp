#pragma once
// The format-agnostic data-file writer interface tables write through (the shape of Java's
// FileAppender / iceberg-rust's File Format API: dynamic at the factory, static inside). A
// Parquet and an Avro implementation live in parquet/data_file_writer.hpp and
// avro/data_file_writer.hpp; Iceberg and Paimon tables pick one per file from their properties and
// then only see this interface, so dispatch on the format happens once per file, never per value.

#include <cstdint>
#include <string>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// File formats a table can write its data files in.
enum class data_file_format { parquet, avro };

/// The lower-case name tables use for a format ("parquet", "avro"; Iceberg FileFormat,
/// Paimon `file.format`).
inline const char* data_file_format_name(data_file_format f) noexcept {
  return f == data_file_format::parquet ? "parquet" : "avro";
}

/// Statistics of one primitive leaf of a written file, keyed by the leaf's field id.
struct leaf_file_stats {
  int32_t field_id = -1;
  /// Counts and exact bounds of the leaf's values over the whole file (core/stats.hpp).
  column_stats stats;
  /// Bytes the leaf occupies on disk (Parquet: its column chunks; -1 when the format cannot
  /// attribute bytes to columns, as with Avro).
  int64_t compressed_size = -1;
};

/// What a closed data file reports: everything an Iceberg DataFile or a Paimon DataFileMeta
/// needs from the file itself.
struct data_file_info {
  std::string path;
  data_file_format format = data_file_format::parquet;
  uint64_t file_size = 0;
  int64_t record_count = 0;
  /// Primitive leaves with a field id, in schema order (leaves inside lists and maps included).
  std::vector<leaf_file_stats> columns;
  /// Offsets where a reader may start a split (Parquet row groups, Avro blocks); ascending.
  std::vector<int64_t> split_offsets;
};

/// One data file being written. Batches must follow the schema the writer was opened with
/// (implementations validate and refuse a mismatch naming the column, writing nothing of that
/// batch). After an error the writer is failed: only abort() is meaningful.
class data_file_writer {
 public:
  virtual ~data_file_writer() = default;
  /// Appends the rows of `b`.
  virtual status write(const batch_view& b) = 0;
  /// Bytes the file would have if closed now (written bytes plus an estimate of what is
  /// buffered); tables roll files on it.
  virtual uint64_t estimated_size() const = 0;
  /// Bytes of row data held in memory that flush() would write out (tables bound memory by it).
  virtual uint64_t buffered_bytes() const = 0;
  /// Rows written so far.
  virtual int64_t record_count() const = 0;
  /// Writes out what is buffered (a Parquet row group, an Avro block) so buffered_bytes() drops.
  virtual status flush() = 0;
  /// Finishes the file and publishes it at its path; returns what it holds.
  virtual result<data_file_info> close() = 0;
  /// Discards the file: nothing is left at its path. Safe to call after an error or twice.
  virtual void abort() noexcept = 0;
};

LAKECODEC_NAMESPACE_END
