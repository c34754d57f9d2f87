#pragma once
// Format-agnostic column statistics, computed in one pass over a column view and mergeable
// across batches. Parquet statistics (min_value/max_value/null_count/nan_count), Iceberg manifest
// metrics (value_counts/null_value_counts/nan_value_counts/lower_bounds/upper_bounds) and Paimon
// SimpleStats (min/max BinaryRow + null counts) are all filled from one `column_stats`.
//
// Orderings (Parquet ColumnOrder TYPE_ORDER, parquet_avro.md A8; Iceberg "Manifests" metrics):
//   boolean            false < true
//   int8..int64, date32, time64, timestamp   signed integer order (bound_kind::integer)
//   float32, float64   IEEE order over non-NaN values only (bound_kind::floating); NaNs are
//                      counted in nan_count and never become a bound. If every non-null value is
//                      NaN there is no min/max. A zero min is stored as -0.0 and a zero max as
//                      +0.0 (Parquet 2.13 rule, Arrow `CleanStatistic`), which is also what
//                      Iceberg readers accept.
//   decimal128         numeric order of the unscaled value (bound_kind::decimal)
//   string, binary, fixed_size_binary (incl. uuid)   unsigned bytewise lexicographic, a prefix
//                      sorts first (bound_kind::bytes)
//   struct/list/map    counts only, no bounds
//
// Bounds are exact (min_exact/max_exact true) unless `truncate_bounds` shortened them: then min
// is a prefix (<= every value) and max is an incremented prefix (>= every value), the form both
// Parquet (is_min_value_exact=false) and Iceberg (truncate(16) metrics) expect. A bound whose
// upper truncation is impossible (all 0xFF bytes, or no incrementable code point) is dropped.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Which member of `stat_bound` holds the value.
enum class bound_kind : uint8_t { none, boolean, integer, floating, decimal, bytes };

/// A min or max value of any column type (a small tagged struct; only the member named by
/// `kind` is meaningful). float32 bounds are held exactly as double.
struct stat_bound {
  bound_kind kind = bound_kind::none;
  bool boolean = false;
  int64_t integer = 0;
  double floating = 0;
  __int128 decimal = 0;
  std::string bytes;

  static stat_bound of_bool(bool v) {
    stat_bound b;
    b.kind = bound_kind::boolean;
    b.boolean = v;
    return b;
  }
  static stat_bound of_int(int64_t v) {
    stat_bound b;
    b.kind = bound_kind::integer;
    b.integer = v;
    return b;
  }
  static stat_bound of_double(double v) {
    stat_bound b;
    b.kind = bound_kind::floating;
    b.floating = v;
    return b;
  }
  static stat_bound of_decimal(__int128 v) {
    stat_bound b;
    b.kind = bound_kind::decimal;
    b.decimal = v;
    return b;
  }
  static stat_bound of_bytes(std::string v) {
    stat_bound b;
    b.kind = bound_kind::bytes;
    b.bytes = std::move(v);
    return b;
  }

  bool has_value() const noexcept { return kind != bound_kind::none; }
  explicit operator bool() const noexcept { return has_value(); }

  /// Equal kind and value; floating compares bit patterns (so -0.0 != +0.0).
  friend bool operator==(const stat_bound& a, const stat_bound& b) noexcept {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
      case bound_kind::none: return true;
      case bound_kind::boolean: return a.boolean == b.boolean;
      case bound_kind::integer: return a.integer == b.integer;
      case bound_kind::floating: {
        uint64_t x, y;
        std::memcpy(&x, &a.floating, 8);
        std::memcpy(&y, &b.floating, 8);
        return x == y;
      }
      case bound_kind::decimal: return a.decimal == b.decimal;
      case bound_kind::bytes: return a.bytes == b.bytes;
    }
    return false;
  }
  friend bool operator!=(const stat_bound& a, const stat_bound& b) noexcept { return !(a == b); }
};

