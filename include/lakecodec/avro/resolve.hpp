#pragma once
// Schema resolution (Avro spec "Schema Resolution"): a (writer, reader) pair is compiled once
// into a plan of resolution steps — skip writer-only fields, fill reader-only fields from
// defaults, promote numbers, map enum symbols, pick union branches — and records are then
// decoded through the plan into values of the reader schema.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/json_codec.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

namespace detail {

struct resolve_step {
  enum class op : uint8_t {
    read,     // same primitive type: decode as the writer wrote it
    promote,  // int/long/float -> wider, string <-> bytes
    record,
    enum_,
    fixed,
    array,
    map,
    writer_union,  // writer is a union: one step per writer branch
    reader_union,  // reader is a union, writer is not: wrap in reader_branch
    fail,          // no match: error when a value actually takes this path
  };
  op kind = op::read;
  const node* writer = nullptr;
  const node* reader = nullptr;
  std::string message;  // fail
  // record: for each writer field, the reader field index or -1 (skip), and its step.
  std::vector<int> writer_to_reader;
  std::vector<const resolve_step*> field_steps;
  // record: reader fields the writer lacks, with their default values.
  std::vector<std::pair<int, value>> defaults;
  // enum: writer symbol index -> reader symbol index (-1 = error)
  std::vector<int> enum_map;
  // array/map items, reader_union inner step
  const resolve_step* child = nullptr;
  int reader_branch = 0;
  // writer_union: per writer branch: the step and (when the reader is a union) reader branch
  std::vector<const resolve_step*> branch_steps;
  std::vector<int> branch_targets;
};

inline bool same_unqualified_name(const node& w, const node& r) {
  if (w.name == r.name) return true;
  for (const std::string& a : r.aliases) {
    const size_t dot = a.rfind('.');
    if ((dot == std::string::npos ? a : a.substr(dot + 1)) == w.name || a == w.fullname)
      return true;
  }
  return false;
}

inline bool promotable(type w, type r) {
  switch (w) {
    case type::int_: return r == type::long_ || r == type::float_ || r == type::double_;
    case type::long_: return r == type::float_ || r == type::double_;
    case type::float_: return r == type::double_;
    case type::string: return r == type::bytes;
    case type::bytes: return r == type::string;
    default: return false;
  }
}

/// Reader union branch for a (non-union) writer node: exact match first, then same kind of
/// named type, then a promotion. -1 when none matches.
inline int match_branch(const node& w, const node& reader_union) {
  const auto& bs = reader_union.branches;
  for (size_t i = 0; i < bs.size(); ++i) {
    const node& r = *bs[i];
    if (r.type != w.type) continue;
    if (!is_named(w.type) || same_unqualified_name(w, r)) return static_cast<int>(i);
  }
  for (size_t i = 0; i < bs.size(); ++i)
    if (bs[i]->type == w.type && (w.type != type::fixed || bs[i]->size == w.size))
      return static_cast<int>(i);
  for (size_t i = 0; i < bs.size(); ++i)
    if (promotable(w.type, bs[i]->type)) return static_cast<int>(i);
  return -1;
}

class resolver_compiler {
 public:
  std::vector<std::unique_ptr<resolve_step>>& steps;
  std::map<std::pair<const node*, const node*>, const resolve_step*> memo;

  explicit resolver_compiler(std::vector<std::unique_ptr<resolve_step>>& s) : steps(s) {}

  resolve_step* make(resolve_step::op k, const node& w, const node& r) {
    steps.push_back(std::make_unique<resolve_step>());
    resolve_step* s = steps.back().get();
    s->kind = k;
    s->writer = &w;
    s->reader = &r;
    return s;
  }

  const resolve_step* fail(const node& w, const node& r, std::string msg) {
    resolve_step* s = make(resolve_step::op::fail, w, r);
    s->message = std::move(msg);
    return s;
  }

  static std::string describe(const node& n) {
    return is_named(n.type) ? std::string(type_name(n.type)) + " '" + n.fullname + "'"
                            : std::string(type_name(n.type));
  }

