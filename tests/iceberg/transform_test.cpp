#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/iceberg.hpp"

namespace ice = lakecodec::iceberg;

namespace {
ice::type T(const char* s) { return ice::parse_primitive_type(s).value(); }
ice::literal J(const ice::type& t, const char* json) {
  auto r = ice::literal_from_json(t, nlohmann::json::parse(json));
  EXPECT_TRUE(r) << json << ": " << r.error().to_string();
  return r.value_or(ice::literal());
}
int32_t hash_of(const char* type, const char* json) {
  // bucket[2^31-1] keeps hash & INT_MAX; compare with the spec's signed hash the same way.
  ice::transform b = ice::parse_transform("bucket[2147483647]").value();
  auto r = ice::apply_transform(b, T(type), J(T(type), json));
  // A helper returning a value cannot ASSERT: report and return a value no test expects.
  if (!r.has_value()) {
    ADD_FAILURE() << type << " " << json << ": " << r.error().to_string();
    return -1;
  }
  return static_cast<int32_t>(r->i);
}
int32_t masked(int64_t spec_hash) {
  return static_cast<int32_t>((static_cast<uint32_t>(spec_hash) & 0x7fffffffu) % 2147483647u);
}
int64_t apply(const char* transform, const char* type, const char* json) {
  auto r = ice::apply_transform(ice::parse_transform(transform).value(), T(type), J(T(type), json));
  if (!r.has_value()) {
    ADD_FAILURE() << transform << " " << json << ": " << r.error().to_string();
    return INT64_MIN;
  }
  return r->i;
}
std::string apply_json(const char* transform, const char* type, const char* json) {
  auto t = T(type);
  auto tr = ice::parse_transform(transform).value();
  auto r = ice::apply_transform(tr, t, J(t, json));
  auto rt = ice::transform_result_type(tr, t);
  if (!r.has_value() || !rt.has_value()) {
    ADD_FAILURE() << transform << " " << json << ": "
                  << (r ? rt.error().to_string() : r.error().to_string());
    return "<error>";
  }
  return ice::literal_to_json(*rt, *r).dump();
}
}  // namespace

TEST(IcebergTransformTest, SpecAppendixBHashVectors) {
  EXPECT_EQ(hash_of("int", "34"), masked(2017239379));
  EXPECT_EQ(hash_of("long", "34"), masked(2017239379));
  EXPECT_EQ(hash_of("decimal(4,2)", "\"14.20\""), masked(-500754589));
  EXPECT_EQ(hash_of("date", "\"2017-11-16\""), masked(-653330422));
  EXPECT_EQ(hash_of("time", "\"22:31:08\""), masked(-662762989));
  EXPECT_EQ(hash_of("timestamp", "\"2017-11-16T22:31:08\""), masked(-2047944441));
  EXPECT_EQ(hash_of("timestamp", "\"2017-11-16T22:31:08.000001\""), masked(-1207196810));
  EXPECT_EQ(hash_of("timestamptz", "\"2017-11-16T14:31:08-08:00\""), masked(-2047944441));
  EXPECT_EQ(hash_of("timestamptz", "\"2017-11-16T14:31:08.000001-08:00\""), masked(-1207196810));
  EXPECT_EQ(hash_of("timestamp_ns", "\"2017-11-16T22:31:08\""), masked(-2047944441));
  EXPECT_EQ(hash_of("timestamp_ns", "\"2017-11-16T22:31:08.000001001\""), masked(-1207196810));
  EXPECT_EQ(hash_of("timestamptz_ns", "\"2017-11-16T14:31:08-08:00\""), masked(-2047944441));
  EXPECT_EQ(hash_of("timestamptz_ns", "\"2017-11-16T14:31:08.000001001-08:00\""),
            masked(-1207196810));
  EXPECT_EQ(hash_of("string", "\"iceberg\""), masked(1210000089));
  EXPECT_EQ(hash_of("uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\""), masked(1488055340));
  EXPECT_EQ(hash_of("fixed[4]", "\"00010203\""), masked(-188683207));
  EXPECT_EQ(hash_of("binary", "\"00010203\""), masked(-188683207));
  EXPECT_EQ(hash_of("string", "\"34\""), masked(-427558391));
  EXPECT_EQ(static_cast<int32_t>(ice::hash_decimal(1)), -463810133);
  EXPECT_EQ(static_cast<int32_t>(ice::hash_decimal(-1)), -43192051);
}

