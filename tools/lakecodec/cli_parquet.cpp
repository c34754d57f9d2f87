// CLI verbs of the parquet area: `parquet meta` (the footer as JSON), `parquet fromjson`
// (Iceberg-schema JSON lines -> Parquet) and `gen lineitem` (a TPC-H-lineitem-shaped file).

#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/iceberg/columnar.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/parquet.hpp"

namespace lakecodec_cli {

namespace parquet_cli {

using nlohmann::ordered_json;
namespace pq = lakecodec::parquet;

inline std::string hex_of(const std::string& s) { return lakecodec::to_hex(s); }

inline std::string date_string(int64_t days) {
  int64_t y, m, d;
  lakecodec::civil_from_days(days, y, m, d);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

/// SizeStatistics of a column chunk (absent members are left out).
inline ordered_json size_stats_json(const pq::size_statistics& s) {
  ordered_json j = ordered_json::object();
  if (s.unencoded_byte_array_data_bytes)
    j["unencoded_byte_array_data_bytes"] = *s.unencoded_byte_array_data_bytes;
  if (s.repetition_level_histogram) j["repetition_level_histogram"] = *s.repetition_level_histogram;
  if (s.definition_level_histogram) j["definition_level_histogram"] = *s.definition_level_histogram;
  return j;
}

/// A statistics value decoded by the leaf's physical and logical type.
inline ordered_json stat_value(const pq::schema_element& e, const std::string& v) {
  const int32_t t = e.type.value_or(-1);
  const bool has_lt = e.logical_type.has_value();
  const int16_t lk = has_lt ? e.logical_type->kind : 0;
  const bool is_decimal = lk == pq::logical_type::decimal ||
                          e.converted_type.value_or(-1) == pq::converted_type::ct_decimal;
  const int32_t scale =
      has_lt && lk == pq::logical_type::decimal ? e.logical_type->scale : e.scale.value_or(0);
  switch (t) {
    case pq::physical_type::boolean:
      if (v.size() == 1) return v[0] != 0;
      break;
    case pq::physical_type::int32:
      if (v.size() == 4) {
        int32_t x;
        std::memcpy(&x, v.data(), 4);
        if (is_decimal) return lakecodec::format_decimal(x, scale);
        if (lk == pq::logical_type::date ||
            e.converted_type.value_or(-1) == pq::converted_type::ct_date)
          return date_string(x);
        return x;
      }
      break;
    case pq::physical_type::int64:
      if (v.size() == 8) {
        int64_t x;
        std::memcpy(&x, v.data(), 8);
        if (is_decimal) return lakecodec::format_decimal(x, scale);
        return x;
      }
      break;
    case pq::physical_type::float_:
      if (v.size() == 4) {
        float x;
        std::memcpy(&x, v.data(), 4);
        if (std::isnan(x)) return "NaN";
        if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
        return x;
      }
      break;
    case pq::physical_type::double_:
      if (v.size() == 8) {
        double x;
        std::memcpy(&x, v.data(), 8);
        if (std::isnan(x)) return "NaN";
        if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
        return x;
      }
      break;
    case pq::physical_type::byte_array:
    case pq::physical_type::fixed_len_byte_array: {
      if (is_decimal && !v.empty() && v.size() <= 16) {
        __int128 x = static_cast<int8_t>(v[0]);
        for (size_t k = 1; k < v.size(); ++k) x = x * 256 + static_cast<uint8_t>(v[k]);
        return lakecodec::format_decimal(x, scale);
      }
      if (lk == pq::logical_type::uuid && v.size() == 16) {
        std::string h = hex_of(v);
        return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
               h.substr(16, 4) + "-" + h.substr(20);
      }
      const bool text = lk == pq::logical_type::string || lk == pq::logical_type::enum_ ||
                        lk == pq::logical_type::json ||
                        e.converted_type.value_or(-1) == pq::converted_type::ct_utf8;
      if (text && lakecodec::parquet::detail::valid_utf8(reinterpret_cast<const uint8_t*>(v.data()),
                                                         v.size()))
        return v;
      return ordered_json{{"hex", hex_of(v)}};
    }
    default: break;
  }
  return ordered_json{{"hex", hex_of(v)}};
}

inline ordered_json logical_json(const pq::logical_type& lt) {
  static const char* names[] = {"",        "STRING",  "MAP",      "LIST",      "ENUM",
                                "DECIMAL", "DATE",    "TIME",     "TIMESTAMP", "",
                                "INTEGER", "UNKNOWN", "JSON",     "BSON",      "UUID",
                                "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY", "FILE"};
  ordered_json j;
  j["type"] =
      lt.kind > 0 && lt.kind < 20 ? names[lt.kind] : "UNKNOWN(" + std::to_string(lt.kind) + ")";
  if (lt.kind == pq::logical_type::decimal) {
    j["precision"] = lt.precision;
    j["scale"] = lt.scale;
  } else if (lt.kind == pq::logical_type::time || lt.kind == pq::logical_type::timestamp) {
    j["is_adjusted_to_utc"] = lt.is_adjusted_to_utc;
    j["unit"] = lt.unit == 1   ? "MILLIS"
                : lt.unit == 2 ? "MICROS"
                : lt.unit == 3 ? "NANOS"
                               : "UNKNOWN";
  } else if (lt.kind == pq::logical_type::integer) {
    j["bit_width"] = lt.bit_width;
    j["is_signed"] = lt.is_signed;
  }
  return j;
}

inline ordered_json element_json(const pq::schema_element& e) {
  ordered_json j;
  j["name"] = e.name;
  if (e.repetition_type) j["repetition"] = pq::repetition_name(*e.repetition_type);
  if (e.type) j["type"] = pq::physical_type_name(*e.type);
  if (e.type_length) j["type_length"] = *e.type_length;
  if (e.field_id) j["field_id"] = *e.field_id;
  if (e.logical_type) j["logical_type"] = logical_json(*e.logical_type);
  if (e.converted_type) j["converted_type"] = pq::converted_type_name(*e.converted_type);
  if (e.precision) j["precision"] = *e.precision;
  if (e.scale) j["scale"] = *e.scale;
  return j;
}

/// The schema as a nested tree; fills `leaves` with the leaf elements in column order.
inline ordered_json schema_tree(const std::vector<pq::schema_element>& s, size_t& pos,
                                std::vector<const pq::schema_element*>& leaves) {
  const pq::schema_element& e = s[pos++];
  ordered_json j = element_json(e);
  const int32_t n = e.num_children.value_or(0);
  if (n > 0) {
    ordered_json kids = ordered_json::array();
    for (int32_t k = 0; k < n && pos < s.size(); ++k) kids.push_back(schema_tree(s, pos, leaves));
    j["fields"] = kids;
  } else if (pos > 1) {
    leaves.push_back(&e);
  }
  return j;
}

inline ordered_json stats_json(const pq::statistics& st, const pq::schema_element& leaf) {
  ordered_json j = ordered_json::object();
  if (st.null_count) j["null_count"] = *st.null_count;
  if (st.nan_count) j["nan_count"] = *st.nan_count;
  if (st.distinct_count) j["distinct_count"] = *st.distinct_count;
  if (st.min_value)
    j["min"] = stat_value(leaf, *st.min_value);
  else if (st.min)
    j["min_deprecated"] = stat_value(leaf, *st.min);
  if (st.max_value)
    j["max"] = stat_value(leaf, *st.max_value);
  else if (st.max)
    j["max_deprecated"] = stat_value(leaf, *st.max);
  if (st.is_min_value_exact) j["is_min_value_exact"] = *st.is_min_value_exact;
  if (st.is_max_value_exact) j["is_max_value_exact"] = *st.is_max_value_exact;
  return j;
}

/// The whole footer as JSON (what `parquet meta` prints).
inline ordered_json footer_json(const pq::footer& f) {
  const pq::file_meta_data& md = f.metadata;
  ordered_json j;
  j["version"] = md.version;
  j["created_by"] = md.created_by ? ordered_json(*md.created_by) : ordered_json(nullptr);
  j["num_rows"] = md.num_rows;
  j["file_size"] = f.file_size;
  j["footer_length"] = f.metadata_length;
  ordered_json kv = ordered_json::array();
  if (md.key_value_metadata)
    for (const auto& e : *md.key_value_metadata) {
      ordered_json x;
      x["key"] = e.key;
      x["value"] = e.value ? ordered_json(*e.value) : ordered_json(nullptr);
      kv.push_back(x);
    }
  j["key_value_metadata"] = kv;
  size_t pos = 0;
  std::vector<const pq::schema_element*> leaves;
  j["schema"] = md.schema.empty() ? ordered_json(nullptr) : schema_tree(md.schema, pos, leaves);
  if (md.column_orders) {
    ordered_json co = ordered_json::array();
    for (const auto& o : *md.column_orders)
      co.push_back(o.kind == 1 ? "TYPE_ORDER" : o.kind == 2 ? "IEEE_754_TOTAL_ORDER" : "UNKNOWN");
    j["column_orders"] = co;
  }
  ordered_json rgs = ordered_json::array();
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const pq::row_group& rg = md.row_groups[g];
    ordered_json r;
    r["num_rows"] = rg.num_rows;
    r["total_byte_size"] = rg.total_byte_size;
    if (rg.total_compressed_size) r["total_compressed_size"] = *rg.total_compressed_size;
    if (rg.file_offset) r["file_offset"] = *rg.file_offset;
    if (rg.ordinal) r["ordinal"] = *rg.ordinal;
    ordered_json cols = ordered_json::array();
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const pq::column_chunk& cc = rg.columns[c];
      ordered_json x;
      if (cc.file_path) x["file_path"] = *cc.file_path;
      if (cc.meta_data) {
        const pq::column_meta_data& m = *cc.meta_data;
        std::string path;
        for (const auto& p : m.path_in_schema) path += (path.empty() ? "" : ".") + p;
        x["path"] = path;
        x["type"] = pq::physical_type_name(m.type);
        x["codec"] = pq::codec_name(m.codec);
        ordered_json enc = ordered_json::array();
        for (int32_t e : m.encodings) enc.push_back(pq::encoding_name(e));
        x["encodings"] = enc;
        x["num_values"] = m.num_values;
        x["total_compressed_size"] = m.total_compressed_size;
        x["total_uncompressed_size"] = m.total_uncompressed_size;
        x["data_page_offset"] = m.data_page_offset;
        if (m.dictionary_page_offset) x["dictionary_page_offset"] = *m.dictionary_page_offset;
        if (m.encoding_stats) {
          ordered_json es = ordered_json::array();
          for (const auto& s : *m.encoding_stats) {
            ordered_json y;
            y["page_type"] = pq::page_type_name(s.page_type);
            y["encoding"] = pq::encoding_name(s.encoding);
            y["count"] = s.count;
            es.push_back(y);
          }
          x["encoding_stats"] = es;
        }
        if (m.statistics && c < leaves.size())
          x["statistics"] = stats_json(*m.statistics, *leaves[c]);
        if (m.bloom_filter_offset) x["bloom_filter_offset"] = *m.bloom_filter_offset;
        if (m.size_statistics) x["size_statistics"] = size_stats_json(*m.size_statistics);
      }
      ordered_json pi;
      const bool has_ci = g < f.column_indexes.size() && c < f.column_indexes[g].size() &&
                          f.column_indexes[g][c].has_value();
      const bool has_oi = g < f.offset_indexes.size() && c < f.offset_indexes[g].size() &&
                          f.offset_indexes[g][c].has_value();
      pi["column_index"] = has_ci;
      pi["offset_index"] = has_oi;
      if (has_oi) pi["pages"] = f.offset_indexes[g][c]->page_locations.size();
      if (has_ci) {
        const int32_t bo = f.column_indexes[g][c]->boundary_order;
        pi["boundary_order"] = bo == 1 ? "ASCENDING" : bo == 2 ? "DESCENDING" : "UNORDERED";
        const pq::column_index& ci = *f.column_indexes[g][c];
        if (ci.repetition_level_histograms)
          pi["repetition_level_histograms"] = *ci.repetition_level_histograms;
        if (ci.definition_level_histograms)
          pi["definition_level_histograms"] = *ci.definition_level_histograms;
      }
      if (has_oi && f.offset_indexes[g][c]->unencoded_byte_array_data_bytes)
        pi["unencoded_byte_array_data_bytes"] =
            *f.offset_indexes[g][c]->unencoded_byte_array_data_bytes;
      x["page_index"] = pi;
      cols.push_back(x);
    }
    r["columns"] = cols;
    rgs.push_back(r);
  }
  j["row_groups"] = rgs;
  return j;
}

inline int run_meta(const args& a) {
  const std::string& path = a.positional[0];
  lakecodec::result<pq::footer> f = lakecodec::unsupported("");
  if (path == "-") {
    auto bytes = read_input(path);
    if (!bytes) return data_error(path, bytes.error());
    f = pq::read_footer(bytes->span(), true);
  } else {
    f = pq::read_footer_file(path, true);
  }
  if (!f) return data_error(path, f.error());
  std::cout << footer_json(f.value()).dump(a.has("pretty") ? 2 : -1) << "\n";
  return exit_ok;
}

/// Splits "a,b,c" (empty items dropped).
inline std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    const size_t e = std::min(s.find(',', b), s.size());
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

/// --encoding COL=ENC,...: the non-dictionary encoding of the named columns (dictionary off).
inline bool parse_encodings(const std::string& v, pq::writer_options& o, const std::string& cmd) {
  for (const std::string& item : split_list(v)) {
    const size_t eq = item.rfind('=');
    int32_t e = -1;
    const std::string name = eq == std::string::npos ? "" : item.substr(eq + 1);
    for (int32_t k : {pq::encoding::plain, pq::encoding::delta_binary_packed,
                      pq::encoding::delta_length_byte_array, pq::encoding::delta_byte_array,
                      pq::encoding::byte_stream_split})
      if (pq::encoding_name(k) == name) e = k;
    if (eq == std::string::npos || eq == 0 || e < 0) {
      usage_error(
          "--encoding expects COLUMN=ENCODING with PLAIN, DELTA_BINARY_PACKED, "
          "DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT, got '" +
              item + "'",
          cmd);
      return false;
    }
    pq::column_options co;
    co.encoding = e;
    co.dictionary = false;
    o.columns.emplace_back(item.substr(0, eq), co);
  }
  return true;
}

inline bool parse_writer_options(const args& a, pq::writer_options& o, const std::string& cmd) {
  if (a.has("compression")) {
    auto c = lakecodec::parse_compression(a.get("compression"));
    if (!c || *c == lakecodec::compression::deflate || *c == lakecodec::compression::zlib) {
      usage_error(
          "--compression expects none, snappy, gzip or zstd, got '" + a.get("compression") + "'",
          cmd);
      return false;
    }
    o.codec = *c;
  }
  o.page_version = static_cast<int>(a.get_int("page-version", o.page_version));
  o.row_group_rows = a.get_int("row-group-rows", o.row_group_rows);
  o.compression_level = static_cast<int>(a.get_int("level", -1));
  // zlib accepts levels 1-9 only; refusing here keeps "--level 15" a usage error, not an
  // internal zlib failure deep in the writer.
  if (o.codec == lakecodec::compression::gzip && o.compression_level > 9) {
    usage_error("--level for gzip expects -1 or 1-9, got " + a.get("level"), cmd);
    return false;
  }
  if (a.has("encoding") && !parse_encodings(a.get("encoding"), o, cmd)) return false;
  o.schema.enum_columns = split_list(a.get("enum"));
  o.schema.timestamps_as_int96 = a.has("int96");
  o.size_statistics = !a.has("no-size-statistics");
  return true;
}

/// The dotted path of the first key of a JSON row that names no field of `fields` (neither by
/// name nor by id), descending into structs, lists and maps; "" when every key is known.
/// append_json_row ignores such keys, so a typo would silently become a column of nulls.
inline std::string unknown_json_key(const nlohmann::json& v,
                                    const std::vector<lakecodec::iceberg::nested_field>& fields,
                                    const std::string& prefix, int depth = 0);

inline std::string unknown_json_key_in(const nlohmann::json& v,
                                       const lakecodec::iceberg::nested_field& f,
                                       const std::string& path, int depth) {
  namespace ib = lakecodec::iceberg;
  if (depth > 64 || v.is_null()) return "";
  const ib::type& t = f.type;
  if (t.kind == ib::type_kind::struct_ && v.is_object())
    return unknown_json_key(v, t.fields, path + ".", depth + 1);
  if (t.kind == ib::type_kind::list && v.is_array()) {
    for (const auto& e : v) {
      std::string u = unknown_json_key_in(e, t.element(), path + ".element", depth + 1);
      if (!u.empty()) return u;
    }
  }
  if (t.kind == ib::type_kind::map && v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it)
      if (it.key() != "keys" && it.key() != "values") return path + "." + it.key();
    auto k = v.find("keys"), vals = v.find("values");
    if (k != v.end() && k->is_array())
      for (const auto& e : *k) {
        std::string u = unknown_json_key_in(e, t.key(), path + ".key", depth + 1);
        if (!u.empty()) return u;
      }
    if (vals != v.end() && vals->is_array())
      for (const auto& e : *vals) {
        std::string u = unknown_json_key_in(e, t.value(), path + ".value", depth + 1);
        if (!u.empty()) return u;
      }
  }
  return "";
}

