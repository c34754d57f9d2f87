// Iceberg data files through the format-agnostic writer: table properties to writer settings
// (and the errors that name a bad property), the Avro data-file schema, Parquet and Avro
// reporting the same leaf statistics, the manifest metrics per metrics mode with the spec's
// binary bounds, and that an aborted or refused write leaves nothing behind.
#include "lakecodec/iceberg/data_files.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "data_files_fixture.hpp"

namespace ice = lakecodec::iceberg;
using namespace data_files_fixture;
using lakecodec::data_file_format;
using lakecodec_test::scratch_dir;

namespace {

template <class T>
std::string le(T v) {
  std::string out(sizeof(T), '\0');
  std::memcpy(&out[0], &v, sizeof(T));
  return out;
}

template <class M>
std::map<int32_t, typename M::value_type::second_type> as_map(const std::optional<M>& m) {
  std::map<int32_t, typename M::value_type::second_type> out;
  if (m)
    for (const auto& kv : *m) out[kv.first] = kv.second;
  return out;
}

ice::data_file write_or_fail(const ice::string_map& props, const std::string& path,
                             lakecodec::data_file_info* info = nullptr) {
  auto r = write_rows(props, path, info);
  EXPECT_TRUE(r.has_value()) << r.error().to_string();
  return r ? r.value() : ice::data_file();
}

}  // namespace

TEST(IcebergDataFilesTest, DefaultsFollowJavaTableProperties) {
  auto s = ice::data_file_settings_from({}, table_schema()).value();
  EXPECT_EQ(s.format, data_file_format::parquet);
  EXPECT_EQ(s.parquet.codec, lakecodec::compression::zstd);
  EXPECT_EQ(s.parquet.row_group_bytes, int64_t{128} << 20);
  EXPECT_EQ(s.parquet.data_page_size, 1 << 20);
  EXPECT_EQ(s.parquet.max_rows_per_page, 20000);
  EXPECT_EQ(s.parquet.dictionary_page_size, 2 << 20);
  EXPECT_EQ(s.avro.codec, lakecodec::avro::codec::deflate);
  EXPECT_EQ(s.avro.level, 9);
  EXPECT_EQ(s.metrics.default_mode, ice::metrics_mode::truncate(16));
  ASSERT_EQ(s.parquet.key_value_metadata.size(), 1u);
  EXPECT_EQ(s.parquet.key_value_metadata[0].first, "iceberg.schema");
}

TEST(IcebergDataFilesTest, ReadsWriteProperties) {
  ice::string_map props = {
      {"write.format.default", "AVRO"},
      {"write.parquet.compression-codec", "Snappy"},
      {"write.parquet.row-group-size-bytes", "1000"},
      {"write.parquet.page-size-bytes", "4096"},
      {"write.parquet.page-row-limit", "100"},
      {"write.parquet.dict-size-bytes", "8192"},
      {"write.parquet.page-version", "v2"},
      {"parquet.enable.dictionary", "false"},
      {"write.parquet.dict-encoding-enabled.column.s", "true"},
      {"lakecodec.write.parquet.compression-codec.column.tags.element", "uncompressed"},
      {"lakecodec.write.parquet.compression-level.column.st.b", "5"},
      {"write.parquet.dict-encoding-enabled.column.no_such_column", "true"},
      {"write.avro.compression-codec", "zstd"},
      {"write.avro.compression-level", "7"}};
  auto s = ice::data_file_settings_from(props, table_schema()).value();
  EXPECT_EQ(s.format, data_file_format::avro);
  EXPECT_EQ(s.parquet.codec, lakecodec::compression::snappy);
  EXPECT_EQ(s.parquet.row_group_bytes, 1000);
  EXPECT_EQ(s.parquet.data_page_size, 4096);
  EXPECT_EQ(s.parquet.max_rows_per_page, 100);
  EXPECT_EQ(s.parquet.dictionary_page_size, 8192);
  EXPECT_EQ(s.parquet.page_version, 2);
  EXPECT_FALSE(s.parquet.dictionary);
  std::map<std::string, lakecodec::parquet::column_options> cols(s.parquet.columns.begin(),
                                                                 s.parquet.columns.end());
  ASSERT_EQ(cols.size(), 3u);  // the unknown column is skipped, as Java does
  EXPECT_EQ(cols["s"].dictionary, true);
  EXPECT_EQ(cols["tags.list.element"].codec, lakecodec::compression::none);
  EXPECT_EQ(cols["st.b"].compression_level, 5);
  EXPECT_EQ(s.avro.codec, lakecodec::avro::codec::zstandard);
  EXPECT_EQ(s.avro.level, 7);
  // The Parquet settings open a writer (column options resolve to leaves).
  const std::string dir = scratch_dir("df-props");
  ice::string_map pq = props;
  pq[0].second = "parquet";
  auto w = ice::make_data_file_writer(pq, table_schema(), dir + "/a.parquet");
  ASSERT_TRUE(w.has_value()) << w.error().to_string();
  (*w)->abort();
}

