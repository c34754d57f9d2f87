#pragma once
// JSON forms of Paimon values, used by the CLI (`paimon bucket` input rows) and the tests:
// numbers and booleans as JSON scalars, strings as strings, binaries as base64, decimals as
// plain decimal strings ("-12.30") or numbers, DATE as "YYYY-MM-DD" or a day number, TIME as
// millis of day, timestamps as "YYYY-MM-DD[T ]HH:MM[:SS[.fffffffff]]" (LTZ: UTC) or epoch
// millis, arrays as arrays, maps as [[k, v], ...] or objects with string keys, rows as arrays.

#ifdef LAKECODEC_WITH_JSON

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>

#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/row_codec.hpp"
#include "lakecodec/paimon/schema.hpp"
#include "lakecodec/paimon/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

namespace detail {

using ::lakecodec::civil_from_days;
using ::lakecodec::days_from_civil;

inline bool read_digits(std::string_view s, size_t& i, size_t n, int64_t& out) {
  if (i + n > s.size()) return false;
  int64_t v = 0;
  for (size_t k = 0; k < n; ++k) {
    const char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  out = v;
  return true;
}

inline result<int64_t> parse_date(std::string_view s, size_t& i) {
  int64_t y, mo, d;
  bool neg = false;
  if (i < s.size() && s[i] == '-') {
    neg = true;
    ++i;
  }
  if (!read_digits(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !read_digits(s, i, 2, mo) ||
      i >= s.size() || s[i++] != '-' || !read_digits(s, i, 2, d) || mo < 1 || mo > 12 || d < 1 ||
      d > 31)
    return invalid_argument("paimon: bad date '" + std::string(s) + "' (want YYYY-MM-DD)");
  return days_from_civil(neg ? -y : y, mo, d);
}

/// "YYYY-MM-DD[T ]HH:MM[:SS[.fffffffff]]" -> (epoch millis, nano of milli), as UTC.
inline result<std::pair<int64_t, int32_t>> parse_timestamp(std::string_view s) {
  size_t i = 0;
  LAKECODEC_ASSIGN_OR_RETURN(int64_t days, parse_date(s, i));
  int64_t h = 0, mi = 0, sec = 0, frac = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != ' ')
      return invalid_argument("paimon: bad timestamp '" + std::string(s) + "'");
    ++i;
    if (!read_digits(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !read_digits(s, i, 2, mi))
      return invalid_argument("paimon: bad timestamp '" + std::string(s) + "'");
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!read_digits(s, i, 2, sec))
        return invalid_argument("paimon: bad timestamp '" + std::string(s) + "'");
      if (i < s.size() && s[i] == '.') {
        ++i;
        size_t digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 9) {
          frac = frac * 10 + (s[i++] - '0');
          ++digits;
        }
        if (digits == 0) return invalid_argument("paimon: bad timestamp '" + std::string(s) + "'");
        for (; digits < 9; ++digits) frac *= 10;
      }
    }
    if (i != s.size()) return invalid_argument("paimon: bad timestamp '" + std::string(s) + "'");
  }
  const int64_t millis = ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + frac / 1000000;
  return std::make_pair(millis, static_cast<int32_t>(frac % 1000000));
}

inline std::string format_timestamp(int64_t millis, int32_t nanos) {
  int64_t days = millis / 86400000;
  int64_t rem = millis % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  int64_t y, m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  const int64_t ms = rem % 1000;
  std::snprintf(buf, sizeof(buf), "%04lld-%02d-%02dT%02d:%02d:%02d.%03d%06d",
                static_cast<long long>(y), static_cast<int>(m), static_cast<int>(d),
                static_cast<int>(rem / 3600000), static_cast<int>(rem / 60000 % 60),
                static_cast<int>(rem / 1000 % 60), static_cast<int>(ms), static_cast<int>(nanos));
  return buf;
}

inline std::string format_date(int64_t days) {
  int64_t y, m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%04lld-%02d-%02d", static_cast<long long>(y),
                static_cast<int>(m), static_cast<int>(d));
  return buf;
}

inline result<__int128> parse_decimal(std::string_view s, int32_t scale) {
  bool neg = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  __int128 v = 0;
  int frac_digits = -1;
  size_t digits = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '.' && frac_digits < 0) {
      frac_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return invalid_argument("paimon: bad decimal '" + std::string(s) + "'");
    if (frac_digits >= scale) continue;  // truncate extra fraction digits (HALF_UP not applied)
    if (++digits > 38)
      return invalid_argument("paimon: decimal '" + std::string(s) + "' has too many digits");
    v = v * 10 + (c - '0');
    if (frac_digits >= 0) ++frac_digits;
  }
  if (digits == 0) return invalid_argument("paimon: bad decimal '" + std::string(s) + "'");
  for (int k = frac_digits < 0 ? 0 : frac_digits; k < scale; ++k) v *= 10;
  return neg ? -v : v;
}