inline std::string unknown_json_key(const nlohmann::json& v,
                                    const std::vector<lakecodec::iceberg::nested_field>& fields,
                                    const std::string& prefix, int depth) {
  for (auto it = v.begin(); it != v.end(); ++it) {
    const lakecodec::iceberg::nested_field* match = nullptr;
    for (const auto& f : fields)
      if (f.name == it.key() || std::to_string(f.id) == it.key()) match = &f;
    if (match == nullptr) return prefix + it.key();
    std::string u = unknown_json_key_in(*it, *match, prefix + match->name, depth);
    if (!u.empty()) return u;
  }
  return "";
}

inline int run_fromjson(const args& a) {
  const std::string schema_path = a.get("schema");
  pq::writer_options o;
  if (!parse_writer_options(a, o, "parquet fromjson")) return exit_usage;
  const std::string& in = a.positional[0];
  const std::string& out = a.positional[1];
  auto text = lakecodec::read_file(schema_path);
  if (!text) return data_error(schema_path, text.error());
  auto is = lakecodec::iceberg::parse_schema(text->view());
  if (!is) return data_error(schema_path, is.error());
  auto cs = lakecodec::iceberg::to_columnar_schema(is.value());
  if (!cs) return data_error(schema_path, cs.error());
  std::ifstream file_in;
  if (in != "-") {
    file_in.open(in, std::ios::binary);
    if (!file_in) return data_error(in, lakecodec::io_error("cannot open '" + in + "'"));
  }
  std::istream& input = in == "-" ? std::cin : file_in;
  struct stat st_out;
  if (!a.has("overwrite") && ::stat(out.c_str(), &st_out) == 0)
    return data_error(out, lakecodec::status(lakecodec::errc::already_exists,
                                             "exists; pass --overwrite to replace it"));
  auto w = pq::file_writer::create(out, cs.value(), o,
                                   lakecodec::file_sink_options{true, a.has("overwrite"), true});
  if (!w) return data_error(out, w.error());
  lakecodec::batch_builder bb(cs.value());
  std::string line;
  int64_t lineno = 0, pending = 0;
  auto flush = [&]() -> lakecodec::status {
    if (pending == 0) return {};
    auto batch = bb.finish();
    if (!batch) return batch.error();
    pending = 0;
    return (*w)->write(batch->view());
  };
  progress prog("parquet fromjson");
  int64_t bytes_in = 0;
  while (std::getline(input, line)) {
    ++lineno;
    bytes_in += static_cast<int64_t>(line.size()) + 1;
    prog.update(lineno, bytes_in);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded())
      return data_error(in + ":" + std::to_string(lineno),
                        lakecodec::corrupt_data("not valid JSON"));
    const std::string where = in + ":" + std::to_string(lineno);
    if (row.is_object()) {
      const std::string unknown = unknown_json_key(row, is->fields, "");
      if (!unknown.empty())
        return data_error(where, lakecodec::invalid_argument("column '" + unknown + "' is not in " +
                                                             schema_path));
    }
    lakecodec::status s = lakecodec::iceberg::append_json_row(bb, is.value(), row);
    if (!s.ok()) return data_error(where, s);
    if (++pending == 65536) {
      s = flush();
      if (!s.ok()) return data_error(in, s);
    }
  }
  lakecodec::status s = flush();
  if (!s.ok()) return data_error(in, s);
  auto sum = (*w)->close();
  if (!sum) return data_error(out, sum.error());
  std::cerr << "wrote " << sum->row_count << " rows, " << sum->file_size << " bytes to " << out
            << "\n";
  return exit_ok;
}