TEST(IcebergTransformTest, BucketVectorsFromPyIcebergAndRust) {
  EXPECT_EQ(apply("bucket[2]", "int", "0"), 0);
  EXPECT_EQ(apply("bucket[100]", "int", "34"), 79);
  EXPECT_EQ(apply("bucket[100]", "long", "34"), 79);
  EXPECT_EQ(apply("bucket[100]", "date", "\"2017-11-16\""), 26);
  EXPECT_EQ(apply("bucket[100]", "time", "\"22:31:08\""), 59);
  EXPECT_EQ(apply("bucket[100]", "timestamp", "\"2017-11-16T22:31:08\""), 7);
  EXPECT_EQ(apply("bucket[100]", "decimal(9,2)", "\"14.20\""), 59);
  EXPECT_EQ(apply("bucket[16]", "decimal(5,2)", "\"-1.28\""), 13);
  EXPECT_EQ(apply("bucket[100]", "string", "\"iceberg\""), 89);
  EXPECT_EQ(apply("bucket[100]", "uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\""), 40);
  EXPECT_EQ(apply("bucket[128]", "fixed[3]", "\"666f6f\""), 32);
  EXPECT_EQ(apply("bucket[128]", "binary", "\"00010203\""), 57);
  EXPECT_EQ(apply("bucket[10]", "int", "34"), 9);
  EXPECT_EQ(apply("bucket[10]", "decimal(6,2)", "\"14.20\""), 9);
  EXPECT_EQ(apply("bucket[100]", "timestamp_ns", "\"2017-11-16T22:31:08\""), 7);
}

TEST(IcebergTransformTest, TruncateVectors) {
  const std::pair<int, int> ints[] = {{0, 0},   {1, 0},    {5, 0},    {9, 0},     {10, 10},
                                      {11, 10}, {-1, -10}, {-5, -10}, {-10, -10}, {-11, -20}};
  for (auto [in, out] : ints) {
    EXPECT_EQ(apply("truncate[10]", "int", std::to_string(in).c_str()), out) << in;
    EXPECT_EQ(apply("truncate[10]", "long", std::to_string(in).c_str()), out) << in;
  }
  EXPECT_EQ(apply_json("truncate[50]", "decimal(9,2)", "\"10.65\""), "\"10.50\"");
  EXPECT_EQ(apply_json("truncate[10]", "decimal(9,2)", "\"12.34\""), "\"12.30\"");
  EXPECT_EQ(apply_json("truncate[10]", "decimal(9,2)", "\"12.30\""), "\"12.30\"");
  EXPECT_EQ(apply_json("truncate[10]", "decimal(9,2)", "\"12.29\""), "\"12.20\"");
  EXPECT_EQ(apply_json("truncate[10]", "decimal(9,2)", "\"0.05\""), "\"0.00\"");
  EXPECT_EQ(apply_json("truncate[10]", "decimal(9,2)", "\"-0.05\""), "\"-0.10\"");
  EXPECT_EQ(apply_json("truncate[3]", "string", "\"iceberg\""), "\"ice\"");
  EXPECT_EQ(apply_json("truncate[5]", "string", "\"abcdefg\""), "\"abcde\"");
  EXPECT_EQ(apply_json("truncate[5]", "string", "\"abc\""), "\"abc\"");
  EXPECT_EQ(apply_json("truncate[5]", "string", "\"\""), "\"\"");
  EXPECT_EQ(apply_json("truncate[1]", "string", "\"\\u2603de\""), "\"\xe2\x98\x83\"");
  EXPECT_EQ(apply_json("truncate[3]", "binary", "\"0102030405\""), "\"010203\"");
}

