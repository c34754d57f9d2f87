// Optional writer features: ENUM columns, INT96 timestamps, DELTA_BYTE_ARRAY pages and
// SizeStatistics (the values readers see are checked by features_test.py).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;

namespace {

schema feature_schema() {
  schema s;
  s.fields.push_back(field("color", types::string(), true, {}, 1));
  s.fields.push_back(field("ts", types::timestamp(time_unit::nano, false), true, {}, 2));
  field l = list_field("tags", field("element", types::string(), true, {}, 4));
  l.field_id = 3;
  s.fields.push_back(l);
  s.fields.push_back(field("n", types::int64(), false, {}, 5));
  return s;
}

std::string hex12(const uint8_t* p) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (int k = 0; k < 12; ++k) s += std::string{d[p[k] >> 4], d[p[k] & 15]};
  return s;
}

}  // namespace

TEST(ParquetFeaturesTest, EnumColumnsCarryLogicalAndConvertedType) {
  pq::schema_options o;
  o.enum_columns = {"color", "tags"};
  auto ps = pq::map_schema(feature_schema(), o);
  ASSERT_TRUE(ps.ok()) << ps.error().to_string();
  const pq::schema_element& color = ps->elements[1];
  ASSERT_TRUE(color.logical_type.has_value());
  EXPECT_EQ(color.logical_type->kind, pq::logical_type::enum_);
  EXPECT_EQ(*color.converted_type, pq::converted_type::ct_enum);
  EXPECT_EQ(*color.type, pq::physical_type::byte_array);
  // the list element under a top-level name is ENUM too
  EXPECT_EQ(ps->leaves[2].dotted_path, "tags.list.element");
  bool found = false;
  for (const auto& e : ps->elements)
    if (e.name == "element") {
      found = true;
      EXPECT_EQ(e.logical_type->kind, pq::logical_type::enum_);
    }
  EXPECT_TRUE(found);
  // the union member round trips through the compact protocol
  byte_buffer b;
  pq::serialize(color, b);
  pq::schema_element back;
  ASSERT_TRUE(pq::deserialize(b.span(), back).ok());
  EXPECT_EQ(back.logical_type->kind, pq::logical_type::enum_);
}