/// Three-way comparison of two bounds of the same kind under the type ordering (<0, 0, >0).
/// Bounds of different kinds compare by kind (callers never mix kinds of one column).
inline int compare_bounds(const stat_bound& a, const stat_bound& b) noexcept {
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.kind) {
    case bound_kind::none: return 0;
    case bound_kind::boolean: return cmp(a.boolean, b.boolean);
    case bound_kind::integer: return cmp(a.integer, b.integer);
    case bound_kind::floating: return cmp(a.floating, b.floating);
    case bound_kind::decimal: return cmp(a.decimal, b.decimal);
    case bound_kind::bytes: {
      const int c = std::string_view(a.bytes).compare(b.bytes);  // unsigned bytewise
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

/// The bound kind of a column type (none for nested types).
inline bound_kind bound_kind_of(type_id id) noexcept {
  switch (id) {
    case type_id::boolean: return bound_kind::boolean;
    case type_id::int8:
    case type_id::int16:
    case type_id::int32:
    case type_id::int64:
    case type_id::date32:
    case type_id::time64:
    case type_id::timestamp: return bound_kind::integer;
    case type_id::float32:
    case type_id::float64: return bound_kind::floating;
    case type_id::decimal128: return bound_kind::decimal;
    case type_id::string:
    case type_id::large_string:
    case type_id::binary:
    case type_id::large_binary:
    case type_id::fixed_size_binary: return bound_kind::bytes;
    default: return bound_kind::none;
  }
}

/// Statistics of one column over one or more batches.
struct column_stats {
  column_stats() = default;
  /// Empty statistics of a column of type `t`, ready to merge into.
  explicit column_stats(const data_type& t) : type(t) {}

  data_type type;
  /// Slots seen, nulls included (Iceberg value_counts; Parquet num_values is per page).
  int64_t value_count = 0;
  /// Null slots (Parquet null_count, Iceberg null_value_counts, Paimon nullCounts).
  int64_t null_count = 0;
  /// NaN slots of float32/float64 (Parquet nan_count, Iceberg nan_value_counts); 0 otherwise.
  int64_t nan_count = 0;
  /// Smallest / largest non-null, non-NaN value; kind none when there is none.
  stat_bound min;
  stat_bound max;
  /// False once truncate_bounds replaced the bound by a shorter prefix (Parquet
  /// is_min_value_exact / is_max_value_exact).
  bool min_exact = true;
  bool max_exact = true;

  bool has_min_max() const noexcept { return min.has_value() && max.has_value(); }

  /// Folds `other` (stats of more rows of the same column) into this. Error: invalid_argument
  /// when the types differ. An inexact bound stays inexact.
  status merge(const column_stats& other) {
    if (other.type != type)
      return invalid_argument("cannot merge statistics of " + other.type.to_string() + " into " +
                              type.to_string());
    const bool mine = bounded_values() > 0, theirs = other.bounded_values() > 0;
    value_count += other.value_count;
    null_count += other.null_count;
    nan_count += other.nan_count;
    merge_bound(min, min_exact, mine, other.min, other.min_exact, theirs, -1);
    merge_bound(max, max_exact, mine, other.max, other.max_exact, theirs, 1);
    normalize_zero_bounds();
    return {};
  }

  /// Values that can contribute to min/max: not null and not NaN.
  int64_t bounded_values() const noexcept { return value_count - null_count - nan_count; }

  /// Applies the signed-zero rule: a zero min becomes -0.0, a zero max +0.0.
  void normalize_zero_bounds() noexcept {
    if (min.kind == bound_kind::floating && min.floating == 0) min.floating = -0.0;
    if (max.kind == bound_kind::floating && max.floating == 0) max.floating = 0.0;
  }

 private:
  // A side with values but no bound (a max dropped by truncate_bounds) makes the merged bound
  // unknown; otherwise the better bound wins, exact if either equal side is exact.
  static void merge_bound(stat_bound& b, bool& exact, bool mine, const stat_bound& o, bool o_exact,
                          bool theirs, int better) {
    if ((mine && !b.has_value()) || !theirs) return;
    if (!o.has_value()) {
      b = stat_bound();
      exact = false;
      return;
    }
    const int c = b.has_value() ? compare_bounds(o, b) : better;
    if (c == better) {
      b = o;
      exact = o_exact;
    } else if (c == 0) {
      exact = exact || o_exact;
    }
  }
};

/// Counts `n` null slots into `s`.
inline void add_nulls(column_stats& s, int64_t n) noexcept {
  s.value_count += n;
  s.null_count += n;
}

namespace detail {

template <class T>
LAKECODEC_ALWAYS_INLINE T load_unaligned(const uint8_t* base, int64_t i) noexcept {
  T v;
  std::memcpy(&v, base + i * int64_t{sizeof(T)}, sizeof(T));
  return v;
}

/// Min/max of some values of storage type T; `bounded` values took part (NaNs did not).
template <class T>
struct value_range {
  T lo, hi;
  int64_t nans = 0, bounded = 0;
  value_range() noexcept {
    // Start from the extremes of T so the first value replaces both.
    if constexpr (std::is_floating_point<T>::value) {
      lo = std::numeric_limits<T>::infinity();
      hi = -std::numeric_limits<T>::infinity();
    } else if constexpr (std::is_same<T, __int128>::value) {
      hi = static_cast<__int128>(static_cast<unsigned __int128>(1) << 127);
      lo = ~hi;
    } else {
      lo = std::numeric_limits<T>::max();
      hi = std::numeric_limits<T>::min();
    }
  }
};

/// Min/max over `n` non-null values at `p` (unaligned loads), four independent lanes so there
/// is no loop-carried dependency on one min/max register.
template <class T>
value_range<T> range_of(const uint8_t* p, size_t n) noexcept {
  value_range<T> r;
  T lo[4] = {r.lo, r.lo, r.lo, r.lo}, hi[4] = {r.hi, r.hi, r.hi, r.hi};
  int64_t nans = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (size_t k = 0; k < 4; ++k) {
      const T v = load_unaligned<T>(p, static_cast<int64_t>(i + k));
      if constexpr (std::is_floating_point<T>::value) nans += (v != v);
      lo[k] = v < lo[k] ? v : lo[k];
      hi[k] = hi[k] < v ? v : hi[k];
    }
  }
  for (; i < n; ++i) {
    const T v = load_unaligned<T>(p, static_cast<int64_t>(i));
    if constexpr (std::is_floating_point<T>::value) nans += (v != v);
    lo[0] = v < lo[0] ? v : lo[0];
    hi[0] = hi[0] < v ? v : hi[0];
  }
  for (int k = 0; k < 4; ++k) {
    r.lo = lo[k] < r.lo ? lo[k] : r.lo;
    r.hi = r.hi < hi[k] ? hi[k] : r.hi;
  }
  r.nans = nans;
  r.bounded = static_cast<int64_t>(n) - nans;
  return r;
}

/// The bound of value `v` (storage type T) of a column of type `t`: integers of a decimal128
/// column (stored narrow, e.g. Parquet INT32/INT64 decimals) become decimal bounds.
template <class T>
stat_bound bound_of(const data_type& t, T v) {
  if constexpr (std::is_floating_point<T>::value)
    return stat_bound::of_double(static_cast<double>(v));
  else if constexpr (std::is_same<T, __int128>::value)
    return stat_bound::of_decimal(v);
  else if (t.id == type_id::decimal128)
    return stat_bound::of_decimal(static_cast<__int128>(v));
  else
    return stat_bound::of_int(static_cast<int64_t>(v));
}

/// Widens the bounds of `s` to include [lo, hi] (both exact values of the column).
inline void widen_bounds(column_stats& s, stat_bound&& lo, stat_bound&& hi) {
  if (!s.min.has_value() || compare_bounds(lo, s.min) < 0) {
    s.min = std::move(lo);
    s.min_exact = true;
  }
  if (!s.max.has_value() || compare_bounds(s.max, hi) < 0) {
    s.max = std::move(hi);
    s.max_exact = true;
  }
}

/// Folds `r` (the range of `slots` non-null slots) into `s`.
template <class T>
void add_range(column_stats& s, const value_range<T>& r, int64_t slots) {
  s.value_count += slots;
  s.nan_count += r.nans;
  if (r.bounded > 0) {
    widen_bounds(s, bound_of(s.type, r.lo), bound_of(s.type, r.hi));
    s.normalize_zero_bounds();
  }
}

/// Unsigned lexicographic a < b with an 8-byte big-endian prefix fast path.
LAKECODEC_ALWAYS_INLINE bool bytes_less(std::string_view a, std::string_view b) noexcept {
  if (a.size() >= 8 && b.size() >= 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data(), 8);
    std::memcpy(&y, b.data(), 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);
  }
  return a < b;
}

}  // namespace detail

