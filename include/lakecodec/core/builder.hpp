#pragma once
// An owning builder for the columnar view: append values column by column (nested types through
// their children), then `finish()` moves the buffers into an `owned_batch` whose `view()` is a
// regular `batch_view`. Buffers are in Arrow layout; a validity bitmap is allocated only once a
// null appears (`validity == nullptr` means every slot is valid).
//
// Misuse (appending an int to a string column, a fixed_size_binary value of the wrong width, an
// unbalanced begin_list/end_list, ...) never crashes or corrupts: the first misuse of a column is
// recorded, further appends to that column are ignored, and `finish()` returns invalid_argument
// naming the column.

#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN

/// A batch that owns its buffers. Movable, not copyable; `view()` stays valid while it lives
/// (moving the owned_batch keeps the view valid: buffers are heap blocks that do not move).
class owned_batch {
 public:
  owned_batch() = default;
  owned_batch(owned_batch&&) noexcept = default;
  owned_batch& operator=(owned_batch&&) noexcept = default;
  owned_batch(const owned_batch&) = delete;
  owned_batch& operator=(const owned_batch&) = delete;

  /// The zero-copy view of the owned buffers.
  const batch_view& view() const noexcept { return view_; }
  int64_t length() const noexcept { return view_.length; }

  /// Takes ownership of `buffers` that `view` points into (the view must reference only them).
  static owned_batch adopt(batch_view view, std::vector<std::vector<uint8_t>> buffers) {
    owned_batch b;
    b.view_ = std::move(view);
    b.buffers_ = std::move(buffers);
    return b;
  }

 private:
  friend class batch_builder;
  batch_view view_;
  std::vector<std::vector<uint8_t>> buffers_;
};

/// Builds one column (and, for nested types, its children). Obtained from batch_builder.
class column_builder {
 public:
  /// A builder for values of `f` (children are created from `f.children`).
  explicit column_builder(const field& f) : column_builder(f, f.name) {}
  column_builder(const field& f, std::string path) : field_(f), path_(std::move(path)) { reset(); }
  column_builder(const column_builder&) = delete;
  column_builder& operator=(const column_builder&) = delete;

  const field& field_info() const noexcept { return field_; }
  /// Dotted path from the top-level column, used in error messages.
  const std::string& path() const noexcept { return path_; }
  /// Number of slots appended so far.
  int64_t length() const noexcept { return length_; }
  int64_t null_count() const noexcept { return null_count_; }
  /// The first misuse of this column (ok if none).
  const status& error() const noexcept { return error_; }

  /// Appends a null slot. Struct: every child gets a null (a zero/empty value when the child is
  /// not nullable). List/map: an empty entry. A null in a non-nullable field is reported by
  /// finish().
  void append_null() {
    if (!check_not_open("append_null")) return;
    if (is_struct()) {
      for (auto& c : children_) c->append_null_or_default();
    } else {
      append_fixed_default();
    }
    push_validity(false);
  }

  /// Appends a boolean (boolean columns only).
  void append_bool(bool v) {
    if (!expect(type_id::boolean, "append_bool")) return;
    push_bit(values_, length_, v);
    push_validity(true);
  }

  /// Appends an integer to int8/16/32/64, date32, time64 or timestamp columns; values that do
  /// not fit the storage width are a misuse.
  void append_int(int64_t v) {
    if (!check_not_open("append_int")) return;
    switch (field_.type.id) {
      case type_id::int8: return append_narrow<int8_t>(v);
      case type_id::int16: return append_narrow<int16_t>(v);
      case type_id::int32:
      case type_id::date32: return append_narrow<int32_t>(v);
      case type_id::int64:
      case type_id::time64:
      case type_id::timestamp: push_raw(&v, 8); return push_validity(true);
      default: return misuse("append_int");
    }
  }

  /// Appends a floating-point value to float32 (narrowed) or float64 columns.
  void append_float(double v) {
    if (!check_not_open("append_float")) return;
    if (field_.type.id == type_id::float64) {
      push_raw(&v, 8);
    } else if (field_.type.id == type_id::float32) {
      const float f = static_cast<float>(v);
      push_raw(&f, 4);
    } else {
      return misuse("append_float");
    }
    push_validity(true);
  }

  /// Appends an unscaled decimal128 value (decimal128 columns only).
  void append_decimal(__int128 unscaled) {
    if (!expect(type_id::decimal128, "append_decimal")) return;
    push_raw(&unscaled, 16);
    push_validity(true);
  }

