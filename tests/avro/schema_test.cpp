#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"

using namespace lakecodec;
using lakecodec_test::shared_path;

namespace {

struct pcf_case {
  std::string input;
  std::string canonical;
  bool has_fingerprint = false;
  int64_t fingerprint = 0;
};

// Parses the upstream schema-tests.txt format: "<<INPUT x", "<<canonical x", "<<fingerprint n",
// with multi-line "<<INPUT\n...\nINPUT" blocks.
std::vector<pcf_case> load_pcf_cases() {
  std::ifstream f(shared_path("conformance/avro/data/schema-tests.txt"));
  std::vector<pcf_case> out;
  std::string line;
  pcf_case cur;
  bool in_block = false;
  std::string block;
  while (std::getline(f, line)) {
    if (in_block) {
      if (line == "INPUT") {
        cur.input = block;
        in_block = false;
      } else {
        block += line + "\n";
      }
      continue;
    }
    if (line == "<<INPUT") {
      in_block = true;
      block.clear();
    } else if (line.rfind("<<INPUT ", 0) == 0) {
      cur.input = line.substr(8);
    } else if (line.rfind("<<canonical ", 0) == 0) {
      cur.canonical = line.substr(12);
      out.push_back(cur);
      cur = pcf_case();
    } else if (line.rfind("<<fingerprint ", 0) == 0) {
      out.back().has_fingerprint = true;
      out.back().fingerprint = std::stoll(line.substr(14));
    }
  }
  return out;
}

}  // namespace

TEST(AvroSchemaTest, CanonicalFormAndFingerprintsMatchSpecVectors) {
  auto cases = load_pcf_cases();
  ASSERT_GE(cases.size(), 30u);
  int fingerprints = 0;
  for (const auto& c : cases) {
    auto s = avro::schema::parse(c.input);
    ASSERT_TRUE(s.has_value()) << c.input << ": " << s.error().to_string();
    EXPECT_EQ(avro::canonical_form(*s), c.canonical) << c.input;
    if (c.has_fingerprint) {
      ++fingerprints;
      EXPECT_EQ(static_cast<int64_t>(avro::fingerprint64(*s)), c.fingerprint) << c.input;
    }
  }
  EXPECT_GE(fingerprints, 20);
}

TEST(AvroSchemaTest, KeepsIcebergAttributesThroughRoundTrip) {
  const char* text = R"({"type":"record","name":"manifest_entry","fields":[
    {"name":"status","type":"int","field-id":0},
    {"name":"data_file","type":{"type":"record","name":"r2","fields":[
      {"name":"partition","type":{"type":"record","name":"r102","fields":[]},"field-id":102},
      {"name":"value_counts","type":["null",{"type":"array","items":{"type":"record",
        "name":"k119_v120","fields":[{"name":"key","type":"int","field-id":119},
        {"name":"value","type":"long","field-id":120}]},"logicalType":"map"}],
        "default":null,"field-id":109}]},"field-id":2}]})";
  auto s = avro::schema::parse(text);
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  const avro::node& root = s->root();
  ASSERT_EQ(root.fields.size(), 2u);
  ASSERT_NE(root.fields[0].attribute("field-id"), nullptr);
  EXPECT_EQ(root.fields[0].attribute("field-id")->as_int(), 0);
  const avro::node& vc = *root.fields[1].type->fields[1].type;
  ASSERT_EQ(vc.type, avro::type::union_);
  ASSERT_NE(vc.branches[1]->attribute("logicalType"), nullptr);
  EXPECT_EQ(vc.branches[1]->attribute("logicalType")->as_string(), "map");
  auto again = avro::schema::parse(s->to_json());
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(again->to_json(), s->to_json());
  EXPECT_EQ(avro::canonical_form(*again), avro::canonical_form(*s));
  EXPECT_NE(s->to_json().find("\"field-id\":120"), std::string::npos);
}

