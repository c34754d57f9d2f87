#pragma once
// DataFileMeta, SimpleStats, IndexFileMeta and deletion-vector metadata with every field of every
// CommitMessage version, and their BinaryRow forms (Paimon DataFileMeta.java,
// CommitMessageSerializer.java).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/binary.hpp"
#include "lakecodec/paimon/row_codec.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// Column statistics of one file (`SimpleStats.java`): min and max values as schemaless rows and
/// per-column null counts (the array itself may be null, and so may each count).
struct simple_stats {
  binary_row min_values = binary_row::empty();
  binary_row max_values = binary_row::empty();
  std::optional<std::vector<std::optional<int64_t>>> null_counts =
      std::vector<std::optional<int64_t>>{};

  /// `SimpleStats.EMPTY_STATS`: empty rows and an empty null-count array.
  static simple_stats empty() { return simple_stats(); }
  friend bool operator==(const simple_stats& a, const simple_stats& b) {
    return a.min_values == b.min_values && a.max_values == b.max_values &&
           a.null_counts == b.null_counts;
  }
  friend bool operator!=(const simple_stats& a, const simple_stats& b) { return !(a == b); }
};

/// Where a data file came from (`FileSource.java`).
enum class file_source : int8_t { append = 0, compact = 1 };

/// One data file (`DataFileMeta.java`). Optional members are the nullable columns; which of
/// them a CommitMessage version carries is given by data_file_meta_arity().
struct data_file_meta {
  std::string file_name;
  int64_t file_size = 0;
  int64_t row_count = 0;
  binary_row min_key = binary_row::empty();
  binary_row max_key = binary_row::empty();
  simple_stats key_stats;
  simple_stats value_stats;
  int64_t min_sequence_number = 0;
  int64_t max_sequence_number = 0;
  int64_t schema_id = 0;
  int32_t level = 0;
  std::vector<std::string> extra_files;
  /// TIMESTAMP(3): local wall-clock millis, as Java writes `LocalDateTime.now()`.
  std::optional<int64_t> creation_time;
  std::optional<int64_t> delete_row_count;
  std::optional<std::string> embedded_index;
  std::optional<int8_t> file_source;
  std::optional<std::vector<std::string>> value_stats_cols;
  std::optional<std::string> external_path;
  std::optional<int64_t> first_row_id;
  std::optional<std::vector<std::string>> write_cols;
  std::optional<std::vector<int64_t>> write_cols_sequences;

  friend bool operator==(const data_file_meta& a, const data_file_meta& b) {
    return a.file_name == b.file_name && a.file_size == b.file_size && a.row_count == b.row_count &&
           a.min_key == b.min_key && a.max_key == b.max_key && a.key_stats == b.key_stats &&
           a.value_stats == b.value_stats && a.min_sequence_number == b.min_sequence_number &&
           a.max_sequence_number == b.max_sequence_number && a.schema_id == b.schema_id &&
           a.level == b.level && a.extra_files == b.extra_files &&
           a.creation_time == b.creation_time && a.delete_row_count == b.delete_row_count &&
           a.embedded_index == b.embedded_index && a.file_source == b.file_source &&
           a.value_stats_cols == b.value_stats_cols && a.external_path == b.external_path &&
           a.first_row_id == b.first_row_id && a.write_cols == b.write_cols &&
           a.write_cols_sequences == b.write_cols_sequences;
  }
  friend bool operator!=(const data_file_meta& a, const data_file_meta& b) { return !(a == b); }
};

/// One deletion vector inside a deletion-vector index file (`DeletionVectorMeta.java`).
struct deletion_vector_meta {
  std::string data_file_name;
  int32_t offset = 0;
  int32_t length = 0;
  std::optional<int64_t> cardinality;
  friend bool operator==(const deletion_vector_meta& a, const deletion_vector_meta& b) {
    return a.data_file_name == b.data_file_name && a.offset == b.offset && a.length == b.length &&
           a.cardinality == b.cardinality;
  }
};

/// The `_GLOBAL_INDEX` row of an index file (`GlobalIndexMeta.java`).
struct global_index_meta {
  int64_t row_range_start = 0;
  int64_t row_range_end = 0;
  int32_t index_field_id = 0;
  std::optional<std::vector<int32_t>> extra_field_ids;
  std::optional<std::string> index_meta;
  std::optional<std::string> source_meta;
  friend bool operator==(const global_index_meta& a, const global_index_meta& b) {
    return a.row_range_start == b.row_range_start && a.row_range_end == b.row_range_end &&
           a.index_field_id == b.index_field_id && a.extra_field_ids == b.extra_field_ids &&
           a.index_meta == b.index_meta && a.source_meta == b.source_meta;
  }
};

