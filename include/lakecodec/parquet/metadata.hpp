#pragma once
// The Parquet footer and page-header structures (parquet.thrift; parquet_avro.md A3) with their
// compact-protocol encoders and decoders. Enums are kept as int32_t so unknown values written by
// newer writers survive a decode.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lakecodec/core/config.hpp"
#include "lakecodec/parquet/thrift.hpp"

LAKECODEC_NAMESPACE_BEGIN
namespace parquet {

/// parquet.thrift `Type`.
struct physical_type {
  enum : int32_t {
    boolean = 0,
    int32 = 1,
    int64 = 2,
    int96 = 3,
    float_ = 4,
    double_ = 5,
    byte_array = 6,
    fixed_len_byte_array = 7,
  };
};
/// parquet.thrift `FieldRepetitionType`.
struct repetition {
  enum : int32_t { required = 0, optional = 1, repeated = 2 };
};
/// parquet.thrift `Encoding`.
struct encoding {
  enum : int32_t {
    plain = 0,
    plain_dictionary = 2,
    rle = 3,
    bit_packed = 4,
    delta_binary_packed = 5,
    delta_length_byte_array = 6,
    delta_byte_array = 7,
    rle_dictionary = 8,
    byte_stream_split = 9,
  };
};
/// parquet.thrift `CompressionCodec`.
struct codec {
  enum : int32_t {
    uncompressed = 0,
    snappy = 1,
    gzip = 2,
    lzo = 3,
    brotli = 4,
    lz4 = 5,
    zstd = 6,
    lz4_raw = 7
  };
};
/// parquet.thrift `PageType`.
struct page_type {
  enum : int32_t { data_page = 0, index_page = 1, dictionary_page = 2, data_page_v2 = 3 };
};
/// parquet.thrift `ConvertedType`.
struct converted_type {
  enum : int32_t {
    ct_utf8 = 0,
    ct_map = 1,
    ct_map_key_value = 2,
    ct_list = 3,
    ct_enum = 4,
    ct_decimal = 5,
    ct_date = 6,
    ct_time_millis = 7,
    ct_time_micros = 8,
    ct_timestamp_millis = 9,
    ct_timestamp_micros = 10,
    ct_uint_8 = 11,
    ct_uint_16 = 12,
    ct_uint_32 = 13,
    ct_uint_64 = 14,
    ct_int_8 = 15,
    ct_int_16 = 16,
    ct_int_32 = 17,
    ct_int_64 = 18,
    ct_json = 19,
    ct_bson = 20,
    ct_interval = 21,
  };
};
/// parquet.thrift `BoundaryOrder`.
struct boundary_order {
  enum : int32_t { unordered = 0, ascending = 1, descending = 2 };
};

/// Names for printing ("INT64", "RLE_DICTIONARY", ...); "UNKNOWN(n)" otherwise.
inline std::string physical_type_name(int32_t t) {
  static const char* n[] = {"BOOLEAN", "INT32",  "INT64",      "INT96",
                            "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return t >= 0 && t < 8 ? n[t] : "UNKNOWN(" + std::to_string(t) + ")";
}
inline std::string encoding_name(int32_t e) {
  static const char* n[] = {"PLAIN",
                            "GROUP_VAR_INT",
                            "PLAIN_DICTIONARY",
                            "RLE",
                            "BIT_PACKED",
                            "DELTA_BINARY_PACKED",
                            "DELTA_LENGTH_BYTE_ARRAY",
                            "DELTA_BYTE_ARRAY",
                            "RLE_DICTIONARY",
                            "BYTE_STREAM_SPLIT",
                            "ALP"};
  return e >= 0 && e < 11 ? n[e] : "UNKNOWN(" + std::to_string(e) + ")";
}
inline std::string codec_name(int32_t c) {
  static const char* n[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                            "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  return c >= 0 && c < 8 ? n[c] : "UNKNOWN(" + std::to_string(c) + ")";
}
inline std::string page_type_name(int32_t p) {
  static const char* n[] = {"DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"};
  return p >= 0 && p < 4 ? n[p] : "UNKNOWN(" + std::to_string(p) + ")";
}
inline std::string repetition_name(int32_t r) {
  static const char* n[] = {"REQUIRED", "OPTIONAL", "REPEATED"};
  return r >= 0 && r < 3 ? n[r] : "UNKNOWN(" + std::to_string(r) + ")";
}
inline std::string converted_type_name(int32_t c) {
  static const char* n[] = {"UTF8",
                            "MAP",
                            "MAP_KEY_VALUE",
                            "LIST",
                            "ENUM",
                            "DECIMAL",
                            "DATE",
                            "TIME_MILLIS",
                            "TIME_MICROS",
                            "TIMESTAMP_MILLIS",
                            "TIMESTAMP_MICROS",
                            "UINT_8",
                            "UINT_16",
                            "UINT_32",
                            "UINT_64",
                            "INT_8",
                            "INT_16",
                            "INT_32",
                            "INT_64",
                            "JSON",
                            "BSON",
                            "INTERVAL"};
  return c >= 0 && c < 22 ? n[c] : "UNKNOWN(" + std::to_string(c) + ")";
}

using thrift::compact_reader;
using thrift::compact_writer;
using thrift::ctype;
using thrift::read_field;
using thrift::read_struct;
using thrift::write_field;

/// KeyValue (parquet.thrift).
struct key_value : thrift::struct_base {
  std::string key;
  std::optional<std::string> value;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, key);
    write_field(w, 2, value);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "KeyValue", 1u << 1, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, key);
        case 2: return read_field(r, t, value);
        default: return r.skip(t);
      }
    });
  }
};

