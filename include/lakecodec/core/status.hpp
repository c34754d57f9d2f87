#pragma once
// Errors are values: `status` (code + message + optional byte offset) and `result<T>`.
// The library never throws, aborts or prints; every fallible function returns one of these.

#include <cassert>
#include <cstdint>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// Error categories. `corrupt_data` and `truncated` are about input bytes; `invalid_argument`
/// and `schema_mismatch` about what the caller passed; `limit_exceeded` about hostile sizes.
enum class errc : uint8_t {
  ok = 0,
  invalid_argument,
  corrupt_data,
  truncated,
  limit_exceeded,
  unsupported,
  unsupported_codec,
  schema_mismatch,
  not_found,
  already_exists,
  conflict,
  io_error,
  internal,
};

/// Stable lower-case name of an error code, e.g. "corrupt_data".
inline const char* errc_name(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::invalid_argument: return "invalid_argument";
    case errc::corrupt_data: return "corrupt_data";
    case errc::truncated: return "truncated";
    case errc::limit_exceeded: return "limit_exceeded";
    case errc::unsupported: return "unsupported";
    case errc::unsupported_codec: return "unsupported_codec";
    case errc::schema_mismatch: return "schema_mismatch";
    case errc::not_found: return "not_found";
    case errc::already_exists: return "already_exists";
    case errc::conflict: return "conflict";
    case errc::io_error: return "io_error";
    case errc::internal: return "internal";
  }
  return "unknown";
}

/// The outcome of an operation: ok, or a code with a message saying what was expected and what
/// was found, and (for decoders) the byte offset where it was found (-1 when not applicable).
class [[nodiscard]] status {
 public:
  status() noexcept = default;
  status(errc code, std::string message, int64_t offset = -1)
      : code_(code), offset_(offset), message_(std::move(message)) {}

  static status ok_status() noexcept { return status(); }

  bool ok() const noexcept { return code_ == errc::ok; }
  explicit operator bool() const noexcept { return ok(); }
  errc code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  int64_t offset() const noexcept { return offset_; }

  /// "corrupt_data: avro: block count -3 is negative (at byte 812)".
  std::string to_string() const {
    if (ok()) return "ok";
    std::string s = errc_name(code_);
    s += ": ";
    s += message_;
    if (offset_ >= 0) {
      s += " (at byte ";
      s += std::to_string(offset_);
      s += ")";
    }
    return s;
  }

  /// Prefixes the message with context, e.g. the file or column name.
  status with_context(const std::string& context) const {
    if (ok()) return *this;
    return status(code_, context + ": " + message_, offset_);
  }

 private:
  errc code_ = errc::ok;
  int64_t offset_ = -1;
  std::string message_;
};

/// Shorthands for the common error kinds.
inline status invalid_argument(std::string m) {
  return status(errc::invalid_argument, std::move(m));
}
inline status corrupt_data(std::string m, int64_t offset = -1) {
  return status(errc::corrupt_data, std::move(m), offset);
}
inline status truncated_input(std::string m, int64_t offset = -1) {
  return status(errc::truncated, std::move(m), offset);
}
inline status limit_exceeded(std::string m, int64_t offset = -1) {
  return status(errc::limit_exceeded, std::move(m), offset);
}
inline status unsupported(std::string m) { return status(errc::unsupported, std::move(m)); }
inline status schema_mismatch(std::string m) { return status(errc::schema_mismatch, std::move(m)); }
inline status io_error(std::string m) { return status(errc::io_error, std::move(m)); }

/// A value or the status explaining why there is none; modelled on std::expected.
template <class T>
class [[nodiscard]] result {
  static_assert(!std::is_same<T, status>::value, "result<status> is meaningless");

