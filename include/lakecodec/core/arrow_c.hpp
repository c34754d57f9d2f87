#pragma once
// Import from the Arrow C Data Interface without linking Arrow: the ABI structs (declared under
// the standard guards so they coexist with Arrow's and nanoarrow's copies), a format-string
// parser for every type of the columnar view, and zero-copy import of ArrowSchema/ArrowArray
// into `field`s and `column_view`s. Spec: Arrow "C Data Interface" (CDataInterface.rst),
// parquet_avro.md Part C.
//
// Export (`export_batch`) goes the other way: a batch_view (built, decoded or imported) becomes
// ArrowSchema/ArrowArray structs a consumer owns, zero-copy, keeping the buffers' owner alive.
//
// Ownership (C3): `import_batch`/`import_array` MOVE the structs in (the caller's copies are
// marked released, on success and on error alike); the returned object calls only the base
// `release` callbacks when destroyed. `view_batch`/`view_array` borrow instead.
//
// Limits: the C interface carries no buffer sizes, so the import checks everything a header can
// (format strings, buffer and child counts, null buffers, lengths and offsets, list offsets
// against the child length, null counts against the bitmap) but cannot prove that a producer's
// string data buffer really holds the bytes its offsets claim.

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/status.hpp"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  // Array type description
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  // Release callback
  void (*release)(struct ArrowSchema*);
  // Opaque producer-specific data
  void* private_data;
};

struct ArrowArray {
  // Array data description
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  // Release callback
  void (*release)(struct ArrowArray*);
  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_DATA_INTERFACE

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  // Callbacks providing stream functionality
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);

  // Release callback
  void (*release)(struct ArrowArrayStream*);

  // Opaque producer-specific data
  void* private_data;
};

#endif  // ARROW_C_STREAM_INTERFACE

#ifdef __cplusplus
}
#endif

LAKECODEC_NAMESPACE_BEGIN

namespace detail {

// Strict non-negative decimal integer of at most 9 digits; -1 if malformed.
inline int32_t parse_small_uint(std::string_view s) noexcept {
  if (s.empty() || s.size() > 9) return -1;
  int32_t v = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return -1;
    v = v * 10 + (ch - '0');
  }
  return v;
}

inline status bad_format(std::string_view format, const char* why) {
  return invalid_argument("arrow: format string '" + std::string(format) + "' " + why);
}

}  // namespace detail

