"""Iceberg tables between lakecodec and Spark 4.0 (pyspark from PyPI with
iceberg-spark-runtime-4.0_2.13 1.10.1, copied by tests/iceberg/java's pom into target/spark/), one
`local[2]` session for the module with a `hadoop` catalog over a warehouse directory (tables at
<warehouse>/db/<name>, the directory our CLI takes as TABLE):

* Spark reads every table we write, format v1, v2 and v3, Parquet and Avro, partitioned by several
  transforms, with exactly our rows (values compared column by column), and its `.files` metadata
  table lists exactly our `iceberg files` (paths, formats, spec ids, partition values, record
  counts, sizes; data sequence numbers equal its `.entries`);
* tables Spark writes (appends, INSERT OVERWRITE with dynamic partition overwrite, DELETE FROM
  copy-on-write on v2, merge-on-read position delete files on v2 and deletion vectors on v3) are
  listed by our `iceberg files` exactly as Spark's `.files` and `.entries` list them, data and
  delete files alike, after every operation.

Spark has no `time` type (Iceberg's Spark schema conversion refuses it), so the tables Spark reads
use test_table_interop's SCHEMA without its `t` column; every other type is there (uuid reads as a
string, fixed as binary, timestamp as timestamp_ntz). pyspark, Java and the runtime jar are
required: a missing one is an error, never a skip.
"""
import datetime
import json
import os
import uuid
from decimal import Decimal

import pytest
from pyspark.sql import SparkSession

import test_table_interop as base

SOURCE_DIR = os.environ["LAKECODEC_SOURCE_DIR"]
RUNTIME_JAR = os.path.join(SOURCE_DIR, "tests", "iceberg", "java", "target", "spark",
                           "iceberg-spark-runtime.jar")
SPARK_SCHEMA = dict(base.SCHEMA, fields=[f for f in base.SCHEMA["fields"] if f["name"] != "t"])


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return tmp_path_factory.mktemp("warehouse")


@pytest.fixture(scope="module")
def spark(warehouse):
    assert os.path.exists(RUNTIME_JAR), "Iceberg Spark runtime missing: run tests/deps/install.sh"
    # Loopback only: Spark otherwise binds its driver to the address the host name resolves to.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (SparkSession.builder.master("local[2]").appName("lakecodec-iceberg-interop")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.jars", RUNTIME_JAR)
               .config("spark.sql.extensions",
                       "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
               .config("spark.sql.catalog.lc", "org.apache.iceberg.spark.SparkCatalog")
               .config("spark.sql.catalog.lc.type", "hadoop")
               .config("spark.sql.catalog.lc.warehouse", str(warehouse))
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
               .config("spark.ui.enabled", "false")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def our_files(table):
    """Data and delete files of `iceberg files` (its `--deletes` adds the delete files after the
    data files; a CLI from before the read planner has no flag and lists both anyway)."""
    r = base.run("iceberg", "files", "--deletes", table, check=False)
    if r.returncode == 2 and "deletes" in r.stderr:
        r = base.run("iceberg", "files", table, check=False)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines()]


def json_value(v):
    """A partition value of Spark's `.files` in the JSON form `iceberg files` prints."""
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(timespec="microseconds")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def spark_files(spark, name):
    # Named columns: the readable_metrics column of SELECT * fails on uuid bounds in Iceberg 1.10
    # (MetricsUtil hands Spark a java.util.UUID where it wants a string), whoever wrote the file.
    columns = ["content", "file_path", "file_format", "spec_id", "record_count",
               "file_size_in_bytes"]
    if "partition" in spark.table("lc.db.%s.files" % name).columns:
        columns.append("partition")
    df = spark.sql("SELECT %s FROM lc.db.%s.files" % (", ".join(columns), name))
    out = []
    for r in df.collect():
        d = r.asDict(recursive=True)
        out.append({
            "content": d["content"], "file_path": d["file_path"], "file_format": d["file_format"],
            "spec_id": d["spec_id"], "record_count": d["record_count"],
            "file_size_in_bytes": d["file_size_in_bytes"],
            "partition": {k: json_value(v) for k, v in (d.get("partition") or {}).items()},
        })
    return out


