// CLI verbs for Iceberg tables in a file-system catalog: create, append (JSON lines, streamed,
// optionally committed on an interval), snapshots and describe (`iceberg files`, the read
// planner, is in cli_iceberg_scan.cpp). The table is addressed by
// its directory (or file:// location), as Java's HadoopTables does.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"
#include "lakecodec/iceberg/table_operations.hpp"
#include "lakecodec/iceberg/table_update.hpp"
#include "lakecodec/iceberg/table_writer.hpp"
#include "lineitem.hpp"

namespace lakecodec_cli {
namespace iceberg_table_cli {

namespace ice = lakecodec::iceberg;
using lakecodec::status;

inline void write_line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

inline lakecodec::result<std::string> read_text(const std::string& path) {
  LAKECODEC_ASSIGN_OR_RETURN(lakecodec::byte_buffer b, read_input(path));
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

// -- --partition-by ------------------------------------------------------------------------------

inline std::string trim(std::string s) {
  const size_t b = s.find_first_not_of(" \t");
  const size_t e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

inline bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// One term of a Spark-style partition list: `col`, `identity(col)`, `bucket(N, col)`,
/// `truncate(W, col)` (either argument order), `year|years(col)`, `month|months(col)`,
/// `day|days(col)`, `hour|hours(col)`, `void(col)`. Field names as Java's
/// PartitionSpec.Builder gives them (col, col_bucket, col_trunc, col_year, ...).
inline lakecodec::result<ice::partition_field> parse_partition_term(const std::string& term,
                                                                    const ice::schema& s) {
  std::string fn = "identity", column = term, param;
  const size_t open = term.find('(');
  if (open != std::string::npos) {
    if (term.back() != ')')
      return lakecodec::invalid_argument("partition term '" + term + "' has no closing ')'");
    fn = trim(term.substr(0, open));
    const std::string inner = term.substr(open + 1, term.size() - open - 2);
    const size_t comma = inner.find(',');
    column = trim(inner.substr(0, comma));
    if (comma != std::string::npos) {
      param = trim(inner.substr(comma + 1));
      if (all_digits(column)) std::swap(column, param);
    }
  }
  for (char& c : fn) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (fn.size() > 1 && fn.back() == 's' && fn != "hours" && fn != "days" && fn != "years" &&
      fn != "months")
    fn.pop_back();
  struct form {
    const char* word;
    const char* transform;
    const char* suffix;
  };
  static const form forms[] = {{"identity", "identity", ""},
                               {"bucket", "bucket", "_bucket"},
                               {"truncate", "truncate", "_trunc"},
                               {"year", "year", "_year"},
                               {"years", "year", "_year"},
                               {"month", "month", "_month"},
                               {"months", "month", "_month"},
                               {"day", "day", "_day"},
                               {"days", "day", "_day"},
                               {"date", "day", "_day"},
                               {"hour", "hour", "_hour"},
                               {"hours", "hour", "_hour"},
                               {"void", "void", "_null"}};
  const form* f = nullptr;
  for (const form& x : forms)
    if (fn == x.word) f = &x;
  if (!f) return lakecodec::invalid_argument("unknown partition transform '" + fn + "'");
  const bool needs_param =
      std::string(f->transform) == "bucket" || std::string(f->transform) == "truncate";
  if (needs_param != !param.empty() || (needs_param && !all_digits(param)))
    return lakecodec::invalid_argument("partition term '" + term + "': " + f->transform +
                                       (needs_param ? " needs a width" : " takes one column"));
  const ice::nested_field* src = s.find_field(column);
  if (!src)
    return lakecodec::invalid_argument("partition source column '" + column +
                                       "' is not in the schema");
  ice::partition_field pf;
  pf.source_id = src->id;
  pf.name = column + f->suffix;
  LAKECODEC_ASSIGN_OR_RETURN(
      pf.transform, ice::parse_transform(needs_param ? std::string(f->transform) + "[" + param + "]"
                                                     : std::string(f->transform)));
  return pf;
}

/// A comma-separated list of terms (commas inside parentheses belong to the term).
inline lakecodec::result<ice::partition_spec> parse_partition_by(const std::string& text,
                                                                 const ice::schema& s) {
  ice::partition_spec spec;
  int depth = 0;
  std::string cur;
  auto flush = [&]() -> status {
    const std::string t = trim(cur);
    cur.clear();
    if (t.empty())
      return lakecodec::invalid_argument("empty term in --partition-by '" + text + "'");
    LAKECODEC_ASSIGN_OR_RETURN(ice::partition_field f, parse_partition_term(t, s));
    f.field_id = ice::partition_data_id_start + static_cast<int32_t>(spec.fields.size());
    spec.fields.push_back(std::move(f));
    return {};
  };
  for (char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      LAKECODEC_TRY(flush());
      continue;
    }
    cur += c;
  }
  LAKECODEC_TRY(flush());
  return spec;
}

/// The table properties of --property K=V options; false after a usage error.
inline bool table_properties(const args& a, const std::string& verb, ice::string_map& out) {
  for (const std::string& kv : a.get_all("property")) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      usage_error("--property expects KEY=VALUE, got '" + kv + "'", verb);
      return false;
    }
    out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return true;
}

// -- create --------------------------------------------------------------------------------------

inline int run_create(const args& a) {
  const std::string table = a.positional[0];
  const std::string schema_file = a.get("schema");
  auto schema_text = read_text(schema_file);
  if (!schema_text) return data_error(schema_file, schema_text.error());
  auto schema = ice::parse_schema(*schema_text);
  if (!schema) return data_error(schema_file, schema.error());
  ice::table_definition d;
  d.location = table;
  d.schema = *schema;
  d.format_version = static_cast<int32_t>(a.get_int("format-version", 2));
  if (a.has("partition-spec")) {
    const std::string file = a.get("partition-spec");
    auto text = read_text(file);
    if (!text) return data_error(file, text.error());
    auto j = lakecodec::json::parse(*text, "partition spec");
    if (!j) return data_error(file, j.error());
    auto spec = ice::partition_spec_from_json(*j);
    if (!spec) return data_error(file, spec.error());
    d.spec = *spec;
  } else if (a.has("partition-by")) {
    auto spec = parse_partition_by(a.get("partition-by"), *schema);
    if (!spec) return usage_error(spec.error().message(), "iceberg create");
    d.spec = *spec;
  }
  if (!table_properties(a, "iceberg create", d.properties)) return exit_usage;
  auto m = ice::new_table_metadata(d);
  if (!m) return data_error(table, m.error());
  // The properties must make a writer: refuse a bad codec or metrics mode now, not at append.
  auto factory = ice::default_data_file_factory(*m);
  if (!factory) return data_error(table, factory.error());
  ice::file_catalog cat;
  auto t = cat.create(table, *m);
  if (!t) return data_error(table, t.error());
  std::cerr << "created " << t->metadata.location << " (format v" << t->metadata.format_version
            << ", " << t->metadata_location << ")\n";
  return exit_ok;
}

// -- append --------------------------------------------------------------------------------------

/// Streams JSON lines into the table writer, committing when `interval` has passed (0: once at
/// the end). A bad line stops everything: the data files not yet committed are removed.
class appender {
 public:
  /// How the files are committed: appended, replacing the table, or replacing the partitions
  /// they touch.
  enum class mode { append, overwrite, replace_partitions };