// -- gen lineitem --------------------------------------------------------------------------------

/// Deterministic TPC-H-lineitem-shaped rows (value domains and cardinalities of TPC-H 3.0 4.2.3).
class lineitem_generator {
 public:
  explicit lineitem_generator(uint64_t seed, int64_t total_rows)
      : state_(seed * 0x9E3779B97F4A7C15ull + 0x1234567) {
    const double sf = std::max(0.01, static_cast<double>(total_rows) / 6000000.0);
    parts_ = static_cast<int64_t>(200000 * sf);
    supps_ = static_cast<int64_t>(10000 * sf);
    build_comments();
  }

  static lakecodec::schema schema() {
    using namespace lakecodec;
    lakecodec::schema s;
    const auto dec = types::decimal128(15, 2);
    int id = 0;
    auto add = [&](const char* n, data_type t) {
      s.fields.push_back(field(n, t, false, {}, ++id));
    };
    add("l_orderkey", types::int64());
    add("l_partkey", types::int32());
    add("l_suppkey", types::int32());
    add("l_linenumber", types::int32());
    add("l_quantity", dec);
    add("l_extendedprice", dec);
    add("l_discount", dec);
    add("l_tax", dec);
    add("l_returnflag", types::string());
    add("l_linestatus", types::string());
    add("l_shipdate", types::date32());
    add("l_commitdate", types::date32());
    add("l_receiptdate", types::date32());
    add("l_shipinstruct", types::string());
    add("l_shipmode", types::string());
    add("l_comment", types::string());
    return s;
  }

