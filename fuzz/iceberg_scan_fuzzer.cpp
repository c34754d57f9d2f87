// Fuzzes read planning over hostile inputs: a row filter, table metadata, a manifest list and
// manifests, separated in the input by the marker "@@@@" (filter @@@@ metadata @@@@ list @@@@
// manifest @@@@ manifest ...). The planner reads the list first, then the manifests in order.
// Oracles: no crash or sanitizer report; whenever both plans succeed, the files planned with
// the filter are a subset of those planned without it, and an always-true filter plans the same.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lakecodec/core/expression.hpp"
#include "lakecodec/iceberg.hpp"
#include "lakecodec/iceberg/scan.hpp"

namespace {

std::vector<std::string_view> split(std::string_view in) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = in.find("@@@@"); at != std::string_view::npos; at = in.find("@@@@", start)) {
    parts.push_back(in.substr(start, at - start));
    start = at + 4;
  }
  parts.push_back(in.substr(start));
  return parts;
}

/// Locations get parts in the order the first (unfiltered) plan asks for them, so a later plan
/// that skips manifests still reads each location's own bytes.
struct part_map {
  const std::vector<std::string_view>& parts;
  std::map<std::string, size_t> assigned;
  size_t next = 2;
};

std::multiset<std::string> planned(const lakecodec::iceberg::table_metadata& m, part_map& pm,
                                   const lakecodec::expr::expression& filter, bool& ok) {
  namespace ice = lakecodec::iceberg;
  ice::scan_options o;
  o.filter = filter;
  o.reader = [&](const std::string& location) -> lakecodec::result<lakecodec::byte_buffer> {
    auto it = pm.assigned.find(location);
    if (it == pm.assigned.end()) {
      if (pm.next >= pm.parts.size())
        return lakecodec::status(lakecodec::errc::not_found, "no such part");
      it = pm.assigned.emplace(location, pm.next++).first;
    }
    const std::string_view p = pm.parts[it->second];
    lakecodec::byte_buffer b;
    b.append(reinterpret_cast<const uint8_t*>(p.data()), p.size());
    return b;
  };
  std::multiset<std::string> out;
  auto plan = ice::plan_scan(m, o);
  ok = plan.has_value();
  if (ok)
    for (const auto& f : plan->files) out.insert(f.file.file_path);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace ice = lakecodec::iceberg;
  const std::vector<std::string_view> parts =
      split(std::string_view(reinterpret_cast<const char*>(data), size));
  auto filter = lakecodec::expr::parse(parts[0]);
  if (filter) {
    // The printed form parses back to the same text.
    const std::string text = lakecodec::expr::to_string(*filter);
    auto again = lakecodec::expr::parse(text);
    if (!again || lakecodec::expr::to_string(*again) != text) std::abort();
  }
  if (parts.size() < 2) return 0;
  auto m = ice::parse_table_metadata(parts[1]);
  if (!m) return 0;
  bool all_ok = false, some_ok = false, true_ok = false;
  part_map pm{parts, {}, 2};
  const auto all = planned(*m, pm, lakecodec::expr::always_true(), all_ok);
  const auto again = planned(*m, pm, lakecodec::expr::parse("true").value(), true_ok);
  if (all_ok != true_ok || all != again) std::abort();
  if (!filter) return 0;
  const auto some = planned(*m, pm, *filter, some_ok);
  if (all_ok && some_ok)
    for (const std::string& f : some)
      if (all.count(f) < some.count(f)) std::abort();
  return 0;
}