  /// Appends bytes to string/large_string/binary/large_binary, or to fixed_size_binary (incl.
  /// uuid) when `v.size()` equals the byte width. Strings are not checked for valid UTF-8.
  void append_bytes(std::string_view v) {
    if (!check_not_open("append_bytes")) return;
    const type_id id = field_.type.id;
    if (id == type_id::fixed_size_binary) {
      if (static_cast<int64_t>(v.size()) != field_.type.byte_width) {
        return set_error("append_bytes of " + std::to_string(v.size()) + " bytes to " +
                         field_.type.to_string());
      }
      push_raw(v.data(), v.size());
      return push_validity(true);
    }
    if (!is_binary_like(id)) return misuse("append_bytes");
    const uint64_t end = data_.size() + v.size();
    if (!has_large_offsets(id) && end > static_cast<uint64_t>(std::numeric_limits<int32_t>::max()))
      return set_error("more than 2^31-1 bytes in a 32-bit-offset " + field_.type.to_string() +
                       " column; use the large_ type");
    data_.insert(data_.end(), v.begin(), v.end());
    push_offset(static_cast<int64_t>(end));
    push_validity(true);
  }

  /// Struct: member i. List/large_list: 0 = element. Map: 0 = key, 1 = value. Any other index
  /// is a misuse and returns a detached builder whose values are discarded.
  column_builder& child(size_t i) {
    if (field_.type.id == type_id::map && children_.size() == 1 &&
        i < children_[0]->children_.size())
      return *children_[0]->children_[i];
    if (field_.type.id != type_id::map && i < children_.size()) return *children_[i];
    set_error("child(" + std::to_string(i) + ") does not exist");
    if (!detached_) detached_ = std::make_unique<column_builder>(field("detached", types::int8()));
    return *detached_;
  }

  /// Appends one valid struct slot; the caller appends exactly one value to every child.
  void append_struct() {
    if (!expect(type_id::struct_, "append_struct")) return;
    push_validity(true);
  }

  /// Opens a valid list/large_list/map slot; append elements (map: keys and values) to the
  /// children, then call end_list().
  void begin_list() {
    if (!is_list_like()) return misuse("begin_list");
    if (open_) return set_error("begin_list while a list is already open");
    open_ = true;
  }

  /// Closes the slot opened by begin_list: its entries are what the children gained since.
  void end_list() {
    if (!is_list_like()) return misuse("end_list");
    if (!open_) return set_error("end_list without begin_list");
    open_ = false;
    int64_t end = 0;
    if (field_.type.id == type_id::map) {
      column_builder& entries = *children_[0];
      const int64_t keys = entries.children_[0]->length_;
      const int64_t vals = entries.children_[1]->length_;
      if (keys != vals)
        return set_error("map slot has " + std::to_string(keys - entries.length_) + " keys but " +
                         std::to_string(vals - entries.length_) + " values");
      while (entries.length_ < keys) entries.push_validity(true);
      end = keys;
    } else {
      end = children_[0]->length_;
    }
    if (field_.type.id != type_id::large_list && end > std::numeric_limits<int32_t>::max())
      return set_error("more than 2^31-1 elements in a 32-bit-offset list");
    push_offset(end);
    push_validity(true);
  }

  /// Discards everything appended (including a recorded misuse).
  void reset() {
    length_ = 0;
    null_count_ = 0;
    open_ = false;
    error_ = status();
    validity_.clear();
    validity_.shrink_to_fit();
    values_.clear();
    data_.clear();
    if (is_binary_like(field_.type.id) || is_list_like()) push_offset(0);
    children_.clear();
    for (const field& c : field_.children)
      children_.push_back(std::make_unique<column_builder>(c, path_ + "." + c.name));
  }

  /// First error in this column or its children (ok if none): misuse, an open list, or
  /// children of a struct whose lengths differ from the struct's.
  status check() const {
    if (!error_.ok()) return error_;
    if (open_) return invalid_argument("column '" + path_ + "': begin_list without end_list");
    for (const auto& c : children_) LAKECODEC_TRY(c->check());
    if (is_struct()) {
      for (const auto& c : children_)
        if (c->length_ != length_)
          return invalid_argument("struct column '" + path_ + "' has " + std::to_string(length_) +
                                  " slots but child '" + c->path_ + "' has " +
                                  std::to_string(c->length_));
    }
    return {};
  }

  /// Moves the buffers into `store` and returns their view; the builder is reset afterwards.
  column_view finish_into(std::vector<std::vector<uint8_t>>& store) {
    column_view v;
    v.type = field_.type;
    v.length = length_;
    v.null_count_hint = null_count_;
    v.validity = take(store, validity_);
    v.values = take(store, values_);
    v.data = take(store, data_);
    for (auto& c : children_) v.children.push_back(c->finish_into(store));
    reset();
    return v;
  }

 private:
  bool is_struct() const noexcept { return field_.type.id == type_id::struct_; }
  bool is_list_like() const noexcept {
    const type_id id = field_.type.id;
    return id == type_id::list || id == type_id::large_list || id == type_id::map;
  }

  static const uint8_t* take(std::vector<std::vector<uint8_t>>& store, std::vector<uint8_t>& b) {
    if (b.empty()) return nullptr;
    store.push_back(std::move(b));
    b = std::vector<uint8_t>();
    return store.back().data();
  }

  static void push_bit(std::vector<uint8_t>& bits, int64_t index, bool v) {
    if ((index & 7) == 0) bits.push_back(0);
    if (v) bits.back() |= static_cast<uint8_t>(1u << (index & 7));
  }

