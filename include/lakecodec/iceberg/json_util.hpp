#pragma once
// Non-throwing accessors over nlohmann::json objects for the Iceberg JSON parsers: each returns
// a status naming the object and key, never throws (only find/get_ptr/is_* are used).

#ifdef LAKECODEC_WITH_JSON

#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/json.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

/// The JSON type Iceberg printing uses: keys keep insertion order, so output follows Java's
/// field order.
using ordered_json = nlohmann::ordered_json;

namespace detail {

/// dump() that never throws: invalid UTF-8 in strings is replaced rather than raising
/// (forwards to json::dump).
template <class J>
std::string dump_json(const J& j, int indent = -1) {
  return json::dump(j, indent);
}

template <class J>
const J* member(const J& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

inline status missing(const std::string& what, const char* key) {
  return invalid_argument("iceberg: " + what + " is missing required '" + key + "'");
}
template <class J>
status wrong_type(const std::string& what, const char* key, const char* expected, const J& v) {
  return invalid_argument("iceberg: " + what + " '" + key + "' must be " + expected + ", got " +
                          v.type_name() + " " + dump_json(v).substr(0, 80));
}

/// Reads an integral JSON value into T with a range check.
template <class T, class J>
bool json_to_int(const J& v, T& out) {
  if (v.is_number_unsigned()) {
    const uint64_t u = *v.template get_ptr<const typename J::number_unsigned_t*>();
    if (u > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
    out = static_cast<T>(u);
    return true;
  }
  if (v.is_number_integer()) {
    const int64_t s = *v.template get_ptr<const typename J::number_integer_t*>();
    if (s < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
        s > static_cast<int64_t>(std::numeric_limits<T>::max()))
      return false;
    out = static_cast<T>(s);
    return true;
  }
  return false;
}

/// Optional integer member: absent (or JSON null) leaves `present` false.
template <class T, class J>
status opt_int(const J& o, const char* key, T& out, bool& present, const std::string& what) {
  present = false;
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return {};
  if (!json_to_int(*v, out)) return wrong_type(what, key, "an integer in range", *v);
  present = true;
  return {};
}
template <class T, class J>
status req_int(const J& o, const char* key, T& out, const std::string& what) {
  bool present = false;
  LAKECODEC_TRY(opt_int(o, key, out, present, what));
  if (!present) return missing(what, key);
  return {};
}
/// A snapshot id: a long, or a JSON number above Long.MAX_VALUE (up to 2^64-1) read as its low
/// 64 bits in two's complement, as readers decoding the same id from its Avro varint do
/// (duckdb-iceberg's equality-delete tables carry such ids; PyIceberg and DuckDB read them).
template <class J>
status opt_snapshot_id(const J& o, const char* key, int64_t& out, bool& present,
                       const std::string& what) {
  const J* v = member(o, key);
  if (v != nullptr && v->is_number_unsigned()) {
    out = static_cast<int64_t>(*v->template get_ptr<const typename J::number_unsigned_t*>());
    present = true;
    return {};
  }
  return opt_int(o, key, out, present, what);
}
template <class J>
status req_snapshot_id(const J& o, const char* key, int64_t& out, const std::string& what) {
  bool present = false;
  LAKECODEC_TRY(opt_snapshot_id(o, key, out, present, what));
  if (!present) return missing(what, key);
  return {};
}
template <class J>
status opt_string(const J& o, const char* key, std::string& out, bool& present,
                  const std::string& what) {
  present = false;
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_string()) return wrong_type(what, key, "a string", *v);
  out = *v->template get_ptr<const typename J::string_t*>();
  present = true;
  return {};
}
template <class J>
status req_string(const J& o, const char* key, std::string& out, const std::string& what) {
  bool present = false;
  LAKECODEC_TRY(opt_string(o, key, out, present, what));
  if (!present) return missing(what, key);
  return {};
}
template <class J>
status opt_bool(const J& o, const char* key, bool& out, bool& present, const std::string& what) {
  present = false;
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_boolean()) return wrong_type(what, key, "a boolean", *v);
  out = *v->template get_ptr<const typename J::boolean_t*>();
  present = true;
  return {};
}
template <class J>
status req_bool(const J& o, const char* key, bool& out, const std::string& what) {
  bool present = false;
  LAKECODEC_TRY(opt_bool(o, key, out, present, what));
  if (!present) return missing(what, key);
  return {};
}
/// Optional array of integers.
template <class T, class J>
status opt_int_list(const J& o, const char* key, std::vector<T>& out, bool& present,
                    const std::string& what) {
  present = false;
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_array()) return wrong_type(what, key, "an array of integers", *v);
  out.clear();
  for (const J& e : *v) {
    T x{};
    if (!json_to_int(e, x)) return wrong_type(what, key, "an array of integers", *v);
    out.push_back(x);
  }
  present = true;
  return {};
}
/// Optional string -> string map, kept in document order.
template <class J>
status opt_string_map(const J& o, const char* key,
                      std::vector<std::pair<std::string, std::string>>& out, bool& present,
                      const std::string& what) {
  present = false;
  const J* v = member(o, key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_object()) return wrong_type(what, key, "an object of strings", *v);
  out.clear();
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (!it.value().is_string())
      return invalid_argument("iceberg: " + what + " '" + key + "' value of '" + it.key() +
                              "' must be a string, got " + it.value().type_name());
    out.emplace_back(it.key(), *it.value().template get_ptr<const typename J::string_t*>());
  }
  present = true;
  return {};
}

/// Parses text without exceptions (json::parse): limit_exceeded for an oversize or too deeply
/// nested document, corrupt_data with the line and column of a syntax error.
inline result<ordered_json> parse_json_text(std::string_view text, const char* what) {
  return json::parse<ordered_json>(text, std::string("iceberg: ") + what);
}

}  // namespace detail
}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
