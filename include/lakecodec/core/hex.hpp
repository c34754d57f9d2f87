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

LAKECODEC_NAMESPACE_END