TEST(IcebergDataFilesTest, BadPropertiesAreRefusedNamingTheProperty) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"write.format.default", "csv"},
      {"write.parquet.compression-codec", "foo"},
      {"write.parquet.compression-level", "high"},
      {"write.parquet.compression-level", "99"},
      {"write.parquet.row-group-size-bytes", "0"},
      {"write.parquet.page-size-bytes", "-1"},
      {"write.parquet.page-row-limit", "1e3"},
      {"write.parquet.dict-size-bytes", ""},
      {"write.parquet.page-version", "v3"},
      {"parquet.enable.dictionary", "maybe"},
      {"write.parquet.dict-encoding-enabled.column.s", "yes"},
      {"lakecodec.write.parquet.compression-codec.column.s", "rar"},
      {"write.avro.compression-codec", "bzip2"},
      {"write.avro.compression-level", "10"},
      {"write.metadata.metrics.default", "truncate(0)"},
      {"write.metadata.metrics.column.s", "bounds"},
      {"write.metadata.metrics.max-inferred-column-defaults", "many"}};
  for (const auto& p : bad) {
    auto r = ice::data_file_settings_from({p}, table_schema());
    ASSERT_FALSE(r.has_value()) << p.first << "=" << p.second;
    EXPECT_EQ(r.error().code(), lakecodec::errc::invalid_argument) << r.error().to_string();
    EXPECT_NE(r.error().message().find(p.first), std::string::npos) << r.error().to_string();
  }
  for (const char* codec : {"lz4", "LZO", "brotli"}) {
    auto r =
        ice::data_file_settings_from({{"write.parquet.compression-codec", codec}}, table_schema());
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), lakecodec::errc::unsupported_codec);
    EXPECT_NE(r.error().message().find("write.parquet.compression-codec"), std::string::npos);
  }
  auto orc = ice::data_file_settings_from({{"write.format.default", "orc"}}, table_schema());
  ASSERT_FALSE(orc.has_value());
  EXPECT_NE(orc.error().message().find("write.format.default"), std::string::npos);
}

TEST(IcebergDataFilesTest, AvroSchemaFollowsAvroSchemaUtil) {
  auto a = ice::data_file_avro_schema(table_schema()).value();
  const std::string json = a.to_json();
  for (const char* want :
       {R"("name":"table")", R"("name":"i","type":"int","field-id":2)",
        R"("name":"b","type":["null","boolean"],"default":null,"field-id":1)", R"("name":"r16")",
        R"("element-id":20)", R"("key-id":22)", R"("value-id":23)",
        R"("logicalType":"timestamp-micros","adjust-to-utc":false)",
        R"("logicalType":"timestamp-nanos")", R"("name":"uuid_fixed")", R"("name":"decimal_9_2")",
        R"("name":"fixed_4")"})
    EXPECT_NE(json.find(want), std::string::npos) << want << " in " << json;
  // Invalid Avro names are sanitised, the original kept.
  ice::schema odd;
  odd.fields.push_back(ice::types::field(1, "1st col", ice::types::long_(), true));
  const std::string oj = ice::data_file_avro_schema(odd).value().to_json();
  EXPECT_NE(oj.find(R"("name":"_1st_x20col")"), std::string::npos) << oj;
  EXPECT_NE(oj.find(R"("iceberg-field-name":"1st col")"), std::string::npos) << oj;
  // Non-string map keys cannot go through the columnar bridge.
  ice::schema m;
  m.fields.push_back(ice::types::field(
      1, "m", ice::types::map(2, ice::types::int_(), 3, ice::types::long_(), false), false));
  EXPECT_FALSE(ice::data_file_avro_schema(m).has_value());
}

