#pragma once
// Lower-case hexadecimal text of bytes and back, as the JSON forms of Iceberg bounds, Paimon
// rows and the CLI's byte values use it.

#include <string>
#include <string_view>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Lower-case hex of bytes ("000102ff").
inline std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

namespace detail {
constexpr int hex_digit_value(char c) noexcept {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}
}  // namespace detail

/// Bytes of hex text (either case). invalid_argument, prefixed with `context` ("iceberg"), on an
/// odd number of digits or a character that is not a hex digit.
inline result<std::string> from_hex(std::string_view hex, const char* context = "hex") {
  if (hex.size() % 2 != 0)
    return invalid_argument(std::string(context) + ": hex text '" + std::string(hex) +
                            "' has an odd number of digits");
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t k = 0; k < hex.size(); k += 2) {
    const int hi = detail::hex_digit_value(hex[k]), lo = detail::hex_digit_value(hex[k + 1]);
    if (hi < 0 || lo < 0)
      return invalid_argument(std::string(context) + ": '" + std::string(hex.substr(k, 2)) +
                              "' is not hex");
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

/// RFC 4122 text of 16 UUID bytes, lower-case ("f79c3e09-677c-4bbd-a479-3f349cb785e7"); other
/// lengths print as plain hex.
inline std::string format_uuid(std::string_view bytes16) {
  const std::string h = to_hex(bytes16);
  if (h.size() != 32) return h;
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

/// The 16 bytes of RFC 4122 text (hex digits of either case, dashes at 8, 13, 18 and 23);
/// invalid_argument prefixed with `context` otherwise.
inline result<std::string> parse_uuid(std::string_view s, const char* context = "uuid") {
  const auto bad = [&] {
    return invalid_argument(std::string(context) + ": '" + std::string(s) + "' is not a UUID");
  };
  if (s.size() != 36) return bad();
  std::string hex;
  hex.reserve(32);
  for (size_t k = 0; k < s.size(); ++k) {
    const bool dash_position = k == 8 || k == 13 || k == 18 || k == 23;
    if (dash_position != (s[k] == '-')) return bad();
    if (!dash_position) hex += s[k];
  }
  auto bytes = from_hex(hex, context);
  if (!bytes) return bad();
  return bytes;
}

LAKECODEC_NAMESPACE_END
