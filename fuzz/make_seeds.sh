#!/usr/bin/env bash
# Writes the seed corpus into DIR: every testdata/golden/*/input.yaml,
# testdata/bad-input/*.yaml and the corpus (tests/corpus_dir.sh), each prefixed with
# a few option bytes (see fuzz_run.cpp: the first byte picks preset, check,
# native sleep, readiness probe path, tight limits). Nothing is committed.
# Usage: fuzz/make_seeds.sh DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: make_seeds.sh DIR}
mkdir -p "$out"
# 0x00 alb-ip; 0x09 alb-instance + native sleep; 0x06 agic + check;
# 0x13 functionConfig's preset + readiness probe path; 0x20 alb-ip, tight limits.
variants=(00 09 06 13 20)
n=0
add() {  # file tag
  local f=$1 tag=$2 v
  for v in "${variants[@]}"; do
    { printf "\\x$v"; cat "$f"; } > "$out/$tag-$v"
    n=$((n + 1))
  done
}
shopt -s nullglob globstar
for f in "$root"/testdata/golden/*/input.yaml; do
  add "$f" "golden-$(basename "$(dirname "$f")")"
done
for f in "$root"/testdata/bad-input/*.yaml; do
  add "$f" "bad-$(basename "$f" .yaml)"
done
corpus=$("$root/tests/corpus_dir.sh")
if [[ -n "$corpus" ]]; then
  for f in "$corpus"/**/*.yaml; do
    rel=${f#"$corpus/"}
    add "$f" "corpus-${rel//\//_}"
  done
else
  echo "SKIP: fuzz seeds from the corpus: no corpus of real-world manifests (set ZD_CORPUS_DIR)" >&2
fi
echo "make_seeds: $n seed(s) in $out" >&2
