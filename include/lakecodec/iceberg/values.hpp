#pragma once
// Iceberg single values: a `literal` holding one primitive value, the calendar arithmetic and ISO
// text forms used by the JSON single-value serialization, and the binary single-value
// serialization of spec Appendix D ("Binary single-value serialization") used for bounds.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// One primitive value of an Iceberg type. Which member holds it depends on the type:
/// `i` for boolean (0/1), int, long, date (days), time (us), timestamp/timestamptz (us) and the
/// _ns forms (ns); `d` for float/double; `dec` for decimal (unscaled); `bytes` for string (UTF-8),
/// binary, fixed and uuid (16 big-endian bytes).
struct literal {
  bool is_null = true;
  int64_t i = 0;
  double d = 0;
  __int128 dec = 0;
  std::string bytes;

  static literal null() { return literal(); }
  static literal of_int(int64_t v) {
    literal l;
    l.is_null = false;
    l.i = v;
    return l;
  }
  static literal of_double(double v) {
    literal l;
    l.is_null = false;
    l.d = v;
    return l;
  }
  static literal of_decimal(__int128 v) {
    literal l;
    l.is_null = false;
    l.dec = v;
    return l;
  }
  static literal of_bytes(std::string_view v) {
    literal l;
    l.is_null = false;
    l.bytes.assign(v.data(), v.size());
    return l;
  }
};

/// Where a type's values live in a literal.
enum class value_storage : uint8_t { integer, floating, decimal, bytes, none };

/// The literal member used by primitive kind `k`; `none` for nested, variant, unknown, geo.
inline value_storage storage_of(type_kind k) noexcept {
  switch (k) {
    case type_kind::boolean:
    case type_kind::int_:
    case type_kind::long_:
    case type_kind::date:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: return value_storage::integer;
    case type_kind::float_:
    case type_kind::double_: return value_storage::floating;
    case type_kind::decimal: return value_storage::decimal;
    case type_kind::string:
    case type_kind::uuid:
    case type_kind::fixed:
    case type_kind::binary: return value_storage::bytes;
    default: return value_storage::none;
  }
}

inline bool literal_equal(type_kind k, const literal& a, const literal& b) noexcept {
  if (a.is_null || b.is_null) return a.is_null == b.is_null;
  switch (storage_of(k)) {
    case value_storage::integer: return a.i == b.i;
    case value_storage::floating: return (std::isnan(a.d) && std::isnan(b.d)) || a.d == b.d;
    case value_storage::decimal: return a.dec == b.dec;
    case value_storage::bytes: return a.bytes == b.bytes;
    case value_storage::none: return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, Howard Hinnant's days_from_civil algorithm).

namespace detail {
constexpr int64_t micros_per_second = 1000000;
constexpr int64_t micros_per_day = 86400 * micros_per_second;

using ::lakecodec::civil_from_days;
using ::lakecodec::days_from_civil;
using ::lakecodec::days_in_month;
using ::lakecodec::floor_div;
using ::lakecodec::floor_mod;

/// Reads exactly `n` digits at `pos`.
inline bool read_digits(std::string_view s, size_t& pos, size_t n, int64_t& out) noexcept {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[pos + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}
inline bool expect_char(std::string_view s, size_t& pos, char c) noexcept {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

/// "[+-]YYYY-MM-DD" (4 or more year digits) at pos -> days since epoch.
inline bool parse_date_at(std::string_view s, size_t& pos, int64_t& days) noexcept {
  bool neg = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) neg = s[pos++] == '-';
  size_t end = pos;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  const size_t ndig = end - pos;
  if (ndig < 4 || ndig > 9) return false;
  int64_t y = 0, m = 0, d = 0;
  if (!read_digits(s, pos, ndig, y) || !expect_char(s, pos, '-') || !read_digits(s, pos, 2, m) ||
      !expect_char(s, pos, '-') || !read_digits(s, pos, 2, d))
    return false;
  if (neg) y = -y;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  days = days_from_civil(y, m, d);
  return true;
}

/// "HH:MM[:SS[.fffffffff]]" at pos -> nanoseconds since midnight.
inline bool parse_time_at(std::string_view s, size_t& pos, int64_t& nanos) noexcept {
  int64_t h = 0, mi = 0, sec = 0, frac = 0;
  if (!read_digits(s, pos, 2, h) || !expect_char(s, pos, ':') || !read_digits(s, pos, 2, mi))
    return false;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!read_digits(s, pos, 2, sec)) return false;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t ndig = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (ndig < 9)
          frac = frac * 10 + (s[pos] - '0');
        else if (s[pos] != '0')
          return false;  // below nanoseconds: refuse to round silently
        ++ndig;
        ++pos;
      }
      if (ndig == 0) return false;
      for (size_t k = ndig; k < 9; ++k) frac *= 10;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  nanos = ((h * 60 + mi) * 60 + sec) * 1000000000 + frac;
  return true;
}

/// "Z", "+HH:MM", "-HH:MM", "+HHMM" or "+HH" at pos -> offset in seconds.
inline bool parse_offset_at(std::string_view s, size_t& pos, int64_t& seconds) noexcept {
  if (pos >= s.size()) return false;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
    seconds = 0;
    return true;
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  const bool neg = s[pos++] == '-';
  int64_t h = 0, m = 0;
  if (!read_digits(s, pos, 2, h)) return false;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size() && !read_digits(s, pos, 2, m)) return false;
  if (h > 18 || m > 59) return false;
  seconds = (h * 3600 + m * 60) * (neg ? -1 : 1);
  return true;
}

inline void append_padded(std::string& out, int64_t v, int width) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  if (v < 0) out += '-';
  for (int k = static_cast<int>(digits.size()); k < width; ++k) out += '0';
  out += digits;
}
}  // namespace detail

