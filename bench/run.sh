#!/usr/bin/env bash
# The benchmark: zero-downtime against the yaml-cpp floor and kustomize patches.
#
#   bench/run.sh [path/to/zero-downtime]          full: N = 10 100 1000 5000, median of 5,
#                                                 kustomize up to N = 1000, callgrind profile,
#                                                 writes BENCHMARKS.md at the repository root
#   BENCH_QUICK=1 bench/run.sh [...]              CI's short mode: N = 10 100, 3 runs, no profile;
#                                                 writes build/bench/BENCHMARKS-quick.md
#
# Fails (exit 1) only when a measured program fails or the function changes nothing: the
# targets are reported, not enforced. Overrides: BENCH_SIZES, BENCH_KUSTOMIZE_SIZES, BENCH_REPS,
# BENCH_KUSTOMIZE_REPS, BENCH_PROFILE=0|1, BENCH_ALSO_BIN (a second build timed at N=10 only), BENCH_REPORT (output file), BENCH_DIR (work dir),
# KUBECTL (default kubectl), BENCH_PLAIN_PERCENT=1 (see gen.py), BENCH_COMMIT (the label of the
# measured binary when it was not built from this work tree).
#
# Wall time: bash's $EPOCHREALTIME (microseconds) around `/usr/bin/time -f '%e %M %U %S' cmd`,
# because %e has a 10 ms resolution; peak RSS: %M; CPU time (user + system, 10 ms resolution):
# %U + %S, which a loaded machine disturbs less than wall time. Outputs go to /dev/null.
# N = 10 start-up: hyperfine (median of 300 runs, shell start subtracted) when installed, and
# always a loop of 100 runs timed together (bash fork + exec included).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_arg=${1:-$root/build/zero-downtime}
[[ -x $bin_arg ]] || { echo "bench: $bin_arg is not built (make build)" >&2; exit 1; }
quick=${BENCH_QUICK:-}
work=${BENCH_DIR:-$root/build/bench}
kubectl=${KUBECTL:-kubectl}

if [[ -n $quick ]]; then
  read -ra sizes <<< "${BENCH_SIZES:-10 100}"; read -ra ksizes <<< "${BENCH_KUSTOMIZE_SIZES:-10 100}"
  reps=${BENCH_REPS:-3}; kreps=${BENCH_KUSTOMIZE_REPS:-$reps}
  profile=${BENCH_PROFILE:-0}; report=${BENCH_REPORT:-$work/BENCHMARKS-quick.md}
else
  read -ra sizes <<< "${BENCH_SIZES:-10 100 1000 5000}"; read -ra ksizes <<< "${BENCH_KUSTOMIZE_SIZES:-10 100 1000}"
  reps=${BENCH_REPS:-5}; kreps=${BENCH_KUSTOMIZE_REPS:-$reps}
  profile=${BENCH_PROFILE:-1}; report=${BENCH_REPORT:-$root/BENCHMARKS.md}
fi

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  [[ $(id -u) -eq 0 ]] || die "/usr/bin/time is missing: apt-get install time"
  log "installing the Debian package time"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
fi
have_kubectl=1
if ! command -v "$kubectl" >/dev/null 2>&1; then
  have_kubectl=0; ksizes=()
  log "$kubectl not found: kustomize columns are skipped"
fi
have_hyperfine=1
command -v hyperfine >/dev/null 2>&1 || { have_hyperfine=0; log "hyperfine not found: start-up from the 100-run loop only"; }

mkdir -p "$work/data" "$work/runs"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# The measured binary is a snapshot: a rebuild during the run must not change it.
bin=$work/zero-downtime
cp "$bin_arg" "$bin.tmp" && mv -f "$bin.tmp" "$bin"
# Labelled now, as the snapshot is taken: edits made while the run goes on are not in the binary.
commit_label=${BENCH_COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD -- fn 2>/dev/null || echo ' (fn/ modified)')}
floor=$work/yaml_floor
if [[ ! -x $floor || $root/bench/yaml_floor.cpp -nt $floor ]]; then
  log "building the yaml-cpp floor"
  yflags=$(pkg-config --cflags --libs yaml-cpp 2>/dev/null || echo -lyaml-cpp)
  # shellcheck disable=SC2086
  ${CXX:-g++} -O2 -std=c++17 "$root/bench/yaml_floor.cpp" -o "$floor" $yflags
fi

