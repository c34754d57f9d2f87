#pragma once
// CLI verbs of the parquet area: `parquet meta` (the footer as JSON), `parquet fromjson`
// (Iceberg-schema JSON lines -> Parquet) and `gen lineitem` (a TPC-H-lineitem-shaped file).

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
#include "lakecodec/parquet/footer_json.hpp"

namespace lakecodec_cli {

namespace parquet_cli {

using nlohmann::ordered_json;
namespace pq = lakecodec::parquet;

inline int run_meta(const args& a) {
  const std::string& path = a.positional[0];
  auto f = pq::read_footer_file(path, true);
  if (!f) return data_error(path, f.error());
  std::cout << pq::footer_json(f.value()).dump(a.has("compact") ? -1 : 2) << "\n";
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
  long long v = o.page_version;
  if (!parse_int_option(a, "page-version", v, 1, 2)) return false;
  o.page_version = static_cast<int>(v);
  long long rg = o.row_group_rows;
  if (!parse_int_option(a, "row-group-rows", rg, 1, 1LL << 40)) return false;
  o.row_group_rows = rg;
  long long lvl = -1;
  if (!parse_int_option(a, "level", lvl, -1, 22)) return false;
  o.compression_level = static_cast<int>(lvl);
  if (a.has("encoding") && !parse_encodings(a.get("encoding"), o, cmd)) return false;
  o.schema.enum_columns = split_list(a.get("enum"));
  o.schema.timestamps_as_int96 = a.has("int96");
  o.size_statistics = !a.has("no-size-statistics");
  return true;
}

inline int run_fromjson(const args& a) {
  const std::string schema_path = a.get("schema");
  if (schema_path.empty())
    return usage_error("'parquet fromjson' needs --schema SCHEMA.json", "parquet fromjson");
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
  std::ifstream input(in);
  if (!input) return data_error(in, lakecodec::io_error("cannot open '" + in + "'"));
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
  while (std::getline(input, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (row.is_discarded())
      return data_error(
          in, lakecodec::corrupt_data("line " + std::to_string(lineno) + " is not valid JSON"));
    lakecodec::status s = lakecodec::iceberg::append_json_row(bb, is.value(), row);
    if (!s.ok()) return data_error(in, s.with_context("line " + std::to_string(lineno)));
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
  long long rows = 0, seed = 1, batch_rows = 65536;
  if (!parse_int_option(a, "rows", rows, 0, 1LL << 40)) return exit_usage;
  if (!a.has("rows")) return usage_error("'gen lineitem' needs --rows N", "gen lineitem");
  if (!parse_int_option(a, "seed", seed, 0, 1LL << 62)) return exit_usage;
  const std::string out = a.get("out");
  if (out.empty()) return usage_error("'gen lineitem' needs --out FILE.parquet", "gen lineitem");
  pq::writer_options o;
  if (!parse_writer_options(a, o, "gen lineitem")) return exit_usage;
  const auto t0 = std::chrono::steady_clock::now();
  auto w = pq::file_writer::create(out, lineitem_generator::schema(), o,
                                   lakecodec::file_sink_options{true, a.has("overwrite"), true});
  if (!w) return data_error(out, w.error());
  lineitem_generator gen(static_cast<uint64_t>(seed), rows);
  lineitem_generator::batch b;
  for (long long done = 0; done < rows;) {
    const int64_t n = std::min<long long>(batch_rows, rows - done);
    gen.next(b, n);
    lakecodec::status s = (*w)->write(b.view());
    if (!s.ok()) return data_error(out, s);
    done += n;
  }
  auto sum = (*w)->close();
  if (!sum) return data_error(out, sum.error());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "wrote " << sum->row_count << " lineitem rows (" << sum->file_size << " bytes, "
            << sum->split_offsets.size() << " row groups) to " << out << " in " << secs << " s\n";
  return exit_ok;
}

}  // namespace parquet_cli

inline void register_parquet_commands(registry& r) {
  r.describe_group("parquet", "Parquet files: inspect footers, convert JSON lines");
  r.describe_group("gen", "Generate sample data files");
  const std::vector<option_spec> writer_opts = {
      {"compression", true, "none, snappy (default), gzip or zstd"},
      {"level", true, "compression level (zstd 1-22, gzip 1-9)"},
      {"page-version", true, "data page version 1 (default) or 2"},
      {"row-group-rows", true, "rows per row group (default 1048576)"},
      {"encoding", true,
       "COL=ENC,...: PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY or "
       "BYTE_STREAM_SPLIT for these columns (no dictionary)"},
      {"enum", true, "COL,...: string/binary columns with the ENUM logical type"},
      {"int96", false, "write timestamps as deprecated INT96 (Spark/Hive/Impala)"},
      {"no-size-statistics", false, "omit SizeStatistics (level histograms, unencoded bytes)"},
      {"overwrite", false, "replace OUT if it exists"}};
  r.add({"parquet meta",
         "Print the whole footer of a Parquet file as JSON (schema with field ids, row groups, "
         "column chunks, encodings, decoded statistics, page index presence)",
         "FILE",
         {{"compact", false, "one-line JSON"}},
         1,
         1,
         parquet_cli::run_meta});
  std::vector<option_spec> fj = writer_opts;
  fj.insert(fj.begin(), {"schema", true, "Iceberg schema JSON file (required)"});
  r.add({"parquet fromjson",
         "Convert JSON lines (Iceberg single-value JSON, Appendix D) to Parquet with the given "
         "Iceberg schema",
         "IN.jsonl OUT.parquet", fj, 2, 2, parquet_cli::run_fromjson});
  std::vector<option_spec> gl = writer_opts;
  gl.insert(gl.begin(), {{"rows", true, "number of rows (required)"},
                         {"seed", true, "random seed (default 1)"},
                         {"out", true, "output file (required)"}});
  r.add({"gen lineitem", "Write a deterministic TPC-H-lineitem-shaped Parquet file (16 columns)",
         "", gl, 0, 0, parquet_cli::run_gen_lineitem});
}

}  // namespace lakecodec_cli
