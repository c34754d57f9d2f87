// The footer reader rejects every file in tests/parquet/corrupt/ with the error listed in
// expected.txt (code and message), from memory and from disk, and reads our own files back.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "../test_support.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;

TEST(ParquetFooterTest, RejectsCorruptFootersWithExpectedErrors) {
  const std::string dir = lakecodec_test::source_path("tests/parquet/corrupt");
  std::ifstream in(dir + "/expected.txt");
  ASSERT_TRUE(in.good());
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string file, code, message;
    ls >> file >> code;
    std::getline(ls, message);
    message = message.substr(message.find_first_not_of(' '));
    auto bytes = lakecodec_test::read_all(dir + "/" + file);
    auto mem = pq::read_footer(bytes.span());
    ASSERT_FALSE(mem.ok()) << file;
    EXPECT_EQ(lakecodec::errc_name(mem.error().code()), code)
        << file << ": " << mem.error().to_string();
    EXPECT_NE(mem.error().message().find(message), std::string::npos)
        << file << ": " << mem.error().to_string();
    auto disk = pq::read_footer_file(dir + "/" + file);
    ASSERT_FALSE(disk.ok()) << file;
    EXPECT_EQ(lakecodec::errc_name(disk.error().code()), code)
        << file << ": " << disk.error().to_string();
    ++cases;
  }
  EXPECT_GE(cases, 9);
}

TEST(ParquetFooterTest, CliReportsCorruptFileAsBadData) {
  const std::string f = lakecodec_test::source_path("tests/parquet/corrupt/bad_tail_magic.parquet");
  auto r = lakecodec_test::run_command(
      std::string(LAKECODEC_TEST_CLI) + " parquet meta '" + f + "'", true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad_tail_magic.parquet"), std::string::npos) << r.output;
}

TEST(ParquetFooterTest, GenLineitemThenMetaAndFromJson) {
  const std::string dir = lakecodec_test::scratch_dir("pq_cli");
  const std::string cli = LAKECODEC_TEST_CLI;
  auto r = lakecodec_test::run_command(
      cli + " gen lineitem --rows 5000 --seed 3 --compression zstd --out " + dir + "/li.parquet",
      true);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto f = pq::read_footer_file(dir + "/li.parquet");
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  EXPECT_EQ(f->metadata.num_rows, 5000);
  EXPECT_EQ(f->metadata.schema.size(), 17u);
  EXPECT_EQ(f->metadata.row_groups[0].columns[0].meta_data->codec, pq::codec::zstd);
  // deterministic: same seed, same bytes
  r = lakecodec_test::run_command(
      cli + " gen lineitem --rows 5000 --seed 3 --compression zstd --out " + dir + "/li2.parquet",
      true);
  ASSERT_EQ(r.exit_code, 0);
  auto a = lakecodec_test::read_all(dir + "/li.parquet"),
       b = lakecodec_test::read_all(dir + "/li2.parquet");
  EXPECT_TRUE(a.span() == b.span());
  r = lakecodec_test::run_command(cli + " parquet meta --pretty " + dir + "/li.parquet");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("\"field_id\": 16"), std::string::npos);
  EXPECT_NE(r.output.find("\"boundary_order\""), std::string::npos);
  // fromjson with an Iceberg schema
  lakecodec_test::write_all(dir + "/schema.json", R"js({"type":"struct","schema-id":0,"fields":[
    {"id":1,"name":"id","required":true,"type":"long"},
    {"id":2,"name":"d","required":false,"type":"date"},
    {"id":3,"name":"price","required":false,"type":"decimal(9,2)"},
    {"id":4,"name":"tags","required":false,"type":{"type":"list","element-id":5,"element":"string","element-required":false}}]})js");
  lakecodec_test::write_all(
      dir + "/in.jsonl",
      "{\"id\":1,\"d\":\"2017-11-16\",\"price\":\"12.50\",\"tags\":[\"a\",null]}\n{\"id\":2}\n");
  r = lakecodec_test::run_command(cli + " parquet fromjson --schema " + dir +
                                      "/schema.json --page-version 2 " + dir + "/in.jsonl " + dir +
                                      "/out.parquet",
                                  true);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto g = pq::read_footer_file(dir + "/out.parquet");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->metadata.num_rows, 2);
  EXPECT_EQ(*g->metadata.schema[4].field_id, 4);
  // a bad row names the line and leaves no file
  lakecodec_test::write_all(dir + "/bad.jsonl", "{\"id\":1}\n{\"d\":\"2017-11-16\"}\n");
  r = lakecodec_test::run_command(cli + " parquet fromjson --schema " + dir + "/schema.json " +
                                      dir + "/bad.jsonl " + dir + "/bad.parquet",
                                  true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("bad.jsonl:2:"), std::string::npos) << r.output;
  struct stat st;
  EXPECT_NE(::stat((dir + "/bad.parquet").c_str(), &st), 0);
}

