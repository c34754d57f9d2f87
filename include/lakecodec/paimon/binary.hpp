#pragma once
// Paimon's binary data formats: BinaryRow, BinaryArray and BinaryMap, written and read byte for
// byte as Java's BinaryRowWriter / BinaryArrayWriter do. Everything
// inside these sections is little-endian; offsets are relative to the start of the section.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// The change kind stored in byte 0 of every BinaryRow (`RowKind.java`).
enum class row_kind : uint8_t { insert = 0, update_before = 1, update_after = 2, del = 3 };

/// Largest byte string stored inline in an 8-byte slot (`BinarySection.MAX_FIX_PART_DATA_SIZE`).
constexpr size_t max_inline_bytes = 7;
/// Decimals with precision up to 18 are stored as an unscaled int64 (`Decimal.isCompact`).
constexpr int max_compact_decimal_precision = 18;
/// Timestamps with precision up to 3 are stored as epoch millis (`Timestamp.isCompact`).
constexpr int max_compact_timestamp_precision = 3;

namespace detail {
inline constexpr size_t round_to_word(size_t n) noexcept { return (n + 7) & ~size_t{7}; }
}  // namespace detail

/// Bytes of the header + null-bit region of a row of `arity` fields (BinarySection:
/// ((arity+63+8)/64)*8).
inline constexpr size_t row_null_bits_size(size_t arity) noexcept {
  return ((arity + 63 + 8) / 64) * 8;
}
/// Bytes of the fixed part of a row: the null-bit region plus one 8-byte slot per field.
inline constexpr size_t row_fixed_size(size_t arity) noexcept {
  return row_null_bits_size(arity) + 8 * arity;
}
/// Bytes of the header (count + null bits) of an array of `n` elements
/// (BinaryArray.calculateHeaderInBytes).
inline constexpr size_t array_header_size(size_t n) noexcept { return 4 + ((n + 31) / 32) * 4; }

namespace detail {

/// Shared machinery of the row and array writers: a growable buffer whose first `fixed` bytes are
/// the fixed part and whose var part is appended in 8-byte aligned, zero-padded chunks.
class section_writer {
 public:
  byte_span bytes() const noexcept { return buf_.span(); }
  size_t size() const noexcept { return buf_.size(); }

 protected:
  void reset_fixed(size_t fixed) {
    buf_.clear();
    std::memset(buf_.append_uninitialized(fixed), 0, fixed);
  }
  void put_u64(size_t at, uint64_t v) noexcept { store_le<uint64_t>(buf_.data() + at, v); }
  void put_offset_and_size(size_t slot, size_t offset, uint64_t size) noexcept {
    put_u64(slot, (uint64_t{offset} << 32) | (size & 0xffffffffu));
  }
  /// Inline (<= 7 bytes) or var-part storage of a byte string at `slot`.
  void put_bytes(size_t slot, const void* data, size_t n) {
    if (n <= max_inline_bytes) {
      uint8_t* p = buf_.data() + slot;
      std::memset(p, 0, 8);
      if (n > 0) std::memcpy(p, data, n);
      p[7] = static_cast<uint8_t>(0x80u | n);
    } else {
      put_var(slot, data, n);
    }
  }
  /// Appends `n` bytes to the var part, zero-padded to 8, and stores offset<<32|n at `slot`.
  void put_var(size_t slot, const void* data, size_t n) {
    const size_t offset = buf_.size();
    const size_t rounded = round_to_word(n);
    uint8_t* p = buf_.append_uninitialized(rounded);
    if (n > 0) std::memcpy(p, data, n);
    std::memset(p + n, 0, rounded - n);
    put_offset_and_size(slot, offset, n);
  }
  /// Appends `n` zero bytes to the var part and returns their offset.
  size_t reserve_var(size_t n) {
    const size_t offset = buf_.size();
    std::memset(buf_.append_uninitialized(n), 0, n);
    return offset;
  }
  byte_buffer buf_;
};

}  // namespace detail

