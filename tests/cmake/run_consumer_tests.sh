#!/usr/bin/env bash
# Builds and runs the tiny consumer project three ways: add_subdirectory, find_package after
# `cmake --install`, and a single copied header. Usage: run_consumer_tests.sh <work dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${1:-$(mktemp -d)}
rm -rf "$work" && mkdir -p "$work"
gen=(-G Ninja -DCMAKE_BUILD_TYPE=Release)
passed=0

echo "== add_subdirectory"
cmake -S "$here/add_subdirectory" -B "$work/sub" "${gen[@]}" -DLAKECODEC_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/sub" >/dev/null
"$work/sub/consumer" && passed=$((passed + 1))

echo "== add_subdirectory, consumer in C++20"
cmake -S "$here/add_subdirectory" -B "$work/sub20" "${gen[@]}" -DCMAKE_CXX_STANDARD=20 \
      -DLAKECODEC_SOURCE_DIR="$root" >/dev/null
cmake --build "$work/sub20" >/dev/null
"$work/sub20/consumer" && passed=$((passed + 1))

echo "== find_package after cmake --install"
cmake -S "$root" -B "$work/lib" "${gen[@]}" -DLAKECODEC_BUILD_TESTS=OFF -DLAKECODEC_BUILD_BENCH=OFF \
      -DLAKECODEC_BUILD_FUZZ=OFF -DLAKECODEC_BUILD_TOOLS=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
cmake --build "$work/lib" >/dev/null
cmake --install "$work/lib" >/dev/null
test -f "$work/prefix/include/lakecodec/core.hpp"
cmake -S "$here/find_package" -B "$work/pkg" "${gen[@]}" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/pkg" >/dev/null
"$work/pkg/consumer" && passed=$((passed + 1))

echo "== one copied single header"
mkdir -p "$work/copied/lakecodec"
cp "$root/single_include/lakecodec/core.hpp" "$work/copied/lakecodec/"
cmake -S "$here/single_header" -B "$work/single" "${gen[@]}" -DCOPIED_HEADER_DIR="$work/copied" >/dev/null
cmake --build "$work/single" >/dev/null
"$work/single/consumer" && passed=$((passed + 1))

echo "$passed passed, $((4 - passed)) failed"
[ "$passed" = 4 ]
