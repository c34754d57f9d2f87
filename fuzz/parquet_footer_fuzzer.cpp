// Fuzzes the Parquet footer reader (magic, length, FileMetaData, page index) and the page-header
// decoder on arbitrary bytes. Oracle: no crash/UB under ASan+UBSan; decoded footers re-encode to
// bytes that decode to the same re-encoding (decode -> encode -> decode is stable); reading
// through a memory_source gives the same footer as reading the span.
#include <cstdint>
#include <cstdlib>

#include "fuzz_limits.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lakecodec::byte_span in(data, size);
  pq::footer_options fo;
  fo.limits = lakecodec_fuzz::fuzz_limits();
  auto f = pq::read_footer(in, fo);
  const lakecodec::memory_source mem(in);
  auto fs = pq::read_footer(mem, fo);
  if (f.ok() != fs.ok()) std::abort();
  if (f.ok()) {
    lakecodec::byte_buffer a, b;
    pq::serialize(f->metadata, a);
    pq::file_meta_data again;
    if (!pq::deserialize(a.span(), again, nullptr, 0, fo.limits).ok()) std::abort();
    pq::serialize(again, b);
    if (!(a.span() == b.span())) std::abort();
    lakecodec::byte_buffer c;
    pq::serialize(fs->metadata, c);
    if (!(a.span() == c.span())) std::abort();
  }
  pq::page_header h;
  (void)pq::deserialize(in, h, nullptr, 0, fo.limits);
  pq::column_index ci;
  (void)pq::deserialize(in, ci, nullptr, 0, fo.limits);
  pq::offset_index oi;
  (void)pq::deserialize(in, oi, nullptr, 0, fo.limits);
  return 0;
}