/// LogicalType union (parquet.thrift). `kind` is the union member's field id (1 STRING, 2 MAP, 3
/// LIST, 4 ENUM, 5 DECIMAL, 6 DATE, 7 TIME, 8 TIMESTAMP, 10 INTEGER, 11 UNKNOWN, 12 JSON, 13 BSON,
/// 14 UUID, 15 FLOAT16, ...); the parameters apply to the kinds that have them.
struct logical_type : thrift::struct_base {
  enum : int16_t {
    string = 1,
    map = 2,
    list = 3,
    enum_ = 4,
    decimal = 5,
    date = 6,
    time = 7,
    timestamp = 8,
    integer = 10,
    unknown = 11,
    json = 12,
    bson = 13,
    uuid = 14,
    float16 = 15
  };
  int16_t kind = 0;
  int32_t scale = 0, precision = 0;  // DECIMAL
  bool is_adjusted_to_utc = false;   // TIME, TIMESTAMP
  int16_t unit = 2;                  // TimeUnit member: 1 MILLIS, 2 MICROS, 3 NANOS
  int8_t bit_width = 0;              // INTEGER
  bool is_signed = true;             // INTEGER

  void write(compact_writer& w) const {
    w.struct_begin();
    w.field_header(kind, ctype::struct_);
    w.struct_begin();
    if (kind == decimal) {
      write_field(w, 1, scale);
      write_field(w, 2, precision);
    } else if (kind == time || kind == timestamp) {
      write_field(w, 1, is_adjusted_to_utc);
      w.field_header(2, ctype::struct_);
      w.struct_begin();
      w.field_header(unit, ctype::struct_);
      w.struct_begin();
      w.struct_end();
      w.struct_end();
    } else if (kind == integer) {
      write_field(w, 1, bit_width);
      write_field(w, 2, is_signed);
    }
    w.struct_end();
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "LogicalType", 0, [&](int16_t id, ctype t) -> status {
      if (t != ctype::struct_) return r.skip(t);
      kind = id;
      return read_struct(r, "LogicalType member", 0, [&](int16_t fid, ctype ft) -> status {
        if (id == decimal && fid == 1) return read_field(r, ft, scale);
        if (id == decimal && fid == 2) return read_field(r, ft, precision);
        if ((id == time || id == timestamp) && fid == 1)
          return read_field(r, ft, is_adjusted_to_utc);
        if ((id == time || id == timestamp) && fid == 2 && ft == ctype::struct_)
          return read_struct(r, "TimeUnit", 0, [&](int16_t uid, ctype ut) -> status {
            unit = uid;
            return r.skip(ut);
          });
        if (id == integer && fid == 1) return read_field(r, ft, bit_width);
        if (id == integer && fid == 2) return read_field(r, ft, is_signed);
        return r.skip(ft);
      });
    });
  }
};

