#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh Debian machine:
#   apt packages (tests/deps/apt.txt), a Python venv at .venv with tests/deps/requirements.txt,
#   a second venv .venv-duckdb-iceberg with tests/deps/requirements-duckdb-iceberg.txt,
#   and the Maven artifacts of every Java harness (tests/*/java/pom.xml).
# Usage: tests/deps/install.sh [--build-only]   (--build-only: just the packages to build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

packages=$(grep -v '^#' "$root/tests/deps/apt.txt" | grep -v '^$' | tr '\n' ' ')
missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install.sh: installing Debian packages:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
[ "${1:-}" = "--build-only" ] && exit 0

if [ ! -x "$root/.venv/bin/python" ]; then
  python3 -m venv "$root/.venv"
fi
"$root/.venv/bin/pip" install -q --disable-pip-version-check -r "$root/tests/deps/requirements.txt"
if [ ! -x "$root/.venv-duckdb-iceberg/bin/python" ]; then
  python3 -m venv "$root/.venv-duckdb-iceberg"
fi
"$root/.venv-duckdb-iceberg/bin/pip" install -q --disable-pip-version-check \
    -r "$root/tests/deps/requirements-duckdb-iceberg.txt"

shopt -s nullglob
for pom in "$root"/tests/*/java/pom.xml; do
  echo "install.sh: resolving and building the Java harness $(dirname "$pom")"
  mvn -q -B -f "$pom" package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -DskipTests
done