/// Folds `n` non-null values into `s`, one typed pass (Parquet A8 / Iceberg metrics orderings):
/// T is the storage type of `s.type` (int32_t for date32, __int128 for decimal128, ...), or
/// int32_t/int64_t for a decimal128 column stored narrow. The kernel compute_stats runs and the
/// format writers call on the values they encode. NaNs are counted, never bounds.
template <class T>
void add_values(column_stats& s, const T* values, size_t n) {
  static_assert(std::is_arithmetic<T>::value || std::is_same<T, __int128>::value,
                "add_values: numeric storage type");
  static_assert(!std::is_same<T, bool>::value, "add_values: use add_bools for booleans");
  detail::add_range(s, detail::range_of<T>(reinterpret_cast<const uint8_t*>(values), n),
                    static_cast<int64_t>(n));
}

/// Folds `n` non-null byte strings into `s` (unsigned bytewise order).
inline void add_values(column_stats& s, const std::string_view* values, size_t n) {
  s.value_count += static_cast<int64_t>(n);
  if (n == 0) return;
  std::string_view lo = values[0], hi = values[0];
  for (size_t i = 1; i < n; ++i) {
    const std::string_view v = values[i];
    if (detail::bytes_less(v, lo))
      lo = v;
    else if (detail::bytes_less(hi, v))
      hi = v;
  }
  const bool lower = !s.min.has_value() || detail::bytes_less(lo, s.min.bytes);
  const bool higher = !s.max.has_value() || detail::bytes_less(s.max.bytes, hi);
  if (lower) s.min = stat_bound::of_bytes(std::string(lo)), s.min_exact = true;
  if (higher) s.max = stat_bound::of_bytes(std::string(hi)), s.max_exact = true;
}

