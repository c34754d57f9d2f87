#pragma once
// CLI verbs of the avro area: getschema, tojson, fromjson, meta (the avro-tools verbs a user
// reaches for first). tojson prints exactly what Java `avro-tools tojson` prints.

#include <cstdio>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "lakecodec/avro.hpp"
#include "lakecodec/core/sink.hpp"

namespace lakecodec_cli {

namespace avro_cli {

inline lakecodec::result<lakecodec::byte_buffer> read_input(const std::string& path) {
  if (path != "-") return lakecodec::read_file(path);
  lakecodec::byte_buffer b;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) b.append(buf, n);
  return b;
}

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

inline void write_stdout(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

inline int getschema(const args& a) {
  const std::string& file = a.positional[0];
  auto bytes = read_input(file);
  if (!bytes) return data_error(file, bytes.error());
  auto r = lakecodec::avro::container_reader::open(bytes->span());
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

inline int tojson(const args& a) {
  const std::string& file = a.positional[0];
  lakecodec::avro::reader_options ro;
  if (a.has("reader-schema-file")) {
    auto s = load_schema(a.get("reader-schema-file"));
    if (!s) return data_error(a.get("reader-schema-file"), s.error());
    ro.reader_schema = std::move(s).value();
  }
  lakecodec::byte_buffer hold;
  auto r = open_reader(file, std::move(ro), hold);
  if (!r) return data_error(file, r.error());
  long long head = -1;
  if (!parse_int_option(a, "head", head, 0, (1LL << 62))) return exit_usage;
  std::string out;
  lakecodec::avro::value v;
  const lakecodec::avro::node& root = r->record_schema().root();
  lakecodec::avro::json_options jo;
  jo.java_map_order = !a.has("file-order");
  long long n = 0;
  while (head < 0 || n < head) {
    auto more = r->next(v);
    if (!more) {
      write_stdout(out);
      std::fflush(stdout);
      return data_error(file, more.error());
    }
    if (!*more) break;
    lakecodec::avro::to_json(root, v, out, jo);
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

inline int fromjson(const args& a) {
  if (!a.has("schema"))
    return usage_error("'avro fromjson' needs --schema S.avsc", "avro fromjson");
  auto s = load_schema(a.get("schema"));
  if (!s) return data_error(a.get("schema"), s.error());
  lakecodec::avro::writer_options o;
  if (a.has("codec")) {
    auto c = lakecodec::avro::parse_codec(a.get("codec"));
    if (!c) return usage_error(c.error().message(), "avro fromjson");
    o.codec = *c;
  }
  long long level = -1, block = static_cast<long long>(o.block_bytes);
  if (!parse_int_option(a, "level", level, -1, 22)) return exit_usage;
  if (!parse_int_option(a, "block-bytes", block, 1, 1LL << 30)) return exit_usage;
  o.level = static_cast<int>(level);
  o.block_bytes = static_cast<size_t>(block);
  const std::string& in = a.positional[0];
  const std::string& out = a.positional[1];
  auto text = read_input(in);
  if (!text) return data_error(in, text.error());
  auto sink = lakecodec::file_sink::open(out, {true, true, false});
  if (!sink) return data_error(out, sink.error());
  auto w = lakecodec::avro::container_writer::open(*sink, *s, o);
  if (!w) return data_error(out, w.error());
  lakecodec::avro::detail::json_parser p(text->view());
  int64_t line = 0;
  while (!p.at_end()) {
    ++line;
    lakecodec::avro::json_value j;
    lakecodec::status st = p.parse_next(j);
    if (!st.ok()) return data_error(in, st.with_context("record " + std::to_string(line)));
    auto v = lakecodec::avro::from_json(s->root(), j);
    if (!v) return data_error(in, v.error().with_context("record " + std::to_string(line)));
    st = w->write(*v);
    if (!st.ok()) return data_error(in, st.with_context("record " + std::to_string(line)));
  }
  lakecodec::status st = w->close();
  if (st.ok()) st = sink->close();
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

inline void register_avro_commands(registry& r) {
  r.describe_group("avro", "Avro object container files: schema, records as JSON, metadata");
  r.add(command{"avro getschema",
                "print the writer schema stored in an Avro file",
                "FILE",
                {{"canonical", false, "print the Parsing Canonical Form instead"},
                 {"fingerprint", false, "print the CRC-64-AVRO fingerprint (hex) instead"}},
                1,
                1,
                avro_cli::getschema});
  r.add(command{"avro tojson",
                "print every record as one line of Avro JSON (as Java avro-tools tojson)",
                "FILE",
                {{"reader-schema-file", true, "resolve records to this schema (.avsc file) first"},
                 {"head", true, "print at most N records"},
                 {"file-order", false,
                  "print map entries in file order (default: Java HashMap order, as avro-tools)"}},
                1,
                1,
                avro_cli::tojson});
  r.add(command{"avro fromjson",
                "write an Avro file from records in the Avro JSON encoding (one per line)",
                "IN.jsonl OUT.avro",
                {{"schema", true, "the writer schema (.avsc file), required"},
                 {"codec", true, "null (default), deflate, snappy, zstandard"},
                 {"level", true, "codec level (-1 = default)"},
                 {"block-bytes", true, "uncompressed block size (default 262144)"}},
                2,
                2,
                avro_cli::fromjson});
  r.add(command{"avro meta",
                "print codec, sync marker, block and record counts and all header metadata",
                "FILE",
                {},
                1,
                1,
                avro_cli::meta});
}

}  // namespace lakecodec_cli
