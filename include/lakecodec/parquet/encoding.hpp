#pragma once
// Parquet value and level encodings (Encodings.md; parquet_avro.md A6): PLAIN, the
// RLE/bit-packing hybrid (levels, dictionary indices), dictionary building with open addressing,
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT, plus the
// RLE hybrid decoder the tests and fuzzers use. Encoders append to a byte_buffer and cannot fail.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// Bits needed to store values in [0, max_value]: 0 for 0 (Parquet Encodings.md: RLE/bit-packing
/// hybrid level widths).
inline int bit_width_for(uint64_t max_value) noexcept {
  int w = 0;
  while (w < 64 && (max_value >> w) != 0) ++w;
  return w;
}

namespace detail {

/// Packs `n` (a multiple of 8) values LSB-first at `width` <= 32 bits.
template <class T>
inline void bit_pack(const T* v, size_t n, int width, byte_buffer& out) {
  if (width == 0) return;
  const size_t bytes = n * static_cast<size_t>(width) / 8;
  uint8_t* p = out.ensure(bytes + 8);
  uint64_t acc = 0;
  int bits = 0;
  size_t o = 0;
  const uint64_t mask = (uint64_t{1} << width) - 1;
  for (size_t i = 0; i < n; ++i) {
    acc |= (static_cast<uint64_t>(static_cast<std::make_unsigned_t<T>>(v[i])) & mask) << bits;
    bits += width;
    if (bits >= 32) {
      store_le<uint32_t>(p + o, static_cast<uint32_t>(acc));
      o += 4;
      acc >>= 32;
      bits -= 32;
    }
  }
  while (bits > 0) {
    p[o++] = static_cast<uint8_t>(acc);
    acc >>= 8;
    bits -= 8;
  }
  out.commit(bytes);
}

/// Packs up to 64-bit values robustly (DELTA_BINARY_PACKED may need widths above 32).
template <class U>
inline void bit_pack_wide(const U* v, size_t n, int width, byte_buffer& out) {
  if (width == 0) return;
  const size_t bytes = n * static_cast<size_t>(width) / 8;
  uint8_t* p = out.ensure(bytes + 16);
  std::memset(p, 0, bytes + 1);
  size_t bitpos = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t x = static_cast<uint64_t>(v[i]);
    if (width < 64) x &= (uint64_t{1} << width) - 1;
    int left = width;
    while (left > 0) {
      const size_t byte = bitpos >> 3;
      const int off = static_cast<int>(bitpos & 7);
      const int take = left < 8 - off ? left : 8 - off;
      p[byte] |= static_cast<uint8_t>((x & ((1u << take) - 1)) << off);
      x >>= take;
      left -= take;
      bitpos += static_cast<size_t>(take);
    }
  }
  out.commit(bytes);
}

}  // namespace detail

/// RLE/bit-packing hybrid encoding of `n` values at `width` bits, without a length prefix
/// (Encodings.md "Run Length Encoding / Bit-Packing Hybrid"). Runs of 8 or more equal values
/// become RLE runs; the rest go into bit-packed groups of 8 (the last zero-padded).
template <class T>
void rle_hybrid_encode(const T* v, size_t n, int width, byte_buffer& out) {
  const size_t value_bytes = static_cast<size_t>((width + 7) / 8);
  size_t i = 0;
  T pad[8];
  while (i < n) {
    size_t r = i + 1;
    while (r < n && v[r] == v[i]) ++r;
    if (r - i >= 8) {
      size_t run = r - i;
      while (run > 0) {
        const size_t chunk = run > 0x7fffffffu ? 0x7fffffffu : run;
        out.append_uvarint(static_cast<uint64_t>(chunk) << 1);
        uint64_t x = static_cast<uint64_t>(static_cast<std::make_unsigned_t<T>>(v[i]));
        for (size_t b = 0; b < value_bytes; ++b) out.push_back(static_cast<uint8_t>(x >> (8 * b)));
        run -= chunk;
      }
      i = r;
      continue;
    }
    // Literal groups until a run of >= 8 starts at a group boundary or the input ends.
    size_t j = i;
    for (;;) {
      j += 8;
      if (j >= n) break;
      size_t k = j + 1;
      while (k < n && k - j < 8 && v[k] == v[j]) ++k;
      if (k - j >= 8) break;
    }
    const size_t end = j < n ? j : n;
    const size_t groups = (end - i + 7) / 8;
    out.append_uvarint((static_cast<uint64_t>(groups) << 1) | 1);
    const size_t full = (end - i) / 8 * 8;
    detail::bit_pack(v + i, full, width, out);
    if (full < end - i) {
      size_t m = 0;
      for (size_t k = i + full; k < end; ++k) pad[m++] = v[k];
      while (m < 8) pad[m++] = 0;
      detail::bit_pack(pad, 8, width, out);
    }
    i = end;
  }
}

