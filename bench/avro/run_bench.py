#!/usr/bin/env python3
"""Runs the Avro benchmark side by side in one run and prints the bench/RESULTS.md table.

  python bench/avro/run_bench.py BUILD_DIR [--rows N] [--reps R]

1. BUILD_DIR/bench/avro/avro_bench (lakecodec, avro-c, memcpy) with R repetitions, medians,
   under /usr/bin/time -v for peak RSS; it also writes the records as an Avro file.
2. fastavro encodes and decodes the same records (read from that file, untimed) with the null
   and zstandard codecs, R repetitions, medians; its decoded records are checked equal to the
   file's before timing.
"""
import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import fastavro


def run_cpp(build, rows, reps, data_file):
    exe = os.path.join(build, "bench", "avro", "avro_bench")
    env = dict(os.environ, LAKECODEC_AVRO_BENCH_ROWS=str(rows), LAKECODEC_AVRO_BENCH_FILE=data_file)
    out_json = data_file + ".json"
    cmd = ["/usr/bin/time", "-v", exe, f"--benchmark_repetitions={reps}",
           "--benchmark_report_aggregates_only=true", f"--benchmark_out={out_json}",
           "--benchmark_out_format=json"]
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"avro_bench failed:\n{p.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    with open(out_json) as f:
        report = json.load(f)
    medians = {}
    for b in report["benchmarks"]:
        if b.get("aggregate_name") == "median":
            name = b["run_name"]
            unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9}[b["time_unit"]]
            medians[name] = b["cpu_time"] * unit
    return medians, rss, " ".join(cmd[2:])


def time_median(fn, reps):
    # CPU time, like the C++ side: the machine is shared, wall time measures the neighbours.
    times = []
    for _ in range(reps):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--rows", type=int, default=200000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="lakecodec-avro-bench-")
    data_file = os.path.join(tmp, "records.avro")
    cpp, rss, cmd = run_cpp(args.build, args.rows, args.reps, data_file)
    encoded_bytes = os.path.getsize(data_file)

    with open(data_file, "rb") as f:
        reader = fastavro.reader(f)
        schema = reader.writer_schema
        records = list(reader)
    assert len(records) == args.rows
    parsed = fastavro.parse_schema(schema)
    files = {}
    py = {}
    for codec in ["null", "zstandard"]:
        def enc(codec=codec):
            b = io.BytesIO()
            fastavro.writer(b, parsed, records, codec=codec, sync_interval=256 * 1024)
            files[codec] = b.getvalue()
        enc()
        back = list(fastavro.reader(io.BytesIO(files[codec])))
        assert back == records, "fastavro round trip differs"
        py[f"fastavro_encode/{codec}"] = time_median(enc, args.reps)
        py[f"fastavro_decode/{codec}"] = time_median(
            lambda codec=codec: sum(1 for _ in fastavro.reader(io.BytesIO(files[codec]))), args.reps)

    mb = encoded_bytes / 1e6
    rows = args.rows
    memcpy = cpp["BM_memcpy_encoded/0"]

    def line(name, secs, note=""):
        return (f"| {name} | {secs * 1e3:.1f} | {rows / secs / 1e6:.2f} | {mb / secs:.0f} | "
                f"{secs / memcpy:.0f}x | {note} |")

    print(f"Records: {rows}, 20 columns; encoded (uncompressed) {encoded_bytes} bytes "
          f"({encoded_bytes / rows:.1f} B/record). Peak RSS of avro_bench: {rss / 1024:.0f} MiB.")
    print(f"Command: python bench/avro/run_bench.py {args.build} --rows {rows} --reps {args.reps} "
          f"(C++: {cmd}); medians of {args.reps} runs, CPU time (process time for Python).\n")
    print("| benchmark | ms | M records/s | MB/s | time / memcpy | note |")
    print("|---|---|---|---|---|---|")
    names = {
        "BM_memcpy_encoded/0": "memcpy of the encoded bytes",
        "BM_zstd_alone/0": "zstd level 3 compress alone, 256 KiB chunks (system libzstd)",
        "BM_zstd_alone/1": "zstd decompress alone, same chunks",
        "BM_lakecodec_encode_typed/0": "lakecodec encode, typed encoder, null",
        "BM_lakecodec_encode_typed/1": "lakecodec encode, typed encoder, zstandard",
        "BM_lakecodec_encode_columnar/0": "lakecodec encode, columnar plan (batch_view), null",
        "BM_lakecodec_encode_columnar/1": "lakecodec encode, columnar plan (batch_view), zstandard",
        "BM_lakecodec_encode_typed_file/0": "lakecodec encode to a tmpfs file, null",
        "BM_avroc_encode/0": "avro-c 1.11 encode to a tmpfs file, null",
        "BM_lakecodec_decode_typed/0": "lakecodec decode, typed decoder, null",
        "BM_lakecodec_decode_typed/1": "lakecodec decode, typed decoder, zstandard",
        "BM_lakecodec_decode_columnar/0": "lakecodec decode into batch_builder, null",
        "BM_lakecodec_decode_columnar/1": "lakecodec decode into batch_builder, zstandard",
        "BM_lakecodec_decode_generic/0": "lakecodec decode, generic values, null",
        "BM_lakecodec_decode_generic/1": "lakecodec decode, generic values, zstandard",
        "BM_avroc_decode/0": "avro-c 1.11 decode (reused avro_value_t), null",
    }
    for key, label in names.items():
        if key in cpp:
            print(line(label, cpp[key]))
    for key, secs in py.items():
        print(line(key.replace("_", " ").replace("/", ", "), secs, "Python"))
    print()

    def ratio(a, b):
        return f"{b / a:.1f}x" if a in cpp.values() or True else ""

    enc = cpp["BM_lakecodec_encode_typed/0"]
    dec = cpp["BM_lakecodec_decode_typed/0"]
    print("Ratios (higher = lakecodec faster):")
    if "BM_avroc_encode/0" in cpp:
        print(f"- encode vs avro-c (both to a tmpfs file, null): "
              f"{cpp['BM_avroc_encode/0'] / cpp['BM_lakecodec_encode_typed_file/0']:.1f}x; "
              f"columnar plan vs avro-c: {cpp['BM_avroc_encode/0'] / cpp['BM_lakecodec_encode_columnar/0']:.1f}x")
        print(f"- decode vs avro-c (null): typed {cpp['BM_avroc_decode/0'] / dec:.1f}x, "
              f"columnar {cpp['BM_avroc_decode/0'] / cpp['BM_lakecodec_decode_columnar/0']:.1f}x, "
              f"generic {cpp['BM_avroc_decode/0'] / cpp['BM_lakecodec_decode_generic/0']:.1f}x")
    for codec, k in [("null", 0), ("zstandard", 1)]:
        print(f"- vs fastavro, {codec}: encode typed {py[f'fastavro_encode/{codec}'] / cpp[f'BM_lakecodec_encode_typed/{k}']:.1f}x, "
              f"columnar {py[f'fastavro_encode/{codec}'] / cpp[f'BM_lakecodec_encode_columnar/{k}']:.1f}x; "
              f"decode typed {py[f'fastavro_decode/{codec}'] / cpp[f'BM_lakecodec_decode_typed/{k}']:.1f}x, "
              f"generic {py[f'fastavro_decode/{codec}'] / cpp[f'BM_lakecodec_decode_generic/{k}']:.1f}x")
    print(f"- memcpy: typed encode takes {enc / memcpy:.0f}x and typed decode {dec / memcpy:.0f}x the time "
          f"of copying the encoded bytes")


if __name__ == "__main__":
    main()