  /// Buffers of one batch; view() points into them.
  struct batch {
    std::vector<int64_t> orderkey;
    std::vector<int32_t> partkey, suppkey, linenumber, shipdate, commitdate, receiptdate;
    std::vector<__int128> quantity, extendedprice, discount, tax;
    struct text {
      std::vector<int32_t> offsets{0};
      std::string data;
      void add(std::string_view v) {
        data.append(v.data(), v.size());
        offsets.push_back(static_cast<int32_t>(data.size()));
      }
      void clear() {
        offsets.assign(1, 0);
        data.clear();
      }
    } returnflag, linestatus, shipinstruct, shipmode, comment;
    int64_t rows = 0;

    lakecodec::batch_view view() const {
      using namespace lakecodec;
      batch_view b;
      b.schema = lineitem_generator::schema();
      b.length = rows;
      auto fixed = [&](const data_type& t, const void* p) {
        column_view c;
        c.type = t;
        c.length = rows;
        c.null_count_hint = 0;
        c.values = p;
        return c;
      };
      auto str = [&](const text& t) {
        column_view c;
        c.type = types::string();
        c.length = rows;
        c.null_count_hint = 0;
        c.values = t.offsets.data();
        c.data = reinterpret_cast<const uint8_t*>(t.data.data());
        return c;
      };
      const auto dec = types::decimal128(15, 2);
      b.columns = {fixed(types::int64(), orderkey.data()),
                   fixed(types::int32(), partkey.data()),
                   fixed(types::int32(), suppkey.data()),
                   fixed(types::int32(), linenumber.data()),
                   fixed(dec, quantity.data()),
                   fixed(dec, extendedprice.data()),
                   fixed(dec, discount.data()),
                   fixed(dec, tax.data()),
                   str(returnflag),
                   str(linestatus),
                   fixed(types::date32(), shipdate.data()),
                   fixed(types::date32(), commitdate.data()),
                   fixed(types::date32(), receiptdate.data()),
                   str(shipinstruct),
                   str(shipmode),
                   str(comment)};
      return b;
    }
  };

