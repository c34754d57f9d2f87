#!/usr/bin/env bash
# Installs what the tests need, then configures, builds and runs every test (unit, golden,
# interop against the reference implementations, fuzz corpus replay) under ASan+UBSan.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tests/deps/install.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