/// Parses an Arrow C Data Interface format string (C2) into a data_type. `uuid` marks a "w:16"
/// carrying the `arrow.uuid` extension. Errors: invalid_argument for malformed strings,
/// unsupported for valid Arrow types the view does not have (uint*, float16, date64, time32,
/// seconds/millis timestamps, views, unions, ...).
inline result<data_type> parse_arrow_format(std::string_view f, bool uuid = false) {
  if (f.size() == 1) {
    switch (f[0]) {
      case 'b': return types::boolean();
      case 'c': return types::int8();
      case 's': return types::int16();
      case 'i': return types::int32();
      case 'l': return types::int64();
      case 'f': return types::float32();
      case 'g': return types::float64();
      case 'u': return types::string();
      case 'U': return types::large_string();
      case 'z': return types::binary();
      case 'Z': return types::large_binary();
      default: break;
    }
  }
  if (f == "+s") return types::struct_();
  if (f == "+l") return types::list();
  if (f == "+L") return types::large_list();
  if (f == "+m") return types::map();
  if (f == "tdD") return types::date32();
  if (f == "ttu") return types::time64(time_unit::micro);
  if (f == "ttn") return types::time64(time_unit::nano);
  if (f.size() >= 4 && f[0] == 't' && f[1] == 's' && (f[2] == 'u' || f[2] == 'n')) {
    if (f[3] != ':') return detail::bad_format(f, "is a timestamp without ':' before the zone");
    return types::timestamp(f[2] == 'n' ? time_unit::nano : time_unit::micro, f.size() > 4);
  }
  if (f.size() >= 2 && f[0] == 'w' && f[1] == ':') {
    const int32_t w = detail::parse_small_uint(f.substr(2));
    if (w <= 0) return detail::bad_format(f, "has no positive fixed-size binary width");
    if (uuid && w != 16) return detail::bad_format(f, "carries arrow.uuid but is not w:16");
    return uuid ? types::uuid() : types::fixed_size_binary(w);
  }
  if (f.size() >= 2 && f[0] == 'd' && f[1] == ':') {
    std::string_view rest = f.substr(2);
    const size_t c1 = rest.find(',');
    if (c1 == std::string_view::npos) return detail::bad_format(f, "is a decimal without scale");
    const int32_t p = detail::parse_small_uint(rest.substr(0, c1));
    rest = rest.substr(c1 + 1);
    const size_t c2 = rest.find(',');
    const int32_t s = detail::parse_small_uint(rest.substr(0, c2));
    if (p < 0 || s < 0) return detail::bad_format(f, "has a malformed precision or scale");
    if (c2 != std::string_view::npos) {
      const int32_t bits = detail::parse_small_uint(rest.substr(c2 + 1));
      if (bits < 0) return detail::bad_format(f, "has a malformed bit width");
      if (bits != 128)
        return unsupported("arrow: decimal bit width " + std::to_string(bits) +
                           " (only 128 is supported)");
    }
    if (p < 1 || p > 38 || s > p)
      return detail::bad_format(f, "has precision/scale outside decimal128 (1..38, 0..p)");
    return types::decimal128(p, s);
  }
  static constexpr const char* known[] = {"n",   "C",   "S",   "I",   "L",   "e",   "vz",
                                          "vu",  "tdm", "tts", "ttm", "tDs", "tDm", "tDu",
                                          "tDn", "tiM", "tiD", "tin", "+vl", "+vL", "+r"};
  for (const char* k : known)
    if (f == k) return unsupported("arrow: format '" + std::string(f) + "' is not supported");
  if (f.rfind("tss:", 0) == 0 || f.rfind("tsm:", 0) == 0 || f.rfind("+w:", 0) == 0 ||
      f.rfind("+ud:", 0) == 0 || f.rfind("+us:", 0) == 0)
    return unsupported("arrow: format '" + std::string(f) + "' is not supported");
  return detail::bad_format(f, "is not a known Arrow format");
}

/// Decoded ArrowSchema.metadata (C1: int32 count, then int32-length-prefixed keys and values,
/// native endianness). Errors on negative or oversized lengths; the C interface gives no total
/// size, so a producer that lies about lengths cannot be detected beyond that.
inline result<std::vector<std::pair<std::string, std::string>>> parse_arrow_metadata(
    const char* metadata) {
  std::vector<std::pair<std::string, std::string>> out;
  if (metadata == nullptr) return out;
  auto read_i32 = [&](const char*& p) {
    int32_t v;
    std::memcpy(&v, p, 4);
    p += 4;
    return v;
  };
  const char* p = metadata;
  const int32_t n = read_i32(p);
  if (n < 0 || n > (1 << 16))
    return invalid_argument("arrow: schema metadata has " + std::to_string(n) + " entries");
  for (int32_t i = 0; i < n; ++i) {
    std::string kv[2];
    for (std::string& s : kv) {
      const int32_t len = read_i32(p);
      if (len < 0 || len > (1 << 26))
        return invalid_argument("arrow: schema metadata entry length " + std::to_string(len));
      s.assign(p, static_cast<size_t>(len));
      p += len;
    }
    out.emplace_back(std::move(kv[0]), std::move(kv[1]));
  }
  return out;
}

