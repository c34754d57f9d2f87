#pragma once
// One entry point for every compression codec the formats use. A codec exists only when its
// LAKECODEC_WITH_* macro is defined (by the lakecodec::zstd/::snappy/::zlib CMake targets or by
// the user before including a copied header); asking for one that is not built in yields
// errc::unsupported_codec, never a compile error or an abort.

#include <cstdint>
#include <memory>
#include <string>

#include "lakecodec/codec/snappy.hpp"
#include "lakecodec/codec/zlib.hpp"
#include "lakecodec/codec/zstd.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Compression codecs. `deflate` is raw RFC 1951 (Avro), `gzip` is RFC 1952 (Parquet GZIP),
/// `zlib` is RFC 1950, `snappy` is a raw snappy block, `zstd` a zstd frame.
enum class compression : uint8_t { none, snappy, gzip, deflate, zlib, zstd };

/// Lower-case codec name: "none", "snappy", "gzip", "deflate", "zlib", "zstd".
inline const char* compression_name(compression c) noexcept {
  switch (c) {
    case compression::none: return "none";
    case compression::snappy: return "snappy";
    case compression::gzip: return "gzip";
    case compression::deflate: return "deflate";
    case compression::zlib: return "zlib";
    case compression::zstd: return "zstd";
  }
  return "unknown";
}

/// Parses a codec name as compression_name prints it (also "uncompressed", "zstandard").
inline result<compression> parse_compression(const std::string& name) {
  if (name == "none" || name == "uncompressed" || name == "null") return compression::none;
  if (name == "snappy") return compression::snappy;
  if (name == "gzip") return compression::gzip;
  if (name == "deflate") return compression::deflate;
  if (name == "zlib") return compression::zlib;
  if (name == "zstd" || name == "zstandard") return compression::zstd;
  return invalid_argument("unknown compression '" + name +
                          "' (expected none, snappy, gzip, deflate, zlib or zstd)");
}

/// Whether this build can compress and decompress with `c`.
constexpr bool compression_available(compression c) noexcept {
  switch (c) {
    case compression::none: return true;
    case compression::snappy:
#ifdef LAKECODEC_WITH_SNAPPY
      return true;
#else
      return false;
#endif
    case compression::gzip:
    case compression::deflate:
    case compression::zlib:
#ifdef LAKECODEC_WITH_ZLIB
      return true;
#else
      return false;
#endif
    case compression::zstd:
#ifdef LAKECODEC_WITH_ZSTD
      return true;
#else
      return false;
#endif
  }
  return false;
}

/// Default level of a codec (0 where levels do not apply).
constexpr int default_compression_level(compression c) noexcept {
  return c == compression::zstd                                                            ? 3
         : (c == compression::gzip || c == compression::deflate || c == compression::zlib) ? 6
                                                                                           : 0;
}

/// Explicit levels a codec accepts: zlib's deflateInit2 takes 0..9 (gzip, deflate, zlib), zstd
/// 0..22 (ZSTD_maxCLevel; 0 is zstd's own default). {0, 0} for codecs without levels (none,
/// snappy), which ignore any level. A negative level means the codec's default (as compressor).
struct compression_level_range {
  int min = 0;
  int max = 0;
};
constexpr compression_level_range compression_levels(compression c) noexcept {
  return c == compression::zstd ? compression_level_range{0, 22}
         : (c == compression::gzip || c == compression::deflate || c == compression::zlib)
             ? compression_level_range{0, 9}
             : compression_level_range{0, 0};
}

/// Checks a level before any compressor is set up, so that a bad level is a usage error rather
/// than a failure inside the library (zlib's deflateInit2 returns Z_STREAM_ERROR for level 15).
/// Errors: invalid_argument naming the codec, the level and the valid range.
inline status check_compression_level(compression c, int level) {
  const compression_level_range r = compression_levels(c);
  if (level < 0 || r.max == 0 || (level >= r.min && level <= r.max)) return {};
  return invalid_argument(std::string("invalid ") + compression_name(c) + " level " +
                          std::to_string(level) + ": valid levels are " + std::to_string(r.min) +
                          ".." + std::to_string(r.max) + " (negative for the default, " +
                          std::to_string(default_compression_level(c)) + ")");
}

namespace detail {
inline status not_built_in(compression c) {
  return status(errc::unsupported_codec, std::string("codec '") + compression_name(c) +
                                             "' is not built into this lakecodec build "
                                             "(define LAKECODEC_WITH_" +
                                             (c == compression::zstd     ? "ZSTD"
                                              : c == compression::snappy ? "SNAPPY"
                                                                         : "ZLIB") +
                                             " and link the library)");
}
#ifdef LAKECODEC_WITH_ZLIB
inline zlib_codec::wrapping zlib_wrapping(compression c) {
  return c == compression::gzip   ? zlib_codec::wrapping::gzip
         : c == compression::zlib ? zlib_codec::wrapping::zlib
                                  : zlib_codec::wrapping::raw;
}
#endif
}  // namespace detail