/// Decodes `n` values of the RLE/bit-packing hybrid at `width` bits. Errors: truncated /
/// corrupt_data with the offset. Used by tests, fuzzers and the page checker.
inline status rle_hybrid_decode(bounded_reader& r, int width, size_t n,
                                std::vector<uint32_t>& out) {
  if (width < 0 || width > 32)
    return corrupt_data("parquet: RLE bit width " + std::to_string(width) + " exceeds 32",
                        r.offset());
  const size_t value_bytes = static_cast<size_t>((width + 7) / 8);
  while (out.size() < n) {
    const int64_t at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(uint64_t h, r.read_uvarint64("RLE run header"));
    if (h & 1) {
      const uint64_t groups = h >> 1;
      if (groups == 0 || groups > r.remaining() + 1)
        return corrupt_data("parquet: bad bit-packed run header", at);
      const size_t bytes = static_cast<size_t>(groups) * static_cast<size_t>(width);
      LAKECODEC_ASSIGN_OR_RETURN(byte_span s, r.read_bytes(bytes, "bit-packed run"));
      size_t bitpos = 0;
      for (uint64_t k = 0; k < groups * 8 && out.size() < n; ++k) {
        uint32_t x = 0;
        for (int b = 0; b < width; ++b, ++bitpos)
          x |= uint32_t{(s.data[bitpos >> 3] >> (bitpos & 7)) & 1u} << b;
        out.push_back(x);
      }
    } else {
      const uint64_t run = h >> 1;
      if (run == 0 || run > 0x7fffffffu)
        return corrupt_data("parquet: RLE run length " + std::to_string(run) + " out of range", at);
      uint32_t x = 0;
      for (size_t b = 0; b < value_bytes; ++b) {
        LAKECODEC_ASSIGN_OR_RETURN(uint8_t c, r.read_u8("RLE run value"));
        x |= uint32_t{c} << (8 * b);
      }
      if (width < 32 && (x >> width) != 0)
        return corrupt_data("parquet: RLE value exceeds the bit width", at);
      for (uint64_t k = 0; k < run && out.size() < n; ++k) out.push_back(x);
    }
  }
  return {};
}

/// PLAIN BOOLEAN: bit-packed LSB first (Encodings.md PLAIN).
inline void plain_encode_bools(const uint8_t* bits01, size_t n, byte_buffer& out) {
  uint8_t* p = out.ensure((n + 7) / 8);
  for (size_t i = 0; i < n; i += 8) {
    uint8_t b = 0;
    for (size_t k = 0; k < 8 && i + k < n; ++k) b |= static_cast<uint8_t>((bits01[i + k] & 1) << k);
    p[i / 8] = b;
  }
  out.commit((n + 7) / 8);
}

/// DELTA_BINARY_PACKED (Encodings.md): blocks of 128 values in 4 miniblocks of 32; deltas
/// computed with wrapping arithmetic in the value's own width.
template <class T>
void delta_binary_packed_encode(const T* v, size_t n, byte_buffer& out) {
  using U = std::make_unsigned_t<T>;
  constexpr size_t block = 128, mini = 4, per_mini = 32;
  out.append_uvarint(block);
  out.append_uvarint(mini);
  out.append_uvarint(n);
  out.append_zigzag(n ? static_cast<int64_t>(v[0]) : 0);
  if (n <= 1) return;
  U deltas[block];
  size_t i = 1;
  while (i < n) {
    const size_t count = (n - i) < block ? (n - i) : block;
    for (size_t k = 0; k < count; ++k)
      deltas[k] = static_cast<U>(static_cast<U>(v[i + k]) - static_cast<U>(v[i + k - 1]));
    T min_delta = static_cast<T>(deltas[0]);
    for (size_t k = 1; k < count; ++k) {
      const T d = static_cast<T>(deltas[k]);
      if (d < min_delta) min_delta = d;
    }
    for (size_t k = 0; k < count; ++k)
      deltas[k] = static_cast<U>(deltas[k] - static_cast<U>(min_delta));
    for (size_t k = count; k < block; ++k) deltas[k] = 0;
    out.append_zigzag(static_cast<int64_t>(min_delta));
    int widths[mini];
    const size_t used = (count + per_mini - 1) / per_mini;
    for (size_t m = 0; m < mini; ++m) {
      U mx = 0;
      if (m < used)
        for (size_t k = m * per_mini; k < (m + 1) * per_mini; ++k)
          mx = deltas[k] > mx ? deltas[k] : mx;
      widths[m] = m < used ? bit_width_for(mx) : 0;
      out.push_back(static_cast<uint8_t>(widths[m]));
    }
    for (size_t m = 0; m < used; ++m)
      detail::bit_pack_wide(deltas + m * per_mini, per_mini, widths[m], out);
    i += count;
  }
}

