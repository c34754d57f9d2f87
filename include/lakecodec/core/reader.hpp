#pragma once
// A bounded reader over a byte span: every read checks the bytes remaining and reports the
// offset of the failure, so decoders never read past the end of hostile input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/core/varint.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Reads primitives from a byte span without ever passing its end. `base_offset` is added to
/// reported offsets so errors name the position in the whole file, not in a block.
class bounded_reader {
 public:
  bounded_reader() noexcept = default;
  bounded_reader(byte_span bytes, int64_t base_offset = 0) noexcept  // NOLINT
      : begin_(bytes.data), pos_(bytes.data), end_(bytes.data + bytes.size), base_(base_offset) {}
  bounded_reader(const void* data, size_t size, int64_t base_offset = 0) noexcept
      : bounded_reader(byte_span(data, size), base_offset) {}

  size_t remaining() const noexcept { return static_cast<size_t>(end_ - pos_); }
  bool at_end() const noexcept { return pos_ == end_; }
  /// Offset of the next byte, counted from the start of the whole input.
  int64_t offset() const noexcept { return base_ + (pos_ - begin_); }
  const uint8_t* position() const noexcept { return pos_; }
  byte_span rest() const noexcept { return {pos_, remaining()}; }

  /// Fails with `truncated` unless `n` more bytes are available.
  status require(size_t n, const char* what) const {
    if (LAKECODEC_LIKELY(remaining() >= n)) return {};
    return truncated_input(std::string(what) + ": needs " + std::to_string(n) + " bytes, " +
                               std::to_string(remaining()) + " remain",
                           offset());
  }

  result<uint8_t> read_u8(const char* what = "byte") {
    LAKECODEC_TRY(require(1, what));
    return *pos_++;
  }

  template <class T>
  result<T> read_le(const char* what = "fixed-width value") {
    LAKECODEC_TRY(require(sizeof(T), what));
    T v = load_le<T>(pos_);
    pos_ += sizeof(T);
    return v;
  }

  template <class T>
  result<T> read_be(const char* what = "fixed-width value") {
    LAKECODEC_TRY(require(sizeof(T), what));
    T v = load_be<T>(pos_);
    pos_ += sizeof(T);
    return v;
  }

  /// Returns a view of the next `n` bytes and advances past them.
  result<byte_span> read_bytes(size_t n, const char* what = "bytes") {
    LAKECODEC_TRY(require(n, what));
    byte_span s(pos_, n);
    pos_ += n;
    return s;
  }

  status skip(size_t n, const char* what = "bytes") {
    LAKECODEC_TRY(require(n, what));
    pos_ += n;
    return {};
  }

  /// ULEB128 of at most 10 bytes. A 10th byte's bits above bit 63 are dropped (the low 64 bits
  /// are kept), as Java's Avro BinaryDecoder.readLong and fastavro read them; an 11th byte is
  /// refused.
  result<uint64_t> read_uvarint64(const char* what = "varint") {
    if (LAKECODEC_LIKELY(pos_ < end_ && *pos_ < 0x80)) return uint64_t{*pos_++};
    const int64_t start = offset();
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (LAKECODEC_UNLIKELY(pos_ == end_))
        return truncated_input(std::string(what) + ": input ends inside a varint", start);
      const uint8_t b = *pos_++;
      v |= uint64_t{b & 0x7fu} << shift;  // at shift 63 only bit 0 of the group survives
      if (b < 0x80) return v;
    }
    return corrupt_data(std::string(what) + ": varint longer than 10 bytes", start);
  }

  /// ULEB128 of at most 5 bytes whose value fits 32 bits.
  result<uint32_t> read_uvarint32(const char* what = "varint") {
    const int64_t start = offset();
    LAKECODEC_ASSIGN_OR_RETURN(uint64_t v, read_uvarint64(what));
    if (v > 0xffffffffu)
      return corrupt_data(
          std::string(what) + ": varint " + std::to_string(v) + " does not fit 32 bits", start);
    return static_cast<uint32_t>(v);
  }

  result<int64_t> read_zigzag64(const char* what = "long") {
    LAKECODEC_ASSIGN_OR_RETURN(uint64_t v, read_uvarint64(what));
    return zigzag_decode64(v);
  }
  result<int32_t> read_zigzag32(const char* what = "int") {
    LAKECODEC_ASSIGN_OR_RETURN(uint32_t v, read_uvarint32(what));
    return zigzag_decode32(v);
  }

  /// Reads a length or count and checks it is non-negative, within `max`, and (when
  /// `bytes_per_item` > 0) that that many items could still fit in the remaining input.
  status check_count(int64_t count, int64_t max, size_t bytes_per_item, const char* what,
                     int64_t at) const {
    if (count < 0)
      return corrupt_data(std::string(what) + " " + std::to_string(count) + " is negative", at);
    if (count > max)
      return limit_exceeded(std::string(what) + " " + std::to_string(count) +
                                " exceeds the limit " + std::to_string(max),
                            at);
    if (bytes_per_item > 0 && static_cast<uint64_t>(count) > remaining() / bytes_per_item)
      return truncated_input(std::string(what) + " " + std::to_string(count) +
                                 " needs more than the " + std::to_string(remaining()) +
                                 " bytes that remain",
                             at);
    return {};
  }

 private:
  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int64_t base_ = 0;
};

LAKECODEC_NAMESPACE_END
