#pragma once
// The streaming Parquet file writer (parquet_avro.md A1, A3, A4, A14): batches of a fixed
// columnar schema go in; row groups are cut by rows or bytes; column chunks, the page index and
// the footer go to any output_sink. Memory held is the open row group's encoded pages plus the
// footer metadata. A refused batch (schema mismatch, null in a required column, invalid UTF-8,
// decimal out of precision) leaves the writer and the output untouched. The rolling writer
// starts new files by size or age and reports per closed file what Iceberg manifests and Paimon
// DataFileMeta need.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/parquet/column_writer.hpp"
#include "lakecodec/parquet/metadata.hpp"
#include "lakecodec/parquet/schema.hpp"

#ifndef LAKECODEC_PARQUET_BUILD_ID
/// The build tag in created_by; parquet-java parses `<app> version <semver> (build <tag>)`.
#define LAKECODEC_PARQUET_BUILD_ID "header-only"
#endif

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// Per-column overrides, keyed by a leaf's dotted path ("a.list.element") or a top-level name.
struct column_options {
  std::optional<compression> codec;
  std::optional<int> compression_level;
  std::optional<bool> dictionary;
  /// PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT
  /// (non-dictionary pages).
  std::optional<int32_t> encoding;
};

/// Writer settings; defaults follow Arrow C++ (parquet::WriterProperties) except snappy compression
/// and page index on.
struct writer_options {
  compression codec = compression::snappy;
  int compression_level = -1;
  int page_version = 1;
  int64_t data_page_size = 1 << 20;
  int64_t dictionary_page_size = 1 << 20;
  int64_t max_rows_per_page = 20000;
  int64_t row_group_rows = 1 << 20;
  int64_t row_group_bytes = int64_t{128} << 20;
  bool dictionary = true;
  bool statistics = true;
  bool page_index = true;
  bool page_checksum = false;
  /// SizeStatistics (parquet.thrift ColumnMetaData 16): level histograms and unencoded
  /// BYTE_ARRAY bytes per chunk, per page in the page index (Arrow's default level).
  bool size_statistics = true;
  bool validate_utf8 = true;
  size_t column_index_truncate = 64;
  size_t statistics_truncate = 0;
  schema_options schema;
  std::vector<std::pair<std::string, column_options>> columns;
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  std::string created_by =
      "lakecodec version " LAKECODEC_VERSION_STRING " (build " LAKECODEC_PARQUET_BUILD_ID ")";
};

/// One leaf column of a closed file.
struct column_summary {
  std::vector<std::string> path;
  int32_t field_id = -1;
  int32_t physical = 0;
  data_type type;
  /// Core statistics of the leaf's values over the whole file: value_count (level slots, nulls
  /// included), null_count, nan_count and exact min/max in `type`'s own order (the same
  /// column_stats Iceberg metrics and Paimon SimpleStats are built from).
  column_stats stats;
  /// Bytes of the leaf's column chunks in the file, compressed and uncompressed.
  int64_t compressed_size = 0;
  int64_t uncompressed_size = 0;
};

/// What a closed file reports (Iceberg DataFile / Paimon DataFileMeta inputs).
struct file_summary {
  std::string path;
  uint64_t file_size = 0;
  int64_t row_count = 0;
  std::vector<column_summary> columns;
  std::vector<int64_t> split_offsets;  // row-group start offsets
  file_meta_data metadata;
};

namespace detail {

inline status compare_fields(const field& want, const field& got, const std::string& path) {
  if (want.type != got.type)
    return schema_mismatch("parquet: column '" + path + "' has type " + got.type.to_string() +
                           ", the schema says " + want.type.to_string());
  if (want.nullable != got.nullable && !(want.nullable && !got.nullable))
    return schema_mismatch("parquet: column '" + path +
                           "' is nullable in the batch but required in the schema");
  if (want.children.size() != got.children.size())
    return schema_mismatch("parquet: column '" + path + "' has " +
                           std::to_string(got.children.size()) + " children, the schema has " +
                           std::to_string(want.children.size()));
  for (size_t k = 0; k < want.children.size(); ++k)
    LAKECODEC_TRY(
        compare_fields(want.children[k], got.children[k], path + "." + want.children[k].name));
  return {};
}

inline __int128 pow10_128(int p) {
  __int128 v = 1;
  for (int i = 0; i < p; ++i) v *= 10;
  return v;
}

}  // namespace detail

