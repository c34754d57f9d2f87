#pragma once
// Random identifiers for new files, snapshots and tables (the role java.util.UUID.randomUUID
// plays in Iceberg and Paimon writers).

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

namespace detail {
/// One per thread, seeded once from the OS.
inline std::mt19937_64& random_engine() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  return engine;
}
}  // namespace detail

/// 64 random bits.
inline uint64_t random_u64() { return detail::random_engine()(); }

/// A random (version 4, RFC 4122) UUID in its canonical lower-case 36-character form.
inline std::string random_uuid() {
  uint64_t hi = random_u64(), lo = random_u64();
  hi = (hi & ~uint64_t{0xf000}) | 0x4000;                      // version 4
  lo = (lo & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);  // IETF variant
  char out[37];
  std::snprintf(out, sizeof out, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return out;
}

/// A positive 63-bit id from a random UUID, as Java's SnapshotIdGeneratorUtil derives snapshot
/// ids ((msb ^ lsb) & Long.MAX_VALUE); never 0.
inline int64_t random_positive_id() {
  for (;;) {
    const int64_t id = static_cast<int64_t>((random_u64() ^ random_u64()) & INT64_MAX);
    if (id != 0) return id;
  }
}

LAKECODEC_NAMESPACE_END
