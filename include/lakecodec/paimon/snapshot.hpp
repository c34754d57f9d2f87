#pragma once
// Paimon snapshot JSON (`snapshot/snapshot-<id>`, Snapshot.java, version 3): every field, unknown
// keys ignored, optional fields omitted when absent.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/core/json.hpp"
#endif

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// One snapshot (`Snapshot.java`). `commit_kind` is APPEND, COMPACT, OVERWRITE or ANALYZE.
struct snapshot {
  int32_t version = 3;
  std::optional<std::string> uuid;
  int64_t id = 0;
  int64_t schema_id = 0;
  std::string base_manifest_list;
  std::optional<int64_t> base_manifest_list_size;
  std::string delta_manifest_list;
  std::optional<int64_t> delta_manifest_list_size;
  std::optional<std::string> changelog_manifest_list;
  std::optional<int64_t> changelog_manifest_list_size;
  std::optional<std::string> index_manifest;
  std::string commit_user;
  std::optional<int32_t> writer_version;
  /// Batch commits use Long.MAX_VALUE.
  int64_t commit_identifier = 9223372036854775807;
  std::string commit_kind = "APPEND";
  int64_t time_millis = 0;
  std::optional<int64_t> total_record_count;
  std::optional<int64_t> delta_record_count;
  std::optional<int64_t> changelog_record_count;
  std::optional<int64_t> watermark;
  std::optional<std::string> statistics;
  std::optional<std::vector<std::pair<std::string, std::string>>> properties;
  std::optional<int64_t> next_row_id;
  std::optional<std::string> operation;
};

#ifdef LAKECODEC_WITH_JSON
namespace detail {

template <class T, class Json>
status json_opt(const Json& j, const char* key, std::optional<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if constexpr (std::is_same<T, std::string>::value) {
    if (!it->is_string())
      return corrupt_data(std::string("paimon: snapshot \"") + key + "\" is not a string");
    out = it->template get<T>();
  } else {
    auto v = json::to_int<T>(*it, std::string("paimon: snapshot \"") + key + "\"");
    if (!v.has_value()) return corrupt_data(v.error().message());
    out = *v;
  }
  return {};
}

template <class T, class Json>
status json_req(const Json& j, const char* key, T& out) {
  std::optional<T> v;
  LAKECODEC_TRY(json_opt(j, key, v));
  if (!v) return corrupt_data(std::string("paimon: snapshot has no \"") + key + "\"");
  out = std::move(*v);
  return {};
}

}  // namespace detail