// Fuzz finding (parquet_roundtrip): the 32-byte ASCII runs of valid_utf8 could end exactly at the
// end of the data and the next step read one byte past it (ASan heap-buffer-overflow). Each
// buffer here is a heap allocation of exactly n bytes so ASan sees any read past it.
TEST(ParquetUtf8Test, AsciiRunsEndingAtTheEndReadNothingPastIt) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{31}, size_t{32}, size_t{33},
                   size_t{40}, size_t{64}, size_t{96}}) {
    SCOPED_TRACE(n);
    std::unique_ptr<uint8_t[]> ascii(new uint8_t[n]);
    std::memset(ascii.get(), 'a', n);
    bool all_ascii = false;
    EXPECT_TRUE(pq::detail::valid_utf8(ascii.get(), n, &all_ascii));
    EXPECT_TRUE(all_ascii);
    if (n < 2) continue;
    ascii[n - 2] = 0xC3, ascii[n - 1] = 0xA9;  // "é" as the last character
    EXPECT_TRUE(pq::detail::valid_utf8(ascii.get(), n, &all_ascii));
    EXPECT_FALSE(all_ascii);
    ascii[n - 1] = 'a';  // lead byte without its continuation
    EXPECT_FALSE(pq::detail::valid_utf8(ascii.get(), n));
  }
}

namespace {

// A small file with a page index, written by our writer; `patch` rewrites its footer.
std::string file_with_patched_index(void (*patch)(pq::file_meta_data&)) {
  using namespace lakecodec;
  schema s;
  s.fields.push_back(field("id", types::int64(), false, {}, 1));
  batch_builder b(s);
  for (int64_t i = 0; i < 100; ++i) b.column(0).append_int(i);
  auto batch = b.finish();
  EXPECT_TRUE(batch.ok());
  memory_sink sink;
  auto w = pq::file_writer::open(sink, s);
  EXPECT_TRUE(w.ok());
  EXPECT_TRUE((*w)->write(batch->view()).ok());
  EXPECT_TRUE((*w)->close().ok());
  byte_buffer file = sink.take();
  auto f = pq::read_footer(file.span());
  EXPECT_TRUE(f.ok()) << f.error().to_string();
  const std::string bytes(reinterpret_cast<const char*>(file.data()), file.size());
  std::string out = bytes.substr(0, bytes.size() - 8 - f->metadata_length);
  patch(f->metadata);
  byte_buffer md;
  pq::serialize(f->metadata, md);
  out.append(reinterpret_cast<const char*>(md.data()), md.size());
  const uint32_t len = static_cast<uint32_t>(md.size());
  out.append(reinterpret_cast<const char*>(&len), 4);
  out += "PAR1";
  return out;
}

}  // namespace

// Issue 10 item 3: the memory and the file reader share one page-index decode, so an index
// offset inside the leading magic, or one past the footer start, gives the same error from both
// (the file reader used to check `off < 0` where the memory reader checked `off < 4`).
TEST(ParquetFooterTest, PageIndexOutsideTheDataRegionIsRefusedByBothReaders) {
  const std::string dir = lakecodec_test::scratch_dir("pq_page_index");
  struct patch_case {
    const char* name;
    void (*patch)(pq::file_meta_data&);
    const char* what;
  };
  const patch_case cases[] = {
      {"in_magic",
       [](pq::file_meta_data& m) { m.row_groups[0].columns[0].column_index_offset = 2; },
       "column index at 2 "},
      {"negative",
       [](pq::file_meta_data& m) { m.row_groups[0].columns[0].offset_index_offset = -8; },
       "offset index at -8 "},
      {"past_footer",
       [](pq::file_meta_data& m) {
         m.row_groups[0].columns[0].offset_index_offset = int64_t{1} << 40;
       },
       "offset index at 1099511627776 "},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bytes = file_with_patched_index(c.patch);
    auto mem = pq::read_footer(
        lakecodec::byte_span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    ASSERT_FALSE(mem.ok());
    EXPECT_EQ(mem.error().code(), lakecodec::errc::corrupt_data);
    EXPECT_NE(mem.error().message().find(c.what), std::string::npos) << mem.error().to_string();
    EXPECT_NE(mem.error().message().find("outside the data region"), std::string::npos)
        << mem.error().to_string();
    const std::string path = dir + "/" + c.name + ".parquet";
    lakecodec_test::write_all(path, bytes);
    auto disk = pq::read_footer_file(path);
    ASSERT_FALSE(disk.ok());
    EXPECT_EQ(disk.error().to_string(), mem.error().to_string());
    // Without the page index the footer itself is fine.
    EXPECT_TRUE(pq::read_footer_file(path, false).ok());
  }
}

// Issue 10 item 3: file_writer::open refuses a level outside the codec's range (gzip level 15
// surfaced as "internal: zlib: deflateInit2 failed" at the first page).
TEST(ParquetFooterTest, WriterRefusesLevelsOutsideTheCodecRange) {
  using namespace lakecodec;
  schema s;
  s.fields.push_back(field("id", types::int64(), false, {}, 1));
  for (auto c : {std::make_pair(compression::gzip, 15), std::make_pair(compression::zstd, 23)}) {
    memory_sink sink;
    pq::writer_options o;
    o.codec = c.first;
    o.compression_level = c.second;
    auto w = pq::file_writer::open(sink, s, o);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().code(), errc::invalid_argument);
    EXPECT_NE(w.error().message().find("invalid " + std::string(compression_name(c.first)) +
                                       " level " + std::to_string(c.second)),
              std::string::npos)
        << w.error().to_string();
  }
}
