#pragma once
// Java-compatible CommitMessage and ManifestCommittable serialization in every version Java reads
// (Paimon CommitMessageSerializer, ManifestCommittableSerializer). Framing is
// big-endian (DataOutputStream); the rows inside are little-endian BinaryRows.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/data_file_meta.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// Files a writer added (`DataIncrement.java`).
struct data_increment {
  std::vector<data_file_meta> new_files;
  std::vector<data_file_meta> deleted_files;
  std::vector<data_file_meta> changelog_files;
  std::vector<index_file_meta> new_index_files;
  std::vector<index_file_meta> deleted_index_files;
  friend bool operator==(const data_increment& a, const data_increment& b) {
    return a.new_files == b.new_files && a.deleted_files == b.deleted_files &&
           a.changelog_files == b.changelog_files && a.new_index_files == b.new_index_files &&
           a.deleted_index_files == b.deleted_index_files;
  }
};

/// Files a compaction replaced and produced (`CompactIncrement.java`).
struct compact_increment {
  std::vector<data_file_meta> compact_before;
  std::vector<data_file_meta> compact_after;
  std::vector<data_file_meta> changelog_files;
  std::vector<index_file_meta> new_index_files;
  std::vector<index_file_meta> deleted_index_files;
  /// What legacy (< 10) readers test to decide where the index lists attach: the file lists only.
  bool files_empty() const noexcept {
    return compact_before.empty() && compact_after.empty() && changelog_files.empty();
  }
  friend bool operator==(const compact_increment& a, const compact_increment& b) {
    return a.compact_before == b.compact_before && a.compact_after == b.compact_after &&
           a.changelog_files == b.changelog_files && a.new_index_files == b.new_index_files &&
           a.deleted_index_files == b.deleted_index_files;
  }
};

/// One writer task's result for one (partition, bucket) (`CommitMessageImpl.java`).
struct commit_message {
  binary_row partition = binary_row::empty();
  int32_t bucket = 0;
  std::optional<int32_t> total_buckets;
  data_increment data;
  compact_increment compact;
  friend bool operator==(const commit_message& a, const commit_message& b) {
    return a.partition == b.partition && a.bucket == b.bucket &&
           a.total_buckets == b.total_buckets && a.data == b.data && a.compact == b.compact;
  }
  friend bool operator!=(const commit_message& a, const commit_message& b) { return !(a == b); }
};

/// The serializer version of the newest Paimon release on Maven Central (1.4.2 → 11); the default
/// for writing. Master (2.1-SNAPSHOT) reads up to 13.
constexpr int default_commit_message_version = 11;
/// Oldest version we offer for writing (Paimon 1.1 and newer read it).
constexpr int min_write_commit_message_version = 7;

namespace detail {

class commit_encoder {
 public:
  explicit commit_encoder(int version) : version_(version) {}

  status message(const commit_message& m, byte_buffer& out) {
    // partition: [int32 4+size][int32 arity][row]
    out.append_be<int32_t>(static_cast<int32_t>(4 + m.partition.bytes.size()));
    out.append_be<int32_t>(m.partition.arity);
    out.append(m.partition.bytes.data(), m.partition.bytes.size());
    out.append_be<int32_t>(m.bucket);
    if (version_ == commit_message_version_legacy_v2) return legacy_v2(m, out);
    if (has_total_buckets(version_)) {
      out.push_back(m.total_buckets ? 1 : 0);
      if (m.total_buckets) out.append_be<int32_t>(*m.total_buckets);
    } else if (m.total_buckets) {
      return invalid_argument("paimon: CommitMessage version " + std::to_string(version_) +
                              " cannot carry totalBuckets");
    }
    if (has_index_files_per_increment(version_)) {
      files(m.data.new_files, out);
      files(m.data.deleted_files, out);
      files(m.data.changelog_files, out);
      indexes(m.data.new_index_files, out);
      indexes(m.data.deleted_index_files, out);
      files(m.compact.compact_before, out);
      files(m.compact.compact_after, out);
      files(m.compact.changelog_files, out);
      indexes(m.compact.new_index_files, out);
      indexes(m.compact.deleted_index_files, out);
      return {};
    }
    files(m.data.new_files, out);
    files(m.data.deleted_files, out);
    files(m.data.changelog_files, out);
    files(m.compact.compact_before, out);
    files(m.compact.compact_after, out);
    files(m.compact.changelog_files, out);
    // Before v10 one index pair follows; readers attach it to the compact increment when that
    // has files, else to the data increment.
    const bool to_compact = !m.compact.files_empty();
    const auto& owner_new = to_compact ? m.compact.new_index_files : m.data.new_index_files;
    const auto& owner_del = to_compact ? m.compact.deleted_index_files : m.data.deleted_index_files;
    const auto& other_new = to_compact ? m.data.new_index_files : m.compact.new_index_files;
    const auto& other_del = to_compact ? m.data.deleted_index_files : m.compact.deleted_index_files;
    if (!other_new.empty() || !other_del.empty())
      return invalid_argument("paimon: CommitMessage version " + std::to_string(version_) +
                              " has one index-file pair; these index files cannot be placed");
    if (!has_deleted_index_files(version_) && !owner_del.empty())
      return invalid_argument("paimon: CommitMessage version 2 cannot carry deleted index files");
    indexes(owner_new, out);
    if (has_deleted_index_files(version_)) indexes(owner_del, out);
    return {};
  }

