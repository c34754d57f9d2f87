// Fuzzes batch_builder with arbitrary sequences of appends (right and wrong types, unbalanced
// lists, out-of-range child indices, nulls at every level) on a nested schema. Oracles: no
// crash/UB under ASan+UBSan; finish() either reports an error or returns a batch that passes
// validate_batch and whose leaf statistics count exactly its slots; the builder is reusable.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/stats.hpp"

namespace lc = lakecodec;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

lc::schema make_schema() {
  lc::schema s;
  s.fields = {{"b", lc::types::boolean()},
              {"i8", lc::types::int8()},
              {"i64", lc::types::int64(), false},
              {"f", lc::types::float32()},
              {"dec", lc::types::decimal128(20, 3)},
              {"ts", lc::types::timestamp(lc::time_unit::nano, true)},
              {"s", lc::types::string()},
              {"lb", lc::types::large_binary()},
              {"u", lc::types::uuid()}};
  s.fields.push_back(
      lc::struct_field("st", {lc::field("a", lc::types::int32(), false),
                              lc::list_field("l", lc::field("item", lc::types::string()))}));
  s.fields.push_back(lc::map_field("m", lc::field("key", lc::types::string()),
                                   lc::field("value", lc::types::date32())));
  lc::field inner = lc::list_field("item", lc::field("item", lc::types::float64()));
  s.fields.push_back(lc::field("ll", lc::types::large_list(), true, {inner}));
  return s;
}

void check_leaves(const lc::column_view& c) {
  const lc::column_stats s = lc::compute_stats(c);
  check(s.value_count == c.length);
  check(s.null_count == c.null_count());
  if (!lc::is_nested(c.type.id) && s.min.has_value()) check(lc::compare_bounds(s.min, s.max) <= 0);
  for (const lc::column_view& k : c.children) check_leaves(k);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const lc::schema schema = make_schema();
  lc::batch_builder b(schema);
  size_t i = 0;
  auto u8 = [&]() -> uint8_t { return i < size ? data[i++] : 0; };
  for (int round = 0; round < 2; ++round) {
    while (i < size) {
      const uint8_t op = u8();
      if (op == 0xFF) break;  // finish this round
      lc::column_builder* c = &b.column(op % b.num_columns());
      // Descend into children a few levels, sometimes with invalid indices.
      for (uint8_t d = u8(); (d & 3) != 0 && c != nullptr; d >>= 2) c = &c->child((d >> 2) % 3);
      const uint8_t what = u8();
      const int64_t v = static_cast<int8_t>(u8()) * int64_t{1000003};
      switch (what % 10) {
        case 0: c->append_null(); break;
        case 1: c->append_bool(v & 1); break;
        case 2: c->append_int(v); break;
        case 3: c->append_float(static_cast<double>(v) / 7); break;
        case 4: c->append_decimal(static_cast<__int128>(v) * v); break;
        case 5: c->append_bytes(std::string(static_cast<size_t>(what >> 4), 'x')); break;
        case 6: c->append_struct(); break;
        case 7: c->begin_list(); break;
        case 8: c->end_list(); break;
        default: c->append_bytes(std::string(16, static_cast<char>(v))); break;
      }
    }
    auto r = b.finish();
    if (r) {
      const lc::batch_view& v = r.value().view();
      check(lc::validate_batch(v.schema, v).ok());
      for (const lc::column_view& c : v.columns) check_leaves(c);
      const lc::batch_view half = v.slice(v.length / 2, v.length - v.length / 2);
      check(lc::validate_batch(half.schema, half).ok());
    } else {
      check(!r.error().message().empty());
    }
    for (size_t k = 0; k < b.num_columns(); ++k) check(b.column(k).length() == 0);
  }
  return 0;
}
