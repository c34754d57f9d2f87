#pragma once
// Thrift compact protocol: the encoding of every Parquet footer and page header
// (parquet_avro.md A2; apache/thrift doc/specs/thrift-compact-protocol.md). Only what Parquet
// uses: structs, lists, i8/i16/i32/i64, double, binary and bool. Unknown fields are skipped on
// decode; every count is checked against the bytes that remain and nesting is bounded.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {
namespace thrift {

/// Compact protocol type nibbles.
enum class ctype : uint8_t {
  stop = 0,
  bool_true = 1,
  bool_false = 2,
  i8 = 3,
  i16 = 4,
  i32 = 5,
  i64 = 6,
  dbl = 7,
  binary = 8,
  list = 9,
  set = 10,
  map = 11,
  struct_ = 12,
};

/// Marker base of generated-by-hand structs (each has `write(compact_writer&)` and
/// `read(compact_reader&)`).
struct struct_base {};

/// Appends compact-protocol bytes to a buffer. Field ids must be written in increasing order
/// per struct; the previous id is saved across nested structs (Thrift compact protocol spec).
class compact_writer {
 public:
  explicit compact_writer(byte_buffer& out) : out_(out) {}

  void struct_begin() {
    stack_.push_back(last_);
    last_ = 0;
  }
  void struct_end() {
    out_.push_back(0);
    last_ = stack_.empty() ? 0 : stack_.back();
    if (!stack_.empty()) stack_.pop_back();
  }
  void field_header(int16_t id, ctype t) {
    const int delta = id - last_;
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<uint8_t>((delta << 4) | static_cast<uint8_t>(t)));
    } else {
      out_.push_back(static_cast<uint8_t>(t));
      out_.append_zigzag(id);
    }
    last_ = id;
  }
  void list_header(ctype elem, size_t n) {
    if (n < 15) {
      out_.push_back(static_cast<uint8_t>((n << 4) | static_cast<uint8_t>(elem)));
    } else {
      out_.push_back(static_cast<uint8_t>(0xF0 | static_cast<uint8_t>(elem)));
      out_.append_uvarint(n);
    }
  }
  void raw_varint_zigzag(int64_t v) { out_.append_zigzag(v); }
  void raw_byte(uint8_t b) { out_.push_back(b); }
  void raw_binary(const void* p, size_t n) {
    out_.append_uvarint(n);
    out_.append(p, n);
  }
  void raw_double(double d) { out_.append_le<double>(d); }
  byte_buffer& out() noexcept { return out_; }

 private:
  byte_buffer& out_;
  int16_t last_ = 0;
  std::vector<int16_t> stack_;
};

/// Reads compact-protocol bytes from a bounded span.
class compact_reader {
 public:
  explicit compact_reader(byte_span bytes, int64_t base_offset = 0) : r_(bytes, base_offset) {}
  /// A reader that checks nesting, list/map sizes and binary lengths against `lim`.
  compact_reader(byte_span bytes, int64_t base_offset, const lakecodec::limits& lim)
      : r_(bytes, base_offset), limits_(lim) {}

  /// The limits nesting depth, collection sizes and binary lengths are checked against.
  const lakecodec::limits& input_limits() const noexcept { return limits_; }

  bounded_reader& raw() noexcept { return r_; }
  int64_t offset() const noexcept { return r_.offset(); }

  /// Enters a struct; fails past the nesting limit.
  status enter() {
    if (++depth_ > limits_.max_nesting_depth)
      return limit_exceeded(
          "thrift: structs nest deeper than " + std::to_string(limits_.max_nesting_depth),
          r_.offset());
    return {};
  }
  void leave() noexcept { --depth_; }

  /// Reads the next field header of the current struct. Returns false at STOP.
  result<bool> next_field(int16_t& last_id, int16_t& id, ctype& t) {
    const int64_t at = r_.offset();
    LAKECODEC_ASSIGN_OR_RETURN(uint8_t b, r_.read_u8("thrift field header"));
    if (b == 0) return false;
    t = static_cast<ctype>(b & 0x0F);
    if (static_cast<uint8_t>(t) > 12)
      return corrupt_data("thrift: unknown field type " + std::to_string(b & 0x0F), at);
    const int delta = b >> 4;
    if (delta != 0) {
      id = static_cast<int16_t>(last_id + delta);
    } else {
      LAKECODEC_ASSIGN_OR_RETURN(int32_t v, r_.read_zigzag32("thrift field id"));
      if (v < -32768 || v > 32767)
        return corrupt_data("thrift: field id " + std::to_string(v) + " out of range", at);
      id = static_cast<int16_t>(v);
    }
    last_id = id;
    return true;
  }