TEST(AvroSchemaTest, ParsesLogicalTypes) {
  auto s = avro::schema::parse(R"({"type":"record","name":"t","fields":[
    {"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
    {"name":"f","type":{"type":"fixed","name":"f16","size":16,"logicalType":"decimal","precision":38,"scale":4}},
    {"name":"u","type":{"type":"string","logicalType":"uuid"}},
    {"name":"ts","type":{"type":"long","logicalType":"timestamp-nanos"}},
    {"name":"bad","type":{"type":"int","logicalType":"decimal"}},
    {"name":"dur","type":{"type":"fixed","name":"dur","size":12,"logicalType":"duration"}}]})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  const auto& f = s->root().fields;
  EXPECT_EQ(f[0].type->logical, avro::logical_type::decimal);
  EXPECT_EQ(f[0].type->precision, 10);
  EXPECT_EQ(f[0].type->scale, 2);
  EXPECT_EQ(f[1].type->logical, avro::logical_type::decimal);
  EXPECT_EQ(f[2].type->logical, avro::logical_type::uuid);
  EXPECT_EQ(f[3].type->logical, avro::logical_type::timestamp_nanos);
  EXPECT_EQ(f[4].type->logical, avro::logical_type::none);  // invalid: ignored, kept as attribute
  EXPECT_NE(f[4].type->attribute("logicalType"), nullptr);
  EXPECT_EQ(f[5].type->logical, avro::logical_type::duration);
}

TEST(AvroSchemaTest, RejectsInvalidSchemasWithSpecificMessages) {
  struct bad {
    const char* text;
    const char* message;
  } cases[] = {
      {R"("nope")", "undefined name 'nope'"},
      {R"({"type":"record","name":"a","fields":[{"name":"x","type":"a"},{"name":"x","type":"int"}]})",
       "two fields named 'x'"},
      {R"(["int",["long"]])", "may not directly contain a union"},
      {R"(["int","int"])", "union contains 'int' twice"},
      {R"({"type":"record","name":"a","fields":[{"name":"x","type":"int","default":"s"}]})",
       "default value \"s\""},
      {R"(["null",{"type":"record","name":"a","fields":[]},{"type":"enum","name":"a","symbols":["X"]}])",
       "duplicate definition of the name 'a'"},
      {R"({"type":"enum","name":"e","symbols":["A","A"]})", "lists the symbol 'A' twice"},
      {R"({"type":"fixed","name":"f"})", "needs a non-negative integer \"size\""},
      {R"({"type":"record","name":"1a","fields":[]})", "invalid name '1a'"},
      {R"({"type":"array"})", "has no \"items\""},
      {R"({"type":"record","name":"r","fields":[{"name":"u","type":["null","int"],"default":1}]})",
       "is not a valid null"},
      {R"({"type":)", "invalid JSON"},
      {R"({"type":"enum","name":"e","symbols":["A"],"default":"B"})", "is not one of its symbols"},
  };
  for (const auto& c : cases) {
    auto s = avro::schema::parse(c.text);
    ASSERT_FALSE(s.has_value()) << c.text;
    EXPECT_NE(s.error().message().find(c.message), std::string::npos)
        << c.text << " -> " << s.error().message();
  }
}

TEST(AvroSchemaTest, NamespacesAndReferences) {
  auto s = avro::schema::parse(R"({"type":"record","name":"Outer","namespace":"a.b","fields":[
    {"name":"x","type":{"type":"fixed","name":"Md5","size":16}},
    {"name":"y","type":"Md5"},
    {"name":"z","type":"a.b.Md5"},
    {"name":"w","type":{"type":"record","name":"c.Inner","fields":[{"name":"m","type":"a.b.Md5"}]}},
    {"name":"v","type":["null","c.Inner"]}]})");
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  const auto& f = s->root().fields;
  EXPECT_EQ(f[0].type->fullname, "a.b.Md5");
  EXPECT_EQ(f[1].type, f[0].type);
  EXPECT_EQ(f[2].type, f[0].type);
  EXPECT_EQ(f[3].type->fullname, "c.Inner");
  EXPECT_EQ(f[4].type->branches[1], f[3].type);
  auto again = avro::schema::parse(s->to_json());
  ASSERT_TRUE(again.has_value()) << again.error().to_string() << "\n" << s->to_json();
  EXPECT_EQ(avro::canonical_form(*again), avro::canonical_form(*s));
}

TEST(AvroSchemaTest, ParsesEveryConformanceSchema) {
  for (const char* name :
       {"interop.avsc", "weather.avsc", "fooBar.avsc", "FooBarSpecificRecord.avsc",
        "RecordWithRequiredFields.avsc", "reserved.avsc"}) {
    auto bytes =
        lakecodec_test::read_all(shared_path(std::string("conformance/avro/schemas/") + name));
    auto s = avro::schema::parse(bytes.view());
    ASSERT_TRUE(s.has_value()) << name << ": " << s.error().to_string();
    auto again = avro::schema::parse(s->to_json());
    ASSERT_TRUE(again.has_value()) << name;
    EXPECT_EQ(avro::canonical_form(*again), avro::canonical_form(*s)) << name;
  }
}
