// Test-only helper for the PyIceberg/fastavro interop tests (test_pyiceberg_interop.py):
//   tobytes TYPE JSON...        Appendix D binary form of each JSON single value, as hex
//   write DIR                   writes v1/v2/v3 manifests and manifest lists into DIR
//   rewrite IN.avro OUT.avro    decodes a manifest or manifest list and encodes it again

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "lakecodec/core/sink.hpp"
#include "lakecodec/iceberg.hpp"

namespace ice = lakecodec::iceberg;

namespace {
int fail(const lakecodec::status& s) {
  std::cerr << s.to_string() << "\n";
  return 1;
}

int tobytes(int argc, char** argv) {
  auto t = ice::parse_primitive_type(argv[2]);
  if (!t) return fail(t.error());
  for (int i = 3; i < argc; ++i) {
    auto j = ice::ordered_json::parse(argv[i], nullptr, false);
    auto v = ice::literal_from_json(*t, j);
    if (!v) return fail(v.error());
    auto b = ice::to_bytes(*t, *v);
    if (!b) return fail(b.error());
    std::cout << ice::to_hex(*b) << "\n";
  }
  return 0;
}

lakecodec::status write_file(const std::string& path, const lakecodec::byte_buffer& b) {
  lakecodec::file_sink_options fo;
  fo.overwrite = true;
  fo.sync = false;
  auto f = lakecodec::file_sink::open(path, fo);
  if (!f) return f.error();
  LAKECODEC_TRY(f->write(b.data(), b.size()));
  return f->close();
}

int write_all(const std::string& dir) {
  auto schema = ice::parse_schema(R"js({"type":"struct","schema-id":1,"fields":[
    {"id":1,"name":"id","required":true,"type":"long"},
    {"id":2,"name":"name","required":false,"type":"string"},
    {"id":3,"name":"ts","required":false,"type":"timestamptz"},
    {"id":4,"name":"price","required":false,"type":"decimal(9,2)"},
    {"id":5,"name":"d","required":false,"type":"date"},
    {"id":6,"name":"b","required":false,"type":"binary"}]})js");
  if (!schema) return fail(schema.error());
  ice::partition_spec spec;
  spec.spec_id = 0;
  spec.fields.push_back({3, {}, 1000, "ts_day", ice::parse_transform("day").value()});
  spec.fields.push_back({1, {}, 1001, "id_bucket", ice::parse_transform("bucket[16]").value()});
  spec.fields.push_back({2, {}, 1002, "name_trunc", ice::parse_transform("truncate[4]").value()});
  spec.fields.push_back({4, {}, 1003, "price", ice::parse_transform("identity").value()});
  for (int v = 1; v <= 3; ++v) {
    const std::string mpath = dir + "/m-v" + std::to_string(v) + ".avro";
    lakecodec::memory_sink sink;
    ice::manifest_writer_options o;
    o.format_version = v;
    o.schema = *schema;
    o.spec = spec;
    o.snapshot_id = 1234567890123;
    o.sequence_number = 3;
    o.manifest_path = mpath;
    auto w = ice::manifest_writer::open(sink, o);
    if (!w) return fail(w.error());
    for (int i = 0; i < 20; ++i) {
      ice::manifest_entry e;
      e.status = i % 5 == 4 ? ice::entry_status::existing : ice::entry_status::added;
      e.snapshot_id = 1234567890123;
      if (v >= 2 && e.status == ice::entry_status::existing) {
        e.sequence_number = 2;
        e.file_sequence_number = 2;
      }
      auto& f = e.data_file;
      f.file_path = "file:///warehouse/t/data/ts_day=2024-01-0" + std::to_string(i % 9 + 1) + "/f" +
                    std::to_string(i) + ".parquet";
      f.partition = {
          ice::literal::of_int(19723 + i % 9), ice::literal::of_int(i % 16),
          i % 7 == 0 ? ice::literal::null() : ice::literal::of_bytes("n" + std::to_string(i)),
          ice::literal::of_decimal(100 * i - 250)};
      f.record_count = 1000 + i;
      f.file_size_in_bytes = 50000 + 7 * i;
      f.column_sizes = ice::id_count_map{{1, 800 + i}, {2, 300}};
      f.value_counts = ice::id_count_map{{1, 1000 + i}, {2, 1000 + i}};
      f.null_value_counts = ice::id_count_map{{1, 0}, {2, i}};
      f.nan_value_counts = ice::id_count_map{};
      f.lower_bounds = ice::id_bytes_map{
          {1, ice::to_bytes(ice::types::long_(), ice::literal::of_int(-i)).value()}, {2, "aaa"}};
      f.upper_bounds = ice::id_bytes_map{
          {1, ice::to_bytes(ice::types::long_(), ice::literal::of_int(i * 1000)).value()},
          {2, "zzz"}};
      f.split_offsets = std::vector<int64_t>{4, 4000 + i};
      f.sort_order_id = 0;
      lakecodec::status st = w->add(e);
      if (!st.ok()) return fail(st);
    }
    auto mf = w->close();
    if (!mf) return fail(mf.error());
    lakecodec::status st = write_file(mpath, sink.buffer());
    if (!st.ok()) return fail(st);
    lakecodec::memory_sink lsink;
    ice::manifest_list_options lo;
    lo.format_version = v;
    lo.snapshot_id = 1234567890123;
    lo.parent_snapshot_id = 42;
    lo.sequence_number = 3;
    lo.first_row_id = 500;
    auto lw = ice::manifest_list_writer::open(lsink, lo);
    if (!lw) return fail(lw.error());
    st = lw->add(*mf);
    if (!st.ok()) return fail(st);
    st = lw->close();
    if (!st.ok()) return fail(st);
    st = write_file(dir + "/list-v" + std::to_string(v) + ".avro", lsink.buffer());
    if (!st.ok()) return fail(st);
  }
  return 0;
}

