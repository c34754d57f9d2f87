#pragma once
// A small, order-preserving JSON document model for Avro schemas, default values and the Avro
// JSON encoding. Avro must not depend on nlohmann (only the Iceberg and Paimon JSON headers include
// it), and schemas need key order and unknown attributes kept for a faithful round trip, so this is
// a dedicated, bounded parser.

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// A JSON value. Objects keep their members in document order. Integers that fit int64 are kept
/// exactly (`is_integer()`); other numbers are doubles.
class json_value {
 public:
  enum class kind : uint8_t { null, boolean, number, string, array, object };
  using member = std::pair<std::string, json_value>;

  json_value() = default;
  static json_value null() { return json_value(); }
  static json_value boolean(bool b) {
    json_value v(kind::boolean);
    v.int_ = b ? 1 : 0;
    return v;
  }
  static json_value integer(int64_t i) {
    json_value v(kind::number);
    v.int_ = i;
    v.double_ = static_cast<double>(i);
    v.is_integer_ = true;
    return v;
  }
  static json_value number(double d) {
    json_value v(kind::number);
    v.double_ = d;
    return v;
  }
  static json_value string(std::string s) {
    json_value v(kind::string);
    v.string_ = std::move(s);
    return v;
  }
  static json_value array(std::vector<json_value> items = {}) {
    json_value v(kind::array);
    v.items_ = std::move(items);
    return v;
  }
  static json_value object(std::vector<member> members = {}) {
    json_value v(kind::object);
    v.members_ = std::move(members);
    return v;
  }

  kind type() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == kind::null; }
  bool is_bool() const noexcept { return kind_ == kind::boolean; }
  bool is_number() const noexcept { return kind_ == kind::number; }
  bool is_integer() const noexcept { return kind_ == kind::number && is_integer_; }
  bool is_string() const noexcept { return kind_ == kind::string; }
  bool is_array() const noexcept { return kind_ == kind::array; }
  bool is_object() const noexcept { return kind_ == kind::object; }

  bool as_bool() const noexcept { return int_ != 0; }
  int64_t as_int() const noexcept { return is_integer_ ? int_ : static_cast<int64_t>(double_); }
  double as_double() const noexcept { return double_; }
  const std::string& as_string() const noexcept { return string_; }
  const std::vector<json_value>& items() const noexcept { return items_; }
  std::vector<json_value>& items() noexcept { return items_; }
  const std::vector<member>& members() const noexcept { return members_; }
  std::vector<member>& members() noexcept { return members_; }

  /// The member named `key`, or nullptr (also for non-objects).
  const json_value* find(std::string_view key) const noexcept {
    for (const member& m : members_)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  /// Appends a member (objects) without checking for duplicates.
  void add(std::string key, json_value v) { members_.emplace_back(std::move(key), std::move(v)); }
  void push_back(json_value v) { items_.push_back(std::move(v)); }

  friend bool operator==(const json_value& a, const json_value& b) {
    if (a.kind_ != b.kind_) return false;
    switch (a.kind_) {
      case kind::null: return true;
      case kind::boolean: return a.int_ == b.int_;
      case kind::number:
        if (a.is_integer_ && b.is_integer_) return a.int_ == b.int_;
        return a.double_ == b.double_;
      case kind::string: return a.string_ == b.string_;
      case kind::array: return a.items_ == b.items_;
      case kind::object: return a.members_ == b.members_;
    }
    return false;
  }
  friend bool operator!=(const json_value& a, const json_value& b) { return !(a == b); }

  /// Compact JSON text (no whitespace), strings escaped as Jackson does (see write_json_string).
  std::string dump() const {
    std::string out;
    dump_to(out);
    return out;
  }
  void dump_to(std::string& out) const;

 private:
  explicit json_value(kind k) : kind_(k) {}

  kind kind_ = kind::null;
  bool is_integer_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<json_value> items_;
  std::vector<member> members_;
};

/// Appends `s` as a quoted JSON string the way Jackson (Java avro-tools) writes it: `"` `\` and
/// control characters escaped (short forms for \b \f \n \r \t, \u00XX otherwise), code points
/// above U+FFFF as a \uD8XX\uDCXX surrogate pair, other UTF-8 verbatim, and bytes that are not
/// valid UTF-8 replaced by U+FFFD (as Java's decoder does).
inline void write_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  auto u_escape = [&](uint32_t cp) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(hex[(cp >> shift) & 15]);
  };
  out.push_back('"');
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20)
            u_escape(c);
          else
            out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence, validating length, continuation bytes and ranges.
    size_t len = 0;
    uint32_t cp = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
      min = 0x10000;
    }
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000))) ok = false;
    if (!ok) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (cp >= 0x10000) {
      const uint32_t v = cp - 0x10000;
      u_escape(0xD800 + (v >> 10));
      u_escape(0xDC00 + (v & 0x3FF));
    } else {
      out.append(s.data() + i, len);
    }
    i += len;
  }
  out.push_back('"');
}

