#!/usr/bin/env bash
# Golden-test runner, kpt-functions-catalog style: one folder per case under
# testdata/golden/, compared byte for byte.
#
#   input.yaml       stdin (a ResourceList, or a manifest stream)
#   args             optional: command-line arguments, one per line
#   config.yaml      optional: passed as --config config.yaml
#   expected.yaml    expected stdout
#   expected.stderr  expected stderr
#   expected.exit    expected exit code
#
# UPDATE=1 rewrites the expectations instead of comparing (and never counts
# as a pass). Every case that exits 0 is also fed its own output and must
# come out byte-identical (results: aside, which describe the run). Every
# case is run again with each workload rewritten as it is written, as large
# inputs are (fn/transform/transform.h), and with the first workloads kept in
# place and the others rewritten as written: the same output each time.
set -uo pipefail

bin=$(realpath "${1:?usage: golden.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
cases_dir="$root/testdata/golden"
update=${UPDATE:-}
passed=0 failed=0 updated=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_case() {  # dir stdin-file out err [extra args] -> exit code
  local dir=$1 in=$2 out=$3 err=$4 args=()
  shift 4
  if [[ -f "$dir/args" ]]; then mapfile -t args < "$dir/args"; fi
  args+=("$@")
  if [[ -f "$dir/config.yaml" ]]; then args+=(--config config.yaml); fi
  (cd "$dir" && "$bin" "${args[@]}" < "$in" > "$out" 2> "$err")
}

without_results() { sed '/^results:/,$d' "$1"; }

fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

for dir in "$cases_dir"/*/; do
  dir=${dir%/}
  name=${dir#"$cases_dir"/}
  [[ -f "$dir/input.yaml" ]] || { fail "$name" "no input.yaml"; continue; }
  run_case "$dir" "$dir/input.yaml" "$tmp/out" "$tmp/err"
  code=$?
  if [[ -n "$update" ]]; then
    if (( code > 1 )); then fail "$name" "exit code $code (crash?): not recorded"; continue; fi
    cp "$tmp/out" "$dir/expected.yaml"
    cp "$tmp/err" "$dir/expected.stderr"
    echo "$code" > "$dir/expected.exit"
    updated=$((updated + 1))
    continue
  fi
  ok=1
  if (( code > 1 )); then
    fail "$name" "exit code $code: a crash or signal is never an expected outcome"; ok=0
  elif [[ "$code" != "$(cat "$dir/expected.exit" 2>/dev/null)" ]]; then
    fail "$name" "exit code $code, expected $(cat "$dir/expected.exit" 2>/dev/null)"; ok=0
  elif ! diff -u "$dir/expected.yaml" "$tmp/out" > "$tmp/diff"; then
    fail "$name" "stdout differs:"; head -40 "$tmp/diff"; ok=0
  elif ! diff -u "$dir/expected.stderr" "$tmp/err" > "$tmp/diff"; then
    fail "$name" "stderr differs:"; head -40 "$tmp/diff"; ok=0
  fi
  for budget in 0 2000; do
    [[ $ok == 1 ]] || break
    run_case "$dir" "$dir/input.yaml" "$tmp/out3" "$tmp/err3" --in-place-budget "$budget"
    if [[ $? != "$code" ]] || ! cmp -s "$tmp/out" "$tmp/out3" || ! cmp -s "$tmp/err" "$tmp/err3"; then
      fail "$name" "rewritten as written (--in-place-budget $budget), the output differs:"
      diff -u "$tmp/out" "$tmp/out3" | head -40; diff -u "$tmp/err" "$tmp/err3" | head -20; ok=0
    fi
  done
  if [[ $ok == 1 && "$code" == 0 ]]; then
    run_case "$dir" "$tmp/out" "$tmp/out2" "$tmp/err2"
    code2=$?
    if [[ $code2 != 0 ]]; then
      fail "$name" "its own output, fed back in, exits $code2:"; head -20 "$tmp/err2"; ok=0
    elif ! diff -u <(without_results "$tmp/out") <(without_results "$tmp/out2") > "$tmp/diff"; then
      fail "$name" "not idempotent: its output fed back in changed:"; head -40 "$tmp/diff"; ok=0
    fi
  fi
  [[ $ok == 1 ]] && passed=$((passed + 1))
done

if [[ -n "$update" ]]; then
  echo "golden: updated $updated case(s); review with git diff. Updating is not a pass: run make test."
  exit 0
fi
if (( passed + failed == 0 )); then echo "golden: no cases found in $cases_dir"; exit 1; fi
echo "golden: $passed passed, $failed failed"
[[ $failed == 0 ]]
