"""Iceberg tables written by `lakecodec iceberg create/append` and read by the reference readers.

* PyIceberg `StaticTable.from_metadata` on the table directory (through version-hint.text): a
  full scan returns exactly our rows for every type, in format v1, v2 and v3; a filtered scan on a
  partition column plans fewer files and returns the right rows, for every transform;
* our `iceberg files` / `iceberg snapshots` listings equal PyIceberg's plan_files / snapshots;
* DuckDB's `iceberg_scan` (duckdb 1.5 with the duckdb-extension-iceberg wheel, in its own venv
  because the extension is built for that release) returns the same rows;
* a bad line refuses the whole append: the table keeps its snapshot and no data file is left.
The reference packages are required: a missing one is an error, never a skip.
"""
import datetime
import json
import os
import subprocess
import uuid
from decimal import Decimal

import pytest
from pyiceberg.expressions import EqualTo, GreaterThanOrEqual
from pyiceberg.table import StaticTable

CLI = os.environ["LAKECODEC_CLI"]
SOURCE_DIR = os.environ["LAKECODEC_SOURCE_DIR"]
DUCKDB_PYTHON = os.environ.get(
    "LAKECODEC_DUCKDB_ICEBERG_PYTHON", os.path.join(SOURCE_DIR, ".venv-duckdb-iceberg", "bin", "python"))

SCHEMA = {
    "type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "id", "required": True, "type": "long"},
        {"id": 2, "name": "i", "required": False, "type": "int"},
        {"id": 3, "name": "f", "required": False, "type": "float"},
        {"id": 4, "name": "d", "required": False, "type": "double"},
        {"id": 5, "name": "b", "required": False, "type": "boolean"},
        {"id": 6, "name": "dec", "required": False, "type": "decimal(9, 2)"},
        {"id": 7, "name": "wide", "required": False, "type": "decimal(30, 4)"},
        {"id": 8, "name": "day", "required": False, "type": "date"},
        {"id": 9, "name": "t", "required": False, "type": "time"},
        {"id": 10, "name": "ts", "required": False, "type": "timestamp"},
        {"id": 11, "name": "tstz", "required": False, "type": "timestamptz"},
        {"id": 12, "name": "s", "required": False, "type": "string"},
        {"id": 13, "name": "bin", "required": False, "type": "binary"},
        {"id": 14, "name": "fx", "required": False, "type": "fixed[3]"},
        {"id": 15, "name": "u", "required": False, "type": "uuid"},
        {"id": 16, "name": "st", "required": False, "type": {"type": "struct", "fields": [
            {"id": 17, "name": "x", "required": True, "type": "int"},
            {"id": 18, "name": "y", "required": False, "type": "string"}]}},
        {"id": 19, "name": "l", "required": False, "type": {
            "type": "list", "element-id": 20, "element": "long", "element-required": False}},
        {"id": 21, "name": "m", "required": False, "type": {
            "type": "map", "key-id": 22, "key": "string", "value-id": 23, "value": "int",
            "value-required": False}},
    ]}

REGIONS = ["eu", "us", "apac", None]


