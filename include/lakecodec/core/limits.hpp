#pragma once
// Hard limits applied to every length, count and size read from input. They are a runtime value,
// `lakecodec::limits`, that reader options carry (avro::reader_options::limits,
// parquet::footer_options::limits), so two parts of one program can read with different limits
// and the inline decoders are the same code in every translation unit. The LAKECODEC_MAX_* macros
// only set the defaults of a value-initialised `limits{}`: define them, if at all, identically
// for the whole program (on the compiler command line), and pass a `limits` value to lower them
// for one reader.

#include <cstdint>

#include "lakecodec/core/config.hpp"

#ifndef LAKECODEC_MAX_ALLOCATION
/// Default largest single buffer a decoder allocates because the input asked for it (bytes).
#define LAKECODEC_MAX_ALLOCATION (int64_t{1} << 31)
#endif
#ifndef LAKECODEC_MAX_DECOMPRESSED_SIZE
/// Default largest output of one decompression call (an Avro block, a Parquet page).
#define LAKECODEC_MAX_DECOMPRESSED_SIZE (int64_t{1} << 30)
#endif
#ifndef LAKECODEC_MAX_COLLECTION_COUNT
/// Default largest element count of one array, map, list or thrift collection.
#define LAKECODEC_MAX_COLLECTION_COUNT (int64_t{1} << 28)
#endif
#ifndef LAKECODEC_MAX_NESTING_DEPTH
/// Default deepest nesting of schemas, values or thrift structs a decoder follows.
#define LAKECODEC_MAX_NESTING_DEPTH 64
#endif
#ifndef LAKECODEC_MAX_SCHEMA_SIZE
/// Default largest schema/metadata JSON text accepted (bytes).
#define LAKECODEC_MAX_SCHEMA_SIZE (int64_t{1} << 26)
#endif

LAKECODEC_NAMESPACE_BEGIN

/// The hostile-input limits one reader enforces (simdjson's parser takes its maximum depth the
/// same way). `limits{}` holds the LAKECODEC_MAX_* defaults; lower a field to make a reader
/// refuse earlier (fuzzing, untrusted uploads), raise it to accept larger files.
struct limits {
  /// Largest single buffer a decoder allocates because the input asked for it (bytes).
  int64_t max_allocation = LAKECODEC_MAX_ALLOCATION;
  /// Largest output of one decompression call (an Avro block, a Parquet page).
  int64_t max_decompressed_size = LAKECODEC_MAX_DECOMPRESSED_SIZE;
  /// Largest element count of one array, map, list, thrift collection or Avro block.
  int64_t max_collection_count = LAKECODEC_MAX_COLLECTION_COUNT;
  /// Deepest nesting of schemas, values or thrift structs a decoder follows.
  int max_nesting_depth = LAKECODEC_MAX_NESTING_DEPTH;
  /// Largest schema/metadata JSON text accepted (bytes).
  int64_t max_schema_size = LAKECODEC_MAX_SCHEMA_SIZE;
};

LAKECODEC_NAMESPACE_END
