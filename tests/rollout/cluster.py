"""The Kubernetes side, played by the harness: pods, the kubelet, the Deployment controller,
Argo Rollouts' blue-green controller, and a cluster upgrade's node drains.

Kubelet (docs/timing-model.md, "Termination" and "Rollout"): starts a pod as a real process;
probes its readiness (initialDelaySeconds, periodSeconds, timeoutSeconds, success / failure
thresholds; 200-399 pass); on deletion runs the preStop sleep, then SIGTERM, then SIGKILL when the
grace period is spent: the grace clock starts before the hook, the hook gets at most the grace
period, and the container gets max(grace - hook, 2 s) after SIGTERM, as the kubelet computes it.

Deployment controller (docs/timing-model.md, "Rollout"): the RollingUpdate of the ReplicaSet
controller: the new ReplicaSet grows while all pods <= replicas + maxSurge; old pods go while
available pods stay >= replicas - maxUnavailable (unavailable old pods first); a pod is available
once it has been Ready for minReadySeconds. Ready means containers ready and, with a readiness gate,
the gate condition True (IP1). Terminating pods count for neither side, as in Kubernetes.

Blue-green controller (Argo Rollouts, docs/features/bluegreen.md "Sequence of Events", and
rollout/bluegreen.go, rollout/service.go, rollout/replicaset.go): the new ReplicaSet is scaled to
replicas at once while the active Service still selects the old pods; once all new pods are
available (ReadyForPause), the active Service's selector moves to them (reconcileActiveService);
scaleDownDelaySeconds later the old ReplicaSet goes to 0 (scaleDownDelayHelper). The load balancers
follow the active Service's endpoints only (World.selects), so the new pods are no targets until
the switch, and the old ones none after it.

Drain controller (kubectl drain, the scheduler, the ReplicaSet controller; the eviction API's
arithmetic is disruption.py's): the app's pods spread over NODES nodes; node by node, cordon,
evict every pod on it as the PodDisruptionBudget allows (a refusal is retried every 5 s), a
replacement at once for each evicted pod on a node that is not cordoned, and once the node is
empty, uncordon it and drain the next. An evicted pod terminates as a deleted one does.
"""
import asyncio
import json
import signal
import sys
import time

import disruption
import procs


class Pod:
    def __init__(self, world, version, index):
        self.w = world
        self.version = version
        self.name = f"v{version}-{index}"
        self.proc = None
        self.port = None
        self.containers_ready = False
        self.gate = False
        # The LBC's webhook injects a readiness gate only into a pod that a Service with a
        # TargetGroupBinding selects at its creation (IP1; Argo Rollouts' alb.md, "TargetGroup IP
        # Verification"): never into a blue-green Rollout's new pods.
        self.gated = world.spec.readiness_gate and world.selects(self)
        self.ready_since = None
        self.terminating = False
        self.exited = asyncio.Event()
        self.node = None  # the drain scenario's Node it runs on

    @property
    def ready(self):
        return self.containers_ready and (self.gate or not self.gated) and not self.terminating

    def available(self, now):
        return self.ready and now - self.ready_since >= self.w.spec.min_ready


class Kubelet:
    def __init__(self, world):
        self.w = world
        self.spec = world.spec

    async def start(self, pod):
        s = self.spec
        cfg = {"name": pod.name, "startup": s.app.startup, "request": s.app.request,
               "shutdown": s.app.shutdown, "keepalive": s.app.keepalive,
               "ready_path": s.probe.path if s.probe else "/ready",
               "on_sigterm": self.w.app_override or s.app.on_sigterm}
        pod.proc = await procs.spawn(f"pod {pod.name}", [sys.executable, self.w.tool("pod.py"), json.dumps(cfg)],
                                     stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE)
        line = await asyncio.wait_for(pod.proc.stdout.readline(), 10)
        pod.port = int(line)
        self.w.log(f"{pod.name} started on port {pod.port}")
        if self.w.selects(pod):
            self.w.lb.pod_started(pod)
        self.w.spawn(self._reap(pod), f"reap {pod.name}")
        self.w.spawn(self._probe(pod), f"readiness probe of {pod.name}")

    async def _reap(self, pod):
        code = await pod.proc.wait()
        procs.forget(pod.proc.pid)
        pod.exited.set()
        self.w.log(f"{pod.name} exited ({code})")
        self.w.poke()

    async def _probe(self, pod):
        from lb import http_ok
        p = self.spec.probe
        if p is None:
            self._set_containers_ready(pod, True)
            return
        await asyncio.sleep(p.initial_delay)
        ok_n = fail_n = 0
        while not pod.terminating and not pod.exited.is_set() and not self.w.stopping:
            start = time.monotonic()
            ok = await http_ok(pod.port, p.path, p.timeout, [(200, 399)])
            ok_n, fail_n = (ok_n + 1, 0) if ok else (0, fail_n + 1)
            if not pod.containers_ready and ok_n >= p.success:
                self._set_containers_ready(pod, True)
            elif pod.containers_ready and fail_n >= p.failure:
                self._set_containers_ready(pod, False)
            await asyncio.sleep(max(0.0, p.period - (time.monotonic() - start)))

    def _set_containers_ready(self, pod, value):
        if pod.terminating:
            return
        pod.containers_ready = value
        self.w.log(f"{pod.name} containers {'ready' if value else 'not ready'}")
        self.w.pod_changed(pod)
        if value and self.w.selects(pod):
            self.w.lb.pod_containers_ready(pod)

    def delete(self, pod, how="deleted"):
        """A deletion, or an eviction the eviction API granted: the pod terminates the same way."""
        pod.terminating = True
        self.w.log(f"{pod.name} {how} (Terminating)")
        self.w.pod_changed(pod)
        if self.w.selects(pod):
            self.w.lb.pod_deleted(pod)
        self.w.spawn(self._terminate(pod), f"terminate {pod.name}")

    async def _terminate(self, pod):
        s = self.spec
        hook = min(s.prestop, s.grace)
        if hook > 0:
            self.w.log(f"{pod.name} preStop {s.prestop_form} {s.prestop:g}s")
            await self._wait_exit(pod, hook)
        if pod.exited.is_set():
            return
        procs.kill(pod.proc.pid, signal.SIGTERM)
        self.w.log(f"{pod.name} SIGTERM")
        # kubelet: what is left of the grace period after the hook, at least 2 s (scaled).
        if not await self._wait_exit(pod, max(s.grace - hook, 2 * self.w.scale)):
            procs.kill(pod.proc.pid, signal.SIGKILL)
            self.w.log(f"{pod.name} SIGKILL at the end of the grace period")

    async def _wait_exit(self, pod, seconds):
        try:
            await asyncio.wait_for(pod.exited.wait(), seconds)
            return True
        except asyncio.TimeoutError:
            return False