/// One index file (`IndexFileMeta.java`): a HASH bucket index, a DELETION_VECTORS file or a
/// global index.
struct index_file_meta {
  std::string index_type;
  std::string file_name;
  int64_t file_size = 0;
  int64_t row_count = 0;
  std::optional<std::vector<deletion_vector_meta>> dv_ranges;
  std::optional<std::string> external_path;
  std::optional<global_index_meta> global_index;
  friend bool operator==(const index_file_meta& a, const index_file_meta& b) {
    return a.index_type == b.index_type && a.file_name == b.file_name &&
           a.file_size == b.file_size && a.row_count == b.row_count && a.dv_ranges == b.dv_ranges &&
           a.external_path == b.external_path && a.global_index == b.global_index;
  }
};

/// The oldest and newest CommitMessage serializer versions Java can read (master: 13).
constexpr int min_commit_message_version = 1;
constexpr int max_commit_message_version = 13;
/// A pseudo-version for Paimon 0.7's version-2 layout (`CommitMessageLegacyV2Serializer`).
constexpr int commit_message_version_legacy_v2 = -2;

// What each CommitMessage serializer version carries, named after the field it added and the
// Paimon release whose CommitMessageSerializer.CURRENT_VERSION it was (versions 4, 5, 8 and 9
// only ever existed on master between releases). The per-version deserializers are in
// paimon-core org.apache.paimon.io (DataFileMeta*Serializer) and .index (IndexFileMetaV*).

/// DataFileMeta `_DELETE_ROW_COUNT` and `_EMBEDDED_FILE_INDEX`: every version but Paimon 0.7's
/// (CommitMessageLegacyV2Serializer, a 13-field row).
constexpr bool has_delete_row_count(int version) noexcept {
  return version != commit_message_version_legacy_v2;
}
/// DataFileMeta `_FILE_SOURCE`: version 3 (Paimon 0.9, DataFileMeta09Serializer).
constexpr bool has_file_source(int version) noexcept { return version >= 3; }
/// DataFileMeta `_VALUE_STATS_COLS`: version 4 (master before Paimon 1.0,
/// DataFileMeta10LegacySerializer).
constexpr bool has_value_stats_cols(int version) noexcept { return version >= 4; }
/// DataFileMeta `_EXTERNAL_PATH`: version 6 (Paimon 1.0, DataFileMeta12LegacySerializer).
constexpr bool has_external_path(int version) noexcept { return version >= 6; }
/// DataFileMeta `_FIRST_ROW_ID`: version 8 (master before Paimon 1.3,
/// DataFileMetaFirstRowIdLegacySerializer).
constexpr bool has_first_row_id(int version) noexcept { return version >= 8; }
/// DataFileMeta `_WRITE_COLS`: version 9 (master before Paimon 1.3,
/// DataFileMetaWriteColsLegacySerializer).
constexpr bool has_write_cols(int version) noexcept { return version >= 9; }
/// DataFileMeta `_WRITE_COLS_SEQUENCES`: version 13 (Paimon master / 2.1, DataFileMetaSerializer).
constexpr bool has_write_cols_sequences(int version) noexcept { return version >= 13; }
/// IndexFileMeta deletion-vector rows with `_CARDINALITY`: version 5 (master before Paimon 1.0,
/// IndexFileMetaV2Deserializer).
constexpr bool has_dv_cardinality(int version) noexcept { return version >= 5; }
/// IndexFileMeta `_EXTERNAL_PATH`: version 9 (Paimon 1.3, IndexFileMetaV3Deserializer).
constexpr bool has_index_external_path(int version) noexcept { return version >= 9; }
/// IndexFileMeta `_GLOBAL_INDEX`: version 11 (Paimon 1.4, IndexFileMetaV4Deserializer).
constexpr bool has_global_index(int version) noexcept { return version >= 11; }
/// The global-index row's `_SOURCE_META`: version 12 (Paimon 2.0, IndexFileMetaSerializer).
constexpr bool has_global_index_source_meta(int version) noexcept { return version >= 12; }
/// CommitMessage `totalBuckets`: version 7 (Paimon 1.1).
constexpr bool has_total_buckets(int version) noexcept { return version >= 7; }
/// CommitMessage with new and deleted index files in both the DataIncrement and the
/// CompactIncrement: version 10 (Paimon 1.3). Before, one pair of lists follows the six file
/// lists and belongs to whichever increment has files.
constexpr bool has_index_files_per_increment(int version) noexcept { return version >= 10; }
/// CommitMessage `deletedIndexFiles` in the pre-10 layout: version 3 (Paimon 0.9).
constexpr bool has_deleted_index_files(int version) noexcept { return version >= 3; }

