#pragma once
// Text form of decimal values (unscaled 128-bit integer + scale), shared by the JSON forms of
// Iceberg and Paimon and by the CLI's statistics output.

#include <cstdint>
#include <string>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Plain decimal text of `unscaled` × 10^-scale: "14.20", "-0.05", "7" (Java's
/// BigDecimal.toPlainString for non-negative scales).
inline std::string format_decimal(__int128 unscaled, int32_t scale) {
  const bool negative = unscaled < 0;
  unsigned __int128 magnitude = negative ? static_cast<unsigned __int128>(-(unscaled + 1)) + 1
                                         : static_cast<unsigned __int128>(unscaled);
  std::string reversed;
  do {
    reversed += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  while (scale > 0 && reversed.size() <= static_cast<size_t>(scale)) reversed += '0';
  std::string out = negative ? "-" : "";
  for (size_t k = reversed.size(); k-- > 0;) {
    out += reversed[k];
    if (scale > 0 && k == static_cast<size_t>(scale)) out += '.';
  }
  return out;
}

LAKECODEC_NAMESPACE_END
