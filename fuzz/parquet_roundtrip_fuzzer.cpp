// Write-then-decode round trip: the input bytes choose writer options (codec, page version,
// dictionary, CRC, page index, DELTA_BYTE_ARRAY, ENUM, INT96 timestamps, limits) and the values of
// a batch (nullable int32, string, double, list<int64>, struct, timestamp); the file is written
// twice to memory and must be byte-identical (deterministic), its footer must decode, row counts
// and per-chunk level counts must add up, every page header in every chunk must decode and chain
// exactly to the chunk's end, the offset index must list exactly the data pages walked, and the
// SizeStatistics histograms must sum to the chunk's level count (per page in the page index).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_limits.hpp"
#include "lakecodec/core/builder.hpp"
#include "lakecodec/parquet.hpp"

namespace pq = lakecodec::parquet;
using namespace lakecodec;

namespace {

struct input {
  const uint8_t* p;
  size_t n;
  uint8_t byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
};

void check(bool ok) {
  if (!ok) std::abort();
}

schema fuzz_schema() {
  schema s;
  s.fields.push_back(field("i", types::int32(), true, {}, 1));
  s.fields.push_back(field("s", types::string(), true, {}, 2));
  s.fields.push_back(field("d", types::float64(), false, {}, 3));
  s.fields.push_back(list_field("l", field("element", types::int64(), true, {}, 5)));
  s.fields.push_back(struct_field(
      "st", {field("a", types::int32(), true, {}, 7), field("b", types::binary(), false, {}, 8)}));
  s.fields.push_back(field("ts", types::timestamp(time_unit::nano, false), true, {}, 9));
  return s;
}

byte_buffer write_once(const owned_batch& b, const pq::writer_options& o) {
  memory_sink sink;
  auto w = pq::file_writer::open(sink, fuzz_schema(), o);
  check(w.ok());
  check((*w)->write(b.view()).ok());
  auto sum = (*w)->close();
  check(sum.ok());
  return sink.take();
}

int64_t sum(const std::vector<int64_t>& v, size_t from, size_t n) {
  int64_t s = 0;
  for (size_t k = from; k < from + n; ++k) s += v[k];
  return s;
}

/// Histograms sum to the chunk's level count; per-page ones (column index) have one entry per
/// level and page and add up to the chunk's; per-page unencoded bytes add up to the chunk's.
void check_size_statistics(const pq::footer& f, size_t g, size_t c, size_t pages) {
  const auto& m = *f.metadata.row_groups[g].columns[c].meta_data;
  if (!m.size_statistics) return;
  const auto& ss = *m.size_statistics;
  const auto& rep = *ss.repetition_level_histogram;
  const auto& def = *ss.definition_level_histogram;
  if (!rep.empty()) check(sum(rep, 0, rep.size()) == m.num_values);
  if (!def.empty()) check(sum(def, 0, def.size()) == m.num_values);
  if (!rep.empty()) check(rep[0] == f.metadata.row_groups[g].num_rows);
  const auto& ci = f.column_indexes[g][c];
  if (ci && ci->definition_level_histograms) {
    const auto& h = *ci->definition_level_histograms;
    check(h.size() == def.size() * pages);
    for (size_t k = 0; k < def.size(); ++k) {
      int64_t t = 0;
      for (size_t p = 0; p < pages; ++p) t += h[p * def.size() + k];
      check(t == def[k]);
    }
  }
  const auto& oi = f.offset_indexes[g][c];
  if (oi && oi->unencoded_byte_array_data_bytes) {
    const auto& u = *oi->unencoded_byte_array_data_bytes;
    check(u.size() == pages);
    check(sum(u, 0, u.size()) == *ss.unencoded_byte_array_data_bytes);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  input in{data, size};
  pq::writer_options o;
  const uint8_t flags = in.byte();
  static const compression codecs[] = {compression::none, compression::snappy, compression::gzip,
                                       compression::zstd};
  o.codec = codecs[flags & 3];
  o.page_version = (flags & 4) ? 2 : 1;
  o.dictionary = (flags & 8) == 0;
  o.page_checksum = (flags & 16) != 0;
  o.page_index = (flags & 32) == 0;
  if (flags & 64) {
    pq::column_options co;
    co.encoding = pq::encoding::delta_byte_array;
    o.columns.emplace_back("s", co);
    o.columns.emplace_back("st.b", co);
  }
  if (flags & 128) {
    o.schema.enum_columns = {"s"};
    o.schema.int96_columns = {"ts"};
  }
  o.data_page_size = 64 + in.byte() * 16;
  o.max_rows_per_page = 1 + in.byte();
  o.row_group_rows = 1 + in.byte() * 4;
  o.dictionary_page_size = 16 + in.byte() * 8;
  batch_builder bb(fuzz_schema());
  int64_t rows = 0;
  while (in.n > 0 && rows < 4096) {
    const uint8_t k = in.byte(), v = in.byte();
    if (k & 1)
      bb.column(0).append_null();
    else
      bb.column(0).append_int(static_cast<int8_t>(v));
    if (k & 2)
      bb.column(1).append_null();
    else
      bb.column(1).append_bytes(std::string(v % 7, static_cast<char>('a' + (k % 26))));
    bb.column(2).append_float((k & 4) ? std::nan("") : v * 0.5 - 3);
    if (k & 8) {
      bb.column(3).append_null();
    } else {
      bb.column(3).begin_list();
      for (int e = 0; e < (v % 4); ++e) {
        if ((k >> 4) & 1 && e == 1)
          bb.column(3).child(0).append_null();
        else
          bb.column(3).child(0).append_int(v * e);
      }
      bb.column(3).end_list();
    }
    if (k & 64) {
      bb.column(4).append_null();
    } else {
      bb.column(4).append_struct();
      if (k & 128)
        bb.column(4).child(0).append_null();
      else
        bb.column(4).child(0).append_int(k);
      bb.column(4).child(1).append_bytes(std::string(1, static_cast<char>(v)));
    }
    if (k & 2)
      bb.column(5).append_null();
    else
      bb.column(5).append_int((int64_t{v} - 128) * 86399999999999 + k);
    ++rows;
  }
  auto batch = bb.finish();
  check(batch.ok());
  const byte_buffer a = write_once(*batch, o);
  const byte_buffer b = write_once(*batch, o);
  check(a.span() == b.span());
  pq::footer_options fo;
  fo.limits = lakecodec_fuzz::fuzz_limits();
  auto f = pq::read_footer(a.span(), fo);
  check(f.ok());
  check(f->metadata.num_rows == rows);
  int64_t rg_rows = 0;
  for (size_t g = 0; g < f->metadata.row_groups.size(); ++g) {
    const auto& rg = f->metadata.row_groups[g];
    rg_rows += rg.num_rows;
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const auto& m = *rg.columns[c].meta_data;
      int64_t pos = m.dictionary_page_offset.value_or(m.data_page_offset);
      const int64_t end = pos + m.total_compressed_size;
      int64_t levels = 0;
      size_t data_pages = 0;
      while (pos < end) {
        pq::page_header h;
        size_t used = 0;
        check(pq::deserialize(
                  a.span().subspan(static_cast<size_t>(pos), static_cast<size_t>(end - pos)), h,
                  &used)
                  .ok());
        if (h.type != pq::page_type::dictionary_page) {
          if (o.page_index)
            check(f->offset_indexes[g][c]->page_locations[data_pages].offset == pos);
          ++data_pages;
          levels += h.data_page_header ? h.data_page_header->num_values
                                       : h.data_page_header_v2->num_values;
        }
        if (h.crc) {
          const uint8_t* payload = a.data() + pos + used;
          check(static_cast<int32_t>(crc32(payload, static_cast<size_t>(h.compressed_page_size))) ==
                *h.crc);
        }
        pos += static_cast<int64_t>(used) + h.compressed_page_size;
      }
      check(pos == end);
      check(levels == m.num_values);
      if (o.page_index) check(f->offset_indexes[g][c]->page_locations.size() == data_pages);
      check_size_statistics(*f, g, c, data_pages);
    }
  }
  check(rg_rows == rows);
  return 0;
}
