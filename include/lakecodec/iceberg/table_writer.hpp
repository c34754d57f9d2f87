#pragma once
// Writing the data files of an Iceberg table (the role of Java's partitioned fan-out writers,
// RollingDataWriter and OutputFileFactory): every batch is checked against the table schema
// before any of it is written, its rows are routed to their partitions through the spec's
// transforms, each partition has one open file that rolls at write.target-file-size-bytes or when
// it has been open longer than a configured age, and the bytes buffered across all open files are
// capped: past the cap the largest buffer is flushed. close() returns the Iceberg data_file
// entries an append, overwrite or worker manifest commits. Files go through the format-agnostic
// data_file_writer interface, so the format is chosen once per file.

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/data_file.hpp"
#include "lakecodec/core/random.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/core/take.hpp"
#include "lakecodec/iceberg/columnar.hpp"
#include "lakecodec/iceberg/data_files.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/metadata.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"
#include "lakecodec/iceberg/transforms.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// How the table writer opens and describes data files (iceberg/data_files.hpp builds one from
/// the table properties: format, codec, metrics modes).
struct data_file_factory {
  /// Opens a new data file at a local path.
  std::function<result<std::unique_ptr<data_file_writer>>(const std::string& path)> open;
  /// The manifest's data_file for a closed file and its partition tuple.
  std::function<result<data_file>(const data_file_info& info, std::vector<literal> partition)>
      describe;
  /// File name extension, with the dot (".parquet").
  std::string extension = ".parquet";
};

/// The factory of a table's own settings: format, codecs and metrics from its properties, its
/// current schema and default sort order (iceberg/data_files.hpp). Errors name the property.
inline result<data_file_factory> default_data_file_factory(const table_metadata& m) {
  const schema* s = m.current_schema();
  if (!s) return invalid_argument("iceberg: table has no current schema");
  LAKECODEC_ASSIGN_OR_RETURN(
      data_file_settings settings,
      data_file_settings_from(m.properties, *s, m.find_sort_order(m.default_sort_order_id)));
  auto shared = std::make_shared<const data_file_settings>(std::move(settings));
  data_file_factory f;
  f.extension = shared->format == data_file_format::avro ? ".avro" : ".parquet";
  f.open = [shared](const std::string& path) { return make_data_file_writer(*shared, path); };
  f.describe = [shared](const data_file_info& info, std::vector<literal> partition) {
    return to_data_file(info, shared->schema, shared->metrics, std::move(partition));
  };
  return f;
}

/// Table writer settings; zero/empty members take the table property (or Java's default).
struct table_writer_options {
  /// write.target-file-size-bytes (default 512 MiB).
  uint64_t target_file_size = 0;
  /// Close a file once it has been open this long (0 = never); checked by write() and poll().
  std::chrono::milliseconds max_file_age{0};
  /// Cap on bytes buffered across all open files (default 256 MiB); the largest is flushed.
  uint64_t max_buffered_bytes = 0;
  /// Directory for data files (default write.data.path, else <location>/data).
  std::string data_location;
  /// Task id in the file names (Java OutputFileFactory: <partition>-<task>-<operation>-<n>).
  int32_t task_id = 0;
};

namespace detail {

/// Checks a batch against the table's columnar schema: the same columns by name and type
/// (recursively), then validate_batch (nulls in required columns, shapes). Errors name the column.
inline status check_batch_against(const lakecodec::field& want, const lakecodec::field& got,
                                  const std::string& path) {
  if (want.name != got.name)
    return schema_mismatch("column '" + path + "' is named '" + got.name +
                           "' in the batch, the table has '" + want.name + "'");
  if (want.type != got.type)
    return schema_mismatch("column '" + path + "' has type " + got.type.to_string() +
                           " in the batch, the table schema says " + want.type.to_string());
  if (want.children.size() != got.children.size())
    return schema_mismatch("column '" + path + "' has " + std::to_string(got.children.size()) +
                           " children in the batch, the table has " +
                           std::to_string(want.children.size()));
  for (size_t k = 0; k < want.children.size(); ++k)
    LAKECODEC_TRY(
        check_batch_against(want.children[k], got.children[k], path + "." + want.children[k].name));
  return {};
}

/// Indices (through structs) of the stored field with `id` in a schema's columnar form.
inline bool columnar_path(const std::vector<nested_field>& fields, int32_t id,
                          std::vector<size_t>& path) {
  size_t idx = 0;
  for (const nested_field& f : fields) {
    if (!is_stored(f)) continue;
    path.push_back(idx++);
    if (f.id == id) return true;
    if (f.type.kind == type_kind::struct_ && columnar_path(f.type.fields, id, path)) return true;
    path.pop_back();
  }
  return false;
}

}  // namespace detail

