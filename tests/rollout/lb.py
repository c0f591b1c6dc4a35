"""The load balancers' control planes, played by the harness in front of a real nginx.

AlbIp        ALB, target type ip (docs/timing-model.md, "alb-ip"): pods are targets.
AlbInstance  ALB, target type instance ("alb-instance"): the node is the target, kube-proxy picks
             the pod.
AppGateway   App Gateway through AGIC ("agic", AG5): the backend pool holds the pod IPs.
NlbIp        NLB, target type ip ("nlb-ip"): pods are targets, behind a TCP proxy (nginx stream).
NlbInstance  NLB, target type instance ("nlb-instance"): the node is the target, kube-proxy picks
             the pod, behind a TCP proxy.
Agc          Application Gateway for Containers ("agc", AC1-AC7): the pool holds the pod IPs; a
             client connection stays with its pod until one end closes it (a TCP proxy).
GkeNeg       GKE container-native load balancing ("gke-neg", GK1-GK9): pods are endpoints in
             network endpoint groups (NEGs) behind Google's front ends, an HTTP proxy.

Each one learns of pods as the Kubernetes API would tell its controller (started, containers
ready, deleted), acts after the preset's lag, health-checks its targets itself, and writes the
set of targets that get new requests to nginx. It hears only of the pods that the Service behind
the Ingress selects (World.selects). When a blue-green Rollout moves that Service's selector,
`selector_changed` reconciles to the new endpoints in one step: old pods out, new pods in. ALB ip
and App Gateway record the switch window (World.switch_window): from that step until their first
route to a new target is in force, the time in which RO3 says errors cannot be avoided.
"""
import asyncio
import signal
import sys
import time

import procs
from nginx import Nginx

ALB_CONNECT_TIMEOUT = 10  # seconds: an ALB answers 504 when a target does not accept within 10 s


async def tcp_ok(port, timeout):
    """One TCP health check: pass if the target accepts a connection within timeout."""
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    except (OSError, asyncio.TimeoutError):
        return False
    writer.close()
    return True


async def http_ok(port, path, timeout, codes):
    """One health check or probe: GET path on a new connection, pass if the status is in codes."""
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n".encode())
        line = await asyncio.wait_for(reader.readline(), max(0.001, timeout))
        status = int(line.split()[1])
        return any(a <= status <= b for a, b in codes)
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return False
    finally:
        if writer is not None:
            writer.close()


class Base:
    def __init__(self, world, workdir):
        self.w = world
        self.spec = world.spec
        self.workdir = workdir
        self.pending = set()
        self.routed = None
        self.route_lock = asyncio.Lock()
        self.nginx = None

    def later(self, delay, coro_fn, what):
        """Runs coro_fn after `delay`: a controller's lag."""
        if self.w.phase == "setup":
            delay = 0  # the steady state before the rollout: every change happened long ago

        async def run():
            await asyncio.sleep(delay)
            await coro_fn()
        t = asyncio.create_task(run(), name=what)
        self.pending.add(t)
        t.add_done_callback(self._done)

    def _done(self, t):
        self.pending.discard(t)
        if not t.cancelled() and t.exception() is not None:
            self.w.fail(f"{t.get_name()}: {t.exception()!r}")

    def spawn(self, coro, what):
        t = asyncio.create_task(coro, name=what)
        self.w.tasks.add(t)
        t.add_done_callback(self._done)

    async def set_routes(self, ports):
        """Applies the set of targets that get new requests (None or empty: no target)."""
        async with self.route_lock:
            ports = frozenset(ports or ())
            if ports == self.routed:
                return
            self.routed = ports
            old_workers = await self.nginx.apply(ports)
            what = "connections" if self.nginx.stream else "requests"
            self.w.log(f"LB routes new {what} to {self.w.names(ports) or 'no target'}")
            w = self.w
            if w.switch_window[0] is not None and w.switch_window[1] is None and \
                    any(p.port in ports and w.selects(p) for p in w.pods):
                w.switch_window[1] = "pending"
                self.spawn(self._end_switch_window(old_workers), "end of the switch window")

    async def _end_switch_window(self, old_workers):
        """The window ends once the first route to a new target is in force: when the nginx
        workers of the configs before it take no more requests."""
        end = await self.nginx.stopped_accepting(old_workers)
        self.w.switch_window[1] = end if end is not None else "not seen"
        self.w.log("switch window ends: every request goes by a route to a new target" if end is not None
                   else "switch window: the old nginx workers did not stop taking requests in time")

    def switch_reconciled(self):
        """The switch reaches the LB: the start of the window in which its new targets or members
        have not passed their first health check yet (RO3). It ends once one of them is routed."""
        self.w.switch_window[0] = time.monotonic()
        self.w.log("switch window starts: the LB takes the switch")

    async def stop(self):
        for t in list(self.pending):
            t.cancel()
        if self.nginx:
            await self.nginx.stop()

    # hooks, overridden where the LB cares
    def pod_started(self, pod):
        pass

    def pod_containers_ready(self, pod):
        pass

    def pod_deleted(self, pod):
        pass

    def selector_changed(self):
        raise NotImplementedError