/// Writes one BinaryRow (`BinaryRowWriter.java`). Call reset(), write every field in index order
/// (var-length values are appended in call order, as Java does), then bytes(). Reusable.
class binary_row_writer : public detail::section_writer {
 public:
  explicit binary_row_writer(int32_t arity = 0) { reset(arity); }

  /// Starts a new row of `arity` fields with the given kind; all bytes zero.
  void reset(int32_t arity, row_kind kind = row_kind::insert) {
    arity_ = arity < 0 ? 0 : arity;
    null_bits_ = row_null_bits_size(static_cast<size_t>(arity_));
    reset_fixed(row_fixed_size(static_cast<size_t>(arity_)));
    buf_[0] = static_cast<uint8_t>(kind);
  }
  void reset(row_kind kind = row_kind::insert) { reset(arity_, kind); }
  int32_t arity() const noexcept { return arity_; }
  void set_row_kind(row_kind kind) noexcept { buf_[0] = static_cast<uint8_t>(kind); }

  /// Marks field i null and zeroes its slot (`setNullAt`).
  void set_null(int i) noexcept {
    set_null_bit(i);
    put_u64(slot(i), 0);
  }
  void set_null_bit(int i) noexcept {
    const size_t bit = static_cast<size_t>(i) + 8;
    buf_[bit >> 3] = static_cast<uint8_t>(buf_[bit >> 3] | (1u << (bit & 7)));
  }
  void write_boolean(int i, bool v) noexcept { put_u64(slot(i), v ? 1 : 0); }
  void write_byte(int i, int8_t v) noexcept { put_u64(slot(i), static_cast<uint8_t>(v)); }
  void write_short(int i, int16_t v) noexcept { put_u64(slot(i), static_cast<uint16_t>(v)); }
  void write_int(int i, int32_t v) noexcept { put_u64(slot(i), static_cast<uint32_t>(v)); }
  void write_long(int i, int64_t v) noexcept { put_u64(slot(i), static_cast<uint64_t>(v)); }
  void write_float(int i, float v) noexcept { put_u64(slot(i), float_bits(v)); }
  void write_double(int i, double v) noexcept { put_u64(slot(i), double_bits(v)); }
  /// CHAR/VARCHAR/BINARY/VARBINARY: inline when <= 7 bytes, else in the var part.
  void write_bytes(int i, const void* data, size_t n) { put_bytes(slot(i), data, n); }
  void write_string(int i, std::string_view s) { put_bytes(slot(i), s.data(), s.size()); }
  /// A nested ROW, ARRAY or MAP blob (already built), copied into the var part.
  void write_nested(int i, byte_span blob) { put_var(slot(i), blob.data, blob.size); }
  /// BYTES holding `SerializationUtils.serializeBinaryRow`: [int32 BE arity][row], written
  /// straight into the var part (no temporary).
  void write_serialized_row(int i, int32_t arity, const void* row, size_t n) {
    if (n + 4 <= max_inline_bytes) {
      uint8_t tmp[8];
      store_be<int32_t>(tmp, arity);
      if (n > 0) std::memcpy(tmp + 4, row, n);
      put_bytes(slot(i), tmp, n + 4);
      return;
    }
    const size_t total = n + 4;
    const size_t offset = buf_.size();
    const size_t rounded = detail::round_to_word(total);
    uint8_t* p = buf_.append_uninitialized(rounded);
    store_be<int32_t>(p, arity);
    if (n > 0) std::memcpy(p + 4, row, n);
    std::memset(p + total, 0, rounded - total);
    put_offset_and_size(slot(i), offset, total);
  }
  /// Non-compact DECIMAL (precision > 18): 16 reserved bytes holding the big-endian two's
  /// complement unscaled value (<= 16 bytes); `null` keeps the reservation and sets the bit.
  void write_decimal_bytes(int i, byte_span unscaled_be, bool null = false) {
    const size_t off = reserve_var(16);
    if (null) {
      set_null_bit(i);
      put_offset_and_size(slot(i), off, 0);
      return;
    }
    const size_t n = unscaled_be.size > 16 ? 16 : unscaled_be.size;
    if (n > 0) std::memcpy(buf_.data() + off, unscaled_be.data, n);
    put_offset_and_size(slot(i), off, n);
  }
  /// Non-compact TIMESTAMP (precision > 3): millis in the var part, nano-of-milli in the slot.
  void write_timestamp(int i, int64_t millis, int32_t nano_of_milli, bool null = false) {
    const size_t off = reserve_var(8);
    if (null) {
      set_null_bit(i);
      put_offset_and_size(slot(i), off, 0);
      return;
    }
    put_u64(off, static_cast<uint64_t>(millis));
    put_offset_and_size(slot(i), off, static_cast<uint32_t>(nano_of_milli));
  }

