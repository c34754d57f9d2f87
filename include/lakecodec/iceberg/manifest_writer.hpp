#pragma once
// Iceberg manifest and manifest list writers (spec "Manifests", "Manifest Lists", "First Row ID
// Assignment"): a streaming manifest writer that tracks the counts and partition field summaries
// of the manifest_file it returns, and a manifest list writer that assigns v3 first_row_id. Both
// write the schemas of manifest_schema.hpp, in Java's field order.

#ifdef LAKECODEC_WITH_JSON

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/manifest_schema.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/partition_json.hpp"
#include "lakecodec/iceberg/schema.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

namespace detail {
inline void write_opt_long(avro::encoder& e, const std::optional<int64_t>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_long(*v);
}
inline void write_opt_int(avro::encoder& e, const std::optional<int32_t>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_int(*v);
}
inline void write_opt_bytes(avro::encoder& e, const std::optional<std::string>& v) {
  e.write_union_index(v ? 1 : 0);
  if (v) e.write_bytes(*v);
}
inline void write_opt_count_map(avro::encoder& e, const std::optional<id_count_map>& m) {
  e.write_union_index(m ? 1 : 0);
  if (!m) return;
  if (!m->empty()) {
    e.write_block_count(static_cast<int64_t>(m->size()));
    for (const auto& kv : *m) {
      e.write_int(kv.first);
      e.write_long(kv.second);
    }
  }
  e.write_block_end();
}
inline void write_opt_bytes_map(avro::encoder& e, const std::optional<id_bytes_map>& m) {
  e.write_union_index(m ? 1 : 0);
  if (!m) return;
  if (!m->empty()) {
    e.write_block_count(static_cast<int64_t>(m->size()));
    for (const auto& kv : *m) {
      e.write_int(kv.first);
      e.write_bytes(kv.second);
    }
  }
  e.write_block_end();
}
template <class T>
void write_opt_array(avro::encoder& e, const std::optional<std::vector<T>>& a) {
  e.write_union_index(a ? 1 : 0);
  if (!a) return;
  if (!a->empty()) {
    e.write_block_count(static_cast<int64_t>(a->size()));
    for (T x : *a) e.write_long(x);
  }
  e.write_block_end();
}

/// Writes a non-null partition literal in the Avro form of its Iceberg type.
inline status write_partition_value(avro::encoder& e, const type& t, const literal& v) {
  switch (t.kind) {
    case type_kind::boolean: e.write_boolean(v.i != 0); return {};
    case type_kind::int_:
    case type_kind::date: e.write_int(static_cast<int32_t>(v.i)); return {};
    case type_kind::long_:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: e.write_long(v.i); return {};
    case type_kind::float_: e.write_float(static_cast<float>(v.d)); return {};
    case type_kind::double_: e.write_double(v.d); return {};
    case type_kind::string:
    case type_kind::binary: e.write_bytes(v.bytes); return {};
    case type_kind::uuid:
    case type_kind::fixed: {
      const size_t want = t.kind == type_kind::uuid ? 16 : static_cast<size_t>(t.length);
      if (v.bytes.size() != want)
        return invalid_argument("iceberg: partition value of " + type_to_string(t) + " has " +
                                std::to_string(v.bytes.size()) + " bytes");
      e.write_fixed(v.bytes.data(), want);
      return {};
    }
    case type_kind::decimal: {
      const int32_t n = decimal_required_bytes(t.precision);
      uint8_t full[16];
      unsigned __int128 u = static_cast<unsigned __int128>(v.dec);
      for (int k = 15; k >= 0; --k) {
        full[k] = static_cast<uint8_t>(u & 0xff);
        u >>= 8;
      }
      e.write_fixed(full + 16 - n, static_cast<size_t>(n));
      return {};
    }
    default: return unsupported("iceberg: cannot write partition value of " + type_to_string(t));
  }
}

/// Three-way comparison of two non-null literals of type `t` (unsigned bytes for binary).
inline int compare_literals(const type& t, const literal& a, const literal& b) {
  switch (storage_of(t.kind)) {
    case value_storage::integer: return a.i < b.i ? -1 : a.i > b.i;
    case value_storage::floating: return a.d < b.d ? -1 : a.d > b.d;
    case value_storage::decimal: return a.dec < b.dec ? -1 : a.dec > b.dec;
    case value_storage::bytes: {
      const int c = a.bytes.compare(b.bytes);
      return c < 0 ? -1 : c > 0;
    }
    default: return 0;
  }
}

/// Accumulates one partition field's summary (spec "Manifest Lists": r508).
struct summary_builder {
  type t;
  bool contains_null = false;
  bool contains_nan = false;
  bool has_bounds = false;
  literal lower, upper;