namespace detail {

inline const std::string* find_metadata(const std::vector<std::pair<std::string, std::string>>& md,
                                        std::string_view key) {
  for (const auto& kv : md)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

inline result<field> import_field(const ArrowSchema& s, int depth) {
  if (depth > limits{}.max_nesting_depth)
    return limit_exceeded("arrow: schema nests deeper than " +
                          std::to_string(limits{}.max_nesting_depth) + " levels");
  if (s.release == nullptr) return invalid_argument("arrow: ArrowSchema is released");
  if (s.format == nullptr) return invalid_argument("arrow: ArrowSchema has no format string");
  const std::string name = s.name ? s.name : "";
  auto ctx = [&](const status& st) { return st.with_context("field '" + name + "'"); };
  if (s.dictionary != nullptr)
    return ctx(unsupported("arrow: dictionary-encoded arrays are not supported"));
  auto md = parse_arrow_metadata(s.metadata);
  if (!md) return ctx(md.error());
  const std::string* ext = find_metadata(md.value(), "ARROW:extension:name");
  const bool uuid = ext != nullptr && *ext == "arrow.uuid";
  auto type = parse_arrow_format(s.format, uuid);
  if (!type) return ctx(type.error());
  field f(name, type.value(), (s.flags & ARROW_FLAG_NULLABLE) != 0);
  if (const std::string* id = find_metadata(md.value(), "PARQUET:field_id"))
    f.field_id = parse_small_uint(*id);
  const type_id tid = f.type.id;
  const int64_t want = tid == type_id::struct_ ? s.n_children : is_nested(tid) ? 1 : 0;
  if (s.n_children != want || s.n_children < 0)
    return ctx(invalid_argument("arrow: format '" + std::string(s.format) + "' needs " +
                                std::to_string(want) + " children, the schema has " +
                                std::to_string(s.n_children)));
  if (s.n_children > limits{}.max_collection_count)
    return ctx(limit_exceeded("arrow: " + std::to_string(s.n_children) + " children"));
  if (s.n_children > 0 && s.children == nullptr)
    return ctx(invalid_argument("arrow: schema children pointer is null"));
  for (int64_t i = 0; i < s.n_children; ++i) {
    if (s.children[i] == nullptr)
      return ctx(invalid_argument("arrow: schema child " + std::to_string(i) + " is null"));
    auto child = import_field(*s.children[i], depth + 1);
    if (!child) return ctx(child.error());
    f.children.push_back(std::move(child).value());
  }
  if (tid == type_id::map &&
      (f.children[0].type.id != type_id::struct_ || f.children[0].children.size() != 2))
    return ctx(invalid_argument("arrow: map child must be struct<key, value>"));
  return f;
}

inline int64_t expected_buffers(type_id id) noexcept {
  if (id == type_id::struct_) return 1;
  if (is_binary_like(id)) return 3;
  return 2;  // fixed width, boolean, list, large_list, map
}

// Alignment the view needs for buffers[1]: the offsets width, or the storage type's alignment.
inline size_t required_alignment(const data_type& t) noexcept {
  if (is_binary_like(t.id) || t.id == type_id::list || t.id == type_id::large_list ||
      t.id == type_id::map)
    return has_large_offsets(t.id) ? alignof(int64_t) : alignof(int32_t);
  size_t a = 1;
  visit_storage_type(t.id, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (!std::is_same<T, std::string_view>::value) a = alignof(T);
  });
  return a;
}

// A zero offset for empty binary/list arrays whose producer left the offsets buffer null.
inline const void* zero_offsets() noexcept {
  static const int64_t zero[2] = {0, 0};
  return zero;
}

inline result<column_view> import_column(const field& f, const ArrowArray& a,
                                         const std::string& path, int depth) {
  auto bad = [&](const std::string& m) {
    return invalid_argument("arrow: column '" + path + "' " + m);
  };
  if (depth > limits{}.max_nesting_depth) return bad("nests too deeply");
  if (a.release == nullptr) return bad("is released");
  const type_id id = f.type.id;
  if (a.length < 0 || a.offset < 0) return bad("has a negative length or offset");
  // Keeps (offset + length) * 16 and the bit positions far from int64 overflow.
  constexpr int64_t max_slots = int64_t{1} << 56;
  if (a.length > max_slots || a.offset > max_slots - a.length)
    return bad("has length + offset beyond 2^56");
  if (id == type_id::fixed_size_binary &&
      (a.offset + a.length) > std::numeric_limits<int64_t>::max() / f.type.byte_width)
    return bad("has a fixed-size buffer larger than int64");
  if (a.null_count < -1 || a.null_count > a.length)
    return bad("has null_count " + std::to_string(a.null_count) + " outside [-1, length]");
  if (a.dictionary != nullptr) return bad("has a dictionary but the schema has none");
  const int64_t nb = expected_buffers(id);
  if (a.n_buffers != nb)
    return bad("has " + std::to_string(a.n_buffers) + " buffers, " + type_id_name(id) + " needs " +
               std::to_string(nb));
  if (a.buffers == nullptr) return bad("has a null buffers array");
  const int64_t nc = static_cast<int64_t>(f.children.size());
  if (a.n_children != nc)
    return bad("has " + std::to_string(a.n_children) + " children, the schema has " +
               std::to_string(nc));
  if (nc > 0 && a.children == nullptr) return bad("has a null children array");

  column_view v;
  v.type = f.type;
  v.length = a.length;
  // A zero-length array addresses no slot, so its buffers may be null whatever its offset (the
  // C Data Interface lets a buffer be null when its size would be 0; Arrow C++'s importer sizes
  // the buffers of a zero-length array as 0). The offset is dropped so that no pass forms
  // `null + offset`.
  v.offset = a.length == 0 ? 0 : a.offset;
  v.validity = static_cast<const uint8_t*>(a.buffers[0]);
  if (v.validity == nullptr && a.null_count > 0)
    return bad("has " + std::to_string(a.null_count) + " nulls but no validity buffer");
  if (id != type_id::struct_) {
    v.values = a.buffers[1];
    if (v.values == nullptr) {
      const bool has_offsets = is_binary_like(id) || is_nested(id);
      if (has_offsets && a.length == 0) {
        v.values = zero_offsets();
      } else if (has_offsets || a.length > 0) {
        return bad("has a null values/offsets buffer");
      }
    }
  }
  if (is_binary_like(id)) v.data = static_cast<const uint8_t*>(a.buffers[2]);
  // The C interface recommends natural alignment and lets consumers refuse the rest; the view
  // reads offsets and typed_values() through typed pointers, so misalignment is refused.
  const size_t align = required_alignment(f.type);
  if (align > 1 && reinterpret_cast<uintptr_t>(v.values) % align != 0)
    return bad("has a values/offsets buffer not aligned to " + std::to_string(align) + " bytes");
  const int64_t nulls = [&] {
    column_view counted = v;
    counted.null_count_hint = -1;
    return counted.null_count();
  }();
  if (a.null_count >= 0 && a.null_count != nulls)
    return bad("declares null_count " + std::to_string(a.null_count) + " but its bitmap has " +
               std::to_string(nulls));
  v.null_count_hint = nulls;
  for (int64_t i = 0; i < nc; ++i) {
    const field& cf = f.children[static_cast<size_t>(i)];
    if (a.children[i] == nullptr) return bad("child " + std::to_string(i) + " is null");
    auto child = import_column(cf, *a.children[i], path + "." + cf.name, depth + 1);
    if (!child) return child.error();
    v.children.push_back(std::move(child).value());
  }
  return v;
}

}  // namespace detail