/// DELTA_BYTE_ARRAY (Encodings.md "Delta Strings"): for every value the length of the prefix it
/// shares with the previous value (DELTA_BINARY_PACKED), then the remaining suffixes as
/// DELTA_LENGTH_BYTE_ARRAY. `plain` is the page's values PLAIN-encoded: 4-byte little-endian
/// length prefixes when `fixed_width` is 0 (BYTE_ARRAY), else back-to-back values of that width
/// (FIXED_LEN_BYTE_ARRAY). `plain` must be well formed (the writer built it).
inline void delta_byte_array_encode(byte_span plain, size_t fixed_width, byte_buffer& out) {
  std::vector<int32_t> prefix, suffix;
  std::vector<size_t> suffix_at;
  const uint8_t* prev = nullptr;
  size_t prev_len = 0, p = 0;
  while (p < plain.size) {
    size_t len = fixed_width;
    if (fixed_width == 0) {
      len = load_le<uint32_t>(plain.data + p);
      p += 4;
    }
    const uint8_t* v = plain.data + p;
    const size_t lim = len < prev_len ? len : prev_len;
    size_t k = 0;
    while (k < lim && v[k] == prev[k]) ++k;
    prefix.push_back(static_cast<int32_t>(k));
    suffix.push_back(static_cast<int32_t>(len - k));
    suffix_at.push_back(p + k);
    prev = v;
    prev_len = len;
    p += len;
  }
  delta_binary_packed_encode(prefix.data(), prefix.size(), out);
  delta_binary_packed_encode(suffix.data(), suffix.size(), out);
  for (size_t i = 0; i < suffix_at.size(); ++i)
    out.append(plain.data + suffix_at[i], static_cast<size_t>(suffix[i]));
}

/// BYTE_STREAM_SPLIT (Encodings.md): byte k of every value goes to stream k.
inline void byte_stream_split_encode(const uint8_t* values, size_t n, size_t width,
                                     byte_buffer& out) {
  uint8_t* p = out.append_uninitialized(n * width);
  for (size_t k = 0; k < width; ++k) {
    uint8_t* s = p + k * n;
    for (size_t i = 0; i < n; ++i) s[i] = values[i * width + k];
  }
}

/// Open-addressing dictionary of fixed-width values (compared by bit pattern, so NaN payloads
/// and -0.0/+0.0 stay distinct, as PLAIN round trips require).
template <class T>
class fixed_dictionary {
 public:
  using bits_t = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  fixed_dictionary() { rehash(1024); }
  /// Index of v, inserting it when new.
  LAKECODEC_ALWAYS_INLINE uint32_t insert(T v) {
    bits_t b;
    std::memcpy(&b, &v, sizeof b);
    size_t h = hash(b) & mask_;
    for (;;) {
      slot& s = table_[h];
      if (s.index < 0) break;
      if (s.key == b) return static_cast<uint32_t>(s.index);
      h = (h + 1) & mask_;
    }
    const uint32_t idx = static_cast<uint32_t>(values_.size());
    table_[h] = slot{b, static_cast<int32_t>(idx)};
    values_.push_back(v);
    if (values_.size() * 2 > table_.size()) rehash(table_.size() * 2);
    return idx;
  }
  size_t size() const noexcept { return values_.size(); }
  /// PLAIN-encoded size of the dictionary page body.
  size_t plain_size() const noexcept { return values_.size() * sizeof(T); }
  void encode_plain(byte_buffer& out) const {
    out.append(values_.data(), values_.size() * sizeof(T));
  }
  const std::vector<T>& values() const noexcept { return values_; }
  void clear() {
    values_.clear();
    if (table_.size() > 4096)
      table_.assign(1024, slot{0, -1}), mask_ = 1023;
    else
      std::fill(table_.begin(), table_.end(), slot{0, -1});
  }

