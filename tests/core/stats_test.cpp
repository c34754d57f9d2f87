#include "lakecodec/core/stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"

namespace lc = lakecodec;

namespace {

template <class Fill>
lc::owned_batch build(const lc::data_type& t, Fill&& fill) {
  lc::schema s;
  s.fields.push_back(lc::field("c", t));
  lc::batch_builder b(s);
  fill(b.column(0));
  auto r = b.finish();
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return r ? std::move(r).value() : lc::owned_batch();
}

bool is_neg_zero(const lc::stat_bound& b) {
  return b.kind == lc::bound_kind::floating && b.floating == 0 && std::signbit(b.floating);
}
bool is_pos_zero(const lc::stat_bound& b) {
  return b.kind == lc::bound_kind::floating && b.floating == 0 && !std::signbit(b.floating);
}

}  // namespace

TEST(ColumnStatsTest, SignedIntegers) {
  auto ob = build(lc::types::int64(), [](lc::column_builder& c) {
    c.append_int(5);
    c.append_null();
    c.append_int(std::numeric_limits<int64_t>::min());
    c.append_int(std::numeric_limits<int64_t>::max());
    c.append_int(-1);
  });
  auto s = lc::compute_stats(ob.view().columns[0]);
  EXPECT_EQ(s.value_count, 5);
  EXPECT_EQ(s.null_count, 1);
  EXPECT_EQ(s.nan_count, 0);
  EXPECT_EQ(s.min, lc::stat_bound::of_int(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(s.max, lc::stat_bound::of_int(std::numeric_limits<int64_t>::max()));
  auto s8 = lc::compute_stats(build(lc::types::int8(),
                                    [](lc::column_builder& c) {
                                      c.append_int(-128);
                                      c.append_int(127);
                                      c.append_int(0);
                                    })
                                  .view()
                                  .columns[0]);
  EXPECT_EQ(s8.min.integer, -128);
  EXPECT_EQ(s8.max.integer, 127);
  auto sd = lc::compute_stats(build(lc::types::date32(),
                                    [](lc::column_builder& c) {
                                      c.append_int(-719162);
                                      c.append_int(2932896);
                                    })
                                  .view()
                                  .columns[0]);
  EXPECT_EQ(sd.min.integer, -719162);
  EXPECT_EQ(sd.max.integer, 2932896);
}

TEST(ColumnStatsTest, FloatsIgnoreNanAndNormalizeZeros) {
  const double nan = std::nan("");
  auto ob = build(lc::types::float64(), [&](lc::column_builder& c) {
    c.append_float(nan);
    c.append_float(0.0);
    c.append_null();
    c.append_float(-0.0);
    c.append_float(nan);
  });
  auto s = lc::compute_stats(ob.view().columns[0]);
  EXPECT_EQ(s.nan_count, 2);
  EXPECT_EQ(s.null_count, 1);
  EXPECT_TRUE(is_neg_zero(s.min));
  EXPECT_TRUE(is_pos_zero(s.max));

  auto all_nan = lc::compute_stats(build(lc::types::float32(),
                                         [&](lc::column_builder& c) {
                                           c.append_float(nan);
                                           c.append_null();
                                           c.append_float(nan);
                                         })
                                       .view()
                                       .columns[0]);
  EXPECT_EQ(all_nan.nan_count, 2);
  EXPECT_FALSE(all_nan.min.has_value());
  EXPECT_FALSE(all_nan.max.has_value());

  auto inf = lc::compute_stats(build(lc::types::float32(),
                                     [&](lc::column_builder& c) {
                                       c.append_float(std::numeric_limits<double>::infinity());
                                       c.append_float(nan);
                                       c.append_float(-1.5);
                                     })
                                   .view()
                                   .columns[0]);
  EXPECT_EQ(inf.min, lc::stat_bound::of_double(-1.5));
  EXPECT_EQ(inf.max, lc::stat_bound::of_double(std::numeric_limits<double>::infinity()));

  auto pos = lc::compute_stats(build(lc::types::float64(),
                                     [&](lc::column_builder& c) {
                                       c.append_float(0.0);
                                       c.append_float(2.0);
                                     })
                                   .view()
                                   .columns[0]);
  EXPECT_TRUE(is_neg_zero(pos.min));
  EXPECT_EQ(pos.max, lc::stat_bound::of_double(2.0));
}

TEST(ColumnStatsTest, BytesAreUnsignedLexicographic) {
  auto ob = build(lc::types::string(), [](lc::column_builder& c) {
    c.append_bytes("b");
    c.append_bytes("\xc3\xa9");  // é sorts after ASCII (unsigned bytes)
    c.append_bytes("");
    c.append_null();
    c.append_bytes("ba");
  });
  auto s = lc::compute_stats(ob.view().columns[0]);
  EXPECT_EQ(s.min, lc::stat_bound::of_bytes(""));
  EXPECT_EQ(s.max, lc::stat_bound::of_bytes("\xc3\xa9"));
  auto fb = lc::compute_stats(build(lc::types::uuid(),
                                    [](lc::column_builder& c) {
                                      c.append_bytes(std::string(16, '\x80'));
                                      c.append_bytes(std::string(16, '\x7f'));
                                    })
                                  .view()
                                  .columns[0]);
  EXPECT_EQ(fb.min.bytes, std::string(16, '\x7f'));
  EXPECT_EQ(fb.max.bytes, std::string(16, '\x80'));
}

TEST(ColumnStatsTest, DecimalsNumericallyAndBooleans) {
  auto ob = build(lc::types::decimal128(38, 0), [](lc::column_builder& c) {
    c.append_decimal(-(static_cast<__int128>(1) << 100));
    c.append_decimal(3);
    c.append_decimal(-2);
  });
  auto s = lc::compute_stats(ob.view().columns[0]);
  EXPECT_TRUE(s.min.decimal == -(static_cast<__int128>(1) << 100));
  EXPECT_TRUE(s.max.decimal == 3);
  auto b = lc::compute_stats(build(lc::types::boolean(),
                                   [](lc::column_builder& c) {
                                     c.append_bool(true);
                                     c.append_null();
                                     c.append_bool(true);
                                   })
                                 .view()
                                 .columns[0]);
  EXPECT_EQ(b.min, lc::stat_bound::of_bool(true));
  EXPECT_EQ(b.max, lc::stat_bound::of_bool(true));
  EXPECT_EQ(b.null_count, 1);
}

TEST(ColumnStatsTest, AllNullAndEmptyAndNested) {
  auto s = lc::compute_stats(build(lc::types::string(),
                                   [](lc::column_builder& c) {
                                     c.append_null();
                                     c.append_null();
                                   })
                                 .view()
                                 .columns[0]);
  EXPECT_EQ(s.value_count, 2);
  EXPECT_EQ(s.null_count, 2);
  EXPECT_FALSE(s.min.has_value());
  auto e =
      lc::compute_stats(build(lc::types::int32(), [](lc::column_builder&) {}).view().columns[0]);
  EXPECT_EQ(e.value_count, 0);
  EXPECT_FALSE(e.max.has_value());
  lc::schema sc;
  sc.fields.push_back(lc::list_field("l", {"item", lc::types::int32()}));
  lc::batch_builder b(sc);
  b.column(0).append_null();
  b.column(0).begin_list();
  b.column(0).child(0).append_int(1);
  b.column(0).end_list();
  auto ob = b.finish();
  ASSERT_TRUE(ob.has_value());
  auto n = lc::compute_stats(ob.value().view().columns[0]);
  EXPECT_EQ(n.value_count, 2);
  EXPECT_EQ(n.null_count, 1);
  EXPECT_FALSE(n.min.has_value());
}

TEST(ColumnStatsTest, SlicedViewsCountOnlyTheirSlots) {
  auto ob = build(lc::types::int32(), [](lc::column_builder& c) {
    for (int i = 0; i < 100; ++i) {
      if (i % 7 == 0) {
        c.append_null();
      } else {
        c.append_int(i);
      }
    }
  });
  auto s = lc::compute_stats(ob.view().columns[0].slice(13, 20));  // 13..32
  EXPECT_EQ(s.value_count, 20);
  EXPECT_EQ(s.null_count, 3);  // 14, 21, 28
  EXPECT_EQ(s.min.integer, 13);
  EXPECT_EQ(s.max.integer, 32);
}

TEST(ColumnStatsTest, MergeAcrossBatches) {
  const double nan = std::nan("");
  auto a = lc::compute_stats(build(lc::types::float64(),
                                   [&](lc::column_builder& c) {
                                     c.append_float(nan);
                                     c.append_float(3);
                                   })
                                 .view()
                                 .columns[0]);
  auto b = lc::compute_stats(build(lc::types::float64(),
                                   [&](lc::column_builder& c) {
                                     c.append_float(-0.0);
                                     c.append_null();
                                   })
                                 .view()
                                 .columns[0]);
  auto all_nan = lc::compute_stats(
      build(lc::types::float64(), [&](lc::column_builder& c) { c.append_float(nan); })
          .view()
          .columns[0]);
  lc::column_stats m(lc::types::float64());
  ASSERT_TRUE(m.merge(all_nan).ok());
  EXPECT_FALSE(m.min.has_value());
  ASSERT_TRUE(m.merge(a).ok());
  ASSERT_TRUE(m.merge(b).ok());
  EXPECT_EQ(m.value_count, 5);
  EXPECT_EQ(m.null_count, 1);
  EXPECT_EQ(m.nan_count, 2);
  EXPECT_TRUE(is_neg_zero(m.min));
  EXPECT_EQ(m.max, lc::stat_bound::of_double(3));
  lc::column_stats wrong(lc::types::int64());
  EXPECT_EQ(wrong.merge(a).code(), lc::errc::invalid_argument);

  auto col = build(lc::types::string(), [](lc::column_builder& c) {
    c.append_bytes("m");
    c.append_bytes("a");
  });
  lc::column_stats u(lc::types::string());
  ASSERT_TRUE(lc::update_stats(u, col.view().columns[0]).ok());
  ASSERT_TRUE(lc::update_stats(u, col.view().columns[0].slice(0, 1)).ok());
  EXPECT_EQ(u.value_count, 3);
  EXPECT_EQ(u.min.bytes, "a");
  EXPECT_EQ(u.max.bytes, "m");
}

TEST(ColumnStatsTest, MergeKeepsDroppedMaxUnknown) {
  auto col = build(lc::types::binary(),
                   [](lc::column_builder& c) { c.append_bytes(std::string(10, '\xff')); });
  auto t = lc::compute_stats(col.view().columns[0]);
  lc::truncate_bounds(t, 4);
  EXPECT_FALSE(t.max.has_value());
  EXPECT_FALSE(t.max_exact);
  EXPECT_EQ(t.min.bytes, std::string(4, '\xff'));
  EXPECT_FALSE(t.min_exact);
  auto other = lc::compute_stats(
      build(lc::types::binary(), [](lc::column_builder& c) { c.append_bytes("a"); })
          .view()
          .columns[0]);
  lc::column_stats m = other;
  ASSERT_TRUE(m.merge(t).ok());
  EXPECT_FALSE(m.max.has_value());
  EXPECT_EQ(m.min.bytes, "a");
  EXPECT_TRUE(m.min_exact);
  ASSERT_TRUE(m.merge(other).ok());
  EXPECT_FALSE(m.max.has_value());
}

TEST(BoundTruncationTest, Binary) {
  EXPECT_EQ(lc::truncate_lower_bound("abcdef", 3, false), "abc");
  EXPECT_EQ(lc::truncate_lower_bound("ab", 3, false), "ab");
  EXPECT_EQ(lc::truncate_upper_bound("abcdef", 3, false), std::string("abd"));
  EXPECT_EQ(lc::truncate_upper_bound("ab", 3, false), std::string("ab"));
  EXPECT_EQ(lc::truncate_upper_bound("a\xff\xff"
                                     "z",
                                     3, false),
            std::string("b"));
  EXPECT_EQ(lc::truncate_upper_bound("\xff\xff\xff\xff", 3, false), std::nullopt);
  EXPECT_EQ(lc::truncate_upper_bound(std::string("\x00\x00\x01", 3), 2, false),
            std::string("\x00\x01", 2));
  EXPECT_EQ(lc::truncate_upper_bound("abc", 0, false), std::nullopt);
}

TEST(BoundTruncationTest, Utf8StaysValid) {
  const std::string s = "a\xc3\xa9\xe2\x82\xac";  // a é €  (1 + 2 + 3 bytes)
  EXPECT_EQ(lc::truncate_lower_bound(s, 2, true), "a");
  EXPECT_EQ(lc::truncate_lower_bound(s, 3, true), "a\xc3\xa9");
  EXPECT_EQ(lc::truncate_lower_bound(s, 5, true), "a\xc3\xa9");
  EXPECT_EQ(lc::truncate_upper_bound(s, 2, true), std::string("b"));
  EXPECT_EQ(lc::truncate_upper_bound(s, 4, true), std::string("a\xc3\xaa"));  // é -> ê
  // U+07FF cannot grow within 2 bytes: the previous character is incremented instead.
  EXPECT_EQ(lc::truncate_upper_bound("a\xdf\xbf"
                                     "zz",
                                     3, true),
            std::string("b"));
  // U+D7FF + 1 would be a surrogate: skip to U+E000 (same 3-byte length).
  EXPECT_EQ(lc::truncate_upper_bound("\xed\x9f\xbf"
                                     "z",
                                     3, true),
            std::string("\xee\x80\x80"));
  // U+10FFFF cannot be incremented at all.
  EXPECT_EQ(lc::truncate_upper_bound("\xf4\x8f\xbf\xbf"
                                     "z",
                                     4, true),
            std::nullopt);
  // U+007F + 1 needs 2 bytes: no same-length successor.
  EXPECT_EQ(lc::truncate_upper_bound("\x7f"
                                     "z",
                                     1, true),
            std::nullopt);
  EXPECT_EQ(lc::truncate_upper_bound("\xc3\xa9"
                                     "z",
                                     1, true),
            std::nullopt);  // cut -> ""
  EXPECT_EQ(lc::truncate_upper_bound("\xff\xfe"
                                     "abc",
                                     2, true),
            std::nullopt);  // invalid
}

TEST(BoundTruncationTest, TruncateBoundsMarksInexact) {
  auto col = build(lc::types::string(), [](lc::column_builder& c) {
    c.append_bytes("apple pie");
    c.append_bytes("zebra crossing");
  });
  auto s = lc::compute_stats(col.view().columns[0]);
  lc::truncate_bounds(s, 16);
  EXPECT_TRUE(s.min_exact);
  EXPECT_TRUE(s.max_exact);
  lc::truncate_bounds(s, 4);
  EXPECT_EQ(s.min.bytes, "appl");
  EXPECT_EQ(s.max.bytes, "zebs");
  EXPECT_FALSE(s.min_exact);
  EXPECT_FALSE(s.max_exact);
}
