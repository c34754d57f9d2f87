"""lakecodec exports batches through the Arrow C Data Interface and pyarrow imports them: a batch
built with batch_builder (checks the builder's Arrow layout with pyarrow's full validation), and
pyarrow batches of every supported type that lakecodec imported and re-exported zero-copy."""
import ctypes
import datetime
import decimal
import uuid

import pyarrow as pa

from core_interop_common import expected_column, import_from, new_c_structs, shim
from arrow_import_interop_test import every_type_batch

D = decimal.Decimal


def test_builder_batch_is_valid_arrow_with_expected_values():
    c_array, c_schema = new_c_structs()
    err = shim().lakecodec_build_and_export(ctypes.addressof(c_array), ctypes.addressof(c_schema))
    assert err is None, err
    batch = import_from(c_array, c_schema)
    batch.validate(full=True)
    assert batch.num_rows == 7
    t = batch.schema
    assert t.field("i32").nullable is False
    assert t.field("dec").type == pa.decimal128(12, 3)
    assert t.field("ts_ns_utc").type == pa.timestamp("ns", tz="UTC")
    assert t.field("ts_us").type == pa.timestamp("us")
    assert t.field("uuid").type == pa.uuid()
    assert t.field("m").type == pa.map_(pa.string(), pa.float64())
    assert t.field("ll").type == pa.large_list(pa.list_(pa.int16()))
    rows = batch.drop_columns(["ts_ns_utc"]).to_pylist()  # ns datetimes need pandas
    for i, row in enumerate(rows):
        if i % 3 == 2:
            assert all(v is None for k, v in row.items() if k != "i32"), row
            assert row["i32"] == i
            continue
        assert row["b"] == (i % 2 == 0)
        assert row["i8"] == -i and row["i16"] == i * 1000 and row["i32"] == i
        assert row["i64"] == 1 << (40 + i)
        assert row["f32"] == i + 0.5 and row["f64"] == -i * 0.25
        assert row["dec"] == D(i * 1001 - 3000).scaleb(-3)
        assert row["date"] == datetime.date(1970, 1, 1) + datetime.timedelta(days=18000 + i)
        assert row["t_us"] == datetime.time(i)
        assert batch.column("ts_us").cast(pa.int64())[i].as_py() == 1700000000 * 10**6 + i
        assert batch.column("ts_ns_utc").cast(pa.int64())[i].as_py() == 1700000000 * 10**6 + i
        assert row["s"] == "x" * i + "é" and row["ls"] == row["s"]
        assert row["bin"] == b"\xff" * i and row["lbin"] == row["bin"]
        assert row["fsb"] == bytes([ord("a") + i]) * 2
        assert row["uuid"] == uuid.UUID(bytes=bytes([i]) * 16)
        assert row["st"] == {"a": i, "l": [str(k) for k in range(i % 3)]}
        assert row["m"] == [(f"k{k}", k * 1.5) for k in range(i % 3)]
        assert row["ll"] == [[i, None], None]


def roundtrip(batch):
    in_array, in_schema = new_c_structs()
    batch._export_to_c(ctypes.addressof(in_array), ctypes.addressof(in_schema))
    out_array, out_schema = new_c_structs()
    err = shim().lakecodec_roundtrip(ctypes.addressof(in_array), ctypes.addressof(in_schema),
                                     ctypes.addressof(out_array), ctypes.addressof(out_schema))
    assert err is None, err
    back = import_from(out_array, out_schema)
    back.validate(full=True)
    return back


def same_type(original, back):
    """Equal types, except that the view keeps only 'adjusted to UTC' of a time zone name."""
    if pa.types.is_timestamp(original) and original.tz not in (None, "UTC"):
        return back == pa.timestamp(original.unit, tz="UTC")
    return original == back


def assert_same(batch, back):
    assert back.num_rows == batch.num_rows
    assert back.schema.names == batch.schema.names
    for f, g in zip(batch.schema, back.schema):
        assert same_type(f.type, g.type), (f, g)
        assert f.nullable == g.nullable, f
    for name in batch.schema.names:
        # Value comparison through the storage types (NaN-aware; see core_interop_common).
        assert expected_column(back.column(name)) == expected_column(batch.column(name)), name


def test_reexported_pyarrow_batches_are_equal():
    batch = every_type_batch()
    assert_same(batch, roundtrip(batch))
    plain = batch.drop_columns(["ts_us_paris", "float32", "float64"])  # exact Arrow equality
    assert roundtrip(plain).equals(plain)


def test_reexported_slices_are_equal():
    batch = every_type_batch()
    for offset, length in [(1, 5), (4, 8), (12, 0)]:
        part = batch.slice(offset, length)
        assert_same(part, roundtrip(part))
