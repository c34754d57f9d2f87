// A tiny shared library the interop tests load with ctypes: pyarrow exports record batches
// through the Arrow C Data Interface, lakecodec writes them to Parquet, and the same test then
// reads the file back with pyarrow, DuckDB, polars and parquet-java and compares the values.
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>

#include "lakecodec/core/arrow_c.hpp"
#include "lakecodec/parquet.hpp"

namespace {

using namespace lakecodec;

void set_error(char* err, size_t n, const std::string& msg) {
  if (err && n) std::snprintf(err, n, "%s", msg.c_str());
}

int32_t encoding_from_name(const std::string& n) {
  if (n == "PLAIN") return parquet::encoding::plain;
  if (n == "DELTA_BINARY_PACKED") return parquet::encoding::delta_binary_packed;
  if (n == "DELTA_LENGTH_BYTE_ARRAY") return parquet::encoding::delta_length_byte_array;
  if (n == "BYTE_STREAM_SPLIT") return parquet::encoding::byte_stream_split;
  if (n == "DELTA_BYTE_ARRAY") return parquet::encoding::delta_byte_array;
  return -1;
}

/// "key=value;key=value"; encoding=col:ENC,col:ENC (dictionary off for them);
/// fallback_encoding=col:ENC (the encoding of pages after a dictionary fallback); enum=col,col;
/// int96=1; int96_columns=col,col; size_statistics=0|1
status parse_options(const std::string& text, parquet::writer_options& o) {
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) return invalid_argument("bad option '" + item + "'");
    const std::string k = item.substr(0, eq), v = item.substr(eq + 1);
    if (k == "codec") {
      LAKECODEC_ASSIGN_OR_RETURN(o.codec, parse_compression(v));
    } else if (k == "level") {
      o.compression_level = std::stoi(v);
    } else if (k == "page_version") {
      o.page_version = std::stoi(v);
    } else if (k == "dictionary") {
      o.dictionary = v == "1";
    } else if (k == "page_size") {
      o.data_page_size = std::stoll(v);
    } else if (k == "dictionary_page_size") {
      o.dictionary_page_size = std::stoll(v);
    } else if (k == "rows_per_page") {
      o.max_rows_per_page = std::stoll(v);
    } else if (k == "row_group_rows") {
      o.row_group_rows = std::stoll(v);
    } else if (k == "row_group_bytes") {
      o.row_group_bytes = std::stoll(v);
    } else if (k == "checksum") {
      o.page_checksum = v == "1";
    } else if (k == "statistics") {
      o.statistics = v == "1";
    } else if (k == "page_index") {
      o.page_index = v == "1";
    } else if (k == "validate_utf8") {
      o.validate_utf8 = v == "1";
    } else if (k == "decimal_as_integer") {
      o.schema.decimal_as_integer = v == "1";
    } else if (k == "enum") {
      std::stringstream es(v);
      std::string name;
      while (std::getline(es, name, ',')) o.schema.enum_columns.push_back(name);
    } else if (k == "int96") {
      o.schema.timestamps_as_int96 = v == "1";
    } else if (k == "int96_columns") {
      std::stringstream es(v);
      std::string name;
      while (std::getline(es, name, ',')) o.schema.int96_columns.push_back(name);
    } else if (k == "size_statistics") {
      o.size_statistics = v == "1";
    } else if (k == "truncate") {
      o.statistics_truncate = std::stoul(v);
    } else if (k == "encoding" || k == "fallback_encoding") {
      std::stringstream es(v);
      std::string pair;
      while (std::getline(es, pair, ',')) {
        const size_t c = pair.rfind(':');
        if (c == std::string::npos) return invalid_argument("bad encoding option '" + pair + "'");
        parquet::column_options co;
        const int32_t e = encoding_from_name(pair.substr(c + 1));
        if (e < 0) return invalid_argument("unknown encoding '" + pair.substr(c + 1) + "'");
        co.encoding = e;
        if (k == "encoding") co.dictionary = false;  // fallback_encoding keeps the dictionary
        o.columns.emplace_back(pair.substr(0, c), co);
      }
    } else if (k == "kv") {
      const size_t c = v.find(':');
      o.key_value_metadata.emplace_back(v.substr(0, c),
                                        c == std::string::npos ? "" : v.substr(c + 1));
    } else {
      return invalid_argument("unknown option '" + k + "'");
    }
  }
  return {};
}

struct handle {
  std::unique_ptr<parquet::file_writer> writer;
};

}  // namespace

extern "C" {

/// Opens a writer for the record-batch schema `schema` (consumed) at `path`.
void* lakecodec_pq_open(ArrowSchema* schema, const char* path, const char* options, char* err,
                        size_t errlen) {
  ArrowSchema sc = *schema;
  schema->release = nullptr;
  auto s = import_schema(sc);
  if (sc.release) sc.release(&sc);
  if (!s) {
    set_error(err, errlen, s.error().to_string());
    return nullptr;
  }
  parquet::writer_options o;
  status st = parse_options(options ? options : "", o);
  if (!st.ok()) {
    set_error(err, errlen, st.to_string());
    return nullptr;
  }
  auto w = parquet::file_writer::create(path, s.value(), o);
  if (!w) {
    set_error(err, errlen, w.error().to_string());
    return nullptr;
  }
  auto* h = new handle();
  h->writer = std::move(w).value();
  return h;
}

/// Writes one record batch (consumed). Returns 0 or -1 with `err` set.
int lakecodec_pq_write(void* hp, ArrowArray* array, ArrowSchema* schema, char* err, size_t errlen) {
  auto* h = static_cast<handle*>(hp);
  auto b = import_batch(array, schema);
  if (!b) {
    set_error(err, errlen, b.error().to_string());
    return -1;
  }
  status s = h->writer->write(b.value().view());
  if (!s.ok()) {
    set_error(err, errlen, s.to_string());
    return -1;
  }
  return 0;
}

/// Closes (publishes) the file and frees the handle. Returns 0 or -1.
int lakecodec_pq_close(void* hp, char* err, size_t errlen) {
  std::unique_ptr<handle> h(static_cast<handle*>(hp));
  auto r = h->writer->close();
  if (!r) {
    set_error(err, errlen, r.error().to_string());
    return -1;
  }
  return 0;
}

/// Abandons the file and frees the handle.
void lakecodec_pq_abort(void* hp) {
  std::unique_ptr<handle> h(static_cast<handle*>(hp));
  h->writer->abort();
}

}  // extern "C"
