#pragma once
// Data file metrics for manifests (spec "Manifests": value_counts, null_value_counts,
// nan_value_counts, lower_bounds, upper_bounds) computed from batches of the columnar view with
// the foundation's one-pass statistics, and the metrics modes of `write.metadata.metrics.*`
// (none, counts, truncate(N), full; default truncate(16)). Like Java, fields inside lists and
// maps get no metrics. column_sizes and split_offsets come from the file writer, not from here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// A metrics mode (Java MetricsModes): none, counts, truncate(length) or full.
struct metrics_mode {
  enum class kind : uint8_t { none, counts, truncate, full };
  kind mode = kind::truncate;
  int32_t length = 16;

  static metrics_mode none() { return {kind::none, 0}; }
  static metrics_mode counts() { return {kind::counts, 0}; }
  static metrics_mode truncate(int32_t n) { return {kind::truncate, n}; }
  static metrics_mode full() { return {kind::full, 0}; }
};

inline bool operator==(const metrics_mode& a, const metrics_mode& b) noexcept {
  return a.mode == b.mode && a.length == b.length;
}
inline bool operator!=(const metrics_mode& a, const metrics_mode& b) noexcept { return !(a == b); }

/// Parses "none", "counts", "full" or "truncate(N)" (N > 0).
inline result<metrics_mode> parse_metrics_mode(std::string_view s) {
  if (s == "none") return metrics_mode::none();
  if (s == "counts") return metrics_mode::counts();
  if (s == "full") return metrics_mode::full();
  if (detail::starts_with(s, "truncate(") && s.back() == ')') {
    int32_t n = 0;
    if (detail::parse_small_int(s.substr(9, s.size() - 10), n) && n > 0)
      return metrics_mode::truncate(n);
  }
  return invalid_argument("iceberg: unknown metrics mode '" + std::string(s) + "'");
}

/// Java UnicodeUtil.truncateStringMin: the first `n` code points.
inline std::string truncate_string_min(std::string_view s, int32_t n) {
  size_t pos = 0;
  for (int32_t cp = 0; cp < n && pos < s.size(); ++cp) {
    ++pos;
    while (pos < s.size() && (static_cast<uint8_t>(s[pos]) & 0xc0) == 0x80) ++pos;
  }
  return std::string(s.substr(0, pos));
}

namespace detail {
inline void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}
/// Code points of valid UTF-8 (false on invalid input).
inline bool utf8_code_points(std::string_view s, std::vector<uint32_t>& out) {
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = static_cast<uint8_t>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (size_t k = 1; k < n; ++k) {
      const uint8_t cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    out.push_back(cp);
    i += n;
  }
  return true;
}
}  // namespace detail

/// Java UnicodeUtil.truncateStringMax: the first `n` code points with the last one that can be
/// incremented incremented (later ones dropped); nullopt when none can (or invalid UTF-8).
inline std::optional<std::string> truncate_string_max(std::string_view s, int32_t n) {
  std::vector<uint32_t> cps;
  if (!detail::utf8_code_points(s, cps)) return std::nullopt;
  if (static_cast<int64_t>(cps.size()) <= n) return std::string(s);
  cps.resize(static_cast<size_t>(n));
  for (size_t i = cps.size(); i-- > 0;) {
    uint32_t next = cps[i] + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
    if (next > 0x10ffff) continue;
    std::string out;
    for (size_t k = 0; k < i; ++k) detail::utf8_append(out, cps[k]);
    detail::utf8_append(out, next);
    return out;
  }
  return std::nullopt;
}

/// Java BinaryUtil.truncateBinaryMax: the first `n` bytes with the last byte below 0xff
/// incremented (later bytes dropped); nullopt when all are 0xff.
inline std::optional<std::string> truncate_binary_max(std::string_view b, int32_t n) {
  if (static_cast<int64_t>(b.size()) <= n) return std::string(b);
  std::string out(b.substr(0, static_cast<size_t>(n)));
  while (!out.empty()) {
    if (static_cast<uint8_t>(out.back()) != 0xff) {
      out.back() = static_cast<char>(static_cast<uint8_t>(out.back()) + 1);
      return out;
    }
    out.pop_back();
  }
  return std::nullopt;
}