/// Writes batches into the data files of a table's current schema and default spec.
class table_writer {
 public:
  /// A writer for `m` (its current schema, default spec and properties). Errors: a spec whose
  /// source column is missing or inside a list/map, an unknown transform, bad properties.
  static result<std::unique_ptr<table_writer>> open(const table_metadata& m,
                                                    data_file_factory factory,
                                                    table_writer_options options = {}) {
    std::unique_ptr<table_writer> w(new table_writer());
    LAKECODEC_TRY(w->init(m, std::move(factory), std::move(options)));
    return w;
  }
  table_writer(const table_writer&) = delete;
  table_writer& operator=(const table_writer&) = delete;
  ~table_writer() { abort(); }

  /// The columnar schema batches must have (to_columnar_schema of the table schema).
  const lakecodec::schema& batch_schema() const noexcept { return columnar_; }

  /// Writes the rows of `b`. The whole batch is checked first (columns, types, nulls in required
  /// columns, partition transforms): on such an error nothing of it is written and the writer
  /// stays usable. An I/O error fails the writer (abort() then removes its files).
  status write(const batch_view& b) {
    if (failed_) return failed_status_;
    LAKECODEC_TRY(validate(b));
    std::vector<uint32_t> part_of_row;
    LAKECODEC_TRY(route(b, part_of_row));
    status s = write_routed(b, part_of_row);
    if (s.ok()) s = enforce_limits();
    if (!s.ok()) fail(s);
    return s;
  }

  /// Closes files that reached their age limit.
  status poll() {
    if (failed_) return failed_status_;
    status s = roll_old_files();
    if (!s.ok()) fail(s);
    return s;
  }

  /// Closes every open file and returns the data files written since the last close().
  result<std::vector<data_file>> close() {
    if (failed_) return failed_status_;
    for (auto& p : partitions_)
      if (p.second.file) {
        status s = roll(p.second);
        if (!s.ok()) {
          fail(s);
          return s;
        }
      }
    return std::exchange(closed_, {});
  }

  /// Files closed so far that close() has not returned yet.
  const std::vector<data_file>& closed_files() const noexcept { return closed_; }

  /// Removes every file this writer wrote or is writing that close() has not handed out.
  void abort() noexcept {
    for (auto& p : partitions_)
      if (p.second.file) {
        p.second.file->abort();
        p.second.file.reset();
      }
    for (const data_file& f : closed_) {
      std::error_code ec;
      std::filesystem::remove(local_path(f.file_path), ec);
    }
    closed_.clear();
  }

  /// Bytes buffered across all open files.
  uint64_t buffered_bytes() const {
    uint64_t n = 0;
    for (const auto& p : partitions_)
      if (p.second.file) n += p.second.file->buffered_bytes();
    return n;
  }

 private:
  struct partition_state {
    std::vector<literal> tuple;
    std::string path;  // "a=1/b=x" or empty
    std::unique_ptr<data_file_writer> file;
    std::chrono::steady_clock::time_point opened;
  };
  struct partition_source {
    const partition_field* field = nullptr;
    type source_type;
    std::vector<size_t> column_path;
  };

  table_writer() = default;