  /// Fills `b` with the next `n` rows.
  void next(batch& b, int64_t n) {
    b.orderkey.clear(), b.partkey.clear(), b.suppkey.clear(), b.linenumber.clear();
    b.shipdate.clear(), b.commitdate.clear(), b.receiptdate.clear();
    b.quantity.clear(), b.extendedprice.clear(), b.discount.clear(), b.tax.clear();
    b.returnflag.clear(), b.linestatus.clear(), b.shipinstruct.clear(), b.shipmode.clear(),
        b.comment.clear();
    static const char* instruct[] = {"DELIVER IN PERSON", "COLLECT COD", "NONE",
                                     "TAKE BACK RETURN"};
    static const char* modes[] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
    const int32_t start_date = 8035;    // 1992-01-01
    const int32_t end_date = 10440;     // 1998-08-02
    const int32_t current_date = 9298;  // 1995-06-17
    for (int64_t i = 0; i < n; ++i) {
      if (line_ >= lines_in_order_) {
        ++order_;
        line_ = 0;
        lines_in_order_ = static_cast<int>(uniform(1, 7));
        order_date_ = static_cast<int32_t>(uniform(start_date, end_date - 151));
      }
      ++line_;
      const int64_t o = order_ - 1;
      b.orderkey.push_back(((o >> 3) << 5) + (o & 7) + 1);
      const int64_t part = uniform(1, parts_);
      b.partkey.push_back(static_cast<int32_t>(part));
      b.suppkey.push_back(static_cast<int32_t>(
          (part + uniform(0, 3) * (supps_ / 4 + (part - 1) / supps_)) % supps_ + 1));
      b.linenumber.push_back(line_);
      const int64_t qty = uniform(1, 50);
      const int64_t retail = 90000 + ((part / 10) % 20001) + 100 * (part % 1000);
      b.quantity.push_back(qty * 100);
      b.extendedprice.push_back(static_cast<__int128>(qty * retail));
      b.discount.push_back(uniform(0, 10));
      b.tax.push_back(uniform(0, 8));
      const int32_t ship = order_date_ + static_cast<int32_t>(uniform(1, 121));
      const int32_t commit = order_date_ + static_cast<int32_t>(uniform(30, 90));
      const int32_t receipt = ship + static_cast<int32_t>(uniform(1, 30));
      b.shipdate.push_back(ship);
      b.commitdate.push_back(commit);
      b.receiptdate.push_back(receipt);
      b.returnflag.add(receipt <= current_date ? (uniform(0, 1) ? "R" : "A") : "N");
      b.linestatus.add(ship > current_date ? "O" : "F");
      b.shipinstruct.add(instruct[uniform(0, 3)]);
      b.shipmode.add(modes[uniform(0, 6)]);
      const size_t len = static_cast<size_t>(uniform(10, 43));
      const size_t off =
          static_cast<size_t>(uniform(0, static_cast<int64_t>(comments_.size() - len - 1)));
      b.comment.add(std::string_view(comments_).substr(off, len));
    }
    b.rows = n;
  }

