#include <gtest/gtest.h>

#include <string>

#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hex.hpp"

using namespace lakecodec;

TEST(CalendarTest, ConvertsDaysAndDatesBothWays) {
  struct vec {
    int64_t days, y, m, d;
  } vectors[] = {{0, 1970, 1, 1},      {-1, 1969, 12, 31},  {17486, 2017, 11, 16},
                 {11016, 2000, 2, 29}, {-719162, 1, 1, 1},  {2932896, 9999, 12, 31},
                 {-25567, 1900, 1, 1}, {19000, 2022, 1, 8}, {-141427, 1582, 10, 15}};
  for (const vec& v : vectors) {
    EXPECT_EQ(days_from_civil(v.y, v.m, v.d), v.days) << v.y << "-" << v.m << "-" << v.d;
    int64_t y, m, d;
    civil_from_days(v.days, y, m, d);
    EXPECT_EQ(y, v.y) << v.days;
    EXPECT_EQ(m, v.m) << v.days;
    EXPECT_EQ(d, v.d) << v.days;
  }
  for (int64_t days = -800000; days <= 800000; days += 997) {
    int64_t y, m, d;
    civil_from_days(days, y, m, d);
    ASSERT_GE(d, 1);
    ASSERT_LE(d, days_in_month(y, m));
    ASSERT_EQ(days_from_civil(y, m, d), days);
  }
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
}

TEST(CalendarTest, FloorDivisionRoundsTowardNegativeInfinity) {
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(-1, 1000000), -1);
  EXPECT_EQ(floor_div(-1000000, 1000000), -1);
  EXPECT_EQ(floor_mod(-1, 1000), 999);
  EXPECT_EQ(floor_mod(7, 3), 1);
}

TEST(HexTest, RoundTripsAndRejectsBadText) {
  EXPECT_EQ(to_hex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  EXPECT_EQ(*from_hex("0001ABff"), std::string("\x00\x01\xab\xff", 4));
  EXPECT_EQ(*from_hex(""), "");
  auto odd = from_hex("abc", "iceberg");
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().message(), "iceberg: hex text 'abc' has an odd number of digits");
  EXPECT_EQ(from_hex("zz").error().code(), errc::invalid_argument);
}

TEST(UuidTextTest, FormatsAndParsesStrictly) {
  const std::string text = "f79c3e09-677c-4bbd-a479-3f349cb785e7";
  auto bytes = parse_uuid(text);
  ASSERT_TRUE(bytes);
  ASSERT_EQ(bytes->size(), 16u);
  EXPECT_EQ(static_cast<uint8_t>((*bytes)[0]), 0xf7);
  EXPECT_EQ(format_uuid(*bytes), text);
  EXPECT_TRUE(parse_uuid("F79C3E09-677C-4BBD-A479-3F349CB785E7"));
  for (const char* bad :
       {"f79c3e09-677c-4bbd-a479-3f349cb785e", "f79c3e09-677c-4bbd-a479-3f349cb785e7a",
        "f79c3e09-677c-4bbd-a479--f349cb785e7", "f79c3e09x677c-4bbd-a479-3f349cb785e7",
        "g79c3e09-677c-4bbd-a479-3f349cb785e7"}) {
    auto r = parse_uuid(bad, "avro");
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message(), std::string("avro: '") + bad + "' is not a UUID");
  }
}

TEST(DecimalTextTest, PrintsPlainDecimalsAtEveryScale) {
  EXPECT_EQ(format_decimal(1420, 2), "14.20");
  EXPECT_EQ(format_decimal(-5, 2), "-0.05");
  EXPECT_EQ(format_decimal(0, 3), "0.000");
  EXPECT_EQ(format_decimal(7, 0), "7");
  EXPECT_EQ(format_decimal(-7, 0), "-7");
  __int128 max38 = 0;
  for (int i = 0; i < 38; ++i) max38 = max38 * 10 + 9;
  EXPECT_EQ(format_decimal(max38, 10), "9999999999999999999999999999.9999999999");
  EXPECT_EQ(format_decimal(-max38, 38), "-0.99999999999999999999999999999999999999");
  const __int128 min128 = static_cast<__int128>(static_cast<unsigned __int128>(1) << 127);
  EXPECT_EQ(format_decimal(min128, 0), "-170141183460469231731687303715884105728");
}