namespace detail {
inline void index_column_names(const std::vector<nested_field>& fields, const std::string& prefix,
                               std::unordered_map<int32_t, std::string>& out) {
  for (const nested_field& f : fields) {
    std::string name = prefix.empty() ? f.name : prefix + "." + f.name;
    index_column_names(f.type.fields, name, out);
    out.emplace(f.id, std::move(name));
  }
}
inline bool metrics_eligible(const type& t) noexcept {
  return t.is_primitive() || t.kind == type_kind::variant;
}
inline size_t count_primitive_ids(const std::vector<nested_field>& fields) {
  size_t n = 0;
  for (const nested_field& f : fields)
    n += metrics_eligible(f.type) ? 1 : count_primitive_ids(f.type.fields);
  return n;
}
// Java MetricsConfig.limitFieldIds: breadth first per struct (its primitive fields, then its
// nested fields), list elements and map keys/values before their children, until `limit`.
struct field_id_limiter {
  size_t limit;
  std::vector<int32_t> ids;
  bool more() const noexcept { return ids.size() < limit; }
  void visit_struct(const std::vector<nested_field>& fields) {
    for (size_t i = 0; i < fields.size() && more(); ++i)
      if (metrics_eligible(fields[i].type)) ids.push_back(fields[i].id);
    for (size_t i = 0; i < fields.size() && more(); ++i) visit_type(fields[i].type);
  }
  void visit_type(const type& t) {
    if (t.kind == type_kind::struct_) return visit_struct(t.fields);
    if (t.kind != type_kind::list && t.kind != type_kind::map) return;
    for (const nested_field& c : t.fields)
      if (more() && metrics_eligible(c.type)) ids.push_back(c.id);
    for (const nested_field& c : t.fields) visit_type(c.type);
  }
};
}  // namespace detail

/// Java Schema.findColumnName for every id: dotted full names, list elements as
/// "<list>.element", map keys and values as "<map>.key" / "<map>.value".
inline std::unordered_map<int32_t, std::string> column_names(const schema& s) {
  std::unordered_map<int32_t, std::string> out;
  detail::index_column_names(s.fields, std::string(), out);
  return out;
}

/// The metrics mode of every column (Java MetricsConfig): a default plus modes by full column
/// name.
struct metrics_config {
  metrics_mode default_mode = metrics_mode::truncate(16);
  std::vector<std::pair<std::string, metrics_mode>> column_modes;

  /// The mode of the column named `name` (Java MetricsConfig.columnMode).
  metrics_mode column_mode(std::string_view name) const {
    for (const auto& c : column_modes)
      if (c.first == name) return c.second;
    return default_mode;
  }
  /// Sets the mode of column `name`, replacing an earlier one.
  void set(const std::string& name, metrics_mode m) {
    for (auto& c : column_modes)
      if (c.first == name) {
        c.second = m;
        return;
      }
    column_modes.emplace_back(name, m);
  }
};

inline constexpr const char* metrics_default_property = "write.metadata.metrics.default";
inline constexpr const char* metrics_column_prefix = "write.metadata.metrics.column.";
inline constexpr const char* metrics_max_inferred_property =
    "write.metadata.metrics.max-inferred-column-defaults";

