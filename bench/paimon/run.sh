#!/usr/bin/env bash
# Runs the Paimon benchmarks side by side: Java's CommitMessageSerializer (paimon-bundle 1.4.2,
# warmed up, in tests/paimon/java) and lakecodec on the identical messages Java wrote, then the
# bucket benchmarks. Usage: bench/paimon/run.sh [BUILD_DIR]  (a Release build with benchmarks).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build/paimon-bench}
java_dir=$root/tests/paimon/java/target
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp="$java_dir/classes:$(cat "$java_dir/classpath.txt")"
echo "== Java CommitMessageSerializer: 100000 messages x 10 files, 3 warm-up + 5 timed rounds"
java -cp "$cp" lakecodec.PaimonOracle bench 100000 10 5 "$out/messages.bin" 2>/dev/null | tee "$out/java.json"
echo "== lakecodec on the same messages"
PAIMON_BENCH_MESSAGES="$out/messages.bin" /usr/bin/time -v "$build/bench/paimon/paimon_bench" \
  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_format=json > "$out/ours.json" 2> "$out/time.txt"
python3 - "$out/java.json" "$out/ours.json" "$out/time.txt" <<'PY'
import json, sys, re
java = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))
med = {b["run_name"].split("/")[0]: b for b in ours["benchmarks"] if b.get("aggregate_name") == "median"}
def ms(name): return med[name]["real_time"]
def cpu(name): return med[name]["cpu_time"]
java_ms = java["java_median_ns"] / 1e6
java_cpu = java["java_thread_cpu_median_ns"] / 1e6
java_pcpu = java["java_process_cpu_median_ns"] / 1e6
ours_ms = ms("BM_CommitMessageSerializeDeserialize")
ours_cpu = cpu("BM_CommitMessageSerializeDeserialize")
print(f"(a) serialize+deserialize 100000 messages x 10 files (medians):")
print(f"    wall: Java {java_ms:.0f} ms, lakecodec {ours_ms:.0f} ms -> {java_ms/ours_ms:.2f}x")
print(f"    CPU:  Java thread {java_cpu:.0f} ms (process incl. GC/JIT {java_pcpu:.0f} ms), lakecodec {ours_cpu:.0f} ms -> {java_cpu/ours_cpu:.2f}x ({java_pcpu/ours_cpu:.2f}x vs process)")
print(f"    lakecodec serialize only: {ms('BM_CommitMessageSerializeOnly'):.0f} ms")
for n in ["BM_BucketAssignFromBatch", "BM_BucketMurmurKernelOnly", "BM_SplitBatchIntoBuckets"]:
    t, c = ms(n), cpu(n)
    print(f"(b) {n}: wall {t:.0f} ms, CPU {c:.0f} ms for 10M rows = {10e6/(c/1e3)/1e6:.1f} M rows/s (CPU)")
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[3]).read())
print(f"peak RSS of paimon_bench: {int(rss.group(1))/1024:.0f} MiB")
PY