/// Formats a double the way Java's Double.toString does (shortest round-trip digits; plain
/// notation for 1e-3 <= |d| < 1e7 with at least one fractional digit, else "d.dddE[-]n").
/// Non-finite values give "NaN", "Infinity", "-Infinity" (the caller decides on quoting).
inline std::string java_double_string(double d, bool is_float = false) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  char buf[40];
  // At least two significant digits (Java prints d.d at least), the closest such text: this
  // matters for subnormals, e.g. Double.MIN_VALUE prints 4.9E-324, not 5.0E-324.
  int prec = 2;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
    if (is_float) {
      if (std::strtof(buf, nullptr) == static_cast<float>(d)) break;
    } else if (std::strtod(buf, nullptr) == d) {
      break;
    }
  }
  // buf = [-]D.DDDDe[+-]XX
  std::string s(buf);
  bool neg = s[0] == '-';
  if (neg) s.erase(0, 1);
  const size_t e = s.find('e');
  const int exp = std::atoi(s.c_str() + e + 1);
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.') digits.push_back(s[i]);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  const double mag = std::fabs(d);
  if (mag >= 1e-3 && mag < 1e7) {
    if (exp >= 0) {
      std::string ip = digits.substr(0, std::min<size_t>(digits.size(), exp + 1));
      while (static_cast<int>(ip.size()) < exp + 1) ip.push_back('0');
      std::string fp = digits.size() > static_cast<size_t>(exp + 1) ? digits.substr(exp + 1) : "0";
      out += ip + "." + fp;
    } else {
      out += "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    }
  } else {
    out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" +
           std::to_string(exp);
  }
  return out;
}

inline void json_value::dump_to(std::string& out) const {
  switch (kind_) {
    case kind::null: out += "null"; break;
    case kind::boolean: out += int_ ? "true" : "false"; break;
    case kind::number:
      if (is_integer_) {
        out += std::to_string(int_);
      } else if (!std::isfinite(double_)) {
        out += "\"" + java_double_string(double_) + "\"";
      } else {
        out += java_double_string(double_);
      }
      break;
    case kind::string: write_json_string(out, string_); break;
    case kind::array:
      out.push_back('[');
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out.push_back(',');
        items_[i].dump_to(out);
      }
      out.push_back(']');
      break;
    case kind::object:
      out.push_back('{');
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i) out.push_back(',');
        write_json_string(out, members_[i].first);
        out.push_back(':');
        members_[i].second.dump_to(out);
      }
      out.push_back('}');
      break;
  }
}

namespace detail {

class json_parser {
 public:
  explicit json_parser(std::string_view text)
      : p_(text.data()), b_(text.data()), e_(text.data() + text.size()) {}

  result<json_value> parse_document() {
    json_value v;
    LAKECODEC_TRY(parse_value(v, 0));
    skip_ws();
    if (p_ != e_) return fail("unexpected text after the JSON value");
    return v;
  }

  /// Parses one value and leaves the position after it (for JSON-lines input).
  status parse_next(json_value& v) { return parse_value(v, 0); }
  bool at_end() {
    skip_ws();
    return p_ == e_;
  }

