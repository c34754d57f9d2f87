#pragma once
// Avro data files behind the format-agnostic data_file_writer (core/data_file.hpp): batches go
// through the columnar bridge into an object container file published atomically at close.
// Each batch is encoded whole before any of it reaches the container, so a refused batch
// writes nothing. Leaf statistics come from core/stats.hpp with Parquet's level semantics, so
// the two formats report the same column_stats for the same rows.

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "lakecodec/avro/columnar.hpp"
#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/data_file.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {
namespace detail {

/// Statistics of every primitive leaf of a columnar schema over many batches, counted as the
/// Parquet writer's column_summary counts them (parquet/file_writer.hpp): one slot per
/// definition level, so a null struct, a null list or an empty list is one null slot of each
/// leaf below it, and values under a null parent never count.
class leaf_stats_collector {
 public:
  explicit leaf_stats_collector(const lakecodec::schema& s) {
    for (const field& f : s.fields) roots_.push_back(build(f));
  }

  /// Adds the rows of `b` (validated against the schema by the caller).
  void add(const batch_view& b) {
    for (size_t t = 0; t < roots_.size(); ++t) add_column(roots_[t], b.columns[t]);
  }

  /// The statistics of leaves with a field id, in schema order.
  std::vector<leaf_file_stats> finish() const {
    std::vector<leaf_file_stats> out;
    for (const leaf& l : leaves_) {
      if (l.field_id < 0) continue;
      leaf_file_stats s;
      s.field_id = l.field_id;
      s.stats = l.stats;
      out.push_back(std::move(s));
    }
    return out;
  }

 private:
  struct node {
    type_id kind = type_id::struct_;
    int leaf = -1;  // index into leaves_ for primitives
    int first_leaf = 0, end_leaf = 0;
    std::vector<node> children;
  };
  struct leaf {
    int32_t field_id = -1;
    column_stats stats;
    const column_view* view = nullptr;  // the leaf's view during one gathering walk
    std::vector<int64_t> idx;           // its valid slots gathered by that walk
    int64_t nulls = 0;
  };

  node build(const field& f) {
    node n;
    n.kind = f.type.id;
    n.first_leaf = static_cast<int>(leaves_.size());
    if (is_nested(f.type.id)) {
      for (const field& c : f.children) n.children.push_back(build(c));
    } else {
      n.leaf = static_cast<int>(leaves_.size());
      leaf l;
      l.field_id = f.field_id;
      l.stats = column_stats(f.type);
      leaves_.push_back(std::move(l));
    }
    n.end_leaf = static_cast<int>(leaves_.size());
    return n;
  }

  // Top-level leaves and structs without nulls take the one-pass kernels; anything under a
  // null struct slot or a list/map is gathered slot by slot.
  void add_column(const node& n, const column_view& c) {
    if (n.leaf >= 0) {
      (void)update_stats(leaves_[static_cast<size_t>(n.leaf)].stats, c);
      return;
    }
    if (n.kind == type_id::struct_ && c.null_count() == 0) {
      for (size_t k = 0; k < n.children.size(); ++k) add_column(n.children[k], c.struct_child(k));
      return;
    }
    for (int l = n.first_leaf; l < n.end_leaf; ++l) {
      leaf& lf = leaves_[static_cast<size_t>(l)];
      lf.idx.clear();
      lf.nulls = 0;
      lf.view = nullptr;
    }
    for (int64_t i = 0; i < c.length; ++i) visit(n, c, i);
    for (int l = n.first_leaf; l < n.end_leaf; ++l) gather(leaves_[static_cast<size_t>(l)]);
  }

  void emit_null(const node& n) {
    for (int l = n.first_leaf; l < n.end_leaf; ++l) ++leaves_[static_cast<size_t>(l)].nulls;
  }

  // Slot i of view c (i relative to c's offset, as the column_view accessors take it).
  void visit(const node& n, const column_view& c, int64_t i) {
    if (!c.is_valid(i)) return emit_null(n);
    if (n.leaf >= 0) {
      leaf& l = leaves_[static_cast<size_t>(n.leaf)];
      l.view = &c;
      l.idx.push_back(i);
      return;
    }
    if (n.kind == type_id::struct_) {
      for (size_t k = 0; k < n.children.size(); ++k)
        visit(n.children[k], c.children[k], c.offset + i);
      return;
    }
    const int64_t b = c.value_offset(i), e = c.value_offset(i + 1);
    if (b == e) return emit_null(n);
    for (int64_t j = b; j < e; ++j) visit(n.children[0], c.children[0], j);
  }

