#pragma once
// Typed BinaryRow encoding and decoding of `datum` values (Java's RowHelper +
// InternalRowSerializer, BinaryRowWriter) and the schemaless row helpers of
// SerializationUtils.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/decimal.hpp"
#include "lakecodec/core/hash.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/reader.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/binary.hpp"
#include "lakecodec/paimon/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// Bytes of a serialized row with room for 56 bytes inline: the keys and statistics rows of
/// DataFileMeta are small, and decoding a message would otherwise allocate for each of them.
/// A minimal string-like type (data/size/assign, comparisons, conversion to string_view).
class row_bytes {
 public:
  static constexpr uint32_t inline_capacity = 56;

  row_bytes() noexcept { inline_[0] = 0; }
  row_bytes(std::string_view s) { assign(s.data(), s.size()); }    // NOLINT: string-like
  row_bytes(const std::string& s) { assign(s.data(), s.size()); }  // NOLINT
  row_bytes(const char* s) { assign(s, std::strlen(s)); }          // NOLINT
  row_bytes(const row_bytes& o) { assign(o.data(), o.size()); }
  row_bytes(row_bytes&& o) noexcept { take(o); }
  row_bytes& operator=(const row_bytes& o) {
    if (this != &o) assign(o.data(), o.size());
    return *this;
  }
  row_bytes& operator=(row_bytes&& o) noexcept {
    if (this != &o) {
      release();
      take(o);
    }
    return *this;
  }
  row_bytes& operator=(std::string_view s) {
    assign(s.data(), s.size());
    return *this;
  }
  row_bytes& operator=(const std::string& s) {
    assign(s.data(), s.size());
    return *this;
  }
  ~row_bytes() { release(); }

  /// Replaces the contents with `n` bytes at `p`.
  void assign(const char* p, size_t n) {
    if (n > cap()) {
      release();
      heap_ = static_cast<char*>(std::malloc(n));
      if (heap_ == nullptr) std::abort();  // out of memory, as std::string would throw
      cap_ = static_cast<uint32_t>(n);
    }
    if (n > 0) std::memmove(data_ptr(), p, n);
    size_ = static_cast<uint32_t>(n);
  }
  const char* data() const noexcept { return cap_ > inline_capacity ? heap_ : inline_; }
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  operator std::string_view() const noexcept { return {data(), size_}; }  // NOLINT
  std::string to_string() const { return std::string(data(), size_); }
  friend bool operator==(const row_bytes& a, const row_bytes& b) noexcept {
    return std::string_view(a) == std::string_view(b);
  }
  friend bool operator!=(const row_bytes& a, const row_bytes& b) noexcept { return !(a == b); }

 private:
  uint32_t cap() const noexcept { return cap_ > inline_capacity ? cap_ : inline_capacity; }
  char* data_ptr() noexcept { return cap_ > inline_capacity ? heap_ : inline_; }
  void release() noexcept {
    if (cap_ > inline_capacity) std::free(heap_);
    cap_ = 0;
    size_ = 0;
  }
  void take(row_bytes& o) noexcept {
    size_ = o.size_;
    cap_ = o.cap_;
    if (o.cap_ > inline_capacity) {
      heap_ = o.heap_;
    } else {
      std::memcpy(inline_, o.inline_, o.size_);
    }
    o.cap_ = 0;
    o.size_ = 0;
  }

  uint32_t size_ = 0;
  uint32_t cap_ = 0;  // > inline_capacity: heap_ is live
  union {
    char* heap_;
    char inline_[inline_capacity];
  };
};

/// A serialized BinaryRow together with its arity: what Java's schemaless helpers store
/// (`_MIN_KEY`, stats min/max values, partitions). `bytes` is the row itself, without prefixes.
struct binary_row {
  int32_t arity = 0;
  row_bytes bytes;

  /// The empty row (arity 0): 8 zero bytes (`BinaryRow.EMPTY_ROW`).
  static binary_row empty() { return binary_row{0, std::string(8, '\0')}; }
  byte_span span() const noexcept { return byte_span(bytes.data(), bytes.size()); }
  result<binary_row_view> view() const { return binary_row_view::make(span(), arity); }
  friend bool operator==(const binary_row& a, const binary_row& b) {
    return a.arity == b.arity && a.bytes == b.bytes;
  }
  friend bool operator!=(const binary_row& a, const binary_row& b) { return !(a == b); }
};