TEST(IcebergTransformTest, TimeUnitVectors) {
  struct row {
    const char* type;
    const char* value;
    int year, month, day, hour;
  };
  const row rows[] = {
      {"timestamp", "\"2017-12-01T10:12:55.038194\"", 47, 575, 17501, 420034},
      {"timestamp", "\"1970-01-01T00:00:01.000001\"", 0, 0, 0, 0},
      {"timestamp", "\"1969-12-31T23:59:59.999999\"", -1, -1, -1, -1},
      {"timestamp_ns", "\"2017-12-01T10:12:55.038194789\"", 47, 575, 17501, 420034},
      {"timestamp_ns", "\"1969-12-31T23:59:59.999999999\"", -1, -1, -1, -1},
      {"timestamptz", "\"2017-12-01T10:12:55.038194+00:00\"", 47, 575, 17501, 420034},
      {"date", "\"2017-12-01\"", 47, 575, 17501, 0},
      {"date", "\"1970-01-01\"", 0, 0, 0, 0},
      {"date", "\"1969-12-31\"", -1, -1, -1, 0},
  };
  for (const row& r : rows) {
    EXPECT_EQ(apply("year", r.type, r.value), r.year) << r.value;
    EXPECT_EQ(apply("month", r.type, r.value), r.month) << r.value;
    EXPECT_EQ(apply("day", r.type, r.value), r.day) << r.value;
    if (std::string(r.type) != "date") {
      EXPECT_EQ(apply("hour", r.type, r.value), r.hour) << r.value;
    }
  }
  EXPECT_EQ(apply_json("day", "timestamp", "\"2017-12-01T10:12:55.038194\""), "\"2017-12-01\"");
  EXPECT_FALSE(ice::transform_result_type(ice::parse_transform("hour").value(), T("date")));
  EXPECT_FALSE(ice::transform_result_type(ice::parse_transform("truncate[3]").value(), T("uuid")));
  EXPECT_FALSE(ice::transform_result_type(ice::parse_transform("bucket[3]").value(), T("boolean")));
  EXPECT_FALSE(ice::parse_transform("bucket[0]"));
  EXPECT_FALSE(ice::parse_transform("bucket[x]"));
  auto zorder = ice::parse_transform("zorder");
  ASSERT_TRUE(zorder) << zorder.error().to_string();
  EXPECT_EQ(zorder->kind, ice::transform_kind::unknown);
  EXPECT_EQ(ice::transform_to_string(*zorder), "zorder");
}

TEST(IcebergTransformTest, HumanStringsAndPaths) {
  auto y = ice::parse_transform("year").value();
  auto mo = ice::parse_transform("month").value();
  auto d = ice::parse_transform("day").value();
  auto h = ice::parse_transform("hour").value();
  const auto ts = T("timestamp");
  EXPECT_EQ(ice::human_string(y, ts, ice::literal::of_int(47)), "2017");
  EXPECT_EQ(ice::human_string(mo, ts, ice::literal::of_int(575)), "2017-12");
  EXPECT_EQ(ice::human_string(d, ts, ice::literal::of_int(17501)), "2017-12-01");
  EXPECT_EQ(ice::human_string(h, ts, ice::literal::of_int(420042)), "2017-12-01-18");
  EXPECT_EQ(ice::human_string(y, ts, ice::literal::of_int(-1)), "1969");
  EXPECT_EQ(ice::human_string(mo, ts, ice::literal::of_int(-1)), "1969-12");
  EXPECT_EQ(ice::human_string(d, ts, ice::literal::of_int(-1)), "1969-12-31");
  EXPECT_EQ(ice::human_string(h, ts, ice::literal::of_int(-1)), "1969-12-31-23");

  ice::schema s;
  s.fields.push_back(ice::types::field(1, "a b", T("string")));
  s.fields.push_back(ice::types::field(2, "ts", T("timestamp")));
  ice::partition_spec spec;
  spec.fields.push_back({1, {}, 1000, "a b", ice::parse_transform("identity").value()});
  spec.fields.push_back({2, {}, 1001, "ts_day", d});
  auto p = ice::partition_path(spec, s,
                               {ice::literal::of_bytes("x/y=z ~*"), ice::literal::of_int(17501)});
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "a+b=x%2Fy%3Dz+%7E*/ts_day=2017-12-01");
  auto p2 = ice::partition_path(spec, s, {ice::literal::null(), ice::literal::null()});
  ASSERT_TRUE(p2) << p2.error().to_string();
  EXPECT_EQ(*p2, "a+b=null/ts_day=null");
  auto pt = ice::partition_type(spec, s);
  ASSERT_TRUE(pt);
  EXPECT_EQ(pt->fields[1].type.kind, ice::type_kind::date);
  spec.fields[0].source_id = 9;
  auto bad = ice::partition_type(spec, s);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("source-id 9"), std::string::npos);
}