/// Streaming Parquet writer over an output_sink.
class file_writer {
 public:
  /// Starts a file on `sink` (not owned; must outlive the writer) for batches of `s`. Writes
  /// the leading magic. Errors: invalid_argument for unmappable schemas or options.
  static result<std::unique_ptr<file_writer>> open(output_sink& sink, const schema& s,
                                                   writer_options options = {}) {
    std::unique_ptr<file_writer> w(new file_writer());
    w->sink_ = &sink;
    LAKECODEC_TRY(w->init(s, std::move(options)));
    return w;
  }
  /// Starts a file at `path` through an atomic file_sink: nothing appears at `path` unless
  /// close() succeeds.
  static result<std::unique_ptr<file_writer>> create(const std::string& path, const schema& s,
                                                     writer_options options = {},
                                                     file_sink_options fopt = {}) {
    LAKECODEC_ASSIGN_OR_RETURN(file_sink fs, file_sink::open(path, fopt));
    std::unique_ptr<file_writer> w(new file_writer());
    w->file_ = std::make_unique<file_sink>(std::move(fs));
    w->sink_ = w->file_.get();
    w->path_ = path;
    LAKECODEC_TRY(w->init(s, std::move(options)));
    return w;
  }

  file_writer(const file_writer&) = delete;
  file_writer& operator=(const file_writer&) = delete;

  /// Appends a batch. The batch is validated first; on error nothing of it is written and the
  /// writer stays usable. Errors name the column.
  status write(const batch_view& b) {
    if (failed_) return failed_status_;
    if (closed_) return invalid_argument("parquet: write after close");
    LAKECODEC_TRY(validate(b));
    status s = write_validated(b);
    if (!s.ok()) fail(s);
    return s;
  }

  /// Appends the last batch and closes the file (the shape of writing a whole in-memory table):
  /// knowing that no rows follow, the final row group is written column by column as well, so
  /// the writer holds one column chunk at a time. Errors as write() and close().
  result<file_summary> write_and_close(const batch_view& b) {
    last_batch_ = true;
    status s = write(b);
    last_batch_ = false;
    if (!s.ok()) return s;
    return close();
  }

  /// Closes the open row group (a no-op when it is empty).
  status flush_row_group() {
    if (failed_) return failed_status_;
    status s = close_row_group();
    if (!s.ok()) fail(s);
    return s;
  }

  /// Writes the page index and footer, publishes the file (path mode) and reports its summary.
  result<file_summary> close() {
    if (failed_) return failed_status_;
    if (closed_) return invalid_argument("parquet: file already closed");
    status s = finish();
    if (!s.ok()) {
      fail(s);
      return s;
    }
    closed_ = true;
    return std::move(summary_);
  }

  /// Abandons the file (path mode: the temporary is removed).
  void abort() noexcept {
    if (file_) file_->abort();
    closed_ = true;
  }

  /// Bytes written plus bytes buffered for the open row group.
  uint64_t estimated_size() const {
    uint64_t b = sink_->position();
    for (const auto& lw : leaves_) b += lw->buffered_bytes();
    return b;
  }
  /// Bytes buffered for the open row group (its encoded pages and dictionaries).
  uint64_t buffered_bytes() const { return buffered(); }
  int64_t rows_written() const noexcept { return total_rows_ + rg_rows_; }
  const parquet_schema& parquet_schema_info() const noexcept { return ps_; }

 private:
  file_writer() = default;

  struct leaf_scratch {
    std::vector<int16_t> defs, reps;
    std::vector<int64_t> idx;
  };

