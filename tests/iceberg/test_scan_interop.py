"""Read planning against PyIceberg, the reference planner:

* on tables lakecodec writes (every transform), `iceberg files --where F` plans exactly the files
  PyIceberg's `scan(row_filter=F).plan_files()` plans, fewer than a full scan, and those files hold
  every row PyIceberg's filtered scan returns (pruning never drops a matching row);
* on every table written by Spark/PyIceberg under tests/data/conformance/iceberg/tables, for every
  snapshot, our live data and delete files (paths, record counts, sequence numbers) equal
  PyIceberg's manifest entries, and the delete files attached to each data file equal its
  `plan_files()` tasks' (where PyIceberg can plan: it refuses equality deletes);
* `iceberg delete --where` removes whole files, refuses a file that matches only in part, and
  PyIceberg reads the rows that are left.
PyIceberg is required: a missing package is an error, never a skip.
"""
import glob
import gzip
import json
import os
import subprocess

import pyarrow.parquet as pq
import pytest
from pyiceberg.table import StaticTable

import test_table_interop as base

CLI = os.environ["LAKECODEC_CLI"]
SOURCE_DIR = os.environ["LAKECODEC_SOURCE_DIR"]
CONFORMANCE = os.path.join(SOURCE_DIR, "tests", "data", "conformance", "iceberg", "tables")


def run(*args, check=True, cwd=None):
    r = subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def files(table, *args, cwd=None):
    out = run("iceberg", "files", *args, table, cwd=cwd).stdout
    return [json.loads(line) for line in out.splitlines()]


def local(path):
    return path[len("file://"):] if path.startswith("file://") else path


# Filters in the text form both planners read, with the transforms that make them prune.
FILTERS = [
    ("s", "s = 'eu'"),
    ("s", "s in ('us', 'apac')"),
    ("s", "s is null"),
    ("s", "s != 'eu'"),
    ("s", "s like 'a%'"),
    ("bucket(4, id)", "id = 17"),
    ("bucket(4, id)", "id in (3, 40, 77)"),
    ("truncate(2, s)", "s = 'apac'"),
    ("truncate(10, id)", "id < 30"),
    ("truncate(10, id)", "id >= 45 and id < 61"),
    ("day(ts)", "ts >= '2020-01-10T00:00:00'"),
    ("day(ts)", "ts < '2020-01-05T12:00:00'"),
    ("month(day)", "day >= '2022-01-01'"),
    ("month(day)", "day = '2021-10-28'"),
    ("year(day)", "day < '2021-01-01'"),
    ("day(tstz)", "tstz >= '2020-01-10T00:00:00+00:00'"),
    ("hour(ts), i", "i = 5 or id > 70"),
    ("truncate(10, id)", "not (id < 70)"),
    ("truncate(10, id)", "d > 100.0"),  # metrics only
    ("truncate(10, id)", "dec < 10.50 and id > 2"),
]


@pytest.mark.parametrize("partition_by,where", FILTERS, ids=[f"{p}|{w}" for p, w in FILTERS])
def test_filtered_planning_equals_pyiceberg(tmp_path, partition_by, where):
    table = base.make_table(tmp_path, 2, partition_by=partition_by)
    for k in range(4):  # four commits: several files per partition, metrics differ per file
        base.append(tmp_path, table, range(k * 20, k * 20 + 20), name=f"rows{k}.jsonl")
    t = StaticTable.from_metadata(table)
    theirs = sorted(local(task.file.file_path) for task in t.scan(row_filter=where).plan_files())
    ours = sorted(local(f["file_path"]) for f in files(table, "--where", where))
    assert ours == theirs
    everything = files(table)
    assert len(ours) < len(everything), "the filter pruned nothing"
    # Inclusive: the planned files hold every row the filter selects.
    want_ids = set(t.scan(row_filter=where).to_arrow().column("id").to_pylist())
    got_ids = set()
    for path in ours:
        got_ids.update(pq.read_table(path, columns=["id"]).column("id").to_pylist())
    assert want_ids <= got_ids
    assert want_ids, "the filter should select some rows"


