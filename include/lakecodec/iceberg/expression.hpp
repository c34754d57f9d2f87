#pragma once
// Row filters bound to an Iceberg schema and the evaluators read planning prunes with (Java
// `Binder`, `Projections.inclusive`, `ManifestEvaluator`, `Evaluator` over partition tuples,
// `InclusiveMetricsEvaluator` and `StrictMetricsEvaluator`). Every evaluator answers "might a
// row match?" (inclusive: never drops a file holding a matching row) except the strict one,
// which answers "do all rows match?" (delete by filter). A null value never satisfies a
// comparison, `in` or `like`; the negated forms take it as PyIceberg and Java do (value_matches).
// Needs LAKECODEC_WITH_JSON, as the manifests it reads do (their headers hold JSON schemas).

#ifdef LAKECODEC_WITH_JSON

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/expression.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/iceberg/manifest.hpp"
#include "lakecodec/iceberg/partition.hpp"
#include "lakecodec/iceberg/transforms.hpp"
#include "lakecodec/iceberg/types.hpp"
#include "lakecodec/iceberg/values.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace iceberg {

using expr::op;

/// A filter bound to a schema (Java BoundPredicate and friends). A predicate carries the field
/// id and primitive type of its column and literals of that type; a predicate projected onto a
/// partition spec carries the partition field's id, its result type and its `position` in the
/// partition tuple. Connectives hold `children`; `not` never occurs (bind rewrites it away).
struct bound_expression {
  op o = op::always_true;
  int32_t field_id = 0;
  int32_t position = -1;
  std::string column;
  type t;
  std::vector<literal> values;
  std::vector<bound_expression> children;

  bool is_predicate() const noexcept { return o >= op::is_null; }
};

inline bound_expression bound_constant(bool v) {
  bound_expression e;
  e.o = v ? op::always_true : op::always_false;
  return e;
}

/// Java Expressions.and / or over bound nodes, folding constants.
inline bound_expression bound_connect(op o, bound_expression a, bound_expression b) {
  const op absorbing = o == op::and_ ? op::always_false : op::always_true;
  const op neutral = o == op::and_ ? op::always_true : op::always_false;
  if (a.o == absorbing || b.o == absorbing) return bound_constant(absorbing == op::always_true);
  if (a.o == neutral) return b;
  if (b.o == neutral) return a;
  bound_expression e;
  e.o = o;
  e.children.push_back(std::move(a));
  e.children.push_back(std::move(b));
  return e;
}

// ---------------------------------------------------------------------------------------------
// Ordering of values (Java Comparators.forType).

/// Three-way comparison of two non-null values of type `t`: signed for integers and decimals,
/// IEEE order for floats (NaN compares above everything, as Java's Double.compare), unsigned
/// bytes for strings (UTF-8 byte order is code point order), binary, fixed and uuid.
inline int compare_values(const type& t, const literal& a, const literal& b) noexcept {
  switch (storage_of(t.kind)) {
    case value_storage::integer: return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
    case value_storage::floating: {
      const bool na = std::isnan(a.d), nb = std::isnan(b.d);
      if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
      return a.d < b.d ? -1 : (a.d > b.d ? 1 : 0);
    }
    case value_storage::decimal: return a.dec < b.dec ? -1 : (a.dec > b.dec ? 1 : 0);
    case value_storage::bytes: {
      // std::string compares char, which may be signed: compare as unsigned bytes instead.
      const size_t n = std::min(a.bytes.size(), b.bytes.size());
      for (size_t i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(a.bytes[i]);
        const auto y = static_cast<unsigned char>(b.bytes[i]);
        if (x != y) return x < y ? -1 : 1;
      }
      return a.bytes.size() < b.bytes.size() ? -1 : (a.bytes.size() > b.bytes.size() ? 1 : 0);
    }
    case value_storage::none: return 0;
  }
  return 0;
}

inline bool is_nan_value(const type& t, const literal& v) noexcept {
  return !v.is_null && storage_of(t.kind) == value_storage::floating && std::isnan(v.d);
}

// ---------------------------------------------------------------------------------------------
// Binding (Java Binder / UnboundPredicate.bind).

