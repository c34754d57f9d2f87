#!/usr/bin/env bash
# Every public header (include/**.hpp) and every generated single header must compile on its
# own, with all optional dependencies on and with none of them.
# Usage: check_headers.sh <c++ compiler> <standard: 17|20>
set -uo pipefail
cxx=$1; std=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
with_all="-DLAKECODEC_WITH_ZSTD=1 -DLAKECODEC_WITH_SNAPPY=1 -DLAKECODEC_WITH_ZLIB=1 -DLAKECODEC_WITH_JSON=1"
failed=0; count=0
check() {  # header, include dir, defines
  count=$((count + 1))
  if ! echo "#include \"$1\"" | $cxx -std=c++$std -fsyntax-only -Wall -Wextra -Werror \
        -Wno-unused-parameter $3 -I"$2" -x c++ - 2>/tmp/check_headers.$$; then
    echo "FAIL ($4): $1"; cat /tmp/check_headers.$$; failed=$((failed + 1))
  fi
}
cd "$root/include"
for h in $(find lakecodec -name '*.hpp' | sort); do
  check "$h" "$root/include" "$with_all" "all deps"
done
for h in $(find lakecodec/core lakecodec/codec -name '*.hpp' | sort) lakecodec/core.hpp; do
  check "$h" "$root/include" "" "no deps"
done
cd "$root/single_include"
for h in $(find lakecodec -name '*.hpp' | sort); do
  check "$h" "$root/single_include" "$with_all" "single header"
done
rm -f /tmp/check_headers.$$
echo "$((count - failed)) passed, $failed failed"
[ "$failed" = 0 ]
