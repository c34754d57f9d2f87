#pragma once
// Iceberg manifest and manifest list readers (spec "Manifests", "Manifest Lists"). Both resolve
// the writer schema once per file into the Iceberg field id of every field (manifest_schema.hpp
// names them) and then decode each block with the typed Avro decoder, switching on those ids,
// so files from Java, Spark, pyiceberg and DuckDB (whose field names and orders differ) all
// decode, without a generic Avro value per record.

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/manifest_schema.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

namespace detail {
inline const avro::node& unwrap_optional(const avro::node& n) {
  if (n.type == avro::type::union_)
    for (const avro::node* b : n.branches)
      if (b->type != avro::type::null) return *b;
  return n;
}
inline int32_t avro_field_id(const avro::record_field& f) {
  const avro::json_value* id = f.attribute("field-id");
  return id && id->is_integer() ? static_cast<int32_t>(id->as_int()) : -1;
}
/// Position of the field carrying Iceberg `id` in record `rec`, or -1.
inline int id_pos(const avro::node& rec, int32_t id) {
  for (size_t i = 0; i < rec.fields.size(); ++i)
    if (avro_field_id(rec.fields[i]) == id) return static_cast<int>(i);
  return -1;
}

/// The Iceberg type a partition field was written with, from its Avro schema and logical type.
inline result<type> iceberg_type_of_avro(const avro::node& n0) {
  const avro::node& n = unwrap_optional(n0);
  auto adjusted = [&]() {
    const avro::json_value* a = n.attribute("adjust-to-utc");
    return a && a->is_bool() && a->as_bool();
  };
  switch (n.type) {
    case avro::type::boolean: return types::boolean();
    case avro::type::int_:
      return n.logical == avro::logical_type::date ? types::date() : types::int_();
    case avro::type::long_:
      switch (n.logical) {
        case avro::logical_type::time_micros: return types::time();
        case avro::logical_type::timestamp_micros:
          return adjusted() ? types::timestamptz() : types::timestamp();
        case avro::logical_type::local_timestamp_micros: return types::timestamp();
        case avro::logical_type::timestamp_nanos:
          return adjusted() ? types::timestamptz_ns() : types::timestamp_ns();
        case avro::logical_type::local_timestamp_nanos: return types::timestamp_ns();
        default: return types::long_();
      }
    case avro::type::float_: return types::float_();
    case avro::type::double_: return types::double_();
    case avro::type::string:
      return n.logical == avro::logical_type::uuid ? types::uuid() : types::string();
    case avro::type::bytes:
      if (n.logical == avro::logical_type::decimal) return types::decimal(n.precision, n.scale);
      return types::binary();
    case avro::type::fixed:
      if (n.logical == avro::logical_type::decimal) return types::decimal(n.precision, n.scale);
      if (n.logical == avro::logical_type::uuid || (n.size == 16 && n.name == "uuid_fixed"))
        return types::uuid();
      return types::fixed(static_cast<int32_t>(n.size));
    default:
      return corrupt_data(std::string("iceberg: partition field of Avro type ") +
                          avro::type_name(n.type) + " has no Iceberg equivalent");
  }
}

/// Reads a union index when `n` is a union; the branch to decode, or nullptr for null.
inline const avro::node* read_branch(const avro::node& n, avro::decoder& d) {
  if (n.type != avro::type::union_) return n.type == avro::type::null ? nullptr : &n;
  const int32_t idx = d.read_union_index(n.branches.size());
  if (!d.ok()) return nullptr;
  const avro::node* b = n.branches[static_cast<size_t>(idx)];
  return b->type == avro::type::null ? nullptr : b;
}
inline std::optional<int64_t> read_opt_integral(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type == avro::type::int_ || b->type == avro::type::long_) return d.read_long();
  (void)avro::skip(*b, d);
  return std::nullopt;
}
inline std::optional<std::string_view> read_opt_text(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type == avro::type::string || b->type == avro::type::bytes) return d.read_bytes();
  if (b->type == avro::type::fixed) return d.read_fixed(static_cast<size_t>(b->size));
  (void)avro::skip(*b, d);
  return std::nullopt;
}