 private:
  status fail(const std::string& what) const {
    return corrupt_data("json: " + what, static_cast<int64_t>(p_ - b_));
  }
  void skip_ws() {
    while (p_ != e_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool literal(const char* word) {
    const size_t n = std::strlen(word);
    if (static_cast<size_t>(e_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  status parse_value(json_value& out, int depth) {
    if (depth > limits{}.max_nesting_depth)
      return fail("nesting deeper than " + std::to_string(limits{}.max_nesting_depth));
    skip_ws();
    if (p_ == e_) return fail("input ends where a value was expected");
    switch (*p_) {
      case '{': return parse_object(out, depth);
      case '[': return parse_array(out, depth);
      case '"': {
        std::string s;
        LAKECODEC_TRY(parse_string(s));
        out = json_value::string(std::move(s));
        return {};
      }
      case 't':
        if (!literal("true")) return fail("invalid literal");
        out = json_value::boolean(true);
        return {};
      case 'f':
        if (!literal("false")) return fail("invalid literal");
        out = json_value::boolean(false);
        return {};
      case 'n':
        if (!literal("null")) return fail("invalid literal");
        out = json_value::null();
        return {};
      default: return parse_number(out);
    }
  }

  status parse_object(json_value& out, int depth) {
    ++p_;
    out = json_value::object();
    skip_ws();
    if (p_ != e_ && *p_ == '}') {
      ++p_;
      return {};
    }
    for (;;) {
      skip_ws();
      if (p_ == e_ || *p_ != '"') return fail("expected a member name string");
      std::string key;
      LAKECODEC_TRY(parse_string(key));
      skip_ws();
      if (p_ == e_ || *p_ != ':') return fail("expected ':' after a member name");
      ++p_;
      json_value v;
      LAKECODEC_TRY(parse_value(v, depth + 1));
      out.add(std::move(key), std::move(v));
      skip_ws();
      if (p_ == e_) return fail("input ends inside an object");
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == '}') {
        ++p_;
        return {};
      }
      return fail("expected ',' or '}' in an object");
    }
  }

  status parse_array(json_value& out, int depth) {
    ++p_;
    out = json_value::array();
    skip_ws();
    if (p_ != e_ && *p_ == ']') {
      ++p_;
      return {};
    }
    for (;;) {
      json_value v;
      LAKECODEC_TRY(parse_value(v, depth + 1));
      out.push_back(std::move(v));
      skip_ws();
      if (p_ == e_) return fail("input ends inside an array");
      if (*p_ == ',') {
        ++p_;
        continue;
      }
      if (*p_ == ']') {
        ++p_;
        return {};
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  status parse_hex4(uint32_t& cp) {
    if (e_ - p_ < 4) return fail("truncated \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= static_cast<uint32_t>(c - 'A' + 10);
      else
        return fail("invalid hex digit in \\u escape");
    }
    return {};
  }

  static void append_utf8(std::string& s, uint32_t cp) {
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  status parse_string(std::string& s) {
    ++p_;
    for (;;) {
      const char* start = p_;
      while (p_ != e_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      s.append(start, static_cast<size_t>(p_ - start));
      if (p_ == e_) return fail("input ends inside a string");
      const char c = *p_++;
      if (c == '"') return {};
      if (c != '\\') return fail("unescaped control character in a string");
      if (p_ == e_) return fail("input ends inside an escape");
      const char esc = *p_++;
      switch (esc) {
        case '"': s.push_back('"'); break;
        case '\\': s.push_back('\\'); break;
        case '/': s.push_back('/'); break;
        case 'b': s.push_back('\b'); break;
        case 'f': s.push_back('\f'); break;
        case 'n': s.push_back('\n'); break;
        case 'r': s.push_back('\r'); break;
        case 't': s.push_back('\t'); break;
        case 'u': {
          uint32_t cp = 0;
          LAKECODEC_TRY(parse_hex4(cp));
          if (cp >= 0xD800 && cp < 0xDC00) {
            uint32_t lo = 0;
            if (e_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
              p_ += 2;
              LAKECODEC_TRY(parse_hex4(lo));
            }
            if (lo < 0xDC00 || lo >= 0xE000) return fail("unpaired UTF-16 surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            return fail("unpaired UTF-16 surrogate in \\u escape");
          }
          append_utf8(s, cp);
          break;
        }
        default: return fail(std::string("invalid escape '\\") + esc + "'");
      }
    }
  }

  status parse_number(json_value& out) {
    const char* start = p_;
    if (p_ != e_ && *p_ == '-') ++p_;
    if (p_ == e_ || !(*p_ >= '0' && *p_ <= '9')) {
      p_ = start;
      return fail("unexpected character where a value was expected");
    }
    bool integral = true;
    while (p_ != e_ && *p_ >= '0' && *p_ <= '9') ++p_;
    if (p_ != e_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == e_ || !(*p_ >= '0' && *p_ <= '9')) return fail("digit expected after '.'");
      while (p_ != e_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ != e_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ != e_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == e_ || !(*p_ >= '0' && *p_ <= '9')) return fail("digit expected in exponent");
      while (p_ != e_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    std::string text(start, static_cast<size_t>(p_ - start));
    if (integral) {
      errno = 0;
      char* end = nullptr;
      const long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0) {
        out = json_value::integer(v);
        return {};
      }
    }
    out = json_value::number(std::strtod(text.c_str(), nullptr));
    return {};
  }

  const char* p_;
  const char* b_;
  const char* e_;
};

}  // namespace detail

/// Parses JSON text (RFC 8259). Errors are corrupt_data with the byte offset of the problem;
/// nesting deeper than limits{}.max_nesting_depth and text longer than max_schema_size are
/// rejected.
inline result<json_value> parse_json(std::string_view text) {
  if (static_cast<int64_t>(text.size()) > limits{}.max_schema_size)
    return limit_exceeded("json: text of " + std::to_string(text.size()) +
                          " bytes exceeds the limit " + std::to_string(limits{}.max_schema_size));
  return detail::json_parser(text).parse_document();
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
