#include <string>
#include <vector>

#include "../test_support.hpp"
#include "lakecodec/avro.hpp"
#include "lakecodec/core/builder.hpp"

using namespace lakecodec;

namespace {

const char* kSchema = R"({"type":"record","name":"row","fields":[
  {"name":"b","type":"boolean"},
  {"name":"i8","type":"int"},
  {"name":"i","type":["null","int"]},
  {"name":"l","type":"long"},
  {"name":"f","type":"float"},
  {"name":"d","type":["double","null"]},
  {"name":"s","type":["null","string"]},
  {"name":"bin","type":"bytes"},
  {"name":"fx","type":{"type":"fixed","name":"F3","size":3}},
  {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":38,"scale":3}},
  {"name":"decf","type":["null",{"type":"fixed","name":"D9","size":9,"logicalType":"decimal","precision":20,"scale":2}]},
  {"name":"u","type":{"type":"string","logicalType":"uuid"}},
  {"name":"day","type":{"type":"int","logicalType":"date"}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-micros"}},
  {"name":"tsms","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},
  {"name":"st","type":["null",{"type":"record","name":"S","fields":[{"name":"a","type":"long"},{"name":"t","type":"string"}]}]},
  {"name":"arr","type":{"type":"array","items":["null","long"]}},
  {"name":"m","type":{"type":"map","values":{"type":"array","items":"string"}}}]})";

owned_batch make_batch(const lakecodec::schema& cols, int rows) {
  batch_builder b(cols);
  for (int r = 0; r < rows; ++r) {
    b.column(0).append_bool(r % 2);
    b.column(1).append_int(static_cast<int8_t>(r));
    if (r % 3 == 0)
      b.column(2).append_null();
    else
      b.column(2).append_int(r * 1000);
    b.column(3).append_int(-int64_t{r} * 123456789012LL);
    b.column(4).append_float(r * 0.25);
    if (r % 4 == 1)
      b.column(5).append_null();
    else
      b.column(5).append_float(r / 3.0);
    if (r % 5 == 0)
      b.column(6).append_null();
    else
      b.column(6).append_bytes(std::string(r % 7, 'q'));
    b.column(7).append_bytes(std::string(r % 4, '\xff'));
    b.column(8).append_bytes(std::string("ab") + static_cast<char>(r));
    b.column(9).append_decimal((static_cast<__int128>(r) << 80) - 12345);
    if (r % 2)
      b.column(10).append_null();
    else
      b.column(10).append_decimal(-static_cast<__int128>(r) * 1000000007);
    std::string uuid(16, '\0');
    for (int k = 0; k < 16; ++k) uuid[k] = static_cast<char>(r * 7 + k);
    b.column(11).append_bytes(uuid);
    b.column(12).append_int(r - 100);
    b.column(13).append_int(int64_t{r} * 86400000000LL + 7);
    b.column(14).append_int(int64_t{r} * 1000 - 5000);  // whole millis: round trip exactly
    b.column(15).append_bytes(r % 2 ? "Y" : "X");
    if (r % 6 == 5) {
      b.column(16).append_null();
    } else {
      b.column(16).append_struct();
      b.column(16).child(0).append_int(r);
      b.column(16).child(1).append_bytes("t" + std::to_string(r));
    }
    b.column(17).begin_list();
    for (int k = 0; k < r % 4; ++k) {
      if (k == 1)
        b.column(17).child(0).append_null();
      else
        b.column(17).child(0).append_int(k);
    }
    b.column(17).end_list();
    b.column(18).begin_list();
    for (int k = 0; k < r % 3; ++k) {
      b.column(18).child(0).append_bytes("k" + std::to_string(k));
      auto& arr = b.column(18).child(1);
      arr.begin_list();
      for (int j = 0; j < k; ++j) arr.child(0).append_bytes("v");
      arr.end_list();
    }
    b.column(18).end_list();
  }
  auto out = b.finish();
  EXPECT_TRUE(out.has_value()) << out.error().to_string();
  return std::move(out).value();
}

byte_buffer write(const avro::schema& s, const avro::columnar_plan& plan, const batch_view& v,
                  avro::codec c) {
  memory_sink sink;
  avro::writer_options o;
  o.codec = c;
  o.sync = avro::sync_marker{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  o.block_bytes = 4096;
  auto w = avro::container_writer::open(sink, s, o);
  EXPECT_TRUE(w.has_value());
  status st = avro::write_batch(*w, plan, v);
  EXPECT_TRUE(st.ok()) << st.to_string();
  EXPECT_TRUE(w->close().ok());
  return sink.take();
}

}  // namespace

TEST(AvroColumnarTest, BatchToRecordsToBatchIsStable) {
  auto s = avro::schema::parse(kSchema);
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  auto cols = avro::columnar_schema(*s);
  ASSERT_TRUE(cols.has_value()) << cols.error().to_string();
  EXPECT_EQ(cols->fields[2].nullable, true);
  EXPECT_EQ(cols->fields[9].type, types::decimal128(38, 3));
  EXPECT_EQ(cols->fields[11].type.id, type_id::string);
  // Columns as the producer has them: uuid as fixed_size_binary(16), tiny ints as int8.
  cols->fields[1].type = types::int8();
  cols->fields[11].type = types::uuid();
  auto plan = avro::columnar_plan::compile(*s, *cols);
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  owned_batch batch = make_batch(*cols, 300);
  for (auto c : {avro::codec::null, avro::codec::zstandard}) {
    byte_buffer first = write(*s, *plan, batch.view(), c);
    // Generic decode agrees with the columns.
    auto recs = avro::read_container(first.span());
    ASSERT_TRUE(recs.has_value()) << recs.error().to_string();
    ASSERT_EQ(recs->size(), 300u);
    const avro::value& r7 = (*recs)[7];
    EXPECT_EQ(r7.field(2).branch_value().as_int(), 7000);
    EXPECT_EQ(r7.field(6).branch_value().as_string(), "");  // 7 % 7 = 0 chars: empty string
    EXPECT_EQ(r7.field(15).as_string(), "Y");
    EXPECT_EQ(avro::to_json(*s, (*recs)[0]).substr(0, 40),
              R"({"b":false,"i8":0,"i":null,"l":0,"f":0.0)");
    auto dec = avro::decimal_from_bytes(r7.field(9).as_bytes());
    ASSERT_TRUE(dec.has_value());
    EXPECT_TRUE(*dec == (static_cast<__int128>(7) << 80) - 12345);
    EXPECT_EQ(r7.field(11).as_string().size(), 36u);
    // Records -> batch -> records gives the same bytes.
    auto r = avro::container_reader::open(first.span());
    ASSERT_TRUE(r.has_value());
    auto back = avro::read_batch(*r, *plan);
    ASSERT_TRUE(back.has_value()) << back.error().to_string();
    EXPECT_EQ(back->length(), 300);
    byte_buffer second = write(*s, *plan, back->view(), c);
    EXPECT_TRUE(first.span() == second.span());
  }
}

TEST(AvroColumnarTest, RejectsMismatchesAndUnrepresentableNulls) {
  auto s =
      avro::schema::parse(R"({"type":"record","name":"r","fields":[{"name":"a","type":"long"}]})");
  ASSERT_TRUE(s.has_value());
  lakecodec::schema cols;
  cols.fields.emplace_back("a", types::string());
  auto bad = avro::columnar_plan::compile(*s, cols);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("column 'a' of type string cannot map to Avro long"),
            std::string::npos);
  cols.fields[0] = field("a", types::int64(), true);
  auto plan = avro::columnar_plan::compile(*s, cols);
  ASSERT_TRUE(plan.has_value());
  batch_builder b(cols);
  b.column(0).append_null();
  auto batch = b.finish();
  ASSERT_TRUE(batch.has_value());
  memory_sink sink;
  auto w = avro::container_writer::open(sink, *s);
  status st = avro::write_batch(*w, *plan, batch->view());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("null in column 'a'"), std::string::npos);
}