/// Parses a snapshot file. Unknown keys (`logOffsets`, future fields) are ignored, explicit nulls
/// read as absent; `id`, `schemaId`, `baseManifestList`, `deltaManifestList`, `commitUser`,
/// `commitIdentifier`, `commitKind` and `timeMillis` are required.
inline result<snapshot> parse_snapshot(std::string_view text) {
  LAKECODEC_ASSIGN_OR_RETURN(nlohmann::ordered_json j,
                             json::parse<nlohmann::ordered_json>(text, "paimon: snapshot"));
  if (!j.is_object()) return corrupt_data("paimon: snapshot is not a JSON object");
  snapshot s;
  std::optional<int32_t> version;
  LAKECODEC_TRY(detail::json_opt(j, "version", version));
  s.version = version.value_or(1);
  LAKECODEC_TRY(detail::json_opt(j, "uuid", s.uuid));
  LAKECODEC_TRY(detail::json_req(j, "id", s.id));
  LAKECODEC_TRY(detail::json_req(j, "schemaId", s.schema_id));
  LAKECODEC_TRY(detail::json_req(j, "baseManifestList", s.base_manifest_list));
  LAKECODEC_TRY(detail::json_opt(j, "baseManifestListSize", s.base_manifest_list_size));
  LAKECODEC_TRY(detail::json_req(j, "deltaManifestList", s.delta_manifest_list));
  LAKECODEC_TRY(detail::json_opt(j, "deltaManifestListSize", s.delta_manifest_list_size));
  LAKECODEC_TRY(detail::json_opt(j, "changelogManifestList", s.changelog_manifest_list));
  LAKECODEC_TRY(detail::json_opt(j, "changelogManifestListSize", s.changelog_manifest_list_size));
  LAKECODEC_TRY(detail::json_opt(j, "indexManifest", s.index_manifest));
  LAKECODEC_TRY(detail::json_req(j, "commitUser", s.commit_user));
  LAKECODEC_TRY(detail::json_opt(j, "writerVersion", s.writer_version));
  LAKECODEC_TRY(detail::json_req(j, "commitIdentifier", s.commit_identifier));
  LAKECODEC_TRY(detail::json_req(j, "commitKind", s.commit_kind));
  LAKECODEC_TRY(detail::json_req(j, "timeMillis", s.time_millis));
  LAKECODEC_TRY(detail::json_opt(j, "totalRecordCount", s.total_record_count));
  LAKECODEC_TRY(detail::json_opt(j, "deltaRecordCount", s.delta_record_count));
  LAKECODEC_TRY(detail::json_opt(j, "changelogRecordCount", s.changelog_record_count));
  LAKECODEC_TRY(detail::json_opt(j, "watermark", s.watermark));
  LAKECODEC_TRY(detail::json_opt(j, "statistics", s.statistics));
  auto p = j.find("properties");
  if (p != j.end() && p->is_object()) {
    std::vector<std::pair<std::string, std::string>> props;
    for (auto it = p->begin(); it != p->end(); ++it) {
      if (!it.value().is_string())
        return corrupt_data("paimon: snapshot property '" + it.key() + "' is not a string");
      props.emplace_back(it.key(), it.value().template get<std::string>());
    }
    s.properties = std::move(props);
  }
  LAKECODEC_TRY(detail::json_opt(j, "nextRowId", s.next_row_id));
  LAKECODEC_TRY(detail::json_opt(j, "operation", s.operation));
  if (s.commit_kind != "APPEND" && s.commit_kind != "COMPACT" && s.commit_kind != "OVERWRITE" &&
      s.commit_kind != "ANALYZE")
    return corrupt_data("paimon: unknown commitKind '" + s.commit_kind + "'");
  return s;
}

/// Writes a snapshot file as Java 2.0 does: Jackson pretty print, fields in Snapshot.java order,
/// absent optional fields omitted.
inline std::string snapshot_to_json(const snapshot& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["version"] = s.version;
  if (s.uuid) j["uuid"] = *s.uuid;
  j["id"] = s.id;
  j["schemaId"] = s.schema_id;
  j["baseManifestList"] = s.base_manifest_list;
  if (s.base_manifest_list_size) j["baseManifestListSize"] = *s.base_manifest_list_size;
  j["deltaManifestList"] = s.delta_manifest_list;
  if (s.delta_manifest_list_size) j["deltaManifestListSize"] = *s.delta_manifest_list_size;
  if (s.changelog_manifest_list) j["changelogManifestList"] = *s.changelog_manifest_list;
  if (s.changelog_manifest_list_size)
    j["changelogManifestListSize"] = *s.changelog_manifest_list_size;
  if (s.index_manifest) j["indexManifest"] = *s.index_manifest;
  j["commitUser"] = s.commit_user;
  if (s.writer_version) j["writerVersion"] = *s.writer_version;
  j["commitIdentifier"] = s.commit_identifier;
  j["commitKind"] = s.commit_kind;
  j["timeMillis"] = s.time_millis;
  if (s.total_record_count) j["totalRecordCount"] = *s.total_record_count;
  if (s.delta_record_count) j["deltaRecordCount"] = *s.delta_record_count;
  if (s.changelog_record_count) j["changelogRecordCount"] = *s.changelog_record_count;
  if (s.watermark) j["watermark"] = *s.watermark;
  if (s.statistics) j["statistics"] = *s.statistics;
  if (s.properties) {
    nlohmann::ordered_json p = nlohmann::ordered_json::object();
    for (const auto& kv : *s.properties) p[kv.first] = kv.second;
    j["properties"] = std::move(p);
  }
  if (s.next_row_id) j["nextRowId"] = *s.next_row_id;
  if (s.operation) j["operation"] = *s.operation;
  return json::dump_jackson_pretty(j);
}
#endif  // LAKECODEC_WITH_JSON

}  // namespace paimon
LAKECODEC_NAMESPACE_END
