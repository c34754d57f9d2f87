#pragma once
// MurmurHash3 x86_32 (Austin Appleby's public-domain algorithm), the hash behind Iceberg's
// bucket transform (spec Appendix B) with seed 0.

#include <cstddef>
#include <cstdint>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"

LAKECODEC_NAMESPACE_BEGIN

namespace detail {
constexpr uint32_t rotl32(uint32_t x, int r) noexcept { return (x << r) | (x >> (32 - r)); }
constexpr uint32_t murmur3_fmix32(uint32_t h) noexcept {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}
LAKECODEC_ALWAYS_INLINE uint32_t murmur3_mix_k1(uint32_t k1) noexcept {
  k1 *= 0xcc9e2d51u;
  k1 = rotl32(k1, 15);
  return k1 * 0x1b873593u;
}
LAKECODEC_ALWAYS_INLINE uint32_t murmur3_mix_h1(uint32_t h1, uint32_t k1) noexcept {
  h1 ^= murmur3_mix_k1(k1);
  h1 = rotl32(h1, 13);
  return h1 * 5 + 0xe6546b64u;
}
}  // namespace detail

/// MurmurHash3_x86_32 of `len` bytes (little-endian 4-byte blocks, standard tail and finaliser).
inline uint32_t murmur3_x86_32(const void* key, size_t len, uint32_t seed = 0) noexcept {
  const uint8_t* data = static_cast<const uint8_t*>(key);
  const size_t nblocks = len / 4;
  uint32_t h1 = seed;
  for (size_t i = 0; i < nblocks; ++i)
    h1 = detail::murmur3_mix_h1(h1, load_le<uint32_t>(data + 4 * i));
  const uint8_t* tail = data + nblocks * 4;
  uint32_t k1 = 0;
  switch (len & 3) {
    case 3: k1 ^= uint32_t{tail[2]} << 16; [[fallthrough]];
    case 2: k1 ^= uint32_t{tail[1]} << 8; [[fallthrough]];
    case 1: k1 ^= tail[0]; h1 ^= detail::murmur3_mix_k1(k1);
  }
  h1 ^= static_cast<uint32_t>(len);
  return detail::murmur3_fmix32(h1);
}

/// murmur3_x86_32 of the 8-byte little-endian encoding of `v`, without a buffer (Iceberg hashes
/// int, long, date, time and timestamps this way).
inline uint32_t murmur3_x86_32_int64(int64_t v, uint32_t seed = 0) noexcept {
  const uint64_t u = static_cast<uint64_t>(v);
  uint32_t h1 = detail::murmur3_mix_h1(seed, static_cast<uint32_t>(u));
  h1 = detail::murmur3_mix_h1(h1, static_cast<uint32_t>(u >> 32));
  h1 ^= 8u;
  return detail::murmur3_fmix32(h1);
}

LAKECODEC_NAMESPACE_END