namespace detail {

inline bool name_equal(const std::string& a, std::string_view b, bool case_sensitive) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = a[i], y = b[i];
    if (case_sensitive ? x != y
                       : std::tolower(static_cast<unsigned char>(x)) !=
                             std::tolower(static_cast<unsigned char>(y)))
      return false;
  }
  return true;
}

/// The field a dotted path of struct field names leads to, or null. Tries the whole name first
/// so a top-level column whose name holds a dot is found.
inline const nested_field* find_column(const std::vector<nested_field>& fields,
                                       std::string_view path, bool case_sensitive) {
  for (const nested_field& f : fields)
    if (name_equal(f.name, path, case_sensitive)) return &f;
  for (size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', dot + 1)) {
    for (const nested_field& f : fields) {
      if (f.type.kind != type_kind::struct_ ||
          !name_equal(f.name, path.substr(0, dot), case_sensitive))
        continue;
      if (const nested_field* inner =
              find_column(f.type.fields, path.substr(dot + 1), case_sensitive))
        return inner;
    }
  }
  return nullptr;
}

inline status bad_literal(const std::string& column, const type& t, const expr::term& v,
                          const std::string& why = {}) {
  return invalid_argument("filter: '" + v.text + "' is not a valid " + type_to_string(t) +
                          " value for column '" + column + "'" + (why.empty() ? "" : ": " + why));
}

inline result<int64_t> parse_integer(const std::string& s) {
  if (s.empty()) return invalid_argument("empty");
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno == ERANGE) return invalid_argument("out of range");
  if (end != s.c_str() + s.size()) return invalid_argument("not an integer");
  return static_cast<int64_t>(v);
}

inline result<double> parse_floating(const std::string& s) {
  if (s.empty()) return invalid_argument("empty");
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return invalid_argument("not a number");
  return v;
}

/// A date/time/timestamp column: ISO text, or the stored integer (days, us, ns) as a number; a
/// date alone on a timestamp column means its midnight.
inline result<literal> temporal_literal(const std::string& column, const type& t,
                                        const expr::term& v) {
  if (v.k == expr::term::kind::number) {
    auto i = parse_integer(v.text);
    if (!i) return bad_literal(column, t, v, i.error().message());
    return literal::of_int(*i);
  }
  if (t.kind == type_kind::date) {
    auto d = parse_date(v.text);
    if (!d) return bad_literal(column, t, v, "expected YYYY-MM-DD");
    return literal::of_int(*d);
  }
  if (t.kind == type_kind::time) {
    auto us = parse_time(v.text);
    if (!us) return bad_literal(column, t, v, "expected HH:MM:SS[.ffffff]");
    return literal::of_int(*us);
  }
  const bool zone = t.kind == type_kind::timestamptz || t.kind == type_kind::timestamptz_ns;
  const bool nanos = is_nanos(t.kind);
  auto ts = parse_timestamp(v.text, zone, nanos);
  if (ts) return literal::of_int(*ts);
  auto d = parse_date(v.text);
  if (d) return literal::of_int(int64_t{*d} * 86400 * (nanos ? 1000000000 : 1000000));
  return bad_literal(
      column, t, v,
      zone ? "expected YYYY-MM-DDTHH:MM:SS[.f]+HH:MM" : "expected YYYY-MM-DDTHH:MM:SS[.f]");
}

