#pragma once
// Fixed-bucket assignment exactly as Java computes it (FixedBucketRowKeyExtractor +
// DefaultBucketFunction): the bucket-key BinaryRow, its murmur hash
// with seed 42 and Math.abs(hash % n); and a one-pass split of a columnar batch into
// (partition, bucket) groups, the pre-bucketing a writer must do before writing data files.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/paimon/binary.hpp"
#include "lakecodec/paimon/row_codec.hpp"
#include "lakecodec/paimon/schema.hpp"
#include "lakecodec/paimon/types.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace paimon {

/// `Math.abs(hash % numBuckets)` with Java's truncating signed remainder (DefaultBucketFunction).
inline int32_t fixed_bucket(int32_t hash, int32_t num_buckets) noexcept {
  const int32_t r = hash % num_buckets;
  return r < 0 ? -r : r;
}

/// The bucket of a bucket-key BinaryRow (its bytes, RowKind 0) among `num_buckets`
/// (DefaultBucketFunction).
inline int32_t bucket_of_key_row(byte_span key_row, int32_t num_buckets) noexcept {
  return fixed_bucket(binary_row_hash(key_row), num_buckets);
}

/// The bucket-key columns of a table and its bucket count: encodes the key row of a full table
/// row and picks its bucket (`FixedBucketRowKeyExtractor`).
class bucket_key_extractor {
 public:
  /// Fails unless the table has a positive `bucket` option and a non-empty bucket key made of
  /// existing, non-nested columns that are not partition keys (SchemaValidation).
  static result<bucket_key_extractor> make(const table_schema& s) {
    bucket_key_extractor e;
    e.num_buckets_ = s.num_buckets();
    if (e.num_buckets_ <= 0)
      return invalid_argument("paimon: table has bucket = " + std::to_string(e.num_buckets_) +
                              "; only fixed buckets (> 0) have a bucket function");
    const std::vector<std::string> keys = s.bucket_keys();
    if (keys.empty())
      return invalid_argument(
          "paimon: the table has no bucket key (set 'bucket-key' or a primary key)");
    for (const std::string& k : keys) {
      const int i = s.field_index(k);
      if (i < 0) return invalid_argument("paimon: bucket key '" + k + "' is not a column");
      for (const std::string& p : s.partition_keys)
        if (p == k) return invalid_argument("paimon: bucket key '" + k + "' is a partition key");
      const data_type& t = s.fields[static_cast<size_t>(i)].type;
      if (t.root == type_root::array || t.root == type_root::map || t.root == type_root::multiset ||
          t.root == type_root::row)
        return invalid_argument("paimon: bucket key '" + k + "' has a nested type");
      e.indices_.push_back(i);
      e.fields_.push_back(s.fields[static_cast<size_t>(i)]);
    }
    return e;
  }

  int32_t num_buckets() const noexcept { return num_buckets_; }
  const std::vector<data_field>& key_fields() const noexcept { return fields_; }
  const std::vector<int>& key_indices() const noexcept { return indices_; }

  /// The bucket of a full table row (one datum per column).
  result<int32_t> bucket(const std::vector<datum>& row) {
    key_values_.clear();
    for (int i : indices_) {
      if (static_cast<size_t>(i) >= row.size())
        return invalid_argument("paimon: row has " + std::to_string(row.size()) + " values");
      key_values_.push_back(row[static_cast<size_t>(i)]);
    }
    LAKECODEC_TRY(encode_row_into(fields_, key_values_, writer_));
    return bucket_of_key_row(writer_.bytes(), num_buckets_);
  }
  /// The key row the last bucket() call hashed.
  byte_span last_key_row() const noexcept { return writer_.bytes(); }

 private:
  int32_t num_buckets_ = 0;
  std::vector<int> indices_;
  std::vector<data_field> fields_;
  std::vector<datum> key_values_;
  binary_row_writer writer_;
};

