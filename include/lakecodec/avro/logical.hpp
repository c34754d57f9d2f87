#pragma once
// Helpers for Avro logical type values (Avro spec "Logical Types"): decimals as big-endian two's
// complement, UUID text, durations.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// Minimal big-endian two's complement bytes of an unscaled decimal (`bytes` decimals; Java's
/// BigInteger.toByteArray()). Writes into `out` (16 bytes of room) and returns the length.
inline size_t decimal_to_bytes(__int128 v, uint8_t out[16]) noexcept {
  uint8_t be[16];
  unsigned __int128 u = static_cast<unsigned __int128>(v);
  for (int i = 15; i >= 0; --i) {
    be[i] = static_cast<uint8_t>(u);
    u >>= 8;
  }
  // Drop leading bytes that only repeat the sign.
  size_t start = 0;
  while (start < 15) {
    const uint8_t b = be[start], next = be[start + 1];
    if ((b == 0x00 && !(next & 0x80)) || (b == 0xFF && (next & 0x80)))
      ++start;
    else
      break;
  }
  std::memcpy(out, be + start, 16 - start);
  return 16 - start;
}

/// Sign-extended big-endian bytes of width `size` (fixed decimals); false if the value does not
/// fit `size` bytes.
inline bool decimal_to_fixed(__int128 v, uint8_t* out, size_t size) noexcept {
  unsigned __int128 u = static_cast<unsigned __int128>(v);
  const uint8_t fill = v < 0 ? 0xFF : 0x00;
  for (size_t i = size; i-- > 0;) {
    out[i] = size - 1 - i < 16 ? static_cast<uint8_t>(u) : fill;
    if (size - 1 - i < 16) u >>= 8;
  }
  if (size >= 16) return true;
  // Fits iff sign-extending the written bytes gives v back.
  __int128 back = (out[0] & 0x80) ? -1 : 0;
  for (size_t i = 0; i < size; ++i)
    back = static_cast<__int128>((static_cast<unsigned __int128>(back) << 8) | out[i]);
  return back == v;
}

/// Decodes big-endian two's complement bytes (bytes or fixed decimals) of up to 16 significant
/// bytes. Longer inputs are accepted when the extra leading bytes are pure sign extension.
inline result<__int128> decimal_from_bytes(std::string_view b) {
  size_t start = 0;
  const bool neg = !b.empty() && (static_cast<uint8_t>(b[0]) & 0x80);
  while (b.size() - start > 16) {
    if (static_cast<uint8_t>(b[start]) != (neg ? 0xFF : 0x00))
      return corrupt_data("avro: decimal of " + std::to_string(b.size()) +
                          " bytes does not fit 128 bits");
    ++start;
  }
  return decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(b.data()) + start,
                               b.size() - start);
}

/// 16 bytes as the 36-character RFC 4122 text form (lower-case).
inline std::string uuid_to_string(std::string_view bytes16) { return format_uuid(bytes16); }

/// Parses the 36-character UUID text form into 16 bytes.
inline result<std::string> uuid_from_string(std::string_view s) { return parse_uuid(s, "avro"); }

}  // namespace avro
LAKECODEC_NAMESPACE_END