def spark_sequence_numbers(spark, name):
    rows = spark.sql("SELECT data_file.file_path AS p, sequence_number AS s FROM lc.db.%s.entries "
                     "WHERE status < 2" % name).collect()
    return {r["p"]: r["s"] for r in rows}


def assert_listings_equal(spark, name, table):
    """Our `iceberg files` equals Spark's `.files` and the sequence numbers of its `.entries`."""
    ours = our_files(table)
    keys = ["content", "file_path", "file_format", "spec_id", "record_count",
            "file_size_in_bytes", "partition"]
    key = lambda f: (f["content"], f["file_path"])
    got = sorted(({k: f[k] for k in keys} for f in ours), key=key)
    want = sorted(spark_files(spark, name), key=key)
    assert got == want
    assert {f["file_path"]: f["sequence_number"] for f in ours} == \
        spark_sequence_numbers(spark, name)
    return ours


# -- Spark reads our tables -------------------------------------------------------------------

def spark_row(n):
    j, want = base.row(n)
    j.pop("t")
    want.pop("t")
    return j, want


def spark_value(name, v):
    if v is None:
        return None
    if isinstance(v, bytearray):
        return bytes(v)
    if name == "u":
        return uuid.UUID(v).bytes
    if name == "m":
        return sorted(v.items())
    return v


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

OUR_TABLES = [
    ("ours_v1", 1, "parquet", "month(ts), bucket(4, id)"),
    ("ours_v2", 2, "avro", "day(day), truncate(2, s), s"),
    ("ours_v2_flat", 2, "parquet", None),
    ("ours_v3", 3, "parquet", "year(tstz), hour(ts), bucket(3, s)"),
]


@pytest.mark.parametrize("name,version,fmt,partition_by", OUR_TABLES, ids=[t[0] for t in OUR_TABLES])
def test_spark_reads_our_tables(spark, warehouse, name, version, fmt, partition_by):
    schema_file = warehouse / ("%s.schema.json" % name)
    schema_file.write_text(json.dumps(SPARK_SCHEMA))
    table = str(warehouse / "db" / name)
    args = ["iceberg", "create", "--schema", str(schema_file), "--format-version", str(version),
            "--property", "write.format.default=" + fmt]
    if partition_by:
        args += ["--partition-by", partition_by]
    base.run(*args, table)
    batches = [range(0, 30), range(30, 48)]
    for i, ns in enumerate(batches):
        rows = warehouse / ("%s-%d.jsonl" % (name, i))
        rows.write_text("".join(json.dumps(spark_row(n)[0]) + "\n" for n in ns))
        base.run("iceberg", "append", table, str(rows))

    df = spark.sql("SELECT *, unix_micros(tstz) AS tstz_us FROM lc.db.%s" % name)
    got = []
    for r in df.collect():
        d = r.asDict(recursive=True)
        us = d.pop("tstz_us")
        d["tstz"] = None if us is None else EPOCH + datetime.timedelta(microseconds=us)
        got.append({k: spark_value(k, v) for k, v in d.items()})
    got.sort(key=lambda r: r["id"])
    want = sorted((spark_row(n)[1] for n in range(48)), key=lambda r: r["id"])
    base.assert_rows_equal(got, want)
    assert set(got[0]) == set(want[0])

    ours = assert_listings_equal(spark, name, table)
    assert {f["file_format"] for f in ours} == {fmt.upper()}
    if partition_by:
        assert len(ours) > 2


# -- we list the tables Spark writes ----------------------------------------------------------

SPARK_COLUMNS = "id BIGINT, s STRING, ts TIMESTAMP_NTZ, d DATE, v DOUBLE, dec DECIMAL(9, 2)"


