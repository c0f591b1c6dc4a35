#!/usr/bin/env python3
"""Writes BENCHMARKS.md from what bench/run.sh measured.

    bench/report.py RUNS_DIR OUT.md

RUNS_DIR holds results.tsv (one line per run), meta.tsv (machine, versions, inputs),
startup.txt and hyperfine.json (N = 10 start-up), callgrind.{incl,self}.txt (profile).
The static text (what patches cannot do, what each profile entry means) lives here.
"""

import json
import os
import re
import statistics
import sys
from collections import defaultdict

TOOLS = {
    "zd": "zero-downtime --preset alb-ip",
    "floor": "yaml-cpp floor (LoadAll + Emitter)",
    "events": "yaml-cpp event parser alone",
    "kplain": "kubectl kustomize, plain",
    "kpatched": "kubectl kustomize, patches",
}

# One line of interpretation per profile entry, matched by regex on the function name.
# Keep them true for the code they describe; an entry without a note shows "-".
PROFILE_NOTES = [
    (r"yaml_parser_scan_plain_scalar",
     "libyaml's scanner reading plain scalars, most of a manifest's text: the largest single cost, not ours."),
    (r"yaml_parser_fetch_more_tokens|yaml_parser_scan|yaml_parser_fetch",
     "libyaml's scanner loop (token queue, simple keys, indentation): not ours; the whole scanner reads "
     "about 38 MB/s here, yaml-cpp's about 7 MB/s."),
    (r"yaml_parser_update_buffer",
     "libyaml's reader: decodes and checks each input character into its buffer (a second pass over "
     "the bytes after our checkBytes, which gives the clearer messages)."),
    (r"yaml_parser_parse",
     "libyaml's event parser (scanner + parser) for the whole stream: the part of the run we do not own."),
    (r"yaml_free|yaml_malloc|yaml_event_delete|yaml_token_delete",
     "libyaml allocates every token's and event's text (value, tag, anchor) and frees it after the event."),
    (r"zd::yaml::parseStream",
     "fn/yaml/parse.cpp: checkBytes + libyaml events + our Builder (copy into the arena, duplicate-key check)."),
    (r"zd::krm::writeResults",
     "fn/krm/result.cpp: one result (~9 per app) written straight out; stringStyle() on each message."),
    (r"zd::yaml::writeDocument|Writer::(map|seq|document)",
     "fn/yaml/write.cpp: our writer; a plainReadsBack() pass per plain scalar and small std::string appends."),
    (r"zd::yaml::plainReadsBack",
     "fn/yaml/scalar_format.cpp: one pass per plain scalar at write time, so that no value changes type or "
     "becomes unreadable (bad-input 097-119)."),
    (r"zd::yaml::stringStyle",
     "fn/yaml/scalar_format.cpp: plainReadsBack + 'would a reader type this?' for strings the function writes."),
    (r"zd::transform::transform",
     "fn/transform/transform.cpp: index, graph, observe, evaluate, apply for every workload: the function's own work."),
    (r"zd::timing::(evaluate|plan)",
     "fn/timing/: the pure model, run per workload and binding (rule messages are built as strings)."),
    (r"zd::krm::sortResults",
     "fn/krm/result.cpp: stable_sort on a tuple of references (no copies since this session)."),
    (r"zd::yaml::checkBytes",
     "fn/yaml/check_bytes.cpp: UTF-8 and control-character check, eight ASCII bytes at a time."),
    (r"TextPool::add",
     "fn/yaml/text_pool.cpp: scalar text into the arena, short repeated strings pooled."),
    (r"_int_free|malloc|operator new|_int_malloc|\bfree\b",
     "allocator: mostly libyaml's per-token and per-event strings (see yaml_free/yaml_malloc)."),
    (r"memmove|memcpy",
     "copies: string appends of the writer and the arena."),
    (r"memcmp|basic_string.*compare",
     "key comparisons: Tree::get's key lookups and the duplicate-key check."),
    (r"libyaml",
     "libyaml internal (the shared library is stripped): scanner machinery."),
]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Wrappers that are always ~100 % inclusive: left out of the inclusive top five.
WRAPPERS = re.compile(r"\(below main\)|__libc_start|ld-linux|main\.cpp:main|\?\?\?:main \[|zd::krm::run\(|"
                      r"zd::krm::runStreaming\(|krm::\(anonymous namespace\)::process\(|runFunction|_start\b")