  result<const resolve_step*> compile(const node& w, const node& r, int depth) {
    if (depth > limits{}.max_nesting_depth)
      return invalid_argument("avro resolution: schemas nest too deeply");
    auto key = std::make_pair(&w, &r);
    auto it = memo.find(key);
    if (it != memo.end()) return it->second;
    if (w.type == type::union_) {
      resolve_step* s = make(resolve_step::op::writer_union, w, r);
      memo[key] = s;
      for (const node* wb : w.branches) {
        int target = -1;
        const node* rn = &r;
        if (r.type == type::union_) {
          target = match_branch(*wb, r);
          if (target < 0) {
            s->branch_steps.push_back(fail(*wb, r,
                                           "avro resolution: writer union branch " + describe(*wb) +
                                               " matches no branch of the reader union"));
            s->branch_targets.push_back(-1);
            continue;
          }
          rn = r.branches[static_cast<size_t>(target)];
        }
        LAKECODEC_ASSIGN_OR_RETURN(const resolve_step* bs, compile(*wb, *rn, depth + 1));
        s->branch_steps.push_back(bs);
        s->branch_targets.push_back(target);
      }
      return static_cast<const resolve_step*>(s);
    }
    if (r.type == type::union_) {
      const int target = match_branch(w, r);
      if (target < 0)
        return fail(
            w, r,
            "avro resolution: writer " + describe(w) + " matches no branch of the reader union");
      resolve_step* s = make(resolve_step::op::reader_union, w, r);
      memo[key] = s;
      s->reader_branch = target;
      LAKECODEC_ASSIGN_OR_RETURN(s->child,
                                 compile(w, *r.branches[static_cast<size_t>(target)], depth + 1));
      return static_cast<const resolve_step*>(s);
    }
    if (w.type != r.type) {
      if (promotable(w.type, r.type))
        return static_cast<const resolve_step*>(make(resolve_step::op::promote, w, r));
      return fail(w, r,
                  "avro resolution: writer " + describe(w) + " cannot be read as " + describe(r));
    }
    switch (w.type) {
      case type::record: return compile_record(w, r, depth);
      case type::enum_: {
        resolve_step* s = make(resolve_step::op::enum_, w, r);
        memo[key] = s;
        const int def = r.has_enum_default ? r.symbol_index(r.enum_default) : -1;
        for (const std::string& sym : w.symbols) {
          const int i = r.symbol_index(sym);
          s->enum_map.push_back(i >= 0 ? i : def);
        }
        return static_cast<const resolve_step*>(s);
      }
      case type::fixed:
        if (w.size != r.size)
          return fail(w, r,
                      "avro resolution: fixed '" + w.fullname + "' has size " +
                          std::to_string(w.size) + ", the reader's '" + r.fullname + "' has size " +
                          std::to_string(r.size));
        return static_cast<const resolve_step*>(make(resolve_step::op::fixed, w, r));
      case type::array:
      case type::map: {
        resolve_step* s =
            make(w.type == type::array ? resolve_step::op::array : resolve_step::op::map, w, r);
        memo[key] = s;
        const node& wi = w.type == type::array ? *w.items : *w.values;
        const node& ri = r.type == type::array ? *r.items : *r.values;
        LAKECODEC_ASSIGN_OR_RETURN(s->child, compile(wi, ri, depth + 1));
        return static_cast<const resolve_step*>(s);
      }
      default: return static_cast<const resolve_step*>(make(resolve_step::op::read, w, r));
    }
  }