  void push_validity(bool valid) {
    if (!valid && validity_.empty() && length_ > 0) {
      validity_.assign(static_cast<size_t>((length_ + 7) / 8), 0xFF);
      if (length_ & 7) validity_.back() = static_cast<uint8_t>((1u << (length_ & 7)) - 1);
    }
    if (!valid || !validity_.empty()) push_bit(validity_, length_, valid);
    if (!valid) ++null_count_;
    ++length_;
  }

  void push_raw(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    values_.insert(values_.end(), b, b + n);
  }

  void push_offset(int64_t off) {
    if (has_large_offsets(field_.type.id)) {
      push_raw(&off, 8);
    } else {
      const int32_t o = static_cast<int32_t>(off);
      push_raw(&o, 4);
    }
  }

  int64_t last_offset() const {
    if (values_.empty()) return 0;
    if (has_large_offsets(field_.type.id)) {
      int64_t o;
      std::memcpy(&o, values_.data() + values_.size() - 8, 8);
      return o;
    }
    int32_t o;
    std::memcpy(&o, values_.data() + values_.size() - 4, 4);
    return o;
  }

  // The value-buffer part of a null or default slot (validity is handled by the caller).
  void append_fixed_default() {
    const type_id id = field_.type.id;
    if (id == type_id::boolean) {
      push_bit(values_, length_, false);
    } else if (is_fixed_width(id)) {
      values_.insert(values_.end(), static_cast<size_t>(fixed_byte_width(field_.type)), 0);
    } else if (is_binary_like(id) || is_list_like()) {
      push_offset(last_offset());
    }
  }

  // A null where nullable, else a zero/empty value (used for children of null struct slots).
  void append_null_or_default() {
    if (!error_.ok()) return;
    if (field_.nullable) return append_null();
    if (is_struct()) {
      for (auto& c : children_) c->append_null_or_default();
    } else {
      append_fixed_default();
    }
    push_validity(true);
  }

  template <class T>
  void append_narrow(int64_t v) {
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
      return set_error("value " + std::to_string(v) + " does not fit " + field_.type.to_string());
    const T t = static_cast<T>(v);
    push_raw(&t, sizeof(T));
    push_validity(true);
  }

  bool check_not_open(const char* what) {
    if (!error_.ok()) return false;
    if (open_) {
      set_error(std::string(what) + " on a list slot that is still open");
      return false;
    }
    return true;
  }

  bool expect(type_id id, const char* what) {
    if (!check_not_open(what)) return false;
    if (field_.type.id == id) return true;
    misuse(what);
    return false;
  }

  void misuse(const char* what) {
    set_error(std::string(what) + " on a " + field_.type.to_string() + " column");
  }

  void set_error(std::string message) {
    if (error_.ok()) error_ = invalid_argument("column '" + path_ + "': " + message);
  }

  field field_;
  std::string path_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  bool open_ = false;
  status error_;
  std::vector<uint8_t> validity_;
  std::vector<uint8_t> values_;  // fixed-width values, boolean bitmap, or offsets
  std::vector<uint8_t> data_;    // binary-like bytes
  std::vector<std::unique_ptr<column_builder>> children_;
  std::unique_ptr<column_builder> detached_;
};

/// Builds batches of a fixed schema; reusable after finish().
class batch_builder {
 public:
  /// A builder with one column_builder per top-level field of `s`.
  explicit batch_builder(schema s) : schema_(std::move(s)) {
    for (const field& f : schema_.fields) columns_.push_back(std::make_unique<column_builder>(f));
  }

  const lakecodec::schema& batch_schema() const noexcept { return schema_; }
  size_t num_columns() const noexcept { return columns_.size(); }
  /// Column i (i < num_columns()).
  column_builder& column(size_t i) { return *columns_[i]; }
  /// The column named `name`, or nullptr.
  column_builder* column(std::string_view name) {
    const int i = schema_.find(name);
    return i < 0 ? nullptr : columns_[static_cast<size_t>(i)].get();
  }

  /// Moves the appended data into an owned_batch and resets the builder (also on error).
  /// Errors: invalid_argument for a recorded misuse or unbalanced lists/structs (naming the
  /// column), schema_mismatch from validate_batch (unequal column lengths, nulls in a
  /// non-nullable field).
  result<owned_batch> finish() {
    status st;
    for (const auto& c : columns_) {
      st = c->check();
      if (!st.ok()) break;
    }
    owned_batch out;
    out.view_.schema = schema_;
    out.view_.length = columns_.empty() ? 0 : columns_[0]->length();
    for (auto& c : columns_) out.view_.columns.push_back(c->finish_into(out.buffers_));
    if (!st.ok()) return st;
    LAKECODEC_TRY(validate_batch(schema_, out.view_));
    return out;
  }

  /// Discards everything appended since the last finish().
  void reset() {
    for (auto& c : columns_) c->reset();
  }

 private:
  lakecodec::schema schema_;
  std::vector<std::unique_ptr<column_builder>> columns_;
};

LAKECODEC_NAMESPACE_END
