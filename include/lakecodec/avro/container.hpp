#pragma once
// Avro object container files (Avro spec "Object Container Files"): a streaming writer that
// holds one block in memory and a reader over a byte span with sync validation, every codec the
// spec requires plus zstandard, and optional schema resolution to a reader schema.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/resolve.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/codec/codec.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/crc32.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/sink.hpp"
#include "lakecodec/core/source.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// The 4 magic bytes that open every container file: 'O' 'b' 'j' 1.
inline constexpr uint8_t container_magic[4] = {'O', 'b', 'j', 1};
using sync_marker = std::array<uint8_t, 16>;

/// Container codecs by their `avro.codec` names.
enum class codec : uint8_t { null, deflate, snappy, zstandard };

/// The `avro.codec` string of a codec.
inline const char* codec_name(codec c) noexcept {
  switch (c) {
    case codec::null: return "null";
    case codec::deflate: return "deflate";
    case codec::snappy: return "snappy";
    case codec::zstandard: return "zstandard";
  }
  return "null";
}

/// Parses an `avro.codec` value. Known but unbuilt codecs (bzip2, xz) and unknown names give
/// errc::unsupported_codec. Also accepts "none" and "zstd" as spellings used by tools.
inline result<codec> parse_codec(std::string_view name) {
  if (name == "null" || name.empty() || name == "none") return codec::null;
  if (name == "deflate") return codec::deflate;
  if (name == "snappy") return codec::snappy;
  if (name == "zstandard" || name == "zstd") return codec::zstandard;
  return status(errc::unsupported_codec,
                "avro: codec '" + std::string(name) +
                    "' is not supported (null, deflate, snappy, zstandard are)");
}

namespace detail {
inline compression to_compression(codec c) noexcept {
  switch (c) {
    case codec::null: return compression::none;
    case codec::deflate: return compression::deflate;
    case codec::snappy: return compression::snappy;
    case codec::zstandard: return compression::zstd;
  }
  return compression::none;
}
}  // namespace detail

/// Options of container_writer.
struct writer_options {
  avro::codec codec = avro::codec::null;
  /// Codec level; -1 = the codec's default (deflate 6, zstd 3 as Java).
  int level = -1;
  /// A block is flushed once its uncompressed size reaches this many bytes...
  size_t block_bytes = 256 * 1024;
  /// ...or once it holds this many records (0 = no record limit).
  int64_t block_records = 0;
  /// User metadata written into the header (keys must not start with "avro.").
  std::vector<std::pair<std::string, std::string>> metadata;
  /// The 16-byte sync marker; random when not given.
  std::optional<sync_marker> sync;
};

/// Writes an object container file to an output_sink in bounded memory: the header at open(),
/// then one block buffer that is compressed and written when full. Records are added either as
/// generic values (write) or encoded directly (record_encoder + end_record), which is the fast
/// path: no value tree, no per-record allocation.
class container_writer {
 public:
  /// Writes the header (magic, `avro.schema`, `avro.codec`, user metadata, sync marker).
  /// Errors: invalid_argument for reserved metadata keys or a level outside the codec's range
  /// (check_compression_level), unsupported_codec when the codec is not built in, the sink's
  /// error.
  static result<container_writer> open(output_sink& sink, const schema& s,
                                       writer_options options = {}) {
    if (!s.valid()) return invalid_argument("avro: container_writer needs a parsed schema");
    container_writer w;
    w.sink_ = &sink;
    w.schema_ = s;
    w.options_ = std::move(options);
    if (!compression_available(detail::to_compression(w.options_.codec)))
      return status(errc::unsupported_codec, std::string("avro: codec '") +
                                                 codec_name(w.options_.codec) +
                                                 "' is not built into this lakecodec");
    LAKECODEC_TRY(
        check_compression_level(detail::to_compression(w.options_.codec), w.options_.level));
    w.compressor_ =
        std::make_unique<compressor>(detail::to_compression(w.options_.codec), w.options_.level);
    if (w.options_.sync) {
      w.sync_ = *w.options_.sync;
    } else {
      std::random_device rd;
      for (size_t i = 0; i < 16; i += 4) {
        const uint32_t r = rd();
        std::memcpy(w.sync_.data() + i, &r, 4);
      }
    }
    for (const auto& kv : w.options_.metadata)
      if (kv.first.compare(0, 5, "avro.") == 0)
        return invalid_argument(
            "avro: metadata key '" + kv.first +
            "' is reserved (keys starting with \"avro.\" belong to the format)");
    LAKECODEC_TRY(w.write_header());
    return w;
  }