# --- inputs ------------------------------------------------------------------------------------
in_list() { local x=$1; shift; for y in "$@"; do [[ $x == "$y" ]] && return 0; done; return 1; }
for n in "${sizes[@]}"; do
  flag=(); in_list "$n" "${ksizes[@]}" || flag=(--no-kustomize)
  python3 "$root/bench/gen.py" "$n" "$work/data/$n" "${flag[@]}" 2>"$work/data/$n.gen.txt"
  log "N=$n: $(cat "$work/data/$n.gen.txt")"
done

# --- sanity: every program succeeds, and the function does change things ----------------------
for n in "${sizes[@]}"; do
  d=$work/data/$n
  "$bin" --preset alb-ip < "$d/resourcelist.yaml" > "$d/zd.out" 2> "$d/zd.err" ||
    die "zero-downtime exited non-zero on N=$n: $(tail -5 "$d/zd.err")"
  [[ -s $d/zd.out ]] || die "zero-downtime wrote nothing on N=$n"
  changed=$(grep -o '[0-9]* field(s) changed' "$d/zd.out" | head -1 | cut -d' ' -f1)
  [[ ${changed:-0} -gt 0 ]] || die "zero-downtime changed nothing on N=$n"
  echo "$changed" > "$d/zd.changed"
  "$floor" < "$d/resourcelist.yaml" > /dev/null || die "yaml_floor failed on N=$n"
  if in_list "$n" "${ksizes[@]}"; then
    "$kubectl" kustomize "$d/kustomize/plain" > "$d/k-plain.out" || die "kustomize plain failed on N=$n"
    "$kubectl" kustomize "$d/kustomize/patched" > "$d/k-patched.out" || die "kustomize patched failed on N=$n"
    if cmp -s "$d/k-plain.out" "$d/k-patched.out"; then die "the kustomize patches changed nothing on N=$n"; fi
  fi
  rm -f "$d/k-plain.out" "$d/k-patched.out"
done

# --- measurements ------------------------------------------------------------------------------
tsv=$work/runs/results.tsv
echo -e "tool\tn\trep\twall_s\ttime_e_s\tpeak_rss_kb\tcpu_s" > "$tsv"
tf=$work/runs/time.txt
# measure TOOL N REP INPUT CMD...: one run, stdout to /dev/null, a line in the TSV
measure() {
  local tool=$1 n=$2 rep=$3 input=$4; shift 4
  local t0 t1
  t0=$EPOCHREALTIME
  /usr/bin/time -o "$tf" -f '%e %M %U %S' "$@" < "$input" > /dev/null 2> "$work/runs/stderr.txt" ||
    die "$tool failed on N=$n: $(tail -3 "$work/runs/stderr.txt")"
  t1=$EPOCHREALTIME
  local e m u s
  read -r e m u s < <(tail -1 "$tf")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$rep" \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.6f", b - a}')" "$e" "$m" \
    "$(awk -v a="$u" -v b="$s" 'BEGIN{printf "%.2f", a + b}')" >> "$tsv"
}
for n in "${sizes[@]}"; do
  d=$work/data/$n
  rl=$d/resourcelist.yaml
  k=0; in_list "$n" "${ksizes[@]}" && k=1
  # The tools take turns inside each repetition, so a slow phase of the machine hits all alike.
  maxr=$reps; [[ $k == 1 && $kreps -gt $maxr ]] && maxr=$kreps
  for ((r = 1; r <= maxr; r++)); do
    log "N=$n run $r/$maxr"
    if ((r <= reps)); then
      measure zd "$n" "$r" "$rl" "$bin" --preset alb-ip
      measure floor "$n" "$r" "$rl" "$floor"
      measure events "$n" "$r" "$rl" "$floor" --events
    fi
    if [[ $k == 1 ]] && ((r <= kreps)); then
      measure kplain "$n" "$r" /dev/null "$kubectl" kustomize "$d/kustomize/plain"
      measure kpatched "$n" "$r" /dev/null "$kubectl" kustomize "$d/kustomize/patched"
    fi
  done
done

