#pragma once
// Deflate through the system zlib in its three wrappings: raw (RFC 1951; Avro "deflate"),
// zlib (RFC 1950) and gzip (RFC 1952; Parquet GZIP). Compiled only with LAKECODEC_WITH_ZLIB.

#include "lakecodec/core/config.hpp"

#ifdef LAKECODEC_WITH_ZLIB
#include <zlib.h>

#include <string>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace zlib_codec {

/// Which header/trailer surrounds the deflate stream.
enum class wrapping { raw, zlib, gzip };

/// zlib's default level (6), as Java's Deflater and Arrow use.
constexpr int default_level = Z_DEFAULT_COMPRESSION;

namespace detail {
inline int window_bits(wrapping w, bool inflate) {
  switch (w) {
    case wrapping::raw: return -15;
    case wrapping::zlib: return 15;
    case wrapping::gzip: return inflate ? 15 + 32 : 15 + 16;  // inflate: auto-detect gzip/zlib
  }
  return 15;
}
}  // namespace detail

/// Appends the deflate stream of `in`, in the given wrapping, to `out`.
inline status compress(byte_span in, byte_buffer& out, wrapping w, int level = default_level) {
  if (level < -1 || level > 9)
    return invalid_argument("invalid zlib level " + std::to_string(level) +
                            ": valid levels are 0..9 (-1 for the default, 6)");
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, detail::window_bits(w, false), 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    return status(errc::internal, "zlib: deflateInit2 failed");
  const uLong bound = deflateBound(&zs, static_cast<uLong>(in.size));
  uint8_t* dst = out.ensure(bound);
  zs.next_in = const_cast<Bytef*>(in.data);
  zs.avail_in = static_cast<uInt>(in.size);
  zs.next_out = dst;
  zs.avail_out = static_cast<uInt>(bound);
  const int rc = deflate(&zs, Z_FINISH);
  const size_t n = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return status(errc::internal, "zlib: deflate did not finish");
  out.commit(n);
  return {};
}

/// Appends the inflated bytes of `in` to `out`, at most `max_output` of them. For gzip, several
/// concatenated members are accepted (Parquet readers must).
inline status decompress(byte_span in, byte_buffer& out, wrapping w, size_t max_output) {
  z_stream zs{};
  if (inflateInit2(&zs, detail::window_bits(w, true)) != Z_OK)
    return status(errc::internal, "zlib: inflateInit2 failed");
  zs.next_in = const_cast<Bytef*>(in.data);
  zs.avail_in = static_cast<uInt>(in.size);
  const size_t start = out.size();
  status result;
  for (;;) {
    const size_t produced = out.size() - start;
    size_t chunk = in.size * 4 + 1024;
    if (chunk > (size_t{1} << 20)) chunk = size_t{1} << 20;
    if (chunk > max_output - produced) chunk = max_output - produced;
    if (chunk == 0) chunk = 1;  // probe for output beyond the limit
    uint8_t probe;
    const bool probing = produced >= max_output;
    zs.next_out = probing ? &probe : out.ensure(chunk);
    zs.avail_out = static_cast<uInt>(probing ? 1 : chunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    const size_t got = (probing ? 1 : chunk) - zs.avail_out;
    if (probing && got > 0) {
      result = limit_exceeded("deflate: decompressed data exceeds the limit of " +
                              std::to_string(max_output) + " bytes");
      break;
    }
    if (!probing) out.commit(got);
    if (rc == Z_STREAM_END) {
      if (w == wrapping::gzip && zs.avail_in > 0) {  // another gzip member follows
        if (inflateReset(&zs) != Z_OK) {
          result = corrupt_data("gzip: cannot start the next member");
          break;
        }
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      result = truncated_input("deflate: input ends inside the stream");
      break;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      result = corrupt_data(std::string("deflate: ") + (zs.msg ? zs.msg : "corrupt stream"));
      break;
    }
  }
  inflateEnd(&zs);
  if (!result.ok()) out.resize(start);
  return result;
}

}  // namespace zlib_codec
LAKECODEC_NAMESPACE_END
#endif  // LAKECODEC_WITH_ZLIB
