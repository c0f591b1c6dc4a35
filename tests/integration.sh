#!/usr/bin/env bash
# Runs the function through the real tools its users run it with, on the
# examples users copy: kpt (fn render of examples/kpt with its mutator and
# validator; fn eval --exec with both config forms; check mode failing),
# kubectl kustomize on examples/kustomize (container transformers; a docker
# shim on PATH runs the freshly built binary, receiving exactly what
# kustomize sends a container), and the Argo CD plugin of integrations/argocd
# through an emulation of the CMP server (tests/argocd/cmp_emulate.py).
# Expected files live in testdata/integration/expected/; UPDATE=1 rewrites them.
# A missing tool skips here, but fails under CI=true: CI's machine has them.
set -uo pipefail

bin=$(realpath "${1:?usage: integration.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
data="$root/testdata/integration"
examples="$root/examples"
expected="$data/expected"
update=${UPDATE:-}
passed=0 failed=0 skipped=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" && ln -s "$bin" "$tmp/bin/zero-downtime"  # as installed on PATH

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
  # The example package's own pipeline: mutator, then the same function as a validator.
  cp -r "$examples/kpt" "$tmp/render"
  if (cd "$tmp" && PATH="$tmp/bin:$PATH" kpt fn render render --allow-exec >"$tmp/render.log" 2>&1); then
    package_text "$tmp/render" > "$tmp/render.txt"
    compare kpt-render.yaml "$tmp/render.txt"
    grep -q "replicas: 3 # at least two, so one can drain" "$tmp/render/deployment.yaml" &&
      grep -q "^# Checkout API. Timings below" "$tmp/render/deployment.yaml" && pass ||
      fail kpt-comments "comments were lost: the function must keep internal.config.kubernetes.io/id"
  else
    fail kpt-render "kpt fn render failed:"; cat "$tmp/render.log"
  fi
  # ConfigMap form, as `kpt fn eval -- key=value` sends it; results in --results-dir.
  cp -r "$examples/kpt" "$tmp/p1"
  if (cd "$tmp" && kpt fn eval p1 --exec "$bin" --results-dir res1 -- preset=alb-ip >/dev/null 2>&1); then
    package_text "$tmp/p1" > "$tmp/p1.txt"
    compare kpt-eval-configmap.yaml "$tmp/p1.txt"
    grep -q "^exitCode: 0" "$tmp/res1/results.yaml" && grep -q "deregistration delay" "$tmp/res1/results.yaml" &&
      pass || fail kpt-results "results.yaml lacks the function's results"
  else
    fail kpt-eval-configmap "kpt fn eval exited non-zero"
  fi
  # Typed form through --fn-config.
  cp -r "$examples/kpt" "$tmp/p2"
  if (cd "$tmp" && kpt fn eval p2 --exec "$bin" --fn-config "$data/policy.yaml" >/dev/null 2>&1); then
    package_text "$tmp/p2" > "$tmp/p2.txt"
    compare kpt-eval-policy.yaml "$tmp/p2.txt"
  else
    fail kpt-eval-policy "kpt fn eval --fn-config exited non-zero"
  fi
  # Check mode fails kpt, and kpt then writes nothing.
  cp -r "$examples/kpt" "$tmp/p3"
  if (cd "$tmp" && kpt fn eval p3 --exec "$bin" -- preset=alb-ip check=true >"$tmp/p3.log" 2>&1); then
    fail kpt-check "check mode on unprepared manifests must fail kpt"
  elif diff -r "$examples/kpt" "$tmp/p3" >/dev/null && grep -q "Exit code: 1" "$tmp/p3.log"; then
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
  # The overlay mutates, then checks: the build passes and carries the changes.
  if "${k[@]}" "$examples/kustomize/overlays/production" > "$tmp/k1.yaml" 2>"$tmp/k1.err"; then
    compare kustomize-production.yaml "$tmp/k1.yaml"
  else
    fail kustomize-production "kubectl kustomize failed:"; cat "$tmp/k1.err"
  fi
  # namePrefix, nameSuffix and namespace together: the function sees the Service renamed while
  # the Ingress still names the old one, and must follow previousNames; the check passes after.
  if "${k[@]}" "$examples/kustomize/overlays/staging" > "$tmp/k3.yaml" 2>"$tmp/k3.err"; then
    compare kustomize-staging-renamed.yaml "$tmp/k3.yaml"
    grep -q -- '- "30"' "$tmp/k3.yaml" && grep -q 'name: staging-checkout-v2' "$tmp/k3.yaml" && pass ||
      fail kustomize-staging "the renamed Deployment did not get its preStop sleep"
  else
    fail kustomize-staging "kubectl kustomize failed:"; cat "$tmp/k3.err"
  fi
  if "${k[@]}" "$examples/kustomize/overlays/check-only" > /dev/null 2>"$tmp/k2.err"; then
    fail kustomize-check "the check transformer must fail the build on an unprepared base"
  elif grep -q "exit status 1" "$tmp/k2.err" && grep -q "^\[error\]" "$tmp/k2.err"; then pass; else
    fail kustomize-check "unexpected failure:"; cat "$tmp/k2.err"; fi
}

