"""Tables lakecodec writes, proven against Java Iceberg 1.10.1 (iceberg-core, iceberg-data,
iceberg-parquet with HadoopTables; the harness is tests/iceberg/java, built by
tests/deps/install.sh):

* Java's IcebergGenerics reads exactly our rows, every type of test_table_interop's SCHEMA, from
  Parquet and Avro data files, format v1, v2 and v3, partitioned by several transforms;
* `lakecodec iceberg write --manifest` worker manifests are committed by Java's
  `AppendFiles.appendManifest` (v1: Java rewrites the manifest with its snapshot id; v2/v3: it
  lists our manifest as is and inherits snapshot id and sequence numbers from it), and PyIceberg
  then reads every row;
* Java and lakecodec append to the same table in turn (5 rounds each, v2 and v3): both readers
  (Java IcebergGenerics, PyIceberg) see every row, our `iceberg files` lists every file with the
  sequence number of its commit, and v3 row lineage (next-row-id) counts every row.
Java and the built harness are required: a missing one is an error, never a skip.
"""
import datetime
import json
import os
import subprocess
import uuid
from decimal import Decimal

import pytest
from pyiceberg.table import StaticTable

import test_table_interop as base

SOURCE_DIR = os.environ["LAKECODEC_SOURCE_DIR"]
HARNESS = os.path.join(SOURCE_DIR, "tests", "iceberg", "java", "target")


class JavaIceberg:
    """One JVM (lakecodec.IcebergInterop serve) for the whole module: a JVM start costs seconds."""

    def __init__(self):
        cp_file = os.path.join(HARNESS, "classpath.txt")
        assert os.path.exists(cp_file), "Java Iceberg harness not built: run tests/deps/install.sh"
        with open(cp_file) as f:
            classpath = os.path.join(HARNESS, "classes") + ":" + f.read().strip()
        self.proc = subprocess.Popen(["java", "-cp", classpath, "lakecodec.IcebergInterop", "serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def __call__(self, *args):
        self.proc.stdin.write(json.dumps(list(args)) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the Java harness exited (code %s)" % self.proc.poll()
        answer = json.loads(line)
        assert answer["ok"], answer["error"]
        return answer["out"]

    def close(self):
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0


@pytest.fixture(scope="module")
def java():
    j = JavaIceberg()
    yield j
    j.close()


def java_value(name, v):
    """A value of the harness's JSON form as test_table_interop.row() expects it."""
    if v is None:
        return None
    if name in ("dec", "wide"):
        return Decimal(v)
    if name == "day":
        return datetime.date.fromisoformat(v)
    if name == "t":
        return datetime.time.fromisoformat(v)
    if name in ("ts", "tstz"):
        return datetime.datetime.fromisoformat(v)
    if name in ("bin", "fx"):
        return bytes.fromhex(v)
    if name == "u":
        return uuid.UUID(v).bytes
    if name == "m":
        return sorted(tuple(kv) for kv in v)
    return v


def java_rows(java, table):
    rows = [json.loads(line) for line in java("read", table).splitlines()]
    return sorted(({k: java_value(k, v) for k, v in r.items()} for r in rows),
                  key=lambda r: r["id"])


def pyiceberg_rows(table):
    return base.scan_rows(StaticTable.from_metadata(table).scan().to_arrow())


def files(table):
    return [json.loads(line) for line in base.run("iceberg", "files", table).stdout.splitlines()]


def write_rows(tmp_path, ns, name):
    f = tmp_path / name
    f.write_text("".join(json.dumps(base.row(n)[0]) + "\n" for n in ns))
    return str(f)


READ_CASES = [
    (1, "parquet", "month(day), bucket(4, id)"),
    (2, "avro", "truncate(2, s), day(ts)"),
    (2, "parquet", None),
    (3, "parquet", "year(tstz), s"),
    (3, "avro", "hour(ts), bucket(3, s)"),
]


@pytest.mark.parametrize("version,fmt,partition_by", READ_CASES,
                         ids=["v%d-%s-%s" % (v, f, p) for v, f, p in READ_CASES])
def test_java_reads_our_tables(java, tmp_path, version, fmt, partition_by):
    table = base.make_table(tmp_path, version, partition_by=partition_by,
                            props=["write.format.default=" + fmt])
    base.append(tmp_path, table, range(0, 30))
    base.append(tmp_path, table, range(30, 50), name="more.jsonl")
    assert {f["file_format"] for f in files(table)} == {fmt.upper()}
    base.assert_rows_equal(java_rows(java, table), base.expected(range(50)))


@pytest.mark.parametrize("version", [1, 2, 3])
def test_java_append_manifest_commits_our_workers(java, tmp_path, version):
    table = base.make_table(tmp_path, version, partition_by="bucket(4, id), s")
    base.append(tmp_path, table, range(0, 10))
    manifests = []
    for w, ns in enumerate([range(10, 35), range(35, 60)]):
        out = str(tmp_path / ("worker-%d.avro" % w))
        base.run("iceberg", "write", "--manifest", out, table,
                 write_rows(tmp_path, ns, "w%d.jsonl" % w))
        manifests.append(out)
    # The workers committed nothing.
    assert sum(f["record_count"] for f in files(table)) == 10
    java("append-manifests", table, *manifests)
    t = StaticTable.from_metadata(table)
    snap = t.current_snapshot()
    assert snap.summary["added-records"] == "50"
    assert snap.summary["total-records"] == "60"
    listed = {m.manifest_path for m in snap.manifests(t.io)}
    if version >= 2:
        # Snapshot ids and sequence numbers inherited: Java lists our manifests unchanged.
        assert set(manifests) <= listed
    else:
        # v1 cannot inherit: Java rewrote our entries into a manifest of its own.
        assert not set(manifests) & listed
    base.assert_rows_equal(pyiceberg_rows(table), base.expected(range(60)))
    ours = files(table)
    assert sum(f["record_count"] for f in ours) == 60
    assert {f["sequence_number"] for f in ours} == ({0} if version == 1 else {1, 2})


@pytest.mark.parametrize("version", [2, 3])
def test_java_and_lakecodec_append_in_turn(java, tmp_path, version):
    table = base.make_table(tmp_path, version, partition_by="bucket(4, id)")
    for k in range(5):
        base.append(tmp_path, table, range(20 * k, 20 * k + 10), name="ours%d.jsonl" % k)
        java("append", table, write_rows(tmp_path, range(20 * k + 10, 20 * k + 20),
                                         "java%d.jsonl" % k))
    want = base.expected(range(100))
    base.assert_rows_equal(java_rows(java, table), want)
    base.assert_rows_equal(pyiceberg_rows(table), want)
    ours = files(table)
    assert sum(f["record_count"] for f in ours) == 100
    assert {f["sequence_number"] for f in ours} == set(range(1, 11))
    snaps = [json.loads(line) for line in base.run("iceberg", "snapshots", table).stdout.splitlines()]
    assert len(snaps) == 10
    assert [s["parent-snapshot-id"] for s in snaps[1:]] == [s["snapshot-id"] for s in snaps[:-1]]
    assert [s["sequence-number"] for s in snaps] == list(range(1, 11))
    meta = StaticTable.from_metadata(table).metadata
    if version == 3:
        assert meta.next_row_id == 100
