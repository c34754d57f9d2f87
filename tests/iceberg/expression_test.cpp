// Row filters: parsing the text form, binding to a schema, inclusive and strict projection through
// every transform, and the partition-summary and column-metrics evaluators (cases after Java's
// TestInclusiveManifestEvaluator, TestInclusiveMetricsEvaluator and TestProjection).

#include "lakecodec/core/expression.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lakecodec/iceberg/expression.hpp"
#include "lakecodec/iceberg/schema.hpp"

namespace lc = lakecodec;
namespace ib = lakecodec::iceberg;
namespace ex = lakecodec::expr;

namespace {

ex::expression parsed(const std::string& text) {
  auto e = ex::parse(text);
  EXPECT_TRUE(e.has_value()) << text << ": " << e.error().message();
  return e ? *e : ex::always_false();
}

ib::schema table_schema() {
  auto s = ib::parse_schema(R"json({"type":"struct","schema-id":0,"fields":[
    {"id":1,"name":"id","required":true,"type":"long"},
    {"id":2,"name":"name","required":false,"type":"string"},
    {"id":3,"name":"ts","required":false,"type":"timestamp"},
    {"id":4,"name":"price","required":false,"type":"decimal(9,2)"},
    {"id":5,"name":"score","required":false,"type":"double"},
    {"id":6,"name":"day","required":false,"type":"date"},
    {"id":7,"name":"loc","required":false,"type":{"type":"struct","fields":[
      {"id":8,"name":"city","required":false,"type":"string"}]}}]})json");
  EXPECT_TRUE(s.has_value()) << s.error().message();
  return *s;
}

ib::bound_expression bound(const std::string& text) {
  auto b = ib::bind(parsed(text), table_schema());
  EXPECT_TRUE(b.has_value()) << text << ": " << b.error().message();
  return b ? *b : ib::bound_constant(false);
}

ib::partition_spec spec_of(const std::vector<std::pair<int32_t, std::string>>& fields) {
  ib::partition_spec spec;
  int32_t id = 1000;
  for (const auto& [source, transform] : fields) {
    ib::partition_field f;
    f.source_id = source;
    f.field_id = id++;
    f.name = "p" + std::to_string(f.field_id);
    f.transform = *ib::parse_transform(transform);
    spec.fields.push_back(f);
  }
  return spec;
}

/// The filter projected onto `spec` as text, e.g. "p1000 <= 647".
std::string projected(const std::string& filter, const ib::partition_spec& spec,
                      bool strict = false) {
  const ib::bound_expression b = bound(filter);
  auto p = strict ? ib::project_strict(b, spec, table_schema())
                  : ib::project_inclusive(b, spec, table_schema());
  EXPECT_TRUE(p.has_value()) << p.error().message();
  if (!p) return "<error>";
  // Print through the unbound form: partition predicates carry their field name.
  std::function<ex::expression(const ib::bound_expression&)> unbind =
      [&](const ib::bound_expression& e) -> ex::expression {
    if (e.o == ex::op::always_true) return ex::always_true();
    if (e.o == ex::op::always_false) return ex::always_false();
    if (e.o == ex::op::and_) return ex::and_(unbind(e.children[0]), unbind(e.children[1]));
    if (e.o == ex::op::or_) return ex::or_(unbind(e.children[0]), unbind(e.children[1]));
    std::vector<ex::term> terms;
    for (const ib::literal& v : e.values)
      terms.push_back({ex::term::kind::number, ib::literal_to_text(e.t, v)});
    return ex::predicate(e.o, e.column, terms);
  };
  return ex::to_string(unbind(*p));
}

}  // namespace

