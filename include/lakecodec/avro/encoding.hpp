#pragma once
// Avro binary encoding (Avro spec "Binary Encoding"): a typed encoder that appends to a
// byte_buffer, a typed decoder over a byte span with a sticky error (so hot loops test for
// failure once per record, not once per value), and the generic value encode/decode/skip.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/endian.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/core/varint.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

namespace detail {

/// Writes a ULEB128 varint at p (10 bytes of room). Lengths 2..8 are built branch-free from
/// seven-bit groups and stored with one 8-byte write: random-length varints then cost no
/// mispredicted loop exits.
LAKECODEC_ALWAYS_INLINE size_t put_uvarint(uint64_t u, uint8_t* p) noexcept {
  if (LAKECODEC_LIKELY(u < 0x80)) {
    *p = static_cast<uint8_t>(u);
    return 1;
  }
  const int bits = 64 - __builtin_clzll(u);
  const size_t len = static_cast<size_t>(bits + 6) / 7;
  if (LAKECODEC_UNLIKELY(len > 8)) return encode_uvarint(u, p);
  const uint64_t groups = (u & 0x7fULL) | ((u & (0x7fULL << 7)) << 1) |
                          ((u & (0x7fULL << 14)) << 2) | ((u & (0x7fULL << 21)) << 3) |
                          ((u & (0x7fULL << 28)) << 4) | ((u & (0x7fULL << 35)) << 5) |
                          ((u & (0x7fULL << 42)) << 6) | ((u & (0x7fULL << 49)) << 7);
  const uint64_t cont = 0x0080808080808080ULL >> (8 * (8 - len));
  store_le<uint64_t>(p, groups | cont);
  return len;
}

}  // namespace detail

/// Appends Avro binary values to a byte_buffer. It does not check the values against a schema:
/// the caller writes what the schema says, in order (fields in order, union index then value,
/// array/map blocks via write_block_count and a final 0).
class encoder {
 public:
  explicit encoder(byte_buffer& out) noexcept : out_(&out) {}

  byte_buffer& buffer() noexcept { return *out_; }
  void write_null() noexcept {}
  LAKECODEC_ALWAYS_INLINE void write_boolean(bool b) { out_->push_back(b ? 1 : 0); }
  LAKECODEC_ALWAYS_INLINE void write_int(int32_t v) { write_long(v); }
  LAKECODEC_ALWAYS_INLINE void write_long(int64_t v) {
    uint8_t* p = out_->ensure(max_varint64_bytes);
    out_->commit(detail::put_uvarint(zigzag_encode64(v), p));
  }
  LAKECODEC_ALWAYS_INLINE void write_float(float v) { out_->append_le<float>(v); }
  LAKECODEC_ALWAYS_INLINE void write_double(double v) { out_->append_le<double>(v); }
  /// bytes and string: long length, then the bytes.
  LAKECODEC_ALWAYS_INLINE void write_bytes(const void* data, size_t n) {
    uint8_t* p = out_->ensure(max_varint64_bytes + n);
    size_t k = detail::put_uvarint(zigzag_encode64(static_cast<int64_t>(n)), p);
    if (n) std::memcpy(p + k, data, n);
    out_->commit(k + n);
  }
  LAKECODEC_ALWAYS_INLINE void write_bytes(std::string_view s) { write_bytes(s.data(), s.size()); }
  LAKECODEC_ALWAYS_INLINE void write_string(std::string_view s) { write_bytes(s.data(), s.size()); }
  /// fixed: exactly the schema's size bytes, no length.
  LAKECODEC_ALWAYS_INLINE void write_fixed(const void* data, size_t n) { out_->append(data, n); }
  LAKECODEC_ALWAYS_INLINE void write_enum(int32_t index) { write_long(index); }
  LAKECODEC_ALWAYS_INLINE void write_union_index(int32_t index) { write_long(index); }
  /// Starts an array/map block of `count` items (omit for empty); end with write_block_end().
  LAKECODEC_ALWAYS_INLINE void write_block_count(int64_t count) { write_long(count); }
  LAKECODEC_ALWAYS_INLINE void write_block_end() { out_->push_back(0); }

 private:
  byte_buffer* out_;
};