TEST(IcebergDataFilesTest, ParquetAndAvroReportTheSameLeafStatistics) {
  const std::string dir = scratch_dir("df-same");
  lakecodec::data_file_info pq, av;
  write_or_fail({}, dir + "/a.parquet", &pq);
  write_or_fail({{"write.format.default", "avro"}}, dir + "/a.avro", &av);
  EXPECT_EQ(pq.record_count, 4);
  EXPECT_EQ(av.record_count, 4);
  EXPECT_EQ(av.format, data_file_format::avro);
  ASSERT_EQ(pq.columns.size(), av.columns.size());
  ASSERT_EQ(pq.columns.size(), 20u);  // every primitive leaf, lists and maps included
  for (size_t k = 0; k < pq.columns.size(); ++k) {
    const auto& p = pq.columns[k];
    const auto& a = av.columns[k];
    SCOPED_TRACE("field id " + std::to_string(p.field_id));
    EXPECT_EQ(p.field_id, a.field_id);
    EXPECT_EQ(p.stats.value_count, a.stats.value_count);
    EXPECT_EQ(p.stats.null_count, a.stats.null_count);
    EXPECT_EQ(p.stats.nan_count, a.stats.nan_count);
    EXPECT_EQ(p.stats.min, a.stats.min);
    EXPECT_EQ(p.stats.max, a.stats.max);
    EXPECT_GT(p.compressed_size, 0);
    EXPECT_EQ(a.compressed_size, -1);
  }
  ASSERT_EQ(pq.split_offsets.size(), 1u);
  EXPECT_EQ(pq.split_offsets[0], 4);
  ASSERT_EQ(av.split_offsets.size(), 1u);
  EXPECT_GT(av.split_offsets[0], 4);
  EXPECT_EQ(lakecodec_test::read_all(dir + "/a.avro").size(), av.file_size);
  EXPECT_EQ(lakecodec_test::read_all(dir + "/a.parquet").size(), pq.file_size);
}

TEST(IcebergDataFilesTest, ValuesUnderANullStructDoNotCount) {
  // st.a with no validity bitmap: the slot under the null struct (row 1) holds a value that
  // must not count, the one of row 2 (a valid struct) now does.
  const std::string dir = scratch_dir("df-masked");
  std::vector<lakecodec::leaf_file_stats> got[2];
  int n = 0;
  for (const char* format : {"parquet", "avro"}) {
    auto w = ice::make_data_file_writer({{"write.format.default", format}}, table_schema(),
                                        dir + "/x." + format)
                 .value();
    lakecodec::owned_batch rows = table_rows();
    lakecodec::batch_view v = rows.view();
    v.columns[15].children[0].validity = nullptr;
    v.columns[15].children[0].null_count_hint = 0;
    ASSERT_TRUE(w->write(v).ok());
    got[n++] = w->close().value().columns;
  }
  for (const auto& cols : got) {
    const auto& a = cols[15];
    ASSERT_EQ(a.field_id, 17);
    EXPECT_EQ(a.stats.value_count, 4);
    EXPECT_EQ(a.stats.null_count, 1);
    EXPECT_EQ(a.stats.min, lakecodec::stat_bound::of_int(-3));
    EXPECT_EQ(a.stats.max, lakecodec::stat_bound::of_int(7));
  }
}

TEST(IcebergDataFilesTest, FlushCutsRowGroupsAndBlocks) {
  const std::string dir = scratch_dir("df-flush");
  for (const char* format : {"parquet", "avro"}) {
    SCOPED_TRACE(format);
    auto w = ice::make_data_file_writer({{"write.format.default", format}}, table_schema(),
                                        dir + "/x." + format)
                 .value();
    lakecodec::owned_batch rows = table_rows();
    ASSERT_TRUE(w->write(rows.view()).ok());
    EXPECT_GT(w->buffered_bytes(), 0u);
    const uint64_t before = w->estimated_size();
    ASSERT_TRUE(w->flush().ok());
    EXPECT_EQ(w->buffered_bytes(), 0u);
    EXPECT_GT(w->estimated_size(), 0u);
    EXPECT_GT(before, 0u);
    ASSERT_TRUE(w->write(rows.view()).ok());
    auto info = w->close().value();
    EXPECT_EQ(info.record_count, 8);
    EXPECT_EQ(info.split_offsets.size(), 2u);
    EXPECT_LT(info.split_offsets[0], info.split_offsets[1]);
    EXPECT_EQ(info.columns[1].stats.value_count, 8);
    EXPECT_FALSE(w->close().has_value());
  }
}