using ::lakecodec::format_decimal;

inline std::string base64_encode(std::string_view in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint32_t{static_cast<uint8_t>(in[i])} << 16) |
                       (uint32_t{static_cast<uint8_t>(in[i + 1])} << 8) |
                       static_cast<uint8_t>(in[i + 2]);
    out += t[v >> 18];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += t[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint32_t{static_cast<uint8_t>(in[i])} << 16;
    if (i + 1 < in.size()) v |= uint32_t{static_cast<uint8_t>(in[i + 1])} << 8;
    out += t[v >> 18];
    out += t[(v >> 12) & 63];
    out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

inline result<std::string> base64_decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = val(c);
    if (v < 0) return invalid_argument("paimon: bad base64 text");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

inline std::string hex_encode(std::string_view in) { return ::lakecodec::to_hex(in); }
inline result<std::string> hex_decode(std::string_view in) {
  return ::lakecodec::from_hex(in, "paimon");
}

template <class Json>
result<double> json_double(const Json& j) {
  if (j.is_number()) return j.template get<double>();
  if (j.is_string()) {
    const std::string s = j.template get<std::string>();
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  }
  return invalid_argument("paimon: expected a number, got " + json::dump(j));
}

}  // namespace detail

/// Converts a JSON value to a datum of type `t` (forms in the file comment). Fails with
/// invalid_argument naming the expected form.
template <class Json>
result<datum> datum_from_json(const Json& j, const data_type& t, int depth = 0) {
  if (j.is_null()) return datum::null();
  if (depth > limits{}.max_nesting_depth) return invalid_argument("paimon: value nests too deeply");
  auto want = [&](const char* what) {
    return invalid_argument(std::string("paimon: expected ") + what + " for " +
                            atomic_type_string(t) + ", got " + json::dump(j));
  };
  switch (t.root) {
    case type_root::boolean:
      if (!j.is_boolean()) return want("true/false");
      return datum::of_bool(j.template get<bool>());
    case type_root::tinyint:
    case type_root::smallint:
    case type_root::int_:
    case type_root::bigint:
    case type_root::time: {
      if (!j.is_number_integer()) return want("an integer");
      const int64_t v = j.template get<int64_t>();
      const int64_t lo = t.root == type_root::tinyint    ? -128
                         : t.root == type_root::smallint ? -32768
                         : t.root == type_root::bigint   ? std::numeric_limits<int64_t>::min()
                                                         : INT32_MIN;
      const int64_t hi = t.root == type_root::tinyint    ? 127
                         : t.root == type_root::smallint ? 32767
                         : t.root == type_root::bigint   ? std::numeric_limits<int64_t>::max()
                                                         : INT32_MAX;
      if (v < lo || v > hi) return want("an integer in range");
      return datum::of_int(v);
    }
    case type_root::date: {
      if (j.is_number_integer()) return datum::of_int(j.template get<int64_t>());
      if (!j.is_string()) return want("\"YYYY-MM-DD\"");
      const std::string s = j.template get<std::string>();
      size_t i = 0;
      LAKECODEC_ASSIGN_OR_RETURN(int64_t d, detail::parse_date(s, i));
      if (i != s.size()) return want("\"YYYY-MM-DD\"");
      return datum::of_int(d);
    }
    case type_root::float_: {
      LAKECODEC_ASSIGN_OR_RETURN(double d, detail::json_double(j));
      return datum::of_double(static_cast<float>(d));
    }
    case type_root::double_: {
      LAKECODEC_ASSIGN_OR_RETURN(double d, detail::json_double(j));
      return datum::of_double(d);
    }
    case type_root::decimal: {
      std::string s;
      if (j.is_string()) {
        s = j.template get<std::string>();
      } else if (j.is_number_integer()) {
        s = json::dump(j);
      } else if (j.is_number_float()) {
        s = json::dump(j);
      } else {
        return want("a decimal string");
      }
      LAKECODEC_ASSIGN_OR_RETURN(__int128 v, detail::parse_decimal(s, t.scale));
      if (!is_non_compact(t)) return datum::of_int(static_cast<int64_t>(v));
      return datum::of_string(decimal_unscaled_bytes(v));
    }
    case type_root::timestamp:
    case type_root::timestamp_ltz: {
      if (j.is_number_integer()) return datum::of_timestamp(j.template get<int64_t>(), 0);
      if (!j.is_string()) return want("a timestamp string");
      LAKECODEC_ASSIGN_OR_RETURN(auto ts, detail::parse_timestamp(j.template get<std::string>()));
      return datum::of_timestamp(ts.first, ts.second);
    }
    case type_root::char_:
    case type_root::varchar:
      if (!j.is_string()) return want("a string");
      return datum::of_string(j.template get<std::string>());
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob: {
      if (!j.is_string()) return want("a base64 string");
      LAKECODEC_ASSIGN_OR_RETURN(std::string b,
                                 detail::base64_decode(j.template get<std::string>()));
      return datum::of_string(std::move(b));
    }
    case type_root::array:
    case type_root::multiset: {
      if (!j.is_array() || t.children.size() != 1) return want("an array");
      std::vector<datum> c;
      for (const auto& e : j) {
        LAKECODEC_ASSIGN_OR_RETURN(datum v, datum_from_json(e, t.children[0], depth + 1));
        c.push_back(std::move(v));
      }
      return datum::of_children(std::move(c));
    }
    case type_root::map: {
      if (t.children.size() != 2) return want("a map");
      std::vector<datum> c;
      if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
          LAKECODEC_ASSIGN_OR_RETURN(datum k,
                                     datum_from_json(Json(it.key()), t.children[0], depth + 1));
          LAKECODEC_ASSIGN_OR_RETURN(datum v,
                                     datum_from_json(it.value(), t.children[1], depth + 1));
          c.push_back(std::move(k));
          c.push_back(std::move(v));
        }
        return datum::of_children(std::move(c));
      }
      if (!j.is_array()) return want("[[key, value], ...]");
      for (const auto& e : j) {
        if (!e.is_array() || e.size() != 2) return want("[[key, value], ...]");
        LAKECODEC_ASSIGN_OR_RETURN(datum k, datum_from_json(e[0], t.children[0], depth + 1));
        LAKECODEC_ASSIGN_OR_RETURN(datum v, datum_from_json(e[1], t.children[1], depth + 1));
        c.push_back(std::move(k));
        c.push_back(std::move(v));
      }
      return datum::of_children(std::move(c));
    }
    case type_root::row: {
      if (!j.is_array() || j.size() != t.fields.size())
        return want("an array with one value per field");
      std::vector<datum> c;
      for (size_t k = 0; k < t.fields.size(); ++k) {
        LAKECODEC_ASSIGN_OR_RETURN(datum v, datum_from_json(j[k], t.fields[k].type, depth + 1));
        c.push_back(std::move(v));
      }
      return datum::of_children(std::move(c));
    }
    case type_root::variant: return unsupported("paimon: VARIANT values are not supported");
  }
  return want("a value");
}