/// Reads Avro binary values from a byte span. A failed read sets a sticky error, returns a zero
/// value and makes every later read fail too; check ok()/error() after a record.
class decoder {
 public:
  decoder() noexcept = default;
  explicit decoder(byte_span bytes, int64_t base_offset = 0) noexcept
      : begin_(bytes.data), pos_(bytes.data), end_(bytes.data + bytes.size), base_(base_offset) {}
  /// A decoder that checks block counts and nesting depth against `lim` instead of the
  /// defaults.
  decoder(byte_span bytes, int64_t base_offset, const lakecodec::limits& lim) noexcept
      : decoder(bytes, base_offset) {
    limits_ = lim;
  }

  /// The limits array/map block counts and value nesting are checked against.
  const lakecodec::limits& input_limits() const noexcept { return limits_; }
  void set_input_limits(const lakecodec::limits& l) noexcept { limits_ = l; }

  bool ok() const noexcept { return error_.ok(); }
  const status& error() const noexcept { return error_; }
  size_t remaining() const noexcept { return static_cast<size_t>(end_ - pos_); }
  bool at_end() const noexcept { return pos_ == end_; }
  int64_t offset() const noexcept { return base_ + (pos_ - begin_); }
  const uint8_t* position() const noexcept { return pos_; }

  /// Records the first error; later errors are ignored. Also stops further reads.
  void fail(status s) {
    if (error_.ok()) error_ = std::move(s);
    pos_ = end_;
  }
  void fail_corrupt(const std::string& what) { fail(corrupt_data("avro: " + what, offset())); }
  void fail_truncated(const std::string& what) {
    fail(truncated_input("avro: input ends inside " + what, offset()));
  }

  LAKECODEC_ALWAYS_INLINE int64_t read_long() {
    if (LAKECODEC_LIKELY(pos_ != end_ && *pos_ < 0x80)) {
      const uint64_t u = *pos_++;
      return static_cast<int64_t>((u >> 1) ^ (0 - (u & 1)));
    }
    return read_long_slow();
  }
  LAKECODEC_ALWAYS_INLINE int32_t read_int() {
    const int64_t v = read_long();
    if (LAKECODEC_UNLIKELY(v < INT32_MIN || v > INT32_MAX)) {
      fail_corrupt("int value " + std::to_string(v) + " does not fit 32 bits");
      return 0;
    }
    return static_cast<int32_t>(v);
  }
  LAKECODEC_ALWAYS_INLINE bool read_boolean() {
    if (LAKECODEC_UNLIKELY(pos_ == end_)) {
      fail_truncated("a boolean");
      return false;
    }
    const uint8_t b = *pos_++;
    if (LAKECODEC_UNLIKELY(b > 1)) {
      --pos_;
      fail_corrupt("boolean byte " + std::to_string(b) + " is neither 0 nor 1");
      return false;
    }
    return b != 0;
  }
  LAKECODEC_ALWAYS_INLINE float read_float() {
    if (LAKECODEC_UNLIKELY(remaining() < 4)) {
      fail_truncated("a float");
      return 0;
    }
    float v = load_le<float>(pos_);
    pos_ += 4;
    return v;
  }
  LAKECODEC_ALWAYS_INLINE double read_double() {
    if (LAKECODEC_UNLIKELY(remaining() < 8)) {
      fail_truncated("a double");
      return 0;
    }
    double v = load_le<double>(pos_);
    pos_ += 8;
    return v;
  }
  /// bytes/string payload as a view into the input (valid while the input lives).
  LAKECODEC_ALWAYS_INLINE std::string_view read_bytes() {
    const int64_t n = read_long();
    if (LAKECODEC_UNLIKELY(n < 0 || static_cast<uint64_t>(n) > remaining())) {
      if (ok()) {
        if (n < 0)
          fail_corrupt("bytes/string length " + std::to_string(n) + " is negative");
        else
          fail(truncated_input("avro: bytes/string length " + std::to_string(n) + " exceeds the " +
                                   std::to_string(remaining()) + " bytes that remain",
                               offset()));
      }
      return {};
    }
    std::string_view s(reinterpret_cast<const char*>(pos_), static_cast<size_t>(n));
    pos_ += n;
    return s;
  }
  LAKECODEC_ALWAYS_INLINE std::string_view read_string() { return read_bytes(); }
  LAKECODEC_ALWAYS_INLINE std::string_view read_fixed(size_t n) {
    if (LAKECODEC_UNLIKELY(n > remaining())) {
      fail_truncated("a fixed of " + std::to_string(n) + " bytes");
      return {};
    }
    std::string_view s(reinterpret_cast<const char*>(pos_), n);
    pos_ += n;
    return s;
  }
  /// A union branch index checked against the number of branches.
  LAKECODEC_ALWAYS_INLINE int32_t read_union_index(size_t branches) {
    const int64_t v = read_long();
    if (LAKECODEC_UNLIKELY(v < 0 || static_cast<uint64_t>(v) >= branches)) {
      if (ok())
        fail_corrupt("union branch " + std::to_string(v) + " is not in [0, " +
                     std::to_string(branches) + ")");
      return 0;
    }
    return static_cast<int32_t>(v);
  }
  /// An enum symbol index checked against the number of symbols.
  LAKECODEC_ALWAYS_INLINE int32_t read_enum(size_t symbols) {
    const int64_t v = read_long();
    if (LAKECODEC_UNLIKELY(v < 0 || static_cast<uint64_t>(v) >= symbols)) {
      if (ok())
        fail_corrupt("enum index " + std::to_string(v) + " is not in [0, " +
                     std::to_string(symbols) + ")");
      return 0;
    }
    return static_cast<int32_t>(v);
  }
  /// The item count of the next array/map block (0 = end). A negative count is followed by the
  /// block's byte size, which is read and ignored. `min_item_bytes` (>0 when every item takes
  /// at least that many bytes) lets hostile counts fail before anything is allocated.
  int64_t read_block_count(size_t min_item_bytes) {
    int64_t n = read_long();
    if (n < 0) {
      if (n == INT64_MIN) {
        fail_corrupt("block count overflows");
        return 0;
      }
      n = -n;
      const int64_t size = read_long();
      if (size < 0) {
        if (ok())
          fail_corrupt("array/map block byte size " + std::to_string(size) + " is negative");
        return 0;
      }
    }
    if (n > limits_.max_collection_count) {
      fail(limit_exceeded("avro: array/map block of " + std::to_string(n) +
                              " items exceeds the limit " +
                              std::to_string(limits_.max_collection_count),
                          offset()));
      return 0;
    }
    if (min_item_bytes > 0 && static_cast<uint64_t>(n) > remaining() / min_item_bytes) {
      fail(truncated_input("avro: array/map block of " + std::to_string(n) +
                               " items needs more than the " + std::to_string(remaining()) +
                               " bytes that remain",
                           offset()));
      return 0;
    }
    return n;
  }
  /// Skips `n` raw bytes.
  void skip(size_t n) {
    if (n > remaining()) {
      fail_truncated("skipped bytes");
      return;
    }
    pos_ += n;
  }

