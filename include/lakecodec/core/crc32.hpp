#pragma once
// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320; the value zlib's crc32() returns), used
// by Avro snappy blocks and Parquet page CRCs, with no zlib dependency. Slicing-by-8.

#include <array>
#include <cstddef>
#include <cstdint>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"

LAKECODEC_NAMESPACE_BEGIN

namespace detail {
struct crc32_tables {
  uint32_t t[8][256];
  constexpr crc32_tables() : t{} {
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
      t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
      for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
};
inline constexpr crc32_tables crc32_table{};
}  // namespace detail

/// Continues a CRC-32 over more bytes: crc32(b, crc32(a)) == crc32(a ++ b). Start with 0.
inline uint32_t crc32(const void* data, size_t size, uint32_t crc = 0) noexcept {
  const auto& t = detail::crc32_table.t;
  const uint8_t* p = static_cast<const uint8_t*>(data);
  uint32_t c = ~crc;
  while (size >= 8) {
    uint32_t lo = load_le<uint32_t>(p) ^ c;
    uint32_t hi = load_le<uint32_t>(p + 4);
    c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
        t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    p += 8;
    size -= 8;
  }
  while (size--) c = (c >> 8) ^ t[0][(c ^ *p++) & 0xff];
  return ~c;
}

LAKECODEC_NAMESPACE_END