 private:
  status legacy_v2(const commit_message& m, byte_buffer& out) {
    if (!m.data.deleted_files.empty() || !m.data.deleted_index_files.empty() ||
        !m.compact.new_index_files.empty() || !m.compact.deleted_index_files.empty())
      return invalid_argument("paimon: the Paimon 0.7 version-2 layout cannot carry these lists");
    files(m.data.new_files, out);
    files(m.data.changelog_files, out);
    files(m.compact.compact_before, out);
    files(m.compact.compact_after, out);
    files(m.compact.changelog_files, out);
    indexes(m.data.new_index_files, out);
    return {};
  }
  void files(const std::vector<data_file_meta>& v, byte_buffer& out) {
    out.append_be<int32_t>(static_cast<int32_t>(v.size()));
    for (const data_file_meta& f : v) {
      encode_data_file_meta(f, version_, scratch_);
      out.append_be<int32_t>(static_cast<int32_t>(scratch_.row.size()));
      out.append(scratch_.row.bytes());
    }
  }
  void indexes(const std::vector<index_file_meta>& v, byte_buffer& out) {
    out.append_be<int32_t>(static_cast<int32_t>(v.size()));
    for (const index_file_meta& f : v) {
      encode_index_file_meta(f, version_, scratch_);
      out.append_be<int32_t>(static_cast<int32_t>(scratch_.row.size()));
      out.append(scratch_.row.bytes());
    }
  }

  int version_;
  meta_scratch scratch_;
};

inline result<byte_span> read_row_blob(bounded_reader& r, const char* what) {
  const int64_t at = r.offset();
  LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>(what));
  LAKECODEC_TRY(r.check_count(n, limits{}.max_allocation, 1, what, at));
  return r.read_bytes(static_cast<size_t>(n), what);
}

inline status with_offset(status s, int64_t at) {
  if (s.ok() || s.offset() >= 0) return s;
  return status(s.code(), s.message(), at);
}

inline result<std::vector<data_file_meta>> read_files(bounded_reader& r, int version) {
  const int64_t at = r.offset();
  LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>("data file count"));
  LAKECODEC_TRY(r.check_count(n, limits{}.max_collection_count, 4, "data file count", at));
  std::vector<data_file_meta> out;
  out.reserve(static_cast<size_t>(n));
  for (int32_t k = 0; k < n; ++k) {
    const int64_t row_at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, read_row_blob(r, "DataFileMeta row"));
    out.emplace_back();
    status st = decode_data_file_meta_into(b, version, out.back());
    if (!st.ok()) return with_offset(std::move(st), row_at);
  }
  return out;
}

inline result<std::vector<index_file_meta>> read_indexes(bounded_reader& r, int version) {
  const int64_t at = r.offset();
  LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>("index file count"));
  LAKECODEC_TRY(r.check_count(n, limits{}.max_collection_count, 4, "index file count", at));
  std::vector<index_file_meta> out;
  out.reserve(static_cast<size_t>(n));
  for (int32_t k = 0; k < n; ++k) {
    const int64_t row_at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, read_row_blob(r, "IndexFileMeta row"));
    auto f = decode_index_file_meta(b, version);
    if (!f) return with_offset(f.error(), row_at);
    out.push_back(std::move(f).value());
  }
  return out;
}

inline status check_version(int version) {
  if (version == commit_message_version_legacy_v2) return {};
  if (version < min_commit_message_version || version > max_commit_message_version)
    return unsupported("paimon: CommitMessage serializer version " + std::to_string(version) +
                       " is not one we can read (1.." + std::to_string(max_commit_message_version) +
                       ")");
  return {};
}

