"""Shared helpers of the core interop tests: load the ctypes shim built next to core_test and
hand it record batches exported by pyarrow through the Arrow C Data Interface."""
import ctypes
import decimal
import json
import os
import uuid

import pyarrow as pa  # a missing pyarrow is an error, never a skip

ARROW_SCHEMA_SIZE = 72  # 9 pointer-sized fields (C Data Interface ABI)
ARROW_ARRAY_SIZE = 80  # 10 pointer-sized fields


def shim():
    binary_dir = os.environ.get("LAKECODEC_BINARY_DIR")
    assert binary_dir, "LAKECODEC_BINARY_DIR is not set (run through ctest)"
    path = os.path.join(binary_dir, "tests", "core", "liblakecodec_core_pyshim.so")
    assert os.path.exists(path), f"{path} is missing: build the core_test target"
    lib = ctypes.CDLL(path)
    for name in ("lakecodec_import_and_dump", "lakecodec_import_and_stats"):
        fn = getattr(lib, name)
        fn.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        fn.restype = ctypes.c_char_p
    lib.lakecodec_stream_dump.argtypes = [ctypes.c_void_p]
    lib.lakecodec_stream_dump.restype = ctypes.c_char_p
    lib.lakecodec_roundtrip.argtypes = [ctypes.c_void_p] * 4
    lib.lakecodec_roundtrip.restype = ctypes.c_char_p
    lib.lakecodec_build_and_export.argtypes = [ctypes.c_void_p] * 2
    lib.lakecodec_build_and_export.restype = ctypes.c_char_p
    return lib


def call(fn, batch):
    """Exports `batch` into C structs we allocate, lets lakecodec consume them, parses JSON."""
    c_array = ctypes.create_string_buffer(ARROW_ARRAY_SIZE)
    c_schema = ctypes.create_string_buffer(ARROW_SCHEMA_SIZE)
    batch._export_to_c(ctypes.addressof(c_array), ctypes.addressof(c_schema))
    out = json.loads(fn(ctypes.addressof(c_array), ctypes.addressof(c_schema)).decode("utf-8"))
    # lakecodec consumed both structs: their release callbacks must now be NULL (C3 move).
    assert ctypes.c_void_p.from_buffer(c_array, 64).value is None
    assert ctypes.c_void_p.from_buffer(c_schema, 56).value is None
    return out


ARROW_STREAM_SIZE = 40  # 5 pointer-sized fields


def call_stream(reader):
    """Exports a RecordBatchReader as an ArrowArrayStream that lakecodec consumes."""
    c_stream = ctypes.create_string_buffer(ARROW_STREAM_SIZE)
    reader._export_to_c(ctypes.addressof(c_stream))
    out = json.loads(shim().lakecodec_stream_dump(ctypes.addressof(c_stream)).decode("utf-8"))
    assert ctypes.c_void_p.from_buffer(c_stream, 24).value is None  # moved in and released
    return out


def new_c_structs():
    return ctypes.create_string_buffer(ARROW_ARRAY_SIZE), ctypes.create_string_buffer(
        ARROW_SCHEMA_SIZE)


def import_from(c_array, c_schema):
    """pyarrow takes ownership of a batch lakecodec exported."""
    return pa.RecordBatch._import_from_c(ctypes.addressof(c_array), ctypes.addressof(c_schema))


def storage_type(t):
    """The type with the same buffers and plain integer/binary values (for Array.view)."""
    if pa.types.is_date32(t):
        return pa.int32()
    if pa.types.is_time64(t) or pa.types.is_timestamp(t):
        return pa.int64()
    if isinstance(t, pa.BaseExtensionType):
        return storage_type(t.storage_type)
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, storage_type(f.type), f.nullable) for f in t])
    if pa.types.is_map(t):
        return pa.map_(storage_type(t.key_type), pa.field(t.item_field.name,
                       storage_type(t.item_type), t.item_field.nullable))
    if pa.types.is_large_list(t):
        f = t.value_field
        return pa.large_list(pa.field(f.name, storage_type(f.type), f.nullable))
    if pa.types.is_list(t):
        f = t.value_field
        return pa.list_(pa.field(f.name, storage_type(f.type), f.nullable))
    return t


def normalize(v, t):
    """Python value of storage type t -> the JSON form the shim prints."""
    if v is None:
        return None
    if pa.types.is_floating(t):
        return repr(float(v))
    if pa.types.is_decimal(t):
        return int(v.scaleb(t.scale, decimal.Context(prec=80)))
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return (v.bytes if isinstance(v, uuid.UUID) else v).hex()
    if pa.types.is_struct(t):
        return {f.name: normalize(v[f.name], f.type) for f in t}
    if pa.types.is_map(t):
        return [[normalize(k, t.key_type), normalize(x, t.item_type)] for k, x in v]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [normalize(x, t.value_type) for x in v]
    return v


def shim_normalize(v, t):
    """JSON from the shim -> comparable form (floats re-parsed, decimals as int)."""
    if v is None:
        return None
    if pa.types.is_floating(t):
        return repr(float(v))
    if pa.types.is_decimal(t):
        return int(v)
    if pa.types.is_struct(t):
        return {f.name: shim_normalize(v[f.name], f.type) for f in t}
    if pa.types.is_map(t):
        return [[shim_normalize(k, t.key_type), shim_normalize(x, t.item_type)] for k, x in v]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [shim_normalize(x, t.value_type) for x in v]
    return v


def expected_column(column):
    if isinstance(column.type, pa.BaseExtensionType):
        column = column.storage
    st = storage_type(column.type)
    return [normalize(v, st) for v in column.view(st).to_pylist()]
