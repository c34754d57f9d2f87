#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../test_support.hpp"
#include "lakecodec/iceberg.hpp"

namespace ice = lakecodec::iceberg;

TEST(IcebergTypeTest, ParsesEveryPrimitiveString) {
  const char* names[] = {"boolean",     "int",          "long",           "float",
                         "double",      "date",         "time",           "timestamp",
                         "timestamptz", "timestamp_ns", "timestamptz_ns", "string",
                         "uuid",        "binary",       "variant",        "unknown"};
  for (const char* n : names) {
    auto t = ice::parse_primitive_type(n);
    ASSERT_TRUE(t) << n << ": " << t.error().to_string();
    EXPECT_EQ(ice::type_to_string(*t), n);
  }
}

TEST(IcebergTypeTest, ParsesDecimalWithAndWithoutSpace) {
  for (const char* s : {"decimal(9,2)", "decimal(9, 2)", "decimal( 9 , 2 )"}) {
    auto t = ice::parse_primitive_type(s);
    ASSERT_TRUE(t) << s;
    EXPECT_EQ(t->kind, ice::type_kind::decimal);
    EXPECT_EQ(t->precision, 9);
    EXPECT_EQ(t->scale, 2);
    EXPECT_EQ(ice::type_to_string(*t), "decimal(9, 2)");
  }
  EXPECT_FALSE(ice::parse_primitive_type("decimal(39,2)"));
  EXPECT_FALSE(ice::parse_primitive_type("decimal(9)"));
  EXPECT_FALSE(ice::parse_primitive_type("decimal(3,4)"));
}

TEST(IcebergTypeTest, ParsesFixedAndGeo) {
  auto f = ice::parse_primitive_type("fixed[ 16 ]");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->length, 16);
  EXPECT_EQ(ice::type_to_string(*f), "fixed[16]");
  EXPECT_FALSE(ice::parse_primitive_type("fixed[0]"));
  EXPECT_FALSE(ice::parse_primitive_type("fixed[x]"));
  auto g = ice::parse_primitive_type("geography(srid:4326, spherical)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->kind, ice::type_kind::geography);
  EXPECT_EQ(ice::type_to_string(*g), "geography(srid:4326, spherical)");
  auto g2 = ice::parse_primitive_type("geometry");
  ASSERT_TRUE(g2);
  EXPECT_EQ(g2->kind, ice::type_kind::geometry);
  EXPECT_FALSE(ice::parse_primitive_type("varchar"));
}

TEST(IcebergTypeTest, DecimalRequiredBytesMatchesJava) {
  const int expected[39] = {0,  1,  1,  2,  2,  3,  3,  4,  4,  4,  5,  5,  6,
                            6,  6,  7,  7,  8,  8,  9,  9,  9,  10, 10, 11, 11,
                            11, 12, 12, 13, 13, 13, 14, 14, 15, 15, 16, 16, 16};
  for (int p = 1; p <= 38; ++p) EXPECT_EQ(ice::decimal_required_bytes(p), expected[p]) << p;
}

static const char* kNestedSchema = R"js({
  "type": "struct", "schema-id": 7, "identifier-field-ids": [1],
  "fields": [
    {"id": 1, "name": "id", "required": true, "type": "long"},
    {"id": 2, "name": "tags", "required": false,
     "type": {"type": "list", "element-id": 5, "element": "string", "element-required": false}},
    {"id": 3, "name": "attrs", "required": false,
     "type": {"type": "map", "key-id": 6, "key": "string", "value-id": 7,
              "value": "decimal(9,2)", "value-required": true}},
    {"id": 4, "name": "loc", "required": false, "doc": "where",
     "type": {"type": "struct", "fields": [
       {"id": 8, "name": "lat", "required": true, "type": "double"},
       {"id": 9, "name": "when", "required": false, "type": "timestamptz_ns",
        "initial-default": "2017-11-16T22:31:08.123456789+00:00"}]}},
    {"id": 10, "name": "u", "required": false, "type": "uuid"},
    {"id": 11, "name": "nothing", "required": false, "type": "unknown"}
  ]})js";

