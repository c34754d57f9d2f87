// Writes the lineitem table that bench_parquet.py dumped (raw Arrow buffers + manifest.json) with
// lakecodec's Parquet writer, mapping the buffers straight into a batch_view, and prints one JSON
// line: seconds, rows, input bytes, output bytes. `--limit` instead measures the physical limit:
// a memcpy of every input buffer plus the compressor alone on the same pages (the pages of the
// same file written uncompressed).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lakecodec/parquet.hpp"

using namespace lakecodec;
namespace pq = lakecodec::parquet;

namespace {

/// Anonymous resident memory of this process in bytes (/proc/self/status RssAnon).
long long rss_anon() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("RssAnon:", 0) == 0) return std::atoll(line.c_str() + 8) * 1024;
  return 0;
}

struct mapping {
  const uint8_t* data = nullptr;
  size_t size = 0;
};

mapping map_file(const std::string& path) {
  mapping m;
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    std::perror(path.c_str());
    std::exit(2);
  }
  struct stat st;
  ::fstat(fd, &st);
  m.size = static_cast<size_t>(st.st_size);
  if (m.size)
    m.data = static_cast<const uint8_t*>(::mmap(nullptr, m.size, PROT_READ, MAP_PRIVATE, fd, 0));
  ::close(fd);
  return m;
}

