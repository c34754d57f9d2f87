#pragma once
// The JSON layer Iceberg and Paimon share (nlohmann/json, only with LAKECODEC_WITH_JSON):
// parsing that never throws and refuses oversize or too-deeply nested documents before building
// them, dump() that never throws, Jackson's default pretty printer (the form Java's
// ObjectMapper.writerWithDefaultPrettyPrinter writes Paimon's schema and snapshot files in),
// and checked integer conversions for numbers read from JSON or from strings.

#ifdef LAKECODEC_WITH_JSON

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace json {

/// Limits a parse applies. Nesting is counted in JSON containers: an Iceberg or Paimon type
/// nested `limits{}.max_nesting_depth` deep takes about three containers per level.
struct parse_limits {
  /// Largest document accepted, in bytes (checked before parsing).
  int64_t max_size = limits{}.max_schema_size;
  /// Deepest nesting of arrays and objects accepted.
  int max_depth = 4 * limits{}.max_nesting_depth + 8;
};

namespace detail {

/// A SAX consumer that builds nothing: it counts nesting (stopping the parse at the first
/// container past the limit) and keeps nlohmann's syntax error text, which names line and column.
template <class J>
struct checking_sax {
  using number_integer_t = typename J::number_integer_t;
  using number_unsigned_t = typename J::number_unsigned_t;
  using number_float_t = typename J::number_float_t;
  using string_t = typename J::string_t;
  using binary_t = typename J::binary_t;

  int max_depth = 0;
  int depth = 0;
  bool too_deep = false;
  std::string syntax_error;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(number_integer_t) { return true; }
  bool number_unsigned(number_unsigned_t) { return true; }
  bool number_float(number_float_t, const string_t&) { return true; }
  bool string(string_t&) { return true; }
  bool binary(binary_t&) { return true; }
  bool start_object(std::size_t) { return enter(); }
  bool key(string_t&) { return true; }
  bool end_object() { return leave(); }
  bool start_array(std::size_t) { return enter(); }
  bool end_array() { return leave(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::json::exception& ex) {
    syntax_error = ex.what();
    return false;
  }

 private:
  bool enter() {
    if (++depth > max_depth) {
      too_deep = true;
      return false;
    }
    return true;
  }
  bool leave() {
    --depth;
    return true;
  }
};

}  // namespace detail

/// Parses `text` into J (nlohmann::json or nlohmann::ordered_json) without exceptions.
/// Returns limit_exceeded when the text is larger than `lim.max_size` or nests deeper than
/// `lim.max_depth`, and corrupt_data naming the line and column of a syntax error otherwise.
/// `what` names the document in messages ("iceberg: table metadata").
template <class J = nlohmann::ordered_json>
result<J> parse(std::string_view text, std::string_view what, const parse_limits& lim = {}) {
  if (static_cast<int64_t>(text.size()) > lim.max_size)
    return limit_exceeded(std::string(what) + " JSON is " + std::to_string(text.size()) +
                          " bytes, larger than the limit of " + std::to_string(lim.max_size));
  detail::checking_sax<J> sax;
  sax.max_depth = lim.max_depth;
  const bool ok = J::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json,
                               /*strict=*/true);
  if (sax.too_deep)
    return limit_exceeded(std::string(what) + " JSON nests deeper than " +
                          std::to_string(lim.max_depth) + " arrays/objects");
  if (!ok) {
    std::string msg = sax.syntax_error;
    // nlohmann's text starts "[json.exception.parse_error.101] parse error at line 1, ...".
    const size_t pos = msg.find("] ");
    if (pos != std::string::npos) msg = msg.substr(pos + 2);
    return corrupt_data(std::string(what) + " is not valid JSON: " + msg);
  }
  J j = J::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return corrupt_data(std::string(what) + " is not valid JSON");
  return j;
}

/// Compact (indent < 0) or indented text of `j`; never throws: invalid UTF-8 in strings is
/// replaced by U+FFFD instead of raising type_error.316.
template <class J>
std::string dump(const J& j, int indent = -1) {
  return j.dump(indent, ' ', false, J::error_handler_t::replace);
}

/// `j` as Jackson's DefaultPrettyPrinter writes it with the 2-space indenter Paimon configures:
/// one member or element per line, `"key" : value` (a space on both sides of the colon).
/// Never throws (invalid UTF-8 is replaced as in dump()).
template <class J>
std::string dump_jackson_pretty(const J& j) {
  const std::string out = dump(j, 2);
  std::string fixed;
  fixed.reserve(out.size() + out.size() / 8);
  bool in_string = false;
  bool escaped = false;
  for (const char ch : out) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == ':') {
      fixed += " :";
      continue;
    }
    fixed.push_back(ch);
  }
  return fixed;
}

/// Converts a JSON integer to T (int32_t, int64_t, ...) with a range check. Returns
/// invalid_argument naming `what` when `v` is not an integer (floats such as 1.0 included) or
/// does not fit in T.
template <class T, class J>
result<T> to_int(const J& v, std::string_view what) {
  static_assert(std::is_integral<T>::value, "to_int converts to an integer type");
  if (v.is_number_unsigned()) {
    const uint64_t u = *v.template get_ptr<const typename J::number_unsigned_t*>();
    if (u <= static_cast<uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(u);
    return invalid_argument(std::string(what) + " " + std::to_string(u) + " is out of range");
  }
  if (v.is_number_integer()) {
    const int64_t s = *v.template get_ptr<const typename J::number_integer_t*>();
    const bool fits = std::is_signed<T>::value
                          ? s >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
                                s <= static_cast<int64_t>(std::numeric_limits<T>::max())
                          : s >= 0 && static_cast<uint64_t>(s) <=
                                          static_cast<uint64_t>(std::numeric_limits<T>::max());
    if (fits) return static_cast<T>(s);
    return invalid_argument(std::string(what) + " " + std::to_string(s) + " is out of range");
  }
  return invalid_argument(std::string(what) + " must be an integer, got " + v.type_name());
}

/// json number -> int32_t with a range check (see to_int).
template <class J>
result<int32_t> to_int32(const J& v, std::string_view what) {
  return to_int<int32_t>(v, what);
}
/// json number -> int64_t with a range check (see to_int).
template <class J>
result<int64_t> to_int64(const J& v, std::string_view what) {
  return to_int<int64_t>(v, what);
}

/// Parses a whole decimal string ("-12", "7") as T: no sign other than a leading '-', no
/// spaces, no trailing characters. Returns invalid_argument naming `what` and quoting the text
/// (cut at 40 bytes) when it is not an integer or does not fit in T. Replaces std::atoi, which
/// turns garbage into 0 and overflows silently.
template <class T>
result<T> parse_int(std::string_view text, std::string_view what) {
  static_assert(std::is_integral<T>::value, "parse_int converts to an integer type");
  T out{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto r = std::from_chars(first, last, out, 10);
  const std::string quoted =
      "'" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'");
  if (r.ec == std::errc::result_out_of_range)
    return invalid_argument(std::string(what) + " " + quoted + " is out of range");
  if (r.ec != std::errc() || r.ptr != last || text.empty())
    return invalid_argument(std::string(what) + " " + quoted + " is not an integer");
  return out;
}

/// Decimal string -> int32_t, checked (see parse_int).
inline result<int32_t> parse_int32(std::string_view text, std::string_view what) {
  return parse_int<int32_t>(text, what);
}
/// Decimal string -> int64_t, checked (see parse_int).
inline result<int64_t> parse_int64(std::string_view text, std::string_view what) {
  return parse_int<int64_t>(text, what);
}

}  // namespace json
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