/// Converts an ArrowSchema (not consumed) into a field: name, nullability flag, children, the
/// arrow.uuid extension and PARQUET:field_id metadata. Errors as parse_arrow_format, plus
/// invalid_argument for released structs or child counts that do not fit the format.
inline result<field> import_field(const ArrowSchema& s) { return detail::import_field(s, 0); }

/// Converts an ArrowArray (not consumed) of type `f` into a validated zero-copy column_view
/// pointing at the producer's buffers. Errors: invalid_argument naming the column for
/// released structs, wrong buffer/child counts, missing buffers, bad lengths/null counts and
/// anything validate_column rejects (offsets out of range, nulls in non-nullable fields).
inline result<column_view> view_array(const field& f, const ArrowArray& a) {
  auto v = detail::import_column(f, a, f.name, 0);
  if (!v) return v.error();
  LAKECODEC_TRY(validate_column(f, v.value()));
  return v;
}

/// The schema of a record batch: a "+s" ArrowSchema whose children are the columns (C1).
inline result<schema> import_schema(const ArrowSchema& s) {
  if (s.release == nullptr) return invalid_argument("arrow: ArrowSchema is released");
  if (s.format == nullptr || std::string_view(s.format) != "+s")
    return invalid_argument("arrow: a record batch schema must have format '+s', not '" +
                            std::string(s.format ? s.format : "(null)") + "'");
  auto root = import_field(s);
  if (!root) return root.error();
  schema out;
  out.fields = std::move(root.value().children);
  auto md = parse_arrow_metadata(s.metadata);
  if (!md) return md.error();
  out.metadata = std::move(md).value();
  return out;
}

