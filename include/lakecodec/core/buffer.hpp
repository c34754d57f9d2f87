#pragma once
// A growable byte buffer that does not zero-initialise on growth, and a non-owning byte span.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/varint.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// A read-only view of contiguous bytes (C++17 has no std::span).
struct byte_span {
  const uint8_t* data = nullptr;
  size_t size = 0;

  constexpr byte_span() noexcept = default;
  constexpr byte_span(const uint8_t* d, size_t n) noexcept : data(d), size(n) {}
  byte_span(const void* d, size_t n) noexcept : data(static_cast<const uint8_t*>(d)), size(n) {}
  byte_span(std::string_view s) noexcept  // NOLINT: strings are byte sequences here
      : data(reinterpret_cast<const uint8_t*>(s.data())), size(s.size()) {}

  bool empty() const noexcept { return size == 0; }
  const uint8_t* begin() const noexcept { return data; }
  const uint8_t* end() const noexcept { return data + size; }
  uint8_t operator[](size_t i) const noexcept { return data[i]; }
  byte_span subspan(size_t offset, size_t n) const noexcept { return {data + offset, n}; }
  std::string_view as_string_view() const noexcept {
    return {reinterpret_cast<const char*>(data), size};
  }
  std::string to_string() const { return std::string(as_string_view()); }
  friend bool operator==(byte_span a, byte_span b) noexcept {
    return a.size == b.size && (a.size == 0 || std::memcmp(a.data, b.data, a.size) == 0);
  }
  friend bool operator!=(byte_span a, byte_span b) noexcept { return !(a == b); }
};

/// Growable, move-only byte buffer. Growth is geometric and never zero-fills, so encoders can
/// reserve room, write through a raw pointer, and commit what they wrote.
/// Allocation failure is the one condition not reported as a status (as with std::vector); all
/// sizes that come from input are checked against `limits` before they reach a buffer.
class byte_buffer {
 public:
  byte_buffer() noexcept = default;
  explicit byte_buffer(size_t capacity) { reserve(capacity); }
  byte_buffer(const byte_buffer& o) { append(o.data_, o.size_); }
  byte_buffer& operator=(const byte_buffer& o) {
    if (this != &o) {
      clear();
      append(o.data_, o.size_);
    }
    return *this;
  }
  byte_buffer(byte_buffer&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)),
        size_(std::exchange(o.size_, 0)),
        capacity_(std::exchange(o.capacity_, 0)) {}
  byte_buffer& operator=(byte_buffer&& o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
  }
  ~byte_buffer() { std::free(data_); }

  uint8_t* data() noexcept { return data_; }
  const uint8_t* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }
  size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  byte_span span() const noexcept { return {data_, size_}; }
  std::string_view view() const noexcept { return {reinterpret_cast<const char*>(data_), size_}; }
  uint8_t& operator[](size_t i) noexcept { return data_[i]; }
  uint8_t operator[](size_t i) const noexcept { return data_[i]; }

  void clear() noexcept { size_ = 0; }
  /// Releases the memory as well as the contents.
  void release() noexcept {
    std::free(data_);
    data_ = nullptr;
    size_ = capacity_ = 0;
  }

  void reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    void* p = std::realloc(data_, capacity);
    if (p == nullptr) std::abort();  // out of memory: see the class comment
    data_ = static_cast<uint8_t*>(p);
    capacity_ = capacity;
  }
  /// Makes room for `n` more bytes and returns where they start; call commit(n) afterwards.
  LAKECODEC_ALWAYS_INLINE uint8_t* ensure(size_t n) {
    if (LAKECODEC_UNLIKELY(size_ + n > capacity_)) grow(size_ + n);
    return data_ + size_;
  }
  LAKECODEC_ALWAYS_INLINE void commit(size_t n) noexcept { size_ += n; }
  /// Sets the size; new bytes are uninitialised.
  void resize(size_t n) {
    if (n > capacity_) grow(n);
    size_ = n;
  }
  /// Appends `n` uninitialised bytes and returns a pointer to them.
  uint8_t* append_uninitialized(size_t n) {
    uint8_t* p = ensure(n);
    size_ += n;
    return p;
  }

  LAKECODEC_ALWAYS_INLINE void append(const void* p, size_t n) {
    if (n == 0) return;
    std::memcpy(ensure(n), p, n);
    size_ += n;
  }
  void append(byte_span s) { append(s.data, s.size); }
  void append(std::string_view s) { append(s.data(), s.size()); }
  LAKECODEC_ALWAYS_INLINE void push_back(uint8_t b) {
    *ensure(1) = b;
    ++size_;
  }
  template <class T>
  LAKECODEC_ALWAYS_INLINE void append_le(T v) {
    store_le<T>(ensure(sizeof(T)), v);
    size_ += sizeof(T);
  }
  template <class T>
  LAKECODEC_ALWAYS_INLINE void append_be(T v) {
    store_be<T>(ensure(sizeof(T)), v);
    size_ += sizeof(T);
  }
  LAKECODEC_ALWAYS_INLINE void append_uvarint(uint64_t v) {
    size_ += encode_uvarint(v, ensure(max_varint64_bytes));
  }
  LAKECODEC_ALWAYS_INLINE void append_zigzag(int64_t v) {
    size_ += encode_zigzag_varint(v, ensure(max_varint64_bytes));
  }

 private:
  void grow(size_t needed) {
    size_t cap = capacity_ < 64 ? 64 : capacity_;
    while (cap < needed) cap = cap + cap / 2 + 64;
    reserve(cap);
  }

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

LAKECODEC_NAMESPACE_END