  static void gather(leaf& l) {
    add_nulls(l.stats, l.nulls);
    if (l.idx.empty()) return;
    const column_view& c = *l.view;
    visit_storage_type(c.type.id, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_same<T, bool>::value) {
        int64_t trues = 0;
        for (int64_t i : l.idx) trues += c.bool_value(i);
        add_bools(l.stats, trues, static_cast<int64_t>(l.idx.size()) - trues);
      } else {
        std::vector<T> values;
        values.reserve(l.idx.size());
        for (int64_t i : l.idx) {
          if constexpr (std::is_same<T, __int128>::value)
            values.push_back(c.decimal_value(i));
          else
            values.push_back(get_value<T>(c, i));
        }
        add_values(l.stats, values.data(), values.size());
      }
    });
    l.idx.clear();
  }

  std::vector<node> roots_;
  std::vector<leaf> leaves_;
};

}  // namespace detail

/// data_file_writer over container_writer and the columnar bridge (Avro spec "Object Container
/// Files"). The whole batch is encoded into a staging buffer first and handed to the container
/// in block-sized pieces, so a batch that does not fit the Avro schema writes nothing and the
/// writer stays usable; I/O errors fail it. Split offsets are the start offsets of the blocks.
class data_file_writer_impl final : public data_file_writer {
 public:
  /// Starts the file at `path`: records of `record_schema` (Iceberg data files: the schema with
  /// field-id attributes) from batches of `columns` (fields matched by name, every column
  /// covered). Errors: schema_mismatch naming the column that does not map, invalid_argument /
  /// unsupported_codec for the options, the file system's error.
  static result<std::unique_ptr<data_file_writer_impl>> create(const std::string& path,
                                                               const schema& record_schema,
                                                               const lakecodec::schema& columns,
                                                               writer_options options = {},
                                                               file_sink_options fopt = {}) {
    LAKECODEC_ASSIGN_OR_RETURN(columnar_plan plan, columnar_plan::compile(record_schema, columns));
    if (record_schema.root().fields.size() != columns.fields.size())
      return schema_mismatch(
          "avro: the record schema has " + std::to_string(record_schema.root().fields.size()) +
          " fields, the batches have " + std::to_string(columns.fields.size()) + " columns");
    LAKECODEC_ASSIGN_OR_RETURN(file_sink fs, file_sink::open(path, fopt));
    std::unique_ptr<data_file_writer_impl> w(
        new data_file_writer_impl(path, std::move(plan), options.block_bytes));
    w->sink_ = std::make_unique<file_sink>(std::move(fs));
    LAKECODEC_ASSIGN_OR_RETURN(
        container_writer cw, container_writer::open(*w->sink_, record_schema, std::move(options)));
    w->container_ = std::make_unique<container_writer>(std::move(cw));
    w->last_position_ = w->sink_->position();
    return w;
  }
  ~data_file_writer_impl() override { abort(); }

  status write(const batch_view& b) override {
    LAKECODEC_TRY(check_open("write to"));
    LAKECODEC_TRY(validate_batch(plan_.columns(), b).with_context("avro"));
    LAKECODEC_TRY(stage(b));
    stats_.add(b);
    size_t begin = 0;
    for (const auto& piece : pieces_) {
      const byte_span bytes(staging_.data() + begin, piece.first - begin);
      LAKECODEC_TRY(track(container_->write_encoded(bytes, piece.second), bytes.size));
      begin = piece.first;
    }
    return {};
  }
  /// Bytes written plus the open block scaled by the compression ratio seen so far.
  uint64_t estimated_size() const override {
    if (!sink_) return 0;
    const double ratio =
        raw_flushed_ > 0 ? static_cast<double>(packed_flushed_) / static_cast<double>(raw_flushed_)
                         : 1.0;
    return sink_->position() + static_cast<uint64_t>(static_cast<double>(pending_) * ratio);
  }
  /// Encoded bytes of the open block.
  uint64_t buffered_bytes() const override { return pending_; }
  int64_t record_count() const override { return container_ ? container_->records_written() : 0; }
  /// Writes the open block.
  status flush() override {
    LAKECODEC_TRY(check_open("flush"));
    return track(container_->flush_block(), 0);
  }
  result<data_file_info> close() override {
    LAKECODEC_TRY(flush());
    status s = sink_->close();
    if (!s.ok()) {
      abort();
      return s;
    }
    data_file_info info;
    info.path = path_;
    info.format = data_file_format::avro;
    info.file_size = sink_->position();
    info.record_count = container_->records_written();
    info.columns = stats_.finish();
    info.split_offsets = std::move(block_offsets_);
    container_.reset();
    sink_.reset();
    return info;
  }
  void abort() noexcept override {
    if (sink_) sink_->abort();
    container_.reset();
    sink_.reset();
  }

