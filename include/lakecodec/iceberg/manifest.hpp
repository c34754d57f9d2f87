#pragma once
// Iceberg manifests and manifest lists (spec "Manifests", "Manifest Lists", Appendix A "Avro"),
// by role: the contents and Avro schemas with their field ids (manifest_schema.hpp), the
// writers (manifest_writer.hpp), the readers (manifest_reader.hpp) and the JSON views
// (manifest_json.hpp). Include one of them to compile only what you use.

#include "lakecodec/iceberg/manifest_json.hpp"
#include "lakecodec/iceberg/manifest_reader.hpp"
#include "lakecodec/iceberg/manifest_schema.hpp"
#include "lakecodec/iceberg/manifest_writer.hpp"
