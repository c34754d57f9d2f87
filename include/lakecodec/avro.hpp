#pragma once
// lakecodec Avro: schemas, binary encoding, object container files. Header-only, depends on the
// standard library (and codec/ for deflate, snappy, zstandard). Avro specification 1.12.
//
// Quick reference (everything in namespace lakecodec::avro; errors are status/result values):
//
//   // Schemas: parse JSON (named types, references, namespaces, logical types; unknown
//   // attributes such as Iceberg "field-id" are kept in node::attributes /
//   record_field::attributes) auto s =
//   avro::schema::parse(R"({"type":"record","name":"r","fields":[
//                                   {"name":"id","type":"long","field-id":1}]})");
//   const avro::node& root = s->root();          // root.fields[0].attribute("field-id")
//   std::string text = s->to_json();             // printed back, attributes kept
//   std::string pcf = avro::canonical_form(*s);  // Parsing Canonical Form
//   uint64_t fp = avro::fingerprint64(*s);       // CRC-64-AVRO of the PCF
//
//   // Generic values (tools, manifests): value::record({value::int64(1)}), value::union_of(1, v),
//   // value::null(), value::string("x"), value::array({...}), value::map({{"k", v}}), ...
//   byte_buffer buf;  avro::encode(*s, v, buf);  auto back = avro::decode(*s, buf.span());
//   std::string j = avro::to_json(*s, v);        // Avro JSON encoding, as avro-tools tojson
//
//   // Container files (streaming writer on any output_sink; bounded memory)
//   avro::writer_options o; o.codec = avro::codec::zstandard; o.metadata = {{"k", "v"}};
//   auto w = avro::container_writer::open(sink, *s, o);
//   w->write(v);                                        // generic
//   auto& e = w->record_encoder(); e.write_long(1); w->end_record();   // fast path
//   w->close();
//
//   // Reader over bytes in memory (optionally resolving to a reader schema)
//   auto r = avro::container_reader::open(bytes, {/*reader_schema*/});
//   r->metadata("avro.codec"); avro::value rec; while (*r->next(rec)) {...}
//   avro::block_view b;   // typed path, the reader's limits applied to the block
//   while (*r->next_block(b)) { avro::decoder d(b.data, b.offset, r->input_limits()); ... }
//   lakecodec::file_source f = *lakecodec::file_source::open(path);   // or memory_source, ...
//   avro::reader_options o; o.limits.max_collection_count = 1 << 20;  // runtime limits
//   auto fr = avro::container_reader::open(f, o);   // pread one block at a time; f outlives fr
//   avro::visit(schema.root(), decoder, my_visitor);   // SAX-style, views into the block
//   avro::encode_single_object(s, v, buf); avro::decode_single_object(s, bytes);
//
//   // Columnar bridge (avro/columnar.hpp): compile once, then rows go straight from Arrow-layout
//   // buffers to bytes and back, no value tree:
//   auto plan = avro::columnar_plan::compile(*s, batch.schema);   // or avro::columnar_schema(*s)
//   avro::write_batch(*w, *plan, batch);                           // batch_view -> records
//   auto owned = avro::read_batch(*r, *plan);                      // records -> owned_batch

#include "lakecodec/avro/columnar.hpp"
#include "lakecodec/avro/container.hpp"
#include "lakecodec/avro/encoding.hpp"
#include "lakecodec/avro/json.hpp"
#include "lakecodec/avro/json_codec.hpp"
#include "lakecodec/avro/logical.hpp"
#include "lakecodec/avro/resolve.hpp"
#include "lakecodec/avro/schema.hpp"
#include "lakecodec/avro/single_object.hpp"
#include "lakecodec/avro/value.hpp"
#include "lakecodec/avro/visit.hpp"
