// Iceberg benchmarks (bench/RESULTS.md "## iceberg"; bench_pyiceberg.py runs PyIceberg on the same
// inputs in the same run and prints ratios):
//   MetadataParsePrint   parse + print a table metadata file (ICEBERG_BENCH_METADATA; made by
//                        bench_pyiceberg.py: 10,000 snapshots, 50 schemas)
//   ManifestWrite/Read   100,000 data-file entries with 20 columns of metrics (same generator as
//                        the Python peer), Avro codec null
//   Bucket*              bucket[16] over 10M longs / 10M strings through the whole-column
//                        transform, next to the murmur3 kernel alone on the same values

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/hash.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"

namespace ice = lakecodec::iceberg;

namespace {

std::string metadata_text() {
  const char* path = std::getenv("ICEBERG_BENCH_METADATA");
  if (!path) return {};
  auto b = lakecodec::read_file(path);
  if (!b) return {};
  return std::string(reinterpret_cast<const char*>(b->data()), b->size());
}

void MetadataParsePrint(benchmark::State& state) {
  static const std::string text = metadata_text();
  if (text.empty()) {
    state.SkipWithError("set ICEBERG_BENCH_METADATA (bench_pyiceberg.py does)");
    return;
  }
  size_t out_bytes = 0;
  for (auto _ : state) {
    auto m = ice::parse_table_metadata(text);
    if (!m) {
      state.SkipWithError(m.error().to_string().c_str());
      return;
    }
    std::string printed = ice::print_table_metadata(*m);
    out_bytes = printed.size();
    benchmark::DoNotOptimize(printed.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["printed_bytes"] = static_cast<double>(out_bytes);
}
BENCHMARK(MetadataParsePrint)->Unit(benchmark::kMillisecond)->UseRealTime();

void MetadataParseOnly(benchmark::State& state) {
  static const std::string text = metadata_text();
  if (text.empty()) {
    state.SkipWithError("set ICEBERG_BENCH_METADATA");
    return;
  }
  for (auto _ : state) {
    auto m = ice::parse_table_metadata(text);
    benchmark::DoNotOptimize(m);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(MetadataParseOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr int kEntries = 100000;
constexpr int kColumns = 20;

ice::schema bench_schema() {
  ice::schema s;
  s.schema_id = 0;
  for (int c = 1; c <= kColumns; ++c)
    s.fields.push_back(ice::types::field(c, "c" + std::to_string(c), ice::types::long_(), c == 1));
  return s;
}
ice::partition_spec bench_spec() {
  ice::partition_spec spec;
  spec.fields.push_back({1, {}, 1000, "p", ice::parse_transform("identity").value()});
  return spec;
}
std::string long_le(int64_t v) {
  return ice::to_bytes(ice::types::long_(), ice::literal::of_int(v)).value();
}

/// Entry i, identical to bench_pyiceberg.py's make_entry(i).
ice::manifest_entry make_entry(int i) {
  ice::manifest_entry e;
  e.status = ice::entry_status::added;
  e.snapshot_id = 4242;
  auto& f = e.data_file;
  char path[96];
  std::snprintf(path, sizeof path, "s3://bucket/warehouse/db/t/data/p=%d/part-%08d.parquet",
                i % 100, i);
  f.file_path = path;
  f.partition = {ice::literal::of_int(i % 100)};
  f.record_count = 1000 + i % 1000;
  f.file_size_in_bytes = 100000 + i;
  ice::id_count_map sizes, values, nulls;
  ice::id_bytes_map lower, upper;
  for (int c = 1; c <= kColumns; ++c) {
    sizes.emplace_back(c, 1000 + (c * i) % 977);
    values.emplace_back(c, f.record_count);
    nulls.emplace_back(c, (c + i) % 7);
    lower.emplace_back(c, long_le(static_cast<int64_t>(i) * c));
    upper.emplace_back(c, long_le(static_cast<int64_t>(i) * c + 100));
  }
  f.column_sizes = std::move(sizes);
  f.value_counts = std::move(values);
  f.null_value_counts = std::move(nulls);
  f.lower_bounds = std::move(lower);
  f.upper_bounds = std::move(upper);
  f.split_offsets = std::vector<int64_t>{4};
  f.sort_order_id = 0;
  return e;
}

const std::vector<ice::manifest_entry>& entries() {
  static const std::vector<ice::manifest_entry> all = [] {
    std::vector<ice::manifest_entry> v;
    v.reserve(kEntries);
    for (int i = 0; i < kEntries; ++i) v.push_back(make_entry(i));
    return v;
  }();
  return all;
}

lakecodec::byte_buffer write_manifest_bytes() {
  lakecodec::memory_sink sink;
  ice::manifest_writer_options o;
  o.format_version = 2;
  o.schema = bench_schema();
  o.spec = bench_spec();
  o.snapshot_id = 4242;
  o.codec = lakecodec::avro::codec::null;
  auto w = ice::manifest_writer::open(sink, o);
  for (const auto& e : entries()) (void)w->add(e);
  (void)w->close();
  return sink.take();
}

void ManifestWrite(benchmark::State& state) {
  entries();
  size_t bytes = 0;
  for (auto _ : state) {
    auto b = write_manifest_bytes();
    bytes = b.size();
    benchmark::DoNotOptimize(b.data());
  }
  state.SetItemsProcessed(state.iterations() * kEntries);
  state.counters["file_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(ManifestWrite)->Unit(benchmark::kMillisecond)->UseRealTime();

void ManifestRead(benchmark::State& state) {
  static const lakecodec::byte_buffer file = write_manifest_bytes();
  for (auto _ : state) {
    auto m = ice::read_manifest(lakecodec::byte_span(file.data(), file.size()));
    if (!m || m->entries.size() != static_cast<size_t>(kEntries)) {
      state.SkipWithError("read failed");
      return;
    }
    benchmark::DoNotOptimize(m->entries.data());
  }
  state.SetItemsProcessed(state.iterations() * kEntries);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * file.size()));
}
BENCHMARK(ManifestRead)->Unit(benchmark::kMillisecond)->UseRealTime();

constexpr int64_t kValues = 10000000;

const lakecodec::owned_batch& bucket_batch() {
  static const lakecodec::owned_batch b = [] {
    lakecodec::schema s;
    s.fields.push_back(lakecodec::field("l", lakecodec::types::int64(), false));
    s.fields.push_back(lakecodec::field("s", lakecodec::types::string(), false));
    lakecodec::batch_builder bb(s);
    uint64_t x = 0x9e3779b97f4a7c15ull;
    char buf[32];
    for (int64_t i = 0; i < kValues; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      bb.column(0).append_int(static_cast<int64_t>(x));
      const int n = std::snprintf(buf, sizeof buf, "user-%llu",
                                  static_cast<unsigned long long>(x % 100000000));
      bb.column(1).append_bytes(std::string_view(buf, static_cast<size_t>(n)));
    }
    return std::move(bb.finish()).value();
  }();
  return b;
}

void BucketLongs(benchmark::State& state) {
  const auto& col = bucket_batch().view().columns[0];
  std::vector<int32_t> out(kValues);
  const auto t = ice::parse_transform("bucket[16]").value();
  for (auto _ : state) {
    (void)ice::transform_to_int32(t, ice::types::long_(), col, out.data(), nullptr);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(BucketLongs)->Unit(benchmark::kMillisecond)->UseRealTime();

void Murmur3KernelLongs(benchmark::State& state) {
  const auto& col = bucket_batch().view().columns[0];
  const int64_t* v = col.typed_values<int64_t>();
  std::vector<int32_t> out(kValues);
  for (auto _ : state) {
    for (int64_t i = 0; i < kValues; ++i)
      out[i] = static_cast<int32_t>(lakecodec::murmur3_x86_32_int64(v[i]));
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(Murmur3KernelLongs)->Unit(benchmark::kMillisecond)->UseRealTime();

void BucketStrings(benchmark::State& state) {
  const auto& col = bucket_batch().view().columns[1];
  std::vector<int32_t> out(kValues);
  const auto t = ice::parse_transform("bucket[16]").value();
  for (auto _ : state) {
    (void)ice::transform_to_int32(t, ice::types::string(), col, out.data(), nullptr);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(BucketStrings)->Unit(benchmark::kMillisecond)->UseRealTime();

void Murmur3KernelStrings(benchmark::State& state) {
  const auto& col = bucket_batch().view().columns[1];
  std::vector<int32_t> out(kValues);
  for (auto _ : state) {
    for (int64_t i = 0; i < kValues; ++i) {
      const std::string_view s = col.bytes(i);
      out[i] = static_cast<int32_t>(lakecodec::murmur3_x86_32(s.data(), s.size()));
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * kValues);
}
BENCHMARK(Murmur3KernelStrings)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