inline status read_message_into(bounded_reader& r, int version, commit_message& m) {
  {
    const int64_t at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, read_row_blob(r, "partition"));
    auto p = deserialize_binary_row(b);
    if (!p) return with_offset(p.error(), at);
    m.partition = std::move(p).value();
  }
  LAKECODEC_ASSIGN_OR_RETURN(m.bucket, r.read_be<int32_t>("bucket"));
  if (version == commit_message_version_legacy_v2) {
    LAKECODEC_ASSIGN_OR_RETURN(m.data.new_files, read_files(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.data.changelog_files, read_files(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.compact.compact_before, read_files(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.compact.compact_after, read_files(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.compact.changelog_files, read_files(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.data.new_index_files, read_indexes(r, version));
    return {};
  }
  if (has_total_buckets(version)) {
    LAKECODEC_ASSIGN_OR_RETURN(uint8_t present, r.read_u8("totalBuckets flag"));
    if (present != 0) {
      LAKECODEC_ASSIGN_OR_RETURN(int32_t tb, r.read_be<int32_t>("totalBuckets"));
      m.total_buckets = tb;
    }
  }
  LAKECODEC_ASSIGN_OR_RETURN(m.data.new_files, read_files(r, version));
  LAKECODEC_ASSIGN_OR_RETURN(m.data.deleted_files, read_files(r, version));
  LAKECODEC_ASSIGN_OR_RETURN(m.data.changelog_files, read_files(r, version));
  if (has_index_files_per_increment(version)) {
    LAKECODEC_ASSIGN_OR_RETURN(m.data.new_index_files, read_indexes(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.data.deleted_index_files, read_indexes(r, version));
  }
  LAKECODEC_ASSIGN_OR_RETURN(m.compact.compact_before, read_files(r, version));
  LAKECODEC_ASSIGN_OR_RETURN(m.compact.compact_after, read_files(r, version));
  LAKECODEC_ASSIGN_OR_RETURN(m.compact.changelog_files, read_files(r, version));
  if (has_index_files_per_increment(version)) {
    LAKECODEC_ASSIGN_OR_RETURN(m.compact.new_index_files, read_indexes(r, version));
    LAKECODEC_ASSIGN_OR_RETURN(m.compact.deleted_index_files, read_indexes(r, version));
    return {};
  }
  const bool to_compact = !m.compact.files_empty();
  LAKECODEC_ASSIGN_OR_RETURN(auto new_idx, read_indexes(r, version));
  (to_compact ? m.compact.new_index_files : m.data.new_index_files) = std::move(new_idx);
  if (has_deleted_index_files(version)) {
    LAKECODEC_ASSIGN_OR_RETURN(auto del_idx, read_indexes(r, version));
    (to_compact ? m.compact.deleted_index_files : m.data.deleted_index_files) = std::move(del_idx);
  }
  return {};
}

inline result<commit_message> read_message(bounded_reader& r, int version) {
  commit_message m;
  LAKECODEC_TRY(read_message_into(r, version, m));
  return m;
}

}  // namespace detail

/// A reusable CommitMessageSerializer for one version: keeps its row writers between calls, so
/// steady-state serialization does not allocate beyond the output buffer.
class commit_message_serializer {
 public:
  explicit commit_message_serializer(int version = default_commit_message_version)
      : version_(version), encoder_(version) {}
  int version() const noexcept { return version_; }

  /// Appends one serialized message to `out` (CommitMessageSerializer); errors as
  /// serialize_commit_message.
  status serialize(const commit_message& m, byte_buffer& out) {
    LAKECODEC_TRY(detail::check_version(version_));
    return encoder_.message(m, out);
  }
  /// Decodes exactly one message filling `bytes`.
  result<commit_message> deserialize(byte_span bytes) const;

 private:
  int version_;
  detail::commit_encoder encoder_;
};

/// `CommitMessageSerializer.serialize`: one message without a version. Fails with
/// invalid_argument when the message needs something `version` cannot express.
inline result<byte_buffer> serialize_commit_message(const commit_message& m,
                                                    int version = default_commit_message_version) {
  LAKECODEC_TRY(detail::check_version(version));
  byte_buffer out;
  detail::commit_encoder enc(version);
  LAKECODEC_TRY(enc.message(m, out));
  return out;
}

/// `CommitMessageSerializer.serializeList`: [int32 count] + messages, appended to `out`.
inline status serialize_commit_message_list(const std::vector<commit_message>& list, int version,
                                            byte_buffer& out) {
  LAKECODEC_TRY(detail::check_version(version));
  out.append_be<int32_t>(static_cast<int32_t>(list.size()));
  detail::commit_encoder enc(version);
  for (const commit_message& m : list) LAKECODEC_TRY(enc.message(m, out));
  return {};
}

/// `CommitMessageSerializer.deserialize(version, bytes)`: exactly one message filling `bytes`.
/// Fails on an unreadable version, truncation, garbage or trailing bytes.
inline result<commit_message> deserialize_commit_message(byte_span bytes, int version) {
  LAKECODEC_TRY(detail::check_version(version));
  bounded_reader r(bytes);
  LAKECODEC_ASSIGN_OR_RETURN(commit_message m, detail::read_message(r, version));
  if (!r.at_end())
    return corrupt_data(
        "paimon: " + std::to_string(r.remaining()) + " bytes follow the CommitMessage", r.offset());
  return m;
}

inline result<commit_message> commit_message_serializer::deserialize(byte_span bytes) const {
  return deserialize_commit_message(bytes, version_);
}

/// `CommitMessageSerializer.deserializeList(version, view)` reading from `r`.
inline result<std::vector<commit_message>> deserialize_commit_message_list(bounded_reader& r,
                                                                           int version) {
  LAKECODEC_TRY(detail::check_version(version));
  const int64_t at = r.offset();
  LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>("message count"));
  LAKECODEC_TRY(r.check_count(n, limits{}.max_collection_count, 8, "message count", at));
  std::vector<commit_message> out;
  out.reserve(static_cast<size_t>(n));
  for (int32_t k = 0; k < n; ++k) {
    out.emplace_back();
    LAKECODEC_TRY(detail::read_message_into(r, version, out.back()));
  }
  return out;
}

/// A whole `[int32 count][messages]` body (e.g. paimon-cpp's commit_messages files). At version 2
/// it falls back to Paimon 0.7's layout when the current one does not parse, as Java's
/// ManifestCommittableSerializer does; `used_version` reports which was used.
inline result<std::vector<commit_message>> deserialize_commit_message_list(
    byte_span bytes, int version, int* used_version = nullptr) {
  bounded_reader r(bytes);
  auto list = deserialize_commit_message_list(r, version);
  if (list && !r.at_end())
    list = corrupt_data(
        "paimon: " + std::to_string(r.remaining()) + " bytes follow the CommitMessage list",
        r.offset());
  if (!list && version == 2) {
    bounded_reader r2(bytes);
    auto legacy = deserialize_commit_message_list(r2, commit_message_version_legacy_v2);
    if (legacy && r2.at_end()) {
      if (used_version) *used_version = commit_message_version_legacy_v2;
      return legacy;
    }
  }
  if (list && used_version) *used_version = version;
  return list;
}

/// Clears what a CommitMessage of `version` cannot carry (DataFileMeta columns past the version's
/// arity, newer IndexFileMeta members, totalBuckets before 7), so a message compares equal to
/// what a reader of that version decodes. Index-file placement before 10 is left to the caller.
inline void project_to_version(commit_message& m, int version) {
  if (!has_total_buckets(version)) m.total_buckets.reset();
  auto file = [&](data_file_meta& f) {
    if (!has_delete_row_count(version)) {
      f.delete_row_count.reset();
      f.embedded_index.reset();
    }
    if (!has_file_source(version)) f.file_source.reset();
    if (!has_value_stats_cols(version)) f.value_stats_cols.reset();
    if (!has_external_path(version)) f.external_path.reset();
    if (!has_first_row_id(version)) f.first_row_id.reset();
    if (!has_write_cols(version)) f.write_cols.reset();
    if (!has_write_cols_sequences(version)) f.write_cols_sequences.reset();
  };
  auto index = [&](index_file_meta& f) {
    if (version == commit_message_version_legacy_v2) f.dv_ranges.reset();  // a 4-field row
    if (f.dv_ranges && !has_dv_cardinality(version))
      for (auto& d : *f.dv_ranges) d.cardinality.reset();
    if (!has_index_external_path(version)) f.external_path.reset();
    if (!has_global_index(version)) f.global_index.reset();
    if (f.global_index && !has_global_index_source_meta(version))
      f.global_index->source_meta.reset();
  };
  for (auto* v : {&m.data.new_files, &m.data.deleted_files, &m.data.changelog_files,
                  &m.compact.compact_before, &m.compact.compact_after, &m.compact.changelog_files})
    for (auto& f : *v) file(f);
  for (auto* v : {&m.data.new_index_files, &m.data.deleted_index_files, &m.compact.new_index_files,
                  &m.compact.deleted_index_files})
    for (auto& f : *v) index(f);
}

/// What a Flink checkpoint holds (`ManifestCommittable.java`). `legacy_log_offsets` exists in
/// versions <= 4 and `properties` in versions >= 4; both keep their serialized order.
struct manifest_committable {
  int64_t identifier = 0;
  std::optional<int64_t> watermark;
  std::vector<std::pair<int32_t, int64_t>> legacy_log_offsets;
  std::vector<std::pair<std::string, std::string>> properties;
  /// The CommitMessage version stored inside (commit_message_version_legacy_v2 for Paimon 0.7).
  int commit_message_version = default_commit_message_version;
  std::vector<commit_message> messages;
};

/// ManifestCommittableSerializer's current version on master.
constexpr int current_manifest_committable_version = 5;

namespace detail {

/// Java's modified UTF-8 (DataInput.readUTF) to standard UTF-8.
inline result<std::string> modified_utf8_to_utf8(byte_span in) {
  std::string out;
  out.reserve(in.size);
  auto put_cp = [&](uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  };
  std::vector<uint32_t> units;
  for (size_t i = 0; i < in.size;) {
    const uint8_t b = in[i];
    uint32_t u;
    if (b < 0x80) {
      u = b;
      i += 1;
    } else if ((b & 0xe0) == 0xc0 && i + 1 < in.size && (in[i + 1] & 0xc0) == 0x80) {
      u = (uint32_t{b & 0x1fu} << 6) | (in[i + 1] & 0x3fu);
      i += 2;
    } else if ((b & 0xf0) == 0xe0 && i + 2 < in.size && (in[i + 1] & 0xc0) == 0x80 &&
               (in[i + 2] & 0xc0) == 0x80) {
      u = (uint32_t{b & 0x0fu} << 12) | (uint32_t{in[i + 1] & 0x3fu} << 6) | (in[i + 2] & 0x3fu);
      i += 3;
    } else {
      return corrupt_data("paimon: malformed modified UTF-8 string");
    }
    units.push_back(u);
  }
  for (size_t k = 0; k < units.size(); ++k) {
    const uint32_t u = units[k];
    if (u >= 0xd800 && u < 0xdc00 && k + 1 < units.size() && units[k + 1] >= 0xdc00 &&
        units[k + 1] < 0xe000) {
      put_cp(0x10000 + ((u - 0xd800) << 10) + (units[k + 1] - 0xdc00));
      ++k;
    } else {
      put_cp(u);
    }
  }
  return out;
}

/// Standard UTF-8 to Java's modified UTF-8 (DataOutput.writeUTF); fails past 65535 bytes.
inline status write_utf(std::string_view s, byte_buffer& out) {
  std::string enc;
  auto put3 = [&](uint32_t u) {
    enc.push_back(static_cast<char>(0xe0 | (u >> 12)));
    enc.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3f)));
    enc.push_back(static_cast<char>(0x80 | (u & 0x3f)));
  };
  for (size_t i = 0; i < s.size();) {
    const uint8_t b = static_cast<uint8_t>(s[i]);
    if (b == 0) {
      enc += "\xc0\x80";
      i += 1;
    } else if (b < 0x80) {
      enc.push_back(static_cast<char>(b));
      i += 1;
    } else if ((b & 0xf8) == 0xf0 && i + 3 < s.size()) {
      const uint32_t cp = (uint32_t{b & 0x07u} << 18) |
                          (uint32_t{static_cast<uint8_t>(s[i + 1]) & 0x3fu} << 12) |
                          (uint32_t{static_cast<uint8_t>(s[i + 2]) & 0x3fu} << 6) |
                          (static_cast<uint8_t>(s[i + 3]) & 0x3fu);
      const uint32_t v = cp - 0x10000;
      put3(0xd800 + (v >> 10));
      put3(0xdc00 + (v & 0x3ff));
      i += 4;
    } else {
      enc.push_back(static_cast<char>(b));
      i += 1;
    }
  }
  if (enc.size() > 65535) return invalid_argument("paimon: string longer than 65535 UTF bytes");
  out.append_be<uint16_t>(static_cast<uint16_t>(enc.size()));
  out.append(enc);
  return {};
}

inline result<std::string> read_utf(bounded_reader& r) {
  LAKECODEC_ASSIGN_OR_RETURN(uint16_t n, r.read_be<uint16_t>("UTF length"));
  LAKECODEC_ASSIGN_OR_RETURN(byte_span b, r.read_bytes(n, "UTF string"));
  return modified_utf8_to_utf8(b);
}

}  // namespace detail