/// One partition value of Iceberg type `t` written with Avro schema `n`.
inline literal read_partition_value(const type& t, const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return literal::null();
  switch (b->type) {
    case avro::type::boolean: return literal::of_int(d.read_boolean());
    case avro::type::int_:
    case avro::type::long_: return literal::of_int(d.read_long());
    case avro::type::float_: return literal::of_double(d.read_float());
    case avro::type::double_: return literal::of_double(d.read_double());
    case avro::type::string:
    case avro::type::bytes:
    case avro::type::fixed: {
      const std::string_view v = b->type == avro::type::fixed
                                     ? d.read_fixed(static_cast<size_t>(b->size))
                                     : d.read_bytes();
      if (t.kind == type_kind::decimal)
        return literal::of_decimal(v.size() <= 16 ? from_be_bytes(v) : 0);
      if (t.kind == type_kind::uuid && b->type == avro::type::string) {
        auto u = parse_uuid(v);
        return u ? literal::of_bytes(*u) : literal::null();
      }
      return literal::of_bytes(v);
    }
    default: (void)avro::skip(*b, d); return literal::null();
  }
}

/// The `format-version` header value: 1, 2 or 3 (Iceberg spec "Format Versioning"); anything
/// else, including garbage and out-of-range numbers, is corrupt_data.
inline result<int> parse_format_version(const std::string& text, const char* what) {
  auto v = json::parse_int32(text, std::string("iceberg: ") + what + " format-version");
  if (!v.has_value()) return corrupt_data(v.error().message());
  if (*v < 1 || *v > 3)
    return corrupt_data(std::string("iceberg: ") + what + " format-version " + text +
                        " is not 1, 2 or 3");
  return static_cast<int>(*v);
}

/// An int-keyed map written as an array of key/value records (Iceberg's form) or as an Avro
/// map with string keys.
template <class V, class F>
std::optional<std::vector<std::pair<int32_t, V>>> read_id_map(const avro::node& n, avro::decoder& d,
                                                              F&& conv) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  std::vector<std::pair<int32_t, V>> out;
  if (b->type == avro::type::map && b->values) {
    for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1)) {
      for (int64_t i = 0; i < c && d.ok(); ++i) {
        const std::string_view key = d.read_bytes();
        if (!d.ok()) break;
        auto id = json::parse_int32(key, "iceberg: metrics map key (a field id)");
        if (!id.has_value()) {
          d.fail(corrupt_data(id.error().message(), d.offset()));
          break;
        }
        out.emplace_back(*id, conv(*b->values, d));
      }
    }
    return out;
  }
  if (b->type != avro::type::array || b->items == nullptr) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  const avro::node& rec = unwrap_optional(*b->items);
  if (rec.type != avro::type::record) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  const int kp = rec.field_index("key"), vp = rec.field_index("value");
  for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1)) {
    if (out.empty()) out.reserve(static_cast<size_t>(c));  // growing per block would be quadratic
    for (int64_t i = 0; i < c && d.ok(); ++i) {
      if (b->items->type == avro::type::union_ && read_branch(*b->items, d) == nullptr) continue;
      int32_t key = 0;
      V value{};
      for (int f = 0; f < static_cast<int>(rec.fields.size()); ++f) {
        const avro::node& ft = *rec.fields[static_cast<size_t>(f)].type;
        if (f == kp)
          key = static_cast<int32_t>(read_opt_integral(ft, d).value_or(0));
        else if (f == vp)
          value = conv(ft, d);
        else
          (void)avro::skip(ft, d);
      }
      out.emplace_back(key, std::move(value));
    }
  }
  return out;
}
inline int64_t conv_count(const avro::node& n, avro::decoder& d) {
  return read_opt_integral(n, d).value_or(0);
}
inline std::string conv_bytes(const avro::node& n, avro::decoder& d) {
  auto v = read_opt_text(n, d);
  return v ? std::string(*v) : std::string();
}
template <class T>
std::optional<std::vector<T>> read_long_array(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type != avro::type::array || b->items == nullptr) {
    (void)avro::skip(*b, d);
    return std::nullopt;
  }
  std::vector<T> out;
  for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1))
    for (int64_t i = 0; i < c && d.ok(); ++i)
      out.push_back(static_cast<T>(read_opt_integral(*b->items, d).value_or(0)));
  return out;
}

/// Reads an optional boolean (a non-boolean branch is skipped and reads as absent).
inline std::optional<bool> read_opt_bool(const avro::node& n, avro::decoder& d) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return std::nullopt;
  if (b->type == avro::type::boolean) return d.read_boolean();
  (void)avro::skip(*b, d);
  return std::nullopt;
}

