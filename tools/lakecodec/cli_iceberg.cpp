// CLI verbs of the iceberg area: validate (and normalize) table metadata, dump manifests and
// manifest lists as JSON lines, and apply partition transforms to JSON single values.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#include "cli.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"

namespace lakecodec_cli {

namespace iceberg_cli {
namespace ice = lakecodec::iceberg;

inline void write_line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

inline int validate(const args& a) {
  const std::string& file = a.positional[0];
  auto bytes = read_input(file);
  if (!bytes) return data_error(file, bytes.error());
  auto m = ice::parse_table_metadata_bytes(lakecodec::byte_span(bytes->data(), bytes->size()));
  if (!m) return data_error(file, m.error());
  if (a.has("print")) {
    write_line(ice::print_table_metadata(*m, a.has("pretty") ? 2 : -1));
  } else {
    std::cout << file << ": valid Iceberg v" << m->format_version << " table metadata ("
              << m->schemas.size() << " schema(s), " << m->specs.size() << " partition spec(s), "
              << m->snapshots.size() << " snapshot(s))\n";
  }
  return exit_ok;
}

/// Java's enum names (ManifestEntry.Status, FileContent).
inline const char* status_name(ice::entry_status s) {
  switch (s) {
    case ice::entry_status::existing: return "EXISTING";
    case ice::entry_status::added: return "ADDED";
    case ice::entry_status::deleted: return "DELETED";
  }
  return "UNKNOWN";
}
inline const char* content_name(ice::file_content c) {
  switch (c) {
    case ice::file_content::data: return "DATA";
    case ice::file_content::position_deletes: return "POSITION_DELETES";
    case ice::file_content::equality_deletes: return "EQUALITY_DELETES";
  }
  return "UNKNOWN";
}

/// Bounds keyed by field id, each decoded from its single-value binary form to the JSON
/// single-value form of its column's type; a bound whose column is unknown or nested, or that
/// does not decode, stays hex.
inline ice::ordered_json typed_bounds(const std::optional<ice::id_bytes_map>& m,
                                      const ice::schema& sc) {
  if (!m) return nullptr;
  ice::ordered_json o = ice::ordered_json::object();
  for (const auto& kv : *m) {
    const ice::nested_field* f = sc.find_field(kv.first);
    ice::ordered_json v = lakecodec::to_hex(kv.second);
    if (f != nullptr && f->type.is_primitive()) {
      auto lit = ice::from_bytes(f->type, kv.second);
      if (lit) v = ice::literal_to_json(f->type, *lit);
    }
    o[std::to_string(kv.first)] = std::move(v);
  }
  return o;
}

/// manifest_entry_to_json with statuses and contents as names and, given the table schema,
/// typed bounds (partitions are typed by the partition type already).
inline ice::ordered_json typed_entry_json(const ice::manifest_entry& e, const ice::type& part,
                                          const std::optional<ice::schema>& sc) {
  ice::ordered_json j = ice::manifest_entry_to_json(e, part);
  j["status"] = status_name(e.status);
  j["data_file"]["content"] = content_name(e.data_file.content);
  if (sc) {
    j["data_file"]["lower_bounds"] = typed_bounds(e.data_file.lower_bounds, *sc);
    j["data_file"]["upper_bounds"] = typed_bounds(e.data_file.upper_bounds, *sc);
  }
  return j;
}

/// Java's ManifestContent names.
inline const char* manifest_content_name(ice::manifest_content c) {
  switch (c) {
    case ice::manifest_content::data: return "DATA";
    case ice::manifest_content::deletes: return "DELETES";
  }
  return "UNKNOWN";
}

/// The partition tuple type of spec `spec_id` in `md`, bound to the current schema or, when a
/// source column has since been dropped, to the newest schema that still has every source
/// (Java binds each spec to the schema it was created with); nullopt when none resolves.
inline std::optional<ice::type> spec_partition_type(const ice::table_metadata& md,
                                                    int32_t spec_id) {
  const ice::partition_spec* spec = md.find_spec(spec_id);
  if (spec == nullptr) return std::nullopt;
  if (const ice::schema* cur = md.current_schema()) {
    auto t = ice::partition_type(*spec, *cur);
    if (t) return std::move(t).value();
  }
  for (auto it = md.schemas.rbegin(); it != md.schemas.rend(); ++it) {
    auto t = ice::partition_type(*spec, *it);
    if (t) return std::move(t).value();
  }
  return std::nullopt;
}

/// A summary bound decoded from its single-value binary form to the JSON single-value form of
/// the partition field's type; hex when it does not decode.
inline ice::ordered_json typed_bound(const std::optional<std::string>& b, const ice::type* t) {
  if (!b) return nullptr;
  if (t != nullptr && t->is_primitive()) {
    auto lit = ice::from_bytes(*t, *b);
    if (lit) return ice::literal_to_json(*t, *lit);
  }
  return lakecodec::to_hex(*b);
}

/// manifest_file_to_json with the content as a name and, given the table metadata, partition
/// summary bounds typed by the manifest's partition spec (ManifestFile.partitions() read with
/// spec.partitionType()).
inline ice::ordered_json typed_manifest_file_json(const ice::manifest_file& m,
                                                  const ice::table_metadata* md) {
  ice::ordered_json j = ice::manifest_file_to_json(m);
  j["content"] = manifest_content_name(m.content);
  if (md == nullptr || !m.partitions) return j;
  const std::optional<ice::type> part = spec_partition_type(*md, m.partition_spec_id);
  if (!part) return j;
  for (size_t i = 0; i < m.partitions->size(); ++i) {
    const ice::type* t = i < part->fields.size() ? &part->fields[i].type : nullptr;
    const ice::field_summary& s = (*m.partitions)[i];
    j["partitions"][i]["lower_bound"] = typed_bound(s.lower_bound, t);
    j["partitions"][i]["upper_bound"] = typed_bound(s.upper_bound, t);
  }
  return j;
}

inline int manifest(const args& a) {
  const std::string& file = a.positional[0];
  std::optional<ice::table_metadata> md;
  if (a.has("metadata")) {
    const std::string mpath = a.get("metadata");
    auto mbytes = read_input(mpath);
    if (!mbytes) return data_error(mpath, mbytes.error());
    auto parsed =
        ice::parse_table_metadata_bytes(lakecodec::byte_span(mbytes->data(), mbytes->size()));
    if (!parsed) return data_error(mpath, parsed.error());
    md = std::move(parsed).value();
  }
  auto bytes = read_input(file);
  if (!bytes) return data_error(file, bytes.error());
  const lakecodec::byte_span span(bytes->data(), bytes->size());
  auto is_list = ice::is_manifest_list(span);
  if (!is_list) return data_error(file, is_list.error());
  if (*is_list) {
    auto l = ice::read_manifest_list(span);
    if (!l) return data_error(file, l.error());
    for (const ice::manifest_file& m : l->entries)
      write_line(ice::detail::dump_json(typed_manifest_file_json(m, md ? &*md : nullptr)));
    return exit_ok;
  }
  auto m = ice::read_manifest(span);
  if (!m) return data_error(file, m.error());
  // The header carries the table schema as JSON: with it, bounds print as typed values. A
  // manifest without it (older writers) uses the --metadata current schema.
  std::optional<ice::schema> table_schema;
  for (const auto& kv : m->metadata)
    if (kv.first == "schema") {
      auto sc = ice::parse_schema(kv.second);
      if (sc) table_schema = std::move(sc).value();
    }
  if (!table_schema && md && md->current_schema() != nullptr) table_schema = *md->current_schema();
  for (const ice::manifest_entry& e : m->entries)
    write_line(ice::detail::dump_json(typed_entry_json(e, m->partition_type, table_schema)));
  return exit_ok;
}

/// The transform text in the lower case the library parses, accepting the forms Java's
/// Transforms.fromString accepts: the name is matched ignoring case ("BUCKET[16]", "Truncate[4]",
/// "Day"); the width stays as written.
inline std::string java_transform_text(const std::string& s) {
  std::string out = s;
  const size_t open = out.find('[');
  for (size_t i = 0; i < std::min(open, out.size()); ++i)
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  return out;
}

inline int transform(const args& a) {
  auto tr = ice::parse_transform(java_transform_text(a.positional[0]));
  if (!tr || tr->kind == ice::transform_kind::unknown)
    return usage_error("unknown transform '" + a.positional[0] +
                           "' (identity, bucket[N], truncate[W], year, month, day, hour, void)",
                       "iceberg transform");
  auto source = ice::parse_primitive_type(a.get("type"));
  if (!source) return usage_error(source.error().message(), "iceberg transform");
  auto result_type = ice::transform_result_type(*tr, *source);
  if (!result_type) return usage_error(result_type.error().message(), "iceberg transform");
  for (size_t i = 1; i < a.positional.size(); ++i) {
    const std::string& text = a.positional[i];
    auto j = ice::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded())
      return data_error("", lakecodec::invalid_argument(
                                "value '" + text + "' is not JSON (quote strings: '\"abc\"')"));
    auto v = ice::literal_from_json(*source, j);
    if (!v) return data_error("", v.error());
    auto r = ice::apply_transform(*tr, *source, *v);
    if (!r) return data_error("", r.error());
    write_line(ice::detail::dump_json(ice::literal_to_json(*result_type, *r)));
  }
  return exit_ok;
}
}  // namespace iceberg_cli

