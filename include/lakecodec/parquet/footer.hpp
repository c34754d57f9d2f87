#pragma once
// Reading a Parquet footer (Parquet spec "File format"): magic, footer length, FileMetaData, and
// the page index (ColumnIndex/OffsetIndex) it points to, from memory or from any random-access
// source. Every length and offset is checked against the file size and the reader's limits
// before use; corrupt footers yield corrupt_data/truncated/limit_exceeded, never a crash.

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "lakecodec/core/buffer.hpp"
#include "lakecodec/core/config.hpp"
#include "lakecodec/core/limits.hpp"
#include "lakecodec/core/source.hpp"
#include "lakecodec/core/status.hpp"
#include "lakecodec/parquet/metadata.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// A decoded footer plus the page index of every column chunk (indexed [row group][column];
/// empty optionals where the file has none).
struct footer {
  file_meta_data metadata;
  uint32_t metadata_length = 0;
  uint64_t file_size = 0;
  std::vector<std::vector<std::optional<parquet::column_index>>> column_indexes;
  std::vector<std::vector<std::optional<parquet::offset_index>>> offset_indexes;
};

/// How read_footer reads.
struct footer_options {
  /// Also decode the ColumnIndex/OffsetIndex of every column chunk.
  bool page_index = true;
  /// Hostile-input limits: the bytes read for the footer and page index (max_allocation),
  /// thrift nesting, list sizes and binary lengths, and schema nesting (max_nesting_depth).
  lakecodec::limits limits;
};

namespace detail {

/// Checks the schema tree: num_children fits the elements that follow, leaves match the chunks,
/// nesting stays within `lim.max_nesting_depth`.
inline status check_schema_tree(const file_meta_data& md,
                                const lakecodec::limits& lim = lakecodec::limits{}) {
  if (md.schema.empty()) return corrupt_data("parquet: footer has an empty schema");
  size_t pos = 0, leaves = 0;
  struct frame {
    int64_t remaining;
  };
  std::vector<frame> stack;
  const int32_t root_children = md.schema[0].num_children.value_or(0);
  if (root_children < 0 || static_cast<size_t>(root_children) >= md.schema.size() + 1)
    return corrupt_data("parquet: root has " + std::to_string(root_children) +
                        " children but the schema has " + std::to_string(md.schema.size()) +
                        " elements");
  stack.push_back({root_children});
  pos = 1;
  while (!stack.empty()) {
    if (stack.back().remaining == 0) {
      stack.pop_back();
      continue;
    }
    if (pos >= md.schema.size())
      return corrupt_data("parquet: schema declares more children than it has elements");
    --stack.back().remaining;
    const schema_element& e = md.schema[pos++];
    const int32_t nc = e.num_children.value_or(0);
    if (nc < 0)
      return corrupt_data("parquet: schema element '" + e.name + "' has negative num_children");
    if (nc > 0) {
      if (stack.size() >= static_cast<size_t>(lim.max_nesting_depth))
        return limit_exceeded("parquet: schema nests deeper than " +
                              std::to_string(lim.max_nesting_depth));
      if (static_cast<size_t>(nc) > md.schema.size() - pos)
        return corrupt_data("parquet: schema element '" + e.name + "' has " + std::to_string(nc) +
                            " children, only " + std::to_string(md.schema.size() - pos) +
                            " elements follow");
      stack.push_back({nc});
    } else {
      if (!e.type) return corrupt_data("parquet: leaf '" + e.name + "' has no physical type");
      ++leaves;
    }
  }
  if (pos != md.schema.size()) return corrupt_data("parquet: schema has elements outside the tree");
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    if (md.row_groups[g].columns.size() != leaves)
      return corrupt_data("parquet: row group " + std::to_string(g) + " has " +
                          std::to_string(md.row_groups[g].columns.size()) + " column chunks for " +
                          std::to_string(leaves) + " leaves");
    if (md.row_groups[g].num_rows < 0)
      return corrupt_data("parquet: row group " + std::to_string(g) + " has a negative row count");
  }
  if (md.num_rows < 0) return corrupt_data("parquet: negative num_rows");
  return {};
}

}  // namespace detail

