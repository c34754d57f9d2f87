"""The CLI prints what it can decode as typed values, and those values are right.

Every value the CLI prints typed is compared with the same value decoded independently:
* `iceberg manifest`: lower/upper bounds of every conformance manifest (typed by the schema in
  the manifest header) and, with `--metadata`, the partition summaries of every manifest list,
  against fastavro + `pyiceberg.conversions.from_bytes`;
* `paimon manifest`: partitions, min/max keys, key and value stats of every Avro manifest and
  partition stats of every manifest list of the Java-written Paimon tables, against fastavro and
  a BinaryRow decoder written here from the format (not from our C++);
* `avro tojson --pretty`: the same values as the compact form, in Jackson's layout.
The reference packages are required: a missing one is an error, never a skip.
"""
import datetime
import decimal
import glob
import gzip
import json
import math
import os
import re
import struct
import subprocess
import uuid

import fastavro
import pytest
from pyiceberg.conversions import from_bytes
from pyiceberg.schema import Schema
from pyiceberg.types import (
    BinaryType,
    BooleanType,
    DateType,
    DecimalType,
    DoubleType,
    FixedType,
    FloatType,
    IntegerType,
    LongType,
    StringType,
    TimestampNanoType,
    TimestamptzNanoType,
    TimestampType,
    TimestamptzType,
    TimeType,
    UUIDType,
)

CLI = os.environ["LAKECODEC_CLI"]
SHARED = os.environ["LAKECODEC_SHARED"]
ICEBERG_TABLES = os.path.join(SHARED, "conformance", "iceberg", "tables")
PAIMON_TABLES = os.path.join(SHARED, "conformance", "paimon", "tables-parquet")
EPOCH = datetime.datetime(1970, 1, 1)
# Decimals up to 38 digits with any scale, without rounding.
decimal.getcontext().prec = 100


def cli(*args, check=True):
    p = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check:
        assert p.returncode == 0, (args, p.stderr.decode())
    return p


def json_lines(out):
    return [json.loads(line) for line in out.decode().splitlines() if line.strip()]


# ----------------------------------------------------------------------------------------------
# Iceberg: the JSON single-value form (spec Appendix D) of a value pyiceberg decoded.

UNSUPPORTED = object()


