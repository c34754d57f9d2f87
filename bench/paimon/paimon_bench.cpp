// Paimon benchmarks (bench/RESULTS.md ## paimon):
//  (a) serialize + deserialize CommitMessages with 10 data files each, at the serializer version
//      of Paimon 1.4.2 (11). The messages are the ones Java's harness wrote (PAIMON_BENCH_MESSAGES,
//      a [n][messages] file from `PaimonOracle bench`), so both sides time identical input;
//      without it, equivalent messages are generated here.
//  (b) bucket assignment of 10M rows with a (BIGINT, STRING) bucket key from a columnar batch,
//      next to the murmur kernel alone over the same pre-built key rows.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/paimon.hpp"

namespace paimon = lakecodec::paimon;

namespace {

std::vector<paimon::commit_message> generated_messages(size_t n, size_t files) {
  std::mt19937_64 rng(42);
  std::vector<paimon::commit_message> out;
  paimon::binary_row_writer w;
  for (size_t i = 0; i < n; ++i) {
    paimon::commit_message m;
    w.reset(1);
    w.write_string(0, "2024-01-" + std::to_string(i % 28 + 1));
    m.partition = paimon::binary_row{1, w.bytes().to_string()};
    m.bucket = static_cast<int32_t>(i % 16);
    m.total_buckets = 16;
    for (size_t k = 0; k < files; ++k) {
      paimon::data_file_meta f;
      f.file_name = "data-" + std::to_string(rng()) + "-" + std::to_string(k) + ".parquet";
      f.file_size = 1 << 20;
      f.row_count = 10000;
      w.reset(1);
      w.write_int(0, static_cast<int32_t>(rng() % 1000));
      f.min_key = f.max_key = paimon::binary_row{1, w.bytes().to_string()};
      w.reset(3);
      w.write_int(0, 1);
      w.write_string(1, "some-string-" + std::to_string(rng() % 100));
      w.write_long(2, static_cast<int64_t>(rng()));
      f.value_stats.min_values = f.value_stats.max_values =
          paimon::binary_row{3, w.bytes().to_string()};
      f.value_stats.null_counts = std::vector<std::optional<int64_t>>{0, 1, 2};
      f.key_stats = f.value_stats;
      f.max_sequence_number = 9999;
      f.creation_time = 1700000000000;
      f.delete_row_count = 0;
      f.file_source = 0;
      m.data.new_files.push_back(std::move(f));
    }
    out.push_back(std::move(m));
  }
  return out;
}

const std::vector<paimon::commit_message>& messages() {
  static const std::vector<paimon::commit_message> all = [] {
    if (const char* path = std::getenv("PAIMON_BENCH_MESSAGES")) {
      auto bytes = lakecodec::read_file(path);
      if (bytes) {
        auto list = paimon::deserialize_commit_message_list(bytes->span(), 11);
        if (list) return std::move(list).value();
        std::fprintf(stderr, "cannot decode %s: %s\n", path, list.error().to_string().c_str());
      }
      std::abort();
    }
    return generated_messages(100000, 10);
  }();
  return all;
}

void BM_CommitMessageSerializeDeserialize(benchmark::State& state) {
  const auto& msgs = messages();
  paimon::commit_message_serializer ser(11);
  lakecodec::byte_buffer buf;
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      buf.clear();
      if (!ser.serialize(m, buf).ok()) state.SkipWithError("serialize failed");
      auto back = ser.deserialize(buf.span());
      if (!back) state.SkipWithError("deserialize failed");
      benchmark::DoNotOptimize(back);
      bytes += static_cast<int64_t>(buf.size());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(msgs.size()));
  state.SetBytesProcessed(bytes);
  state.counters["messages"] = static_cast<double>(msgs.size());
}
BENCHMARK(BM_CommitMessageSerializeDeserialize)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_CommitMessageSerializeOnly(benchmark::State& state) {
  const auto& msgs = messages();
  paimon::commit_message_serializer ser(11);
  lakecodec::byte_buffer buf;
  for (auto _ : state) {
    for (const auto& m : msgs) {
      buf.clear();
      benchmark::DoNotOptimize(ser.serialize(m, buf));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(msgs.size()));
}
BENCHMARK(BM_CommitMessageSerializeOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

constexpr int64_t bucket_rows = 10000000;

struct key_batch {
  lakecodec::owned_batch batch;
  std::vector<paimon::data_field> fields;
  lakecodec::byte_buffer rows;  // the encoded key rows back to back
  std::vector<uint32_t> offsets;
};

const key_batch& keys() {
  static const key_batch k = [] {
    key_batch out;
    lakecodec::schema s;
    s.fields.emplace_back("id", lakecodec::types::int64(), false);
    s.fields.emplace_back("name", lakecodec::types::string(), false);
    lakecodec::batch_builder b(s);
    std::mt19937_64 rng(7);
    std::string name;
    for (int64_t i = 0; i < bucket_rows; ++i) {
      b.column(0).append_int(static_cast<int64_t>(rng()));
      name = "user-" + std::to_string(rng() % 100000000);  // 6..13 bytes: inline and var-part
      b.column(1).append_bytes(name);
    }
    out.batch = std::move(b.finish()).value();
    out.fields = {
        paimon::make_field(0, "id", paimon::make_type(paimon::type_root::bigint, false)),
        paimon::make_field(1, "name", paimon::make_type(paimon::type_root::varchar, false))};
    paimon::binary_row_writer w;
    const auto& v = out.batch.view();
    out.offsets.reserve(bucket_rows + 1);
    for (int64_t i = 0; i < bucket_rows; ++i) {
      out.offsets.push_back(static_cast<uint32_t>(out.rows.size()));
      w.reset(2);
      w.write_long(0, v.columns[0].value<int64_t>(i));
      const auto n = v.columns[1].bytes(i);
      w.write_bytes(1, n.data(), n.size());
      out.rows.append(w.bytes());
    }
    out.offsets.push_back(static_cast<uint32_t>(out.rows.size()));
    return out;
  }();
  return k;
}

void BM_BucketAssignFromBatch(benchmark::State& state) {
  const key_batch& k = keys();
  std::vector<int32_t> buckets;
  for (auto _ : state) {
    if (!paimon::assign_buckets(k.batch.view(), k.fields, 128, buckets).ok())
      state.SkipWithError("failed");
    benchmark::DoNotOptimize(buckets.data());
  }
  state.SetItemsProcessed(state.iterations() * bucket_rows);
}
BENCHMARK(BM_BucketAssignFromBatch)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_BucketMurmurKernelOnly(benchmark::State& state) {
  const key_batch& k = keys();
  std::vector<int32_t> buckets(bucket_rows);
  for (auto _ : state) {
    const uint8_t* base = k.rows.data();
    for (int64_t i = 0; i < bucket_rows; ++i) {
      const uint32_t b = k.offsets[static_cast<size_t>(i)],
                     e = k.offsets[static_cast<size_t>(i) + 1];
      buckets[static_cast<size_t>(i)] =
          paimon::bucket_of_key_row(lakecodec::byte_span(base + b, e - b), 128);
    }
    benchmark::DoNotOptimize(buckets.data());
  }
  state.SetItemsProcessed(state.iterations() * bucket_rows);
}
BENCHMARK(BM_BucketMurmurKernelOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_SplitBatchIntoBuckets(benchmark::State& state) {
  const key_batch& k = keys();
  auto t = paimon::parse_table_schema(R"j({"version":3,"id":0,"fields":[
    {"id":0,"name":"id","type":"BIGINT NOT NULL"},{"id":1,"name":"name","type":"STRING NOT NULL"}],
    "highestFieldId":1,"partitionKeys":[],"primaryKeys":["id","name"],"options":{"bucket":"128"}})j");
  for (auto _ : state) {
    auto r = paimon::split_batch(k.batch.view(), *t);
    if (!r) state.SkipWithError("failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * bucket_rows);
}
BENCHMARK(BM_SplitBatchIntoBuckets)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