 private:
  int64_t read_long_slow() {
    if (LAKECODEC_LIKELY(remaining() >= 8)) {
      // Up to 8 bytes at once: find the first byte without a continuation bit, then gather
      // the seven-bit groups with shifts.
      const uint64_t x = load_le<uint64_t>(pos_);
      const uint64_t stop = ~x & 0x8080808080808080ULL;
      if (LAKECODEC_LIKELY(stop != 0)) {
        const size_t len = static_cast<size_t>(__builtin_ctzll(stop) >> 3) + 1;
        const uint64_t b = len == 8 ? x : x & ((uint64_t{1} << (8 * len)) - 1);
        const uint64_t u = (b & 0x7fULL) | ((b >> 1) & (0x7fULL << 7)) |
                           ((b >> 2) & (0x7fULL << 14)) | ((b >> 3) & (0x7fULL << 21)) |
                           ((b >> 4) & (0x7fULL << 28)) | ((b >> 5) & (0x7fULL << 35)) |
                           ((b >> 6) & (0x7fULL << 42)) | ((b >> 7) & (0x7fULL << 49));
        pos_ += len;
        return static_cast<int64_t>((u >> 1) ^ (0 - (u & 1)));
      }
    }
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (LAKECODEC_UNLIKELY(pos_ == end_)) {
        fail_truncated("a varint");
        return 0;
      }
      const uint8_t b = *pos_++;
      // A 10th byte's bits above bit 63 are dropped, as Java's BinaryDecoder.readLong and
      // fastavro do (duckdb-iceberg writes snapshot ids that way); an 11th byte is refused.
      v |= uint64_t{b & 0x7fu} << shift;
      if (b < 0x80) return static_cast<int64_t>((v >> 1) ^ (0 - (v & 1)));
    }
    fail_corrupt("varint longer than 10 bytes");
    return 0;
  }

  const uint8_t* begin_ = nullptr;
  const uint8_t* pos_ = nullptr;
  const uint8_t* end_ = nullptr;
  int64_t base_ = 0;
  status error_;
  lakecodec::limits limits_;
};

