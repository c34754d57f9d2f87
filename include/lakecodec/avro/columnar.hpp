#pragma once
// The columnar bridge: write a batch_view as Avro records, and decode Avro records into a
// batch_builder. A (Avro schema, columnar schema) pair is compiled once into a plan of typed
// steps; the row loop then walks the plan with no schema lookups, no value tree and no
// allocation per record. Optional unions ["null", T] / [T, "null"] map to column validity.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/logical.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

namespace detail {

/// One step of a columnar plan: how one Avro value maps to one column slot.
struct column_step {
  enum class kind : uint8_t {
    null,  // Avro null: nothing written; reading appends a null
    boolean,
    int8,
    int16,
    int32,
    int64,               // integer storage widths (int/long, date, time, timestamps)
    millis_from_micros,  // Avro *-millis from a micro column (write: floor /1000)
    millis_from_nanos,   // Avro *-millis from a nano column
    micros_from_nanos,   // Avro *-micros from a nano column
    float32,
    float64,
    double_from_float32,  // Avro double from a float32 column
    binary,               // bytes/string <-> string/binary (32- or 64-bit offsets)
    fixed,                // fixed <-> fixed_size_binary
    decimal_bytes,
    decimal_fixed,  // decimal <-> decimal128
    uuid_text,      // string(uuid) <-> fixed_size_binary(16)
    enum_text,      // enum <-> string
    record,
    array,
    map,
  };
  kind k = kind::null;
  // Optional unions: branch indices; nullable_union false = not a union (or [T] single).
  bool is_union = false;
  int32_t null_branch = -1;
  int32_t value_branch = 0;
  int32_t union_size = 0;
  // Column index among the parent's children (top level: batch columns).
  size_t column = 0;
  int64_t fixed_size = 0;
  const node* avro = nullptr;         // the value node (union branch resolved)
  std::string name;                   // column path for messages
  std::vector<column_step> children;  // record fields; array: [item]; map: [key?, value]
};

inline status bridge_mismatch(const std::string& path, const node& n, const field& f) {
  return schema_mismatch("avro columnar: column '" + path + "' of type " + f.type.to_string() +
                         " cannot map to Avro " +
                         (is_named(n.type) ? n.fullname : std::string(type_name(n.type))) +
                         (n.logical != logical_type::none ? " (logical type)" : ""));
}

inline bool is_millis(logical_type l) {
  return l == logical_type::timestamp_millis || l == logical_type::local_timestamp_millis ||
         l == logical_type::time_millis;
}
inline bool is_micros(logical_type l) {
  return l == logical_type::timestamp_micros || l == logical_type::local_timestamp_micros ||
         l == logical_type::time_micros;
}

inline status compile_step(const node& avro_in, const field& f, const std::string& path,
                           column_step& s, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("avro columnar: schema nests too deeply at '" + path + "'");
  const node* n = &avro_in;
  s.name = path;
  if (n->type == type::union_) {
    s.is_union = true;
    s.union_size = static_cast<int32_t>(n->branches.size());
    if (n->branches.size() == 1) {
      s.value_branch = 0;
    } else if (n->null_branch() >= 0) {
      s.null_branch = n->null_branch();
      s.value_branch = 1 - s.null_branch;
    } else {
      return unsupported("avro columnar: column '" + path +
                         "': only [\"null\", T] unions map to columns");
    }
    n = n->branches[static_cast<size_t>(s.value_branch)];
  }
  s.avro = n;
  const type_id id = f.type.id;
  using k = column_step::kind;
  auto int_kind = [&](type_id t) -> int {
    switch (t) {
      case type_id::int8: return static_cast<int>(k::int8);
      case type_id::int16: return static_cast<int>(k::int16);
      case type_id::int32:
      case type_id::date32: return static_cast<int>(k::int32);
      case type_id::int64:
      case type_id::time64:
      case type_id::timestamp: return static_cast<int>(k::int64);
      default: return -1;
    }
  };
  switch (n->type) {
    case type::null: s.k = k::null; return {};
    case type::boolean:
      if (id != type_id::boolean) return bridge_mismatch(path, *n, f);
      s.k = k::boolean;
      return {};
    case type::int_:
    case type::long_: {
      const bool temporal = id == type_id::time64 || id == type_id::timestamp;
      if (temporal && is_millis(n->logical)) {
        s.k = f.type.unit == time_unit::nano ? k::millis_from_nanos : k::millis_from_micros;
        return {};
      }
      if (temporal && is_micros(n->logical) && f.type.unit == time_unit::nano) {
        s.k = k::micros_from_nanos;
        return {};
      }
      const int ik = int_kind(id);
      if (ik < 0) return bridge_mismatch(path, *n, f);
      if (n->type == type::int_ &&
          (id == type_id::int64 || id == type_id::time64 || id == type_id::timestamp))
        return bridge_mismatch(path, *n, f);
      s.k = static_cast<k>(ik);
      return {};
    }
    case type::float_:
      if (id != type_id::float32) return bridge_mismatch(path, *n, f);
      s.k = k::float32;
      return {};
    case type::double_:
      if (id == type_id::float64)
        s.k = k::float64;
      else if (id == type_id::float32)
        s.k = k::double_from_float32;
      else
        return bridge_mismatch(path, *n, f);
      return {};
    case type::bytes:
    case type::string:
      if (n->logical == logical_type::decimal && id == type_id::decimal128) {
        s.k = k::decimal_bytes;
        return {};
      }
      if (n->type == type::string && id == type_id::fixed_size_binary && f.type.byte_width == 16) {
        s.k = k::uuid_text;
        return {};
      }
      if (!is_binary_like(id)) return bridge_mismatch(path, *n, f);
      s.k = k::binary;
      return {};
    case type::fixed:
      s.fixed_size = n->size;
      if (n->logical == logical_type::decimal && id == type_id::decimal128) {
        s.k = k::decimal_fixed;
        return {};
      }
      if (id != type_id::fixed_size_binary || f.type.byte_width != n->size)
        return bridge_mismatch(path, *n, f);
      s.k = k::fixed;
      return {};
    case type::enum_:
      if (!is_binary_like(id)) return bridge_mismatch(path, *n, f);
      s.k = k::enum_text;
      return {};
    case type::record: {
      if (id != type_id::struct_) return bridge_mismatch(path, *n, f);
      s.k = k::record;
      for (const record_field& rf : n->fields) {
        int idx = -1;
        for (size_t i = 0; i < f.children.size(); ++i)
          if (f.children[i].name == rf.name) idx = static_cast<int>(i);
        if (idx < 0)
          return schema_mismatch("avro columnar: struct column '" + path + "' has no member '" +
                                 rf.name + "'");
        column_step c;
        c.column = static_cast<size_t>(idx);
        LAKECODEC_TRY(compile_step(*rf.type, f.children[static_cast<size_t>(idx)],
                                   path + "." + rf.name, c, depth + 1));
        s.children.push_back(std::move(c));
      }
      return {};
    }
    case type::array: {
      if (id != type_id::list && id != type_id::large_list) return bridge_mismatch(path, *n, f);
      s.k = k::array;
      column_step c;
      LAKECODEC_TRY(compile_step(*n->items, f.children[0], path + "[]", c, depth + 1));
      s.children.push_back(std::move(c));
      return {};
    }
    case type::map: {
      if (id != type_id::map) return bridge_mismatch(path, *n, f);
      const field& entries = f.children[0];
      if (entries.children.size() != 2 || !is_binary_like(entries.children[0].type.id))
        return schema_mismatch("avro columnar: map column '" + path + "' needs string keys");
      s.k = k::map;
      column_step key;
      key.k = k::binary;
      key.column = 0;
      key.name = path + ".key";
      column_step val;
      val.column = 1;
      LAKECODEC_TRY(compile_step(*n->values, entries.children[1], path + ".value", val, depth + 1));
      s.children.push_back(std::move(key));
      s.children.push_back(std::move(val));
      return {};
    }
    case type::union_: break;
  }
  return bridge_mismatch(path, *n, f);
}

using ::lakecodec::floor_div;

#if defined(__GNUC__) || defined(__clang__)
#define LAKECODEC_AVRO_COLD __attribute__((cold, noinline))
#else
#define LAKECODEC_AVRO_COLD
#endif

// Error paths live out of line so the per-value function keeps a small frame.
LAKECODEC_AVRO_COLD inline bool slot_error(status* err, const column_step& s, const column_view& c,
                                           int64_t i, int what) {
  switch (what) {
    case 0:
      *err = schema_mismatch("avro columnar: null in column '" + s.name +
                             "', whose Avro type has no null branch");
      break;
    case 1:
      *err = schema_mismatch("avro columnar: null in column '" + s.name +
                             "', whose Avro type is not a [\"null\", T] union");
      break;
    case 2:
      *err = schema_mismatch("avro columnar: '" + std::string(c.bytes(i)) + "' in column '" +
                             s.name + "' is not a symbol of enum '" + s.avro->fullname + "'");
      break;
    default:
      *err = schema_mismatch("avro columnar: decimal in column '" + s.name +
                             "' does not fit fixed(" + std::to_string(s.fixed_size) + ")");
  }
  return false;
}

// Writes slot i of column c (i relative to c's offset, as the column_view accessors take it).
// Returns false with *err set on a value the Avro schema cannot hold.
inline bool write_slot(const column_step& s, const column_view& c, int64_t i, encoder& e,
                       status* err) {
  using k = column_step::kind;
  if (s.is_union) {
    if (c.validity != nullptr && !c.is_valid(i)) {
      if (s.null_branch < 0) return slot_error(err, s, c, i, 0);
      e.write_union_index(s.null_branch);
      return true;
    }
    e.write_union_index(s.value_branch);
  } else if (LAKECODEC_UNLIKELY(c.validity != nullptr && !c.is_valid(i) && s.k != k::null)) {
    return slot_error(err, s, c, i, 1);
  }
  switch (s.k) {
    case k::null: return true;
    case k::boolean: e.write_boolean(c.bool_value(i)); return true;
    case k::int8: e.write_long(c.value<int8_t>(i)); return true;
    case k::int16: e.write_long(c.value<int16_t>(i)); return true;
    case k::int32: e.write_long(c.value<int32_t>(i)); return true;
    case k::int64: e.write_long(c.value<int64_t>(i)); return true;
    case k::millis_from_micros: e.write_long(floor_div(c.value<int64_t>(i), 1000)); return true;
    case k::millis_from_nanos: e.write_long(floor_div(c.value<int64_t>(i), 1000000)); return true;
    case k::micros_from_nanos: e.write_long(floor_div(c.value<int64_t>(i), 1000)); return true;
    case k::float32: e.write_float(c.value<float>(i)); return true;
    case k::float64: e.write_double(c.value<double>(i)); return true;
    case k::double_from_float32: e.write_double(c.value<float>(i)); return true;
    case k::binary: e.write_bytes(c.bytes(i)); return true;
    case k::enum_text: {
      const int idx = s.avro->symbol_index(c.bytes(i));
      if (idx < 0) return slot_error(err, s, c, i, 2);
      e.write_enum(idx);
      return true;
    }
    case k::fixed: {
      const std::string_view b = c.fixed_bytes(i);
      e.write_fixed(b.data(), b.size());
      return true;
    }
    case k::decimal_bytes: {
      uint8_t buf[16];
      const size_t n = decimal_to_bytes(c.decimal_value(i), buf);
      e.write_bytes(buf, n);
      return true;
    }
    case k::decimal_fixed: {
      uint8_t* p = e.buffer().ensure(static_cast<size_t>(s.fixed_size));
      if (!decimal_to_fixed(c.decimal_value(i), p, static_cast<size_t>(s.fixed_size)))
        return slot_error(err, s, c, i, 3);
      e.buffer().commit(static_cast<size_t>(s.fixed_size));
      return true;
    }
    case k::uuid_text: e.write_string(uuid_to_string(c.fixed_bytes(i))); return true;
    case k::record:
      for (const column_step& cs : s.children)
        if (!write_slot(cs, c.children[cs.column], c.offset + i, e, err)) return false;
      return true;
    case k::array: {
      const int64_t b = c.value_offset(i), end = c.value_offset(i + 1);
      if (end > b) {
        e.write_block_count(end - b);
        for (int64_t j = b; j < end; ++j)
          if (!write_slot(s.children[0], c.children[0], j, e, err)) return false;
      }
      e.write_block_end();
      return true;
    }
    case k::map: {
      const int64_t b = c.value_offset(i), end = c.value_offset(i + 1);
      const column_view& entries = c.children[0];
      if (end > b) {
        e.write_block_count(end - b);
        for (int64_t j = b; j < end; ++j) {
          e.write_string(entries.children[0].bytes(entries.offset + j));
          if (!write_slot(s.children[1], entries.children[1], entries.offset + j, e, err))
            return false;
        }
      }
      e.write_block_end();
      return true;
    }
  }
  return true;
}

inline void read_slot(const column_step& s, decoder& d, column_builder& b, int depth) {
  using k = column_step::kind;
  if (s.is_union) {
    const int32_t branch = d.read_union_index(static_cast<size_t>(s.union_size));
    if (branch == s.null_branch) {
      if (d.ok()) b.append_null();
      return;
    }
  }
  switch (s.k) {
    case k::null: b.append_null(); return;
    case k::boolean: b.append_bool(d.read_boolean()); return;
    case k::int8:
    case k::int16:
    case k::int32: b.append_int(s.avro->type == type::int_ ? d.read_int() : d.read_long()); return;
    case k::int64: b.append_int(d.read_long()); return;
    case k::millis_from_micros: b.append_int(d.read_long() * 1000); return;
    case k::millis_from_nanos: b.append_int(d.read_long() * 1000000); return;
    case k::micros_from_nanos: b.append_int(d.read_long() * 1000); return;
    case k::float32: b.append_float(d.read_float()); return;
    case k::float64:
    case k::double_from_float32: b.append_float(d.read_double()); return;
    case k::binary: b.append_bytes(d.read_bytes()); return;
    case k::enum_text: {
      const int32_t i = d.read_enum(s.avro->symbols.size());
      if (d.ok()) b.append_bytes(s.avro->symbols[static_cast<size_t>(i)]);
      return;
    }
    case k::fixed: b.append_bytes(d.read_fixed(static_cast<size_t>(s.fixed_size))); return;
    case k::decimal_bytes:
    case k::decimal_fixed: {
      const std::string_view raw = s.k == k::decimal_bytes
                                       ? d.read_bytes()
                                       : d.read_fixed(static_cast<size_t>(s.fixed_size));
      if (!d.ok()) return;
      auto v = decimal_from_bytes(raw);
      if (!v) return d.fail(v.error());
      b.append_decimal(*v);
      return;
    }
    case k::uuid_text: {
      auto u = uuid_from_string(d.read_string());
      if (!d.ok()) return;
      if (!u) return d.fail(u.error());
      b.append_bytes(*u);
      return;
    }
    case k::record:
      b.append_struct();
      for (const column_step& cs : s.children) read_slot(cs, d, b.child(cs.column), depth + 1);
      return;
    case k::array:
    case k::map: {
      b.begin_list();
      const bool is_map = s.k == k::map;
      for (;;) {
        const int64_t count = d.read_block_count(is_map ? 1 : min_encoded_size(*s.avro->items));
        if (count == 0 || !d.ok()) break;
        for (int64_t j = 0; j < count && d.ok(); ++j) {
          if (is_map) {
            b.child(0).append_bytes(d.read_string());
            read_slot(s.children[1], d, b.child(1), depth + 1);
          } else {
            read_slot(s.children[0], d, b.child(0), depth + 1);
          }
        }
      }
      b.end_list();
      return;
    }
  }
}

}  // namespace detail

