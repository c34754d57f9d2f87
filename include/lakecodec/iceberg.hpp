#pragma once
// Umbrella header of the Iceberg codec: types and schemas, single values, the columnar mapping
// and (with LAKECODEC_WITH_JSON) schema JSON, JSON single values and JSON rows.

#include "lakecodec/iceberg/columnar.hpp"
#include "lakecodec/iceberg/metrics.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/transforms.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/metadata_file.hpp"
#include "lakecodec/iceberg/partition_json.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/iceberg/value_json.hpp"
#endif
