#pragma once
// The per-leaf column chunk writer (parquet_avro.md A5, A6, A8): levels and values arrive in
// mini-batches, are dictionary- or PLAIN/DELTA/BYTE_STREAM_SPLIT-encoded into pages, compressed,
// and buffered per column chunk until the row group closes. Statistics for pages, chunks and the
// whole file are core `column_stats` (core/stats.hpp), folded in the same pass from the values
// being encoded and merged page -> chunk -> file, so Parquet statistics, Iceberg metrics and
// Paimon SimpleStats come from one computation. One typed instance per leaf: the hot loops see
// the concrete value type; dispatch happens once per mini-batch.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/crc32.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/parquet/encoding.hpp"
#include "lakecodec/parquet/metadata.hpp"
#include "lakecodec/parquet/schema.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// Settings of one leaf column.
struct column_settings {
  compression codec = compression::snappy;
  int compression_level = -1;
  bool dictionary = true;
  /// Encoding of non-dictionary pages: PLAIN, DELTA_BINARY_PACKED (INT32/INT64),
  /// DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY), DELTA_BYTE_ARRAY (BYTE_ARRAY, FLBA) or
  /// BYTE_STREAM_SPLIT (fixed width).
  int32_t encoding = encoding::plain;
  int page_version = 1;
  int64_t data_page_size = 1 << 20;
  int64_t dictionary_page_size = 1 << 20;
  int64_t max_rows_per_page = 20000;
  bool statistics = true;
  bool page_index = true;
  bool page_checksum = false;
  /// SizeStatistics in the chunk metadata and level histograms in the page index.
  bool size_statistics = true;
  /// Column-index min/max of BYTE_ARRAY/FLBA are truncated to this many bytes (0 = never).
  size_t column_index_truncate = 64;
  /// Chunk statistics of BYTE_ARRAY/FLBA are truncated to this many bytes (0 = never).
  size_t statistics_truncate = 0;
};

/// Where a leaf's values come from for one append: slots of `column` (the valid ones when
/// `indices` is null, in order from `next_slot`) or the listed slot indices.
struct value_source {
  const column_view* column = nullptr;
  const int64_t* indices = nullptr;
  int64_t next = 0;
};

/// What one leaf reports for the whole file, as Iceberg manifests and Paimon DataFileMeta need
/// it: the core statistics of its values (value_count = level slots incl. nulls, null_count,
/// nan_count, exact min/max in the column's own type) and its column chunk sizes.
struct leaf_file_stats {
  column_stats stats;
  int64_t compressed_size = 0;
  int64_t uncompressed_size = 0;
};

/// What a closed column chunk reports to the file writer.
struct chunk_result {
  column_meta_data meta;
  std::optional<parquet::column_index> column_index;
  parquet::offset_index offset_index;
};

namespace detail {

/// Valid UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF).
inline bool valid_utf8(const uint8_t* p, size_t n, bool* all_ascii = nullptr) noexcept {
  if (all_ascii) *all_ascii = true;
  size_t i = 0;
  while (i < n) {
    // ASCII runs 32 bytes at a time (four words OR-ed: one test, vectorizable).
    while (i + 32 <= n) {
      uint64_t w[4];
      std::memcpy(w, p + i, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) != 0) break;
      i += 32;
    }
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (i == n) break;  // the 32-byte runs may end exactly at the end
    const uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (all_ascii) *all_ascii = false;
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0)
      len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0)
      len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0)
      len = 4, cp = c & 0x07;
    else
      return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

/// Value type and helpers per physical kind.
struct flba_tag {};
struct byte_array_tag {};
template <class P>
using value_of =
    std::conditional_t<std::is_same<P, flba_tag>::value || std::is_same<P, byte_array_tag>::value,
                       std::string_view, P>;

template <class P>
LAKECODEC_ALWAYS_INLINE value_of<P> read_value(const column_view& c, int64_t i) noexcept {
  if constexpr (std::is_same<P, bool>::value)
    return c.bool_value(i);
  else if constexpr (std::is_same<P, byte_array_tag>::value)
    return c.bytes(i);
  else if constexpr (std::is_same<P, flba_tag>::value)
    return c.fixed_bytes(i);
  else
    return c.value<P>(i);
}

}  // namespace detail

/// Memory shared by the leaf writers of one file: equal-sized blocks that hold finished pages
/// (a closed chunk gives its blocks back, so a row group written column by column needs blocks
/// for one chunk, not for all, and no buffer ever grows by doubling) and the scratch buffers
/// one page flush uses (one set per file, not per column).
class page_pool {
 public:
  static constexpr size_t block_size = size_t{1} << 20;
  struct scratch_buffers {
    byte_buffer page, levels, header, dictionary, bytes, compressed;
    // the dictionary page's own, as it may be written while a data page is in the ones above
    byte_buffer dictionary_header, dictionary_compressed;
    std::vector<int32_t> lengths;
  };
  scratch_buffers scratch;

  /// block_size bytes mapped straight from the system (not from the malloc heap, so blocks
  /// never pin fragmented heap memory; unmapped when the pool is destroyed).
  class block {
   public:
    block() = default;
    explicit block(uint8_t* p) noexcept : p_(p) {}
    block(block&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    block& operator=(block&& o) noexcept {
      std::swap(p_, o.p_);
      return *this;
    }
    ~block() { os::unmap(p_, block_size); }
    uint8_t* get() const noexcept { return p_; }

   private:
    uint8_t* p_ = nullptr;
  };

