// lakecodec: the command-line face of the library. Each area registers its verbs from its own
// translation unit (cli_<area>.cpp); this file only dispatches. Exit codes: 0 success, 1 bad data,
// 2 usage error.

#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

int main(int argc, char** argv) {
  using namespace lakecodec_cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--version" || args[0] == "-V")) {
    std::cout << "lakecodec " LAKECODEC_VERSION_STRING "\n";
    return exit_ok;
  }
  registry r;
  register_core_commands(r);
  register_avro_commands(r);
  register_parquet_commands(r);
  register_iceberg_commands(r);
  register_iceberg_table_commands(r);
  register_iceberg_scan_commands(r);
  register_paimon_commands(r);
  if (args.empty()) {
    r.print_group_help("", std::cerr);
    return exit_usage;
  }
  return r.dispatch(args);
}