namespace detail {

/// Smallest number of bytes one value of `n` takes (0 for null, empty records, fixed(0)).
inline size_t min_encoded_size(const node& n, int depth = 0) {
  if (depth > 8) return 0;
  switch (n.type) {
    case type::null: return 0;
    case type::float_: return 4;
    case type::double_: return 8;
    case type::fixed: return static_cast<size_t>(n.size);
    case type::record: {
      size_t s = 0;
      for (const record_field& f : n.fields) s += min_encoded_size(*f.type, depth + 1);
      return s;
    }
    default: return 1;
  }
}

inline status type_error(const node& n, const value& v) {
  return schema_mismatch(std::string("avro: value of type ") + type_name(v.kind()) +
                         " does not match schema type " +
                         (is_named(n.type) ? n.fullname : std::string(type_name(n.type))));
}

/// The union branch a non-union value belongs to: first branch of the same kind.
inline int pick_branch(const node& u, const value& v) {
  for (size_t i = 0; i < u.branches.size(); ++i) {
    const type bt = u.branches[i]->type;
    if (bt == v.kind()) return static_cast<int>(i);
  }
  for (size_t i = 0; i < u.branches.size(); ++i) {
    const type bt = u.branches[i]->type;
    if ((v.kind() == type::int_ && bt == type::long_) ||
        (v.kind() == type::float_ && bt == type::double_) ||
        (v.kind() == type::string && bt == type::bytes))
      return static_cast<int>(i);
  }
  return -1;
}

inline status encode_value(const node& n, const value& v, encoder& e, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return invalid_argument("avro: value nests deeper than " +
                            std::to_string(limits{}.max_nesting_depth));
  if (n.type == type::union_) {
    int branch;
    const value* inner;
    if (v.kind() == type::union_) {
      branch = v.index();
      inner = &v.branch_value();
      if (branch < 0 || static_cast<size_t>(branch) >= n.branches.size())
        return schema_mismatch("avro: union branch " + std::to_string(branch) + " is not in [0, " +
                               std::to_string(n.branches.size()) + ")");
    } else {
      branch = pick_branch(n, v);
      inner = &v;
      if (branch < 0) return type_error(n, v);
    }
    e.write_union_index(branch);
    return encode_value(*n.branches[static_cast<size_t>(branch)], *inner, e, depth + 1);
  }
  const value& x = v.kind() == type::union_ ? v.branch_value() : v;
  const type k = x.kind();
  switch (n.type) {
    case type::null:
      if (k != type::null) return type_error(n, x);
      return {};
    case type::boolean:
      if (k != type::boolean) return type_error(n, x);
      e.write_boolean(x.as_bool());
      return {};
    case type::int_:
      if (k != type::int_) return type_error(n, x);
      e.write_int(x.as_int());
      return {};
    case type::long_:
      if (k != type::long_ && k != type::int_) return type_error(n, x);
      e.write_long(x.as_long());
      return {};
    case type::float_:
      if (k != type::float_) return type_error(n, x);
      e.write_float(x.as_float());
      return {};
    case type::double_:
      if (k != type::double_ && k != type::float_) return type_error(n, x);
      e.write_double(x.as_double());
      return {};
    case type::bytes:
    case type::string:
      if (k != type::bytes && k != type::string) return type_error(n, x);
      e.write_bytes(x.as_bytes());
      return {};
    case type::fixed:
      if (k != type::fixed && k != type::bytes) return type_error(n, x);
      if (static_cast<int64_t>(x.as_bytes().size()) != n.size)
        return schema_mismatch("avro: fixed '" + n.fullname + "' needs " + std::to_string(n.size) +
                               " bytes, the value has " + std::to_string(x.as_bytes().size()));
      e.write_fixed(x.as_bytes().data(), x.as_bytes().size());
      return {};
    case type::enum_: {
      if (k != type::enum_ && k != type::string) return type_error(n, x);
      const int idx = k == type::string ? n.symbol_index(x.as_string()) : x.index();
      if (idx < 0 || static_cast<size_t>(idx) >= n.symbols.size())
        return schema_mismatch("avro: '" + x.as_string() + "' (index " + std::to_string(idx) +
                               ") is not a symbol of enum '" + n.fullname + "'");
      e.write_enum(idx);
      return {};
    }
    case type::array:
      if (k != type::array) return type_error(n, x);
      if (!x.items().empty()) {
        e.write_block_count(static_cast<int64_t>(x.items().size()));
        for (const value& item : x.items())
          LAKECODEC_TRY(encode_value(*n.items, item, e, depth + 1));
      }
      e.write_block_end();
      return {};
    case type::map:
      if (k != type::map) return type_error(n, x);
      if (!x.entries().empty()) {
        e.write_block_count(static_cast<int64_t>(x.entries().size()));
        for (const value::entry& kv : x.entries()) {
          e.write_string(kv.first);
          LAKECODEC_TRY(encode_value(*n.values, kv.second, e, depth + 1));
        }
      }
      e.write_block_end();
      return {};
    case type::record:
      if (k != type::record) return type_error(n, x);
      if (x.items().size() != n.fields.size())
        return schema_mismatch("avro: record '" + n.fullname + "' has " +
                               std::to_string(n.fields.size()) + " fields, the value has " +
                               std::to_string(x.items().size()));
      for (size_t i = 0; i < n.fields.size(); ++i) {
        status s = encode_value(*n.fields[i].type, x.items()[i], e, depth + 1);
        if (!s.ok()) return s.with_context("field '" + n.fields[i].name + "'");
      }
      return {};
    case type::union_: break;
  }
  return {};
}

inline void decode_value(const node& n, decoder& d, value& out, int depth) {
  if (LAKECODEC_UNLIKELY(depth > d.input_limits().max_nesting_depth)) {
    d.fail(limit_exceeded(
        "avro: value nests deeper than " + std::to_string(d.input_limits().max_nesting_depth),
        d.offset()));
    return;
  }
  switch (n.type) {
    case type::null: out = value::null(); return;
    case type::boolean: out = value::boolean(d.read_boolean()); return;
    case type::int_: out = value::int32(d.read_int()); return;
    case type::long_: out = value::int64(d.read_long()); return;
    case type::float_: out = value::float32(d.read_float()); return;
    case type::double_: out = value::float64(d.read_double()); return;
    case type::bytes: out = value::bytes(d.read_bytes()); return;
    case type::string: out = value::string(d.read_string()); return;
    case type::fixed: out = value::fixed(d.read_fixed(static_cast<size_t>(n.size))); return;
    case type::enum_: {
      const int32_t i = d.read_enum(n.symbols.size());
      out = d.ok() ? value::enumeration(i, n.symbols[static_cast<size_t>(i)]) : value::null();
      return;
    }
    case type::union_: {
      const int32_t b = d.read_union_index(n.branches.size());
      if (!d.ok()) return;
      value inner;
      decode_value(*n.branches[static_cast<size_t>(b)], d, inner, depth + 1);
      out = value::union_of(b, std::move(inner));
      return;
    }
    case type::array: {
      std::vector<value> items;
      const size_t min = min_encoded_size(*n.items);
      for (;;) {
        const int64_t count = d.read_block_count(min);
        if (count == 0 || !d.ok()) break;
        if (static_cast<int64_t>(items.size()) + count > d.input_limits().max_collection_count) {
          d.fail(limit_exceeded("avro: array longer than the collection limit", d.offset()));
          break;
        }
        items.reserve(items.size() + static_cast<size_t>(count));
        for (int64_t i = 0; i < count && d.ok(); ++i) {
          items.emplace_back();
          decode_value(*n.items, d, items.back(), depth + 1);
        }
      }
      out = value::array(std::move(items));
      return;
    }
    case type::map: {
      std::vector<value::entry> entries;
      const size_t min = 1 + min_encoded_size(*n.values);
      for (;;) {
        const int64_t count = d.read_block_count(min);
        if (count == 0 || !d.ok()) break;
        if (static_cast<int64_t>(entries.size()) + count > d.input_limits().max_collection_count) {
          d.fail(limit_exceeded("avro: map larger than the collection limit", d.offset()));
          break;
        }
        entries.reserve(entries.size() + static_cast<size_t>(count));
        for (int64_t i = 0; i < count && d.ok(); ++i) {
          std::string key(d.read_string());
          entries.emplace_back(std::move(key), value());
          decode_value(*n.values, d, entries.back().second, depth + 1);
        }
      }
      out = value::map(std::move(entries));
      return;
    }
    case type::record: {
      std::vector<value> fields(n.fields.size());
      for (size_t i = 0; i < n.fields.size() && d.ok(); ++i)
        decode_value(*n.fields[i].type, d, fields[i], depth + 1);
      out = value::record(std::move(fields));
      return;
    }
  }
}

inline void skip_value(const node& n, decoder& d, int depth) {
  if (LAKECODEC_UNLIKELY(depth > d.input_limits().max_nesting_depth)) {
    d.fail(limit_exceeded("avro: value nests too deeply", d.offset()));
    return;
  }
  switch (n.type) {
    case type::null: return;
    case type::boolean: d.read_boolean(); return;
    case type::int_:
    case type::long_:
    case type::enum_: d.read_long(); return;
    case type::float_: d.skip(4); return;
    case type::double_: d.skip(8); return;
    case type::bytes:
    case type::string: d.read_bytes(); return;
    case type::fixed: d.skip(static_cast<size_t>(n.size)); return;
    case type::union_: {
      const int32_t b = d.read_union_index(n.branches.size());
      if (d.ok()) skip_value(*n.branches[static_cast<size_t>(b)], d, depth + 1);
      return;
    }
    case type::array:
    case type::map: {
      const node& item = n.type == type::array ? *n.items : *n.values;
      const size_t min = min_encoded_size(item) + (n.type == type::map ? 1 : 0);
      for (;;) {
        int64_t count = d.read_long();
        if (count == 0 || !d.ok()) return;
        if (count < 0) {
          // The block carries its byte size: skip it whole.
          const int64_t size = d.read_long();
          if (size < 0 || count == INT64_MIN) {
            d.fail_corrupt("array/map block byte size " + std::to_string(size) + " is negative");
            return;
          }
          d.skip(static_cast<size_t>(size));
          continue;
        }
        if (count > d.input_limits().max_collection_count ||
            (min > 0 && static_cast<uint64_t>(count) > d.remaining() / min)) {
          d.fail(limit_exceeded("avro: array/map block of " + std::to_string(count) +
                                    " items is larger than the input or the collection limit",
                                d.offset()));
          return;
        }
        for (int64_t i = 0; i < count && d.ok(); ++i) {
          if (n.type == type::map) d.read_bytes();
          skip_value(item, d, depth + 1);
        }
      }
    }
    case type::record:
      for (const record_field& f : n.fields) {
        if (!d.ok()) return;
        skip_value(*f.type, d, depth + 1);
      }
      return;
  }
}

}  // namespace detail