  /// A block (uninitialized). Error: io_error when the system has no memory to map.
  result<block> take_block() {
    if (free_.empty()) {
      auto p = os::map_anonymous(block_size);
      if (!p) return io_error("parquet: cannot map a page block: " + p.error().message());
      return block(*p);
    }
    block b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void give_back(block&& b) { free_.push_back(std::move(b)); }

 private:
  std::vector<block> free_;
};

/// The finished pages of one column chunk, appended into pool blocks.
class chunk_store {
 public:
  size_t size() const noexcept { return size_; }
  status append(page_pool& pool, const uint8_t* p, size_t n) {
    while (n > 0) {
      const size_t used = size_ % page_pool::block_size;
      if (used == 0 && size_ / page_pool::block_size == blocks_.size()) {
        LAKECODEC_ASSIGN_OR_RETURN(page_pool::block b, pool.take_block());
        blocks_.push_back(std::move(b));
      }
      const size_t k = std::min(n, page_pool::block_size - used);
      std::memcpy(blocks_.back().get() + used, p, k);
      p += k;
      n -= k;
      size_ += k;
    }
    return {};
  }
  /// Writes everything to `sink` and gives the blocks back to `pool`.
  status flush_to(output_sink& sink, page_pool& pool) {
    size_t left = size_;
    for (auto& b : blocks_) {
      const size_t k = std::min(left, page_pool::block_size);
      LAKECODEC_TRY(sink.write(b.get(), k));
      left -= k;
    }
    clear(pool);
    return {};
  }
  void clear(page_pool& pool) {
    for (auto& b : blocks_) pool.give_back(std::move(b));
    blocks_.clear();
    size_ = 0;
  }

 private:
  std::vector<page_pool::block> blocks_;
  size_t size_ = 0;
};

/// Base of the typed leaf writers.
class leaf_writer {
 public:
  virtual ~leaf_writer() = default;
  /// Appends `n` level slots (defs/reps null when the max level is 0) and their values.
  virtual status append(value_source& src, const int16_t* defs, const int16_t* reps, size_t n) = 0;
  /// Flushes pages, writes the chunk (dictionary page first) to `sink` and reports its metadata.
  virtual status finish_chunk(output_sink& sink, chunk_result& out) = 0;
  /// Bytes buffered for the open chunk (encoded pages + dictionary + open page estimate).
  virtual size_t buffered_bytes() const = 0;
  /// While non-null, finished pages that nothing must precede go straight to `sink` (the chunk
  /// is the only one being written: column-by-column mode). Null: pages are buffered.
  virtual void set_direct_sink(output_sink* sink) = 0;
  /// The dictionary part of buffered_bytes (bounded by the dictionary page size; it does not
  /// grow with the rows).
  virtual size_t dictionary_bytes() const = 0;
  /// Per-file statistics so far (chunks closed).
  virtual const leaf_file_stats& file_stats() const = 0;
};

/// The part of a leaf writer that does not depend on the value type (levels, page assembly,
/// headers, statistics, page index, chunk metadata): compiled once, not once per physical type.
class leaf_writer_base : public leaf_writer {
 public:
  status finish_chunk(output_sink& sink, chunk_result& out) override {
    LAKECODEC_TRY(flush_page());
    if (head_written_)
      LAKECODEC_TRY(pages_.flush_to(sink, pool_));  // pages stored after the direct ones
    else
      LAKECODEC_TRY(write_head(sink));
    column_meta_data& m = out.meta;
    m = column_meta_data();
    m.type = leaf_.physical;
    m.path_in_schema = leaf_.path;
    m.codec = codec_id();
    m.num_values = chunk_levels_;
    if (dict_used_) m.dictionary_page_offset = chunk_start_;
    m.data_page_offset = chunk_start_ + dict_total_;
    m.total_compressed_size = dict_total_ + data_bytes_;
    m.total_uncompressed_size = dict_unc_ + chunk_uncompressed_;
    // encodings: dictionary page, levels, data pages
    std::vector<int32_t> enc;
    auto add = [&](int32_t e) {
      if (std::find(enc.begin(), enc.end(), e) == enc.end()) enc.push_back(e);
    };
    if (dict_used_) add(encoding::plain);
    add(encoding::rle);
    for (const auto& es : enc_stats_)
      if (es.page_type != page_type::dictionary_page) add(es.encoding);
    m.encodings = enc;
    m.encoding_stats = enc_stats_;
    if (s_.statistics) m.statistics = to_thrift(chunk_stats_, s_.statistics_truncate, true);
    // page index
    out.offset_index = offset_index();
    out.offset_index.page_locations = page_locs_;
    for (auto& pl : out.offset_index.page_locations) pl.offset += m.data_page_offset;
    out.column_index.reset();
    if (s_.page_index && ci_valid_ && leaf_.order != sort_order::undefined) {
      ci_.boundary_order = boundary();
      out.column_index = ci_;
    }
    // file totals
    file_.compressed_size += m.total_compressed_size;
    file_.uncompressed_size += m.total_uncompressed_size;
    LAKECODEC_TRY(file_.stats.merge(chunk_stats_));
    if (s_.size_statistics) finish_size_statistics(out);
    reset_chunk();
    return {};
  }

