"""Checks that the pieces the rollout model is built from behave as the model says (~5 s).

1. deregistration, request shorter than the delay: it finishes with 200, new requests go elsewhere
2. deregistration, request longer than the delay: it is cut when the delay ends, not before
3. App Gateway, draining off: the in-flight request is cut at once (502)
4. kube-proxy: a connection stays pinned to its pod after the endpoint is removed; new ones do not
5. nginx stream (NLB): a connection stays pinned to its target across a reload that removes the
   target, and is not closed by it; new connections go to the new target; with no target a new
   connection is closed before any answer
6. the drain's eviction API (disruption.py): PodDisruptionBudget arithmetic and label selectors,
   pure functions, checked first
Run by run.sh before the harness; exits 1 on the first check that fails.
"""
import asyncio
import http.client
import json
import os
import signal
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import procs  # noqa: E402
from disruption import ALWAYS_ALLOW, Pdb, desired_healthy, eviction, selector_matches  # noqa: E402
from nginx import Nginx  # noqa: E402


async def start_pod(name, request, on_sigterm="close-idle"):
    cfg = {"name": name, "startup": 0, "request": request, "shutdown": 5, "keepalive": 30,
           "ready_path": "/ready", "on_sigterm": on_sigterm}
    p = await procs.spawn(f"pod {name}", [sys.executable, os.path.join(HERE, "pod.py"), json.dumps(cfg)],
                          stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE)
    port = int(await asyncio.wait_for(p.stdout.readline(), 10))
    return p, port


def get_in_thread(port, out, conn=None):
    """GET / in a thread; out gets (status or exception name, seconds taken, body)."""
    def run():
        c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        t = time.monotonic()
        try:
            c.request("GET", "/")
            r = c.getresponse()
            out.append((r.status, time.monotonic() - t, r.read().decode().strip()))
        except Exception as e:
            out.append((type(e).__name__, time.monotonic() - t, ""))
    th = threading.Thread(target=run)
    th.start()
    return th


async def join(th):
    while th.is_alive():
        await asyncio.sleep(0.01)


def check(cond, what):
    print(f"  {'ok  ' if cond else 'FAIL'} {what}", flush=True)
    if not cond:
        raise SystemExit(1)


async def drain_case(tmp, request, delay):
    pod, port = await start_pod("a", request)
    other, port2 = await start_pod("b", 0.01)
    ng = Nginx(tmp, shutdown_s=delay, idle_s=30, read_s=30, connect_s=1, empty_status=503)
    await ng.start([port])
    out = []
    th = get_in_thread(ng.port, out)
    await asyncio.sleep(0.05)
    await ng.apply([port2])  # deregister a, register b
    await asyncio.sleep(0.3)  # the master lets old and new workers overlap for 100 ms
    new = []
    th2 = get_in_thread(ng.port, new)
    await join(th)
    await join(th2)
    await ng.stop()
    for p in (pod, other):
        procs.kill(p.pid)
        await p.wait()
        procs.forget(p.pid)
    return out[0], new[0]


def pdb_cases():
    """The disruption controller's and the eviction API's arithmetic (disruption.py), by hand."""
    sel = {"matchLabels": {"app": "checkout"}}
    one = Pdb("shop/checkout", sel, max_unavailable=1)
    check(desired_healthy(one, 4, 4) == (4, 3), "maxUnavailable 1 of 4 replicas: 3 desired healthy")
    check(eviction(one, 4, 4, 4, True)[0], "maxUnavailable 1 of 4, 4 healthy: one eviction granted")
    check(not eviction(one, 4, 5, 3, True)[0] and "429" in eviction(one, 4, 5, 3, True)[1],
          "maxUnavailable 1 of 4, 3 healthy (one evicted, not gone yet): the next is refused (429)")
    half = Pdb("shop/checkout", sel, min_available="50%")
    check(desired_healthy(half, 4, 4)[1] == 2 and eviction(half, 4, 4, 3, True)[0]
          and not eviction(half, 4, 4, 2, True)[0], "minAvailable 50% of 4: 2 desired; 3 healthy may lose one, 2 not")
    check(desired_healthy(half, 3, 3)[1] == 2, "minAvailable 50% of 3 rounds up: 2 desired")
    check(desired_healthy(Pdb("n/p", sel, max_unavailable="30%"), 4, 4)[1] == 2,
          "maxUnavailable 30% of 4 rounds up to 2: 2 desired")
    check(desired_healthy(Pdb("n/p", sel, max_unavailable="25%"), 2, 2)[1] == 1,
          "maxUnavailable 25% of 2 rounds up to 1: 1 desired")
    check(desired_healthy(Pdb("n/p", sel, min_available=3), 4, 5) == (5, 3),
          "minAvailable 3 (an integer): 3 desired, the selected pods are the expected count")
    check(not eviction(Pdb("n/p", sel, max_unavailable=1), 0, 0, 0, True)[0], "no expected pod: nothing granted")
    check(not eviction(Pdb("n/p", sel), 4, 4, 4, True)[0],
          "neither minAvailable nor maxUnavailable: nothing granted")
    always = Pdb("shop/checkout", sel, max_unavailable=1, unhealthy_policy=ALWAYS_ALLOW)
    check(eviction(always, 4, 4, 2, False)[0] and not eviction(one, 4, 4, 2, False)[0],
          "2 of 3 desired healthy: a not-Ready pod may go under AlwaysAllow, not under IfHealthyBudget")
    check(not eviction(always, 4, 4, 2, True)[0], "AlwaysAllow lets no Ready pod go past the budget")
    check(eviction(one, 4, 4, 3, False)[0] and not eviction(one, 4, 4, 3, True)[0],
          "IfHealthyBudget, 3 of 3 healthy: a not-Ready pod may go, a Ready one not")
    expr = {"matchExpressions": [{"key": "app", "operator": "In", "values": ["checkout", "cart"]},
                                 {"key": "canary", "operator": "DoesNotExist"},
                                 {"key": "tier", "operator": "NotIn", "values": ["batch"]}]}
    check(selector_matches(expr, {"app": "cart"}) and not selector_matches(expr, {"app": "cart", "canary": "1"})
          and not selector_matches(expr, {"app": "cart", "tier": "batch"}) and selector_matches({}, {"a": "b"})
          and not selector_matches(None, {"a": "b"}) and not selector_matches(sel, {"app": "cart"}),
          "label selectors: matchLabels, In, NotIn, DoesNotExist; {} selects every pod, none selects none")


