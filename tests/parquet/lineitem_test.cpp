// The `gen lineitem` row generator keeps the TPC-H 3.0 clause 4.2.3 value domains and
// cardinalities (so files and benchmarks stay comparable across generator changes), fills every
// column for every row, and is deterministic for a seed.
#include "../../tools/lakecodec/lineitem.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

using lakecodec_cli::lineitem_generator;

namespace {

std::string text_at(const lineitem_generator::batch::text& t, size_t i) {
  return t.data.substr(static_cast<size_t>(t.offsets[i]),
                       static_cast<size_t>(t.offsets[i + 1] - t.offsets[i]));
}

}  // namespace

TEST(LineitemGeneratorTest, KeepsTpchDomainsAndCardinalities) {
  const int64_t rows = 600000;  // scale factor 0.1: 20,000 parts, 1,000 suppliers
  lineitem_generator gen(1, rows);
  lineitem_generator::batch b;
  std::set<int32_t> parts, supps;
  std::set<int64_t> discounts, taxes, quantities;
  std::map<std::string, int64_t> flags, statuses, instructs, modes;
  int64_t prev_order = 0, done = 0;
  size_t min_comment = 1000, max_comment = 0;
  while (done < rows) {
    const int64_t n = std::min<int64_t>(65536, rows - done);
    gen.next(b, n);
    ASSERT_EQ(b.rows, n);
    const lakecodec::batch_view v = b.view();
    ASSERT_EQ(v.columns.size(), 16u);
    for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
      const int64_t o = b.orderkey[i];
      ASSERT_GE(o, prev_order);
      ASSERT_GE((o - 1) % 32, 0);
      ASSERT_LT((o - 1) % 32, 8) << "orderkeys are sparse: 8 of every 32 are used";
      prev_order = o;
      ASSERT_GE(b.linenumber[i], 1);
      ASSERT_LE(b.linenumber[i], 7);
      parts.insert(b.partkey[i]);
      supps.insert(b.suppkey[i]);
      quantities.insert(static_cast<int64_t>(b.quantity[i]));
      discounts.insert(static_cast<int64_t>(b.discount[i]));
      taxes.insert(static_cast<int64_t>(b.tax[i]));
      const int64_t part = b.partkey[i];
      const int64_t retail = 90000 + ((part / 10) % 20001) + 100 * (part % 1000);
      ASSERT_EQ(static_cast<int64_t>(b.extendedprice[i]),
                static_cast<int64_t>(b.quantity[i]) / 100 * retail);
      ASSERT_GE(b.receiptdate[i] - b.shipdate[i], 1);
      ASSERT_LE(b.receiptdate[i] - b.shipdate[i], 30);
      ASSERT_GE(b.shipdate[i], 8035 + 1);  // 1992-01-02
      ASSERT_LE(b.receiptdate[i], 10440);  // 1998-08-02
      const std::string flag = text_at(b.returnflag, i), status = text_at(b.linestatus, i);
      ASSERT_EQ(flag == "N", b.receiptdate[i] > 9298) << i;
      ASSERT_EQ(status == "O", b.shipdate[i] > 9298) << i;
      ++flags[flag], ++statuses[status];
      ++instructs[text_at(b.shipinstruct, i)], ++modes[text_at(b.shipmode, i)];
      const size_t len = text_at(b.comment, i).size();
      min_comment = std::min(min_comment, len), max_comment = std::max(max_comment, len);
    }
    done += n;
  }
  EXPECT_EQ(parts.size(), 20000u);
  EXPECT_EQ(*parts.begin(), 1);
  EXPECT_EQ(*parts.rbegin(), 20000);
  EXPECT_EQ(supps.size(), 1000u);
  EXPECT_EQ(*supps.begin(), 1);
  EXPECT_EQ(*supps.rbegin(), 1000);
  EXPECT_EQ(quantities.size(), 50u);
  EXPECT_EQ(*quantities.begin(), 100);
  EXPECT_EQ(*quantities.rbegin(), 5000);
  EXPECT_EQ(discounts, (std::set<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(taxes, (std::set<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  ASSERT_EQ(flags.size(), 3u);
  // R and A split the returned rows evenly (within 2%).
  EXPECT_NEAR(static_cast<double>(flags["R"]) / flags["A"], 1.0, 0.02);
  EXPECT_EQ(statuses.size(), 2u);
  const std::set<std::string> want_instruct = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                               "TAKE BACK RETURN"};
  const std::set<std::string> want_modes = {"REG AIR", "AIR",  "RAIL", "SHIP",
                                            "TRUCK",   "MAIL", "FOB"};
  std::set<std::string> got_instruct, got_modes;
  for (const auto& [k, c] : instructs) {
    got_instruct.insert(k);
    EXPECT_NEAR(static_cast<double>(c) / rows, 1.0 / 4, 0.01) << k;
  }
  for (const auto& [k, c] : modes) {
    got_modes.insert(k);
    EXPECT_NEAR(static_cast<double>(c) / rows, 1.0 / 7, 0.01) << k;
  }
  EXPECT_EQ(got_instruct, want_instruct);
  EXPECT_EQ(got_modes, want_modes);
  EXPECT_EQ(min_comment, 10u);
  EXPECT_EQ(max_comment, 43u);
}

TEST(LineitemGeneratorTest, SameSeedSameRowsOtherSeedOtherRows) {
  auto first = [](uint64_t seed) {
    lineitem_generator g(seed, 1000);
    lineitem_generator::batch b;
    g.next(b, 1000);
    std::string s;
    for (size_t i = 0; i < 1000; ++i)
      s += std::to_string(b.partkey[i]) + "," + text_at(b.comment, i) + ";";
    return s;
  };
  EXPECT_EQ(first(3), first(3));
  EXPECT_NE(first(3), first(4));
}

TEST(LineitemGeneratorTest, EmptyAndOneRowBatches) {
  lineitem_generator g(1, 10);
  lineitem_generator::batch b;
  g.next(b, 0);
  EXPECT_EQ(b.rows, 0);
  EXPECT_EQ(b.comment.offsets[0], 0);
  g.next(b, 1);
  ASSERT_EQ(b.rows, 1);
  EXPECT_EQ(b.orderkey[0], 1);
  EXPECT_EQ(b.linenumber[0], 1);
  EXPECT_GE(b.comment.offsets[1], 10);
}