/// A zero-copy batch_view of a struct ArrowArray (a record batch) with schema `sc` (not
/// consumed). The top-level struct must have no nulls. Errors as view_array.
inline result<batch_view> view_batch(const schema& sc, const ArrowArray& a) {
  field root("", types::struct_(), false, sc.fields);
  auto v = detail::import_column(root, a, "<batch>", 0);
  if (!v) return v.error();
  if (v.value().null_count() > 0)
    return invalid_argument("arrow: the record batch struct array has null rows");
  for (size_t i = 0; i < v.value().children.size(); ++i)
    if (v.value().children[i].length < a.offset + a.length)
      return invalid_argument("arrow: column '" + sc.fields[i].name + "' is shorter than the " +
                              "record batch");
  batch_view b;
  b.schema = sc;
  b.length = v.value().length;
  for (const column_view& c : v.value().children) b.columns.push_back(c.slice(a.offset, a.length));
  LAKECODEC_TRY(validate_batch(sc, b));
  return b;
}

namespace detail {
// Moves `src` into `dst` (bitwise copy, source marked released), as C3 prescribes.
template <class T>
void arrow_move(T* src, T* dst) noexcept {
  std::memcpy(static_cast<void*>(dst), static_cast<const void*>(src), sizeof(T));
  src->release = nullptr;
}
template <class T>
void arrow_release(T& s) noexcept {
  if (s.release != nullptr) s.release(&s);
  s.release = nullptr;
}
}  // namespace detail

/// Owns a moved-in ArrowArray and the view of it; releases the array (base struct only) when
/// destroyed. Move-only; the view stays valid while the owner lives, also after a move.
class imported_array {
 public:
  imported_array() noexcept { std::memset(static_cast<void*>(&array_), 0, sizeof(array_)); }
  imported_array(imported_array&& o) noexcept
      : field_(std::move(o.field_)), view_(std::move(o.view_)) {
    detail::arrow_move(&o.array_, &array_);
  }
  imported_array& operator=(imported_array&& o) noexcept {
    if (this != &o) {
      detail::arrow_release(array_);
      field_ = std::move(o.field_);
      view_ = std::move(o.view_);
      detail::arrow_move(&o.array_, &array_);
    }
    return *this;
  }
  imported_array(const imported_array&) = delete;
  imported_array& operator=(const imported_array&) = delete;
  ~imported_array() { detail::arrow_release(array_); }

  const field& field_info() const noexcept { return field_; }
  const column_view& view() const noexcept { return view_; }

 private:
  friend result<imported_array> import_array(ArrowArray*, ArrowSchema*);
  ArrowArray array_;
  field field_;
  column_view view_;
};

/// Owns a moved-in record-batch ArrowArray and its batch_view; see imported_array.
class imported_batch {
 public:
  imported_batch() noexcept { std::memset(static_cast<void*>(&array_), 0, sizeof(array_)); }
  imported_batch(imported_batch&& o) noexcept : view_(std::move(o.view_)) {
    detail::arrow_move(&o.array_, &array_);
  }
  imported_batch& operator=(imported_batch&& o) noexcept {
    if (this != &o) {
      detail::arrow_release(array_);
      view_ = std::move(o.view_);
      detail::arrow_move(&o.array_, &array_);
    }
    return *this;
  }
  imported_batch(const imported_batch&) = delete;
  imported_batch& operator=(const imported_batch&) = delete;
  ~imported_batch() { detail::arrow_release(array_); }

  const batch_view& view() const noexcept { return view_; }

 private:
  friend result<imported_batch> import_batch(ArrowArray*, ArrowSchema*);
  friend result<imported_batch> import_batch(ArrowArray*, const schema&);
  ArrowArray array_;
  batch_view view_;
};

/// Imports one array: consumes `*array` and `*schema` (both marked released on return, on
/// success and on error; the schema is released at once, the array when the result dies).
/// Errors as import_field and view_array, or invalid_argument for null pointers.
inline result<imported_array> import_array(ArrowArray* array, ArrowSchema* schema) {
  imported_array out;
  ArrowSchema sc;
  std::memset(static_cast<void*>(&sc), 0, sizeof(sc));
  if (array != nullptr) detail::arrow_move(array, &out.array_);
  if (schema != nullptr) detail::arrow_move(schema, &sc);
  if (array == nullptr || schema == nullptr) {
    detail::arrow_release(sc);
    return invalid_argument("arrow: import_array needs an array and a schema");
  }
  auto f = import_field(sc);
  detail::arrow_release(sc);
  if (!f) return f.error();
  out.field_ = std::move(f).value();
  auto v = view_array(out.field_, out.array_);
  if (!v) return v.error();
  out.view_ = std::move(v).value();
  return out;
}

