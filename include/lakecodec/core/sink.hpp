#pragma once
// Output sinks: where encoders put their bytes. Writers buffer whole blocks/pages and hand them
// to a sink, so one virtual call per block is the only dispatch.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <utility>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
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

/// A POSIX file. Until close() succeeds the data lives in a temporary (atomic mode); destroying
/// an unclosed sink removes it.
class file_sink final : public output_sink {
 public:
  using output_sink::write;
  /// Opens `path` for writing; errors name the path and the OS reason.
  static result<file_sink> open(std::string path, file_sink_options options = {}) {
    file_sink s;
    s.path_ = std::move(path);
    s.options_ = options;
    s.write_path_ = options.atomic ? temporary_name(s.path_) : s.path_;
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_TRUNC;
    if (options.atomic || !options.overwrite) flags |= O_EXCL;
    s.fd_ = ::open(s.write_path_.c_str(), flags, 0644);
    if (s.fd_ < 0) return os_error("cannot create", s.write_path_);
    return s;
  }

  file_sink(file_sink&& o) noexcept { *this = std::move(o); }
  file_sink& operator=(file_sink&& o) noexcept {
    if (this != &o) {
      abort();
      path_ = std::move(o.path_);
      write_path_ = std::move(o.write_path_);
      options_ = o.options_;
      fd_ = std::exchange(o.fd_, -1);
      position_ = std::exchange(o.position_, 0);
    }
    return *this;
  }
  file_sink(const file_sink&) = delete;
  file_sink& operator=(const file_sink&) = delete;
  ~file_sink() override { abort(); }

  status write(const uint8_t* data, size_t size) override {
    if (fd_ < 0) return io_error("write to a closed file: " + path_);
    while (size > 0) {
      ssize_t n = ::write(fd_, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return os_error("cannot write", write_path_);
      }
      data += n;
      size -= static_cast<size_t>(n);
      position_ += static_cast<uint64_t>(n);
    }
    return {};
  }

  status flush() override {
    if (fd_ >= 0 && ::fsync(fd_) != 0) return os_error("cannot fsync", write_path_);
    return {};
  }

  uint64_t position() const override { return position_; }
  const std::string& path() const noexcept { return path_; }

  /// Flushes, closes and (atomic mode) publishes the file under its final name. With
  /// overwrite=false the publish is no-replace: it fails with already_exists if the name is taken.
  status close() {
    if (fd_ < 0) return io_error("file already closed: " + path_);
    if (options_.sync) LAKECODEC_TRY(flush());
    if (::close(std::exchange(fd_, -1)) != 0) {
      status s = os_error("cannot close", write_path_);
      discard_temporary();
      return s;
    }
    if (!options_.atomic) return {};
    status s = publish();
    discard_temporary();
    return s;
  }

  /// Abandons the write: closes and removes whatever was written. Idempotent.
  void abort() noexcept {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
      ::unlink(write_path_.c_str());
    }
  }

 private:
  file_sink() = default;

  static status os_error(const char* what, const std::string& path) {
    return io_error(std::string(what) + " '" + path + "': " + std::strerror(errno));
  }

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
      if (::rename(write_path_.c_str(), path_.c_str()) != 0)
        return os_error("cannot rename to", path_);
    } else if (::link(write_path_.c_str(), path_.c_str()) != 0) {
      if (errno == EEXIST)
        return status(errc::already_exists, "file already exists: '" + path_ + "'");
      return os_error("cannot publish", path_);
    }
    if (options_.sync) sync_directory();
    return {};
  }

  void discard_temporary() noexcept {
    if (options_.atomic) ::unlink(write_path_.c_str());
  }

  void sync_directory() noexcept {
    const size_t slash = path_.rfind('/');
    std::string dir =
        slash == std::string::npos ? "." : (slash == 0 ? "/" : path_.substr(0, slash));
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      ::fsync(dfd);
      ::close(dfd);
    }
  }

  std::string path_;
  std::string write_path_;
  file_sink_options options_;
  int fd_ = -1;
  uint64_t position_ = 0;
};

/// Reads a whole file into memory (tools and tests; decoders take spans).
inline result<byte_buffer> read_file(const std::string& path, int64_t max_size = int64_t{1} << 40) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open '" + path + "': " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return io_error("cannot stat '" + path + "': " + std::strerror(errno));
  }
  if (st.st_size > max_size) {
    ::close(fd);
    return limit_exceeded("file '" + path + "' is larger than " + std::to_string(max_size) +
                          " bytes");
  }
  byte_buffer out(static_cast<size_t>(st.st_size));
  for (;;) {
    uint8_t* p = out.ensure(65536);
    ssize_t n = ::read(fd, p, 65536);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return io_error("cannot read '" + path + "': " + std::strerror(errno));
    }
    if (n == 0) break;
    out.commit(static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

LAKECODEC_NAMESPACE_END