 private:
  size_t slot(int i) const noexcept { return null_bits_ + 8 * static_cast<size_t>(i); }
  int32_t arity_ = 0;
  size_t null_bits_ = 8;
};

/// Writes one BinaryArray (`BinaryArrayWriter.java`) of `n` elements of `elem_size` bytes
/// (1 boolean/tinyint, 2 smallint, 4 int/float/date/time, 8 everything else).
class binary_array_writer : public detail::section_writer {
 public:
  binary_array_writer(int32_t n = 0, int elem_size = 8) { reset(n, elem_size); }

  void reset(int32_t n, int elem_size) {
    n_ = n < 0 ? 0 : n;
    elem_size_ = static_cast<size_t>(elem_size);
    header_ = array_header_size(static_cast<size_t>(n_));
    reset_fixed(detail::round_to_word(header_ + elem_size_ * static_cast<size_t>(n_)));
    store_le<int32_t>(buf_.data(), n_);
  }
  int32_t size_elements() const noexcept { return n_; }

  /// Marks element i null and zeroes its element bytes.
  void set_null(int i) noexcept {
    buf_[4 + static_cast<size_t>(i) / 8] =
        static_cast<uint8_t>(buf_[4 + static_cast<size_t>(i) / 8] | (1u << (i % 8)));
    std::memset(buf_.data() + elem(i), 0, elem_size_);
  }
  void write_boolean(int i, bool v) noexcept { buf_[elem(i)] = v ? 1 : 0; }
  void write_byte(int i, int8_t v) noexcept { buf_[elem(i)] = static_cast<uint8_t>(v); }
  void write_short(int i, int16_t v) noexcept { store_le<int16_t>(buf_.data() + elem(i), v); }
  void write_int(int i, int32_t v) noexcept { store_le<int32_t>(buf_.data() + elem(i), v); }
  void write_long(int i, int64_t v) noexcept { store_le<int64_t>(buf_.data() + elem(i), v); }
  void write_float(int i, float v) noexcept {
    store_le<uint32_t>(buf_.data() + elem(i), float_bits(v));
  }
  void write_double(int i, double v) noexcept {
    store_le<uint64_t>(buf_.data() + elem(i), double_bits(v));
  }
  void write_bytes(int i, const void* data, size_t n) { put_bytes(elem(i), data, n); }
  void write_string(int i, std::string_view s) { put_bytes(elem(i), s.data(), s.size()); }
  void write_nested(int i, byte_span blob) { put_var(elem(i), blob.data, blob.size); }
  void write_decimal_bytes(int i, byte_span unscaled_be) {
    const size_t off = reserve_var(16);
    const size_t n = unscaled_be.size > 16 ? 16 : unscaled_be.size;
    if (n > 0) std::memcpy(buf_.data() + off, unscaled_be.data, n);
    put_offset_and_size(elem(i), off, n);
  }
  void write_timestamp(int i, int64_t millis, int32_t nano_of_milli) {
    const size_t off = reserve_var(8);
    put_u64(off, static_cast<uint64_t>(millis));
    put_offset_and_size(elem(i), off, static_cast<uint32_t>(nano_of_milli));
  }

