// The statistics a closed Parquet file reports per column are the foundation's column_stats:
// over many pages, row groups and batches they equal compute_stats over the same input, for
// every bound kind (signed integers stored widened, decimals on INT32/INT64/FIXED_LEN_BYTE_ARRAY,
// floats with NaN and signed zeros, strings, binary, fixed bytes, booleans, dates, timestamps),
// with and without dictionary encoding. The footer's chunk statistics are those bounds encoded.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;

namespace {

schema mixed_schema() {
  schema s;
  s.fields.push_back(field("i8", types::int8(), true, {}, 1));
  s.fields.push_back(field("i64", types::int64(), false, {}, 2));
  s.fields.push_back(field("d9", types::decimal128(9, 2), true, {}, 3));
  s.fields.push_back(field("d18", types::decimal128(18, 4), true, {}, 4));
  s.fields.push_back(field("d30", types::decimal128(30, 3), true, {}, 5));
  s.fields.push_back(field("f32", types::float32(), true, {}, 6));
  s.fields.push_back(field("f64", types::float64(), true, {}, 7));
  s.fields.push_back(field("s", types::string(), true, {}, 8));
  s.fields.push_back(field("b", types::binary(), true, {}, 9));
  s.fields.push_back(field("fx", types::fixed_size_binary(4), true, {}, 10));
  s.fields.push_back(field("flag", types::boolean(), true, {}, 11));
  s.fields.push_back(field("day", types::date32(), true, {}, 12));
  s.fields.push_back(field("ts", types::timestamp(time_unit::micro, true), true, {}, 13));
  return s;
}

// Deterministic values with negatives, NaNs, signed zeros, long and non-ASCII strings and
// bytes >= 0x80 so every ordering rule is exercised.
owned_batch mixed_batch(int64_t n, int64_t base) {
  batch_builder b(mixed_schema());
  for (int64_t r = 0; r < n; ++r) {
    const int64_t i = base + r;
    const uint64_t h = static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull;
    const bool null = h % 17 == 3;
    auto col = [&](int k) -> column_builder& { return b.column(static_cast<size_t>(k)); };
    null ? col(0).append_null() : col(0).append_int(static_cast<int8_t>(h >> 40));
    col(1).append_int(static_cast<int64_t>(h >> 3) - (int64_t{1} << 59));
    null ? col(2).append_null() : col(2).append_decimal(static_cast<int64_t>(h % 1999999) - 999999);
    null ? col(3).append_null()
         : col(3).append_decimal(static_cast<int64_t>(h % 1999999999999) - 999999999999);
    const __int128 big = (static_cast<__int128>(static_cast<int64_t>(h)) * 1000003) %
                         (static_cast<__int128>(1) << 90);
    null ? col(4).append_null() : col(4).append_decimal(big);
    if (null)
      col(5).append_null();
    else if (h % 29 == 1)
      col(5).append_float(std::nanf(""));
    else if (h % 31 == 2)
      col(5).append_float(-0.0);
    else
      col(5).append_float(static_cast<double>(static_cast<int32_t>(h >> 44)) / 7.0);
    if (h % 23 == 4)
      col(6).append_float(std::nan(""));
    else if (h % 37 == 5)
      col(6).append_float(0.0);
    else
      col(6).append_float(static_cast<double>(static_cast<int64_t>(h)) / 3.0e9);
    if (null)
      col(7).append_null();
    else if (h % 5 == 0)
      col(7).append_bytes("gr\xc3\xbc\xc3\x9f" + std::to_string(h % 1000));
    else
      col(7).append_bytes(std::string(h % 90, 'a' + static_cast<char>(h % 26)) +
                          std::to_string(h % 7));
    const std::string bytes = {static_cast<char>(h >> 56), static_cast<char>(h >> 48),
                               static_cast<char>(h >> 8)};
    null ? col(8).append_null() : col(8).append_bytes(bytes.substr(0, h % 4));
    const std::string four = {static_cast<char>(h >> 24), static_cast<char>(h >> 16),
                              static_cast<char>(h >> 32), static_cast<char>(h)};
    null ? col(9).append_null() : col(9).append_bytes(four);
    null ? col(10).append_null() : col(10).append_bool(h % 3 == 0);
    null ? col(11).append_null() : col(11).append_int(static_cast<int32_t>(h % 40000) - 20000);
    null ? col(12).append_null()
         : col(12).append_int(static_cast<int64_t>(h >> 12) - (int64_t{1} << 50));
  }
  auto out = b.finish();
  EXPECT_TRUE(out.ok()) << out.error().to_string();
  return std::move(out).value();
}

void expect_same_stats(const column_stats& want, const column_stats& got, const std::string& c) {
  EXPECT_EQ(got.type, want.type) << c;
  EXPECT_EQ(got.value_count, want.value_count) << c;
  EXPECT_EQ(got.null_count, want.null_count) << c;
  EXPECT_EQ(got.nan_count, want.nan_count) << c;
  EXPECT_TRUE(got.min == want.min) << c;
  EXPECT_TRUE(got.max == want.max) << c;
  EXPECT_TRUE(got.min_exact && got.max_exact) << c;
}

void check_file_stats(bool dictionary, int page_version) {
  pq::writer_options o;
  o.row_group_rows = 3000;
  o.max_rows_per_page = 700;
  o.dictionary = dictionary;
  o.page_version = page_version;
  memory_sink sink;
  auto w = pq::file_writer::open(sink, mixed_schema(), o);
  ASSERT_TRUE(w.ok()) << w.error().to_string();
  std::vector<column_stats> want;
  for (const field& f : mixed_schema().fields) want.emplace_back(f.type);
  for (int64_t base : {int64_t{0}, int64_t{2500}, int64_t{4100}}) {
    const owned_batch b = mixed_batch(base == 2500 ? 1600 : 2500, base);
    ASSERT_TRUE((*w)->write(b.view()).ok());
    for (size_t c = 0; c < want.size(); ++c)
      ASSERT_TRUE(update_stats(want[c], b.view().columns[c]).ok());
  }
  auto sum = (*w)->close();
  ASSERT_TRUE(sum.ok()) << sum.error().to_string();
  ASSERT_EQ(sum->columns.size(), want.size());
  for (size_t c = 0; c < want.size(); ++c)
    expect_same_stats(want[c], sum->columns[c].stats, sum->columns[c].path[0]);

  // The footer's chunk statistics are the same computation, per row group, PLAIN-encoded.
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  ASSERT_EQ(f->metadata.row_groups.size(), 3u);
  // Row groups hold 3000 rows and the batches are consecutive rows (0..6599), so row group 0 is
  // mixed_batch(3000, 0): its d30 bounds are exactly that slice's, and within the file's.
  const auto& d30 = *f->metadata.row_groups[0].columns[4].meta_data;
  ASSERT_TRUE(d30.statistics && d30.statistics->min_value && d30.statistics->max_value);
  EXPECT_EQ(d30.type, pq::physical_type::fixed_len_byte_array);
  const column_stats rg0 = compute_stats(mixed_batch(3000, 0).view().columns[4]);
  const std::string& lo = *d30.statistics->min_value;
  const std::string& hi = *d30.statistics->max_value;
  const __int128 rg0_min =
      decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(lo.data()), lo.size());
  const __int128 rg0_max =
      decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(hi.data()), hi.size());
  EXPECT_TRUE(rg0_min == rg0.min.decimal);
  EXPECT_TRUE(rg0_max == rg0.max.decimal);
  EXPECT_TRUE(rg0_min >= want[4].min.decimal && rg0_max <= want[4].max.decimal);
  const auto& f32 = *f->metadata.row_groups[1].columns[5].meta_data;
  ASSERT_TRUE(f32.statistics && f32.statistics->nan_count);
  EXPECT_GT(*f32.statistics->nan_count, 0);
  ASSERT_EQ(f32.statistics->min_value->size(), 4u);
}

}  // namespace