  void set_direct_sink(output_sink* sink) override { direct_ = sink; }

  const leaf_file_stats& file_stats() const override { return file_; }

 protected:
  leaf_writer_base(const leaf_descriptor& leaf, const column_settings& s, page_pool& pool)
      : leaf_(leaf), s_(s), pool_(pool), comp_(s.codec, s.compression_level) {
    dict_mode_ = dictionary_enabled();
    def_width_ = bit_width_for(static_cast<uint64_t>(leaf.max_def));
    rep_width_ = bit_width_for(static_cast<uint64_t>(leaf.max_rep));
    bounds_ = leaf.order != sort_order::undefined;
    reset_stats(page_stats_);
    reset_stats(chunk_stats_);
    reset_stats(file_.stats);
  }

  /// The open page's values in their encoding (dictionary indices or the column's own); returns
  /// the encoding.
  virtual int32_t encode_page_values(byte_buffer& out) = 0;
  /// Appends the chunk's dictionary in PLAIN to `out`; returns its number of entries.
  virtual size_t encode_dictionary(byte_buffer& out) = 0;
  /// Replaces the dictionary by an empty one (freeing the old one's memory).
  virtual void reset_dictionary() = 0;

  /// Whether a new chunk of this leaf starts in dictionary mode.
  bool dictionary_enabled() const noexcept {
    return s_.dictionary && leaf_.physical != physical_type::boolean;
  }

  /// Leaves dictionary mode for the rest of the chunk (reset_chunk() re-enters it).
  status fall_back_from_dictionary() {
    LAKECODEC_TRY(flush_page());
    dict_mode_ = false;
    fell_back_ = true;
    return {};
  }

  int32_t codec_id() const noexcept {
    switch (s_.codec) {
      case compression::snappy: return codec::snappy;
      case compression::gzip: return codec::gzip;
      case compression::zstd: return codec::zstd;
      default: return codec::uncompressed;
    }
  }

  void encode_levels(const std::vector<int16_t>& lv, int width, bool prefix, byte_buffer& out) {
    size_t len_pos = out.size();
    if (prefix) out.append_le<uint32_t>(0);
    const size_t before = out.size();
    rle_hybrid_encode(lv.data(), lv.size(), width, out);
    if (prefix)
      store_le<uint32_t>(out.data() + len_pos, static_cast<uint32_t>(out.size() - before));
  }

  status flush_page() {
    if (page_levels_ == 0) return {};
    page_buf_.clear();
    levels_buf_.clear();
    const bool v2 = s_.page_version == 2;
    int32_t rep_len = 0, def_len = 0;
    byte_buffer& lv = v2 ? levels_buf_ : page_buf_;
    if (leaf_.max_rep > 0) {
      const size_t b = lv.size();
      encode_levels(page_reps_, rep_width_, !v2, lv);
      rep_len = static_cast<int32_t>(lv.size() - b);
    }
    if (leaf_.max_def > 0) {
      const size_t b = lv.size();
      encode_levels(page_defs_, def_width_, !v2, lv);
      def_len = static_cast<int32_t>(lv.size() - b);
    }
    const int32_t enc = encode_page_values(page_buf_);
    if (enc == encoding::rle_dictionary) dict_used_ = true;
    page_header h;
    h.type = v2 ? page_type::data_page_v2 : page_type::data_page;
    // The page is compressed straight into its stored buffer, behind room for the header.
    byte_buffer& compressed = pool_.scratch.compressed;
    compressed.clear();
    if (v2) compressed.append(levels_buf_.span());
    LAKECODEC_TRY(comp_.compress(page_buf_.span(), compressed));
    const uint8_t* body = compressed.data();
    const size_t body_size = compressed.size();
    const size_t uncompressed = levels_buf_.size() + page_buf_.size();
    if (uncompressed > 0x7fffffffu || body_size > 0x7fffffffu)
      return limit_exceeded("parquet: page of column '" + leaf_.dotted_path + "' exceeds 2 GiB");
    h.uncompressed_page_size = static_cast<int32_t>(uncompressed);
    h.compressed_page_size = static_cast<int32_t>(body_size);
    if (s_.page_checksum) h.crc = static_cast<int32_t>(crc32(body, body_size));
    page_stats_.value_count = static_cast<int64_t>(page_levels_);
    page_stats_.null_count = static_cast<int64_t>(page_levels_ - page_values_);
    std::optional<statistics> page_st;
    if (s_.statistics && !s_.page_index)
      page_st = to_thrift(page_stats_, s_.statistics_truncate, true);
    if (v2) {
      data_page_header_v2 d;
      d.num_values = static_cast<int32_t>(page_levels_);
      d.num_nulls = static_cast<int32_t>(page_levels_ - page_values_);
      d.num_rows = static_cast<int32_t>(page_rows_);
      d.encoding = enc;
      d.definition_levels_byte_length = def_len;
      d.repetition_levels_byte_length = rep_len;
      d.is_compressed = s_.codec != compression::none;
      d.statistics = page_st;
      h.data_page_header_v2 = d;
    } else {
      data_page_header d;
      d.num_values = static_cast<int32_t>(page_levels_);
      d.encoding = enc;
      d.statistics = page_st;
      h.data_page_header = d;
    }
    header_buf_.clear();
    serialize(h, header_buf_);
    page_location loc;
    loc.offset = data_bytes_;
    loc.compressed_page_size = static_cast<int32_t>(header_buf_.size() + body_size);
    loc.first_row_index = chunk_rows_;
    page_locs_.push_back(loc);
    LAKECODEC_TRY(store_page(body, body_size));
    data_bytes_ += loc.compressed_page_size;
    chunk_uncompressed_ += static_cast<int64_t>(header_buf_.size() + uncompressed);
    add_encoding_stat(h.type, enc);
    if (s_.page_index) add_column_index_entry();
    LAKECODEC_TRY(chunk_stats_.merge(page_stats_));
    chunk_levels_ += static_cast<int64_t>(page_levels_);
    chunk_rows_ += static_cast<int64_t>(page_rows_);
    if (s_.size_statistics) record_page_size_statistics();
    // reset the page
    page_defs_.clear();
    page_reps_.clear();
    page_indices_.clear();
    page_plain_.clear();
    page_bools_.clear();
    page_levels_ = page_values_ = page_rows_ = 0;
    reset_stats(page_stats_);
    ++page_serial_;
    return {};
  }