void register_iceberg_commands(registry& r) {
  r.describe_group("iceberg",
                   "Inspect Iceberg table metadata and manifests; apply partition transforms");
  r.add({"iceberg validate",
         "Check table metadata JSON (v1-v3, plain or gzip) as Java does; exit 1 with the reason if "
         "invalid",
         "METADATA.json|-",
         {opt::flag("print", "write the normalized metadata JSON (Java key order) to stdout"),
          opt::flag("pretty", "with --print: indent the JSON (default: compact)")},
         1,
         1,
         iceberg_cli::validate});
  r.add({"iceberg manifest",
         "Print a manifest's entries (statuses as names, partitions and bounds as typed values) or "
         "a manifest list's manifests (summaries typed with --metadata) as JSON lines",
         "FILE.avro|-",
         {opt::path("metadata",
                    "table metadata: types a manifest list's partition summaries (and the bounds "
                    "of a manifest whose header has no schema)")
              .metavar("METADATA.json")},
         1,
         1,
         iceberg_cli::manifest});
  r.add({"iceberg transform",
         "Apply a partition transform (identity, bucket[N], truncate[W], year, month, day, hour, "
         "void; any case, as Java) to JSON single values; one result per line",
         "TRANSFORM VALUE...",
         {opt::text("type", "source type, e.g. long, string, decimal(9,2), timestamptz")
              .metavar("TYPE")
              .required()},
         2,
         SIZE_MAX,
         iceberg_cli::transform});
}

}  // namespace lakecodec_cli