/// Folds boolean values, given as counts of true and false, into `s` (false < true).
inline void add_bools(column_stats& s, int64_t trues, int64_t falses) {
  s.value_count += trues + falses;
  if (trues + falses == 0) return;
  detail::widen_bounds(s, stat_bound::of_bool(falses == 0), stat_bound::of_bool(trues > 0));
}

namespace detail {

// One typed pass: T is the storage type, chosen once per column by visit_storage_type.
template <class T>
void scan_stats(const column_view& c, column_stats& s) {
  const int64_t n = c.length;
  if (n == 0) return;  // an empty view may have null buffers: form no pointer from them
  if constexpr (std::is_same<T, bool>::value) {
    int64_t trues = 0, valid = 0;
    for (int64_t i = 0; i < n; ++i) {
      const bool ok = c.is_valid(i);
      valid += ok;
      trues += ok & c.bool_value(i);
    }
    add_bools(s, trues, valid - trues);
    add_nulls(s, n - valid);
  } else if constexpr (std::is_same<T, std::string_view>::value) {
    // The valid values go through add_values in blocks (offsets read through a typed pointer
    // chosen once: no per-value width dispatch).
    std::string_view block[256];
    size_t filled = 0;
    int64_t valid = 0;
    auto put = [&](std::string_view v) {
      block[filled++] = v;
      ++valid;
      if (filled == 256) add_values(s, block, filled), filled = 0;
    };
    auto scan_offsets = [&](const auto* offsets) {
      const char* bytes = reinterpret_cast<const char*>(c.data);
      for (int64_t i = 0; i < n; ++i)
        if (c.is_valid(i))
          put(std::string_view(bytes + offsets[i],
                               static_cast<size_t>(offsets[i + 1] - offsets[i])));
    };
    if (c.type.id == type_id::fixed_size_binary) {
      for (int64_t i = 0; i < n; ++i)
        if (c.is_valid(i)) put(c.fixed_bytes(i));
    } else if (has_large_offsets(c.type.id)) {
      scan_offsets(static_cast<const int64_t*>(c.values) + c.offset);
    } else {
      scan_offsets(static_cast<const int32_t*>(c.values) + c.offset);
    }
    add_values(s, block, filled);
    add_nulls(s, n - valid);
  } else {
    // Integers, floats, decimals. Comparisons with NaN are false, so NaN never replaces a bound;
    // the NaN count is kept separately.
    const uint8_t* base = static_cast<const uint8_t*>(c.values) + c.offset * int64_t{sizeof(T)};
    if (c.validity == nullptr) {
      add_range(s, range_of<T>(base, static_cast<size_t>(n)), n);
      return;
    }
    // Branch-free over the bitmap: null slots are loaded (Arrow buffers cover every slot) but
    // masked out of the bounds and counts.
    value_range<T> r;
    int64_t valid = 0;
    const uint8_t* bits = c.validity;
    for (int64_t i = 0; i < n; ++i) {
      const int64_t b = c.offset + i;
      const bool ok = (bits[b >> 3] >> (b & 7)) & 1;
      valid += ok;
      const T v = load_unaligned<T>(base, i);
      if constexpr (std::is_floating_point<T>::value) r.nans += ok & (v != v);
      r.lo = (ok & (v < r.lo)) ? v : r.lo;
      r.hi = (ok & (r.hi < v)) ? v : r.hi;
    }
    r.bounded = valid - r.nans;
    add_range(s, r, valid);
    add_nulls(s, n - valid);
  }
}

}  // namespace detail

