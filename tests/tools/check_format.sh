#!/usr/bin/env bash
# Every C++ file we own is formatted with .clang-format (Google base, 100 columns).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
files=$(git ls-files 'include/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'tools/*.cpp' 'tools/*.hpp' \
        'bench/*.cpp' 'bench/*.hpp' 'fuzz/*.cpp' 2>/dev/null)
[ -n "$files" ] || { echo "no files to check"; exit 1; }
bad=0; n=0
for f in $files; do
  n=$((n + 1))
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then echo "not formatted: $f"; bad=$((bad + 1)); fi
done
echo "$((n - bad)) passed, $bad failed"
[ "$bad" = 0 ]
