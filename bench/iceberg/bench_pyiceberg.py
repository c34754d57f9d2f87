#!/usr/bin/env python3
"""lakecodec vs PyIceberg on identical inputs, in one run (bench/RESULTS.md "## iceberg").

  (a) parse + print table metadata with 10,000 snapshots and 50 schemas (v2, generated here)
  (b) write + read a v2 manifest of 100,000 data files with 20 columns of metrics (Avro codec
      null); both sides build the same entries (make_entry mirrors iceberg_bench.cpp)
  (c) bucket[16] over 10M longs / 10M strings: lakecodec only, next to the murmur3 kernel
      (PyIceberg's scalar transform is timed on 1M values for scale)

Usage: bench_pyiceberg.py BENCH_BINARY [--repeats N]
Prints medians of N repeats per side (CPU time on both sides) and the ratios.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from pyiceberg.avro.file import AvroFile
from pyiceberg.io.pyarrow import PyArrowFileIO
from pyiceberg.manifest import (
    DEFAULT_READ_VERSION,
    MANIFEST_ENTRY_SCHEMAS,
    DataFile,
    DataFileContent,
    FileFormat,
    ManifestEntry,
    ManifestEntryStatus,
    write_manifest,
)
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.table.metadata import TableMetadataUtil
from pyiceberg.transforms import BucketTransform, IdentityTransform
from pyiceberg.typedef import Record
from pyiceberg.types import LongType, NestedField, StringType


def make_metadata(snapshots=10_000, schemas=50):
    rng = random.Random(7)
    schema_list = []
    for s in range(schemas):
        fields = [{"id": c, "name": f"col_{c}", "required": c == 1,
                   "type": ["long", "string", "double", "date", "timestamptz", "decimal(18, 4)"][c % 6]}
                  for c in range(1, 11 + s)]
        schema_list.append({"type": "struct", "schema-id": s, "identifier-field-ids": [], "fields": fields})
    snaps, log = [], []
    parent = None
    ts = 1_700_000_000_000
    for i in range(snapshots):
        sid = rng.getrandbits(62) + 1
        ts += rng.randint(1000, 60000)
        snap = {"snapshot-id": sid, "sequence-number": i + 1, "timestamp-ms": ts,
                "summary": {"operation": "append", "added-data-files": str(rng.randint(1, 50)),
                            "added-records": str(rng.randint(1, 10**6)), "added-files-size": str(rng.randint(1, 10**9)),
                            "changed-partition-count": "1", "total-records": str(i * 1000),
                            "total-files-size": str(i * 10**6), "total-data-files": str(i * 3),
                            "total-delete-files": "0", "total-position-deletes": "0", "total-equality-deletes": "0"},
                "manifest-list": f"s3://bucket/warehouse/db/t/metadata/snap-{sid}-1-{i:08x}-0000-0000-0000-000000000000.avro",
                "schema-id": min(i * schemas // snapshots, schemas - 1)}
        if parent is not None:
            snap["parent-snapshot-id"] = parent
        parent = sid
        snaps.append(snap)
        log.append({"timestamp-ms": ts, "snapshot-id": sid})
    return {
        "format-version": 2, "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
        "location": "s3://bucket/warehouse/db/t", "last-sequence-number": snapshots, "last-updated-ms": ts,
        "last-column-id": 10 + schemas - 1, "current-schema-id": schemas - 1, "schemas": schema_list,
        "default-spec-id": 0,
        "partition-specs": [{"spec-id": 0, "fields": [{"name": "col_3_day", "transform": "day", "source-id": 3, "field-id": 1000}]}],
        "last-partition-id": 1000, "default-sort-order-id": 0, "sort-orders": [{"order-id": 0, "fields": []}],
        "properties": {"write.format.default": "parquet"}, "current-snapshot-id": parent,
        "refs": {"main": {"snapshot-id": parent, "type": "branch"}}, "snapshots": snaps,
        "statistics": [], "partition-statistics": [], "snapshot-log": log,
        "metadata-log": [{"timestamp-ms": 1_700_000_000_000 + k, "metadata-file": f"s3://bucket/warehouse/db/t/metadata/{k:05d}.metadata.json"} for k in range(100)],
    }


def median_time(fn, repeats):
    """Median CPU seconds of `repeats` calls (CPU time: the VM is shared, wall time is noise)."""
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


ENTRIES, COLUMNS = 100_000, 20


def long_le(v):
    return int(v).to_bytes(8, "little", signed=True)


def make_entry(i):
    record_count = 1000 + i % 1000
    df = DataFile.from_args(
        content=DataFileContent.DATA,
        file_path=f"s3://bucket/warehouse/db/t/data/p={i % 100}/part-{i:08d}.parquet",
        file_format=FileFormat.PARQUET,
        partition=Record(i % 100),
        record_count=record_count,
        file_size_in_bytes=100000 + i,
        column_sizes={c: 1000 + (c * i) % 977 for c in range(1, COLUMNS + 1)},
        value_counts={c: record_count for c in range(1, COLUMNS + 1)},
        null_value_counts={c: (c + i) % 7 for c in range(1, COLUMNS + 1)},
        lower_bounds={c: long_le(i * c) for c in range(1, COLUMNS + 1)},
        upper_bounds={c: long_le(i * c + 100) for c in range(1, COLUMNS + 1)},
        split_offsets=[4],
        sort_order_id=0,
    )
    return ManifestEntry.from_args(status=ManifestEntryStatus.ADDED, snapshot_id=4242, data_file=df)


def pyiceberg_manifest(path, repeats):
    schema = Schema(*[NestedField(c, f"c{c}", LongType(), required=(c == 1)) for c in range(1, COLUMNS + 1)], schema_id=0)
    spec = PartitionSpec(PartitionField(source_id=1, field_id=1000, transform=IdentityTransform(), name="p"))
    entries = [make_entry(i) for i in range(ENTRIES)]
    io = PyArrowFileIO()

    def write():
        if os.path.exists(path):
            os.remove(path)
        with write_manifest(format_version=2, spec=spec, schema=schema, output_file=io.new_output(path),
                            snapshot_id=4242, avro_compression="null") as w:
            for e in entries:
                w.add_entry(e)

    def read():
        with AvroFile[ManifestEntry](io.new_input(path), MANIFEST_ENTRY_SCHEMAS[DEFAULT_READ_VERSION],
                                     read_types={-1: ManifestEntry, 2: DataFile},
                                     read_enums={0: ManifestEntryStatus, 101: FileFormat, 134: DataFileContent}) as r:
            got = list(r)
        assert len(got) == ENTRIES and got[7].data_file.lower_bounds[3] == long_le(21)
        return got

    w = median_time(write, repeats)
    r = median_time(read, repeats)
    return w, r, os.path.getsize(path)


def main():
    binary = sys.argv[1]
    repeats = int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 5
    tmp = tempfile.mkdtemp(prefix="iceberg-bench-")
    meta_path = os.path.join(tmp, "big.metadata.json")
    text = json.dumps(make_metadata())
    with open(meta_path, "w") as f:
        f.write(text)

    env = dict(os.environ, ICEBERG_BENCH_METADATA=meta_path)
    out = subprocess.run([binary, f"--benchmark_repetitions={repeats}", "--benchmark_report_aggregates_only=true",
                          "--benchmark_format=json"], env=env, capture_output=True, text=True, check=True)
    ours = {b["run_name"].split("/")[0]: b for b in json.loads(out.stdout)["benchmarks"]
            if b.get("aggregate_name") == "median"}
    for name, b in ours.items():
        print(f"lakecodec {name}: cpu {b['cpu_time']:.1f} {b['time_unit']}, wall {b['real_time']:.1f} "
              f"(median of {repeats})", flush=True)

    def ms(name):
        b = ours[name]
        return b["cpu_time"] / (1000.0 if b["time_unit"] == "us" else 1.0)

    # (a) metadata
    def py_parse_print():
        m = TableMetadataUtil.parse_raw(text)
        return m.model_dump_json()

    # Check results agree before timing: same snapshots and schemas either way.
    m = TableMetadataUtil.parse_raw(text)
    assert len(m.snapshots) == 10_000 and len(m.schemas) == 50
    py_meta = median_time(py_parse_print, repeats) * 1000
    py_parse = median_time(lambda: TableMetadataUtil.parse_raw(text), repeats) * 1000

    # (b) manifests
    py_w, py_r, py_size = pyiceberg_manifest(os.path.join(tmp, "py-manifest.avro"), max(1, repeats // 2))

    # (c) PyIceberg scalar bucket for scale (1M values)
    rng = random.Random(1)
    longs = [rng.getrandbits(63) for _ in range(1_000_000)]
    strings = [f"user-{v % 100000000}" for v in longs]
    bl = BucketTransform(16).transform(LongType())
    bs = BucketTransform(16).transform(StringType())
    py_bl = median_time(lambda: [bl(v) for v in longs], 3)
    py_bs = median_time(lambda: [bs(v) for v in strings], 3)

    print(f"metadata: {len(text) / 1e6:.1f} MB JSON, 10,000 snapshots, 50 schemas; manifest: 100,000 entries x 20 columns "
          f"(lakecodec {ours['ManifestWrite']['file_bytes'] / 1e6:.1f} MB, PyIceberg {py_size / 1e6:.1f} MB)")
    rows = [
        ("(a) metadata parse+print", ms("MetadataParsePrint"), py_meta),
        ("(a) metadata parse only", ms("MetadataParseOnly"), py_parse),
        ("(b) manifest write 100k", ms("ManifestWrite"), py_w * 1000),
        ("(b) manifest read 100k", ms("ManifestRead"), py_r * 1000),
    ]
    print(f"| benchmark | lakecodec CPU ms | PyIceberg CPU ms | ratio |\n|---|---:|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a:.1f} | {b:.1f} | {b / a:.1f}x |")
    print("| benchmark | lakecodec values/s | murmur3 kernel values/s | PyIceberg scalar values/s |\n|---|---:|---:|---:|")
    for name, ours_name, kernel, py in (("(c) bucket[16] 10M longs", "BucketLongs", "Murmur3KernelLongs", py_bl),
                                        ("(c) bucket[16] 10M strings", "BucketStrings", "Murmur3KernelStrings", py_bs)):
        per_s = lambda n: 10_000_000 / (ms(n) / 1000.0)
        print(f"| {name} | {per_s(ours_name) / 1e6:.0f} M | {per_s(kernel) / 1e6:.0f} M | "
              f"{1e6 / py / 1e6:.2f} M |")


if __name__ == "__main__":
    main()
