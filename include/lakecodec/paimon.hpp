#pragma once
// Umbrella header of the Paimon codec: binary rows, DataFileMeta, CommitMessage serialization.

#include "lakecodec/paimon/binary.hpp"
#include "lakecodec/paimon/commit_message.hpp"
#include "lakecodec/paimon/data_file_meta.hpp"
#include "lakecodec/paimon/row_codec.hpp"
#include "lakecodec/paimon/types.hpp"
