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
#include "lineitem.hpp"

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
