// Test-only shared library loaded by the core interop pytest through ctypes: pyarrow exports a
// record batch into ArrowArray/ArrowSchema structs, these functions import them with lakecodec
// (consuming both) and return JSON of the values or of the column statistics.

#include <cstdio>
#include <string>

#include "lakecodec/core/arrow_c.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/stats.hpp"

namespace lc = lakecodec;

namespace {

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", ch);
      out += buf;
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char ch : s) {
    out += digits[ch >> 4];
    out += digits[ch & 15];
  }
  return out + "\"";
}

std::string float_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return std::string("\"") + buf + "\"";
}

std::string int128_text(__int128 v) {
  if (v == 0) return "\"0\"";
  const bool neg = v < 0;
  unsigned __int128 u =
      neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  while (u) {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return "\"" + std::string(neg ? "-" : "") + digits + "\"";
}

std::string dump_slot(const lc::field& f, const lc::column_view& c, int64_t i) {
  if (!c.is_valid(i)) return "null";
  switch (c.type.id) {
    case lc::type_id::boolean: return c.bool_value(i) ? "true" : "false";
    case lc::type_id::int8: return std::to_string(c.value<int8_t>(i));
    case lc::type_id::int16: return std::to_string(c.value<int16_t>(i));
    case lc::type_id::int32:
    case lc::type_id::date32: return std::to_string(c.value<int32_t>(i));
    case lc::type_id::int64:
    case lc::type_id::time64:
    case lc::type_id::timestamp: return std::to_string(c.value<int64_t>(i));
    case lc::type_id::float32: return float_text(c.value<float>(i));
    case lc::type_id::float64: return float_text(c.value<double>(i));
    case lc::type_id::decimal128: return int128_text(c.decimal_value(i));
    case lc::type_id::string:
    case lc::type_id::large_string: return json_string(c.bytes(i));
    case lc::type_id::binary:
    case lc::type_id::large_binary: return hex(c.bytes(i));
    case lc::type_id::fixed_size_binary: return hex(c.fixed_bytes(i));
    case lc::type_id::struct_: {
      std::string out = "{";
      for (size_t k = 0; k < f.children.size(); ++k) {
        if (k) out += ",";
        out += json_string(f.children[k].name) + ":" +
               dump_slot(f.children[k], c.children[k], c.offset + i);
      }
      return out + "}";
    }
    case lc::type_id::list:
    case lc::type_id::large_list:
    case lc::type_id::map: {
      std::string out = "[";
      const lc::field& ef = f.children[0];
      const lc::column_view& e = c.children[0];
      for (int64_t j = c.value_offset(i); j < c.value_offset(i + 1); ++j) {
        if (j > c.value_offset(i)) out += ",";
        if (c.type.id == lc::type_id::map) {
          out += "[" + dump_slot(ef.children[0], e.children[0], e.offset + j) + "," +
                 dump_slot(ef.children[1], e.children[1], e.offset + j) + "]";
        } else {
          out += dump_slot(ef, e, j);
        }
      }
      return out + "]";
    }
  }
  return "null";
}

std::string bound_json(const lc::stat_bound& b) {
  switch (b.kind) {
    case lc::bound_kind::none: return "null";
    case lc::bound_kind::boolean: return b.boolean ? "true" : "false";
    case lc::bound_kind::integer: return std::to_string(b.integer);
    case lc::bound_kind::floating: return float_text(b.floating);
    case lc::bound_kind::decimal: return int128_text(b.decimal);
    case lc::bound_kind::bytes: return hex(b.bytes);
  }
  return "null";
}

// {"length": n, "columns": {name: [values...]}}
std::string dump_batch(const lc::batch_view& b) {
  std::string out = "{\"length\":" + std::to_string(b.length) + ",\"columns\":{";
  for (size_t k = 0; k < b.num_columns(); ++k) {
    if (k) out += ",";
    out += json_string(b.schema.fields[k].name) + ":[";
    for (int64_t i = 0; i < b.length; ++i) {
      if (i) out += ",";
      out += dump_slot(b.schema.fields[k], b.columns[k], i);
    }
    out += "]";
  }
  return out + "}}";
}

thread_local std::string last;

const char* finish(std::string s) {
  last = std::move(s);
  return last.c_str();
}

}  // namespace

