"""Rolling updates behind a real nginx, with real pods and real traffic, on 127.0.0.1 only.

Usage: harness.py PATH/TO/zero-downtime
For each preset and scenario, reads tests/rollout/apps/<preset>.yaml (scenario "rolling": a
Deployment's rolling update; scenario "drain": the same Deployment's pods evicted node by node, as a
cluster upgrade's kubectl drain does, honouring the manifests' PodDisruptionBudget) or
apps/<preset>-<scenario>.yaml (scenario "blue-green": an Argo Rollouts blue-green switch),
"before": the seeds' defaults, and the same manifests after `zero-downtime --preset <preset>`
("after"), and plays ROLLOUTS updates (or drains) of each while a load generator runs. An "after"
rollout must have no error, unless the function reports RO3 for the app (a blue-green switch it
cannot make safe): then its errors must all fall inside the switch window, from the LB taking the
switch until its first route to a new target is in force. See README.md beside this file.

Environment:
  ROLLOUT_QUICK=1      1 rollout per preset, scenario and variant, 2 replicas (CI); default 5
                       rollouts
  ROLLOUT_RUNS=N       rollouts per preset and variant (overrides the mode's number)
  ROLLOUT_REPLICAS=N   replicas (overrides the manifests' and the quick mode's 2)
  ROLLOUT_PRESETS=...  comma-separated subset of alb-ip,alb-instance,agic,nlb-ip,nlb-instance,agc,
                       gke-neg
  ROLLOUT_SCENARIOS=.. comma-separated subset of rolling,drain,blue-green (default all three; the
                       drain plays alb-ip, agic, agc and gke-neg, the quick run alb-ip only unless
                       ROLLOUT_PRESETS names others)
  ROLLOUT_JOBS=N       rollouts played at the same time (default 3)
  ROLLOUT_SCALE=F      time scale (default 0.1: every duration divided by 10); the NLB presets
                       play at a stronger one, SCALE_FACTOR times it (0.03 by default)
  ROLLOUT_APPS=...     also play the app with this ON_SIGTERM (close-idle, drain, exit), whatever
                       the manifests say; reported separately, not asserted
  ROLLOUT_NAIVE=1      the same as ROLLOUT_APPS=exit: an app that exits at once on SIGTERM
  ROLLOUT_VERBOSE=1    print each rollout's timeline with the errors the client saw
  ROLLOUT_SEED=N       base of the per-rollout random seeds (default 1)
  ROLLOUT_VARIANTS=... before,after (default both; a subset is for investigating only)
"""
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import procs  # noqa: E402
import lb  # noqa: E402
import manifest  # noqa: E402
from cluster import BlueGreenController, DeploymentController, DrainController, Kubelet  # noqa: E402

# agc and then gke-neg come last, so that the seeds of the others (PRESETS.index) stay what they were.
PRESETS = ["alb-ip", "alb-instance", "agic", "nlb-ip", "nlb-instance", "agc", "gke-neg"]
# The NLB's lags are minutes (registration E_reg 180 s, new connections for E 120 s after a
# deregistration, preStop 180 s): its presets play at this fraction of ROLLOUT_SCALE, so that a
# rollout of 4 pods stays well inside ROLLOUT_LIMIT.
SCALE_FACTOR = {"nlb-ip": 0.3, "nlb-instance": 0.3}
# "rolling": apps/<preset>.yaml, a Deployment. "drain": the same Deployment's pods evicted node by
# node, as a cluster upgrade's kubectl drain does. "blue-green": apps/<preset>-blue-green.yaml, an
# Argo Rollout whose active Service the harness switches. The order is that of the proof lines.
SCENARIOS = ["rolling", "drain", "blue-green"]
# Added to a rollout's seed, so that the seeds of the scenarios older than drain stay what they were.
SEED_OFFSET = {"rolling": 0, "blue-green": 50, "drain": 25}
# The order of the proof lines, each scenario's presets in turn: the proof ends with alb-ip
# blue-green, the switch no manifest makes safe. The drain plays the presets whose load balancer
# sends to pod IPs: behind alb-instance and the NLB presets the targets are nodes, and a drained
# node leaving the target group is not played (README, "Node drain").
REPORT_ORDER = {"rolling": PRESETS, "drain": ["alb-ip", "agic", "agc", "gke-neg"],
                "blue-green": ["alb-instance", "agic", "alb-ip"]}  # no NLB, agc or gke-neg blue-green
