#!/usr/bin/env bash
# Installs what the tests need; fuzzes every harness for a while with libFuzzer (clang, `fuzz`
# preset) so the harnesses keep finding bugs instead of only replaying their corpora; then
# configures, builds and runs every test (unit, golden, interop against the reference
# implementations, fuzz corpus replay) under ASan+UBSan. ctest runs last, so its summary closes
# the output.
#   LAKECODEC_FUZZ_SECONDS  seconds per harness (default 20; 0 skips the libFuzzer stage)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tests/deps/install.sh
fuzz_seconds=${LAKECODEC_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
  cmake --preset fuzz
  cmake --build --preset fuzz
  fuzz/run_fuzzers.sh -t "$fuzz_seconds" -j 2 build/fuzz
fi
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
