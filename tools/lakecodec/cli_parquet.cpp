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
#include "lakecodec/parquet/footer_json.hpp"
#include "lineitem.hpp"

namespace lakecodec_cli {

namespace parquet_cli {

using nlohmann::ordered_json;
namespace pq = lakecodec::parquet;

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
  std::cout << pq::footer_json(f.value()).dump(a.has("pretty") ? 2 : -1, ' ', false,
                                               nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
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

inline int run_gen_lineitem(const args& a) {
  if (a.get("format", "parquet") == "iceberg") return run_gen_lineitem_iceberg(a);
  if (a.has("partition-by") || a.has("property") || a.has("format-version"))
    return usage_error("--partition-by, --property and --format-version need --format iceberg",
                       "gen lineitem");
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
  gl.insert(gl.begin(),
            {opt::integer("rows", 0, 1LL << 40, "number of rows").required(),
             opt::integer("seed", 0, 1LL << 62, "random seed (default 1)"),
             opt::path("out",
                       "output file, or the table directory with --format "
                       "iceberg")
                 .metavar("FILE.parquet|TABLE")
                 .required(),
             opt::choice("format", {"parquet", "iceberg"},
                         "parquet (one file, default) or iceberg (a new table)"),
             opt::text("partition-by", "iceberg: partition terms, e.g. 'month(l_shipdate)'")
                 .metavar("EXPR"),
             opt::integer("format-version", 1, 3, "iceberg: table format version"),
             opt::text("property", "iceberg: a table property KEY=VALUE")
                 .repeatable()
                 .metavar("KEY=VALUE")});
  r.add({"gen lineitem",
         "Write a deterministic TPC-H-lineitem-shaped Parquet file or Iceberg table (16 columns)",
         "", gl, 0, 0, parquet_cli::run_gen_lineitem});
}

}  // namespace lakecodec_cli