  /// Reads a list/set header; the count is checked against the bytes remaining (every element
  /// takes at least one byte, bools included).
  status list_header(ctype& elem, uint32_t& n) {
    const int64_t at = r_.offset();
    LAKECODEC_ASSIGN_OR_RETURN(uint8_t b, r_.read_u8("thrift list header"));
    elem = static_cast<ctype>(b & 0x0F);
    uint32_t count = b >> 4;
    if (count == 15) {
      LAKECODEC_ASSIGN_OR_RETURN(count, r_.read_uvarint32("thrift list size"));
    }
    if (static_cast<uint8_t>(elem) > 12 || elem == ctype::stop)
      return corrupt_data("thrift: unknown list element type " + std::to_string(b & 0x0F), at);
    LAKECODEC_TRY(r_.check_count(count, limits_.max_collection_count, 1, "thrift list size", at));
    n = count;
    return {};
  }

  result<int64_t> read_varint_i64() { return r_.read_zigzag64("thrift i64"); }
  result<int32_t> read_varint_i32() { return r_.read_zigzag32("thrift i32"); }
  result<int8_t> read_byte() {
    LAKECODEC_ASSIGN_OR_RETURN(uint8_t b, r_.read_u8("thrift byte"));
    return static_cast<int8_t>(b);
  }
  result<double> read_double() { return r_.read_le<double>("thrift double"); }
  result<std::string> read_binary() {
    const int64_t at = r_.offset();
    LAKECODEC_ASSIGN_OR_RETURN(uint32_t n, r_.read_uvarint32("thrift binary length"));
    LAKECODEC_TRY(r_.check_count(n, limits_.max_allocation, 1, "thrift binary length", at));
    LAKECODEC_ASSIGN_OR_RETURN(byte_span s, r_.read_bytes(n, "thrift binary"));
    return s.to_string();
  }

  /// Skips one value of type t (unknown fields).
  status skip(ctype t) {
    switch (t) {
      case ctype::bool_true:
      case ctype::bool_false: return {};  // field context: the value is in the type nibble
      case ctype::i8: return r_.skip(1, "thrift byte");
      case ctype::i16:
      case ctype::i32:
      case ctype::i64: return r_.read_uvarint64("thrift varint").get_status();
      case ctype::dbl: return r_.skip(8, "thrift double");
      case ctype::binary: {
        const int64_t at = r_.offset();
        LAKECODEC_ASSIGN_OR_RETURN(uint32_t n, r_.read_uvarint32("thrift binary length"));
        LAKECODEC_TRY(r_.check_count(n, limits_.max_allocation, 1, "thrift binary length", at));
        return r_.skip(n, "thrift binary");
      }
      case ctype::list:
      case ctype::set: {
        ctype e;
        uint32_t n;
        LAKECODEC_TRY(list_header(e, n));
        LAKECODEC_TRY(enter());
        for (uint32_t i = 0; i < n; ++i) {
          if (e == ctype::bool_true || e == ctype::bool_false)
            LAKECODEC_TRY(r_.skip(1, "thrift bool"));
          else
            LAKECODEC_TRY(skip(e));
        }
        leave();
        return {};
      }
      case ctype::map: {
        const int64_t at = r_.offset();
        LAKECODEC_ASSIGN_OR_RETURN(uint32_t n, r_.read_uvarint32("thrift map size"));
        if (n == 0) return {};
        LAKECODEC_TRY(r_.check_count(n, limits_.max_collection_count, 2, "thrift map size", at));
        LAKECODEC_ASSIGN_OR_RETURN(uint8_t kv, r_.read_u8("thrift map types"));
        const ctype k = static_cast<ctype>(kv >> 4), v = static_cast<ctype>(kv & 0x0F);
        if (static_cast<uint8_t>(k) > 12 || static_cast<uint8_t>(v) > 12)
          return corrupt_data("thrift: bad map element types", at);
        LAKECODEC_TRY(enter());
        for (uint32_t i = 0; i < n; ++i) {
          for (ctype e : {k, v}) {
            if (e == ctype::bool_true || e == ctype::bool_false)
              LAKECODEC_TRY(r_.skip(1, "thrift bool"));
            else
              LAKECODEC_TRY(skip(e));
          }
        }
        leave();
        return {};
      }
      case ctype::struct_: {
        LAKECODEC_TRY(enter());
        int16_t last = 0, id = 0;
        ctype ft = ctype::stop;
        for (;;) {
          LAKECODEC_ASSIGN_OR_RETURN(bool more, next_field(last, id, ft));
          if (!more) break;
          LAKECODEC_TRY(skip(ft));
        }
        leave();
        return {};
      }
      case ctype::stop: break;
    }
    return corrupt_data("thrift: cannot skip type " + std::to_string(static_cast<int>(t)),
                        r_.offset());
  }