  void add(const literal& v) {
    if (v.is_null) {
      contains_null = true;
      return;
    }
    if (storage_of(t.kind) == value_storage::floating && std::isnan(v.d)) {
      contains_nan = true;
      return;
    }
    if (!has_bounds) {
      lower = upper = v;
      has_bounds = true;
      return;
    }
    if (compare_literals(t, v, lower) < 0) lower = v;
    if (compare_literals(t, v, upper) > 0) upper = v;
  }
  field_summary finish() const {
    field_summary s;
    s.contains_null = contains_null;
    if (t.kind == type_kind::float_ || t.kind == type_kind::double_) s.contains_nan = contains_nan;
    if (has_bounds) {
      auto lo = to_bytes(t, lower);
      auto hi = to_bytes(t, upper);
      if (lo && hi) {
        s.lower_bound = std::move(lo).value();
        s.upper_bound = std::move(hi).value();
      }
    }
    return s;
  }
};
}  // namespace detail

/// What a manifest is written for.
struct manifest_writer_options {
  int32_t format_version = 2;
  iceberg::schema schema;  // the table schema (header key "schema")
  partition_spec spec;     // the partition spec (header "partition-spec" + id)
  manifest_content content = manifest_content::data;
  int64_t snapshot_id = 0;  // added_snapshot_id of the resulting manifest_file
  /// Data sequence number the manifest list will record for this manifest (v2+); entries with
  /// explicit sequence numbers lower the min_sequence_number.
  int64_t sequence_number = 0;
  std::string manifest_path;  // recorded in the resulting manifest_file
  avro::codec codec = avro::codec::deflate;
  int level = -1;
  /// The partition tuple type to write instead of partition_type(spec, schema), e.g. when
  /// re-encoding a manifest read with read_manifest (whose partition_type comes from the file).
  std::optional<type> partition_type;
};