 private:
  size_t elem(int i) const noexcept { return header_ + elem_size_ * static_cast<size_t>(i); }
  int32_t n_ = 0;
  size_t elem_size_ = 8;
  size_t header_ = 8;
};

/// A BinaryMap from its key and value arrays: [int32 LE key bytes][keys][values] (BinaryRowWriter).
inline void build_binary_map(byte_span keys, byte_span values, byte_buffer& out) {
  out.clear();
  out.append_le<int32_t>(static_cast<int32_t>(keys.size));
  out.append(keys);
  out.append(values);
}

namespace detail {

/// Reads a var-length slot (inline or offset<<32|len) inside a section of `size` bytes.
inline result<byte_span> read_bytes_slot(byte_span section, uint64_t slot, const char* what) {
  if (slot >> 63) {
    const size_t n = static_cast<size_t>((slot >> 56) & 0x7f);
    if (n > max_inline_bytes)
      return corrupt_data(std::string("paimon: ") + what + ": inline length " + std::to_string(n) +
                          " is larger than 7");
    // Inline bytes live in the slot itself; the caller passes the slot position via `section`.
    return byte_span(section.data, n);
  }
  const uint64_t off = slot >> 32;
  const uint64_t n = slot & 0xffffffffu;
  if (off > section.size || n > section.size - off)
    return corrupt_data(std::string("paimon: ") + what + ": " + std::to_string(n) +
                        " bytes at offset " + std::to_string(off) + " run past the " +
                        std::to_string(section.size) + "-byte row");
  return byte_span(section.data + off, static_cast<size_t>(n));
}

}  // namespace detail

class binary_array_view;

/// A bounds-checked view of a BinaryRow with a known arity (`BinaryRow.java`). Fixed-width getters
/// cannot fail once the view exists; var-length getters check every offset and length.
class binary_row_view {
 public:
  binary_row_view() = default;

  /// BinaryRow.pointTo: fails unless `bytes` holds at least the fixed part of `arity` fields.
  static result<binary_row_view> make(byte_span bytes, int32_t arity) {
    if (arity < 0 || arity > (1 << 20))
      return corrupt_data("paimon: row arity " + std::to_string(arity) + " is out of range");
    const size_t fixed = row_fixed_size(static_cast<size_t>(arity));
    if (bytes.size < fixed)
      return corrupt_data("paimon: row of arity " + std::to_string(arity) + " needs " +
                          std::to_string(fixed) + " fixed bytes, only " +
                          std::to_string(bytes.size) + " present");
    binary_row_view v;
    v.bytes_ = bytes;
    v.arity_ = arity;
    v.null_bits_ = row_null_bits_size(static_cast<size_t>(arity));
    return v;
  }

