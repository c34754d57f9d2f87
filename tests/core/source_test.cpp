// core/source.hpp (random-access inputs), core/os.hpp (the system wrappers) and the runtime
// limits value: reads from files, memory and caller-supplied readers, refused ranges past the
// end, errors that name the path, and file_sink's no-replace publish.
#include "lakecodec/core/source.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/sink.hpp"

namespace {

using namespace lakecodec;

std::string text_of(const byte_buffer& b) { return std::string(b.view()); }

void write_text(const std::string& path, std::string_view text) {
  file_sink_options o;
  o.sync = false;
  auto s = file_sink::open(path, o);
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_TRUE(s->write(byte_span(text)).ok());
  ASSERT_TRUE(s->close().ok());
}

TEST(SourceTest, MemorySourceReadsRangesAtOffsets) {
  const std::string data = "0123456789";
  memory_source src(byte_span(data.data(), data.size()));
  EXPECT_EQ(src.size(), 10u);
  byte_buffer out;
  ASSERT_TRUE(src.read_at(3, 4, out).ok());
  EXPECT_EQ(text_of(out), "3456");
  ASSERT_TRUE(src.read_at(10, 0, out).ok()) << "an empty read at the end is in range";
  EXPECT_TRUE(out.empty());
  uint8_t two[2];
  ASSERT_TRUE(src.read_at(8, 2, two).ok());
  EXPECT_EQ(two[0], '8');
  EXPECT_EQ(two[1], '9');
}

TEST(SourceTest, FileSourceReadsWithPreadInAnyOrder) {
  const std::string dir = lakecodec_test::scratch_dir("source-file");
  const std::string path = dir + "/data.bin";
  write_text(path, "abcdefghijklmnopqrstuvwxyz");
  auto src = file_source::open(path);
  ASSERT_TRUE(src) << src.error().to_string();
  EXPECT_EQ(src->size(), 26u);
  EXPECT_EQ(src->path(), path);
  byte_buffer out;
  ASSERT_TRUE(src->read_at(23, 3, out).ok());
  EXPECT_EQ(text_of(out), "xyz");
  ASSERT_TRUE(src->read_at(0, 3, out).ok());
  EXPECT_EQ(text_of(out), "abc");
  ASSERT_TRUE(src->read_at(10, 5, out).ok());
  EXPECT_EQ(text_of(out), "klmno");
  file_source moved = std::move(*src);
  ASSERT_TRUE(moved.read_at(25, 1, out).ok());
  EXPECT_EQ(text_of(out), "z");
}

// A caller's own source (an object store client would issue a ranged GET here).
class counting_source final : public source {
 public:
  explicit counting_source(std::string data) : data_(std::move(data)) {}
  uint64_t size() const override { return data_.size(); }
  std::string name() const override { return "s3://bucket/key"; }
  mutable std::vector<std::pair<uint64_t, size_t>> requests;

 protected:
  status read_exact(uint64_t offset, size_t len, uint8_t* dst) const override {
    requests.emplace_back(offset, len);
    std::memcpy(dst, data_.data() + offset, len);
    return {};
  }

