#include "lakecodec/core/builder.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace lc = lakecodec;

namespace {

lc::owned_batch finish_ok(lc::batch_builder& b) {
  auto r = b.finish();
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  if (!r) return {};
  return std::move(r).value();
}

lc::schema one(lc::field f) {
  lc::schema s;
  s.fields.push_back(std::move(f));
  return s;
}

}  // namespace

TEST(BatchBuilderTest, BuildsEveryPrimitiveType) {
  lc::schema s;
  s.fields = {{"b", lc::types::boolean()},
              {"i8", lc::types::int8()},
              {"i16", lc::types::int16()},
              {"i32", lc::types::int32()},
              {"i64", lc::types::int64()},
              {"f32", lc::types::float32()},
              {"f64", lc::types::float64()},
              {"dec", lc::types::decimal128(38, 2)},
              {"d", lc::types::date32()},
              {"t", lc::types::time64(lc::time_unit::nano)},
              {"ts", lc::types::timestamp(lc::time_unit::micro, true)},
              {"s", lc::types::string()},
              {"ls", lc::types::large_string()},
              {"bin", lc::types::binary()},
              {"lbin", lc::types::large_binary()},
              {"fsb", lc::types::fixed_size_binary(3)},
              {"u", lc::types::uuid()}};
  lc::batch_builder b(s);
  ASSERT_EQ(b.num_columns(), 17u);
  const __int128 big = static_cast<__int128>(std::numeric_limits<int64_t>::max()) * 1000 + 7;
  for (int row = 0; row < 10; ++row) {
    if (row % 3 == 2) {
      for (size_t c = 0; c < b.num_columns(); ++c) b.column(c).append_null();
      continue;
    }
    b.column(0).append_bool(row % 2 == 0);
    b.column(1).append_int(-128 + row);
    b.column(2).append_int(-30000 + row);
    b.column(3).append_int(std::numeric_limits<int32_t>::min() + row);
    b.column(4).append_int(std::numeric_limits<int64_t>::max() - row);
    b.column(5).append_float(1.5 * row);
    b.column(6).append_float(-0.25 * row);
    b.column(7).append_decimal(big * (row % 2 ? -1 : 1));
    b.column(8).append_int(19000 + row);
    b.column(9).append_int(int64_t{86399} * 1000000000 + row);
    b.column(10).append_int(int64_t{1700000000000000} + row);
    const std::string str = std::string(static_cast<size_t>(row), 'x') + "\xc3\xa9";
    b.column(11).append_bytes(str);
    b.column(12).append_bytes(str);
    b.column(13).append_bytes(std::string("\0\xff", 2));
    b.column(14).append_bytes("");
    b.column(15).append_bytes("abc");
    b.column(16).append_bytes("0123456789abcdef");
  }
  lc::owned_batch ob = finish_ok(b);
  const lc::batch_view& v = ob.view();
  ASSERT_EQ(v.length, 10);
  ASSERT_EQ(v.num_columns(), 17u);
  for (const auto& c : v.columns) {
    EXPECT_EQ(c.null_count(), 3);
    ASSERT_NE(c.validity, nullptr);
  }
  for (int row = 0; row < 10; ++row) {
    const bool null = row % 3 == 2;
    for (const auto& c : v.columns) EXPECT_EQ(c.is_valid(row), !null) << row;
    if (null) continue;
    EXPECT_EQ(v.columns[0].bool_value(row), row % 2 == 0);
    EXPECT_EQ(v.columns[1].value<int8_t>(row), -128 + row);
    EXPECT_EQ(v.columns[2].value<int16_t>(row), -30000 + row);
    EXPECT_EQ(v.columns[3].value<int32_t>(row), std::numeric_limits<int32_t>::min() + row);
    EXPECT_EQ(v.columns[4].value<int64_t>(row), std::numeric_limits<int64_t>::max() - row);
    EXPECT_EQ(v.columns[5].value<float>(row), 1.5f * row);
    EXPECT_EQ(v.columns[6].value<double>(row), -0.25 * row);
    EXPECT_TRUE(v.columns[7].decimal_value(row) == big * (row % 2 ? -1 : 1));
    EXPECT_EQ(v.columns[8].value<int32_t>(row), 19000 + row);
    EXPECT_EQ(v.columns[9].value<int64_t>(row), int64_t{86399} * 1000000000 + row);
    EXPECT_EQ(v.columns[10].value<int64_t>(row), int64_t{1700000000000000} + row);
    const std::string str = std::string(static_cast<size_t>(row), 'x') + "\xc3\xa9";
    EXPECT_EQ(v.columns[11].bytes(row), str);
    EXPECT_EQ(v.columns[12].bytes(row), str);
    EXPECT_EQ(v.columns[13].bytes(row), std::string("\0\xff", 2));
    EXPECT_EQ(v.columns[14].bytes(row), "");
    EXPECT_EQ(v.columns[15].fixed_bytes(row), "abc");
    EXPECT_EQ(v.columns[16].fixed_bytes(row), "0123456789abcdef");
  }
  EXPECT_TRUE(lc::validate_batch(v.schema, v).ok());
}