  status init(const schema& s, writer_options options) {
    schema_ = s;
    opt_ = std::move(options);
    if (opt_.page_version != 1 && opt_.page_version != 2)
      return invalid_argument("parquet: page version must be 1 or 2, not " +
                              std::to_string(opt_.page_version));
    if (opt_.row_group_rows < 1 || opt_.data_page_size < 1 || opt_.max_rows_per_page < 1)
      return invalid_argument(
          "parquet: row group rows, page size and rows per page must be positive");
    LAKECODEC_ASSIGN_OR_RETURN(ps_, map_schema(s, opt_.schema));
    for (const auto& co : opt_.columns) {
      bool found = s.find(co.first) >= 0;
      for (const auto& l : ps_.leaves) found = found || l.dotted_path == co.first;
      if (!found)
        return invalid_argument("parquet: options name unknown column '" + co.first + "'");
    }
    for (const leaf_descriptor& leaf : ps_.leaves) {
      column_settings cs;
      cs.codec = opt_.codec;
      cs.compression_level = opt_.compression_level;
      cs.dictionary = opt_.dictionary;
      cs.page_version = opt_.page_version;
      cs.data_page_size = opt_.data_page_size;
      cs.dictionary_page_size = opt_.dictionary_page_size;
      cs.max_rows_per_page = opt_.max_rows_per_page;
      cs.statistics = opt_.statistics;
      cs.page_index = opt_.page_index;
      cs.page_checksum = opt_.page_checksum;
      cs.size_statistics = opt_.size_statistics;
      cs.column_index_truncate = opt_.column_index_truncate;
      cs.statistics_truncate = opt_.statistics_truncate;
      for (const auto& co : opt_.columns) {
        if (co.first != leaf.dotted_path && co.first != s.fields[leaf.top_level].name) continue;
        if (co.second.codec) cs.codec = *co.second.codec;
        if (co.second.compression_level) cs.compression_level = *co.second.compression_level;
        if (co.second.dictionary) cs.dictionary = *co.second.dictionary;
        if (co.second.encoding) cs.encoding = *co.second.encoding;
      }
      LAKECODEC_TRY(check_encoding(leaf, cs.encoding));
      LAKECODEC_TRY(check_compression_level(cs.codec, cs.compression_level));
      if (!compression_available(cs.codec) || cs.codec == compression::deflate ||
          cs.codec == compression::zlib)
        return status(errc::unsupported_codec,
                      std::string("parquet: codec ") + compression_name(cs.codec) +
                          " cannot be used for column '" + leaf.dotted_path + "'");
      leaves_.push_back(make_leaf_writer(leaf, cs, pool_));
    }
    scratch_.resize(ps_.leaves.size());
    conv_.resize(ps_.leaves.size());
    conv_buf_.resize(ps_.leaves.size());
    conv_valid_.resize(ps_.leaves.size());
    static const uint8_t magic[4] = {'P', 'A', 'R', '1'};
    return sink_->write(magic, 4);
  }

  static status check_encoding(const leaf_descriptor& leaf, int32_t e) {
    const int32_t t = leaf.physical;
    bool ok = e == encoding::plain;
    if (e == encoding::delta_binary_packed)
      ok = t == physical_type::int32 || t == physical_type::int64;
    if (e == encoding::delta_length_byte_array) ok = t == physical_type::byte_array;
    if (e == encoding::delta_byte_array)
      ok = t == physical_type::byte_array || t == physical_type::fixed_len_byte_array;
    if (e == encoding::byte_stream_split)
      ok = t == physical_type::float_ || t == physical_type::double_ || t == physical_type::int32 ||
           t == physical_type::int64 || t == physical_type::fixed_len_byte_array;
    if (!ok)
      return invalid_argument("parquet: encoding " + encoding_name(e) + " cannot encode " +
                              physical_type_name(t) + " column '" + leaf.dotted_path + "'");
    return {};
  }

  void fail(const status& s) {
    failed_ = true;
    failed_status_ = s;
  }

  // -- validation ------------------------------------------------------------------------------

  status validate(const batch_view& b) {
    if (!b.schema.fields.empty()) {
      if (b.schema.fields.size() != schema_.fields.size())
        return schema_mismatch("parquet: batch has " + std::to_string(b.schema.fields.size()) +
                               " fields, the file schema has " +
                               std::to_string(schema_.fields.size()));
      for (size_t i = 0; i < schema_.fields.size(); ++i)
        LAKECODEC_TRY(
            detail::compare_fields(schema_.fields[i], b.schema.fields[i], schema_.fields[i].name));
    }
    LAKECODEC_TRY(validate_batch(schema_, b).with_context("parquet"));
    // leaf columns + value checks
    for (size_t i = 0; i < schema_.fields.size(); ++i)
      LAKECODEC_TRY(collect_leaves(ps_.roots[i], b.columns[i]));
    for (size_t l = 0; l < ps_.leaves.size(); ++l)
      LAKECODEC_TRY(check_values(ps_.leaves[l], *leaf_cols_[l]));
    return {};
  }