std::string header(const std::vector<std::pair<std::string, std::string>>& md, const char* key) {
  for (const auto& kv : md)
    if (kv.first == key) return kv.second;
  return {};
}

int rewrite(const std::string& in, const std::string& out) {
  auto bytes = lakecodec::read_file(in);
  if (!bytes) return fail(bytes.error());
  lakecodec::byte_span span(bytes->data(), bytes->size());
  auto is_list = ice::is_manifest_list(span);
  if (!is_list) return fail(is_list.error());
  lakecodec::memory_sink sink;
  if (*is_list) {
    auto l = ice::read_manifest_list(span);
    if (!l) return fail(l.error());
    ice::manifest_list_options lo;
    lo.format_version = l->format_version;
    lo.snapshot_id = std::atoll(header(l->metadata, "snapshot-id").c_str());
    const std::string parent = header(l->metadata, "parent-snapshot-id");
    if (!parent.empty() && parent != "null") lo.parent_snapshot_id = std::atoll(parent.c_str());
    lo.sequence_number = std::atoll(header(l->metadata, "sequence-number").c_str());
    lo.first_row_id = std::atoll(header(l->metadata, "first-row-id").c_str());
    auto w = ice::manifest_list_writer::open(sink, lo);
    if (!w) return fail(w.error());
    for (const auto& m : l->entries) {
      lakecodec::status st = w->add(m);
      if (!st.ok()) return fail(st);
    }
    lakecodec::status st = w->close();
    if (!st.ok()) return fail(st);
  } else {
    auto m = ice::read_manifest(span);
    if (!m) return fail(m.error());
    ice::manifest_writer_options o;
    o.format_version = m->format_version;
    o.content = m->content;
    o.partition_type = m->partition_type;
    const std::string schema_text = header(m->metadata, "schema");
    if (!schema_text.empty()) {
      auto s = ice::parse_schema(schema_text);
      if (s) o.schema = *s;
    }
    const std::string spec_text = header(m->metadata, "partition-spec");
    if (!spec_text.empty()) {
      auto j = ice::ordered_json::parse(spec_text, nullptr, false);
      if (j.is_array()) {
        auto fields = ice::partition_fields_from_json(j);
        if (fields) o.spec.fields = *fields;
      }
    }
    o.spec.spec_id = std::atoi(header(m->metadata, "partition-spec-id").c_str());
    auto w = ice::manifest_writer::open(sink, o);
    if (!w) return fail(w.error());
    for (const auto& e : m->entries) {
      lakecodec::status st = w->add(e);
      if (!st.ok()) return fail(st);
    }
    auto mf = w->close();
    if (!mf) return fail(mf.error());
  }
  lakecodec::status st = write_file(out, sink.buffer());
  return st.ok() ? 0 : fail(st);
}
}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "tobytes" && argc >= 3) return tobytes(argc, argv);
  if (cmd == "write" && argc == 3) return write_all(argv[2]);
  if (cmd == "rewrite" && argc == 4) return rewrite(argv[2], argv[3]);
  std::cerr << "usage: iceberg_interop_helper tobytes TYPE JSON... | write DIR | rewrite IN OUT\n";
  return 2;
}
