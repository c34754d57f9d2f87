#pragma once
// A typed, allocation-free read path: walk one datum and call a visitor for each value, with
// views into the input for bytes and strings (Avro spec "Binary Encoding"). The visitor type is
// a template parameter, so every call is static and inlinable; no value tree is built.

#include <cstdint>
#include <string_view>

#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// A visitor that ignores everything; derive from it and override what you need.
/// Methods receive the schema node of the value being visited.
struct null_visitor {
  void on_null(const node&) {}
  void on_boolean(const node&, bool) {}
  void on_int(const node&, int32_t) {}
  void on_long(const node&, int64_t) {}
  void on_float(const node&, float) {}
  void on_double(const node&, double) {}
  void on_bytes(const node&, std::string_view) {}
  void on_string(const node&, std::string_view) {}
  void on_fixed(const node&, std::string_view) {}
  void on_enum(const node&, int32_t /*index*/) {}
  void begin_record(const node&) {}
  void begin_field(const node& /*record*/, size_t /*index*/) {}
  void end_record(const node&) {}
  void begin_array(const node&) {}
  void end_array(const node&, int64_t /*items*/) {}
  void begin_map(const node&) {}
  void on_map_key(const node&, std::string_view) {}
  void end_map(const node&, int64_t /*entries*/) {}
  void on_union_branch(const node& /*union*/, int32_t /*branch*/) {}
};

namespace detail {
template <class Visitor>
void visit_value(const node& n, decoder& d, Visitor& v, int depth) {
  if (LAKECODEC_UNLIKELY(depth > d.input_limits().max_nesting_depth)) {
    d.fail(limit_exceeded("avro: value nests too deeply", d.offset()));
    return;
  }
  switch (n.type) {
    case type::null: v.on_null(n); return;
    case type::boolean: {
      const bool b = d.read_boolean();
      if (d.ok()) v.on_boolean(n, b);
      return;
    }
    case type::int_: {
      const int32_t x = d.read_int();
      if (d.ok()) v.on_int(n, x);
      return;
    }
    case type::long_: {
      const int64_t x = d.read_long();
      if (d.ok()) v.on_long(n, x);
      return;
    }
    case type::float_: {
      const float x = d.read_float();
      if (d.ok()) v.on_float(n, x);
      return;
    }
    case type::double_: {
      const double x = d.read_double();
      if (d.ok()) v.on_double(n, x);
      return;
    }
    case type::bytes: {
      const std::string_view s = d.read_bytes();
      if (d.ok()) v.on_bytes(n, s);
      return;
    }
    case type::string: {
      const std::string_view s = d.read_string();
      if (d.ok()) v.on_string(n, s);
      return;
    }
    case type::fixed: {
      const std::string_view s = d.read_fixed(static_cast<size_t>(n.size));
      if (d.ok()) v.on_fixed(n, s);
      return;
    }
    case type::enum_: {
      const int32_t i = d.read_enum(n.symbols.size());
      if (d.ok()) v.on_enum(n, i);
      return;
    }
    case type::union_: {
      const int32_t b = d.read_union_index(n.branches.size());
      if (!d.ok()) return;
      v.on_union_branch(n, b);
      visit_value(*n.branches[static_cast<size_t>(b)], d, v, depth + 1);
      return;
    }
    case type::record:
      v.begin_record(n);
      for (size_t i = 0; i < n.fields.size() && d.ok(); ++i) {
        v.begin_field(n, i);
        visit_value(*n.fields[i].type, d, v, depth + 1);
      }
      if (d.ok()) v.end_record(n);
      return;
    case type::array:
    case type::map: {
      const bool is_map = n.type == type::map;
      const node& item = is_map ? *n.values : *n.items;
      if (is_map)
        v.begin_map(n);
      else
        v.begin_array(n);
      int64_t total = 0;
      const size_t min = min_encoded_size(item) + (is_map ? 1 : 0);
      for (;;) {
        const int64_t count = d.read_block_count(min);
        if (count == 0 || !d.ok()) break;
        total += count;
        if (total > d.input_limits().max_collection_count) {
          d.fail(limit_exceeded("avro: array/map larger than the collection limit", d.offset()));
          return;
        }
        for (int64_t i = 0; i < count && d.ok(); ++i) {
          if (is_map) {
            const std::string_view k = d.read_string();
            if (!d.ok()) return;
            v.on_map_key(n, k);
          }
          visit_value(item, d, v, depth + 1);
        }
      }
      if (!d.ok()) return;
      if (is_map)
        v.end_map(n, total);
      else
        v.end_array(n, total);
      return;
    }
  }
}
}  // namespace detail

/// Walks one datum of schema node `n`, calling the visitor for every value in order. Returns
/// the decoder's error (the visitor has then seen a prefix of the datum).
template <class Visitor>
status visit(const node& n, decoder& d, Visitor& v) {
  detail::visit_value(n, d, v, 0);
  return d.error();
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