 private:
  data_file_writer_impl(std::string path, columnar_plan plan, size_t block_bytes)
      : path_(std::move(path)),
        plan_(std::move(plan)),
        stats_(plan_.columns()),
        block_bytes_(block_bytes > 0 ? block_bytes : 1) {}

  status check_open(const char* what) const {
    if (failed_) return failed_status_;
    if (!container_)
      return invalid_argument(std::string("avro: ") + what + " a closed or aborted data file");
    return {};
  }

  // Encodes every row of `b` into staging_, cut into pieces of about block_bytes_ (end offset,
  // rows); nothing reaches the container on error.
  status stage(const batch_view& b) {
    staging_.clear();
    pieces_.clear();
    encoder e(staging_);
    status err;
    size_t piece_start = 0;
    int64_t rows = 0;
    for (int64_t r = 0; r < b.length; ++r) {
      if (!plan_.encode_row_fast(b, r, e, &err)) {
        staging_.clear();
        pieces_.clear();
        return err.with_context("avro: row " + std::to_string(r));
      }
      ++rows;
      if (staging_.size() - piece_start >= block_bytes_) {
        pieces_.emplace_back(staging_.size(), rows);
        piece_start = staging_.size();
        rows = 0;
      }
    }
    if (rows > 0) pieces_.emplace_back(staging_.size(), rows);
    return {};
  }

  // Runs after a container call that may have written a block: notes its start offset and
  // compressed size, or counts `added` bytes as pending. An error fails the writer.
  status track(status s, size_t added) {
    if (!s.ok()) {
      failed_ = true;
      failed_status_ = s;
      return s;
    }
    const uint64_t pos = sink_->position();
    if (container_->blocks_written() != blocks_seen_) {
      blocks_seen_ = container_->blocks_written();
      block_offsets_.push_back(static_cast<int64_t>(last_position_));
      raw_flushed_ += pending_ + added;
      packed_flushed_ += pos - last_position_;
      pending_ = 0;
    } else {
      pending_ += added;
    }
    last_position_ = pos;
    return {};
  }

  std::string path_;
  columnar_plan plan_;
  detail::leaf_stats_collector stats_;
  size_t block_bytes_;
  std::unique_ptr<file_sink> sink_;
  std::unique_ptr<container_writer> container_;
  byte_buffer staging_;
  std::vector<std::pair<size_t, int64_t>> pieces_;
  std::vector<int64_t> block_offsets_;
  int64_t blocks_seen_ = 0;
  uint64_t last_position_ = 0;  // sink position after the last block (or the header)
  uint64_t pending_ = 0, raw_flushed_ = 0, packed_flushed_ = 0;
  bool failed_ = false;
  status failed_status_;
};

/// Opens an Avro data file at `path` (nothing appears there unless close() succeeds). Errors
/// as data_file_writer_impl::create.
inline result<std::unique_ptr<data_file_writer>> open_data_file(const std::string& path,
                                                                const schema& record_schema,
                                                                const lakecodec::schema& columns,
                                                                writer_options options = {},
                                                                file_sink_options fopt = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(
      std::unique_ptr<data_file_writer_impl> w,
      data_file_writer_impl::create(path, record_schema, columns, std::move(options), fopt));
  return std::unique_ptr<data_file_writer>(std::move(w));
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
