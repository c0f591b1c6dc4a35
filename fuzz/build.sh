#!/usr/bin/env bash
# Builds the libFuzzer target into build-fuzz/ (or $FUZZ_BUILD) and prints its path.
# Needs clang and libFuzzer: Debian clang-14 + libclang-rt-14-dev.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD:-$root/build-fuzz}
if ! command -v clang++ >/dev/null; then
  echo "fuzz/build.sh: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi
CC=clang CXX=clang++ cmake -S "$root/fuzz" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-$(nproc)}" >&2
echo "$build/fuzz_run"