/// `SerializationUtils.serializeBinaryRow(row) -> byte[]`: [int32 BE arity][row bytes].
inline std::string serialize_binary_row(const binary_row& row) {
  std::string out(4 + row.bytes.size(), '\0');
  store_be<int32_t>(reinterpret_cast<uint8_t*>(&out[0]), row.arity);
  if (!row.bytes.empty()) std::memcpy(&out[4], row.bytes.data(), row.bytes.size());
  return out;
}

/// `SerializationUtils.deserializeBinaryRow(byte[])`; fails on fewer than 4 bytes, a negative
/// arity, or a row too short for its arity.
inline result<binary_row> deserialize_binary_row(byte_span bytes) {
  if (bytes.size < 4)
    return corrupt_data("paimon: serialized row of " + std::to_string(bytes.size) +
                        " bytes has no arity");
  binary_row r;
  r.arity = load_be<int32_t>(bytes.data);
  r.bytes.assign(reinterpret_cast<const char*>(bytes.data) + 4, bytes.size - 4);
  LAKECODEC_TRY(r.view());
  return r;
}

/// BinaryRow `hashCode()`: murmur over the 4-byte LE words with seed 42
/// (MurmurHashUtils.hashBytesByWords).
inline int32_t binary_row_hash(byte_span row_bytes) noexcept {
  return static_cast<int32_t>(murmur3_x86_32(row_bytes.data, row_bytes.size, 42));
}

namespace detail {

inline void be_minimal_bytes(__int128 v, std::string& out) {
  uint8_t tmp[16];
  out.assign(reinterpret_cast<const char*>(tmp), decimal_minimal_be_bytes(v, tmp));
}

}  // namespace detail

/// Big-endian minimal two's complement of `unscaled` (Java's `BigInteger.toByteArray`).
inline std::string decimal_unscaled_bytes(__int128 unscaled) {
  std::string out;
  detail::be_minimal_bytes(unscaled, out);
  return out;
}
/// The value of big-endian two's complement bytes (<= 16).
inline __int128 decimal_from_bytes(std::string_view be) {
  return decimal_from_be_bytes(reinterpret_cast<const uint8_t*>(be.data()), be.size());
}

