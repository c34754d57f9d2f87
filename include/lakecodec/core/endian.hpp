#pragma once
// Unaligned little- and big-endian loads and stores (memcpy based; compiles to single moves).

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

namespace detail {
constexpr bool host_is_little_endian() noexcept {
#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return false;
#else
  return true;
#endif
}
}  // namespace detail

/// Reverses the byte order of an integer.
template <class T>
LAKECODEC_ALWAYS_INLINE T byteswap(T v) noexcept {
  static_assert(std::is_integral<T>::value, "byteswap needs an integer");
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(v);
  if constexpr (sizeof(T) == 1) {
    return v;
  } else if constexpr (sizeof(T) == 2) {
    return static_cast<T>(static_cast<U>(__builtin_bswap16(u)));
  } else if constexpr (sizeof(T) == 4) {
    return static_cast<T>(static_cast<U>(__builtin_bswap32(u)));
  } else {
    static_assert(sizeof(T) == 8, "unsupported width");
    return static_cast<T>(static_cast<U>(__builtin_bswap64(u)));
  }
}

namespace detail {
template <class T>
LAKECODEC_ALWAYS_INLINE T to_or_from_le(T v) noexcept {
  if constexpr (std::is_floating_point<T>::value) {
    return v;  // IEEE values are stored in host order; only big-endian hosts would need a swap
  } else {
    return host_is_little_endian() ? v : byteswap(v);
  }
}
}  // namespace detail

/// Loads a T stored little-endian at `p` (any alignment).
template <class T>
LAKECODEC_ALWAYS_INLINE T load_le(const void* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return detail::to_or_from_le(v);
}

/// Stores `v` little-endian at `p` (any alignment).
template <class T>
LAKECODEC_ALWAYS_INLINE void store_le(void* p, T v) noexcept {
  v = detail::to_or_from_le(v);
  std::memcpy(p, &v, sizeof(T));
}

/// Loads an integer stored big-endian at `p` (any alignment).
template <class T>
LAKECODEC_ALWAYS_INLINE T load_be(const void* p) noexcept {
  static_assert(std::is_integral<T>::value, "load_be needs an integer");
  T v;
  std::memcpy(&v, p, sizeof(T));
  return detail::host_is_little_endian() ? byteswap(v) : v;
}

/// Stores an integer big-endian at `p` (any alignment).
template <class T>
LAKECODEC_ALWAYS_INLINE void store_be(void* p, T v) noexcept {
  static_assert(std::is_integral<T>::value, "store_be needs an integer");
  if (detail::host_is_little_endian()) v = byteswap(v);
  std::memcpy(p, &v, sizeof(T));
}

/// Bit pattern of a float/double as an unsigned integer and back.
inline uint32_t float_bits(float f) noexcept {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}
inline uint64_t double_bits(double d) noexcept {
  uint64_t u;
  std::memcpy(&u, &d, 8);
  return u;
}
inline float float_from_bits(uint32_t u) noexcept {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
inline double double_from_bits(uint64_t u) noexcept {
  double d;
  std::memcpy(&d, &u, 8);
  return d;
}

LAKECODEC_NAMESPACE_END
