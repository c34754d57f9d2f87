// Fuzzes the Parquet footer reader (magic, length, FileMetaData, page index) and the page-header
// decoder on arbitrary bytes. Oracle: no crash/UB under ASan+UBSan; decoded footers re-encode to
// bytes that decode to the same re-encoding (decode -> encode -> decode is stable).
#include <cstdint>
#include <cstdlib>

#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lakecodec::byte_span in(data, size);
  auto f = pq::read_footer(in);
  if (f.ok()) {
    lakecodec::byte_buffer a, b;
    pq::serialize(f->metadata, a);
    pq::file_meta_data again;
    if (!pq::deserialize(a.span(), again).ok()) std::abort();
    pq::serialize(again, b);
    if (!(a.span() == b.span())) std::abort();
  }
  pq::page_header h;
  (void)pq::deserialize(in, h);
  pq::column_index ci;
  (void)pq::deserialize(in, ci);
  pq::offset_index oi;
  (void)pq::deserialize(in, oi);
  return 0;
}