TEST(BatchBuilderTest, NoValidityBitmapWithoutNulls) {
  lc::batch_builder b(one({"x", lc::types::int32()}));
  for (int i = 0; i < 20; ++i) b.column(0).append_int(i);
  auto ob = finish_ok(b);
  EXPECT_EQ(ob.view().columns[0].validity, nullptr);
  EXPECT_EQ(ob.view().columns[0].null_count(), 0);
}

TEST(BatchBuilderTest, LateFirstNullKeepsEarlierSlotsValid) {
  lc::batch_builder b(one({"x", lc::types::int64()}));
  for (int i = 0; i < 13; ++i) b.column(0).append_int(i);
  b.column(0).append_null();
  b.column(0).append_int(99);
  auto ob = finish_ok(b);
  const auto& c = ob.view().columns[0];
  ASSERT_NE(c.validity, nullptr);
  for (int i = 0; i < 13; ++i) EXPECT_TRUE(c.is_valid(i));
  EXPECT_FALSE(c.is_valid(13));
  EXPECT_TRUE(c.is_valid(14));
  EXPECT_EQ(c.null_count(), 1);
  EXPECT_EQ(c.value<int64_t>(14), 99);
}

TEST(BatchBuilderTest, NestedStructListMapWithNullsAtEveryLevel) {
  // s: struct<a: int32, l: list<string>>, m: map<string, int64>, ll: large_list<list<int8>>
  lc::schema s;
  s.fields.push_back(
      lc::struct_field("s", {lc::field("a", lc::types::int32()),
                             lc::list_field("l", lc::field("item", lc::types::string()))}));
  s.fields.push_back(lc::map_field("m", lc::field("key", lc::types::string()),
                                   lc::field("value", lc::types::int64())));
  lc::field inner = lc::list_field("item", lc::field("item", lc::types::int8()));
  lc::field ll("ll", lc::types::large_list(), true, {inner});
  s.fields.push_back(ll);
  lc::batch_builder b(s);
  auto& st = *b.column("s");
  auto& m = *b.column("m");
  auto& l2 = *b.column("ll");
  ASSERT_EQ(b.column("missing"), nullptr);
  // Row 0: s = {a: 1, l: ["x", null]}, m = {"k": 5, "n": null}, ll = [[1, null], null, []]
  st.append_struct();
  st.child(0).append_int(1);
  st.child(1).begin_list();
  st.child(1).child(0).append_bytes("x");
  st.child(1).child(0).append_null();
  st.child(1).end_list();
  m.begin_list();
  m.child(0).append_bytes("k");
  m.child(1).append_int(5);
  m.child(0).append_bytes("n");
  m.child(1).append_null();
  m.end_list();
  l2.begin_list();
  l2.child(0).begin_list();
  l2.child(0).child(0).append_int(1);
  l2.child(0).child(0).append_null();
  l2.child(0).end_list();
  l2.child(0).append_null();
  l2.child(0).begin_list();
  l2.child(0).end_list();
  l2.end_list();
  // Row 1: all null.
  st.append_null();
  m.append_null();
  l2.append_null();
  // Row 2: s = {a: null, l: null}, m = {}, ll = []
  st.append_struct();
  st.child(0).append_null();
  st.child(1).append_null();
  m.begin_list();
  m.end_list();
  l2.begin_list();
  l2.end_list();

  auto ob = finish_ok(b);
  const lc::batch_view& v = ob.view();
  ASSERT_EQ(v.length, 3);
  const lc::column_view& cs = v.columns[0];
  EXPECT_TRUE(cs.is_valid(0));
  EXPECT_FALSE(cs.is_valid(1));
  EXPECT_TRUE(cs.is_valid(2));
  ASSERT_EQ(cs.children.size(), 2u);
  EXPECT_EQ(cs.children[0].length, 3);
  EXPECT_EQ(cs.children[0].value<int32_t>(0), 1);
  EXPECT_FALSE(cs.children[0].is_valid(1));  // null struct slot -> null child
  EXPECT_FALSE(cs.children[0].is_valid(2));
  const lc::column_view& sl = cs.children[1];
  EXPECT_EQ(sl.value_offset(0), 0);
  EXPECT_EQ(sl.value_offset(1), 2);
  EXPECT_EQ(sl.value_offset(2), 2);
  EXPECT_EQ(sl.value_offset(3), 2);
  EXPECT_EQ(sl.children[0].bytes(0), "x");
  EXPECT_FALSE(sl.children[0].is_valid(1));

  const lc::column_view& cm = v.columns[1];
  EXPECT_FALSE(cm.is_valid(1));
  EXPECT_EQ(cm.value_offset(1) - cm.value_offset(0), 2);
  EXPECT_EQ(cm.value_offset(3), 2);
  const lc::column_view& entries = cm.children[0];
  ASSERT_EQ(entries.children.size(), 2u);
  EXPECT_EQ(entries.length, 2);
  EXPECT_EQ(entries.validity, nullptr);
  EXPECT_EQ(entries.children[0].bytes(1), "n");
  EXPECT_EQ(entries.children[1].value<int64_t>(0), 5);
  EXPECT_FALSE(entries.children[1].is_valid(1));

  const lc::column_view& cl = v.columns[2];
  EXPECT_EQ(cl.type.id, lc::type_id::large_list);
  EXPECT_EQ(cl.value_offset(1), 3);
  EXPECT_EQ(cl.value_offset(3), 3);
  const lc::column_view& inner_v = cl.children[0];
  EXPECT_EQ(inner_v.length, 3);
  EXPECT_FALSE(inner_v.is_valid(1));
  EXPECT_EQ(inner_v.value_offset(1), 2);
  EXPECT_EQ(inner_v.value_offset(3), 2);
  EXPECT_EQ(inner_v.children[0].value<int8_t>(0), 1);
  EXPECT_FALSE(inner_v.children[0].is_valid(1));
}