def spark_rows_sql(lo, hi):
    return ("SELECT id, element_at(array('eu', 'us', 'apac'), CAST(id %% 3 + 1 AS INT)) AS s, "
            "timestamp_ntz'2020-01-01 00:00:00' + make_interval(0, 0, 0, 0, CAST(id * 5 AS INT)) "
            "AS ts, date_add(DATE'2019-12-25', CAST(id * 3 AS INT)) AS d, id * 0.5 AS v, "
            "CAST(id / 4 AS DECIMAL(9, 2)) AS dec FROM range(%d, %d)" % (lo, hi))


def create_spark_table(spark, warehouse, name, version, partitioned_by, props):
    props = dict(props, **{"format-version": str(version)})
    spark.sql("CREATE TABLE lc.db.%s (%s) USING iceberg PARTITIONED BY (%s) TBLPROPERTIES (%s)" % (
        name, SPARK_COLUMNS, partitioned_by,
        ", ".join("'%s'='%s'" % kv for kv in props.items())))
    return str(warehouse / "db" / name)


def test_spark_appends_overwrites_and_copy_on_write_deletes(spark, warehouse):
    name = "spark_cow"
    table = create_spark_table(spark, warehouse, name, 2, "bucket(4, id), s",
                               {"write.delete.mode": "copy-on-write"})
    spark.sql("INSERT INTO lc.db.%s %s" % (name, spark_rows_sql(0, 40)))
    spark.sql("INSERT INTO lc.db.%s %s" % (name, spark_rows_sql(40, 70)))
    ours = assert_listings_equal(spark, name, table)
    assert sum(f["record_count"] for f in ours) == 70
    assert {f["sequence_number"] for f in ours} == {1, 2}
    # Dynamic overwrite: only the partitions the new rows fall in are replaced.
    spark.sql("INSERT OVERWRITE lc.db.%s SELECT * FROM (%s) WHERE s = 'eu'" % (
        name, spark_rows_sql(100, 112)))
    ours = assert_listings_equal(spark, name, table)
    assert 3 in {f["sequence_number"] for f in ours}
    # Copy-on-write: files with deleted rows are rewritten, no delete file.
    spark.sql("DELETE FROM lc.db.%s WHERE id %% 7 = 0" % name)
    ours = assert_listings_equal(spark, name, table)
    assert {f["content"] for f in ours} == {0}
    assert sum(f["record_count"] for f in ours) == spark.table("lc.db.%s" % name).count()


@pytest.mark.parametrize("version", [2, 3])
def test_spark_merge_on_read_deletes(spark, warehouse, version):
    """v2 writes position delete files; v3 writes deletion vectors (Puffin) instead."""
    name = "spark_mor_v%d" % version
    table = create_spark_table(spark, warehouse, name, version, "month(ts)",
                               {"write.delete.mode": "merge-on-read"})
    spark.sql("INSERT INTO lc.db.%s %s" % (name, spark_rows_sql(0, 60)))
    assert_listings_equal(spark, name, table)
    spark.sql("DELETE FROM lc.db.%s WHERE id %% 5 = 0" % name)
    ours = assert_listings_equal(spark, name, table)
    deletes = [f for f in ours if f["content"] == 1]
    assert deletes, ours
    assert {f["file_format"] for f in deletes} == {"PUFFIN" if version == 3 else "PARQUET"}
    assert {f["sequence_number"] for f in deletes} == {2}
    assert sum(f["record_count"] for f in deletes) == 12
    if "delete_files" in ours[0]:
        # The planner attaches each delete file to the data file Spark says it references.
        refs = spark.sql("SELECT file_path, referenced_data_file FROM lc.db.%s.delete_files"
                         % name).collect()
        for f in ours:
            if f["content"] == 0:
                want = {r["file_path"] for r in refs if r["referenced_data_file"] == f["file_path"]}
                assert want <= set(f["delete_files"]), f
