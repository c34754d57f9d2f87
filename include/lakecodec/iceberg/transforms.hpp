#pragma once
// Iceberg partition transforms (spec "Partition Transforms", Appendix B): identity, bucket[N],
// truncate[W], year, month, day, hour and void; their result types; applied to one literal or to
// a whole column of the columnar view in one typed pass (one dispatch per column).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lakecodec/core/columnar.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/hash.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

enum class transform_kind : uint8_t {
  identity,
  bucket,
  truncate,
  year,
  month,
  day,
  hour,
  void_,
  unknown
};

/// A parsed transform; `param` is N of bucket[N] or W of truncate[W]. Unknown transform strings
/// are kept (kind unknown, `text` as written) so metadata round-trips, as Java does.
struct transform {
  transform_kind kind = transform_kind::identity;
  int32_t param = 0;
  std::string text;

  friend bool operator==(const transform& a, const transform& b) {
    return a.kind == b.kind && a.param == b.param &&
           (a.kind != transform_kind::unknown || a.text == b.text);
  }
  friend bool operator!=(const transform& a, const transform& b) { return !(a == b); }
};

/// Parses "identity", "bucket[16]", "truncate[4]", "year", "month", "day", "hour", "void";
/// anything else becomes an unknown transform (invalid_argument for malformed bucket/truncate).
inline result<transform> parse_transform(std::string_view s) {
  transform t;
  t.text = std::string(s);
  if (s == "identity")
    t.kind = transform_kind::identity;
  else if (s == "year")
    t.kind = transform_kind::year;
  else if (s == "month")
    t.kind = transform_kind::month;
  else if (s == "day")
    t.kind = transform_kind::day;
  else if (s == "hour")
    t.kind = transform_kind::hour;
  else if (s == "void")
    t.kind = transform_kind::void_;
  else if ((detail::starts_with(s, "bucket[") || detail::starts_with(s, "truncate[")) &&
           s.back() == ']') {
    const bool bucket = s[0] == 'b';
    const size_t open = s.find('[');
    if (!detail::parse_small_int(s.substr(open + 1, s.size() - open - 2), t.param) || t.param < 1)
      return invalid_argument("iceberg: bad transform '" + std::string(s) +
                              "': the parameter must be a positive integer");
    t.kind = bucket ? transform_kind::bucket : transform_kind::truncate;
  } else {
    t.kind = transform_kind::unknown;
  }
  return t;
}

/// The transform string ("bucket[16]").
inline std::string transform_to_string(const transform& t) {
  switch (t.kind) {
    case transform_kind::identity: return "identity";
    case transform_kind::bucket: return "bucket[" + std::to_string(t.param) + "]";
    case transform_kind::truncate: return "truncate[" + std::to_string(t.param) + "]";
    case transform_kind::year: return "year";
    case transform_kind::month: return "month";
    case transform_kind::day: return "day";
    case transform_kind::hour: return "hour";
    case transform_kind::void_: return "void";
    case transform_kind::unknown: return t.text;
  }
  return t.text;
}

namespace detail {
inline bool is_timestamp(type_kind k) noexcept {
  return k == type_kind::timestamp || k == type_kind::timestamptz || k == type_kind::timestamp_ns ||
         k == type_kind::timestamptz_ns;
}
inline bool is_nanos(type_kind k) noexcept {
  return k == type_kind::timestamp_ns || k == type_kind::timestamptz_ns;
}
}  // namespace detail

/// Whether `t` may be applied to `source` (spec "Partition Transforms" table).
inline bool can_transform(const transform& t, const type& source) noexcept {
  const type_kind k = source.kind;
  switch (t.kind) {
    case transform_kind::identity:
      return source.is_primitive() && k != type_kind::geometry && k != type_kind::geography &&
             k != type_kind::variant;
    case transform_kind::bucket:
      return k == type_kind::int_ || k == type_kind::long_ || k == type_kind::decimal ||
             k == type_kind::date || k == type_kind::time || detail::is_timestamp(k) ||
             k == type_kind::string || k == type_kind::uuid || k == type_kind::fixed ||
             k == type_kind::binary;
    case transform_kind::truncate:
      return k == type_kind::int_ || k == type_kind::long_ || k == type_kind::decimal ||
             k == type_kind::string || k == type_kind::binary;
    case transform_kind::year:
    case transform_kind::month:
    case transform_kind::day: return k == type_kind::date || detail::is_timestamp(k);
    case transform_kind::hour: return detail::is_timestamp(k);
    case transform_kind::void_: return true;
    case transform_kind::unknown: return false;
  }
  return false;
}

