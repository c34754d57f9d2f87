#pragma once
// The generic Avro datum: a tree value for tools, tests and small files. Hot paths use the
// typed encoder/decoder (encoding.hpp) or the columnar bridge (columnar.hpp) instead.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/avro/schema.hpp"
#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace avro {

/// A generic Avro value. `kind()` is the Avro type it holds; records keep their field values in
/// schema order, unions keep the branch index and one value, enums the symbol index (and the
/// symbol text when decoded against a schema).
class value {
 public:
  using entry = std::pair<std::string, value>;

  value() = default;
  static value null() { return value(); }
  static value boolean(bool b) { return scalar(type::boolean, b ? 1 : 0); }
  static value int32(int32_t v) { return scalar(type::int_, v); }
  static value int64(int64_t v) { return scalar(type::long_, v); }
  static value float32(float v) {
    value x(type::float_);
    x.d_ = v;
    return x;
  }
  static value float64(double v) {
    value x(type::double_);
    x.d_ = v;
    return x;
  }
  static value bytes(std::string_view b) { return text(type::bytes, b); }
  static value string(std::string_view s) { return text(type::string, s); }
  static value fixed(std::string_view b) { return text(type::fixed, b); }
  /// An enum value by symbol index; `symbol` is informational (encoders use the index).
  static value enumeration(int32_t index, std::string_view symbol = {}) {
    value x = text(type::enum_, symbol);
    x.i_ = index;
    return x;
  }
  static value array(std::vector<value> items) {
    value x(type::array);
    x.items_ = std::move(items);
    return x;
  }
  static value map(std::vector<entry> entries) {
    value x(type::map);
    x.entries_ = std::move(entries);
    return x;
  }
  /// A record: one value per field, in schema order.
  static value record(std::vector<value> fields) {
    value x(type::record);
    x.items_ = std::move(fields);
    return x;
  }
  /// A union value: the branch index and the branch's value.
  static value union_of(int32_t branch, value v) {
    value x(type::union_);
    x.i_ = branch;
    x.items_.push_back(std::move(v));
    return x;
  }

  avro::type kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == type::null; }
  bool as_bool() const noexcept { return i_ != 0; }
  int32_t as_int() const noexcept { return static_cast<int32_t>(i_); }
  int64_t as_long() const noexcept { return i_; }
  float as_float() const noexcept { return static_cast<float>(d_); }
  double as_double() const noexcept { return d_; }
  /// bytes, string, fixed payload; the enum symbol when known.
  std::string_view as_bytes() const noexcept { return s_; }
  const std::string& as_string() const noexcept { return s_; }
  /// Enum symbol index or union branch index.
  int32_t index() const noexcept { return static_cast<int32_t>(i_); }
  /// The value inside a union.
  const value& branch_value() const noexcept { return items_[0]; }
  value& branch_value() noexcept { return items_[0]; }
  /// Array elements or record fields.
  const std::vector<value>& items() const noexcept { return items_; }
  std::vector<value>& items() noexcept { return items_; }
  const std::vector<entry>& entries() const noexcept { return entries_; }
  std::vector<entry>& entries() noexcept { return entries_; }
  /// Record field i (schema order).
  const value& field(size_t i) const noexcept { return items_[i]; }
  /// A union's contents, or the value itself when it is not a union.
  const value& unwrapped() const noexcept { return kind_ == type::union_ ? items_[0] : *this; }

  friend bool operator==(const value& a, const value& b) {
    if (a.kind_ != b.kind_) return false;
    switch (a.kind_) {
      case type::null: return true;
      case type::float_:
      case type::double_:
        // Bitwise so NaN == NaN in round-trip checks.
        return std::memcmp(&a.d_, &b.d_, sizeof(double)) == 0;
      case type::bytes:
      case type::string:
      case type::fixed: return a.s_ == b.s_;
      case type::enum_: return a.i_ == b.i_;
      case type::map: return a.entries_ == b.entries_;
      case type::array:
      case type::record: return a.items_ == b.items_;
      case type::union_: return a.i_ == b.i_ && a.items_ == b.items_;
      default: return a.i_ == b.i_;
    }
  }
  friend bool operator!=(const value& a, const value& b) { return !(a == b); }

 private:
  explicit value(avro::type k) : kind_(k) {}
  static value scalar(avro::type k, int64_t v) {
    value x(k);
    x.i_ = v;
    return x;
  }
  static value text(avro::type k, std::string_view s) {
    value x(k);
    x.s_.assign(s.data(), s.size());
    return x;
  }

  avro::type kind_ = type::null;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<value> items_;
  std::vector<entry> entries_;
};

}  // namespace avro
LAKECODEC_NAMESPACE_END