 private:
  bounded_reader r_;
  int depth_ = 0;
  lakecodec::limits limits_;
};

// ---------------------------------------------------------------------------------------------
// Generic field writers/readers so the structs list their fields once.

template <class T, class = void>
struct is_struct : std::false_type {};
template <class T>
struct is_struct<T, std::enable_if_t<std::is_base_of<struct_base, T>::value>> : std::true_type {};

template <class T>
constexpr ctype ctype_of() {
  if constexpr (std::is_same<T, bool>::value)
    return ctype::bool_true;
  else if constexpr (std::is_same<T, int8_t>::value)
    return ctype::i8;
  else if constexpr (std::is_same<T, int16_t>::value)
    return ctype::i16;
  else if constexpr (std::is_same<T, int32_t>::value)
    return ctype::i32;
  else if constexpr (std::is_same<T, int64_t>::value)
    return ctype::i64;
  else if constexpr (std::is_same<T, double>::value)
    return ctype::dbl;
  else if constexpr (std::is_same<T, std::string>::value)
    return ctype::binary;
  else
    return ctype::struct_;
}

template <class T>
void write_elem(compact_writer& w, const T& v) {
  if constexpr (std::is_same<T, bool>::value)
    w.raw_byte(v ? 1 : 2);
  else if constexpr (std::is_same<T, int8_t>::value)
    w.raw_byte(static_cast<uint8_t>(v));
  else if constexpr (std::is_integral<T>::value)
    w.raw_varint_zigzag(v);
  else if constexpr (std::is_same<T, double>::value)
    w.raw_double(v);
  else if constexpr (std::is_same<T, std::string>::value)
    w.raw_binary(v.data(), v.size());
  else
    v.write(w);
}

/// Writes field `id` with value v (optional: only when set; vector: as a list).
template <class T>
void write_field(compact_writer& w, int16_t id, const T& v) {
  if constexpr (std::is_same<T, bool>::value) {
    w.field_header(id, v ? ctype::bool_true : ctype::bool_false);
  } else {
    w.field_header(id, ctype_of<T>());
    write_elem(w, v);
  }
}
template <class T>
void write_field(compact_writer& w, int16_t id, const std::optional<T>& v) {
  if (v) write_field(w, id, *v);
}
template <class T>
void write_field(compact_writer& w, int16_t id, const std::vector<T>& v) {
  w.field_header(id, ctype::list);
  w.list_header(ctype_of<T>(), v.size());
  for (const T& e : v) write_elem(w, e);
}
inline void write_field(compact_writer& w, int16_t id, const std::vector<bool>& v) {
  w.field_header(id, ctype::list);
  w.list_header(ctype::bool_true, v.size());
  for (bool e : v) w.raw_byte(e ? 1 : 2);
}

template <class T>
status read_elem(compact_reader& r, ctype t, T& out) {
  if constexpr (std::is_same<T, bool>::value) {
    LAKECODEC_ASSIGN_OR_RETURN(int8_t b, r.read_byte());
    out = b == 1;
    return {};
  } else if constexpr (std::is_same<T, int8_t>::value) {
    LAKECODEC_ASSIGN_OR_RETURN(out, r.read_byte());
    return {};
  } else if constexpr (std::is_same<T, int64_t>::value) {
    LAKECODEC_ASSIGN_OR_RETURN(out, r.read_varint_i64());
    return {};
  } else if constexpr (std::is_integral<T>::value) {
    const int64_t at = r.offset();
    LAKECODEC_ASSIGN_OR_RETURN(int32_t v, r.read_varint_i32());
    if (v < static_cast<int32_t>(std::numeric_limits<T>::min()) ||
        v > static_cast<int32_t>(std::numeric_limits<T>::max()))
      return corrupt_data("thrift: integer " + std::to_string(v) + " out of range", at);
    out = static_cast<T>(v);
    return {};
  } else if constexpr (std::is_same<T, double>::value) {
    LAKECODEC_ASSIGN_OR_RETURN(out, r.read_double());
    return {};
  } else if constexpr (std::is_same<T, std::string>::value) {
    LAKECODEC_ASSIGN_OR_RETURN(out, r.read_binary());
    return {};
  } else {
    (void)t;
    return out.read(r);
  }
}