# The quick run (ROLLOUT_QUICK=1 without ROLLOUT_PRESETS) plays the drain for these only.
QUICK_DRAIN = ["alb-ip"]
# Where the sources expect "before" to have no error, so that a clean "before" does not show the
# model to be kinder than the real load balancer (README, "Results").
CLEAN_BEFORE_EXPECTED = {
    ("alb-instance", "blue-green"): "Argo's default scaleDownDelaySeconds, 30 s, is there to outlast "
                                    "kube-proxy's update (bluegreen.md), E = 5 s here",
}
CONCURRENCY = 32          # load generator keep-alive connections
INTERVAL = 0.25           # seconds between two requests of one connection (wall time)
ROLLOUT_LIMIT = 60.0      # seconds of wall time per rollout, start of load to end of load
WARMUP = 1.0              # load on the steady state before the rollout starts (wall seconds)
TAIL = 1.0                # load after the rollout has converged (wall seconds)
# How long after nginx answers the client may take to record it (wall seconds): the load
# generator's threads share 2 cores with everything else.
CLIENT_LAG = 0.05


def env_int(name, default):
    v = os.environ.get(name, "")
    return int(v) if v.strip() else default


def label(preset, scenario):
    """How the output names a preset and scenario: "alb-ip", "alb-ip blue-green"."""
    return preset if scenario == "rolling" else f"{preset} {scenario}"


def app_file(preset, scenario):
    """The drain plays the rolling scenario's Deployment."""
    name = preset if scenario == "drain" else label(preset, scenario).replace(" ", "-")
    return os.path.join(HERE, "apps", f"{name}.yaml")


@dataclass
class Result:
    preset: str
    scenario: str
    variant: str
    app: str              # "" : the app as the manifests describe it; else the ON_SIGTERM override
    run: int
    requests: int = 0
    non2xx: int = 0
    conn_errors: int = 0
    stale_retries: int = 0
    seconds: float = 0.0
    statuses: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    failure: str = ""
    # The switch window (World.switch_window), in cluster seconds, and how many errors fell
    # outside it; None where no LB recorded one.
    window: Optional[float] = None
    outside_window: int = 0

    @property
    def errors(self):
        return self.non2xx + self.conn_errors


class World:
    """What one rollout shares: the spec, the pods, the event log, the LB, the clock."""

    def __init__(self, spec, app_override, seed, scale):
        self.spec = spec
        self.app_override = app_override
        self.seed = seed
        self.scale = scale
        self.rng = random.Random(seed)
        self.pods = []
        self.tasks = set()
        self.events = []
        self.failures = []
        self.stopping = False
        self.phase = "setup"
        self.lb = None
        # The version the Service behind the Ingress selects: None for a Deployment (every pod),
        # a blue-green Rollout's active version otherwise (Argo adds its pod-template hash).
        self.active_version = None
        # A blue-green switch as the LB takes it (lb.py): [when it takes the switch, when its first
        # route to a new target is in force]; None until then. alb-ip and agic record it (RO3).
        self.switch_window = [None, None]
        self._changed = asyncio.Event()

    def tool(self, name):
        return os.path.join(HERE, name)

    def log(self, msg):
        self.events.append((time.monotonic(), msg))

    def names(self, ports):
        by_port = {p.port: p.name for p in self.pods}
        return ", ".join(sorted(by_port.get(p, str(p)) for p in ports))

    def selects(self, pod):
        return self.active_version in (None, pod.version)

    def switch_active(self, version):
        """Argo's reconcileActiveService: the active Service's selector moves to `version`."""
        self.active_version = version
        self.log(f"active Service selector -> v{version}")
        self.lb.selector_changed()
        self.poke()

    def pod_changed(self, pod):
        if pod.ready and pod.ready_since is None:
            pod.ready_since = time.monotonic()
            self.log(f"{pod.name} Ready")
        elif not pod.ready:
            pod.ready_since = None
        self.poke()

    def poke(self):
        self._changed.set()

    async def wait_change(self, timeout):
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except asyncio.TimeoutError:
            pass
        self._changed.clear()

    def spawn(self, coro, name):
        t = asyncio.create_task(coro, name=name)
        self.tasks.add(t)

        def done(t):
            self.tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                self.fail(f"{t.get_name()}: {t.exception()!r}")
        t.add_done_callback(done)

    def fail(self, msg):
        self.failures.append(msg)

    async def until(self, cond, seconds, what):
        end = time.monotonic() + seconds
        while not cond():
            if self.failures:
                raise RuntimeError("; ".join(self.failures))
            if time.monotonic() > end:
                raise TimeoutError(f"timed out waiting for {what}")
            await self.wait_change(0.02)


