"""Writing a lineitem-shaped Iceberg table: lakecodec vs PyIceberg, side by side in one run.

lakecodec: `lakecodec gen lineitem --format iceberg --rows N [--partition-by 'month(l_shipdate)']
--out TABLE` (a new table; the time includes generating the rows, so the ratio is conservative).
PyIceberg: `table.append(arrow_table)` into a new table of a SQLite catalog, the same rows read
beforehand from a Parquet file lakecodec wrote (time and memory of the read excluded from the
time, included in the peak RSS it reports: the Arrow table has to be in memory to append it).
Both write zstd Parquet (Java's and PyIceberg's default). Rounds interleave; medians of wall time
and of CPU time (user+sys of the lakecodec process; of the PyIceberg process during append(),
all threads) are printed with the ratios, and the row counts of both tables are checked first.
Columns: wall lc, wall py, ratio, cpu lc, cpu py, ratio, peak RSS lc, py, lc/py.

Usage: bench/iceberg/table_write_bench.py LAKECODEC_CLI [ROWS] [ROUNDS]
"""
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CLI = sys.argv[1]
ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 6_000_000
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3

PYICEBERG = r"""
import resource, sys, time
import pyarrow.parquet as pq
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.partitioning import PartitionSpec, PartitionField
from pyiceberg.transforms import MonthTransform
src, warehouse, partitioned = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
table = pq.read_table(src)
cat = SqlCatalog("bench", uri="sqlite:///" + warehouse + "/cat.db", warehouse="file://" + warehouse)
cat.create_namespace("db")
spec = PartitionSpec()
t = cat.create_table("db.lineitem", schema=table.schema)
if partitioned:
    with t.update_spec() as u:
        u.add_field("l_shipdate", MonthTransform(), "l_shipdate_month")
r0 = resource.getrusage(resource.RUSAGE_SELF)
t0 = time.perf_counter()
t.append(table)
secs = time.perf_counter() - t0
r1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
rows = int(t.current_snapshot().summary["total-records"])
print(secs, rows, r1.ru_maxrss, cpu)
"""


def run_lakecodec(out, partitioned):
    args = [CLI, "gen", "lineitem", "--format", "iceberg", "--rows", str(ROWS), "--out", out,
            "--compression", "zstd"]
    if partitioned:
        args += ["--partition-by", "month(l_shipdate)"]
    t0 = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *args], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    rss, user, sys_ = r.stderr.strip().splitlines()[-1].split()
    rss_kb, cpu = int(rss), float(user) + float(sys_)
    desc = json.loads(subprocess.run([CLI, "iceberg", "describe", out], capture_output=True,
                                     text=True, check=True).stdout)
    return secs, int(desc["summary"]["total-records"]), rss_kb, cpu


def run_pyiceberg(src, warehouse, partitioned):
    r = subprocess.run([sys.executable, "-c", PYICEBERG, src, warehouse, "1" if partitioned else "0"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    secs, rows, rss_kb, cpu = r.stdout.split()
    return float(secs), int(rows), int(rss_kb), float(cpu)


def main():
    work = tempfile.mkdtemp(prefix="lakecodec-iceberg-bench-")
    try:
        src = os.path.join(work, "lineitem.parquet")
        subprocess.run([CLI, "gen", "lineitem", "--rows", str(ROWS), "--out", src], check=True,
                       capture_output=True)
        for partitioned in (False, True):
            ours, theirs = [], []
            for k in range(ROUNDS):
                d = os.path.join(work, f"lc-{partitioned}-{k}")
                ours.append(run_lakecodec(d, partitioned))
                shutil.rmtree(d)
                w = os.path.join(work, f"py-{partitioned}-{k}")
                os.makedirs(w)
                theirs.append(run_pyiceberg(src, w, partitioned))
                shutil.rmtree(w)
            assert all(o[1] == ROWS for o in ours) and all(t[1] == ROWS for t in theirs)
            lc_t = statistics.median(o[0] for o in ours)
            py_t = statistics.median(t[0] for t in theirs)
            lc_m = statistics.median(o[2] for o in ours) / 1024
            py_m = statistics.median(t[2] for t in theirs) / 1024
            lc_c = statistics.median(o[3] for o in ours)
            py_c = statistics.median(t[3] for t in theirs)
            label = "month(l_shipdate)" if partitioned else "unpartitioned"
            print(f"| {label} | {lc_t:.2f} s | {py_t:.2f} s | {py_t / lc_t:.2f}x | "
                  f"{lc_c:.2f} s | {py_c:.2f} s | {py_c / lc_c:.2f}x | "
                  f"{lc_m:.0f} MB | {py_m:.0f} MB | {lc_m / py_m:.2f} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