/// Physical arity of the DataFileMeta row at a CommitMessage version (Paimon
/// CommitMessageSerializer per-version deserializers; v8 is 19 on the wire although Java
/// declares 20).
inline int32_t data_file_meta_arity(int version) noexcept {
  if (!has_delete_row_count(version)) return 13;
  if (has_write_cols_sequences(version)) return 21;
  if (has_write_cols(version)) return 20;
  if (has_first_row_id(version)) return 19;
  if (has_external_path(version)) return 18;
  if (has_value_stats_cols(version)) return 17;
  if (has_file_source(version)) return 16;
  return 15;
}

/// Layout of the IndexFileMeta row at a CommitMessage version: field count, fields per
/// deletion-vector row, fields of the global-index row (0 = absent).
struct index_file_layout {
  int32_t arity;
  int32_t dv_arity;
  int32_t global_arity;
};
inline index_file_layout index_file_meta_layout(int version) noexcept {
  if (version == commit_message_version_legacy_v2) return {4, 0, 0};
  const int32_t dv_arity = has_dv_cardinality(version) ? 4 : 3;
  if (has_global_index(version))
    return {7, dv_arity, has_global_index_source_meta(version) ? 6 : 5};
  return {has_index_external_path(version) ? 6 : 5, dv_arity, 0};
}

namespace detail {

/// Scratch buffers reused across rows so steady-state encoding does not allocate.
struct meta_scratch {
  binary_row_writer row;
  binary_row_writer stats;
  binary_array_writer array;
  binary_row_writer nested;
  byte_buffer blob;
  std::string key;
};

inline void write_string_array(binary_row_writer& w, int i, const std::vector<std::string>& v,
                               binary_array_writer& a) {
  a.reset(static_cast<int32_t>(v.size()), 8);
  for (size_t k = 0; k < v.size(); ++k) a.write_string(static_cast<int>(k), v[k]);
  w.write_nested(i, a.bytes());
}

inline void write_serialized_row(binary_row_writer& w, int i, const binary_row& r, std::string&) {
  w.write_serialized_row(i, r.arity, r.bytes.data(), r.bytes.size());
}

inline void write_stats(binary_row_writer& w, int i, const simple_stats& s, meta_scratch& m) {
  m.stats.reset(3);
  write_serialized_row(m.stats, 0, s.min_values, m.key);
  write_serialized_row(m.stats, 1, s.max_values, m.key);
  if (!s.null_counts) {
    m.stats.set_null(2);
  } else {
    const auto& nc = *s.null_counts;
    m.array.reset(static_cast<int32_t>(nc.size()), 8);
    for (size_t k = 0; k < nc.size(); ++k) {
      if (nc[k]) {
        m.array.write_long(static_cast<int>(k), *nc[k]);
      } else {
        m.array.set_null(static_cast<int>(k));
      }
    }
    m.stats.write_nested(2, m.array.bytes());
  }
  w.write_nested(i, m.stats.bytes());
}

}  // namespace detail