/// A compiled mapping between an Avro record schema and a columnar schema (fields matched by
/// name, in the Avro record's order). Build once; use for any number of batches or blocks.
class columnar_plan {
 public:
  /// Compiles the plan. Errors: schema_mismatch naming the column whose type cannot map,
  /// unsupported for unions other than ["null", T].
  static result<columnar_plan> compile(const schema& avro_schema,
                                       const lakecodec::schema& columns) {
    const node& root = avro_schema.root();
    if (root.type != type::record)
      return invalid_argument("avro columnar: the Avro schema must be a record");
    columnar_plan p;
    p.schema_ = avro_schema;  // the steps point into its nodes
    p.columns_ = columns;
    for (const record_field& rf : root.fields) {
      const int idx = columns.find(rf.name);
      if (idx < 0)
        return schema_mismatch("avro columnar: the batch has no column '" + rf.name + "'");
      detail::column_step s;
      s.column = static_cast<size_t>(idx);
      LAKECODEC_TRY(
          detail::compile_step(*rf.type, columns.fields[static_cast<size_t>(idx)], rf.name, s, 0));
      p.steps_.push_back(std::move(s));
    }
    p.complete_ = p.steps_.size() == columns.fields.size();
    return p;
  }

  const lakecodec::schema& columns() const noexcept { return columns_; }
  const schema& avro_schema() const noexcept { return schema_; }