def row(n):
    """The JSON line of row n and the value PyIceberg must return for every column."""
    day = datetime.date(2020, 1, 1) + datetime.timedelta(days=n * 37)
    ts = datetime.datetime(2020, 1, 1, 0, 0, 0) + datetime.timedelta(hours=n * 7, microseconds=n)
    u = uuid.UUID(int=(n * 0x9E3779B97F4A7C15) % (1 << 128))
    j = {
        "id": n, "i": n * 3 - 100, "f": n / 4, "d": n * 1.5, "b": n % 2 == 0,
        "dec": "%d.%02d" % (n, n % 100), "wide": "%d.%04d" % (n * 1000003, n % 10000),
        "day": day.isoformat(), "t": "%02d:%02d:%02d.%06d" % (n % 24, n % 60, (n * 7) % 60, n),
        "ts": ts.isoformat(timespec="microseconds"),
        "tstz": ts.isoformat(timespec="microseconds") + "+00:00",
        "s": REGIONS[n % 4], "bin": bytes([n % 256, 7]).hex(), "fx": bytes([1, 2, n % 256]).hex(),
        "u": str(u), "st": {"x": n, "y": None if n % 5 == 0 else "y%d" % n},
        "l": [n, None, n * 2] if n % 3 else [], "m": {"keys": ["a", "b"], "values": [n, None]},
    }
    if n % 7 == 3:  # optional columns absent entirely read as nulls
        for k in ("i", "f", "dec", "s", "u", "l"):
            del j[k]
    want = {
        "id": n, "i": j.get("i"), "f": j.get("f"), "d": n * 1.5, "b": n % 2 == 0,
        "dec": Decimal(j["dec"]) if "dec" in j else None, "wide": Decimal(j["wide"]),
        "day": day, "t": datetime.time(n % 24, n % 60, (n * 7) % 60, n), "ts": ts,
        "tstz": ts.replace(tzinfo=datetime.timezone.utc), "s": j.get("s"),
        "bin": bytes([n % 256, 7]), "fx": bytes([1, 2, n % 256]),
        "u": u.bytes if "u" in j else None,
        "st": {"x": n, "y": None if n % 5 == 0 else "y%d" % n},
        "l": j.get("l"), "m": [("a", n), ("b", None)],
    }
    return j, want


def run(*args, check=True, stdin=None):
    r = subprocess.run([CLI, *args], capture_output=True, text=True, input=stdin)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def make_table(tmp_path, version, partition_by=None, props=(), name="t"):
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(SCHEMA))
    table = str(tmp_path / name)
    args = ["iceberg", "create", "--schema", str(schema_file), "--format-version", str(version)]
    if partition_by:
        args += ["--partition-by", partition_by]
    for p in props:
        args += ["--property", p]
    run(*args, table)
    return table


def append(tmp_path, table, ns, name="rows.jsonl", **kw):
    f = tmp_path / name
    f.write_text("".join(json.dumps(row(n)[0]) + "\n" for n in ns))
    return run("iceberg", "append", table, str(f), **kw)


def normalize(v):
    if isinstance(v, uuid.UUID):
        return v.bytes
    if isinstance(v, list) and v and isinstance(v[0], tuple):
        return sorted(v, key=lambda kv: kv[0])
    if isinstance(v, dict) and set(v) == {"key", "value"}:
        return (v["key"], v["value"])
    return v


def scan_rows(arrow_table):
    rows = arrow_table.to_pylist()
    out = []
    for r in rows:
        r = dict(r)
        if r.get("m") is not None:
            r["m"] = sorted([tuple(kv) if isinstance(kv, tuple) else (kv["key"], kv["value"])
                             for kv in (r["m"].items() if isinstance(r["m"], dict) else r["m"])])
        out.append({k: normalize(v) for k, v in r.items()})
    return sorted(out, key=lambda r: r["id"])


def expected(ns):
    return sorted((row(n)[1] for n in ns), key=lambda r: r["id"])