/// SchemaElement (parquet.thrift).
struct schema_element : thrift::struct_base {
  std::optional<int32_t> type;
  std::optional<int32_t> type_length;
  std::optional<int32_t> repetition_type;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<int32_t> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<parquet::logical_type> logical_type;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, type);
    write_field(w, 2, type_length);
    write_field(w, 3, repetition_type);
    write_field(w, 4, name);
    write_field(w, 5, num_children);
    write_field(w, 6, converted_type);
    write_field(w, 7, scale);
    write_field(w, 8, precision);
    write_field(w, 9, field_id);
    write_field(w, 10, logical_type);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "SchemaElement", 1u << 4, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, type);
        case 2: return read_field(r, t, type_length);
        case 3: return read_field(r, t, repetition_type);
        case 4: return read_field(r, t, name);
        case 5: return read_field(r, t, num_children);
        case 6: return read_field(r, t, converted_type);
        case 7: return read_field(r, t, scale);
        case 8: return read_field(r, t, precision);
        case 9: return read_field(r, t, field_id);
        case 10: return read_field(r, t, logical_type);
        default: return r.skip(t);
      }
    });
  }
};

/// Statistics (parquet.thrift; sort orders as ColumnOrder defines). Values are PLAIN-encoded
/// (BYTE_ARRAY without the length prefix).
struct statistics : thrift::struct_base {
  std::optional<std::string> max, min;
  std::optional<int64_t> null_count, distinct_count;
  std::optional<std::string> max_value, min_value;
  std::optional<bool> is_max_value_exact, is_min_value_exact;
  std::optional<int64_t> nan_count;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, max);
    write_field(w, 2, min);
    write_field(w, 3, null_count);
    write_field(w, 4, distinct_count);
    write_field(w, 5, max_value);
    write_field(w, 6, min_value);
    write_field(w, 7, is_max_value_exact);
    write_field(w, 8, is_min_value_exact);
    write_field(w, 9, nan_count);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "Statistics", 0, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, max);
        case 2: return read_field(r, t, min);
        case 3: return read_field(r, t, null_count);
        case 4: return read_field(r, t, distinct_count);
        case 5: return read_field(r, t, max_value);
        case 6: return read_field(r, t, min_value);
        case 7: return read_field(r, t, is_max_value_exact);
        case 8: return read_field(r, t, is_min_value_exact);
        case 9: return read_field(r, t, nan_count);
        default: return r.skip(t);
      }
    });
  }
};

/// PageEncodingStats (parquet.thrift).
struct page_encoding_stats : thrift::struct_base {
  int32_t page_type = 0, encoding = 0, count = 0;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, page_type);
    write_field(w, 2, encoding);
    write_field(w, 3, count);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "PageEncodingStats", 0xEu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, page_type);
        case 2: return read_field(r, t, encoding);
        case 3: return read_field(r, t, count);
        default: return r.skip(t);
      }
    });
  }
};

/// SizeStatistics (parquet.thrift; ColumnMetaData field 16): the bytes of BYTE_ARRAY values
/// without length prefixes, and how many values sit at each repetition / definition level
/// (max level + 1 entries; a histogram may be omitted when its max level is 0).
struct size_statistics : thrift::struct_base {
  std::optional<int64_t> unencoded_byte_array_data_bytes;
  std::optional<std::vector<int64_t>> repetition_level_histogram;
  std::optional<std::vector<int64_t>> definition_level_histogram;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, unencoded_byte_array_data_bytes);
    write_field(w, 2, repetition_level_histogram);
    write_field(w, 3, definition_level_histogram);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "SizeStatistics", 0, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, unencoded_byte_array_data_bytes);
        case 2: return read_field(r, t, repetition_level_histogram);
        case 3: return read_field(r, t, definition_level_histogram);
        default: return r.skip(t);
      }
    });
  }
};

