// Compile-time probe (bench/compile_time.sh): the docs/parquet.md example as one translation
// unit: core/builder.hpp + the parquet.hpp umbrella, writing one file.
#include <lakecodec/core/builder.hpp>
#include <lakecodec/parquet.hpp>

int main(int argc, char** argv) {
  using namespace lakecodec;
  schema s;
  s.fields.push_back(field("id", types::int64(), false, {}, 1));
  s.fields.push_back(field("name", types::string(), true, {}, 2));
  parquet::writer_options o;
  o.codec = compression::zstd;
  auto w = parquet::file_writer::create(argc > 1 ? argv[1] : "out.parquet", s, o);
  if (!w) return 1;
  batch_builder b(s);
  b.column(0).append_int(1);
  b.column("name")->append_bytes("ann");
  auto batch = b.finish();
  if (!batch || !(*w)->write(batch->view()).ok()) return 1;
  return (*w)->close().ok() ? 0 : 1;
}