/// The metrics config of a table (Java MetricsConfig.from): `write.metadata.metrics.default`
/// for every column; without it truncate(16), unless the schema has more primitive columns than
/// `write.metadata.metrics.max-inferred-column-defaults` (100): then only the first that many
/// (Java's limitFieldIds order) get truncate(16) and the rest none. Columns of
/// `sorted_source_ids` (order-preserving sort fields) get at least truncate(16), and
/// `write.metadata.metrics.column.<name>` overrides any of it. Java logs and ignores an
/// invalid mode; here it is invalid_argument naming the property (a negative max is ignored as
/// in Java).
inline result<metrics_config> metrics_config_from(
    const std::vector<std::pair<std::string, std::string>>& properties, const schema& s,
    const std::vector<int32_t>& sorted_source_ids = {}) {
  auto lower = [](std::string v) {
    for (char& c : v) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return v;
  };
  auto parse = [&](const std::string& key, const std::string& value) -> result<metrics_mode> {
    auto m = parse_metrics_mode(lower(value));
    if (!m)
      return invalid_argument("iceberg: table property " + key + " = '" + value +
                              "' is not a metrics mode (none, counts, truncate(N), full)");
    return m;
  };
  metrics_config c;
  int32_t max_inferred = 100;
  const std::string* given_default = nullptr;
  for (const auto& p : properties) {
    if (p.first == metrics_default_property) given_default = &p.second;
    if (p.first != metrics_max_inferred_property) continue;
    int32_t v = 0;
    const bool negative = !p.second.empty() && p.second[0] == '-';
    if (!detail::parse_small_int(negative ? std::string_view(p.second).substr(1) : p.second, v))
      return invalid_argument("iceberg: table property " + p.first + " = '" + p.second +
                              "' is not an integer");
    if (!negative) max_inferred = v;
  }
  const std::unordered_map<int32_t, std::string> names = column_names(s);
  auto name_of = [&](int32_t id) {
    auto it = names.find(id);
    return it == names.end() ? std::string() : it->second;
  };
  if (given_default != nullptr) {
    LAKECODEC_ASSIGN_OR_RETURN(c.default_mode, parse(metrics_default_property, *given_default));
  } else if (detail::count_primitive_ids(s.fields) > static_cast<size_t>(max_inferred)) {
    detail::field_id_limiter lim{static_cast<size_t>(max_inferred), {}};
    lim.visit_struct(s.fields);
    for (int32_t id : lim.ids) c.set(name_of(id), metrics_mode::truncate(16));
    c.default_mode = metrics_mode::none();
  }
  const bool weak = c.default_mode.mode == metrics_mode::kind::none ||
                    c.default_mode.mode == metrics_mode::kind::counts;
  for (int32_t id : sorted_source_ids)
    if (names.count(id)) c.set(name_of(id), weak ? metrics_mode::truncate(16) : c.default_mode);
  const std::string prefix = metrics_column_prefix;
  for (const auto& p : properties) {
    if (p.first.compare(0, prefix.size(), prefix) != 0) continue;
    LAKECODEC_ASSIGN_OR_RETURN(metrics_mode m, parse(p.first, p.second));
    c.set(p.first.substr(prefix.size()), m);
  }
  return c;
}

/// The metrics of one data file, as the data_file fields want them.
struct file_metrics {
  std::vector<std::pair<int32_t, int64_t>> value_counts;
  std::vector<std::pair<int32_t, int64_t>> null_value_counts;
  std::vector<std::pair<int32_t, int64_t>> nan_value_counts;
  std::vector<std::pair<int32_t, std::string>> lower_bounds;
  std::vector<std::pair<int32_t, std::string>> upper_bounds;
};

/// Accumulates metrics over the batches written to one data file. Leaves are primitive fields
/// reachable through structs only; each keeps a core column_stats merged batch by batch.
class metrics_collector {
 public:
  /// `s` is the Iceberg schema the batches follow (batch columns = to_columnar_schema(s)).
  explicit metrics_collector(const schema& s, metrics_mode mode = metrics_mode::truncate(16))
      : schema_(s) {
    std::vector<int> path;
    collect_leaves(schema_.fields, path);
    for (leaf& l : leaves_) l.mode = mode;
  }
  /// Each leaf in the mode `config` gives its full column name (Java MetricsUtil.metricsMode).
  metrics_collector(const schema& s, const metrics_config& config) : schema_(s) {
    std::vector<int> path;
    collect_leaves(schema_.fields, path);
    const std::unordered_map<int32_t, std::string> names = column_names(schema_);
    for (leaf& l : leaves_) {
      auto it = names.find(l.field->id);
      l.mode = it == names.end() ? config.default_mode : config.column_mode(it->second);
    }
  }
  metrics_collector(const metrics_collector&) = delete;
  metrics_collector& operator=(const metrics_collector&) = delete;

  /// Adds the rows of a batch whose columns follow to_columnar_schema(schema). Error:
  /// schema_mismatch when the batch does not have the expected columns or types.
  status add(const batch_view& b) {
    for (leaf& l : leaves_) {
      const column_view* c = nullptr;
      column_view tmp;
      if (l.path[0] >= static_cast<int>(b.columns.size()))
        return schema_mismatch("iceberg: batch has too few columns for field id " +
                               std::to_string(l.field->id));
      tmp = b.columns[static_cast<size_t>(l.path[0])];
      for (size_t k = 1; k < l.path.size(); ++k) {
        if (tmp.type.id != type_id::struct_ || l.path[k] >= static_cast<int>(tmp.children.size()))
          return schema_mismatch("iceberg: batch column does not match field id " +
                                 std::to_string(l.field->id));
        tmp = tmp.struct_child(static_cast<size_t>(l.path[k]));
      }
      c = &tmp;
      if (!l.started) {
        l.stats = column_stats(c->type);
        l.started = true;
      }
      LAKECODEC_TRY(update_stats(l.stats, *c));
    }
    return {};
  }