  container_writer(container_writer&&) noexcept = default;
  container_writer& operator=(container_writer&&) noexcept = default;

  const schema& writer_schema() const noexcept { return schema_; }
  const sync_marker& sync() const noexcept { return sync_; }
  int64_t records_written() const noexcept { return records_; }
  int64_t blocks_written() const noexcept { return blocks_; }

  /// Encodes a generic value as the next record (schema_mismatch if it does not fit; the
  /// record is then dropped and the file stays valid).
  status write(const value& v) {
    const size_t mark = block_.size();
    status s = encode(schema_.root(), v, block_);
    if (!s.ok()) {
      block_.resize(mark);
      return s;
    }
    return end_record();
  }

  /// The encoder of the current block: write exactly one record's fields in schema order,
  /// then call end_record(). Nothing checks the bytes against the schema.
  encoder& record_encoder() noexcept {
    encoder_ = encoder(block_);
    return encoder_;
  }
  /// Counts the record just encoded and flushes the block when it is full.
  status end_record() {
    ++block_count_;
    ++records_;
    if (block_.size() >= options_.block_bytes ||
        (options_.block_records > 0 && block_count_ >= options_.block_records))
      return flush_block();
    return {};
  }
  /// Appends `count` records that are already binary-encoded back to back in `bytes`.
  status write_encoded(byte_span bytes, int64_t count) {
    block_.append(bytes);
    block_count_ += count;
    records_ += count;
    if (block_.size() >= options_.block_bytes) return flush_block();
    return {};
  }

  /// Writes the pending records as a block (nothing if there are none).
  status flush_block() {
    if (block_count_ == 0) return {};
    byte_span payload = block_.span();
    if (options_.codec != codec::null) {
      packed_.clear();
      LAKECODEC_TRY(compressor_->compress(block_.span(), packed_));
      if (options_.codec == codec::snappy)
        packed_.append_be<uint32_t>(crc32(block_.data(), block_.size()));
      payload = packed_.span();
    }
    prefix_.clear();
    prefix_.append_zigzag(block_count_);
    prefix_.append_zigzag(static_cast<int64_t>(payload.size));
    LAKECODEC_TRY(sink_->write(prefix_.span()));
    LAKECODEC_TRY(sink_->write(payload));
    LAKECODEC_TRY(sink_->write(sync_.data(), sync_.size()));
    block_.clear();
    block_count_ = 0;
    ++blocks_;
    return {};
  }

  /// Flushes the last block. The sink stays open (close a file_sink yourself).
  status close() { return flush_block(); }

 private:
  container_writer() : encoder_(block_) {}

  status write_header() {
    byte_buffer h;
    h.append(container_magic, 4);
    const std::string schema_json = schema_.to_json();
    const int64_t entries = 2 + static_cast<int64_t>(options_.metadata.size());
    h.append_zigzag(entries);
    auto put = [&h](std::string_view k, std::string_view v) {
      h.append_zigzag(static_cast<int64_t>(k.size()));
      h.append(k);
      h.append_zigzag(static_cast<int64_t>(v.size()));
      h.append(v);
    };
    put("avro.schema", schema_json);
    put("avro.codec", codec_name(options_.codec));
    for (const auto& kv : options_.metadata) put(kv.first, kv.second);
    h.push_back(0);
    h.append(sync_.data(), sync_.size());
    return sink_->write(h.span());
  }