/// Streams manifest entries into an Avro container file. Header keys: schema, schema-id,
/// partition-spec (fields array), partition-spec-id, format-version and, for v2+, content
/// ("data"/"deletes"), exactly as the spec lists them. close() returns the manifest_file entry
/// for the manifest list (counts, partition summaries, length).
class manifest_writer {
 public:
  static result<manifest_writer> open(output_sink& sink, manifest_writer_options options) {
    if (options.format_version < 1 || options.format_version > 3)
      return unsupported("iceberg: cannot write manifests of format version " +
                         std::to_string(options.format_version));
    if (options.format_version == 1 && options.content != manifest_content::data)
      return invalid_argument("iceberg: v1 manifests cannot hold delete files");
    manifest_writer w;
    if (options.partition_type) {
      w.partition_type_ = *options.partition_type;
    } else {
      LAKECODEC_ASSIGN_OR_RETURN(w.partition_type_,
                                 iceberg::partition_type(options.spec, options.schema));
    }
    LAKECODEC_ASSIGN_OR_RETURN(
        ordered_json sj, manifest_entry_avro_schema(options.format_version, w.partition_type_));
    LAKECODEC_ASSIGN_OR_RETURN(avro::schema as, avro::schema::parse(detail::dump_json(sj)));
    avro::writer_options wo;
    wo.codec = options.codec;
    wo.level = options.level;
    wo.metadata = {
        {"schema", detail::dump_json(schema_to_json(options.schema))},
        {"schema-id", std::to_string(options.schema.schema_id)},
        {"partition-spec", detail::dump_json(partition_fields_to_json(options.spec))},
        {"partition-spec-id", std::to_string(options.spec.spec_id)},
        {"format-version", std::to_string(options.format_version)},
    };
    if (options.format_version >= 2)
      wo.metadata.emplace_back("content",
                               options.content == manifest_content::data ? "data" : "deletes");
    w.start_ = sink.position();
    w.sink_ = &sink;
    LAKECODEC_ASSIGN_OR_RETURN(avro::container_writer cw,
                               avro::container_writer::open(sink, as, std::move(wo)));
    w.writer_ = std::make_unique<avro::container_writer>(std::move(cw));
    for (const nested_field& f : w.partition_type_.fields) {
      detail::summary_builder sb;
      sb.t = f.type;
      w.summaries_.push_back(std::move(sb));
    }
    w.min_sequence_number_ = options.sequence_number;
    w.options_ = std::move(options);
    return w;
  }

  manifest_writer(manifest_writer&&) noexcept = default;
  manifest_writer& operator=(manifest_writer&&) noexcept = default;

  /// The partition tuple type entries must match.
  const type& partition_type() const noexcept { return partition_type_; }

  /// Encodes one entry. invalid_argument when the partition tuple does not match the spec or
  /// a field is not allowed in this format version (the entry is then not written).
  status add(const manifest_entry& e) {
    const data_file& f = e.data_file;
    const int32_t v = options_.format_version;
    if (f.partition.size() != partition_type_.fields.size())
      return invalid_argument(
          "iceberg: data file '" + f.file_path + "' has " + std::to_string(f.partition.size()) +
          " partition values, the spec has " + std::to_string(partition_type_.fields.size()));
    if (v == 1 && f.content != file_content::data)
      return invalid_argument("iceberg: v1 manifests hold only data files");
    avro::encoder& enc = writer_->record_encoder();
    const size_t mark = enc.buffer().size();
    enc.write_int(static_cast<int32_t>(e.status));
    detail::write_opt_long(enc, e.snapshot_id);
    if (v >= 2) {
      detail::write_opt_long(enc, e.sequence_number);
      detail::write_opt_long(enc, e.file_sequence_number);
    }
    if (v >= 2) enc.write_int(static_cast<int32_t>(f.content));
    enc.write_string(f.file_path);
    enc.write_string(f.file_format);
    for (size_t i = 0; i < f.partition.size(); ++i) {
      const literal& pv = f.partition[i];
      enc.write_union_index(pv.is_null ? 0 : 1);
      if (!pv.is_null) {
        status st = detail::write_partition_value(enc, partition_type_.fields[i].type, pv);
        if (!st.ok()) {
          enc.buffer().resize(mark);
          return st;
        }
      }
    }
    enc.write_long(f.record_count);
    enc.write_long(f.file_size_in_bytes);
    if (v == 1) enc.write_long(67108864);  // block_size_in_bytes, Java's V1 default
    detail::write_opt_count_map(enc, f.column_sizes);
    detail::write_opt_count_map(enc, f.value_counts);
    detail::write_opt_count_map(enc, f.null_value_counts);
    detail::write_opt_count_map(enc, f.nan_value_counts);
    detail::write_opt_bytes_map(enc, f.lower_bounds);
    detail::write_opt_bytes_map(enc, f.upper_bounds);
    detail::write_opt_bytes(enc, f.key_metadata);
    detail::write_opt_array(enc, f.split_offsets);
    if (v >= 2) detail::write_opt_array(enc, f.equality_ids);
    detail::write_opt_int(enc, f.sort_order_id);
    if (v >= 3) detail::write_opt_long(enc, f.first_row_id);
    if (v >= 2) {
      detail::write_opt_bytes(enc, f.referenced_data_file);
    }
    if (v >= 3) {
      detail::write_opt_long(enc, f.content_offset);
      detail::write_opt_long(enc, f.content_size_in_bytes);
    }
    count(e);
    return writer_->end_record();
  }