  /// Writes the start of the chunk to `sink`: the dictionary page (when pages used it; the
  /// dictionary is final by then) and the buffered data pages. Pages after it may go straight
  /// to the sink.
  status write_head(output_sink& sink) {
    chunk_start_ = static_cast<int64_t>(sink.position());
    dict_total_ = dict_unc_ = 0;
    if (dict_used_) {
      dict_buf_.clear();
      const size_t dict_entries = encode_dictionary(dict_buf_);
      page_header h;
      h.type = page_type::dictionary_page;
      h.uncompressed_page_size = static_cast<int32_t>(dict_buf_.size());
      byte_buffer& comp_buf = pool_.scratch.dictionary_compressed;
      comp_buf.clear();
      LAKECODEC_TRY(comp_.compress(dict_buf_.span(), comp_buf));
      h.compressed_page_size = static_cast<int32_t>(comp_buf.size());
      if (s_.page_checksum) h.crc = static_cast<int32_t>(crc32(comp_buf.data(), comp_buf.size()));
      dictionary_page_header dh;
      dh.num_values = static_cast<int32_t>(dict_entries);
      dh.encoding = encoding::plain;
      dh.is_sorted = false;
      h.dictionary_page_header = dh;
      byte_buffer& header = pool_.scratch.dictionary_header;
      header.clear();
      serialize(h, header);
      LAKECODEC_TRY(sink.write(header.span()));
      LAKECODEC_TRY(sink.write(comp_buf.span()));
      dict_total_ = static_cast<int64_t>(header.size() + comp_buf.size());
      dict_unc_ = static_cast<int64_t>(header.size() + dict_buf_.size());
      add_encoding_stat(page_type::dictionary_page, encoding::plain);
    }
    LAKECODEC_TRY(pages_.flush_to(sink, pool_));
    head_written_ = true;
    return {};
  }

  /// Stores a finished page (header_buf_ + body): straight to the direct sink when the chunk
  /// is being written column by column and no dictionary page can still come before it,
  /// else into the chunk's pool blocks.
  status store_page(const uint8_t* body, size_t body_size) {
    if (direct_ != nullptr && !dict_mode_) {
      if (!head_written_) LAKECODEC_TRY(write_head(*direct_));
      LAKECODEC_TRY(direct_->write(header_buf_.span()));
      return direct_->write(body, body_size);
    }
    LAKECODEC_TRY(pages_.append(pool_, header_buf_.data(), header_buf_.size()));
    return pages_.append(pool_, body, body_size);
  }

  /// The page's ColumnIndex entry (parquet PageIndex.md): null page flag, null count, truncated
  /// bounds. A page with values but no bounds (all NaN) makes the whole column index unusable.
  void add_column_index_entry() {
    const bool null_page = page_values_ == 0;
    ci_.null_pages.push_back(null_page);
    if (!ci_.null_counts) ci_.null_counts = std::vector<int64_t>();
    ci_.null_counts->push_back(page_stats_.null_count);
    if (!null_page && page_stats_.has_min_max()) {
      statistics t = to_thrift(page_stats_, s_.column_index_truncate, false);
      if (!t.min_value || !t.max_value) ci_valid_ = false;
      ci_.min_values.push_back(t.min_value.value_or(""));
      ci_.max_values.push_back(t.max_value.value_or(""));
      page_bounds_.emplace_back(page_stats_.min, page_stats_.max);
      return;
    }
    if (!null_page) ci_valid_ = false;
    ci_.min_values.emplace_back();
    ci_.max_values.emplace_back();
  }

  void reset_stats(column_stats& st) const { st = column_stats(leaf_.source); }

  /// A bound as the PLAIN encoding of the leaf's physical type (parquet.thrift Statistics):
  /// little-endian numbers, raw bytes, big-endian two's complement for FLBA decimals.
  std::string encode_bound(const stat_bound& b) const {
    auto le = [](auto v) {
      std::string out(sizeof(v), '\0');
      std::memcpy(&out[0], &v, sizeof(v));
      return out;
    };
    const __int128 integer = b.kind == bound_kind::decimal ? b.decimal : b.integer;
    switch (leaf_.physical) {
      case physical_type::boolean: return std::string(1, b.boolean ? '\1' : '\0');
      case physical_type::int32: return le(static_cast<int32_t>(integer));
      case physical_type::int64: return le(static_cast<int64_t>(integer));
      case physical_type::float_: return le(static_cast<float>(b.floating));
      case physical_type::double_: return le(b.floating);
      default: break;
    }
    if (b.kind != bound_kind::decimal) return b.bytes;
    std::string out(static_cast<size_t>(leaf_.type_length), '\0');
    decimal_to_be_bytes(b.decimal, reinterpret_cast<uint8_t*>(&out[0]), out.size());
    return out;
  }

