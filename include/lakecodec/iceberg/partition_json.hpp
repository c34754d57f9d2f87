#pragma once
// Partition spec and sort order JSON (spec Appendix C): Java key order (partition field: name,
// transform, source-id, field-id; sort field: transform, source-id, direction, null-order).

#ifdef LAKECODEC_WITH_JSON

#include <string>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/partition.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

namespace detail {
template <class J>
status read_source_ids(const J& j, int32_t& source_id, std::vector<int32_t>& source_ids,
                       const std::string& what) {
  bool has_id = false, has_ids = false;
  LAKECODEC_TRY(opt_int(j, "source-id", source_id, has_id, what));
  LAKECODEC_TRY(opt_int_list(j, "source-ids", source_ids, has_ids, what));
  if (!has_id && !has_ids) return missing(what, "source-id");
  if (!has_id && source_ids.size() == 1) {  // single-argument transforms keep source-id only
    source_id = source_ids[0];
    source_ids.clear();
  } else if (has_ids && source_ids.size() == 1 && source_ids[0] == source_id) {
    source_ids.clear();
  }
  return {};
}
template <class J>
result<transform> read_transform(const J& j, const std::string& what) {
  std::string text;
  LAKECODEC_TRY(req_string(j, "transform", text, what));
  return parse_transform(text);
}
}  // namespace detail

/// Parses the fields array of a partition spec. `next_id` supplies v1's implicit field ids
/// (1000, 1001, ...) when "field-id" is absent.
template <class J>
result<std::vector<partition_field>> partition_fields_from_json(const J& arr) {
  if (!arr.is_array())
    return invalid_argument(std::string("iceberg: partition spec fields must be an array, got ") +
                            arr.type_name());
  std::vector<partition_field> out;
  int32_t next_id = partition_data_id_start;
  for (const J& f : arr) {
    if (!f.is_object()) return invalid_argument("iceberg: partition field must be an object");
    partition_field pf;
    const std::string what = "partition field " + std::to_string(out.size());
    LAKECODEC_TRY(detail::req_string(f, "name", pf.name, what));
    LAKECODEC_ASSIGN_OR_RETURN(pf.transform,
                               detail::read_transform(f, what + " ('" + pf.name + "')"));
    LAKECODEC_TRY(
        detail::read_source_ids(f, pf.source_id, pf.source_ids, what + " ('" + pf.name + "')"));
    bool has_field_id = false;
    LAKECODEC_TRY(detail::opt_int(f, "field-id", pf.field_id, has_field_id, what));
    if (!has_field_id) pf.field_id = next_id;
    next_id = pf.field_id + 1;
    out.push_back(std::move(pf));
  }
  return out;
}

/// Parses {"spec-id": N, "fields": [...]}.
template <class J>
result<partition_spec> partition_spec_from_json(const J& j) {
  partition_spec spec;
  LAKECODEC_TRY(detail::req_int(j, "spec-id", spec.spec_id, "partition spec"));
  const J* fields = detail::member(j, "fields");
  if (fields == nullptr)
    return detail::missing("partition spec " + std::to_string(spec.spec_id), "fields");
  LAKECODEC_ASSIGN_OR_RETURN(spec.fields, partition_fields_from_json(*fields));
  return spec;
}

/// The fields array (as Java writes it in v1 metadata and in manifest headers).
inline ordered_json partition_fields_to_json(const partition_spec& spec) {
  ordered_json arr = ordered_json::array();
  for (const partition_field& f : spec.fields) {
    ordered_json o = ordered_json::object();
    o["name"] = f.name;
    o["transform"] = transform_to_string(f.transform);
    if (f.source_ids.empty())
      o["source-id"] = f.source_id;
    else
      o["source-ids"] = f.source_ids;
    o["field-id"] = f.field_id;
    arr.push_back(std::move(o));
  }
  return arr;
}

inline ordered_json partition_spec_to_json(const partition_spec& spec) {
  ordered_json o = ordered_json::object();
  o["spec-id"] = spec.spec_id;
  o["fields"] = partition_fields_to_json(spec);
  return o;
}

/// Parses {"order-id": N, "fields": [{transform, source-id, direction, null-order}]}.
template <class J>
result<sort_order> sort_order_from_json(const J& j) {
  sort_order so;
  LAKECODEC_TRY(detail::req_int(j, "order-id", so.order_id, "sort order"));
  const J* fields = detail::member(j, "fields");
  const std::string what = "sort order " + std::to_string(so.order_id);
  if (fields == nullptr || !fields->is_array()) return detail::missing(what, "fields");
  for (const J& f : *fields) {
    sort_field sf;
    LAKECODEC_ASSIGN_OR_RETURN(sf.transform, detail::read_transform(f, what));
    LAKECODEC_TRY(detail::read_source_ids(f, sf.source_id, sf.source_ids, what));
    std::string dir, nulls;
    LAKECODEC_TRY(detail::req_string(f, "direction", dir, what));
    LAKECODEC_TRY(detail::req_string(f, "null-order", nulls, what));
    if (dir != "asc" && dir != "desc")
      return invalid_argument("iceberg: " + what + " direction must be asc or desc, got '" + dir +
                              "'");
    if (nulls != "nulls-first" && nulls != "nulls-last")
      return invalid_argument("iceberg: " + what +
                              " null-order must be nulls-first or nulls-last, got '" + nulls + "'");
    sf.direction = dir == "asc" ? sort_direction::asc : sort_direction::desc;
    sf.null_order = nulls == "nulls-first" ? null_order::nulls_first : null_order::nulls_last;
    so.fields.push_back(std::move(sf));
  }
  return so;
}

inline ordered_json sort_order_to_json(const sort_order& so) {
  ordered_json o = ordered_json::object();
  o["order-id"] = so.order_id;
  ordered_json arr = ordered_json::array();
  for (const sort_field& f : so.fields) {
    ordered_json e = ordered_json::object();
    e["transform"] = transform_to_string(f.transform);
    if (f.source_ids.empty())
      e["source-id"] = f.source_id;
    else
      e["source-ids"] = f.source_ids;
    e["direction"] = f.direction == sort_direction::asc ? "asc" : "desc";
    e["null-order"] = f.null_order == null_order::nulls_first ? "nulls-first" : "nulls-last";
    arr.push_back(std::move(e));
  }
  o["fields"] = std::move(arr);
  return o;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
