#!/usr/bin/env bash
# Runs every libFuzzer harness of a build directory for a while, two at a time, each over a
# scratch copy of its corpus (the repository's fuzz/corpus/ is never written). Builds nothing:
# configure and build the `fuzz` preset first (cmake --preset fuzz && cmake --build build/fuzz).
#
#   fuzz/run_fuzzers.sh [-t SECONDS] [-j JOBS] [-o OUTDIR] BUILD_DIR [HARNESS...]
#
#   -t SECONDS  time per harness (default 20)
#   -j JOBS     harnesses run at once (default 2)
#   -o OUTDIR   where corpora copies, logs and crash inputs go (default: a fresh mktemp dir, kept)
#   HARNESS     names like parquet_footer (default: every *_fuzzer in BUILD_DIR/fuzz)
#
# Prints one line per harness: executions, exec/s, new corpus inputs, result. Exits non-zero if a
# harness crashed, leaked, timed out or failed to start; its crash input and log are in OUTDIR.
set -euo pipefail

secs=20
jobs=2
out=""
while getopts "t:j:o:h" opt; do
  case $opt in
    t) secs=$OPTARG ;;
    j) jobs=$OPTARG ;;
    o) out=$OPTARG ;;
    h) sed -n '2,14p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [[ $# -lt 1 ]]; then
  echo "usage: $0 [-t SECONDS] [-j JOBS] [-o OUTDIR] BUILD_DIR [HARNESS...]" >&2
  exit 2
fi
[[ $secs =~ ^[0-9]+$ && $secs -gt 0 ]] || { echo "run_fuzzers: -t needs a positive integer" >&2; exit 2; }
[[ $jobs =~ ^[0-9]+$ && $jobs -gt 0 ]] || { echo "run_fuzzers: -j needs a positive integer" >&2; exit 2; }
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
corpus_root=$here/corpus
bindir=$build/fuzz
[[ -d $bindir ]] || { echo "run_fuzzers: no $bindir (build the fuzz preset first)" >&2; exit 2; }

harnesses=()
if [[ $# -gt 0 ]]; then
  for h in "$@"; do harnesses+=("${h%_fuzzer}"); done
else
  for f in "$bindir"/*_fuzzer; do
    [[ -x $f ]] && harnesses+=("$(basename "${f%_fuzzer}")")
  done
fi
[[ ${#harnesses[@]} -gt 0 ]] || { echo "run_fuzzers: no *_fuzzer executables in $bindir" >&2; exit 2; }

[[ -n $out ]] || out=$(mktemp -d "${TMPDIR:-/tmp}/lakecodec-fuzz.XXXXXX")
mkdir -p "$out"

# One harness: copy its corpus, fuzz for $secs, write a one-line summary to $out/<h>.summary.
run_one() {
  local h=$1 bin=$bindir/${1}_fuzzer dir=$out/$1
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if [[ ! -x $bin ]]; then
    printf '%-24s %12s %10s %8s  %s\n' "$h" - - - "FAILED: no executable $bin" >"$dir.summary"
    return
  fi
  if [[ -d $corpus_root/$h ]]; then cp -R "$corpus_root/$h/." "$dir/corpus/"; fi
  local before rc=0
  before=$(find "$dir/corpus" -type f | wc -l)
  # -max_total_time bounds the run; -timeout flags a single input slower than 10 s; rss 2 GB.
  "$bin" "$dir/corpus" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$dir.log" 2>&1 || rc=$?
  local execs rate added result
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir.log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir.log" | tail -n 1)
  added=$(($(find "$dir/corpus" -type f | wc -l) - before))
  if [[ $rc -eq 0 ]]; then
    result=ok
  else
    local art
    art=$(find "$dir/artifacts" -type f | head -n 1)
    result="FAILED (exit $rc): ${art:-see $dir.log}"
  fi
  printf '%-24s %12s %10s %8s  %s\n' "$h" "${execs:--}" "${rate:--}" "$added" "$result" \
    >"$dir.summary"
}

echo "run_fuzzers: ${#harnesses[@]} harnesses, ${secs}s each, $jobs at a time, output in $out"
running=0
for h in "${harnesses[@]}"; do
  run_one "$h" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

printf '%-24s %12s %10s %8s  %s\n' harness executions exec/s new result
failed=0
for h in "${harnesses[@]}"; do
  cat "$out/$h.summary"
  grep -q ' ok$' "$out/$h.summary" || failed=1
done
if [[ $failed -ne 0 ]]; then
  echo "run_fuzzers: a harness failed; logs and crash inputs are in $out" >&2
  exit 1
fi