  output_sink* sink_ = nullptr;
  schema schema_;
  writer_options options_;
  sync_marker sync_{};
  std::unique_ptr<compressor> compressor_;
  byte_buffer block_;
  byte_buffer packed_;
  byte_buffer prefix_;
  encoder encoder_;  // rebound to block_ by record_encoder(), so moves are safe
  int64_t block_count_ = 0;
  int64_t records_ = 0;
  int64_t blocks_ = 0;
};

/// A sequential input for the streaming container_reader (pipes, sockets). Inputs that can
/// read at an offset should implement lakecodec::source instead and use open(const source&).
class input_source {
 public:
  virtual ~input_source() = default;
  /// Reads up to `n` bytes into `dst`; returns how many were read, 0 at the end of the input.
  virtual result<size_t> read(uint8_t* dst, size_t n) = 0;
};

/// A file (or FIFO) read sequentially from its start through core/os.hpp.
class file_source final : public input_source {
 public:
  /// Opens `path` for reading; not_found / io_error naming the path and the OS reason.
  static result<std::unique_ptr<file_source>> open(const std::string& path) {
    LAKECODEC_ASSIGN_OR_RETURN(os::file f, os::open_read(path));
    return std::unique_ptr<file_source>(new file_source(std::move(f)));
  }

  result<size_t> read(uint8_t* dst, size_t n) override { return os::read_some(file_, dst, n); }

 private:
  explicit file_source(os::file f) noexcept : file_(std::move(f)) {}
  os::file file_;
};

namespace detail {
/// Reads a random-access source front to back for the streaming reader.
class source_stream final : public input_source {
 public:
  source_stream(const source& s, uint64_t start) noexcept : src_(&s), pos_(start) {}
  result<size_t> read(uint8_t* dst, size_t n) override {
    const uint64_t left = src_->size() - pos_;
    const size_t k = left < n ? static_cast<size_t>(left) : n;
    LAKECODEC_TRY(src_->read_at(pos_, k, dst));
    pos_ += k;
    return k;
  }

 private:
  const source* src_;
  uint64_t pos_;
};
}  // namespace detail

/// Options of container_reader.
struct reader_options {
  /// Resolve records to this schema (Avro spec "Schema Resolution") instead of the writer's.
  std::optional<schema> reader_schema;
  /// Largest decompressed block accepted; 0 means limits.max_decompressed_size.
  size_t max_block_bytes = 0;
  /// Hostile-input limits: block record counts and array/map blocks (max_collection_count),
  /// value nesting (max_nesting_depth), decompressed blocks (max_decompressed_size), buffered
  /// blocks of a streamed file (max_allocation), header and schema text (max_schema_size).
  lakecodec::limits limits;
};

/// One block of a container file: its record count and decoded (decompressed) bytes.
struct block_view {
  int64_t count = 0;
  byte_span data;
  /// Offset in the file of the block's count varint.
  int64_t offset = 0;
};

/// Reads an object container file held in memory (a span the caller keeps alive). Iterate blocks
/// with next_block() for the typed/visitor path (decode `block.data` with a decoder), or records
/// with next() for generic values.
class container_reader {
 public:
  /// Parses the header: magic, metadata map, schema, codec, sync marker. Errors name what is
  /// wrong: bad magic, truncated header, schema JSON errors, unsupported_codec.
  static result<container_reader> open(byte_span file, reader_options options = {}) {
    container_reader r;
    r.file_ = file;
    r.options_ = std::move(options);
    LAKECODEC_TRY(r.read_header());
    if (r.options_.reader_schema) {
      auto plan = resolution::compile(r.schema_, *r.options_.reader_schema);
      if (!plan) return plan.error();
      r.resolution_ = std::make_unique<resolution>(std::move(plan).value());
    }
    return r;
  }