  byte_span bytes() const noexcept { return bytes_; }
  int32_t arity() const noexcept { return arity_; }
  uint8_t raw_kind() const noexcept { return bytes_.data[0]; }
  bool is_null(int i) const noexcept {
    const size_t bit = static_cast<size_t>(i) + 8;
    return (bytes_.data[bit >> 3] >> (bit & 7)) & 1;
  }
  uint64_t slot(int i) const noexcept { return load_le<uint64_t>(bytes_.data + slot_pos(i)); }
  bool get_boolean(int i) const noexcept { return bytes_.data[slot_pos(i)] != 0; }
  int8_t get_byte(int i) const noexcept { return static_cast<int8_t>(bytes_.data[slot_pos(i)]); }
  int16_t get_short(int i) const noexcept { return load_le<int16_t>(bytes_.data + slot_pos(i)); }
  int32_t get_int(int i) const noexcept { return load_le<int32_t>(bytes_.data + slot_pos(i)); }
  int64_t get_long(int i) const noexcept { return load_le<int64_t>(bytes_.data + slot_pos(i)); }
  float get_float(int i) const noexcept {
    return float_from_bits(load_le<uint32_t>(bytes_.data + slot_pos(i)));
  }
  double get_double(int i) const noexcept {
    return double_from_bits(load_le<uint64_t>(bytes_.data + slot_pos(i)));
  }
  /// A string or binary value (inline or in the var part).
  result<byte_span> get_bytes(int i) const {
    const uint64_t s = slot(i);
    if (s >> 63) {
      LAKECODEC_ASSIGN_OR_RETURN(
          byte_span b,
          detail::read_bytes_slot(byte_span(bytes_.data + slot_pos(i), 8), s, "inline string"));
      return b;
    }
    return detail::read_bytes_slot(bytes_, s, "string");
  }
  result<std::string_view> get_string(int i) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_bytes(i));
    return b.as_string_view();
  }
  /// The blob of a nested ROW, ARRAY or MAP.
  result<byte_span> get_nested(int i) const {
    return detail::read_bytes_slot(bytes_, slot(i) & ~(uint64_t{1} << 63), "nested value");
  }
  result<binary_row_view> get_row(int i, int32_t arity) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
    return make(b, arity);
  }
  inline result<binary_array_view> get_array(int i, int elem_size) const;
  /// Non-compact decimal: the big-endian two's complement unscaled bytes (<= 16).
  result<byte_span> get_decimal_bytes(int i) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
    if (b.size > 16) return corrupt_data("paimon: decimal of " + std::to_string(b.size) + " bytes");
    return b;
  }
  /// Non-compact timestamp: (millis, nano-of-milli).
  result<std::pair<int64_t, int32_t>> get_timestamp(int i) const {
    const uint64_t s = slot(i);
    const uint64_t off = s >> 32;
    if (off > bytes_.size || bytes_.size - off < 8)
      return corrupt_data("paimon: timestamp millis at offset " + std::to_string(off) +
                          " run past the row");
    return std::make_pair(load_le<int64_t>(bytes_.data + off),
                          static_cast<int32_t>(s & 0xffffffffu));
  }

 private:
  size_t slot_pos(int i) const noexcept { return null_bits_ + 8 * static_cast<size_t>(i); }
  byte_span bytes_;
  int32_t arity_ = 0;
  size_t null_bits_ = 8;
};

/// A bounds-checked view of a BinaryArray whose element width is known from its type.
class binary_array_view {
 public:
  binary_array_view() = default;

  /// BinaryArray.pointTo: checks the count and that header + elements fit.
  static result<binary_array_view> make(byte_span bytes, int elem_size) {
    if (bytes.size < 4)
      return corrupt_data("paimon: array of " + std::to_string(bytes.size) +
                          " bytes has no element count");
    const int32_t n = load_le<int32_t>(bytes.data);
    if (n < 0)
      return corrupt_data("paimon: array element count " + std::to_string(n) + " is negative");
    if (n > limits{}.max_collection_count)
      return limit_exceeded("paimon: array element count " + std::to_string(n) +
                            " exceeds the limit");
    const size_t header = array_header_size(static_cast<size_t>(n));
    const uint64_t need =
        header + uint64_t{static_cast<uint32_t>(n)} * static_cast<uint64_t>(elem_size);
    if (need > bytes.size)
      return corrupt_data("paimon: array of " + std::to_string(n) + " elements needs " +
                          std::to_string(need) + " bytes, only " + std::to_string(bytes.size) +
                          " present");
    binary_array_view v;
    v.bytes_ = bytes;
    v.n_ = n;
    v.elem_size_ = static_cast<size_t>(elem_size);
    v.header_ = header;
    return v;
  }

