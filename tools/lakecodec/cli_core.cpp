// CLI verbs of the core area (none yet; the group exists so every area has one home).

#include "cli.hpp"

namespace lakecodec_cli {

void register_core_commands(registry& r) { (void)r; }

}  // namespace lakecodec_cli