async def run_rollout(spec, scenario, variant, app, run, seed, scale, verbose, ro3=False):
    res = Result(spec.preset, scenario, variant, app, run)
    workdir = tempfile.mkdtemp(prefix=f"zd-rollout-{spec.preset}-{variant}-")
    procs.track_dir(workdir)
    w = World(spec, app, seed, scale)
    w.lb = lb.make(w, workdir)
    kubelet = Kubelet(w)
    if spec.strategy == "BlueGreen":
        w.active_version = 1
        dc = BlueGreenController(w, kubelet)
    elif scenario == "drain":
        dc = DrainController(w, kubelet)
    else:
        dc = DeploymentController(w, kubelet)
    loadgen = None
    t_roll = None
    try:
        await w.lb.start()
        initial = [dc.create(1) for _ in range(spec.replicas)]
        await w.until(lambda: all(p.ready for p in initial) and w.lb.converged(w.pods)
                      and not w.lb.route_lock.locked(), 30, "the steady state")
        await w.lb.nginx.settle()  # no worker of an older config (no target at all) takes requests
        w.phase = "rollout"
        loadgen = await procs.spawn("loadgen", [sys.executable, w.tool("loadgen.py"), str(w.lb.nginx.port),
                                                str(CONCURRENCY), str(INTERVAL), str(ROLLOUT_LIMIT + 30), "1000000"],
                                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        t_load = time.monotonic()
        await asyncio.sleep(WARMUP)
        t_roll = time.monotonic()
        if scenario == "drain":
            w.log("drain starts")
            await dc.drain(t_load + ROLLOUT_LIMIT)
        else:
            w.log("rollout starts")
            await dc.rollout(2, t_load + ROLLOUT_LIMIT)
        # After a rollout the terminating pods are the old ones; after a drain, the evicted ones.
        await w.until(lambda: all(p.exited.is_set() for p in w.pods if p.terminating) and w.lb.converged(w.pods),
                      max(1.0, t_load + ROLLOUT_LIMIT - TAIL - time.monotonic()),
                      "old pods to exit and the LB to converge")
        w.log("old pods gone, LB converged")
        await asyncio.sleep(TAIL)
        res.seconds = time.monotonic() - t_load
        stats = await stop_loadgen(loadgen)
        loadgen = None
        res.requests, res.non2xx, res.conn_errors = stats["requests"], stats["non2xx"], stats["conn_errors"]
        res.statuses = stats["statuses"]
        res.stale_retries = stats["stale_retries"]
        for _, kind in stats["errors"]:
            k = kind.split(":")[0] if ":" in kind else kind.split(" ")[0]
            res.kinds[k] = res.kinds.get(k, 0) + 1
        start, end = w.switch_window
        if start is not None and isinstance(end, float):
            res.window = (end - start) / scale
            # Errors past the log's cap have no time: they count as outside.
            res.outside_window = res.errors - sum(start <= t <= end + CLIENT_LAG for t, _ in stats["errors"])
        if w.failures:
            res.failure = "; ".join(w.failures)
        if res.seconds > ROLLOUT_LIMIT:
            res.failure = f"rollout took {res.seconds:.1f}s, over {ROLLOUT_LIMIT:.0f}s"
        unexplained = res.errors if not ro3 or res.window is None else res.outside_window
        if verbose or (variant == "after" and unexplained and not app):
            print_timeline(res, w, stats["errors"] + stats["retries"], t_roll)
    except Exception as e:  # a harness failure is a failed rollout, never a pass
        res.failure = f"{type(e).__name__}: {e}"
        if t_roll is not None or verbose:
            print_timeline(res, w, [], t_roll or time.monotonic())
    finally:
        if loadgen is not None:
            procs.kill(loadgen.pid)
            await loadgen.wait()
            procs.forget(loadgen.pid)
        # Python before 3.12 can lose a cancel that lands as an asyncio.wait_for finishes
        # (bpo-42130), and a probe or health-check loop would then run on and the gather below
        # never return: the loops also stop on this flag.
        w.stopping = True
        tasks = list(w.tasks)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # a pod being spawned gets its PID tracked
        for p in w.pods:
            if p.proc is not None and p.proc.returncode is None:
                procs.kill(p.proc.pid)
                try:
                    await asyncio.wait_for(p.proc.wait(), 3)
                except asyncio.TimeoutError:
                    pass
            if p.proc is not None:
                procs.forget(p.proc.pid)
        await w.lb.stop()
        procs.forget_dir(workdir)
    return res


async def stop_loadgen(proc):
    proc.stdin.close()
    out = await asyncio.wait_for(proc.stdout.read(), 60)
    await proc.wait()
    procs.forget(proc.pid)
    return json.loads(out.decode())


def print_timeline(res, w, errors, t0):
    lines = [(t, "   ", m) for t, m in w.events]
    # errors bucketed per 100 ms of wall time, so a burst reads as one line
    buckets = {}
    for t, kind in errors:
        b = round((t - t0) * 10) / 10
        buckets.setdefault(b, {}).setdefault(kind[:50], 0)
        buckets[b][kind[:50]] += 1
    for b, kinds in buckets.items():
        tag = "RTY" if all(k.startswith("stale") for k in kinds) else "ERR"
        lines.append((t0 + b, tag, ", ".join(f"{n} x {k}" for k, n in kinds.items())))
    lines.sort(key=lambda x: x[0])
    print(f"--- timeline of {label(res.preset, res.scenario)} {res.variant} #{res.run}{app_label(res.app)}, "
          f"seconds from the rollout start (scaled x{w.scale:g}):", flush=True)
    for t, tag, m in lines:
        print(f"  {t - t0:7.3f} {tag} {m}")
    if res.failure:
        print(f"  failure: {res.failure}")
    sys.stdout.flush()


def describe(spec, scenario, variant, scale):
    s = spec.seconds
    keys = [k for k in ("replicas", "maxSurge", "maxUnavailable", "scaleDownDelaySeconds",
                        "autoPromotionEnabled", "minReadySeconds", "preStop",
                        "terminationGracePeriodSeconds", "readiness.periodSeconds",
                        "readiness.failureThreshold", "healthcheck-interval", "healthcheck-timeout",
                        "healthcheck-protocol", "healthyThreshold", "unhealthyThreshold",
                        "deregistration_delay", "idle_timeout", "tcp.idle_timeout",
                        "readinessGate", "connectionDraining", "connection-draining-timeout",
                        "request-timeout", "probe.source", "probe.interval", "probe.timeout",
                        "routeTimeout", "closes-connections", "healthcheck.source", "healthcheck-path",
                        "drainingTimeoutSec", "backendTimeoutSec", "lbPropagationSeconds",
                        "registrationLagSeconds", "STARTUP_SECONDS", "REQUEST_SECONDS",
                        "SHUTDOWN_SECONDS", "pdb") if k in s]
    body = ", ".join(f"{k}={s[k]}" for k in keys)
    return f"{label(spec.preset, scenario)} {variant} (seconds as in the manifests, played x{scale:g}): {body}"


def after_manifests(binary, preset, text):
    p = subprocess.run([binary, "--preset", preset], input=text.encode(), capture_output=True, timeout=30)
    if p.returncode != 0:
        raise RuntimeError(f"zero-downtime --preset {preset} exited {p.returncode}: {p.stderr.decode()}")
    return p.stdout.decode(), p.stderr.decode()


def app_label(app):
    return f" (app ON_SIGTERM={app})" if app else ""


def fmt(res):
    extra = ""
    if res.errors:
        codes = {k: v for k, v in res.statuses.items() if not k.startswith("2")}
        parts = [f"{k} x{v}" for k, v in sorted(codes.items())]
        parts += [f"{k} x{v}" for k, v in sorted(res.kinds.items()) if not k[:1].isdigit()]
        extra = " [" + ", ".join(parts) + "]"
    fail = f" FAILED: {res.failure}" if res.failure else ""
    stale = f", {res.stale_retries} stale keep-alive retries" if res.stale_retries else ""
    window = ""
    if res.window is not None:
        window = f", switch window {res.window:.1f} s" + (f" ({res.outside_window} errors outside)"
                                                            if res.outside_window else "")
    return (f"{label(res.preset, res.scenario)} {res.variant} #{res.run}{app_label(res.app)}: "
            f"{res.requests} requests, {res.non2xx} non-2xx, {res.conn_errors} connection errors, "
            f"{res.seconds:.1f}s{window}{stale}{extra}{fail}")


def preset_scale(cfg, preset):
    return cfg["scale"] * SCALE_FACTOR.get(preset, 1.0)


async def play_preset(preset, scenario, binary, cfg, sem):
    scale = preset_scale(cfg, preset)
    with open(app_file(preset, scenario)) as f:
        before_text = f.read()
    with open(os.path.join(ROOT, "presets", f"{preset}.yaml")) as f:
        preset_text = f.read()
    after_text, fn_results = after_manifests(binary, preset, before_text)
    specs = {}
    unplayed = {}
    for variant, text in (("before", before_text), ("after", after_text)):
        specs[variant] = manifest.load(text, preset, preset_text, scale, cfg["replicas"])
        print(describe(specs[variant], scenario, variant, scale), flush=True)
        unplayed[variant] = unplayed_window(specs[variant])
        if unplayed[variant]:
            print(f"{label(preset, scenario)} {variant}: not played: {unplayed[variant]}", flush=True)
    if cfg["verbose"]:
        print(f"zero-downtime --preset {preset}:\n{fn_results}", flush=True)
    if reports_ro3(specs["after"], fn_results):
        cfg["ro3"].add((preset, scenario))
        print(f"{label(preset, scenario)} after: the function reports RO3; errors are allowed inside the "
              f"switch window only", flush=True)
    results = []
    for app in [""] + cfg["apps"]:
        for variant in cfg["variants"]:
            for run in range(1, cfg["runs"] + 1):
                seed = (cfg["seed"] * 1000 + PRESETS.index(preset) * 100 + SEED_OFFSET[scenario]
                        + run * 2 + (variant == "after"))
                async with sem:
                    r = await run_rollout(specs[variant], scenario, variant, app, run, seed, scale,
                                          cfg["verbose"], (preset, scenario) in cfg["ro3"])
                if variant == "after" and unplayed[variant] and not r.failure:
                    r.failure = f"not played: {unplayed[variant]}"
                print(fmt(r), flush=True)
                results.append(r)
    return results


def reports_ro3(spec, fn_results):
    """Whether the function's results name RO3 for the app's Rollout: a blue-green switch that
    replaces every target, which it reports as impossible to make safe. Its results on stderr
    read `[warning] argoproj.io/v1alpha1/Rollout/NS/NAME FIELD: RO3: ...`."""
    ref = re.escape(f"{manifest.ROLLOUT_API}/Rollout/{spec.name}")
    return any(re.match(rf"\[\w+\] {ref}( \S+)?: RO3: ", line) for line in fn_results.splitlines())


def unplayed_window(spec):
    """What the model's choice for a blue-green switch leaves unplayed, or "". The LB is played
    reconciling E_reg after the switch and stopping the old targets at once, the less kind choice
    for the new targets (README, "Blue-green"). After a deletion the model gives a load balancer E
    to stop sending a pod new requests, and a real one may take as long here. An old pod whose
    SIGTERM falls between E_reg and E after the switch would then get requests after it closed its
    listener: errors a real rollout could have and this one cannot show. kube-proxy (alb-instance)
    is played at E itself, so it has no such window."""
    if spec.strategy != "BlueGreen" or spec.preset == "alb-instance":
        return ""
    s = spec.seconds
    sigterm = s["scaleDownDelaySeconds"] + min(s["preStop"], s["terminationGracePeriodSeconds"])
    if s["registrationLagSeconds"] <= sigterm < s["lbPropagationSeconds"]:
        return (f"the old pods get SIGTERM {sigterm:g} s after the switch (scaleDownDelaySeconds + preStop), "
                f"before E = {s['lbPropagationSeconds']} s, when a real load balancer may still send them requests")
    return ""


def ro3_line(name, after):
    """The line under an RO3 scenario's proof line: why its "after" may have errors."""
    errors = sum(r.errors for r in after)
    outside = sum(r.errors if r.window is None else r.outside_window for r in after)
    widest = max((r.window for r in after if r.window is not None), default=None)
    where = "none in" if not errors else "all inside" if not outside else f"{outside} outside"
    window = f" (max {widest:.1f} s)" if widest is not None else " (not seen)"
    return f"{name}: RO3 (reported by the function): {errors} errors after, {where} the switch window{window}"


async def amain(binary, cfg):
    sem = asyncio.Semaphore(cfg["jobs"])
    groups = await asyncio.gather(*(play_preset(p, s, binary, cfg, sem) for s, p in cfg["pairs"]))
    return [r for g in groups for r in g]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: harness.py PATH/TO/zero-downtime")
    binary = os.path.abspath(sys.argv[1])
    quick = os.environ.get("ROLLOUT_QUICK", "") not in ("", "0")
    cfg = {
        "runs": env_int("ROLLOUT_RUNS", 1 if quick else 5),
        "replicas": env_int("ROLLOUT_REPLICAS", 2 if quick else 0) or None,
        "jobs": env_int("ROLLOUT_JOBS", 3),
        "scale": float(os.environ.get("ROLLOUT_SCALE") or 0.1),
        "apps": [a for a in (os.environ.get("ROLLOUT_APPS") or "").split(",") if a],
        "verbose": os.environ.get("ROLLOUT_VERBOSE", "") not in ("", "0"),
        "seed": env_int("ROLLOUT_SEED", 1),
        "variants": [v for v in (os.environ.get("ROLLOUT_VARIANTS") or "before,after").split(",") if v],
        "presets": [p for p in (os.environ.get("ROLLOUT_PRESETS") or ",".join(PRESETS)).split(",") if p],
        "scenarios": [s for s in (os.environ.get("ROLLOUT_SCENARIOS") or ",".join(SCENARIOS)).split(",") if s],
    }
    if os.environ.get("ROLLOUT_NAIVE", "") not in ("", "0") and "exit" not in cfg["apps"]:
        cfg["apps"].append("exit")
    for p in cfg["presets"]:
        if p not in PRESETS:
            sys.exit(f"rollout: unknown preset {p!r}")
    for s in cfg["scenarios"]:
        if s not in SCENARIOS:
            sys.exit(f"rollout: unknown scenario {s!r}")
    cfg["scenarios"].sort(key=SCENARIOS.index)
    # What is played and reported, in this order: the scenarios, each with its presets.
    if quick and not os.environ.get("ROLLOUT_PRESETS"):
        cfg["drain_presets"] = QUICK_DRAIN
    else:
        cfg["drain_presets"] = cfg["presets"]
    cfg["pairs"] = [(s, p) for s in cfg["scenarios"] for p in REPORT_ORDER[s]
                    if p in (cfg["drain_presets"] if s == "drain" else cfg["presets"])]
    cfg["ro3"] = set()  # (preset, scenario) whose "after" the function reports as RO3
    for a in cfg["apps"]:
        if a not in manifest.ON_SIGTERM:
            sys.exit(f"rollout: ROLLOUT_APPS: unknown ON_SIGTERM {a!r}")
    procs.install_handlers()
    started = time.monotonic()
    mode = "quick" if quick else "full"
    nlb = [p for p in cfg["presets"] if p in SCALE_FACTOR]
    scales = f"time scale x{cfg['scale']:g}" + (f" (x{preset_scale(cfg, nlb[0]):g} for {', '.join(nlb)})" if nlb else "")
    print(f"rollout: {mode} mode, {cfg['runs']} rollout(s) per preset and variant, {scales}, "
          f"{CONCURRENCY} keep-alive client connections at {CONCURRENCY / INTERVAL:g} requests/s, 127.0.0.1 only", flush=True)
    try:
        results = asyncio.run(amain(binary, cfg))
    finally:
        procs.kill_all()
    problems = []
    lines = []
    extra_lines = []
    for scenario, preset in cfg["pairs"]:
        name = label(preset, scenario)
        for app in [""] + cfg["apps"]:
            rs = [r for r in results if r.preset == preset and r.scenario == scenario and r.app == app]
            if not rs:
                continue
            b = [r for r in rs if r.variant == "before"]
            a = [r for r in rs if r.variant == "after"]
            line = (f"{name} before: {sum(r.errors for r in b)} errors / {sum(r.requests for r in b)} requests; "
                    f"after: {sum(r.errors for r in a)} errors / {sum(r.requests for r in a)} requests")
            for r in rs:
                if r.failure:
                    problems.append(f"{name} {r.variant} #{r.run}{app_label(app)} failed: {r.failure}")
            if app:
                extra_lines.append(f"not asserted, app ON_SIGTERM={app}: {line}")
                continue
            for r in a:
                if r.errors and (preset, scenario) not in cfg["ro3"]:
                    problems.append(f"{name} after #{r.run}: {r.errors} errors, expected none")
                elif r.errors and r.window is None:
                    problems.append(f"{name} after #{r.run}: {r.errors} errors and no switch window seen")
                elif r.outside_window:
                    problems.append(f"{name} after #{r.run}: {r.outside_window} of {r.errors} errors outside "
                                    f"the switch window, which RO3 allows errors in only")
            if b and sum(r.errors for r in b) == 0:
                if (preset, scenario) in CLEAN_BEFORE_EXPECTED:
                    extra_lines.append(f"{name} before: no errors, as expected: {CLEAN_BEFORE_EXPECTED[preset, scenario]}")
                else:
                    problems.append(f"{name} before: no errors; the model is kinder than a real load balancer")
            lines.append(line)
            if (preset, scenario) in cfg["ro3"] and a:
                lines.append(ro3_line(name, a))
    for line in extra_lines:
        print(line)
    print(f"rollout: {len(results)} rollouts in {time.monotonic() - started:.0f}s")
    for p in problems:
        print(f"FAIL {p}")
    leftover = procs.live()
    if leftover:
        print(f"FAIL processes left running: {leftover}")
        problems.append("leftover processes")
    for line in lines:
        print(line)
    sys.stdout.flush()
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