  /// Thrift Statistics of `st` (parquet.thrift Statistics): null/NaN counts, min_value/max_value
  /// (BYTE_ARRAY bounds truncated to `truncate` bytes, then marked inexact), deprecated min/max for
  /// signed orders.
  statistics to_thrift(const column_stats& st, size_t truncate, bool deprecated) const {
    statistics t;
    t.null_count = st.null_count;
    if (leaf_.physical == physical_type::float_ || leaf_.physical == physical_type::double_)
      t.nan_count = st.nan_count;
    if (!st.has_min_max() || !bounds_) return t;
    if (leaf_.physical == physical_type::byte_array && truncate > 0 &&
        (st.min.bytes.size() > truncate || st.max.bytes.size() > truncate)) {
      column_stats cut = st;
      truncate_bounds(cut, truncate);
      t.min_value = cut.min.bytes;
      t.is_min_value_exact = cut.min_exact;
      if (cut.max.has_value()) {
        t.max_value = cut.max.bytes;
        t.is_max_value_exact = cut.max_exact;
      }
      return t;
    }
    t.min_value = encode_bound(st.min);
    t.max_value = encode_bound(st.max);
    if (deprecated && leaf_.order == sort_order::signed_) {
      t.min = t.min_value;
      t.max = t.max_value;
    }
    return t;
  }

  int32_t boundary() const {
    bool asc = true, desc = true;
    for (size_t i = 1; i < page_bounds_.size(); ++i) {
      const stat_bound &pmin = page_bounds_[i - 1].first, &pmax = page_bounds_[i - 1].second;
      const stat_bound &cmin = page_bounds_[i].first, &cmax = page_bounds_[i].second;
      if (compare_bounds(cmin, pmin) < 0 || compare_bounds(cmax, pmax) < 0) asc = false;
      if (compare_bounds(pmin, cmin) < 0 || compare_bounds(pmax, cmax) < 0) desc = false;
    }
    if (asc) return boundary_order::ascending;
    if (desc) return boundary_order::descending;
    return boundary_order::unordered;
  }

  void add_encoding_stat(int32_t type, int32_t enc) {
    for (auto& es : enc_stats_)
      if (es.page_type == type && es.encoding == enc) {
        ++es.count;
        return;
      }
    page_encoding_stats es;
    es.page_type = type;
    es.encoding = enc;
    es.count = 1;
    enc_stats_.push_back(es);
  }

  /// Forgets the closed chunk and frees its large buffers (dictionary, open-page values), so a
  /// leaf whose chunk is done holds almost nothing while other columns are written.
  void reset_chunk() {
    reset_dictionary();  // a fresh dictionary: the old one's memory is freed
    page_plain_.release();
    dict_mode_ = dictionary_enabled();
    dict_used_ = false;
    fell_back_ = false;
    chunk_levels_ = chunk_rows_ = chunk_uncompressed_ = data_bytes_ = 0;
    head_written_ = false;
    reset_stats(chunk_stats_);
    enc_stats_.clear();
    page_locs_.clear();
    ci_ = column_index();
    ci_valid_ = true;
    page_bounds_.clear();
    std::vector<uint32_t>().swap(stamp_);
  }

  /// The finished page's level histograms and unencoded bytes, per page and summed per chunk.
  /// A level whose maximum is 0 has no histogram (every value sits at level 0), as in Arrow.
  void record_page_size_statistics() {
    add_level_histogram(page_reps_, leaf_.max_rep, size_rep_pages_, size_rep_chunk_);
    add_level_histogram(page_defs_, leaf_.max_def, size_def_pages_, size_def_chunk_);
    size_unencoded_pages_.push_back(page_unencoded_);
    size_unencoded_chunk_ += page_unencoded_;
    page_unencoded_ = 0;
  }

  static void add_level_histogram(const std::vector<int16_t>& levels, int16_t max_level,
                                  std::vector<int64_t>& pages, std::vector<int64_t>& chunk) {
    if (max_level <= 0) return;
    const size_t width = static_cast<size_t>(max_level) + 1, base = pages.size();
    pages.resize(base + width, 0);
    chunk.resize(width, 0);
    int64_t* h = pages.data() + base;
    for (const int16_t l : levels)
      if (l >= 0 && l <= max_level) ++h[l];
    for (size_t k = 0; k < width; ++k) chunk[k] += h[k];
  }