TEST(IcebergTransformTest, WholeColumnMatchesPerValue) {
  lakecodec::schema cs;
  cs.fields.push_back(lakecodec::field("l", lakecodec::types::int64()));
  cs.fields.push_back(lakecodec::field("s", lakecodec::types::string()));
  cs.fields.push_back(lakecodec::field("d", lakecodec::types::decimal128(9, 2)));
  cs.fields.push_back(
      lakecodec::field("t", lakecodec::types::timestamp(lakecodec::time_unit::nano, false)));
  lakecodec::batch_builder b(cs);
  for (int64_t i = -500; i < 500; ++i) {
    if (i % 7 == 0) {
      for (size_t c = 0; c < 4; ++c) b.column(c).append_null();
      continue;
    }
    b.column(0).append_int(i * 1000003);
    b.column(1).append_bytes("v" + std::to_string(i));
    b.column(2).append_decimal(i * 12345);
    b.column(3).append_int(i * 3600000000123LL);
  }
  auto batch = b.finish();
  ASSERT_TRUE(batch) << batch.error().to_string();
  const auto& v = batch->view();
  const ice::type src[] = {T("long"), T("string"), T("decimal(9,2)"), T("timestamp_ns")};
  for (const char* tr : {"bucket[16]", "bucket[1000]"}) {
    for (size_t c = 0; c < 4; ++c) {
      std::vector<int32_t> out(v.length);
      std::vector<uint8_t> valid(v.length);
      auto t = ice::parse_transform(tr).value();
      ASSERT_TRUE(ice::transform_to_int32(t, src[c], v.columns[c], out.data(), valid.data()).ok());
      for (int64_t i = 0; i < v.length; ++i) {
        auto one = ice::apply_transform(t, src[c], ice::column_literal(src[c], v.columns[c], i));
        ASSERT_TRUE(one);
        ASSERT_EQ(valid[i] != 0, !one->is_null);
        if (!one->is_null) {
          ASSERT_EQ(out[i], one->i) << tr << " col " << c << " row " << i;
        }
      }
    }
  }
  for (const char* tr : {"year", "month", "day", "hour"}) {
    std::vector<int32_t> out(v.length);
    std::vector<uint8_t> valid(v.length);
    auto t = ice::parse_transform(tr).value();
    ASSERT_TRUE(ice::transform_to_int32(t, src[3], v.columns[3], out.data(), valid.data()).ok());
    auto all = ice::transform_column(t, src[3], v.columns[3]);
    ASSERT_TRUE(all);
    for (int64_t i = 0; i < v.length; ++i)
      if (valid[i]) {
        ASSERT_EQ(out[i], (*all)[i].i) << tr;
      }
  }
  std::vector<int32_t> out(v.length);
  EXPECT_FALSE(ice::transform_to_int32(ice::parse_transform("bucket[4]").value(), T("long"),
                                       v.columns[1], out.data(), nullptr)
                   .ok());
}

