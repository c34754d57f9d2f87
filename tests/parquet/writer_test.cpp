// The Parquet writer: files decode with our footer reader, bad batches are refused with errors
// naming the column, nothing of a refused batch or failed file is left behind.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <string>

#include "../test_support.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;

namespace {

schema flat_schema() {
  schema s;
  s.fields.push_back(field("id", types::int64(), false, {}, 1));
  s.fields.push_back(field("name", types::string(), true, {}, 2));
  s.fields.push_back(field("price", types::decimal128(9, 2), true, {}, 3));
  s.fields.push_back(field("score", types::float64(), true, {}, 4));
  return s;
}

owned_batch flat_batch(int64_t n, int64_t base = 0) {
  batch_builder b(flat_schema());
  for (int64_t i = 0; i < n; ++i) {
    b.column(0).append_int(base + i);
    if (i % 7 == 3)
      b.column(1).append_null();
    else
      b.column(1).append_bytes("name-" + std::to_string((base + i) % 13));
    b.column(2).append_decimal(static_cast<__int128>((base + i) * 101 % 99999));
    if (i % 11 == 5)
      b.column(3).append_float(std::nan(""));
    else
      b.column(3).append_float(static_cast<double>(i) - 10.0);
  }
  auto r = b.finish();
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return std::move(r).value();
}

bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

}  // namespace

TEST(ParquetWriterTest, WritesFooterWithStatisticsAndPageIndex) {
  memory_sink sink;
  pq::writer_options o;
  o.row_group_rows = 1000;
  o.max_rows_per_page = 300;
  auto w = pq::file_writer::open(sink, flat_schema(), o);
  ASSERT_TRUE(w.ok()) << w.error().to_string();
  auto b1 = flat_batch(1500);
  ASSERT_TRUE((*w)->write(b1.view()).ok());
  auto b2 = flat_batch(700, 1500);
  ASSERT_TRUE((*w)->write(b2.view()).ok());
  auto sum = (*w)->close();
  ASSERT_TRUE(sum.ok()) << sum.error().to_string();
  EXPECT_EQ(sum->row_count, 2200);
  EXPECT_EQ(sum->split_offsets.size(), 3u);
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  const auto& md = f->metadata;
  EXPECT_EQ(md.num_rows, 2200);
  ASSERT_EQ(md.row_groups.size(), 3u);
  EXPECT_EQ(md.row_groups[0].num_rows, 1000);
  EXPECT_EQ(*md.schema[1].field_id, 1);
  const auto& id = *md.row_groups[0].columns[0].meta_data;
  EXPECT_EQ(id.type, pq::physical_type::int64);
  ASSERT_TRUE(id.statistics.has_value());
  int64_t mn, mx;
  std::memcpy(&mn, id.statistics->min_value->data(), 8);
  std::memcpy(&mx, id.statistics->max_value->data(), 8);
  EXPECT_EQ(mn, 0);
  EXPECT_EQ(mx, 999);
  EXPECT_TRUE(id.statistics->min.has_value());  // signed order: deprecated fields too
  const auto& name = *md.row_groups[0].columns[1].meta_data;
  EXPECT_FALSE(name.statistics->min.has_value());  // unsigned order: no deprecated fields
  EXPECT_EQ(*name.statistics->null_count, 143);
  const auto& score = *md.row_groups[0].columns[3].meta_data;
  EXPECT_EQ(*score.statistics->nan_count, 91);
  ASSERT_TRUE(f->offset_indexes[0][0].has_value());
  EXPECT_EQ(f->offset_indexes[0][0]->page_locations.size(), 4u);
  EXPECT_EQ(f->offset_indexes[0][0]->page_locations[1].first_row_index, 300);
  ASSERT_TRUE(f->column_indexes[0][0].has_value());
  EXPECT_EQ(f->column_indexes[0][0]->boundary_order, pq::boundary_order::ascending);
  EXPECT_EQ(sum->columns[0].stats.value_count, 2200);
  EXPECT_EQ(sum->columns[1].stats.null_count, 314);
}