  /// Puts the chunk's SizeStatistics into its metadata, the per-page histograms into its
  /// ColumnIndex and the per-page unencoded bytes into its OffsetIndex, then starts over.
  void finish_size_statistics(chunk_result& out) {
    const bool byte_array = leaf_.physical == physical_type::byte_array;
    const size_t rep_width = static_cast<size_t>(leaf_.max_rep) + 1;
    const size_t def_width = static_cast<size_t>(leaf_.max_def) + 1;
    // As Arrow writes it: nothing for a non-BYTE_ARRAY leaf without levels, else both
    // histograms, empty where the max level is 0.
    if (byte_array || leaf_.max_rep > 0 || leaf_.max_def > 0) {
      size_statistics st;
      if (byte_array) st.unencoded_byte_array_data_bytes = size_unencoded_chunk_;
      if (leaf_.max_rep > 0) size_rep_chunk_.resize(rep_width, 0);
      if (leaf_.max_def > 0) size_def_chunk_.resize(def_width, 0);
      st.repetition_level_histogram = size_rep_chunk_;
      st.definition_level_histogram = size_def_chunk_;
      out.meta.size_statistics = std::move(st);
    }
    if (out.column_index) {
      if (leaf_.max_rep > 0) out.column_index->repetition_level_histograms = size_rep_pages_;
      if (leaf_.max_def > 0) out.column_index->definition_level_histograms = size_def_pages_;
    }
    if (byte_array) out.offset_index.unencoded_byte_array_data_bytes = size_unencoded_pages_;
    size_rep_pages_.clear();
    size_def_pages_.clear();
    size_rep_chunk_.clear();
    size_def_chunk_.clear();
    size_unencoded_pages_.clear();
    size_unencoded_chunk_ = 0;
  }

  int64_t page_unencoded_ = 0, size_unencoded_chunk_ = 0;
  std::vector<int64_t> size_rep_pages_, size_def_pages_, size_rep_chunk_, size_def_chunk_;
  std::vector<int64_t> size_unencoded_pages_;

  leaf_descriptor leaf_;
  column_settings s_;
  page_pool& pool_;
  compressor comp_;
  bool dict_mode_ = true, dict_used_ = false, fell_back_ = false, bounds_ = true;
  int def_width_ = 0, rep_width_ = 0;
  // open page
  std::vector<int16_t> page_defs_, page_reps_;
  std::vector<uint32_t> page_indices_;
  std::vector<uint8_t> page_bools_;
  byte_buffer page_plain_;
  size_t page_levels_ = 0, page_values_ = 0, page_rows_ = 0;
  column_stats page_stats_;
  std::vector<uint32_t> stamp_;  // per dictionary entry: the last page serial that used it
  uint32_t page_serial_ = 1;
  // scratch of one flush, shared by the file's leaves
  byte_buffer& page_buf_ = pool_.scratch.page;
  byte_buffer& levels_buf_ = pool_.scratch.levels;
  byte_buffer& header_buf_ = pool_.scratch.header;
  byte_buffer& dict_buf_ = pool_.scratch.dictionary;
  byte_buffer& bytes_ = pool_.scratch.bytes;
  std::vector<int32_t>& lens_ = pool_.scratch.lengths;
  // open chunk
  chunk_store pages_;              // data pages not yet written
  output_sink* direct_ = nullptr;  // set while this chunk alone is being written
  bool head_written_ = false;      // dictionary page and buffered pages are in the sink
  int64_t chunk_start_ = 0, dict_total_ = 0, dict_unc_ = 0;
  int64_t data_bytes_ = 0;  // data page bytes of the chunk (stored or written)
  int64_t chunk_levels_ = 0, chunk_rows_ = 0, chunk_uncompressed_ = 0;
  column_stats chunk_stats_;
  std::vector<page_encoding_stats> enc_stats_;
  std::vector<page_location> page_locs_;
  column_index ci_;
  bool ci_valid_ = true;
  std::vector<std::pair<stat_bound, stat_bound>> page_bounds_;
  // file
  leaf_file_stats file_;
};

/// The typed writer of one leaf. P: bool, int32_t, int64_t, float, double, byte_array_tag or
/// flba_tag (the Parquet physical type).
template <class P>
class typed_leaf_writer final : public leaf_writer_base {
  using V = detail::value_of<P>;
  static constexpr bool is_bytes = std::is_same<V, std::string_view>::value;
  using dict_t = std::conditional_t<
      is_bytes, bytes_dictionary,
      fixed_dictionary<std::conditional_t<is_bytes || std::is_same<V, bool>::value, int32_t, V>>>;

 public:
  typed_leaf_writer(const leaf_descriptor& leaf, const column_settings& s, page_pool& pool)
      : leaf_writer_base(leaf, s, pool), dict_(make_dict()) {}

  status append(value_source& src, const int16_t* defs, const int16_t* reps, size_t n) override {
    size_t pos = 0;
    while (pos < n) {
      const size_t room = static_cast<size_t>(
          std::max<int64_t>(1, s_.max_rows_per_page - static_cast<int64_t>(page_rows_)));
      size_t end = std::min(n, pos + std::min<size_t>(1024, room));
      if (reps)
        while (end < n && reps[end] != 0) ++end;
      const size_t levels = end - pos;
      size_t nv = levels, rows = levels;
      if (defs) {
        nv = 0;
        for (size_t k = pos; k < end; ++k) nv += defs[k] == leaf_.max_def;
        page_defs_.insert(page_defs_.end(), defs + pos, defs + end);
      }
      if (reps) {
        rows = 0;
        for (size_t k = pos; k < end; ++k) rows += reps[k] == 0;
        page_reps_.insert(page_reps_.end(), reps + pos, reps + end);
      }
      gather(src, nv);
      if (s_.size_statistics) count_unencoded_bytes();
      encode_values();
      page_levels_ += levels;
      page_values_ += nv;
      page_rows_ += rows;
      if (dictionary_exceeds_limit()) {
        LAKECODEC_TRY(fall_back_from_dictionary());
      } else if (estimated_page_bytes() >= static_cast<size_t>(s_.data_page_size) ||
                 static_cast<int64_t>(page_rows_) >= s_.max_rows_per_page) {
        LAKECODEC_TRY(flush_page());
      }
      pos = end;
    }
    return {};
  }