  /// Encodes row `row` of `batch` as one Avro record (Avro spec "Binary Encoding").
  status encode_row(const batch_view& batch, int64_t row, encoder& e) const {
    status err;
    for (const detail::column_step& s : steps_)
      if (!detail::write_slot(s, batch.columns[s.column], row, e, &err)) return err;
    return {};
  }

  /// encode_row without a status per call: false with *err set on failure (hot loops).
  bool encode_row_fast(const batch_view& batch, int64_t row, encoder& e, status* err) const {
    for (const detail::column_step& s : steps_)
      if (!detail::write_slot(s, batch.columns[s.column], row, e, err)) return false;
    return true;
  }

  /// Decodes one record into the builder (one slot appended to every column).
  status decode_row(decoder& d, batch_builder& b) const {
    if (!complete_)
      return schema_mismatch("avro columnar: the batch schema has columns the Avro record lacks");
    for (const detail::column_step& s : steps_) detail::read_slot(s, d, b.column(s.column), 0);
    return d.error();
  }

 private:
  schema schema_;
  lakecodec::schema columns_;
  std::vector<detail::column_step> steps_;
  bool complete_ = false;
};

/// Writes every row of `batch` as a record (thin template: any type with `columns`, `length`
/// like batch_view). The batch is validated once against the plan's schema first.
template <class Batch>
status write_batch(container_writer& w, const columnar_plan& plan, const Batch& batch) {
  LAKECODEC_TRY(validate_batch(plan.columns(), batch));
  status err;
  for (int64_t r = 0; r < batch.length; ++r) {
    encoder& e = w.record_encoder();
    if (!plan.encode_row_fast(batch, r, e, &err)) return err;
    LAKECODEC_TRY(w.end_record());
  }
  return {};
}