def test_files_by_snapshot_ref_and_time(tmp_path):
    table = base.make_table(tmp_path, 2, partition_by="s")
    base.append(tmp_path, table, range(0, 10), name="a.jsonl")
    base.append(tmp_path, table, range(10, 20), name="b.jsonl")
    t = StaticTable.from_metadata(table)
    first, second = t.snapshots()[0], t.snapshots()[1]
    at_first = files(table, "--snapshot", str(first.snapshot_id))
    theirs = sorted(local(x.file.file_path) for x in t.scan(snapshot_id=first.snapshot_id).plan_files())
    assert sorted(local(f["file_path"]) for f in at_first) == theirs
    assert len(files(table, "--ref", "main")) == len(files(table))
    assert files(table, "--as-of", str(second.timestamp_ms)) == files(table)
    bad = run("iceberg", "files", "--where", "nope = 1", table, check=False)
    assert bad.returncode == 1 and "no column 'nope'" in bad.stderr
    bad = run("iceberg", "files", "--where", "id = ", table, check=False)
    assert bad.returncode == 2 and "offset" in bad.stderr
    bad = run("iceberg", "files", "--snapshot", "1", "--ref", "main", table, check=False)
    assert bad.returncode == 2


def test_delete_where_removes_whole_files(tmp_path):
    table = base.make_table(tmp_path, 2, partition_by="s")
    ns = range(0, 40)
    base.append(tmp_path, table, ns)
    # Only part of the eu file matches: refused, nothing committed.
    before = files(table)
    r = run("iceberg", "delete", "--where", "s = 'eu' and id < 10", table, check=False)
    assert r.returncode == 1 and "only some rows" in r.stderr
    assert files(table) == before
    eu = [w for w in base.expected(ns) if w["s"] == "eu"]
    out = json.loads(run("iceberg", "delete", "--where", "s = 'eu'", table).stdout)
    assert out["deleted-data-files"] == 1 and out["deleted-records"] == len(eu)
    t = StaticTable.from_metadata(table)
    assert t.current_snapshot().summary.operation.value == "delete"
    got = base.scan_rows(t.scan().to_arrow())
    base.assert_rows_equal(got, [w for w in base.expected(ns) if w["s"] != "eu"])
    # Matching nothing commits nothing.
    snaps = len(t.snapshots())
    out = json.loads(run("iceberg", "delete", "--where", "s = 'mars'", table).stdout)
    assert out["deleted-data-files"] == 0 and out["snapshot-id"] is None
    assert len(StaticTable.from_metadata(table).snapshots()) == snaps
    # Metrics prove a whole file matches even off the partition column.
    out = json.loads(run("iceberg", "delete", "--where", "id >= 0", table).stdout)
    assert out["deleted-records"] == len(ns) - len(eu)
    assert StaticTable.from_metadata(table).scan().to_arrow().num_rows == 0


# --- conformance tables -------------------------------------------------------------------------