class DeploymentController:
    def __init__(self, world, kubelet):
        self.w = world
        self.k = kubelet
        self.spec = world.spec
        self.next_index = 0

    def create(self, version):
        self.next_index += 1
        pod = Pod(self.w, version, self.next_index)
        self.w.pods.append(pod)
        self.w.log(f"{pod.name} created")
        self.w.spawn(self.k.start(pod), f"start {pod.name}")
        return pod

    async def rollout(self, version, deadline):
        s = self.spec
        n, surge, unavail = s.replicas, s.max_surge, s.max_unavailable
        while True:
            now = time.monotonic()
            live = [p for p in self.w.pods if not p.terminating]
            old = [p for p in live if p.version != version]
            new = [p for p in live if p.version == version]
            # New ReplicaSet: grow while the total stays within replicas + maxSurge.
            for _ in range(min(n + surge - len(live), n - len(new))):
                new.append(self.create(version))
                live.append(new[-1])
            # Old ReplicaSets: shrink while enough pods stay available.
            min_available = n - unavail
            new_unavailable = sum(1 for p in new if not p.available(now))
            max_down = len(live) - min_available - new_unavailable
            if max_down > 0 and old:
                unhealthy = [p for p in old if not p.available(now)]
                for p in unhealthy[:max_down]:
                    self.k.delete(p)
                old = [p for p in old if not p.terminating]
                available = sum(1 for p in live if not p.terminating and p.available(now))
                for p in old[:max(0, available - min_available)]:
                    self.k.delete(p)
                old = [p for p in old if not p.terminating]
            if len(new) == n and not old and all(p.available(now) for p in new):
                self.w.log("Deployment rollout complete")
                return
            if now > deadline:
                raise TimeoutError("the rollout did not complete in time")
            await self.w.wait_change(self._next_wakeup(new, now))

    def _next_wakeup(self, pods, now):
        """Wakes at the next minReadySeconds boundary, or soon."""
        waits = [p.ready_since + self.spec.min_ready - now for p in pods
                 if p.ready and not p.available(now)]
        return max(0.001, min(waits + [0.05]))


class BlueGreenController(DeploymentController):
    """Argo Rollouts' blue-green strategy, with autoPromotionEnabled (or a user who promotes as
    soon as the Rollout pauses: when does not matter here, since no load balancer follows the new
    pods before the switch) and without analysis or previewReplicaCount (manifest.py refuses
    those)."""

    async def rollout(self, version, deadline):
        s = self.spec
        new = [self.create(version) for _ in range(s.replicas)]
        while not all(p.available(time.monotonic()) for p in new):
            if time.monotonic() > deadline:
                raise TimeoutError("the new ReplicaSet did not become available in time")
            await self.w.wait_change(self._next_wakeup(new, time.monotonic()))
        self.w.log("new ReplicaSet available")
        if not s.auto_promotion:
            self.w.log("paused (autoPromotionEnabled: false); promoted at once")
        old = [p for p in self.w.pods if p.version != version and not p.terminating]
        self.w.switch_active(version)
        await asyncio.sleep(s.scale_down_delay)
        self.w.log(f"scaleDownDelaySeconds ({s.seconds['scaleDownDelaySeconds']}) passed: old ReplicaSet scaled to 0")
        for p in old:
            if not p.terminating:
                self.k.delete(p)
        self.w.log("Rollout complete")