/// Decodes the FileMetaData from the last bytes of a file. `tail` holds the file's last
/// `tail.size` bytes (the whole file works); `file_size` is the full size, so that length checks
/// can tell "footer longer than the file" from "tail too short" (then truncated, with the bytes
/// needed in the message). Parquet spec "File format". The thrift decoding and the schema tree
/// are checked against `lim`.
inline status decode_footer(byte_span tail, uint64_t file_size, footer& out,
                            const lakecodec::limits& lim = lakecodec::limits{}) {
  if (file_size < 12 || tail.size < 8)
    return corrupt_data("parquet: file of " + std::to_string(file_size) +
                        " bytes is too small (at least 12 needed)");
  const uint8_t* end = tail.data + tail.size;
  if (std::memcmp(end - 4, "PARE", 4) == 0)
    return unsupported("parquet: encrypted footers (PARE) are not supported");
  if (std::memcmp(end - 4, "PAR1", 4) != 0)
    return corrupt_data("parquet: file does not end with the magic PAR1",
                        static_cast<int64_t>(file_size - 4));
  const uint32_t len = load_le<uint32_t>(end - 8);
  if (static_cast<uint64_t>(len) + 12 > file_size)
    return corrupt_data("parquet: footer length " + std::to_string(len) +
                            " exceeds the file size " + std::to_string(file_size),
                        static_cast<int64_t>(file_size - 8));
  if (static_cast<uint64_t>(len) + 8 > tail.size)
    return truncated_input("parquet: footer needs " + std::to_string(len + 8) +
                           " tail bytes, got " + std::to_string(tail.size));
  const uint64_t md_start = file_size - 8 - len;
  out.metadata_length = len;
  out.file_size = file_size;
  LAKECODEC_TRY(deserialize(byte_span(end - 8 - len, len), out.metadata, nullptr,
                            static_cast<int64_t>(md_start), lim));
  return detail::check_schema_tree(out.metadata, lim);
}

namespace detail {

/// Decodes the ColumnIndex and OffsetIndex of every column chunk (parquet.thrift `ColumnChunk`
/// column_index_offset/_length and offset_index_offset/_length; Parquet "Page Index") into
/// `f.column_indexes` / `f.offset_indexes`. `region` holds the file's bytes [base, base +
/// region.size). Each index must lie between the leading magic and the footer (offset >= 4, end
/// <= file_size - 8 - metadata_length) and inside `region`; otherwise corrupt_data naming the
/// index, its offset and length.
inline status decode_page_index(footer& f, byte_span region, uint64_t base,
                                const lakecodec::limits& lim = lakecodec::limits{}) {
  const uint64_t limit = f.file_size - 8 - f.metadata_length;
  f.column_indexes.assign(f.metadata.row_groups.size(), {});
  f.offset_indexes.assign(f.metadata.row_groups.size(), {});
  auto span_of = [&](int64_t off, int32_t len, const char* what, byte_span& out) -> status {
    const uint64_t end = static_cast<uint64_t>(off) + static_cast<uint64_t>(len);
    if (off < 4 || len < 0 || end > limit)
      return corrupt_data(std::string("parquet: ") + what + " at " + std::to_string(off) + " (" +
                              std::to_string(len) + " bytes) lies outside the data region",
                          off);
    if (static_cast<uint64_t>(off) < base || end - base > region.size)
      return corrupt_data(std::string("parquet: ") + what + " at " + std::to_string(off) + " (" +
                              std::to_string(len) + " bytes) lies outside the bytes read",
                          off);
    out = region.subspan(static_cast<size_t>(static_cast<uint64_t>(off) - base),
                         static_cast<size_t>(len));
    return {};
  };
  for (size_t g = 0; g < f.metadata.row_groups.size(); ++g) {
    const row_group& rg = f.metadata.row_groups[g];
    f.column_indexes[g].resize(rg.columns.size());
    f.offset_indexes[g].resize(rg.columns.size());
    for (size_t c = 0; c < rg.columns.size(); ++c) {
      const column_chunk& cc = rg.columns[c];
      byte_span s;
      if (cc.column_index_offset && cc.column_index_length) {
        LAKECODEC_TRY(span_of(*cc.column_index_offset, *cc.column_index_length, "column index", s));
        column_index ci;
        LAKECODEC_TRY(deserialize(s, ci, nullptr, *cc.column_index_offset, lim));
        f.column_indexes[g][c] = std::move(ci);
      }
      if (cc.offset_index_offset && cc.offset_index_length) {
        LAKECODEC_TRY(span_of(*cc.offset_index_offset, *cc.offset_index_length, "offset index", s));
        offset_index oi;
        LAKECODEC_TRY(deserialize(s, oi, nullptr, *cc.offset_index_offset, lim));
        f.offset_indexes[g][c] = std::move(oi);
      }
    }
  }
  return {};
}

}  // namespace detail

