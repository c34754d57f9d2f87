#pragma once
// The Avro JSON encoding of values (Avro spec "JSON Encoding") and field default values
// (Avro spec "Records": defaults). Output matches Java's JsonEncoder as used by
// `avro-tools tojson`: compact, unions as {"branch": value}, bytes/fixed as ISO-8859-1 strings.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/json.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// Options of the JSON encoding printer.
struct json_options {
  /// Print map entries in the order Java's GenericDatumReader yields them (a HashMap sized by
  /// the entry count, iterated by bucket), as `avro-tools tojson` does, instead of file order.
  /// Duplicate keys then collapse to one entry (the last value), as in Java.
  bool java_map_order = false;
};

namespace detail {

/// Java's String/Utf8 hash of UTF-8 bytes (signed bytes, h = 31*h + b), spread as HashMap does.
inline uint32_t java_map_hash(std::string_view key) noexcept {
  int32_t h = 0;
  for (char c : key)
    h = static_cast<int32_t>(
        static_cast<uint32_t>(h) * 31u +
        static_cast<uint32_t>(static_cast<int32_t>(static_cast<signed char>(c))));
  const uint32_t u = static_cast<uint32_t>(h);
  return u ^ (u >> 16);
}

/// The order java.util.HashMap(n) iterates `keys` inserted in order: by bucket at the final
/// capacity, insertion order within a bucket. Returns indices into keys (duplicates dropped,
/// the first position kept).
inline std::vector<size_t> java_hashmap_order(const std::vector<std::string_view>& keys) {
  const size_t n = keys.size();
  uint64_t cap = 1;
  while (cap < n) cap <<= 1;  // HashMap.tableSizeFor(n)
  if (n == 0) cap = 1;
  uint64_t threshold = static_cast<uint64_t>(static_cast<float>(cap) * 0.75f);
  std::vector<size_t> unique;
  unique.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    bool dup = false;
    for (size_t u : unique) dup = dup || keys[u] == keys[i];
    if (dup) continue;
    unique.push_back(i);
    if (unique.size() > threshold) {
      const uint64_t old_cap = cap;
      cap <<= 1;
      threshold =
          old_cap >= 16 ? threshold << 1 : static_cast<uint64_t>(static_cast<float>(cap) * 0.75f);
    }
  }
  std::vector<std::pair<uint64_t, size_t>> order;
  order.reserve(unique.size());
  for (size_t pos = 0; pos < unique.size(); ++pos)
    order.emplace_back((java_map_hash(keys[unique[pos]]) & (cap - 1)) * n + pos, unique[pos]);
  std::sort(order.begin(), order.end());
  std::vector<size_t> out;
  out.reserve(order.size());
  for (const auto& o : order) out.push_back(o.second);
  return out;
}

/// Bytes as a string of code points U+0000..U+00FF, encoded in UTF-8 (ISO-8859-1 mapping).
inline std::string latin1_to_utf8(std::string_view bytes) {
  std::string s;
  s.reserve(bytes.size());
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      s.push_back(ch);
    } else {
      s.push_back(static_cast<char>(0xC0 | (c >> 6)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return s;
}

/// The inverse: UTF-8 text whose code points are all <= U+00FF, back to bytes.
inline result<std::string> utf8_to_latin1(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size() &&
               (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      out.push_back(
          static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F)));
      ++i;
    } else {
      return invalid_argument("avro json: bytes/fixed text has a character above U+00FF");
    }
  }
  return out;
}

// Java's JsonEncoder writes a float as the double `f + 0d` (so -0.0f prints 0.0 and 0.1f
// prints 0.10000000149011612), a double as is; non-finite values become quoted strings.
inline void write_float_json(std::string& out, double d, bool is_float) {
  if (is_float) d = d + 0.0;
  if (!std::isfinite(d)) {
    out += "\"" + java_double_string(d) + "\"";
    return;
  }
  out += java_double_string(d);
}

