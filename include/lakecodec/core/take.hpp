#pragma once
// Gathering chosen rows of a batch into a new, owning batch (Arrow's `take`): what a table
// writer does to route the rows of one batch to the files of their partitions. One typed pass per
// column: fixed-width values are copied by width, byte strings through their offsets, structs and
// lists recursively; the result has offset 0 and exact null counts.

#include <cstdint>
#include <cstring>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"

LAKECODEC_NAMESPACE_BEGIN

namespace detail {

class row_gatherer {
 public:
  explicit row_gatherer(std::vector<std::vector<uint8_t>>& store) : store_(store) {}

  /// Slots `rows` (indices into `c`'s slots) of `c` as a new column.
  column_view gather(const column_view& c, const std::vector<int64_t>& rows) {
    column_view out;
    out.type = c.type;
    out.length = static_cast<int64_t>(rows.size());
    out.null_count_hint = 0;
    if (c.validity) out.validity = gather_validity(c, rows, out.null_count_hint);
    const type_id id = c.type.id;
    if (id == type_id::boolean) {
      out.values = gather_bits(c, rows);
    } else if (fixed_byte_width(c.type) > 0) {
      out.values = gather_fixed(c, rows, static_cast<size_t>(fixed_byte_width(c.type)));
    } else if (is_binary_like(id)) {
      gather_bytes(c, rows, out);
    } else if (id == type_id::struct_) {
      std::vector<int64_t> child_rows(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) child_rows[i] = c.offset + rows[i];
      for (const column_view& child : c.children) out.children.push_back(gather(child, child_rows));
    } else if (id == type_id::list || id == type_id::large_list || id == type_id::map) {
      std::vector<int64_t> child_rows;
      out.values = gather_ranges(c, rows, child_rows);
      out.children.push_back(gather(c.children[0], child_rows));
    }
    return out;
  }

 private:
  std::vector<uint8_t>& new_buffer(size_t bytes) {
    store_.emplace_back(bytes == 0 ? 1 : bytes, uint8_t{0});
    return store_.back();
  }

  const uint8_t* gather_validity(const column_view& c, const std::vector<int64_t>& rows,
                                 int64_t& nulls) {
    std::vector<uint8_t>& bits = new_buffer((rows.size() + 7) / 8);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (c.is_valid(rows[i]))
        bits[i >> 3] = static_cast<uint8_t>(bits[i >> 3] | (1u << (i & 7)));
      else
        ++nulls;
    }
    return bits.data();
  }

  const uint8_t* gather_bits(const column_view& c, const std::vector<int64_t>& rows) {
    std::vector<uint8_t>& bits = new_buffer((rows.size() + 7) / 8);
    for (size_t i = 0; i < rows.size(); ++i)
      if (c.bool_value(rows[i]))
        bits[i >> 3] = static_cast<uint8_t>(bits[i >> 3] | (1u << (i & 7)));
    return bits.data();
  }

  const uint8_t* gather_fixed(const column_view& c, const std::vector<int64_t>& rows, size_t w) {
    std::vector<uint8_t>& v = new_buffer(rows.size() * w);
    const uint8_t* src = static_cast<const uint8_t*>(c.values) + static_cast<size_t>(c.offset) * w;
    uint8_t* dst = v.data();
    switch (w) {  // constant sizes let the compiler emit plain loads and stores
      case 4:
        for (size_t i = 0; i < rows.size(); ++i) std::memcpy(dst + i * 4, src + rows[i] * 4, 4);
        break;
      case 8:
        for (size_t i = 0; i < rows.size(); ++i) std::memcpy(dst + i * 8, src + rows[i] * 8, 8);
        break;
      default:
        for (size_t i = 0; i < rows.size(); ++i)
          std::memcpy(dst + i * w, src + static_cast<size_t>(rows[i]) * w, w);
    }
    return v.data();
  }

  template <class Offset>
  const uint8_t* write_offsets(const std::vector<int64_t>& lengths) {
    std::vector<uint8_t>& buf = new_buffer((lengths.size() + 1) * sizeof(Offset));
    Offset* o = reinterpret_cast<Offset*>(buf.data());
    int64_t pos = 0;
    o[0] = 0;
    for (size_t i = 0; i < lengths.size(); ++i) {
      pos += lengths[i];
      o[i + 1] = static_cast<Offset>(pos);
    }
    return buf.data();
  }

  void gather_bytes(const column_view& c, const std::vector<int64_t>& rows, column_view& out) {
    std::vector<int64_t> lengths(rows.size());
    size_t total = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      lengths[i] = c.value_offset(rows[i] + 1) - c.value_offset(rows[i]);
      total += static_cast<size_t>(lengths[i]);
    }
    out.values = has_large_offsets(c.type.id) ? write_offsets<int64_t>(lengths)
                                              : write_offsets<int32_t>(lengths);
    std::vector<uint8_t>& data = new_buffer(total);
    size_t pos = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (lengths[i] > 0)
        std::memcpy(data.data() + pos, c.data + c.value_offset(rows[i]),
                    static_cast<size_t>(lengths[i]));
      pos += static_cast<size_t>(lengths[i]);
    }
    out.data = data.data();
  }

  const uint8_t* gather_ranges(const column_view& c, const std::vector<int64_t>& rows,
                               std::vector<int64_t>& child_rows) {
    std::vector<int64_t> lengths(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const int64_t b = c.value_offset(rows[i]), e = c.value_offset(rows[i] + 1);
      lengths[i] = e - b;
      for (int64_t k = b; k < e; ++k) child_rows.push_back(k);
    }
    return has_large_offsets(c.type.id) ? write_offsets<int64_t>(lengths)
                                        : write_offsets<int32_t>(lengths);
  }

  std::vector<std::vector<uint8_t>>& store_;
};

}  // namespace detail

/// The rows `rows` (in that order, repeats allowed) of a validated batch as a new batch with the
/// same schema. Indices must be in [0, b.length).
inline owned_batch take_rows(const batch_view& b, const std::vector<int64_t>& rows) {
  std::vector<std::vector<uint8_t>> store;
  store.reserve(64);
  batch_view v;
  v.schema = b.schema;
  v.length = static_cast<int64_t>(rows.size());
  detail::row_gatherer g(store);
  for (const column_view& c : b.columns) v.columns.push_back(g.gather(c, rows));
  return owned_batch::adopt(std::move(v), std::move(store));
}

LAKECODEC_NAMESPACE_END
