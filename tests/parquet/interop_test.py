"""Interop: files lakecodec writes are read back with exactly the input values by pyarrow,
DuckDB and polars; pyarrow's view of our statistics equals what pyarrow computes for the same
data; field ids survive; the page index is present and readable; bad input is refused with no
file left behind. Fails (never skips) when a reference implementation is missing."""
import datetime
import decimal
import math
import os
import random
import struct
import sys
import tempfile
import uuid

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, os.path.dirname(__file__))
import pqmod  # noqa: E402


def fid(n):
    return {b"PARQUET:field_id": str(n).encode()}


def make_table(n=2500, seed=7):
    rnd = random.Random(seed)

    def maybe(v, p=0.15):
        return None if rnd.random() < p else v

    words = ["", "a", "ab", "héllo", "日本語", "zzz", "x" * 40, "emoji 😀"]
    floats32 = [0.0, -0.0, 1.5, -2.25, float("nan"), float("inf"), -float("inf"), 3.0e10]
    base_ts = 1_700_000_000_000_000
    cols = {}
    fields = []
    i = [100]

    def add(name, typ, values, nullable=True, meta=True):
        i[0] += 1
        fields.append(pa.field(name, typ, nullable=nullable, metadata=fid(i[0]) if meta else None))
        cols[name] = pa.array(values, typ)

    add("b", pa.bool_(), [maybe(rnd.random() < 0.5) for _ in range(n)])
    add("i8", pa.int8(), [maybe(rnd.randint(-128, 127)) for _ in range(n)])
    add("i16", pa.int16(), [maybe(rnd.randint(-32768, 32767)) for _ in range(n)])
    add("i32", pa.int32(), [rnd.randint(-2**31, 2**31 - 1) for _ in range(n)], nullable=False)
    add("i32_sorted", pa.int32(), [k // 3 for k in range(n)], nullable=False)
    add("i64", pa.int64(), [maybe(rnd.randint(-2**63, 2**63 - 1)) for _ in range(n)])
    add("i64_lowcard", pa.int64(), [maybe(rnd.randint(0, 20)) for _ in range(n)])
    add("f32", pa.float32(), [maybe(rnd.choice(floats32)) for _ in range(n)])
    add("f64", pa.float64(), [maybe(rnd.choice(floats32 + [rnd.random()])) for _ in range(n)])
    add("dec9", pa.decimal128(9, 2), [maybe(decimal.Decimal(rnd.randint(-10**9 + 1, 10**9 - 1)) / 100) for _ in range(n)])
    add("dec18", pa.decimal128(18, 4), [maybe(decimal.Decimal(rnd.randint(-10**18 + 1, 10**18 - 1)) / 10**4) for _ in range(n)])
    add("dec38", pa.decimal128(38, 10), [maybe(decimal.Decimal(rnd.randint(-10**38 + 1, 10**38 - 1)).scaleb(-10)) for _ in range(n)])
    add("d", pa.date32(), [maybe(datetime.date(1970, 1, 1) + datetime.timedelta(days=rnd.randint(-30000, 30000))) for _ in range(n)])
    add("t_us", pa.time64("us"), [maybe(rnd.randint(0, 86400 * 10**6 - 1)) for _ in range(n)])
    add("t_ns", pa.time64("ns"), [maybe(rnd.randint(0, 86400 * 10**9 - 1)) for _ in range(n)])
    add("ts_us", pa.timestamp("us"), [maybe(base_ts + rnd.randint(-10**12, 10**12)) for _ in range(n)])
    add("ts_us_utc", pa.timestamp("us", tz="UTC"), [maybe(base_ts + rnd.randint(-10**12, 10**12)) for _ in range(n)])
    add("ts_ns", pa.timestamp("ns"), [maybe(base_ts * 1000 + rnd.randint(-10**15, 10**15)) for _ in range(n)])
    add("ts_ns_utc", pa.timestamp("ns", tz="UTC"), [maybe(base_ts * 1000 + rnd.randint(-10**15, 10**15)) for _ in range(n)])
    add("s", pa.string(), [maybe(rnd.choice(words) + str(rnd.randint(0, 50))) for _ in range(n)])
    add("s_req", pa.string(), [rnd.choice(words) for _ in range(n)], nullable=False)
    add("ls", pa.large_string(), [maybe(rnd.choice(words)) for _ in range(n)])
    add("bin", pa.binary(), [maybe(bytes(rnd.randint(0, 255) for _ in range(rnd.randint(0, 12)))) for _ in range(n)])
    add("lbin", pa.large_binary(), [maybe(bytes([rnd.randint(0, 3)]) * rnd.randint(0, 3)) for _ in range(n)])
    add("fsb", pa.binary(5), [maybe(bytes(rnd.randint(0, 255) for _ in range(5))) for _ in range(n)])
    add("u", pa.uuid(), [maybe(uuid.UUID(int=rnd.getrandbits(128)).bytes) for _ in range(n)])
    st_t = pa.struct([pa.field("a", pa.int32(), metadata=fid(901)),
                      pa.field("b", pa.string(), nullable=False, metadata=fid(902))])
    add("st", st_t, [maybe({"a": maybe(rnd.randint(0, 9)), "b": rnd.choice(words)}) for _ in range(n)])
    l_t = pa.list_(pa.field("element", pa.int32(), metadata=fid(903)))
    add("l", l_t, [maybe([maybe(rnd.randint(0, 99)) for _ in range(rnd.randint(0, 4))]) for _ in range(n)])
    ll_t = pa.large_list(pa.field("element", pa.string(), metadata=fid(904)))
    add("ll", ll_t, [maybe([maybe(rnd.choice(words)) for _ in range(rnd.randint(0, 3))]) for _ in range(n)])
    inner = pa.struct([pa.field("x", pa.int64(), metadata=fid(905)),
                       pa.field("y", pa.list_(pa.field("element", pa.float64(), metadata=fid(906))), metadata=fid(907))])
    lst_t = pa.list_(pa.field("element", inner, metadata=fid(908)))
    add("lst", lst_t, [maybe([maybe({"x": maybe(rnd.randint(-5, 5)),
                                     "y": maybe([rnd.random() for _ in range(rnd.randint(0, 2))])})
                              for _ in range(rnd.randint(0, 3))]) for _ in range(n)])
    m_t = pa.map_(pa.field("key", pa.string(), nullable=False, metadata=fid(909)),
                  pa.field("value", pa.int64(), metadata=fid(910)))
    add("m", m_t, [maybe([(f"k{j}", maybe(rnd.randint(0, 1000))) for j in range(rnd.randint(0, 3))]) for _ in range(n)])
    req_l = pa.list_(pa.field("element", pa.int64(), nullable=False, metadata=fid(911)))
    add("req_list", req_l, [[rnd.randint(0, 5) for _ in range(rnd.randint(0, 3))] for _ in range(n)], nullable=False)
    schema = pa.schema(fields)
    return pa.table([cols[f.name] for f in fields], schema=schema)


TABLE = make_table()
ROW_GROUP = 1000


def expected_for(read: pa.Table, orig: pa.Table) -> pa.Table:
    cols = []
    for f in read.schema:
        c = orig.column(f.name)
        if isinstance(c.type, pa.ExtensionType):
            c = pa.chunked_array([ch.storage for ch in c.chunks], c.type.storage_type)
        cols.append(c.cast(f.type) if c.type != f.type else c)
    return pa.table(cols, schema=read.schema)


def assert_tables_equal(read: pa.Table, orig: pa.Table):
    exp = expected_for(read, orig)
    for name in read.column_names:
        a = read.column(name).combine_chunks()
        b = exp.column(name).combine_chunks()
        if not a.equals(b):  # NaN != NaN: compare bit patterns of every value
            assert bits(a.to_pylist()) == bits(b.to_pylist()), f"column {name} differs"


CONFIGS = [
    "codec=none",
    "codec=snappy",
    "codec=gzip",
    "codec=zstd;level=7",
    "codec=snappy;page_version=2",
    "codec=zstd;page_version=2;checksum=1",
    "codec=none;page_version=2",
    "codec=snappy;dictionary=0",
    "codec=zstd;dictionary=0;page_version=2;page_size=2048;rows_per_page=97",
    "codec=snappy;dictionary_page_size=256;page_size=1024",
    "codec=snappy;decimal_as_integer=0",
    "codec=zstd;page_version=2;encoding=i32:DELTA_BINARY_PACKED,i64:DELTA_BINARY_PACKED,i32_sorted:DELTA_BINARY_PACKED,"
    "s:DELTA_LENGTH_BYTE_ARRAY,ls:DELTA_LENGTH_BYTE_ARRAY,f32:BYTE_STREAM_SPLIT,f64:BYTE_STREAM_SPLIT,"
    "fsb:BYTE_STREAM_SPLIT,d:BYTE_STREAM_SPLIT,ts_us:BYTE_STREAM_SPLIT",
    "codec=snappy;encoding=i32:DELTA_BINARY_PACKED,bin:DELTA_LENGTH_BYTE_ARRAY,dec18:BYTE_STREAM_SPLIT",
]


@pytest.fixture(scope="module")
def tmpdir_mod():
    with tempfile.TemporaryDirectory() as d:
        yield d


_counter = [0]


def write_ours(tmpdir, name, options, table=TABLE, batch_rows=777):
    _counter[0] += 1
    path = os.path.join(tmpdir, f"{_counter[0]}-{name}")
    pqmod.write(table, path, f"row_group_rows={ROW_GROUP};{options}", batch_rows=batch_rows)
    return path


@pytest.mark.parametrize("options", CONFIGS)
def test_pyarrow_reads_exact_values(tmpdir_mod, options):
    path = write_ours(tmpdir_mod, "f.parquet", options)
    read = pq.read_table(path, page_checksum_verification="checksum=1" in options)
    assert read.num_rows == TABLE.num_rows
    assert_tables_equal(read, TABLE)
    md = pq.ParquetFile(path).metadata
    assert md.num_row_groups == 3
    assert md.created_by.startswith("lakecodec version ")


@pytest.mark.parametrize("options", ["codec=snappy", "codec=zstd;page_version=2", "codec=gzip;dictionary=0"])
def test_duckdb_reads_exact_values(tmpdir_mod, options):
    path = write_ours(tmpdir_mod, "duck.parquet", options)
    con = duckdb.connect()
    ours = con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    ref_path = path + ".ref.parquet"
    pq.write_table(pq.read_table(path), ref_path)
    # Reference: the same values as written by pyarrow, read by DuckDB the same way.
    ref = con.execute(f"SELECT * FROM read_parquet('{ref_path}')").fetchall()
    assert len(ours) == TABLE.num_rows
    assert norm(ours) == norm(ref)
    # And DuckDB's values equal the original Python values for the flat columns.
    cols = [d[0] for d in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    for name in ["i8", "i16", "i32", "i64", "dec9", "dec18", "dec38", "d", "s", "bin", "ts_us"]:
        k = cols.index(name)
        assert norm([r[k] for r in ours]) == norm(TABLE.column(name).to_pylist()), name


def bits(v):
    if isinstance(v, float):
        return struct.pack("<d", v)
    if isinstance(v, (list, tuple)):
        return [bits(x) for x in v]
    if isinstance(v, dict):
        return {k: bits(x) for k, x in v.items()}
    return v


def norm(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, uuid.UUID):
        return v.bytes
    return v


@pytest.mark.parametrize("options", ["codec=snappy", "codec=zstd;page_version=2;dictionary=0"])
def test_polars_reads_exact_values(tmpdir_mod, options):
    path = write_ours(tmpdir_mod, "polars.parquet", options)
    ours = pl.read_parquet(path)
    ref = pl.from_arrow(pq.read_table(path).drop(["u"]))
    ours = ours.drop("u")
    assert ours.shape == (TABLE.num_rows, TABLE.num_columns - 1)
    assert ours.equals(ref, null_equal=True)
    # polars' own values against the original table for flat columns
    for name in ["i8", "i16", "i32", "i64", "dec18", "d", "s", "ls", "t_ns", "ts_ns"]:
        exp = pl.from_arrow(TABLE.select([name])).get_column(name)
        assert ours.get_column(name).equals(exp, check_names=False), name


def stats_of(path):
    md = pq.ParquetFile(path).metadata
    out = {}
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        for c in range(rg.num_columns):
            col = rg.column(c)
            st = col.statistics
            key = (g, col.path_in_schema)
            if st is None:
                out[key] = None
                continue
            mm = (norm(st.min_raw), norm(st.max_raw)) if st.has_min_max else None
            out[key] = (st.null_count, mm)
    return out


@pytest.mark.parametrize("options", ["codec=snappy", "codec=zstd;page_version=2;dictionary=0"])
def test_statistics_equal_pyarrow_own(tmpdir_mod, options):
    path = write_ours(tmpdir_mod, "stats.parquet", options)
    ref = path + ".ref.parquet"
    pq.write_table(TABLE, ref, row_group_size=ROW_GROUP, store_decimal_as_integer=True)
    ours, theirs = stats_of(path), stats_of(ref)
    assert ours.keys() == theirs.keys()
    for k in ours:
        assert ours[k] == theirs[k], f"{k}: ours {ours[k]} pyarrow {theirs[k]}"


def test_field_ids_present(tmpdir_mod):
    path = write_ours(tmpdir_mod, "ids.parquet", "codec=snappy")
    schema = pq.read_schema(path)

    def walk(orig, read):
        assert (read.metadata or {}).get(b"PARQUET:field_id") == (orig.metadata or {}).get(b"PARQUET:field_id"), read.name
        t, r = orig.type, read.type
        if pa.types.is_struct(t):
            for k in range(t.num_fields):
                walk(t.field(k), r.field(k))
        elif pa.types.is_map(t):
            walk(t.key_field, r.key_field)
            walk(t.item_field, r.item_field)
        elif pa.types.is_list(t) or pa.types.is_large_list(t):
            walk(t.value_field, r.value_field)

    for f in TABLE.schema:
        walk(f, schema.field(f.name))


def test_page_index_present_and_usable(tmpdir_mod):
    path = write_ours(tmpdir_mod, "pidx.parquet", "codec=snappy;page_size=1024;rows_per_page=50")
    md = pq.ParquetFile(path).metadata
    for g in range(md.num_row_groups):
        for c in range(md.num_columns):
            assert md.row_group(g).column(c).has_offset_index
    assert md.row_group(0).column(TABLE.column_names.index("i32_sorted")).has_column_index
    # Readers that consult the page index: filtered scans return the right rows.
    t = pq.read_table(path, filters=[("i32_sorted", ">=", 500), ("i32_sorted", "<", 510)])
    assert t.column("i32_sorted").to_pylist() == [k // 3 for k in range(TABLE.num_rows) if 500 <= k // 3 < 510]
    con = duckdb.connect()
    got = con.execute(f"SELECT count(*) FROM read_parquet('{path}') WHERE i32_sorted BETWEEN 100 AND 120").fetchone()[0]
    assert got == sum(1 for k in range(TABLE.num_rows) if 100 <= k // 3 <= 120)


def test_empty_and_all_null_columns(tmpdir_mod):
    t = pa.table({"a": pa.array([None] * 50, pa.int32()), "s": pa.array([None] * 50, pa.string()),
                  "l": pa.array([[]] * 50, pa.list_(pa.int32()))})
    path = os.path.join(tmpdir_mod, "nulls.parquet")
    pqmod.write(t, path, "codec=snappy")
    assert_tables_equal(pq.read_table(path), t)
    empty = t.slice(0, 0)
    path2 = os.path.join(tmpdir_mod, "empty.parquet")
    pqmod.write(empty, path2, "codec=zstd")
    r = pq.read_table(path2)
    assert r.num_rows == 0 and r.column_names == ["a", "s", "l"]


def test_bad_input_refused_without_file(tmpdir_mod):
    path = os.path.join(tmpdir_mod, "bad.parquet")
    bad_utf8 = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(b"\x00\x00\x00\x00\x02\x00\x00\x00"), pa.py_buffer(b"\xff\xfe")])
    with pytest.raises(pqmod.WriteError, match="'s'.*UTF-8"):
        pqmod.write(pa.table({"s": bad_utf8}), path)
    assert not os.path.exists(path)
    req = pa.schema([pa.field("x", pa.int32(), nullable=False)])
    with pytest.raises(pqmod.WriteError, match="'x'"):
        pqmod.write(pa.Table.from_arrays([pa.array([1, None], pa.int32())], schema=req), path)
    assert not os.path.exists(path)
    assert os.listdir(tmpdir_mod) == [f for f in os.listdir(tmpdir_mod) if not f.startswith(".")]


# -- footer reader: `lakecodec parquet meta` on files other writers made ----------------------

import glob  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402


def meta(path):
    cli = os.environ["LAKECODEC_CLI"]
    r = subprocess.run([cli, "parquet", "meta", path], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def check_meta_against_pyarrow(path):
    j = meta(path)
    md = pq.ParquetFile(path).metadata
    assert j["num_rows"] == md.num_rows
    assert len(j["row_groups"]) == md.num_row_groups
    assert j["created_by"] == md.created_by
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        jr = j["row_groups"][g]
        assert jr["num_rows"] == rg.num_rows
        for c in range(rg.num_columns):
            col, jc = rg.column(c), jr["columns"][c]
            assert jc["path"] == col.path_in_schema
            assert jc["codec"] == {"LZ4": "LZ4_RAW"}.get(col.compression.upper(), col.compression.upper())
            assert jc["num_values"] == col.num_values
            assert jc["total_compressed_size"] == col.total_compressed_size
            assert jc["page_index"]["offset_index"] == col.has_offset_index
            assert jc["page_index"]["column_index"] == col.has_column_index
            st = col.statistics
            if st is not None and st.has_null_count:
                assert jc["statistics"]["null_count"] == st.null_count
            if st is not None and st.has_min_max and st.physical_type in ("INT32", "INT64") and st.logical_type.type == "NONE":
                assert jc["statistics"]["min"] == st.min_raw and jc["statistics"]["max"] == st.max_raw
            if st is not None and st.has_min_max and st.logical_type.type == "STRING":
                assert jc["statistics"]["min"] == st.min_raw.decode() and jc["statistics"]["max"] == st.max_raw.decode()
    return j


@pytest.mark.parametrize("codec", ["NONE", "SNAPPY", "GZIP", "ZSTD", "BROTLI", "LZ4"])
@pytest.mark.parametrize("page_version", ["1.0", "2.0"])
def test_meta_decodes_pyarrow_files(tmpdir_mod, codec, page_version):
    path = os.path.join(tmpdir_mod, f"pa-{codec}-{page_version}.parquet")
    t = TABLE.drop(["u"])
    pq.write_table(t, path, compression=codec, data_page_version=page_version, write_page_index=True,
                   row_group_size=1000, store_schema=False)
    j = check_meta_against_pyarrow(path)
    ids = {f["name"]: f.get("field_id") for f in j["schema"]["fields"]}
    assert ids["b"] == 101


@pytest.mark.parametrize("codec", ["uncompressed", "snappy", "gzip", "zstd"])
def test_meta_decodes_duckdb_files(tmpdir_mod, codec):
    path = os.path.join(tmpdir_mod, f"duck-{codec}.parquet")
    con = duckdb.connect()
    con.execute(f"COPY (SELECT range AS id, 'v' || (range % 17) AS s, range / 3.0 AS d, "
                f"[range, range + 1] AS l, {{'a': range % 5}} AS st FROM range(50000)) "
                f"TO '{path}' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 20000)")
    check_meta_against_pyarrow(path)


def test_meta_decodes_conformance_files():
    shared = os.environ["LAKECODEC_SHARED"]
    files = glob.glob(f"{shared}/conformance/iceberg/tables/**/*.parquet", recursive=True)
    files += glob.glob(f"{shared}/conformance/paimon/tables-parquet/**/*.parquet", recursive=True)
    assert len(files) > 0
    for f in files:
        check_meta_against_pyarrow(f)


# -- parquet-java ----------------------------------------------------------------------------

def java_dump(path):
    here = os.path.dirname(os.path.abspath(__file__))
    jdir = os.path.join(here, "java")
    cp_file = os.path.join(jdir, "target", "classpath.txt")
    assert os.path.exists(cp_file), "parquet-java harness not built: run tests/deps/install.sh (mvn package)"
    cp = os.path.join(jdir, "target", "classes") + ":" + open(cp_file).read().strip()
    r = subprocess.run(["java", "-cp", cp, "lakecodec.ParquetDump", path], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    lines = r.stdout.splitlines()
    return json.loads(lines[0]), [json.loads(x) for x in lines[1:]]


def phys(v, t, decimal_as_integer=True):
    """The physical value parquet-java reports for a pyarrow value of type t (see ParquetDump)."""
    if v is None:
        return None
    if isinstance(v, uuid.UUID):
        return v.bytes.hex()
    if isinstance(t, pa.ExtensionType):
        t = t.storage_type
    if pa.types.is_floating(t):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return struct.pack("<d", v)
    if pa.types.is_decimal(t):
        unscaled = int(v.scaleb(t.scale))
        if decimal_as_integer and t.precision <= 18:
            return unscaled
        width = [n for n in range(1, 17) if [0, 2, 4, 6, 9, 11, 14, 16, 18, 21, 23, 26, 28, 31, 33, 35, 38][n] >= t.precision][0]
        return (unscaled % (1 << (8 * width))).to_bytes(width, "big").hex()
    if pa.types.is_date32(t):
        return (v - datetime.date(1970, 1, 1)).days
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return v
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return bytes(v).hex()
    if pa.types.is_struct(t):
        out = {}
        for k in range(t.num_fields):
            f = t.field(k)
            x = phys(v[f.name], f.type, decimal_as_integer)
            if x is not None:
                out[f.name] = x
        return out
    if pa.types.is_map(t):
        entries = []
        for key, val in v:
            e = {"key": phys(key, t.key_type, decimal_as_integer)}
            pv = phys(val, t.item_type, decimal_as_integer)
            if pv is not None:
                e["value"] = pv
            entries.append(e)
        return {"key_value": entries}
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        items = []
        for x in v:
            px = phys(x, t.value_type, decimal_as_integer)
            items.append({} if px is None else {"element": px})
        return {"list": items}
    return v


def java_norm(v):
    if isinstance(v, float):
        return struct.pack("<d", v)
    if isinstance(v, list):
        return [java_norm(x) for x in v]
    if isinstance(v, dict):
        return {k: java_norm(x) for k, x in v.items()}
    return v


def physical_table(table):
    """Temporal columns as their stored integers, so phys() sees plain ints."""
    cols = []
    for f in table.schema:
        c = table.column(f.name)
        if pa.types.is_time(f.type) or pa.types.is_timestamp(f.type):
            c = c.cast(pa.int64())
        cols.append(c)
    return pa.table(cols, names=table.column_names)


@pytest.mark.parametrize("options", [
    "codec=snappy",
    "codec=zstd;page_version=2;checksum=1",
    "codec=gzip;dictionary=0;decimal_as_integer=0",
    "codec=none;page_version=2;dictionary=0;encoding=i32:DELTA_BINARY_PACKED,i64:DELTA_BINARY_PACKED,"
    "s:DELTA_LENGTH_BYTE_ARRAY,f32:BYTE_STREAM_SPLIT,f64:BYTE_STREAM_SPLIT",
])
def test_parquet_java_reads_exact_values(tmpdir_mod, options):
    path = write_ours(tmpdir_mod, "java.parquet", options)
    head, rows = java_dump(path)
    assert head["rows"] == TABLE.num_rows
    assert head["created_by"].startswith("lakecodec version ")
    assert head["field_ids"]["b"] == 101 and head["field_ids"]["m.key_value.value"] == 910
    assert len(rows) == TABLE.num_rows
    dec_int = "decimal_as_integer=0" not in options
    pt = physical_table(TABLE)
    types_ = {f.name: f.type for f in TABLE.schema}
    for name in TABLE.column_names:
        t = types_[name]
        if pa.types.is_time(t) or pa.types.is_timestamp(t):
            t = pa.int64()
        exp = [phys(v, t, dec_int) for v in pt.column(name).to_pylist()]
        got = [r.get(name) for r in rows]
        assert java_norm(got) == java_norm(exp), f"column {name}: {got[:3]} vs {exp[:3]}"


def test_fromjson_values_read_back_by_pyarrow(tmpdir_mod):
    schema = {"type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "id", "required": True, "type": "long"},
        {"id": 2, "name": "i", "required": False, "type": "int"},
        {"id": 3, "name": "b", "required": False, "type": "boolean"},
        {"id": 4, "name": "f", "required": False, "type": "float"},
        {"id": 5, "name": "d", "required": False, "type": "double"},
        {"id": 6, "name": "dec", "required": False, "type": "decimal(20,3)"},
        {"id": 7, "name": "day", "required": False, "type": "date"},
        {"id": 8, "name": "t", "required": False, "type": "time"},
        {"id": 9, "name": "ts", "required": False, "type": "timestamp"},
        {"id": 10, "name": "tstz", "required": False, "type": "timestamptz"},
        {"id": 11, "name": "s", "required": False, "type": "string"},
        {"id": 12, "name": "u", "required": False, "type": "uuid"},
        {"id": 13, "name": "fx", "required": False, "type": "fixed[3]"},
        {"id": 14, "name": "bin", "required": False, "type": "binary"},
        {"id": 15, "name": "st", "required": False, "type": {"type": "struct", "fields": [
            {"id": 16, "name": "x", "required": True, "type": "int"}]}},
        {"id": 17, "name": "l", "required": False, "type": {"type": "list", "element-id": 18, "element": "long", "element-required": False}},
        {"id": 19, "name": "m", "required": False, "type": {"type": "map", "key-id": 20, "key": "string", "value-id": 21, "value": "int", "value-required": False}},
    ]}
    rows = [
        {"id": 1, "i": -5, "b": True, "f": 1.5, "d": -2.25, "dec": "12345678901234567.891", "day": "2017-11-16",
         "t": "22:31:08.123456", "ts": "2017-11-16T22:31:08.000001", "tstz": "2017-11-16T22:31:08.000001+00:00",
         "s": "héllo", "u": "f79c3e09-677c-4bbd-a479-3f349cb785e7", "fx": "010203", "bin": "00ff",
         "st": {"x": 7}, "l": [1, None, 3], "m": {"keys": ["a", "b"], "values": [1, None]}},
        {"id": 2},
    ]
    d = os.path.join(tmpdir_mod, "fromjson")
    os.makedirs(d, exist_ok=True)
    json.dump(schema, open(os.path.join(d, "schema.json"), "w"))
    with open(os.path.join(d, "in.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    out = os.path.join(d, "out.parquet")
    r = subprocess.run([os.environ["LAKECODEC_CLI"], "parquet", "fromjson", "--schema", os.path.join(d, "schema.json"),
                        "--compression", "zstd", os.path.join(d, "in.jsonl"), out], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    t = pq.read_table(out)
    got = t.to_pylist()
    assert got[1]["id"] == 2 and all(v is None for k, v in got[1].items() if k != "id")
    g = got[0]
    assert g["i"] == -5 and g["b"] is True and g["f"] == 1.5 and g["d"] == -2.25
    assert g["dec"] == decimal.Decimal("12345678901234567.891")
    assert g["day"] == datetime.date(2017, 11, 16)
    assert g["t"] == datetime.time(22, 31, 8, 123456)
    assert g["ts"] == datetime.datetime(2017, 11, 16, 22, 31, 8, 1)
    assert g["tstz"] == datetime.datetime(2017, 11, 16, 22, 31, 8, 1, tzinfo=datetime.timezone.utc)
    assert g["s"] == "héllo"
    assert g["u"] in (uuid.UUID("f79c3e09-677c-4bbd-a479-3f349cb785e7"), uuid.UUID("f79c3e09-677c-4bbd-a479-3f349cb785e7").bytes)
    assert g["fx"] == b"\x01\x02\x03" and g["bin"] == b"\x00\xff"
    assert g["st"] == {"x": 7}
    assert g["l"] == [1, None, 3]
    assert g["m"] == [("a", 1), ("b", None)]
    ids = {f.name: int(f.metadata[b"PARQUET:field_id"]) for f in t.schema}
    assert ids == {f["name"]: f["id"] for f in schema["fields"]}
    assert int(t.schema.field("l").type.value_field.metadata[b"PARQUET:field_id"]) == 18


@pytest.mark.parametrize("options", ["codec=snappy", "codec=zstd;page_version=2", "codec=none;dictionary=0"])
def test_large_batch_written_column_by_column_reads_back(tmpdir_mod, options):
    """A batch that holds whole row groups is written column by column after a probe slice: a
    single-leaf column streams its pages to the file once its dictionary fell back (or without
    one), struct leaves stay buffered. Values, row group sizes and statistics still match."""
    n = 230_000
    ids = pa.array(range(n), pa.int64())
    names = pa.array([None if i % 13 == 0 else f"name-{i % 977}" for i in range(n)], pa.string())
    lists = pa.array([None if i % 17 == 0 else list(range(i % 5)) for i in range(n)], pa.list_(pa.int32()))
    structs = pa.array([{"a": i / 3.0, "b": str(i % 31)} for i in range(n)],
                       pa.struct([("a", pa.float64()), ("b", pa.string())]))
    table = pa.table({"id": ids, "name": names, "l": lists, "st": structs})
    path = os.path.join(tmpdir_mod, "column-major-" + options.replace(";", "-").replace("=", "_") + ".parquet")
    pqmod.write(table, path, f"row_group_rows=100000;{options}", batch_rows=0)
    read = pq.read_table(path)
    assert read.equals(table.cast(read.schema))
    md = pq.ParquetFile(path).metadata
    assert [md.row_group(g).num_rows for g in range(md.num_row_groups)] == [100000, 100000, 30000]
    for g in range(md.num_row_groups):
        st = md.row_group(g).column(0).statistics
        assert (st.min, st.max) == (g * 100000, min(n, (g + 1) * 100000) - 1)
        offsets = [md.row_group(g).column(c).data_page_offset for c in range(md.num_columns)]
        assert offsets == sorted(offsets)  # chunks stay in column order
