// Bucketing and SimpleStats from columnar batches (core/columnar.hpp, core/builder.hpp).
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/paimon.hpp"

namespace paimon = lakecodec::paimon;
namespace types = lakecodec::types;

namespace {

paimon::table_schema pk_table() {
  auto s = paimon::parse_table_schema(R"j({"version":3,"id":0,"fields":[
    {"id":0,"name":"dt","type":"STRING NOT NULL"},{"id":1,"name":"id","type":"BIGINT NOT NULL"},
    {"id":2,"name":"name","type":"STRING NOT NULL"},{"id":3,"name":"price","type":"DECIMAL(20, 2)"},
    {"id":4,"name":"ts","type":"TIMESTAMP(6)"}],"highestFieldId":4,"partitionKeys":["dt"],
    "primaryKeys":["dt","id","name"],"options":{"bucket":"16"},"timeMillis":0})j");
  EXPECT_TRUE(s.has_value()) << s.error().to_string();
  return *s;
}

lakecodec::owned_batch make_batch(int64_t rows) {
  lakecodec::schema s;
  s.fields.emplace_back("dt", types::string(), false);
  s.fields.emplace_back("id", types::int64(), false);
  s.fields.emplace_back("name", types::string(), false);
  s.fields.emplace_back("price", types::decimal128(20, 2));
  s.fields.emplace_back("ts", types::timestamp(lakecodec::time_unit::micro, false));
  lakecodec::batch_builder b(s);
  for (int64_t i = 0; i < rows; ++i) {
    b.column(0).append_bytes(i % 3 == 0 ? "2024-01-01" : "2024-01-02");
    b.column(1).append_int(i * 7919 - 5000);
    b.column(2).append_bytes(i % 5 == 0 ? "short" : "a-longer-name-" + std::to_string(i));
    if (i % 4 == 0) {
      b.column(3).append_null();
    } else {
      b.column(3).append_decimal(static_cast<__int128>(i) * 1000000007 - 42);
    }
    b.column(4).append_int(1700000000000000 + i * 1234567);
  }
  auto r = b.finish();
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return std::move(r).value();
}

}  // namespace

TEST(PaimonColumnarTest, SplitBatchMatchesRowByRowBuckets) {
  const paimon::table_schema t = pk_table();
  lakecodec::owned_batch batch = make_batch(2000);
  auto split = paimon::split_batch(batch.view(), t);
  ASSERT_TRUE(split.has_value()) << split.error().to_string();
  auto ex = paimon::bucket_key_extractor::make(t);
  ASSERT_TRUE(ex.has_value());
  EXPECT_EQ(ex->key_fields().size(), 2u);  // trimmed primary key: id, name
  const auto& v = batch.view();
  size_t grouped = 0;
  for (const auto& g : split->groups) {
    auto part = paimon::decode_row(g.partition.span(), {t.fields[0]});
    ASSERT_TRUE(part.has_value());
    for (int64_t r : g.rows) {
      std::vector<paimon::datum> row(t.fields.size());
      row[1] = paimon::datum::of_int(v.columns[1].value<int64_t>(r));
      row[2] = paimon::datum::of_string(std::string(v.columns[2].bytes(r)));
      auto b = ex->bucket(row);
      ASSERT_TRUE(b.has_value());
      EXPECT_EQ(*b, g.bucket);
      EXPECT_EQ(split->row_buckets[static_cast<size_t>(r)], g.bucket);
      EXPECT_EQ((*part)[0].s, std::string(v.columns[0].bytes(r)));
      ++grouped;
    }
  }
  EXPECT_EQ(grouped, 2000u);
  EXPECT_GT(split->groups.size(), 16u);  // two partitions x up to 16 buckets
  EXPECT_LE(split->groups.size(), 32u);
}

TEST(PaimonColumnarTest, SplitBatchRejectsMissingAndMistypedColumns) {
  paimon::table_schema t = pk_table();
  lakecodec::schema s;
  s.fields.emplace_back("dt", types::string(), false);
  s.fields.emplace_back("id", types::int32(), false);
  lakecodec::batch_builder b(s);
  b.column(0).append_bytes("x");
  b.column(1).append_int(1);
  auto batch = b.finish();
  ASSERT_TRUE(batch.has_value());
  auto r = paimon::split_batch(batch->view(), t);
  ASSERT_FALSE(r.has_value());
  t.options = {{"bucket", "-1"}};
  t.primary_keys.clear();
  auto unaware = paimon::split_batch(batch->view(), t);
  ASSERT_TRUE(unaware.has_value()) << unaware.error().to_string();
  ASSERT_EQ(unaware->groups.size(), 1u);
  EXPECT_EQ(unaware->groups[0].bucket, 0);
}

TEST(PaimonColumnarTest, SimpleStatsFromColumnStatistics) {
  const paimon::table_schema t = pk_table();
  lakecodec::owned_batch batch = make_batch(100);
  std::vector<paimon::data_field> fields(t.fields.begin() + 1, t.fields.end());
  auto s = paimon::compute_simple_stats(batch.view(), fields, 0);
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  ASSERT_TRUE(s->null_counts.has_value());
  EXPECT_EQ(*s->null_counts, (std::vector<std::optional<int64_t>>{0, 0, 25, 0}));
  std::vector<paimon::data_field> nullable = fields;
  for (auto& f : nullable) f.type.nullable = true;
  auto mins = paimon::decode_row(s->min_values.span(), nullable);
  auto maxs = paimon::decode_row(s->max_values.span(), nullable);
  ASSERT_TRUE(mins.has_value() && maxs.has_value());
  EXPECT_EQ((*mins)[0].i, -5000);
  EXPECT_EQ((*maxs)[0].i, 99 * 7919 - 5000);
  EXPECT_EQ((*mins)[1].s, "a-longer-name-1");
  EXPECT_EQ((*maxs)[1].s, "short");
  EXPECT_EQ(paimon::decimal_from_bytes((*mins)[2].s), static_cast<__int128>(1) * 1000000007 - 42);
  EXPECT_EQ(paimon::decimal_from_bytes((*maxs)[2].s), static_cast<__int128>(99) * 1000000007 - 42);
  EXPECT_EQ((*mins)[3].i, 1700000000000);  // epoch millis
  EXPECT_EQ((*maxs)[3].i, (1700000000000000 + 99 * 1234567) / 1000);
  EXPECT_EQ((*maxs)[3].nanos, ((1700000000000000 + 99 * 1234567) % 1000) * 1000);
  // Truncated to 4 bytes: min is a prefix, max an incremented prefix.
  auto tr = paimon::compute_simple_stats(batch.view(), fields, 4);
  ASSERT_TRUE(tr.has_value());
  auto tmin = paimon::decode_row(tr->min_values.span(), nullable);
  auto tmax = paimon::decode_row(tr->max_values.span(), nullable);
  EXPECT_EQ((*tmin)[1].s, "a-lo");
  EXPECT_EQ((*tmax)[1].s, "shos");
}
