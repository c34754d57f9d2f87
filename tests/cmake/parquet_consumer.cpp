// The docs/parquet.md "Writing from C++" example as a consumer builds it: a core header and a
// format umbrella in one translation unit, writing one file. Built against the installed tree
// (include/) and against the installed single headers (include/lakecodec/single/), so an install
// that replaced the umbrella headers with the generated ones fails here.
// Usage: parquet_consumer <out.parquet>
#ifdef LAKECODEC_CONSUMER_INSTALLED_SINGLE
#include <lakecodec/single/core.hpp>
#include <lakecodec/single/parquet.hpp>
#else
#include <lakecodec/core/builder.hpp>
#include <lakecodec/parquet.hpp>
#endif

#include <cstdio>
#include <string>

namespace {

lakecodec::status run(const std::string& path) {
  using namespace lakecodec;
  schema s;
  s.fields.push_back(field("id", types::int64(), /*nullable=*/false, {}, /*field_id=*/1));
  s.fields.push_back(field("name", types::string(), true, {}, 2));
  parquet::writer_options o;
  o.codec = compression::zstd;
  o.compression_level = 3;
  auto w = parquet::file_writer::create(path, s, o);
  if (!w) return w.error();
  batch_builder b(s);
  for (int i = 0; i < 3; ++i) {
    b.column(0).append_int(i);
    if (i == 1) {
      b.column("name")->append_null();
    } else {
      b.column("name")->append_bytes("row" + std::to_string(i));
    }
  }
  auto batch = b.finish();
  if (!batch) return batch.error();
  LAKECODEC_TRY((*w)->write(batch->view()));
  auto summary = (*w)->close();
  if (!summary) return summary.error();
  if (summary->row_count != 3 || summary->columns.size() != 2 ||
      summary->columns[1].stats.null_count != 1) {
    return status(errc::internal, "unexpected summary");
  }
  std::printf("parquet consumer ok: %s, %llu bytes, %lld rows\n", path.c_str(),
              static_cast<unsigned long long>(summary->file_size),
              static_cast<long long>(summary->row_count));
  return status();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return std::printf("usage: parquet_consumer <out.parquet>\n"), 2;
  const lakecodec::status st = run(argv[1]);
  if (!st.ok()) return std::printf("parquet consumer: %s\n", st.to_string().c_str()), 1;
  return 0;
}