TEST(ParquetWriterTest, RefusesBadBatchesNamingTheColumn) {
  memory_sink sink;
  auto w = pq::file_writer::open(sink, flat_schema());
  ASSERT_TRUE(w.ok());
  const uint64_t before = sink.position();
  // wrong type
  schema other = flat_schema();
  other.fields[0].type = types::int32();
  batch_builder bb(other);
  bb.column(0).append_int(1);
  bb.column(1).append_bytes("x");
  bb.column(2).append_decimal(1);
  bb.column(3).append_float(1);
  auto ob = bb.finish();
  ASSERT_TRUE(ob.ok());
  status s = (*w)->write(ob->view());
  EXPECT_EQ(s.code(), errc::schema_mismatch);
  EXPECT_NE(s.message().find("'id'"), std::string::npos) << s.message();
  // invalid UTF-8
  batch_builder b2(flat_schema());
  b2.column(0).append_int(1);
  b2.column(1).append_bytes("\xff\xfe");
  b2.column(2).append_decimal(1);
  b2.column(3).append_float(1);
  auto ob2 = b2.finish();
  s = (*w)->write(ob2->view());
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'name'"), std::string::npos) << s.message();
  // decimal out of precision
  batch_builder b3(flat_schema());
  b3.column(0).append_int(1);
  b3.column(1).append_bytes("ok");
  b3.column(2).append_decimal(static_cast<__int128>(1000000000));
  b3.column(3).append_float(1);
  auto ob3 = b3.finish();
  s = (*w)->write(ob3->view());
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'price'"), std::string::npos) << s.message();
  EXPECT_EQ(sink.position(), before);
  // the writer is still usable
  auto good = flat_batch(10);
  EXPECT_TRUE((*w)->write(good.view()).ok());
  EXPECT_TRUE((*w)->close().ok());
}

TEST(ParquetWriterTest, NullInRequiredColumnLeavesNoFile) {
  const std::string dir = lakecodec_test::scratch_dir("pq_nofile");
  const std::string path = dir + "/out.parquet";
  {
    auto w = pq::file_writer::create(path, flat_schema());
    ASSERT_TRUE(w.ok());
    schema nullable = flat_schema();
    nullable.fields[0].nullable = true;
    batch_builder b(nullable);
    b.column(0).append_null();
    b.column(1).append_bytes("x");
    b.column(2).append_decimal(1);
    b.column(3).append_float(1);
    auto ob = b.finish();
    ASSERT_TRUE(ob.ok());
    status s = (*w)->write(ob->view());
    EXPECT_EQ(s.code(), errc::schema_mismatch) << s.to_string();
    EXPECT_NE(s.message().find("'id'"), std::string::npos) << s.message();
    // abandoned without close
  }
  EXPECT_FALSE(exists(path));
  auto r = lakecodec_test::run_command("ls -A '" + dir + "' | wc -l");
  EXPECT_EQ(r.output, "0\n");
}

TEST(ParquetWriterTest, NestedSchemaMapsToThreeLevelListsAndMaps) {
  schema s;
  field elem("element", types::int32(), true, {}, 11);
  s.fields.push_back(list_field("l", elem));
  s.fields.back().field_id = 10;
  field k("key", types::string(), false, {}, 21), v("value", types::int64(), true, {}, 22);
  s.fields.push_back(map_field("m", k, v));
  s.fields.back().field_id = 20;
  auto ps = pq::map_schema(s);
  ASSERT_TRUE(ps.ok()) << ps.error().to_string();
  ASSERT_EQ(ps->leaves.size(), 3u);
  EXPECT_EQ(ps->leaves[0].dotted_path, "l.list.element");
  EXPECT_EQ(ps->leaves[0].max_def, 3);
  EXPECT_EQ(ps->leaves[0].max_rep, 1);
  EXPECT_EQ(ps->leaves[1].dotted_path, "m.key_value.key");
  EXPECT_EQ(ps->leaves[1].max_def, 2);
  EXPECT_EQ(ps->leaves[2].max_def, 3);
  EXPECT_EQ(ps->leaves[2].field_id, 22);
}

TEST(ParquetEncodingTest, RleHybridRoundTrips) {
  std::vector<uint32_t> v;
  for (int i = 0; i < 1000; ++i) v.push_back(i < 300 ? 5 : static_cast<uint32_t>(i * 7919 % 13));
  for (int w : {4, 5, 13}) {
    byte_buffer out;
    pq::rle_hybrid_encode(v.data(), v.size(), w, out);
    bounded_reader r(out.span());
    std::vector<uint32_t> back;
    ASSERT_TRUE(pq::rle_hybrid_decode(r, w, v.size(), back).ok());
    EXPECT_EQ(back, v);
  }
}

TEST(ParquetWriterTest, TruncatesLongStringStatisticsWhenAsked) {
  schema s;
  s.fields.push_back(field("s", types::string(), false));
  batch_builder b(s);
  b.column(0).append_bytes(std::string(100, 'a'));
  b.column(0).append_bytes(std::string(100, 'b') + "\xc3\xa9");
  auto ob = b.finish();
  memory_sink sink;
  pq::writer_options o;
  o.statistics_truncate = 10;
  auto w = pq::file_writer::open(sink, s, o);
  ASSERT_TRUE((*w)->write(ob->view()).ok());
  ASSERT_TRUE((*w)->close().ok());
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok());
  const auto& st = *f->metadata.row_groups[0].columns[0].meta_data->statistics;
  EXPECT_EQ(*st.min_value, std::string(10, 'a'));
  EXPECT_EQ(*st.max_value, std::string(9, 'b') + "c");
  EXPECT_FALSE(*st.is_min_value_exact);
  EXPECT_FALSE(*st.is_max_value_exact);
  // the column index keeps its own 64-byte truncation
  EXPECT_EQ(f->column_indexes[0][0]->min_values[0], std::string(64, 'a'));
}

