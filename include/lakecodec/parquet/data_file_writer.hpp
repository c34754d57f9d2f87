#pragma once
// Parquet data files behind the format-agnostic data_file_writer (core/data_file.hpp): a thin
// adapter over the streaming file_writer that publishes the file atomically at close and maps
// its file_summary to data_file_info.

#include <memory>
#include <string>
#include <utility>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/data_file.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/parquet/file_writer.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// The data_file_info of a closed Parquet file: leaves with a field id (lists and maps
/// included) with their statistics and chunk bytes, row-group offsets as split offsets.
inline data_file_info to_data_file_info(file_summary&& s) {
  data_file_info info;
  info.path = std::move(s.path);
  info.format = data_file_format::parquet;
  info.file_size = s.file_size;
  info.record_count = s.row_count;
  for (column_summary& c : s.columns) {
    if (c.field_id < 0) continue;
    lakecodec::leaf_file_stats l;
    l.field_id = c.field_id;
    l.stats = std::move(c.stats);
    l.compressed_size = c.compressed_size;
    info.columns.push_back(std::move(l));
  }
  info.split_offsets = std::move(s.split_offsets);
  return info;
}

/// data_file_writer over file_writer::create (atomic temporary published at close). A refused
/// batch leaves the writer usable (file_writer semantics); other errors fail it.
class data_file_writer_impl final : public data_file_writer {
 public:
  /// Starts the file at `path`. Errors as file_writer::create (invalid_argument for unmappable
  /// schemas or options, unsupported_codec, the file system's error).
  static result<std::unique_ptr<data_file_writer_impl>> create(const std::string& path,
                                                               const schema& s,
                                                               writer_options options = {},
                                                               file_sink_options fopt = {}) {
    LAKECODEC_ASSIGN_OR_RETURN(std::unique_ptr<file_writer> w,
                               file_writer::create(path, s, std::move(options), fopt));
    return std::unique_ptr<data_file_writer_impl>(new data_file_writer_impl(std::move(w)));
  }
  ~data_file_writer_impl() override { abort(); }

  status write(const batch_view& b) override {
    if (!writer_) return invalid_argument("parquet: write to a closed or aborted data file");
    return writer_->write(b);
  }
  uint64_t estimated_size() const override { return writer_ ? writer_->estimated_size() : 0; }
  /// Bytes buffered for the open row group (encoded pages and dictionaries).
  uint64_t buffered_bytes() const override { return writer_ ? writer_->buffered_bytes() : 0; }
  int64_t record_count() const override { return writer_ ? writer_->rows_written() : 0; }
  /// Closes the open row group.
  status flush() override {
    if (!writer_) return invalid_argument("parquet: flush of a closed or aborted data file");
    return writer_->flush_row_group();
  }
  result<data_file_info> close() override {
    if (!writer_) return invalid_argument("parquet: data file already closed or aborted");
    result<file_summary> r = writer_->close();
    if (!r) {
      abort();
      return r.error();
    }
    writer_.reset();
    return to_data_file_info(std::move(r).value());
  }
  void abort() noexcept override {
    if (writer_) writer_->abort();
    writer_.reset();
  }

 private:
  explicit data_file_writer_impl(std::unique_ptr<file_writer> w) : writer_(std::move(w)) {}
  std::unique_ptr<file_writer> writer_;
};

/// Opens a Parquet data file at `path` for batches of `s` (nothing appears there unless
/// close() succeeds). Errors as data_file_writer_impl::create.
inline result<std::unique_ptr<data_file_writer>> open_data_file(const std::string& path,
                                                                const schema& s,
                                                                writer_options options = {},
                                                                file_sink_options fopt = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(std::unique_ptr<data_file_writer_impl> w,
                             data_file_writer_impl::create(path, s, std::move(options), fopt));
  return std::unique_ptr<data_file_writer>(std::move(w));
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END
