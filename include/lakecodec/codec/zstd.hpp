#pragma once
// Zstandard (RFC 8878) frames through the system libzstd. Compiled only with LAKECODEC_WITH_ZSTD
// (the lakecodec::zstd CMake target defines it); otherwise codec.hpp reports unsupported_codec.

#include "lakecodec/core/config.hpp"

#ifdef LAKECODEC_WITH_ZSTD
#include <zstd.h>

#include <string>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace zstd {

/// Default compression level (zstd's own default, as Arrow, DuckDB and Java Avro use).
constexpr int default_level = 3;

/// A reusable compression context; compresses one whole frame per call (with content size).
class compressor {
 public:
  explicit compressor(int level = default_level) : level_(level), ctx_(ZSTD_createCCtx()) {}
  compressor(const compressor&) = delete;
  compressor& operator=(const compressor&) = delete;
  compressor(compressor&& o) noexcept : level_(o.level_), ctx_(o.ctx_) { o.ctx_ = nullptr; }
  ~compressor() { ZSTD_freeCCtx(ctx_); }

  /// Appends one zstd frame holding `in` to `out`.
  status compress(byte_span in, byte_buffer& out) {
    if (ctx_ == nullptr) return status(errc::internal, "zstd: cannot create a compression context");
    const size_t bound = ZSTD_compressBound(in.size);
    uint8_t* dst = out.ensure(bound);
    const size_t n = ZSTD_compressCCtx(ctx_, dst, bound, in.data, in.size, level_);
    if (ZSTD_isError(n))
      return status(errc::internal, std::string("zstd: ") + ZSTD_getErrorName(n));
    out.commit(n);
    return {};
  }

 private:
  int level_;
  ZSTD_CCtx* ctx_;
};

/// A reusable decompression context. Handles frames without a content size (Java's
/// ZstdOutputStream writes those) and several concatenated frames, never producing more than
/// `max_output` bytes.
class decompressor {
 public:
  decompressor() : ctx_(ZSTD_createDStream()) {}
  decompressor(const decompressor&) = delete;
  decompressor& operator=(const decompressor&) = delete;
  decompressor(decompressor&& o) noexcept : ctx_(o.ctx_) { o.ctx_ = nullptr; }
  ~decompressor() { ZSTD_freeDStream(ctx_); }

  /// Appends the decompressed bytes of `in` (one or more frames) to `out`.
  status decompress(byte_span in, byte_buffer& out, size_t max_output) {
    if (ctx_ == nullptr)
      return status(errc::internal, "zstd: cannot create a decompression context");
    ZSTD_DCtx_reset(ctx_, ZSTD_reset_session_only);
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data, in.size);
    if (declared == ZSTD_CONTENTSIZE_ERROR)
      return corrupt_data("zstd: input does not start with a zstd frame");
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > max_output)
      return limit_exceeded("zstd: frame declares " + std::to_string(declared) +
                            " bytes, more than the limit of " + std::to_string(max_output));
    ZSTD_inBuffer src{in.data, in.size, 0};
    const size_t start = out.size();
    size_t last = 0;
    for (;;) {
      const size_t room = max_output - (out.size() - start);
      const bool probing = room == 0;  // at the cap: any further byte means too much output
      size_t chunk = room < (size_t{1} << 20) ? room : (size_t{1} << 20);
      if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared <= room)
        chunk = static_cast<size_t>(declared);
      if (chunk == 0) chunk = 1;
      uint8_t probe;
      ZSTD_outBuffer dst{probing ? &probe : out.ensure(chunk), probing ? 1 : chunk, 0};
      const size_t consumed_before = src.pos;
      last = ZSTD_decompressStream(ctx_, &dst, &src);
      if (ZSTD_isError(last)) return corrupt_data(std::string("zstd: ") + ZSTD_getErrorName(last));
      if (probing && dst.pos > 0)
        return limit_exceeded("zstd: decompressed data exceeds the limit of " +
                              std::to_string(max_output) + " bytes");
      if (!probing) out.commit(dst.pos);
      if (last == 0 && src.pos == src.size) break;       // every frame complete, input consumed
      if (dst.pos == 0 && src.pos == consumed_before) {  // no progress possible
        if (src.pos == src.size) break;
        return corrupt_data("zstd: decoder made no progress");
      }
    }
    if (last != 0) return truncated_input("zstd: input ends inside a frame");
    return {};
  }

 private:
  ZSTD_DStream* ctx_;
};

}  // namespace zstd
LAKECODEC_NAMESPACE_END
#endif  // LAKECODEC_WITH_ZSTD