/// `ManifestCommittableSerializer.serialize` at `version` (2..5): identifier, watermark (the
/// boolean says "is null"), legacy log offsets (<= 4), properties (>= 4), the CommitMessage
/// version and the message list.
inline result<byte_buffer> serialize_manifest_committable(
    const manifest_committable& c, int version = current_manifest_committable_version) {
  if (version < 2 || version > current_manifest_committable_version)
    return unsupported("paimon: ManifestCommittable version " + std::to_string(version));
  byte_buffer out;
  out.append_be<int64_t>(c.identifier);
  out.push_back(c.watermark ? 0 : 1);
  if (c.watermark) out.append_be<int64_t>(*c.watermark);
  if (version <= 4) {
    out.append_be<int32_t>(static_cast<int32_t>(c.legacy_log_offsets.size()));
    for (const auto& kv : c.legacy_log_offsets) {
      out.append_be<int32_t>(kv.first);
      out.append_be<int64_t>(kv.second);
    }
  }
  if (version >= 4) {
    out.append_be<int32_t>(static_cast<int32_t>(c.properties.size()));
    for (const auto& kv : c.properties) {
      LAKECODEC_TRY(detail::write_utf(kv.first, out));
      LAKECODEC_TRY(detail::write_utf(kv.second, out));
    }
  }
  const bool legacy = c.commit_message_version == commit_message_version_legacy_v2;
  out.append_be<int32_t>(legacy ? 2 : c.commit_message_version);
  LAKECODEC_TRY(serialize_commit_message_list(c.messages, c.commit_message_version, out));
  return out;
}