namespace detail {

template <class Writer>
status write_value(Writer& w, int i, const data_type& t, const datum& v, int depth);

inline status build_nested(const data_type& t, const datum& v, int depth, byte_buffer& out);

/// A ROW value as a standalone BinaryRow (RowHelper.copyInto semantics, incl. null reservation).
inline status build_row(const std::vector<data_field>& fields, const std::vector<datum>& values,
                        row_kind kind, int depth, binary_row_writer& w) {
  if (depth > limits{}.max_nesting_depth) return invalid_argument("paimon: row nests too deeply");
  if (values.size() != fields.size())
    return invalid_argument("paimon: row has " + std::to_string(values.size()) + " values for " +
                            std::to_string(fields.size()) + " fields");
  w.reset(static_cast<int32_t>(fields.size()), kind);
  for (size_t i = 0; i < fields.size(); ++i) {
    const data_type& t = fields[i].type;
    const datum& v = values[i];
    if (v.is_null) {
      if (t.root == type_root::decimal && is_non_compact(t)) {
        w.write_decimal_bytes(static_cast<int>(i), byte_span(), true);
      } else if (is_non_compact(t)) {
        w.write_timestamp(static_cast<int>(i), 0, 0, true);
      } else {
        w.set_null(static_cast<int>(i));
      }
      continue;
    }
    LAKECODEC_TRY(write_value(w, static_cast<int>(i), t, v, depth));
  }
  return {};
}

inline status build_array(const data_type& element, const std::vector<datum>& values, size_t first,
                          size_t step, int depth, byte_buffer& out) {
  const size_t n = step == 0 ? 0 : (values.size() - first + step - 1) / step;
  binary_array_writer w(static_cast<int32_t>(n), array_element_size(element));
  for (size_t k = 0; k < n; ++k) {
    const datum& v = values[first + k * step];
    if (v.is_null) {
      w.set_null(static_cast<int>(k));
      continue;
    }
    LAKECODEC_TRY(write_value(w, static_cast<int>(k), element, v, depth));
  }
  out.clear();
  out.append(w.bytes());
  return {};
}

inline status build_nested(const data_type& t, const datum& v, int depth, byte_buffer& out) {
  if (depth > limits{}.max_nesting_depth) return invalid_argument("paimon: value nests too deeply");
  if (t.root == type_root::row) {
    binary_row_writer w;
    LAKECODEC_TRY(build_row(t.fields, v.children, row_kind::insert, depth + 1, w));
    out.clear();
    out.append(w.bytes());
    return {};
  }
  if (t.root == type_root::array || t.root == type_root::multiset) {
    if (t.children.size() != 1) return invalid_argument("paimon: array type without element type");
    return build_array(t.children[0], v.children, 0, 1, depth + 1, out);
  }
  if (t.root == type_root::map) {
    if (t.children.size() != 2) return invalid_argument("paimon: map type without key/value types");
    if (v.children.size() % 2 != 0)
      return invalid_argument("paimon: map value has an odd child count");
    byte_buffer keys, vals;
    LAKECODEC_TRY(build_array(t.children[0], v.children, 0, 2, depth + 1, keys));
    LAKECODEC_TRY(build_array(t.children[1], v.children, 1, 2, depth + 1, vals));
    build_binary_map(keys.span(), vals.span(), out);
    return {};
  }
  return invalid_argument("paimon: not a nested type");
}

template <class Writer>
status write_value(Writer& w, int i, const data_type& t, const datum& v, int depth) {
  switch (t.root) {
    case type_root::boolean: w.write_boolean(i, v.i != 0); return {};
    case type_root::tinyint: w.write_byte(i, static_cast<int8_t>(v.i)); return {};
    case type_root::smallint: w.write_short(i, static_cast<int16_t>(v.i)); return {};
    case type_root::int_:
    case type_root::date:
    case type_root::time: w.write_int(i, static_cast<int32_t>(v.i)); return {};
    case type_root::bigint: w.write_long(i, v.i); return {};
    case type_root::float_: w.write_float(i, static_cast<float>(v.d)); return {};
    case type_root::double_: w.write_double(i, v.d); return {};
    case type_root::decimal:
      if (!is_non_compact(t)) {
        w.write_long(i, v.i);
        return {};
      }
      if (v.s.size() > 16) return invalid_argument("paimon: decimal of more than 16 bytes");
      w.write_decimal_bytes(i, byte_span(v.s));
      return {};
    case type_root::timestamp:
    case type_root::timestamp_ltz:
      if (!is_non_compact(t)) {
        w.write_long(i, v.i);
        return {};
      }
      w.write_timestamp(i, v.i, v.nanos);
      return {};
    case type_root::char_:
    case type_root::varchar:
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob: w.write_bytes(i, v.s.data(), v.s.size()); return {};
    case type_root::array:
    case type_root::multiset:
    case type_root::map:
    case type_root::row: {
      byte_buffer blob;
      LAKECODEC_TRY(build_nested(t, v, depth, blob));
      w.write_nested(i, blob.span());
      return {};
    }
    case type_root::variant: return unsupported("paimon: VARIANT values are not supported");
  }
  return invalid_argument("paimon: unknown type");
}

template <class View>
result<datum> read_value(const View& r, int i, const data_type& t, int depth);

inline result<std::vector<datum>> read_array(const binary_array_view& a, const data_type& element,
                                             int depth) {
  std::vector<datum> out;
  out.reserve(static_cast<size_t>(a.size()));
  for (int k = 0; k < a.size(); ++k) {
    if (a.is_null(k)) {
      out.push_back(datum::null());
      continue;
    }
    LAKECODEC_ASSIGN_OR_RETURN(datum v, read_value(a, k, element, depth));
    out.push_back(std::move(v));
  }
  return out;
}

template <class View>
result<datum> read_value(const View& r, int i, const data_type& t, int depth) {
  if (depth > limits{}.max_nesting_depth) return corrupt_data("paimon: value nests too deeply");
  switch (t.root) {
    case type_root::boolean: return datum::of_bool(r.get_boolean(i));
    case type_root::tinyint: return datum::of_int(r.get_byte(i));
    case type_root::smallint: return datum::of_int(r.get_short(i));
    case type_root::int_:
    case type_root::date:
    case type_root::time: return datum::of_int(r.get_int(i));
    case type_root::bigint: return datum::of_int(r.get_long(i));
    case type_root::float_: return datum::of_double(r.get_float(i));
    case type_root::double_: return datum::of_double(r.get_double(i));
    case type_root::decimal: {
      if (!is_non_compact(t)) return datum::of_int(r.get_long(i));
      LAKECODEC_ASSIGN_OR_RETURN(byte_span b, r.get_decimal_bytes(i));
      return datum::of_string(b.to_string());
    }
    case type_root::timestamp:
    case type_root::timestamp_ltz: {
      if (!is_non_compact(t)) return datum::of_timestamp(r.get_long(i));
      LAKECODEC_ASSIGN_OR_RETURN(auto ts, r.get_timestamp(i));
      return datum::of_timestamp(ts.first, ts.second);
    }
    case type_root::char_:
    case type_root::varchar:
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob: {
      LAKECODEC_ASSIGN_OR_RETURN(byte_span b, r.get_bytes(i));
      return datum::of_string(b.to_string());
    }
    case type_root::row: {
      LAKECODEC_ASSIGN_OR_RETURN(binary_row_view sub,
                                 r.get_row(i, static_cast<int32_t>(t.fields.size())));
      std::vector<datum> c;
      c.reserve(t.fields.size());
      for (size_t k = 0; k < t.fields.size(); ++k) {
        if (sub.is_null(static_cast<int>(k))) {
          c.push_back(datum::null());
          continue;
        }
        LAKECODEC_ASSIGN_OR_RETURN(
            datum v, read_value(sub, static_cast<int>(k), t.fields[k].type, depth + 1));
        c.push_back(std::move(v));
      }
      return datum::of_children(std::move(c));
    }
    case type_root::array:
    case type_root::multiset: {
      if (t.children.size() != 1)
        return invalid_argument("paimon: array type without element type");
      LAKECODEC_ASSIGN_OR_RETURN(binary_array_view a,
                                 r.get_array(i, array_element_size(t.children[0])));
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<datum> c, read_array(a, t.children[0], depth + 1));
      return datum::of_children(std::move(c));
    }
    case type_root::map: {
      if (t.children.size() != 2)
        return invalid_argument("paimon: map type without key/value types");
      LAKECODEC_ASSIGN_OR_RETURN(byte_span blob, r.get_nested(i));
      LAKECODEC_ASSIGN_OR_RETURN(auto kv, split_binary_map(blob));
      LAKECODEC_ASSIGN_OR_RETURN(
          binary_array_view ka,
          binary_array_view::make(kv.first, array_element_size(t.children[0])));
      LAKECODEC_ASSIGN_OR_RETURN(
          binary_array_view va,
          binary_array_view::make(kv.second, array_element_size(t.children[1])));
      if (ka.size() != va.size())
        return corrupt_data("paimon: map has different key and value counts");
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<datum> keys, read_array(ka, t.children[0], depth + 1));
      LAKECODEC_ASSIGN_OR_RETURN(std::vector<datum> vals, read_array(va, t.children[1], depth + 1));
      std::vector<datum> c;
      c.reserve(keys.size() * 2);
      for (size_t k = 0; k < keys.size(); ++k) {
        c.push_back(std::move(keys[k]));
        c.push_back(std::move(vals[k]));
      }
      return datum::of_children(std::move(c));
    }
    case type_root::variant: return unsupported("paimon: VARIANT values are not supported");
  }
  return invalid_argument("paimon: unknown type");
}

}  // namespace detail