TEST(IcebergSchemaTest, ParsesNestedSchemaAndLooksUpIds) {
  auto s = ice::parse_schema(kNestedSchema);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ(s->schema_id, 7);
  EXPECT_EQ(s->identifier_field_ids, std::vector<int32_t>{1});
  ASSERT_NE(s->find_field(5), nullptr);
  EXPECT_EQ(s->find_field(5)->name, "element");
  EXPECT_EQ(s->find_field(7)->type.kind, ice::type_kind::decimal);
  EXPECT_EQ(s->find_field(9)->name, "when");
  EXPECT_TRUE(s->find_field(9)->has_initial_default);
  EXPECT_EQ(s->find_field(std::string_view("loc.lat"))->id, 8);
  EXPECT_EQ(s->find_field(42), nullptr);
  EXPECT_EQ(s->highest_field_id(), 11);
  EXPECT_EQ(s->index_by_id().size(), 11u);
}

TEST(IcebergSchemaTest, PrintParseIsIdentity) {
  auto s = ice::parse_schema(kNestedSchema);
  ASSERT_TRUE(s);
  const std::string printed = ice::print_schema(*s);
  auto again = ice::parse_schema(printed);
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(*s, *again);
  EXPECT_EQ(ice::print_schema(*again), printed);
  // Java key order and the strict-reader keys.
  EXPECT_EQ(printed.find("{\"type\":\"struct\",\"schema-id\":7,\"identifier-field-ids\":[1]"), 0u);
  EXPECT_NE(printed.find("\"element-required\":false"), std::string::npos);
  EXPECT_NE(printed.find("\"value-required\":true"), std::string::npos);
}

TEST(IcebergSchemaTest, RejectsBadSchemas) {
  struct bad_case {
    const char* json;
    const char* needle;
  };
  const bad_case cases[] = {
      {R"js({"fields": []})js", "cannot parse type from json"},
      {R"js({"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"long"},
          {"id":1,"name":"b","required":true,"type":"long"}]})js",
       "used more than once"},
      {R"js({"type":"struct","fields":[{"id":1,"name":"a","type":"long"}]})js", "'required'"},
      {R"js({"type":"struct","fields":[{"id":"x","name":"a","required":true,"type":"long"}]})js",
       "'id'"},
      {R"js({"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"varchar"}]})js",
       "varchar"},
      {R"js({"type":"struct","identifier-field-ids":[9],"fields":[]})js", "identifier field id 9"},
      {R"js({"type":"struct","fields":[{"id":1,"name":"a","required":true,
          "type":{"type":"list","element-id":2,"element":"int"}}]})js",
       "element-required"},
      {"{not json", "not valid JSON"},
      {R"js({"type":"struct","fields":[{"id":1,"name":"a","required":true,"type":"date",
          "initial-default":"2017-02-30"}]})js",
       "field 1 ('a') initial-default"},
  };
  for (const auto& c : cases) {
    auto s = ice::parse_schema(c.json);
    ASSERT_FALSE(s) << c.json;
    EXPECT_NE(s.error().message().find(c.needle), std::string::npos)
        << s.error().message() << " lacks " << c.needle;
  }
}

TEST(IcebergColumnarTest, MapsTypesAndIdsOnEveryNode) {
  auto s = ice::parse_schema(kNestedSchema);
  ASSERT_TRUE(s);
  auto c = ice::to_columnar_schema(*s);
  ASSERT_TRUE(c) << c.error().to_string();
  ASSERT_EQ(c->fields.size(), 5u);  // unknown is not stored
  EXPECT_EQ(c->fields[0].type, lakecodec::types::int64());
  EXPECT_FALSE(c->fields[0].nullable);
  EXPECT_EQ(c->fields[1].type.id, lakecodec::type_id::list);
  EXPECT_EQ(c->fields[1].children[0].field_id, 5);
  const auto& m = c->fields[2];
  EXPECT_EQ(m.field_id, 3);
  EXPECT_EQ(m.children[0].children[0].field_id, 6);
  EXPECT_EQ(m.children[0].children[1].field_id, 7);
  EXPECT_EQ(m.children[0].children[1].type, lakecodec::types::decimal128(9, 2));
  EXPECT_EQ(c->fields[3].children[1].type,
            lakecodec::types::timestamp(lakecodec::time_unit::nano, true));
  EXPECT_EQ(c->fields[4].type, lakecodec::types::uuid());
}

