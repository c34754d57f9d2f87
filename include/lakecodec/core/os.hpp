#pragma once
// The only header that calls the operating system. Every file operation the library performs
// (open, pread, write, fsync, link, rename, unlink, anonymous mmap) goes through these wrappers,
// so a port to another system changes this file alone. Errors are values: io_error with the
// operation, the path and the OS reason (strerror of errno); already_exists and not_found where a
// caller needs to tell those apart.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace os {

namespace detail {
/// The status for a failed system call: `what 'path': reason`. ENOENT maps to not_found and
/// EEXIST to already_exists, every other errno to io_error.
inline status error(const char* what, const std::string& path, int err) {
  std::string m = std::string(what) + " '" + path + "': " + std::strerror(err);
  if (err == ENOENT) return status(errc::not_found, std::move(m));
  if (err == EEXIST) return status(errc::already_exists, std::move(m));
  return io_error(std::move(m));
}
}  // namespace detail

/// An open file descriptor and the path it was opened by (for error messages). Closing on
/// destruction ignores errors; call close() to see them.
class file {
 public:
  file() noexcept = default;
  file(int fd, std::string path) noexcept : fd_(fd), path_(std::move(path)) {}
  file(file&& o) noexcept : fd_(std::exchange(o.fd_, -1)), path_(std::move(o.path_)) {}
  file& operator=(file&& o) noexcept {
    if (this != &o) {
      reset();
      fd_ = std::exchange(o.fd_, -1);
      path_ = std::move(o.path_);
    }
    return *this;
  }
  file(const file&) = delete;
  file& operator=(const file&) = delete;
  ~file() { reset(); }

  bool is_open() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }
  const std::string& path() const noexcept { return path_; }

  /// close(2); io_error naming the path if the system reports one (data may not have reached
  /// the disk). The file is closed either way.
  status close() {
    if (fd_ < 0) return {};
    if (::close(std::exchange(fd_, -1)) != 0) return detail::error("cannot close", path_, errno);
    return {};
  }

 private:
  void reset() noexcept {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  }

  int fd_ = -1;
  std::string path_;
};

/// Opens an existing file read-only. not_found when it does not exist, io_error otherwise; the
/// message names the path.
inline result<file> open_read(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return detail::error("cannot open", path, errno);
  return file(fd, path);
}

/// Creates `path` for writing. With `replace` false the name must be free (O_EXCL: fails with
/// already_exists when something is there); with `replace` true an existing file is truncated.
inline result<file> open_create(const std::string& path, bool replace = false) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_TRUNC;
  if (!replace) flags |= O_EXCL;
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) return detail::error("cannot create", path, errno);
  return file(fd, path);
}

/// The size of an open file in bytes (fstat).
inline result<uint64_t> file_size(const file& f) {
  struct stat st;
  if (::fstat(f.fd(), &st) != 0) return detail::error("cannot stat", f.path(), errno);
  return static_cast<uint64_t>(st.st_size);
}

/// Reads exactly `n` bytes at `offset` (pread, retried on EINTR and short reads). A file that
/// ends first gives truncated naming the path, the offset and how many bytes were missing.
inline status pread_full(const file& f, uint64_t offset, uint8_t* dst, size_t n) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(f.fd(), dst + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      return detail::error("cannot read", f.path(), errno);
    }
    if (r == 0)
      return truncated_input("'" + f.path() + "' ends at offset " + std::to_string(offset + got) +
                                 ", " + std::to_string(n - got) + " of the " + std::to_string(n) +
                                 " bytes read at offset " + std::to_string(offset) + " are missing",
                             static_cast<int64_t>(offset + got));
    got += static_cast<size_t>(r);
  }
  return {};
}

/// Reads up to `n` bytes from the current position; 0 at the end of the file.
inline result<size_t> read_some(const file& f, uint8_t* dst, size_t n) {
  for (;;) {
    const ssize_t r = ::read(f.fd(), dst, n);
    if (r >= 0) return static_cast<size_t>(r);
    if (errno != EINTR) return detail::error("cannot read", f.path(), errno);
  }
}

/// Writes all `n` bytes at the current position (retried on EINTR and short writes).
inline status write_full(const file& f, const uint8_t* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(f.fd(), data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return detail::error("cannot write", f.path(), errno);
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return {};
}

/// fsync(2): the file's data and metadata reach stable storage.
inline status fsync(const file& f) {
  if (::fsync(f.fd()) != 0) return detail::error("cannot fsync", f.path(), errno);
  return {};
}

/// fsyncs the directory `dir`, making a create/link/rename inside it durable.
inline status fsync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return detail::error("cannot open directory", dir, errno);
  file d(fd, dir);
  return fsync(d);
}

/// Publishes `from` under the new name `to` without ever replacing a file (link(2)): exactly one
/// of several concurrent publishers of the same name succeeds, the others get already_exists
/// naming `to`. `from` stays; unlink it afterwards.
inline status link_no_replace(const std::string& from, const std::string& to) {
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return status(errc::already_exists, "file already exists: '" + to + "'");
    return detail::error("cannot publish", to, errno);
  }
  return {};
}

/// Renames `from` to `to`, atomically replacing whatever `to` named (rename(2)).
inline status rename_replace(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return detail::error("cannot rename to", to, errno);
  return {};
}

/// Removes the name `path`; not_found when it does not exist.
inline status unlink(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return detail::error("cannot remove", path, errno);
  return {};
}

/// Maps `size` bytes of zeroed anonymous memory (page pools); io_error when the system refuses.
inline result<uint8_t*> map_anonymous(size_t size) {
  void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return io_error("cannot map " + std::to_string(size) + " bytes: " + std::strerror(errno));
  return static_cast<uint8_t*>(p);
}

/// Unmaps memory from map_anonymous.
inline void unmap(uint8_t* p, size_t size) noexcept {
  if (p != nullptr) ::munmap(p, size);
}

}  // namespace os
LAKECODEC_NAMESPACE_END