  /// Flushes the last block and returns the manifest list entry describing this manifest.
  result<manifest_file> close() {
    LAKECODEC_TRY(writer_->close());
    manifest_file m;
    m.manifest_path = options_.manifest_path;
    m.manifest_length = static_cast<int64_t>(sink_->position() - start_);
    m.partition_spec_id = options_.spec.spec_id;
    m.content = options_.content;
    m.sequence_number = options_.sequence_number;
    m.min_sequence_number = min_sequence_number_;
    m.added_snapshot_id = options_.snapshot_id;
    m.added_files_count = added_files_;
    m.existing_files_count = existing_files_;
    m.deleted_files_count = deleted_files_;
    m.added_rows_count = added_rows_;
    m.existing_rows_count = existing_rows_;
    m.deleted_rows_count = deleted_rows_;
    std::vector<field_summary> parts;
    for (const auto& s : summaries_) parts.push_back(s.finish());
    m.partitions = std::move(parts);
    return m;
  }

 private:
  manifest_writer() = default;

  void count(const manifest_entry& e) {
    const int64_t rows = e.data_file.record_count;
    switch (e.status) {
      case entry_status::added:
        ++added_files_;
        added_rows_ += rows;
        break;
      case entry_status::existing:
        ++existing_files_;
        existing_rows_ += rows;
        break;
      case entry_status::deleted:
        ++deleted_files_;
        deleted_rows_ += rows;
        break;
    }
    if (e.status != entry_status::deleted && e.sequence_number &&
        *e.sequence_number < min_sequence_number_)
      min_sequence_number_ = *e.sequence_number;
    for (size_t i = 0; i < summaries_.size(); ++i) summaries_[i].add(e.data_file.partition[i]);
  }

  manifest_writer_options options_;
  type partition_type_;
  output_sink* sink_ = nullptr;
  uint64_t start_ = 0;
  std::unique_ptr<avro::container_writer> writer_;
  std::vector<detail::summary_builder> summaries_;
  int32_t added_files_ = 0, existing_files_ = 0, deleted_files_ = 0;
  int64_t added_rows_ = 0, existing_rows_ = 0, deleted_rows_ = 0;
  int64_t min_sequence_number_ = 0;
};

/// What a manifest list is written for (header keys snapshot-id, parent-snapshot-id ("null"
/// when none, as Java writes), sequence-number (v2+), first-row-id (v3), format-version).
struct manifest_list_options {
  int32_t format_version = 2;
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  int64_t sequence_number = 0;
  int64_t first_row_id = 0;  // v3: the table's next-row-id at commit
  avro::codec codec = avro::codec::deflate;
  int level = -1;
};