TEST(IcebergDataFilesTest, ManifestMetricsFollowTheSpec) {
  const std::string dir = scratch_dir("df-metrics");
  for (const char* format : {"parquet", "avro"}) {
    SCOPED_TRACE(format);
    const std::string path = dir + "/a." + format;
    ice::data_file f = write_or_fail({{"write.format.default", format}}, path);
    EXPECT_EQ(f.file_path, path);
    EXPECT_EQ(f.file_format, std::string(format) == "avro" ? "AVRO" : "PARQUET");
    EXPECT_EQ(f.record_count, 4);
    EXPECT_EQ(static_cast<size_t>(f.file_size_in_bytes), lakecodec_test::read_all(path).size());
    auto values = as_map(f.value_counts), nulls = as_map(f.null_value_counts);
    auto nans = as_map(f.nan_value_counts);
    auto lo = as_map(f.lower_bounds), hi = as_map(f.upper_bounds);
    // Leaves inside lists and maps get no counts or bounds (Java ParquetMetrics).
    for (int32_t id : {20, 22, 23}) EXPECT_EQ(values.count(id), 0u) << id;
    EXPECT_EQ(values.size(), 17u);
    EXPECT_EQ(values[2], 4);
    EXPECT_EQ(nulls[2], 0);
    EXPECT_EQ(nulls[1], 1);
    EXPECT_EQ(values[17], 4);  // struct members: the null struct is a null slot
    EXPECT_EQ(nulls[17], 2);
    EXPECT_EQ(nulls[18], 2);
    EXPECT_EQ(nans, (std::map<int32_t, int64_t>{{4, 1}, {5, 1}}));
    EXPECT_EQ(lo[1], std::string(1, '\0'));
    EXPECT_EQ(hi[1], std::string(1, '\1'));
    EXPECT_EQ(lo[2], le<int32_t>(-4));
    EXPECT_EQ(hi[2], le<int32_t>(3));
    EXPECT_EQ(lo[3], le<int64_t>(-5));
    EXPECT_EQ(hi[3], le<int64_t>(9));
    EXPECT_EQ(lo[4], le<float>(-0.0f));
    EXPECT_EQ(hi[4], le<float>(1.5f));
    EXPECT_EQ(lo[5], le<double>(-1e300));
    EXPECT_EQ(hi[5], le<double>(2.5));
    EXPECT_EQ(lo[6], "\x9d");  // -99: minimal big-endian two's complement
    EXPECT_EQ(hi[6], "\x30\x39");
    EXPECT_EQ(lo[7], le<int32_t>(-1));
    EXPECT_EQ(hi[8], le<int64_t>(86399999999LL));
    EXPECT_EQ(lo[10], le<int64_t>(-1700000000000000LL));
    EXPECT_EQ(hi[11], le<int64_t>(1700000000000000123LL));
    // Strings: the first 16 code points; the upper bound's last code point incremented.
    EXPECT_EQ(lo[12], "abcdefghijklmnop");
    std::string up = "zz\xE2\x98\x83";
    for (int k = 0; k < 12; ++k) up += "\xC3\xA9";
    up += "\xC3\xAA";
    EXPECT_EQ(hi[12], up);
    EXPECT_EQ(lo[13], std::string(16, '\x01'));
    EXPECT_EQ(hi[13], std::string(16, '\xff'));
    EXPECT_EQ(lo[14], "abcd");
    EXPECT_EQ(hi[14], "zzzz");
    EXPECT_EQ(lo[15], "");
    EXPECT_EQ(hi[15], "\x01");
    EXPECT_EQ(lo[17], le<int32_t>(-3));
    EXPECT_EQ(hi[18], "y");
    auto sizes = as_map(f.column_sizes);
    if (std::string(format) == "parquet") {
      EXPECT_EQ(sizes.size(), 20u);  // every leaf with an id, lists and maps included
      ASSERT_TRUE(f.split_offsets.has_value());
      EXPECT_EQ(*f.split_offsets, std::vector<int64_t>{4});
    } else {
      EXPECT_FALSE(f.column_sizes.has_value());
      // None, as Java's AvroFileAppender: Java and Spark split an Avro file by syncing to the
      // marker after an offset, so a block's start would make them skip that block.
      EXPECT_FALSE(f.split_offsets.has_value());
    }
  }
}