namespace detail {

/// Writes slot `i` of column `c` as field `pos` of Paimon type `t` (Arrow storage -> Paimon
/// internal representation). Checked by check_column_type() beforehand.
inline void write_column_value(binary_row_writer& w, int pos, const data_type& t,
                               const column_view& c, int64_t i, std::string& tmp) {
  if (c.is_null(i)) {
    if (t.root == type_root::decimal && is_non_compact(t)) {
      w.write_decimal_bytes(pos, byte_span(), true);
    } else if (is_non_compact(t)) {
      w.write_timestamp(pos, 0, 0, true);
    } else {
      w.set_null(pos);
    }
    return;
  }
  switch (c.type.id) {
    case type_id::boolean: w.write_boolean(pos, c.bool_value(i)); return;
    case type_id::int8: w.write_byte(pos, c.value<int8_t>(i)); return;
    case type_id::int16: w.write_short(pos, c.value<int16_t>(i)); return;
    case type_id::int32:
    case type_id::date32: w.write_int(pos, c.value<int32_t>(i)); return;
    case type_id::int64: w.write_long(pos, c.value<int64_t>(i)); return;
    case type_id::float32: w.write_float(pos, c.value<float>(i)); return;
    case type_id::float64: w.write_double(pos, c.value<double>(i)); return;
    case type_id::decimal128: {
      const __int128 v = c.decimal_value(i);
      if (!is_non_compact(t)) {
        w.write_long(pos, static_cast<int64_t>(v));
      } else {
        be_minimal_bytes(v, tmp);
        w.write_decimal_bytes(pos, byte_span(tmp));
      }
      return;
    }
    case type_id::time64: {
      const int64_t v = c.value<int64_t>(i);
      const int64_t div = c.type.unit == time_unit::nano ? 1000000 : 1000;
      int64_t q = v / div;
      if (v % div < 0) --q;
      w.write_int(pos, static_cast<int32_t>(q));
      return;
    }
    case type_id::timestamp: {
      const int64_t v = c.value<int64_t>(i);
      const int64_t per_milli = c.type.unit == time_unit::nano ? 1000000 : 1000;
      int64_t millis = v / per_milli;
      int64_t rem = v % per_milli;
      if (rem < 0) {
        rem += per_milli;
        --millis;
      }
      if (!is_non_compact(t)) {
        w.write_long(pos, millis);
      } else {
        const int32_t nanos =
            static_cast<int32_t>(c.type.unit == time_unit::nano ? rem : rem * 1000);
        w.write_timestamp(pos, millis, nanos);
      }
      return;
    }
    case type_id::string:
    case type_id::large_string:
    case type_id::binary:
    case type_id::large_binary: {
      const std::string_view b = c.bytes(i);
      w.write_bytes(pos, b.data(), b.size());
      return;
    }
    case type_id::fixed_size_binary: {
      const std::string_view b = c.fixed_bytes(i);
      w.write_bytes(pos, b.data(), b.size());
      return;
    }
    default: w.set_null(pos); return;
  }
}

/// Whether an Arrow column can supply values of a Paimon type.
inline status check_column_type(const data_type& t, const lakecodec::data_type& a,
                                const std::string& name) {
  bool ok = false;
  switch (t.root) {
    case type_root::boolean: ok = a.id == type_id::boolean; break;
    case type_root::tinyint: ok = a.id == type_id::int8; break;
    case type_root::smallint: ok = a.id == type_id::int16; break;
    case type_root::int_: ok = a.id == type_id::int32; break;
    case type_root::bigint: ok = a.id == type_id::int64; break;
    case type_root::float_: ok = a.id == type_id::float32; break;
    case type_root::double_: ok = a.id == type_id::float64; break;
    case type_root::decimal: ok = a.id == type_id::decimal128 && a.scale == t.scale; break;
    case type_root::date: ok = a.id == type_id::date32; break;
    case type_root::time: ok = a.id == type_id::time64; break;
    case type_root::timestamp:
    case type_root::timestamp_ltz: ok = a.id == type_id::timestamp; break;
    case type_root::char_:
    case type_root::varchar: ok = a.id == type_id::string || a.id == type_id::large_string; break;
    case type_root::binary:
    case type_root::varbinary:
    case type_root::blob:
      ok = a.id == type_id::binary || a.id == type_id::large_binary ||
           a.id == type_id::fixed_size_binary || a.id == type_id::string;
      break;
    default: ok = false;
  }
  if (!ok)
    return schema_mismatch("paimon: column '" + name + "' of type " + a.to_string() +
                           " cannot hold Paimon " + atomic_type_string(t));
  return {};
}

}  // namespace detail

/// Rows of one (partition, bucket): what one writer task turns into data files and one
/// CommitMessage.
struct bucket_group {
  binary_row partition;
  int32_t bucket = 0;
  std::vector<int64_t> rows;
};

/// The result of split_batch: the bucket of every row and the groups in first-seen order.
struct batch_split {
  std::vector<int32_t> row_buckets;
  std::vector<bucket_group> groups;
};