  /// Streaming variant: reads the header, then one block at a time from `source`, holding at
  /// most one block (plus read-ahead) in memory. Avro 1.2 files (metadata in a footer) need
  /// the whole file: use open(byte_span) or open(const source&) for them.
  static result<container_reader> open(std::unique_ptr<input_source> source,
                                       reader_options options = {}) {
    if (!source) return invalid_argument("avro: container_reader::open needs a source");
    container_reader r;
    r.source_ = std::move(source);
    r.options_ = std::move(options);
    LAKECODEC_TRY(r.read_streamed_header());
    if (r.options_.reader_schema) {
      auto plan = resolution::compile(r.schema_, *r.options_.reader_schema);
      if (!plan) return plan.error();
      r.resolution_ = std::make_unique<resolution>(std::move(plan).value());
    }
    return r;
  }

  /// Reads from a random-access source (a file_source, memory_source, or a caller's object
  /// store reader) that must outlive the reader: the header, then one block at a time with
  /// read_at, as the streaming variant does. An Avro 1.2 file is read whole instead (its
  /// metadata is in a footer), refused with limit_exceeded past limits.max_allocation. The
  /// source's errors (a short read names the offset and the size) are returned as they are.
  static result<container_reader> open(const source& src, reader_options options = {}) {
    byte_buffer magic;
    if (src.size() >= 4) {
      LAKECODEC_TRY(src.read_at(0, 4, magic));
      if (std::memcmp(magic.data(), "Obj\0", 4) == 0) {
        if (src.size() > static_cast<uint64_t>(options.limits.max_allocation))
          return limit_exceeded("avro: Avro 1.2 file of " + std::to_string(src.size()) +
                                " bytes is read whole and exceeds the allocation limit " +
                                std::to_string(options.limits.max_allocation));
        byte_buffer whole;
        LAKECODEC_TRY(src.read_at(0, static_cast<size_t>(src.size()), whole));
        container_reader r;
        r.owned_ = std::move(whole);
        r.file_ = r.owned_.span();
        r.options_ = std::move(options);
        LAKECODEC_TRY(r.read_header());
        LAKECODEC_TRY(r.compile_resolution());
        return r;
      }
    }
    return open(std::make_unique<detail::source_stream>(src, 0), std::move(options));
  }

  container_reader(container_reader&&) noexcept = default;
  container_reader& operator=(container_reader&&) noexcept = default;

  /// The schema the file was written with.
  const schema& writer_schema() const noexcept { return schema_; }
  /// The schema records are produced in (the reader schema when one was given).
  const schema& record_schema() const noexcept {
    return options_.reader_schema ? *options_.reader_schema : schema_;
  }
  avro::codec file_codec() const noexcept { return codec_; }
  const sync_marker& sync() const noexcept { return sync_; }
  /// Every header metadata entry in file order (avro.schema and avro.codec included).
  const std::vector<std::pair<std::string, std::string>>& metadata() const noexcept {
    return metadata_;
  }
  /// The metadata value of `key`, or nullptr.
  const std::string* metadata(std::string_view key) const noexcept {
    for (const auto& kv : metadata_)
      if (kv.first == key) return &kv.second;
    return nullptr;
  }
  /// The writer schema JSON exactly as stored in the file.
  const std::string& schema_json() const noexcept { return schema_json_; }
  /// True for the pre-1.3 format (magic "Obj" 0, metadata in a footer; Java DataFileReader12).
  bool is_legacy_format() const noexcept { return legacy_; }
  /// The limits this reader checks (reader_options::limits). Decode the blocks of the typed
  /// path with `decoder(block.data, block.offset, r.input_limits())` to apply them there too.
  const lakecodec::limits& input_limits() const noexcept { return options_.limits; }
  /// Offset of the first block (the header's size).
  int64_t header_size() const noexcept { return header_size_; }
  int64_t blocks_read() const noexcept { return blocks_; }