/// Streams manifest_file entries into a manifest list. In v3, data manifests without a
/// first_row_id get the running row id (spec "First Row ID Assignment"); next_row_id() is then
/// the table's new next-row-id.
class manifest_list_writer {
 public:
  static result<manifest_list_writer> open(output_sink& sink, manifest_list_options options) {
    if (options.format_version < 1 || options.format_version > 3)
      return unsupported("iceberg: cannot write manifest lists of format version " +
                         std::to_string(options.format_version));
    LAKECODEC_ASSIGN_OR_RETURN(
        avro::schema as,
        avro::schema::parse(detail::dump_json(manifest_file_avro_schema(options.format_version))));
    avro::writer_options wo;
    wo.codec = options.codec;
    wo.level = options.level;
    wo.metadata.emplace_back("snapshot-id", std::to_string(options.snapshot_id));
    wo.metadata.emplace_back("parent-snapshot-id", options.parent_snapshot_id
                                                       ? std::to_string(*options.parent_snapshot_id)
                                                       : std::string("null"));
    if (options.format_version >= 2)
      wo.metadata.emplace_back("sequence-number", std::to_string(options.sequence_number));
    if (options.format_version >= 3)
      wo.metadata.emplace_back("first-row-id", std::to_string(options.first_row_id));
    wo.metadata.emplace_back("format-version", std::to_string(options.format_version));
    manifest_list_writer w;
    LAKECODEC_ASSIGN_OR_RETURN(avro::container_writer cw,
                               avro::container_writer::open(sink, as, std::move(wo)));
    w.writer_ = std::make_unique<avro::container_writer>(std::move(cw));
    w.next_row_id_ = options.first_row_id;
    w.options_ = std::move(options);
    return w;
  }

  manifest_list_writer(manifest_list_writer&&) noexcept = default;
  manifest_list_writer& operator=(manifest_list_writer&&) noexcept = default;

  /// Encodes one manifest_file (v2+ need the counts; missing ones are written as 0).
  status add(manifest_file m) {
    const int32_t v = options_.format_version;
    if (v >= 3 && m.content == manifest_content::data && !m.first_row_id) {
      m.first_row_id = next_row_id_;
      next_row_id_ += m.added_rows_count.value_or(0) + m.existing_rows_count.value_or(0);
    }
    if (m.content == manifest_content::deletes) m.first_row_id.reset();
    avro::encoder& e = writer_->record_encoder();
    e.write_string(m.manifest_path);
    e.write_long(m.manifest_length);
    e.write_int(m.partition_spec_id);
    if (v >= 2) {
      e.write_int(static_cast<int32_t>(m.content));
      e.write_long(m.sequence_number);
      e.write_long(m.min_sequence_number);
    }
    e.write_long(m.added_snapshot_id);
    auto count32 = [&](const std::optional<int32_t>& c) {
      if (v == 1)
        detail::write_opt_int(e, c);
      else
        e.write_int(c.value_or(0));
    };
    auto count64 = [&](const std::optional<int64_t>& c) {
      if (v == 1)
        detail::write_opt_long(e, c);
      else
        e.write_long(c.value_or(0));
    };
    count32(m.added_files_count);
    count32(m.existing_files_count);
    count32(m.deleted_files_count);
    if (v == 1) write_partitions(e, m.partitions);
    count64(m.added_rows_count);
    count64(m.existing_rows_count);
    count64(m.deleted_rows_count);
    if (v >= 2) write_partitions(e, m.partitions);
    detail::write_opt_bytes(e, m.key_metadata);
    if (v >= 3) detail::write_opt_long(e, m.first_row_id);
    return writer_->end_record();
  }

  /// v3: the row id after every data manifest added so far (the table's next-row-id).
  int64_t next_row_id() const noexcept { return next_row_id_; }

  status close() { return writer_->close(); }

 private:
  manifest_list_writer() = default;
  static void write_partitions(avro::encoder& e,
                               const std::optional<std::vector<field_summary>>& p) {
    e.write_union_index(p ? 1 : 0);
    if (!p) return;
    if (!p->empty()) {
      e.write_block_count(static_cast<int64_t>(p->size()));
      for (const field_summary& s : *p) {
        e.write_boolean(s.contains_null);
        e.write_union_index(s.contains_nan ? 1 : 0);
        if (s.contains_nan) e.write_boolean(*s.contains_nan);
        detail::write_opt_bytes(e, s.lower_bound);
        detail::write_opt_bytes(e, s.upper_bound);
      }
    }
    e.write_block_end();
  }

  manifest_list_options options_;
  std::unique_ptr<avro::container_writer> writer_;
  int64_t next_row_id_ = 0;
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