  status collect_leaves(const level_node& n, const column_view& c) {
    if (leaf_cols_.size() != ps_.leaves.size()) leaf_cols_.resize(ps_.leaves.size());
    if (n.leaf >= 0) {
      leaf_cols_[static_cast<size_t>(n.leaf)] = &c;
      return {};
    }
    for (size_t k = 0; k < n.children.size(); ++k) {
      const column_view& child = n.kind == type_id::struct_ ? c.children[k] : c.children[0];
      LAKECODEC_TRY(collect_leaves(n.children[k], child));
    }
    return {};
  }

  status check_values(const leaf_descriptor& leaf, const column_view& c) {
    if (leaf.is_string && opt_.validate_utf8 && c.length > 0) {
      const int64_t b = c.value_offset(0), e = c.value_offset(c.length);
      bool ascii = true;
      bool ok = detail::valid_utf8(c.data + b, static_cast<size_t>(e - b), &ascii);
      if (ok && !ascii) {  // pure ASCII: every value starts on a character boundary
        for (int64_t i = 0; i < c.length && ok; ++i) {
          const std::string_view v = c.bytes(i);
          if (!v.empty() && (static_cast<uint8_t>(v[0]) & 0xC0) == 0x80) ok = false;
        }
      }
      if (!ok) {
        for (int64_t i = 0; i < c.length; ++i) {
          if (!c.is_valid(i)) continue;
          const std::string_view v = c.bytes(i);
          if (!detail::valid_utf8(reinterpret_cast<const uint8_t*>(v.data()), v.size()))
            return invalid_argument("parquet: column '" + leaf.dotted_path + "' slot " +
                                    std::to_string(i) + " is not valid UTF-8");
        }
      }
    }
    if (leaf.source.id == type_id::decimal128) {
      const __int128 lim = detail::pow10_128(leaf.source.precision);
      for (int64_t i = 0; i < c.length; ++i) {
        if (!c.is_valid(i)) continue;
        const __int128 v = c.decimal_value(i);
        if (v >= lim || v <= -lim)
          return invalid_argument("parquet: column '" + leaf.dotted_path + "' slot " +
                                  std::to_string(i) + " has more than " +
                                  std::to_string(leaf.source.precision) + " decimal digits");
      }
    }
    return {};
  }

  // -- conversion to physical values ---------------------------------------------------------

  /// The view the leaf writer reads: the column itself, or (int8/int16/decimal) a converted copy
  /// at the same slot positions.
  column_view convert(size_t l, const column_view& c) {
    const leaf_descriptor& leaf = ps_.leaves[l];
    const type_id id = leaf.source.id;
    const bool int96 = leaf.physical == physical_type::int96;
    if (id != type_id::int8 && id != type_id::int16 && id != type_id::decimal128 && !int96)
      return c;
    // Flat leaves are converted slice by slice into offset-0 buffers (memory stays bounded by
    // the slice); nested leaves keep their slot positions (the level walk indexes them).
    const bool rebase =
        ps_.leaves[l].max_rep == 0 && ps_.roots[leaf.top_level].leaf == static_cast<int>(l);
    column_view v = c;
    v.children.clear();
    byte_buffer& buf = conv_buf_[l];
    const int64_t base = rebase ? 0 : c.offset;
    const int64_t n = base + c.length;
    if (rebase) {
      v.offset = 0;
      if (c.validity != nullptr) {
        byte_buffer& bits = conv_valid_[l];
        bits.resize(static_cast<size_t>((c.length + 7) / 8));
        std::memset(bits.data(), 0, bits.size());
        for (int64_t i = 0; i < c.length; ++i)
          if (c.is_valid(i))
            bits[static_cast<size_t>(i >> 3)] |= static_cast<uint8_t>(1u << (i & 7));
        v.validity = bits.data();
      }
    }
    if (leaf.physical == physical_type::int32) {
      v.type = types::int32();
      buf.resize(static_cast<size_t>(n) * 4);
      int32_t* out = reinterpret_cast<int32_t*>(buf.data()) + base;
      if (id == type_id::int8)
        for (int64_t i = 0; i < c.length; ++i) out[i] = c.value<int8_t>(i);
      else if (id == type_id::int16)
        for (int64_t i = 0; i < c.length; ++i) out[i] = c.value<int16_t>(i);
      else
        for (int64_t i = 0; i < c.length; ++i) out[i] = static_cast<int32_t>(c.decimal_value(i));
    } else if (leaf.physical == physical_type::int64) {
      v.type = types::int64();
      buf.resize(static_cast<size_t>(n) * 8);
      int64_t* out = reinterpret_cast<int64_t*>(buf.data()) + base;
      for (int64_t i = 0; i < c.length; ++i) out[i] = static_cast<int64_t>(c.decimal_value(i));
    } else if (int96) {
      v.type = types::fixed_size_binary(12);
      buf.resize(static_cast<size_t>(n) * 12);
      const int64_t per_unit = leaf.source.unit == time_unit::nano ? 1 : 1000;
      for (int64_t i = 0; i < c.length; ++i)
        detail::int96_from_nanos(static_cast<__int128>(c.value<int64_t>(i)) * per_unit,
                                 buf.data() + (base + i) * 12);
    } else {
      const int32_t w = leaf.type_length;
      v.type = types::fixed_size_binary(w);
      buf.resize(static_cast<size_t>(n * w));
      for (int64_t i = 0; i < c.length; ++i) {
        decimal_to_be_bytes(c.decimal_value(i), buf.data() + (base + i) * w,
                            static_cast<size_t>(w));
      }
    }
    v.values = buf.data();
    return v;
  }