class Target:
    def __init__(self, pod):
        self.pod = pod
        self.state = "initial"
        self.ok = 0
        self.fail = 0
        self.draining = False  # NLB: deregistered, still sent new flows until E; no more checks


class HealthChecked(Base):
    """Targets with LB health checks: interval, timeout, healthy / unhealthy thresholds."""

    # Passing checks a new target needs to be healthy: one on an ALB (AWS) and App Gateway.
    def initial_passes(self):
        return 1

    async def check(self, t):
        s = self.spec
        return await http_ok(t.pod.port, s.hc_path, s.hc_timeout, s.hc_codes)

    def __init__(self, world, workdir):
        super().__init__(world, workdir)
        self.targets = {}  # pod -> Target

    def add_target(self, pod):
        if pod in self.targets or pod.terminating:
            return
        t = Target(pod)
        self.targets[pod] = t
        self.w.log(f"LB registers {pod.name} (state initial)")
        self.spawn(self.check_loop(t), f"health checks of {pod.name}")

    async def check_loop(self, t):
        s = self.spec
        await asyncio.sleep(self.w.rng.uniform(0, s.hc_interval))  # the LB's own phase
        while t.state != "removed" and not t.draining and not self.w.stopping:
            start = time.monotonic()
            ok = await self.check(t)
            if t.state == "removed" or t.draining:
                return
            t.ok, t.fail = (t.ok + 1, 0) if ok else (0, t.fail + 1)
            before = t.state
            if t.state in ("initial", "unknown"):
                # As on an ALB: one passing check makes a new target healthy; failures count.
                if ok and t.ok >= self.initial_passes():
                    t.state = "healthy"
                elif t.fail >= s.hc_unhealthy:
                    t.state = "unhealthy"
            elif t.state == "healthy" and t.fail >= s.hc_unhealthy:
                t.state = "unhealthy"
            elif t.state == "unhealthy" and t.ok >= s.hc_healthy:
                t.state = "healthy"
            if t.state != before:
                self.w.log(f"LB: {t.pod.name} {before} -> {t.state}")
                self.state_changed(t)
                await self.route()
            await asyncio.sleep(max(0.0, s.hc_interval - (time.monotonic() - start)))

    def state_changed(self, t):
        pass

    def remove_target(self, pod):
        t = self.targets.pop(pod, None)
        if t is None:
            return None
        t.state = "removed"
        return t

    def converged(self, pods):
        live = {p for p in pods if not p.terminating}
        return not self.pending and self.routed == frozenset(p.port for p in live)


