#!/bin/sh
# Helm 4 runs this as the zero-downtime post-renderer (plugin.yaml): the rendered chart on stdin, the
# function's output on stdout, the --post-renderer-args as arguments.
#
# Helm 4.1 keeps a post-renderer plugin's stderr in a buffer it never prints: a failing run shows only
# 'plugin "zero-downtime" exited with error'. So the function's messages are held here and, when it
# fails, written to Helm's own stderr (/proc/$PPID/fd/2: Helm is this process's parent) where that is
# a terminal, a pipe or a file opened for appending; elsewhere (not Linux, or a file Helm writes at its
# own offset, where Helm's next line would overwrite them) they go to our stderr, and Helm drops them.
# On success nothing is printed, as with Helm 3's --post-renderer.

say() {
  out=/proc/$PPID/fd/2
  if [ -e "$out" ] && { [ ! -f "$out" ] || appending "$PPID"; } && { : >>"$out"; } 2>/dev/null; then
    printf '%s\n' "$1" >>"$out"
  else
    printf '%s\n' "$1" >&2
  fi
}
appending() {  # is fd 2 of process $1 open with O_APPEND (02000)?
  flags=$(sed -n 's/^flags:[[:space:]]*//p' "/proc/$1/fdinfo/2" 2>/dev/null)
  [ -n "$flags" ] && [ $((0$flags & 02000)) -ne 0 ]
}

bin=${HELM_PLUGIN_DIR:-.}/zero-downtime
if [ ! -x "$bin" ]; then
  bin=$(command -v zero-downtime) || {
    say "zero-downtime plugin: no zero-downtime binary in ${HELM_PLUGIN_DIR:-the plugin folder} nor on PATH"
    exit 1
  }
fi

# stdout straight through (fd 3), stderr held.
exec 3>&1
msgs=$("$bin" "$@" 2>&1 >&3 3>&-)
rc=$?
exec 3>&-
[ "$rc" -eq 0 ] || say "$msgs"
exit "$rc"