argocd_tests() {
  need kubectl || return
  need python3 || return
  local emulate=(env "PATH=$tmp/bin:$PATH" python3 "$root/tests/argocd/cmp_emulate.py"
                 --plugin "$root/integrations/argocd/plugin.yaml"
                 --repo "$root/integrations/argocd/example-repo" --path apps/checkout)
  if "${emulate[@]}" --env ZD_longestRequestSeconds=20 \
      --params '[{"name":"preset","string":"alb-ip"},{"name":"overrides","map":{"shutdownSeconds":"25"}}]' \
      > "$tmp/a1.yaml" 2>"$tmp/a1.err"; then
    compare argocd-generate.yaml "$tmp/a1.yaml"
  else
    fail argocd-generate "the plugin's generate failed:"; cat "$tmp/a1.err"
  fi
  # The ZD_ prefix in any case: the settings of the first run, spelled zd_ and Zd_, give its output.
  if "${emulate[@]}" --env zd_shutdownSeconds=25 --env Zd_longestRequestSeconds=20 \
      --params '[{"name":"preset","string":"alb-ip"}]' > "$tmp/a3.yaml" 2>"$tmp/a3.err"; then
    if ! cmp -s "$tmp/a1.yaml" "$tmp/a3.yaml"; then
      fail argocd-prefix-case "zd_/Zd_ overrides were not applied as ZD_ ones:"; diff -u "$tmp/a1.yaml" "$tmp/a3.yaml" | head -20
    elif grep -q "plugin: warning" "$tmp/a3.err"; then
      fail argocd-prefix-case "a warning for overrides that were applied:"; cat "$tmp/a3.err"
    else
      pass
    fi
  else
    fail argocd-prefix-case "the plugin's generate failed:"; cat "$tmp/a3.err"
  fi
  # Env entries named like a setting but without the prefix: a warning each, nothing applied
  # (the output is the preset's); PRESET itself and unrelated names get no warning.
  if "${emulate[@]}" --env preStopSeconds=45 --env SHUTDOWNSECONDS=99 --env Preset=agic \
      --env PRESET=alb-ip --env LOG_LEVEL=debug > "$tmp/a4.yaml" 2>"$tmp/a4.err"; then
    compare argocd-generate-lookalikes.yaml "$tmp/a4.yaml"
    local w="zero-downtime plugin: warning: env"
    if grep -qxF "$w preStopSeconds (ARGOCD_ENV_preStopSeconds) looks like the setting preStopSeconds but is not applied: name it ZD_preStopSeconds" "$tmp/a4.err" &&
        grep -qxF "$w SHUTDOWNSECONDS (ARGOCD_ENV_SHUTDOWNSECONDS) looks like the setting shutdownSeconds but is not applied: name it ZD_shutdownSeconds" "$tmp/a4.err" &&
        grep -qxF "$w Preset (ARGOCD_ENV_Preset) looks like the setting preset but is not applied: name it PRESET" "$tmp/a4.err" &&
        [[ $(grep -c "plugin: warning" "$tmp/a4.err") == 3 ]]; then
      pass
    else
      fail argocd-lookalikes "expected exactly three warnings:"; cat "$tmp/a4.err"
    fi
  else
    fail argocd-lookalikes "the plugin's generate failed:"; cat "$tmp/a4.err"
  fi
  if "${emulate[@]}" --params '[{"name":"preset","string":"nginx"}]' > "$tmp/a2.yaml" 2>"$tmp/a2.err"; then
    fail argocd-bad-preset "a bad preset must fail the render"
  elif grep -q 'must be one of alb-ip, alb-instance, agic, not "nginx"' "$tmp/a2.err" && [[ ! -s "$tmp/a2.yaml" ]]; then
    pass
  else
    fail argocd-bad-preset "no clear message, or manifests printed:"; cat "$tmp/a2.err"
  fi
}

# --version is the CMake project version (what an image tag and a pinned pipeline name), and
# --help ends pointing at the documentation.
cli_tests() {
  local want
  want=$(sed -n 's/^project(zero-downtime VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
  if [[ -n "$want" && "$("$bin" --version)" == "zero-downtime $want" ]]; then pass; else
    fail cli-version "--version prints \"$("$bin" --version)\", CMakeLists.txt says $want"; fi
  if "$bin" --help | tail -n 1 | grep -q '^Documentation: docs/'; then pass; else
    fail cli-help "--help must end with the pointer to the documentation"; fi
}

cli_tests
kpt_tests
kustomize_tests
argocd_tests
echo "integration: $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
