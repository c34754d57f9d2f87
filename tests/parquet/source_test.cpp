// The footer reader over random-access sources (file, memory, caller-supplied) and its runtime
// limits: every source gives the footer the span reader gives, without asking for data pages;
// a source that fails passes its error on; limits lower than the defaults refuse a footer the
// defaults accept.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;

namespace {

// Three int64 columns, 1000 rows in two row groups, with a page index.
byte_buffer sample_file() {
  schema s;
  s.fields.push_back(field("a", types::int64(), false, {}, 1));
  s.fields.push_back(field("b", types::int64(), false, {}, 2));
  s.fields.push_back(field("c", types::int64(), true, {}, 3));
  memory_sink sink;
  auto w = pq::file_writer::open(sink, s);
  EXPECT_TRUE(w.ok()) << w.error().to_string();
  for (int g = 0; g < 2; ++g) {
    batch_builder b(s);
    for (int64_t i = 0; i < 500; ++i) {
      b.column(0).append_int(i);
      b.column(1).append_int(i * 7);
      if (i % 3 == 0)
        b.column(2).append_null();
      else
        b.column(2).append_int(-i);
    }
    auto batch = b.finish();
    EXPECT_TRUE(batch.ok());
    EXPECT_TRUE((*w)->write(batch->view()).ok());
    EXPECT_TRUE((*w)->flush_row_group().ok());
  }
  EXPECT_TRUE((*w)->close().ok());
  return sink.take();
}

byte_buffer metadata_bytes(const pq::footer& f) {
  byte_buffer out;
  pq::serialize(f.metadata, out);
  return out;
}

TEST(ParquetSourceTest, EverySourceKindReadsTheFooterTheSpanReaderReads) {
  const byte_buffer file = sample_file();
  auto want = pq::read_footer(file.span());
  ASSERT_TRUE(want.ok()) << want.error().to_string();
  ASSERT_EQ(want->metadata.row_groups.size(), 2u);
  const byte_buffer want_md = metadata_bytes(*want);

  const memory_source mem(file.span());
  auto from_mem = pq::read_footer(mem);
  ASSERT_TRUE(from_mem.ok()) << from_mem.error().to_string();
  EXPECT_EQ(metadata_bytes(*from_mem).span(), want_md.span());
  ASSERT_EQ(from_mem->offset_indexes.size(), 2u);
  EXPECT_TRUE(from_mem->offset_indexes[1][2].has_value());
  EXPECT_TRUE(from_mem->column_indexes[0][0].has_value());

  const std::string dir = lakecodec_test::scratch_dir("parquet-source");
  const std::string path = dir + "/f.parquet";
  lakecodec_test::write_all(path, file.view());
  auto fs = file_source::open(path);
  ASSERT_TRUE(fs) << fs.error().to_string();
  auto from_file = pq::read_footer(*fs);
  ASSERT_TRUE(from_file.ok()) << from_file.error().to_string();
  EXPECT_EQ(metadata_bytes(*from_file).span(), want_md.span());
  auto by_path = pq::read_footer_file(path, pq::footer_options{});
  ASSERT_TRUE(by_path.ok()) << by_path.error().to_string();
  EXPECT_EQ(metadata_bytes(*by_path).span(), want_md.span());

  // A caller-supplied source is asked for the magic, the tail and one footer region: never for
  // the data pages, which all lie before the lowest page index.
  std::vector<std::pair<uint64_t, size_t>> requests;
  const function_source fn(file.size(), [&](uint64_t offset, size_t len, uint8_t* dst) {
    requests.emplace_back(offset, len);
    std::memcpy(dst, file.data() + offset, len);
    return status();
  });
  auto from_fn = pq::read_footer(fn);
  ASSERT_TRUE(from_fn.ok()) << from_fn.error().to_string();
  EXPECT_EQ(metadata_bytes(*from_fn).span(), want_md.span());
  uint64_t lowest_index = file.size();
  for (const auto& rg : want->metadata.row_groups)
    for (const auto& cc : rg.columns) {
      lowest_index = std::min<uint64_t>(lowest_index, *cc.column_index_offset);
      lowest_index = std::min<uint64_t>(lowest_index, *cc.offset_index_offset);
    }
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0], (std::pair<uint64_t, size_t>(0, 4)));
  for (size_t i = 1; i < requests.size(); ++i)
    EXPECT_GE(requests[i].first, lowest_index) << "request " << i << " reads data pages";

  // Without the page index only the footer itself is read.
  requests.clear();
  pq::footer_options no_index;
  no_index.page_index = false;
  auto bare = pq::read_footer(fn, no_index);
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->offset_indexes.empty());
  for (size_t i = 1; i < requests.size(); ++i)
    EXPECT_GE(requests[i].first, file.size() - 8 - want->metadata_length);
}

TEST(ParquetSourceTest, ASourceErrorIsPassedOnAndShortInputsAreRefused) {
  const byte_buffer file = sample_file();
  const function_source failing(
      file.size(),
      [&](uint64_t offset, size_t len, uint8_t* dst) -> status {
        if (offset > 0) return io_error("s3://bucket/f.parquet: connection reset");
        std::memcpy(dst, file.data() + offset, len);
        return status();
      },
      "s3://bucket/f.parquet");
  auto f = pq::read_footer(failing);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code(), errc::io_error);
  EXPECT_NE(f.error().message().find("connection reset"), std::string::npos);

  const memory_source tiny(file.span().subspan(0, 10));
  f = pq::read_footer(tiny);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message().find("too small"), std::string::npos) << f.error().to_string();

  // A cut file ends without the magic: corrupt, naming where the magic was expected.
  const memory_source cut(file.span().subspan(0, file.size() - 100));
  f = pq::read_footer(cut);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code(), errc::corrupt_data) << f.error().to_string();
}

TEST(ParquetSourceTest, RuntimeLimitsBelowTheDefaultsRefuseWhatTheDefaultsAccept) {
  const byte_buffer file = sample_file();
  const memory_source mem(file.span());
  ASSERT_TRUE(pq::read_footer(mem).ok()) << "the defaults accept the footer";

  struct one_limit {
    const char* what;
    void (*set)(limits&);
    const char* message;
  };
  const one_limit cases[] = {
      {"footer bytes", [](limits& l) { l.max_allocation = 64; }, "exceeds the allocation limit"},
      {"thrift lists", [](limits& l) { l.max_collection_count = 2; }, "thrift list size"},
      {"thrift nesting", [](limits& l) { l.max_nesting_depth = 3; }, "nest deeper than 3"},
  };
  for (const one_limit& c : cases) {
    pq::footer_options o;
    c.set(o.limits);
    auto from_source = pq::read_footer(mem, o);
    ASSERT_FALSE(from_source.ok()) << c.what;
    EXPECT_EQ(from_source.error().code(), errc::limit_exceeded)
        << c.what << ": " << from_source.error().to_string();
    EXPECT_NE(from_source.error().message().find(c.message), std::string::npos)
        << c.what << ": " << from_source.error().to_string();
    if (c.set == cases[0].set) continue;  // the span reader allocates nothing for the footer
    auto from_span = pq::read_footer(file.span(), o);
    ASSERT_FALSE(from_span.ok()) << c.what;
    EXPECT_EQ(from_span.error().code(), errc::limit_exceeded)
        << c.what << ": " << from_span.error().to_string();
  }
}

}  // namespace