/// Encodes a generic value with schema node `n` (Avro spec "Binary Encoding"), appending to
/// `out`. A value that does not fit the schema gives schema_mismatch naming the field; the
/// buffer may then hold a partial datum. A non-union value for a union schema is written as
/// the first branch of its type.
inline status encode(const node& n, const value& v, byte_buffer& out) {
  encoder e(out);
  return detail::encode_value(n, v, e, 0);
}
inline status encode(const schema& s, const value& v, byte_buffer& out) {
  return encode(s.root(), v, out);
}

/// Decodes one datum of schema node `n` from the decoder into a generic value.
inline result<value> decode(const node& n, decoder& d) {
  value v;
  detail::decode_value(n, d, v, 0);
  if (!d.ok()) return d.error();
  return v;
}
/// Decodes one datum that must fill `bytes` exactly.
inline result<value> decode(const schema& s, byte_span bytes) {
  decoder d(bytes);
  LAKECODEC_ASSIGN_OR_RETURN(value v, decode(s.root(), d));
  if (!d.at_end())
    return corrupt_data("avro: " + std::to_string(d.remaining()) + " bytes left after the datum",
                        d.offset());
  return v;
}
/// Skips one datum of schema node `n`.
inline status skip(const node& n, decoder& d) {
  detail::skip_value(n, d, 0);
  return d.error();
}

}  // namespace avro
LAKECODEC_NAMESPACE_END