inline void value_to_json(const node& n, const value& v, std::string& out, int depth,
                          const json_options& opt) {
  if (depth > limits{}.max_nesting_depth) {
    out += "null";
    return;
  }
  switch (n.type) {
    case type::null: out += "null"; return;
    case type::boolean: out += v.as_bool() ? "true" : "false"; return;
    case type::int_:
    case type::long_: out += std::to_string(v.as_long()); return;
    case type::float_: write_float_json(out, v.as_double(), true); return;
    case type::double_: write_float_json(out, v.as_double(), false); return;
    case type::string: write_json_string(out, v.as_bytes()); return;
    case type::bytes:
    case type::fixed: write_json_string(out, latin1_to_utf8(v.as_bytes())); return;
    case type::enum_:
      write_json_string(out, static_cast<size_t>(v.index()) < n.symbols.size()
                                 ? std::string_view(n.symbols[static_cast<size_t>(v.index())])
                                 : std::string_view(v.as_string()));
      return;
    case type::array:
      out.push_back('[');
      for (size_t i = 0; i < v.items().size(); ++i) {
        if (i) out.push_back(',');
        value_to_json(*n.items, v.items()[i], out, depth + 1, opt);
      }
      out.push_back(']');
      return;
    case type::map: {
      out.push_back('{');
      const auto& es = v.entries();
      if (opt.java_map_order && es.size() > 1) {
        std::vector<std::string_view> keys;
        keys.reserve(es.size());
        for (const auto& e : es) keys.emplace_back(e.first);
        bool first = true;
        for (size_t i : java_hashmap_order(keys)) {
          // A duplicate key keeps its first position and takes the last value.
          size_t last = i;
          for (size_t k = i + 1; k < es.size(); ++k)
            if (es[k].first == es[i].first) last = k;
          if (!first) out.push_back(',');
          first = false;
          write_json_string(out, es[i].first);
          out.push_back(':');
          value_to_json(*n.values, es[last].second, out, depth + 1, opt);
        }
      } else {
        for (size_t i = 0; i < es.size(); ++i) {
          if (i) out.push_back(',');
          write_json_string(out, es[i].first);
          out.push_back(':');
          value_to_json(*n.values, es[i].second, out, depth + 1, opt);
        }
      }
      out.push_back('}');
      return;
    }
    case type::record:
      out.push_back('{');
      for (size_t i = 0; i < n.fields.size() && i < v.items().size(); ++i) {
        if (i) out.push_back(',');
        write_json_string(out, n.fields[i].name);
        out.push_back(':');
        value_to_json(*n.fields[i].type, v.items()[i], out, depth + 1, opt);
      }
      out.push_back('}');
      return;
    case type::union_: {
      const size_t b = static_cast<size_t>(v.index());
      if (v.kind() != type::union_ || b >= n.branches.size()) {
        out += "null";
        return;
      }
      const node& bn = *n.branches[b];
      if (bn.type == type::null) {
        out += "null";
        return;
      }
      out.push_back('{');
      write_json_string(out, bn.union_branch_name());
      out.push_back(':');
      value_to_json(bn, v.branch_value(), out, depth + 1, opt);
      out.push_back('}');
      return;
    }
  }
}

inline status json_mismatch(const node& n, const json_value& j, const std::string& path) {
  return invalid_argument("avro json: " + (path.empty() ? std::string("value") : path) + ": " +
                          j.dump().substr(0, 80) + " is not a valid " +
                          (is_named(n.type) ? n.fullname : std::string(type_name(n.type))));
}