TEST(BatchBuilderTest, NullStructFillsNonNullableChildrenWithDefaults) {
  lc::batch_builder b(one(lc::struct_field(
      "s", {lc::field("a", lc::types::int32(), false), lc::field("b", lc::types::string())})));
  auto& s = b.column(0);
  s.append_null();
  s.append_struct();
  s.child(0).append_int(4);
  s.child(1).append_bytes("q");
  auto ob = finish_ok(b);
  const auto& c = ob.view().columns[0];
  EXPECT_EQ(c.children[0].validity, nullptr);
  EXPECT_EQ(c.children[0].value<int32_t>(0), 0);
  EXPECT_FALSE(c.children[1].is_valid(0));
  EXPECT_EQ(c.children[1].bytes(1), "q");
}

TEST(BatchBuilderTest, SlicingTheBuiltBatch) {
  lc::schema s;
  s.fields = {{"i", lc::types::int32()}, {"s", lc::types::string()}, {"b", lc::types::boolean()}};
  s.fields.push_back(lc::list_field("l", lc::field("item", lc::types::int64())));
  lc::batch_builder b(s);
  for (int i = 0; i < 20; ++i) {
    if (i % 5 == 0) {
      for (size_t c = 0; c < 4; ++c) b.column(c).append_null();
      continue;
    }
    b.column(0).append_int(i);
    b.column(1).append_bytes(std::to_string(i));
    b.column(2).append_bool(i % 2 == 1);
    b.column(3).begin_list();
    for (int k = 0; k < i % 3; ++k) b.column(3).child(0).append_int(i * 10 + k);
    b.column(3).end_list();
  }
  auto ob = finish_ok(b);
  const lc::batch_view sl = ob.view().slice(7, 9);
  ASSERT_EQ(sl.length, 9);
  EXPECT_TRUE(lc::validate_batch(sl.schema, sl).ok());
  for (int j = 0; j < 9; ++j) {
    const int i = 7 + j;
    const bool valid = i % 5 != 0;
    for (const auto& c : sl.columns) EXPECT_EQ(c.is_valid(j), valid);
    if (!valid) continue;
    EXPECT_EQ(sl.columns[0].value<int32_t>(j), i);
    EXPECT_EQ(sl.columns[1].bytes(j), std::to_string(i));
    EXPECT_EQ(sl.columns[2].bool_value(j), i % 2 == 1);
    const auto& l = sl.columns[3];
    const int64_t b0 = l.value_offset(j), e0 = l.value_offset(j + 1);
    ASSERT_EQ(e0 - b0, i % 3);
    for (int k = 0; k < i % 3; ++k) EXPECT_EQ(l.children[0].value<int64_t>(b0 + k), i * 10 + k);
  }
  EXPECT_EQ(sl.columns[0].null_count(), 2);  // rows 10 and 15
  const auto range = sl.columns[3].child_range();
  EXPECT_GT(range.length, 0);
}

