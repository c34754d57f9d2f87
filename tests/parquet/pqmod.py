"""ctypes bridge to lakecodec_pq_module: write pyarrow tables with lakecodec's Parquet writer."""
import ctypes
import os

import pyarrow as pa

_lib = None


def lib():
    global _lib
    if _lib is None:
        path = os.environ.get("LAKECODEC_PQ_MODULE")
        if not path:
            raise RuntimeError("LAKECODEC_PQ_MODULE is not set (the ctest environment sets it)")
        _lib = ctypes.CDLL(path)
        _lib.lakecodec_pq_open.restype = ctypes.c_void_p
        _lib.lakecodec_pq_open.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                           ctypes.c_char_p, ctypes.c_size_t]
        _lib.lakecodec_pq_write.restype = ctypes.c_int
        _lib.lakecodec_pq_write.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                            ctypes.c_char_p, ctypes.c_size_t]
        _lib.lakecodec_pq_close.restype = ctypes.c_int
        _lib.lakecodec_pq_close.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
        _lib.lakecodec_pq_abort.argtypes = [ctypes.c_void_p]
    return _lib


class WriteError(Exception):
    pass


def write(table: pa.Table, path: str, options: str = "", batch_rows: int = 0):
    """Writes `table` with lakecodec; raises WriteError with lakecodec's message on refusal."""
    l = lib()
    err = ctypes.create_string_buffer(4096)
    schema_c = ctypes.create_string_buffer(128)
    table.schema._export_to_c(ctypes.addressof(schema_c))
    h = l.lakecodec_pq_open(ctypes.addressof(schema_c), path.encode(), options.encode(), err, 4096)
    if not h:
        raise WriteError(err.value.decode())
    batches = table.to_batches(max_chunksize=batch_rows) if batch_rows else table.to_batches()
    for b in batches:
        arr_c = ctypes.create_string_buffer(128)
        sch_c = ctypes.create_string_buffer(128)
        b._export_to_c(ctypes.addressof(arr_c), ctypes.addressof(sch_c))
        if l.lakecodec_pq_write(h, ctypes.addressof(arr_c), ctypes.addressof(sch_c), err, 4096) != 0:
            l.lakecodec_pq_abort(h)
            raise WriteError(err.value.decode())
    if l.lakecodec_pq_close(h, err, 4096) != 0:
        raise WriteError(err.value.decode())