/// Writes a DataFileMeta as the BinaryRow Java's serializer of that CommitMessage version
/// produces (DataFileMetaSerializer and its legacy variants); the result is in `m.row`.
inline void encode_data_file_meta(const data_file_meta& f, int version, detail::meta_scratch& m) {
  const int32_t arity = data_file_meta_arity(version);
  binary_row_writer& w = m.row;
  w.reset(arity);
  w.write_string(0, f.file_name);
  w.write_long(1, f.file_size);
  w.write_long(2, f.row_count);
  detail::write_serialized_row(w, 3, f.min_key, m.key);
  detail::write_serialized_row(w, 4, f.max_key, m.key);
  detail::write_stats(w, 5, f.key_stats, m);
  detail::write_stats(w, 6, f.value_stats, m);
  w.write_long(7, f.min_sequence_number);
  w.write_long(8, f.max_sequence_number);
  w.write_long(9, f.schema_id);
  w.write_int(10, f.level);
  detail::write_string_array(w, 11, f.extra_files, m.array);
  if (f.creation_time)
    w.write_long(12, *f.creation_time);
  else
    w.set_null(12);
  if (arity <= 13) return;
  if (f.delete_row_count)
    w.write_long(13, *f.delete_row_count);
  else
    w.set_null(13);
  if (f.embedded_index)
    w.write_bytes(14, f.embedded_index->data(), f.embedded_index->size());
  else
    w.set_null(14);
  if (arity <= 15) return;
  if (f.file_source)
    w.write_byte(15, *f.file_source);
  else
    w.set_null(15);
  if (arity <= 16) return;
  if (f.value_stats_cols)
    detail::write_string_array(w, 16, *f.value_stats_cols, m.array);
  else
    w.set_null(16);
  if (arity <= 17) return;
  if (f.external_path)
    w.write_string(17, *f.external_path);
  else
    w.set_null(17);
  if (arity <= 18) return;
  if (f.first_row_id)
    w.write_long(18, *f.first_row_id);
  else
    w.set_null(18);
  if (arity <= 19) return;
  if (f.write_cols)
    detail::write_string_array(w, 19, *f.write_cols, m.array);
  else
    w.set_null(19);
  if (arity <= 20) return;
  if (f.write_cols_sequences) {
    const auto& s = *f.write_cols_sequences;
    m.array.reset(static_cast<int32_t>(s.size()), 8);
    for (size_t k = 0; k < s.size(); ++k) m.array.write_long(static_cast<int>(k), s[k]);
    w.write_nested(20, m.array.bytes());
  } else {
    w.set_null(20);
  }
}

namespace detail {

inline status not_null(const binary_row_view& r, int i, const char* name) {
  if (r.is_null(i)) return corrupt_data(std::string("paimon: NOT NULL field ") + name + " is null");
  return {};
}

inline result<std::vector<std::string>> read_string_array(const binary_array_view& a) {
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(a.size()));
  for (int k = 0; k < a.size(); ++k) {
    if (a.is_null(k)) return corrupt_data("paimon: null element in an ARRAY<STRING NOT NULL>");
    LAKECODEC_ASSIGN_OR_RETURN(std::string_view s, a.get_string(k));
    out.emplace_back(s);
  }
  return out;
}

inline result<std::optional<std::vector<std::string>>> read_opt_string_array(
    const binary_row_view& r, int i) {
  if (r.is_null(i)) return std::optional<std::vector<std::string>>();
  LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, r.get_array(i, 8));
  LAKECODEC_ASSIGN_OR_RETURN(std::vector<std::string> v, read_string_array(a));
  return std::optional<std::vector<std::string>>(std::move(v));
}

inline status read_serialized_row_into(const binary_row_view& r, int i, binary_row& out) {
  LAKECODEC_ASSIGN_OR_RETURN(byte_span b, r.get_bytes(i));
  if (b.size < 4)
    return corrupt_data("paimon: serialized row of " + std::to_string(b.size) +
                        " bytes has no arity");
  out.arity = load_be<int32_t>(b.data);
  out.bytes.assign(reinterpret_cast<const char*>(b.data) + 4, b.size - 4);
  LAKECODEC_TRY(binary_row_view::make(byte_span(b.data + 4, b.size - 4), out.arity));
  return {};
}

inline status read_stats_into(const binary_row_view& r, int i, simple_stats& out) {
  LAKECODEC_ASSIGN_OR_RETURN(binary_row_view s, r.get_row(i, 3));
  LAKECODEC_TRY(not_null(s, 0, "_MIN_VALUES"));
  LAKECODEC_TRY(not_null(s, 1, "_MAX_VALUES"));
  LAKECODEC_TRY(read_serialized_row_into(s, 0, out.min_values));
  LAKECODEC_TRY(read_serialized_row_into(s, 1, out.max_values));
  if (s.is_null(2)) {
    out.null_counts.reset();
  } else {
    LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, s.get_array(2, 8));
    if (!out.null_counts) out.null_counts.emplace();
    auto& nc = *out.null_counts;
    nc.assign(static_cast<size_t>(a.size()), std::nullopt);
    for (int k = 0; k < a.size(); ++k)
      if (!a.is_null(k)) nc[static_cast<size_t>(k)] = a.get_long(k);
  }
  return {};
}

}  // namespace detail

namespace detail {
inline status decode_data_file_meta_checked(byte_span row_bytes, int version, data_file_meta& f);

// The allocation- and status-free decoding path for well-formed rows. Every check of the checked
// path below is made here too; on any failure it returns false and the caller reruns the checked
// path, which produces the detailed error. (Building status objects on the success path cost a
// fifth of the decoding time.)
struct fast_section {
  const uint8_t* p;
  size_t n;
  size_t fixed_begin;  // row: null-bit width; array: header size
  size_t width;        // 8 for rows

