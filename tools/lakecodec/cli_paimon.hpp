#pragma once
// CLI verbs of the paimon area.

#include "cli.hpp"

namespace lakecodec_cli {

inline void register_paimon_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