 private:
  uint64_t next_u64() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int64_t uniform(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next_u64() % static_cast<uint64_t>(hi - lo + 1));
  }
  void build_comments() {
    // TPC-H 4.2.2.10 text pool, simplified: random sentences from the grammar's word lists.
    static const char* words[] = {
        "furiously",    "sly",       "careful",   "blithe",      "quick",        "fluffy",
        "slow",         "quiet",     "ruthless",  "thin",        "close",        "dogged",
        "daring",       "brave",     "stealthy",  "permanent",   "enticing",     "idle",
        "busy",         "regular",   "final",     "ironic",      "even",         "bold",
        "silent",       "foxes",     "ideas",     "theodolites", "pinto beans",  "instructions",
        "dependencies", "excuses",   "platelets", "asymptotes",  "courts",       "dolphins",
        "multipliers",  "sauternes", "warthogs",  "frets",       "dinos",        "attainments",
        "somas",        "Tiresias",  "patterns",  "forges",      "braids",       "frays",
        "warhorses",    "dugouts",   "notornis",  "epitaphs",    "pearls",       "tithes",
        "waters",       "orbits",    "gifts",     "sheaves",     "depths",       "sentiments",
        "decoys",       "realms",    "pains",     "grouches",    "escapades",    "sleep",
        "wake",         "are",       "cajole",    "haggle",      "nag",          "use",
        "boost",        "affix",     "detect",    "integrate",   "maintain",     "nod",
        "was",          "lose",      "sublate",   "solve",       "thrash",       "promise",
        "engage",       "hinder",    "print",     "x-ray",       "breach",       "eat",
        "grow",         "impress",   "mold",      "poach",       "serve",        "run",
        "dazzle",       "snooze",    "doze",      "unwind",      "kindle",       "play",
        "hang",         "believe",   "doubt",     "about",       "above",        "according to",
        "across",       "after",     "against",   "along",       "alongside of", "among",
        "around",       "at",        "atop",      "before",      "behind",       "beneath",
        "beside",       "besides",   "between",   "beyond",      "by",           "despite",
        "during",       "except",    "for",       "from",        "inside",       "instead of",
        "into",         "near",      "of",        "on",          "outside",      "over",
        "past",         "since",     "through",   "throughout",  "to",           "toward",
        "under",        "until",     "up",        "upon",        "without",      "with",
        "within",       "blithely",  "quickly",   "carefully",   "slyly",        "fluffily",
        "boldly",       "evenly",    "finally",   "ironically",  "permanently",  "regularly",
        "silently"};
    const size_t nwords = sizeof(words) / sizeof(words[0]);
    while (comments_.size() < (size_t{1} << 21)) {
      comments_ += words[next_u64() % nwords];
      comments_ += (next_u64() % 8 == 0) ? ". " : " ";
    }
  }
  uint64_t state_;
  int64_t parts_ = 200000, supps_ = 10000;
  int64_t order_ = 0;
  int line_ = 0, lines_in_order_ = 0;
  int32_t order_date_ = 0;
  std::string comments_;
};

