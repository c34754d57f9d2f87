#pragma once
// ULEB128 varints and zigzag mapping, as used by Avro (int/long) and the Thrift compact protocol.
// Decoding lives in bounded_reader (reader.hpp); these are the encoders and the pure mappings.

#include <cstddef>
#include <cstdint>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Maximum encoded length of a 32-bit and a 64-bit varint.
constexpr size_t max_varint32_bytes = 5;
constexpr size_t max_varint64_bytes = 10;

/// Zigzag maps signed to unsigned so small magnitudes get short varints (Avro spec "Binary
/// Encoding"; Thrift compact protocol spec).
constexpr uint32_t zigzag_encode32(int32_t v) noexcept {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
constexpr uint64_t zigzag_encode64(int64_t v) noexcept {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int32_t zigzag_decode32(uint32_t v) noexcept {
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}
constexpr int64_t zigzag_decode64(uint64_t v) noexcept {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

/// Writes `v` as ULEB128 at `out` (which must have max_varint64_bytes of room); returns the
/// number of bytes written.
LAKECODEC_ALWAYS_INLINE size_t encode_uvarint(uint64_t v, uint8_t* out) noexcept {
  size_t n = 0;
  while (v >= 0x80) {
    out[n++] = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  out[n++] = static_cast<uint8_t>(v);
  return n;
}

/// Writes the zigzag varint of a signed value (Avro int/long, Thrift i16/i32/i64).
LAKECODEC_ALWAYS_INLINE size_t encode_zigzag_varint(int64_t v, uint8_t* out) noexcept {
  return encode_uvarint(zigzag_encode64(v), out);
}

/// Number of bytes encode_uvarint writes for `v`.
constexpr size_t uvarint_size(uint64_t v) noexcept {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

LAKECODEC_NAMESPACE_END
