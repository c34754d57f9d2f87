// Links lakecodec::json in a project that brought its own nlohmann_json::nlohmann_json target:
// the JSON component must resolve to that target (OWN_NLOHMANN_JSON), not a second package.
#include <cstdio>
#include <lakecodec/core.hpp>
#include <nlohmann/json.hpp>

#if !defined(OWN_NLOHMANN_JSON) || !defined(LAKECODEC_WITH_JSON)
#error "lakecodec::json must link the consumer's own nlohmann_json::nlohmann_json"
#endif

int main() {
  const auto j = nlohmann::json::parse(R"({"format-version": 2})", nullptr, false);
  if (j.is_discarded() || j.value("format-version", 0) != 2) return std::printf("json failed\n"), 1;
  std::printf("json target consumer ok\n");
  return 0;
}