/// ColumnMetaData (parquet.thrift).
struct column_meta_data : thrift::struct_base {
  int32_t type = 0;
  std::vector<int32_t> encodings;
  std::vector<std::string> path_in_schema;
  int32_t codec = 0;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::optional<std::vector<key_value>> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<parquet::statistics> statistics;
  std::optional<std::vector<page_encoding_stats>> encoding_stats;
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;
  std::optional<parquet::size_statistics> size_statistics;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, type);
    write_field(w, 2, encodings);
    write_field(w, 3, path_in_schema);
    write_field(w, 4, codec);
    write_field(w, 5, num_values);
    write_field(w, 6, total_uncompressed_size);
    write_field(w, 7, total_compressed_size);
    write_field(w, 8, key_value_metadata);
    write_field(w, 9, data_page_offset);
    write_field(w, 10, index_page_offset);
    write_field(w, 11, dictionary_page_offset);
    write_field(w, 12, statistics);
    write_field(w, 13, encoding_stats);
    write_field(w, 14, bloom_filter_offset);
    write_field(w, 15, bloom_filter_length);
    write_field(w, 16, size_statistics);
    w.struct_end();
  }
  status read(compact_reader& r) {
    const uint64_t req = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) |
                         (1u << 7) | (1u << 9);
    return read_struct(r, "ColumnMetaData", req, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, type);
        case 2: return read_field(r, t, encodings);
        case 3: return read_field(r, t, path_in_schema);
        case 4: return read_field(r, t, codec);
        case 5: return read_field(r, t, num_values);
        case 6: return read_field(r, t, total_uncompressed_size);
        case 7: return read_field(r, t, total_compressed_size);
        case 8: return read_field(r, t, key_value_metadata);
        case 9: return read_field(r, t, data_page_offset);
        case 10: return read_field(r, t, index_page_offset);
        case 11: return read_field(r, t, dictionary_page_offset);
        case 12: return read_field(r, t, statistics);
        case 13: return read_field(r, t, encoding_stats);
        case 14: return read_field(r, t, bloom_filter_offset);
        case 15: return read_field(r, t, bloom_filter_length);
        case 16: return read_field(r, t, size_statistics);
        default: return r.skip(t);
      }
    });
  }
};

/// ColumnChunk (parquet.thrift). file_offset is required by the IDL and written as 0 (deprecated).
struct column_chunk : thrift::struct_base {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<column_meta_data> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, file_path);
    write_field(w, 2, file_offset);
    write_field(w, 3, meta_data);
    write_field(w, 4, offset_index_offset);
    write_field(w, 5, offset_index_length);
    write_field(w, 6, column_index_offset);
    write_field(w, 7, column_index_length);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "ColumnChunk", 0, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, file_path);
        case 2: return read_field(r, t, file_offset);
        case 3: return read_field(r, t, meta_data);
        case 4: return read_field(r, t, offset_index_offset);
        case 5: return read_field(r, t, offset_index_length);
        case 6: return read_field(r, t, column_index_offset);
        case 7: return read_field(r, t, column_index_length);
        default: return r.skip(t);
      }
    });
  }
};

/// RowGroup (parquet.thrift).
struct row_group : thrift::struct_base {
  std::vector<column_chunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, columns);
    write_field(w, 2, total_byte_size);
    write_field(w, 3, num_rows);
    write_field(w, 5, file_offset);
    write_field(w, 6, total_compressed_size);
    write_field(w, 7, ordinal);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "RowGroup", (1u << 1) | (1u << 2) | (1u << 3),
                       [&](int16_t id, ctype t) -> status {
                         switch (id) {
                           case 1: return read_field(r, t, columns);
                           case 2: return read_field(r, t, total_byte_size);
                           case 3: return read_field(r, t, num_rows);
                           case 5: return read_field(r, t, file_offset);
                           case 6: return read_field(r, t, total_compressed_size);
                           case 7: return read_field(r, t, ordinal);
                           default: return r.skip(t);
                         }
                       });
  }
};

/// ColumnOrder union: kind 1 TYPE_ORDER, 2 IEEE_754_TOTAL_ORDER (parquet.thrift).
struct column_order : thrift::struct_base {
  int16_t kind = 1;
  void write(compact_writer& w) const {
    w.struct_begin();
    w.field_header(kind, ctype::struct_);
    w.struct_begin();
    w.struct_end();
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "ColumnOrder", 0, [&](int16_t id, ctype t) -> status {
      kind = id;
      return r.skip(t);
    });
  }
};

