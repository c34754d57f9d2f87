#pragma once
// Decimal values (unscaled 128-bit integer + scale): their text form, shared by the JSON forms
// of Iceberg and Paimon and by the CLI's statistics output, and their big-endian
// two's-complement byte form (Avro decimal bytes/fixed, Parquet FIXED_LEN_BYTE_ARRAY, Iceberg
// single-value serialization, Paimon BinaryRow).

#include <cstddef>
#include <cstdint>
#include <string>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Plain decimal text of `unscaled` × 10^-scale: "14.20", "-0.05", "7" (Java's
/// BigDecimal.toPlainString for non-negative scales).
inline std::string format_decimal(__int128 unscaled, int32_t scale) {
  const bool negative = unscaled < 0;
  unsigned __int128 magnitude = negative ? static_cast<unsigned __int128>(-(unscaled + 1)) + 1
                                         : static_cast<unsigned __int128>(unscaled);
  std::string reversed;
  do {
    reversed += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  while (scale > 0 && reversed.size() <= static_cast<size_t>(scale)) reversed += '0';
  std::string out = negative ? "-" : "";
  for (size_t k = reversed.size(); k-- > 0;) {
    out += reversed[k];
    if (scale > 0 && k == static_cast<size_t>(scale)) out += '.';
  }
  return out;
}

/// The big-endian two's-complement integer in `p[0..n)`, 1 <= n <= 16, sign-extended to 128
/// bits (Avro spec "Decimal", Parquet DECIMAL on FIXED_LEN_BYTE_ARRAY/BINARY).
inline __int128 decimal_from_be_bytes(const uint8_t* p, size_t n) noexcept {
  unsigned __int128 v = (n > 0 && (p[0] & 0x80)) ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t k = 0; k < n; ++k) v = (v << 8) | p[k];
  return static_cast<__int128>(v);
}

/// Writes the low `width` bytes of `v` big-endian (two's complement) to `out`, width <= 16.
inline void decimal_to_be_bytes(__int128 v, uint8_t* out, size_t width) noexcept {
  const auto u = static_cast<unsigned __int128>(v);
  for (size_t k = 0; k < width; ++k) out[k] = static_cast<uint8_t>(u >> (8 * (width - 1 - k)));
}

/// The shortest big-endian two's-complement form of `v` (at least one byte; Java's
/// BigInteger.toByteArray: 1 -> 01, -1 -> ff, 128 -> 00 80, -129 -> ff 7f) written to the start
/// of `out`; returns its length. Iceberg decimal bounds and bucket hashing, Paimon BinaryRow.
inline size_t decimal_minimal_be_bytes(__int128 v, uint8_t out[16]) noexcept {
  decimal_to_be_bytes(v, out, 16);
  size_t start = 0;
  while (start < 15 && ((out[start] == 0x00 && (out[start + 1] & 0x80) == 0) ||
                        (out[start] == 0xff && (out[start + 1] & 0x80) != 0)))
    ++start;
  for (size_t k = start; k < 16; ++k) out[k - start] = out[k];
  return 16 - start;
}

LAKECODEC_NAMESPACE_END
