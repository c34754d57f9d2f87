"""Planning a 10,000-file Iceberg table with a pruning filter: lakecodec vs PyIceberg.

The table (written once by `lakecodec iceberg append`, identity-partitioned on `k`, 10 appends of
1,000 partitions each, so 10 manifests of 1,000 entries and 10,000 data files) is planned with
`k = 4242` (partition pruning: one file) and `v >= 9990` (column metrics: about ten files).
lakecodec: the whole `lakecodec iceberg files --where F TABLE` process. PyIceberg:
`StaticTable.from_metadata(...).scan(row_filter=F).plan_files()` timed inside a warm interpreter
(imports excluded, which favours PyIceberg). Both plans are checked to name the same files
first. Rounds interleave; medians and ratios are printed.

Usage: bench/iceberg/plan_bench.py LAKECODEC_CLI [ROUNDS]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from pyiceberg.table import StaticTable

CLI = sys.argv[1]
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
FILTERS = ["k = 4242", "v >= 9990"]


def build(table, tmp):
    schema = {"type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "k", "required": True, "type": "int"},
        {"id": 2, "name": "v", "required": True, "type": "long"},
        {"id": 3, "name": "s", "required": False, "type": "string"}]}
    sf = os.path.join(tmp, "schema.json")
    with open(sf, "w") as f:
        json.dump(schema, f)
    subprocess.run([CLI, "iceberg", "create", "--schema", sf, "--partition-by", "k", table],
                   check=True)
    for a in range(10):
        rows = os.path.join(tmp, "rows%d.jsonl" % a)
        with open(rows, "w") as f:
            for k in range(a * 1000, a * 1000 + 1000):
                f.write(json.dumps({"k": k, "v": k, "s": "x%d" % k}) + "\n")
        subprocess.run([CLI, "iceberg", "append", table, rows], check=True, capture_output=True)


def ours(table, where):
    t0 = time.perf_counter()
    r = subprocess.run([CLI, "iceberg", "files", "--where", where, table], capture_output=True,
                       text=True, check=True)
    secs = time.perf_counter() - t0
    return secs, sorted(json.loads(line)["file_path"] for line in r.stdout.splitlines())


def theirs(table, where):
    t0 = time.perf_counter()
    t = StaticTable.from_metadata(table)
    tasks = list(t.scan(row_filter=where).plan_files())
    secs = time.perf_counter() - t0
    return secs, sorted(task.file.file_path for task in tasks)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        table = os.path.join(tmp, "t")
        t0 = time.perf_counter()
        build(table, tmp)
        print("built 10,000-file table in %.1f s" % (time.perf_counter() - t0))
        for where in FILTERS:
            a, b = ours(table, where)[1], theirs(table, where)[1]
            assert a == b, (where, len(a), len(b))
            print("%-10s plans %d files in both" % (where, len(a)))
        times = {w: ([], []) for w in FILTERS}
        for _ in range(ROUNDS):
            for where in FILTERS:
                times[where][0].append(ours(table, where)[0])
                times[where][1].append(theirs(table, where)[0])
        print("| filter | lakecodec (process) | PyIceberg (in-process) | ratio |")
        print("|---|---|---|---|")
        for where in FILTERS:
            o, p = statistics.median(times[where][0]), statistics.median(times[where][1])
            print("| `%s` | %.3f s | %.3f s | %.1fx |" % (where, o, p, p / o))


if __name__ == "__main__":
    main()