/// `ManifestCommittableSerializer.deserialize(version, bytes)`; the whole input must be consumed.
inline result<manifest_committable> deserialize_manifest_committable(byte_span bytes, int version) {
  if (version < 1 || version > current_manifest_committable_version)
    return unsupported("paimon: ManifestCommittable version " + std::to_string(version) +
                       " is not one we can read (1.." +
                       std::to_string(current_manifest_committable_version) + ")");
  bounded_reader r(bytes);
  manifest_committable c;
  LAKECODEC_ASSIGN_OR_RETURN(c.identifier, r.read_be<int64_t>("identifier"));
  LAKECODEC_ASSIGN_OR_RETURN(uint8_t is_null, r.read_u8("watermark flag"));
  if (is_null == 0) {
    LAKECODEC_ASSIGN_OR_RETURN(int64_t w, r.read_be<int64_t>("watermark"));
    c.watermark = w;
  }
  if (version <= 4) {
    const int64_t at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>("log offset count"));
    LAKECODEC_TRY(r.check_count(n, limits{}.max_collection_count, 12, "log offset count", at));
    for (int32_t k = 0; k < n; ++k) {
      LAKECODEC_ASSIGN_OR_RETURN(int32_t b, r.read_be<int32_t>("log offset bucket"));
      LAKECODEC_ASSIGN_OR_RETURN(int64_t o, r.read_be<int64_t>("log offset"));
      c.legacy_log_offsets.emplace_back(b, o);
    }
  }
  if (version >= 4) {
    const int64_t at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(int32_t n, r.read_be<int32_t>("property count"));
    LAKECODEC_TRY(r.check_count(n, limits{}.max_collection_count, 4, "property count", at));
    for (int32_t k = 0; k < n; ++k) {
      LAKECODEC_ASSIGN_OR_RETURN(std::string key, detail::read_utf(r));
      LAKECODEC_ASSIGN_OR_RETURN(std::string value, detail::read_utf(r));
      c.properties.emplace_back(std::move(key), std::move(value));
    }
  }
  LAKECODEC_ASSIGN_OR_RETURN(int32_t cmv, r.read_be<int32_t>("CommitMessage version"));
  int used = cmv;
  LAKECODEC_ASSIGN_OR_RETURN(c.messages, deserialize_commit_message_list(r.rest(), cmv, &used));
  c.commit_message_version = used;
  return c;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
