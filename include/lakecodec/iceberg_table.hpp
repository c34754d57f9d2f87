#pragma once
// Umbrella header of Iceberg tables (needs LAKECODEC_WITH_JSON): the data-file writers chosen by
// table properties, the table writer (schema checks, partition fan-out, rolling files, bounded
// memory), snapshot operations (append, worker manifests, overwrite, partition replace, delete,
// expire), schema and partition evolution, read planning with
// row filters, and the catalog interface with its file-system
// implementation. Kept apart from iceberg.hpp so that code reading metadata or manifests does not
// compile the Parquet and Avro writers.

#include "lakecodec/iceberg.hpp"

#ifdef LAKECODEC_WITH_JSON
#include "lakecodec/iceberg/catalog.hpp"
#include "lakecodec/iceberg/data_files.hpp"
#include "lakecodec/iceberg/expression.hpp"
#include "lakecodec/iceberg/file_catalog.hpp"
#include "lakecodec/iceberg/scan.hpp"
#include "lakecodec/iceberg/snapshot_producer.hpp"
#include "lakecodec/iceberg/table_operations.hpp"
#include "lakecodec/iceberg/table_update.hpp"
#include "lakecodec/iceberg/table_writer.hpp"
#endif