TEST(IcebergDataFilesTest, MetricsModesPerColumn) {
  const std::string dir = scratch_dir("df-modes");
  ice::data_file f = write_or_fail({{"write.metadata.metrics.default", "counts"},
                                    {"write.metadata.metrics.column.s", "truncate(4)"},
                                    {"write.metadata.metrics.column.bin", "full"},
                                    {"write.metadata.metrics.column.st.a", "none"},
                                    {"write.metadata.metrics.column.tags.element", "none"}},
                                   dir + "/a.parquet");
  auto values = as_map(f.value_counts), sizes = as_map(f.column_sizes);
  auto lo = as_map(f.lower_bounds), hi = as_map(f.upper_bounds);
  EXPECT_EQ(values.count(17), 0u);
  EXPECT_EQ(sizes.count(17), 0u);
  EXPECT_EQ(sizes.count(20), 0u);
  EXPECT_EQ(sizes.count(22), 1u);
  EXPECT_EQ(values[3], 4);
  EXPECT_EQ(lo.size(), 2u);
  EXPECT_EQ(lo[12], "abcd");
  EXPECT_EQ(hi[12], "zz\xE2\x98\x83\xC3\xAA");  // four code points, the last incremented
  EXPECT_EQ(hi[15], "\x01");

  ice::data_file none =
      write_or_fail({{"write.metadata.metrics.default", "none"}}, dir + "/b.parquet");
  EXPECT_TRUE(none.value_counts->empty());
  EXPECT_TRUE(none.lower_bounds->empty());
  EXPECT_TRUE(none.column_sizes->empty());
}

TEST(IcebergDataFilesTest, WideTablesInferMetricsForTheFirstColumnsOnly) {
  ice::schema s;
  for (int32_t id = 1; id <= 4; ++id)
    s.fields.push_back(ice::types::field(id, "c" + std::to_string(id), ice::types::long_(), true));
  s.fields.push_back(ice::types::field(
      5, "st", ice::types::struct_({ice::types::field(6, "x", ice::types::long_(), true)}), true));
  ice::string_map props = {{"write.metadata.metrics.max-inferred-column-defaults", "3"}};
  auto c = ice::metrics_config_from(props, s).value();
  EXPECT_EQ(c.default_mode, ice::metrics_mode::none());
  EXPECT_EQ(c.column_mode("c1"), ice::metrics_mode::truncate(16));
  EXPECT_EQ(c.column_mode("c3"), ice::metrics_mode::truncate(16));
  EXPECT_EQ(c.column_mode("c4"), ice::metrics_mode::none());
  EXPECT_EQ(c.column_mode("st.x"), ice::metrics_mode::none());
  props.emplace_back("write.metadata.metrics.column.st.x", "counts");
  EXPECT_EQ(ice::metrics_config_from(props, s).value().column_mode("st.x"),
            ice::metrics_mode::counts());
  // An explicit default applies to every column; sorted columns get at least truncate(16).
  auto d = ice::metrics_config_from({{"write.metadata.metrics.default", "Counts"}}, s, {4}).value();
  EXPECT_EQ(d.column_mode("c1"), ice::metrics_mode::counts());
  EXPECT_EQ(d.column_mode("c4"), ice::metrics_mode::truncate(16));
  // Breadth first: a struct's primitive fields come before its nested ones.
  ice::schema n;
  n.fields.push_back(ice::types::field(
      1, "st", ice::types::struct_({ice::types::field(2, "x", ice::types::long_(), true)}), true));
  n.fields.push_back(ice::types::field(3, "y", ice::types::long_(), true));
  auto b =
      ice::metrics_config_from({{"write.metadata.metrics.max-inferred-column-defaults", "1"}}, n)
          .value();
  EXPECT_EQ(b.column_mode("y"), ice::metrics_mode::truncate(16));
  EXPECT_EQ(b.column_mode("st.x"), ice::metrics_mode::none());
}