  size_t buffered_bytes() const override {
    return pages_.size() + dict_.plain_size() + estimated_page_bytes();
  }
  size_t dictionary_bytes() const override { return dict_.plain_size(); }

 private:
  // -- Dictionary encoding and its fallback (parquet-java FallbackValuesWriter) ---------------
  // Every chunk starts in dictionary mode (BOOLEAN never: one bit per value is already less
  // than an index). Once the chunk's dictionary outgrows dictionary_page_size, the chunk falls
  // back: the open page is closed as RLE_DICTIONARY (the dictionary page is still written for
  // the pages that use it) and the chunk's later pages take the column's own encoding.
  /// True while in dictionary mode and the dictionary's PLAIN size is over the limit.
  bool dictionary_exceeds_limit() const noexcept {
    return dict_mode_ && dict_.plain_size() > static_cast<size_t>(s_.dictionary_page_size);
  }

  dict_t make_dict() {
    if constexpr (is_bytes)
      return bytes_dictionary(leaf_.physical == physical_type::byte_array);
    else
      return dict_t();
  }

  void gather(value_source& src, size_t nv) {
    vals_.resize(nv);
    const column_view& c = *src.column;
    if (src.indices) {
      for (size_t k = 0; k < nv; ++k)
        vals_[k] = detail::read_value<P>(c, src.indices[src.next + static_cast<int64_t>(k)]);
      src.next += static_cast<int64_t>(nv);
    } else if (c.validity == nullptr) {
      if constexpr (!is_bytes && !std::is_same<V, bool>::value) {
        if (nv) std::memcpy(vals_.data(), c.typed_values<V>() + src.next, nv * sizeof(V));
      } else {
        for (size_t k = 0; k < nv; ++k)
          vals_[k] = detail::read_value<P>(c, src.next + static_cast<int64_t>(k));
      }
      src.next += static_cast<int64_t>(nv);
    } else {
      int64_t slot = src.next;
      for (size_t k = 0; k < nv; ++k) {
        while (!c.is_valid(slot)) ++slot;
        vals_[k] = detail::read_value<P>(c, slot++);
      }
      // skip trailing nulls of this mini-batch so the next one starts at its first slot
      src.next = slot;
    }
  }

  void encode_values() {
    const size_t nv = vals_.size();
    if constexpr (is_bytes) {
      if (dict_mode_) {
        // Dictionary pages of byte strings: the page statistics see each distinct entry the page
        // uses once, so low-cardinality columns compare a handful of strings per page instead of
        // every value (fixed-width values are cheaper to compare directly).
        const size_t base = page_indices_.size();
        page_indices_.resize(base + nv);
        uint32_t* out = page_indices_.data() + base;
        for (size_t k = 0; k < nv; ++k) out[k] = dict_.insert(vals_[k]);
        if (bounds_) {
          if (stamp_.size() < dict_.size()) stamp_.resize(dict_.size() + 1024, 0);
          distinct_.clear();
          for (size_t k = 0; k < nv; ++k) {
            const uint32_t idx = out[k];
            if (stamp_[idx] == page_serial_) continue;
            stamp_[idx] = page_serial_;
            distinct_.push_back(dict_.value(idx));
          }
          add_page_values(distinct_.data(), distinct_.size());
        }
        return;
      }
    }
    if (bounds_ && nv > 0) {
      if constexpr (std::is_same<V, bool>::value) {
        int64_t trues = 0;
        for (size_t k = 0; k < nv; ++k) trues += vals_[k];
        add_bools(page_stats_, trues, static_cast<int64_t>(nv) - trues);
      } else {
        add_page_values(vals_.data(), nv);
      }
    }
    if (dict_mode_) {
      const size_t base = page_indices_.size();
      page_indices_.resize(base + nv);
      uint32_t* out = page_indices_.data() + base;
      for (size_t k = 0; k < nv; ++k) {
        if constexpr (std::is_same<V, bool>::value)
          out[k] = 0;
        else
          out[k] = dict_.insert(vals_[k]);
      }
      return;
    }
    if constexpr (std::is_same<V, bool>::value) {
      for (size_t k = 0; k < nv; ++k) page_bools_.push_back(vals_[k] ? 1 : 0);
    } else if constexpr (std::is_same<P, detail::byte_array_tag>::value) {
      size_t total = 4 * nv;
      for (size_t k = 0; k < nv; ++k) total += vals_[k].size();
      uint8_t* out = page_plain_.append_uninitialized(total);
      for (size_t k = 0; k < nv; ++k) {
        const size_t len = vals_[k].size();
        store_le<uint32_t>(out, static_cast<uint32_t>(len));
        if (len) std::memcpy(out + 4, vals_[k].data(), len);
        out += 4 + len;
      }
    } else if constexpr (is_bytes) {
      for (size_t k = 0; k < nv; ++k) page_plain_.append(vals_[k].data(), vals_[k].size());
    } else {
      page_plain_.append(vals_.data(), nv * sizeof(V));
    }
  }