/// Parses an ISO date "2017-11-16" into days since 1970-01-01; invalid_argument otherwise.
inline result<int32_t> parse_date(std::string_view s) {
  size_t pos = 0;
  int64_t days = 0;
  if (!detail::parse_date_at(s, pos, days) || pos != s.size() || days < INT32_MIN ||
      days > INT32_MAX)
    return invalid_argument("iceberg: '" + std::string(s) + "' is not an ISO date YYYY-MM-DD");
  return static_cast<int32_t>(days);
}

/// Parses an ISO time "22:31:08[.123456]" into microseconds since midnight (finer digits must
/// be zero).
inline result<int64_t> parse_time(std::string_view s) {
  size_t pos = 0;
  int64_t nanos = 0;
  if (!detail::parse_time_at(s, pos, nanos) || pos != s.size() || nanos % 1000 != 0)
    return invalid_argument("iceberg: '" + std::string(s) +
                            "' is not an ISO time HH:MM:SS[.ffffff]");
  return nanos / 1000;
}

/// Parses "2017-11-16T22:31:08[.fraction][offset]" (a space may replace the T) into
/// microseconds (`nanos` false) or nanoseconds since the epoch, UTC. `with_zone` demands an
/// offset ("Z", "+00:00", "-08:00") and applies it; without it an offset is refused, as Java
/// does for timestamp values. Spec Appendix D, JSON single-value serialization.
inline result<int64_t> parse_timestamp(std::string_view s, bool with_zone, bool nanos) {
  auto bad = [&](const char* why) {
    return invalid_argument("iceberg: '" + std::string(s) + "' is not a " +
                            (with_zone ? "timestamptz" : "timestamp") + " value: " + why);
  };
  size_t pos = 0;
  int64_t days = 0, tod = 0, offset = 0;
  if (!detail::parse_date_at(s, pos, days)) return bad("bad date part");
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' '))
    return bad("expected 'T' after the date");
  ++pos;
  if (!detail::parse_time_at(s, pos, tod)) return bad("bad time part");
  if (pos < s.size()) {
    if (!with_zone) return bad("a timestamp without zone must not carry an offset");
    if (!detail::parse_offset_at(s, pos, offset) || pos != s.size()) return bad("bad offset");
  } else if (with_zone) {
    return bad("a timestamptz value needs an offset such as +00:00");
  }
  if (!nanos && tod % 1000 != 0) return bad("more than microsecond precision");
  const int64_t unit = nanos ? 1000000000 : 1000000;
  const __int128 v = static_cast<__int128>(days) * 86400 * unit + (nanos ? tod : tod / 1000) -
                     static_cast<__int128>(offset) * unit;
  if (v > INT64_MAX || v < INT64_MIN) return bad("outside the representable range");
  return static_cast<int64_t>(v);
}

/// "2017-11-16" for days since epoch.
inline std::string format_date(int64_t days) {
  int64_t y, m, d;
  detail::civil_from_days(days, y, m, d);
  std::string out;
  if (y > 9999) out += '+';
  detail::append_padded(out, y, 4);
  out += '-';
  detail::append_padded(out, m, 2);
  out += '-';
  detail::append_padded(out, d, 2);
  return out;
}