TEST(BatchBuilderTest, MisuseIsReportedNamingTheColumn) {
  lc::schema s;
  s.fields = {{"name", lc::types::string()}, {"n", lc::types::int8()}};
  {
    lc::batch_builder b(s);
    b.column(0).append_int(3);
    b.column(1).append_int(3);
    auto r = b.finish();
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), lc::errc::invalid_argument);
    EXPECT_NE(r.error().message().find("'name'"), std::string::npos) << r.error().message();
    EXPECT_NE(r.error().message().find("append_int"), std::string::npos);
  }
  {
    lc::batch_builder b(s);
    b.column(0).append_bytes("a");
    b.column(1).append_int(300);  // does not fit int8
    auto r = b.finish();
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("'n'"), std::string::npos);
  }
}

TEST(BatchBuilderTest, EveryMisuseKindFails) {
  auto expect_fail = [](lc::field f, auto&& fn) {
    lc::batch_builder b(one(std::move(f)));
    fn(b.column(0));
    auto r = b.finish();
    EXPECT_FALSE(r.has_value());
    if (!r) {
      EXPECT_NE(r.error().message().find("'c"), std::string::npos) << r.error().message();
    }
  };
  expect_fail({"c", lc::types::boolean()}, [](lc::column_builder& c) { c.append_int(1); });
  expect_fail({"c", lc::types::int32()}, [](lc::column_builder& c) { c.append_bool(true); });
  expect_fail({"c", lc::types::int32()}, [](lc::column_builder& c) { c.append_float(1); });
  expect_fail({"c", lc::types::float64()}, [](lc::column_builder& c) { c.append_decimal(1); });
  expect_fail({"c", lc::types::decimal128(5, 1)},
              [](lc::column_builder& c) { c.append_bytes("x"); });
  expect_fail({"c", lc::types::fixed_size_binary(4)},
              [](lc::column_builder& c) { c.append_bytes("abc"); });
  expect_fail({"c", lc::types::uuid()}, [](lc::column_builder& c) { c.append_bytes(""); });
  expect_fail({"c", lc::types::int16()}, [](lc::column_builder& c) { c.append_int(40000); });
  expect_fail({"c", lc::types::int32()}, [](lc::column_builder& c) { c.begin_list(); });
  expect_fail(lc::list_field("c", {"item", lc::types::int32()}),
              [](lc::column_builder& c) { c.begin_list(); });  // never closed
  expect_fail(lc::list_field("c", {"item", lc::types::int32()}),
              [](lc::column_builder& c) { c.end_list(); });
  expect_fail(lc::list_field("c", {"item", lc::types::int32()}), [](lc::column_builder& c) {
    c.begin_list();
    c.begin_list();
  });
  expect_fail(lc::list_field("c", {"item", lc::types::int32()}), [](lc::column_builder& c) {
    c.begin_list();
    c.append_null();
  });
  expect_fail(lc::list_field("c", {"item", lc::types::int32()}),
              [](lc::column_builder& c) { c.child(1).append_int(1); });
  expect_fail(lc::struct_field("c", {{"a", lc::types::int32()}}),
              [](lc::column_builder& c) { c.append_struct(); });  // child not appended
  expect_fail(lc::struct_field("c", {{"a", lc::types::int32()}}),
              [](lc::column_builder& c) { c.child(0).append_bytes("no"); });
  expect_fail(lc::map_field("c", {"key", lc::types::string()}, {"value", lc::types::int32()}),
              [](lc::column_builder& c) {
                c.begin_list();
                c.child(0).append_bytes("k");
                c.end_list();  // key without value
              });
  expect_fail(lc::map_field("c", {"key", lc::types::string()}, {"value", lc::types::int32()}),
              [](lc::column_builder& c) { c.child(2).append_int(0); });
  expect_fail({"c", lc::types::string()}, [](lc::column_builder& c) { c.append_struct(); });
}

