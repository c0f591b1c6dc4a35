#!/usr/bin/env bash
# Issue 5's security clause, checked on the built binary:
#   - it runs no program (no shell): one execve, its own;
#   - it opens no network connection: no socket, connect, bind or sendto;
#   - it writes no file: every open is read-only (the shared libraries, and
#     the --config file it was given), nothing is created, renamed or removed.
# Two independent checks:
#   1. the binary's imported symbols (nm -D) name none of the calls that would
#      do those things: what it could do, whatever the input;
#   2. strace over every golden case (with its args and --config), and over
#      explain in each format: what it did do.
# strace needs ptrace; where the sandbox refuses it, check 2 says so and only
# check 1 counts. Under CI=true a missing nm or strace fails the run.
#
# Usage: tests/security.sh path/to/zero-downtime
set -uo pipefail
bin=$(realpath "${1:?usage: security.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
fail=0 checked=0
missing() {
  if [[ "${CI:-}" == true ]]; then echo "security: FAIL: $1 is not installed (CI must have it)"; fail=1
  else echo "security: SKIP: $1 is not installed"; fi
}

# 1. What the binary imports.
if command -v nm >/dev/null; then
  forbidden='socket|connect|bind|listen|accept|sendto|sendmsg|getaddrinfo|gethostbyname|execve|execv|execvp|execl|execlp|system|popen|fork|vfork|posix_spawn|posix_spawnp|unlink|rename|mkdir|creat'
  imports=$(nm -D --undefined-only "$bin" 2>&1) || { echo "security: FAIL: nm cannot read $bin: $imports"; fail=1; }
  hits=$(echo "$imports" | awk '{print $NF}' | sed 's/@.*//' | grep -Ex "($forbidden)" || true)
  if (( fail )); then
    :
  elif [[ -n $hits ]]; then
    echo "security: FAIL: the binary imports $(echo $hits | tr ' ' ',')"; fail=1
  else
    echo "security: ok: imports none of the process, network or file-changing calls"
  fi
else
  missing nm
fi

# 2. What it does, case by case.
trace() {  # trace NAME DIR STDIN ARGS...: runs the binary under strace in DIR
  local name=$1 dir=$2 input=$3; shift 3
  local log; log=$(mktemp)
  (cd "$dir" && strace -f -qq -o "$log" \
      -e trace=execve,execveat,fork,vfork,clone,clone3,socket,connect,bind,sendto,open,openat,creat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,truncate \
      "$bin" "$@" < "$input" > /dev/null 2>&1)
  # Allowed: its own execve, and read-only opens. Anything else traced is a finding.
  local bad
  bad=$(grep -vE '^[0-9]+ +execve\("'"$bin"'"' "$log" | grep -vE '^[0-9]+ +open(at)?\(.*O_RDONLY' |
        grep -vE '^[0-9]+ +\+\+\+ |^\s*$' || true)
  local execs; execs=$(grep -c 'execve(' "$log")
  if [[ -n $bad || $execs -ne 1 ]]; then
    echo "security: FAIL $name:"; echo "$bad" | head -5; fail=1
  fi
  checked=$((checked + 1))
  rm -f "$log"
}

if ! command -v strace >/dev/null; then
  missing strace
elif ! strace -qq -o /dev/null true 2>/dev/null; then
  echo "security: strace cannot trace here (ptrace refused by the sandbox): only the import check counts"
else
  for dir in "$root"/testdata/golden/*/; do
    args=()
    [[ -f "$dir/args" ]] && mapfile -t args < "$dir/args"
    [[ -f "$dir/config.yaml" ]] && args+=(--config config.yaml)
    trace "$(basename "$dir")" "$dir" "$dir/input.yaml" "${args[@]}"
  done
  for format in text markdown json svg; do
    trace "explain --format $format" "$root" "$root/examples/demo/resources.yaml" \
      explain --preset alb-ip --format "$format"
  done
  echo "security: $checked run(s) traced: one execve each (its own), no network call, no file written"
fi
if (( fail )); then echo "security: FAILED"; exit 1; fi
echo "security: passed"