  status init(const table_metadata& m, data_file_factory factory, table_writer_options o) {
    const schema* s = m.current_schema();
    const partition_spec* spec = m.default_spec();
    if (!s || !spec) return invalid_argument("iceberg: table has no current schema or spec");
    schema_ = *s;
    spec_ = *spec;
    LAKECODEC_ASSIGN_OR_RETURN(columnar_, to_columnar_schema(schema_));
    LAKECODEC_ASSIGN_OR_RETURN(type tuple_type, partition_type(spec_, schema_));
    (void)tuple_type;
    for (const partition_field& pf : spec_.fields) {
      partition_source src;
      src.field = nullptr;
      const nested_field* f = schema_.find_field(pf.source_id);
      if (!f)
        return invalid_argument("iceberg: partition field '" + pf.name + "' source-id " +
                                std::to_string(pf.source_id) + " is not in the schema");
      if (!detail::columnar_path(schema_.fields, pf.source_id, src.column_path))
        return invalid_argument("iceberg: partition field '" + pf.name +
                                "' has a source inside a list or map");
      src.source_type = f->type;
      sources_.push_back(std::move(src));
    }
    for (size_t i = 0; i < spec_.fields.size(); ++i) sources_[i].field = &spec_.fields[i];
    factory_ = std::move(factory);
    if (!factory_.open || !factory_.describe)
      return invalid_argument("iceberg: table writer needs a data file factory");
    if (o.target_file_size == 0) {
      LAKECODEC_ASSIGN_OR_RETURN(
          int64_t t, int_property(m, "write.target-file-size-bytes", int64_t{512} << 20, 1));
      o.target_file_size = static_cast<uint64_t>(t);
    }
    if (o.max_buffered_bytes == 0) o.max_buffered_bytes = uint64_t{256} << 20;
    if (o.data_location.empty())
      o.data_location = property_or(m, "write.data.path", m.location + "/data");
    o.data_location = local_path(o.data_location);
    options_ = std::move(o);
    operation_id_ = random_uuid();
    return {};
  }

  void fail(const status& s) {
    failed_ = true;
    failed_status_ = s;
  }

  status validate(const batch_view& b) const {
    if (!b.schema.fields.empty()) {
      if (b.schema.fields.size() != columnar_.fields.size())
        return schema_mismatch("iceberg: the batch has " + std::to_string(b.schema.fields.size()) +
                               " columns, the table has " +
                               std::to_string(columnar_.fields.size()));
      for (size_t i = 0; i < columnar_.fields.size(); ++i)
        LAKECODEC_TRY(detail::check_batch_against(columnar_.fields[i], b.schema.fields[i],
                                                  columnar_.fields[i].name)
                          .with_context("iceberg"));
    }
    return validate_batch(columnar_, b).with_context("iceberg");
  }

  column_view source_column(const batch_view& b, const partition_source& src) const {
    column_view c = b.columns[src.column_path[0]];
    for (size_t k = 1; k < src.column_path.size(); ++k) c = c.struct_child(src.column_path[k]);
    return c;
  }

  /// Partition index of every row (0 for an unpartitioned table).
  status route(const batch_view& b, std::vector<uint32_t>& part_of_row) {
    part_of_row.assign(static_cast<size_t>(b.length), 0);
    if (sources_.empty()) {
      if (partitions_.empty()) partitions_.emplace(std::string(), partition_state());
      order_.assign(1, &partitions_.begin()->second);
      return {};
    }
    std::vector<std::vector<literal>> values;
    for (const partition_source& src : sources_) {
      LAKECODEC_ASSIGN_OR_RETURN(
          std::vector<literal> v,
          transform_column(src.field->transform, src.source_type, source_column(b, src)));
      values.push_back(std::move(v));
    }
    std::unordered_map<std::string, uint32_t> index;
    order_.clear();
    std::string key;
    for (int64_t r = 0; r < b.length; ++r) {
      key.clear();
      for (const auto& v : values) append_key(key, v[static_cast<size_t>(r)]);
      auto it = index.find(key);
      if (it == index.end()) {
        it = index.emplace(key, static_cast<uint32_t>(order_.size())).first;
        LAKECODEC_ASSIGN_OR_RETURN(partition_state * p, partition_for(key, values, r));
        order_.push_back(p);
      }
      part_of_row[static_cast<size_t>(r)] = it->second;
    }
    return {};
  }

