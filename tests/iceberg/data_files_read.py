"""Reads the data files data_files_interop_test.cpp wrote (tests/iceberg/data_files_fixture.hpp
rows) with pyarrow (Parquet) and fastavro (Avro) and compares every value with the rows the
fixture wrote. Values are normalised to plain forms both readers can give: temporal values as
their stored integers, decimals as unscaled integers, bytes/uuid/fixed as hex, floats as repr
(so -0.0 and NaN are told apart), maps as [key, value] lists. Prints 'ok <format>' per file;
exits 1 with the first difference otherwise."""
import decimal
import json
import math
import sys
import uuid

import fastavro
import fastavro._read
import fastavro._read_py
import fastavro.read
import pyarrow as pa
import pyarrow.parquet as pq

LONG_MIN = "abcdefghijklmnopqrstuvwxyz"
LONG_MAX = "zz\u2603" + "\u00e9" * 17

NULL_ROW = {k: None for k in ["b", "l", "f", "d", "dec", "day", "t", "ts", "tstz", "tsns", "s",
                              "u", "fx", "bin", "st", "tags", "props"]}
EXPECTED = [
    {"b": True, "i": 1, "l": -5, "f": "1.5", "d": "NaN", "dec": 12345, "day": 19000,
     "t": 3600000000, "ts": 1700000000000000, "tstz": 1700000000000001,
     "tsns": 1700000000000000123, "s": LONG_MIN, "u": "01" * 16, "fx": "61626364",
     "bin": "00ff", "st": {"a": 7, "b": "x"}, "tags": ["p", "q"], "props": [["k1", 1]]},
    dict(NULL_ROW, i=2),
    {"b": False, "i": 3, "l": 9, "f": "-0.0", "d": "2.5", "dec": -99, "day": -1, "t": 0,
     "ts": -1, "tstz": 0, "tsns": 5, "s": LONG_MAX, "u": "ff" * 16, "fx": "7a7a7a7a", "bin": "",
     "st": {"a": None, "b": "y"}, "tags": [], "props": []},
    {"b": True, "i": -4, "l": 0, "f": "NaN", "d": "-1e+300", "dec": 0, "day": 0,
     "t": 86399999999, "ts": 0, "tstz": -1700000000000000, "tsns": -5, "s": "b",
     "u": "7f" * 16, "fx": "6d6d6d6d", "bin": "01", "st": {"a": -3, "b": None},
     "tags": ["r", None], "props": [["k2", None], ["k3", 3]]},
]


def norm(v, column=None):
    if v is None:
        return None
    if column == "props":
        items = sorted(v.items()) if isinstance(v, dict) else list(v)
        return [[norm(k), norm(x)] for k, x in items]
    if column == "dec" and isinstance(v, (bytes, bytearray)):
        return int.from_bytes(bytes(v), "big", signed=True)
    if isinstance(v, bool) or isinstance(v, int) or isinstance(v, str):
        return v
    if isinstance(v, float):
        return "NaN" if math.isnan(v) else repr(v)
    if isinstance(v, decimal.Decimal):
        t = v.as_tuple()
        n = int("".join(map(str, t.digits)) or "0")
        return -n if t.sign else n
    if isinstance(v, uuid.UUID):
        return v.bytes.hex()
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    raise TypeError(f"{column}: {type(v)}")


def as_stored(t):
    """The Arrow type whose values are the stored integers of a temporal type."""
    if pa.types.is_date32(t):
        return pa.int32()
    if pa.types.is_time(t) or pa.types.is_timestamp(t):
        return pa.int64()
    if isinstance(t, pa.ExtensionType):
        return t.storage_type
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, as_stored(f.type)) for f in t])
    return t


def parquet_rows(path):
    table = pq.read_table(path)
    cols = []
    for name, col in zip(table.column_names, table.columns):
        col = pa.chunked_array([c.storage if isinstance(c, pa.ExtensionArray) else c
                                for c in col.chunks])
        cols.append(col.cast(as_stored(col.type)))
    table = pa.table(cols, names=table.column_names)
    return table.to_pylist()


def avro_rows(path):
    for mod in (fastavro.read, fastavro._read, fastavro._read_py):
        mod.LOGICAL_READERS.clear()
    with open(path, "rb") as f:
        return list(fastavro.reader(f))


def check(kind, rows):
    got = [{k: norm(v, k) for k, v in r.items()} for r in rows]
    if len(got) != len(EXPECTED):
        sys.exit(f"{kind}: {len(got)} rows, expected {len(EXPECTED)}")
    for n, (g, e) in enumerate(zip(got, EXPECTED)):
        if g != e:
            diff = {k: (g.get(k), e.get(k)) for k in set(g) | set(e) if g.get(k) != e.get(k)}
            sys.exit(f"{kind} row {n} differs (got, expected): "
                     + json.dumps(diff, ensure_ascii=False))
    print("ok", kind)


if __name__ == "__main__":
    check("parquet", parquet_rows(sys.argv[1]))
    check("avro", avro_rows(sys.argv[2]))
