"""pyarrow exports record batches of every supported type (with nulls, slices and nesting)
through the Arrow C Data Interface; lakecodec imports them zero-copy and must see the same
values (issue 2: 'An ArrowArray exported by a real Arrow producer is imported zero-copy')."""
import decimal
import math

import pyarrow as pa

from core_interop_common import (call, call_stream, expected_column, shim, shim_normalize,
                                 storage_type)

D = decimal.Decimal


def every_type_batch():
    n = 12
    def with_nulls(values, every=4):
        return [None if i % every == 3 else v for i, v in enumerate(values)]
    cols = {
        "bool": pa.array(with_nulls([i % 2 == 0 for i in range(n)]), pa.bool_()),
        "int8": pa.array(with_nulls([(-128 + 23 * i) % 256 - 128 for i in range(n)]), pa.int8()),
        "int16": pa.array(with_nulls([-32768 + 5000 * i for i in range(n)]), pa.int16()),
        "int32": pa.array(with_nulls([-(2**31) + 333333333 * i for i in range(n)]), pa.int32()),
        "int64": pa.array(with_nulls([-(2**63), 2**63 - 1] + [i * 10**15 for i in range(n - 2)]),
                          pa.int64()),
        "float32": pa.array(with_nulls([float("nan"), -0.0, 0.0, float("inf"), -1.5, 3.25e38]
                                       + [i / 3 for i in range(n - 6)]), pa.float32()),
        "float64": pa.array(with_nulls([float("nan"), -0.0, float("-inf"), 1e-300, 2.5]
                                       + [i / 7 for i in range(n - 5)]), pa.float64()),
        "dec38": pa.array(with_nulls([D("-12345678901234567890123456.7890123456"),
                                      D("0E-10"), D("9999999999999999999999999999.9999999999")]
                                     + [D(i) / 8 for i in range(n - 3)]), pa.decimal128(38, 10)),
        "dec5": pa.array(with_nulls([D("-999.99"), D("0.01")] + [D(i) for i in range(n - 2)]),
                         pa.decimal128(5, 2)),
        "date": pa.array(with_nulls([-719162, 0, 2932896] + list(range(n - 3))), pa.date32()),
        "time_us": pa.array(with_nulls([0, 86399999999] + list(range(n - 2))), pa.time64("us")),
        "time_ns": pa.array(with_nulls([0, 86399999999999] + list(range(n - 2))),
                            pa.time64("ns")),
        "ts_us": pa.array(with_nulls([-(2**62), 1700000000000000] + list(range(n - 2))),
                          pa.timestamp("us")),
        "ts_ns_utc": pa.array(with_nulls(list(range(n))), pa.timestamp("ns", tz="UTC")),
        "ts_us_paris": pa.array(with_nulls(list(range(n))), pa.timestamp("us", tz="Europe/Paris")),
        "string": pa.array(with_nulls(["", "a", "héllo", "日本語", "emoji 😀", "\x00nul"]
                                      + [str(i) * i for i in range(n - 6)]), pa.string()),
        "large_string": pa.array(with_nulls(["x" * i for i in range(n)]), pa.large_string()),
        "binary": pa.array(with_nulls([b"", b"\x00\xff", b"\x80"] + [bytes([i]) * i
                                      for i in range(n - 3)]), pa.binary()),
        "large_binary": pa.array(with_nulls([bytes(range(i)) for i in range(n)]),
                                 pa.large_binary()),
        "fixed3": pa.array(with_nulls([bytes([i, 255 - i, 7]) for i in range(n)]),
                           pa.binary(3)),
        "uuid": pa.array(with_nulls([bytes([i] * 16) for i in range(n)]), pa.uuid()),
        "struct": pa.array([None if i % 5 == 4 else {"a": None if i % 3 == 0 else i,
                            "b": f"s{i}", "inner": {"d": i * 1.5}} for i in range(n)],
                           pa.struct([("a", pa.int32()), ("b", pa.string()),
                                      ("inner", pa.struct([("d", pa.float64())]))])),
        "list": pa.array([None if i % 4 == 1 else [None if j == 2 else i * 100 + j
                          for j in range(i % 5)] for i in range(n)], pa.list_(pa.int64())),
        "large_list_of_lists": pa.array([[[f"{i}-{j}-{k}" for k in range(j)] if j != 1 else None
                                          for j in range(i % 4)] for i in range(n)],
                                        pa.large_list(pa.list_(pa.string()))),
        "map": pa.array([None if i % 6 == 5 else [(f"k{j}", None if j == 1 else i * j)
                         for j in range(i % 3)] for i in range(n)],
                        pa.map_(pa.string(), pa.int32())),
        "list_of_dates": pa.array([[i, None, -i] if i % 2 else [] for i in range(n)],
                                  pa.list_(pa.date32())),
    }
    fields = [pa.field(k, v.type) for k, v in cols.items()]
    fields.append(pa.field("required", pa.int64(), nullable=False))
    arrays = list(cols.values()) + [pa.array(range(n), pa.int64())]
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def check(batch, out=None):
    if out is None:
        out = call(shim().lakecodec_import_and_dump, batch)
        assert out["ok"], out.get("error")
    assert out["length"] == batch.num_rows
    assert list(out["columns"]) == batch.schema.names
    for name, column in zip(batch.schema.names, batch.columns):
        t = column.type.storage_type if isinstance(column.type, pa.BaseExtensionType) else column.type
        st = storage_type(t)
        got = [shim_normalize(v, st) for v in out["columns"][name]]
        assert got == expected_column(column), name


def test_every_type_with_nulls_and_nesting():
    check(every_type_batch())


def test_sliced_batches():
    batch = every_type_batch()
    for offset, length in [(1, 5), (3, 9), (7, 0), (11, 1)]:
        check(batch.slice(offset, length))


def test_batch_of_sliced_arrays():
    batch = every_type_batch()
    arrays = [c.slice(2, 7) for c in batch.columns]
    check(pa.RecordBatch.from_arrays(arrays, schema=batch.schema))


def test_schema_flags_and_values_survive():
    batch = every_type_batch()
    out = call(shim().lakecodec_import_and_dump, batch.select(["required"]))
    assert out["ok"] and out["columns"]["required"] == list(range(12))


def test_unsupported_types_are_clear_errors():
    for arr in [pa.array([1], pa.uint32()), pa.array([1.0], pa.float16()),
                pa.array(["a"], pa.string()).dictionary_encode(),
                pa.array([1], pa.timestamp("s")), pa.array(["a"], pa.string_view())]:
        batch = pa.RecordBatch.from_arrays([arr], names=["x"])
        out = call(shim().lakecodec_import_and_dump, batch)
        assert not out["ok"], arr.type
        assert "not supported" in out["error"], out["error"]


def test_float_signs_and_nan_round_trip():
    batch = every_type_batch()
    out = call(shim().lakecodec_import_and_dump, batch.select(["float32", "float64"]))
    f32 = out["columns"]["float32"]
    assert math.isnan(float(f32[0])) and repr(float(f32[1])) == "-0.0"


def test_record_batch_stream():
    batch = every_type_batch()
    parts = [batch.slice(0, 5), batch.slice(5, 0), batch.slice(5, 7)]
    reader = pa.RecordBatchReader.from_batches(batch.schema, parts)
    out = call_stream(reader)
    assert out["ok"], out.get("error")
    assert len(out["batches"]) == len(parts)
    for part, got in zip(parts, out["batches"]):
        check(part, got)
