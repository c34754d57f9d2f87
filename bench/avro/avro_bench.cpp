// Avro encode/decode of a 20-column record (5 int, 5 long, 4 double, 4 string, an optional
// ["null","string"] union, a bytes decimal(18,4)) into a container file, null and zstandard
// codecs. lakecodec's columnar plan, typed encoder/decoder and generic values, side by side
// with avro-c's fastest API (a reused generic avro_value_t) on identical records, and memcpy of
// the encoded bytes as the physical limit. Results are checked equal before timing.
//
//   avro_bench [--benchmark_repetitions=5 ...]   (LAKECODEC_AVRO_BENCH_ROWS, default 200000)
//   LAKECODEC_AVRO_BENCH_FILE=path: also writes the records (null codec) for run_bench.py.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "lakecodec/avro.hpp"
#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/builder.hpp"

#ifdef LAKECODEC_BENCH_AVRO_C
#include <avro.h>
#endif

using namespace lakecodec;

namespace {

const char* kSchema = R"({"type":"record","name":"bench","fields":[
{"name":"i0","type":"int"},{"name":"i1","type":"int"},{"name":"i2","type":"int"},{"name":"i3","type":"int"},{"name":"i4","type":"int"},
{"name":"l0","type":"long"},{"name":"l1","type":"long"},{"name":"l2","type":"long"},{"name":"l3","type":"long"},{"name":"l4","type":"long"},
{"name":"d0","type":"double"},{"name":"d1","type":"double"},{"name":"d2","type":"double"},{"name":"d3","type":"double"},
{"name":"s0","type":"string"},{"name":"s1","type":"string"},{"name":"s2","type":"string"},{"name":"s3","type":"string"},
{"name":"opt","type":["null","string"]},
{"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":4}}]})";

struct row {
  int32_t i[5];
  int64_t l[5];
  double d[4];
  std::string s[4];
  bool has_opt;
  std::string opt;
  int64_t dec;  // unscaled, fits decimal(18)

  bool operator==(const row& o) const {
    for (int k = 0; k < 5; ++k)
      if (i[k] != o.i[k] || l[k] != o.l[k]) return false;
    for (int k = 0; k < 4; ++k)
      if (std::memcmp(&d[k], &o.d[k], 8) != 0 || s[k] != o.s[k]) return false;
    return has_opt == o.has_opt && opt == o.opt && dec == o.dec;
  }
};

struct dataset {
  avro::schema schema;
  std::vector<row> rows;
  owned_batch batch;
  avro::columnar_plan plan;
  byte_buffer file_null, file_zstd;
};

int64_t num_rows() {
  const char* e = std::getenv("LAKECODEC_AVRO_BENCH_ROWS");
  return e ? std::atoll(e) : 200000;
}

