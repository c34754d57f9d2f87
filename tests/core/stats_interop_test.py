"""lakecodec column statistics must equal the column-chunk statistics pyarrow writes to Parquet
for the same values (issue 2: NaN, +-0.0, empty strings, non-ASCII UTF-8, INT64 min/max,
all-null columns; spec parquet_avro.md A8)."""
import decimal
import math
import os
import tempfile

import pyarrow as pa
import pyarrow.parquet as pq

from core_interop_common import call, shim

D = decimal.Decimal
NAN = float("nan")


def edge_case_table():
    cols = {
        "int32": pa.array([3, None, -(2**31), 2**31 - 1, 0], pa.int32()),
        "int64_extremes": pa.array([-(2**63), 2**63 - 1, None, 0, 1], pa.int64()),
        "int8": pa.array([-128, 127, 0, None, 5], pa.int8()),
        "int16": pa.array([None, -5, 300, -32768, 1], pa.int16()),
        "f64_nan_zero": pa.array([NAN, 0.0, -0.0, None, NAN], pa.float64()),
        "f64_pos_zero_min": pa.array([0.0, 1.5, 2.5, None, 0.0], pa.float64()),
        "f64_neg_zero_max": pa.array([-0.0, -1.5, -3.0, -0.0, None], pa.float64()),
        "f64_all_nan": pa.array([NAN, None, NAN, NAN, None], pa.float64()),
        "f64_inf": pa.array([float("inf"), NAN, float("-inf"), 1.0, None], pa.float64()),
        "f32_mixed": pa.array([1.5, NAN, -0.0, 3.25e38, None], pa.float32()),
        "f32_zero_only": pa.array([0.0, 0.0, None, NAN, -0.0], pa.float32()),
        "string_edges": pa.array(["", "a", "héllo", "日本", None], pa.string()),
        "string_utf8_order": pa.array(["z", "é", "\U0001F600", "Z", "~"], pa.string()),
        "string_all_null": pa.array([None] * 5, pa.string()),
        "string_all_empty": pa.array(["", "", None, "", ""], pa.string()),
        "large_string": pa.array(["b", "ab", None, "abc", "ä"], pa.large_string()),
        "binary": pa.array([b"\xff", b"\x00", b"", None, b"\x7f\x80"], pa.binary()),
        "fixed": pa.array([b"\x80\x00", b"\x7f\xff", None, b"\x00\x01", b"\xff\xff"],
                          pa.binary(2)),
        "decimal_9_2": pa.array([D("-1.50"), D("1.25"), None, D("0.00"), D("9999999.99")],
                                pa.decimal128(9, 2)),
        "decimal_38_5": pa.array([D("-123456789012345678901234567890.12345"), D("0.00001"),
                                  None, D("99999999999999999999999999999999.99999"),
                                  D("-0.00001")], pa.decimal128(38, 5)),
        "date": pa.array([-719162, None, 2932896, 0, 19000], pa.date32()),
        "timestamp_us": pa.array([1700000000000000, -1, None, 0, 2**62], pa.timestamp("us")),
        "timestamp_ns_utc": pa.array([5, None, -(2**62), 7, 0], pa.timestamp("ns", tz="UTC")),
        "time_us": pa.array([86399999999, 0, None, 1, 2], pa.time64("us")),
        "bool": pa.array([True, None, False, True, None], pa.bool_()),
        "bool_all_true": pa.array([True, True, None, True, True], pa.bool_()),
        "int64_all_null": pa.array([None] * 5, pa.int64()),
    }
    return pa.table(cols)


def parquet_stats(table):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.parquet")
        pq.write_table(table, path)
        md = pq.ParquetFile(path).metadata
        assert md.num_row_groups == 1
        out = {}
        for i in range(md.num_columns):
            col = md.row_group(0).column(i)
            out[col.path_in_schema] = (col.physical_type, col.statistics)
        return out


def ours_as_python(v, arrow_type):
    """Shim bound JSON -> the Python value pyarrow's min_raw/max_raw gives."""
    if v is None:
        return None
    if pa.types.is_floating(arrow_type):
        return float(v)
    if pa.types.is_decimal(arrow_type):
        return int(v)
    if (pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)
            or pa.types.is_binary(arrow_type) or pa.types.is_fixed_size_binary(arrow_type)):
        return bytes.fromhex(v)
    return v


def theirs_as_python(raw, physical, arrow_type):
    if pa.types.is_decimal(arrow_type) and isinstance(raw, bytes):
        return int.from_bytes(raw, "big", signed=True)  # FLBA big-endian two's complement
    if isinstance(raw, str):
        return raw.encode("utf-8")
    return raw


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return repr(a) == repr(b)  # compares the sign of zero too
    return type(a) == type(b) and a == b


def check_table(table):
    expected = parquet_stats(table)
    batch = table.combine_chunks().to_batches()[0] if table.num_rows else None
    out = call(shim().lakecodec_import_and_stats, batch)
    assert out["ok"], out.get("error")
    checked = 0
    for name in table.column_names:
        arrow_type = table.schema.field(name).type
        physical, st = expected[name]
        ours = out["columns"][name]
        assert ours["value_count"] == table.num_rows, name
        assert ours["null_count"] == st.null_count, name
        assert ours["value_count"] - ours["null_count"] == st.num_values, name
        values = table.column(name).to_pylist() if pa.types.is_floating(arrow_type) else []
        nans = sum(1 for v in values if v is not None and math.isnan(v))
        assert ours["nan_count"] == nans, name
        if not st.has_min_max:
            assert ours["min"] is None and ours["max"] is None, (name, ours)
            continue
        for ours_v, raw in ((ours["min"], st.min_raw), (ours["max"], st.max_raw)):
            a = ours_as_python(ours_v, arrow_type)
            b = theirs_as_python(raw, physical, arrow_type)
            if pa.types.is_floating(arrow_type):
                b = float(b)
            assert same(a, b), (name, a, b)
            checked += 1
    return checked


def test_edge_cases_match_pyarrow_parquet_statistics():
    table = edge_case_table()
    checked = check_table(table)
    assert checked >= 40  # the bounds really were compared, not skipped


def test_signed_zero_rule_is_what_pyarrow_writes():
    _, st = parquet_stats(pa.table({"x": pa.array([0.0, 2.0], pa.float64())}))["x"]
    assert repr(st.min_raw) == "-0.0" and repr(st.max_raw) == "2.0"
    check_table(pa.table({"x": pa.array([0.0, 2.0], pa.float64())}))


def test_sliced_tables():
    table = edge_case_table()
    for offset, length in [(1, 3), (2, 2), (4, 1)]:
        check_table(table.slice(offset, length))
