// footer_json(): the footer of a file with known values prints its schema, row groups and
// statistics decoded per logical type (DATE as a calendar date, DECIMAL as scaled text on INT32,
// INT64 and FIXED_LEN_BYTE_ARRAY, STRING as text, TIMESTAMP as its INT64 count of units), and
// statistics bytes that do not fit their type print as hex instead of a wrong value.
#include "lakecodec/parquet/footer_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;
using nlohmann::ordered_json;

namespace {

schema known_schema() {
  schema s;
  s.fields.push_back(field("day", types::date32(), false, {}, 1));
  s.fields.push_back(field("price", types::decimal128(9, 2), true, {}, 2));
  s.fields.push_back(field("big", types::decimal128(30, 3), false, {}, 3));
  s.fields.push_back(field("name", types::string(), false, {}, 4));
  s.fields.push_back(field("ts", types::timestamp(time_unit::micro, true), false, {}, 5));
  s.fields.push_back(field("id", types::int64(), false, {}, 6));
  return s;
}

// Three rows: the bounds of each column are known by construction.
ordered_json known_file_json() {
  batch_builder b(known_schema());
  const int32_t days[] = {9298, 8035, 10440};  // 1995-06-17, 1992-01-01, 1998-08-02
  const int64_t cents[] = {12345, -99, 0};
  const __int128 big[] = {-static_cast<__int128>(123456789012345678) * 1000, 5, 1000};
  const char* names[] = {"pear", "apple",
                         "\xc3\xbc"
                         "ber"};  // "über" sorts last (0xc3 > p)
  const int64_t micros[] = {1700000000000000, 0, -1};
  for (int r = 0; r < 3; ++r) {
    b.column(0).append_int(days[r]);
    r == 2 ? b.column(1).append_null() : b.column(1).append_decimal(cents[r]);
    b.column(2).append_decimal(big[r]);
    b.column(3).append_bytes(names[r]);
    b.column(4).append_int(micros[r]);
    b.column(5).append_int(r + 7);
  }
  auto batch = b.finish();
  EXPECT_TRUE(batch.ok());
  pq::writer_options o;
  o.created_by = "footer_json_test";
  o.key_value_metadata = {{"k", "v"}};
  memory_sink sink;
  auto w = pq::file_writer::open(sink, known_schema(), o);
  EXPECT_TRUE(w.ok()) << w.error().to_string();
  EXPECT_TRUE((*w)->write(batch->view()).ok());
  auto sum = (*w)->close();
  EXPECT_TRUE(sum.ok()) << sum.error().to_string();
  auto f = pq::read_footer(sink.buffer().span());
  EXPECT_TRUE(f.ok()) << f.error().to_string();
  return pq::footer_json(f.value());
}

pq::schema_element leaf(int32_t physical, int16_t logical_kind = 0) {
  pq::schema_element e;
  e.name = "x";
  e.type = physical;
  if (logical_kind) {
    pq::logical_type lt;
    lt.kind = logical_kind;
    e.logical_type = lt;
  }
  return e;
}

template <class T>
std::string le_bytes(T v) {
  std::string s(sizeof v, '\0');
  std::memcpy(&s[0], &v, sizeof v);
  return s;
}

}  // namespace

TEST(ParquetFooterJsonTest, PrintsFileLevelFieldsAndSchemaTree) {
  const ordered_json j = known_file_json();
  EXPECT_EQ(j["created_by"], "footer_json_test");
  EXPECT_EQ(j["num_rows"], 3);
  EXPECT_EQ(j["key_value_metadata"], ordered_json::parse(R"([{"key":"k","value":"v"}])"));
  const ordered_json& fields = j["schema"]["fields"];
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0], ordered_json::parse(R"({"name":"day","repetition":"REQUIRED",
      "type":"INT32","field_id":1,"logical_type":{"type":"DATE"},"converted_type":"DATE"})"));
  EXPECT_EQ(fields[1]["logical_type"],
            ordered_json::parse(R"({"type":"DECIMAL","precision":9,"scale":2})"));
  EXPECT_EQ(fields[1]["repetition"], "OPTIONAL");
  EXPECT_EQ(fields[2]["type"], "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(fields[4]["logical_type"],
            ordered_json::parse(R"({"type":"TIMESTAMP","is_adjusted_to_utc":true,
                                    "unit":"MICROS"})"));
  ASSERT_EQ(j["row_groups"].size(), 1u);
  EXPECT_EQ(j["row_groups"][0]["num_rows"], 3);
  const ordered_json& cols = j["row_groups"][0]["columns"];
  ASSERT_EQ(cols.size(), 6u);
  EXPECT_EQ(cols[3]["path"], "name");
  EXPECT_EQ(cols[3]["num_values"], 3);
  EXPECT_EQ(cols[0]["page_index"]["column_index"], true);
  EXPECT_EQ(cols[0]["page_index"]["offset_index"], true);
  EXPECT_EQ(cols[0]["page_index"]["pages"], 1);
}

