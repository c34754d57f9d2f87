#pragma once
// CLI verbs of the parquet area.

#include "cli.hpp"

namespace lakecodec_cli {

inline void register_parquet_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