  static void append_key(std::string& key, const literal& l) {
    if (l.is_null) {
      key += '\0';
      return;
    }
    key += '\1';
    key.append(reinterpret_cast<const char*>(&l.i), sizeof l.i);
    key.append(reinterpret_cast<const char*>(&l.d), sizeof l.d);
    key.append(reinterpret_cast<const char*>(&l.dec), sizeof l.dec);
    const uint64_t n = l.bytes.size();
    key.append(reinterpret_cast<const char*>(&n), sizeof n);
    key += l.bytes;
  }

  result<partition_state*> partition_for(const std::string& key,
                                         const std::vector<std::vector<literal>>& values,
                                         int64_t row) {
    auto it = partitions_.find(key);
    if (it != partitions_.end()) return &it->second;
    partition_state p;
    for (const auto& v : values) p.tuple.push_back(v[static_cast<size_t>(row)]);
    LAKECODEC_ASSIGN_OR_RETURN(p.path, partition_path(spec_, schema_, p.tuple));
    return &partitions_.emplace(key, std::move(p)).first->second;
  }

  status write_routed(const batch_view& b, const std::vector<uint32_t>& part_of_row) {
    if (order_.size() == 1) return write_to(*order_[0], b);
    std::vector<std::vector<int64_t>> rows(order_.size());
    for (size_t r = 0; r < part_of_row.size(); ++r)
      rows[part_of_row[r]].push_back(static_cast<int64_t>(r));
    for (size_t p = 0; p < order_.size(); ++p) {
      owned_batch part = take_rows(b, rows[p]);
      LAKECODEC_TRY(write_to(*order_[p], part.view()));
    }
    return {};
  }

  status write_to(partition_state& p, const batch_view& b) {
    if (!p.file) LAKECODEC_TRY(open_file(p));
    LAKECODEC_TRY(p.file->write(b));
    if (p.file->estimated_size() >= options_.target_file_size) return roll(p);
    return {};
  }

  status open_file(partition_state& p) {
    std::string dir = options_.data_location;
    if (!p.path.empty()) dir += "/" + p.path;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return io_error("iceberg: cannot create '" + dir + "': " + ec.message());
    char name[40];
    std::snprintf(name, sizeof name, "%05d-%d-", 0, options_.task_id);
    char count[16];
    std::snprintf(count, sizeof count, "-%05llu", static_cast<unsigned long long>(++file_count_));
    const std::string path = dir + "/" + name + operation_id_ + count + factory_.extension;
    LAKECODEC_ASSIGN_OR_RETURN(p.file, factory_.open(path));
    p.opened = std::chrono::steady_clock::now();
    return {};
  }

  status roll(partition_state& p) {
    std::unique_ptr<data_file_writer> f = std::move(p.file);
    auto info = f->close();
    if (!info) {
      f->abort();
      return info.error();
    }
    info->path = file_uri(info->path);
    LAKECODEC_ASSIGN_OR_RETURN(data_file df, factory_.describe(*info, p.tuple));
    closed_.push_back(std::move(df));
    return {};
  }

  status roll_old_files() {
    if (options_.max_file_age.count() <= 0) return {};
    const auto now = std::chrono::steady_clock::now();
    for (auto& p : partitions_)
      if (p.second.file && now - p.second.opened >= options_.max_file_age)
        LAKECODEC_TRY(roll(p.second));
    return {};
  }

  /// Age limit, then the memory cap: flush the largest buffers until under it.
  status enforce_limits() {
    LAKECODEC_TRY(roll_old_files());
    for (uint64_t total = buffered_bytes(); total > options_.max_buffered_bytes;
         total = buffered_bytes()) {
      data_file_writer* largest = nullptr;
      for (auto& p : partitions_)
        if (p.second.file &&
            (!largest || p.second.file->buffered_bytes() > largest->buffered_bytes()))
          largest = p.second.file.get();
      if (!largest || largest->buffered_bytes() == 0) break;
      LAKECODEC_TRY(largest->flush());
    }
    return {};
  }

  schema schema_;
  partition_spec spec_;
  lakecodec::schema columnar_;
  std::vector<partition_source> sources_;
  data_file_factory factory_;
  table_writer_options options_;
  std::string operation_id_;
  uint64_t file_count_ = 0;
  std::map<std::string, partition_state> partitions_;
  std::vector<partition_state*> order_;
  std::vector<data_file> closed_;
  bool failed_ = false;
  status failed_status_;
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
