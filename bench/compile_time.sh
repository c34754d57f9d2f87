#!/usr/bin/env bash
# Compile time of a Parquet-writing TU (core/builder.hpp + parquet.hpp, bench/compile_time/
# parquet_write_tu.cpp) against a TU that parses one document with nlohmann/json, side by side:
# each compiled RUNS times (default 3) per optimisation level, median wall and user seconds.
# Usage: bench/compile_time.sh [compiler] [levels...]   e.g. bench/compile_time.sh g++ -O2 -O0
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${1:-g++}
shift || true
levels=("${@:--O2}")
runs=${RUNS:-3}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
printf '%-20s %-5s %10s %10s\n' "TU" "opt" "wall s" "user s"
for lvl in "${levels[@]}"; do
  for tu in parquet_write_tu json_parse_tu; do
    : >"$out/wall"; : >"$out/user"
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%e %U' -o "$out/t" "$cxx" -std=c++17 "$lvl" -DNDEBUG \
        -DLAKECODEC_WITH_ZSTD=1 -DLAKECODEC_WITH_SNAPPY=1 -DLAKECODEC_WITH_ZLIB=1 \
        -I"$root/include" -c "$root/bench/compile_time/$tu.cpp" -o "$out/$tu.o"
      read -r wall user <"$out/t"
      echo "$wall" >>"$out/wall"; echo "$user" >>"$out/user"
    done
    printf '%-20s %-5s %10s %10s\n' "$tu" "$lvl" "$(median <"$out/wall")" "$(median <"$out/user")"
  done
done