 private:
  std::string data_;
};

TEST(SourceTest, CallerSuppliedSourcesAreAskedForExactRanges) {
  counting_source derived("hello world");
  byte_buffer out;
  ASSERT_TRUE(derived.read_at(6, 5, out).ok());
  EXPECT_EQ(text_of(out), "world");
  ASSERT_EQ(derived.requests.size(), 1u);
  EXPECT_EQ(derived.requests[0], (std::pair<uint64_t, size_t>(6, 5)));

  const std::string data = "function";
  int calls = 0;
  function_source fn(
      data.size(),
      [&](uint64_t offset, size_t len, uint8_t* dst) -> status {
        ++calls;
        std::memcpy(dst, data.data() + offset, len);
        return {};
      },
      "fn-input");
  ASSERT_TRUE(fn.read_at(2, 3, out).ok());
  EXPECT_EQ(text_of(out), "nct");
  EXPECT_EQ(calls, 1);

  function_source failing(
      10, [](uint64_t, size_t, uint8_t*) -> status { return io_error("upstream said 503"); });
  status st = failing.read_at(0, 4, out);
  EXPECT_EQ(st.code(), errc::io_error);
  EXPECT_NE(st.message().find("503"), std::string::npos) << st.to_string();
}

TEST(SourceTest, ReadPastTheEndIsRefusedNamingOffsetAndSize) {
  const std::string data = "0123456789";
  memory_source mem(byte_span(data.data(), data.size()), "mem-input");
  byte_buffer out;
  status st = mem.read_at(8, 4, out);
  EXPECT_EQ(st.code(), errc::truncated);
  EXPECT_EQ(st.offset(), 8);
  EXPECT_NE(st.message().find("mem-input"), std::string::npos) << st.to_string();
  EXPECT_NE(st.message().find("4 bytes at offset 8"), std::string::npos) << st.to_string();
  EXPECT_NE(st.message().find("10-byte"), std::string::npos) << st.to_string();
  // Offsets beyond the end and lengths that would overflow are refused the same way.
  EXPECT_EQ(mem.read_at(11, 0, out).code(), errc::truncated);
  EXPECT_EQ(mem.read_at(1, SIZE_MAX, out).code(), errc::truncated);

  counting_source derived("abc");
  EXPECT_EQ(derived.read_at(2, 2, out).code(), errc::truncated);
  EXPECT_TRUE(derived.requests.empty()) << "the implementation is never asked past the end";

  const std::string dir = lakecodec_test::scratch_dir("source-short");
  const std::string path = dir + "/short.bin";
  write_text(path, "abc");
  auto f = file_source::open(path);
  ASSERT_TRUE(f);
  st = f->read_at(1, 3, out);
  EXPECT_EQ(st.code(), errc::truncated);
  EXPECT_NE(st.message().find(path), std::string::npos) << st.to_string();
}

TEST(OsTest, ShortPreadNamesThePathAndTheMissingBytes) {
  const std::string dir = lakecodec_test::scratch_dir("os-pread");
  const std::string path = dir + "/five.bin";
  write_text(path, "12345");
  auto f = os::open_read(path);
  ASSERT_TRUE(f) << f.error().to_string();
  auto size = os::file_size(*f);
  ASSERT_TRUE(size);
  EXPECT_EQ(*size, 5u);
  uint8_t buf[8];
  ASSERT_TRUE(os::pread_full(*f, 1, buf, 4).ok());
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), 4), "2345");
  status st = os::pread_full(*f, 3, buf, 4);
  EXPECT_EQ(st.code(), errc::truncated);
  EXPECT_NE(st.message().find(path), std::string::npos) << st.to_string();
  EXPECT_NE(st.message().find("ends at offset 5"), std::string::npos) << st.to_string();
}