  byte_span bytes() const noexcept { return bytes_; }
  int32_t size() const noexcept { return n_; }
  bool is_null(int i) const noexcept {
    return (bytes_.data[4 + static_cast<size_t>(i) / 8] >> (i % 8)) & 1;
  }
  bool get_boolean(int i) const noexcept { return bytes_.data[pos(i)] != 0; }
  int8_t get_byte(int i) const noexcept { return static_cast<int8_t>(bytes_.data[pos(i)]); }
  int16_t get_short(int i) const noexcept { return load_le<int16_t>(bytes_.data + pos(i)); }
  int32_t get_int(int i) const noexcept { return load_le<int32_t>(bytes_.data + pos(i)); }
  int64_t get_long(int i) const noexcept { return load_le<int64_t>(bytes_.data + pos(i)); }
  float get_float(int i) const noexcept {
    return float_from_bits(load_le<uint32_t>(bytes_.data + pos(i)));
  }
  double get_double(int i) const noexcept {
    return double_from_bits(load_le<uint64_t>(bytes_.data + pos(i)));
  }
  result<byte_span> get_bytes(int i) const {
    if (elem_size_ != 8) return corrupt_data("paimon: array element width is not 8");
    const uint64_t s = load_le<uint64_t>(bytes_.data + pos(i));
    if (s >> 63)
      return detail::read_bytes_slot(byte_span(bytes_.data + pos(i), 8), s, "inline string");
    return detail::read_bytes_slot(bytes_, s, "string");
  }
  result<std::string_view> get_string(int i) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_bytes(i));
    return b.as_string_view();
  }
  result<byte_span> get_nested(int i) const {
    if (elem_size_ != 8) return corrupt_data("paimon: array element width is not 8");
    const uint64_t s = load_le<uint64_t>(bytes_.data + pos(i));
    return detail::read_bytes_slot(bytes_, s & ~(uint64_t{1} << 63), "nested value");
  }
  result<binary_row_view> get_row(int i, int32_t arity) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
    return binary_row_view::make(b, arity);
  }
  result<binary_array_view> get_array(int i, int elem_size) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
    return make(b, elem_size);
  }
  result<byte_span> get_decimal_bytes(int i) const {
    LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
    if (b.size > 16) return corrupt_data("paimon: decimal of " + std::to_string(b.size) + " bytes");
    return b;
  }
  result<std::pair<int64_t, int32_t>> get_timestamp(int i) const {
    const uint64_t s = load_le<uint64_t>(bytes_.data + pos(i));
    const uint64_t off = s >> 32;
    if (off > bytes_.size || bytes_.size - off < 8)
      return corrupt_data("paimon: timestamp millis at offset " + std::to_string(off) +
                          " run past the array");
    return std::make_pair(load_le<int64_t>(bytes_.data + off),
                          static_cast<int32_t>(s & 0xffffffffu));
  }

 private:
  size_t pos(int i) const noexcept { return header_ + elem_size_ * static_cast<size_t>(i); }
  byte_span bytes_;
  int32_t n_ = 0;
  size_t elem_size_ = 8;
  size_t header_ = 8;
};

inline result<binary_array_view> binary_row_view::get_array(int i, int elem_size) const {
  LAKECODEC_ASSIGN_OR_RETURN(byte_span b, get_nested(i));
  return binary_array_view::make(b, elem_size);
}

/// Splits a BinaryMap blob into its key and value array blobs (BinaryMap.valueOf).
inline result<std::pair<byte_span, byte_span>> split_binary_map(byte_span map) {
  if (map.size < 4) return corrupt_data("paimon: map of " + std::to_string(map.size) + " bytes");
  const int32_t k = load_le<int32_t>(map.data);
  if (k < 0 || static_cast<size_t>(k) > map.size - 4)
    return corrupt_data("paimon: map key array size " + std::to_string(k) + " runs past the map");
  return std::make_pair(byte_span(map.data + 4, static_cast<size_t>(k)),
                        byte_span(map.data + 4 + k, map.size - 4 - static_cast<size_t>(k)));
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