def read_json(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def conformance_metadata():
    """Per metadata directory, the metadata file with the most snapshots (the newest on a tie)."""
    best = {}
    for path in sorted(glob.glob(os.path.join(CONFORMANCE, "**", "*.metadata.json*"), recursive=True)):
        if os.path.basename(path).startswith("."):
            continue
        try:
            m = read_json(path)
        except ValueError:
            continue  # not metadata (bad_data holds a deliberately broken file)
        if "format-version" not in m:
            continue
        d = os.path.dirname(path)
        n = len(m.get("snapshots", []))
        if d not in best or n >= best[d][1]:
            best[d] = (path, n, m)
    return [(p, m) for p, _, m in best.values()]


# Tables whose files live elsewhere: their metadata names a bucket no planner here can read.
REMOTE = {"big_query_error"}


def table_cwd(metadata_path, metadata, persistent):
    """The working directory where a table's relative locations resolve, or None for a remote
    table. duckdb-iceberg wrote most tables under data/persistent/<table> (some as the malformed
    URI file://data/persistent/...); its lineitem tables are relative to their parent folder."""
    loc = metadata["location"]
    if "data/persistent/" in loc:
        return persistent
    if loc.startswith("./"):
        return os.path.dirname(os.path.dirname(os.path.dirname(metadata_path)))
    return None


def test_conformance_tables_are_all_planned():
    names = {os.path.relpath(p, CONFORMANCE).split(os.sep)[0] for p, _ in conformance_metadata()}
    assert len(names) >= 30
    remote = {os.path.relpath(p, CONFORMANCE).split(os.sep)[0]
              for p, m in conformance_metadata() if table_cwd(p, m, "x") is None}
    assert remote == REMOTE


@pytest.fixture
def persistent_cwd(tmp_path, monkeypatch):
    """A working directory where the tables' relative locations (data/persistent/<table>/...)
    resolve, as in duckdb-iceberg's repository where they were written."""
    os.makedirs(tmp_path / "data")
    os.symlink(CONFORMANCE, tmp_path / "data" / "persistent")
    return str(tmp_path)


def content_of(f):
    return getattr(f.content, "value", f.content)


def pyiceberg_live(t, snapshot):
    data, deletes = {}, {}
    for manifest in snapshot.manifests(t.io):
        for e in manifest.fetch_manifest_entry(t.io, discard_deleted=True):
            f = e.data_file
            target = data if content_of(f) == 0 else deletes
            target[f.file_path] = (f.record_count, e.sequence_number, content_of(f))
    return data, deletes


def inline_manifest_files(metadata, snapshot, cwd):
    """Live data files of a v1 snapshot that lists its manifests inline ('manifests'), which
    PyIceberg cannot load: read with fastavro, sequence numbers 0 as v1 has none."""
    import fastavro
    data = {}
    for path in snapshot["manifests"]:
        with open(os.path.join(cwd, local(path)), "rb") as f:
            for e in fastavro.reader(f):
                if e["status"] != 2:
                    df = e["data_file"]
                    data[df["file_path"]] = (df["record_count"], 0, 0)
    return data


LOCAL = [(p, m) for p, m in conformance_metadata() if table_cwd(p, m, "x") is not None]

# Metadata PyIceberg reads although Java refuses it: v3 without next-row-id
# (TableMetadataParser requires it). lakecodec follows Java and says so.
JAVA_REFUSES = {"timestamptz_ns/metadata/v1.metadata.json": "missing required 'next-row-id'"}


@pytest.mark.parametrize("metadata_path,metadata", LOCAL,
                         ids=[os.path.relpath(p, CONFORMANCE) for p, _ in LOCAL])
def test_conformance_planning_equals_pyiceberg(persistent_cwd, monkeypatch, metadata_path,
                                               metadata):
    cwd = table_cwd(metadata_path, metadata, persistent_cwd)
    monkeypatch.chdir(cwd)
    name = os.path.relpath(metadata_path, CONFORMANCE)
    if name in JAVA_REFUSES:
        r = run("iceberg", "files", metadata_path, check=False, cwd=cwd)
        assert r.returncode == 1 and JAVA_REFUSES[name] in r.stderr
        return
    if any("manifest-list" not in s for s in metadata.get("snapshots", [])):
        for snap in metadata["snapshots"]:
            ours = files(metadata_path, "--snapshot", str(snap["snapshot-id"]), cwd=cwd)
            got = {f["file_path"]: (f["record_count"], f["sequence_number"], f["content"])
                   for f in ours}
            assert got == inline_manifest_files(metadata, snap, cwd)
        return
    t = StaticTable.from_metadata(metadata_path)
    snapshots = t.snapshots()
    for snap in snapshots:
        # Ids above Long.MAX_VALUE are read as their low 64 bits, as Avro varints carry them.
        sid = snap.snapshot_id - (1 << 64) if snap.snapshot_id >= 1 << 63 else snap.snapshot_id
        if not os.path.exists(local(snap.manifest_list)):
            # The copy kept only what duckdb-iceberg's tests read: both planners must fail.
            r = run("iceberg", "files", "--snapshot", str(sid), metadata_path, check=False, cwd=cwd)
            assert r.returncode == 1 and "No such file" in r.stderr
            with pytest.raises(FileNotFoundError):
                pyiceberg_live(t, snap)
            continue
        ours = files(metadata_path, "--snapshot", str(sid), "--deletes", cwd=cwd)
        our_data = {f["file_path"]: (f["record_count"], f["sequence_number"], f["content"])
                    for f in ours if f["content"] == 0}
        our_deletes = {f["file_path"]: (f["record_count"], f["sequence_number"], f["content"])
                       for f in ours if f["content"] != 0}
        their_data, their_deletes = pyiceberg_live(t, snap)
        assert our_data == their_data, snap.snapshot_id
        assert our_deletes == their_deletes, snap.snapshot_id
        if any(v[2] == 2 for v in their_deletes.values()):
            with pytest.raises(ValueError, match="equality deletes"):
                list(t.scan(snapshot_id=snap.snapshot_id).plan_files())
            continue
        tasks = {task.file.file_path: sorted(d.file_path for d in task.delete_files)
                 for task in t.scan(snapshot_id=snap.snapshot_id).plan_files()}
        attached = {f["file_path"]: sorted(f["delete_files"]) for f in ours if f["content"] == 0}
        assert attached == tasks, snap.snapshot_id
    if not snapshots:
        assert files(metadata_path, cwd=cwd) == []