TEST(ParquetFooterJsonTest, DecodesStatisticsPerLogicalType) {
  const ordered_json cols = known_file_json()["row_groups"][0]["columns"];
  auto stats = [&](size_t c) { return cols[c]["statistics"]; };
  EXPECT_EQ(stats(0)["min"], "1992-01-01");
  EXPECT_EQ(stats(0)["max"], "1998-08-02");
  EXPECT_EQ(stats(0)["null_count"], 0);
  EXPECT_EQ(stats(1)["min"], "-0.99");
  EXPECT_EQ(stats(1)["max"], "123.45");
  EXPECT_EQ(stats(1)["null_count"], 1);
  EXPECT_EQ(stats(2)["min"], "-123456789012345678.000");
  EXPECT_EQ(stats(2)["max"], "1.000");
  EXPECT_EQ(stats(3)["min"], "apple");
  EXPECT_EQ(stats(3)["max"],
            "\xc3\xbc"
            "ber");
  EXPECT_EQ(stats(4)["min"], -1);
  EXPECT_EQ(stats(4)["max"], 1700000000000000);
  EXPECT_EQ(stats(5)["min"], 7);
  EXPECT_EQ(stats(5)["max"], 9);
}

TEST(ParquetFooterJsonTest, DecodesValuesByPhysicalAndConvertedType) {
  // INT64 DECIMAL via the deprecated ConvertedType, no LogicalType.
  pq::schema_element d = leaf(pq::physical_type::int64);
  d.converted_type = pq::converted_type::ct_decimal;
  d.scale = 4;
  EXPECT_EQ(pq::statistics_value_json(d, le_bytes<int64_t>(-12345)), "-1.2345");
  // BYTE_ARRAY DECIMAL: big-endian two's complement.
  pq::schema_element b = leaf(pq::physical_type::byte_array, pq::logical_type::decimal);
  b.logical_type->precision = 5;
  b.logical_type->scale = 2;
  EXPECT_EQ(pq::statistics_value_json(b, std::string("\xff\x85", 2)), "-1.23");
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::boolean), std::string(1, '\1')),
            true);
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::double_), le_bytes(std::nan(""))),
            "NaN");
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::float_), le_bytes(-INFINITY)),
            "-Infinity");
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::float_), le_bytes(1.5f)), 1.5);
  const std::string u("\x12\x34\x56\x78\x9a\xbc\xde\xf0\x01\x23\x45\x67\x89\xab\xcd\xef", 16);
  EXPECT_EQ(pq::statistics_value_json(
                leaf(pq::physical_type::fixed_len_byte_array, pq::logical_type::uuid), u),
            "12345678-9abc-def0-0123-456789abcdef");
  pq::schema_element utf8 = leaf(pq::physical_type::byte_array);
  utf8.converted_type = pq::converted_type::ct_utf8;
  EXPECT_EQ(pq::statistics_value_json(utf8, "abc"), "abc");
}

TEST(ParquetFooterJsonTest, PrintsUndecodableValuesAsHex) {
  // A wrong-sized value for its physical type is not reinterpreted.
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::int32, pq::logical_type::date),
                                      std::string("\x01\x02\x03", 3)),
            ordered_json::parse(R"({"hex":"010203"})"));
  // A STRING bound that is not UTF-8 (e.g. truncated mid-character) is printed as bytes.
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::byte_array, pq::logical_type::string),
                                      std::string("a\xc3", 2)),
            ordered_json::parse(R"({"hex":"61c3"})"));
  // Plain binary has no text form.
  EXPECT_EQ(pq::statistics_value_json(leaf(pq::physical_type::byte_array), "ab"),
            ordered_json::parse(R"({"hex":"6162"})"));
  // A decimal wider than 16 bytes does not fit __int128.
  pq::schema_element wide =
      leaf(pq::physical_type::fixed_len_byte_array, pq::logical_type::decimal);
  EXPECT_EQ(pq::statistics_value_json(wide, std::string(17, '\x01')).contains("hex"), true);
}

TEST(ParquetFooterJsonTest, PrefersMinValueAndMarksDeprecatedBounds) {
  const pq::schema_element e = leaf(pq::physical_type::int32);
  pq::statistics st;
  st.min = le_bytes<int32_t>(1);
  st.max = le_bytes<int32_t>(2);
  EXPECT_EQ(pq::statistics_json(st, e),
            ordered_json::parse(R"({"min_deprecated":1,"max_deprecated":2})"));
  st.min_value = le_bytes<int32_t>(-5);
  st.max_value = le_bytes<int32_t>(5);
  st.null_count = 0;
  st.is_max_value_exact = false;
  EXPECT_EQ(pq::statistics_json(st, e).dump(),
            R"({"null_count":0,"min":-5,"max":5,"is_max_value_exact":false})");
}
