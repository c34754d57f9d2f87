#!/usr/bin/env bash
# Builds and runs the tiny consumer projects: add_subdirectory (C++17 and C++20), find_package
# after `cmake --install` (core consumer and the docs' core/builder.hpp + parquet.hpp example),
# one copied single header, the installed single headers, and a consumer that brings its own
# nlohmann_json::nlohmann_json target (add_subdirectory and find_package).
# Usage: run_consumer_tests.sh <work dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
rm -rf "$work" && mkdir -p "$work"
gen=(-G Ninja -DCMAKE_BUILD_TYPE=Release)
passed=0
total=0
step() { total=$((total + 1)); echo "== $*"; }

step "add_subdirectory"
cmake -S "$here/add_subdirectory" -B "$work/sub" "${gen[@]}" -DLAKECODEC_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/sub" >/dev/null
"$work/sub/consumer" && passed=$((passed + 1))

step "add_subdirectory, consumer in C++20"
cmake -S "$here/add_subdirectory" -B "$work/sub20" "${gen[@]}" -DCMAKE_CXX_STANDARD=20 \
      -DLAKECODEC_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/sub20" >/dev/null
"$work/sub20/consumer" && passed=$((passed + 1))

step "cmake --install keeps the umbrella headers and puts single headers in lakecodec/single/"
cmake -S "$root" -B "$work/lib" "${gen[@]}" -DLAKECODEC_BUILD_TESTS=OFF -DLAKECODEC_BUILD_BENCH=OFF \
      -DLAKECODEC_BUILD_FUZZ=OFF -DLAKECODEC_BUILD_TOOLS=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
cmake --build "$work/lib" >/dev/null
cmake --install "$work/lib" >/dev/null
inc="$work/prefix/include"
ok=1
for h in "$root"/include/lakecodec/*.hpp; do
  cmp -s "$h" "$inc/lakecodec/$(basename "$h")" || { echo "installed $(basename "$h") differs from include/"; ok=0; }
done
for h in "$root"/single_include/lakecodec/*.hpp; do
  cmp -s "$h" "$inc/lakecodec/single/$(basename "$h")" || { echo "single header $(basename "$h") not in lakecodec/single/"; ok=0; }
done
[ "$ok" = 1 ] && passed=$((passed + 1))

step "find_package after cmake --install: core consumer, core/builder.hpp + parquet.hpp writer"
cmake -S "$here/find_package" -B "$work/pkg" "${gen[@]}" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/pkg" >/dev/null
"$work/pkg/consumer" && "$work/pkg/parquet_consumer" "$work/pkg/out.parquet" && passed=$((passed + 1))

step "one copied single header"
mkdir -p "$work/copied/lakecodec"
cp "$root/single_include/lakecodec/core.hpp" "$work/copied/lakecodec/"
cmake -S "$here/single_header" -B "$work/single" "${gen[@]}" -DCOPIED_HEADER_DIR="$work/copied" >/dev/null
cmake --build "$work/single" >/dev/null
"$work/single/consumer" && passed=$((passed + 1))

step "installed single headers (lakecodec/single/core.hpp + parquet.hpp in one TU)"
cmake -S "$here/single_header" -B "$work/single_installed" "${gen[@]}" -DINSTALLED_INCLUDE_DIR="$inc" >/dev/null
cmake --build "$work/single_installed" >/dev/null
"$work/single_installed/installed_consumer" &&
  "$work/single_installed/installed_parquet_consumer" "$work/single_installed/out.parquet" &&
  passed=$((passed + 1))

step "own nlohmann_json::nlohmann_json target, add_subdirectory"
cmake -S "$here/json_target" -B "$work/json_sub" "${gen[@]}" -DLAKECODEC_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/json_sub" >/dev/null
"$work/json_sub/consumer" && passed=$((passed + 1))

step "own nlohmann_json::nlohmann_json target, find_package"
cmake -S "$here/json_target" -B "$work/json_pkg" "${gen[@]}" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/json_pkg" >/dev/null
"$work/json_pkg/consumer" && passed=$((passed + 1))

echo "$passed passed, $((total - passed)) failed"
[ "$passed" = "$total" ]