TEST(FilterParse, ReadsEveryFormAndPrintsItBack) {
  const char* cases[][2] = {
      {"a = 1", "a = 1"},
      {"a == -1.5e3", "a = -1.5e3"},
      {"a <> 'x''y'", "a != 'x''y'"},
      {"a<=2 AND b>'q' OR NOT c IS NULL", "((a <= 2 and b > 'q') or not c is null)"},
      {"x in (1, 2,3)", "x in (1, 2, 3)"},
      {"x NOT IN ('a')", "x not in ('a')"},
      {"s like 'ab%'", "s like 'ab%'"},
      {"s not like 'ab%'", "s not like 'ab%'"},
      {"f is nan and g is not nan", "(f is nan and g is not nan)"},
      {"\"odd col\" >= 3", "\"odd col\" >= 3"},
      {"`loc.city` = 'Oslo'", "loc.city = 'Oslo'"},
      {"b = true", "b = true"},
      {"true", "true"},
      {"(((a > 0)))", "a > 0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ex::to_string(parsed(c[0])), c[1]) << c[0];
    EXPECT_EQ(ex::to_string(parsed(ex::to_string(parsed(c[0])))), c[1]) << "reparse " << c[0];
  }
}

TEST(FilterParse, ErrorsNameTheOffset) {
  struct bad {
    const char* text;
    const char* message;
  };
  const bad cases[] = {
      {"a = ", "expected a number, a 'quoted string', true or false at offset 4 (end of text)"},
      {"a = null", "null is not a value: use 'is null' or 'is not null'"},
      {"(a = 1", "expected ')' at offset 6"},
      {"a = 1 b", "unexpected text at offset 6"},
      {"a ~ 1", "expected a comparison, in, like or is after column 'a' at offset 2"},
      {"s like '%x'", "only prefix patterns like 'abc%' are supported"},
      {"s like 'a_b%'", "only prefix patterns"},
      {"a is maybe", "expected null or nan after 'is'"},
      {"a in ()", "expected a number"},
      {"'unterminated", "expected a column name at offset 0"},
      {"a = 'x", "unterminated 'quote"},
  };
  for (const bad& c : cases) {
    auto e = ex::parse(c.text);
    ASSERT_FALSE(e.has_value()) << c.text;
    EXPECT_NE(e.error().message().find(c.message), std::string::npos)
        << c.text << " -> " << e.error().message();
  }
  // Hostile nesting is refused, not a stack overflow.
  std::string deep(100000, '(');
  auto e = ex::parse(deep + "a = 1");
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message().find("nesting deeper than"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_FALSE(ex::parse(nots + "a = 1").has_value());
}

TEST(FilterParse, RewriteNotPushesNegationToPredicates) {
  EXPECT_EQ(ex::to_string(ex::rewrite_not(parsed("not (a < 1 and not b in (2))"))),
            "(a >= 1 or b in (2))");
  EXPECT_EQ(ex::to_string(ex::rewrite_not(parsed("not (a is null or s like 'x%')"))),
            "(a is not null and s not like 'x%')");
  EXPECT_EQ(ex::to_string(ex::rewrite_not(parsed("not not a = 1"))), "a = 1");
  EXPECT_EQ(ex::to_string(ex::rewrite_not(parsed("not true"))), "false");
}

TEST(FilterBind, ConvertsLiteralsToTheColumnType) {
  ib::bound_expression b =
      bound("ts >= '2024-03-01T10:00:00' and price < 12.5 and day = '2024-01-31'");
  ASSERT_EQ(b.o, ex::op::and_);
  const ib::bound_expression& ts = b.children[0].children[0];
  EXPECT_EQ(ts.field_id, 3);
  EXPECT_EQ(ts.values[0].i, int64_t{1709287200} * 1000000);
  EXPECT_EQ(static_cast<int64_t>(b.children[0].children[1].values[0].dec), 1250);
  EXPECT_EQ(b.children[1].values[0].i, 19753);
  // A date alone on a timestamp column is its midnight; nested struct fields bind by path.
  EXPECT_EQ(bound("ts < '2024-03-01'").values[0].i, int64_t{1709251200} * 1000000);
  EXPECT_EQ(bound("loc.city = 'Oslo'").field_id, 8);
  // Duplicates in an IN list collapse; a required column is never null.
  EXPECT_EQ(bound("id in (3, 3, 4)").values.size(), 2u);
  EXPECT_EQ(bound("id is null").o, ex::op::always_false);
  EXPECT_EQ(bound("id is not null or name = 'x'").o, ex::op::always_true);
  // Case-insensitive binding only when asked.
  EXPECT_FALSE(ib::bind(parsed("NAME = 'x'"), table_schema()).has_value());
  EXPECT_TRUE(ib::bind(parsed("NAME = 'x'"), table_schema(), false).has_value());
}

TEST(FilterBind, RefusesWhatCannotBindNamingTheColumn) {
  struct bad {
    const char* text;
    const char* message;
  };
  const bad cases[] = {
      {"nope = 1", "no column 'nope' in the table schema"},
      {"loc = 1", "column 'loc' is a struct"},
      {"id = 'x'", "'x' is not a valid long value for column 'id'"},
      {"id = 1.5", "not a valid long value for column 'id'"},
      {"name = 3", "quote strings"},
      {"day = '2024-13-01'", "not a valid date value for column 'day'"},
      {"price = 1.234", "not a valid decimal(9, 2) value for column 'price'"},
      {"id is nan", "'is nan' needs a float or double column, 'id' is long"},
      {"id like 'a%'", "'like' needs a string column"},
      {"score = true", "not a valid double value for column 'score'"},
  };
  for (const bad& c : cases) {
    auto b = ib::bind(parsed(c.text), table_schema());
    ASSERT_FALSE(b.has_value()) << c.text;
    EXPECT_NE(b.error().message().find(c.message), std::string::npos)
        << c.text << " -> " << b.error().message();
  }
}

TEST(FilterProjection, InclusiveThroughEveryTransform) {
  // identity keeps every predicate, including != and not in.
  EXPECT_EQ(projected("name != 'a'", spec_of({{2, "identity"}})), "p1000 != a");
  // bucket narrows only = and in.
  EXPECT_EQ(projected("id = 34", spec_of({{1, "bucket[16]"}})), "p1000 = 3");
  EXPECT_EQ(projected("id < 34", spec_of({{1, "bucket[16]"}})), "true");
  // truncate: x < 34 is x <= 33, so truncate(x) <= 30; x > 34 is truncate(x) >= 30.
  EXPECT_EQ(projected("id < 34", spec_of({{1, "truncate[10]"}})), "p1000 <= 30");
  EXPECT_EQ(projected("id > 39", spec_of({{1, "truncate[10]"}})), "p1000 >= 40");
  EXPECT_EQ(projected("id in (1, 5, 12)", spec_of({{1, "truncate[10]"}})), "p1000 in (0, 10)");
  EXPECT_EQ(projected("name like 'abc%'", spec_of({{2, "truncate[2]"}})), "p1000 = ab");
  EXPECT_EQ(projected("name like 'a%'", spec_of({{2, "truncate[2]"}})), "p1000 like a%");
  EXPECT_EQ(projected("name < 'abc'", spec_of({{2, "truncate[2]"}})), "p1000 <= ab");
  // month: ts < 2024-03-01T00:00 is ts <= ...59.999999 (February, month 649).
  EXPECT_EQ(projected("ts < '2024-03-01'", spec_of({{3, "month"}})), "p1000 <= 649");
  EXPECT_EQ(projected("ts >= '2024-03-01'", spec_of({{3, "month"}})), "p1000 >= 650");
  EXPECT_EQ(projected("day = '2024-01-31'", spec_of({{6, "day"}})), "p1000 = 2024-01-31");
  // Before 1970 the projection widens by one (writers before Iceberg 1.0 rounded toward zero).
  EXPECT_EQ(projected("ts = '1969-12-15T00:00:00'", spec_of({{3, "month"}})), "p1000 in (-1, 0)");
  // Two fields on one source both narrow; void and unrelated fields do not.
  EXPECT_EQ(projected("id = 34", spec_of({{1, "bucket[16]"}, {1, "truncate[10]"}})),
            "(p1000 = 3 and p1001 = 30)");
  EXPECT_EQ(projected("id = 34", spec_of({{1, "void"}, {2, "identity"}})), "true");
  EXPECT_EQ(projected("name is null", spec_of({{2, "bucket[4]"}})), "p1000 is null");
  EXPECT_EQ(projected("id = 34 or name = 'x'", spec_of({{1, "identity"}})), "true");
  EXPECT_EQ(projected("id = 34 and name = 'x'", spec_of({{1, "identity"}})), "p1000 = 34");
}

TEST(FilterProjection, StrictOnlyWhereAllRowsMustMatch) {
  EXPECT_EQ(projected("name = 'a'", spec_of({{2, "identity"}}), true), "p1000 = a");
  EXPECT_EQ(projected("id = 3", spec_of({{1, "bucket[16]"}}), true), "false");
  EXPECT_EQ(projected("name is not null", spec_of({{2, "truncate[3]"}}), true),
            "p1000 is not null");
  EXPECT_EQ(projected("id = 3 or name = 'a'", spec_of({{2, "identity"}}), true), "p1000 = a");
}

TEST(FilterEvaluation, PartitionTuplesTakeNullsAsPyIcebergDoes) {
  const ib::partition_spec spec = spec_of({{2, "identity"}});
  auto matches = [&](const std::string& filter, const ib::literal& v) {
    auto p = ib::project_inclusive(bound(filter), spec, table_schema());
    EXPECT_TRUE(p.has_value());
    return ib::partition_matches(*p, {v});
  };
  const ib::literal a = ib::literal::of_bytes("a"), null = ib::literal::null();
  EXPECT_TRUE(matches("name = 'a'", a));
  EXPECT_FALSE(matches("name = 'b'", a));
  EXPECT_FALSE(matches("name = 'a'", null));
  EXPECT_TRUE(matches("name != 'a'", null));  // as PyIceberg and Java: a negated test
  EXPECT_TRUE(matches("name not in ('a')", null));
  EXPECT_FALSE(matches("name in ('a')", null));
  EXPECT_FALSE(matches("name < 'z'", null));
  EXPECT_TRUE(matches("name is null", null));
  EXPECT_TRUE(matches("not name in ('b', 'c')", a));
  EXPECT_TRUE(matches("name like 'a%' and name >= 'a'", a));
  // UTF-8 orders by code point: bytes above 0x7f sort after ASCII.
  EXPECT_TRUE(matches("name < '\xc3\xa9'", a));
}

namespace {

std::string le_long(int64_t v) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i)
    s[i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xff);
  return s;
}

ib::data_file file_with_id_range(int64_t lo, int64_t hi, int64_t rows = 10, int64_t nulls = 0) {
  ib::data_file f;
  f.record_count = rows;
  f.value_counts = ib::id_count_map{{1, rows}, {5, rows}};
  f.null_value_counts = ib::id_count_map{{1, nulls}, {5, 0}};
  f.nan_value_counts = ib::id_count_map{{5, 0}};
  f.lower_bounds = ib::id_bytes_map{{1, le_long(lo)}};
  f.upper_bounds = ib::id_bytes_map{{1, le_long(hi)}};
  return f;
}

}  // namespace

