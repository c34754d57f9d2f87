#pragma once
// CLI verbs of the iceberg area.

#include "cli.hpp"

namespace lakecodec_cli {

inline void register_iceberg_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
