#pragma once
// JSON forms of manifest entries, manifest-list rows and index-manifest rows (the shape of
// commit_json.hpp; used by `lakecodec paimon manifest` and the Java interop tests).

#ifdef LAKECODEC_WITH_JSON

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/paimon/commit_json.hpp"
#include "lakecodec/paimon/manifest.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// {"kind", "partition", "bucket", "totalBuckets", "file"} of one manifest entry.
inline nlohmann::ordered_json manifest_entry_to_json(const manifest_entry& e) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["kind"] = static_cast<int>(e.kind);
  j["partition"] = detail::row_to_json(e.partition);
  j["bucket"] = e.bucket;
  j["totalBuckets"] = e.total_buckets;
  j["file"] = data_file_meta_to_json(e.file);
  return j;
}

/// One manifest-list row with Java's getter names.
inline nlohmann::ordered_json manifest_file_meta_to_json(const manifest_file_meta& m) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["fileName"] = m.file_name;
  j["fileSize"] = m.file_size;
  j["numAddedFiles"] = m.num_added_files;
  j["numDeletedFiles"] = m.num_deleted_files;
  j["partitionStats"] = detail::stats_to_json(m.partition_stats);
  j["schemaId"] = m.schema_id;
  j["minBucket"] = detail::opt_json(m.min_bucket);
  j["maxBucket"] = detail::opt_json(m.max_bucket);
  j["minLevel"] = detail::opt_json(m.min_level);
  j["maxLevel"] = detail::opt_json(m.max_level);
  j["minRowId"] = detail::opt_json(m.min_row_id);
  j["maxRowId"] = detail::opt_json(m.max_row_id);
  return j;
}

/// {"kind", "partition", "bucket", "indexFile"} of one index-manifest row.
inline nlohmann::ordered_json index_manifest_entry_to_json(const index_manifest_entry& e) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["kind"] = static_cast<int>(e.kind);
  j["partition"] = detail::row_to_json(e.partition);
  j["bucket"] = e.bucket;
  j["indexFile"] = index_file_meta_to_json(e.index_file);
  return j;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