def note_for(name):
    for pat, note in PROFILE_NOTES:
        if re.search(pat, name):
            return note
    return "-"


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def fmt_s(x):
    if x is None:
        return "-"
    if x < 0.1:
        return f"{x * 1000:.1f} ms"
    if x < 10:
        return f"{x:.3f} s"
    return f"{x:.1f} s"


def fmt_mb(kb):
    return "-" if kb is None else f"{kb / 1024:.0f} MB" if kb >= 10240 else f"{kb / 1024:.1f} MB"


def fmt_ratio(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def short_name(name):
    """`file:function [object]` from callgrind_annotate, shortened for a table."""
    obj = ""
    m = re.match(r"^(.*?)\s+\[(.*)\]$", name)
    if m:
        name, obj = m.group(1), os.path.basename(m.group(2))
    if ":" in name and not name.startswith("???:"):
        file, func = name.split(":", 1)
        where = os.path.relpath(file, start=file[: file.find("/fn/")]) if "/fn/" in file else os.path.basename(file)
    else:
        func, where = name.split(":", 1)[-1], obj
    func = re.sub(r"'\d+$", "", func)
    func = re.sub(r"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string", func)
    func = re.sub(r"std::basic_string_view<char, std::char_traits<char> >", "std::string_view", func)
    if len(func) > 110:
        func = func[:107] + "..."
    if func.startswith("0x"):
        func = f"(internal {func})"
    return f"`{func}` ({where})" if where else f"`{func}`"


def callgrind_top(path, inclusive, k=5):
    if not os.path.exists(path):
        return None, []
    total, rows = None, []
    section = 0  # 0: header, 1: the function table, 2: after it (annotated source)
    for line in open(path, encoding="utf-8", errors="replace"):
        if "PROGRAM TOTALS" not in line:
            if section == 0:
                section = 1 if "file:function" in line else 0
                continue
            if section == 1 and (line.startswith("-- ") or (not line.strip() and rows)):
                break
        m = re.match(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*?)\s*$", line)
        if not m:
            continue
        ir, pct, name = int(m.group(1).replace(",", "")), float(m.group(2)), m.group(3)
        if name == "PROGRAM TOTALS":
            total = ir
            continue
        if name.startswith(("=>", "*", "<")) or "=> " in line[:40]:
            continue
        if inclusive:
            if pct > 100 or re.search(r"'\d+(\s|$)", name) or WRAPPERS.search(name):
                continue  # recursion cycles count twice; wrappers are always 100 %
            if re.match(r"^\?\?\?:0x", name):
                continue  # an anonymous library internal: its named caller is listed instead
        func = re.sub(r"'\d+$", "", name.split(" [")[0].split(":", 1)[-1])
        same = [i for i, r in enumerate(rows) if r[3] == func]
        if same:
            if not inclusive:  # self cost of one function split over recursion levels ('2): add up
                i = same[0]
                rows[i] = (rows[i][0] + ir, rows[i][1] + pct, rows[i][2], func)
            continue  # inclusive: the same function under another file (inlined templates)
        rows.append((ir, pct, name, func))
    rows.sort(key=lambda r: -r[0])
    return total, rows[:k]


def main():
    runs, out = sys.argv[1], sys.argv[2]
    meta, inputs = {}, {}
    for row in read_tsv(os.path.join(runs, "meta.tsv")):
        if row[0].startswith("input."):
            n = int(row[0].split(".", 1)[1])
            inputs[n] = {"bytes": int(row[1]), "gen": row[2], "changed": row[3] if len(row) > 3 else "?"}
        else:
            meta[row[0]] = row[1] if len(row) > 1 else ""
    samples = defaultdict(list)
    for row in read_tsv(os.path.join(runs, "results.tsv"))[1:]:
        tool, n, _rep, wall, _e, rss = row[:6]
        cpu = float(row[6]) if len(row) > 6 else None
        samples[(tool, int(n))].append((float(wall), int(rss), cpu))

    def med(tool, n, i):
        s = [x[i] for x in samples.get((tool, n), []) if x[i] is not None]
        return statistics.median(s) if s else None

    def cpu(tool, n):
        return med(tool, n, 2)

    def t(tool, n):
        return med(tool, n, 0)

    def rss(tool, n):
        return med(tool, n, 1)

    def cost_of(n, i=0):
        """What the patches add: the median of per-repetition differences (patched then plain run
        back to back, so a slow phase of the machine hits both). i = 0: wall, 2: CPU."""
        a = dict(enumerate(x[i] for x in samples.get(("kplain", n), [])))
        b = dict(enumerate(x[i] for x in samples.get(("kpatched", n), [])))
        pairs = [b[r] - a[r] for r in a if r in b and a[r] is not None and b[r] is not None]
        if pairs:
            return statistics.median(pairs)
        return None

    def count(tool, n):
        return len(samples.get((tool, n), []))

    sizes = sorted(inputs)
    L = []
    L.append("# Benchmarks")
    L.append("")
    L.append("Written by `bench/run.sh` (`make bench`). Do not edit by hand: rerun it. "
             "The input is `bench/gen.py N`: a ResourceList of N apps (Deployment with two containers, "
             "probes, env, resources + Service + ALB Ingress), plus ConfigMaps with block scalars, "
             "ServiceAccounts and Namespaces; about 3.9 resources and 5.8 KB per app.")
    L.append("")
    L.append(f"- Date: {meta.get('date')}; mode: {meta.get('mode')}; median of {meta.get('reps')} runs "
             f"(kustomize: {meta.get('kreps')} runs)")
    L.append(f"- Machine: {meta.get('nproc')} CPUs, {meta.get('cpu')}, {meta.get('mem')} RAM, Linux {meta.get('kernel')}")
    L.append(f"- zero-downtime: commit {meta.get('commit')}, {meta.get('binary')}")
    L.append(f"- Load average: {meta.get('load')}")
    L.append(f"- zero-downtime parses with libyaml {meta.get('libyaml', '?')} (Debian); the floor is "
             f"yaml-cpp {meta.get('yamlcpp')} (Debian); {meta.get('compiler')}")
    L.append(f"- kubectl: {meta.get('kubectl')}")
    L.append(f"- hyperfine: {meta.get('hyperfine')}")
    L.append("")
    L.append("Wall time is measured with bash's `$EPOCHREALTIME` around `/usr/bin/time -f '%e %M %U %S' CMD "
             "< input > /dev/null` (microsecond resolution; `%e` alone has 10 ms), peak RSS is `%M`, CPU time "
             "`%U + %S`. "
             "The tools take turns inside each repetition. The yaml-cpp programs are `bench/yaml_floor.cpp` "
             "(`-O2`, against the system libyaml-cpp); kustomize gets the same resources as one `resources.yaml` "
             "(`build/bench/data/N/kustomize/{plain,patched}`).")
    L.append("")

    # ---------------------------------------------------------------- time
    L.append("## Time (median wall)")
    L.append("")
    L.append("| N apps | resources | input | zero-downtime | yaml-cpp floor | event parser alone | "
             "kustomize plain | kustomize patched | patches' cost (patched − plain)¹ | zd / floor | "
             "patches' cost / zd | zd / kustomize patched |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        res = re.search(r"(\d+) resources", inputs[n]["gen"])
        zd, fl, ev, kp, kq = t("zd", n), t("floor", n), t("events", n), t("kplain", n), t("kpatched", n)
        cost = cost_of(n)
        L.append("| " + " | ".join([
            f"{n:,}", res.group(1) if res else "?", f"{inputs[n]['bytes'] / 1e6:.2f} MB",
            fmt_s(zd), fmt_s(fl), fmt_s(ev), fmt_s(kp), fmt_s(kq), fmt_s(cost),
            fmt_ratio(zd / fl if zd and fl else None),
            fmt_ratio(cost / zd if cost is not None and zd else None, 1),
            fmt_ratio(zd / kq if zd and kq else None, 3),
        ]) + " |")
    L.append("")
    L.append("¹ The median of the per-repetition differences (the patched build runs right after the plain "
             "one), which the machine's load disturbs less than the difference of the two medians.")
    L.append("")

    # ---------------------------------------------------------------- CPU
    if any(x[2] is not None for v in samples.values() for x in v):
        L.append("## CPU time (median user + system)")
        L.append("")
        L.append("10 ms resolution; less disturbed than wall time when other processes share the machine "
                 "(see the load average above). Targets are judged on wall time.")
        L.append("")
        L.append("| N apps | zero-downtime | yaml-cpp floor | event parser alone | kustomize plain | "
                 "kustomize patched | patches' cost | zd / floor | patches' cost / zd |")
        L.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            zd, fl = cpu("zd", n), cpu("floor", n)
            c = cost_of(n, 2)
            L.append("| " + " | ".join([
                f"{n:,}", fmt_s(zd), fmt_s(fl), fmt_s(cpu("events", n)), fmt_s(cpu("kplain", n)),
                fmt_s(cpu("kpatched", n)), fmt_s(c), fmt_ratio(zd / fl if zd and fl else None),
                fmt_ratio(c / zd if c is not None and zd else None, 1)]) + " |")
        L.append("")

    # ---------------------------------------------------------------- memory
    L.append("## Peak RSS (median)")
    L.append("")
    L.append("| N apps | input | zero-downtime | zd RSS / input | yaml-cpp floor | event parser alone | "
             "kustomize plain | kustomize patched |")
    L.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        b = inputs[n]["bytes"]
        z = rss("zd", n)
        L.append("| " + " | ".join([
            f"{n:,}", f"{b / 1e6:.2f} MB", fmt_mb(z), fmt_ratio(z * 1024 / b if z else None, 1),
            fmt_mb(rss("floor", n)), fmt_mb(rss("events", n)), fmt_mb(rss("kplain", n)), fmt_mb(rss("kpatched", n)),
        ]) + " |")
    L.append("")
    L.append("Fields changed by zero-downtime (its summary result): " +
             ", ".join(f"N={n:,}: {inputs[n]['changed']}" for n in sizes) + ".")
    L.append("")

    # ---------------------------------------------------------------- start-up
    startup = {}
    sp = os.path.join(runs, "startup.txt")
    if os.path.exists(sp):
        for row in read_tsv(sp):
            startup[row[0]] = float(row[1])
    hf = None
    hp = os.path.join(runs, "hyperfine.json")
    if os.path.exists(hp):
        try:
            r = json.load(open(hp))["results"][0]
            hf = {"median": r["median"], "mean": r["mean"], "stddev": r.get("stddev"), "min": r["min"],
                  "runs": len(r.get("times", []))}
        except (KeyError, IndexError, ValueError):
            hf = None

    # ---------------------------------------------------------------- targets
    def verdict(ok):
        return "n/a" if ok is None else ("**pass**" if ok else "**FAIL**")

    big = 5000 if 5000 in sizes else (max(sizes) if sizes else None)
    qual = "" if big == 5000 else f" (measured at N = {big:,} only: {meta.get('mode')} mode)"
    targets = []
    zd_b, fl_b = t("zd", big), t("floor", big)
    r1 = zd_b / fl_b if zd_b and fl_b else None
    c_zd, c_fl = cpu("zd", big), cpu("floor", big)
    c1 = f"; CPU time: {c_zd / c_fl:.2f} × ({fmt_s(c_zd)} vs {fmt_s(c_fl)})" if c_zd and c_fl else ""
    targets.append((f"zero-downtime ≤ 0.6 × yaml-cpp floor at N = 5,000{qual}",
                    f"{fmt_ratio(r1)} × ({fmt_s(zd_b)} vs {fmt_s(fl_b)})" + c1,
                    verdict(None if r1 is None else r1 <= 0.6)))
    for n, factor, label in ((1000, 10, "≥ 10× cheaper than the patches' cost at N = 1,000"),
                             (100, 1, "cheaper than the patches' cost at N = 100")):
        zd_n, kp, kq = t("zd", n), t("kplain", n), t("kpatched", n)
        if zd_n is None or kp is None or kq is None:
            targets.append((label, "not measured", "n/a"))
            continue
        cost = cost_of(n)
        c_cost, c_zd = cost_of(n, 2), cpu("zd", n)
        extra = (f"; CPU time: {fmt_s(c_cost)} / {fmt_s(c_zd)} = {c_cost / c_zd:.1f}×"
                 if c_cost is not None and c_zd else "")
        targets.append((label, f"patches' cost {fmt_s(cost)} / zero-downtime {fmt_s(zd_n)} = {cost / zd_n:.1f}×"
                        + extra, verdict(cost >= factor * zd_n)))
    z_rss = rss("zd", big)
    rr = z_rss * 1024 / inputs[big]["bytes"] if z_rss else None
    targets.append((f"peak RSS ≤ 4 × input at N = 5,000{qual}",
                    f"{fmt_mb(z_rss)} for {inputs[big]['bytes'] / 1e6:.1f} MB = {fmt_ratio(rr, 1)}×" if rr else "-",
                    verdict(None if rr is None else rr <= 4)))
    t5, t1 = t("zd", 5000), t("zd", 1000)
    if t5 and t1:
        c5, c1k = cpu("zd", 5000), cpu("zd", 1000)
        cx = f"; CPU time: {c5 / c1k:.2f} ({fmt_s(c5)} / {fmt_s(c1k)})" if c5 and c1k else ""
        targets.append(("linear growth: t(5,000) / t(1,000) ≤ 5.5", f"{t5 / t1:.2f} ({fmt_s(t5)} / {fmt_s(t1)})" + cx,
                        verdict(t5 / t1 <= 5.5)))
    else:
        hi, lo = (sizes[-1], sizes[-2]) if len(sizes) >= 2 else (None, None)
        extra = ""
        if hi and lo and t("zd", hi) and t("zd", lo):
            extra = f"; t({hi:,}) / t({lo:,}) = {t('zd', hi) / t('zd', lo):.2f} for {hi / lo:.0f}× the input"
        targets.append(("linear growth: t(5,000) / t(1,000) ≤ 5.5", "not measured" + extra, "n/a"))
    if hf or startup:
        if hf:
            primary = hf["median"]
            how = (f"hyperfine median {primary * 1000:.2f} ms over {hf['runs']} runs (mean {hf['mean'] * 1000:.2f}, "
                   f"min {hf['min'] * 1000:.2f}; shell start-up subtracted)")
        else:
            primary = startup.get("loop100_mean_s")
            how = "loop of 100 runs timed together"
        if "loop100_mean_s" in startup:
            how += (f"; loop of 100 runs timed together: {startup['loop100_mean_s'] * 1000:.2f} ms each, of which "
                    f"{startup.get('loop100_true_mean_s', 0) * 1000:.2f} ms is bash's fork + exec of /bin/true")
        hpa = os.path.join(runs, "hyperfine-also.json")
        if os.path.exists(hpa):
            try:
                al = json.load(open(hpa))["results"][0]
                name = open(os.path.join(runs, "also.name")).read().strip()
                how += (f"; the other build ({os.path.relpath(name, ROOT)}), same method: "
                        f"median {al['median'] * 1000:.2f} ms (min {al['min'] * 1000:.2f})")
            except (KeyError, IndexError, ValueError, OSError):
                pass
        hpe = os.path.join(runs, "hyperfine-events.json")
        if os.path.exists(hpe):
            try:
                ev = json.load(open(hpe))["results"][0]
                how += (f"; for scale, yaml-cpp's event parser alone on the same input, same method: "
                        f"median {ev['median'] * 1000:.2f} ms (min {ev['min'] * 1000:.2f})")
            except (KeyError, IndexError, ValueError):
                pass
        targets.append(("N = 10 under 5 ms wall, start-up included", how, verdict(primary < 0.005)))
    else:
        targets.append(("N = 10 under 5 ms wall, start-up included", "not measured", "n/a"))

    L.append("## Speed targets")
    L.append("")
    L.append("| target | measured | verdict |")
    L.append("|---|---|---|")
    for a, b, c in targets:
        L.append(f"| {a} | {b} | {c} |")
    L.append("")
    few = [f"{TOOLS[tl]} at N={n:,}: {count(tl, n)}" for (tl, n) in sorted(samples) if count(tl, n) < 5]
    if few and meta.get("mode") == "full":
        L.append("Fewer than 5 runs: " + "; ".join(few) + ".")
        L.append("")

    # ---------------------------------------------------------------- profile
    L.append("## Profile")
    L.append("")
    pn = None
    if os.path.exists(os.path.join(runs, "callgrind.n")):
        pn = int(open(os.path.join(runs, "callgrind.n")).read().strip())
    total, incl = callgrind_top(os.path.join(runs, "callgrind.incl.txt"), True)
    _, self_ = callgrind_top(os.path.join(runs, "callgrind.self.txt"), False)
    if not incl and not self_:
        L.append("Not profiled in this run (`BENCH_PROFILE=1`, full mode, runs callgrind).")
        L.append("")
    else:
        L.append(f"`valgrind --tool=callgrind` of `zero-downtime --preset alb-ip` on N = {pn:,} "
                 f"({total:,} instructions; instructions, not time: page faults and cache misses of large "
                 "copies do not show). Debian's shared libyaml is stripped, so its internals show as addresses there; "
                 "the static binary links libyaml.a, whose functions have names.")
        L.append("")
        L.append("Top five inclusive (leaving out main, `zd::krm::runStreaming`/`process` and the C start-up, which are ~100 %, "
                 "recursion cycles and unnamed library internals):")
        L.append("")
        L.append("| # | inclusive | function | what it means |")
        L.append("|---:|---:|---|---|")
        for i, (ir, pct, name, _f) in enumerate(incl, 1):
            L.append(f"| {i} | {pct:.1f} % | {short_name(name)} | {note_for(name)} |")
        L.append("")
        L.append("Top five self:")
        L.append("")
        L.append("| # | self | function | what it means |")
        L.append("|---:|---:|---|---|")
        for i, (ir, pct, name, _f) in enumerate(self_, 1):
            L.append(f"| {i} | {pct:.1f} % | {short_name(name)} | {note_for(name)} |")
        L.append("")
        # The function's own phases, whatever their rank.
        phases = []
        incl_all = os.path.join(runs, "callgrind.incl.txt")
        want = [("zd::yaml::parseStream", "parse (libyaml events + Builder)"),
                ("zd::yaml::checkBytes", "of which checkBytes"),
                ("zd::transform::transform(", "transform"),
                ("zd::krm::sortResults", "sortResults"),
                ("zd::krm::writeResults", "writeResults"),
                ("zd::yaml::writeDocument", "write")]
        lines = open(incl_all, encoding="utf-8", errors="replace").read().splitlines()
        for key, label in want:
            for line in lines:
                m = re.match(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$", line)
                if m and key in m.group(3) and "'" not in m.group(3).split(" [")[0][-4:]:
                    phases.append(f"{label} {float(m.group(2)):.1f} %")
                    break
        if phases:
            L.append("The function's phases, inclusive: " + "; ".join(phases) + ".")
            L.append("")

    # ---------------------------------------------------------------- static text
    L.append(STATIC)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L).rstrip() + "\n")


STATIC = """## What the kustomize patches do, and what they cannot

`build/bench/data/N/kustomize/patched/kustomization.yaml` (written by `bench/gen.py`) is what a user
writes today to get the alb-ip preset's changes from kustomize alone: a strategic-merge patch on every
Deployment (`maxUnavailable: 0`, `terminationGracePeriodSeconds: 50`), a JSON 6902 patch on every
Deployment's first container (`preStop: exec: [sleep, "30"]`, readiness `periodSeconds: 10`), a
strategic-merge patch on every Ingress (target-type ip, healthcheck interval "10" and timeout "5",
`target-group-attributes: deregistration_delay.timeout_seconds=30`) and one on every Namespace
(`elbv2.k8s.aws/pod-readiness-gate-inject: enabled`). What they cannot do, and the function does:

- **Merge `target-group-attributes` key by key.** The annotation is one string; a patch replaces it
  whole, so `stickiness.enabled=true,...` that a team set is silently lost. The function parses the
  list, sets `deregistration_delay.timeout_seconds` and keeps the other keys.
- **Keep a stricter user value.** A patch writes 30 over an app's `sleep 45` and 50 over a longer grace
  period; the function keeps a longer preStop and raises the grace period to cover it (45 + 15 + 5 = 65).
- **Compute per-workload values.** The grace period must be ≥ preStop + shutdown + margin and the
  deregistration delay must sit between the longest request and the grace period (rules K2, A4, IP4);
  patches carry constants, one per patch, not a value derived from each Deployment's own numbers.
- **Check rules.** Health-check timeout < interval, idle timeout vs keep-alive, a preStop that is not a
  plain sleep, `Recreate` strategies: a patch cannot report a violation, nor fail a build in check mode.
- **Only touch workloads actually behind an ALB Ingress.** Patch targets select by kind, name, namespace,
  labels or annotations, not by "selected by a Service that an Ingress of class alb routes to";
  the patches above also change every internal Deployment and every Namespace.
- **Find the serving container.** A strategic-merge patch merges containers by name and each app's
  container has its own name, so the container-level change needs JSON 6902 with an index (`/0/`): the
  wrong container when the sidecar comes first, and `add .../readinessProbe/periodSeconds` fails the
  whole build on a container without a readiness probe.
- **Keep types.** Patching `maxUnavailable: 0` over an input written `maxUnavailable: "25%"` (quoted, as
  this benchmark's input has it) makes kustomize (kyaml) keep the quotes and write `maxUnavailable: "0"`,
  a string, which the Deployment API rejects for an int-or-percent field (`"0"` is not a percentage).
  Over a plain `25%` it writes `0`. The function writes `0` in both cases.
- **Choose the place of a key.** The AWS Load Balancer Controller reads some annotations from the
  Service first; the function edits the copy the controller reads, a patch edits where it is told.
"""

if __name__ == "__main__":
    main()