  /// Reads the next block; returns false at the end of the file. The span in `b` stays valid
  /// until the next call. Errors: negative count or size, size beyond the file, sync mismatch,
  /// codec errors, snappy CRC mismatch, blocks over max_block_bytes.
  result<bool> next_block(block_view& b) {
    if (legacy_) return next_legacy_block(b);
    if (source_) {
      LAKECODEC_ASSIGN_OR_RETURN(bool more, buffer_next_block());
      if (!more) return false;
    }
    if (pos_ == file_.size) return false;
    decoder d(file_.subspan(pos_, file_.size - pos_), base_ + static_cast<int64_t>(pos_),
              options_.limits);
    b.offset = base_ + static_cast<int64_t>(pos_);
    const int64_t count = d.read_long();
    const int64_t size_at = d.offset();
    const int64_t size = d.read_long();
    if (!d.ok()) return d.error();
    if (count < 0)
      return corrupt_data("avro: block count " + std::to_string(count) + " is negative", b.offset);
    if (count > options_.limits.max_collection_count)
      return limit_exceeded("avro: block count " + std::to_string(count) + " exceeds the limit " +
                                std::to_string(options_.limits.max_collection_count),
                            b.offset);
    if (size < 0)
      return corrupt_data("avro: block size " + std::to_string(size) + " is negative", size_at);
    if (static_cast<uint64_t>(size) + 16 > d.remaining())
      return truncated_input("avro: block of " + std::to_string(size) + " bytes plus sync needs " +
                                 std::to_string(size + 16) + " bytes, " +
                                 std::to_string(d.remaining()) + " remain",
                             size_at);
    const byte_span raw(d.position(), static_cast<size_t>(size));
    const uint8_t* sync_at = d.position() + size;
    if (std::memcmp(sync_at, sync_.data(), 16) != 0)
      return corrupt_data("avro: sync marker after block " + std::to_string(blocks_) +
                              " does not match the header's",
                          base_ + static_cast<int64_t>(sync_at - file_.data));
    pos_ = static_cast<size_t>(sync_at - file_.data) + 16;
    if (source_) window_start_ = pos_;
    b.count = count;
    if (codec_ == codec::null) {
      if (raw.size > max_block_bytes())
        return limit_exceeded("avro: block of " + std::to_string(raw.size) +
                                  " bytes exceeds the limit " + std::to_string(max_block_bytes()),
                              b.offset);
      b.data = raw;
    } else {
      LAKECODEC_TRY(inflate(raw, b.offset));
      b.data = block_.span();
    }
    ++blocks_;
    return true;
  }

  /// Reads the next record as a generic value (resolved to the reader schema when given);
  /// returns false at the end of the file.
  result<bool> next(value& out) {
    while (remaining_in_block_ == 0) {
      if (block_decoder_.ok() && !block_decoder_.at_end() && blocks_ > 0)
        return corrupt_data("avro: " + std::to_string(block_decoder_.remaining()) +
                                " bytes left over after the records of block " +
                                std::to_string(blocks_ - 1),
                            block_decoder_.offset());
      block_view b;
      LAKECODEC_ASSIGN_OR_RETURN(bool more, next_block(b));
      if (!more) return false;
      block_decoder_ = decoder(b.data, b.offset, options_.limits);
      remaining_in_block_ = b.count;
    }
    if (resolution_) {
      LAKECODEC_ASSIGN_OR_RETURN(out, resolution_->decode(block_decoder_));
    } else {
      LAKECODEC_ASSIGN_OR_RETURN(out, decode(schema_.root(), block_decoder_));
    }
    --remaining_in_block_;
    return true;
  }

  /// Reads every remaining record.
  result<std::vector<value>> read_all() {
    std::vector<value> out;
    value v;
    for (;;) {
      LAKECODEC_ASSIGN_OR_RETURN(bool more, next(v));
      if (!more) return out;
      out.push_back(std::move(v));
    }
  }

 private:
  container_reader() = default;

  size_t max_block_bytes() const noexcept {
    return options_.max_block_bytes != 0
               ? options_.max_block_bytes
               : static_cast<size_t>(options_.limits.max_decompressed_size);
  }