  // -- levels ----------------------------------------------------------------------------------

  void emit_null(const level_node& n, int16_t def, int16_t rep) {
    for (int l = n.first_leaf; l < n.end_leaf; ++l) {
      scratch_[static_cast<size_t>(l)].defs.push_back(def);
      scratch_[static_cast<size_t>(l)].reps.push_back(rep);
    }
  }

  void visit(const level_node& n, const column_view& c, int64_t i, int16_t def, int16_t rep) {
    if (n.nullable) {
      if (!c.is_valid(i)) {
        emit_null(n, def, rep);
        return;
      }
      ++def;
    }
    if (n.leaf >= 0) {
      leaf_scratch& s = scratch_[static_cast<size_t>(n.leaf)];
      s.defs.push_back(def);
      s.reps.push_back(rep);
      s.idx.push_back(i);
      return;
    }
    if (n.kind == type_id::struct_) {
      for (size_t k = 0; k < n.children.size(); ++k)
        visit(n.children[k], c.children[k], c.offset + i, def, rep);
      return;
    }
    const int64_t b = c.value_offset(i), e = c.value_offset(i + 1);
    if (b == e) {
      emit_null(n, def, rep);
      return;
    }
    for (int64_t j = b; j < e; ++j)
      visit(n.children[0], c.children[0], j, static_cast<int16_t>(def + 1),
            j == b ? rep : n.rep_level);
  }

  status write_slice(const batch_view& b, int64_t start, int64_t count) {
    for (size_t t = 0; t < schema_.fields.size(); ++t)
      LAKECODEC_TRY(write_field_slice(b, t, start, count));
    return {};
  }

  /// Rows [start, start + count) of top-level column `t` into its leaf writers.
  status write_field_slice(const batch_view& b, size_t t, int64_t start, int64_t count) {
    {
      const level_node& root = ps_.roots[t];
      const column_view col = b.columns[t].slice(start, count);
      if (root.leaf >= 0) {
        const size_t l = static_cast<size_t>(root.leaf);
        leaf_scratch& s = scratch_[l];
        const column_view v = convert(l, b.columns[t].slice(start, count));
        const int16_t* defs = nullptr;
        if (ps_.leaves[l].max_def > 0) {
          s.defs.resize(static_cast<size_t>(count));
          if (v.validity == nullptr) {
            std::fill(s.defs.begin(), s.defs.end(), int16_t{1});
          } else {
            for (int64_t i = 0; i < count; ++i)
              s.defs[static_cast<size_t>(i)] = v.is_valid(i) ? 1 : 0;
          }
          defs = s.defs.data();
        }
        value_source src{&v, nullptr, 0};
        return leaves_[l]->append(src, defs, nullptr, static_cast<size_t>(count));
      }
      for (int l = root.first_leaf; l < root.end_leaf; ++l) {
        leaf_scratch& s = scratch_[static_cast<size_t>(l)];
        s.defs.clear();
        s.reps.clear();
        s.idx.clear();
      }
      for (int64_t i = 0; i < count; ++i) visit(root, col, i, 0, 0);
      for (int l = root.first_leaf; l < root.end_leaf; ++l) {
        const size_t lu = static_cast<size_t>(l);
        leaf_scratch& s = scratch_[lu];
        value_source src{&conv_[lu], s.idx.data(), 0};
        const leaf_descriptor& leaf = ps_.leaves[lu];
        LAKECODEC_TRY(leaves_[lu]->append(src, leaf.max_def > 0 ? s.defs.data() : nullptr,
                                          leaf.max_rep > 0 ? s.reps.data() : nullptr,
                                          s.defs.size()));
      }
    }
    return {};
  }