/// Encodes `values` (one per field) as a BinaryRow exactly as Java's RowHelper does
/// (BinaryRowWriter), including the var-part space a null non-compact decimal or timestamp still
/// reserves. Fails with invalid_argument when the value count differs from the field count.
inline result<binary_row> encode_row(const std::vector<data_field>& fields,
                                     const std::vector<datum>& values,
                                     row_kind kind = row_kind::insert) {
  binary_row_writer w;
  LAKECODEC_TRY(detail::build_row(fields, values, kind, 0, w));
  return binary_row{static_cast<int32_t>(fields.size()), w.bytes().to_string()};
}

/// Same as encode_row into a reusable writer (no allocation once the writer has grown).
inline status encode_row_into(const std::vector<data_field>& fields,
                              const std::vector<datum>& values, binary_row_writer& w,
                              row_kind kind = row_kind::insert) {
  return detail::build_row(fields, values, kind, 0, w);
}

/// Decodes every field of a BinaryRow with the given schema; fails on any offset or length
/// outside the row (BinaryRowWriter).
inline result<std::vector<datum>> decode_row(byte_span bytes,
                                             const std::vector<data_field>& fields) {
  LAKECODEC_ASSIGN_OR_RETURN(binary_row_view r,
                             binary_row_view::make(bytes, static_cast<int32_t>(fields.size())));
  std::vector<datum> out;
  out.reserve(fields.size());
  for (size_t k = 0; k < fields.size(); ++k) {
    if (r.is_null(static_cast<int>(k))) {
      out.push_back(datum::null());
      continue;
    }
    LAKECODEC_ASSIGN_OR_RETURN(datum v,
                               detail::read_value(r, static_cast<int>(k), fields[k].type, 0));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