inline int run_gen_lineitem(const args& a) {
  const long long rows = a.get_int("rows", 0), seed = a.get_int("seed", 1), batch_rows = 65536;
  const std::string out = a.get("out");
  pq::writer_options o;
  if (!parse_writer_options(a, o, "gen lineitem")) return exit_usage;
  const auto t0 = std::chrono::steady_clock::now();
  auto w = pq::file_writer::create(out, lineitem_generator::schema(), o,
                                   lakecodec::file_sink_options{true, a.has("overwrite"), true});
  if (!w) return data_error(out, w.error());
  lineitem_generator gen(static_cast<uint64_t>(seed), rows);
  lineitem_generator::batch b;
  progress prog("gen lineitem");
  for (long long done = 0; done < rows;) {
    const int64_t n = std::min<long long>(batch_rows, rows - done);
    gen.next(b, n);
    lakecodec::status s = (*w)->write(b.view());
    if (!s.ok()) return data_error(out, s);
    done += n;
    prog.update(done, 0);
  }
  auto sum = (*w)->close();
  if (!sum) return data_error(out, sum.error());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "wrote " << sum->row_count << " lineitem rows (" << sum->file_size << " bytes, "
            << sum->split_offsets.size() << " row groups) to " << out << " in " << secs << " s\n";
  return exit_ok;
}

}  // namespace parquet_cli