/// Imports a record batch ("+s" struct array): consumes `*array` and `*schema` like
/// import_array. The batch's columns are the struct's children (the struct's offset applied).
inline result<imported_batch> import_batch(ArrowArray* array, ArrowSchema* schema) {
  imported_batch out;
  ArrowSchema sc;
  std::memset(static_cast<void*>(&sc), 0, sizeof(sc));
  if (array != nullptr) detail::arrow_move(array, &out.array_);
  if (schema != nullptr) detail::arrow_move(schema, &sc);
  if (array == nullptr || schema == nullptr) {
    detail::arrow_release(sc);
    return invalid_argument("arrow: import_batch needs an array and a schema");
  }
  auto s = import_schema(sc);
  detail::arrow_release(sc);
  if (!s) return s.error();
  auto b = view_batch(s.value(), out.array_);
  if (!b) return b.error();
  out.view_ = std::move(b).value();
  return out;
}

/// Imports a record batch whose schema is already known (e.g. from a stream): consumes
/// `*array` like import_batch.
inline result<imported_batch> import_batch(ArrowArray* array, const schema& sc) {
  imported_batch out;
  if (array == nullptr) return invalid_argument("arrow: import_batch needs an array");
  detail::arrow_move(array, &out.array_);
  auto b = view_batch(sc, out.array_);
  if (!b) return b.error();
  out.view_ = std::move(b).value();
  return out;
}

/// Reads record batches from a moved-in ArrowArrayStream (C stream interface): the schema once,
/// then one imported_batch per `next()` until the end of the stream. Releases the stream when
/// destroyed. Move-only.
class imported_stream {
 public:
  imported_stream() noexcept { std::memset(static_cast<void*>(&stream_), 0, sizeof(stream_)); }
  imported_stream(imported_stream&& o) noexcept : schema_(std::move(o.schema_)) {
    detail::arrow_move(&o.stream_, &stream_);
  }
  imported_stream& operator=(imported_stream&& o) noexcept {
    if (this != &o) {
      detail::arrow_release(stream_);
      schema_ = std::move(o.schema_);
      detail::arrow_move(&o.stream_, &stream_);
    }
    return *this;
  }
  imported_stream(const imported_stream&) = delete;
  imported_stream& operator=(const imported_stream&) = delete;
  ~imported_stream() { detail::arrow_release(stream_); }

  /// Consumes `*stream` (marked released, also on error) and reads its schema. Errors:
  /// invalid_argument for a null/released stream, io_error with the producer's message when
  /// get_schema fails, and import_schema's errors.
  static result<imported_stream> open(ArrowArrayStream* stream) {
    imported_stream out;
    if (stream == nullptr || stream->release == nullptr)
      return invalid_argument("arrow: the ArrowArrayStream is null or released");
    detail::arrow_move(stream, &out.stream_);
    if (out.stream_.get_schema == nullptr || out.stream_.get_next == nullptr)
      return invalid_argument("arrow: the ArrowArrayStream has no get_schema/get_next callback");
    ArrowSchema sc;
    std::memset(static_cast<void*>(&sc), 0, sizeof(sc));
    const int rc = out.stream_.get_schema(&out.stream_, &sc);
    if (rc != 0) return out.producer_error("get_schema", rc);
    auto s = import_schema(sc);
    detail::arrow_release(sc);
    if (!s) return s.error();
    out.schema_ = std::move(s).value();
    return out;
  }

  const lakecodec::schema& batch_schema() const noexcept { return schema_; }

