"""Parquet write benchmark: lakecodec vs pyarrow (pq.write_table, Arrow C++) vs DuckDB COPY
(one thread) on the same in-memory lineitem table, with identical settings: dictionary on, zstd level 3 (lakecodec's default, set explicitly for the others),
1 MiB data and dictionary pages, 20000-row page cap (Arrow's default), 1Mi-row row groups,
statistics and page index on, snappy and zstd, data page v1 and v2.

All three read the same column bytes: this script dumps the table's Arrow buffers once, and each
writer runs in its own process that memory-maps them (lakecodec builds a batch_view over the
mapping; pyarrow wraps the mapping in arrays; DuckDB scans that pyarrow table). Each process
times only the write; /usr/bin/time -v gives its peak RSS. Medians of --repeat runs.

Usage: python bench_parquet.py --bench BUILD/bench/parquet/parquet_write_bench --cli BUILD/tools/lakecodec
       [--rows 6000000] [--repeat 3] [--work /tmp/lakecodec-bench]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))

LOADER = textwrap.dedent('''
    import json, sys, time, os
    import pyarrow as pa
    def load(d):
        man = json.load(open(os.path.join(d, "manifest.json")))
        cols, fields = [], []
        n = man["rows"]
        for c in man["columns"]:
            t = {"int32": pa.int32(), "int64": pa.int64(), "date32": pa.date32(), "string": pa.string()}.get(c["type"])
            if t is None:
                p, s = c["type"][len("decimal128("):-1].split(",")
                t = pa.decimal128(int(p), int(s))
            mm = pa.memory_map(os.path.join(d, c["values"]))
            bufs = [None, mm.read_buffer()]
            if "data" in c:
                bufs.append(pa.memory_map(os.path.join(d, c["data"])).read_buffer())
            cols.append(pa.Array.from_buffers(t, n, bufs, null_count=0))
            fields.append(pa.field(c["name"], t, nullable=False, metadata={b"PARQUET:field_id": str(c["field_id"]).encode()}))
        return pa.Table.from_arrays(cols, schema=pa.schema(fields))
''')

PYARROW = LOADER + textwrap.dedent('''
    import pyarrow.parquet as pq
    d, codec, ver, out = sys.argv[1:5]
    t = load(d)
    t0, c0 = time.perf_counter(), time.process_time()
    pq.write_table(t, out, compression=codec, data_page_version=ver + ".0", use_dictionary=True,
                   data_page_size=1 << 20, dictionary_pagesize_limit=1 << 20, max_rows_per_page=20000,
                   row_group_size=1 << 20, write_statistics=True, write_page_index=True,
                   store_decimal_as_integer=True, compression_level=3 if codec == "zstd" else None)
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps({"seconds": t1 - t0, "cpu_seconds": c1 - c0, "output_bytes": os.path.getsize(out)}))
''')

DUCKDB = LOADER + textwrap.dedent('''
    import duckdb
    d, codec, ver, out = sys.argv[1:5]
    t = load(d)
    con = duckdb.connect()
    con.execute("SET threads=1")
    con.register("t", t)
    t0, c0 = time.perf_counter(), time.process_time()
    level = ", COMPRESSION_LEVEL 3" if codec == "zstd" else ""
    con.execute(f"COPY t TO '{out}' (FORMAT parquet, COMPRESSION {codec}{level}, ROW_GROUP_SIZE {1 << 20}, "
                f"PARQUET_VERSION V{ver})")
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps({"seconds": t1 - t0, "cpu_seconds": c1 - c0, "output_bytes": os.path.getsize(out)}))
''')


def dump(table_path, work):
    import pyarrow.parquet as pq
    d = os.path.join(work, "buffers")
    if os.path.exists(os.path.join(d, "manifest.json")):
        return d
    os.makedirs(d, exist_ok=True)
    t = pq.read_table(table_path).combine_chunks()
    cols = []
    for k, f in enumerate(t.schema):
        a = t.column(k).chunk(0)
        bufs = a.buffers()
        assert a.offset == 0 and a.null_count == 0
        entry = {"name": f.name, "type": str(f.type).replace("date32[day]", "date32"),
                 "field_id": int(f.metadata[b"PARQUET:field_id"])}
        width = {"int32": 4, "int64": 8, "date32": 4}.get(entry["type"], 16)
        if entry["type"] == "string":
            open(os.path.join(d, f"{k}.offsets"), "wb").write(bufs[1].to_pybytes()[: (len(a) + 1) * 4])
            open(os.path.join(d, f"{k}.data"), "wb").write(bufs[2].to_pybytes())
            entry["values"], entry["data"] = f"{k}.offsets", f"{k}.data"
        else:
            open(os.path.join(d, f"{k}.values"), "wb").write(bufs[1].to_pybytes()[: len(a) * width])
            entry["values"] = f"{k}.values"
        cols.append(entry)
    json.dump({"rows": t.num_rows, "columns": cols}, open(os.path.join(d, "manifest.json"), "w"))
    return d


def timed(cmd):
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd}: {r.stderr[-2000:]}")
    rss = 0
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) * 1024
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["rss"] = rss
    return out


def median_run(cmd, repeat):
    runs = [timed(cmd) for _ in range(repeat)]
    res = dict(runs[0])
    res["seconds"] = statistics.median(r["seconds"] for r in runs)
    res["cpu_seconds"] = statistics.median(r["cpu_seconds"] for r in runs)
    res["rss"] = statistics.median(r["rss"] for r in runs)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--rows", type=int, default=6_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", default="/tmp/lakecodec-bench")
    ap.add_argument("--configs", default="snappy:1,zstd:1,snappy:2,zstd:2")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    src = os.path.join(a.work, f"lineitem-{a.rows}.parquet")
    if not os.path.exists(src):
        subprocess.run([a.cli, "gen", "lineitem", "--rows", str(a.rows), "--out", src], check=True)
    d = dump(src, a.work)
    man = json.load(open(os.path.join(d, "manifest.json")))
    input_bytes = sum(os.path.getsize(os.path.join(d, c[k])) for c in man["columns"] for k in ("values", "data") if k in c)
    py = sys.executable
    rows_out, summary = [], []
    for cfg in a.configs.split(","):
        codec, ver = cfg.split(":")
        out = os.path.join(a.work, "out.parquet")
        ours = median_run([a.bench, d, codec, ver, out], a.repeat)
        pa_ = median_run([py, "-c", PYARROW, d, codec, ver, out], a.repeat)
        duck = median_run([py, "-c", DUCKDB, d, codec, ver, out], a.repeat)
        lim = median_run([a.bench, d, codec, ver, out, "--limit"], a.repeat)
        in_mib = input_bytes / 2**20
        for name, r in (("lakecodec", ours), ("pyarrow", pa_), ("duckdb (1 thread)", duck)):
            rows_out.append((cfg, name, r["seconds"], r["cpu_seconds"], input_bytes / r["cpu_seconds"] / 1e6,
                             man["rows"] / r["cpu_seconds"] / 1e6, r["rss"] / 2**20, r["rss"] / 2**20 - in_mib,
                             r["output_bytes"] / 2**20))
        rows_out.append((cfg, "physical limit (memcpy + codec alone on our pages)", lim["seconds"], lim["cpu_seconds"],
                         input_bytes / lim["cpu_seconds"] / 1e6, man["rows"] / lim["cpu_seconds"] / 1e6,
                         lim["rss"] / 2**20, float("nan"), lim["compressed_bytes"] / 2**20))
        summary.append(f"| {cfg} | {pa_['cpu_seconds'] / ours['cpu_seconds']:.2f}x | {pa_['seconds'] / ours['seconds']:.2f}x | "
                       f"{(ours['rss'] / 2**20 - in_mib) / (pa_['rss'] / 2**20 - in_mib):.2f} | {ours['rss'] / pa_['rss']:.2f} | "
                       f"{ours['output_bytes'] / pa_['output_bytes']:.3f} | {lim['cpu_seconds'] / ours['cpu_seconds']:.2f} | "
                       f"{duck['cpu_seconds'] / ours['cpu_seconds']:.2f}x |")
    print(f"input: {man['rows']} rows, {input_bytes / 1e6:.1f} MB of Arrow buffers (memory-mapped, {input_bytes / 2**20:.0f} MiB)\n")
    print("| codec:page v | writer | wall s | CPU s | MB/s (input, CPU) | M rows/s (CPU) | peak RSS MiB | RSS - input MiB | output MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows_out:
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[4]:.0f} | {r[5]:.2f} | {r[6]:.0f} | {r[7]:.0f} | {r[8]:.1f} |")
    print("\n| codec:page v | speed vs pyarrow (CPU) | speed vs pyarrow (wall) | writer memory vs pyarrow (RSS - input) | peak RSS vs pyarrow | size vs pyarrow | fraction of physical limit (CPU) | speed vs DuckDB (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