  status write_validated(const batch_view& b) {
    for (size_t l = 0; l < ps_.leaves.size(); ++l)
      if (ps_.roots[ps_.leaves[l].top_level].leaf != static_cast<int>(l))
        conv_[l] = convert(l, *leaf_cols_[l]);
    int64_t pos = 0;
    while (pos < b.length) {
      // Rows the open row group still takes from this batch, and whether they complete it.
      const int64_t rest = std::min(opt_.row_group_rows - rg_rows_, b.length - pos);
      const bool completes = last_batch_ || rg_rows_ + (b.length - pos) >= opt_.row_group_rows;
      if (completes && column_major_fits(rest)) {
        LAKECODEC_TRY(finish_row_group_by_column(b, pos, rest));
        pos += rest;
        continue;
      }
      // A fresh row group the batch completes starts with a small probe slice: enough to
      // estimate its size, too little to fill every column's dictionary at once.
      const bool probe = rg_rows_ == 0 && completes;
      int64_t n = std::min<int64_t>(b.length - pos, probe ? probe_rows : slice_rows);
      n = std::min<int64_t>(n, rest);
      LAKECODEC_TRY(write_slice(b, pos, n));
      rg_rows_ += n;
      pos += n;
      if (rg_rows_ >= opt_.row_group_rows ||
          buffered() >= static_cast<uint64_t>(opt_.row_group_bytes))
        LAKECODEC_TRY(close_row_group());
    }
    return {};
  }

  /// Whether the open row group stays under row_group_bytes with `rows` more rows: the encoded
  /// pages grow with the rows at the rate seen so far (with a 25% margin), dictionaries do not
  /// (each is capped by the dictionary page size). Needs a slice written to estimate.
  bool column_major_fits(int64_t rows) const {
    if (rg_rows_ == 0) return false;
    double pages = 0, dictionaries = 0;
    for (const auto& lw : leaves_) {
      dictionaries += static_cast<double>(lw->dictionary_bytes());
      pages += static_cast<double>(lw->buffered_bytes() - lw->dictionary_bytes());
    }
    const double grown =
        pages * static_cast<double>(rg_rows_ + rows) / static_cast<double>(rg_rows_);
    return 1.25 * (grown + dictionaries) < static_cast<double>(opt_.row_group_bytes);
  }

  /// Writes the `rows` rows that complete the open row group column by column, closing each
  /// column's chunk as soon as its rows are in (chunks stay in column order): the writer then
  /// holds one column chunk's pages at a time instead of the whole row group's.
  status finish_row_group_by_column(const batch_view& b, int64_t start, int64_t rows) {
    finished_.assign(leaves_.size(), std::nullopt);
    for (size_t t = 0; t < schema_.fields.size(); ++t) {
      const level_node& root = ps_.roots[t];
      const int first = root.leaf >= 0 ? root.leaf : root.first_leaf;
      const int end = root.leaf >= 0 ? root.leaf + 1 : root.end_leaf;
      // A column with one leaf is the only chunk being written: its pages may go straight to
      // the file (the leaves of a struct fill their pages side by side and stay buffered).
      leaf_writer* direct = end - first == 1 ? leaves_[static_cast<size_t>(first)].get() : nullptr;
      if (direct) direct->set_direct_sink(sink_);
      status written;
      for (int64_t pos = 0; pos < rows && written.ok(); pos += slice_rows)
        written = write_field_slice(b, t, start + pos, std::min(slice_rows, rows - pos));
      if (direct) direct->set_direct_sink(nullptr);
      LAKECODEC_TRY(written);
      for (int l = first; l < end; ++l) {
        const size_t lu = static_cast<size_t>(l);
        finished_[lu].emplace();
        LAKECODEC_TRY(leaves_[lu]->finish_chunk(*sink_, *finished_[lu]));
      }
    }
    rg_rows_ += rows;
    return close_row_group();
  }

