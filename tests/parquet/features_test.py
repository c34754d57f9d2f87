"""Interop for the writer's optional features: ENUM string columns, INT96 timestamps,
DELTA_BYTE_ARRAY pages and SizeStatistics. Every file is written by lakecodec and read back by
pyarrow, DuckDB, polars and parquet-java with the exact input values. Fails (never skips) when a
reference implementation is missing."""
import os
import json
import random
import subprocess
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

sys.path.insert(0, os.path.dirname(__file__))
import pqmod  # noqa: E402
from interop_test import java_dump, meta  # noqa: E402

JULIAN_EPOCH = 2440588
NS_PER_DAY = 86400 * 10**9


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return str(tmp_path_factory.mktemp("features"))


_n = [0]


def write(tmp, table, options, batch_rows=0):
    _n[0] += 1
    path = os.path.join(tmp, f"{_n[0]}.parquet")
    pqmod.write(table, path, options, batch_rows=batch_rows)
    return path


# -- ENUM ------------------------------------------------------------------------------------

def enum_table(n=3000, seed=3):
    rnd = random.Random(seed)
    colors = ["red", "green", "blue", "", "日本"]
    return pa.table({
        "color": pa.array([None if rnd.random() < 0.1 else rnd.choice(colors) for _ in range(n)]),
        "tag": pa.array([rnd.choice(colors).encode() for _ in range(n)], pa.binary()),
        "tags": pa.array([[rnd.choice(colors) for _ in range(rnd.randint(0, 3))] for _ in range(n)],
                         pa.list_(pa.string())),
        "plain": pa.array([rnd.choice(colors) for _ in range(n)]),
    })


@pytest.mark.parametrize("options", ["", "dictionary=0;page_version=2", "codec=zstd;page_size=512"])
def test_enum_columns_read_back(tmp, options):
    t = enum_table()
    path = write(tmp, t, f"enum=color,tag,tags;{options}", batch_rows=700)
    schema = pq.ParquetFile(path).schema
    for k, name in enumerate(["color", "tag", "tags.list.element", "plain"]):
        col = schema.column(k)
        assert col.path == name
        lt = col.logical_type.type
        assert lt == ("STRING" if name == "plain" else "ENUM"), name
        assert col.converted_type == ("UTF8" if name == "plain" else "ENUM"), name
    # pyarrow maps ENUM to binary: the bytes equal the UTF-8 of the input
    r = pq.read_table(path)
    assert r.column("color").to_pylist() == [None if v is None else v.encode() for v in t.column("color").to_pylist()]
    assert r.column("tag").to_pylist() == t.column("tag").to_pylist()
    assert r.column("tags").to_pylist() == [[x.encode() for x in v] for v in t.column("tags").to_pylist()]
    assert r.column("plain").to_pylist() == t.column("plain").to_pylist()
    con = duckdb.connect()
    rows = con.execute(f"SELECT color, tags FROM read_parquet('{path}')").fetchall()
    assert [r[0] for r in rows] == t.column("color").to_pylist()
    assert [r[1] for r in rows] == t.column("tags").to_pylist()
    p = pl.read_parquet(path)
    assert p.get_column("color").to_list() == t.column("color").to_pylist()
    head, jrows = java_dump(path)
    assert head["rows"] == t.num_rows
    exp = [None if v is None else v.encode().hex() for v in t.column("color").to_pylist()]
    assert [r.get("color") for r in jrows] == exp
    j = meta(path)
    kinds = {f["name"]: f.get("logical_type", {}).get("type") for f in j["schema"]["fields"]}
    assert kinds["color"] == "ENUM" and kinds["plain"] == "STRING"


def test_enum_option_errors(tmp):
    t = pa.table({"i": pa.array([1, 2], pa.int32()), "s": pa.array(["a", "b"])})
    with pytest.raises(pqmod.WriteError, match="unknown column 'nope'"):
        write(tmp, t, "enum=nope")
    with pytest.raises(pqmod.WriteError, match="ENUM column 'i'"):
        write(tmp, t, "enum=i")


# -- INT96 -----------------------------------------------------------------------------------

