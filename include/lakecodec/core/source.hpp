#pragma once
// Random-access inputs: where readers get their bytes. A source knows its size and reads byte
// ranges at offsets, the two operations a footer-first format (Parquet) and a block-streaming one
// (Avro containers) need, and all an object store offers (HEAD + ranged GET). The Avro container
// reader and the Parquet footer reader take any source; files, memory and caller-supplied
// readers come built in.

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <utility>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/os.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// A random-access input of known size. Readers call read_at() from one thread at a time unless
/// the implementation says otherwise (file_source and memory_source are safe to share). Derive
/// from it to read from anywhere else: implement size(), read_exact() and optionally name().
class source {
 public:
  virtual ~source() = default;

  /// Total size of the input in bytes.
  virtual uint64_t size() const = 0;

  /// What the input is (a path, a URL) for error messages.
  virtual std::string name() const { return "input"; }

  /// Reads exactly `len` bytes at `offset` into `dst`. A range that passes the end of the input
  /// fails with truncated naming the offset, the length and the size, before the
  /// implementation is asked; the implementation's own errors are passed on.
  status read_at(uint64_t offset, size_t len, uint8_t* dst) const {
    LAKECODEC_TRY(check_range(offset, len));
    if (len == 0) return {};
    return read_exact(offset, len, dst);
  }

  /// Same, replacing the contents of `out` with the bytes read.
  status read_at(uint64_t offset, size_t len, byte_buffer& out) const {
    LAKECODEC_TRY(check_range(offset, len));
    out.resize(len);
    if (len == 0) return {};
    return read_exact(offset, len, out.data());
  }

  /// Fails with truncated unless [offset, offset + len) lies inside the input.
  status check_range(uint64_t offset, size_t len) const {
    const uint64_t n = size();
    if (offset <= n && len <= n - offset) return {};
    return truncated_input(name() + ": read of " + std::to_string(len) + " bytes at offset " +
                               std::to_string(offset) + " passes the end of the " +
                               std::to_string(n) + "-byte input",
                           static_cast<int64_t>(offset));
  }

 protected:
  /// Reads exactly `len` (> 0) bytes at `offset` (the range is inside the input). A short read
  /// is an error, not a partial success.
  virtual status read_exact(uint64_t offset, size_t len, uint8_t* dst) const = 0;
};

/// A span of memory the caller keeps alive.
class memory_source final : public source {
 public:
  explicit memory_source(byte_span bytes, std::string name = "memory") noexcept
      : bytes_(bytes), name_(std::move(name)) {}
  uint64_t size() const override { return bytes_.size; }
  std::string name() const override { return name_; }
  byte_span bytes() const noexcept { return bytes_; }

 protected:
  status read_exact(uint64_t offset, size_t len, uint8_t* dst) const override {
    std::memcpy(dst, bytes_.data + offset, len);
    return {};
  }

 private:
  byte_span bytes_;
  std::string name_;
};

/// A file read with pread: no shared file position, so one file_source can serve several
/// readers. The size is taken once, at open().
class file_source final : public source {
 public:
  /// Opens `path`; not_found / io_error naming the path and the OS reason.
  static result<file_source> open(const std::string& path) {
    LAKECODEC_ASSIGN_OR_RETURN(os::file f, os::open_read(path));
    LAKECODEC_ASSIGN_OR_RETURN(uint64_t size, os::file_size(f));
    return file_source(std::move(f), size);
  }

  file_source(file_source&&) noexcept = default;
  file_source& operator=(file_source&&) noexcept = default;

  uint64_t size() const override { return size_; }
  std::string name() const override { return "'" + file_.path() + "'"; }
  const std::string& path() const noexcept { return file_.path(); }

 protected:
  status read_exact(uint64_t offset, size_t len, uint8_t* dst) const override {
    return os::pread_full(file_, offset, dst, len);
  }

 private:
  file_source(os::file f, uint64_t size) noexcept : file_(std::move(f)), size_(size) {}
  os::file file_;
  uint64_t size_ = 0;
};

/// A caller-supplied reader as a function object (an object store's ranged GET, a cache):
/// `read(offset, len, dst)` must fill all `len` bytes or return an error.
class function_source final : public source {
 public:
  using read_function = std::function<status(uint64_t offset, size_t len, uint8_t* dst)>;
  function_source(uint64_t size, read_function read, std::string name = "input")
      : size_(size), read_(std::move(read)), name_(std::move(name)) {}
  uint64_t size() const override { return size_; }
  std::string name() const override { return name_; }

 protected:
  status read_exact(uint64_t offset, size_t len, uint8_t* dst) const override {
    if (!read_) return invalid_argument(name_ + ": function_source has no read function");
    return read_(offset, len, dst);
  }

 private:
  uint64_t size_;
  read_function read_;
  std::string name_;
};

LAKECODEC_NAMESPACE_END