  status compile_resolution() {
    if (!options_.reader_schema) return {};
    auto plan = resolution::compile(schema_, *options_.reader_schema);
    if (!plan) return plan.error();
    resolution_ = std::make_unique<resolution>(std::move(plan).value());
    return {};
  }

  status inflate(byte_span raw, int64_t at) {
    block_.clear();
    if (!decompressor_)
      decompressor_ = std::make_unique<decompressor>(detail::to_compression(codec_));
    if (codec_ == codec::snappy) {
      if (raw.size < 4)
        return corrupt_data(
            "avro: snappy block of " + std::to_string(raw.size) + " bytes has no CRC32 trailer",
            at);
      const byte_span body(raw.data, raw.size - 4);
      status s = decompressor_->decompress(body, block_, max_block_bytes());
      if (!s.ok()) return status(s.code(), "avro: snappy block: " + s.message(), at);
      const uint32_t want = load_be<uint32_t>(raw.data + raw.size - 4);
      const uint32_t got = crc32(block_.data(), block_.size());
      if (want != got)
        return corrupt_data("avro: snappy block CRC32 mismatch (trailer " + std::to_string(want) +
                                ", data " + std::to_string(got) + ")",
                            at);
      return {};
    }
    status s = decompressor_->decompress(raw, block_, max_block_bytes());
    if (!s.ok())
      return status(s.code(), std::string("avro: ") + codec_name(codec_) + " block: " + s.message(),
                    at);
    return {};
  }

  // Makes at least `need` unread bytes available in window_ (fewer only at the end of the
  // input). Compacts consumed bytes first, so earlier block spans become invalid.
  status fill(size_t need) {
    size_t avail = window_.size() - window_start_;
    if (avail >= need || eof_) return {};
    if (window_start_ > 0) {
      std::memmove(window_.data(), window_.data() + window_start_, avail);
      window_.resize(avail);
      base_ += static_cast<int64_t>(window_start_);
      window_start_ = 0;
    }
    while (window_.size() < need && !eof_) {
      const size_t want = std::max<size_t>(need - window_.size(), 64 * 1024);
      uint8_t* p = window_.ensure(want);
      LAKECODEC_ASSIGN_OR_RETURN(size_t got, source_->read(p, want));
      if (got == 0)
        eof_ = true;
      else
        window_.commit(got);
    }
    return {};
  }

  status read_streamed_header() {
    size_t need = 64 * 1024;
    for (;;) {
      LAKECODEC_TRY(fill(need));
      file_ = window_.span();
      metadata_.clear();
      if (file_.size >= 4 && std::memcmp(file_.data, "Obj\0", 4) == 0)
        return unsupported(
            "avro: Avro 1.2 files keep their metadata in a footer; read them "
            "from a byte span");
      status st = read_header();
      if (st.ok()) {
        window_start_ = pos_;
        return {};
      }
      if (st.code() != errc::truncated || eof_) return st;
      if (need > static_cast<size_t>(options_.limits.max_schema_size) * 2)
        return limit_exceeded("avro: header larger than " +
                              std::to_string(options_.limits.max_schema_size * 2) + " bytes");
      need *= 2;
    }
  }

  // Streaming: make the whole next block (count, size, data, sync) available in window_ and
  // point file_/pos_ at it. False at the end of the input.
  result<bool> buffer_next_block() {
    LAKECODEC_TRY(fill(2 * max_varint64_bytes));
    if (window_.size() == window_start_) return false;
    decoder d(byte_span(window_.data() + window_start_, window_.size() - window_start_),
              base_ + static_cast<int64_t>(window_start_));
    d.read_long();
    const int64_t size = d.read_long();
    if (d.ok() && size >= 0) {
      if (size > options_.limits.max_allocation)
        return limit_exceeded(
            "avro: block of " + std::to_string(size) + " bytes exceeds the allocation limit",
            base_ + static_cast<int64_t>(window_start_));
      const size_t header = static_cast<size_t>(d.position() - (window_.data() + window_start_));
      LAKECODEC_TRY(fill(header + static_cast<size_t>(size) + 16));
    }
    // Errors (bad varints, negative sizes, truncation) are reported by the span path.
    file_ = window_.span();
    pos_ = window_start_;
    return true;
  }