std::string random_text(std::mt19937_64& g) {
  static const char alphabet[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-";
  std::string s(8 + g() % 17, ' ');
  for (char& c : s) c = alphabet[g() % (sizeof alphabet - 1)];
  return s;
}

// An in-memory sink whose buffer is kept between runs, as a long-lived writer's output buffer
// would be; fresh allocations would time page faults, not encoding.
class reuse_sink final : public output_sink {
 public:
  using output_sink::write;
  status write(const uint8_t* data, size_t size) override {
    buffer_.append(data, size);
    return {};
  }
  uint64_t position() const override { return buffer_.size(); }
  void reset() { buffer_.clear(); }
  const byte_buffer& buffer() const { return buffer_; }

 private:
  byte_buffer buffer_;
};

reuse_sink& shared_sink() {
  static reuse_sink s;
  s.reset();
  return s;
}

avro::writer_options options(avro::codec c) {
  avro::writer_options o;
  o.codec = c;
  o.block_bytes = 256 * 1024;
  o.sync = avro::sync_marker{};
  return o;
}

void encode_typed(const row& r, avro::encoder& e) {
  for (int k = 0; k < 5; ++k) e.write_int(r.i[k]);
  for (int k = 0; k < 5; ++k) e.write_long(r.l[k]);
  for (int k = 0; k < 4; ++k) e.write_double(r.d[k]);
  for (int k = 0; k < 4; ++k) e.write_string(r.s[k]);
  if (r.has_opt) {
    e.write_union_index(1);
    e.write_string(r.opt);
  } else {
    e.write_union_index(0);
  }
  uint8_t buf[16];
  const size_t n = avro::decimal_to_bytes(r.dec, buf);
  e.write_bytes(buf, n);
}

// Typed decode of one record into a reused row; false on error (the decoder holds it).
LAKECODEC_ALWAYS_INLINE void decode_typed(avro::decoder& d, row& r) {
  for (int k = 0; k < 5; ++k) r.i[k] = d.read_int();
  for (int k = 0; k < 5; ++k) r.l[k] = d.read_long();
  for (int k = 0; k < 4; ++k) r.d[k] = d.read_double();
  for (int k = 0; k < 4; ++k) {
    const std::string_view v = d.read_string();
    r.s[k].assign(v.data(), v.size());
  }
  r.has_opt = d.read_union_index(2) == 1;
  if (r.has_opt) {
    const std::string_view v = d.read_string();
    r.opt.assign(v.data(), v.size());
  } else {
    r.opt.clear();
  }
  auto dec = avro::decimal_from_bytes(d.read_bytes());
  r.dec = dec ? static_cast<int64_t>(*dec) : 0;
}

const byte_buffer& write_typed(const dataset& ds, avro::codec c) {
  reuse_sink& sink = shared_sink();
  auto w = avro::container_writer::open(sink, ds.schema, options(c));
  for (const row& r : ds.rows) {
    encode_typed(r, w->record_encoder());
    if (!w->end_record().ok()) std::abort();
  }
  if (!w->close().ok()) std::abort();
  return sink.buffer();
}

const byte_buffer& write_columnar(const dataset& ds, avro::codec c) {
  reuse_sink& sink = shared_sink();
  auto w = avro::container_writer::open(sink, ds.schema, options(c));
  if (!avro::write_batch(*w, ds.plan, ds.batch.view()).ok()) std::abort();
  if (!w->close().ok()) std::abort();
  return sink.buffer();
}

size_t read_typed(byte_span file, std::vector<row>& out) {
  auto r = avro::container_reader::open(file);
  avro::block_view b;
  size_t n = 0;
  while (*r->next_block(b)) {
    avro::decoder d(b.data, b.offset);
    for (int64_t i = 0; i < b.count; ++i) decode_typed(d, out[n++]);
    if (!d.ok()) std::abort();
  }
  return n;
}

dataset& data() {
  static dataset* ds = [] {
    auto* d = new dataset;
    d->schema = *avro::schema::parse(kSchema);
    std::mt19937_64 g(42);
    const int64_t n = num_rows();
    d->rows.resize(static_cast<size_t>(n));
    for (row& r : d->rows) {
      for (int k = 0; k < 5; ++k)
        r.i[k] =
            static_cast<int32_t>(g() % (k == 0 ? 100 : 2000000000)) - (k == 4 ? 1000000000 : 0);
      for (int k = 0; k < 5; ++k)
        r.l[k] = static_cast<int64_t>(g() >> (k * 12 + 1)) * (k % 2 ? -1 : 1);
      for (int k = 0; k < 4; ++k)
        r.d[k] = static_cast<double>(static_cast<int64_t>(g() % 2000000) - 1000000) / 64.0 + k;
      for (int k = 0; k < 4; ++k) r.s[k] = random_text(g);
      r.has_opt = g() % 2;
      if (r.has_opt) r.opt = random_text(g);
      r.dec = static_cast<int64_t>(g() % 2000000000000LL) - 1000000000000LL;
    }
    auto cols = avro::columnar_schema(d->schema);
    batch_builder b(*cols);
    for (const row& r : d->rows) {
      size_t c = 0;
      for (int k = 0; k < 5; ++k) b.column(c++).append_int(r.i[k]);
      for (int k = 0; k < 5; ++k) b.column(c++).append_int(r.l[k]);
      for (int k = 0; k < 4; ++k) b.column(c++).append_float(r.d[k]);
      for (int k = 0; k < 4; ++k) b.column(c++).append_bytes(r.s[k]);
      if (r.has_opt)
        b.column(c++).append_bytes(r.opt);
      else
        b.column(c++).append_null();
      b.column(c++).append_decimal(r.dec);
    }
    d->batch = std::move(b.finish()).value();
    d->plan = std::move(avro::columnar_plan::compile(d->schema, *cols)).value();
    d->file_null = write_typed(*d, avro::codec::null);
    d->file_zstd = write_typed(*d, avro::codec::zstandard);
    const byte_buffer first_null = write_typed(*d, avro::codec::null);
    // Checks before timing: both encoders produce the same bytes; typed and columnar decoding
    // give the source rows back.
    if (write_columnar(*d, avro::codec::null).span() != first_null.span()) {
      std::fprintf(stderr, "columnar and typed encodings differ\n");
      std::abort();
    }
    std::vector<row> back(d->rows.size());
    if (read_typed(d->file_zstd.span(), back) != d->rows.size() || !(back == d->rows)) {
      std::fprintf(stderr, "typed decode differs from the source rows\n");
      std::abort();
    }
    if (const char* path = std::getenv("LAKECODEC_AVRO_BENCH_FILE")) {
      FILE* f = std::fopen(path, "wb");
      std::fwrite(d->file_null.data(), 1, d->file_null.size(), f);
      std::fclose(f);
    }
    return d;
  }();
  return *ds;
}

avro::codec codec_arg(const benchmark::State& st) {
  return st.range(0) ? avro::codec::zstandard : avro::codec::null;
}
const byte_buffer& file_for(const benchmark::State& st) {
  return st.range(0) ? data().file_zstd : data().file_null;
}
void set_counters(benchmark::State& st) {
  st.SetItemsProcessed(st.iterations() * static_cast<int64_t>(data().rows.size()));
  // Bytes: the uncompressed encoded record bytes (same for every codec and library).
  st.SetBytesProcessed(st.iterations() * static_cast<int64_t>(data().file_null.size()));
  st.SetLabel(st.range(0) ? "zstandard" : "null");
}

void BM_memcpy_encoded(benchmark::State& st) {
  const byte_buffer& src = data().file_null;
  std::vector<uint8_t> dst(src.size());
  for (auto _ : st) {
    std::memcpy(dst.data(), src.data(), src.size());
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  set_counters(st);
}
BENCHMARK(BM_memcpy_encoded)->Arg(0)->Unit(benchmark::kMillisecond);

// The codec alone on the same bytes (256 KiB chunks, like the blocks): the floor for the
// zstandard rows. Arg 0 = compress, 1 = decompress.
void BM_zstd_alone(benchmark::State& st) {
  const byte_buffer& src = data().file_null;
  const size_t chunk = 256 * 1024;
  std::vector<byte_buffer> packed;
  compressor c(compression::zstd);
  for (size_t i = 0; i < src.size(); i += chunk) {
    packed.emplace_back();
    if (!c.compress(byte_span(src.data() + i, std::min(chunk, src.size() - i)), packed.back()).ok())
      std::abort();
  }
  decompressor dc(compression::zstd);
  byte_buffer out;
  for (auto _ : st) {
    if (st.range(0) == 0) {
      for (size_t i = 0; i < src.size(); i += chunk) {
        out.clear();
        if (!c.compress(byte_span(src.data() + i, std::min(chunk, src.size() - i)), out).ok())
          std::abort();
      }
    } else {
      for (const byte_buffer& p : packed) {
        out.clear();
        if (!dc.decompress(p.span(), out).ok()) std::abort();
      }
    }
    benchmark::DoNotOptimize(out.data());
  }
  set_counters(st);
  st.SetLabel(st.range(0) ? "zstd decompress" : "zstd compress");
}
BENCHMARK(BM_zstd_alone)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_lakecodec_encode_typed(benchmark::State& st) {
  const avro::codec c = codec_arg(st);
  for (auto _ : st) benchmark::DoNotOptimize(write_typed(data(), c).size());
  set_counters(st);
}
BENCHMARK(BM_lakecodec_encode_typed)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_lakecodec_encode_columnar(benchmark::State& st) {
  const avro::codec c = codec_arg(st);
  for (auto _ : st) benchmark::DoNotOptimize(write_columnar(data(), c).size());
  set_counters(st);
}
BENCHMARK(BM_lakecodec_encode_columnar)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_lakecodec_decode_typed(benchmark::State& st) {
  std::vector<row> out(data().rows.size());
  for (auto _ : st) benchmark::DoNotOptimize(read_typed(file_for(st).span(), out));
  set_counters(st);
}
BENCHMARK(BM_lakecodec_decode_typed)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_lakecodec_decode_columnar(benchmark::State& st) {
  for (auto _ : st) {
    auto r = avro::container_reader::open(file_for(st).span());
    auto b = avro::read_batch(*r, data().plan);
    if (!b || b->length() != static_cast<int64_t>(data().rows.size())) std::abort();
    benchmark::DoNotOptimize(b->length());
  }
  set_counters(st);
}
BENCHMARK(BM_lakecodec_decode_columnar)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_lakecodec_decode_generic(benchmark::State& st) {
  for (auto _ : st) {
    auto r = avro::container_reader::open(file_for(st).span());
    avro::value v;
    size_t n = 0;
    while (*r->next(v)) ++n;
    if (n != data().rows.size()) std::abort();
  }
  set_counters(st);
}
BENCHMARK(BM_lakecodec_decode_generic)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

#ifdef LAKECODEC_BENCH_AVRO_C
// avro-c: a generic avro_value_t reused for every record (its fastest documented API), written
// with avro_file_writer_append_value to a file on tmpfs, read with avro_file_reader_read_value.
struct avroc_state {
  avro_schema_t schema;
  avro_value_iface_t* iface;
};
avroc_state& avroc() {
  static avroc_state* s = [] {
    auto* st = new avroc_state;
    if (avro_schema_from_json_length(kSchema, std::strlen(kSchema), &st->schema) != 0) {
      std::fprintf(stderr, "avro-c: %s\n", avro_strerror());
      std::abort();
    }
    st->iface = avro_generic_class_from_schema(st->schema);
    return st;
  }();
  return *s;
}
std::string tmp_path(const char* name) {
  return std::string(access("/dev/shm", W_OK) == 0 ? "/dev/shm/" : "/tmp/") + name;
}

void avroc_write(const char* codec, const std::string& path) {
  avroc_state& s = avroc();
  std::remove(path.c_str());
  avro_file_writer_t w;
  if (avro_file_writer_create_with_codec(path.c_str(), s.schema, &w, codec, 256 * 1024) != 0) {
    std::fprintf(stderr, "avro-c writer: %s\n", avro_strerror());
    std::abort();
  }
  avro_value_t rec;
  avro_generic_value_new(s.iface, &rec);
  avro_value_t f[20];
  for (int k = 0; k < 20; ++k) avro_value_get_by_index(&rec, k, &f[k], nullptr);
  for (const row& r : data().rows) {
    for (int k = 0; k < 5; ++k) avro_value_set_int(&f[k], r.i[k]);
    for (int k = 0; k < 5; ++k) avro_value_set_long(&f[5 + k], r.l[k]);
    for (int k = 0; k < 4; ++k) avro_value_set_double(&f[10 + k], r.d[k]);
    for (int k = 0; k < 4; ++k)
      avro_value_set_string_len(&f[14 + k], r.s[k].c_str(), r.s[k].size() + 1);
    avro_value_t branch;
    if (r.has_opt) {
      avro_value_set_branch(&f[18], 1, &branch);
      avro_value_set_string_len(&branch, r.opt.c_str(), r.opt.size() + 1);
    } else {
      avro_value_set_branch(&f[18], 0, &branch);
      avro_value_set_null(&branch);
    }
    uint8_t buf[16];
    const size_t n = avro::decimal_to_bytes(r.dec, buf);
    avro_value_set_bytes(&f[19], buf, n);
    if (avro_file_writer_append_value(w, &rec) != 0) std::abort();
  }
  avro_file_writer_close(w);
  avro_value_decref(&rec);
}

size_t avroc_read(const std::string& path, std::vector<row>* check) {
  avroc_state& s = avroc();
  avro_file_reader_t rd;
  if (avro_file_reader(path.c_str(), &rd) != 0) std::abort();
  avro_value_t rec;
  avro_generic_value_new(s.iface, &rec);
  size_t n = 0;
  row r;
  while (avro_file_reader_read_value(rd, &rec) == 0) {
    avro_value_t f;
    for (int k = 0; k < 5; ++k) {
      avro_value_get_by_index(&rec, k, &f, nullptr);
      avro_value_get_int(&f, &r.i[k]);
    }
    for (int k = 0; k < 5; ++k) {
      avro_value_get_by_index(&rec, 5 + k, &f, nullptr);
      avro_value_get_long(&f, &r.l[k]);
    }
    for (int k = 0; k < 4; ++k) {
      avro_value_get_by_index(&rec, 10 + k, &f, nullptr);
      avro_value_get_double(&f, &r.d[k]);
    }
    for (int k = 0; k < 4; ++k) {
      avro_value_get_by_index(&rec, 14 + k, &f, nullptr);
      const char* p;
      size_t len;
      avro_value_get_string(&f, &p, &len);
      r.s[k].assign(p, len - 1);
    }
    avro_value_get_by_index(&rec, 18, &f, nullptr);
    int disc;
    avro_value_get_discriminant(&f, &disc);
    r.has_opt = disc == 1;
    if (r.has_opt) {
      avro_value_t b;
      avro_value_get_current_branch(&f, &b);
      const char* p;
      size_t len;
      avro_value_get_string(&b, &p, &len);
      r.opt.assign(p, len - 1);
    } else {
      r.opt.clear();
    }
    avro_value_get_by_index(&rec, 19, &f, nullptr);
    const void* bp;
    size_t blen;
    avro_value_get_bytes(&f, &bp, &blen);
    auto dec = avro::decimal_from_bytes(std::string_view(static_cast<const char*>(bp), blen));
    r.dec = static_cast<int64_t>(*dec);
    if (check && !(r == (*check)[n])) {
      std::fprintf(stderr, "avro-c record %zu differs\n", n);
      std::abort();
    }
    ++n;
  }
  avro_file_reader_close(rd);
  avro_value_decref(&rec);
  return n;
}

void BM_avroc_encode(benchmark::State& st) {
  const std::string path = tmp_path("lakecodec_avroc_bench.avro");
  const char* codec = st.range(0) ? "deflate" : "null";
  for (auto _ : st) avroc_write(codec, path);
  set_counters(st);
  st.SetLabel(codec);
}
BENCHMARK(BM_avroc_encode)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_avroc_decode(benchmark::State& st) {
  const std::string path = tmp_path("lakecodec_avroc_bench_r.avro");
  avroc_write("null", path);
  if (avroc_read(path, &data().rows) != data().rows.size()) std::abort();  // values checked
  // lakecodec reads avro-c's file to the same rows too.
  auto bytes = read_file(path);
  std::vector<row> back(data().rows.size());
  if (read_typed(bytes->span(), back) != data().rows.size() || !(back == data().rows)) std::abort();
  for (auto _ : st) benchmark::DoNotOptimize(avroc_read(path, nullptr));
  set_counters(st);
}
BENCHMARK(BM_avroc_decode)->Arg(0)->Unit(benchmark::kMillisecond);

// lakecodec writing a file to the same tmpfs, for a like-for-like comparison with avro-c's
// file writer.
void BM_lakecodec_encode_typed_file(benchmark::State& st) {
  const std::string path = tmp_path("lakecodec_bench_file.avro");
  for (auto _ : st) {
    auto sink = file_sink::open(path, {false, true, false});
    auto w = avro::container_writer::open(*sink, data().schema, options(avro::codec::null));
    for (const row& r : data().rows) {
      encode_typed(r, w->record_encoder());
      if (!w->end_record().ok()) std::abort();
    }
    if (!w->close().ok() || !sink->close().ok()) std::abort();
  }
  set_counters(st);
}
BENCHMARK(BM_lakecodec_encode_typed_file)->Arg(0)->Unit(benchmark::kMillisecond);
#endif

}  // namespace

BENCHMARK_MAIN();