/// The Iceberg field id of every field of `rec`, in encoding order (-1 where none is given).
inline std::vector<int32_t> field_ids_of(const avro::node& rec) {
  std::vector<int32_t> ids;
  ids.reserve(rec.fields.size());
  for (const avro::record_field& f : rec.fields) ids.push_back(avro_field_id(f));
  return ids;
}

/// The record a field of `rec` with Iceberg `id` holds (through an optional union), or nullptr
/// when `rec` has no such field or it is not a record.
inline const avro::node* record_field_record(const avro::node& rec, int32_t id) {
  const int pos = id_pos(rec, id);
  if (pos < 0) return nullptr;
  const avro::node& n = unwrap_optional(*rec.fields[static_cast<size_t>(pos)].type);
  return n.type == avro::type::record ? &n : nullptr;
}

/// A writer schema resolved once per file: the records the decoder meets and the Iceberg field
/// id of each of their fields. Decoding switches on these ids, so field order and names do not
/// matter; a record other than the planned one (another union branch) is corrupt data.
struct entry_plan {
  const avro::node* root = nullptr;       // manifest_entry
  const avro::node* df = nullptr;         // r2
  const avro::node* partition = nullptr;  // r102, or nullptr when the file has none
  std::vector<int32_t> root_ids;
  std::vector<int32_t> df_ids;
  const type* partition_type = nullptr;  // one field per field of `partition`
};
struct list_plan {
  const avro::node* root = nullptr;     // manifest_file
  const avro::node* summary = nullptr;  // r508, or nullptr when the file has no partitions
  std::vector<int32_t> root_ids;
  std::vector<int32_t> summary_ids;
};