  // Avro 1.2 files: "Obj" 0, then blocks of (sync, count, records) with no byte size, and a
  // footer block (count -1, size, metadata map) whose size is the file's last 4 bytes (BE).
  status read_legacy_header() {
    legacy_ = true;
    if (file_.size < 8) return truncated_input("avro: legacy file too short for its footer", 0);
    const uint32_t footer = load_be<uint32_t>(file_.data + file_.size - 4);
    if (footer < 4 || footer > file_.size - 4)
      return corrupt_data(
          "avro: legacy footer size " + std::to_string(footer) + " does not fit the file",
          static_cast<int64_t>(file_.size - 4));
    const size_t at = file_.size - footer;
    decoder d(file_.subspan(at, footer - 4), static_cast<int64_t>(at));
    LAKECODEC_TRY(read_metadata_map(d));
    const std::string* sync = metadata("sync");
    if (sync == nullptr || sync->size() != 16)
      return corrupt_data("avro: legacy footer has no 16-byte sync", static_cast<int64_t>(at));
    std::memcpy(sync_.data(), sync->data(), 16);
    const std::string* s = metadata("schema");
    const std::string* c = metadata("codec");
    if (c != nullptr && *c != "null")
      return status(errc::unsupported_codec,
                    "avro: legacy file codec '" + *c + "' is not supported");
    header_size_ = 4;
    pos_ = 4;
    return parse_schema(s);
  }

  result<bool> next_legacy_block(block_view& b) {
    for (;;) {
      if (pos_ >= file_.size) return false;
      decoder d(file_.subspan(pos_, file_.size - pos_), static_cast<int64_t>(pos_),
                options_.limits);
      b.offset = static_cast<int64_t>(pos_);
      const std::string_view sync = d.read_fixed(16);
      if (!d.ok()) return d.error();
      if (std::memcmp(sync.data(), sync_.data(), 16) != 0)
        return corrupt_data("avro: legacy sync marker mismatch", b.offset);
      const int64_t count = d.read_long();
      if (!d.ok()) return d.error();
      if (count == -1) {
        const int64_t size = d.read_long();
        if (!d.ok()) return d.error();
        if (size < 0 || static_cast<uint64_t>(size) > d.remaining())
          return corrupt_data(
              "avro: legacy footer block size " + std::to_string(size) + " is invalid", d.offset());
        pos_ = static_cast<size_t>(d.offset() + size);
        continue;
      }
      if (count < 0 || count > options_.limits.max_collection_count)
        return corrupt_data("avro: legacy block count " + std::to_string(count) + " is invalid",
                            b.offset);
      const uint8_t* start = d.position();
      for (int64_t i = 0; i < count && d.ok(); ++i) detail::skip_value(schema_.root(), d, 0);
      if (!d.ok()) return d.error();
      b.count = count;
      b.data = byte_span(start, static_cast<size_t>(d.position() - start));
      b.offset = static_cast<int64_t>(start - file_.data);
      pos_ = static_cast<size_t>(d.position() - file_.data);
      ++blocks_;
      return true;
    }
  }

  status read_metadata_map(decoder& d) {
    for (;;) {
      int64_t count = d.read_long();
      if (!d.ok()) return d.error();
      if (count == 0) break;
      if (count < 0) {
        if (count == INT64_MIN)
          return corrupt_data("avro: header map block count overflows", d.offset());
        count = -count;
        d.read_long();
      }
      if (count > static_cast<int64_t>(d.remaining() / 2) + 1)
        return truncated_input(
            "avro: header metadata count " + std::to_string(count) + " exceeds the remaining bytes",
            d.offset());
      for (int64_t i = 0; i < count; ++i) {
        std::string_view k = d.read_string();
        std::string_view v = d.read_bytes();
        if (!d.ok()) return d.error().with_context("header metadata");
        metadata_.emplace_back(std::string(k), std::string(v));
      }
    }
    return {};
  }