void register_parquet_commands(registry& r) {
  r.describe_group("parquet", "Parquet files: inspect footers, convert JSON lines");
  r.describe_group("gen", "Generate sample data files");
  const std::vector<option_spec> writer_opts = {
      opt::choice("compression", {"none", "snappy", "gzip", "zstd"},
                  "page compression (default snappy)"),
      opt::integer("level", -1, 22, "compression level (zstd 1-22, gzip 1-9, -1 = default)"),
      opt::integer("page-version", 1, 2, "data page version (default 1)"),
      opt::integer("row-group-rows", 1, 1LL << 40, "rows per row group (default 1048576)"),
      opt::text("encoding",
                "PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY or "
                "BYTE_STREAM_SPLIT for these columns (no dictionary)")
          .metavar("COL=ENC,..."),
      opt::text("enum", "string/binary columns with the ENUM logical type").metavar("COL,..."),
      opt::flag("int96", "write timestamps as deprecated INT96 (Spark/Hive/Impala)"),
      opt::flag("no-size-statistics", "omit SizeStatistics (level histograms, unencoded bytes)"),
      opt::overwrite()};
  r.add({"parquet meta",
         "Print the whole footer of a Parquet file as JSON (schema with field ids, row groups, "
         "column chunks, encodings, decoded statistics, page index presence)",
         "FILE|-",
         {opt::pretty()},
         1,
         1,
         parquet_cli::run_meta});
  std::vector<option_spec> fj = writer_opts;
  fj.insert(fj.begin(),
            opt::path("schema", "Iceberg schema JSON file").metavar("SCHEMA.json").required());
  r.add({"parquet fromjson",
         "Convert JSON lines (Iceberg single-value JSON, Appendix D) to Parquet with the given "
         "Iceberg schema; a key that names no column is refused naming line and column",
         "IN.jsonl|- OUT.parquet", fj, 2, 2, parquet_cli::run_fromjson});
  std::vector<option_spec> gl = writer_opts;
  gl.insert(gl.begin(), {opt::integer("rows", 0, 1LL << 40, "number of rows").required(),
                         opt::integer("seed", 0, 1LL << 62, "random seed (default 1)"),
                         opt::path("out", "output file").metavar("FILE.parquet").required()});
  r.add({"gen lineitem", "Write a deterministic TPC-H-lineitem-shaped Parquet file (16 columns)",
         "", gl, 0, 0, parquet_cli::run_gen_lineitem});
}

}  // namespace lakecodec_cli