inline status read_data_file(const entry_plan& p, const avro::node& df, avro::decoder& d,
                             data_file& f) {
  namespace id = field_id::data_file;
  if (&df != p.df)
    return corrupt_data("iceberg: data_file is not the record the schema plan expects", d.offset());
  for (size_t i = 0; i < df.fields.size() && d.ok(); ++i) {
    const avro::node& t = *df.fields[i].type;
    switch (p.df_ids[i]) {
      case id::content: {
        const int64_t c = read_opt_integral(t, d).value_or(0);
        if (c < 0 || c > 2)
          return corrupt_data(
              "iceberg: data file content " + std::to_string(c) + " is not 0, 1 or 2", d.offset());
        f.content = static_cast<file_content>(c);
        break;
      }
      case id::file_path: f.file_path = std::string(read_opt_text(t, d).value_or("")); break;
      case id::file_format: f.file_format = std::string(read_opt_text(t, d).value_or("")); break;
      case id::partition: {
        const avro::node* pr = read_branch(t, d);
        if (pr == nullptr) break;
        if (pr != p.partition)
          return corrupt_data("iceberg: partition is not the record the schema declares",
                              d.offset());
        f.partition.reserve(pr->fields.size());
        for (size_t k = 0; k < pr->fields.size(); ++k)
          f.partition.push_back(
              read_partition_value(p.partition_type->fields[k].type, *pr->fields[k].type, d));
        break;
      }
      case id::record_count: f.record_count = read_opt_integral(t, d).value_or(0); break;
      case id::file_size_in_bytes:
        f.file_size_in_bytes = read_opt_integral(t, d).value_or(0);
        break;
      case id::column_sizes: f.column_sizes = read_id_map<int64_t>(t, d, conv_count); break;
      case id::value_counts: f.value_counts = read_id_map<int64_t>(t, d, conv_count); break;
      case id::null_value_counts:
        f.null_value_counts = read_id_map<int64_t>(t, d, conv_count);
        break;
      case id::nan_value_counts: f.nan_value_counts = read_id_map<int64_t>(t, d, conv_count); break;
      case id::lower_bounds: f.lower_bounds = read_id_map<std::string>(t, d, conv_bytes); break;
      case id::upper_bounds: f.upper_bounds = read_id_map<std::string>(t, d, conv_bytes); break;
      case id::key_metadata:
        if (auto v = read_opt_text(t, d)) f.key_metadata = std::string(*v);
        break;
      case id::split_offsets: f.split_offsets = read_long_array<int64_t>(t, d); break;
      case id::equality_ids: f.equality_ids = read_long_array<int32_t>(t, d); break;
      case id::sort_order_id:
        if (auto v = read_opt_integral(t, d)) f.sort_order_id = static_cast<int32_t>(*v);
        break;
      case id::first_row_id: f.first_row_id = read_opt_integral(t, d); break;
      case id::referenced_data_file:
        if (auto v = read_opt_text(t, d)) f.referenced_data_file = std::string(*v);
        break;
      case id::content_offset: f.content_offset = read_opt_integral(t, d); break;
      case id::content_size_in_bytes: f.content_size_in_bytes = read_opt_integral(t, d); break;
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

inline status read_entry(const entry_plan& p, avro::decoder& d, manifest_entry& e) {
  namespace id = field_id::entry;
  for (size_t i = 0; i < p.root->fields.size() && d.ok(); ++i) {
    const avro::node& t = *p.root->fields[i].type;
    switch (p.root_ids[i]) {
      case id::status: {
        const int64_t st = read_opt_integral(t, d).value_or(-1);
        if (!d.ok()) break;
        if (st < 0 || st > 2)
          return corrupt_data(
              "iceberg: manifest entry status " + std::to_string(st) + " is not 0, 1 or 2",
              d.offset());
        e.status = static_cast<entry_status>(st);
        break;
      }
      case id::snapshot_id: e.snapshot_id = read_opt_integral(t, d); break;
      case id::sequence_number: e.sequence_number = read_opt_integral(t, d); break;
      case id::file_sequence_number: e.file_sequence_number = read_opt_integral(t, d); break;
      case id::data_file: {
        const avro::node* df = read_branch(t, d);
        if (!d.ok()) break;
        if (df == nullptr)
          return corrupt_data("iceberg: manifest entry has a null data_file", d.offset());
        LAKECODEC_TRY(read_data_file(p, *df, d, e.data_file));
        break;
      }
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

inline status read_field_summary(const list_plan& p, const avro::node& s, avro::decoder& d,
                                 field_summary& fs) {
  namespace id = field_id::field_summary;
  if (&s != p.summary)
    return corrupt_data("iceberg: partition summary is not the record the schema declares",
                        d.offset());
  for (size_t k = 0; k < s.fields.size() && d.ok(); ++k) {
    const avro::node& t = *s.fields[k].type;
    switch (p.summary_ids[k]) {
      case id::contains_null: fs.contains_null = read_opt_bool(t, d).value_or(false); break;
      case id::contains_nan: fs.contains_nan = read_opt_bool(t, d); break;
      case id::lower_bound:
        if (auto v = read_opt_text(t, d)) fs.lower_bound = std::string(*v);
        break;
      case id::upper_bound:
        if (auto v = read_opt_text(t, d)) fs.upper_bound = std::string(*v);
        break;
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

/// The `partitions` array of a manifest_file (field 507): absent when null.
inline status read_field_summaries(const list_plan& p, const avro::node& n, avro::decoder& d,
                                   std::optional<std::vector<field_summary>>& out) {
  const avro::node* b = read_branch(n, d);
  if (b == nullptr) return d.error();
  if (b->type != avro::type::array || b->items == nullptr) return avro::skip(*b, d);
  std::vector<field_summary> parts;
  for (int64_t c = d.read_block_count(1); c > 0 && d.ok(); c = d.read_block_count(1)) {
    for (int64_t i = 0; i < c && d.ok(); ++i) {
      field_summary fs;
      const avro::node* s = read_branch(*b->items, d);
      if (s != nullptr) LAKECODEC_TRY(read_field_summary(p, *s, d, fs));
      parts.push_back(std::move(fs));
    }
  }
  out = std::move(parts);
  return d.error();
}

inline status read_manifest_file(const list_plan& p, avro::decoder& d, manifest_file& m) {
  namespace id = field_id::manifest_file;
  auto opt_int32 = [](std::optional<int64_t> v) -> std::optional<int32_t> {
    if (!v) return std::nullopt;
    return static_cast<int32_t>(*v);
  };
  for (size_t i = 0; i < p.root->fields.size() && d.ok(); ++i) {
    const avro::node& t = *p.root->fields[i].type;
    switch (p.root_ids[i]) {
      case id::manifest_path:
        m.manifest_path = std::string(read_opt_text(t, d).value_or(""));
        break;
      case id::manifest_length: m.manifest_length = read_opt_integral(t, d).value_or(0); break;
      case id::partition_spec_id:
        m.partition_spec_id = static_cast<int32_t>(read_opt_integral(t, d).value_or(0));
        break;
      case id::content: {
        const int64_t c = read_opt_integral(t, d).value_or(0);
        if (!d.ok()) break;
        if (c < 0 || c > 1)
          return corrupt_data("iceberg: manifest content " + std::to_string(c) + " is not 0 or 1",
                              d.offset());
        m.content = static_cast<manifest_content>(c);
        break;
      }
      case id::sequence_number: m.sequence_number = read_opt_integral(t, d).value_or(0); break;
      case id::min_sequence_number:
        m.min_sequence_number = read_opt_integral(t, d).value_or(0);
        break;
      case id::added_snapshot_id: m.added_snapshot_id = read_opt_integral(t, d).value_or(0); break;
      case id::added_files_count: m.added_files_count = opt_int32(read_opt_integral(t, d)); break;
      case id::existing_files_count:
        m.existing_files_count = opt_int32(read_opt_integral(t, d));
        break;
      case id::deleted_files_count:
        m.deleted_files_count = opt_int32(read_opt_integral(t, d));
        break;
      case id::added_rows_count: m.added_rows_count = read_opt_integral(t, d); break;
      case id::existing_rows_count: m.existing_rows_count = read_opt_integral(t, d); break;
      case id::deleted_rows_count: m.deleted_rows_count = read_opt_integral(t, d); break;
      case id::partitions: LAKECODEC_TRY(read_field_summaries(p, t, d, m.partitions)); break;
      case id::key_metadata:
        if (auto v = read_opt_text(t, d)) m.key_metadata = std::string(*v);
        break;
      case id::first_row_id: m.first_row_id = read_opt_integral(t, d); break;
      default: LAKECODEC_TRY(avro::skip(t, d));
    }
  }
  return d.error();
}

/// Decodes every record of a container with `decode(decoder, Entry&)`, block by block, checking
/// each block's count against its size and that its records use up exactly its bytes.
template <class Entry, class Decode>
status read_records(avro::container_reader& r, const char* what, std::vector<Entry>& out,
                    Decode&& decode) {
  avro::block_view block;
  while (true) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next_block(block));
    if (!more) return {};
    if (static_cast<uint64_t>(block.count) > block.data.size)
      return corrupt_data(std::string("iceberg: ") + what + " block claims " +
                              std::to_string(block.count) + " entries in " +
                              std::to_string(block.data.size) + " bytes",
                          block.offset);
    avro::decoder d(block.data, block.offset, r.input_limits());
    for (int64_t k = 0; k < block.count; ++k) {
      Entry e;
      LAKECODEC_TRY(decode(d, e));
      out.push_back(std::move(e));
    }
    if (!d.ok()) return d.error();
    if (!d.at_end())
      return corrupt_data(std::string("iceberg: ") + what + " block has " +
                              std::to_string(d.remaining()) + " bytes after its " +
                              std::to_string(block.count) + " entries",
                          d.offset());
  }
}
}  // namespace detail

/// Decodes a manifest file held in memory (spec "Manifests"). Fields are found by Iceberg field
/// id (names and orders of older writers differ); missing optional fields read as absent.
/// Errors: Avro container errors (truncation, bad codec), corrupt_data when a required field
/// (status, data_file, file_path, record_count, file_size_in_bytes) is missing from the schema.
inline result<manifest> read_manifest(byte_span file) {
  namespace id = field_id;
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  manifest out;
  out.metadata = r.metadata();
  if (const std::string* fv = r.metadata("format-version")) {
    LAKECODEC_ASSIGN_OR_RETURN(out.format_version, detail::parse_format_version(*fv, "manifest"));
  }
  if (const std::string* c = r.metadata("content"))
    out.content = *c == "deletes" ? manifest_content::deletes : manifest_content::data;
  const avro::node& root = r.writer_schema().root();
  if (root.type != avro::type::record)
    return corrupt_data("iceberg: manifest schema is not a record");
  if (detail::id_pos(root, id::entry::status) < 0 || detail::id_pos(root, id::entry::data_file) < 0)
    return corrupt_data(
        "iceberg: manifest schema lacks status (field id 0) or data_file (field id 2)");
  const avro::node* df = detail::record_field_record(root, id::entry::data_file);
  if (df == nullptr) return corrupt_data("iceberg: data_file (field id 2) is not a record");
  auto has = [&](int32_t field) { return detail::id_pos(*df, field) >= 0; };
  if (r.metadata("format-version") == nullptr)  // some writers omit it: infer from the fields
    out.format_version =
        has(id::data_file::first_row_id) ? 3
        : (has(id::data_file::content) || detail::id_pos(root, id::entry::sequence_number) >= 0)
            ? 2
            : 1;
  if (!has(id::data_file::file_path) || !has(id::data_file::record_count) ||
      !has(id::data_file::file_size_in_bytes))
    return corrupt_data(
        "iceberg: data_file lacks file_path (100), record_count (103) or file_size_in_bytes (104)");
  out.partition_type = types::struct_({});
  const avro::node* pr = nullptr;
  if (has(id::data_file::partition)) {
    pr = detail::record_field_record(*df, id::data_file::partition);
    if (pr == nullptr) return corrupt_data("iceberg: partition (field id 102) is not a record");
    for (const avro::record_field& f : pr->fields) {
      LAKECODEC_ASSIGN_OR_RETURN(type t, detail::iceberg_type_of_avro(*f.type));
      std::string name = f.name;
      if (const avro::json_value* orig = f.attribute("iceberg-field-name"))
        if (orig->is_string()) name = orig->as_string();
      out.partition_type.fields.push_back(types::field(detail::avro_field_id(f), name, t));
    }
  }
  detail::entry_plan plan;
  plan.root = &root;
  plan.df = df;
  plan.partition = pr;
  plan.root_ids = detail::field_ids_of(root);
  plan.df_ids = detail::field_ids_of(*df);
  plan.partition_type = &out.partition_type;
  LAKECODEC_TRY(detail::read_records(
      r, "manifest", out.entries,
      [&](avro::decoder& d, manifest_entry& e) { return detail::read_entry(plan, d, e); }));
  return out;
}

/// Decodes a manifest list held in memory (spec "Manifest Lists"), resolving fields by id as
/// read_manifest does (older Java names such as added_data_files_count are accepted). Errors:
/// Avro container errors, corrupt_data when manifest_path, manifest_length, partition_spec_id or
/// added_snapshot_id is missing from the schema or a value is out of range.
inline result<manifest_list> read_manifest_list(byte_span file) {
  namespace id = field_id::manifest_file;
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  manifest_list out;
  out.metadata = r.metadata();
  if (const std::string* fv = r.metadata("format-version")) {
    LAKECODEC_ASSIGN_OR_RETURN(out.format_version,
                               detail::parse_format_version(*fv, "manifest list"));
  }
  const avro::node& root = r.writer_schema().root();
  if (root.type != avro::type::record)
    return corrupt_data("iceberg: manifest list schema is not a record");
  auto has = [&](int32_t field) { return detail::id_pos(root, field) >= 0; };
  if (r.metadata("format-version") == nullptr)  // some writers omit it: infer from the fields
    out.format_version = has(id::first_row_id) ? 3 : has(id::content) ? 2 : 1;
  if (!has(id::manifest_path) || !has(id::manifest_length) || !has(id::partition_spec_id) ||
      !has(id::added_snapshot_id))
    return corrupt_data(
        "iceberg: manifest list schema lacks manifest_path (500), manifest_length (501), "
        "partition_spec_id (502) or added_snapshot_id (503)");
  detail::list_plan plan;
  plan.root = &root;
  plan.root_ids = detail::field_ids_of(root);
  if (has(id::partitions)) {
    const avro::node& arr = detail::unwrap_optional(
        *root.fields[static_cast<size_t>(detail::id_pos(root, id::partitions))].type);
    if (arr.type == avro::type::array && arr.items) {
      const avro::node& s = detail::unwrap_optional(*arr.items);
      if (s.type == avro::type::record) {
        plan.summary = &s;
        plan.summary_ids = detail::field_ids_of(s);
      }
    }
  }
  LAKECODEC_TRY(detail::read_records(
      r, "manifest list", out.entries,
      [&](avro::decoder& d, manifest_file& m) { return detail::read_manifest_file(plan, d, m); }));
  return out;
}

/// True when an Avro container's schema is a manifest list (it carries field id 500,
/// manifest_path).
inline result<bool> is_manifest_list(byte_span file) {
  LAKECODEC_ASSIGN_OR_RETURN(avro::container_reader r, avro::container_reader::open(file));
  const avro::node& root = r.writer_schema().root();
  return root.type == avro::type::record &&
         detail::id_pos(root, field_id::manifest_file::manifest_path) >= 0;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
