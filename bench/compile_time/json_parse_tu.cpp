// Compile-time yardstick (bench/compile_time.sh): one translation unit that parses one
// document with nlohmann/json, the cost a user already accepts for a common header-only library.
#include <cstdio>
#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  const auto j = nlohmann::json::parse(argc > 1 ? argv[1] : "{\"a\": [1, 2, 3]}", nullptr, false);
  if (j.is_discarded()) return 1;
  std::printf("%s\n", j.dump().c_str());
  return 0;
}