TEST(FilterEvaluation, ColumnMetricsInclusive) {
  const ib::data_file f = file_with_id_range(10, 20);
  const std::pair<const char*, bool> cases[] = {
      {"id < 10", false},          {"id < 11", true},
      {"id <= 9", false},          {"id <= 10", true},
      {"id > 20", false},          {"id > 19", true},
      {"id >= 21", false},         {"id = 15", true},
      {"id = 21", false},          {"id = 9", false},
      {"id in (1, 2, 30)", false}, {"id in (1, 12)", true},
      {"id != 15", true},          {"id not in (10)", true},
      {"score is nan", false},     {"score is not nan", true},
      {"name = 'x'", true},  // no metrics for the column: may match
      {"id < 5 or id > 18", true}, {"id < 5 and id > 18", false},
  };
  for (const auto& [text, expect] : cases)
    EXPECT_EQ(ib::metrics_might_match(bound(text), f), expect) << text;
  ib::data_file empty = f;
  empty.record_count = 0;
  EXPECT_FALSE(ib::metrics_might_match(bound("id > 0"), empty));
  ib::data_file unknown = f;
  unknown.record_count = -1;  // v1 writers that did not count
  EXPECT_TRUE(ib::metrics_might_match(bound("id > 100"), unknown));
  // Only nulls: no comparison matches, is null does.
  ib::data_file nulls = file_with_id_range(0, 0, 10, 10);
  nulls.lower_bounds.reset();
  nulls.upper_bounds.reset();
  nulls.value_counts = ib::id_count_map{{2, 10}};
  nulls.null_value_counts = ib::id_count_map{{2, 10}};
  EXPECT_FALSE(ib::metrics_might_match(bound("name = 'x'"), nulls));
  EXPECT_FALSE(ib::metrics_might_match(bound("name is not null"), nulls));
  EXPECT_TRUE(ib::metrics_might_match(bound("name is null"), nulls));
}