/// Statistics of the slots of `c` (a validated view) in one pass. Nested columns get counts
/// only. Parquet A8 / Iceberg manifest metrics orderings, see the top of this header.
inline column_stats compute_stats(const column_view& c) {
  column_stats s;
  s.type = c.type;
  const bool typed =
      visit_storage_type(c.type.id, [&](auto tag) { detail::scan_stats<decltype(tag)>(c, s); });
  if (!typed) {
    s.value_count = c.length;
    s.null_count = c.null_count();
  }
  s.normalize_zero_bounds();
  return s;
}

/// Adds the slots of `c` to `s` (same as merging compute_stats(c)). Error: invalid_argument on
/// a type mismatch.
inline status update_stats(column_stats& s, const column_view& c) {
  return s.merge(compute_stats(c));
}

namespace detail {

inline bool is_utf8_continuation(uint8_t b) noexcept { return (b & 0xC0) == 0x80; }

// Largest cut <= n that does not split a UTF-8 sequence (by continuation bytes).
inline size_t utf8_cut(std::string_view v, size_t n) noexcept {
  if (n >= v.size()) return v.size();
  size_t cut = n;
  while (cut > 0 && is_utf8_continuation(static_cast<uint8_t>(v[cut]))) --cut;
  return cut;
}

// Decodes the code point starting at v[i] of length len (already delimited); -1 if invalid.
inline int32_t utf8_decode(std::string_view v, size_t i, size_t len) noexcept {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(v[i + k]); };
  switch (len) {
    case 1: return b(0) < 0x80 ? b(0) : -1;
    case 2: {
      if ((b(0) & 0xE0) != 0xC0) return -1;
      const int32_t cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
      return cp >= 0x80 ? cp : -1;
    }
    case 3: {
      if ((b(0) & 0xF0) != 0xE0) return -1;
      const int32_t cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      return (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ? cp : -1;
    }
    case 4: {
      if ((b(0) & 0xF8) != 0xF0) return -1;
      const int32_t cp =
          ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
      return (cp >= 0x10000 && cp <= 0x10FFFF) ? cp : -1;
    }
    default: return -1;
  }
}

inline void utf8_encode(int32_t cp, size_t len, char* out) noexcept {
  const auto u = static_cast<uint32_t>(cp);
  switch (len) {
    case 1: out[0] = static_cast<char>(u); break;
    case 2:
      out[0] = static_cast<char>(0xC0 | (u >> 6));
      out[1] = static_cast<char>(0x80 | (u & 0x3F));
      break;
    case 3:
      out[0] = static_cast<char>(0xE0 | (u >> 12));
      out[1] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      out[2] = static_cast<char>(0x80 | (u & 0x3F));
      break;
    default:
      out[0] = static_cast<char>(0xF0 | (u >> 18));
      out[1] = static_cast<char>(0x80 | ((u >> 12) & 0x3F));
      out[2] = static_cast<char>(0x80 | ((u >> 6) & 0x3F));
      out[3] = static_cast<char>(0x80 | (u & 0x3F));
      break;
  }
}

inline size_t utf8_length_of(int32_t cp) noexcept {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

}  // namespace detail

/// Lower bound of `v` in at most `n` bytes: `v` itself if it fits, else its prefix (for UTF-8,
/// cut on a character boundary so the result stays valid UTF-8). Parquet A8 truncation.
inline std::string truncate_lower_bound(std::string_view v, size_t n, bool utf8) {
  if (v.size() <= n) return std::string(v);
  return std::string(v.substr(0, utf8 ? detail::utf8_cut(v, n) : n));
}

/// Upper bound of `v` in at most `n` bytes: `v` itself if it fits; else, for binary, the n-byte
/// prefix with its last byte incremented (trailing 0xFF bytes dropped); for UTF-8, the prefix
/// cut on a character boundary with its last incrementable code point incremented to the next
/// scalar value of the same encoded length (surrogates skipped). nullopt when no such bound
/// exists (all 0xFF, nothing incrementable, invalid UTF-8). Parquet A8, Iceberg truncate.
inline std::optional<std::string> truncate_upper_bound(std::string_view v, size_t n, bool utf8) {
  if (v.size() <= n) return std::string(v);
  if (!utf8) {
    std::string p(v.substr(0, n));
    while (!p.empty()) {
      auto last = static_cast<uint8_t>(p.back());
      if (last != 0xFF) {
        p.back() = static_cast<char>(last + 1);
        return p;
      }
      p.pop_back();
    }
    return std::nullopt;
  }
  std::string p(v.substr(0, detail::utf8_cut(v, n)));
  size_t end = p.size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && detail::is_utf8_continuation(static_cast<uint8_t>(p[start]))) --start;
    const size_t len = end - start;
    const int32_t cp = detail::utf8_decode(p, start, len);
    if (cp < 0) return std::nullopt;
    int32_t next = cp + 1;
    if (next == 0xD800) next = 0xE000;
    if (next <= 0x10FFFF && detail::utf8_length_of(next) == len) {
      p.resize(end);
      detail::utf8_encode(next, len, &p[start]);
      return p;
    }
    end = start;
  }
  return std::nullopt;
}

/// Truncates string/binary (not fixed_size_binary) bounds of `s` to at most `n` bytes,
/// clearing min_exact/max_exact when a bound changed and dropping a max that cannot be
/// incremented. Other types are unchanged.
inline void truncate_bounds(column_stats& s, size_t n) {
  if (!is_binary_like(s.type.id)) return;
  const bool utf8 = s.type.id == type_id::string || s.type.id == type_id::large_string;
  if (s.min.kind == bound_kind::bytes && s.min.bytes.size() > n) {
    s.min.bytes = truncate_lower_bound(s.min.bytes, n, utf8);
    s.min_exact = false;
  }
  if (s.max.kind == bound_kind::bytes && s.max.bytes.size() > n) {
    std::optional<std::string> up = truncate_upper_bound(s.max.bytes, n, utf8);
    if (up) {
      s.max.bytes = std::move(*up);
    } else {
      s.max = stat_bound();
    }
    s.max_exact = false;
  }
}

LAKECODEC_NAMESPACE_END