/// Decodes the footer (and, with options.page_index, the page index) of a whole file held in
/// memory, checked against options.limits.
inline result<footer> read_footer(byte_span file, const footer_options& options) {
  footer f;
  if (file.size >= 4 && std::memcmp(file.data, "PAR1", 4) != 0)
    return corrupt_data("parquet: file does not start with the magic PAR1", 0);
  LAKECODEC_TRY(decode_footer(file, file.size, f, options.limits));
  if (!options.page_index) return f;
  LAKECODEC_TRY(detail::decode_page_index(f, file, 0, options.limits));
  return f;
}

/// Decodes the footer and page index of a whole file held in memory (default limits).
inline result<footer> read_footer(byte_span file, bool page_index = true) {
  footer_options o;
  o.page_index = page_index;
  return read_footer(file, o);
}

/// Reads the footer (and page index) from a random-access source without touching the data
/// pages: the leading magic, the last 8 bytes, then one read of the footer and the page index
/// before it. Refuses with limit_exceeded a region larger than options.limits.max_allocation;
/// the source's errors (a short read names the offset and the size) are returned as they are.
inline result<footer> read_footer(const source& src, const footer_options& options = {}) {
  const uint64_t size = src.size();
  if (size < 12)
    return corrupt_data("parquet: file of " + std::to_string(size) +
                        " bytes is too small (at least 12 needed)");
  byte_buffer head;
  LAKECODEC_TRY(src.read_at(0, 4, head));
  if (std::memcmp(head.data(), "PAR1", 4) != 0)
    return corrupt_data("parquet: file does not start with the magic PAR1", 0);
  byte_buffer tail;
  LAKECODEC_TRY(src.read_at(size - 8, 8, tail));
  const uint32_t len = load_le<uint32_t>(tail.data());
  const uint64_t max_read = static_cast<uint64_t>(options.limits.max_allocation);
  uint64_t want = 8;
  if (std::memcmp(tail.data() + 4, "PAR1", 4) == 0 && static_cast<uint64_t>(len) + 12 <= size) {
    want = static_cast<uint64_t>(len) + 8;
    if (options.page_index && want <= max_read) {
      // include the page index region (it precedes the footer)
      uint64_t lowest = size - want;
      footer probe;
      byte_buffer t2;
      LAKECODEC_TRY(src.read_at(size - want, static_cast<size_t>(want), t2));
      if (decode_footer(t2.span(), size, probe, options.limits).ok()) {
        for (const auto& rg : probe.metadata.row_groups)
          for (const auto& cc : rg.columns) {
            if (cc.column_index_offset && *cc.column_index_offset >= 4 &&
                static_cast<uint64_t>(*cc.column_index_offset) < lowest)
              lowest = static_cast<uint64_t>(*cc.column_index_offset);
            if (cc.offset_index_offset && *cc.offset_index_offset >= 4 &&
                static_cast<uint64_t>(*cc.offset_index_offset) < lowest)
              lowest = static_cast<uint64_t>(*cc.offset_index_offset);
          }
      }
      want = size - lowest;
    }
  }
  if (want > max_read)
    return limit_exceeded("parquet: footer region of " + std::to_string(want) +
                          " bytes exceeds the allocation limit " + std::to_string(max_read));
  byte_buffer region;
  LAKECODEC_TRY(src.read_at(size - want, static_cast<size_t>(want), region));
  footer f;
  LAKECODEC_TRY(decode_footer(region.span(), size, f, options.limits));
  if (!options.page_index) return f;
  LAKECODEC_TRY(detail::decode_page_index(f, region.span(), size - want, options.limits));
  return f;
}

/// Reads the footer (and page index) of the file at `path` through a file_source.
inline result<footer> read_footer_file(const std::string& path, const footer_options& options) {
  LAKECODEC_ASSIGN_OR_RETURN(file_source src, file_source::open(path));
  return read_footer(src, options);
}

/// Reads the footer (and page index) of the file at `path` without reading its data pages.
inline result<footer> read_footer_file(const std::string& path, bool page_index = true) {
  footer_options o;
  o.page_index = page_index;
  return read_footer_file(path, o);
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END
