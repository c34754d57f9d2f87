#pragma once
// CLI verbs of the core area.

#include "cli.hpp"

namespace lakecodec_cli {

inline void register_core_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
