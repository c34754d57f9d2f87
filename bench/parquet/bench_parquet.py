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
import time

HERE = os.path.dirname(os.path.abspath(__file__))

LOADER = textwrap.dedent('''
    import json, sys, time, os
    import pyarrow as pa
    def rss_anon():
        for line in open("/proc/self/status"):
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) * 1024
        return 0
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
    anon_before = rss_anon()
    t0, c0 = time.perf_counter(), time.process_time()
    pq.write_table(t, out, compression=codec, data_page_version=ver + ".0", use_dictionary=True,
                   data_page_size=1 << 20, dictionary_pagesize_limit=1 << 20, max_rows_per_page=20000,
                   row_group_size=1 << 20, write_statistics=True, write_page_index=True,
                   store_decimal_as_integer=True, compression_level=3 if codec == "zstd" else None)
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps({"seconds": t1 - t0, "cpu_seconds": c1 - c0, "output_bytes": os.path.getsize(out),
                      "anon_before": anon_before}))
''')

DUCKDB = LOADER + textwrap.dedent('''
    import duckdb
    d, codec, ver, out = sys.argv[1:5]
    t = load(d)
    con = duckdb.connect()
    con.execute("SET threads=1")
    con.register("t", t)
    anon_before = rss_anon()
    t0, c0 = time.perf_counter(), time.process_time()
    level = ", COMPRESSION_LEVEL 3" if codec == "zstd" else ""
    con.execute(f"COPY t TO '{out}' (FORMAT parquet, COMPRESSION {codec}{level}, ROW_GROUP_SIZE {1 << 20}, "
                f"PARQUET_VERSION V{ver})")
    t1, c1 = time.perf_counter(), time.process_time()
    print(json.dumps({"seconds": t1 - t0, "cpu_seconds": c1 - c0, "output_bytes": os.path.getsize(out),
                      "anon_before": anon_before}))
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


def status_kib(pid, key):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def timed(cmd):
    """Runs cmd under /usr/bin/time -v (peak RSS) while sampling the writer process's anonymous
    resident memory (RssAnon: the writer's own memory, without the mapped input) every 2 ms."""
    p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_anon = 0
    while p.poll() is None:
        try:
            kids = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
        except OSError:
            kids = []
        for k in kids:
            peak_anon = max(peak_anon, status_kib(k, "RssAnon"))
        time.sleep(0.002)
    stdout, stderr = p.communicate()
    if p.returncode != 0:
        raise RuntimeError(f"{cmd}: {stderr[-2000:]}")
    rss = 0
    for line in stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) * 1024
    out = json.loads(stdout.strip().splitlines()[-1])
    out["rss"] = rss
    out["peak_anon"] = peak_anon * 1024
    return out


def median_of(runs):
    res = dict(runs[0])
    for k in ("seconds", "cpu_seconds", "rss", "peak_anon", "anon_before", "write_cpu_seconds"):
        if all(k in r for r in runs):
            res[k] = statistics.median(r[k] for r in runs)
    return res


def interleaved_medians(cmds, repeat):
    """Runs every command once per round, `repeat` rounds, so load changes on the shared machine
    hit all writers alike; returns the per-command medians."""
    runs = [[] for _ in cmds]
    for _ in range(repeat):
        for i, c in enumerate(cmds):
            runs[i].append(timed(c))
    return [median_of(r) for r in runs]


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
        ours, pa_, duck, lim = interleaved_medians([[a.bench, d, codec, ver, out],
                                                   [py, "-c", PYARROW, d, codec, ver, out],
                                                   [py, "-c", DUCKDB, d, codec, ver, out],
                                                   [a.bench, d, codec, ver, out, "--limit"]], a.repeat)
        in_mib = input_bytes / 2**20
        def grown(r):  # the writer's own memory: peak RssAnon minus RssAnon before the write
            return (r["peak_anon"] - r["anon_before"]) / 2**20
        for name, r in (("lakecodec", ours), ("pyarrow", pa_), ("duckdb (1 thread)", duck)):
            rows_out.append((cfg, name, r["seconds"], r["cpu_seconds"], input_bytes / r["cpu_seconds"] / 1e6,
                             man["rows"] / r["cpu_seconds"] / 1e6, r["rss"] / 2**20, r["rss"] / 2**20 - in_mib,
                             r["peak_anon"] / 2**20, grown(r), r["output_bytes"] / 2**20))
        rows_out.append((cfg, "physical limit (memcpy + codec alone on our pages)", lim["seconds"], lim["cpu_seconds"],
                         input_bytes / lim["cpu_seconds"] / 1e6, man["rows"] / lim["cpu_seconds"] / 1e6,
                         lim["rss"] / 2**20, float("nan"), float("nan"), float("nan"), lim["compressed_bytes"] / 2**20))
        lim_w = lim["cpu_seconds"] + lim["write_cpu_seconds"]
        rows_out.append((cfg, "physical limit + write() of the output file", float("nan"), lim_w,
                         input_bytes / lim_w / 1e6, man["rows"] / lim_w / 1e6, float("nan"), float("nan"),
                         float("nan"), float("nan"), lim["compressed_bytes"] / 2**20))
        summary.append(f"| {cfg} | {pa_['cpu_seconds'] / ours['cpu_seconds']:.2f}x | {pa_['seconds'] / ours['seconds']:.2f}x | "
                       f"{(ours['rss'] / 2**20 - in_mib) / (pa_['rss'] / 2**20 - in_mib):.2f} | "
                       f"{grown(ours) / grown(pa_):.2f} | {ours['rss'] / pa_['rss']:.2f} | "
                       f"{ours['output_bytes'] / pa_['output_bytes']:.3f} | {lim['cpu_seconds'] / ours['cpu_seconds']:.2f} | "
                       f"{lim_w / ours['cpu_seconds']:.2f} | "
                       f"{duck['cpu_seconds'] / ours['cpu_seconds']:.2f}x |")
    print(f"input: {man['rows']} rows, {input_bytes / 1e6:.1f} MB of Arrow buffers (memory-mapped, {input_bytes / 2**20:.0f} MiB)\n")
    print("| codec:page v | writer | wall s | CPU s | MB/s (input, CPU) | M rows/s (CPU) | peak RSS MiB | RSS - input MiB "
          "| peak RssAnon MiB | RssAnon growth in write MiB | output MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows_out:
        print(f"| {r[0]} | {r[1]} | {r[2]:.2f} | {r[3]:.2f} | {r[4]:.0f} | {r[5]:.2f} | {r[6]:.0f} | {r[7]:.0f} | "
              f"{r[8]:.0f} | {r[9]:.0f} | {r[10]:.1f} |")
    print("\n| codec:page v | speed vs pyarrow (CPU) | speed vs pyarrow (wall) | writer memory vs pyarrow (RSS - input) "
          "| writer memory vs pyarrow (RssAnon growth) | peak RSS vs pyarrow | size vs pyarrow "
          "| fraction of physical limit (CPU) | fraction of physical limit + write (CPU) | speed vs DuckDB (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
