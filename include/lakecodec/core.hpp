#pragma once
// lakecodec core: errors as values, bytes and buffers, bounded readers, sinks, hashes, the
// columnar view, and the compression codecs every format shares.

#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/arrow_c.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/calendar.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/crc32.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/hash.hpp"
#include "lakecodec/core/hex.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/source.hpp"
#include "lakecodec/core/stats.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/core/varint.hpp"