  appender(ice::file_catalog& cat, std::string table, std::chrono::milliseconds interval,
           mode m = mode::append)
      : cat_(cat), table_(std::move(table)), interval_(interval), mode_(m) {}

  status open(const ice::table_writer_options& o) {
    LAKECODEC_ASSIGN_OR_RETURN(ice::loaded_table t, cat_.load(table_));
    schema_ = *t.metadata.current_schema();
    LAKECODEC_ASSIGN_OR_RETURN(ice::data_file_factory f,
                               ice::default_data_file_factory(t.metadata));
    LAKECODEC_ASSIGN_OR_RETURN(writer_, ice::table_writer::open(t.metadata, std::move(f), o));
    builder_ = std::make_unique<lakecodec::batch_builder>(writer_->batch_schema());
    last_commit_ = std::chrono::steady_clock::now();
    return {};
  }

  /// One JSON line; `where` is FILE:LINE for messages.
  status add_line(const std::string& line, int64_t batch_rows) {
    LAKECODEC_ASSIGN_OR_RETURN(nlohmann::json row,
                               lakecodec::json::parse<nlohmann::json>(line, "row"));
    LAKECODEC_TRY(ice::append_json_row(*builder_, schema_, row));
    if (++pending_ >= batch_rows) LAKECODEC_TRY(flush_batch());
    return maybe_commit();
  }