  bool null_at(int i, bool array) const noexcept {
    if (array) return (p[4 + static_cast<size_t>(i) / 8] >> (i % 8)) & 1;
    const size_t bit = static_cast<size_t>(i) + 8;
    return (p[bit >> 3] >> (bit & 7)) & 1;
  }
  uint64_t slot(int i) const noexcept {
    return load_le<uint64_t>(p + fixed_begin + width * static_cast<size_t>(i));
  }
  int64_t i64(int i) const noexcept { return static_cast<int64_t>(slot(i)); }
  /// Bytes of a var-length slot (inline allowed when `inline_ok`).
  bool bytes(int i, const uint8_t*& d, size_t& len, bool inline_ok) const noexcept {
    const uint64_t s = slot(i);
    if (s >> 63) {
      if (!inline_ok) {
        const uint64_t off = (s & ~(uint64_t{1} << 63)) >> 32, l = s & 0xffffffffu;
        if (off > n || l > n - off) return false;
        d = p + off;
        len = static_cast<size_t>(l);
        return true;
      }
      len = static_cast<size_t>((s >> 56) & 0x7f);
      if (len > max_inline_bytes) return false;
      d = p + fixed_begin + width * static_cast<size_t>(i);
      return true;
    }
    const uint64_t off = s >> 32, l = s & 0xffffffffu;
    if (off > n || l > n - off) return false;
    d = p + off;
    len = static_cast<size_t>(l);
    return true;
  }
};

inline bool fast_row(const uint8_t* p, size_t n, int32_t arity, fast_section& out) noexcept {
  if (arity < 0 || arity > (1 << 20)) return false;
  if (n < row_fixed_size(static_cast<size_t>(arity))) return false;
  out = fast_section{p, n, row_null_bits_size(static_cast<size_t>(arity)), 8};
  return true;
}

inline bool fast_array(const uint8_t* p, size_t n, int elem, fast_section& out,
                       int32_t& count) noexcept {
  if (n < 4) return false;
  count = load_le<int32_t>(p);
  if (count < 0 || count > limits{}.max_collection_count) return false;
  const size_t header = array_header_size(static_cast<size_t>(count));
  if (header + uint64_t{static_cast<uint32_t>(count)} * static_cast<uint64_t>(elem) > n)
    return false;
  out = fast_section{p, n, header, static_cast<size_t>(elem)};
  return true;
}

inline bool fast_serialized_row(const fast_section& r, int i, binary_row& out) {
  const uint8_t* d;
  size_t len;
  if (!r.bytes(i, d, len, true) || len < 4) return false;
  const int32_t arity = load_be<int32_t>(d);
  if (arity < 0 || arity > (1 << 20) || len - 4 < row_fixed_size(static_cast<size_t>(arity)))
    return false;
  out.arity = arity;
  out.bytes.assign(reinterpret_cast<const char*>(d) + 4, len - 4);
  return true;
}

inline bool fast_strings(const fast_section& r, int i, std::vector<std::string>& out) {
  const uint8_t* d;
  size_t len;
  if (!r.bytes(i, d, len, false)) return false;
  fast_section a;
  int32_t count;
  if (!fast_array(d, len, 8, a, count)) return false;
  out.clear();
  out.reserve(static_cast<size_t>(count));
  for (int k = 0; k < count; ++k) {
    const uint8_t* sd;
    size_t sl;
    if (a.null_at(k, true) || !a.bytes(k, sd, sl, true)) return false;
    out.emplace_back(reinterpret_cast<const char*>(sd), sl);
  }
  return true;
}

inline bool fast_stats(const fast_section& r, int i, simple_stats& out) {
  const uint8_t* d;
  size_t len;
  fast_section s;
  if (!r.bytes(i, d, len, false) || !fast_row(d, len, 3, s)) return false;
  if (s.null_at(0, false) || s.null_at(1, false)) return false;
  if (!fast_serialized_row(s, 0, out.min_values) || !fast_serialized_row(s, 1, out.max_values))
    return false;
  if (s.null_at(2, false)) {
    out.null_counts.reset();
    return true;
  }
  const uint8_t* ad;
  size_t al;
  fast_section a;
  int32_t count;
  if (!s.bytes(2, ad, al, false) || !fast_array(ad, al, 8, a, count)) return false;
  if (!out.null_counts) out.null_counts.emplace();
  auto& nc = *out.null_counts;
  nc.assign(static_cast<size_t>(count), std::nullopt);
  for (int k = 0; k < count; ++k)
    if (!a.null_at(k, true)) nc[static_cast<size_t>(k)] = a.i64(k);
  return true;
}

inline bool fast_decode_data_file_meta(byte_span row_bytes, int version, data_file_meta& f) {
  const int32_t arity = data_file_meta_arity(version);
  fast_section r;
  if (!fast_row(row_bytes.data, row_bytes.size, arity, r)) return false;
  for (int i = 0; i < 12; ++i)
    if (r.null_at(i, false)) return false;
  const uint8_t* d;
  size_t len;
  if (!r.bytes(0, d, len, true)) return false;
  f.file_name.assign(reinterpret_cast<const char*>(d), len);
  f.file_size = r.i64(1);
  f.row_count = r.i64(2);
  if (!fast_serialized_row(r, 3, f.min_key) || !fast_serialized_row(r, 4, f.max_key)) return false;
  if (!fast_stats(r, 5, f.key_stats) || !fast_stats(r, 6, f.value_stats)) return false;
  f.min_sequence_number = r.i64(7);
  f.max_sequence_number = r.i64(8);
  f.schema_id = r.i64(9);
  f.level = static_cast<int32_t>(r.slot(10));
  if (!fast_strings(r, 11, f.extra_files)) return false;
  if (r.null_at(12, false))
    f.creation_time.reset();
  else
    f.creation_time = r.i64(12);
  if (arity <= 13) return true;
  if (r.null_at(13, false))
    f.delete_row_count.reset();
  else
    f.delete_row_count = r.i64(13);
  if (r.null_at(14, false)) {
    f.embedded_index.reset();
  } else {
    if (!r.bytes(14, d, len, true)) return false;
    f.embedded_index = std::string(reinterpret_cast<const char*>(d), len);
  }
  if (arity <= 15) return true;
  if (r.null_at(15, false))
    f.file_source.reset();
  else
    f.file_source = static_cast<int8_t>(r.slot(15));
  if (arity <= 16) return true;
  auto opt_strings = [&](int i, std::optional<std::vector<std::string>>& out) {
    if (r.null_at(i, false)) {
      out.reset();
      return true;
    }
    if (!out) out.emplace();
    return fast_strings(r, i, *out);
  };
  if (!opt_strings(16, f.value_stats_cols)) return false;
  if (arity <= 17) return true;
  if (r.null_at(17, false)) {
    f.external_path.reset();
  } else {
    if (!r.bytes(17, d, len, true)) return false;
    f.external_path = std::string(reinterpret_cast<const char*>(d), len);
  }
  if (arity <= 18) return true;
  if (r.null_at(18, false))
    f.first_row_id.reset();
  else
    f.first_row_id = r.i64(18);
  if (arity <= 19) return true;
  if (!opt_strings(19, f.write_cols)) return false;
  if (arity <= 20) return true;
  if (r.null_at(20, false)) {
    f.write_cols_sequences.reset();
    return true;
  }
  fast_section a;
  int32_t count;
  if (!r.bytes(20, d, len, false) || !fast_array(d, len, 8, a, count)) return false;
  std::vector<int64_t> seq(static_cast<size_t>(count));
  for (int k = 0; k < count; ++k) {
    if (a.null_at(k, true)) return false;
    seq[static_cast<size_t>(k)] = a.i64(k);
  }
  f.write_cols_sequences = std::move(seq);
  return true;
}

}  // namespace detail