TEST(IcebergColumnarTest, AppendsJsonRows) {
  auto s = ice::parse_schema(kNestedSchema);
  ASSERT_TRUE(s);
  auto c = ice::to_columnar_schema(*s);
  ASSERT_TRUE(c);
  lakecodec::batch_builder b(*c);
  auto row1 = nlohmann::json::parse(R"js({"id": 1, "tags": ["a", null], "attrs": {"keys": ["x"],
      "values": ["14.20"]}, "loc": {"lat": 1.5, "when": "2017-11-16T22:31:08.000000001+00:00"},
      "u": "f79c3e09-677c-4bbd-a479-3f349cb785e7"})js",
                                    nullptr, false);
  ASSERT_TRUE(ice::append_json_row(b, *s, row1).ok());
  auto row2 = nlohmann::json::parse(R"js({"1": 2})js", nullptr, false);
  ASSERT_TRUE(ice::append_json_row(b, *s, row2).ok());
  auto bad = nlohmann::json::parse(R"js({"tags": []})js", nullptr, false);
  auto st = ice::append_json_row(b, *s, bad);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("required field 'id'"), std::string::npos) << st.message();
  auto bad2 = nlohmann::json::parse(
      R"js({"id": 3, "attrs": {"keys": ["x"], "values": ["1.234"]}})js", nullptr, false);
  EXPECT_FALSE(ice::append_json_row(b, *s, bad2).ok());
  auto batch = b.finish();
  ASSERT_TRUE(batch) << batch.error().to_string();
  const auto& v = batch->view();
  ASSERT_EQ(v.length, 2);
  EXPECT_EQ(v.columns[0].value<int64_t>(0), 1);
  EXPECT_EQ(v.columns[0].value<int64_t>(1), 2);
  const auto& attrs = v.columns[2];
  EXPECT_EQ(attrs.children[0].children[1].decimal_value(0), 1420);
  EXPECT_EQ(v.columns[3].children[1].value<int64_t>(0), 1510871468000000001LL);
  EXPECT_EQ(v.columns[4].fixed_bytes(0).size(), 16u);
  EXPECT_TRUE(v.columns[4].is_null(1));
  EXPECT_TRUE(v.columns[1].is_null(1));
}

TEST(IcebergColumnarTest, FromColumnarSchemaKeepsIdsAndAssignsMissingOnes) {
  auto s = ice::parse_schema(kNestedSchema);
  ASSERT_TRUE(s);
  auto c = ice::to_columnar_schema(*s);
  ASSERT_TRUE(c);
  auto back = ice::from_columnar_schema(*c, 7);
  ASSERT_TRUE(back) << back.error().to_string();
  ice::schema expected = *s;
  expected.fields.pop_back();  // the unknown column is not stored
  expected.identifier_field_ids.clear();
  expected.fields[3].doc.clear();
  expected.fields[3].type.fields[1].has_initial_default = false;
  expected.fields[3].type.fields[1].initial_default_json.clear();
  EXPECT_EQ(*back, expected);

  lakecodec::schema plain;
  plain.fields.push_back(lakecodec::field("a", lakecodec::types::int16(), false));
  plain.fields.push_back(
      lakecodec::list_field("l", lakecodec::field("item", lakecodec::types::large_string())));
  plain.fields.push_back(lakecodec::field("b", lakecodec::types::int64(), true, {}, 3));
  auto fresh = ice::from_columnar_schema(plain);
  ASSERT_TRUE(fresh) << fresh.error().to_string();
  EXPECT_EQ(fresh->fields[0].id, 4);
  EXPECT_EQ(fresh->fields[0].type.kind, ice::type_kind::int_);
  EXPECT_TRUE(fresh->fields[0].required);
  EXPECT_EQ(fresh->fields[1].id, 5);
  EXPECT_EQ(fresh->fields[1].type.element().id, 6);
  EXPECT_EQ(fresh->fields[2].id, 3);
  plain.fields[0].field_id = 3;  // duplicate id
  EXPECT_FALSE(ice::from_columnar_schema(plain));
}