  /// Folds non-null values into the page statistics (core kernel). FLBA decimals are compared
  /// as the numbers their big-endian bytes hold.
  template <class T>
  void add_page_values(const T* v, size_t n) {
    if constexpr (std::is_same<T, std::string_view>::value) {
      if (leaf_.decimal_bytes) {
        decimals_.resize(n);
        for (size_t k = 0; k < n; ++k)
          decimals_[k] =
              decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(v[k].data()), v[k].size());
        add_values(page_stats_, decimals_.data(), n);
        return;
      }
    }
    add_values(page_stats_, v, n);
  }

  size_t estimated_page_bytes() const noexcept {
    size_t b = page_plain_.size() + page_bools_.size() / 8;
    if (!page_indices_.empty())
      b += page_indices_.size() * static_cast<size_t>(dict_width()) / 8 + 1;
    b += page_levels_ * static_cast<size_t>(def_width_ + rep_width_) / 8;
    return b;
  }
  int dict_width() const noexcept {
    const int w = bit_width_for(dict_.size() > 0 ? dict_.size() - 1 : 0);
    return w < 1 ? 1 : w;
  }

  int32_t encode_page_values(byte_buffer& out) override {
    if (page_values_ > 0 && !page_indices_.empty()) {
      const int w = dict_width();
      out.push_back(static_cast<uint8_t>(w));
      rle_hybrid_encode(page_indices_.data(), page_indices_.size(), w, out);
      return encoding::rle_dictionary;
    }
    if constexpr (std::is_same<V, bool>::value) {
      plain_encode_bools(page_bools_.data(), page_bools_.size(), out);
      return encoding::plain;
    } else {
      const int32_t e = s_.encoding;
      if constexpr (std::is_same<V, int32_t>::value || std::is_same<V, int64_t>::value) {
        if (e == encoding::delta_binary_packed) {
          delta_binary_packed_encode(reinterpret_cast<const V*>(page_plain_.data()),
                                     page_plain_.size() / sizeof(V), out);
          return e;
        }
      }
      if constexpr (is_bytes) {
        if (e == encoding::delta_byte_array) {
          const bool flba = !std::is_same<P, detail::byte_array_tag>::value;
          delta_byte_array_encode(page_plain_.span(),
                                  flba ? static_cast<size_t>(leaf_.type_length) : 0, out);
          return e;
        }
      }
      if constexpr (std::is_same<P, detail::byte_array_tag>::value) {
        if (e == encoding::delta_length_byte_array) {
          lens_.clear();
          bytes_.clear();
          size_t p = 0;
          while (p < page_plain_.size()) {
            const uint32_t len = load_le<uint32_t>(page_plain_.data() + p);
            lens_.push_back(static_cast<int32_t>(len));
            bytes_.append(page_plain_.data() + p + 4, len);
            p += 4 + len;
          }
          delta_binary_packed_encode(lens_.data(), lens_.size(), out);
          out.append(bytes_.span());
          return e;
        }
      }
      if constexpr (!std::is_same<P, detail::byte_array_tag>::value) {
        if (e == encoding::byte_stream_split) {
          const size_t width = is_bytes ? static_cast<size_t>(leaf_.type_length) : sizeof(V);
          byte_stream_split_encode(page_plain_.data(), page_plain_.size() / width, width, out);
          return e;
        }
      }
      out.append(page_plain_.span());
      return encoding::plain;
    }
  }

  size_t encode_dictionary(byte_buffer& out) override {
    dict_.encode_plain(out);
    return dict_.size();
  }
  void reset_dictionary() override { dict_ = make_dict(); }

  /// Adds the mini-batch's BYTE_ARRAY value bytes (without length prefixes) to the open page.
  void count_unencoded_bytes() {
    if constexpr (std::is_same<P, detail::byte_array_tag>::value)
      for (const V& v : vals_) page_unencoded_ += static_cast<int64_t>(v.size());
  }

  dict_t dict_;
  std::vector<V> vals_;
  std::vector<std::string_view> distinct_;  // dictionary entries first used by the open page
  std::vector<__int128> decimals_;          // FLBA decimal values of a mini-batch
};

/// Creates the typed writer for a leaf (the one run-time dispatch per column).
inline std::unique_ptr<leaf_writer> make_leaf_writer(const leaf_descriptor& leaf,
                                                     const column_settings& s, page_pool& pool) {
  switch (leaf.physical) {
    case physical_type::boolean: return std::make_unique<typed_leaf_writer<bool>>(leaf, s, pool);
    case physical_type::int32: return std::make_unique<typed_leaf_writer<int32_t>>(leaf, s, pool);
    case physical_type::int64: return std::make_unique<typed_leaf_writer<int64_t>>(leaf, s, pool);
    case physical_type::float_: return std::make_unique<typed_leaf_writer<float>>(leaf, s, pool);
    case physical_type::double_: return std::make_unique<typed_leaf_writer<double>>(leaf, s, pool);
    case physical_type::byte_array:
      return std::make_unique<typed_leaf_writer<detail::byte_array_tag>>(leaf, s, pool);
    default: return std::make_unique<typed_leaf_writer<detail::flba_tag>>(leaf, s, pool);
  }
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END
