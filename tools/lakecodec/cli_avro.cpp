// CLI verbs of the avro area: getschema, tojson, fromjson, meta (the avro-tools verbs a user
// reaches for first). tojson prints exactly what Java `avro-tools tojson` prints.

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "lakecodec/avro.hpp"
#include "lakecodec/core/sink.hpp"

namespace lakecodec_cli {

namespace avro_cli {

/// Opens FILE streaming (one block in memory at a time); stdin and Avro 1.2 files, which keep
/// their metadata in a footer, are read whole into `hold` instead.
inline lakecodec::result<lakecodec::avro::container_reader> open_reader(
    const std::string& path, lakecodec::avro::reader_options options,
    lakecodec::byte_buffer& hold) {
  if (path != "-") {
    auto src = lakecodec::avro::file_source::open(path);
    if (!src) return src.error();
    auto r = lakecodec::avro::container_reader::open(std::move(src).value(), options);
    if (r || r.error().code() != lakecodec::errc::unsupported) return r;
  }
  auto bytes = read_input(path);
  if (!bytes) return bytes.error();
  hold = std::move(bytes).value();
  return lakecodec::avro::container_reader::open(hold.span(), std::move(options));
}

inline int getschema(const args& a) {
  const std::string& file = a.positional[0];
  // Over a file only the header is read (the blocks are never touched); stdin is read whole.
  lakecodec::byte_buffer hold;
  auto r = open_reader(file, {}, hold);
  if (!r) return data_error(file, r.error());
  if (a.has("canonical")) {
    write_stdout(lakecodec::avro::canonical_form(r->writer_schema()) + "\n");
  } else if (a.has("fingerprint")) {
    char hex[24];
    std::snprintf(
        hex, sizeof hex, "%016llx",
        static_cast<unsigned long long>(lakecodec::avro::fingerprint64(r->writer_schema())));
    write_stdout(std::string(hex) + "\n");
  } else {
    write_stdout(r->schema_json() + "\n");
  }
  return exit_ok;
}

inline lakecodec::result<lakecodec::avro::schema> load_schema(const std::string& path) {
  auto text = lakecodec::read_file(path);
  if (!text) return text.error();
  auto s = lakecodec::avro::schema::parse(text->view());
  if (!s) return s.error().with_context(path);
  return s;
}

/// Appends `compact` (one JSON value without whitespace outside strings, as to_json writes it)
/// laid out as Jackson's DefaultPrettyPrinter does for avro-tools `tojson --pretty`: object
/// entries on their own lines indented two spaces per object level with `" : "`, arrays inline
/// as `[ a, b ]`, empty containers as `{ }` and `[ ]`.
inline void append_jackson_pretty(std::string_view compact, std::string& out) {
  std::vector<bool> in_object;
  int level = 0;
  auto newline = [&] {
    out.push_back('\n');
    out.append(static_cast<size_t>(level) * 2, ' ');
  };
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out.push_back(c);
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    const char next = i + 1 < compact.size() ? compact[i + 1] : '\0';
    switch (c) {
      case '"':
        in_string = true;
        out.push_back(c);
        break;
      case '{':
        if (next == '}') {
          out += "{ }";
          ++i;
          break;
        }
        in_object.push_back(true);
        ++level;
        out.push_back('{');
        newline();
        break;
      case '[':
        if (next == ']') {
          out += "[ ]";
          ++i;
          break;
        }
        in_object.push_back(false);
        out += "[ ";
        break;
      case '}':
        in_object.pop_back();
        --level;
        newline();
        out.push_back('}');
        break;
      case ']':
        in_object.pop_back();
        out += " ]";
        break;
      case ',':
        out.push_back(',');
        if (!in_object.empty() && in_object.back())
          newline();
        else
          out.push_back(' ');
        break;
      case ':': out += " : "; break;
      default: out.push_back(c);
    }
  }
}

inline int tojson(const args& a) {
  const std::string& file = a.positional[0];
  lakecodec::avro::reader_options ro;
  if (a.has("reader-schema-file")) {
    auto s = load_schema(a.get("reader-schema-file"));
    if (!s) return data_error(a.get("reader-schema-file"), s.error());
    ro.reader_schema = std::move(s).value();
  } else if (a.has("reader-schema")) {
    auto s = lakecodec::avro::schema::parse(a.get("reader-schema"));
    if (!s) return data_error("--reader-schema", s.error());
    ro.reader_schema = std::move(s).value();
  }
  lakecodec::byte_buffer hold;
  auto r = open_reader(file, std::move(ro), hold);
  if (!r) return data_error(file, r.error());
  const long long head = a.get_int("head", -1);
  std::string out;
  lakecodec::avro::value v;
  const lakecodec::avro::node& root = r->record_schema().root();
  lakecodec::avro::json_options jo;
  jo.java_map_order = !a.has("file-order");
  const bool pretty = a.has("pretty");
  std::string record;
  long long n = 0;
  while (head < 0 || n < head) {
    auto more = r->next(v);
    if (!more) {
      write_stdout(out);
      return data_error(file, more.error());
    }
    if (!*more) break;
    if (pretty) {
      record.clear();
      lakecodec::avro::to_json(root, v, record, jo);
      append_jackson_pretty(record, out);
    } else {
      lakecodec::avro::to_json(root, v, out, jo);
    }
    out.push_back('\n');
    ++n;
    if (out.size() > (1u << 20)) {
      write_stdout(out);
      out.clear();
    }
  }
  // Java's tool ends the output with println(), so an empty file prints one empty line.
  if (n == 0) out.push_back('\n');
  write_stdout(out);
  return exit_ok;
}

/// Reads `in` ("-" = stdin) one line at a time; each line holds one or more records.
inline int fromjson(const args& a) {
  auto s = load_schema(a.get("schema"));
  if (!s) return data_error(a.get("schema"), s.error());
  lakecodec::avro::writer_options o;
  if (a.has("codec")) {
    auto c = lakecodec::avro::parse_codec(a.get("codec"));
    if (!c) return usage_error(c.error().message(), "avro fromjson");
    o.codec = *c;
  }
  o.level = static_cast<int>(a.get_int("level", -1));
  o.block_bytes =
      static_cast<size_t>(a.get_int("block-bytes", static_cast<long long>(o.block_bytes)));
  const std::string& in = a.positional[0];
  const std::string& out = a.positional[1];
  std::ifstream file_in;
  if (in != "-") {
    file_in.open(in, std::ios::binary);
    if (!file_in) return data_error(in, lakecodec::io_error("cannot open '" + in + "'"));
  }
  std::istream& input = in == "-" ? std::cin : file_in;
  struct stat st_out;
  if (out != "-" && !a.has("overwrite") && ::stat(out.c_str(), &st_out) == 0)
    return data_error(out, lakecodec::status(lakecodec::errc::already_exists,
                                             "exists; pass --overwrite to replace it"));
  std::unique_ptr<lakecodec::output_sink> sink;
  lakecodec::file_sink* file_out = nullptr;
  if (out == "-") {
    sink = std::make_unique<lakecodec::callback_sink>([](const uint8_t* d, size_t n) {
      if (std::fwrite(d, 1, n, stdout) != n) return lakecodec::io_error("writing stdout failed");
      return lakecodec::status{};
    });
  } else {
    auto fs = lakecodec::file_sink::open(out, {true, a.has("overwrite"), false});
    if (!fs) return data_error(out, fs.error());
    auto owned = std::make_unique<lakecodec::file_sink>(std::move(fs).value());
    file_out = owned.get();
    sink = std::move(owned);
  }
  auto w = lakecodec::avro::container_writer::open(*sink, *s, o);
  if (!w) return data_error(out, w.error());
  progress prog("avro fromjson");
  std::string line;
  int64_t line_no = 0, record = 0, bytes_in = 0;
  while (std::getline(input, line)) {
    ++line_no;
    bytes_in += static_cast<int64_t>(line.size()) + 1;
    lakecodec::avro::detail::json_parser p(line);
    while (!p.at_end()) {
      ++record;
      const std::string where =
          in + ":" + std::to_string(line_no) + ": record " + std::to_string(record);
      lakecodec::avro::json_value j;
      lakecodec::status st = p.parse_next(j);
      if (!st.ok()) return data_error(where, st);
      auto v = lakecodec::avro::from_json(s->root(), j);
      if (!v) return data_error(where, v.error());
      st = w->write(*v);
      if (!st.ok()) return data_error(where, st);
    }
    prog.update(record, bytes_in);
  }
  if (input.bad()) return data_error(in, lakecodec::io_error("read failed"));
  lakecodec::status st = w->close();
  if (st.ok() && file_out != nullptr) st = file_out->close();
  if (st.ok() && out == "-" && std::fflush(stdout) != 0)
    st = lakecodec::io_error("writing stdout failed");
  if (!st.ok()) return data_error(out, st);
  return exit_ok;
}

/// Metadata values verbatim when printable UTF-8/ASCII, else with \xNN escapes.
inline std::string printable(const std::string& v) {
  std::string out;
  for (unsigned char c : v) {
    if (c >= 0x20 && c < 0x7f) {
      out.push_back(static_cast<char>(c));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

inline int meta(const args& a) {
  const std::string& file = a.positional[0];
  lakecodec::byte_buffer hold;
  auto r = open_reader(file, {}, hold);
  if (!r) return data_error(file, r.error());
  int64_t blocks = 0, records = 0;
  lakecodec::avro::block_view b;
  for (;;) {
    auto more = r->next_block(b);
    if (!more) return data_error(file, more.error());
    if (!*more) break;
    ++blocks;
    records += b.count;
  }
  std::string out;
  char hex[3];
  std::string sync;
  for (uint8_t x : r->sync()) {
    std::snprintf(hex, sizeof hex, "%02x", x);
    sync += hex;
  }
  out += std::string("codec\t") + lakecodec::avro::codec_name(r->file_codec()) + "\n";
  out += "sync\t" + sync + "\n";
  out += "header_bytes\t" + std::to_string(r->header_size()) + "\n";
  out += "blocks\t" + std::to_string(blocks) + "\n";
  out += "records\t" + std::to_string(records) + "\n";
  for (const auto& kv : r->metadata()) {
    out += "meta\t" + kv.first + "\t" + printable(kv.second) + "\n";
  }
  write_stdout(out);
  return exit_ok;
}

}  // namespace avro_cli

void register_avro_commands(registry& r) {
  r.describe_group("avro", "Avro object container files: schema, records as JSON, metadata");
  r.add(command{
      "avro getschema",
      "print the writer schema stored in an Avro file (reads only the header)",
      "FILE|-",
      {opt::flag("canonical", "print the Parsing Canonical Form instead").excludes({"fingerprint"}),
       opt::flag("fingerprint", "print the CRC-64-AVRO fingerprint (hex) instead")
           .excludes({"canonical"})},
      1,
      1,
      avro_cli::getschema});
  r.add(command{
      "avro tojson",
      "print every record as one line of Avro JSON (as Java avro-tools tojson)",
      "FILE|-",
      {opt::path("reader-schema-file", "resolve records to this schema (.avsc file) first")
           .excludes({"reader-schema"}),
       opt::text("reader-schema", "resolve records to this schema, given inline as JSON")
           .metavar("JSON")
           .excludes({"reader-schema-file"}),
       opt::integer("head", 0, 1LL << 62, "print at most N records"),
       opt::flag("pretty", "indent each record as avro-tools tojson --pretty (Jackson's layout)"),
       opt::flag("file-order",
                 "print map entries in file order (default: Java HashMap order, as avro-tools)")},
      1,
      1,
      avro_cli::tojson});
  r.add(command{
      "avro fromjson",
      "write an Avro file from records in the Avro JSON encoding (one per line), streaming",
      "IN.jsonl|- OUT.avro|-",
      {opt::path("schema", "the writer schema (.avsc file)").metavar("S.avsc").required(),
       opt::choice("codec", {"null", "deflate", "snappy", "zstandard"},
                   "block codec (default null)"),
       opt::integer("level", -1, 22, "codec level (-1 = the codec's default)"),
       opt::integer("block-bytes", 1, 1LL << 30, "uncompressed block size (default 262144)"),
       opt::overwrite()},
      2,
      2,
      avro_cli::fromjson});
  r.add(command{"avro meta",
                "print codec, sync marker, block and record counts and all header metadata",
                "FILE|-",
                {},
                1,
                1,
                avro_cli::meta});
}

}  // namespace lakecodec_cli