/// The result type of `t` applied to `source`: source for identity/truncate/void, int for
/// bucket/year/month/hour, date for day. invalid_argument when the transform does not apply.
inline result<type> transform_result_type(const transform& t, const type& source) {
  if (!can_transform(t, source))
    return invalid_argument("iceberg: transform " + transform_to_string(t) +
                            " cannot be applied to " + type_to_string(source));
  switch (t.kind) {
    case transform_kind::bucket:
    case transform_kind::year:
    case transform_kind::month:
    case transform_kind::hour: return types::int_();
    case transform_kind::day: return types::date();
    default: return source;
  }
}

// ---------------------------------------------------------------------------------------------
// Per-value kernels (Appendix B for bucket, DateTimeUtil floor semantics for the time units).

/// 32-bit murmur3 of a decimal's unscaled value as minimal big-endian two's complement.
inline uint32_t hash_decimal(__int128 unscaled) noexcept {
  uint8_t b[16];
  const size_t n = minimal_be_bytes(unscaled, b);
  return murmur3_x86_32(b, n);
}
LAKECODEC_ALWAYS_INLINE int32_t bucket_of_hash(uint32_t hash, int32_t n) noexcept {
  return static_cast<int32_t>((hash & 0x7fffffffu) % static_cast<uint32_t>(n));
}
/// Years since 1970 of a day number (floor).
inline int32_t years_of_days(int64_t days) noexcept {
  int64_t y, m, d;
  detail::civil_from_days(days, y, m, d);
  return static_cast<int32_t>(y - 1970);
}
inline int32_t months_of_days(int64_t days) noexcept {
  int64_t y, m, d;
  detail::civil_from_days(days, y, m, d);
  return static_cast<int32_t>((y - 1970) * 12 + (m - 1));
}
/// Truncates a string to its first `width` Unicode code points (never splitting a sequence).
inline std::string_view truncate_utf8(std::string_view s, int32_t width) noexcept {
  size_t pos = 0;
  for (int32_t cp = 0; cp < width && pos < s.size(); ++cp) {
    ++pos;
    while (pos < s.size() && (static_cast<uint8_t>(s[pos]) & 0xc0) == 0x80) ++pos;
  }
  return s.substr(0, pos);
}

namespace detail {
/// A time-ish value (days, us or ns by source kind) converted for year/month/day/hour.
inline int32_t time_transform(transform_kind t, type_kind source, int64_t v) noexcept {
  if (source == type_kind::date) {
    if (t == transform_kind::year) return years_of_days(v);
    if (t == transform_kind::month) return months_of_days(v);
    return static_cast<int32_t>(v);
  }
  const int64_t per_second = is_nanos(source) ? 1000000000 : 1000000;
  if (t == transform_kind::hour) return static_cast<int32_t>(floor_div(v, per_second * 3600));
  const int64_t days = floor_div(v, per_second * 86400);
  if (t == transform_kind::year) return years_of_days(days);
  if (t == transform_kind::month) return months_of_days(days);
  return static_cast<int32_t>(days);
}
/// Whether a column stored as `id` can hold values of Iceberg type `source`.
inline bool holds_iceberg_type(const type& source, type_id id) noexcept {
  switch (storage_of(source.kind)) {
    case value_storage::integer:
      if (source.kind == type_kind::int_ || source.kind == type_kind::date)
        return id == type_id::int32 || id == type_id::date32;
      return stored_as<int64_t>(id);
    case value_storage::floating: return id == type_id::float32 || id == type_id::float64;
    case value_storage::decimal: return id == type_id::decimal128;
    case value_storage::bytes:
      if (source.kind == type_kind::uuid || source.kind == type_kind::fixed)
        return id == type_id::fixed_size_binary;
      return is_binary_like(id);
    case value_storage::none: return false;
  }
  return false;
}
}  // namespace detail

// The bucket hash of each kind of value (Iceberg spec Appendix B, Java BucketUtil), shared by
// apply_transform and transform_to_int32 so the scalar and column paths cannot drift apart.