/// "22:31:08" or "22:31:08.123456" (nanoseconds: 9 fraction digits) for a time of day given in
/// `unit_per_second` units; the fraction is omitted when zero, as Python's isoformat does.
inline std::string format_time_of_day(int64_t v, int64_t unit_per_second) {
  const int64_t secs = v / unit_per_second, frac = v % unit_per_second;
  std::string out;
  detail::append_padded(out, secs / 3600, 2);
  out += ':';
  detail::append_padded(out, (secs / 60) % 60, 2);
  out += ':';
  detail::append_padded(out, secs % 60, 2);
  if (frac != 0) {
    out += '.';
    detail::append_padded(out, frac, unit_per_second == 1000000 ? 6 : 9);
  }
  return out;
}

/// "22:31:08.123456" for microseconds since midnight.
inline std::string format_time(int64_t micros) { return format_time_of_day(micros, 1000000); }

/// "2017-11-16T22:31:08.123456" (+ "+00:00" when `with_zone`) for us or ns since the epoch.
inline std::string format_timestamp(int64_t v, bool with_zone, bool nanos) {
  const int64_t unit = nanos ? 1000000000 : 1000000;
  const int64_t per_day = 86400 * unit;
  const int64_t days = detail::floor_div(v, per_day);
  std::string out =
      format_date(days) + "T" + format_time_of_day(detail::floor_mod(v, per_day), unit);
  if (with_zone) out += "+00:00";
  return out;
}

// ---------------------------------------------------------------------------------------------
// Decimal, hex and UUID text.

using ::lakecodec::format_decimal;

/// Parses decimal text ("14.2", "-0.05", "1.5E+2") into the unscaled value at `scale`, padding
/// missing fraction digits; refuses text that would lose digits or exceed `precision`.
inline result<__int128> parse_decimal(std::string_view s, int32_t precision, int32_t scale) {
  auto bad = [&](const std::string& why) {
    return invalid_argument("iceberg: '" + std::string(s) + "' is not a decimal(" +
                            std::to_string(precision) + ", " + std::to_string(scale) + "): " + why);
  };
  size_t pos = 0;
  bool neg = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) neg = s[pos++] == '-';
  std::string digits;
  int64_t frac_digits = 0;
  bool seen_dot = false;
  for (; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (c >= '0' && c <= '9') {
      digits += c;
      if (seen_dot) ++frac_digits;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      break;
    }
  }
  if (digits.empty()) return bad("no digits");
  int64_t exponent = 0;
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    bool eneg = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) eneg = s[pos++] == '-';
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 6)
      exponent = exponent * 10 + (s[pos++] - '0');
    if (pos == start) return bad("bad exponent");
    if (eneg) exponent = -exponent;
  }
  if (pos != s.size()) return bad("unexpected character");
  // value = digits * 10^(exponent - frac_digits); we need digits * 10^(scale + exponent - frac).
  int64_t shift = scale + exponent - frac_digits;
  while (shift < 0) {
    if (digits.empty() || digits.back() != '0') return bad("more fraction digits than the scale");
    digits.pop_back();
    ++shift;
  }
  if (shift > 40) return bad("too many digits");
  digits.append(static_cast<size_t>(shift), '0');
  size_t first = 0;
  while (first + 1 < digits.size() && digits[first] == '0') ++first;
  if (static_cast<int64_t>(digits.size() - first) > precision &&
      !(digits.size() - first == 1 && digits[first] == '0'))
    return bad("more digits than the precision");
  __int128 v = 0;
  for (size_t k = first; k < digits.size(); ++k) v = v * 10 + (digits[k] - '0');
  return neg ? -v : v;
}

using ::lakecodec::to_hex;

/// Bytes of a hex string (either case); invalid_argument on odd length or a non-hex digit.
inline result<std::string> from_hex(std::string_view hex) {
  return ::lakecodec::from_hex(hex, "iceberg");
}

using ::lakecodec::format_uuid;

/// The 16 big-endian bytes of "f79c3e09-677c-4bbd-a479-3f349cb785e7".
inline result<std::string> parse_uuid(std::string_view s) {
  return ::lakecodec::parse_uuid(s, "iceberg");
}

// ---------------------------------------------------------------------------------------------
// Binary single-value serialization (Appendix D).

/// Minimal two's-complement big-endian bytes of a 128-bit integer (Java BigInteger.toByteArray):
/// 1 -> 01, -1 -> ff, 128 -> 00 80, -129 -> ff 7f. Used for decimal bounds and bucket hashing.
inline size_t minimal_be_bytes(__int128 v, uint8_t out[16]) noexcept {
  return decimal_minimal_be_bytes(v, out);
}

/// Sign-extends 1..16 big-endian bytes into a 128-bit integer.
inline __int128 from_be_bytes(std::string_view b) noexcept {
  return decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(b.data()), b.size());
}

