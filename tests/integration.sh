#!/usr/bin/env bash
# Runs the function through the real tools its users run it with: kpt
# (fn eval --exec, both config forms, check mode as a failing step) and
# kubectl kustomize (a container transformer; a docker shim on PATH runs the
# freshly built binary, receiving exactly what kustomize sends a container).
# Expected files live in testdata/integration/expected/; UPDATE=1 rewrites them.
# A missing tool skips here, but fails under CI=true: CI's machine has them.
set -uo pipefail

bin=$(realpath "${1:?usage: integration.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/testdata/integration"
expected="$data/expected"
update=${UPDATE:-}
passed=0 failed=0 skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

need() {  # tool -> 0 if present
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  if [[ "${CI:-}" == true ]]; then fail "$1" "not installed, and CI must run it"; return 1; fi
  echo "SKIP: $1 is not installed; install it to run these tests"
  skipped=$((skipped + 1))
  return 1
}

# compare NAME ACTUAL-FILE: against expected/NAME (or record it under UPDATE=1)
compare() {
  if [[ -n "$update" ]]; then mkdir -p "$expected"; cp "$2" "$expected/$1"; pass; return; fi
  if diff -u "$expected/$1" "$2" > "$tmp/diff"; then pass; else fail "$1" "differs:"; head -40 "$tmp/diff"; fi
}

package_text() { for f in "$1"/*.yaml; do echo "# --- $(basename "$f")"; cat "$f"; done; }

kpt_tests() {
  need kpt || return
  # ConfigMap form, as `kpt fn eval -- key=value` sends it.
  cp -r "$data/kpt-package" "$tmp/p1"
  if (cd "$tmp" && kpt fn eval p1 --exec "$bin" --results-dir res1 -- preset=alb-ip >/dev/null 2>&1); then
    package_text "$tmp/p1" > "$tmp/p1.txt"
    compare kpt-eval-configmap.yaml "$tmp/p1.txt"
    grep -q "^# The checkout service: kpt restores this comment" "$tmp/p1/app.yaml" &&
      grep -q "replicas: 3 # three replicas" "$tmp/p1/app.yaml" && pass ||
      fail kpt-comments "comments were lost: the function must keep internal.config.kubernetes.io/id"
    grep -q "^exitCode: 0" "$tmp/res1/results.yaml" && grep -q "deregistration delay" "$tmp/res1/results.yaml" &&
      pass || fail kpt-results "results.yaml lacks the function's results"
  else
    fail kpt-eval-configmap "kpt fn eval exited non-zero"
  fi
  # Typed form through --fn-config.
  cp -r "$data/kpt-package" "$tmp/p2"
  if (cd "$tmp" && kpt fn eval p2 --exec "$bin" --fn-config "$data/policy.yaml" >/dev/null 2>&1); then
    package_text "$tmp/p2" > "$tmp/p2.txt"
    compare kpt-eval-policy.yaml "$tmp/p2.txt"
  else
    fail kpt-eval-policy "kpt fn eval --fn-config exited non-zero"
  fi
  # Check mode fails kpt, and kpt then writes nothing.
  cp -r "$data/kpt-package" "$tmp/p3"
  if (cd "$tmp" && kpt fn eval p3 --exec "$bin" -- preset=alb-ip check=true >"$tmp/p3.log" 2>&1); then
    fail kpt-check "check mode on unprepared manifests must fail kpt"
  elif diff -r "$data/kpt-package" "$tmp/p3" >/dev/null && grep -q "Exit code: 1" "$tmp/p3.log"; then
    pass
  else
    fail kpt-check "files changed or no exit code shown"
  fi
  # Check mode passes on what the mutation produced.
  if (cd "$tmp" && kpt fn eval p1 --exec "$bin" -- preset=alb-ip check=true >"$tmp/p4.log" 2>&1); then pass; else
    fail kpt-check-prepared "check mode after a mutation must pass:"; cat "$tmp/p4.log"; fi
}

kustomize_tests() {
  need kubectl || return
  mkdir -p "$tmp/shim"
  printf '#!/bin/sh\n# stands in for: docker run ... IMAGE\nexec "%s"\n' "$bin" > "$tmp/shim/docker"
  chmod +x "$tmp/shim/docker"
  local k=(env "PATH=$tmp/shim:$PATH" kubectl kustomize --enable-alpha-plugins)
  if "${k[@]}" "$data/kustomize/base" > "$tmp/k1.yaml" 2>"$tmp/k1.err"; then
    compare kustomize-transformer.yaml "$tmp/k1.yaml"
  else
    fail kustomize-transformer "kubectl kustomize failed:"; cat "$tmp/k1.err"
  fi
  if "${k[@]}" "$data/kustomize/check" > /dev/null 2>"$tmp/k2.err"; then
    fail kustomize-check "the check transformer must fail the build on an unprepared base"
  elif grep -q "exit status 1" "$tmp/k2.err"; then pass; else
    fail kustomize-check "unexpected failure:"; cat "$tmp/k2.err"; fi
  if "${k[@]}" "$data/kustomize/prepared" > /dev/null 2>"$tmp/k3.err"; then pass; else
    fail kustomize-check-prepared "check after the mutation must pass:"; cat "$tmp/k3.err"; fi
}

kpt_tests
kustomize_tests
echo "integration: $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
