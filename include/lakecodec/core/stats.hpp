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

namespace detail {

// One typed pass: T is the storage type, chosen once per column by visit_storage_type.
template <class T>
void scan_stats(const column_view& c, column_stats& s) {
  const int64_t n = c.length;
  int64_t valid = n;
  if constexpr (std::is_same<T, bool>::value) {
    int64_t trues = 0;
    valid = 0;
    for (int64_t i = 0; i < n; ++i) {
      const bool ok = c.is_valid(i);
      valid += ok;
      trues += ok & c.bool_value(i);
    }
    if (trues > 0 || valid > trues) {
      s.min = stat_bound::of_bool(valid == trues);
      s.max = stat_bound::of_bool(trues > 0);
    }
  } else if constexpr (std::is_same<T, std::string_view>::value) {
    std::string_view mn, mx;
    bool any = false;
    valid = 0;
    auto visit = [&](std::string_view v) {
      if (!any) {
        mn = mx = v;
        any = true;
      } else if (v < mn) {
        mn = v;
      } else if (mx < v) {
        mx = v;
      }
    };
    // Offsets are read through a typed pointer chosen once (no per-value width dispatch).
    auto scan_offsets = [&](const auto* offsets) {
      const char* bytes = reinterpret_cast<const char*>(c.data);
      for (int64_t i = 0; i < n; ++i) {
        if (!c.is_valid(i)) continue;
        ++valid;
        const int64_t b = offsets[i], e = offsets[i + 1];
        visit(std::string_view(bytes + b, static_cast<size_t>(e - b)));
      }
    };
    if (c.type.id == type_id::fixed_size_binary) {
      for (int64_t i = 0; i < n; ++i)
        if (c.is_valid(i)) ++valid, visit(c.fixed_bytes(i));
    } else if (has_large_offsets(c.type.id)) {
      scan_offsets(static_cast<const int64_t*>(c.values) + c.offset);
    } else {
      scan_offsets(static_cast<const int32_t*>(c.values) + c.offset);
    }
    if (any) {
      s.min = stat_bound::of_bytes(std::string(mn));
      s.max = stat_bound::of_bytes(std::string(mx));
    }
  } else {
    // Integers, floats, decimals. Comparisons with NaN are false, so NaN never replaces a bound;
    // the NaN count is kept separately. Start from the extremes of T.
    T mn, mx;
    if constexpr (std::is_floating_point<T>::value) {
      mn = std::numeric_limits<T>::infinity();
      mx = -std::numeric_limits<T>::infinity();
    } else if constexpr (std::is_same<T, __int128>::value) {
      mx = static_cast<__int128>(static_cast<unsigned __int128>(1) << 127);
      mn = ~mx;
    } else {
      mn = std::numeric_limits<T>::max();
      mx = std::numeric_limits<T>::min();
    }
    int64_t nans = 0;
    const uint8_t* base = static_cast<const uint8_t*>(c.values);
    auto load = [&](int64_t i) {
      T v;
      std::memcpy(&v, base + (c.offset + i) * static_cast<int64_t>(sizeof(T)), sizeof(T));
      return v;
    };
    if (c.validity == nullptr) {
      // Four independent lanes: no loop-carried dependency on a single min/max register.
      T lo[4] = {mn, mn, mn, mn}, hi[4] = {mx, mx, mx, mx};
      int64_t i = 0;
      for (; i + 4 <= n; i += 4) {
        for (int k = 0; k < 4; ++k) {
          const T v = load(i + k);
          if constexpr (std::is_floating_point<T>::value) nans += (v != v);
          lo[k] = v < lo[k] ? v : lo[k];
          hi[k] = hi[k] < v ? v : hi[k];
        }
      }
      for (; i < n; ++i) {
        const T v = load(i);
        if constexpr (std::is_floating_point<T>::value) nans += (v != v);
        lo[0] = v < lo[0] ? v : lo[0];
        hi[0] = hi[0] < v ? v : hi[0];
      }
      for (int k = 0; k < 4; ++k) {
        mn = lo[k] < mn ? lo[k] : mn;
        mx = mx < hi[k] ? hi[k] : mx;
      }
    } else {
      // Branch-free over the bitmap: null slots are loaded (Arrow buffers cover every slot)
      // but masked out of the bounds and counts.
      valid = 0;
      const uint8_t* bits = c.validity;
      for (int64_t i = 0; i < n; ++i) {
        const int64_t b = c.offset + i;
        const bool ok = (bits[b >> 3] >> (b & 7)) & 1;
        valid += ok;
        const T v = load(i);
        if constexpr (std::is_floating_point<T>::value) nans += ok & (v != v);
        mn = (ok & (v < mn)) ? v : mn;
        mx = (ok & (mx < v)) ? v : mx;
      }
    }
    s.nan_count += nans;
    if (valid - nans > 0) {
      if constexpr (std::is_floating_point<T>::value) {
        s.min = stat_bound::of_double(static_cast<double>(mn));
        s.max = stat_bound::of_double(static_cast<double>(mx));
      } else if constexpr (std::is_same<T, __int128>::value) {
        s.min = stat_bound::of_decimal(mn);
        s.max = stat_bound::of_decimal(mx);
      } else {
        s.min = stat_bound::of_int(static_cast<int64_t>(mn));
        s.max = stat_bound::of_int(static_cast<int64_t>(mx));
      }
    }
  }
  s.value_count += n;
  s.null_count += n - valid;
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