  /// The next batch, or an empty optional at the end of the stream. Errors: io_error when the
  /// producer fails, import errors for malformed arrays.
  result<std::optional<imported_batch>> next() {
    if (stream_.release == nullptr) return invalid_argument("arrow: the stream is released");
    ArrowArray a;
    std::memset(static_cast<void*>(&a), 0, sizeof(a));
    const int rc = stream_.get_next(&stream_, &a);
    if (rc != 0) return producer_error("get_next", rc);
    if (a.release == nullptr) return std::optional<imported_batch>();
    auto b = import_batch(&a, schema_);
    if (!b) return b.error();
    return std::optional<imported_batch>(std::move(b).value());
  }

 private:
  status producer_error(const char* what, int rc) {
    const char* msg =
        stream_.get_last_error != nullptr ? stream_.get_last_error(&stream_) : nullptr;
    return io_error("arrow: stream " + std::string(what) + " failed with errno " +
                    std::to_string(rc) + (msg ? std::string(": ") + msg : std::string()));
  }

  ArrowArrayStream stream_;
  lakecodec::schema schema_;
};

// ---------------------------------------------------------------------------------------------
// Export: a batch_view as ArrowSchema/ArrowArray (zero-copy), so Arrow consumers (pyarrow,
// DuckDB, Polars, nanoarrow) can read what lakecodec decoded or built.

/// The Arrow format string of `t` (C2), the inverse of parse_arrow_format: "i", "d:10,2",
/// "tsu:UTC" for UTC-adjusted timestamps ("tsu:" otherwise), "w:16" for uuid (the extension
/// name goes to the field metadata), "+s", "+l", "+L", "+m".
inline std::string arrow_format(const data_type& t) {
  const bool nano = t.unit == time_unit::nano;
  switch (t.id) {
    case type_id::boolean: return "b";
    case type_id::int8: return "c";
    case type_id::int16: return "s";
    case type_id::int32: return "i";
    case type_id::int64: return "l";
    case type_id::float32: return "f";
    case type_id::float64: return "g";
    case type_id::decimal128:
      return "d:" + std::to_string(t.precision) + "," + std::to_string(t.scale);
    case type_id::date32: return "tdD";
    case type_id::time64: return nano ? "ttn" : "ttu";
    case type_id::timestamp: return std::string(nano ? "tsn:" : "tsu:") + (t.utc ? "UTC" : "");
    case type_id::string: return "u";
    case type_id::large_string: return "U";
    case type_id::binary: return "z";
    case type_id::large_binary: return "Z";
    case type_id::fixed_size_binary: return "w:" + std::to_string(t.byte_width);
    case type_id::struct_: return "+s";
    case type_id::list: return "+l";
    case type_id::large_list: return "+L";
    case type_id::map: return "+m";
  }
  return "n";
}

