#!/usr/bin/env bash
# Builds the libFuzzer target and runs it for SECONDS on one core.
#
#   fuzz/run.sh SECONDS [extra libFuzzer flags...]
#
# Seeds: testdata/golden/*/input.yaml, testdata/bad-input/*.yaml and
# the corpus of real-world manifests when there is one (fuzz/make_seeds.sh), into a temporary corpus
# directory, or into $FUZZ_CORPUS to keep what a run learnt for the next one.
# A crash, sanitizer report, timeout, OOM or broken oracle (see fuzz_run.cpp)
# stops the run, leaves the input in build-fuzz/artifacts/ and exits non-zero.
# ZD_FUZZ_SKIP=oracle[,oracle] switches oracles off to get past a known bug.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:?usage: fuzz/run.sh SECONDS [libFuzzer flags]}
shift
bin=$("$root/fuzz/build.sh")
artifacts=${FUZZ_ARTIFACTS:-$root/build-fuzz/artifacts}
mkdir -p "$artifacts"
tmpdirs=()
trap 'rm -rf "${tmpdirs[@]}"' EXIT
if [[ -n "${FUZZ_CORPUS:-}" ]]; then
  corpus=$FUZZ_CORPUS
  mkdir -p "$corpus"
else
  corpus=$(mktemp -d)
  tmpdirs+=("$corpus")
fi
seeds=$(mktemp -d)
tmpdirs+=("$seeds")
"$root/fuzz/make_seeds.sh" "$seeds"
# Leak detection stays on: the target must not leak per input either.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
"$bin" -max_total_time="$secs" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -timeout="${FUZZ_TIMEOUT:-10}" \
  -max_len="${FUZZ_MAX_LEN:-65536}" -dict="$root/fuzz/yaml.dict" -use_value_profile=1 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$corpus" "$seeds" || status=$?
if (( status != 0 )); then
  echo "fuzz: FAILED (exit $status); the input is in $artifacts/:" >&2
  ls -t "$artifacts" | head -5 >&2
  echo "reproduce: $bin $artifacts/<file>" >&2
  exit 1
fi
echo "fuzz: no finding in ${secs}s" >&2
