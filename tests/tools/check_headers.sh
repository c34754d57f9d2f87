#!/usr/bin/env bash
# Every public header (include/**.hpp) and every generated single header must compile on its
# own, with all optional dependencies on (LAKECODEC_WITH_ZSTD/_SNAPPY/_ZLIB/_JSON) and with none
# of them defined.
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
# Without any optional dependency every header must still compile: the codec, JSON and
# nlohmann-using parts are behind LAKECODEC_WITH_* and drop out, the rest (binary rows, commit
# messages, manifests, types, ...) stays. No -I for nlohmann is needed: a header that includes
# it unconditionally fails here when nlohmann is not on the default path, and the check below
# catches it when it is.
for h in $(find lakecodec -name '*.hpp' | sort); do
  check "$h" "$root/include" "" "no deps"
done
# The headers meant to work without nlohmann must not include it at all.
for h in $(find lakecodec -name '*.hpp' | sort); do
  count=$((count + 1))
  if echo "#include \"$h\"" | $cxx -std=c++$std -E -I"$root/include" -x c++ - 2>/dev/null |
      grep -q '^# [0-9]* ".*nlohmann/json.hpp"'; then
    echo "FAIL (no deps): $h includes nlohmann/json.hpp without LAKECODEC_WITH_JSON"
    failed=$((failed + 1))
  fi
done
cd "$root/single_include"
for h in $(find lakecodec -name '*.hpp' | sort); do
  check "$h" "$root/single_include" "$with_all" "single header"
  check "$h" "$root/single_include" "" "single header, no deps"
done
rm -f /tmp/check_headers.$$
echo "$((count - failed)) passed, $failed failed"
[ "$failed" = 0 ]