  status flush_batch() {
    if (pending_ == 0) return {};
    LAKECODEC_ASSIGN_OR_RETURN(lakecodec::owned_batch b, builder_->finish());
    pending_ = 0;
    rows_ += b.length();
    return writer_->write(b.view());
  }

  status maybe_commit() {
    if (interval_.count() <= 0 || std::chrono::steady_clock::now() - last_commit_ < interval_)
      return {};
    LAKECODEC_TRY(flush_batch());
    return commit();
  }

  status commit() {
    last_commit_ = std::chrono::steady_clock::now();
    LAKECODEC_ASSIGN_OR_RETURN(std::vector<ice::data_file> files, writer_->close());
    if (files.empty()) return {};
    auto t = commit_files(files);
    if (!t) {
      for (const ice::data_file& f : files) std::remove(ice::local_path(f.file_path).c_str());
      return t.error();
    }
    ++commits_;
    std::cerr << "committed snapshot " << *t->metadata.current_snapshot_id << " (" << files.size()
              << " file(s))\n";
    return {};
  }

  lakecodec::result<ice::loaded_table> commit_files(const std::vector<ice::data_file>& files) {
    if (mode_ == mode::append) {
      ice::fast_append op;
      op.merge();  // as Java newAppend(): commit.manifest-merge.* decide
      for (const ice::data_file& f : files) op.add_file(f);
      return op.commit(cat_, table_);
    }
    ice::overwrite_files op(mode_ == mode::overwrite
                                ? ice::overwrite_files::mode::overwrite
                                : ice::overwrite_files::mode::replace_partitions);
    for (const ice::data_file& f : files) op.add_file(f);
    return op.commit(cat_, table_);
  }

  /// Worker mode: closes the files and writes them as one manifest for a later commit.
  status write_manifest(const std::string& location) {
    LAKECODEC_ASSIGN_OR_RETURN(std::vector<ice::data_file> files, writer_->close());
    LAKECODEC_ASSIGN_OR_RETURN(ice::loaded_table t, cat_.load(table_));
    auto mf = ice::write_worker_manifest(t.metadata, files, ice::file_uri(location));
    if (!mf) {
      for (const ice::data_file& f : files) std::remove(ice::local_path(f.file_path).c_str());
      return mf.error();
    }
    std::cerr << "wrote " << files.size() << " data file(s) and manifest " << location << "\n";
    return {};
  }

  void abort() {
    if (writer_) writer_->abort();
  }
  int64_t rows() const { return rows_; }
  int64_t commits() const { return commits_; }