class AlbIp(HealthChecked):
    """ALB, target type ip. Registration: the LBC registers a pod once its containers are ready
    (with a readiness gate too: the gate waits for the target to be healthy) after E_reg;
    deregistration E after the pod's deletion; in-flight requests on a deregistered target have
    the deregistration delay D to finish (nginx worker_shutdown_timeout = D). New requests go to
    healthy targets; if every registered target is unhealthy the ALB fails open (AWS docs); with
    none healthy otherwise (only initial or draining targets) it answers 503."""

    async def start(self):
        s = self.spec
        self.nginx = Nginx(self.workdir, shutdown_s=s.dereg_delay, idle_s=s.idle_timeout,
                           read_s=s.idle_timeout, connect_s=ALB_CONNECT_TIMEOUT * self.w.scale, empty_status=503)
        await self.nginx.start([])
        self.routed = frozenset()

    def pod_containers_ready(self, pod):
        self.later(self.spec.reg_lag, lambda: self._register(pod), f"register {pod.name}")

    async def _register(self, pod):
        self.add_target(pod)

    def pod_deleted(self, pod):
        self.later(self.spec.lb_lag, lambda: self._deregister(pod), f"deregister {pod.name}")

    async def _deregister(self, pod):
        if self._drop(pod):
            await self.route()

    def _drop(self, pod):
        if self.remove_target(pod) is None:
            return False
        self.w.log(f"LB deregisters {pod.name}: draining, delay {self.spec.dereg_delay:g}s")
        return True

    def selector_changed(self):
        """The LBC's reconcileWithIPTargetType (pkg/targetgroupbinding/resource_manager.go): one
        pass over the Service's endpoints deregisters the targets that left them, then registers
        the ready pods that joined. It runs E_reg after the switch, as a registration does; the
        old targets stop getting new requests at that same moment (a real ALB may go on sending to
        them for a while, which would give the new targets a head start: the model does not)."""
        self.later(self.spec.reg_lag, self._reconcile, "reconcile the target group")

    async def _reconcile(self):
        self.switch_reconciled()
        pods = [p for p in self.w.pods if self.w.selects(p) and p.containers_ready and not p.terminating]
        for pod in [p for p in self.targets if p not in pods]:
            self._drop(pod)
        for pod in pods:
            self.add_target(pod)
        await self.route()

    def state_changed(self, t):
        if t.state == "healthy" and t.pod.gated and not t.pod.gate:
            t.pod.gate = True  # IP1: the LBC sets the pod's target-health condition
            self.w.log(f"readiness gate of {t.pod.name} is True")
            self.w.pod_changed(t.pod)

    async def route(self):
        ts = list(self.targets.values())
        healthy = [t for t in ts if t.state == "healthy"]
        if healthy:
            chosen = healthy
        elif ts and all(t.state == "unhealthy" for t in ts):
            chosen = ts  # fail open
        else:
            chosen = []
        await self.set_routes(t.pod.port for t in chosen)


class AppGateway(HealthChecked):
    """App Gateway through AGIC. The pool follows the Endpoints object, ready and not-ready
    addresses alike: a pod joins E_reg after it starts and leaves E after its deletion
    (each is an AGIC config push). App Gateway's own probe (interval, timeout, unhealthy
    threshold from the readiness probe or the annotations, AG5) decides which members get new
    requests: a member gets traffic after one passing probe and loses it after the unhealthy
    threshold; with no healthy member App Gateway answers 502. Removal with connection draining
    on: in-flight requests have the draining timeout (worker_shutdown_timeout); with draining
    off they are cut at once (the pod is told to reset its connections, SIGUSR1)."""

    async def start(self):
        s = self.spec
        shutdown = s.draining_timeout if s.draining else s.request_timeout
        self.nginx = Nginx(self.workdir, shutdown_s=shutdown, idle_s=s.app.keepalive,
                           read_s=s.request_timeout, connect_s=s.request_timeout, empty_status=502)
        await self.nginx.start([])
        self.routed = frozenset()

    def add_target(self, pod):
        super().add_target(pod)
        if pod in self.targets:
            self.targets[pod].state = "unknown"

    def pod_started(self, pod):
        self.later(self.spec.reg_lag, lambda: self._add(pod), f"pool add {pod.name}")

    async def _add(self, pod):
        self.add_target(pod)

    def pod_deleted(self, pod):
        self.later(self.spec.lb_lag, lambda: self._remove(pod), f"pool remove {pod.name}")

    async def _remove(self, pod):
        await self._push(drop=[pod], add=[])

    async def _push(self, drop, add):
        """One AGIC config push: pool members out and in, then App Gateway routes anew."""
        dropped = [p for p in drop if self.remove_target(p) is not None]
        for pod in dropped:
            self.w.log(f"LB removes {pod.name} from the pool (draining {'on' if self.spec.draining else 'off'})")
        for pod in add:
            self.add_target(pod)
        if not dropped and not add:
            return
        await self.route()
        for pod in dropped:
            if not self.spec.draining and not pod.exited.is_set():
                procs.kill(pod.proc.pid, signal.SIGUSR1)
                self.w.log(f"LB drops its connections to {pod.name}")

    def selector_changed(self):
        """AGIC writes the whole App Gateway config in one push: the old pods leave the pool and
        the new ones join it in the same push, E_reg after the switch (E = E_reg in the preset)."""
        self.later(self.spec.reg_lag, self._switch_pool, "pool switch")

    async def _switch_pool(self):
        self.switch_reconciled()
        pods = [p for p in self.w.pods if self.w.selects(p) and not p.terminating]
        await self._push(drop=[p for p in self.targets if p not in pods], add=[p for p in pods if p not in self.targets])

    async def route(self):
        # A list, not a generator: set_routes may wait for its lock while the pool changes.
        await self.set_routes([t.pod.port for t in self.targets.values() if t.state == "healthy"])


