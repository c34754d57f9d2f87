#pragma once
// CLI verbs of the iceberg area: validate (and normalize) table metadata, dump manifests and
// manifest lists as JSON lines, and apply partition transforms to JSON single values.

#include <cstdio>
#include <iostream>
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
  auto bytes = lakecodec::read_file(file);
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

inline int manifest(const args& a) {
  const std::string& file = a.positional[0];
  auto bytes = lakecodec::read_file(file);
  if (!bytes) return data_error(file, bytes.error());
  const lakecodec::byte_span span(bytes->data(), bytes->size());
  auto is_list = ice::is_manifest_list(span);
  if (!is_list) return data_error(file, is_list.error());
  if (*is_list) {
    auto l = ice::read_manifest_list(span);
    if (!l) return data_error(file, l.error());
    for (const ice::manifest_file& m : l->entries)
      write_line(ice::detail::dump_json(ice::manifest_file_to_json(m)));
    return exit_ok;
  }
  auto m = ice::read_manifest(span);
  if (!m) return data_error(file, m.error());
  for (const ice::manifest_entry& e : m->entries)
    write_line(ice::detail::dump_json(ice::manifest_entry_to_json(e, m->partition_type)));
  return exit_ok;
}

inline int transform(const args& a) {
  auto tr = ice::parse_transform(a.positional[0]);
  if (!tr || tr->kind == ice::transform_kind::unknown)
    return usage_error("unknown transform '" + a.positional[0] +
                           "' (identity, bucket[N], truncate[W], year, month, day, hour, void)",
                       "iceberg transform");
  if (!a.has("type")) return usage_error("--type TYPE is required", "iceberg transform");
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

inline void register_iceberg_commands(registry& r) {
  r.describe_group("iceberg",
                   "Inspect Iceberg table metadata and manifests; apply partition transforms");
  r.add({"iceberg validate",
         "Check table metadata JSON (v1-v3, plain or gzip) as Java does; exit 1 with the reason if "
         "invalid",
         "METADATA.json",
         {{"print", false, "write the normalized metadata JSON (Java key order) to stdout"},
          {"pretty", false, "with --print: indent the JSON"}},
         1,
         1,
         iceberg_cli::validate});
  r.add({"iceberg manifest",
         "Print a manifest's entries or a manifest list's manifests as JSON lines",
         "FILE.avro",
         {},
         1,
         1,
         iceberg_cli::manifest});
  r.add({"iceberg transform",
         "Apply a partition transform to values given as JSON single values; one result per line",
         "TRANSFORM VALUE...",
         {{"type", true, "source type, e.g. long, string, decimal(9,2), timestamptz"}},
         2,
         SIZE_MAX,
         iceberg_cli::transform});
}

}  // namespace lakecodec_cli