/// FileMetaData (parquet.thrift).
struct file_meta_data : thrift::struct_base {
  int32_t version = 1;
  std::vector<schema_element> schema;
  int64_t num_rows = 0;
  std::vector<row_group> row_groups;
  std::optional<std::vector<key_value>> key_value_metadata;
  std::optional<std::string> created_by;
  std::optional<std::vector<column_order>> column_orders;

  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, version);
    write_field(w, 2, schema);
    write_field(w, 3, num_rows);
    write_field(w, 4, row_groups);
    write_field(w, 5, key_value_metadata);
    write_field(w, 6, created_by);
    write_field(w, 7, column_orders);
    w.struct_end();
  }
  status read(compact_reader& r) {
    const uint64_t req = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4);
    return read_struct(r, "FileMetaData", req, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, version);
        case 2: return read_field(r, t, schema);
        case 3: return read_field(r, t, num_rows);
        case 4: return read_field(r, t, row_groups);
        case 5: return read_field(r, t, key_value_metadata);
        case 6: return read_field(r, t, created_by);
        case 7: return read_field(r, t, column_orders);
        default: return r.skip(t);
      }
    });
  }
};

/// DataPageHeader (v1, A3).
struct data_page_header : thrift::struct_base {
  int32_t num_values = 0, encoding = 0, definition_level_encoding = parquet::encoding::rle,
          repetition_level_encoding = parquet::encoding::rle;
  std::optional<parquet::statistics> statistics;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, num_values);
    write_field(w, 2, encoding);
    write_field(w, 3, definition_level_encoding);
    write_field(w, 4, repetition_level_encoding);
    write_field(w, 5, statistics);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "DataPageHeader", 0x1Eu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, num_values);
        case 2: return read_field(r, t, encoding);
        case 3: return read_field(r, t, definition_level_encoding);
        case 4: return read_field(r, t, repetition_level_encoding);
        case 5: return read_field(r, t, statistics);
        default: return r.skip(t);
      }
    });
  }
};

/// DataPageHeaderV2 (parquet.thrift).
struct data_page_header_v2 : thrift::struct_base {
  int32_t num_values = 0, num_nulls = 0, num_rows = 0, encoding = 0;
  int32_t definition_levels_byte_length = 0, repetition_levels_byte_length = 0;
  std::optional<bool> is_compressed;
  std::optional<parquet::statistics> statistics;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, num_values);
    write_field(w, 2, num_nulls);
    write_field(w, 3, num_rows);
    write_field(w, 4, encoding);
    write_field(w, 5, definition_levels_byte_length);
    write_field(w, 6, repetition_levels_byte_length);
    write_field(w, 7, is_compressed);
    write_field(w, 8, statistics);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "DataPageHeaderV2", 0x7Eu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, num_values);
        case 2: return read_field(r, t, num_nulls);
        case 3: return read_field(r, t, num_rows);
        case 4: return read_field(r, t, encoding);
        case 5: return read_field(r, t, definition_levels_byte_length);
        case 6: return read_field(r, t, repetition_levels_byte_length);
        case 7: return read_field(r, t, is_compressed);
        case 8: return read_field(r, t, statistics);
        default: return r.skip(t);
      }
    });
  }
};

/// DictionaryPageHeader (parquet.thrift).
struct dictionary_page_header : thrift::struct_base {
  int32_t num_values = 0, encoding = parquet::encoding::plain;
  std::optional<bool> is_sorted;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, num_values);
    write_field(w, 2, encoding);
    write_field(w, 3, is_sorted);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "DictionaryPageHeader", 0x6u, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, num_values);
        case 2: return read_field(r, t, encoding);
        case 3: return read_field(r, t, is_sorted);
        default: return r.skip(t);
      }
    });
  }
};

