#!/usr/bin/env bash
# Golden runner for `zero-downtime explain`, one folder per case under testdata/explain/:
#
#   input.yaml       stdin (a ResourceList, or a manifest stream)
#   args             optional: command-line arguments after `explain`, one per line
#   config.yaml      optional: passed as --config config.yaml
#   expected.txt     expected stdout of --format text   (compared byte for byte)
#   expected.md      expected stdout of --format markdown
#   expected.json    expected stdout of --format json
#   expected.stderr  expected stderr (the same for every format)
#   expected.exit    expected exit code (1 only where the function itself refuses the input)
#
# The SVG is checked by its structure, then drawn by headless Chromium (Debian `chromium`): the
# screenshot must come out at the SVG's size, every row whose rules break must show red, every
# row whose rules all hold none, and no text may run off the picture (measured by the browser).
# Without Chromium, and no way to install it, that part is skipped with a message; under
# CI=true it fails instead.
#
# Every case that exits 0 is also explained on the function's own output: nothing is left to
# change there, and what is still broken is what explain said would be.
#
# UPDATE=1 rewrites the expectations instead of comparing (and never counts as a pass).
# EXPLAIN_PNG_DIR=dir keeps the screenshots there.
set -uo pipefail

bin=$(realpath "${1:?usage: explain.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
cases_dir="$root/testdata/explain"
update=${UPDATE:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A ext=([text]=txt [markdown]=md [json]=json)
declare -A failure=()  # case -> first failure
names=()

case_args() {  # dir -> fills the array `args`
  args=()
  if [[ -f "$1/args" ]]; then mapfile -t args < "$1/args"; fi
  if [[ -f "$1/config.yaml" ]]; then args+=(--config config.yaml); fi
}

explain() {  # dir format stdin out err -> exit code
  local dir=$1 format=$2 in=$3 out=$4 err=$5
  case_args "$dir"
  (cd "$dir" && "$bin" explain --format "$format" "${args[@]}" < "$in" > "$out" 2> "$err")
}

fail() {  # case message [diff-file]
  if [[ -z "${failure[$1]:-}" ]]; then failure[$1]=$2; fi
  echo "FAIL $1: $2"
  if [[ -n "${3:-}" ]]; then head -40 "$3"; fi
}

# --- Chromium --------------------------------------------------------------------------------

chromium_bin=""
find_chromium() {
  for c in chromium chromium-browser; do
    if command -v "$c" > /dev/null; then chromium_bin=$(command -v "$c"); return 0; fi
  done
  # Debian's package, installed quietly when we may (root, or sudo without a password).
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo -n true 2> /dev/null || return 1; sudo=(sudo -n); fi
  echo "explain: installing chromium with apt-get for the SVG check" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium > /dev/null 2>&1 ||
    { "${sudo[@]}" apt-get update -qq > /dev/null 2>&1 &&
      "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium > /dev/null 2>&1; }
  command -v chromium > /dev/null && chromium_bin=$(command -v chromium)
}

chromium_run() {  # log chromium-arguments...
  local log=$1 profile
  shift
  profile=$(mktemp -d "$tmp/profile.XXXX")
  timeout 90 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --force-device-scale-factor=1 --user-data-dir="$profile" "$@" 2> "$log"
}

# --- the SVG ---------------------------------------------------------------------------------

# Well-formed, nothing from outside, a before and an after row per workload. Prints "width height".
svg_structure() {  # svg-file workloads
  python3 - "$1" "$2" << 'PY'
import sys, xml.etree.ElementTree as ET
path, workloads = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
root = ET.fromstring(text)
ns = "{http://www.w3.org/2000/svg}"
assert root.tag == ns + "svg", "the root is not <svg>"
for bad in ("<script", "href", "@import", "url(", "<image", "<foreignObject"):
    assert bad not in text, "it refers outside itself: " + bad
rows = [g for g in root.iter(ns + "g") if g.get("class") == "row"]
assert len(rows) == 2 * workloads, "%d rows for %d workload(s)" % (len(rows), workloads)
for i in range(workloads):
    for side in ("before", "after"):
        assert root.find(".//*[@id='w%d-%s']" % (i, side)) is not None, "no row w%d-%s" % (i, side)
print(root.get("width"), root.get("height"))
PY
}

# The screenshot: the SVG's size, not blank, red in every row with a broken rule and in no other.
# Reads the PNG with zlib alone (8-bit RGB or RGBA, as Chromium writes it).
png_check() {  # png svg
  python3 - "$1" "$2" << 'PY'
import re, struct, sys, zlib, xml.etree.ElementTree as ET
png, svg = sys.argv[1], sys.argv[2]
data = open(png, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and ctype in (2, 6), "PNG depth %d type %d" % (depth, ctype)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
root = ET.fromstring(open(svg, encoding="utf-8").read())
sw, sh = int(root.get("width")), int(root.get("height"))
assert (w, h) == (sw, sh), "the PNG is %dx%d, the SVG %dx%d" % (w, h, sw, sh)
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
LOW, HIGH = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
def up(x, y):  # bytewise (x + y) mod 256 over a whole row at once
    a, b = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    return bytearray((((a & LOW) + (b & LOW)) ^ ((a ^ b) & HIGH)).to_bytes(stride, "big"))
rows, prev = [], bytes(stride)
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 1:
        for i in range(bpp, stride):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif f == 2:
        line = up(line, prev)
    elif f == 3:
        for i in range(stride):
            line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
    elif f == 4:
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
assert any(set(r) != {255} for r in rows), "the picture is blank"
RED = re.compile(rb"[\xca-\xe2][\x1b-\x33][\x1c-\x34]")  # #d62728, give or take antialiasing
def red(y0, y1):
    return sum(1 for r in rows[max(0, y0):min(h, y1)] for m in RED.finditer(r) if m.start() % bpp == 0)
for g in root.iter("{http://www.w3.org/2000/svg}g"):
    if g.get("class") != "row":
        continue
    top, height, broken = int(g.get("data-top")), int(g.get("data-height")), int(g.get("data-broken"))
    n = red(top, top + height)
    if broken > 0:
        assert n >= 50, "row %s: %d rule(s) broken but %d red pixel(s)" % (g.get("id"), broken, n)
    else:
        assert n == 0, "row %s: every rule holds but %d red pixel(s)" % (g.get("id"), n)
print("ok")
PY
}

# Text placement, measured by the browser for every case in one page: each SVG inline in a
# wrapper (the SVGs themselves stay script-free); a line per <text> that runs off its picture.
dom_check() {  # name=svg-file...
  local page="$tmp/page.html" pair
  { echo '<!DOCTYPE html><html><body style="margin:0">'
    for pair in "$@"; do
      echo "<div data-case=\"${pair%%=*}\">"
      cat "${pair#*=}"
      echo "</div>"
    done
    cat << 'HTML'
<pre id="report"></pre>
<script>
const out = [];
for (const div of document.querySelectorAll("div[data-case]")) {
  const svg = div.querySelector("svg");
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  for (const t of svg.querySelectorAll("text")) {
    const b = t.getBBox();
    if (b.x < 0 || b.y < 0 || b.x + b.width > width + 0.5 || b.y + b.height > height + 0.5) {
      out.push(div.dataset.case + "\toff the picture: " + t.textContent);
    }
  }
  out.push(div.dataset.case + "\tchecked " + svg.querySelectorAll("text").length + " texts");
}
document.getElementById("report").textContent = out.join("\n");
</script></body></html>
HTML
  } > "$page"
  chromium_run "$tmp/dom.log" --dump-dom "file://$page" | python3 -c '
import html, re, sys
m = re.search(r"<pre id=\"report\">(.*?)</pre>", sys.stdin.read(), re.S)
print(html.unescape(m.group(1)) if m else "\tno report: the page did not run")'
}

# Runs in the background, one job per case: reports through files in $tmp, not variables.
svg_case() {  # name dir
  local name=$1 dir=$2 base="$tmp/$1" size workloads width height report
  workloads=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["workloads"]))' "$base.json")
  if ! explain "$dir" svg "$dir/input.yaml" "$base.svg" "$base.svgerr"; then
    echo "--format svg exited non-zero" > "$base.fail"; return
  fi
  if ! size=$(svg_structure "$base.svg" "$workloads" 2>&1); then
    echo "SVG structure: ${size##*$'\n'}" > "$base.fail"; return
  fi
  [[ -n "$chromium_bin" ]] || return
  read -r width height <<< "$size"
  chromium_run "$base.log" --screenshot="$base.png" --window-size="$width,$height" "file://$base.svg" > /dev/null
  if [[ ! -s "$base.png" ]]; then
    echo "chromium wrote no screenshot: $(tail -3 "$base.log")" > "$base.fail"; return
  fi
  if ! report=$(png_check "$base.png" "$base.svg" 2>&1); then
    echo "the drawn SVG: ${report##*$'\n'}" > "$base.fail"; return
  fi
  touch "$base.drawn"
  if [[ -n "${EXPLAIN_PNG_DIR:-}" ]]; then cp "$base.png" "$EXPLAIN_PNG_DIR/$name.png"; fi
}

# --- the cases -------------------------------------------------------------------------------

if [[ -z "$update" ]] && ! find_chromium; then
  if [[ "${CI:-}" == true ]]; then
    echo "explain: chromium is missing and could not be installed; under CI=true the SVG must be drawn"
    exit 1
  fi
  echo "explain: SKIP drawing the SVGs: chromium is missing and could not be installed (apt-get install chromium)"
fi

updated=0
jobs_max=$(nproc 2> /dev/null || echo 2)
for dir in "$cases_dir"/*/; do
  dir=${dir%/}
  name=${dir#"$cases_dir"/}
  names+=("$name")
  [[ -f "$dir/input.yaml" ]] || { fail "$name" "no input.yaml"; continue; }
  for format in text markdown json; do
    out="$tmp/out.${ext[$format]}"
    explain "$dir" "$format" "$dir/input.yaml" "$out" "$tmp/err.$format"
    code=$?
    if (( code > 1 )); then fail "$name" "--format $format: exit code $code (a crash?)"; continue 2; fi
    if [[ -n "$update" ]]; then
      if [[ "$code" == 0 ]]; then cp "$out" "$dir/expected.${ext[$format]}"; fi
      cp "$tmp/err.$format" "$dir/expected.stderr"
      echo "$code" > "$dir/expected.exit"
      continue
    fi
    want=$(cat "$dir/expected.exit" 2> /dev/null)
    if [[ "$code" != "$want" ]]; then fail "$name" "--format $format: exit code $code, expected $want"; continue 2; fi
    if ! diff -u "$dir/expected.stderr" "$tmp/err.$format" > "$tmp/diff"; then
      fail "$name" "--format $format: stderr differs:" "$tmp/diff"; continue 2
    fi
    if [[ "$code" != 0 ]]; then
      if [[ -s "$out" ]]; then fail "$name" "--format $format: exit 1 with something on stdout"; fi
      continue
    fi
    if ! diff -u "$dir/expected.${ext[$format]}" "$out" > "$tmp/diff"; then
      fail "$name" "--format $format: stdout differs:" "$tmp/diff"; continue 2
    fi
  done
  if [[ -n "$update" ]]; then updated=$((updated + 1)); continue; fi
  [[ "$(cat "$dir/expected.exit")" == 0 ]] || continue
  # What the function leaves is what explain promised. Check mode is turned off, as explain does.
  case_args "$dir"
  (cd "$dir" && "$bin" "${args[@]}" --set check=false < input.yaml > "$tmp/fixed.yaml" 2> /dev/null)
  explain "$dir" json "$tmp/fixed.yaml" "$tmp/again.json" "$tmp/err"
  if ! report=$(python3 - "$tmp/out.json" "$tmp/again.json" << 'PY'
import json, sys
first, again = (json.load(open(p)) for p in sys.argv[1:3])
promised = sorted((b["workload"], b["rule"]) for b in first["summary"]["stillBroken"])
def display(w):  # as explain names a workload; with several presets, each has its timeline
    who = w["kind"] + " " + (w["namespace"] + "/" if w["namespace"] else "") + w["name"]
    return who + (" (preset %s)" % w["preset"] if w.get("preset") else "")
left = sorted((display(w), r["id"])
              for w in again["workloads"] for r in w["before"]["rules"] if r["status"] == "broken")
problems = []
if again["summary"]["changes"] != 0:
    problems.append("its output still gets %d change(s)" % again["summary"]["changes"])
if promised != left:
    problems.append("explain said %s stay broken, the output breaks %s" % (promised, left))
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY
  ); then
    fail "$name" "after the function: $report"
  fi
  cp "$tmp/out.json" "$tmp/$name.json"
  while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n; done
  svg_case "$name" "$dir" &
done
wait

if [[ -n "$update" ]]; then
  echo "explain: updated $updated case(s); review with git diff. Updating is not a pass: run make test."
  exit 0
fi
drawn=()  # name=svg-file of every case drawn, for the one DOM check
for name in "${names[@]}"; do
  if [[ -f "$tmp/$name.fail" ]]; then fail "$name" "$(cat "$tmp/$name.fail")"; fi
  if [[ -f "$tmp/$name.drawn" ]]; then drawn+=("$name=$tmp/$name.svg"); fi
done
if (( ${#drawn[@]} > 0 )); then
  while IFS=$'\t' read -r name message; do
    [[ "$message" == checked* ]] || fail "${name:-dom}" "the drawn SVG: $message"
  done < <(dom_check "${drawn[@]}")
fi
passed=0 failed=0
for name in "${names[@]}"; do
  if [[ -n "${failure[$name]:-}" ]]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi
done
for name in "${!failure[@]}"; do  # a failure outside any one case (the page did not run)
  [[ " ${names[*]} " == *" $name "* ]] || failed=$((failed + 1))
done
if (( ${#names[@]} == 0 )); then echo "explain: no cases found in $cases_dir"; exit 1; fi
echo "explain: $passed passed, $failed failed"
[[ $failed == 0 ]]