TEST(ParquetFeaturesTest, EnumAndInt96OptionsRefuseWrongColumns) {
  pq::schema_options o;
  o.enum_columns = {"nope"};
  auto r = pq::map_schema(feature_schema(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("'nope'"), std::string::npos);
  o.enum_columns = {"n"};
  r = pq::map_schema(feature_schema(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("ENUM column 'n'"), std::string::npos);
  o.enum_columns.clear();
  o.int96_columns = {"color"};
  r = pq::map_schema(feature_schema(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("INT96 column 'color'"), std::string::npos);
  // and through the writer: the error comes at open
  memory_sink sink;
  pq::writer_options wo;
  wo.schema.enum_columns = {"missing"};
  EXPECT_FALSE(pq::file_writer::open(sink, feature_schema(), wo).ok());
}

TEST(ParquetFeaturesTest, Int96TimestampsHaveNoLogicalTypeAndImpalaLayout) {
  pq::schema_options o;
  o.timestamps_as_int96 = true;
  auto ps = pq::map_schema(feature_schema(), o);
  ASSERT_TRUE(ps.ok());
  const pq::schema_element& ts = ps->elements[2];
  EXPECT_EQ(*ts.type, pq::physical_type::int96);
  EXPECT_FALSE(ts.logical_type.has_value());
  EXPECT_FALSE(ts.converted_type.has_value());
  EXPECT_FALSE(ts.type_length.has_value());
  EXPECT_EQ(ps->leaves[1].order, pq::sort_order::undefined);
  uint8_t out[12];
  pq::detail::int96_from_nanos(0, out);  // 1970-01-01: Julian day 2440588 = 0x253d8c
  EXPECT_EQ(hex12(out), "00000000000000008c3d2500");
  pq::detail::int96_from_nanos(-1, out);  // the last nanosecond of 1969-12-31
  EXPECT_EQ(hex12(out), "ffff4e91944e00008b3d2500");
  pq::detail::int96_from_nanos(static_cast<__int128>(86400) * 1000000000 + 5, out);
  EXPECT_EQ(hex12(out), "05000000000000008d3d2500");
}

TEST(ParquetFeaturesTest, Int96ColumnsWriteNullCountsButNoMinMaxOrColumnIndex) {
  memory_sink sink;
  pq::writer_options wo;
  wo.schema.int96_columns = {"ts"};
  auto w = pq::file_writer::open(sink, feature_schema(), wo);
  ASSERT_TRUE(w.ok()) << w.error().to_string();
  batch_builder b(feature_schema());
  for (int i = 0; i < 100; ++i) {
    b.column(0).append_bytes("c");
    if (i % 10 == 0)
      b.column(1).append_null();
    else
      b.column(1).append_int(int64_t{1700000000} * 1000000000 + i);
    b.column(2).append_null();
    b.column(3).append_int(i);
  }
  auto batch = b.finish();
  ASSERT_TRUE(batch.ok()) << batch.error().to_string();
  ASSERT_TRUE((*w)->write(batch->view()).ok());
  ASSERT_TRUE((*w)->close().ok());
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  const auto& m = *f->metadata.row_groups[0].columns[1].meta_data;
  EXPECT_EQ(m.type, pq::physical_type::int96);
  ASSERT_TRUE(m.statistics.has_value());
  EXPECT_EQ(*m.statistics->null_count, 10);
  EXPECT_FALSE(m.statistics->min_value.has_value());
  EXPECT_FALSE(m.statistics->max_value.has_value());
  EXPECT_FALSE(m.statistics->min.has_value());
  EXPECT_FALSE(f->column_indexes[0][1].has_value());
  EXPECT_TRUE(f->offset_indexes[0][1].has_value());
}

TEST(ParquetFeaturesTest, DeltaByteArraySplitsSharedPrefixesFromSuffixes) {
  // BYTE_ARRAY: "abc", "abd", "", "abdxyz" -> prefixes 0 2 0 0, suffixes "abc" "d" "" "abdxyz"
  byte_buffer plain;
  for (std::string v : {"abc", "abd", "", "abdxyz"}) {
    plain.append_le<uint32_t>(static_cast<uint32_t>(v.size()));
    plain.append(v.data(), v.size());
  }
  byte_buffer got, want;
  pq::delta_byte_array_encode(plain.span(), 0, got);
  const int32_t prefixes[] = {0, 2, 0, 0}, suffixes[] = {3, 1, 0, 6};
  pq::delta_binary_packed_encode(prefixes, 4, want);
  pq::delta_binary_packed_encode(suffixes, 4, want);
  want.append("abcdabdxyz", 10);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(got.data()), got.size()),
            std::string(reinterpret_cast<const char*>(want.data()), want.size()));
  // FIXED_LEN_BYTE_ARRAY(3): "abc", "abd", "xbd"
  byte_buffer fgot, fwant;
  pq::delta_byte_array_encode(byte_span("abcabdxbd", 9), 3, fgot);
  const int32_t fp[] = {0, 2, 0}, fs[] = {3, 1, 3};
  pq::delta_binary_packed_encode(fp, 3, fwant);
  pq::delta_binary_packed_encode(fs, 3, fwant);
  fwant.append("abcdxbd", 7);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(fgot.data()), fgot.size()),
            std::string(reinterpret_cast<const char*>(fwant.data()), fwant.size()));
  // an empty page is two empty DELTA_BINARY_PACKED headers
  byte_buffer e, ew;
  pq::delta_byte_array_encode(byte_span(), 0, e);
  pq::delta_binary_packed_encode(prefixes, 0, ew);
  pq::delta_binary_packed_encode(prefixes, 0, ew);
  EXPECT_EQ(e.size(), ew.size());
}

TEST(ParquetFeaturesTest, DeltaByteArrayIsRefusedForNumbers) {
  memory_sink sink;
  pq::writer_options wo;
  pq::column_options co;
  co.encoding = pq::encoding::delta_byte_array;
  wo.columns.emplace_back("n", co);
  auto w = pq::file_writer::open(sink, feature_schema(), wo);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().to_string().find("DELTA_BYTE_ARRAY"), std::string::npos);
  wo.columns[0].first = "color";
  EXPECT_TRUE(pq::file_writer::open(sink, feature_schema(), wo).ok());
}

namespace {

schema size_schema() {
  schema s;
  s.fields.push_back(field("id", types::int64(), false, {}, 1));
  s.fields.push_back(field("name", types::string(), true, {}, 2));
  s.fields.push_back(list_field("tags", field("element", types::string(), true, {}, 4)));
  return s;
}

// rows: (0, "ab", ["x", null]), (1, null, null), (2, "", []), (3, "cde", ["yz"])
owned_batch size_batch() {
  batch_builder b(size_schema());
  for (int64_t i = 0; i < 4; ++i) b.column(0).append_int(i);
  b.column(1).append_bytes("ab");
  b.column(1).append_null();
  b.column(1).append_bytes("");
  b.column(1).append_bytes("cde");
  auto& l = b.column(2);
  l.begin_list();
  l.child(0).append_bytes("x");
  l.child(0).append_null();
  l.end_list();
  l.append_null();
  l.begin_list();
  l.end_list();
  l.begin_list();
  l.child(0).append_bytes("yz");
  l.end_list();
  auto r = b.finish();
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return std::move(r).value();
}

}  // namespace