  status parse_schema(const std::string* schema_json) {
    if (schema_json == nullptr) return corrupt_data("avro: header has no avro.schema", 4);
    if (static_cast<int64_t>(schema_json->size()) > options_.limits.max_schema_size)
      return limit_exceeded("avro: avro.schema of " + std::to_string(schema_json->size()) +
                            " bytes exceeds the limit " +
                            std::to_string(options_.limits.max_schema_size));
    schema_json_ = *schema_json;
    auto s = schema::parse(*schema_json);
    if (!s)
      return status(s.error().code(), "avro: avro.schema in the header: " + s.error().message());
    schema_ = std::move(s).value();
    return {};
  }

  status read_header() {
    if (file_.size < 4)
      return truncated_input(
          "avro: file of " + std::to_string(file_.size) + " bytes is too short for the magic", 0);
    if (std::memcmp(file_.data, "Obj\0", 4) == 0) return read_legacy_header();
    if (std::memcmp(file_.data, container_magic, 4) != 0)
      return corrupt_data("avro: bad magic (expected 'Obj' 0x01): not an Avro container file", 0);
    decoder d(file_);
    d.skip(4);
    LAKECODEC_TRY(read_metadata_map(d));
    const std::string_view sync = d.read_fixed(16);
    if (!d.ok()) return d.error().with_context("header sync marker");
    std::memcpy(sync_.data(), sync.data(), 16);
    header_size_ = d.offset();
    pos_ = static_cast<size_t>(header_size_);
    LAKECODEC_TRY(parse_schema(metadata("avro.schema")));
    const std::string* c = metadata("avro.codec");
    LAKECODEC_ASSIGN_OR_RETURN(codec_, parse_codec(c == nullptr ? "null" : *c));
    if (!compression_available(detail::to_compression(codec_)))
      return status(errc::unsupported_codec, std::string("avro: codec '") + codec_name(codec_) +
                                                 "' is not built into this lakecodec");
    return {};
  }

  byte_span file_;
  // An Avro 1.2 file read whole from a source; file_ points into it.
  byte_buffer owned_;
  // Streaming mode: the source, the window of bytes read ahead, the first unread byte in it,
  // and the file offset of window_[0] (added to every reported offset).
  std::unique_ptr<input_source> source_;
  byte_buffer window_;
  size_t window_start_ = 0;
  bool eof_ = false;
  int64_t base_ = 0;
  reader_options options_;
  schema schema_;
  std::string schema_json_;
  bool legacy_ = false;
  avro::codec codec_ = avro::codec::null;
  sync_marker sync_{};
  std::vector<std::pair<std::string, std::string>> metadata_;
  int64_t header_size_ = 0;
  size_t pos_ = 0;
  int64_t blocks_ = 0;
  std::unique_ptr<decompressor> decompressor_;
  std::unique_ptr<resolution> resolution_;
  byte_buffer block_;
  decoder block_decoder_;
  int64_t remaining_in_block_ = 0;
};

/// Reads a whole container file into generic values (tools, tests, small manifests).
inline result<std::vector<value>> read_container(byte_span file, reader_options options = {}) {
  LAKECODEC_ASSIGN_OR_RETURN(container_reader r, container_reader::open(file, std::move(options)));
  return r.read_all();
}

/// Writes generic values as a whole container file into memory.
inline result<byte_buffer> write_container(const schema& s, const std::vector<value>& records,
                                           writer_options options = {}) {
  memory_sink sink;
  LAKECODEC_ASSIGN_OR_RETURN(container_writer w,
                             container_writer::open(sink, s, std::move(options)));
  for (const value& v : records) LAKECODEC_TRY(w.write(v));
  LAKECODEC_TRY(w.close());
  return sink.take();
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
