#pragma once
// Partition specs and sort orders (spec "Partitioning", "Sorting", Appendix C): the model, the
// partition tuple type, human-readable partition values and Hive-style partition paths with
// Java's escaping. JSON parse/print lives in partition_json.hpp.

#include <cstdint>
#include <string>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/transforms.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// First partition field id (Java PartitionSpec.PARTITION_DATA_ID_START); an unpartitioned
/// table's last-partition-id is 999.
constexpr int32_t partition_data_id_start = 1000;

/// One partition field. `source_ids` is set (and written) only for multi-argument transforms
/// (v3); `source_id` otherwise.
struct partition_field {
  int32_t source_id = 0;
  std::vector<int32_t> source_ids;
  int32_t field_id = 0;
  std::string name;
  iceberg::transform transform;

  friend bool operator==(const partition_field& a, const partition_field& b) {
    return a.source_id == b.source_id && a.source_ids == b.source_ids && a.field_id == b.field_id &&
           a.name == b.name && a.transform == b.transform;
  }
};

struct partition_spec {
  int32_t spec_id = 0;
  std::vector<partition_field> fields;

  bool is_unpartitioned() const noexcept {
    for (const partition_field& f : fields)
      if (f.transform.kind != transform_kind::void_) return false;
    return true;
  }
  /// The highest partition field id, or 999 when there are none.
  int32_t last_assigned_field_id() const noexcept {
    int32_t m = partition_data_id_start - 1;
    for (const partition_field& f : fields)
      if (f.field_id > m) m = f.field_id;
    return m;
  }
  friend bool operator==(const partition_spec& a, const partition_spec& b) {
    return a.spec_id == b.spec_id && a.fields == b.fields;
  }
};

enum class sort_direction : uint8_t { asc, desc };
enum class null_order : uint8_t { nulls_first, nulls_last };

struct sort_field {
  iceberg::transform transform;
  int32_t source_id = 0;
  std::vector<int32_t> source_ids;
  sort_direction direction = sort_direction::asc;
  iceberg::null_order null_order = null_order::nulls_first;

  friend bool operator==(const sort_field& a, const sort_field& b) {
    return a.transform == b.transform && a.source_id == b.source_id &&
           a.source_ids == b.source_ids && a.direction == b.direction &&
           a.null_order == b.null_order;
  }
};

/// A sort order; order id 0 with no fields is "unsorted".
struct sort_order {
  int32_t order_id = 0;
  std::vector<sort_field> fields;
  friend bool operator==(const sort_order& a, const sort_order& b) {
    return a.order_id == b.order_id && a.fields == b.fields;
  }
};

/// The partition tuple type of `spec` over `s`: a struct with one optional field per partition
/// field (id = partition field id, type = transform result type). Errors name the field whose
/// source id does not resolve or whose transform does not apply. Unknown transforms are an
/// error (writers must not write under them).
inline result<type> partition_type(const partition_spec& spec, const schema& s) {
  std::vector<nested_field> out;
  for (const partition_field& pf : spec.fields) {
    const nested_field* src = s.find_field(pf.source_id);
    if (src == nullptr)
      return invalid_argument("iceberg: partition field '" + pf.name + "' has source-id " +
                              std::to_string(pf.source_id) + " which is not in schema " +
                              std::to_string(s.schema_id));
    auto rt = transform_result_type(pf.transform, src->type);
    if (!rt) return rt.error().with_context("partition field '" + pf.name + "'");
    out.push_back(types::field(pf.field_id, pf.name, std::move(rt).value(), false));
  }
  return types::struct_(std::move(out));
}

namespace detail {
inline std::string base64(std::string_view in) {
  static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v =
        (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    out += tbl[v >> 18];
    out += tbl[(v >> 12) & 63];
    out += tbl[(v >> 6) & 63];
    out += tbl[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += tbl[v >> 18];
    out += tbl[(v >> 12) & 63];
    out += i + 1 < in.size() ? tbl[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}
}  // namespace detail

/// The human-readable string of a transformed value (Java Transform.toHumanString): year
/// "2017", month "2017-12", day "2017-12-01", hour "2017-12-01-18", ISO dates/times/timestamps
/// for identity, base64 for binary/fixed, "null" for null.
inline std::string human_string(const transform& t, const type& source, const literal& v) {
  if (v.is_null) return "null";
  switch (t.kind) {
    case transform_kind::year: return std::to_string(1970 + v.i);
    case transform_kind::month: {
      const int64_t y = 1970 + detail::floor_div(v.i, 12), m = detail::floor_mod(v.i, 12) + 1;
      std::string out;
      detail::append_padded(out, y, 4);
      out += '-';
      detail::append_padded(out, m, 2);
      return out;
    }
    case transform_kind::day: return format_date(v.i);
    case transform_kind::hour: {
      std::string out = format_date(detail::floor_div(v.i, 24)) + "-";
      detail::append_padded(out, detail::floor_mod(v.i, 24), 2);
      return out;
    }
    case transform_kind::bucket: return std::to_string(v.i);
    default: break;
  }
  switch (source.kind) {
    case type_kind::binary:
    case type_kind::fixed: return detail::base64(v.bytes);
    case type_kind::float_:
    case type_kind::double_: {
      std::string s = std::to_string(v.d);
      return s;
    }
    default: return literal_to_text(source, v);
  }
}

/// URL-escapes like java.net.URLEncoder (UTF-8): letters, digits and ".-*_" kept, space as '+',
/// every other byte as %XX (upper-case hex). Java's partitionToPath escapes names and values so.
inline std::string escape_partition_text(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

/// "name=value/name2=value2" for a partition tuple (values already transformed, one per spec
/// field, typed by partition_type). Java PartitionSpec.partitionToPath.
inline result<std::string> partition_path(const partition_spec& spec, const schema& s,
                                          const std::vector<literal>& values) {
  if (values.size() != spec.fields.size())
    return invalid_argument("iceberg: partition tuple has " + std::to_string(values.size()) +
                            " values, the spec has " + std::to_string(spec.fields.size()) +
                            " fields");
  std::string out;
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    const partition_field& pf = spec.fields[i];
    const nested_field* src = s.find_field(pf.source_id);
    if (src == nullptr)
      return invalid_argument("iceberg: partition field '" + pf.name + "' source-id " +
                              std::to_string(pf.source_id) + " does not resolve");
    if (i) out += '/';
    out += escape_partition_text(pf.name);
    out += '=';
    out += escape_partition_text(human_string(pf.transform, src->type, values[i]));
  }
  return out;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
