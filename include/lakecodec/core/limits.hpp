#pragma once
// Hard limits applied to every length, count and size read from input. Each can be overridden by
// defining the macro before including any lakecodec header (fuzzing builds lower them).

#include <cstdint>

#include "lakecodec/core/config.hpp"

#ifndef LAKECODEC_MAX_ALLOCATION
/// Largest single buffer a decoder allocates because the input asked for it (bytes).
#define LAKECODEC_MAX_ALLOCATION (int64_t{1} << 31)
#endif
#ifndef LAKECODEC_MAX_DECOMPRESSED_SIZE
/// Largest output of one decompression call (an Avro block, a Parquet page).
#define LAKECODEC_MAX_DECOMPRESSED_SIZE (int64_t{1} << 30)
#endif
#ifndef LAKECODEC_MAX_COLLECTION_COUNT
/// Largest element count of one array, map, list or thrift collection.
#define LAKECODEC_MAX_COLLECTION_COUNT (int64_t{1} << 28)
#endif
#ifndef LAKECODEC_MAX_NESTING_DEPTH
/// Deepest nesting of schemas, values or thrift structs a decoder follows.
#define LAKECODEC_MAX_NESTING_DEPTH 64
#endif
#ifndef LAKECODEC_MAX_SCHEMA_SIZE
/// Largest schema/metadata JSON text accepted (bytes).
#define LAKECODEC_MAX_SCHEMA_SIZE (int64_t{1} << 26)
#endif

LAKECODEC_NAMESPACE_BEGIN

/// The limits in force for this translation unit (see the LAKECODEC_MAX_* macros).
struct limits {
  static constexpr int64_t max_allocation = LAKECODEC_MAX_ALLOCATION;
  static constexpr int64_t max_decompressed_size = LAKECODEC_MAX_DECOMPRESSED_SIZE;
  static constexpr int64_t max_collection_count = LAKECODEC_MAX_COLLECTION_COUNT;
  static constexpr int max_nesting_depth = LAKECODEC_MAX_NESTING_DEPTH;
  static constexpr int64_t max_schema_size = LAKECODEC_MAX_SCHEMA_SIZE;
};

LAKECODEC_NAMESPACE_END