/// PageHeader (parquet.thrift). Sizes exclude the header.
struct page_header : thrift::struct_base {
  int32_t type = 0, uncompressed_page_size = 0, compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<parquet::data_page_header> data_page_header;
  std::optional<parquet::dictionary_page_header> dictionary_page_header;
  std::optional<parquet::data_page_header_v2> data_page_header_v2;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, type);
    write_field(w, 2, uncompressed_page_size);
    write_field(w, 3, compressed_page_size);
    write_field(w, 4, crc);
    write_field(w, 5, data_page_header);
    write_field(w, 7, dictionary_page_header);
    write_field(w, 8, data_page_header_v2);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "PageHeader", 0xEu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, type);
        case 2: return read_field(r, t, uncompressed_page_size);
        case 3: return read_field(r, t, compressed_page_size);
        case 4: return read_field(r, t, crc);
        case 5: return read_field(r, t, data_page_header);
        case 7: return read_field(r, t, dictionary_page_header);
        case 8: return read_field(r, t, data_page_header_v2);
        default: return r.skip(t);
      }
    });
  }
};

/// ColumnIndex (parquet.thrift; sort orders as ColumnOrder defines).
struct column_index : thrift::struct_base {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values, max_values;
  int32_t boundary_order = parquet::boundary_order::unordered;
  std::optional<std::vector<int64_t>> null_counts;
  std::optional<std::vector<int64_t>> repetition_level_histograms, definition_level_histograms;
  std::optional<std::vector<int64_t>> nan_counts;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, null_pages);
    write_field(w, 2, min_values);
    write_field(w, 3, max_values);
    write_field(w, 4, boundary_order);
    write_field(w, 5, null_counts);
    write_field(w, 6, repetition_level_histograms);
    write_field(w, 7, definition_level_histograms);
    write_field(w, 8, nan_counts);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "ColumnIndex", 0x1Eu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, null_pages);
        case 2: return read_field(r, t, min_values);
        case 3: return read_field(r, t, max_values);
        case 4: return read_field(r, t, boundary_order);
        case 5: return read_field(r, t, null_counts);
        case 6: return read_field(r, t, repetition_level_histograms);
        case 7: return read_field(r, t, definition_level_histograms);
        case 8: return read_field(r, t, nan_counts);
        default: return r.skip(t);
      }
    });
  }
};

/// PageLocation (parquet.thrift): header offset, header+payload size, first row of the page.
struct page_location : thrift::struct_base {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;
  int64_t first_row_index = 0;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, offset);
    write_field(w, 2, compressed_page_size);
    write_field(w, 3, first_row_index);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "PageLocation", 0xEu, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, offset);
        case 2: return read_field(r, t, compressed_page_size);
        case 3: return read_field(r, t, first_row_index);
        default: return r.skip(t);
      }
    });
  }
};

/// OffsetIndex (parquet.thrift).
struct offset_index : thrift::struct_base {
  std::vector<page_location> page_locations;
  std::optional<std::vector<int64_t>> unencoded_byte_array_data_bytes;
  void write(compact_writer& w) const {
    w.struct_begin();
    write_field(w, 1, page_locations);
    write_field(w, 2, unencoded_byte_array_data_bytes);
    w.struct_end();
  }
  status read(compact_reader& r) {
    return read_struct(r, "OffsetIndex", 0x2u, [&](int16_t id, ctype t) -> status {
      switch (id) {
        case 1: return read_field(r, t, page_locations);
        case 2: return read_field(r, t, unencoded_byte_array_data_bytes);
        default: return r.skip(t);
      }
    });
  }
};

/// Serializes any footer struct to compact-protocol bytes (appended to out).
template <class T>
void serialize(const T& value, byte_buffer& out) {
  compact_writer w(out);
  value.write(w);
}

/// Decodes a footer struct from bytes; `consumed` receives the bytes used. Errors name the
/// offset (relative to `base_offset`); nesting, list sizes and binary lengths are checked against
/// `input_limits` (limit_exceeded).
template <class T>
status deserialize(byte_span bytes, T& out, size_t* consumed = nullptr, int64_t base_offset = 0,
                   const lakecodec::limits& input_limits = lakecodec::limits{}) {
  compact_reader r(bytes, base_offset, input_limits);
  LAKECODEC_TRY(out.read(r));
  if (consumed) *consumed = bytes.size - r.raw().remaining();
  return {};
}

}  // namespace parquet
LAKECODEC_NAMESPACE_END