TEST(OsTest, ErrorsNameThePathAndTellMissingFromTaken) {
  const std::string dir = lakecodec_test::scratch_dir("os-errors");
  const std::string missing = dir + "/no-such-file";
  auto r = os::open_read(missing);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), errc::not_found);
  EXPECT_NE(r.error().message().find(missing), std::string::npos) << r.error().to_string();
  auto fs = file_source::open(missing);
  ASSERT_FALSE(fs);
  EXPECT_NE(fs.error().message().find(missing), std::string::npos);
  auto rf = read_file(missing);
  ASSERT_FALSE(rf);
  EXPECT_NE(rf.error().message().find(missing), std::string::npos);

  const std::string taken = dir + "/taken";
  write_text(taken, "x");
  auto c = os::open_create(taken);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code(), errc::already_exists);
  EXPECT_NE(c.error().message().find(taken), std::string::npos) << c.error().to_string();
  auto replaced = os::open_create(taken, true);
  ASSERT_TRUE(replaced) << replaced.error().to_string();
  ASSERT_TRUE(os::write_full(*replaced, reinterpret_cast<const uint8_t*>("yz"), 2).ok());
  ASSERT_TRUE(os::fsync(*replaced).ok());
  ASSERT_TRUE(replaced->close().ok());
  EXPECT_EQ(text_of(lakecodec_test::read_all(taken)), "yz");

  const std::string other = dir + "/other";
  write_text(other, "o");
  status st = os::link_no_replace(other, taken);
  EXPECT_EQ(st.code(), errc::already_exists);
  EXPECT_NE(st.message().find(taken), std::string::npos) << st.to_string();
  EXPECT_EQ(text_of(lakecodec_test::read_all(taken)), "yz") << "link never replaces";
  ASSERT_TRUE(os::link_no_replace(other, dir + "/fresh").ok());

  st = os::rename_replace(other, dir + "/no-dir/x");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(dir + "/no-dir/x"), std::string::npos) << st.to_string();
  ASSERT_TRUE(os::rename_replace(other, taken).ok());
  EXPECT_EQ(text_of(lakecodec_test::read_all(taken)), "o") << "rename replaces";

  st = os::unlink(missing);
  EXPECT_EQ(st.code(), errc::not_found);
  EXPECT_NE(st.message().find(missing), std::string::npos) << st.to_string();
  st = os::fsync_directory(dir + "/no-dir");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(dir + "/no-dir"), std::string::npos) << st.to_string();
  EXPECT_TRUE(os::fsync_directory(dir).ok());

  auto m = os::map_anonymous(4096);
  ASSERT_TRUE(m);
  (*m)[4095] = 1;
  os::unmap(*m, 4096);
}

TEST(FileSinkTest, NoOverwriteRefusesAnExistingDestination) {
  const std::string dir = lakecodec_test::scratch_dir("sink-no-overwrite");
  const std::string path = dir + "/dest.bin";
  write_text(path, "first");
  {
    // atomic (the default): the temporary is written, the no-replace publish refuses.
    auto s = file_sink::open(path);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->write(byte_span(std::string_view("second"))).ok());
    status st = s->close();
    EXPECT_EQ(st.code(), errc::already_exists);
    EXPECT_NE(st.message().find(path), std::string::npos) << st.to_string();
  }
  {
    // not atomic: refused at open, before anything is written over the file.
    file_sink_options o;
    o.atomic = false;
    auto s = file_sink::open(path, o);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), errc::already_exists);
    EXPECT_NE(s.error().message().find(path), std::string::npos) << s.error().to_string();
  }
  EXPECT_EQ(text_of(lakecodec_test::read_all(path)), "first");
  auto listing = lakecodec_test::run_command("ls -A '" + dir + "'");
  EXPECT_EQ(listing.output, "dest.bin\n") << "no temporary is left behind";
  {
    file_sink_options o;
    o.overwrite = true;
    auto s = file_sink::open(path, o);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->write(byte_span(std::string_view("third"))).ok());
    ASSERT_TRUE(s->close().ok());
  }
  EXPECT_EQ(text_of(lakecodec_test::read_all(path)), "third");
}

TEST(LimitsTest, DefaultsComeFromTheMacrosAndAreAPlainValue) {
  constexpr limits d{};
  static_assert(d.max_allocation == LAKECODEC_MAX_ALLOCATION, "");
  static_assert(d.max_decompressed_size == LAKECODEC_MAX_DECOMPRESSED_SIZE, "");
  static_assert(d.max_collection_count == LAKECODEC_MAX_COLLECTION_COUNT, "");
  static_assert(d.max_nesting_depth == LAKECODEC_MAX_NESTING_DEPTH, "");
  static_assert(d.max_schema_size == LAKECODEC_MAX_SCHEMA_SIZE, "");
  limits small;
  small.max_collection_count = 10;
  EXPECT_EQ(small.max_collection_count, 10);
  EXPECT_EQ(small.max_allocation, d.max_allocation);
}

}  // namespace