 private:
  struct slot {
    bits_t key;
    int32_t index;
  };
  static size_t hash(bits_t b) noexcept {
    uint64_t x = static_cast<uint64_t>(b) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(x >> 20);
  }
  void rehash(size_t cap) {
    table_.assign(cap, slot{0, -1});
    mask_ = cap - 1;
    for (size_t i = 0; i < values_.size(); ++i) {
      bits_t b;
      std::memcpy(&b, &values_[i], sizeof b);
      size_t h = hash(b) & mask_;
      while (table_[h].index >= 0) h = (h + 1) & mask_;
      table_[h] = slot{b, static_cast<int32_t>(i)};
    }
  }
  std::vector<T> values_;
  std::vector<slot> table_;
  size_t mask_ = 0;
};

/// Open-addressing dictionary of byte strings; the PLAIN dictionary page body is built as values
/// arrive (`length_prefix` false for FIXED_LEN_BYTE_ARRAY).
class bytes_dictionary {
 public:
  explicit bytes_dictionary(bool length_prefix = true) : prefix_(length_prefix) { rehash(1024); }
  LAKECODEC_ALWAYS_INLINE uint32_t insert(std::string_view v) {
    const uint64_t hv = hash(v);
    size_t h = static_cast<size_t>(hv) & mask_;
    for (;;) {
      const int32_t e = table_[h];
      if (e < 0) break;
      const entry& en = entries_[static_cast<size_t>(e)];
      if (en.hash == static_cast<uint32_t>(hv) && en.len == v.size() &&
          (v.empty() || std::memcmp(plain_.data() + en.off, v.data(), v.size()) == 0))
        return static_cast<uint32_t>(e);
      h = (h + 1) & mask_;
    }
    const uint32_t idx = static_cast<uint32_t>(entries_.size());
    table_[h] = static_cast<int32_t>(idx);
    if (prefix_) plain_.append_le<uint32_t>(static_cast<uint32_t>(v.size()));
    entries_.push_back({static_cast<uint64_t>(plain_.size()), static_cast<uint32_t>(v.size()),
                        static_cast<uint32_t>(hv)});
    plain_.append(v.data(), v.size());
    if (entries_.size() * 2 > table_.size()) rehash(table_.size() * 2);
    return idx;
  }
  size_t size() const noexcept { return entries_.size(); }
  size_t plain_size() const noexcept { return plain_.size(); }
  void encode_plain(byte_buffer& out) const { out.append(plain_.span()); }
  std::string_view value(size_t i) const noexcept {
    return {reinterpret_cast<const char*>(plain_.data()) + entries_[i].off, entries_[i].len};
  }
  void clear() {
    entries_.clear();
    plain_.clear();
    std::fill(table_.begin(), table_.end(), -1);
  }

 private:
  struct entry {
    uint64_t off;
    uint32_t len;
    uint32_t hash;
  };
  static uint64_t hash(std::string_view v) noexcept {
    uint64_t h = 0xcbf29ce484222325ull ^ v.size();
    const char* p = v.data();
    size_t n = v.size();
    while (n >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      h = (h ^ w) * 0x100000001b3ull;
      h ^= h >> 32;
      p += 8;
      n -= 8;
    }
    uint64_t w = 0;
    if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      w = lo | (uint64_t{hi} << 32);
    } else if (n > 0) {
      w = static_cast<uint8_t>(p[0]) | (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
          (uint64_t{static_cast<uint8_t>(p[n - 1])} << 16);
    }
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 31);
  }
  void rehash(size_t cap) {
    table_.assign(cap, -1);
    mask_ = cap - 1;
    for (size_t i = 0; i < entries_.size(); ++i) {
      size_t h = static_cast<size_t>(hash(value(i))) & mask_;
      while (table_[h] >= 0) h = (h + 1) & mask_;
      table_[h] = static_cast<int32_t>(i);
    }
  }
  bool prefix_;
  std::vector<entry> entries_;
  byte_buffer plain_;
  std::vector<int32_t> table_;
  size_t mask_ = 0;
};

}  // namespace parquet
LAKECODEC_NAMESPACE_END