 public:
  result(const T& value) : has_(true) { new (&storage_) T(value); }         // NOLINT
  result(T&& value) noexcept(std::is_nothrow_move_constructible<T>::value)  // NOLINT
      : has_(true) {
    new (&storage_) T(std::move(value));
  }
  result(status error) : has_(false), error_(std::move(error)) {  // NOLINT
    assert(!error_.ok() && "result constructed from an ok status without a value");
    if (error_.ok()) error_ = status(errc::internal, "result constructed from ok status");
  }
  template <class U, class = std::enable_if_t<std::is_constructible<T, U&&>::value &&
                                              !std::is_same<std::decay_t<U>, T>::value &&
                                              !std::is_same<std::decay_t<U>, status>::value>>
  result(U&& value) : has_(true) {  // NOLINT
    new (&storage_) T(std::forward<U>(value));
  }
  result(const result& o) : has_(o.has_), error_(o.error_) {
    if (has_) new (&storage_) T(*o.ptr());
  }
  result(result&& o) noexcept(std::is_nothrow_move_constructible<T>::value)
      : has_(o.has_), error_(std::move(o.error_)) {
    if (has_) new (&storage_) T(std::move(*o.ptr()));
  }
  result& operator=(const result& o) {
    if (this != &o) {
      destroy();
      has_ = o.has_;
      error_ = o.error_;
      if (has_) new (&storage_) T(*o.ptr());
    }
    return *this;
  }
  result& operator=(result&& o) noexcept(std::is_nothrow_move_constructible<T>::value) {
    if (this != &o) {
      destroy();
      has_ = o.has_;
      error_ = std::move(o.error_);
      if (has_) new (&storage_) T(std::move(*o.ptr()));
    }
    return *this;
  }
  ~result() { destroy(); }

  bool has_value() const noexcept { return has_; }
  bool ok() const noexcept { return has_; }
  explicit operator bool() const noexcept { return has_; }

  T& value() & {
    assert(has_);
    return *ptr();
  }
  const T& value() const& {
    assert(has_);
    return *ptr();
  }
  T&& value() && {
    assert(has_);
    return std::move(*ptr());
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*ptr()); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  /// The error; an ok status when a value is present.
  const status& error() const& noexcept { return error_; }
  status error() && noexcept { return std::move(error_); }
  /// Same as error(); lets generic code treat status and result alike.
  const status& get_status() const noexcept { return error_; }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_ ? *ptr() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  T* ptr() noexcept { return std::launder(reinterpret_cast<T*>(&storage_)); }
  const T* ptr() const noexcept { return std::launder(reinterpret_cast<const T*>(&storage_)); }
  void destroy() noexcept {
    if (has_) ptr()->~T();
    has_ = false;
  }

  bool has_ = false;
  status error_;
  typename std::aligned_storage<sizeof(T), alignof(T)>::type storage_;
};

namespace detail {
inline const status& as_status(const status& s) noexcept { return s; }
template <class T>
const status& as_status(const result<T>& r) noexcept {
  return r.error();
}
}  // namespace detail

LAKECODEC_NAMESPACE_END

#define LAKECODEC_CONCAT_IMPL(a, b) a##b
#define LAKECODEC_CONCAT(a, b) LAKECODEC_CONCAT_IMPL(a, b)

/// Returns the status of `expr` (a status or result) from the enclosing function if it failed.
#define LAKECODEC_TRY(expr)                                                             \
  do {                                                                                  \
    auto&& lakecodec_try_value_ = (expr);                                               \
    if (LAKECODEC_UNLIKELY(!::lakecodec::detail::as_status(lakecodec_try_value_).ok())) \
      return ::lakecodec::detail::as_status(lakecodec_try_value_);                      \
  } while (0)

#define LAKECODEC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                    \
  auto tmp = (expr);                                                       \
  if (LAKECODEC_UNLIKELY(!tmp.has_value())) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()

/// `LAKECODEC_ASSIGN_OR_RETURN(auto x, f())` assigns the value of a result or returns its error.
#define LAKECODEC_ASSIGN_OR_RETURN(lhs, expr) \
  LAKECODEC_ASSIGN_OR_RETURN_IMPL(LAKECODEC_CONCAT(lakecodec_result_, __LINE__), lhs, expr)