/// JSON to value. `default_mode`: unions take the first branch's value unwrapped (defaults);
/// otherwise unions are null or {"branch": value} (the JSON encoding).
inline result<value> value_from_json(const node& n, const json_value& j, bool default_mode,
                                     const std::string& path, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return limit_exceeded("avro json: value nests deeper than " +
                          std::to_string(limits{}.max_nesting_depth));
  switch (n.type) {
    case type::null:
      if (!j.is_null()) return json_mismatch(n, j, path);
      return value::null();
    case type::boolean:
      if (!j.is_bool()) return json_mismatch(n, j, path);
      return value::boolean(j.as_bool());
    case type::int_:
      if (!j.is_integer() || j.as_int() < INT32_MIN || j.as_int() > INT32_MAX)
        return json_mismatch(n, j, path);
      return value::int32(static_cast<int32_t>(j.as_int()));
    case type::long_:
      if (!j.is_integer()) return json_mismatch(n, j, path);
      return value::int64(j.as_int());
    case type::float_:
    case type::double_: {
      double d;
      if (j.is_number()) {
        d = j.as_double();
      } else if (j.is_string() && j.as_string() == "NaN") {
        d = std::nan("");
      } else if (j.is_string() && j.as_string() == "Infinity") {
        d = HUGE_VAL;
      } else if (j.is_string() && j.as_string() == "-Infinity") {
        d = -HUGE_VAL;
      } else {
        return json_mismatch(n, j, path);
      }
      return n.type == type::float_ ? value::float32(static_cast<float>(d)) : value::float64(d);
    }
    case type::string:
      if (!j.is_string()) return json_mismatch(n, j, path);
      return value::string(j.as_string());
    case type::bytes:
    case type::fixed: {
      if (!j.is_string()) return json_mismatch(n, j, path);
      LAKECODEC_ASSIGN_OR_RETURN(std::string b, utf8_to_latin1(j.as_string()));
      if (n.type == type::bytes) return value::bytes(b);
      if (static_cast<int64_t>(b.size()) != n.size)
        return invalid_argument("avro json: " + path + ": fixed '" + n.fullname + "' needs " +
                                std::to_string(n.size) + " bytes, got " + std::to_string(b.size()));
      return value::fixed(b);
    }
    case type::enum_: {
      if (!j.is_string()) return json_mismatch(n, j, path);
      const int i = n.symbol_index(j.as_string());
      if (i < 0) return json_mismatch(n, j, path);
      return value::enumeration(i, j.as_string());
    }
    case type::array: {
      if (!j.is_array()) return json_mismatch(n, j, path);
      std::vector<value> items;
      items.reserve(j.items().size());
      for (const json_value& e : j.items()) {
        LAKECODEC_ASSIGN_OR_RETURN(
            value x, value_from_json(*n.items, e, default_mode, path + "[]", depth + 1));
        items.push_back(std::move(x));
      }
      return value::array(std::move(items));
    }
    case type::map: {
      if (!j.is_object()) return json_mismatch(n, j, path);
      std::vector<value::entry> entries;
      for (const auto& m : j.members()) {
        LAKECODEC_ASSIGN_OR_RETURN(value x, value_from_json(*n.values, m.second, default_mode,
                                                            path + "." + m.first, depth + 1));
        entries.emplace_back(m.first, std::move(x));
      }
      return value::map(std::move(entries));
    }
    case type::record: {
      if (!j.is_object()) return json_mismatch(n, j, path);
      std::vector<value> fields;
      fields.reserve(n.fields.size());
      for (const record_field& f : n.fields) {
        const std::string fpath = path.empty() ? f.name : path + "." + f.name;
        const json_value* fj = j.find(f.name);
        if (fj == nullptr) {
          if (!f.has_default)
            return invalid_argument("avro json: record '" + n.fullname + "' is missing field '" +
                                    fpath + "' (which has no default)");
          LAKECODEC_ASSIGN_OR_RETURN(
              value x, value_from_json(*f.type, f.default_value, true, fpath, depth + 1));
          fields.push_back(std::move(x));
          continue;
        }
        LAKECODEC_ASSIGN_OR_RETURN(value x,
                                   value_from_json(*f.type, *fj, default_mode, fpath, depth + 1));
        fields.push_back(std::move(x));
      }
      return value::record(std::move(fields));
    }
    case type::union_: {
      if (n.branches.empty()) return json_mismatch(n, j, path);
      if (default_mode) {
        LAKECODEC_ASSIGN_OR_RETURN(value x,
                                   value_from_json(*n.branches[0], j, true, path, depth + 1));
        return value::union_of(0, std::move(x));
      }
      if (j.is_null()) {
        for (size_t i = 0; i < n.branches.size(); ++i)
          if (n.branches[i]->type == type::null)
            return value::union_of(static_cast<int32_t>(i), value::null());
        return json_mismatch(n, j, path);
      }
      if (!j.is_object() || j.members().size() != 1)
        return invalid_argument("avro json: " + path +
                                ": a union value must be null or {\"type\": value}, got " +
                                j.dump().substr(0, 80));
      const std::string& name = j.members()[0].first;
      for (size_t i = 0; i < n.branches.size(); ++i) {
        const node& b = *n.branches[i];
        if (b.union_branch_name() == name || (is_named(b.type) && b.name == name)) {
          LAKECODEC_ASSIGN_OR_RETURN(
              value x, value_from_json(b, j.members()[0].second, false, path, depth + 1));
          return value::union_of(static_cast<int32_t>(i), std::move(x));
        }
      }
      return invalid_argument("avro json: " + path + ": '" + name +
                              "' is not a branch of the union");
    }
  }
  return json_mismatch(n, j, path);
}

}  // namespace detail

/// Appends the Avro JSON encoding of `v` (Avro spec "JSON Encoding"), byte-for-byte what Java's
/// JsonEncoder (avro-tools tojson) prints for the same datum.
inline void to_json(const node& n, const value& v, std::string& out,
                    const json_options& options = {}) {
  detail::value_to_json(n, v, out, 0, options);
}
inline std::string to_json(const schema& s, const value& v, const json_options& options = {}) {
  std::string out;
  detail::value_to_json(s.root(), v, out, 0, options);
  return out;
}

/// Parses a value from the Avro JSON encoding (the inverse of to_json; avro-tools fromjson input).
inline result<value> from_json(const node& n, const json_value& j) {
  return detail::value_from_json(n, j, false, "", 0);
}
inline result<value> from_json(const schema& s, std::string_view json_text) {
  LAKECODEC_ASSIGN_OR_RETURN(json_value j, parse_json(json_text));
  return from_json(s.root(), j);
}

/// The value of a field default (unions: the first branch), as schema resolution fills it in.
inline result<value> default_value(const record_field& f) {
  if (!f.has_default) return invalid_argument("avro: field '" + f.name + "' has no default");
  return detail::value_from_json(*f.type, f.default_value, true, f.name, 0);
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