# --- start-up at N = 10 ------------------------------------------------------------------------
small=$work/data/${sizes[0]}/resourcelist.yaml
: > "$work/runs/startup.txt"
if [[ ${sizes[0]} == 10 ]]; then
  for _ in 1 2 3 4 5 6 7 8 9 10; do "$bin" --preset alb-ip < "$small" > /dev/null 2>&1; done  # warm
  t0=$EPOCHREALTIME
  for _ in $(seq 100); do "$bin" --preset alb-ip < "$small" > /dev/null 2>&1; done
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "loop100_mean_s\t%.6f\n", (b - a) / 100}' >> "$work/runs/startup.txt"
  t0=$EPOCHREALTIME
  for _ in $(seq 100); do /bin/true < "$small" > /dev/null 2>&1; done
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "loop100_true_mean_s\t%.6f\n", (b - a) / 100}' >> "$work/runs/startup.txt"
  if [[ $have_hyperfine == 1 ]]; then
    hyperfine --style none --warmup 20 --runs 300 --export-json "$work/runs/hyperfine.json" \
      "'$bin' --preset alb-ip < '$small' > /dev/null 2>&1" > /dev/null 2>&1 ||
      log "hyperfine failed; start-up from the loop only"
    # The other build (make bench measures the static binary the image ships; this is make build's).
    if [[ -n ${BENCH_ALSO_BIN:-} && -x ${BENCH_ALSO_BIN} ]]; then
      hyperfine --style none --warmup 20 --runs 300 --export-json "$work/runs/hyperfine-also.json" \
        "'$BENCH_ALSO_BIN' --preset alb-ip < '$small' > /dev/null 2>&1" > /dev/null 2>&1 || true
      echo "$BENCH_ALSO_BIN" > "$work/runs/also.name"
    fi
    # For scale: what yaml-cpp's event parser alone costs on the same input, measured the same way.
    hyperfine --style none --warmup 20 --runs 300 --export-json "$work/runs/hyperfine-events.json" \
      "'$floor' --events < '$small' > /dev/null 2>&1" > /dev/null 2>&1 || true
  fi
fi

# --- profile -----------------------------------------------------------------------------------
rm -f "$work/runs/callgrind.incl.txt" "$work/runs/callgrind.self.txt"
pn=1000; in_list 1000 "${sizes[@]}" || pn=${sizes[-1]}
if [[ $profile == 1 ]]; then
  if command -v valgrind >/dev/null 2>&1; then
    log "callgrind on N=$pn (a few minutes)"
    cg=$work/runs/callgrind.out
    valgrind --tool=callgrind --callgrind-out-file="$cg" "$bin" --preset alb-ip \
      < "$work/data/$pn/resourcelist.yaml" > /dev/null 2> "$work/runs/callgrind.log"
    callgrind_annotate --inclusive=yes "$cg" 2>/dev/null > "$work/runs/callgrind.incl.txt"
    callgrind_annotate "$cg" 2>/dev/null > "$work/runs/callgrind.self.txt"
    echo "$pn" > "$work/runs/callgrind.n"
  else
    log "valgrind not found: no profile"
  fi
fi

# --- the report --------------------------------------------------------------------------------
{
  echo -e "date\t$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo -e "mode\t$([[ -n $quick ]] && echo quick || echo full)"
  echo -e "reps\t$reps"
  echo -e "kreps\t$kreps"
  echo -e "nproc\t$(nproc)"
  echo -e "cpu\t$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo -e "mem\t$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo -e "kernel\t$(uname -r)"
  echo -e "commit\t$commit_label"
  echo -e "load\t$load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end (1, 5, 15 min)"
  echo -e "binary\t$bin_arg (sha256 $(sha256sum "$bin" | cut -c1-12))"
  echo -e "yamlcpp\t$(dpkg-query -W -f='${Version}' libyaml-cpp-dev 2>/dev/null || pkg-config --modversion yaml-cpp 2>/dev/null || echo unknown)"
  echo -e "libyaml\t$(dpkg-query -W -f='${Version}' libyaml-dev 2>/dev/null || pkg-config --modversion yaml-0.1 2>/dev/null || echo unknown)"
  echo -e "compiler\t$(${CXX:-g++} --version | head -1)"
  if [[ $have_kubectl == 1 ]]; then
    echo -e "kubectl\t$("$kubectl" version --client 2>/dev/null | tr '\n' ' ' | sed 's/ *$//')"
  else
    echo -e "kubectl\tnot installed"
  fi
  echo -e "hyperfine\t$([[ $have_hyperfine == 1 ]] && hyperfine --version || echo none)"
  for n in "${sizes[@]}"; do
    echo -e "input.$n\t$(stat -c %s "$work/data/$n/resourcelist.yaml")\t$(cat "$work/data/$n.gen.txt")\t$(cat "$work/data/$n/zd.changed")"
  done
} > "$work/runs/meta.tsv"
python3 "$root/bench/report.py" "$work/runs" "$report"
log "wrote $report"