/// Reads a DataFileMeta row of the given CommitMessage version (CommitMessageSerializer's
/// per-version deserializers) into `f`; fails on a row too short for the version's arity, a null
/// NOT NULL field or a bad offset.
inline status decode_data_file_meta_into(byte_span row_bytes, int version, data_file_meta& f) {
  if (LAKECODEC_LIKELY(detail::fast_decode_data_file_meta(row_bytes, version, f))) return {};
  return detail::decode_data_file_meta_checked(row_bytes, version, f);
}

namespace detail {

inline status decode_data_file_meta_checked(byte_span row_bytes, int version, data_file_meta& f) {
  const int32_t arity = data_file_meta_arity(version);
  LAKECODEC_ASSIGN_OR_RETURN(binary_row_view r, binary_row_view::make(row_bytes, arity));
  static const char* const names[] = {"_FILE_NAME",
                                      "_FILE_SIZE",
                                      "_ROW_COUNT",
                                      "_MIN_KEY",
                                      "_MAX_KEY",
                                      "_KEY_STATS",
                                      "_VALUE_STATS",
                                      "_MIN_SEQUENCE_NUMBER",
                                      "_MAX_SEQUENCE_NUMBER",
                                      "_SCHEMA_ID",
                                      "_LEVEL",
                                      "_EXTRA_FILES"};
  for (int i = 0; i < 12; ++i) LAKECODEC_TRY(detail::not_null(r, i, names[i]));
  LAKECODEC_ASSIGN_OR_RETURN(std::string_view name, r.get_string(0));
  f.file_name.assign(name);
  f.file_size = r.get_long(1);
  f.row_count = r.get_long(2);
  LAKECODEC_TRY(detail::read_serialized_row_into(r, 3, f.min_key));
  LAKECODEC_TRY(detail::read_serialized_row_into(r, 4, f.max_key));
  LAKECODEC_TRY(detail::read_stats_into(r, 5, f.key_stats));
  LAKECODEC_TRY(detail::read_stats_into(r, 6, f.value_stats));
  f.min_sequence_number = r.get_long(7);
  f.max_sequence_number = r.get_long(8);
  f.schema_id = r.get_long(9);
  f.level = r.get_int(10);
  {
    LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, r.get_array(11, 8));
    if (a.size() > 0) {
      LAKECODEC_ASSIGN_OR_RETURN(f.extra_files, detail::read_string_array(a));
    } else {
      f.extra_files.clear();
    }
  }
  if (!r.is_null(12)) f.creation_time = r.get_long(12);
  if (arity <= 13) return {};
  if (!r.is_null(13)) f.delete_row_count = r.get_long(13);
  if (!r.is_null(14)) {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, r.get_bytes(14));
    f.embedded_index = b.to_string();
  }
  if (arity <= 15) return {};
  if (!r.is_null(15)) f.file_source = r.get_byte(15);
  if (arity <= 16) return {};
  LAKECODEC_ASSIGN_OR_RETURN(f.value_stats_cols, detail::read_opt_string_array(r, 16));
  if (arity <= 17) return {};
  if (!r.is_null(17)) {
    LAKECODEC_ASSIGN_OR_RETURN(std::string_view s, r.get_string(17));
    f.external_path = std::string(s);
  }
  if (arity <= 18) return {};
  if (!r.is_null(18)) f.first_row_id = r.get_long(18);
  if (arity <= 19) return {};
  LAKECODEC_ASSIGN_OR_RETURN(f.write_cols, detail::read_opt_string_array(r, 19));
  if (arity <= 20) return {};
  if (!r.is_null(20)) {
    LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, r.get_array(20, 8));
    std::vector<int64_t> s(static_cast<size_t>(a.size()));
    for (int k = 0; k < a.size(); ++k) {
      if (a.is_null(k)) return corrupt_data("paimon: null element in _WRITE_COLS_SEQUENCES");
      s[static_cast<size_t>(k)] = a.get_long(k);
    }
    f.write_cols_sequences = std::move(s);
  }
  return {};
}

}  // namespace detail