data_type type_of(const std::string& t) {
  if (t == "int32") return types::int32();
  if (t == "int64") return types::int64();
  if (t == "date32") return types::date32();
  if (t == "string") return types::string();
  if (t.rfind("decimal128", 0) == 0) {
    int p = 0, s = 0;
    std::sscanf(t.c_str(), "decimal128(%d, %d)", &p, &s);
    return types::decimal128(p, s);
  }
  std::fprintf(stderr, "unsupported type %s\n", t.c_str());
  std::exit(2);
}

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double cpu_now() {
  timespec ts;
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: parquet_write_bench DIR CODEC PAGE_VERSION OUT [--limit]\n");
    return 2;
  }
  const std::string dir = argv[1], codec = argv[2], out = argv[4];
  const int page_version = std::atoi(argv[3]);
  const bool limit = argc > 5 && std::string(argv[5]) == "--limit";
  std::ifstream mf(dir + "/manifest.json");
  std::stringstream ss;
  ss << mf.rdbuf();
  auto man = nlohmann::json::parse(ss.str(), nullptr, false);
  batch_view b;
  b.length = man["rows"].get<int64_t>();
  std::vector<mapping> maps;
  size_t input_bytes = 0;
  for (const auto& c : man["columns"]) {
    field f(c["name"].get<std::string>(), type_of(c["type"].get<std::string>()), false, {},
            c["field_id"].get<int>());
    b.schema.fields.push_back(f);
    column_view v;
    v.type = f.type;
    v.length = b.length;
    v.null_count_hint = 0;
    mapping values = map_file(dir + "/" + c["values"].get<std::string>());
    maps.push_back(values);
    v.values = values.data;
    input_bytes += values.size;
    if (c.contains("data")) {
      mapping data = map_file(dir + "/" + c["data"].get<std::string>());
      maps.push_back(data);
      v.data = data.data;
      input_bytes += data.size;
    }
    b.columns.push_back(v);
  }
  pq::writer_options o;
  auto kind = parse_compression(codec);
  if (!kind) return 2;
  o.codec = limit ? compression::none : *kind;
  o.page_version = page_version;
  o.data_page_size = 1 << 20;
  o.dictionary_page_size = 1 << 20;
  o.row_group_rows = 1 << 20;
  o.max_rows_per_page = 20000;  // Arrow C++ default (kDefaultMaxRowsPerPage), as pyarrow uses
  o.statistics = true;
  o.page_index = true;
  o.validate_utf8 = true;
  if (!limit) {
    const long long anon_before = rss_anon();
    const double t0 = now(), c0 = cpu_now();
    auto w = pq::file_writer::create(out, b.schema, o, file_sink_options{true, true, false});
    if (!w) {
      std::fprintf(stderr, "%s\n", w.error().to_string().c_str());
      return 1;
    }
    auto sum = (*w)->write_and_close(b);  // the whole table, like pq.write_table
    if (!sum) {
      std::fprintf(stderr, "%s\n", sum.error().to_string().c_str());
      return 1;
    }
    const double t1 = now(), c1 = cpu_now();
    std::printf(
        "{\"seconds\": %.4f, \"cpu_seconds\": %.4f, \"rows\": %lld, \"input_bytes\": %zu, "
        "\"output_bytes\": %llu, \"anon_before\": %lld}\n",
        t1 - t0, c1 - c0, static_cast<long long>(b.length), input_bytes,
        static_cast<unsigned long long>(sum->file_size), anon_before);
    return 0;
  }
  // Physical limit: memcpy of the input + the codec alone on the pages of the uncompressed file.
  // The memcpy of the input, first, while the mapping is fresh: every input byte is read once
  // with the page faults the writers pay on it, through one reused 1 MiB buffer (so the kernel
  // handing out ~1 GB of fresh destination pages is not timed).
  byte_buffer copy(size_t{1} << 20);
  copy.resize(size_t{1} << 20);
  unsigned checksum = 0;
  const double t0 = now(), c0 = cpu_now();
  for (const auto& m : maps) {
    for (size_t at = 0; at < m.size; at += copy.size()) {
      const size_t k = std::min(copy.size(), m.size - at);
      std::memcpy(copy.data(), m.data + at, k);
      checksum += copy[k - 1];
    }
  }
  const double t1 = now(), c1 = cpu_now();
  if (checksum == 0xFFFFFFFFu) std::printf("#\n");  // keeps the copies observable
  memory_sink sink;
  {
    auto w = pq::file_writer::open(sink, b.schema, o);
    if (!w || !(*w)->write(b).ok() || !(*w)->close().ok()) return 1;
  }
  const byte_buffer& file = sink.buffer();
  auto f = pq::read_footer(file.span());
  if (!f) return 1;
  std::vector<byte_span> pages;
  for (const auto& rg : f->metadata.row_groups)
    for (const auto& cc : rg.columns) {
      const auto& m = *cc.meta_data;
      int64_t pos = m.dictionary_page_offset.value_or(m.data_page_offset);
      const int64_t end = pos + m.total_compressed_size;
      while (pos < end) {
        pq::page_header h;
        size_t used = 0;
        if (!pq::deserialize(
                 file.span().subspan(static_cast<size_t>(pos), static_cast<size_t>(end - pos)), h,
                 &used)
                 .ok())
          return 1;
        size_t skip = 0;
        if (h.data_page_header_v2)
          skip = static_cast<size_t>(h.data_page_header_v2->definition_levels_byte_length +
                                     h.data_page_header_v2->repetition_levels_byte_length);
        pages.push_back(file.span().subspan(static_cast<size_t>(pos) + used + skip,
                                            static_cast<size_t>(h.compressed_page_size) - skip));
        pos += static_cast<int64_t>(used) + h.compressed_page_size;
      }
    }
  const double t1c = now(), c1c = cpu_now();  // the codec alone, from here
  compressor comp(*kind);
  byte_buffer cbuf;
  size_t compressed = 0;
  for (const auto& p : pages) {
    cbuf.clear();
    if (!comp.compress(p, cbuf).ok()) return 1;
    compressed += cbuf.size();
  }
  const double t2 = now(), c2 = cpu_now();
  // What every writer also pays: copying the output into a file (1 MiB write() calls of the
  // compressed pages, as many bytes as the file), timed separately.
  double write_cpu = 0;
  {
    auto fs = file_sink::open(out + ".limit", file_sink_options{false, true, false});
    if (!fs) return 1;
    cbuf.clear();
    for (const auto& p : pages) {
      if (!comp.compress(p, cbuf).ok()) return 1;
      if (cbuf.size() < (size_t{1} << 20)) continue;
      const double w0 = cpu_now();
      if (!fs->write(cbuf.span()).ok()) return 1;
      write_cpu += cpu_now() - w0;
      cbuf.clear();
    }
    const double w0 = cpu_now();
    if (!fs->write(cbuf.span()).ok() || !fs->close().ok()) return 1;
    write_cpu += cpu_now() - w0;
    std::remove((out + ".limit").c_str());
  }
  std::printf(
      "{\"memcpy_seconds\": %.4f, \"compress_seconds\": %.4f, \"seconds\": %.4f, \"cpu_seconds\": "
      "%.4f, \"memcpy_cpu_seconds\": %.4f, \"write_cpu_seconds\": %.4f, \"pages\": %zu, "
      "\"page_bytes\": %zu, \"compressed_bytes\": %zu, \"input_bytes\": %zu}\n",
      t1 - t0, t2 - t1c, (t1 - t0) + (t2 - t1c), (c1 - c0) + (c2 - c1c), c1 - c0, write_cpu,
      pages.size(), file.size(), compressed, input_bytes);
  return 0;
}