  result<const resolve_step*> compile_record(const node& w, const node& r, int depth) {
    resolve_step* s = make(resolve_step::op::record, w, r);
    memo[std::make_pair(&w, &r)] = s;
    std::vector<bool> filled(r.fields.size(), false);
    for (const record_field& wf : w.fields) {
      int ri = r.field_index(wf.name);
      if (ri < 0) {
        for (size_t k = 0; k < r.fields.size() && ri < 0; ++k)
          for (const std::string& a : r.fields[k].aliases)
            if (a == wf.name) ri = static_cast<int>(k);
      }
      s->writer_to_reader.push_back(ri);
      if (ri < 0) {
        s->field_steps.push_back(nullptr);
        continue;
      }
      filled[static_cast<size_t>(ri)] = true;
      LAKECODEC_ASSIGN_OR_RETURN(
          const resolve_step* fs,
          compile(*wf.type, *r.fields[static_cast<size_t>(ri)].type, depth + 1));
      s->field_steps.push_back(fs);
    }
    for (size_t k = 0; k < r.fields.size(); ++k) {
      if (filled[k]) continue;
      const record_field& rf = r.fields[k];
      if (!rf.has_default)
        return schema_mismatch("avro resolution: reader field '" + r.fullname + "." + rf.name +
                               "' is not in the writer schema and has no default");
      LAKECODEC_ASSIGN_OR_RETURN(value dv, default_value(rf));
      s->defaults.emplace_back(static_cast<int>(k), std::move(dv));
    }
    return static_cast<const resolve_step*>(s);
  }
};

inline value promote(const node& w, const node& r, decoder& d) {
  switch (w.type) {
    case type::int_: {
      const int32_t v = d.read_int();
      if (r.type == type::long_) return value::int64(v);
      if (r.type == type::float_) return value::float32(static_cast<float>(v));
      return value::float64(v);
    }
    case type::long_: {
      const int64_t v = d.read_long();
      if (r.type == type::float_) return value::float32(static_cast<float>(v));
      return value::float64(static_cast<double>(v));
    }
    case type::float_: return value::float64(d.read_float());
    case type::string: return value::bytes(d.read_string());
    case type::bytes: return value::string(d.read_bytes());
    default: return value::null();
  }
}

inline void resolve_value(const resolve_step& s, decoder& d, value& out, int depth) {
  if (LAKECODEC_UNLIKELY(depth > d.input_limits().max_nesting_depth)) {
    d.fail(limit_exceeded("avro: value nests too deeply", d.offset()));
    return;
  }
  using op = resolve_step::op;
  switch (s.kind) {
    case op::read:
    case op::fixed: decode_value(*s.writer, d, out, depth); return;
    case op::promote: out = promote(*s.writer, *s.reader, d); return;
    case op::fail: d.fail(schema_mismatch(s.message)); return;
    case op::enum_: {
      const int32_t i = d.read_enum(s.writer->symbols.size());
      if (!d.ok()) return;
      const int target = s.enum_map[static_cast<size_t>(i)];
      if (target < 0) {
        d.fail(schema_mismatch(
            "avro resolution: symbol '" + s.writer->symbols[static_cast<size_t>(i)] +
            "' is not in the reader enum '" + s.reader->fullname + "', which has no default"));
        return;
      }
      out = value::enumeration(target, s.reader->symbols[static_cast<size_t>(target)]);
      return;
    }
    case op::record: {
      std::vector<value> fields(s.reader->fields.size());
      for (size_t i = 0; i < s.writer_to_reader.size() && d.ok(); ++i) {
        const int ri = s.writer_to_reader[i];
        if (ri < 0)
          skip_value(*s.writer->fields[i].type, d, depth + 1);
        else
          resolve_value(*s.field_steps[i], d, fields[static_cast<size_t>(ri)], depth + 1);
      }
      for (const auto& dv : s.defaults) fields[static_cast<size_t>(dv.first)] = dv.second;
      out = value::record(std::move(fields));
      return;
    }
    case op::array:
    case op::map: {
      const bool is_map = s.kind == op::map;
      const node& wi = is_map ? *s.writer->values : *s.writer->items;
      const size_t min = min_encoded_size(wi) + (is_map ? 1 : 0);
      std::vector<value> items;
      std::vector<value::entry> entries;
      for (;;) {
        const int64_t count = d.read_block_count(min);
        if (count == 0 || !d.ok()) break;
        if (static_cast<int64_t>(items.size() + entries.size()) + count >
            d.input_limits().max_collection_count) {
          d.fail(limit_exceeded("avro: array/map larger than the collection limit", d.offset()));
          break;
        }
        for (int64_t i = 0; i < count && d.ok(); ++i) {
          if (is_map) {
            std::string k(d.read_string());
            entries.emplace_back(std::move(k), value());
            resolve_value(*s.child, d, entries.back().second, depth + 1);
          } else {
            items.emplace_back();
            resolve_value(*s.child, d, items.back(), depth + 1);
          }
        }
      }
      out = is_map ? value::map(std::move(entries)) : value::array(std::move(items));
      return;
    }
    case op::writer_union: {
      const int32_t b = d.read_union_index(s.writer->branches.size());
      if (!d.ok()) return;
      value inner;
      resolve_value(*s.branch_steps[static_cast<size_t>(b)], d, inner, depth + 1);
      const int target = s.branch_targets[static_cast<size_t>(b)];
      out = target >= 0 ? value::union_of(target, std::move(inner)) : std::move(inner);
      return;
    }
    case op::reader_union: {
      value inner;
      resolve_value(*s.child, d, inner, depth + 1);
      out = value::union_of(s.reader_branch, std::move(inner));
      return;
    }
  }
}

}  // namespace detail

/// A compiled (writer schema, reader schema) resolution plan. Build once per file, then decode
/// any number of records with it.
class resolution {
 public:
  /// Compiles the plan. Errors (schema_mismatch) for mismatches that make every record
  /// unreadable, e.g. a reader field without default missing from the writer. Mismatches that
  /// only some records hit (a union branch, an enum symbol) fail when such a record is read.
  static result<resolution> compile(const schema& writer, const schema& reader) {
    resolution r;
    r.writer_ = writer;
    r.reader_ = reader;
    r.steps_ = std::make_unique<std::vector<std::unique_ptr<detail::resolve_step>>>();
    detail::resolver_compiler c(*r.steps_);
    LAKECODEC_ASSIGN_OR_RETURN(r.root_, c.compile(writer.root(), reader.root(), 0));
    if (r.root_->kind == detail::resolve_step::op::fail) return schema_mismatch(r.root_->message);
    return r;
  }

  const schema& writer_schema() const noexcept { return writer_; }
  const schema& reader_schema() const noexcept { return reader_; }

  /// Decodes one writer-schema datum into a value of the reader schema.
  result<value> decode(decoder& d) const {
    value v;
    detail::resolve_value(*root_, d, v, 0);
    if (!d.ok()) return d.error();
    return v;
  }

 private:
  schema writer_;
  schema reader_;
  std::unique_ptr<std::vector<std::unique_ptr<detail::resolve_step>>> steps_;
  const detail::resolve_step* root_ = nullptr;
};

}  // namespace avro
LAKECODEC_NAMESPACE_END
