#!/usr/bin/env bash
# Proves tests/security.sh against planted binaries (tests/security/plant.c):
# a check that passes everything is worse than none. Each plant must fail it
# for its own reason, and the clean plant, dynamic and static, must pass.
# Plants run against one golden case (SECURITY_CASES) and explain.
#
#   tests/security/selftest.sh
#
# Needs cc (and a static libc for the static plants); strace for the trace
# plants. What it cannot build or trace it skips, except under CI=true.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check="$here/../security.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
# A golden case that expects exit 0, so that a plant exiting 0 is as expected.
export SECURITY_CASES=alb-ip-basic-deployment
ci() { [[ "${CI:-}" == true ]]; }
skip() {
  if ci; then echo "security selftest: FAIL: $1 (CI must be able to)"; failed=1
  else echo "security selftest: SKIP: $1"; fi
}

# plant NAME [cc flags...]: builds plant.c into $tmp/NAME.
plant() {
  local name=$1; shift
  cc -O1 -o "$tmp/$name" "$@" "$here/plant.c" 2> "$tmp/$name.cc"
}

# expect NAME pass|fail PATTERN command...: the check's verdict and a line of its output.
expect() {
  local name=$1 want=$2 pattern=$3; shift 3
  local out rc got=pass
  out=$("$@" 2>&1); rc=$?
  (( rc )) && got=fail
  if [[ $got == "$want" ]] && grep -qE -- "$pattern" <<<"$out"; then
    echo "security selftest: ok: $name ($want)"
  else
    echo "security selftest: FAIL: $name: wanted $want with /$pattern/, got $got:"
    sed 's/^/    /' <<<"$out" | head -20
    failed=1
  fi
}

if ! command -v cc >/dev/null; then
  skip "no cc to build the plants"
  if (( failed )); then exit 1; fi
  exit 0
fi

# What the binary links.
plant clean || { echo "security selftest: FAIL: cannot build plant.c:"; cat "$tmp/clean.cc"; exit 1; }
plant socket -DPLANT_UNREACHED_SOCKET
expect "dynamic, imports socket" fail 'imports socket' "$check" "$tmp/socket"
if plant clean-static -static && plant socket-static -static -DPLANT_UNREACHED_SOCKET; then
  # nm -D says "no symbols" of a static binary and exits 0: that was once an ok.
  expect "static, links socket" fail 'static binary links socket' "$check" "$tmp/socket-static"
  expect "static, links nothing forbidden" pass 'ok: static binary links none' "$check" "$tmp/clean-static"
  cp "$tmp/clean-static" "$tmp/stripped-static" && strip "$tmp/stripped-static"
  expect "static, stripped" fail 'no function symbol' "$check" "$tmp/stripped-static"
else
  skip "no static libc to build the static plants"
fi
printf '#!/bin/sh\nexit 0\n' > "$tmp/script" && chmod +x "$tmp/script"
expect "not an ELF file" fail 'cannot read' "$check" "$tmp/script"

# What the binary does.
if ! command -v strace >/dev/null || ! strace -qq -o /dev/null true 2>/dev/null; then
  skip "strace cannot trace here: the trace plants are not run"
else
  expect "dynamic, clean" pass 'security: passed' "$check" "$tmp/clean"
  plant create -DPLANT_CREATE
  expect "O_RDONLY|O_CREAT|O_TRUNC" fail 'FAIL: .*calls openat' "$check" "$tmp/create"
  if [[ $(uname -m) == x86_64 ]]; then  # link, symlink, rmdir, chmod have no syscall of their own on arm64
    plant syscalls -DPLANT_SYSCALLS
    expect "link, chmod, ftruncate, sendmsg, ..." fail \
      'calls accept chmod connect fchmod fchmodat ftruncate link linkat listen rmdir sendmsg socketpair symlink symlinkat' \
      "$check" "$tmp/syscalls"
  fi
  plant exit-1 -DPLANT_EXIT_1
  expect "exit 1 where 0 is expected" fail 'exit 1, expected 0' "$check" "$tmp/exit-1"
  plant signal -DPLANT_SIGNAL
  expect "killed by SIGKILL" fail 'killed by SIGKILL' "$check" "$tmp/signal"
fi

# Where ptrace is refused: a stand-in strace that fails as a sandboxed one does.
mkdir "$tmp/no-ptrace"
printf '#!/bin/sh\necho "strace: PTRACE_TRACEME: Operation not permitted" >&2\nexit 1\n' > "$tmp/no-ptrace/strace"
chmod +x "$tmp/no-ptrace/strace"
expect "ptrace refused under CI=true" fail 'strace cannot trace under CI=true' \
  env PATH="$tmp/no-ptrace:$PATH" CI=true "$check" "$tmp/clean"
expect "ptrace refused elsewhere" pass 'SKIP: strace cannot trace here' \
  env -u CI PATH="$tmp/no-ptrace:$PATH" "$check" "$tmp/clean"

if (( failed )); then echo "security selftest: FAILED"; exit 1; fi
echo "security selftest: passed"