 private:
  ice::file_catalog& cat_;
  std::string table_;
  std::chrono::milliseconds interval_;
  mode mode_;
  ice::schema schema_;
  std::unique_ptr<ice::table_writer> writer_;
  std::unique_ptr<lakecodec::batch_builder> builder_;
  std::chrono::steady_clock::time_point last_commit_;
  int64_t pending_ = 0, rows_ = 0, commits_ = 0;
};

/// append (commit at the end or on an interval), overwrite (one commit replacing the table or
/// the touched partitions) and write (a worker manifest, no commit).
inline int append_or_write(const args& a, bool worker, appender::mode m = appender::mode::append) {
  const std::string table = a.positional[0];
  ice::file_catalog cat;
  const auto interval =
      std::chrono::milliseconds(worker ? 0 : a.get_int("commit-interval", 0) * 1000);
  appender app(cat, table, interval, m);
  ice::table_writer_options o;
  o.target_file_size = static_cast<uint64_t>(a.get_int("target-file-size", 0));
  o.max_file_age = interval;
  status s = app.open(o);
  if (!s.ok()) return data_error(table, s);
  const int64_t batch_rows = a.get_int("batch-rows", 65536);
  progress prog("iceberg append");
  int64_t bytes_in = 0, lines = 0;
  for (size_t i = 1; i < a.positional.size(); ++i) {
    const std::string& in = a.positional[i];
    std::ifstream file_in;
    if (in != "-") {
      file_in.open(in, std::ios::binary);
      if (!file_in) {
        app.abort();
        return data_error(in, lakecodec::io_error("cannot open '" + in + "'"));
      }
    }
    std::istream& input = in == "-" ? std::cin : file_in;
    std::string line;
    for (int64_t lineno = 1; std::getline(input, line); ++lineno) {
      bytes_in += static_cast<int64_t>(line.size()) + 1;
      prog.update(++lines, bytes_in);
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      s = app.add_line(line, batch_rows);
      if (!s.ok()) {
        app.abort();
        return data_error(in + ":" + std::to_string(lineno), s);
      }
    }
  }
  s = app.flush_batch();
  if (s.ok()) s = worker ? app.write_manifest(a.get("manifest")) : app.commit();
  if (!s.ok()) {
    app.abort();
    return data_error(worker ? a.get("manifest") : table, s);
  }
  if (!worker)
    std::cerr << "appended " << app.rows() << " rows in " << app.commits() << " commit(s)\n";
  return exit_ok;
}

inline int run_append(const args& a) { return append_or_write(a, false); }
inline int run_write(const args& a) { return append_or_write(a, true); }
inline int run_overwrite(const args& a) {
  return append_or_write(
      a, false, a.has("dynamic") ? appender::mode::replace_partitions : appender::mode::overwrite);
}

inline int run_expire(const args& a) {
  const std::string table = a.positional[0];
  ice::expire_options o;
  if (a.has("older-than")) o.older_than_ms = a.get_int("older-than", 0);
  if (a.has("retain-last")) o.retain_last = static_cast<int32_t>(a.get_int("retain-last", 1));
  o.delete_files = !a.has("keep-files");
  ice::file_catalog cat;
  auto r = ice::expire_snapshots(cat, table, o);
  if (!r) return data_error(table, r.error());
  nlohmann::ordered_json out;
  out["expired-snapshots"] = r->expired_snapshot_ids;
  out["deleted-data-files"] = r->deleted_data_files;
  out["deleted-manifests"] = r->deleted_manifests;
  out["deleted-manifest-lists"] = r->deleted_manifest_lists;
  write_line(lakecodec::json::dump(out));
  return exit_ok;
}

/// Commits the files of worker manifests as one append snapshot.
inline int run_commit(const args& a) {
  const std::string table = a.positional[0];
  ice::fast_append op;
  op.merge();  // as Java newAppend(): commit.manifest-merge.* decide
  for (size_t i = 1; i < a.positional.size(); ++i) {
    status s = op.add_manifest(ice::file_uri(a.positional[i]));
    if (!s.ok()) return data_error(a.positional[i], s);
  }
  ice::file_catalog cat;
  auto t = op.commit(cat, table);
  if (!t) return data_error(table, t.error());
  std::cerr << "committed snapshot " << *t->metadata.current_snapshot_id << "\n";
  return exit_ok;
}

// -- files, snapshots, describe ------------------------------------------------------------------

inline nlohmann::ordered_json summary_json(const ice::snapshot& s) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (const auto& kv : s.summary) o[kv.first] = kv.second;
  return o;
}

inline int run_snapshots(const args& a) {
  const std::string table = a.positional[0];
  ice::file_catalog cat;
  auto t = cat.load(table);
  if (!t) return data_error(table, t.error());
  for (const ice::snapshot& s : t->metadata.snapshots) {
    nlohmann::ordered_json o;
    o["snapshot-id"] = s.snapshot_id;
    o["parent-snapshot-id"] =
        s.parent_snapshot_id ? nlohmann::ordered_json(*s.parent_snapshot_id) : nullptr;
    o["sequence-number"] = s.sequence_number.value_or(0);
    o["timestamp-ms"] = s.timestamp_ms;
    o["operation"] = s.operation();
    o["manifest-list"] = s.manifest_list;
    o["summary"] = summary_json(s);
    write_line(lakecodec::json::dump(o));
  }
  return exit_ok;
}

/// A column type as `evolve` takes it: a primitive ("long", "decimal(12, 2)") or a JSON type.
inline lakecodec::result<ice::type> parse_column_type(const std::string& text) {
  const std::string t = trim(text);
  if (!t.empty() && t[0] == '{') {
    LAKECODEC_ASSIGN_OR_RETURN(auto j, lakecodec::json::parse(t, "column type"));
    return ice::type_from_json(j);
  }
  return ice::parse_primitive_type(t);
}

/// Splits "LEFT=RIGHT" (or "LEFT RIGHT" for --add-column); usage problems as messages.
inline lakecodec::result<std::pair<std::string, std::string>> split_pair(const std::string& v,
                                                                         char sep,
                                                                         const char* option) {
  const size_t at = v.find(sep);
  if (at == std::string::npos || trim(v.substr(0, at)).empty() || trim(v.substr(at + 1)).empty())
    return lakecodec::invalid_argument(std::string("--") + option + " '" + v + "': expected " +
                                       (sep == ' ' ? "'COLUMN TYPE'" : "'COLUMN=VALUE'"));
  return std::make_pair(trim(v.substr(0, at)), trim(v.substr(at + 1)));
}

/// The schema and spec changes the options ask for (in the order of the option kinds).
inline lakecodec::status evolve_changes(const args& a, const ice::schema& s, ice::schema_update& su,
                                        ice::spec_update& pu) {
  for (const std::string& v : a.get_all("add-column")) {
    LAKECODEC_ASSIGN_OR_RETURN(auto p, split_pair(v, ' ', "add-column"));
    LAKECODEC_ASSIGN_OR_RETURN(ice::type t, parse_column_type(p.second));
    su.add_column(p.first, t);
  }
  for (const std::string& v : a.get_all("rename")) {
    LAKECODEC_ASSIGN_OR_RETURN(auto p, split_pair(v, '=', "rename"));
    su.rename_column(p.first, p.second);
  }
  for (const std::string& v : a.get_all("widen")) {
    LAKECODEC_ASSIGN_OR_RETURN(auto p, split_pair(v, '=', "widen"));
    LAKECODEC_ASSIGN_OR_RETURN(ice::type t, parse_column_type(p.second));
    su.update_column_type(p.first, t);
  }
  for (const std::string& v : a.get_all("make-optional")) su.make_optional(v);
  for (const std::string& v : a.get_all("remove-partition")) pu.remove_field(v);
  for (const std::string& v : a.get_all("add-partition")) {
    LAKECODEC_ASSIGN_OR_RETURN(ice::partition_field f, parse_partition_term(trim(v), s));
    pu.add_field(f.source_id, f.transform, f.name);
  }
  return {};
}

inline int run_evolve(const args& a) {
  const std::string table = a.positional[0];
  ice::file_catalog cat;
  auto t = cat.load(table);
  if (!t) return data_error(table, t.error());
  ice::schema_update su;
  ice::spec_update pu;
  const lakecodec::status s = evolve_changes(a, *t->metadata.current_schema(), su, pu);
  if (!s.ok()) return usage_error(s.message(), "iceberg evolve");
  auto r = ice::update_table(cat, table, su, pu);
  if (!r) return data_error(table, r.error());
  nlohmann::ordered_json out;
  out["schema-id"] = r->metadata.current_schema_id;
  out["default-spec-id"] = r->metadata.default_spec_id;
  out["last-column-id"] = r->metadata.last_column_id;
  write_line(lakecodec::json::dump(out));
  return exit_ok;
}

inline int run_describe(const args& a) {
  const std::string table = a.positional[0];
  ice::file_catalog cat;
  auto t = cat.load(table);
  if (!t) return data_error(table, t.error());
  const ice::table_metadata& m = t->metadata;
  nlohmann::ordered_json o;
  o["location"] = m.location;
  o["metadata-location"] = t->metadata_location;
  o["format-version"] = m.format_version;
  o["table-uuid"] = m.table_uuid;
  o["schema"] = ice::schema_to_json(*m.current_schema());
  o["partition-spec"] = ice::partition_spec_to_json(*m.default_spec());
  nlohmann::ordered_json props = nlohmann::ordered_json::object();
  for (const auto& kv : m.properties) props[kv.first] = kv.second;
  o["properties"] = props;
  o["current-snapshot-id"] =
      m.current_snapshot_id ? nlohmann::ordered_json(*m.current_snapshot_id) : nullptr;
  o["summary"] =
      m.current_snapshot() ? summary_json(*m.current_snapshot()) : nlohmann::ordered_json::object();
  write_line(lakecodec::json::dump(o, a.has("pretty") ? 2 : -1));
  return exit_ok;
}

}  // namespace iceberg_table_cli