/// Converts a literal as written to a value of the column's type (Java Literal.to); a value that
/// does not convert exactly is an error naming the column.
inline result<literal> convert_term(const std::string& column, const type& t, const expr::term& v) {
  using k = expr::term::kind;
  switch (t.kind) {
    case type_kind::boolean:
      if (v.k != k::boolean) return bad_literal(column, t, v, "expected true or false");
      return literal::of_int(v.text == "true");
    case type_kind::int_:
    case type_kind::long_: {
      if (v.k == k::boolean) return bad_literal(column, t, v);
      auto i = parse_integer(v.text);
      if (!i) return bad_literal(column, t, v, i.error().message());
      if (t.kind == type_kind::int_ && (*i < INT32_MIN || *i > INT32_MAX))
        return bad_literal(column, t, v, "out of range");
      return literal::of_int(*i);
    }
    case type_kind::float_:
    case type_kind::double_: {
      if (v.k == k::boolean) return bad_literal(column, t, v);
      auto d = parse_floating(v.text);
      if (!d) return bad_literal(column, t, v, d.error().message());
      return literal::of_double(t.kind == type_kind::float_ ? static_cast<float>(*d) : *d);
    }
    case type_kind::decimal: {
      if (v.k == k::boolean) return bad_literal(column, t, v);
      auto d = parse_decimal(v.text, t.precision, t.scale);
      if (!d) return bad_literal(column, t, v, d.error().message());
      return literal::of_decimal(*d);
    }
    case type_kind::date:
    case type_kind::time:
    case type_kind::timestamp:
    case type_kind::timestamptz:
    case type_kind::timestamp_ns:
    case type_kind::timestamptz_ns:
      if (v.k == k::boolean) return bad_literal(column, t, v);
      return temporal_literal(column, t, v);
    case type_kind::string:
      if (v.k != k::string) return bad_literal(column, t, v, "quote strings: '...'");
      return literal::of_bytes(v.text);
    case type_kind::uuid: {
      auto u = parse_uuid(v.text);
      if (!u) return bad_literal(column, t, v);
      return literal::of_bytes(*u);
    }
    case type_kind::binary:
    case type_kind::fixed: {
      auto b = from_hex(v.text);
      if (!b || (t.kind == type_kind::fixed && static_cast<int32_t>(b->size()) != t.length))
        return bad_literal(column, t, v, "expected hex digits");
      return literal::of_bytes(*b);
    }
    default: return bad_literal(column, t, v, "the type cannot be filtered on");
  }
}

inline result<bound_expression> bind_predicate(const expr::expression& e, const schema& s,
                                               bool case_sensitive) {
  const nested_field* f = find_column(s.fields, e.column, case_sensitive);
  if (f == nullptr)
    return invalid_argument("filter: no column '" + e.column + "' in the table schema");
  if (!f->type.is_primitive())
    return invalid_argument("filter: column '" + e.column + "' is a " + type_to_string(f->type) +
                            ", not a primitive value");
  bound_expression b;
  b.o = e.o;
  b.field_id = f->id;
  b.column = e.column;
  b.t = f->type;
  const bool floating = storage_of(f->type.kind) == value_storage::floating;
  if ((e.o == op::is_nan || e.o == op::not_nan) && !floating)
    return invalid_argument("filter: 'is nan' needs a float or double column, '" + e.column +
                            "' is " + type_to_string(f->type));
  if ((e.o == op::starts_with || e.o == op::not_starts_with) && f->type.kind != type_kind::string)
    return invalid_argument("filter: 'like' needs a string column, '" + e.column + "' is " +
                            type_to_string(f->type));
  for (const expr::term& v : e.values) {
    LAKECODEC_ASSIGN_OR_RETURN(literal lit, convert_term(e.column, f->type, v));
    if (is_nan_value(f->type, lit))
      return invalid_argument("filter: compare with NaN through 'is nan', column '" + e.column +
                              "'");
    const bool seen = std::any_of(b.values.begin(), b.values.end(), [&](const literal& x) {
      return compare_values(f->type, x, lit) == 0;
    });
    if (!seen) b.values.push_back(std::move(lit));
  }
  // A required column is never null (Java Binder folds these the same way).
  if (f->required && e.o == op::is_null) return bound_constant(false);
  if (f->required && e.o == op::not_null) return bound_constant(true);
  return b;
}

inline result<bound_expression> bind_rewritten(const expr::expression& e, const schema& s,
                                               bool case_sensitive) {
  switch (e.o) {
    case op::always_true: return bound_constant(true);
    case op::always_false: return bound_constant(false);
    case op::and_:
    case op::or_: {
      LAKECODEC_ASSIGN_OR_RETURN(bound_expression a,
                                 bind_rewritten(e.children[0], s, case_sensitive));
      LAKECODEC_ASSIGN_OR_RETURN(bound_expression b,
                                 bind_rewritten(e.children[1], s, case_sensitive));
      return bound_connect(e.o, std::move(a), std::move(b));
    }
    default: return bind_predicate(e, s, case_sensitive);
  }
}

}  // namespace detail