TEST(BatchBuilderTest, ValidationErrors) {
  {
    lc::batch_builder b(one({"x", lc::types::int32(), false}));
    b.column(0).append_int(1);
    b.column(0).append_null();
    auto r = b.finish();
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), lc::errc::schema_mismatch);
    EXPECT_NE(r.error().message().find("'x'"), std::string::npos);
  }
  {
    lc::schema s;
    s.fields = {{"a", lc::types::int32()}, {"b", lc::types::int32()}};
    lc::batch_builder b(s);
    b.column(0).append_int(1);
    auto r = b.finish();
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message().find("'b'"), std::string::npos);
  }
}

TEST(BatchBuilderTest, ReusableAfterFinishAndOwnedBatchMoves) {
  lc::batch_builder b(one({"s", lc::types::string()}));
  b.column(0).append_int(1);  // misuse, then reset by finish
  EXPECT_FALSE(b.finish().has_value());
  b.column(0).append_bytes("first");
  auto first = finish_ok(b);
  EXPECT_EQ(b.column(0).length(), 0);
  b.column(0).append_bytes("second");
  b.column(0).append_bytes("third");
  auto second = finish_ok(b);
  lc::owned_batch moved = std::move(first);
  EXPECT_EQ(moved.view().length, 1);
  EXPECT_EQ(moved.view().columns[0].bytes(0), "first");
  EXPECT_EQ(second.view().columns[0].bytes(1), "third");
  std::vector<lc::owned_batch> many;
  for (int i = 0; i < 10; ++i) {
    b.column(0).append_bytes(std::to_string(i));
    many.push_back(finish_ok(b));
  }
  for (int i = 0; i < 10; ++i) EXPECT_EQ(many[i].view().columns[0].bytes(0), std::to_string(i));
}

TEST(BatchBuilderTest, EmptyBatch) {
  lc::schema s;
  s.fields = {{"s", lc::types::string()}, {"i", lc::types::int64()}};
  s.fields.push_back(lc::list_field("l", {"item", lc::types::int32()}));
  lc::batch_builder b(s);
  auto ob = finish_ok(b);
  EXPECT_EQ(ob.view().length, 0);
  EXPECT_EQ(ob.view().columns[0].value_offset(0), 0);
}

TEST(BatchBuilderTest, FloatSpecialValues) {
  lc::batch_builder b(one({"f", lc::types::float32()}));
  b.column(0).append_float(std::nan(""));
  b.column(0).append_float(-0.0);
  b.column(0).append_float(std::numeric_limits<double>::infinity());
  auto ob = finish_ok(b);
  const auto& c = ob.view().columns[0];
  EXPECT_TRUE(std::isnan(c.value<float>(0)));
  EXPECT_TRUE(std::signbit(c.value<float>(1)));
  EXPECT_TRUE(std::isinf(c.value<float>(2)));
}
