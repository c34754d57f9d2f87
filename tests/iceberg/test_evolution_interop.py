"""Schema and partition-spec evolution (`lakecodec iceberg evolve`) against PyIceberg:

* after adding columns (top level and a struct), renaming, widening int->long, float->double and
  decimal(9,2)->decimal(12,2), making a column optional, adding a bucket partition field and
  removing the identity one, PyIceberg reads the rows written before (renamed columns by id,
  widened values promoted, added columns null) and after the change, value for value;
* planning over the two specs equals PyIceberg's for filters on the old and the new partition
  fields;
* a change Iceberg forbids is refused naming the column and leaves the table as it was.
PyIceberg is required: a missing package is an error, never a skip.
"""
import json
import os
import subprocess
from decimal import Decimal

from pyiceberg.table import StaticTable

CLI = os.environ["LAKECODEC_CLI"]

SCHEMA = {"type": "struct", "schema-id": 0, "fields": [
    {"id": 1, "name": "id", "required": True, "type": "long"},
    {"id": 2, "name": "i", "required": False, "type": "int"},
    {"id": 3, "name": "f", "required": False, "type": "float"},
    {"id": 4, "name": "dec", "required": False, "type": "decimal(9, 2)"},
    {"id": 5, "name": "s", "required": False, "type": "string"},
    {"id": 6, "name": "st", "required": False, "type": {"type": "struct", "fields": [
        {"id": 7, "name": "x", "required": False, "type": "int"}]}}]}


def run(*args, check=True):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def write_rows(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def old_row(n):
    return {"id": n, "i": n - 5, "f": n / 2, "dec": "%d.25" % n, "s": ["a", "b"][n % 2],
            "st": {"x": n}}


def new_row(n):
    return {"id": n, "i2": (1 << 40) + n, "f": n / 8, "dec": "%d.75" % (n * 1000), "s": None,
            "extra": "e%d" % n, "st": {"x": n, "y": "y%d" % n}}


def make_evolved(tmp_path):
    sf = tmp_path / "schema.json"
    sf.write_text(json.dumps(SCHEMA))
    table = str(tmp_path / "t")
    run("iceberg", "create", "--schema", str(sf), "--partition-by", "s", table)
    write_rows(tmp_path / "old.jsonl", [old_row(n) for n in range(20)])
    run("iceberg", "append", table, str(tmp_path / "old.jsonl"))
    out = json.loads(run(
        "iceberg", "evolve", table,
        "--add-column", "extra string", "--add-column", "st.y string",
        "--rename", "i=i2", "--widen", "i2=long", "--widen", "f=double",
        "--widen", "dec=decimal(12, 2)", "--make-optional", "id",
        "--add-partition", "bucket(4, id)", "--remove-partition", "s").stdout)
    assert out == {"schema-id": 1, "default-spec-id": 1, "last-column-id": 9}
    write_rows(tmp_path / "new.jsonl", [new_row(n) for n in range(20, 40)])
    run("iceberg", "append", table, str(tmp_path / "new.jsonl"))
    return table


def test_pyiceberg_reads_rows_from_before_and_after(tmp_path):
    table = make_evolved(tmp_path)
    t = StaticTable.from_metadata(table)
    assert [f.name for f in t.schema().fields] == ["id", "i2", "f", "dec", "s", "st", "extra"]
    assert [f.field_id for f in t.schema().fields] == [1, 2, 3, 4, 5, 6, 8]
    assert not t.schema().find_field("id").required
    assert [f.name for f in t.spec().fields] == ["id_bucket"]
    rows = sorted(t.scan().to_arrow().to_pylist(), key=lambda r: r["id"])
    assert len(rows) == 40
    for r in rows[:20]:
        n = r["id"]
        assert r == {"id": n, "i2": n - 5, "f": n / 2, "dec": Decimal("%d.25" % n),
                     "s": ["a", "b"][n % 2], "st": {"x": n, "y": None}, "extra": None}
    for r in rows[20:]:
        n = r["id"]
        assert r == {"id": n, "i2": (1 << 40) + n, "f": n / 8, "dec": Decimal("%d.75" % (n * 1000)),
                     "s": None, "st": {"x": n, "y": "y%d" % n}, "extra": "e%d" % n}


def test_planning_over_two_specs_equals_pyiceberg(tmp_path):
    table = make_evolved(tmp_path)
    t = StaticTable.from_metadata(table)
    for where in ["s = 'a'", "id = 27", "id in (3, 33)", "extra = 'e30'", "i2 > 1000"]:
        theirs = sorted(task.file.file_path for task in t.scan(row_filter=where).plan_files())
        r = run("iceberg", "files", "--where", where, table)
        ours = sorted(json.loads(line)["file_path"] for line in r.stdout.splitlines())
        assert ours == theirs, where
    specs = {json.loads(line)["spec_id"] for line in run("iceberg", "files", table).stdout.splitlines()}
    assert specs == {0, 1}


def test_forbidden_changes_are_refused_and_change_nothing(tmp_path):
    sf = tmp_path / "schema.json"
    sf.write_text(json.dumps(SCHEMA))
    table = str(tmp_path / "t")
    run("iceberg", "create", "--schema", str(sf), table)
    before = sorted(os.listdir(os.path.join(table, "metadata")))
    cases = [
        (["--widen", "i=string"], "cannot change column 'i' from int to string"),
        (["--widen", "dec=decimal(12, 3)"], "cannot change column 'dec' from decimal(9, 2)"),
        (["--widen", "id=int"], "cannot change column 'id' from long to int"),
        (["--rename", "i=f"], "cannot rename 'i' to 'f': that column exists"),
        (["--rename", "nope=x"], "no column 'nope'"),
        (["--add-column", "s string"], "column 's' already exists"),
        (["--add-column", "i.z int"], "'i' is not a struct column"),
        (["--add-partition", "bucket(4, nope)"], "'nope' is not in the schema"),
        (["--remove-partition", "nope"], "no partition field 'nope'"),
        (["--add-partition", "year(s)"], "cannot partition column 's' (string) by year"),
    ]
    for args, message in cases:
        r = run("iceberg", "evolve", table, *args, check=False)
        assert r.returncode in (1, 2) and message in r.stderr, (args, r.stderr)
        assert sorted(os.listdir(os.path.join(table, "metadata"))) == before
    r = run("iceberg", "evolve", table, check=False)
    assert r.returncode == 1 and "no schema or partition change" in r.stderr
