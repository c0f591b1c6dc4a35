#!/usr/bin/env bash
# JSON Schema test: validates schemas/*.schema.json with ajv (a real validator, draft-07)
# against the presets, the golden configs and a set of samples; see validate.mjs for the list.
#
#   tests/schema/validate.sh [path/to/zero-downtime]
#
# With a binary, every sample config is also run through it (--config) and the two verdicts
# must agree. Installs its npm dependencies (pinned in package-lock.json) with `npm ci` into
# tests/schema/node_modules when they are missing or older than the lockfile.
# Prints `schema: N passed, M failed` last; exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-}
if [[ -n "$bin" ]]; then
  [[ -x "$bin" ]] || { echo "schema: $bin is not an executable" >&2; exit 1; }
  bin=$(realpath "$bin")
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "schema: node and npm are needed (Node 18 or later)" >&2
  exit 1
}
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

exec node "$here/validate.mjs" "$root" ${bin:+"$bin"}