/// Appendix D binary form of a non-null primitive value (bounds, partition summaries).
/// Returns unsupported for nested types, variant, unknown and geometry/geography.
inline result<std::string> to_bytes(const type& t, const literal& v) {
  std::string out;
  auto le = [&out](auto x) {
    char b[sizeof(x)];
    store_le(b, x);
    out.assign(b, sizeof(x));
  };
  switch (t.kind) {
    case type_kind::boolean: out.assign(1, v.i ? '\x01' : '\x00'); return out;
    case type_kind::int_:
    case type_kind::date: le(static_cast<int32_t>(v.i)); return out;
    case type_kind::long_:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: le(static_cast<int64_t>(v.i)); return out;
    case type_kind::float_: le(float_bits(static_cast<float>(v.d))); return out;
    case type_kind::double_: le(double_bits(v.d)); return out;
    case type_kind::string:
    case type_kind::binary:
    case type_kind::fixed:
    case type_kind::uuid: return v.bytes;
    case type_kind::decimal: {
      uint8_t b[16];
      const size_t n = minimal_be_bytes(v.dec, b);
      out.assign(reinterpret_cast<const char*>(b), n);
      return out;
    }
    default: return unsupported("iceberg: no binary single-value form for " + type_to_string(t));
  }
}

/// Decodes an Appendix D binary value of type `t`. Accepts the promoted forms readers must
/// (a 4-byte int bound on a long column, a 4-byte float bound on a double column); anything
/// else of the wrong width is corrupt_data naming the type.
inline result<literal> from_bytes(const type& t, std::string_view b) {
  auto wrong = [&] {
    return corrupt_data("iceberg: " + std::to_string(b.size()) + "-byte value is not a valid " +
                        type_to_string(t) + " single value");
  };
  const uint8_t* p = reinterpret_cast<const uint8_t*>(b.data());
  switch (t.kind) {
    case type_kind::boolean:
      if (b.size() != 1) return wrong();
      return literal::of_int(p[0] != 0);
    case type_kind::int_:
    case type_kind::date:
      if (b.size() != 4) return wrong();
      return literal::of_int(load_le<int32_t>(p));
    case type_kind::long_:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns:
      if (b.size() == 4 && t.kind == type_kind::long_) return literal::of_int(load_le<int32_t>(p));
      if (b.size() != 8) return wrong();
      return literal::of_int(load_le<int64_t>(p));
    case type_kind::float_:
      if (b.size() != 4) return wrong();
      return literal::of_double(float_from_bits(load_le<uint32_t>(p)));
    case type_kind::double_:
      if (b.size() == 4) return literal::of_double(float_from_bits(load_le<uint32_t>(p)));
      if (b.size() != 8) return wrong();
      return literal::of_double(double_from_bits(load_le<uint64_t>(p)));
    case type_kind::uuid:
      if (b.size() != 16) return wrong();
      return literal::of_bytes(b);
    case type_kind::fixed:
      if (static_cast<int32_t>(b.size()) > t.length) return wrong();
      return literal::of_bytes(b);
    case type_kind::string:
    case type_kind::binary: return literal::of_bytes(b);
    case type_kind::decimal:
      if (b.empty() || b.size() > 16) return wrong();
      return literal::of_decimal(from_be_bytes(b));
    default: return unsupported("iceberg: no binary single-value form for " + type_to_string(t));
  }
}

/// Human-readable text of a value as used in partition paths and CLI output (Java
/// Transform.toHumanString): dates and timestamps in ISO form, decimals with their scale,
/// binary/fixed as base64 is Java's choice for paths; here hex is not used, see partition.hpp.
inline std::string literal_to_text(const type& t, const literal& v) {
  if (v.is_null) return "null";
  switch (t.kind) {
    case type_kind::boolean: return v.i ? "true" : "false";
    case type_kind::int_:
    case type_kind::long_: return std::to_string(v.i);
    case type_kind::date: return format_date(v.i);
    case type_kind::time: return format_time(v.i);
    case type_kind::timestamp: return format_timestamp(v.i, false, false);
    case type_kind::timestamptz: return format_timestamp(v.i, true, false);
    case type_kind::timestamp_ns: return format_timestamp(v.i, false, true);
    case type_kind::timestamptz_ns: return format_timestamp(v.i, true, true);
    case type_kind::decimal: return format_decimal(v.dec, t.scale);
    case type_kind::uuid: return format_uuid(v.bytes);
    case type_kind::string: return v.bytes;
    default: return to_hex(v.bytes);
  }
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