TEST(ParquetRollingWriterTest, RollsBySizeAndReportsPerFileMetadata) {
  const std::string dir = lakecodec_test::scratch_dir("pq_rolling");
  pq::rolling_options ro;
  ro.path_for = [&](size_t i) { return dir + "/part-" + std::to_string(i) + ".parquet"; };
  ro.target_file_size = 20000;
  ro.writer.row_group_rows = 500;
  ro.writer.codec = compression::none;
  pq::rolling_writer w(flat_schema(), ro);
  int64_t rows = 0;
  for (int k = 0; k < 10; ++k) {
    auto b = flat_batch(700, rows);
    ASSERT_TRUE(w.write(b.view()).ok());
    rows += 700;
  }
  auto files = w.close();
  ASSERT_TRUE(files.ok()) << files.error().to_string();
  ASSERT_GE(files->size(), 2u);
  int64_t total = 0, id_min = INT64_MAX, id_max = INT64_MIN;
  for (const auto& f : *files) {
    total += f.row_count;
    EXPECT_TRUE(exists(f.path));
    auto footer = pq::read_footer_file(f.path);
    ASSERT_TRUE(footer.ok()) << footer.error().to_string();
    EXPECT_EQ(footer->file_size, f.file_size);
    EXPECT_EQ(footer->metadata.num_rows, f.row_count);
    ASSERT_EQ(f.split_offsets.size(), footer->metadata.row_groups.size());
    for (size_t g = 0; g < f.split_offsets.size(); ++g)
      EXPECT_EQ(f.split_offsets[g], *footer->metadata.row_groups[g].file_offset);
    ASSERT_EQ(f.columns.size(), 4u);
    EXPECT_EQ(f.columns[0].field_id, 1);
    EXPECT_EQ(f.columns[0].stats.value_count, f.row_count);
    int64_t size_sum = 0;
    for (const auto& rg : footer->metadata.row_groups)
      size_sum += rg.columns[3].meta_data->total_compressed_size;
    EXPECT_EQ(f.columns[3].compressed_size, size_sum);
    ASSERT_EQ(f.columns[0].stats.min.kind, bound_kind::integer);
    const int64_t mn = f.columns[0].stats.min.integer, mx = f.columns[0].stats.max.integer;
    id_min = std::min(id_min, mn);
    id_max = std::max(id_max, mx);
    EXPECT_EQ(mx - mn + 1, f.row_count);  // ids are consecutive per file
    EXPECT_GT(f.columns[3].stats.nan_count, 0);
  }
  EXPECT_EQ(total, rows);
  EXPECT_EQ(id_min, 0);
  EXPECT_EQ(id_max, rows - 1);
}

TEST(ParquetRollingWriterTest, RollsByAge) {
  const std::string dir = lakecodec_test::scratch_dir("pq_rolling_age");
  pq::rolling_options ro;
  ro.path_for = [&](size_t i) { return dir + "/f" + std::to_string(i) + ".parquet"; };
  ro.target_file_size = 0;
  ro.max_file_age = std::chrono::milliseconds(1);
  pq::rolling_writer w(flat_schema(), ro);
  auto b = flat_batch(10);
  ASSERT_TRUE(w.write(b.view()).ok());
  ::usleep(5000);
  ASSERT_TRUE(w.poll().ok());
  EXPECT_EQ(w.closed_files().size(), 1u);
  ASSERT_TRUE(w.write(b.view()).ok());
  auto files = w.close();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->size(), 2u);
}

TEST(ParquetWriterTest, ClosesRowGroupsByBytes) {
  memory_sink sink;
  pq::writer_options o;
  o.row_group_bytes = 1;  // every 64Ki-row slice closes its row group
  o.codec = compression::none;
  auto w = pq::file_writer::open(sink, flat_schema(), o);
  ASSERT_TRUE(w.ok());
  auto b = flat_batch(70000);
  ASSERT_TRUE((*w)->write(b.view()).ok());
  ASSERT_TRUE((*w)->close().ok());
  auto f = pq::read_footer(sink.buffer().span());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->metadata.row_groups.size(), 2u);
  EXPECT_EQ(f->metadata.row_groups[0].num_rows, 65536);
  EXPECT_EQ(f->metadata.row_groups[1].num_rows, 70000 - 65536);
}