int run_gen_lineitem_iceberg(const args& a) {
  using namespace iceberg_table_cli;
  const std::string table = a.get("out");
  const long long rows = a.get_int("rows", 0), seed = a.get_int("seed", 1);
  const auto t0 = std::chrono::steady_clock::now();
  auto schema = ice::from_columnar_schema(lineitem_generator::schema());
  if (!schema) return data_error(table, schema.error());
  ice::table_definition d;
  d.location = table;
  d.schema = *schema;
  d.format_version = static_cast<int32_t>(a.get_int("format-version", 2));
  if (a.has("partition-by")) {
    auto spec = parse_partition_by(a.get("partition-by"), *schema);
    if (!spec) return usage_error(spec.error().message(), "gen lineitem");
    d.spec = *spec;
  }
  if (a.has("compression"))
    d.properties.emplace_back("write.parquet.compression-codec", a.get("compression") == "none"
                                                                     ? "uncompressed"
                                                                     : a.get("compression"));
  if (a.has("level")) d.properties.emplace_back("write.parquet.compression-level", a.get("level"));
  if (!table_properties(a, "gen lineitem", d.properties)) return exit_usage;
  auto m = ice::new_table_metadata(d);
  if (!m) return data_error(table, m.error());
  ice::file_catalog cat;
  auto t = cat.create(table, *m);
  if (!t) return data_error(table, t.error());
  auto factory = ice::default_data_file_factory(t->metadata);
  if (!factory) return data_error(table, factory.error());
  auto w = ice::table_writer::open(t->metadata, std::move(*factory));
  if (!w) return data_error(table, w.error());
  lineitem_generator gen(static_cast<uint64_t>(seed), rows);
  lineitem_generator::batch b;
  progress prog("gen lineitem");
  for (long long done = 0; done < rows;) {
    const int64_t n = std::min<long long>(65536, rows - done);
    gen.next(b, n);
    lakecodec::status s = (*w)->write(b.view());
    if (!s.ok()) return data_error(table, s);
    done += n;
    prog.update(done, 0);
  }
  auto files = (*w)->close();
  if (!files) return data_error(table, files.error());
  ice::fast_append op;
  op.merge();  // as Java newAppend(): commit.manifest-merge.* decide
  for (ice::data_file& f : *files) op.add_file(std::move(f));
  auto c = rows > 0 ? op.commit(cat, table) : lakecodec::result<ice::loaded_table>(*t);
  if (!c) {
    for (const ice::data_file& f : *files) std::remove(ice::local_path(f.file_path).c_str());
    return data_error(table, c.error());
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cerr << "wrote " << rows << " lineitem rows in " << files->size() << " data file(s) to "
            << c->metadata.location << " in " << secs << " s\n";
  return exit_ok;
}

void register_iceberg_table_commands(registry& r) {
  using namespace iceberg_table_cli;
  r.add({"iceberg create",
         "create a file-system table (metadata/v1.metadata.json + version-hint.text)",
         "TABLE",
         {opt::path("schema", "the table schema (Iceberg schema JSON)")
              .required()
              .metavar("SCHEMA.json"),
          opt::path("partition-spec", "a partition spec JSON {\"spec-id\":0,\"fields\":[...]}")
              .excludes({"partition-by"})
              .metavar("SPEC.json"),
          opt::text("partition-by",
                    "partition terms: col, bucket(N, col), truncate(W, col), year|month|day|hour"
                    "(col), void(col), comma-separated")
              .metavar("EXPR"),
          opt::integer("format-version", 1, 3, "table format version (default 2)"),
          opt::text("property", "a table property KEY=VALUE").repeatable().metavar("KEY=VALUE")},
         1,
         1,
         run_create});
  r.add({"iceberg append",
         "append JSON lines (one row per line, '-' for stdin) as one snapshot per commit",
         "TABLE FILE...",
         {opt::integer("commit-interval", 0, 86400,
                       "commit every N seconds while reading (and roll files at that age); "
                       "0 = one commit at the end"),
          opt::integer("target-file-size", 1, int64_t{1} << 40,
                       "roll data files at this many bytes (default write.target-file-size-bytes)"),
          opt::integer("batch-rows", 1, 1 << 24, "rows buffered per batch (default 65536)")},
         2,
         SIZE_MAX,
         run_append});
  r.add(
      {"iceberg write",
       "worker: write JSON lines as data files plus one manifest for a later 'iceberg commit' "
       "(Java's AppendFiles.appendManifest accepts it too); commits nothing",
       "TABLE FILE...",
       {opt::path("manifest", "the manifest to write (a new file)").required().metavar("OUT.avro"),
        opt::integer("target-file-size", 1, int64_t{1} << 40,
                     "roll data files at this many bytes (default write.target-file-size-bytes)"),
        opt::integer("batch-rows", 1, 1 << 24, "rows buffered per batch (default 65536)")},
       2,
       SIZE_MAX,
       run_write});
  r.add({"iceberg overwrite",
         "replace the whole table (or, with --dynamic, the partitions the new rows touch) with "
         "JSON lines, in one snapshot",
         "TABLE FILE...",
         {opt::flag("dynamic",
                    "replace only the partitions the new rows fall in (Spark's "
                    "dynamic partition overwrite)"),
          opt::integer("target-file-size", 1, int64_t{1} << 40,
                       "roll data files at this many bytes (default write.target-file-size-bytes)"),
          opt::integer("batch-rows", 1, 1 << 24, "rows buffered per batch (default 65536)")},
         2,
         SIZE_MAX,
         run_overwrite});
  r.add({"iceberg expire",
         "expire snapshots (older than history.expire.max-snapshot-age-ms, keeping "
         "history.expire.min-snapshots-to-keep and every ref) and delete the files only they used",
         "TABLE",
         {opt::integer("older-than", 0, INT64_MAX, "expire snapshots older than this epoch ms"),
          opt::integer("retain-last", 1, INT32_MAX, "always keep this many of the newest"),
          opt::flag("keep-files", "only drop the snapshots from the metadata")},
         1,
         1,
         run_expire});
  r.add({"iceberg commit",
         "commit the files of worker manifests as one append snapshot",
         "TABLE MANIFEST...",
         {},
         2,
         SIZE_MAX,
         run_commit});
  r.add({"iceberg snapshots",
         "every snapshot of the table, as JSON lines",
         "TABLE",
         {},
         1,
         1,
         run_snapshots});
  r.add(
      {"iceberg evolve",
       "change the schema (add, rename, widen, make optional; ids kept) and the partition spec "
       "(add, remove fields) in one metadata commit",
       "TABLE",
       {opt::text("add-column",
                  "add an optional column: 'NAME TYPE' (a.b for a struct field; "
                  "TYPE a primitive or an Iceberg JSON type)")
            .repeatable()
            .metavar("'PATH TYPE'"),
        opt::text("rename", "rename a column").repeatable().metavar("PATH=NEW"),
        opt::text("widen", "promote a type: int->long, float->double, decimal precision")
            .repeatable()
            .metavar("PATH=TYPE"),
        opt::text("make-optional", "let a required column hold nulls").repeatable().metavar("PATH"),
        opt::text("add-partition", "add a partition field: col, bucket(16, col), day(ts), ...")
            .repeatable()
            .metavar("TERM"),
        opt::text("remove-partition", "remove a partition field by name")
            .repeatable()
            .metavar("NAME")},
       1,
       1,
       run_evolve});
  r.add({"iceberg describe",
         "schema, partition spec, properties and current summary",
         "TABLE",
         {opt::pretty()},
         1,
         1,
         run_describe});
}

}  // namespace lakecodec_cli