def assert_rows_equal(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        for k in w:
            gv, wv = g[k], w[k]
            if k == "f" and wv is not None:
                assert gv == pytest.approx(wv), (k, g["id"])
            else:
                assert gv == wv, (k, g["id"], gv, wv)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_pyiceberg_reads_every_type(tmp_path, version):
    table = make_table(tmp_path, version)
    append(tmp_path, table, range(0, 40))
    append(tmp_path, table, range(40, 64), name="more.jsonl")
    t = StaticTable.from_metadata(table)
    assert t.metadata.format_version == version
    assert_rows_equal(scan_rows(t.scan().to_arrow()), expected(range(64)))
    snap = t.current_snapshot()
    assert snap.summary["total-records"] == "64"
    assert snap.summary["added-records"] == "24"
    assert len(t.snapshots()) == 2


TRANSFORMS = [
    ("s", "s", EqualTo("s", "eu"), lambda w: w["s"] == "eu"),
    ("bucket(4, id)", "id_bucket", EqualTo("id", 17), lambda w: w["id"] == 17),
    ("truncate(2, s)", "s_trunc", EqualTo("s", "apac"), lambda w: w["s"] == "apac"),
    ("day(ts)", "ts_day", GreaterThanOrEqual("ts", "2020-01-10T00:00:00"),
     lambda w: w["ts"] >= datetime.datetime(2020, 1, 10)),
    ("month(day)", "day_month", GreaterThanOrEqual("day", "2022-01-01"),
     lambda w: w["day"] >= datetime.date(2022, 1, 1)),
    ("year(day)", "day_year", GreaterThanOrEqual("day", "2024-03-01"),
     lambda w: w["day"] >= datetime.date(2024, 3, 1)),
    ("day(tstz)", "tstz_day", GreaterThanOrEqual("tstz", "2020-01-10T00:00:00+00:00"),
     lambda w: w["tstz"] >= datetime.datetime(2020, 1, 10, tzinfo=datetime.timezone.utc)),
    ("hour(ts), i", "ts_hour", EqualTo("i", 5), lambda w: w["i"] == 5),
]


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("partition_by,field,predicate,keep", TRANSFORMS,
                         ids=[t[0] for t in TRANSFORMS])
def test_partitioned_tables_prune_and_scan(tmp_path, version, partition_by, field, predicate, keep):
    table = make_table(tmp_path, version, partition_by=partition_by)
    ns = range(0, 80)
    append(tmp_path, table, ns)
    t = StaticTable.from_metadata(table)
    assert t.spec().fields[0].name == field
    assert_rows_equal(scan_rows(t.scan().to_arrow()), expected(ns))
    all_files = list(t.scan().plan_files())
    some = list(t.scan(row_filter=predicate).plan_files())
    assert len(all_files) > 1
    assert len(some) < len(all_files)
    got = scan_rows(t.scan(row_filter=predicate).to_arrow())
    assert_rows_equal(got, [w for w in expected(ns) if keep(w)])


def test_files_and_snapshots_listings_equal_pyiceberg(tmp_path):
    table = make_table(tmp_path, 2, partition_by="s")
    append(tmp_path, table, range(0, 30))
    append(tmp_path, table, range(30, 45), name="b.jsonl")
    t = StaticTable.from_metadata(table)
    ours = [json.loads(l) for l in run("iceberg", "files", table).stdout.splitlines()]
    theirs = {task.file.file_path: task.file for task in t.scan().plan_files()}
    assert sorted(f["file_path"] for f in ours) == sorted(theirs)
    for f in ours:
        df = theirs[f["file_path"]]
        assert f["record_count"] == df.record_count
        assert f["file_size_in_bytes"] == df.file_size_in_bytes
        assert f["partition"]["s"] == df.partition[0]
        assert os.path.getsize(f["file_path"][len("file://"):]) == df.file_size_in_bytes
    snaps = [json.loads(l) for l in run("iceberg", "snapshots", table).stdout.splitlines()]
    assert [s["snapshot-id"] for s in snaps] == [s.snapshot_id for s in t.snapshots()]
    assert [s["parent-snapshot-id"] for s in snaps] == [s.parent_snapshot_id for s in t.snapshots()]
    first = run("iceberg", "files", "--snapshot", str(snaps[0]["snapshot-id"]), table).stdout
    assert sum(json.loads(l)["record_count"] for l in first.splitlines()) == 30
    # Pruning by metrics: id bounds are in the manifests.
    pruned = list(t.scan(row_filter=GreaterThanOrEqual("id", 30)).plan_files())
    assert {task.file.file_path for task in pruned} <= set(theirs)
    assert sum(task.file.record_count for task in pruned) == 15


DUCKDB_SCRIPT = r"""
import duckdb, json, os, sys
import duckdb_extension_avro, duckdb_extension_iceberg
def ext(m, name):
    d = os.path.join(os.path.dirname(m.__file__), "extensions")
    return os.path.join(d, os.listdir(d)[0], name + ".duckdb_extension")
c = duckdb.connect(config={"allow_unsigned_extensions": "true"})
c.execute("LOAD '%s'" % ext(duckdb_extension_avro, "avro"))
c.execute("LOAD '%s'" % ext(duckdb_extension_iceberg, "iceberg"))
rows = c.execute("SELECT id, i, d, b, CAST(dec AS VARCHAR), CAST(day AS VARCHAR), s, hex(bin), "
                 "CAST(u AS VARCHAR), st.x, l FROM iceberg_scan(?) ORDER BY id", [sys.argv[1]]).fetchall()
print(json.dumps([list(r) for r in rows]))
"""


@pytest.mark.parametrize("version", [1, 2])
def test_duckdb_iceberg_scan_reads_our_rows(tmp_path, version):
    assert os.path.exists(DUCKDB_PYTHON), "DuckDB 1.5 venv missing: run tests/deps/install.sh"
    table = make_table(tmp_path, version, partition_by="month(day)")
    ns = range(0, 50)
    append(tmp_path, table, ns)
    r = subprocess.run([DUCKDB_PYTHON, "-c", DUCKDB_SCRIPT, table], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    want = []
    for w in expected(ns):
        want.append([w["id"], w["i"], w["d"], w["b"],
                     None if w["dec"] is None else str(w["dec"]), w["day"].isoformat(), w["s"],
                     w["bin"].hex().upper(), None if w["u"] is None else str(uuid.UUID(bytes=w["u"])),
                     w["st"]["x"], w["l"]])
    assert got == want


def test_a_bad_line_leaves_the_table_as_it_was(tmp_path):
    table = make_table(tmp_path, 2, partition_by="s")
    append(tmp_path, table, range(0, 10))
    before = run("iceberg", "snapshots", table).stdout
    files_before = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(table, "data"))
                          for f in fs)
    lines = [json.dumps(row(n)[0]) for n in range(10, 15)]
    lines[2] = lines[2].replace('"id"', '"idd"')
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    r = run("iceberg", "append", table, str(bad), check=False)
    assert r.returncode == 1
    assert "bad.jsonl:3" in r.stderr and "'idd'" in r.stderr, r.stderr
    lines[2] = json.dumps(dict(row(12)[0], id=None))
    bad.write_text("\n".join(lines) + "\n")
    r = run("iceberg", "append", table, str(bad), check=False)
    assert r.returncode == 1
    assert "bad.jsonl:3" in r.stderr and "'id'" in r.stderr, r.stderr
    assert run("iceberg", "snapshots", table).stdout == before
    files_after = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(table, "data"))
                         for f in fs)
    assert files_after == files_before
    t = StaticTable.from_metadata(table)
    assert_rows_equal(scan_rows(t.scan().to_arrow()), expected(range(10)))


def test_bad_table_definitions_are_refused(tmp_path):
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(SCHEMA))
    base = ["iceberg", "create", "--schema", str(schema_file)]
    r = run(*base, "--partition-by", "nope(id)", str(tmp_path / "a"), check=False)
    assert r.returncode == 2 and "unknown partition transform 'nope'" in r.stderr
    r = run(*base, "--partition-by", "missing", str(tmp_path / "b"), check=False)
    assert r.returncode == 2 and "'missing' is not in the schema" in r.stderr
    r = run(*base, "--property", "write.parquet.compression-codec=zip", str(tmp_path / "c"),
            check=False)
    assert r.returncode == 1 and "write.parquet.compression-codec" in r.stderr, r.stderr
    for d in "abc":
        assert not os.path.exists(tmp_path / d / "metadata" / "v1.metadata.json")
    r = run("iceberg", "files", str(tmp_path / "nothing"), check=False)
    assert r.returncode == 1 and "no table metadata" in r.stderr