  uint64_t buffered() const {
    uint64_t s = 0;
    for (const auto& lw : leaves_) s += lw->buffered_bytes();
    return s;
  }

  status close_row_group() {
    if (rg_rows_ == 0) return {};
    row_group rg;
    rg.num_rows = rg_rows_;
    rg.ordinal = static_cast<int16_t>(row_groups_.size() < 32767 ? row_groups_.size() : 32767);
    int64_t total_unc = 0, total_comp = 0;
    for (size_t l = 0; l < leaves_.size(); ++l) {
      chunk_result cr;
      if (l < finished_.size() && finished_[l])
        cr = std::move(*finished_[l]);
      else
        LAKECODEC_TRY(leaves_[l]->finish_chunk(*sink_, cr));
      column_chunk cc;
      cc.file_offset = 0;
      if (l == 0)
        rg.file_offset = cr.meta.dictionary_page_offset.value_or(cr.meta.data_page_offset);
      total_unc += cr.meta.total_uncompressed_size;
      total_comp += cr.meta.total_compressed_size;
      cc.meta_data = std::move(cr.meta);
      rg.columns.push_back(std::move(cc));
      column_indexes_.push_back(std::move(cr.column_index));
      offset_indexes_.push_back(std::move(cr.offset_index));
    }
    rg.total_byte_size = total_unc;
    rg.total_compressed_size = total_comp;
    split_offsets_.push_back(*rg.file_offset);
    row_groups_.push_back(std::move(rg));
    finished_.clear();
    total_rows_ += rg_rows_;
    rg_rows_ = 0;
    return {};
  }

  status finish() {
    LAKECODEC_TRY(close_row_group());
    byte_buffer buf;
    const size_t nleaves = leaves_.size();
    if (opt_.page_index) {
      for (size_t i = 0; i < column_indexes_.size(); ++i) {
        if (!column_indexes_[i]) continue;
        buf.clear();
        serialize(*column_indexes_[i], buf);
        column_chunk& cc = row_groups_[i / nleaves].columns[i % nleaves];
        cc.column_index_offset = static_cast<int64_t>(sink_->position());
        cc.column_index_length = static_cast<int32_t>(buf.size());
        LAKECODEC_TRY(sink_->write(buf.span()));
      }
      for (size_t i = 0; i < offset_indexes_.size(); ++i) {
        buf.clear();
        serialize(offset_indexes_[i], buf);
        column_chunk& cc = row_groups_[i / nleaves].columns[i % nleaves];
        cc.offset_index_offset = static_cast<int64_t>(sink_->position());
        cc.offset_index_length = static_cast<int32_t>(buf.size());
        LAKECODEC_TRY(sink_->write(buf.span()));
      }
    }
    file_meta_data md;
    md.version = 1;
    md.schema = ps_.elements;
    md.num_rows = total_rows_;
    md.row_groups = std::move(row_groups_);
    std::vector<key_value> kvs;
    for (const auto& kv : schema_.metadata) kvs.push_back(make_kv(kv.first, kv.second));
    for (const auto& kv : opt_.key_value_metadata) kvs.push_back(make_kv(kv.first, kv.second));
    if (!kvs.empty()) md.key_value_metadata = kvs;
    md.created_by = opt_.created_by;
    md.column_orders = std::vector<column_order>(nleaves);
    buf.clear();
    serialize(md, buf);
    const uint32_t len = static_cast<uint32_t>(buf.size());
    buf.append_le<uint32_t>(len);
    buf.append("PAR1", 4);
    LAKECODEC_TRY(sink_->write(buf.span()));
    summary_.path = path_;
    summary_.file_size = sink_->position();
    summary_.row_count = total_rows_;
    summary_.split_offsets = split_offsets_;
    for (size_t l = 0; l < nleaves; ++l) {
      column_summary cs;
      cs.path = ps_.leaves[l].path;
      cs.field_id = ps_.leaves[l].field_id;
      cs.physical = ps_.leaves[l].physical;
      cs.type = ps_.leaves[l].source;
      const leaf_file_stats& fs = leaves_[l]->file_stats();
      cs.stats = fs.stats;
      cs.compressed_size = fs.compressed_size;
      cs.uncompressed_size = fs.uncompressed_size;
      summary_.columns.push_back(std::move(cs));
    }
    summary_.metadata = std::move(md);
    if (file_) LAKECODEC_TRY(file_->close());
    return {};
  }