  /// Folds statistics a file writer already computed for the leaf with field id `id` (e.g. the
  /// columns of a parquet::file_summary) instead of scanning the batches again. Ids of fields
  /// that get no metrics (inside lists and maps, unknown ids) are ignored. Error:
  /// invalid_argument when the type differs from the leaf's earlier statistics.
  status add_stats(int32_t id, const column_stats& s) {
    for (leaf& l : leaves_) {
      if (l.field->id != id) continue;
      if (!l.started) {
        l.stats = s;
        l.started = true;
        return {};
      }
      return l.stats.merge(s);
    }
    return {};
  }

  /// The metrics of everything added, per each leaf's metrics mode (none: nothing; counts for
  /// every other leaf; bounds for truncate/full, strings truncated to N code points and binary
  /// to N bytes, an upper bound dropped when it cannot be incremented). NaN counts only for
  /// float/double leaves.
  file_metrics finish() const {
    file_metrics m;
    for (const leaf& l : leaves_) {
      if (!l.started || l.mode.mode == metrics_mode::kind::none) continue;
      const int32_t id = l.field->id;
      const type& t = l.field->type;
      m.value_counts.emplace_back(id, l.stats.value_count);
      m.null_value_counts.emplace_back(id, l.stats.null_count);
      if (t.kind == type_kind::float_ || t.kind == type_kind::double_)
        m.nan_value_counts.emplace_back(id, l.stats.nan_count);
      if (l.mode.mode == metrics_mode::kind::counts || !l.stats.has_min_max()) continue;
      auto lo = bound_bytes(t, l.stats.min, false, l.mode);
      auto hi = bound_bytes(t, l.stats.max, true, l.mode);
      if (lo) m.lower_bounds.emplace_back(id, std::move(*lo));
      if (hi) m.upper_bounds.emplace_back(id, std::move(*hi));
    }
    return m;
  }

 private:
  struct leaf {
    const nested_field* field;
    std::vector<int> path;
    column_stats stats;
    bool started = false;
    metrics_mode mode;
  };

  void collect_leaves(const std::vector<nested_field>& fields, std::vector<int>& path) {
    int idx = 0;
    for (const nested_field& f : fields) {
      if (f.type.kind == type_kind::unknown) continue;
      path.push_back(idx++);
      if (f.type.kind == type_kind::struct_) {
        collect_leaves(f.type.fields, path);
      } else if (f.type.is_primitive() && f.type.kind != type_kind::variant) {
        leaves_.push_back({&f, path, column_stats(), false, metrics_mode()});
      }
      path.pop_back();
    }
  }

  static std::optional<std::string> bound_bytes(const type& t, const stat_bound& b, bool upper,
                                                const metrics_mode& mode) {
    literal l;
    l.is_null = false;
    switch (b.kind) {
      case bound_kind::boolean: l.i = b.boolean; break;
      case bound_kind::integer: l.i = b.integer; break;
      case bound_kind::floating: l.d = b.floating; break;
      case bound_kind::decimal: l.dec = b.decimal; break;
      case bound_kind::bytes: l.bytes = b.bytes; break;
      case bound_kind::none: return std::nullopt;
    }
    if (t.kind == type_kind::geometry || t.kind == type_kind::geography) return std::nullopt;
    if (mode.mode == metrics_mode::kind::truncate &&
        (t.kind == type_kind::string || t.kind == type_kind::binary)) {
      const bool str = t.kind == type_kind::string;
      if (!upper) {
        l.bytes = str ? truncate_string_min(l.bytes, mode.length)
                      : l.bytes.substr(0, static_cast<size_t>(std::min<int64_t>(
                                              mode.length, static_cast<int64_t>(l.bytes.size()))));
      } else {
        auto m = str ? truncate_string_max(l.bytes, mode.length)
                     : truncate_binary_max(l.bytes, mode.length);
        if (!m) return std::nullopt;
        l.bytes = std::move(*m);
      }
    }
    auto r = to_bytes(t, l);
    if (!r) return std::nullopt;
    return std::move(r).value();
  }

  schema schema_;  // leaves point into it
  std::vector<leaf> leaves_;
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
