#pragma once
// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's public
// domain algorithms) and floor division, shared by every format that prints or parses dates and
// converts time units (Avro logical types, Iceberg transforms and JSON values, Paimon JSON).

#include <cstdint>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Division rounding toward negative infinity (timestamps before 1970 floor, as Java's
/// Math.floorDiv does); `b` must not be zero.
constexpr int64_t floor_div(int64_t a, int64_t b) noexcept {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
/// The non-negative remainder matching floor_div (Java's Math.floorMod).
constexpr int64_t floor_mod(int64_t a, int64_t b) noexcept { return a - floor_div(a, b) * b; }

/// Days since 1970-01-01 of year `y`, month `m` (1-12), day `d` (1-31).
constexpr int64_t days_from_civil(int64_t y, int64_t m, int64_t d) noexcept {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Year, month (1-12) and day (1-31) of `days` since 1970-01-01.
inline void civil_from_days(int64_t days, int64_t& y, int64_t& m, int64_t& d) noexcept {
  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

constexpr bool is_leap_year(int64_t y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/// Days in month `m` (1-12) of year `y`.
constexpr int days_in_month(int64_t y, int64_t m) noexcept {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

LAKECODEC_NAMESPACE_END
