#pragma once
// Output sinks: where encoders put their bytes. Writers buffer whole blocks/pages and hand them
// to a sink, so one virtual call per block is the only dispatch.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <utility>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Destination of encoded bytes.
class output_sink {
 public:
  virtual ~output_sink() = default;
  /// Appends bytes; an error leaves the sink unusable.
  virtual status write(const uint8_t* data, size_t size) = 0;
  status write(byte_span s) { return write(s.data, s.size); }
  /// Makes written bytes durable where that means something (fsync for files).
  virtual status flush() { return {}; }
  /// Bytes written so far.
  virtual uint64_t position() const = 0;
};

/// Collects everything in memory.
class memory_sink final : public output_sink {
 public:
  using output_sink::write;
  status write(const uint8_t* data, size_t size) override {
    buffer_.append(data, size);
    return {};
  }
  uint64_t position() const override { return buffer_.size(); }
  const byte_buffer& buffer() const noexcept { return buffer_; }
  byte_buffer take() noexcept { return std::move(buffer_); }

 private:
  byte_buffer buffer_;
};

/// Forwards every write to a user callback (a socket, an object store upload, ...).
class callback_sink final : public output_sink {
 public:
  using output_sink::write;
  using callback = std::function<status(const uint8_t*, size_t)>;
  explicit callback_sink(callback cb) : cb_(std::move(cb)) {}
  status write(const uint8_t* data, size_t size) override {
    LAKECODEC_TRY(cb_(data, size));
    position_ += size;
    return {};
  }
  uint64_t position() const override { return position_; }

 private:
  callback cb_;
  uint64_t position_ = 0;
};

/// How file_sink publishes the file.
struct file_sink_options {
  /// Write to a hidden temporary next to the target and publish it on close(), so readers never
  /// see a partial file and an abandoned write leaves nothing behind.
  bool atomic = true;
  /// Replace an existing file. When false, close() fails with already_exists instead.
  bool overwrite = false;
  /// fsync the file (and its directory) before publishing.
  bool sync = true;
};

/// A file. Until close() succeeds the data lives in a temporary (atomic mode); destroying an
/// unclosed sink removes it. File operations go through core/os.hpp.
class file_sink final : public output_sink {
 public:
  using output_sink::write;
  /// Opens `path` for writing; errors name the path and the OS reason. Without atomic and
  /// overwrite an existing `path` is refused here (already_exists).
  static result<file_sink> open(std::string path, file_sink_options options = {}) {
    file_sink s;
    s.path_ = std::move(path);
    s.options_ = options;
    s.write_path_ = options.atomic ? temporary_name(s.path_) : s.path_;
    LAKECODEC_ASSIGN_OR_RETURN(
        s.file_, os::open_create(s.write_path_, !options.atomic && options.overwrite));
    return s;
  }

  file_sink(file_sink&& o) noexcept { *this = std::move(o); }
  file_sink& operator=(file_sink&& o) noexcept {
    if (this != &o) {
      abort();
      path_ = std::move(o.path_);
      write_path_ = std::move(o.write_path_);
      options_ = o.options_;
      file_ = std::move(o.file_);
      position_ = std::exchange(o.position_, 0);
    }
    return *this;
  }
  file_sink(const file_sink&) = delete;
  file_sink& operator=(const file_sink&) = delete;
  ~file_sink() override { abort(); }

  status write(const uint8_t* data, size_t size) override {
    if (!file_.is_open()) return io_error("write to a closed file: " + path_);
    LAKECODEC_TRY(os::write_full(file_, data, size));
    position_ += size;
    return {};
  }

  status flush() override {
    if (file_.is_open()) return os::fsync(file_);
    return {};
  }

  uint64_t position() const override { return position_; }
  const std::string& path() const noexcept { return path_; }

  /// Flushes, closes and (atomic mode) publishes the file under its final name. With
  /// overwrite=false the publish is no-replace: it fails with already_exists if the name is taken.
  status close() {
    if (!file_.is_open()) return io_error("file already closed: " + path_);
    if (options_.sync) LAKECODEC_TRY(flush());
    status closed = file_.close();
    if (!closed.ok()) {
      discard_temporary();
      return closed;
    }
    if (!options_.atomic) return {};
    status s = publish();
    discard_temporary();
    return s;
  }

  /// Abandons the write: closes and removes whatever was written. Idempotent.
  void abort() noexcept {
    if (file_.is_open()) {
      (void)file_.close();
      (void)os::unlink(write_path_);
    }
  }

 private:
  file_sink() = default;

  static std::string temporary_name(const std::string& path) {
    std::random_device rd;
    const size_t slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%08x%08x.tmp", rd(), rd());
    return dir + "." + base + suffix;
  }

  status publish() {
    if (options_.overwrite) {
      LAKECODEC_TRY(os::rename_replace(write_path_, path_));
    } else {
      LAKECODEC_TRY(os::link_no_replace(write_path_, path_));
    }
    if (options_.sync) (void)os::fsync_directory(directory());
    return {};
  }

  void discard_temporary() noexcept {
    if (options_.atomic) (void)os::unlink(write_path_);
  }

  std::string directory() const {
    const size_t slash = path_.rfind('/');
    return slash == std::string::npos ? "." : (slash == 0 ? "/" : path_.substr(0, slash));
  }

  std::string path_;
  std::string write_path_;
  file_sink_options options_;
  os::file file_;
  uint64_t position_ = 0;
};

/// Reads a whole file into memory (tools and tests; decoders take spans or sources).
/// limit_exceeded when it is larger than `max_size`; open/read errors name the path.
inline result<byte_buffer> read_file(const std::string& path, int64_t max_size = int64_t{1} << 40) {
  LAKECODEC_ASSIGN_OR_RETURN(os::file f, os::open_read(path));
  LAKECODEC_ASSIGN_OR_RETURN(uint64_t size, os::file_size(f));
  if (size > static_cast<uint64_t>(max_size))
    return limit_exceeded("file '" + path + "' is larger than " + std::to_string(max_size) +
                          " bytes");
  byte_buffer out(static_cast<size_t>(size));
  for (;;) {
    uint8_t* p = out.ensure(65536);
    LAKECODEC_ASSIGN_OR_RETURN(size_t n, os::read_some(f, p, 65536));
    if (n == 0) break;
    out.commit(n);
  }
  return out;
}

LAKECODEC_NAMESPACE_END