/// Reads a field of declared type t into out; a field whose wire type does not match what the
/// struct declares is skipped like an unknown field.
template <class T>
status read_field(compact_reader& r, ctype t, T& out) {
  if constexpr (std::is_same<T, bool>::value) {
    if (t == ctype::bool_true)
      out = true;
    else if (t == ctype::bool_false)
      out = false;
    else
      return r.skip(t);
    return {};
  } else {
    constexpr ctype want = ctype_of<T>();
    const bool ok =
        t == want || (std::is_integral<T>::value && t != ctype::i8 && want != ctype::i8 &&
                      (t == ctype::i16 || t == ctype::i32 || t == ctype::i64));
    if (!ok) return r.skip(t);
    return read_elem(r, t, out);
  }
}
template <class T>
status read_field(compact_reader& r, ctype t, std::optional<T>& out) {
  T v{};
  if constexpr (!std::is_same<T, bool>::value) {
    if (t != ctype_of<T>() &&
        !(std::is_integral<T>::value && (t == ctype::i16 || t == ctype::i32 || t == ctype::i64) &&
          ctype_of<T>() != ctype::i8))
      return r.skip(t);
  } else if (t != ctype::bool_true && t != ctype::bool_false) {
    return r.skip(t);
  }
  LAKECODEC_TRY(read_field(r, t, v));
  out = std::move(v);
  return {};
}
template <class T>
status read_field(compact_reader& r, ctype t, std::vector<T>& out) {
  if (t != ctype::list && t != ctype::set) return r.skip(t);
  ctype e;
  uint32_t n;
  LAKECODEC_TRY(r.list_header(e, n));
  const bool bool_elem = e == ctype::bool_true || e == ctype::bool_false;
  const bool want_bool = std::is_same<T, bool>::value;
  if (bool_elem != want_bool || (!want_bool && e != ctype_of<T>())) {
    for (uint32_t i = 0; i < n; ++i) {
      if (bool_elem)
        LAKECODEC_TRY(r.raw().skip(1, "thrift bool"));
      else
        LAKECODEC_TRY(r.skip(e));
    }
    return {};
  }
  out.clear();
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    T v{};
    LAKECODEC_TRY(read_elem(r, e, v));
    out.push_back(std::move(v));
  }
  return {};
}
template <class T>
status read_field(compact_reader& r, ctype t, std::optional<std::vector<T>>& out) {
  if (t != ctype::list && t != ctype::set) return r.skip(t);
  std::vector<T> v;
  LAKECODEC_TRY(read_field(r, t, v));
  out = std::move(v);
  return {};
}

/// Reads a struct's fields, calling on_field(id, type) for each; on_field reads or skips it.
/// `required_mask` bits (1 << id) must all be seen, else corrupt_data naming `what`.
template <class F>
status read_struct(compact_reader& r, const char* what, uint64_t required_mask, F&& on_field) {
  const int64_t start = r.offset();
  LAKECODEC_TRY(r.enter());
  int16_t last = 0, id = 0;
  ctype t = ctype::stop;
  uint64_t seen = 0;
  for (;;) {
    LAKECODEC_ASSIGN_OR_RETURN(bool more, r.next_field(last, id, t));
    if (!more) break;
    if (id > 0 && id < 64) seen |= uint64_t{1} << id;
    LAKECODEC_TRY(on_field(id, t));
  }
  r.leave();
  if ((seen & required_mask) != required_mask) {
    for (int i = 1; i < 64; ++i)
      if ((required_mask >> i & 1) && !(seen >> i & 1))
        return corrupt_data(
            std::string("thrift: ") + what + " lacks required field " + std::to_string(i), start);
  }
  return {};
}

}  // namespace thrift
}  // namespace parquet
LAKECODEC_NAMESPACE_END
