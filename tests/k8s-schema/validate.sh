#!/usr/bin/env bash
# Kubernetes schema test: every golden output, the binary's output on every corpus file (each
# preset) and every integration expectation validates against the Kubernetes OpenAPI schemas,
# with the validators of the kubernetes-models npm packages (core, Argo Rollouts, Gateway API) and,
# for CRDs that have none (TargetGroupConfiguration, AGC's and GKE's policies, BackendConfig), ajv
# with the schemas of schemas/ (and the CRDs' CEL rules written out in JavaScript); see
# validate.mjs for the details. ZD_CRD_DIR names a folder of upstream CRD files those schemas are
# compared with (default ../shared/crds beside the repository; none: the comparison is skipped).
#
#   tests/k8s-schema/validate.sh path/to/zero-downtime
#
# Installs its npm dependencies (pinned in package-lock.json) with `npm ci` into
# tests/k8s-schema/node_modules when they are missing or older than the lockfile.
# Prints `k8s-schema: N passed, M failed, K skipped` last; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:?usage: tests/k8s-schema/validate.sh path/to/zero-downtime}
[[ -x "$bin" ]] || { echo "k8s-schema: $bin is not an executable" >&2; exit 1; }
bin=$(realpath "$bin")

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "k8s-schema: node and npm are needed (Node 18 or later)" >&2
  exit 1
}
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

exec node "$here/validate.mjs" "$root" "$bin"