TEST(IcebergDataFilesTest, AbortLeavesNoFile) {
  const std::string dir = scratch_dir("df-abort");
  for (const char* format : {"parquet", "avro"}) {
    auto w = ice::make_data_file_writer({{"write.format.default", format}}, table_schema(),
                                        dir + "/x." + format);
    ASSERT_TRUE(w.has_value()) << w.error().to_string();
    lakecodec::owned_batch rows = table_rows();
    ASSERT_TRUE((*w)->write(rows.view()).ok());
    ASSERT_TRUE((*w)->flush().ok());
    EXPECT_EQ((*w)->record_count(), 4);
    EXPECT_EQ((*w)->buffered_bytes(), 0u);
    EXPECT_GT((*w)->estimated_size(), 0u);
    (*w)->abort();
    (*w)->abort();
    EXPECT_TRUE(list_dir(dir).empty()) << format;
  }
  // Destroying an unclosed writer discards it as well.
  {
    auto w = ice::make_data_file_writer({}, table_schema(), dir + "/y.parquet");
    ASSERT_TRUE(w.has_value());
  }
  EXPECT_TRUE(list_dir(dir).empty());
}

TEST(IcebergDataFilesTest, MismatchedBatchIsRefusedNamingTheColumn) {
  const std::string dir = scratch_dir("df-mismatch");
  for (const char* format : {"parquet", "avro"}) {
    SCOPED_TRACE(format);
    auto w = ice::make_data_file_writer({{"write.format.default", format}}, table_schema(),
                                        dir + "/x." + format);
    ASSERT_TRUE(w.has_value()) << w.error().to_string();
    // Column "l" as int32 instead of long.
    lakecodec::owned_batch rows = table_rows();
    lakecodec::batch_view bad = rows.view();
    bad.schema.fields[2].type = lakecodec::types::int32();
    bad.columns[2].type = lakecodec::types::int32();
    lakecodec::status st = (*w)->write(bad);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("'l'"), std::string::npos) << st.to_string();
    // A null in the required column "i".
    auto cs = ice::to_columnar_schema(table_schema()).value();
    cs.fields[1].nullable = true;
    lakecodec::batch_builder b(cs);
    for (size_t k = 0; k < cs.fields.size(); ++k) b.column(k).append_null();
    lakecodec::owned_batch nulls = b.finish().value();
    st = (*w)->write(nulls.view());
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("'i'"), std::string::npos) << st.to_string();
    EXPECT_EQ((*w)->record_count(), 0);
    EXPECT_EQ((*w)->buffered_bytes(), 0u);
    (*w)->abort();
    EXPECT_TRUE(list_dir(dir).empty());
  }
}

TEST(IcebergDataFilesTest, AvroBlocksBecomeSplitOffsets) {
  const std::string dir = scratch_dir("df-blocks");
  auto settings =
      ice::data_file_settings_from({{"write.format.default", "avro"}}, table_schema()).value();
  settings.avro.block_bytes = 64;
  auto w = ice::make_data_file_writer(settings, dir + "/x.avro").value();
  lakecodec::owned_batch rows = table_rows();
  for (int k = 0; k < 5; ++k) ASSERT_TRUE(w->write(rows.view()).ok());
  EXPECT_EQ(w->record_count(), 20);
  auto info = w->close().value();
  ASSERT_GT(info.split_offsets.size(), 2u);
  const auto file = lakecodec_test::read_all(dir + "/x.avro");
  auto reader = lakecodec::avro::container_reader::open(file.span()).value();
  lakecodec::avro::block_view blk;
  std::vector<int64_t> offsets;
  int64_t records = 0;
  while (reader.next_block(blk).value()) {
    offsets.push_back(blk.offset);
    records += blk.count;
  }
  EXPECT_EQ(offsets, info.split_offsets);
  EXPECT_EQ(records, 20);
  EXPECT_EQ(info.columns[1].stats.value_count, 20);
}
