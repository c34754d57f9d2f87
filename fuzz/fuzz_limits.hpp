#pragma once
// The hostile-input limits every harness passes to the readers that take them: small enough that
// the fuzzer explores instead of allocating, large enough for every corpus file.
#include "lakecodec/core/limits.hpp"

namespace lakecodec_fuzz {

/// 64 MiB allocations and decompressed blocks, 2^20 elements per collection.
inline lakecodec::limits fuzz_limits() {
  lakecodec::limits l;
  l.max_allocation = int64_t{1} << 26;
  l.max_decompressed_size = int64_t{1} << 26;
  l.max_collection_count = int64_t{1} << 20;
  return l;
}

}  // namespace lakecodec_fuzz