/// Reads a DataFileMeta row of the given CommitMessage version into a new value.
inline result<data_file_meta> decode_data_file_meta(byte_span row_bytes, int version) {
  data_file_meta f;
  LAKECODEC_TRY(decode_data_file_meta_into(row_bytes, version, f));
  return f;
}

/// Writes an IndexFileMeta as the BinaryRow of that CommitMessage version; result in `m.row`.
inline void encode_index_file_meta(const index_file_meta& f, int version, detail::meta_scratch& m) {
  const index_file_layout L = index_file_meta_layout(version);
  binary_row_writer& w = m.row;
  w.reset(L.arity);
  w.write_string(0, f.index_type);
  w.write_string(1, f.file_name);
  w.write_long(2, f.file_size);
  w.write_long(3, f.row_count);
  if (L.arity <= 4) return;
  if (f.dv_ranges) {
    // Each element is a nested row; build them into one array (element blobs in order).
    const auto& dv = *f.dv_ranges;
    binary_array_writer arr(static_cast<int32_t>(dv.size()), 8);
    for (size_t k = 0; k < dv.size(); ++k) {
      m.nested.reset(L.dv_arity);
      m.nested.write_string(0, dv[k].data_file_name);
      m.nested.write_int(1, dv[k].offset);
      m.nested.write_int(2, dv[k].length);
      if (L.dv_arity > 3) {
        if (dv[k].cardinality)
          m.nested.write_long(3, *dv[k].cardinality);
        else
          m.nested.set_null(3);
      }
      arr.write_nested(static_cast<int>(k), m.nested.bytes());
    }
    w.write_nested(4, arr.bytes());
  } else {
    w.set_null(4);
  }
  if (L.arity <= 5) return;
  if (f.external_path)
    w.write_string(5, *f.external_path);
  else
    w.set_null(5);
  if (L.arity <= 6) return;
  if (!f.global_index) {
    w.set_null(6);
    return;
  }
  const global_index_meta& g = *f.global_index;
  m.nested.reset(L.global_arity);
  m.nested.write_long(0, g.row_range_start);
  m.nested.write_long(1, g.row_range_end);
  m.nested.write_int(2, g.index_field_id);
  if (g.extra_field_ids) {
    m.array.reset(static_cast<int32_t>(g.extra_field_ids->size()), 4);
    for (size_t k = 0; k < g.extra_field_ids->size(); ++k)
      m.array.write_int(static_cast<int>(k), (*g.extra_field_ids)[k]);
    m.nested.write_nested(3, m.array.bytes());
  } else {
    m.nested.set_null(3);
  }
  if (g.index_meta)
    m.nested.write_bytes(4, g.index_meta->data(), g.index_meta->size());
  else
    m.nested.set_null(4);
  if (L.global_arity > 5) {
    if (g.source_meta)
      m.nested.write_bytes(5, g.source_meta->data(), g.source_meta->size());
    else
      m.nested.set_null(5);
  }
  w.write_nested(6, m.nested.bytes());
}

