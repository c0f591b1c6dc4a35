#!/usr/bin/env bash
# The security promise (docs/security.md), checked on the built binary:
#   - it runs no program (no shell): one execve, its own;
#   - it opens no network connection: no socket, connect, bind or sendto;
#   - it writes no file: every open is read-only (the shared libraries, and
#     the --config file it was given), nothing is created, truncated, linked,
#     chmod-ed, renamed or removed.
# Two independent checks:
#   1. the C library functions the binary links, which name none of the calls
#      that would do those things: what it could do, whatever the input.
#      A dynamic binary's imports (nm -D); a static one has no imports, so its
#      own symbol table (nm), where a libc function is only present if
#      something links it in;
#   2. strace over every golden case (with its args and --config), and over
#      explain in each format: what it did do, and that it exited as the case
#      expects (never by a signal).
# A check that could not look (nm unreadable, no symbols) fails, never passes.
# strace needs ptrace; where it is refused, check 2 says so and only check 1
# counts, except under CI=true, where a missing nm or strace, or a refused
# ptrace, fails the run: CI can trace.
# tests/security/selftest.sh proves each check against planted binaries.
#
# Usage: tests/security.sh path/to/zero-downtime
#   SECURITY_CASES=glob   only the golden cases matching glob (the self-test's
#                         planted binaries need one, not all 89)
set -uo pipefail
bin=$(realpath "${1:?usage: security.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
cases=${SECURITY_CASES:-*}
fail=0 checked=0
ci() { [[ "${CI:-}" == true ]]; }
failed() { echo "security: FAIL: $*"; fail=1; }
missing() {
  if ci; then failed "$1 is not installed (CI must have it)"
  else echo "security: SKIP: $1 is not installed"; fi
}

# The C library functions behind running a program, the network, and changing a file.
forbidden='socket|socketpair|connect|bind|listen|accept|accept4|sendto|sendmsg|sendmmsg|getaddrinfo|gethostbyname'
forbidden+='|execve|execveat|fexecve|execv|execvp|execvpe|execl|execlp|execle|system|popen|fork|vfork'
forbidden+='|posix_spawn|posix_spawnp|unlink|unlinkat|rename|renameat|renameat2|mkdir|mkdirat|rmdir|creat'
forbidden+='|link|linkat|symlink|symlinkat|chmod|fchmod|fchmodat|truncate|ftruncate'

# "static" or "dynamic". file(1) where installed; else nm -D, which has no
# dynamic symbols to print for a static binary.
linkage() {
  if command -v file >/dev/null; then
    case $(file -bL "$bin") in
      *"statically linked"* | *"static-pie linked"*) echo static; return ;;
      *"dynamically linked"*) echo dynamic; return ;;
    esac
  fi
  if nm -D "$bin" 2>&1 | grep -q 'no symbols'; then echo static; else echo dynamic; fi
}

# Symbols NAME-per-line from nm's output ($1), or a FAIL when there are none:
# an empty list would pass every check having checked nothing.
names_of() {
  local names; names=$(grep -v 'no symbols' <<<"$1" | awk 'NF {print $NF}' | sed 's/@.*//')
  [[ -n $names ]] && echo "$names"
}

check_dynamic() {
  local out names hits
  out=$(nm -D --undefined-only "$bin" 2>&1) || { failed "nm -D cannot read $bin: $out"; return; }
  names=$(names_of "$out") || { failed "nm -D finds no imported symbol in $bin: nothing was checked"; return; }
  hits=$(grep -Ex "($forbidden)" <<<"$names")
  if [[ -n $hits ]]; then failed "the binary imports $(paste -sd, <<<"$hits")"; return; fi
  echo "security: ok: dynamic binary imports none of the process, network or file-changing calls"
}

# A static binary holds the libc functions it links, as defined symbols
# (T, or W for glibc's weak aliases such as socket for __socket).
check_static() {
  local out names hits
  out=$(nm "$bin" 2>&1) || { failed "nm cannot read $bin: $out"; return; }
  names=$(awk '$(NF-1) ~ /^[TtWwi]$/' <<<"$out")
  names=$(names_of "$names") || { failed "nm finds no function symbol in static $bin (stripped?): nothing was checked"; return; }
  # No exceptions: glibc's static start-up links none of these (the
  # self-test's static empty main must pass, so a glibc that did would show).
  hits=$(grep -Ex "($forbidden)" <<<"$names")
  if [[ -n $hits ]]; then failed "the static binary links $(paste -sd, <<<"$hits")"; return; fi
  echo "security: ok: static binary links none of the process, network or file-changing calls"
}