async def main():
    procs.install_handlers()
    tmp = tempfile.mkdtemp(prefix="zd-rollout-selftest-")
    procs.track_dir(tmp)
    try:
        print("rollout self-test: the eviction API, nginx, pods and kube-proxy behave as the model says")
        pdb_cases()
        (st, took, body), (st2, _, body2) = await drain_case(f"{tmp}/1", request=0.3, delay=1.0)
        check(st == 200 and body.startswith("a"), f"in-flight request on a deregistered target finishes "
                                                  f"within the delay ({st}, {took:.2f}s)")
        check(st2 == 200 and body2.startswith("b"), f"a new request goes to the remaining target ({st2} {body2})")

        (st, took, _), _ = await drain_case(f"{tmp}/2", request=2.0, delay=0.5)
        check(st != 200 and 0.45 <= took <= 1.0,
              f"a request still in flight when the delay ends is cut then ({st} after {took:.2f}s)")

        pod, port = await start_pod("c", 1.0)
        ng = Nginx(f"{tmp}/3", shutdown_s=30, idle_s=30, read_s=30, connect_s=1, empty_status=502)
        await ng.start([port])
        out = []
        th = get_in_thread(ng.port, out)
        await asyncio.sleep(0.2)
        procs.kill(pod.pid, signal.SIGUSR1)  # App Gateway drops the removed backend's connections
        await join(th)
        st, took, _ = out[0]
        check(st == 502 and took < 0.5, f"draining off: the in-flight request is cut at once ({st}, {took:.2f}s)")
        await ng.stop()
        procs.kill(pod.pid)
        await pod.wait()
        procs.forget(pod.pid)

        a, pa = await start_pod("a", 0.01)
        b, pb = await start_pod("b", 0.01)
        kp = await procs.spawn("kube-proxy", [sys.executable, os.path.join(HERE, "kubeproxy.py"), "1"],
                               stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        kport = int(await asyncio.wait_for(kp.stdout.readline(), 10))
        kp.stdin.write(f"EP {pa}\n".encode())
        await asyncio.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", kport, timeout=5)
        out = []
        await join(get_in_thread(kport, out, conn))
        kp.stdin.write(f"EP {pb}\n".encode())
        await asyncio.sleep(0.05)
        await join(get_in_thread(kport, out, conn))
        await join(get_in_thread(kport, out))
        conn.close()
        check([o[2][:1] for o in out] == ["a", "a", "b"],
              f"kube-proxy pins a connection to its pod ({', '.join(o[2] for o in out)})")
        for p in (a, b, kp):
            procs.kill(p.pid)
            await p.wait()
            procs.forget(p.pid)

        a, pa = await start_pod("a", 0.01)
        b, pb = await start_pod("b", 0.01)
        ng = Nginx(f"{tmp}/5", shutdown_s=None, idle_s=30, read_s=None, connect_s=1, empty_status=None,
                   stream=True)
        await ng.start([pa])
        conn = http.client.HTTPConnection("127.0.0.1", ng.port, timeout=5)
        out = []
        await join(get_in_thread(ng.port, out, conn))
        old = await ng.apply([pb])  # a leaves the NLB (no new flows), b joins
        await ng.stopped_accepting(old)
        await asyncio.sleep(1.0)  # an ALB's nginx would have cut the old worker's connections by now
        await join(get_in_thread(ng.port, out, conn))
        await join(get_in_thread(ng.port, out))
        conn.close()
        check([o[2][:1] for o in out] == ["a", "a", "b"],
              f"nginx stream pins a connection to its target across a reload ({', '.join(o[2] for o in out)})")
        old = await ng.apply([])
        await ng.stopped_accepting(old)
        out = []
        await join(get_in_thread(ng.port, out))
        check(out[0][0] in ("RemoteDisconnected", "ConnectionResetError"),
              f"nginx stream with no target closes a new connection ({out[0][0]})")
        await ng.stop()
        for p in (a, b):
            procs.kill(p.pid)
            await p.wait()
            procs.forget(p.pid)
    finally:
        procs.kill_all()
        procs.forget_dir(tmp)


if __name__ == "__main__":
    asyncio.run(main())