/// int, long, date, time, timestamp and timestamptz: murmur3 of the value as an 8-byte LE long.
LAKECODEC_ALWAYS_INLINE uint32_t bucket_hash_long(int64_t v) noexcept {
  return murmur3_x86_32_int64(v);
}
/// timestamp_ns and timestamptz_ns hash as microseconds (floor), so a value hashes alike at
/// either precision.
LAKECODEC_ALWAYS_INLINE uint32_t bucket_hash_nanos(int64_t v) noexcept {
  return murmur3_x86_32_int64(detail::floor_div(v, 1000));
}
/// decimal: murmur3 of the unscaled value's minimal big-endian two's complement bytes.
LAKECODEC_ALWAYS_INLINE uint32_t bucket_hash_decimal(__int128 unscaled) noexcept {
  return hash_decimal(unscaled);
}
/// string (UTF-8 bytes), binary, fixed and uuid (16 big-endian bytes): murmur3 of the bytes.
LAKECODEC_ALWAYS_INLINE uint32_t bucket_hash_bytes(std::string_view v) noexcept {
  return murmur3_x86_32(v.data(), v.size());
}

/// Applies `t` to one value of type `source`. Null in -> null out; void -> null. The result is
/// a literal of transform_result_type(t, source).
inline result<literal> apply_transform(const transform& t, const type& source, const literal& v) {
  LAKECODEC_ASSIGN_OR_RETURN(type rt, transform_result_type(t, source));
  (void)rt;
  if (v.is_null || t.kind == transform_kind::void_) return literal::null();
  const value_storage st = storage_of(source.kind);
  switch (t.kind) {
    case transform_kind::identity: return v;
    case transform_kind::bucket: {
      uint32_t h = 0;
      if (st == value_storage::integer)
        h = detail::is_nanos(source.kind) ? bucket_hash_nanos(v.i) : bucket_hash_long(v.i);
      else if (st == value_storage::decimal)
        h = bucket_hash_decimal(v.dec);
      else
        h = bucket_hash_bytes(v.bytes);
      return literal::of_int(bucket_of_hash(h, t.param));
    }
    case transform_kind::truncate:
      if (st == value_storage::integer)
        return literal::of_int(v.i - detail::floor_mod(v.i, t.param));
      if (st == value_storage::decimal) {
        const __int128 w = t.param;
        __int128 r = v.dec % w;
        if (r < 0) r += w;
        return literal::of_decimal(v.dec - r);
      }
      if (source.kind == type_kind::string)
        return literal::of_bytes(truncate_utf8(v.bytes, t.param));
      return literal::of_bytes(std::string_view(v.bytes).substr(0, static_cast<size_t>(t.param)));
    case transform_kind::year:
    case transform_kind::month:
    case transform_kind::day:
    case transform_kind::hour:
      return literal::of_int(detail::time_transform(t.kind, source.kind, v.i));
    default: return unsupported("iceberg: cannot apply transform " + transform_to_string(t));
  }
}

// ---------------------------------------------------------------------------------------------
// Whole-column application.

namespace detail {
template <class T, class F>
void transform_loop(const column_view& c, int32_t* out, uint8_t* valid, F&& f) {
  for (int64_t i = 0; i < c.length; ++i) {
    const bool ok = c.is_valid(i);
    if (valid) valid[i] = ok;
    out[i] = ok ? f(get_value<T>(c, i)) : 0;
  }
}
template <class T, class F>
void transform_loop_dense(const column_view& c, int32_t* out, F&& f) {
  const T* v = c.typed_values<T>();
  for (int64_t i = 0; i < c.length; ++i) out[i] = f(v[i]);
}
}  // namespace detail

