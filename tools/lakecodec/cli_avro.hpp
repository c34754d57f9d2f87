#pragma once
// CLI verbs of the avro area.

#include "cli.hpp"

namespace lakecodec_cli {

inline void register_avro_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