/// Decodes every remaining record of the reader into one batch (its columns per the plan).
inline result<owned_batch> read_batch(container_reader& r, const columnar_plan& plan) {
  batch_builder b(plan.columns());
  block_view blk;
  for (;;) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next_block(blk));
    if (!more) break;
    decoder d(blk.data, blk.offset, r.input_limits());
    for (int64_t i = 0; i < blk.count; ++i) LAKECODEC_TRY(plan.decode_row(d, b));
    if (!d.at_end())
      return corrupt_data("avro: " + std::to_string(d.remaining()) + " bytes left over in a block",
                          d.offset());
  }
  return b.finish();
}

namespace detail {
inline result<field> columnar_field(const std::string& name, const node& in, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("avro columnar: schema nests too deeply");
  const node* n = &in;
  bool nullable = false;
  if (n->type == type::union_) {
    if (n->branches.size() == 1) {
      n = n->branches[0];
    } else if (n->null_branch() >= 0) {
      nullable = true;
      n = n->branches[static_cast<size_t>(1 - n->null_branch())];
    } else {
      return unsupported("avro columnar: field '" + name +
                         "': only [\"null\", T] unions map to columns");
    }
  }
  field f(name, types::int32(), nullable);
  switch (n->type) {
    case type::null:
      f.type = types::int8();
      f.nullable = true;
      return f;
    case type::boolean: f.type = types::boolean(); return f;
    case type::int_:
      if (n->logical == logical_type::date)
        f.type = types::date32();
      else if (n->logical == logical_type::time_millis)
        f.type = types::time64(time_unit::micro);
      else
        f.type = types::int32();
      return f;
    case type::long_:
      switch (n->logical) {
        case logical_type::timestamp_millis:
        case logical_type::timestamp_micros:
          f.type = types::timestamp(time_unit::micro, true);
          break;
        case logical_type::timestamp_nanos: f.type = types::timestamp(time_unit::nano, true); break;
        case logical_type::local_timestamp_millis:
        case logical_type::local_timestamp_micros:
          f.type = types::timestamp(time_unit::micro, false);
          break;
        case logical_type::local_timestamp_nanos:
          f.type = types::timestamp(time_unit::nano, false);
          break;
        case logical_type::time_micros: f.type = types::time64(time_unit::micro); break;
        default: f.type = types::int64();
      }
      return f;
    case type::float_: f.type = types::float32(); return f;
    case type::double_: f.type = types::float64(); return f;
    case type::bytes:
      f.type = n->logical == logical_type::decimal && n->precision <= 38
                   ? types::decimal128(n->precision, n->scale)
                   : types::binary();
      return f;
    case type::string: f.type = types::string(); return f;
    case type::enum_: f.type = types::string(); return f;
    case type::fixed:
      if (n->logical == logical_type::decimal && n->precision <= 38)
        f.type = types::decimal128(n->precision, n->scale);
      else if (n->logical == logical_type::uuid)
        f.type = types::uuid();
      else
        f.type = types::fixed_size_binary(static_cast<int32_t>(n->size));
      return f;
    case type::record:
      f.type = types::struct_();
      for (const record_field& rf : n->fields) {
        LAKECODEC_ASSIGN_OR_RETURN(field c, columnar_field(rf.name, *rf.type, depth + 1));
        f.children.push_back(std::move(c));
      }
      return f;
    case type::array: {
      LAKECODEC_ASSIGN_OR_RETURN(field item, columnar_field("element", *n->items, depth + 1));
      return list_field(name, std::move(item), nullable);
    }
    case type::map: {
      LAKECODEC_ASSIGN_OR_RETURN(field v, columnar_field("value", *n->values, depth + 1));
      return map_field(name, field("key", types::string(), false), std::move(v), nullable);
    }
    case type::union_: break;
  }
  return unsupported("avro columnar: field '" + name + "' has no columnar mapping");
}
}  // namespace detail

/// The columnar schema an Avro record schema decodes to: ["null", T] -> nullable T, int/long
/// with date/time/timestamp logical types -> date32/time64/timestamp (millis widened to micros),
/// decimal (precision <= 38) -> decimal128, uuid fixed -> uuid, enum -> string, record -> struct,
/// array -> list, map -> map<string, V>. Field ids are taken from a "field-id" attribute.
inline result<lakecodec::schema> columnar_schema(const schema& avro_schema) {
  const node& root = avro_schema.root();
  if (root.type != type::record)
    return invalid_argument("avro columnar: the Avro schema must be a record");
  lakecodec::schema out;
  for (const record_field& rf : root.fields) {
    LAKECODEC_ASSIGN_OR_RETURN(field f, detail::columnar_field(rf.name, *rf.type, 0));
    const json_value* id = rf.attribute("field-id");
    if (id != nullptr && id->is_integer()) f.field_id = static_cast<int32_t>(id->as_int());
    out.fields.push_back(std::move(f));
  }
  return out;
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
