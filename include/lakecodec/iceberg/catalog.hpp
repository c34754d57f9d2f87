#pragma once
// The catalog interface table operations commit through (the role of Java's TableOperations:
// current() + commit(base, metadata)). A catalog finds a table's current metadata and swaps it
// for a new one atomically; the file-system catalog (file_catalog.hpp) is the first
// implementation, a SQL or REST catalog only has to implement these three calls.

#ifdef LAKECODEC_WITH_JSON

#include <string>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// A table's metadata as a catalog returned it, with the file it was read from.
struct loaded_table {
  std::string name;               // the catalog's identifier of the table
  std::string metadata_location;  // absolute file:// URI of the metadata file
  table_metadata metadata;
};

/// Loads and atomically replaces table metadata.
class catalog {
 public:
  virtual ~catalog() = default;
  /// The current metadata of table `name`. not_found when there is no such table.
  virtual result<loaded_table> load(const std::string& name) = 0;
  /// Publishes the first metadata of a new table. already_exists when the table exists.
  virtual result<loaded_table> create(const std::string& name, const table_metadata& metadata) = 0;
  /// Replaces `base` (as loaded) by `next`. errc::conflict, with nothing changed, when another
  /// commit replaced `base` first: the caller reloads and re-applies its change.
  virtual result<loaded_table> commit(const loaded_table& base, const table_metadata& next) = 0;
};

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
