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
  r = lakecodec_test::run_command(cli + " parquet meta " + dir + "/li.parquet");
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
  EXPECT_NE(r.output.find("line 2"), std::string::npos) << r.output;
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