class AlbInstance(Base):
    """ALB, target type instance: one node is the target and stays registered (a pod rollout
    moves no node, IN4); with a single target fail-open keeps it routed whatever its health, so
    node health checks are not played. nginx keeps pooled keep-alive connections to the node's
    NodePort, where kube-proxy (kubeproxy.py) pins each connection to one pod. kube-proxy's
    endpoint list follows the Ready pods E after each change (the preset's E for this mode is
    kube-proxy programming)."""

    async def start(self):
        self.kp = await procs.spawn("kube-proxy", [sys.executable, self.w.tool("kubeproxy.py"), str(self.w.seed)],
                                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        line = await asyncio.wait_for(self.kp.stdout.readline(), 10)
        self.kp_port = int(line)
        self.endpoints = set()
        self._write_endpoints()
        self.nginx = self._nginx()
        await self.nginx.start([self.kp_port])
        self.routed = frozenset([self.kp_port])

    def _nginx(self):
        s = self.spec
        return Nginx(self.workdir, shutdown_s=s.dereg_delay, idle_s=s.idle_timeout,
                     read_s=s.idle_timeout, connect_s=ALB_CONNECT_TIMEOUT * self.w.scale, empty_status=503)

    def _write_endpoints(self):
        ports = " ".join(str(p.port) for p in self.endpoints)
        self.kp.stdin.write(f"EP {ports}\n".encode())

    def pod_containers_ready(self, pod):
        self.later(self.spec.lb_lag, lambda: self._ep(pod, True), f"endpoint add {pod.name}")

    def pod_deleted(self, pod):
        self.later(self.spec.lb_lag, lambda: self._ep(pod, False), f"endpoint remove {pod.name}")

    async def _ep(self, pod, add):
        if add and pod.terminating:
            return
        (self.endpoints.add if add else self.endpoints.discard)(pod)
        self._endpoints_changed()

    def _endpoints_changed(self):
        self._write_endpoints()
        self.w.log(f"kube-proxy endpoints: {self.w.names(p.port for p in self.endpoints)}")

    def selector_changed(self):
        """kube-proxy rewrites the Service's rules from the new EndpointSlice in one sync, E after
        the switch (E is kube-proxy programming for this preset). Connections it has already
        pinned to an old pod stay with it (conntrack)."""
        self.later(self.spec.lb_lag, self._switch_endpoints, "endpoints switch")

    async def _switch_endpoints(self):
        self.endpoints = {p for p in self.w.pods if self.w.selects(p) and p.ready}
        self._endpoints_changed()

    def converged(self, pods):
        live = {p for p in pods if not p.terminating}
        return not self.pending and self.endpoints == live

    async def stop(self):
        await super().stop()
        if getattr(self, "kp", None):
            pid = self.kp.pid
            procs.kill(pid)
            try:
                await asyncio.wait_for(self.kp.wait(), 3)
            except asyncio.TimeoutError:
                pass
            procs.forget(pid)


class NlbIp(AlbIp):
    """NLB, target type ip, in front of the pods as a TCP proxy (nginx stream): a client connection
    is pinned to one target for its whole life. Registration: the LBC registers a pod E_reg after
    its containers are ready (with a readiness gate too, which waits for the target to be
    healthy); a new target needs HH passing checks (TCP: a connect; or HTTP), the worst reading of
    AWS's docs. Deregistration: the LBC deregisters a pod at its deletion; the target stops being
    health-checked and keeps the state it had, and the NLB goes on sending it new connections
    while it had any for E (LBC#2366, #3270); then it gets none. Established connections stay
    until one end closes them, whatever the deregistration delay D (connection termination off,
    AWS's default: manifest.py refuses it on). New connections go to healthy targets; if every
    target is unhealthy the NLB fails open; with none healthy otherwise it has nowhere to send
    a new connection, which is closed."""

    async def start(self):
        s = self.spec
        self.nginx = Nginx(self.workdir, shutdown_s=None, idle_s=s.idle_timeout, read_s=None,
                           connect_s=ALB_CONNECT_TIMEOUT * self.w.scale, empty_status=None, stream=True)
        await self.nginx.start([])
        self.routed = frozenset()

    def initial_passes(self):
        return self.spec.hc_healthy

    async def check(self, t):
        s = self.spec
        if s.hc_protocol == "TCP":
            return await tcp_ok(t.pod.port, s.hc_timeout)
        return await http_ok(t.pod.port, s.hc_path, s.hc_timeout, s.hc_codes)

    def pod_deleted(self, pod):
        t = self.targets.get(pod)
        if t is not None:
            t.draining = True
            self.w.log(f"LB deregisters {pod.name}: draining ({t.state}), new connections for {self.spec.seconds['lbPropagationSeconds']}s more")
        super().pod_deleted(pod)  # E later: no more new connections

    def _drop(self, pod):
        if self.remove_target(pod) is None:
            return False
        self.w.log(f"LB sends {pod.name} no new connections; established ones stay")
        return True


class NlbInstance(AlbInstance):
    """NLB, target type instance, with externalTrafficPolicy Cluster: the node is the single
    target and stays registered (a pod rollout moves no node), and the NLB passes each client
    connection to its NodePort as one TCP flow (nginx stream). kube-proxy (kubeproxy.py) pins the
    flow to one pod; its endpoint list follows the Ready pods E after each change. The preset's E
    is sized for Local's node health check and is longer than kube-proxy takes, so the model is
    the less kind. Node health checks are not played: a single target is routed whatever its
    health (fail-open), and with Cluster the NodePort answers while any pod is ready."""

    def _nginx(self):
        s = self.spec
        return Nginx(self.workdir, shutdown_s=None, idle_s=s.idle_timeout, read_s=None,
                     connect_s=ALB_CONNECT_TIMEOUT * self.w.scale, empty_status=None, stream=True)


class Agc(HealthChecked):
    """Application Gateway for Containers. Its ALB Controller follows the Service's EndpointSlice:
    a pod enters the pool E_reg after its containers are ready (the slice lists it as ready; AC5
    counts minReadySeconds from there) and leaves it E after its deletion (its endpoint leaves the
    slice at once, the pool follows E later). There is no readiness gate. AGC's own probe decides
    which members get new connections: a new member after HH passing probes, a healthy one loses
    them after UT failures and gets them back after HH passes; with no healthy member there is
    nowhere to send a new connection, and it is closed (no fail-open is documented for AGC).
    AGC never closes an established connection to a member it removed (AC4): the data plane is a
    TCP proxy (nginx stream, as for the NLB) with no worker_shutdown_timeout, so a client's
    keep-alive connection stays with its pod, request after request, until the client or the app
    closes it, through the pool update and after it (README, "Application Gateway for
    Containers")."""

    async def start(self):
        s = self.spec
        self.nginx = Nginx(self.workdir, shutdown_s=None, idle_s=s.app.keepalive, read_s=None,
                           connect_s=s.request_timeout, empty_status=None, stream=True)
        await self.nginx.start([])
        self.routed = frozenset()

    def initial_passes(self):
        return self.spec.hc_healthy

    def pod_containers_ready(self, pod):
        self.later(self.spec.reg_lag, lambda: self._add(pod), f"pool add {pod.name}")

    async def _add(self, pod):
        self.add_target(pod)

    def pod_deleted(self, pod):
        self.later(self.spec.lb_lag, lambda: self._remove(pod), f"pool remove {pod.name}")

    async def _remove(self, pod):
        if self.remove_target(pod) is None:
            return
        self.w.log(f"LB removes {pod.name} from the pool: no new connections; established ones stay")
        await self.route()

    def selector_changed(self):
        raise NotImplementedError("agc has no blue-green sample")

    async def route(self):
        # A list, not a generator: set_routes may wait for its lock while the pool changes.
        await self.set_routes([t.pod.port for t in self.targets.values() if t.state == "healthy"])


class GkeNeg(HealthChecked):
    """GKE container-native load balancing through a GKE Ingress: Google's front ends (GFEs, an HTTP
    proxy) send to pod IPs held in the Service's NEGs. Attachment: a pod's endpoint reaches the
    front ends E_reg after its containers are ready (counted from Ready, as GK6 counts it; the NEG
    controller attaches not-ready endpoints too, so a real one may come sooner). The NEG readiness
    gate GKE injects can turn True before the endpoint is attached (kubernetes/ingress-gce#1718):
    it is played as True at once, so nothing but minReadySeconds holds the rollout for the LB. A
    new endpoint gets new requests after HH passing health checks (the BackendConfig's, or GKE's
    defaults); an attached one loses them after UT failures and gets them back after HH passes.
    Detachment: a terminating pod leaves its NEG at once (ingress-gce pkg/neg/types/types.go,
    #1574), so it is no longer health-checked and keeps the state it had, and the front ends go
    on sending it new requests for E if it was healthy; then they send it none. Its in-flight
    requests then have the connection draining timeout C to finish (nginx worker_shutdown_timeout
    = C); with draining off (C = 0, GKE's default) they are cut as the load balancer processes the
    removal (the pod is told to reset its connections, SIGUSR1, as for App Gateway). New requests
    go to healthy endpoints; with none the front end answers 502 (failed_to_pick_backend): no
    fail-open is played."""

    async def start(self):
        s = self.spec
        shutdown = s.draining_timeout if s.draining else s.request_timeout
        self.nginx = Nginx(self.workdir, shutdown_s=shutdown, idle_s=s.idle_timeout, read_s=s.request_timeout,
                           connect_s=s.request_timeout, empty_status=502)
        await self.nginx.start([])
        self.routed = frozenset()

    def initial_passes(self):
        return self.spec.hc_healthy

    def pod_containers_ready(self, pod):
        self.later(self.spec.reg_lag, lambda: self._attach(pod), f"attach {pod.name}")

    async def _attach(self, pod):
        if pod in self.targets or pod.terminating:
            return
        self.add_target(pod)  # logged as a registration: the endpoint reaches the front ends

    def pod_deleted(self, pod):
        t = self.targets.get(pod)
        if t is not None:
            t.draining = True  # out of the NEG: no more health checks, the front ends lag E behind
            self.w.log(f"{pod.name} leaves the NEG ({t.state}); the front ends send it new requests "
                       f"for {self.spec.seconds['lbPropagationSeconds']}s more")
        self.later(self.spec.lb_lag, lambda: self._remove(pod), f"front ends drop {pod.name}")

    async def _remove(self, pod):
        if self.remove_target(pod) is None:
            return
        self.w.log(f"LB: front ends drop {pod.name} (draining "
                   f"{self.spec.seconds.get('drainingTimeoutSec', 0)}s)")
        await self.route()
        if not self.spec.draining and not pod.exited.is_set():
            procs.kill(pod.proc.pid, signal.SIGUSR1)
            self.w.log(f"LB cuts its requests in flight to {pod.name} (no connection draining)")

    def selector_changed(self):
        raise NotImplementedError("gke-neg has no blue-green sample")

    async def route(self):
        # A list, not a generator: set_routes may wait for its lock while the pool changes.
        await self.set_routes([t.pod.port for t in self.targets.values() if t.state == "healthy"])


def make(world, workdir):
    return {"alb-ip": AlbIp, "alb-instance": AlbInstance, "agic": AppGateway, "nlb-ip": NlbIp,
            "nlb-instance": NlbInstance, "agc": Agc, "gke-neg": GkeNeg}[world.spec.preset](world, workdir)