  static key_value make_kv(const std::string& k, const std::string& v) {
    key_value kv;
    kv.key = k;
    kv.value = v;
    return kv;
  }

  /// Rows per slice of the row-major walk (and per call of a leaf writer).
  static constexpr int64_t slice_rows = 65536;
  /// Rows written row-major to estimate a row group before writing the rest column by column.
  static constexpr int64_t probe_rows = 4096;

  schema schema_;
  writer_options opt_;
  parquet_schema ps_;
  output_sink* sink_ = nullptr;
  std::unique_ptr<file_sink> file_;
  std::string path_;
  page_pool pool_;  // before leaves_: they hold a reference to it
  std::vector<std::unique_ptr<leaf_writer>> leaves_;
  std::vector<std::optional<chunk_result>> finished_;  // chunks of the open row group closed early
  std::vector<leaf_scratch> scratch_;
  std::vector<const column_view*> leaf_cols_;
  std::vector<column_view> conv_;
  std::vector<byte_buffer> conv_buf_, conv_valid_;
  int64_t rg_rows_ = 0, total_rows_ = 0;
  std::vector<row_group> row_groups_;
  std::vector<std::optional<column_index>> column_indexes_;
  std::vector<offset_index> offset_indexes_;
  std::vector<int64_t> split_offsets_;
  file_summary summary_;
  bool closed_ = false, failed_ = false, last_batch_ = false;
  status failed_status_;
};

/// Rolling-file settings.
struct rolling_options {
  /// Path of the n-th file (0-based).
  std::function<std::string(size_t)> path_for;
  /// Start a new file once the current one reaches this many bytes (0 = never).
  uint64_t target_file_size = uint64_t{128} << 20;
  /// Start a new file once the current one has been open this long (0 = never); checked on
  /// write() and poll().
  std::chrono::milliseconds max_file_age{0};
  writer_options writer;
  file_sink_options file;
};

/// Writes a stream of batches into as many files as the size/age limits ask for and keeps the
/// summary of every closed file.
class rolling_writer {
 public:
  rolling_writer(schema s, rolling_options o) : schema_(std::move(s)), opt_(std::move(o)) {}

  /// Appends a batch to the current file (opening one when needed), then rolls if a limit is hit.
  status write(const batch_view& b) {
    if (!current_) LAKECODEC_TRY(open_next());
    LAKECODEC_TRY(current_->write(b));
    return poll();
  }
  /// Closes the current file when its size or age limit has been reached.
  status poll() {
    if (!current_) return {};
    const bool big =
        opt_.target_file_size > 0 && current_->estimated_size() >= opt_.target_file_size;
    const bool old = opt_.max_file_age.count() > 0 &&
                     std::chrono::steady_clock::now() - opened_ >= opt_.max_file_age;
    if (big || old) return roll();
    return {};
  }
  /// Closes the current file now (no-op without one).
  status roll() {
    if (!current_) return {};
    auto r = current_->close();
    current_.reset();
    if (!r) return r.error();
    closed_.push_back(std::move(r).value());
    return {};
  }
  /// Closes the last file and returns the summaries of all files written.
  result<std::vector<file_summary>> close() {
    LAKECODEC_TRY(roll());
    return closed_;
  }
  const std::vector<file_summary>& closed_files() const noexcept { return closed_; }

 private:
  status open_next() {
    if (!opt_.path_for) return invalid_argument("parquet: rolling writer needs path_for");
    LAKECODEC_ASSIGN_OR_RETURN(
        current_, file_writer::create(opt_.path_for(index_++), schema_, opt_.writer, opt_.file));
    opened_ = std::chrono::steady_clock::now();
    return {};
  }
  schema schema_;
  rolling_options opt_;
  std::unique_ptr<file_writer> current_;
  std::chrono::steady_clock::time_point opened_;
  size_t index_ = 0;
  std::vector<file_summary> closed_;
};

}  // namespace parquet
LAKECODEC_NAMESPACE_END
