#pragma once
// The table and rows the data-file tests write: every primitive Iceberg type, a struct, a list
// and a map, with nulls, NaNs, a negative zero and strings longer than 16 code points.

#include <dirent.h>

#include <cmath>
#include <string>
#include <vector>

#include "lakecodec/core/builder.hpp"
#include "lakecodec/iceberg/data_files.hpp"

namespace data_files_fixture {

namespace ice = lakecodec::iceberg;

inline ice::schema table_schema() {
  return ice::parse_schema(R"js({"type":"struct","schema-id":0,"fields":[
    {"id":1,"name":"b","required":false,"type":"boolean"},
    {"id":2,"name":"i","required":true,"type":"int"},
    {"id":3,"name":"l","required":false,"type":"long"},
    {"id":4,"name":"f","required":false,"type":"float"},
    {"id":5,"name":"d","required":false,"type":"double"},
    {"id":6,"name":"dec","required":false,"type":"decimal(9,2)"},
    {"id":7,"name":"day","required":false,"type":"date"},
    {"id":8,"name":"t","required":false,"type":"time"},
    {"id":9,"name":"ts","required":false,"type":"timestamp"},
    {"id":10,"name":"tstz","required":false,"type":"timestamptz"},
    {"id":11,"name":"tsns","required":false,"type":"timestamp_ns"},
    {"id":12,"name":"s","required":false,"type":"string"},
    {"id":13,"name":"u","required":false,"type":"uuid"},
    {"id":14,"name":"fx","required":false,"type":"fixed[4]"},
    {"id":15,"name":"bin","required":false,"type":"binary"},
    {"id":16,"name":"st","required":false,"type":{"type":"struct","fields":[
      {"id":17,"name":"a","required":false,"type":"int"},
      {"id":18,"name":"b","required":false,"type":"string"}]}},
    {"id":19,"name":"tags","required":false,"type":{"type":"list","element-id":20,
      "element-required":false,"element":"string"}},
    {"id":21,"name":"props","required":false,"type":{"type":"map","key-id":22,"key":"string",
      "value-id":23,"value-required":false,"value":"long"}}]})js")
      .value();
}

inline const std::string long_min = "abcdefghijklmnopqrstuvwxyz";
inline const std::string long_max = "zz\xE2\x98\x83" + [] {
  std::string e;
  for (int k = 0; k < 17; ++k) e += "\xC3\xA9";  // é
  return e;
}();

/// Four rows: full values, all nulls, edge values, NaNs and partly null nested values.
inline lakecodec::owned_batch table_rows() {
  auto cs = ice::to_columnar_schema(table_schema()).value();
  lakecodec::batch_builder b(cs);
  auto col = [&](size_t k) -> lakecodec::column_builder& { return b.column(k); };
  // row 0
  col(0).append_bool(true);
  col(1).append_int(1);
  col(2).append_int(-5);
  col(3).append_float(1.5);
  col(4).append_float(std::nan(""));
  col(5).append_decimal(12345);
  col(6).append_int(19000);
  col(7).append_int(3600000000LL);
  col(8).append_int(1700000000000000LL);
  col(9).append_int(1700000000000001LL);
  col(10).append_int(1700000000000000123LL);
  col(11).append_bytes(long_min);
  col(12).append_bytes(std::string(16, '\x01'));
  col(13).append_bytes("abcd");
  col(14).append_bytes(std::string("\x00\xff", 2));
  col(15).append_struct();
  col(15).child(0).append_int(7);
  col(15).child(1).append_bytes("x");
  col(16).begin_list();
  col(16).child(0).append_bytes("p");
  col(16).child(0).append_bytes("q");
  col(16).end_list();
  col(17).begin_list();
  col(17).child(0).append_bytes("k1");
  col(17).child(1).append_int(1);
  col(17).end_list();
  // row 1: every optional column null
  for (size_t k = 0; k < 18; ++k) {
    if (k == 1)
      col(k).append_int(2);
    else
      col(k).append_null();
  }
  // row 2
  col(0).append_bool(false);
  col(1).append_int(3);
  col(2).append_int(9);
  col(3).append_float(-0.0);
  col(4).append_float(2.5);
  col(5).append_decimal(-99);
  col(6).append_int(-1);
  col(7).append_int(0);
  col(8).append_int(-1);
  col(9).append_int(0);
  col(10).append_int(5);
  col(11).append_bytes(long_max);
  col(12).append_bytes(std::string(16, '\xff'));
  col(13).append_bytes("zzzz");
  col(14).append_bytes("");
  col(15).append_struct();
  col(15).child(0).append_null();
  col(15).child(1).append_bytes("y");
  col(16).begin_list();
  col(16).end_list();
  col(17).begin_list();
  col(17).end_list();
  // row 3
  col(0).append_bool(true);
  col(1).append_int(-4);
  col(2).append_int(0);
  col(3).append_float(std::nan(""));
  col(4).append_float(-1e300);
  col(5).append_decimal(0);
  col(6).append_int(0);
  col(7).append_int(86399999999LL);
  col(8).append_int(0);
  col(9).append_int(-1700000000000000LL);
  col(10).append_int(-5);
  col(11).append_bytes("b");
  col(12).append_bytes(std::string(16, '\x7f'));
  col(13).append_bytes("mmmm");
  col(14).append_bytes("\x01");
  col(15).append_struct();
  col(15).child(0).append_int(-3);
  col(15).child(1).append_null();
  col(16).begin_list();
  col(16).child(0).append_bytes("r");
  col(16).child(0).append_null();
  col(16).end_list();
  col(17).begin_list();
  col(17).child(0).append_bytes("k2");
  col(17).child(1).append_null();
  col(17).child(0).append_bytes("k3");
  col(17).child(1).append_int(3);
  col(17).end_list();
  return b.finish().value();
}

/// Names in `dir` (hidden temporaries included), "." and ".." left out.
inline std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") out.push_back(name);
  }
  closedir(d);
  return out;
}

/// Writes the rows as one data file in the format `props` choose; returns its manifest entry.
inline lakecodec::result<ice::data_file> write_rows(const ice::string_map& props,
                                                    const std::string& path,
                                                    lakecodec::data_file_info* info_out = nullptr) {
  const ice::schema s = table_schema();
  LAKECODEC_ASSIGN_OR_RETURN(ice::data_file_settings settings,
                             ice::data_file_settings_from(props, s));
  LAKECODEC_ASSIGN_OR_RETURN(auto w, ice::make_data_file_writer(settings, path));
  lakecodec::owned_batch rows = table_rows();
  LAKECODEC_TRY(w->write(rows.view()));
  LAKECODEC_ASSIGN_OR_RETURN(lakecodec::data_file_info info, w->close());
  if (info_out != nullptr) *info_out = info;
  return ice::to_data_file(info, s, settings.metrics);
}

}  // namespace data_files_fixture