TEST(IcebergValueTest, BinarySingleValueVectors) {
  struct row {
    const char* type;
    const char* json;
    const char* hex;
  };
  const row rows[] = {
      {"boolean", "false", "00"},
      {"boolean", "true", "01"},
      {"int", "84202", "ea480100"},
      {"long", "200", "c800000000000000"},
      {"float", "-4.5", "000090c0"},
      {"double", "6.0", "0000000000001840"},
      {"date", "\"1972-09-27\"", "e8030000"},
      {"time", "\"00:00:00.010000\"", "1027000000000000"},
      {"timestamp", "\"1970-01-01T00:00:00.400000\"", "801a060000000000"},
      {"timestamptz", "\"1970-01-01T00:00:00.400000+00:00\"", "801a060000000000"},
      {"timestamp_ns", "\"1970-01-01T00:00:00.400000000\"", "0084d71700000000"},
      {"timestamptz_ns", "\"1970-01-01T00:00:00.4+00:00\"", "0084d71700000000"},
      {"string", "\"ABC\"", "414243"},
      {"uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\"", "f79c3e09677c4bbda4793f349cb785e7"},
      {"fixed[2]", "\"6162\"", "6162"},
      {"binary", "\"5a\"", "5a"},
      {"decimal(3,2)", "\"3.45\"", "0159"},
      {"decimal(5,2)", "\"123.45\"", "3039"},
      {"decimal(7,4)", "\"123.4567\"", "12d687"},
      {"decimal(7,4)", "\"-123.4567\"", "ed2979"},
      {"decimal(10,3)", "\"0.011\"", "0b"},
  };
  for (const row& r : rows) {
    const auto t = T(r.type);
    const auto lit = J(t, r.json);
    auto bytes = ice::to_bytes(t, lit);
    ASSERT_TRUE(bytes) << r.type;
    EXPECT_EQ(ice::to_hex(*bytes), r.hex) << r.type << " " << r.json;
    auto back = ice::from_bytes(t, *bytes);
    ASSERT_TRUE(back);
    EXPECT_TRUE(ice::literal_equal(t.kind, lit, *back)) << r.type;
    // JSON single value round trip.
    auto j = ice::literal_to_json(t, lit);
    auto again = ice::literal_from_json(t, j);
    ASSERT_TRUE(again) << j.dump();
    EXPECT_TRUE(ice::literal_equal(t.kind, lit, *again)) << r.type << " " << j.dump();
  }
  EXPECT_FALSE(ice::from_bytes(T("int"), "abc"));
  EXPECT_TRUE(ice::from_bytes(T("long"), std::string("\x01\x00\x00\x00", 4)));  // promoted int
}

TEST(IcebergValueTest, JsonSingleValueForms) {
  EXPECT_EQ(ice::literal_to_json(T("decimal(9,4)"), J(T("decimal(9,4)"), "\"123.45\"")).dump(),
            "\"123.4500\"");
  EXPECT_EQ(ice::literal_to_json(T("decimal(9,0)"), J(T("decimal(9,0)"), "\"2\"")).dump(), "\"2\"");
  EXPECT_EQ(ice::literal_to_json(T("binary"), J(T("binary"), "\"010203FF\"")).dump(),
            "\"010203ff\"");
  EXPECT_EQ(ice::literal_to_json(T("timestamptz"),
                                 J(T("timestamptz"), "\"2017-11-16T14:31:08.123456-08:00\""))
                .dump(),
            "\"2017-11-16T22:31:08.123456+00:00\"");
  EXPECT_EQ(ice::literal_to_json(T("timestamp_ns"),
                                 J(T("timestamp_ns"), "\"1969-12-31T23:59:59.999999999\""))
                .dump(),
            "\"1969-12-31T23:59:59.999999999\"");
  EXPECT_EQ(ice::literal_to_json(T("time"), J(T("time"), "\"22:31:08.123456\"")).dump(),
            "\"22:31:08.123456\"");
  const std::pair<const char*, const char*> bad[] = {
      {"int", "2147483648"},
      {"int", "\"1\""},
      {"date", "\"2017-02-30\""},
      {"date", "17486"},
      {"timestamp", "\"2017-11-16T22:31:08+00:00\""},
      {"timestamptz", "\"2017-11-16T22:31:08\""},
      {"decimal(4,2)", "\"123.45\""},
      {"decimal(4,2)", "\"1.234\""},
      {"decimal(4,2)", "1.5"},
      {"uuid", "\"f79c3e09\""},
      {"fixed[2]", "\"616263\""},
      {"binary", "\"0g\""},
      {"boolean", "1"},
      {"time", "\"25:00:00\""},
  };
  for (const auto& b : bad) {
    auto r = ice::literal_from_json(T(b.first), nlohmann::json::parse(b.second));
    EXPECT_FALSE(r) << b.first << " " << b.second;
  }
}
