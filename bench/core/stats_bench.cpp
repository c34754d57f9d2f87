// Column statistics throughput next to the physical limit: a memcpy of the same bytes.
// Inputs are built once; results are checked against a naive reference before timing.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/stats.hpp"

namespace lc = lakecodec;

namespace {

constexpr int64_t kRows = 1 << 20;

struct dataset {
  lc::owned_batch batch;
  int64_t bytes = 0;  // bytes a copy of the column's buffers moves
};

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "stats_bench: reference check failed: %s\n", what);
    std::abort();
  }
}

dataset make(const lc::data_type& t, double null_fraction) {
  lc::schema s;
  s.fields.push_back(lc::field("c", t));
  lc::batch_builder b(s);
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  auto& c = b.column(0);
  int64_t data_bytes = 0;
  for (int64_t i = 0; i < kRows; ++i) {
    if (u(rng) < null_fraction) {
      c.append_null();
      continue;
    }
    switch (t.id) {
      case lc::type_id::int64: c.append_int(static_cast<int64_t>(rng())); break;
      case lc::type_id::float64:
        c.append_float(u(rng) < 0.01 ? std::nan("") : (u(rng) - 0.5) * 1e6);
        break;
      default: {
        std::string v(4 + rng() % 25, 'a');
        for (char& ch : v) ch = static_cast<char>('a' + rng() % 26);
        data_bytes += static_cast<int64_t>(v.size());
        c.append_bytes(v);
      }
    }
  }
  auto r = b.finish();
  require(r.has_value(), "build");
  dataset d;
  d.batch = std::move(r).value();
  const int64_t width = t.id == lc::type_id::string ? 4 : 8;
  d.bytes = kRows * width + (t.id == lc::type_id::string ? data_bytes + 4 : 0);
  return d;
}

// Naive reference (per-value dispatch through the generic accessors) to check results.
void check_against_reference(const lc::column_view& c) {
  const lc::column_stats s = lc::compute_stats(c);
  int64_t nulls = 0, nans = 0;
  lc::stat_bound mn, mx;
  for (int64_t i = 0; i < c.length; ++i) {
    if (!c.is_valid(i)) {
      ++nulls;
      continue;
    }
    lc::stat_bound v;
    if (c.type.id == lc::type_id::int64) {
      v = lc::stat_bound::of_int(c.value<int64_t>(i));
    } else if (c.type.id == lc::type_id::float64) {
      const double d = c.value<double>(i);
      if (std::isnan(d)) {
        ++nans;
        continue;
      }
      v = lc::stat_bound::of_double(d);
    } else {
      v = lc::stat_bound::of_bytes(std::string(c.bytes(i)));
    }
    if (!mn.has_value() || lc::compare_bounds(v, mn) < 0) mn = v;
    if (!mx.has_value() || lc::compare_bounds(v, mx) > 0) mx = v;
  }
  require(s.null_count == nulls && s.nan_count == nans, "counts");
  require(s.min == mn && s.max == mx, "bounds");
}

const dataset& get(int which) {
  static dataset sets[5] = {make(lc::types::int64(), 0), make(lc::types::int64(), 0.1),
                            make(lc::types::float64(), 0), make(lc::types::float64(), 0.1),
                            make(lc::types::string(), 0.1)};
  static bool checked = [] {
    for (const dataset& d : sets) check_against_reference(d.batch.view().columns[0]);
    return true;
  }();
  (void)checked;
  return sets[which];
}

const char* kNames[] = {"int64", "int64_10pct_null", "double_1pct_nan", "double_nan_10pct_null",
                        "string_10pct_null"};

void bm_stats(benchmark::State& state) {
  const dataset& d = get(static_cast<int>(state.range(0)));
  const lc::column_view& c = d.batch.view().columns[0];
  for (auto _ : state) {
    lc::column_stats s = lc::compute_stats(c);
    benchmark::DoNotOptimize(s);
  }
  state.SetLabel(kNames[state.range(0)]);
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * d.bytes);
}

void bm_memcpy(benchmark::State& state) {
  const dataset& d = get(static_cast<int>(state.range(0)));
  const lc::column_view& c = d.batch.view().columns[0];
  std::vector<uint8_t> dst(static_cast<size_t>(d.bytes));
  const bool strings = c.type.id == lc::type_id::string;
  const size_t fixed = static_cast<size_t>(kRows) * (strings ? 4 : 8);
  for (auto _ : state) {
    std::memcpy(dst.data(), c.values, strings ? fixed + 4 : fixed);
    if (strings)
      std::memcpy(dst.data() + fixed + 4, c.data, static_cast<size_t>(d.bytes) - fixed - 4);
    benchmark::DoNotOptimize(dst.data());
    benchmark::ClobberMemory();
  }
  state.SetLabel(kNames[state.range(0)]);
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * d.bytes);
}

}  // namespace

BENCHMARK(bm_stats)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_memcpy)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
