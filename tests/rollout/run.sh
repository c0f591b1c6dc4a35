#!/usr/bin/env bash
# Rolling updates behind a real nginx with real pods and real traffic, 127.0.0.1 only.
# Usage: tests/rollout/run.sh path/to/zero-downtime      (ROLLOUT_QUICK=1 for the short CI run)
# Needs nginx, its stream module (for the NLB presets) and python3-yaml (Debian packages). As root it
# installs what is missing; otherwise a missing one skips the run with a message, except under
# CI=true, where it fails.
set -uo pipefail

bin=$(realpath "${1:?usage: run.sh path/to/zero-downtime}")
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$PATH:/usr/sbin:/sbin" PYTHONDONTWRITEBYTECODE=1

python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3 || true)

# nginx's stream module (a TCP proxy, the NLB): built in, or a module in nginx's modules path.
stream_module() {
  local v dir
  v=$(nginx -V 2>&1) || return 1
  [[ $v =~ --with-stream( |$) ]] && return 0
  dir=$(sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p' <<<"$v")
  [[ $v == *--with-stream=dynamic* && -f ${dir:-/usr/lib/nginx/modules}/ngx_stream_module.so ]]
}

missing=()
command -v nginx >/dev/null 2>&1 || missing+=(nginx)
stream_module || missing+=(libnginx-mod-stream)
{ [[ -n $python ]] && "$python" -c 'import yaml' 2>/dev/null; } || missing+=(python3 python3-yaml)

if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "rollout: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    python=/usr/bin/python3
  elif [[ "${CI:-}" == true ]]; then
    echo "FAIL rollout: ${missing[*]} not installed, and CI must run the rollout harness" >&2
    exit 1
  else
    echo "SKIP rollout: ${missing[*]} not installed; install them (Debian packages) or run as root"
    exit 0
  fi
fi
command -v nginx >/dev/null 2>&1 || { echo "FAIL rollout: nginx still missing" >&2; exit 1; }
stream_module || { echo "FAIL rollout: nginx's stream module still missing" >&2; exit 1; }

"$python" "$here/selftest.py" || { echo "FAIL rollout: the self-test failed; the model's pieces misbehave" >&2; exit 1; }
exec "$python" "$here/harness.py" "$bin"