/// The JSON form of a datum of type `t` (the inverse of datum_from_json).
inline nlohmann::json datum_to_json(const datum& v, const data_type& t) {
  if (v.is_null) return nullptr;
  switch (t.root) {
    case type_root::boolean: return v.i != 0;
    case type_root::tinyint:
    case type_root::smallint:
    case type_root::int_:
    case type_root::bigint:
    case type_root::time: return v.i;
    case type_root::date: return detail::format_date(v.i);
    case type_root::float_:
    case type_root::double_:
      if (std::isnan(v.d)) return "NaN";
      if (std::isinf(v.d)) return v.d > 0 ? "Infinity" : "-Infinity";
      return v.d;
    case type_root::decimal:
      return detail::format_decimal(is_non_compact(t) ? decimal_from_bytes(v.s) : __int128{v.i},
                                    t.scale);
    case type_root::timestamp:
    case type_root::timestamp_ltz: return detail::format_timestamp(v.i, v.nanos);
    case type_root::char_:
    case type_root::varchar: return v.s;
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob: return detail::base64_encode(v.s);
    case type_root::array:
    case type_root::multiset: {
      nlohmann::json a = nlohmann::json::array();
      for (const datum& c : v.children) a.push_back(datum_to_json(c, t.children[0]));
      return a;
    }
    case type_root::map: {
      nlohmann::json a = nlohmann::json::array();
      for (size_t k = 0; k + 1 < v.children.size(); k += 2)
        a.push_back(nlohmann::json::array({datum_to_json(v.children[k], t.children[0]),
                                           datum_to_json(v.children[k + 1], t.children[1])}));
      return a;
    }
    case type_root::row: {
      nlohmann::json a = nlohmann::json::array();
      for (size_t k = 0; k < v.children.size() && k < t.fields.size(); ++k)
        a.push_back(datum_to_json(v.children[k], t.fields[k].type));
      return a;
    }
    case type_root::variant: return nullptr;
  }
  return nullptr;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