def int96_values():
    rnd = random.Random(5)
    vals = [0, -1, 1, 999, -999, NS_PER_DAY - 1, -NS_PER_DAY, -NS_PER_DAY - 1,
            1_700_000_000_123_456_789, -1_700_000_000_123_456_789, 2**63 - 1, -2**63 + 1]
    vals += [rnd.randint(-2**62, 2**62) for _ in range(3000)]
    return [None if k % 13 == 5 else v for k, v in enumerate(vals)]


def int96_table():
    ns = int96_values()
    us = [None if v is None or abs(v) >= 2**62 else v // 1000 for v in ns]  # in ns range
    lst = [None if v is None else [v, 0] for v in ns]
    return pa.table({
        "ts_ns": pa.array(ns, pa.timestamp("ns")),
        "ts_us_utc": pa.array(us, pa.timestamp("us", tz="UTC")),
        "ts_list": pa.array(lst, pa.list_(pa.timestamp("ns"))),
        "keep": pa.array(us, pa.timestamp("us")),
    })


def int96_bytes(ns):
    day, nod = divmod(ns, NS_PER_DAY)
    return (nod.to_bytes(8, "little") + (day + JULIAN_EPOCH).to_bytes(4, "little")).hex()


@pytest.mark.parametrize("options", ["", "dictionary=0;page_version=2", "codec=gzip;page_size=1024"])
def test_int96_timestamps_read_back(tmp, options):
    t = int96_table()
    path = write(tmp, t, f"int96_columns=ts_ns,ts_us_utc,ts_list;{options}", batch_rows=1000)
    pf = pq.ParquetFile(path)
    phys = [pf.schema.column(k).physical_type for k in range(4)]
    assert phys == ["INT96", "INT96", "INT96", "INT64"]
    for k in range(3):
        assert pf.schema.column(k).logical_type.type == "NONE"
        assert pf.schema.column(k).converted_type == "NONE"
    md = pf.metadata
    for g in range(md.num_row_groups):
        for k in range(3):
            c = md.row_group(g).column(k)
            assert not c.statistics.has_min_max and c.statistics.has_null_count
            assert not c.has_column_index and c.has_offset_index
    ns = t.column("ts_ns").cast(pa.int64()).to_pylist()
    us = t.column("ts_us_utc").cast(pa.int64()).to_pylist()
    # pyarrow: timestamp[ns], equal values (pre-1970 and sub-microsecond included)
    r = pq.read_table(path)
    assert r.schema.field("ts_ns").type == pa.timestamp("ns")
    assert r.column("ts_ns").cast(pa.int64()).to_pylist() == ns
    assert r.column("ts_us_utc").cast(pa.int64()).to_pylist() == [None if v is None else v * 1000 for v in us]
    assert r.column("ts_list").cast(pa.list_(pa.int64())).to_pylist() == \
        t.column("ts_list").cast(pa.list_(pa.int64())).to_pylist()
    # polars: datetime[ns], equal values
    # (polars saturates when the Julian day times 86400e9 leaves int64: the two values within a
    # day of the int64 limits are compared by pyarrow and parquet-java only)
    p = pl.read_parquet(path)
    inner = [k for k, v in enumerate(ns) if v is None or abs(v) < 2**63 - NS_PER_DAY]
    got = p.get_column("ts_ns").cast(pl.Int64).to_list()
    assert len(inner) == len(ns) - 2 and [got[k] for k in inner] == [ns[k] for k in inner]
    # DuckDB reads INT96 as microsecond TIMESTAMP (floor of the nanoseconds)
    con = duckdb.connect()
    got = [x[0] for x in con.execute(f"SELECT epoch_us(ts_ns) FROM read_parquet('{path}')").fetchall()]
    assert got == [None if v is None else v // 1000 for v in ns]
    got = [x[0] for x in con.execute(f"SELECT epoch_us(ts_us_utc) FROM read_parquet('{path}')").fetchall()]
    assert got == us
    # parquet-java: the 12-byte Binary equals the Impala layout of the value
    head, rows = java_dump(path)
    assert [x.get("ts_ns") for x in rows] == [None if v is None else int96_bytes(v) for v in ns]
    assert [x.get("ts_us_utc") for x in rows] == [None if v is None else int96_bytes(v * 1000) for v in us]


def test_int96_all_timestamps_option(tmp):
    t = int96_table()
    path = write(tmp, t, "int96=1")
    pf = pq.ParquetFile(path)
    assert [pf.schema.column(k).physical_type for k in range(4)] == ["INT96"] * 4
    r = pq.read_table(path)
    assert r.column("keep").cast(pa.int64()).to_pylist() == [None if v is None else v * 1000 for v in t.column("keep").cast(pa.int64()).to_pylist()]


def test_int96_option_errors(tmp):
    t = pa.table({"i": pa.array([1, 2], pa.int64())})
    with pytest.raises(pqmod.WriteError, match="INT96 column 'i'"):
        write(tmp, t, "int96_columns=i")
    with pytest.raises(pqmod.WriteError, match="unknown column 'x'"):
        write(tmp, t, "int96_columns=x")


# -- DELTA_BYTE_ARRAY ------------------------------------------------------------------------

def dba_table(n=4000, seed=11):
    rnd = random.Random(seed)
    stem = "https://example.com/a/very/long/shared/prefix/" * 3

    def url():
        return stem + "".join(rnd.choice("abc") for _ in range(rnd.randint(0, 6)))

    def maybe(v):
        return None if rnd.random() < 0.1 else v

    sorted_words = sorted(url() for _ in range(n))
    return pa.table({
        "url": pa.array([maybe(w) for w in sorted_words]),
        "mixed": pa.array([maybe(rnd.choice(["", "a", "ab", "abc", "b", "日本語", "日本", url()])) for _ in range(n)]),
        "empty": pa.array([maybe("") for _ in range(n)]),
        "req": pa.array([rnd.choice(["x", "xy", "xyz", ""]) for _ in range(n)], pa.string()),
        "bin": pa.array([maybe(bytes([rnd.randint(0, 2)]) * rnd.randint(0, 5)) for _ in range(n)], pa.binary()),
        "fsb": pa.array([maybe(bytes([1, 2, 3, rnd.randint(0, 255), rnd.randint(0, 1)])) for _ in range(n)], pa.binary(5)),
        "ls": pa.array([maybe([url() for _ in range(rnd.randint(0, 3))]) for _ in range(n)], pa.list_(pa.string())),
    }, schema=pa.schema([pa.field("url", pa.string()), pa.field("mixed", pa.string()), pa.field("empty", pa.string()),
                         pa.field("req", pa.string(), nullable=False), pa.field("bin", pa.binary()),
                         pa.field("fsb", pa.binary(5)), pa.field("ls", pa.list_(pa.string()))]))


DBA = "encoding=" + ",".join(f"{c}:DELTA_BYTE_ARRAY" for c in ["url", "mixed", "empty", "req", "bin", "fsb", "ls"])


@pytest.mark.parametrize("options", ["codec=none", "codec=snappy;page_version=2",
                                     "codec=zstd;page_size=700;rows_per_page=333",
                                     "codec=gzip;page_version=2;page_size=2000"])
def test_delta_byte_array_read_back(tmp, options):
    t = dba_table()
    path = write(tmp, t, f"{DBA};{options}", batch_rows=999)
    md = pq.ParquetFile(path).metadata
    for g in range(md.num_row_groups):
        for k in range(md.num_columns):
            assert "DELTA_BYTE_ARRAY" in md.row_group(g).column(k).encodings
    r = pq.read_table(path)
    assert r.equals(t)
    con = duckdb.connect()
    rows = con.execute(f"SELECT url, mixed, empty, req, bin, fsb, ls FROM read_parquet('{path}')").fetchall()
    for k, name in enumerate(t.column_names):
        assert [x[k] for x in rows] == t.column(name).to_pylist(), name
    # polars 2.1 does not decode DELTA_BYTE_ARRAY FIXED_LEN_BYTE_ARRAY pages ("not yet
    # supported"): it reads every BYTE_ARRAY column
    flat = [c for c in t.column_names if c != "fsb"]
    p = pl.read_parquet(path, columns=flat)
    for name in flat:
        assert p.get_column(name).to_list() == t.column(name).to_pylist(), name
    head, jrows = java_dump(path)
    assert head["rows"] == t.num_rows
    for name in ["url", "mixed", "empty", "req"]:
        assert [x.get(name) for x in jrows] == t.column(name).to_pylist(), name
    for name in ["bin", "fsb"]:
        assert [x.get(name) for x in jrows] == [None if v is None else v.hex() for v in t.column(name).to_pylist()], name
    assert [x.get("ls") for x in jrows] == [None if v is None else {"list": [{"element": e} for e in v]}
                                             for v in t.column("ls").to_pylist()]


def test_delta_byte_array_refused_for_other_types(tmp):
    t = pa.table({"i": pa.array([1, 2], pa.int32())})
    with pytest.raises(pqmod.WriteError, match="DELTA_BYTE_ARRAY cannot encode INT32 column 'i'"):
        write(tmp, t, "encoding=i:DELTA_BYTE_ARRAY")


# -- SizeStatistics ---------------------------------------------------------------------------

def size_stats_of(path):
    """Per (row group, column): our `parquet meta` view of SizeStatistics and the page-index
    histograms / unencoded byte counts."""
    j = meta(path)
    out = {}
    for g, rg in enumerate(j["row_groups"]):
        for c in rg["columns"]:
            pi = {k: v for k, v in c["page_index"].items() if "histogram" in k or "unencoded" in k}
            out[(g, c["path"])] = (c.get("size_statistics"), pi)
    return out


def java_size_stats(path):
    here = os.path.dirname(os.path.abspath(__file__))
    jdir = os.path.join(here, "java")
    cp_file = os.path.join(jdir, "target", "classpath.txt")
    assert os.path.exists(cp_file), "parquet-java harness not built: run tests/deps/install.sh (mvn package)"
    cp = os.path.join(jdir, "target", "classes") + ":" + open(cp_file).read().strip()
    r = subprocess.run(["java", "-cp", cp, "lakecodec.ParquetDump", "--size-stats", path], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return {(x["rg"], x["path"]): x for x in map(json.loads, r.stdout.splitlines())}


@pytest.mark.parametrize("options", ["codec=snappy", "codec=zstd;page_version=2;dictionary=0"])
def test_size_statistics_equal_pyarrow_own(tmp, options):
    from interop_test import TABLE, ROW_GROUP
    path = write(tmp, TABLE, f"row_group_rows={ROW_GROUP};{options}", batch_rows=777)
    ref = path + ".ref.parquet"
    pq.write_table(TABLE, ref, row_group_size=ROW_GROUP, store_decimal_as_integer=True, write_page_index=True,
                   data_page_version="2.0" if "page_version=2" in options else "1.0",
                   use_dictionary="dictionary=0" not in options)
    ours, theirs = size_stats_of(path), size_stats_of(ref)
    assert ours.keys() == theirs.keys()
    with_hist = 0
    for k in ours:
        (o_ss, o_pi), (t_ss, t_pi) = ours[k], theirs[k]
        assert o_ss == t_ss, f"{k}: ours {o_ss} pyarrow {t_ss}"
        # the page index: same per-page histograms wherever both wrote a column index
        for f in ("repetition_level_histograms", "definition_level_histograms"):
            if f in o_pi and f in t_pi:
                assert o_pi[f] == t_pi[f], f"{k} {f}"
                with_hist += 1
        assert o_pi.get("unencoded_byte_array_data_bytes") == t_pi.get("unencoded_byte_array_data_bytes"), k
    assert with_hist > 40
    # parquet-java reads the same numbers from our file
    java = java_size_stats(path)
    assert java.keys() == ours.keys()
    for k, (ss, pi) in ours.items():
        jv = java[k]
        if ss is None:
            # parquet-java synthesizes nothing for a chunk without SizeStatistics
            assert jv.get("size_statistics", "absent") is None or jv.get("unencoded") is None, k
            continue
        assert jv["unencoded"] == ss.get("unencoded_byte_array_data_bytes"), k
        assert jv["rep"] == ss["repetition_level_histogram"], k
        assert jv["def"] == ss["definition_level_histogram"], k
        if "ci_rep" in jv and "definition_level_histograms" in pi:
            assert jv["ci_def"] == pi["definition_level_histograms"], k
        if "repetition_level_histograms" in pi:
            assert jv["ci_rep"] == pi["repetition_level_histograms"], k
        if "unencoded_byte_array_data_bytes" in pi:
            assert jv["oi_unencoded"] == pi["unencoded_byte_array_data_bytes"], k


def test_size_statistics_can_be_turned_off(tmp):
    from interop_test import TABLE
    path = write(tmp, TABLE, "size_statistics=0")
    for (ss, pi) in size_stats_of(path).values():
        assert ss is None and pi == {}
    assert pq.read_table(path).num_rows == TABLE.num_rows


def test_delta_byte_array_after_dictionary_fallback(tmp):
    t = dba_table(n=6000)
    enc = ",".join(f"{c}:DELTA_BYTE_ARRAY" for c in ["url", "mixed", "bin", "fsb", "ls"])
    path = write(tmp, t, f"fallback_encoding={enc};dictionary_page_size=2048;page_size=4096", batch_rows=500)
    md = pq.ParquetFile(path).metadata
    col = md.row_group(0).column(0)
    assert "RLE_DICTIONARY" in col.encodings and "DELTA_BYTE_ARRAY" in col.encodings, col.encodings
    assert pq.read_table(path).equals(t)
    con = duckdb.connect()
    rows = con.execute(f"SELECT url, mixed, bin, fsb, ls FROM read_parquet('{path}')").fetchall()
    for k, name in enumerate(["url", "mixed", "bin", "fsb", "ls"]):
        assert [x[k] for x in rows] == t.column(name).to_pylist(), name
    head, jrows = java_dump(path)
    assert [x.get("url") for x in jrows] == t.column("url").to_pylist()
    assert [x.get("fsb") for x in jrows] == [None if v is None else v.hex() for v in t.column("fsb").to_pylist()]


# -- CLI -------------------------------------------------------------------------------------

def test_fromjson_feature_options(tmp):
    schema = {"type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "url", "required": False, "type": "string"},
        {"id": 2, "name": "kind", "required": False, "type": "string"},
        {"id": 3, "name": "ts", "required": False, "type": "timestamp"},
        {"id": 4, "name": "n", "required": True, "type": "long"}]}
    rows = [{"url": "http://a/b/c", "kind": "x", "ts": "1969-12-31T23:59:59.999999", "n": 1},
            {"url": "http://a/b/d", "kind": None, "ts": None, "n": 2},
            {"url": None, "kind": "y", "ts": "2017-11-16T22:31:08.000001", "n": 3}]
    d = os.path.join(tmp, "cli")
    os.makedirs(d, exist_ok=True)
    json.dump(schema, open(os.path.join(d, "s.json"), "w"))
    with open(os.path.join(d, "in.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    cli = os.environ["LAKECODEC_CLI"]
    out = os.path.join(d, "out.parquet")
    r = subprocess.run([cli, "parquet", "fromjson", "--schema", os.path.join(d, "s.json"),
                        "--encoding", "url=DELTA_BYTE_ARRAY,n=DELTA_BINARY_PACKED", "--enum", "kind", "--int96",
                        os.path.join(d, "in.jsonl"), out], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    pf = pq.ParquetFile(out)
    assert pf.schema.column(1).logical_type.type == "ENUM"
    assert pf.schema.column(2).physical_type == "INT96"
    rg = pf.metadata.row_group(0)
    assert "DELTA_BYTE_ARRAY" in rg.column(0).encodings and "DELTA_BINARY_PACKED" in rg.column(3).encodings
    t = pq.read_table(out)
    assert t.column("url").to_pylist() == ["http://a/b/c", "http://a/b/d", None]
    assert t.column("kind").to_pylist() == [b"x", None, b"y"]
    assert t.column("ts").cast(pa.int64()).to_pylist() == [-1000, None, 1510871468000001000]
    j = meta(out)
    assert j["row_groups"][0]["columns"][0]["size_statistics"]["unencoded_byte_array_data_bytes"] == 24
    bad = subprocess.run([cli, "parquet", "fromjson", "--schema", os.path.join(d, "s.json"), "--encoding", "url=NOPE",
                          os.path.join(d, "in.jsonl"), out + "2"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--encoding" in bad.stderr
    unknown = subprocess.run([cli, "parquet", "fromjson", "--schema", os.path.join(d, "s.json"), "--enum", "nope",
                              os.path.join(d, "in.jsonl"), out + "3"], capture_output=True, text=True)
    assert unknown.returncode == 1 and "'nope'" in unknown.stderr
    assert not os.path.exists(out + "2") and not os.path.exists(out + "3")
