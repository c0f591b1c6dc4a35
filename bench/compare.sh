#!/usr/bin/env bash
# Before/after: two builds of zero-downtime timed on the benchmark's inputs in the same run, runs
# interleaved (base, new, base, new, ...) so that load on the machine hits both alike.
#
#   bench/compare.sh BASE_BIN NEW_BIN        N = 100 1000 5000, 7 runs each, preset alb-ip
#   make bench-compare [BASE=<git rev>]      builds BASE (default: main) and this tree, then this
#
# Prints, per N, the median wall and CPU time of each and the ratio new / base: 1.00 is no change,
# above 1 slower. Both outputs must be byte-identical (else exit 1): a refactor that changes
# output is not a speed question. Overrides: COMPARE_SIZES, COMPARE_REPS, COMPARE_DIR.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: bench/compare.sh BASE_BIN NEW_BIN}
new=${2:?usage: bench/compare.sh BASE_BIN NEW_BIN}
read -ra sizes <<< "${COMPARE_SIZES:-100 1000 5000}"
reps=${COMPARE_REPS:-7}
work=${COMPARE_DIR:-$root/build/bench-compare}
mkdir -p "$work"

# one BIN INPUT: "wall_ms cpu_ms" of one run, output discarded. CPU time (user + system) has a
# 10 ms resolution, but a loaded machine disturbs it less than wall time.
one() {
  local start end
  start=$EPOCHREALTIME
  /usr/bin/time -o "$work/time" -f '%U %S' "$1" --preset alb-ip < "$2" > /dev/null 2>&1
  end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" -v c="$(tail -1 "$work/time")" \
    'BEGIN { split(c, t, " "); printf "%.2f %.0f\n", (e - s) * 1000, (t[1] + t[2]) * 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '| N | base wall ms | new wall ms | wall new/base | base CPU ms | new CPU ms | CPU new/base |\n'
printf '|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  d=$work/$n
  [[ -s $d/resourcelist.yaml ]] || python3 "$root/bench/gen.py" "$n" "$d" --no-kustomize 2>/dev/null
  "$base" --preset alb-ip < "$d/resourcelist.yaml" > "$d/base.out" 2>/dev/null ||
    { echo "compare: the base binary failed at N=$n" >&2; exit 1; }
  "$new" --preset alb-ip < "$d/resourcelist.yaml" > "$d/new.out" 2>/dev/null ||
    { echo "compare: the new binary failed at N=$n" >&2; exit 1; }
  cmp -s "$d/base.out" "$d/new.out" || { echo "compare: outputs differ at N=$n ($d)" >&2; exit 1; }
  : > "$d/base.t"; : > "$d/new.t"
  for ((i = 0; i < reps; i++)); do
    one "$base" "$d/resourcelist.yaml" >> "$d/base.t"
    one "$new" "$d/resourcelist.yaml" >> "$d/new.t"
  done
  bw=$(cut -d' ' -f1 "$d/base.t" | median); nw=$(cut -d' ' -f1 "$d/new.t" | median)
  bc=$(cut -d' ' -f2 "$d/base.t" | median); nc=$(cut -d' ' -f2 "$d/new.t" | median)
  awk -v n="$n" -v bw="$bw" -v nw="$nw" -v bc="$bc" -v nc="$nc" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.2f | %.0f | %.0f | %s |\n", n, bw, nw, nw / bw, bc, nc,
      (bc > 0 ? sprintf("%.2f", nc / bc) : "n/a") }'
done