# 1. What the binary links.
if ! command -v nm >/dev/null; then
  missing nm
elif [[ $(linkage) == static ]]; then
  check_static
else
  check_dynamic
fi

# 2. What it does, case by case.
traced=execve,execveat,fork,vfork,clone,clone3
traced+=,socket,socketpair,connect,accept,accept4,listen,bind,sendto,sendmsg,sendmmsg
traced+=,open,openat,openat2,creat,truncate,ftruncate,unlink,unlinkat,rmdir,rename,renameat,renameat2
traced+=,mkdir,mkdirat,link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat

# The traced calls in LOG that are not allowed. Allowed: its own execve, and
# opens that are read-only: O_RDONLY, and none of the flags that create,
# truncate or write (strace spells out every flag set).
findings() {
  awk -v self="execve(\"$bin\"," '
    /^[0-9]+ +(\+\+\+|---) / || /^[[:space:]]*$/ { next }   # exits and signals: see trace()
    index($0, self) { next }
    $2 ~ /^open(at|at2)?\(/ && /O_RDONLY/ && !/O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)/ { next }
    { print }' "$1"
}

trace() {  # trace NAME DIR STDIN EXPECTED-EXIT(regex) ARGS...: runs the binary under strace in DIR
  local name=$1 dir=$2 input=$3 expected=$4; shift 4
  local log; log=$(mktemp)
  (cd "$dir" && strace -f -qq -o "$log" -e trace="$traced" "$bin" "$@" < "$input" > /dev/null 2>&1)
  local code=$?
  local bad; bad=$(findings "$log")
  local execs; execs=$(grep -c 'execve(' "$log")
  if [[ -n $bad || $execs -ne 1 ]]; then
    failed "$name: calls $(sed -E 's/^[0-9]+ +//; s/\(.*//' <<<"$bad" | sort -u | tr '\n' ' ')($execs execve)"
    head -5 <<<"$bad"
  fi
  local signal; signal=$(sed -nE 's/^[0-9]+ +\+\+\+ killed by (SIG[A-Z0-9]+).*/\1/p' "$log" | head -1)
  if [[ -n $signal ]] || (( code > 128 )); then
    failed "$name: killed by ${signal:-signal $((code - 128))}"
  elif ! [[ $code =~ ^($expected)$ ]]; then
    failed "$name: exit $code, expected $expected"
  fi
  checked=$((checked + 1))
  rm -f "$log"
}

if ! command -v strace >/dev/null; then
  missing strace
elif ! why=$(strace -qq -o /dev/null true 2>&1); then
  if ci; then failed "strace cannot trace under CI=true (ptrace refused?): $why"
  else echo "security: SKIP: strace cannot trace here (ptrace refused by the sandbox): only the import check counts"; fi
else
  for dir in "$root"/testdata/golden/$cases/; do
    [[ -f "$dir/input.yaml" ]] || continue
    args=()
    [[ -f "$dir/args" ]] && mapfile -t args < "$dir/args"
    [[ -f "$dir/config.yaml" ]] && args+=(--config config.yaml)
    expected=$(cat "$dir/expected.exit" 2>/dev/null || echo "0|1")
    trace "$(basename "$dir")" "$dir" "$dir/input.yaml" "$expected" "${args[@]}"
  done
  for format in text markdown json svg; do
    trace "explain --format $format" "$root" "$root/examples/demo/resources.yaml" 0 \
      explain --preset alb-ip --format "$format"
  done
  if (( checked == 0 )); then failed "no golden case matched '$cases': nothing was traced"; fi
  echo "security: $checked run(s) traced: one execve each (its own), no network call, no file written," \
    "each exited as expected"
fi
if (( fail )); then echo "security: FAILED"; exit 1; fi
echo "security: passed"