/// Splits a batch into (partition, bucket) groups in one pass (FixedBucketRowKeyExtractor,
/// RowPartitionKeyExtractor). Columns are found by name; the partition row is built from the
/// table's partition keys, the bucket from its bucket key (`bucket-key` option or trimmed primary
/// keys). With bucket = -1 on an append table (unaware) every row goes to bucket 0. Fails on
/// missing columns or incompatible types.
inline result<batch_split> split_batch(const batch_view& batch, const table_schema& s) {
  const int32_t n = s.num_buckets();
  std::vector<data_field> part_fields, key_fields;
  std::vector<const column_view*> part_cols, key_cols;
  auto collect = [&](const std::vector<std::string>& names, std::vector<data_field>& fields,
                     std::vector<const column_view*>& cols) -> status {
    for (const std::string& name : names) {
      const int fi = s.field_index(name);
      if (fi < 0) return invalid_argument("paimon: '" + name + "' is not a table column");
      const column_view* c = batch.column(name);
      if (c == nullptr) return invalid_argument("paimon: the batch has no column '" + name + "'");
      LAKECODEC_TRY(
          detail::check_column_type(s.fields[static_cast<size_t>(fi)].type, c->type, name));
      fields.push_back(s.fields[static_cast<size_t>(fi)]);
      cols.push_back(c);
    }
    return {};
  };
  LAKECODEC_TRY(collect(s.partition_keys, part_fields, part_cols));
  if (n > 0) {
    LAKECODEC_ASSIGN_OR_RETURN(bucket_key_extractor ex, bucket_key_extractor::make(s));
    (void)ex;
    LAKECODEC_TRY(collect(s.bucket_keys(), key_fields, key_cols));
  } else if (n != -1 || !s.primary_keys.empty()) {
    return unsupported("paimon: bucket = " + std::to_string(n) +
                       (s.primary_keys.empty() ? "" : " on a primary-key table") +
                       " uses dynamic or postponed bucketing, not a bucket function");
  }
  batch_split out;
  out.row_buckets.resize(static_cast<size_t>(batch.length));
  binary_row_writer pw(static_cast<int32_t>(part_fields.size()));
  binary_row_writer kw(static_cast<int32_t>(key_fields.size()));
  std::string tmp, group_key;
  std::unordered_map<std::string, size_t> index;
  std::vector<size_t> by_bucket;  // fast path without partition keys
  for (int64_t r = 0; r < batch.length; ++r) {
    int32_t b = 0;
    if (n > 0) {
      kw.reset(static_cast<int32_t>(key_fields.size()));
      for (size_t k = 0; k < key_cols.size(); ++k)
        detail::write_column_value(kw, static_cast<int>(k), key_fields[k].type, *key_cols[k], r,
                                   tmp);
      b = bucket_of_key_row(kw.bytes(), n);
    }
    out.row_buckets[static_cast<size_t>(r)] = b;
    size_t g;
    if (part_cols.empty()) {
      if (static_cast<size_t>(b) >= by_bucket.size())
        by_bucket.resize(static_cast<size_t>(b) + 1, SIZE_MAX);
      g = by_bucket[static_cast<size_t>(b)];
      if (g == SIZE_MAX) {
        g = by_bucket[static_cast<size_t>(b)] = out.groups.size();
        out.groups.push_back(bucket_group{binary_row::empty(), b, {}});
      }
    } else {
      pw.reset(static_cast<int32_t>(part_fields.size()));
      for (size_t k = 0; k < part_cols.size(); ++k)
        detail::write_column_value(pw, static_cast<int>(k), part_fields[k].type, *part_cols[k], r,
                                   tmp);
      group_key.assign(pw.bytes().as_string_view());
      group_key.append(reinterpret_cast<const char*>(&b), sizeof(b));
      auto it = index.find(group_key);
      if (it == index.end()) {
        g = out.groups.size();
        index.emplace(group_key, g);
        out.groups.push_back(bucket_group{
            binary_row{static_cast<int32_t>(part_fields.size()), pw.bytes().to_string()}, b, {}});
      } else {
        g = it->second;
      }
    }
    out.groups[g].rows.push_back(r);
  }
  return out;
}

/// Only the bucket of every row (no grouping): the kernel the benchmark compares with murmur.
inline status assign_buckets(const batch_view& batch, const std::vector<data_field>& key_fields,
                             int32_t num_buckets, std::vector<int32_t>& out) {
  std::vector<const column_view*> cols;
  for (const data_field& f : key_fields) {
    const column_view* c = batch.column(f.name);
    if (c == nullptr) return invalid_argument("paimon: the batch has no column '" + f.name + "'");
    LAKECODEC_TRY(detail::check_column_type(f.type, c->type, f.name));
    cols.push_back(c);
  }
  if (num_buckets <= 0) return invalid_argument("paimon: bucket count must be positive");
  out.resize(static_cast<size_t>(batch.length));
  binary_row_writer kw(static_cast<int32_t>(key_fields.size()));
  std::string tmp;
  for (int64_t r = 0; r < batch.length; ++r) {
    kw.reset(static_cast<int32_t>(key_fields.size()));
    for (size_t k = 0; k < cols.size(); ++k)
      detail::write_column_value(kw, static_cast<int>(k), key_fields[k].type, *cols[k], r, tmp);
    out[static_cast<size_t>(r)] = bucket_of_key_row(kw.bytes(), num_buckets);
  }
  return {};
}

}  // namespace paimon
LAKECODEC_NAMESPACE_END