/// A reusable compressor for one codec and level; keeps its context (zstd) across calls, so a
/// writer creates one per column or per file and calls compress() per page or block.
class compressor {
 public:
  explicit compressor(compression kind = compression::none, int level = -1)
      : kind_(kind), level_(level < 0 ? default_compression_level(kind) : level) {}

  compression kind() const noexcept { return kind_; }
  int level() const noexcept { return level_; }

  /// Appends the compressed form of `in` to `out`. Errors: invalid_argument for a level outside
  /// compression_levels(kind) (see check_compression_level), unsupported_codec when not built in.
  status compress(byte_span in, byte_buffer& out) {
    LAKECODEC_TRY(check_compression_level(kind_, level_));
    switch (kind_) {
      case compression::none: out.append(in); return {};
      case compression::snappy:
#ifdef LAKECODEC_WITH_SNAPPY
        return snappy_codec::compress(in, out);
#else
        return detail::not_built_in(kind_);
#endif
      case compression::gzip:
      case compression::deflate:
      case compression::zlib:
#ifdef LAKECODEC_WITH_ZLIB
        return zlib_codec::compress(in, out, detail::zlib_wrapping(kind_), level_);
#else
        return detail::not_built_in(kind_);
#endif
      case compression::zstd:
#ifdef LAKECODEC_WITH_ZSTD
        if (!zstd_) zstd_ = std::make_unique<zstd::compressor>(level_);
        return zstd_->compress(in, out);
#else
        return detail::not_built_in(kind_);
#endif
    }
    return invalid_argument("unknown compression");
  }

 private:
  compression kind_;
  int level_;
#ifdef LAKECODEC_WITH_ZSTD
  std::unique_ptr<zstd::compressor> zstd_;
#endif
};

/// A reusable decompressor for one codec. Output is capped: input that would expand beyond
/// `max_output` fails with limit_exceeded before or while allocating, never after.
class decompressor {
 public:
  explicit decompressor(compression kind = compression::none) : kind_(kind) {}

  compression kind() const noexcept { return kind_; }

  /// Appends the decompressed form of `in` to `out`. Errors: corrupt_data / truncated for bad
  /// input, limit_exceeded past `max_output`, unsupported_codec when not built in. On error, `out`
  /// may hold a partial prefix beyond its previous size.
  status decompress(byte_span in, byte_buffer& out,
                    size_t max_output = static_cast<size_t>(limits{}.max_decompressed_size)) {
    switch (kind_) {
      case compression::none:
        if (in.size > max_output)
          return limit_exceeded("uncompressed data of " + std::to_string(in.size) +
                                " bytes exceeds the limit of " + std::to_string(max_output));
        out.append(in);
        return {};
      case compression::snappy:
#ifdef LAKECODEC_WITH_SNAPPY
        return snappy_codec::decompress(in, out, max_output);
#else
        return detail::not_built_in(kind_);
#endif
      case compression::gzip:
      case compression::deflate:
      case compression::zlib:
#ifdef LAKECODEC_WITH_ZLIB
        return zlib_codec::decompress(in, out, detail::zlib_wrapping(kind_), max_output);
#else
        return detail::not_built_in(kind_);
#endif
      case compression::zstd:
#ifdef LAKECODEC_WITH_ZSTD
        if (!zstd_) zstd_ = std::make_unique<zstd::decompressor>();
        return zstd_->decompress(in, out, max_output);
#else
        return detail::not_built_in(kind_);
#endif
    }
    return invalid_argument("unknown compression");
  }

 private:
  compression kind_;
#ifdef LAKECODEC_WITH_ZSTD
  std::unique_ptr<zstd::decompressor> zstd_;
#endif
};

/// One-shot compress: appends the compressed form of `in` to `out` (level -1 = codec default).
inline status compress(compression kind, byte_span in, byte_buffer& out, int level = -1) {
  return compressor(kind, level).compress(in, out);
}

/// One-shot decompress with an output cap; see decompressor::decompress.
inline status decompress(compression kind, byte_span in, byte_buffer& out,
                         size_t max_output = static_cast<size_t>(limits{}.max_decompressed_size)) {
  return decompressor(kind).decompress(in, out, max_output);
}

LAKECODEC_NAMESPACE_END
