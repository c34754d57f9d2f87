#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using namespace lakecodec;

namespace {
avro::schema parse(const char* text) {
  auto s = avro::schema::parse(text);
  EXPECT_TRUE(s.has_value()) << s.error().to_string();
  return *s;
}

result<avro::value> resolve_one(const avro::schema& w, const avro::schema& r,
                                const avro::value& v) {
  byte_buffer buf;
  status st = avro::encode(w, v, buf);
  if (!st.ok()) return st;
  auto plan = avro::resolution::compile(w, r);
  if (!plan) return plan.error();
  avro::decoder d(buf.span());
  return plan->decode(d);
}
}  // namespace

TEST(AvroResolutionTest, PromotesDefaultsSkipsAndReorders) {
  auto w = parse(R"({"type":"record","name":"r","fields":[
    {"name":"a","type":"int"},{"name":"gone","type":{"type":"array","items":"string"}},
    {"name":"b","type":"long"},{"name":"c","type":"float"},{"name":"s","type":"string"},
    {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","Z"]}}]})");
  auto r = parse(R"({"type":"record","name":"r","fields":[
    {"name":"e","type":{"type":"enum","name":"E","symbols":["B","A","U"],"default":"U"}},
    {"name":"c","type":"double"},{"name":"b","type":"double"},{"name":"a","type":"long"},
    {"name":"s","type":"bytes"},
    {"name":"new","type":["null","int"],"default":null},
    {"name":"rec","type":{"type":"record","name":"D","fields":[{"name":"x","type":"int"}]},"default":{"x":5}}]})");
  for (int sym = 0; sym < 3; ++sym) {
    auto v = avro::value::record(
        {avro::value::int32(-7),
         avro::value::array({avro::value::string("drop"), avro::value::string("me")}),
         avro::value::int64(1LL << 40), avro::value::float32(1.5f), avro::value::string("txt"),
         avro::value::enumeration(sym)});
    auto out = resolve_one(w, r, v);
    ASSERT_TRUE(out.has_value()) << out.error().to_string();
    const char* want[] = {"A", "B", "U"};
    EXPECT_EQ(out->field(0).as_string(), want[sym]);
    EXPECT_EQ(out->field(1).kind(), avro::type::double_);
    EXPECT_EQ(out->field(1).as_double(), 1.5);
    EXPECT_EQ(out->field(2).as_double(), static_cast<double>(1LL << 40));
    EXPECT_EQ(out->field(3).kind(), avro::type::long_);
    EXPECT_EQ(out->field(3).as_long(), -7);
    EXPECT_EQ(out->field(4).kind(), avro::type::bytes);
    EXPECT_EQ(out->field(5), avro::value::union_of(0, avro::value::null()));
    EXPECT_EQ(out->field(6).field(0).as_int(), 5);
  }
}

TEST(AvroResolutionTest, UnionsByNameAndErrors) {
  auto w = parse(
      R"(["null","int",{"type":"record","name":"a.P","fields":[{"name":"x","type":"int"}]}])");
  auto r = parse(
      R"([{"type":"record","name":"b.P","fields":[{"name":"x","type":"long"}]},"null","double"])");
  auto out =
      resolve_one(w, r, avro::value::union_of(2, avro::value::record({avro::value::int32(3)})));
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  EXPECT_EQ(out->index(), 0);
  EXPECT_EQ(out->branch_value().field(0).as_long(), 3);
  out = resolve_one(w, r, avro::value::union_of(1, avro::value::int32(9)));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->index(), 2);
  EXPECT_EQ(out->branch_value().as_double(), 9.0);
  // Writer union -> reader non-union: the chosen branch must match.
  auto plain = parse(R"("long")");
  out = resolve_one(w, plain, avro::value::union_of(1, avro::value::int32(4)));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->as_long(), 4);
  out = resolve_one(w, plain, avro::value::union_of(0, avro::value::null()));
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code(), errc::schema_mismatch);
  // Reader field without default that the writer lacks: rejected at compile time.
  auto w2 = parse(R"({"type":"record","name":"r","fields":[]})");
  auto r2 = parse(R"({"type":"record","name":"r","fields":[{"name":"must","type":"int"}]})");
  auto plan = avro::resolution::compile(w2, r2);
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().message().find("'r.must' is not in the writer schema and has no default"),
            std::string::npos);
  // Enum symbol without reader default.
  auto we = parse(R"({"type":"enum","name":"E","symbols":["A","B"]})");
  auto re = parse(R"({"type":"enum","name":"E","symbols":["A"]})");
  out = resolve_one(we, re, avro::value::enumeration(1));
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message().find("'B' is not in the reader enum"), std::string::npos);
}

TEST(AvroResolutionTest, ContainerReaderAppliesReaderSchema) {
  auto bytes =
      lakecodec_test::read_all(lakecodec_test::shared_path("conformance/avro/data/weather.avro"));
  avro::reader_options o;
  o.reader_schema = parse(R"({"type":"record","name":"Weather","namespace":"test","fields":[
    {"name":"temp","type":"double"},{"name":"station","type":"bytes"},
    {"name":"extra","type":"string","default":"x"}]})");
  auto recs = avro::read_container(bytes.span(), o);
  ASSERT_TRUE(recs.has_value()) << recs.error().to_string();
  ASSERT_EQ(recs->size(), 5u);
  EXPECT_EQ((*recs)[2].field(0).as_double(), -11.0);
  EXPECT_EQ((*recs)[2].field(1).as_bytes(), "011990-99999");
  EXPECT_EQ((*recs)[2].field(2).as_string(), "x");
}