NODES = 3          # the drain scenario's nodes
DRAIN_RETRY = 5.0  # seconds: kubectl drain retries an eviction refused with 429 after 5 s


class Node:
    def __init__(self, name):
        self.name = name
        self.cordoned = False


class DrainController(DeploymentController):
    """A cluster upgrade's node drains under load: `kubectl drain` on each node in turn, with the
    scheduler, the eviction API and the ReplicaSet controller (README, "Node drain").

    Nodes: NODES groups of pods. The scheduler spreads the app's pods as kube-scheduler does on
    identical nodes (PodTopologySpread's default constraint on kubernetes.io/hostname): a new pod
    goes to the schedulable node with the fewest of the app's pods that are not terminating, a tie
    to one of them at random (selectHost). 4 replicas on 3 nodes are 2, 1 and 1.

    Drain: node by node, as kubeadm's upgrade does it (drain, upgrade, uncordon): the node is
    cordoned, every pod on it is evicted at once, each by its own request as kubectl drain does,
    and a refused one (429) is asked again DRAIN_RETRY seconds later; once the node has no pod
    left, its upgrade is played as taking no time, it is uncordoned, and the next node is drained.
    An eviction the API grants deletes the pod (Kubelet.delete: preStop, SIGTERM, grace, the load
    balancer's removal), and the ReplicaSet creates its replacement at once, which the scheduler
    puts on a node that is not cordoned."""

    def __init__(self, world, kubelet):
        super().__init__(world, kubelet)
        self.nodes = [Node(f"node-{i + 1}") for i in range(NODES)]

    def create(self, version):
        node = self._schedule()
        pod = super().create(version)
        pod.node = node
        self.w.log(f"{pod.name} scheduled on {node.name}")
        return pod

    def _schedule(self):
        free = [n for n in self.nodes if not n.cordoned]
        if not free:
            raise RuntimeError("no schedulable node")
        count = {n: 0 for n in free}
        for p in self.w.pods:
            if p.node in count and not p.terminating:
                count[p.node] += 1
        least = min(count.values())
        return self.w.rng.choice([n for n in free if count[n] == least])

    async def drain(self, deadline):
        for node in self.nodes:
            node.cordoned = True
            pods = [p for p in self.w.pods if p.node is node and not p.exited.is_set()]
            self.w.log(f"{node.name} cordoned; kubectl drain evicts {', '.join(p.name for p in pods) or 'nothing'}")
            tasks = [asyncio.create_task(self._evict(p, deadline), name=f"evict {p.name}") for p in pods]
            self.w.tasks.update(tasks)
            try:
                await asyncio.gather(*tasks)
            finally:
                self.w.tasks.difference_update(tasks)
            self.w.log(f"{node.name} drained (no pod left), upgraded and uncordoned")
            node.cordoned = False
        self.w.log("every node drained")

    def eviction(self, pod):
        """The eviction API's answer for one running pod: (granted, why). Every pod of the app
        carries the template's labels, which the PDB selects (manifest._pdb). The API deletes the
        pod in the request that grants its eviction, so from then until it is gone it counts as
        terminating, never as healthy: what the PDB's disruptedPods holds is already left out."""
        pdb = self.spec.pdb
        if pdb is None:
            return True, "no PodDisruptionBudget"
        selected = [p for p in self.w.pods if not p.exited.is_set()]
        healthy = sum(1 for p in selected if p.ready and not p.terminating)
        return disruption.eviction(pdb, self.spec.replicas, len(selected), healthy, pod.ready)

    async def _evict(self, pod, deadline):
        # A Pending pod would be deleted without a look at any budget; every pod here is Running
        # within milliseconds of its creation, and the drain asks once it is.
        await self.w.until(lambda: pod.port is not None, max(0.0, deadline - time.monotonic()),
                           f"{pod.name} to start")
        refused = 0
        while not pod.terminating:
            granted, why = self.eviction(pod)
            if granted:
                after = f", after {refused} refusal(s)" if refused else ""
                self.k.delete(pod, f"evicted from {pod.node.name}: {why}{after}")
                self.create(pod.version)  # the ReplicaSet replaces it at once
                break
            if time.monotonic() + DRAIN_RETRY * self.w.scale > deadline:
                raise TimeoutError(f"the eviction of {pod.name} was refused until the time ran out: {why}")
            if not refused:  # the first refusal only: kubectl drain asks again every DRAIN_RETRY s
                self.w.log(f"eviction of {pod.name} refused, {why}; kubectl drain retries every {DRAIN_RETRY:g}s")
            refused += 1
            await asyncio.sleep(DRAIN_RETRY * self.w.scale)
        try:
            await asyncio.wait_for(pod.exited.wait(), max(0.0, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            raise TimeoutError(f"{pod.name} was not gone in time") from None
