#!/usr/bin/env python3
"""Writes iceberg_manifest_values.json: the field values of every Iceberg manifest and manifest
list under tests/data/conformance/iceberg/tables, decoded by fastavro (not by lakecodec), for
tests/iceberg/manifest_test.cpp (IcebergManifestGoldenTest) to compare with read_manifest and
read_manifest_list.

Fields are picked by Iceberg field id (spec "Manifests", "Manifest Lists"), as the spec asks of
readers, and written under their spec names; Avro logical types are not applied, so values are
what the file holds: partition decimals as their unscaled integer in a string, uuids and bytes
as lowercase hex, floats as numbers ("NaN" for NaN), ints for dates and timestamps.

Usage: make_iceberg_manifest_values.py   (run with the interop venv, which has fastavro)
"""
import io
import json
import math
import pathlib
import uuid

import fastavro
import fastavro.read

# Decode what the file stores, not the Python objects of Avro logical types (Decimal, datetime,
# UUID): clearing fastavro's logical readers leaves ints, bytes and strings.
fastavro.read.LOGICAL_READERS.clear()

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent
TABLES = DATA / "conformance" / "iceberg" / "tables"

ENTRY = {0: "status", 1: "snapshot_id", 3: "sequence_number", 4: "file_sequence_number"}
DATA_FILE = {134: "content", 100: "file_path", 101: "file_format", 103: "record_count",
             104: "file_size_in_bytes", 108: "column_sizes", 109: "value_counts",
             110: "null_value_counts", 137: "nan_value_counts", 125: "lower_bounds",
             128: "upper_bounds", 131: "key_metadata", 132: "split_offsets", 135: "equality_ids",
             140: "sort_order_id", 142: "first_row_id", 143: "referenced_data_file",
             144: "content_offset", 145: "content_size_in_bytes"}
MANIFEST_FILE = {500: "manifest_path", 501: "manifest_length", 502: "partition_spec_id",
                 517: "content", 515: "sequence_number", 516: "min_sequence_number",
                 503: "added_snapshot_id", 504: "added_files_count",
                 505: "existing_files_count", 506: "deleted_files_count",
                 512: "added_rows_count", 513: "existing_rows_count",
                 514: "deleted_rows_count", 519: "key_metadata", 520: "first_row_id"}
SUMMARY = {509: "contains_null", 518: "contains_nan", 510: "lower_bound", 511: "upper_bound"}
MAX_ENTRIES = 4
BYTES_FIELDS = {"key_metadata", "lower_bound", "upper_bound"}


def non_null(t):
    if isinstance(t, list):
        rest = [b for b in t if b != "null"]
        return rest[0] if rest else "null"
    return t


def by_id(record_schema, record, names):
    """{spec name: value} for the fields of `record` whose field-id is in `names`."""
    out = {}
    for f in record_schema["fields"]:
        fid = f.get("field-id")
        if fid in names:
            out[names[fid]] = record.get(f["name"])
    return out


def hexs(b):
    return None if b is None else bytes(b).hex()


def id_map(v, hex_values):
    if v is None:
        return None
    items = v.items() if isinstance(v, dict) else ((kv["key"], kv["value"]) for kv in v)
    return {str(int(k)): (hexs(x) if hex_values else x) for k, x in items}


def partition_value(field_schema, v):
    if v is None:
        return None
    t = non_null(field_schema["type"])
    base = t["type"] if isinstance(t, dict) else t
    logical = t.get("logicalType") if isinstance(t, dict) else None
    if logical == "decimal":
        return str(int.from_bytes(bytes(v), "big", signed=True))
    if logical == "uuid":
        return (uuid.UUID(v).bytes if isinstance(v, str) else bytes(v)).hex()
    if base in ("bytes", "fixed"):
        return bytes(v).hex()
    if base in ("float", "double"):
        return "NaN" if math.isnan(v) else float(v)
    return v


def decode_manifest(schema, records):
    df_field = next(f for f in schema["fields"] if f.get("field-id") == 2)
    df_schema = non_null(df_field["type"])
    part_field = next((f for f in df_schema["fields"] if f.get("field-id") == 102), None)
    part_schema = non_null(part_field["type"]) if part_field else {"fields": []}
    entries = []
    for r in records:
        e = by_id(schema, r, ENTRY)
        d = r[df_field["name"]]
        f = by_id(df_schema, d, DATA_FILE)
        for k in ("column_sizes", "value_counts", "null_value_counts", "nan_value_counts"):
            if k in f:
                f[k] = id_map(f[k], False)
        for k in ("lower_bounds", "upper_bounds"):
            if k in f:
                f[k] = id_map(f[k], True)
        if "key_metadata" in f:
            f["key_metadata"] = hexs(f["key_metadata"])
        p = d.get(part_field["name"]) if part_field else {}
        f["partition"] = [partition_value(pf, p.get(pf["name"])) for pf in part_schema["fields"]]
        e["data_file"] = f
        entries.append(e)
    return entries


def decode_list(schema, records):
    parts_field = next((f for f in schema["fields"] if f.get("field-id") == 507), None)
    summary_schema = None
    if parts_field:
        arr = non_null(parts_field["type"])
        summary_schema = non_null(arr["items"])
    out = []
    for r in records:
        m = by_id(schema, r, MANIFEST_FILE)
        if "key_metadata" in m:
            m["key_metadata"] = hexs(m["key_metadata"])
        parts = r.get(parts_field["name"]) if parts_field else None
        if parts is not None:
            ps = []
            for s in parts:
                fs = by_id(summary_schema, s, SUMMARY)
                for k in BYTES_FIELDS & fs.keys():
                    fs[k] = hexs(fs[k])
                ps.append(fs)
            m["partitions"] = ps
        else:
            m["partitions"] = None
        out.append(m)
    return out


def main():
    files = []
    for path in sorted(TABLES.rglob("*.avro")):
        rel = path.relative_to(DATA).as_posix()
        if "/equality_delete_" in rel:
            continue  # a snapshot id that does not fit a long; see ReadsEveryConformanceManifest
        raw = path.read_bytes()
        schema = fastavro.reader(io.BytesIO(raw)).writer_schema
        records = list(fastavro.reader(io.BytesIO(raw)))
        ids = {f.get("field-id") for f in schema["fields"]}
        kind = "manifest_list" if 500 in ids else "manifest"
        entries = decode_list(schema, records) if 500 in ids else decode_manifest(schema, records)
        # The first few entries of each file keep the file small; the count covers the rest.
        files.append({"path": rel, "kind": kind, "entry_count": len(entries),
                      "entries": entries[:MAX_ENTRIES]})
    out = {"generator": "tests/data/golden/make_iceberg_manifest_values.py (fastavro "
                        + fastavro.__version__ + ")", "files": files}
    (HERE / "iceberg_manifest_values.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
