"""Writes the corrupt Avro container files of this folder (run from anywhere; deterministic).
Each file breaks one rule of the Avro spec "Object Container Files"; expected.txt lists the error
code and a message fragment lakecodec must report for it."""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SYNC = bytes(range(16))
SCHEMA = b'{"type":"record","name":"r","fields":[{"name":"s","type":"string"},{"name":"u","type":["null","long"]},{"name":"a","type":{"type":"array","items":"int"}}]}'


def zz(n):
    u = (n << 1) ^ (n >> 63)
    u &= (1 << 64) - 1
    out = bytearray()
    while u >= 0x80:
        out.append((u & 0x7F) | 0x80)
        u >>= 7
    out.append(u)
    return bytes(out)


def blob(b):
    return zz(len(b)) + b


def header(meta=None, magic=b"Obj\x01", sync=SYNC):
    meta = meta if meta is not None else {b"avro.schema": SCHEMA, b"avro.codec": b"null"}
    out = magic + zz(len(meta))
    for k, v in meta.items():
        out += blob(k) + blob(v)
    return out + zz(0) + sync


def record(s=b"ok", u=5, a=(1, 2)):
    out = blob(s) + (zz(0) if u is None else zz(1) + zz(u))
    if a:
        out += zz(len(a)) + b"".join(zz(x) for x in a)
    return out + zz(0)


def block(data, count, sync=SYNC, size=None):
    return zz(count) + zz(len(data) if size is None else size) + data + sync


GOOD = header() + block(record() + record(b"", None, ()), 2)

FILES = {
    "truncated_header.avro": GOOD[:30],
    "bad_magic.avro": b"Obj\x02" + GOOD[4:],
    "not_avro.avro": b"PAR1 this is not avro at all",
    "negative_block_count.avro": header() + block(record(), -3),
    "negative_block_size.avro": header() + zz(1) + zz(-5) + record() + SYNC,
    "block_size_beyond_file.avro": header() + block(record(), 1, size=5000),
    "wrong_sync.avro": header() + block(record(), 1, sync=bytes(16)),
    "bad_varint.avro": header() + b"\xff" * 11 + record() + SYNC,
    "unknown_codec.avro": header({b"avro.schema": SCHEMA, b"avro.codec": b"lz4"}) + block(record(), 1),
    "schema_garbage.avro": header({b"avro.schema": b"{not json", b"avro.codec": b"null"}),
    "schema_unknown_type.avro": header({b"avro.schema": b'"decimal128"', b"avro.codec": b"null"}),
    "missing_schema.avro": header({b"avro.codec": b"null"}),
    "truncated_record.avro": header() + block(record()[:-3], 1),
    "fewer_records_than_count.avro": header() + block(record(), 3),
    "trailing_bytes_in_block.avro": header() + block(record() + b"\x00\x00", 1),
    "bad_union_index.avro": header() + block(blob(b"x") + zz(7) + zz(0), 1),
    "negative_string_length.avro": header() + block(zz(-4) + b"abcd", 1),
    "huge_array_count.avro": header() + block(blob(b"x") + zz(0) + zz(1 << 40) + zz(1), 1),
    "header_map_count_too_large.avro": b"Obj\x01" + zz(1 << 30) + b"\x00" * 8,
    "deflate_garbage.avro": header({b"avro.schema": SCHEMA, b"avro.codec": b"deflate"}) + block(b"\xff\xfe\xfd\xfc", 1),
    "zstd_garbage.avro": header({b"avro.schema": SCHEMA, b"avro.codec": b"zstandard"}) + block(b"\x28\xb5\x2f\xfd\x00\xff\xff", 1),
    "snappy_without_crc.avro": header({b"avro.schema": SCHEMA, b"avro.codec": b"snappy"}) + block(b"\x01", 1),
}


def snappy_literal(data):
    # An uncompressed snappy block: varint length + one literal (tag 60 = 1-byte length).
    n = len(data)
    out = bytearray()
    u = n
    while u >= 0x80:
        out.append((u & 0x7F) | 0x80)
        u >>= 7
    out.append(u)
    out.append(60 << 2)
    out.append(n - 1)
    return bytes(out) + data


rec = record()
good_crc = struct.pack(">I", zlib.crc32(rec))
bad_crc = struct.pack(">I", zlib.crc32(rec) ^ 1)
FILES["snappy_crc_mismatch.avro"] = header({b"avro.schema": SCHEMA, b"avro.codec": b"snappy"}) + block(snappy_literal(rec) + bad_crc, 1)
FILES["snappy_valid_control.avro"] = header({b"avro.schema": SCHEMA, b"avro.codec": b"snappy"}) + block(snappy_literal(rec) + good_crc, 1)

for name, data in FILES.items():
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
