#pragma once
// JSON single-value serialization (spec Appendix D) of primitive values, both directions:
// numbers and booleans as JSON, decimals as strings keeping the scale, dates/times/timestamps as
// ISO strings, uuid as text, binary and fixed as lower-case hex.

#ifdef LAKECODEC_WITH_JSON

#include <cmath>
#include <limits>
#include <string>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/json_util.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

namespace detail {
template <class J>
status value_type_error(const type& t, const J& v) {
  return invalid_argument("iceberg: cannot read " + type_to_string(t) + " value from JSON " +
                          std::string(v.type_name()) + " " + dump_json(v).substr(0, 80));
}
template <class J>
const std::string* json_string(const J& v) {
  return v.is_string() ? v.template get_ptr<const typename J::string_t*>() : nullptr;
}
}  // namespace detail

/// Reads a primitive value of type `t` from its JSON single-value form; JSON null gives a null
/// literal. invalid_argument naming the type and the JSON on mismatch. Appendix D.
template <class J>
result<literal> literal_from_json(const type& t, const J& v) {
  if (v.is_null()) return literal::null();
  const std::string* s = detail::json_string(v);
  switch (t.kind) {
    case type_kind::boolean:
      if (!v.is_boolean()) return detail::value_type_error(t, v);
      return literal::of_int(*v.template get_ptr<const typename J::boolean_t*>() ? 1 : 0);
    case type_kind::int_: {
      int32_t x = 0;
      if (!detail::json_to_int(v, x)) return detail::value_type_error(t, v);
      return literal::of_int(x);
    }
    case type_kind::long_: {
      int64_t x = 0;
      if (!detail::json_to_int(v, x)) return detail::value_type_error(t, v);
      return literal::of_int(x);
    }
    case type_kind::float_:
    case type_kind::double_: {
      double d = 0;
      if (v.is_number_float())
        d = *v.template get_ptr<const typename J::number_float_t*>();
      else if (v.is_number_integer() && !v.is_number_unsigned())
        d = static_cast<double>(*v.template get_ptr<const typename J::number_integer_t*>());
      else if (v.is_number_unsigned())
        d = static_cast<double>(*v.template get_ptr<const typename J::number_unsigned_t*>());
      else if (s && *s == "NaN")
        d = std::numeric_limits<double>::quiet_NaN();
      else if (s && *s == "Infinity")
        d = std::numeric_limits<double>::infinity();
      else if (s && *s == "-Infinity")
        d = -std::numeric_limits<double>::infinity();
      else
        return detail::value_type_error(t, v);
      if (t.kind == type_kind::float_) d = static_cast<float>(d);
      return literal::of_double(d);
    }
    case type_kind::decimal: {
      if (!s) return detail::value_type_error(t, v);
      LAKECODEC_ASSIGN_OR_RETURN(__int128 u, parse_decimal(*s, t.precision, t.scale));
      return literal::of_decimal(u);
    }
    case type_kind::date: {
      if (!s) return detail::value_type_error(t, v);
      LAKECODEC_ASSIGN_OR_RETURN(int32_t d, parse_date(*s));
      return literal::of_int(d);
    }
    case type_kind::time: {
      if (!s) return detail::value_type_error(t, v);
      LAKECODEC_ASSIGN_OR_RETURN(int64_t us, parse_time(*s));
      return literal::of_int(us);
    }
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns: {
      if (!s) return detail::value_type_error(t, v);
      const bool tz = t.kind == type_kind::timestamptz || t.kind == type_kind::timestamptz_ns;
      const bool ns = t.kind == type_kind::timestamp_ns || t.kind == type_kind::timestamptz_ns;
      LAKECODEC_ASSIGN_OR_RETURN(int64_t x, parse_timestamp(*s, tz, ns));
      return literal::of_int(x);
    }
    case type_kind::string:
      if (!s) return detail::value_type_error(t, v);
      return literal::of_bytes(*s);
    case type_kind::uuid: {
      if (!s) return detail::value_type_error(t, v);
      LAKECODEC_ASSIGN_OR_RETURN(std::string b, parse_uuid(*s));
      return literal::of_bytes(b);
    }
    case type_kind::fixed:
    case type_kind::binary: {
      if (!s) return detail::value_type_error(t, v);
      LAKECODEC_ASSIGN_OR_RETURN(std::string b, from_hex(*s));
      if (t.kind == type_kind::fixed && static_cast<int32_t>(b.size()) != t.length)
        return invalid_argument("iceberg: fixed[" + std::to_string(t.length) + "] value has " +
                                std::to_string(b.size()) + " bytes");
      return literal::of_bytes(b);
    }
    default: return unsupported("iceberg: no JSON single-value reader for " + type_to_string(t));
  }
}

/// The JSON single-value form of a primitive value (null literal -> JSON null). Appendix D.
inline ordered_json literal_to_json(const type& t, const literal& v) {
  if (v.is_null) return nullptr;
  switch (t.kind) {
    case type_kind::boolean: return v.i != 0;
    case type_kind::int_:
    case type_kind::long_: return v.i;
    case type_kind::float_:
    case type_kind::double_:
      if (std::isnan(v.d)) return "NaN";
      if (std::isinf(v.d)) return v.d > 0 ? "Infinity" : "-Infinity";
      if (t.kind == type_kind::float_) return static_cast<float>(v.d);
      return v.d;
    case type_kind::binary:
    case type_kind::fixed: return to_hex(v.bytes);
    default: return literal_to_text(t, v);
  }
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