/// Binds a filter to `s` (Java Binder.bind): columns by name or dotted struct path, literals
/// converted to the column types, `not` pushed down to the predicates. invalid_argument naming
/// the column when it is missing, not primitive, or a literal does not convert.
inline result<bound_expression> bind(const expr::expression& e, const schema& s,
                                     bool case_sensitive = true) {
  return detail::bind_rewritten(expr::rewrite_not(e), s, case_sensitive);
}

// ---------------------------------------------------------------------------------------------
// Evaluating a predicate on one value (Java Evaluator; SQL null semantics).

/// Whether value `v` of the predicate's type satisfies predicate `p`. A null satisfies only
/// `is null` and, when `negations_match_null` (Java's Evaluator and PyIceberg's, which negate the
/// positive test), `!=`, `not in`, `not like` and `is not nan`; without it SQL's three-valued
/// logic applies (strict uses: deleting by filter never takes a null for a match).
inline bool value_matches(const bound_expression& p, const literal& v,
                          bool negations_match_null = true) {
  if (p.o == op::is_null) return v.is_null;
  if (p.o == op::not_null) return !v.is_null;
  if (v.is_null)
    return negations_match_null && (p.o == op::not_eq_ || p.o == op::not_in ||
                                    p.o == op::not_starts_with || p.o == op::not_nan);
  auto cmp = [&](size_t i) { return compare_values(p.t, v, p.values[i]); };
  auto in_set = [&] {
    for (size_t i = 0; i < p.values.size(); ++i)
      if (cmp(i) == 0) return true;
    return false;
  };
  auto starts = [&] {
    return v.bytes.compare(0, p.values[0].bytes.size(), p.values[0].bytes) == 0;
  };
  const bool nan = is_nan_value(p.t, v);
  switch (p.o) {
    case op::is_nan: return nan;
    case op::not_nan: return !nan;
    case op::lt: return !nan && cmp(0) < 0;
    case op::lt_eq: return !nan && cmp(0) <= 0;
    case op::gt: return !nan && cmp(0) > 0;
    case op::gt_eq: return !nan && cmp(0) >= 0;
    case op::eq: return cmp(0) == 0;
    case op::not_eq_: return cmp(0) != 0;
    case op::in: return in_set();
    case op::not_in: return !in_set();
    case op::starts_with: return starts();
    case op::not_starts_with: return !starts();
    default: return true;
  }
}

/// Evaluates a bound tree whose predicates read their value through `value_of(predicate)`.
template <class ValueOf>
bool evaluate(const bound_expression& e, ValueOf&& value_of, bool negations_match_null = true) {
  switch (e.o) {
    case op::always_true: return true;
    case op::always_false: return false;
    case op::and_:
      return evaluate(e.children[0], value_of, negations_match_null) &&
             evaluate(e.children[1], value_of, negations_match_null);
    case op::or_:
      return evaluate(e.children[0], value_of, negations_match_null) ||
             evaluate(e.children[1], value_of, negations_match_null);
    default: return value_matches(e, value_of(e), negations_match_null);
  }
}

// ---------------------------------------------------------------------------------------------
// Inclusive projection onto a partition spec (Java Projections.inclusive, ProjectionUtil).