extern "C" {

/// {"ok": true, "columns": {name: [values...]}} or {"ok": false, "error": "..."}.
const char* lakecodec_import_and_dump(ArrowArray* array, ArrowSchema* schema) {
  auto r = lc::import_batch(array, schema);
  if (!r) return finish("{\"ok\":false,\"error\":" + json_string(r.error().to_string()) + "}");
  std::string out = dump_batch(r.value().view());
  return finish("{\"ok\":true," + out.substr(1));
}

/// {"ok": true, "batches": [{"length": n, "columns": {name: [values...]}}, ...]} for a stream.
const char* lakecodec_stream_dump(ArrowArrayStream* stream) {
  auto r = lc::imported_stream::open(stream);
  if (!r) return finish("{\"ok\":false,\"error\":" + json_string(r.error().to_string()) + "}");
  std::string out = "{\"ok\":true,\"batches\":[";
  for (int n = 0;; ++n) {
    auto b = r.value().next();
    if (!b) return finish("{\"ok\":false,\"error\":" + json_string(b.error().to_string()) + "}");
    if (!b.value()) break;
    if (n) out += ",";
    out += dump_batch(b.value()->view());
  }
  return finish(out + "]}");
}

/// {"ok": true, "columns": {name: {value_count, null_count, nan_count, min, max}}}.
const char* lakecodec_import_and_stats(ArrowArray* array, ArrowSchema* schema) {
  auto r = lc::import_batch(array, schema);
  if (!r) return finish("{\"ok\":false,\"error\":" + json_string(r.error().to_string()) + "}");
  const lc::batch_view& b = r.value().view();
  std::string out = "{\"ok\":true,\"columns\":{";
  for (size_t k = 0; k < b.num_columns(); ++k) {
    const lc::column_stats s = lc::compute_stats(b.columns[k]);
    if (k) out += ",";
    out += json_string(b.schema.fields[k].name) +
           ":{\"value_count\":" + std::to_string(s.value_count) +
           ",\"null_count\":" + std::to_string(s.null_count) +
           ",\"nan_count\":" + std::to_string(s.nan_count) + ",\"min\":" + bound_json(s.min) +
           ",\"max\":" + bound_json(s.max) + "}";
  }
  return finish(out + "}}");
}

/// Imports a batch pyarrow exported and re-exports it zero-copy into (out_array, out_schema).
/// Returns NULL on success, else the error text.
const char* lakecodec_roundtrip(ArrowArray* array, ArrowSchema* schema, ArrowArray* out_array,
                                ArrowSchema* out_schema) {
  auto r = lc::import_batch(array, schema);
  if (!r) return finish(r.error().to_string());
  const lc::status st = lc::export_batch(std::move(r).value(), out_array, out_schema);
  return st.ok() ? nullptr : finish(st.to_string());
}

/// Builds a batch of every type with batch_builder (rows described in the pytest) and exports
/// it. Returns NULL on success, else the error text.
const char* lakecodec_build_and_export(ArrowArray* out_array, ArrowSchema* out_schema) {
  lc::schema s;
  s.fields = {{"b", lc::types::boolean()},
              {"i8", lc::types::int8()},
              {"i16", lc::types::int16()},
              {"i32", lc::types::int32(), false},
              {"i64", lc::types::int64()},
              {"f32", lc::types::float32()},
              {"f64", lc::types::float64()},
              {"dec", lc::types::decimal128(12, 3)},
              {"date", lc::types::date32()},
              {"t_us", lc::types::time64(lc::time_unit::micro)},
              {"ts_ns_utc", lc::types::timestamp(lc::time_unit::nano, true)},
              {"ts_us", lc::types::timestamp(lc::time_unit::micro, false)},
              {"s", lc::types::string()},
              {"ls", lc::types::large_string()},
              {"bin", lc::types::binary()},
              {"lbin", lc::types::large_binary()},
              {"fsb", lc::types::fixed_size_binary(2)},
              {"uuid", lc::types::uuid()}};
  s.fields.push_back(
      lc::struct_field("st", {lc::field("a", lc::types::int32()),
                              lc::list_field("l", lc::field("item", lc::types::string()))}));
  s.fields.push_back(lc::map_field("m", lc::field("key", lc::types::string()),
                                   lc::field("value", lc::types::float64())));
  lc::field inner = lc::list_field("item", lc::field("item", lc::types::int16()));
  s.fields.push_back(lc::field("ll", lc::types::large_list(), true, {inner}));
  lc::batch_builder b(s);
  for (int i = 0; i < 7; ++i) {
    const bool null = i % 3 == 2;
    for (size_t c = 0; c < b.num_columns(); ++c) {
      lc::column_builder& col = b.column(c);
      if (null && c != 3) {
        col.append_null();
        continue;
      }
      switch (c) {
        case 0: col.append_bool(i % 2 == 0); break;
        case 1: col.append_int(-i); break;
        case 2: col.append_int(i * 1000); break;
        case 3: col.append_int(i); break;
        case 4: col.append_int(int64_t{1} << (40 + i)); break;
        case 5: col.append_float(i + 0.5); break;
        case 6: col.append_float(-i * 0.25); break;
        case 7: col.append_decimal(static_cast<__int128>(i) * 1001 - 3000); break;
        case 8: col.append_int(18000 + i); break;
        case 9: col.append_int(int64_t{i} * 3600000000); break;
        case 10:
        case 11: col.append_int(int64_t{1700000000} * 1000000 + i); break;
        case 12:
        case 13: col.append_bytes(std::string(static_cast<size_t>(i), 'x') + "\xc3\xa9"); break;
        case 14:
        case 15: col.append_bytes(std::string(static_cast<size_t>(i), '\xff')); break;
        case 16: col.append_bytes(std::string(2, static_cast<char>('a' + i))); break;
        case 17: col.append_bytes(std::string(16, static_cast<char>(i))); break;
        case 18:
          col.append_struct();
          col.child(0).append_int(i);
          col.child(1).begin_list();
          for (int k = 0; k < i % 3; ++k) col.child(1).child(0).append_bytes(std::to_string(k));
          col.child(1).end_list();
          break;
        case 19:
          col.begin_list();
          for (int k = 0; k < i % 3; ++k) {
            col.child(0).append_bytes("k" + std::to_string(k));
            col.child(1).append_float(k * 1.5);
          }
          col.end_list();
          break;
        default:
          col.begin_list();
          col.child(0).begin_list();
          col.child(0).child(0).append_int(i);
          col.child(0).child(0).append_null();
          col.child(0).end_list();
          col.child(0).append_null();
          col.end_list();
          break;
      }
    }
  }
  auto r = b.finish();
  if (!r) return finish(r.error().to_string());
  const lc::status st = lc::export_batch(std::move(r).value(), out_array, out_schema);
  return st.ok() ? nullptr : finish(st.to_string());
}

}  // extern "C"
