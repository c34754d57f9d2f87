#pragma once
// Unbound row filters: the predicate tree every reader shares (the Iceberg read planner, the
// Parquet reader's row-group and page pruning), after Java Iceberg's `Expressions` and PyIceberg's
// row-filter strings. A predicate names its column by a dotted path and keeps its literals as
// written; each format binds them to its own schema and converts the literals to the column's type
// (`iceberg::bind`). The text form is the SQL-like one PyIceberg's `parser.py` accepts:
//
//   l_shipdate >= '1995-01-01' and (l_returnflag in ('A', 'R') or not l_tax is null)
//
// comparisons = == != <> < <= > >=, `in (…)`, `not in (…)`, `is [not] null`, `is [not] nan`,
// `[not] like 'prefix%'` (starts-with), `and`, `or`, `not`, parentheses, `true`, `false`.
// Keywords are case-insensitive; a column may be quoted with "double quotes" or `backticks`.

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/core/status.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace expr {

/// Node kinds (Java Expression.Operation).
enum class op : uint8_t {
  always_true,
  always_false,
  and_,
  or_,
  not_,
  is_null,
  not_null,
  is_nan,
  not_nan,
  lt,
  lt_eq,
  gt,
  gt_eq,
  eq,
  not_eq_,
  in,
  not_in,
  starts_with,
  not_starts_with,
};

/// A literal as the filter spells it; binding converts it to the column's type.
struct term {
  enum class kind : uint8_t { number, string, boolean };
  kind k = kind::number;
  std::string text;  // digits/sign/point/exponent, the unquoted string, or "true"/"false"
};

/// One node: a predicate (`column` + `values`), a connective (`children`) or a constant.
struct expression {
  op o = op::always_true;
  std::string column;
  std::vector<term> values;
  std::vector<expression> children;

  bool is_predicate() const noexcept { return o >= op::is_null; }
};

/// Largest nesting of parentheses/connectives `parse` follows, and the longest filter text.
constexpr int max_expression_depth = 200;
constexpr size_t max_expression_size = size_t{1} << 20;

/// Java Expressions.alwaysTrue / alwaysFalse.
inline expression always_true() { return expression{}; }
inline expression always_false() {
  expression e;
  e.o = op::always_false;
  return e;
}

/// A predicate on `column` (Java Expressions.equal, lessThan, in, isNull, …).
inline expression predicate(op o, std::string column, std::vector<term> values = {}) {
  expression e;
  e.o = o;
  e.column = std::move(column);
  e.values = std::move(values);
  return e;
}

/// Java Expressions.and / or, folding constants as Java does.
inline expression and_(expression a, expression b) {
  if (a.o == op::always_false || b.o == op::always_false) return always_false();
  if (a.o == op::always_true) return b;
  if (b.o == op::always_true) return a;
  expression e;
  e.o = op::and_;
  e.children.push_back(std::move(a));
  e.children.push_back(std::move(b));
  return e;
}
inline expression or_(expression a, expression b) {
  if (a.o == op::always_true || b.o == op::always_true) return always_true();
  if (a.o == op::always_false) return b;
  if (b.o == op::always_false) return a;
  expression e;
  e.o = op::or_;
  e.children.push_back(std::move(a));
  e.children.push_back(std::move(b));
  return e;
}
inline expression not_(expression a) {
  if (a.o == op::always_true) return always_false();
  if (a.o == op::always_false) return always_true();
  expression e;
  e.o = op::not_;
  e.children.push_back(std::move(a));
  return e;
}

/// The predicate operation that selects exactly the rows `o` does not (Java Operation.negate).
inline op negate(op o) noexcept {
  switch (o) {
    case op::always_true: return op::always_false;
    case op::always_false: return op::always_true;
    case op::is_null: return op::not_null;
    case op::not_null: return op::is_null;
    case op::is_nan: return op::not_nan;
    case op::not_nan: return op::is_nan;
    case op::lt: return op::gt_eq;
    case op::lt_eq: return op::gt;
    case op::gt: return op::lt_eq;
    case op::gt_eq: return op::lt;
    case op::eq: return op::not_eq_;
    case op::not_eq_: return op::eq;
    case op::in: return op::not_in;
    case op::not_in: return op::in;
    case op::starts_with: return op::not_starts_with;
    case op::not_starts_with: return op::starts_with;
    default: return o;  // connectives are negated structurally
  }
}

/// Pushes every `not` down to the predicates (Java RewriteNot): evaluators then never see one.
inline expression rewrite_not(const expression& e, bool negated = false) {
  switch (e.o) {
    case op::always_true: return negated ? always_false() : always_true();
    case op::always_false: return negated ? always_true() : always_false();
    case op::not_: return rewrite_not(e.children[0], !negated);
    case op::and_:
    case op::or_: {
      expression a = rewrite_not(e.children[0], negated);
      expression b = rewrite_not(e.children[1], negated);
      const bool conj = (e.o == op::and_) != negated;
      return conj ? and_(std::move(a), std::move(b)) : or_(std::move(a), std::move(b));
    }
    default: {
      expression p = e;
      if (negated) p.o = negate(e.o);
      return p;
    }
  }
}

namespace detail {

inline const char* op_text(op o) noexcept {
  switch (o) {
    case op::lt: return "<";
    case op::lt_eq: return "<=";
    case op::gt: return ">";
    case op::gt_eq: return ">=";
    case op::eq: return "=";
    case op::not_eq_: return "!=";
    default: return "";
  }
}

inline std::string quote_column(const std::string& c) {
  bool plain = !c.empty() && (std::isalpha(static_cast<unsigned char>(c[0])) || c[0] == '_');
  for (char ch : c)
    plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.');
  if (plain) return c;
  std::string out = "\"";
  for (char ch : c) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

inline std::string term_text(const term& t) {
  if (t.k != term::kind::string) return t.text;
  std::string out = "'";
  for (char ch : t.text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

}  // namespace detail

/// The text form `parse` reads back to the same tree.
inline std::string to_string(const expression& e) {
  const std::string col = e.is_predicate() ? detail::quote_column(e.column) : std::string();
  switch (e.o) {
    case op::always_true: return "true";
    case op::always_false: return "false";
    case op::and_: return "(" + to_string(e.children[0]) + " and " + to_string(e.children[1]) + ")";
    case op::or_: return "(" + to_string(e.children[0]) + " or " + to_string(e.children[1]) + ")";
    case op::not_: return "not " + to_string(e.children[0]);
    case op::is_null: return col + " is null";
    case op::not_null: return col + " is not null";
    case op::is_nan: return col + " is nan";
    case op::not_nan: return col + " is not nan";
    case op::in:
    case op::not_in: {
      std::string s = col + (e.o == op::in ? " in (" : " not in (");
      for (size_t i = 0; i < e.values.size(); ++i)
        s += (i ? ", " : "") + detail::term_text(e.values[i]);
      return s + ")";
    }
    case op::starts_with:
    case op::not_starts_with: {
      term t = e.values.at(0);
      t.text += '%';
      return col + (e.o == op::starts_with ? " like " : " not like ") + detail::term_text(t);
    }
    default: return col + " " + detail::op_text(e.o) + " " + detail::term_text(e.values.at(0));
  }
}

namespace detail {

/// Recursive-descent reader of the filter text; every error names the character offset.
class parser {
 public:
  explicit parser(std::string_view s) : s_(s) {}

  result<expression> parse_all() {
    if (s_.size() > max_expression_size)
      return invalid_argument("filter: longer than " + std::to_string(max_expression_size) +
                              " bytes");
    LAKECODEC_ASSIGN_OR_RETURN(expression e, parse_or(0));
    skip_space();
    if (pos_ != s_.size()) return error("unexpected text");
    return e;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;

  status error(const std::string& what) const {
    std::string near(s_.substr(pos_, 20));
    return invalid_argument(
        "filter: " + what + " at offset " + std::to_string(pos_) +
        (near.empty() ? std::string(" (end of text)") : " near '" + near + "'"));
  }

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }

  static bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
           static_cast<unsigned char>(c) >= 0x80;
  }

  /// Consumes keyword `kw` (case-insensitive, whole word) if it comes next.
  bool keyword(std::string_view kw) {
    skip_space();
    if (s_.size() - pos_ < kw.size()) return false;
    for (size_t i = 0; i < kw.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s_[pos_ + i])) != kw[i]) return false;
    if (pos_ + kw.size() < s_.size() && word_char(s_[pos_ + kw.size()])) return false;
    pos_ += kw.size();
    return true;
  }

  bool symbol(std::string_view sym) {
    skip_space();
    if (s_.substr(pos_, sym.size()) != sym) return false;
    pos_ += sym.size();
    return true;
  }

  result<expression> parse_or(int depth) {
    LAKECODEC_ASSIGN_OR_RETURN(expression e, parse_and(depth));
    while (keyword("or")) {
      LAKECODEC_ASSIGN_OR_RETURN(expression r, parse_and(depth));
      e = connect(op::or_, std::move(e), std::move(r));
    }
    return e;
  }

  result<expression> parse_and(int depth) {
    LAKECODEC_ASSIGN_OR_RETURN(expression e, parse_not(depth));
    while (keyword("and")) {
      LAKECODEC_ASSIGN_OR_RETURN(expression r, parse_not(depth));
      e = connect(op::and_, std::move(e), std::move(r));
    }
    return e;
  }

  // Keeps the tree as written (no constant folding), so to_string shows what was parsed.
  static expression connect(op o, expression a, expression b) {
    expression e;
    e.o = o;
    e.children.push_back(std::move(a));
    e.children.push_back(std::move(b));
    return e;
  }

  result<expression> parse_not(int depth) {
    if (depth > max_expression_depth)
      return error("nesting deeper than " + std::to_string(max_expression_depth));
    if (keyword("not")) {
      LAKECODEC_ASSIGN_OR_RETURN(expression inner, parse_not(depth + 1));
      expression e;
      e.o = op::not_;
      e.children.push_back(std::move(inner));
      return e;
    }
    return parse_primary(depth);
  }

  result<expression> parse_primary(int depth) {
    if (symbol("(")) {
      LAKECODEC_ASSIGN_OR_RETURN(expression e, parse_or(depth + 1));
      if (!symbol(")")) return error("expected ')'");
      return e;
    }
    if (keyword("true")) return always_true();
    if (keyword("false")) return always_false();
    LAKECODEC_ASSIGN_OR_RETURN(std::string column, parse_column());
    return parse_predicate(std::move(column));
  }

  result<std::string> parse_column() {
    skip_space();
    if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '`')) return parse_quoted(s_[pos_]);
    const size_t start = pos_;
    while (pos_ < s_.size() && word_char(s_[pos_])) ++pos_;
    if (pos_ == start) return error("expected a column name");
    return std::string(s_.substr(start, pos_ - start));
  }

  /// A quoted column or string; the quote character doubled stands for itself.
  result<std::string> parse_quoted(char q) {
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) return error(std::string("unterminated ") + q + "quote");
      const char c = s_[pos_++];
      if (c != q) {
        out += c;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == q) {
        out += q;
        ++pos_;
        continue;
      }
      return out;
    }
  }

  result<term> parse_term() {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '\'') {
      LAKECODEC_ASSIGN_OR_RETURN(std::string text, parse_quoted('\''));
      return term{term::kind::string, std::move(text)};
    }
    if (keyword("true")) return term{term::kind::boolean, "true"};
    if (keyword("false")) return term{term::kind::boolean, "false"};
    if (keyword("null")) return error("null is not a value: use 'is null' or 'is not null'");
    const size_t start = pos_;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    bool digits = false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      const bool exp_sign =
          (c == '-' || c == '+') && pos_ > start && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E');
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
            exp_sign))
        break;
      digits = digits || std::isdigit(static_cast<unsigned char>(c));
      ++pos_;
    }
    if (!digits) {
      pos_ = start;
      return error("expected a number, a 'quoted string', true or false");
    }
    return term{term::kind::number, std::string(s_.substr(start, pos_ - start))};
  }

  result<expression> parse_predicate(std::string column) {
    if (keyword("is")) {
      const bool negated = keyword("not");
      if (keyword("null")) return predicate(negated ? op::not_null : op::is_null, column);
      if (keyword("nan")) return predicate(negated ? op::not_nan : op::is_nan, column);
      return error("expected null or nan after 'is'");
    }
    const bool negated = keyword("not");
    if (keyword("in")) return parse_in(std::move(column), negated);
    if (keyword("like")) return parse_like(std::move(column), negated);
    if (negated) return error("expected 'in' or 'like' after 'not'");
    static const std::pair<const char*, op> ops[] = {
        {"<=", op::lt_eq}, {">=", op::gt_eq}, {"<>", op::not_eq_}, {"!=", op::not_eq_},
        {"==", op::eq},    {"=", op::eq},     {"<", op::lt},       {">", op::gt}};
    for (const auto& [text, o] : ops) {
      if (!symbol(text)) continue;
      LAKECODEC_ASSIGN_OR_RETURN(term t, parse_term());
      return predicate(o, std::move(column), {std::move(t)});
    }
    return error("expected a comparison, in, like or is after column '" + column + "'");
  }

  result<expression> parse_in(std::string column, bool negated) {
    if (!symbol("(")) return error("expected '(' after 'in'");
    std::vector<term> values;
    do {
      LAKECODEC_ASSIGN_OR_RETURN(term t, parse_term());
      values.push_back(std::move(t));
    } while (symbol(","));
    if (!symbol(")")) return error("expected ')' closing the 'in' list");
    return predicate(negated ? op::not_in : op::in, std::move(column), std::move(values));
  }

  /// Only prefix patterns ('abc%') have an Iceberg predicate (startsWith).
  result<expression> parse_like(std::string column, bool negated) {
    LAKECODEC_ASSIGN_OR_RETURN(term t, parse_term());
    const std::string& p = t.text;
    const bool prefix = t.k == term::kind::string && !p.empty() && p.back() == '%' &&
                        p.find_first_of("%_") == p.size() - 1;
    if (!prefix) return error("only prefix patterns like 'abc%' are supported");
    t.text.pop_back();
    return predicate(negated ? op::not_starts_with : op::starts_with, std::move(column),
                     {std::move(t)});
  }
};

}  // namespace detail

/// Parses a filter in the text form above (PyIceberg `parser.parse`). invalid_argument naming the
/// offset of the first character that does not fit.
inline result<expression> parse(std::string_view text) { return detail::parser(text).parse_all(); }

}  // namespace expr
LAKECODEC_NAMESPACE_END