namespace detail {

inline bool is_time_transform(transform_kind k) noexcept {
  return k == transform_kind::year || k == transform_kind::month || k == transform_kind::day ||
         k == transform_kind::hour;
}

/// The value just below (`delta` -1) or above (+1) `v` for integer and decimal storage, so that
/// `x < v` becomes `x <= v-1`; nullopt at the ends of the range or for other storage.
inline std::optional<literal> step(const type& t, const literal& v, int delta) {
  if (storage_of(t.kind) == value_storage::integer) {
    if ((delta < 0 && v.i == INT64_MIN) || (delta > 0 && v.i == INT64_MAX)) return std::nullopt;
    return literal::of_int(v.i + delta);
  }
  if (storage_of(t.kind) == value_storage::decimal) return literal::of_decimal(v.dec + delta);
  return std::nullopt;
}

inline bound_expression partition_predicate(op o, const partition_field& pf, int32_t position,
                                            const type& result_type, std::vector<literal> values) {
  bound_expression e;
  e.o = o;
  e.field_id = pf.field_id;
  e.position = position;
  e.column = pf.name;
  e.t = result_type;
  e.values = std::move(values);
  return e;
}

/// Java fixInclusiveTimeProjection: writers before Iceberg 1.0 floored pre-1970 time transforms
/// toward zero, so a negative result may have been stored one higher; widen by that one.
inline void widen_negative_time(bound_expression& e) {
  if (e.o == op::lt_eq && !e.values.empty() && e.values[0].i < 0) e.values[0].i += 1;
  if (e.o == op::eq && e.values[0].i < 0) {
    e.o = op::in;
    e.values.push_back(literal::of_int(e.values[0].i + 1));
  } else if (e.o == op::in) {
    const size_t n = e.values.size();
    for (size_t i = 0; i < n; ++i)
      if (e.values[i].i < 0) e.values.push_back(literal::of_int(e.values[i].i + 1));
  }
}

inline size_t code_points(std::string_view s) noexcept {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

/// The projection of one bound predicate through one partition field, or always_true when the
/// transform cannot narrow it.
inline result<bound_expression> project_through(const bound_expression& p,
                                                const partition_field& pf, int32_t position,
                                                const type& result_type) {
  const transform& tr = pf.transform;
  if (tr.kind == transform_kind::void_ || tr.kind == transform_kind::unknown)
    return bound_constant(true);
  if (p.o == op::is_null || p.o == op::not_null)
    return partition_predicate(p.o, pf, position, result_type, {});
  if (tr.kind == transform_kind::identity)
    return partition_predicate(p.o, pf, position, result_type, p.values);
  auto apply = [&](const literal& v) { return apply_transform(tr, p.t, v); };
  std::vector<literal> out;
  op o = p.o;
  switch (p.o) {
    case op::eq:
    case op::in:
      for (const literal& v : p.values) {
        LAKECODEC_ASSIGN_OR_RETURN(literal r, apply(v));
        if (std::none_of(out.begin(), out.end(),
                         [&](const literal& x) { return compare_values(result_type, x, r) == 0; }))
          out.push_back(std::move(r));
      }
      o = out.size() == 1 ? op::eq : op::in;
      break;
    case op::lt:
    case op::lt_eq:
    case op::gt:
    case op::gt_eq: {
      if (tr.kind == transform_kind::bucket) return bound_constant(true);
      const bool below = p.o == op::lt || p.o == op::lt_eq;
      literal boundary = p.values[0];
      if (p.o == op::lt || p.o == op::gt) {
        std::optional<literal> s = step(p.t, boundary, below ? -1 : 1);
        // Strings and binaries: x < v still means truncate(x) <= truncate(v).
        if (s)
          boundary = std::move(*s);
        else if (storage_of(p.t.kind) != value_storage::bytes)
          return bound_constant(true);
      }
      LAKECODEC_ASSIGN_OR_RETURN(literal r, apply(boundary));
      out.push_back(std::move(r));
      o = below ? op::lt_eq : op::gt_eq;
      break;
    }
    case op::starts_with:
      if (tr.kind != transform_kind::truncate) return bound_constant(true);
      if (code_points(p.values[0].bytes) <= static_cast<size_t>(tr.param)) {
        out = p.values;
      } else {
        LAKECODEC_ASSIGN_OR_RETURN(literal r, apply(p.values[0]));
        out.push_back(std::move(r));
        o = op::eq;
      }
      break;
    default: return bound_constant(true);  // !=, not in, not like, nan tests: no narrowing
  }
  bound_expression e = partition_predicate(o, pf, position, result_type, std::move(out));
  if (is_time_transform(tr.kind)) widen_negative_time(e);
  return e;
}

/// Strict projection through one field (Java Projections.strict), kept to what holds for every
/// transform: identity keeps the predicate, a null or non-null transform result means a null or
/// non-null source; anything else proves nothing (always_false).
inline bound_expression strict_through(const bound_expression& p, const partition_field& pf,
                                       int32_t position, const type& result_type) {
  const transform_kind k = pf.transform.kind;
  if (k == transform_kind::void_ || k == transform_kind::unknown) return bound_constant(false);
  if (p.o == op::is_null || p.o == op::not_null)
    return partition_predicate(p.o, pf, position, result_type, {});
  if (k == transform_kind::identity)
    return partition_predicate(p.o, pf, position, result_type, p.values);
  return bound_constant(false);
}

inline result<bound_expression> project_node(const bound_expression& e, const partition_spec& spec,
                                             const type& partition_struct, bool strict) {
  switch (e.o) {
    case op::always_true:
    case op::always_false: return e;
    case op::and_:
    case op::or_: {
      LAKECODEC_ASSIGN_OR_RETURN(bound_expression a,
                                 project_node(e.children[0], spec, partition_struct, strict));
      LAKECODEC_ASSIGN_OR_RETURN(bound_expression b,
                                 project_node(e.children[1], spec, partition_struct, strict));
      return bound_connect(e.o, std::move(a), std::move(b));
    }
    default: {
      // Several partition fields of one source: inclusively all of them must hold, strictly any
      // one of them proving the predicate is enough.
      bound_expression out = bound_constant(!strict);
      for (size_t i = 0; i < spec.fields.size(); ++i) {
        const partition_field& pf = spec.fields[i];
        if (pf.source_id != e.field_id || !pf.source_ids.empty()) continue;
        const auto pos = static_cast<int32_t>(i);
        const type& rt = partition_struct.fields[i].type;
        if (strict) {
          out = bound_connect(op::or_, std::move(out), strict_through(e, pf, pos, rt));
          continue;
        }
        LAKECODEC_ASSIGN_OR_RETURN(bound_expression part, project_through(e, pf, pos, rt));
        out = bound_connect(op::and_, std::move(out), std::move(part));
      }
      return out;
    }
  }
}

}  // namespace detail

/// Projects a bound row filter onto partition spec `spec` of schema `s` (Java
/// Projections.inclusive): a file whose partition tuple fails the result holds no matching row.
inline result<bound_expression> project_inclusive(const bound_expression& filter,
                                                  const partition_spec& spec, const schema& s) {
  LAKECODEC_ASSIGN_OR_RETURN(type pt, partition_type(spec, s));
  return detail::project_node(filter, spec, pt, false);
}

/// Projects a bound row filter onto a partition spec strictly (Java Projections.strict, for
/// identity partitions and null tests): a file whose partition tuple satisfies the result holds
/// only matching rows.
inline result<bound_expression> project_strict(const bound_expression& filter,
                                               const partition_spec& spec, const schema& s) {
  LAKECODEC_ASSIGN_OR_RETURN(type pt, partition_type(spec, s));
  return detail::project_node(filter, spec, pt, true);
}

/// Whether partition tuple `partition` satisfies a projected filter (Java Evaluator over the
/// partition struct; see value_matches for `negations_match_null`).
inline bool partition_matches(const bound_expression& projected,
                              const std::vector<literal>& partition,
                              bool negations_match_null = true) {
  static const literal null_value;
  return evaluate(
      projected,
      [&](const bound_expression& p) -> const literal& {
        const size_t i = static_cast<size_t>(p.position);
        return i < partition.size() ? partition[i] : null_value;
      },
      negations_match_null);
}

// ---------------------------------------------------------------------------------------------
// Range evaluators: partition summaries of a manifest and column metrics of a data file.

namespace detail {

/// What is known of one column (or partition field) over a set of rows.
struct value_range {
  std::optional<literal> lower, upper;  // absent: unknown
  bool may_have_null = true;
  bool may_have_nan = true;
  bool may_have_value = true;  // false: every row is null or NaN
  bool only_null = false;      // every row is null
  bool only_nan = false;       // every row is NaN
  bool no_null = false;        // known: no row is null
};

/// Inclusive test of one predicate against a range (the shared core of Java ManifestEvaluator and
/// InclusiveMetricsEvaluator): false only when no row can match.
inline bool range_might_match(const bound_expression& p, const value_range& r) {
  switch (p.o) {
    case op::is_null: return r.may_have_null;
    case op::not_null: return !r.only_null;
    case op::is_nan: return r.may_have_nan && !r.only_null;
    case op::not_nan: return !r.only_nan;
    case op::not_eq_:
    case op::not_in:
    case op::not_starts_with: return true;
    default: break;
  }
  if (!r.may_have_value || r.only_null || r.only_nan) return false;
  const type& t = p.t;
  auto below_lower = [&](const literal& v) {  // v < lower: no row equals v or lies below it
    return r.lower && !is_nan_value(t, *r.lower) && compare_values(t, v, *r.lower) < 0;
  };
  auto above_upper = [&](const literal& v) {
    return r.upper && !is_nan_value(t, *r.upper) && compare_values(t, v, *r.upper) > 0;
  };
  switch (p.o) {
    case op::lt:
      return !(r.lower && !is_nan_value(t, *r.lower) &&
               compare_values(t, *r.lower, p.values[0]) >= 0);
    case op::lt_eq: return !below_lower(p.values[0]);
    case op::gt:
      return !(r.upper && !is_nan_value(t, *r.upper) &&
               compare_values(t, *r.upper, p.values[0]) <= 0);
    case op::gt_eq: return !above_upper(p.values[0]);
    case op::eq: return !below_lower(p.values[0]) && !above_upper(p.values[0]);
    case op::in:
      return std::any_of(p.values.begin(), p.values.end(),
                         [&](const literal& v) { return !below_lower(v) && !above_upper(v); });
    case op::starts_with: {
      const std::string& prefix = p.values[0].bytes;
      auto head = [&](const literal& b) {
        return literal::of_bytes(std::string_view(b.bytes).substr(0, prefix.size()));
      };
      if (r.lower && compare_values(t, head(*r.lower), p.values[0]) > 0) return false;
      if (r.upper && compare_values(t, head(*r.upper), p.values[0]) < 0) return false;
      return true;
    }
    default: return true;
  }
}

/// Strict test: true only when every row matches (Java StrictMetricsEvaluator).
inline bool range_all_match(const bound_expression& p, const value_range& r) {
  switch (p.o) {
    case op::is_null: return r.only_null;
    case op::not_null: return r.no_null;
    case op::is_nan: return r.only_nan;
    case op::not_nan: return !r.may_have_nan;
    default: break;
  }
  const type& t = p.t;
  const bool floating = storage_of(t.kind) == value_storage::floating;
  if (!r.no_null || (floating && r.may_have_nan) || !r.lower || !r.upper) return false;
  const literal& lo = *r.lower;
  const literal& hi = *r.upper;
  switch (p.o) {
    case op::lt: return compare_values(t, hi, p.values[0]) < 0;
    case op::lt_eq: return compare_values(t, hi, p.values[0]) <= 0;
    case op::gt: return compare_values(t, lo, p.values[0]) > 0;
    case op::gt_eq: return compare_values(t, lo, p.values[0]) >= 0;
    case op::eq:
      return compare_values(t, lo, p.values[0]) == 0 && compare_values(t, hi, p.values[0]) == 0;
    case op::not_eq_:
      return compare_values(t, hi, p.values[0]) < 0 || compare_values(t, lo, p.values[0]) > 0;
    case op::in:
      return compare_values(t, lo, hi) == 0 &&
             std::any_of(p.values.begin(), p.values.end(),
                         [&](const literal& v) { return compare_values(t, lo, v) == 0; });
    case op::not_in:
      return std::all_of(p.values.begin(), p.values.end(), [&](const literal& v) {
        return compare_values(t, hi, v) < 0 || compare_values(t, lo, v) > 0;
      });
    default: return false;  // like on truncated bounds: cannot be sure
  }
}

template <class Test, class RangeOf>
bool evaluate_ranges(const bound_expression& e, RangeOf&& range_of, Test&& test) {
  switch (e.o) {
    case op::always_true: return true;
    case op::always_false: return false;
    case op::and_:
      return evaluate_ranges(e.children[0], range_of, test) &&
             evaluate_ranges(e.children[1], range_of, test);
    case op::or_:
      return evaluate_ranges(e.children[0], range_of, test) ||
             evaluate_ranges(e.children[1], range_of, test);
    default: return test(e, range_of(e));
  }
}

inline std::optional<literal> decode_bound(const type& t, const std::optional<std::string>& b) {
  if (!b) return std::nullopt;
  auto v = from_bytes(t, *b);
  if (!v) return std::nullopt;  // an unreadable bound narrows nothing
  return std::move(*v);
}

template <class Map>
std::optional<int64_t> count_of(const std::optional<Map>& m, int32_t id) {
  if (!m) return std::nullopt;
  for (const auto& kv : *m)
    if (kv.first == id) return kv.second;
  return std::nullopt;
}

inline std::optional<std::string> bytes_of(const std::optional<id_bytes_map>& m, int32_t id) {
  if (!m) return std::nullopt;
  for (const auto& kv : *m)
    if (kv.first == id) return kv.second;
  return std::nullopt;
}

/// What a partition field summary tells of its values (Java ManifestEvaluator).
inline value_range summary_range(const bound_expression& p, const manifest_file& mf) {
  value_range r;
  const size_t i = static_cast<size_t>(p.position);
  if (!mf.partitions || i >= mf.partitions->size()) return r;
  const field_summary& s = (*mf.partitions)[i];
  r.lower = decode_bound(p.t, s.lower_bound);
  r.upper = decode_bound(p.t, s.upper_bound);
  r.may_have_null = s.contains_null;
  r.no_null = !s.contains_null;
  const bool floating = storage_of(p.t.kind) == value_storage::floating;
  r.may_have_nan = floating && s.contains_nan.value_or(true);
  // No bound: every value is null or NaN (Java allValuesAreNull / containsNaNsOnly).
  if (!s.lower_bound) {
    r.may_have_value = false;
    r.only_null = s.contains_null && (!floating || s.contains_nan == std::optional<bool>(false));
    r.only_nan = floating && s.contains_nan.value_or(false) && !s.contains_null;
  }
  return r;
}

/// What a data file's column metrics tell of a column (Java InclusiveMetricsEvaluator).
inline value_range metrics_range(const bound_expression& p, const data_file& f) {
  value_range r;
  const std::optional<int64_t> values = count_of(f.value_counts, p.field_id);
  const std::optional<int64_t> nulls = count_of(f.null_value_counts, p.field_id);
  const std::optional<int64_t> nans = count_of(f.nan_value_counts, p.field_id);
  const bool floating = storage_of(p.t.kind) == value_storage::floating;
  if (nulls) {
    r.may_have_null = *nulls > 0;
    r.no_null = *nulls == 0;
  }
  r.may_have_nan = floating && (!nans || *nans > 0);
  if (values && nulls && *values == *nulls) r.only_null = true;
  if (values && nans && *values == *nans) r.only_nan = true;
  r.lower = decode_bound(p.t, bytes_of(f.lower_bounds, p.field_id));
  r.upper = decode_bound(p.t, bytes_of(f.upper_bounds, p.field_id));
  return r;
}

}  // namespace detail

/// Whether a manifest may hold a file matching `projected` (a filter projected onto the
/// manifest's partition spec), by its partition field summaries (Java ManifestEvaluator).
inline bool manifest_might_match(const bound_expression& projected, const manifest_file& mf) {
  return detail::evaluate_ranges(
      projected, [&](const bound_expression& p) { return detail::summary_range(p, mf); },
      detail::range_might_match);
}

/// Whether a data file may hold a row matching `filter`, by its column metrics (Java
/// InclusiveMetricsEvaluator). An empty file matches nothing; a v1 file with an unknown (-1)
/// record count and columns without metrics may match.
inline bool metrics_might_match(const bound_expression& filter, const data_file& f) {
  if (f.record_count == 0) return false;
  if (f.record_count < 0) return true;
  return detail::evaluate_ranges(
      filter, [&](const bound_expression& p) { return detail::metrics_range(p, f); },
      detail::range_might_match);
}

/// Whether every row of a data file matches `filter`, by its column metrics (Java
/// StrictMetricsEvaluator). Missing metrics mean "not known to".
inline bool metrics_all_match(const bound_expression& filter, const data_file& f) {
  if (f.record_count == 0) return true;
  if (f.record_count < 0) return false;
  return detail::evaluate_ranges(
      filter, [&](const bound_expression& p) { return detail::metrics_range(p, f); },
      detail::range_all_match);
}

}  // namespace iceberg
LAKECODEC_NAMESPACE_END

#endif  // LAKECODEC_WITH_JSON
