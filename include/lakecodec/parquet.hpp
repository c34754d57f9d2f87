#pragma once
// lakecodec Parquet: thrift compact footer structs, encodings, the streaming file writer, the
// rolling writer and the footer reader. See docs/parquet.md.

#include "lakecodec/parquet/column_writer.hpp"
#include "lakecodec/parquet/encoding.hpp"
#include "lakecodec/parquet/file_writer.hpp"
#include "lakecodec/parquet/footer.hpp"
#include "lakecodec/parquet/metadata.hpp"
#include "lakecodec/parquet/schema.hpp"
#include "lakecodec/parquet/thrift.hpp"