namespace detail {

inline std::string encode_arrow_metadata(
    const std::vector<std::pair<std::string, std::string>>& kv) {
  if (kv.empty()) return {};
  std::string m;
  auto put = [&](size_t v) {
    const auto n = static_cast<int32_t>(v);
    m.append(reinterpret_cast<const char*>(&n), 4);
  };
  put(kv.size());
  for (const auto& p : kv) {
    put(p.first.size());
    m += p.first;
    put(p.second.size());
    m += p.second;
  }
  return m;
}

struct exported_schema {
  std::string format, name, metadata;
  std::vector<ArrowSchema*> children;
};

inline void release_exported_schema(ArrowSchema* s) {
  if (s == nullptr || s->release == nullptr) return;
  auto* d = static_cast<exported_schema*>(s->private_data);
  for (ArrowSchema* c : d->children) {
    if (c->release != nullptr) c->release(c);
    delete c;
  }
  delete d;
  s->release = nullptr;
}

inline void export_schema_node(const std::string& name, const data_type& t, bool nullable,
                               int32_t field_id, const std::vector<field>& children,
                               const std::vector<std::pair<std::string, std::string>>& extra,
                               ArrowSchema* out) {
  auto* d = new exported_schema;
  d->format = arrow_format(t);
  d->name = name;
  std::vector<std::pair<std::string, std::string>> md = extra;
  if (t.uuid) {
    md.emplace_back("ARROW:extension:name", "arrow.uuid");
    md.emplace_back("ARROW:extension:metadata", "");
  }
  if (field_id >= 0) md.emplace_back("PARQUET:field_id", std::to_string(field_id));
  d->metadata = encode_arrow_metadata(md);
  for (const field& c : children) {
    auto* cs = new ArrowSchema;
    export_schema_node(c.name, c.type, c.nullable, c.field_id, c.children, {}, cs);
    d->children.push_back(cs);
  }
  out->format = d->format.c_str();
  out->name = d->name.c_str();
  out->metadata = d->metadata.empty() ? nullptr : d->metadata.data();
  out->flags = nullable ? ARROW_FLAG_NULLABLE : 0;
  out->n_children = static_cast<int64_t>(d->children.size());
  out->children = d->children.empty() ? nullptr : d->children.data();
  out->dictionary = nullptr;
  out->release = release_exported_schema;
  out->private_data = d;
}

struct exported_array {
  std::vector<const void*> buffers;
  std::vector<ArrowArray*> children;
  std::shared_ptr<const void> keep_alive;
};

inline void release_exported_array(ArrowArray* a) {
  if (a == nullptr || a->release == nullptr) return;
  auto* d = static_cast<exported_array*>(a->private_data);
  for (ArrowArray* c : d->children) {
    if (c->release != nullptr) c->release(c);
    delete c;
  }
  delete d;
  a->release = nullptr;
}

// Zeroed, 16-byte aligned bytes standing in for absent buffers of empty arrays (Arrow consumers
// may refuse null offsets/data pointers).
inline const void* empty_buffer() noexcept {
  alignas(16) static const uint8_t zero[16] = {};
  return zero;
}

inline void export_array_node(const column_view& c, int64_t null_count,
                              const std::shared_ptr<const void>& keep, ArrowArray* out) {
  auto* d = new exported_array;
  d->keep_alive = keep;
  const type_id id = c.type.id;
  d->buffers.push_back(null_count == 0 ? nullptr : c.validity);
  if (id != type_id::struct_) d->buffers.push_back(c.values ? c.values : empty_buffer());
  if (is_binary_like(id)) d->buffers.push_back(c.data ? c.data : empty_buffer());
  for (const column_view& k : c.children) {
    auto* ca = new ArrowArray;
    export_array_node(k, k.null_count(), keep, ca);
    d->children.push_back(ca);
  }
  out->length = c.length;
  out->null_count = null_count;
  out->offset = c.offset;
  out->n_buffers = static_cast<int64_t>(d->buffers.size());
  out->n_children = static_cast<int64_t>(d->children.size());
  out->buffers = d->buffers.data();
  out->children = d->children.empty() ? nullptr : d->children.data();
  out->dictionary = nullptr;
  out->release = release_exported_array;
  out->private_data = d;
}

}  // namespace detail

/// Exports `b` as a record batch ("+s" struct array, C1/C3): the consumer owns `*out_array` and
/// `*out_schema` and must call their release callbacks. Zero-copy: the array points at the
/// view's buffers, and `keep_alive` (e.g. the owner of those buffers) is held until the array is
/// released. Error: the validate_batch status (the outputs are then marked released).
inline status export_batch(const batch_view& b, std::shared_ptr<const void> keep_alive,
                           ArrowArray* out_array, ArrowSchema* out_schema) {
  if (out_array == nullptr || out_schema == nullptr)
    return invalid_argument("arrow: export_batch needs output structs");
  out_array->release = nullptr;
  out_schema->release = nullptr;
  LAKECODEC_TRY(validate_batch(b.schema, b));
  detail::export_schema_node("", types::struct_(), false, -1, b.schema.fields, b.schema.metadata,
                             out_schema);
  column_view root;
  root.type = types::struct_();
  root.length = b.length;
  root.children = b.columns;
  detail::export_array_node(root, 0, keep_alive, out_array);
  return {};
}

/// Exports a batch built by batch_builder; the buffers move into the exported array.
inline status export_batch(owned_batch&& b, ArrowArray* out_array, ArrowSchema* out_schema) {
  auto keep = std::make_shared<owned_batch>(std::move(b));
  return export_batch(keep->view(), keep, out_array, out_schema);
}

/// Re-exports an imported batch (the producer's release runs when the consumer releases).
inline status export_batch(imported_batch&& b, ArrowArray* out_array, ArrowSchema* out_schema) {
  auto keep = std::make_shared<imported_batch>(std::move(b));
  return export_batch(keep->view(), keep, out_array, out_schema);
}

LAKECODEC_NAMESPACE_END