def iso_micros(text):
    """Micros since the epoch of an ISO timestamp text (offset, if any, applied)."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?([+-]\d\d:\d\d)?", text)
    assert m, text
    base = datetime.datetime.fromisoformat(m.group(1))
    frac = (m.group(2) or "").ljust(9, "0")
    nanos = int(frac)
    micros = (base - EPOCH) // datetime.timedelta(microseconds=1) * 1000 + nanos
    if m.group(3):
        sign = 1 if m.group(3)[0] == "+" else -1
        h, mi = int(m.group(3)[1:3]), int(m.group(3)[4:6])
        micros -= sign * (h * 3600 + mi * 60) * 1_000_000_000
    return micros  # in nanos, named for the common case


def iceberg_expected(t, raw):
    """(expected JSON value, comparator) for Appendix D bytes `raw` of type `t`."""
    v = from_bytes(t, raw)
    if isinstance(t, (IntegerType, LongType, BooleanType, StringType)):
        return v
    if isinstance(t, (FloatType, DoubleType)):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(t, DateType):
        return (datetime.date(1970, 1, 1) + datetime.timedelta(days=v)).isoformat()
    if isinstance(t, DecimalType):
        return format(v.quantize(decimal.Decimal(1).scaleb(-t.scale)), "f")
    if isinstance(t, (BinaryType, FixedType)):
        return bytes(v).hex()
    if isinstance(t, UUIDType):
        return str(v if isinstance(v, uuid.UUID) else uuid.UUID(bytes=bytes(v)))
    if isinstance(t, (TimestampType, TimestamptzType)):
        return ("ts", v * 1000)
    if isinstance(t, (TimestampNanoType, TimestamptzNanoType)):
        return ("ts", v)
    if isinstance(t, TimeType):
        return ("time", v)
    return UNSUPPORTED


def check_iceberg_value(t, raw, printed, where):
    want = iceberg_expected(t, raw)
    if want is UNSUPPORTED:
        return False
    if isinstance(want, tuple) and want[0] == "ts":
        assert isinstance(printed, str), where
        assert iso_micros(printed) == want[1], (where, printed, want)
    elif isinstance(want, tuple) and want[0] == "time":
        assert isinstance(printed, str), where
        h, mi, rest = printed.split(":")
        s, _, frac = rest.partition(".")
        micros = ((int(h) * 60 + int(mi)) * 60 + int(s)) * 1_000_000 + int(frac.ljust(6, "0")[:6])
        assert micros == want[1], (where, printed, want)
    else:
        assert printed == want, (where, printed, want)
        assert type(printed) is type(want), (where, printed, want)
    return True


def iceberg_files():
    return sorted(glob.glob(os.path.join(ICEBERG_TABLES, "**", "metadata", "*.avro"),
                            recursive=True))


def iceberg_table_dirs():
    return sorted({os.path.dirname(os.path.dirname(p)) for p in iceberg_files()})


def is_manifest_list(path):
    with open(path, "rb") as f:
        schema = fastavro.reader(f).writer_schema
    return any(fl["name"] == "manifest_path" for fl in schema["fields"])


def test_iceberg_manifest_bounds_are_typed_values():
    checked = 0
    without_schema = 0
    kinds = set()
    for path in iceberg_files():
        if is_manifest_list(path):
            continue
        with open(path, "rb") as f:
            reader = fastavro.reader(f)
            header = reader.metadata
            records = list(reader)
        extra = []
        if "schema" in header:
            schema = Schema.model_validate_json(header["schema"])
        else:
            # No schema in the header (BigQuery): --metadata's current schema types the bounds.
            meta_path = newest_metadata(os.path.dirname(os.path.dirname(path)))
            meta = load_metadata(meta_path)
            current = [x for x in meta["schemas"] if x["schema-id"] == meta["current-schema-id"]]
            schema = Schema.model_validate(current[0])
            extra = ["--metadata", meta_path]
            without_schema += 1
        printed = json_lines(cli("iceberg", "manifest", *extra, path).stdout)
        assert len(printed) == len(records), path
        for rec, out in zip(records, printed):
            assert out["status"] in ("EXISTING", "ADDED", "DELETED")
            assert out["status"] == ["EXISTING", "ADDED", "DELETED"][rec["status"]]
            for key in ("lower_bounds", "upper_bounds"):
                pairs = rec["data_file"].get(key) or []
                got = out["data_file"][key] or {}
                assert len(got) == len(pairs), (path, key)
                for pair in pairs:
                    fid, raw = pair["key"], pair["value"]
                    try:
                        field = schema.find_field(fid)
                    except ValueError:
                        field = None  # a column the schema no longer has: hex
                    if field is None or not field.field_type.is_primitive:
                        assert got[str(fid)] == raw.hex()
                        continue
                    where = (path, key, fid, str(field.field_type))
                    try:
                        ok = check_iceberg_value(field.field_type, raw, got[str(fid)], where)
                    except (ValueError, struct.error):
                        # Bytes pyiceberg cannot decode either stay hex.
                        assert got[str(fid)] == raw.hex(), where
                        continue
                    if ok:
                        checked += 1
                        kinds.add(type(field.field_type).__name__)
    print("iceberg bounds checked", checked, sorted(kinds), "without header schema", without_schema)
    assert without_schema > 0
    assert checked > 100, checked
    # The conformance tables cover these bound types at least.
    assert {"IntegerType", "LongType", "StringType", "DateType", "DecimalType", "BooleanType",
            "FloatType", "DoubleType", "BinaryType", "FixedType", "UUIDType", "TimeType",
            "TimestampType", "TimestamptzType"} <= kinds, kinds


def load_metadata(path):
    with open(path, "rb") as f:
        data = f.read()
    return json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)


def newest_metadata(table_dir):
    files = glob.glob(os.path.join(table_dir, "metadata", "*.metadata.json"))

    def version(p):
        m = re.match(r"v?(\d+)", os.path.basename(p))
        return int(m.group(1)) if m else -1

    return max(files, key=version) if files else None


RESULT_TYPES = {"year": IntegerType(), "month": IntegerType(), "hour": IntegerType()}


def partition_result_type(transform, source):
    t = transform.lower()
    if t == "identity" or t.startswith("truncate"):
        return source
    if t.startswith("bucket") or t in RESULT_TYPES:
        return IntegerType()
    if t == "day":
        return DateType()
    return None


def test_iceberg_manifest_list_summaries_typed_with_metadata():
    checked = 0
    kinds = set()
    for table in iceberg_table_dirs():
        meta_path = newest_metadata(table)
        if meta_path is None or cli("iceberg", "validate", meta_path, check=False).returncode:
            # duckdb-iceberg's hand-written equality_delete_* metadata has a snapshot id beyond
            # a long, which Java refuses too.
            continue
        meta = load_metadata(meta_path)
        schemas = {s["schema-id"]: Schema.model_validate(s) for s in meta.get("schemas", [])}
        if not schemas:
            continue
        current = schemas[meta.get("current-schema-id", 0)]
        specs = {s["spec-id"]: s["fields"] for s in meta.get("partition-specs", [])}
        for path in glob.glob(os.path.join(table, "metadata", "*.avro")):
            if not is_manifest_list(path):
                continue
            with open(path, "rb") as f:
                records = list(fastavro.reader(f))
            r = cli("iceberg", "manifest", "--metadata", meta_path, path, check=False)
            assert r.returncode == 0, (path, r.stderr.decode())
            printed = json_lines(r.stdout)
            plain = json_lines(cli("iceberg", "manifest", path).stdout)
            assert len(printed) == len(records) == len(plain)
            for rec, out, raw_out in zip(records, printed, plain):
                assert out["content"] in ("DATA", "DELETES")
                fields = specs.get(rec["partition_spec_id"])
                for i, summary in enumerate(rec.get("partitions") or []):
                    pf = fields[i]
                    src = current.find_field(pf["source-id"]).field_type
                    t = partition_result_type(pf["transform"], src)
                    for key in ("lower_bound", "upper_bound"):
                        raw = summary[key]
                        assert raw_out["partitions"][i][key] == (raw.hex() if raw else None)
                        if raw is None:
                            assert out["partitions"][i][key] is None
                            continue
                        where = (path, i, key, pf["transform"], str(src))
                        if t is not None and check_iceberg_value(
                            t, raw, out["partitions"][i][key], where
                        ):
                            checked += 1
                            kinds.add(type(t).__name__)
    print("summaries checked", checked, sorted(kinds))
    assert checked >= 20, checked
    assert {"IntegerType", "LongType", "StringType", "DecimalType", "TimestampType"} <= kinds


def test_iceberg_manifest_list_metadata_errors():
    lists = [p for p in iceberg_files() if is_manifest_list(p)]
    r = cli("iceberg", "manifest", "--metadata", "/nonexistent.json", lists[0], check=False)
    assert r.returncode == 1
    assert b"/nonexistent.json" in r.stderr


# ----------------------------------------------------------------------------------------------
# Paimon: a BinaryRow decoder from the format description (BinaryRow.java / BinarySection).


def null_bits_size(arity):
    return ((arity + 63 + 8) // 64) * 8


def var_bytes(row, slot_bytes):
    slot = struct.unpack("<Q", slot_bytes)[0]
    if slot & (1 << 63):
        n = (slot >> 56) & 0x7F
        return slot_bytes[:n]
    off, n = slot >> 32, slot & 0xFFFFFFFF
    return row[off : off + n]


def paimon_value(row, i, arity, type_text):
    """The CLI's JSON form of field i, or UNSUPPORTED for types this decoder leaves alone."""
    if row[(i + 8) // 8] & (1 << ((i + 8) % 8)):
        return None
    if not isinstance(type_text, str):
        return UNSUPPORTED
    t = type_text.replace(" NOT NULL", "").strip()
    pos = null_bits_size(arity) + 8 * i
    slot = row[pos : pos + 8]
    if t == "BOOLEAN":
        return slot[0] != 0
    if t == "TINYINT":
        return struct.unpack("<b", slot[:1])[0]
    if t == "SMALLINT":
        return struct.unpack("<h", slot[:2])[0]
    if t in ("INT", "INTEGER"):
        return struct.unpack("<i", slot[:4])[0]
    if t == "BIGINT":
        return struct.unpack("<q", slot)[0]
    if t in ("FLOAT", "DOUBLE"):
        v = struct.unpack("<f", slot[:4])[0] if t == "FLOAT" else struct.unpack("<d", slot)[0]
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if t == "DATE":
        days = struct.unpack("<i", slot[:4])[0]
        return (datetime.date(1970, 1, 1) + datetime.timedelta(days=days)).isoformat()
    if t == "STRING" or t.startswith("VARCHAR") or t.startswith("CHAR"):
        return var_bytes(row, slot).decode("utf-8")
    if t == "BYTES" or t.startswith("VARBINARY") or t.startswith("BINARY"):
        return var_bytes(row, slot).hex()
    m = re.fullmatch(r"DECIMAL\((\d+), (\d+)\)", t)
    if m:
        precision, scale = int(m.group(1)), int(m.group(2))
        if precision <= 18:
            unscaled = struct.unpack("<q", slot)[0]
        else:
            unscaled = int.from_bytes(var_bytes(row, slot), "big", signed=True)
        return format(decimal.Decimal(unscaled).scaleb(-scale), "f")
    m = re.fullmatch(r"TIMESTAMP\((\d)\)( WITH LOCAL TIME ZONE)?", t)
    if m:
        if int(m.group(1)) <= 3:
            millis, nanos = struct.unpack("<q", slot)[0], 0
        else:
            s = struct.unpack("<Q", slot)[0]
            off, nanos = s >> 32, s & 0xFFFFFFFF
            millis = struct.unpack("<q", row[off : off + 8])[0]
        when = EPOCH + datetime.timedelta(milliseconds=millis)
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d%06d" % (millis % 1000, nanos)
    return UNSUPPORTED


def paimon_row(serialized, fields):
    """{name: value} of a [int32 BE arity][BinaryRow] value, with UNSUPPORTED where unknown."""
    arity = struct.unpack(">i", serialized[:4])[0]
    if arity != len(fields):
        # Written under another schema (a branch's schema with the same id): printed raw.
        return {"arity": arity, "bytes": serialized[4:].hex()}
    row = serialized[4:]
    return {f["name"]: paimon_value(row, k, arity, f["type"]) for k, f in enumerate(fields)}


def compare_row(printed, expected, where):
    """Asserts every decodable value; returns how many were compared."""
    assert isinstance(printed, dict), (where, printed)
    assert list(printed) == list(expected), where
    n = 0
    for k, v in expected.items():
        if v is UNSUPPORTED:
            continue
        assert printed[k] == v, (where, k, printed[k], v)
        assert type(printed[k]) is type(v), (where, k, printed[k], v)
        n += 1
    return n


def load_schemas(table):
    out = {}
    for p in glob.glob(os.path.join(table, "schema", "schema-*")):
        with open(p) as f:
            out[int(p.rsplit("-", 1)[1])] = json.load(f)
    return out


SYSTEM_FIELDS = {"_ROW_ID": "BIGINT", "_SEQUENCE_NUMBER": "BIGINT"}


def fields_named(schema, names):
    by_name = {f["name"]: f for f in schema["fields"]}
    by_name.update({n: {"name": n, "type": t} for n, t in SYSTEM_FIELDS.items()})
    return [by_name[n] for n in names]


def trimmed_pk(schema):
    return [k for k in schema.get("primaryKeys", []) if k not in schema.get("partitionKeys", [])]


def paimon_tables():
    return sorted(
        os.path.dirname(d) for d in glob.glob(os.path.join(PAIMON_TABLES, "*", "*", "schema"))
    )


def avro_manifests(table):
    for p in sorted(glob.glob(os.path.join(table, "manifest", "*"))):
        with open(p, "rb") as f:
            if f.read(4) == b"Obj\x01":
                yield p


def check_stats(printed, stats, fields, where):
    if struct.unpack(">i", stats["_MIN_VALUES"][:4])[0] != len(fields):
        assert printed["minValues"] == paimon_row(stats["_MIN_VALUES"], fields), where
        assert printed["nullCounts"] == stats["_NULL_COUNTS"], where
        return 0
    n = compare_row(printed["minValues"], paimon_row(stats["_MIN_VALUES"], fields), where)
    n += compare_row(printed["maxValues"], paimon_row(stats["_MAX_VALUES"], fields), where)
    counts = stats["_NULL_COUNTS"]
    if counts is not None:
        assert printed["nullCounts"] == {f["name"]: c for f, c in zip(fields, counts)}, where
    return n


def test_paimon_manifest_rows_are_typed_values():
    counted = {"partition": 0, "key": 0, "keyStats": 0, "valueStats": 0, "partitionStats": 0}
    for table in paimon_tables():
        schemas = load_schemas(table)
        for path in avro_manifests(table):
            with open(path, "rb") as f:
                records = list(fastavro.reader(f))
            printed = json_lines(cli("paimon", "manifest", path).stdout)
            assert len(printed) == len(records), path
            for rec, out in zip(records, printed):
                if "_FILE" in rec:
                    fm = rec["_FILE"]
                    schema = schemas[fm["_SCHEMA_ID"]]
                    assert out["kind"] == ["ADD", "DELETE"][rec["_KIND"]]
                    src = fm.get("_FILE_SOURCE")
                    assert out["file"]["fileSource"] == (
                        None if src is None else ["APPEND", "COMPACT"][src]
                    )
                    where = (path, fm["_FILE_NAME"])
                    part = fields_named(schema, schema.get("partitionKeys", []))
                    counted["partition"] += compare_row(
                        out["partition"], paimon_row(rec["_PARTITION"], part), where
                    )
                    keys = fields_named(schema, trimmed_pk(schema))
                    for k in ("MIN", "MAX"):
                        counted["key"] += compare_row(
                            out["file"][k.lower() + "Key"], paimon_row(fm["_" + k + "_KEY"], keys),
                            where,
                        )
                    counted["keyStats"] += check_stats(
                        out["file"]["keyStats"], fm["_KEY_STATS"], keys, where
                    )
                    cols = fm.get("_VALUE_STATS_COLS")
                    vfields = schema["fields"] if cols is None else fields_named(schema, cols)
                    arity = struct.unpack(">i", fm["_VALUE_STATS"]["_MIN_VALUES"][:4])[0]
                    if cols is None and fm.get("_WRITE_COLS") and arity == len(fm["_WRITE_COLS"]):
                        vfields = fields_named(schema, fm["_WRITE_COLS"])
                    counted["valueStats"] += check_stats(
                        out["file"]["valueStats"], fm["_VALUE_STATS"], vfields, where
                    )
                elif "_NUM_ADDED_FILES" in rec:
                    schema = schemas[rec["_SCHEMA_ID"]]
                    part = fields_named(schema, schema.get("partitionKeys", []))
                    counted["partitionStats"] += check_stats(
                        out["partitionStats"], rec["_PARTITION_STATS"], part, (path,)
                    )
    # Every kind of typed row was exercised on real values.
    print("paimon", counted)
    assert all(v > 0 for v in counted.values()), counted
    assert counted["valueStats"] > 500, counted


def pk_manifest():
    table = os.path.join(PAIMON_TABLES, "pk_table_with_mor.db", "pk_table_with_mor")
    return table, sorted(glob.glob(os.path.join(table, "manifest", "manifest-[0-9a-f]*")))[0]


def test_paimon_manifest_known_values_and_modes():
    table, path = pk_manifest()
    first = json_lines(cli("paimon", "manifest", path).stdout)[0]
    assert first["kind"] == "ADD"
    assert first["partition"] == {"p0": 0, "p1": 0}
    assert first["file"]["minKey"] == {"k0": 0, "k1": 0}
    assert first["file"]["maxKey"] == {"k0": 1, "k1": 1}
    vs = first["file"]["valueStats"]
    assert vs["minValues"]["s0"] == "apple" and vs["minValues"]["v0"] == 10.0
    assert vs["maxValues"]["s0"] == "driver" and vs["maxValues"]["v1"] is True
    # --raw keeps the {arity, bytes} rows; --schema names the schema explicitly (stdin too).
    raw = json_lines(cli("paimon", "manifest", "--raw", path).stdout)[0]
    assert raw["partition"] == {"arity": 2, "bytes": "00" * 24}
    schema0 = os.path.join(table, "schema", "schema-0")
    with open(path, "rb") as f:
        p = subprocess.run(
            [CLI, "paimon", "manifest", "--schema", schema0, "-"], stdin=f, stdout=subprocess.PIPE
        )
    assert p.returncode == 0
    assert json_lines(p.stdout)[0] == first
    # Without a schema (stdin, no --schema) rows print raw, with a note on stderr.
    with open(path, "rb") as f:
        p = subprocess.run(
            [CLI, "paimon", "manifest", "-"], stdin=f, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    assert p.returncode == 0
    assert json_lines(p.stdout)[0]["partition"] == raw["partition"]
    assert b"--schema" in p.stderr
    assert cli("paimon", "manifest", "--raw", "--schema", schema0, path, check=False).returncode == 2


# ----------------------------------------------------------------------------------------------
# avro tojson --pretty


def test_avro_tojson_pretty_is_jackson_layout_of_the_same_values(tmp_path):
    files = sorted(glob.glob(os.path.join(SHARED, "conformance", "avro", "**", "*.avro"),
                             recursive=True))
    compared = 0
    for path in files:
        compact = cli("avro", "tojson", path, check=False)
        if compact.returncode != 0:
            continue
        pretty = cli("avro", "tojson", "--pretty", path)
        a = compact.stdout.decode("utf-8", "replace")
        b = pretty.stdout.decode("utf-8", "replace")
        dec = json.JSONDecoder()
        values_a, values_b = [], []
        for text, out in ((a, values_a), (b, values_b)):
            i = 0
            while True:
                while i < len(text) and text[i] in " \n":
                    i += 1
                if i >= len(text):
                    break
                v, i = dec.raw_decode(text, i)
                out.append(v)
        assert values_a == values_b, path
        compared += len(values_a)
    assert compared > 0
    # The layout: objects one entry per line, `" : "`, inline arrays, `{ }`/`[ ]`.
    sample = str(tmp_path / "pretty.avro")
    schema = str(tmp_path / "pretty.avsc")
    with open(schema, "w") as f:
        json.dump({"type": "record", "name": "r", "fields": [
            {"name": "a", "type": "int"},
            {"name": "l", "type": {"type": "array", "items": "int"}},
            {"name": "e", "type": {"type": "array", "items": "int"}},
            {"name": "m", "type": {"type": "map", "values": "string"}},
            {"name": "u", "type": ["null", "string"]},
            {"name": "s", "type": {"type": "record", "name": "s", "fields": [
                {"name": "x", "type": "string"}]}},
        ]}, f)
    p = subprocess.run(
        [CLI, "avro", "fromjson", "--overwrite", "--schema", schema, "-", sample],
        input=b'{"a": 1, "l": [1, 2], "e": [], "m": {}, "u": {"string": "x, y: {z}"},'
        b' "s": {"x": "q"}}\n',
    )
    assert p.returncode == 0
    out = cli("avro", "tojson", "--pretty", sample).stdout.decode()
    assert out == (
        '{\n  "a" : 1,\n  "l" : [ 1, 2 ],\n  "e" : [ ],\n  "m" : { },\n'
        '  "u" : {\n    "string" : "x, y: {z}"\n  },\n  "s" : {\n    "x" : "q"\n  }\n}\n'
    )


# ----------------------------------------------------------------------------------------------
# paimon bucket takes BINARY/BYTES as hex, like every other verb that reads bytes.


def test_paimon_bucket_reads_bytes_as_hex(tmp_path):
    d = str(tmp_path)

    def schema(t):
        path = os.path.join(d, "schema-" + t)
        with open(path, "w") as f:
            json.dump({"version": 3, "id": 0, "fields": [{"id": 0, "name": "k", "type": t}],
                       "highestFieldId": 0, "partitionKeys": [], "primaryKeys": ["k"],
                       "options": {"bucket": "7"}, "timeMillis": 0}, f)
        return path

    def buckets(t, rows):
        p = subprocess.run([CLI, "paimon", "bucket", "--schema", schema(t), "-"],
                           input="".join(json.dumps(r) + "\n" for r in rows).encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return p

    words = ["", "a", "abc", "lakecodec", "a longer key than seven bytes", "\u00e9t\u00e9"]
    # STRING and BYTES values are the same bytes in a BinaryRow, so they hash alike.
    as_string = buckets("STRING", [{"k": w} for w in words])
    as_bytes = buckets("BYTES", [{"k": w.encode().hex()} for w in words])
    upper = buckets("BYTES", [{"k": w.encode().hex().upper()} for w in words])
    assert as_string.returncode == as_bytes.returncode == upper.returncode == 0, as_bytes.stderr
    assert as_string.stdout == as_bytes.stdout == upper.stdout
    bad = buckets("BYTES", [{"k": "abc"}])
    assert bad.returncode == 1 and b"odd number" in bad.stderr, bad.stderr


def test_iceberg_transform_java_case_forms():
    from pyiceberg.transforms import parse_transform

    for text, typ, value in [("BUCKET[16]", "long", "34"), ("Identity", "int", "7"),
                             ("truncate[4]", "string", '"iceberg"'), ("Day", "date", '"2017-11-16"'),
                             ("YEAR", "date", '"2017-11-16"'), ("Void", "int", "7")]:
        ours = cli("iceberg", "transform", text, "--type", typ, value).stdout.decode().strip()
        lower = cli("iceberg", "transform", text.lower(), "--type", typ, value).stdout
        assert ours == lower.decode().strip(), text
        # pyiceberg's own parser is case-sensitive; its transform of the same value agrees.
        t = parse_transform(text.lower())
        if text == "Void":
            assert ours == "null"
        elif typ == "long":
            assert int(ours) == t.transform(LongType())(34)
        elif typ == "string":
            assert json.loads(ours) == t.transform(StringType())("iceberg")
    assert cli("iceberg", "transform", "Days", "--type", "date", "1", check=False).returncode == 2


def test_paimon_commit_decode_hints_at_the_format():
    golden = os.path.join(SHARED, "conformance", "paimon", "commit-messages", "apache-paimon")
    # ManifestCommittableSerializerCompatibilityTest: the v8 file is ManifestCommittable v4.
    r = cli("paimon", "commit", "decode", os.path.join(golden, "manifest-committable-v8"),
            check=False)
    assert r.returncode == 1
    assert b"ManifestCommittable of version 4 (pass --committable 4)" in r.stderr, r.stderr
    ok = cli("paimon", "commit", "decode", "--committable", "4",
             os.path.join(golden, "manifest-committable-v8"))
    assert json.loads(ok.stdout)["messages"]
    # v2 and v3 share a layout: both are named.
    r = cli("paimon", "commit", "decode", os.path.join(golden, "manifest-committable-v2"),
            check=False)
    assert b"version 2 or 3" in r.stderr, r.stderr
    table, manifest = pk_manifest()
    parquet = sorted(glob.glob(os.path.join(table, "*", "*", "bucket-0", "*.parquet")))[0]
    for path, hint in [(parquet, b"this looks like a Parquet file"),
                       (manifest, b"this looks like an Avro file"),
                       (os.path.join(table, "schema", "schema-0"), b"this looks like JSON")]:
        r = cli("paimon", "commit", "decode", path, check=False)
        assert r.returncode == 1 and hint in r.stderr, (path, r.stderr)
