#pragma once
// Umbrella header of the Paimon codec: binary rows, DataFileMeta, CommitMessage serialization,
// bucketing, SimpleStats from column statistics, manifests and the schema and snapshot structs;
// with LAKECODEC_WITH_JSON also schema and snapshot JSON and the JSON forms used by the CLI.

#include "lakecodec/paimon/binary.hpp"
#include "lakecodec/paimon/bucket.hpp"
#include "lakecodec/paimon/commit_message.hpp"
#include "lakecodec/paimon/data_file_meta.hpp"
#include "lakecodec/paimon/manifest.hpp"
#include "lakecodec/paimon/row_codec.hpp"
#include "lakecodec/paimon/schema.hpp"
#include "lakecodec/paimon/snapshot.hpp"
#include "lakecodec/paimon/stats.hpp"
#include "lakecodec/paimon/types.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/paimon/commit_json.hpp"
#include "lakecodec/paimon/manifest_json.hpp"
#include "lakecodec/paimon/value_json.hpp"
#endif