TEST(FilterEvaluation, ColumnMetricsStrict) {
  const ib::data_file f = file_with_id_range(10, 20);
  const std::pair<const char*, bool> cases[] = {
      {"id < 21", true},         {"id < 20", false},    {"id <= 20", true},
      {"id > 9", true},          {"id >= 10", true},    {"id > 10", false},
      {"id != 30", true},        {"id != 15", false},   {"id not in (1, 30)", true},
      {"id is not null", true},  {"id is null", false}, {"id = 15", false},
      {"name like 'a%'", false},
  };
  for (const auto& [text, expect] : cases)
    EXPECT_EQ(ib::metrics_all_match(bound(text), f), expect) << text;
  // A file with nulls in the column never strictly matches a comparison.
  EXPECT_FALSE(ib::metrics_all_match(bound("id < 100"), file_with_id_range(10, 20, 10, 1)));
  EXPECT_TRUE(ib::metrics_all_match(bound("id = 7"), file_with_id_range(7, 7)));
}

TEST(FilterEvaluation, ManifestSummaries) {
  ib::manifest_file mf;
  ib::field_summary s;
  s.contains_null = false;
  s.contains_nan = false;
  s.lower_bound = le_long(100).substr(0, 4);  // int partition values: 4 bytes
  s.upper_bound = le_long(200).substr(0, 4);
  mf.partitions = std::vector<ib::field_summary>{s};
  const ib::partition_spec spec = spec_of({{1, "truncate[10]"}});
  auto might = [&](const std::string& filter, const ib::manifest_file& m) {
    auto p = ib::project_inclusive(bound(filter), spec, table_schema());
    EXPECT_TRUE(p.has_value());
    return ib::manifest_might_match(*p, m);
  };
  // truncate[10] of a long is a long: the summary holds 8-byte values.
  mf.partitions->at(0).lower_bound = le_long(100);
  mf.partitions->at(0).upper_bound = le_long(200);
  EXPECT_TRUE(might("id = 150", mf));
  EXPECT_FALSE(might("id = 250", mf));
  EXPECT_FALSE(might("id < 95", mf));
  EXPECT_TRUE(might("id < 101", mf));
  EXPECT_FALSE(might("id is null", mf));  // required: folds to false at binding
  EXPECT_TRUE(might("id != 150", mf));
  ib::manifest_file all_null = mf;
  all_null.partitions->at(0) = ib::field_summary{};
  all_null.partitions->at(0).contains_null = true;
  EXPECT_FALSE(might("id = 150", all_null));
  // A nullable source: only the null test can match a manifest of null partitions.
  const ib::partition_spec by_name = spec_of({{2, "identity"}});
  auto p = ib::project_inclusive(bound("name is null"), by_name, table_schema());
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(ib::manifest_might_match(*p, all_null));
  EXPECT_FALSE(ib::manifest_might_match(*p, mf));
  p = ib::project_inclusive(bound("name = 'x'"), by_name, table_schema());
  EXPECT_FALSE(ib::manifest_might_match(*p, all_null));
  ib::manifest_file no_summaries;
  EXPECT_TRUE(might("id = 150", no_summaries));
}