/// Applies an int-valued transform (bucket, year, month, day, hour) to every slot of `col` in
/// one typed pass: out[i] is the result, valid[i] (one byte per slot, may be null) is 0 for
/// null inputs. `col` must have the storage of to_columnar_type(source) (int32 for int/date,
/// int64 for long/time/timestamps, decimal128, string/binary, fixed_size_binary).
/// invalid_argument if the transform does not apply or yields a non-int result.
inline status transform_to_int32(const transform& t, const type& source, const column_view& col,
                                 int32_t* out, uint8_t* valid) {
  LAKECODEC_ASSIGN_OR_RETURN(type rt, transform_result_type(t, source));
  (void)rt;
  if (t.kind != transform_kind::bucket && t.kind != transform_kind::year &&
      t.kind != transform_kind::month && t.kind != transform_kind::day &&
      t.kind != transform_kind::hour)
    return invalid_argument("iceberg: transform " + transform_to_string(t) +
                            " does not produce int values");
  const type_kind sk = source.kind;
  const int32_t n = t.param;
  const bool dense = col.validity == nullptr && valid == nullptr;
  auto run = [&](auto tag, auto&& f) {
    using T = decltype(tag);
    if constexpr (!std::is_same<T, std::string_view>::value && !std::is_same<T, bool>::value) {
      if (dense) return detail::transform_loop_dense<T>(col, out, f);
    }
    detail::transform_loop<T>(col, out, valid, f);
  };
  auto type_error = [&] {
    return schema_mismatch("iceberg: column of type " + col.type.to_string() +
                           " does not hold Iceberg " + type_to_string(source) + " values");
  };
  const type_id cid = col.type.id;
  if (!detail::holds_iceberg_type(source, cid)) return type_error();
  if (t.kind == transform_kind::bucket) {
    if (cid == type_id::int32 || cid == type_id::date32) {
      run(int32_t{}, [n](int32_t v) { return bucket_of_hash(bucket_hash_long(v), n); });
    } else if (stored_as<int64_t>(cid)) {
      if (detail::is_nanos(sk))
        run(int64_t{}, [n](int64_t v) { return bucket_of_hash(bucket_hash_nanos(v), n); });
      else
        run(int64_t{}, [n](int64_t v) { return bucket_of_hash(bucket_hash_long(v), n); });
    } else if (cid == type_id::decimal128) {
      run(__int128{}, [n](__int128 v) { return bucket_of_hash(bucket_hash_decimal(v), n); });
    } else if (stored_as<std::string_view>(cid)) {
      run(std::string_view{},
          [n](std::string_view v) { return bucket_of_hash(bucket_hash_bytes(v), n); });
    } else {
      return type_error();
    }
    return {};
  }
  const transform_kind k = t.kind;
  if (cid == type_id::date32 || cid == type_id::int32) {
    run(int32_t{}, [k, sk](int32_t v) { return detail::time_transform(k, sk, v); });
  } else if (stored_as<int64_t>(cid)) {
    run(int64_t{}, [k, sk](int64_t v) { return detail::time_transform(k, sk, v); });
  } else {
    return type_error();
  }
  return {};
}

/// Reads slot i of a column holding Iceberg type `source` as a literal (null for null slots).
inline literal column_literal(const type& source, const column_view& c, int64_t i) {
  if (!c.is_valid(i)) return literal::null();
  switch (c.type.id) {
    case type_id::boolean: return literal::of_int(c.bool_value(i));
    case type_id::int8: return literal::of_int(c.value<int8_t>(i));
    case type_id::int16: return literal::of_int(c.value<int16_t>(i));
    case type_id::int32:
    case type_id::date32: return literal::of_int(c.value<int32_t>(i));
    case type_id::int64:
    case type_id::time64:
    case type_id::timestamp: return literal::of_int(c.value<int64_t>(i));
    case type_id::float32: return literal::of_double(c.value<float>(i));
    case type_id::float64: return literal::of_double(c.value<double>(i));
    case type_id::decimal128: return literal::of_decimal(c.decimal_value(i));
    case type_id::fixed_size_binary: return literal::of_bytes(c.fixed_bytes(i));
    case type_id::string:
    case type_id::large_string:
    case type_id::binary:
    case type_id::large_binary: return literal::of_bytes(c.bytes(i));
    default: (void)source; return literal::null();
  }
}

/// Any transform over a whole column, one literal per slot (identity and truncate keep the
/// source type). For int-valued transforms prefer transform_to_int32, which does not allocate.
inline result<std::vector<literal>> transform_column(const transform& t, const type& source,
                                                     const column_view& col) {
  LAKECODEC_ASSIGN_OR_RETURN(type rt, transform_result_type(t, source));
  (void)rt;
  std::vector<literal> out;
  out.reserve(static_cast<size_t>(col.length));
  for (int64_t i = 0; i < col.length; ++i) {
    LAKECODEC_ASSIGN_OR_RETURN(literal r,
                               apply_transform(t, source, column_literal(source, col, i)));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END