TEST(ParquetSummaryStatsTest, FileStatisticsEqualCoreStatsWithDictionary) {
  check_file_stats(true, 1);
}

TEST(ParquetSummaryStatsTest, FileStatisticsEqualCoreStatsPlainV2) { check_file_stats(false, 2); }

TEST(ParquetSummaryStatsTest, DecimalBytesRoundTrip) {
  for (__int128 v : {static_cast<__int128>(0), static_cast<__int128>(-1),
                     static_cast<__int128>(127), static_cast<__int128>(-128),
                     static_cast<__int128>(1) << 100, -(static_cast<__int128>(1) << 100) + 7}) {
    uint8_t buf[16];
    decimal_to_be_bytes(v, buf, 16);
    EXPECT_TRUE(decimal_from_be_bytes(buf, 16) == v);
    if (v >= -128 && v <= 127) {
      decimal_to_be_bytes(v, buf, 1);
      EXPECT_TRUE(decimal_from_be_bytes(buf, 1) == v);
    }
  }
}

TEST(ParquetSummaryStatsTest, WriteAndCloseWritesTheFinalRowGroupColumnByColumn) {
  pq::writer_options o;
  o.row_group_rows = 10000;
  memory_sink sink;
  auto w = pq::file_writer::open(sink, mixed_schema(), o);
  ASSERT_TRUE(w.ok()) << w.error().to_string();
  const owned_batch b = mixed_batch(25000, 0);
  auto sum = (*w)->write_and_close(b.view());
  ASSERT_TRUE(sum.ok()) << sum.error().to_string();
  EXPECT_EQ(sum->row_count, 25000);
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  ASSERT_EQ(f->metadata.row_groups.size(), 3u);
  EXPECT_EQ(f->metadata.row_groups[2].num_rows, 5000);
  for (const auto& rg : f->metadata.row_groups) {
    int64_t end = 0;  // chunks are contiguous and in column order
    for (const auto& cc : rg.columns) {
      const auto& m = *cc.meta_data;
      const int64_t start = m.dictionary_page_offset.value_or(m.data_page_offset);
      if (end != 0) {
        EXPECT_EQ(start, end);
      }
      end = start + m.total_compressed_size;
    }
  }
  for (size_t c = 0; c < sum->columns.size(); ++c)
    expect_same_stats(compute_stats(b.view().columns[c]), sum->columns[c].stats,
                      sum->columns[c].path[0]);
}