/// Reads an IndexFileMeta row of the given CommitMessage version (IndexFileMetaV1..V4
/// deserializers and the current serializer).
inline result<index_file_meta> decode_index_file_meta(byte_span row_bytes, int version) {
  const index_file_layout L = index_file_meta_layout(version);
  LAKECODEC_ASSIGN_OR_RETURN(binary_row_view r, binary_row_view::make(row_bytes, L.arity));
  static const char* const names[] = {"_INDEX_TYPE", "_FILE_NAME", "_FILE_SIZE", "_ROW_COUNT"};
  for (int i = 0; i < 4; ++i) LAKECODEC_TRY(detail::not_null(r, i, names[i]));
  index_file_meta f;
  LAKECODEC_ASSIGN_OR_RETURN(std::string_view t, r.get_string(0));
  f.index_type.assign(t);
  LAKECODEC_ASSIGN_OR_RETURN(std::string_view n, r.get_string(1));
  f.file_name.assign(n);
  f.file_size = r.get_long(2);
  f.row_count = r.get_long(3);
  if (L.arity <= 4) return f;
  if (!r.is_null(4)) {
    LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, r.get_array(4, 8));
    std::vector<deletion_vector_meta> dv;
    dv.reserve(static_cast<size_t>(a.size()));
    for (int k = 0; k < a.size(); ++k) {
      if (a.is_null(k)) return corrupt_data("paimon: null deletion-vector range");
      LAKECODEC_ASSIGN_OR_RETURN(binary_row_view e, a.get_row(k, L.dv_arity));
      LAKECODEC_TRY(detail::not_null(e, 0, "deletion vector file name"));
      deletion_vector_meta d;
      LAKECODEC_ASSIGN_OR_RETURN(std::string_view dn, e.get_string(0));
      d.data_file_name.assign(dn);
      d.offset = e.get_int(1);
      d.length = e.get_int(2);
      if (L.dv_arity > 3 && !e.is_null(3)) d.cardinality = e.get_long(3);
      dv.push_back(std::move(d));
    }
    f.dv_ranges = std::move(dv);
  }
  if (L.arity <= 5) return f;
  if (!r.is_null(5)) {
    LAKECODEC_ASSIGN_OR_RETURN(std::string_view p, r.get_string(5));
    f.external_path = std::string(p);
  }
  if (L.arity <= 6 || r.is_null(6)) return f;
  LAKECODEC_ASSIGN_OR_RETURN(binary_row_view g, r.get_row(6, L.global_arity));
  global_index_meta gm;
  gm.row_range_start = g.get_long(0);
  gm.row_range_end = g.get_long(1);
  gm.index_field_id = g.get_int(2);
  if (!g.is_null(3)) {
    LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a, g.get_array(3, 4));
    std::vector<int32_t> ids(static_cast<size_t>(a.size()));
    for (int k = 0; k < a.size(); ++k) ids[static_cast<size_t>(k)] = a.get_int(k);
    gm.extra_field_ids = std::move(ids);
  }
  if (!g.is_null(4)) {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, g.get_bytes(4));
    gm.index_meta = b.to_string();
  }
  if (L.global_arity > 5 && !g.is_null(5)) {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, g.get_bytes(5));
    gm.source_meta = b.to_string();
  }
  f.global_index = std::move(gm);
  return f;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