TEST(ParquetFeaturesTest, SizeStatisticsCountLevelsAndUnencodedBytes) {
  for (bool on : {true, false}) {
    memory_sink sink;
    pq::writer_options wo;
    wo.size_statistics = on;
    auto w = pq::file_writer::open(sink, size_schema(), wo);
    ASSERT_TRUE(w.ok()) << w.error().to_string();
    auto b = size_batch();
    ASSERT_TRUE((*w)->write(b.view()).ok());
    ASSERT_TRUE((*w)->close().ok());
    auto f = pq::read_footer(sink.buffer().span());
    ASSERT_TRUE(f.ok()) << f.error().to_string();
    const auto& cols = f->metadata.row_groups[0].columns;
    if (!on) {
      for (const auto& c : cols) EXPECT_FALSE(c.meta_data->size_statistics.has_value());
      continue;
    }
    // required int64 without levels: nothing to say (as Arrow)
    EXPECT_FALSE(cols[0].meta_data->size_statistics.has_value());
    // optional string: 5 bytes, def histogram [1 null, 3 values], empty rep histogram
    const auto& name = *cols[1].meta_data->size_statistics;
    EXPECT_EQ(*name.unencoded_byte_array_data_bytes, 5);
    EXPECT_EQ(*name.definition_level_histogram, (std::vector<int64_t>{1, 3}));
    EXPECT_TRUE(name.repetition_level_histogram->empty());
    ASSERT_TRUE(f->column_indexes[0][1].has_value());
    EXPECT_EQ(*f->column_indexes[0][1]->definition_level_histograms, (std::vector<int64_t>{1, 3}));
    EXPECT_FALSE(f->column_indexes[0][1]->repetition_level_histograms.has_value());
    EXPECT_EQ(*f->offset_indexes[0][1]->unencoded_byte_array_data_bytes, (std::vector<int64_t>{5}));
    // optional list of optional strings (max def 3, max rep 1): levels
    // row 0: (def 3, rep 0) (def 2, rep 1); row 1: def 0; row 2: def 1; row 3: def 3
    const auto& tags = *cols[2].meta_data->size_statistics;
    EXPECT_EQ(*tags.unencoded_byte_array_data_bytes, 3);
    EXPECT_EQ(*tags.definition_level_histogram, (std::vector<int64_t>{1, 1, 1, 2}));
    EXPECT_EQ(*tags.repetition_level_histogram, (std::vector<int64_t>{4, 1}));
    EXPECT_EQ(*f->column_indexes[0][2]->repetition_level_histograms, (std::vector<int64_t>{4, 1}));
  }
}

TEST(ParquetFeaturesTest, SizeStatisticsRoundTripAndHostileListsAreRefused) {
  pq::size_statistics s;
  s.unencoded_byte_array_data_bytes = 12345678901;
  s.repetition_level_histogram = std::vector<int64_t>{};
  s.definition_level_histogram = std::vector<int64_t>{7, -1, 1LL << 40};
  byte_buffer b;
  pq::serialize(s, b);
  pq::size_statistics back;
  ASSERT_TRUE(pq::deserialize(b.span(), back).ok());
  EXPECT_EQ(*back.unencoded_byte_array_data_bytes, 12345678901);
  EXPECT_TRUE(back.repetition_level_histogram->empty());
  EXPECT_EQ(*back.definition_level_histogram, *s.definition_level_histogram);
  // every proper prefix is truncated input, never a crash
  for (size_t n = 0; n + 1 < b.size(); ++n) {
    pq::size_statistics t;
    EXPECT_FALSE(pq::deserialize(byte_span(b.data(), n), t).ok()) << n;
  }
  // field 3 as a list<i64> claiming 2^31 elements in 4 bytes
  const uint8_t absurd[] = {0x39, 0xF6, 0xFF, 0xFF, 0xFF, 0x07, 0x02, 0x00};
  pq::size_statistics t;
  EXPECT_FALSE(pq::deserialize(byte_span(absurd, sizeof absurd), t).ok());
}
