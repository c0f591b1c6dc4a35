"""Every number the rollout uses, read from the manifests (and two from presets/<preset>.yaml).

`load(text, preset, preset_text, scale)` returns a Spec whose durations are already multiplied by
`scale` (0.1 by default: ten times faster, every ratio kept). Absent fields take the Kubernetes,
AWS Load Balancer Controller or AGIC default that docs/timing-model.md ("Quantities") gives, or
for AGC and GKE their own defaults (_agc, _gke). The PodDisruptionBudget the drain scenario's
eviction API honours is the manifests' own (_pdb): the harness never adds one.
"""
import math
import re
from dataclasses import dataclass, field
from typing import Optional

import yaml

from disruption import ALWAYS_ALLOW, IF_HEALTHY_BUDGET, Pdb, selector_matches

GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject"
ALB = "alb.ingress.kubernetes.io/"
AGIC = "appgw.ingress.kubernetes.io/"
NLB = "service.beta.kubernetes.io/aws-load-balancer-"
NLB_CLASS = "service.k8s.aws/nlb"  # the LBC's default --load-balancer-class
NLB_PRESETS = ("nlb-ip", "nlb-instance")
AGC_API = "alb.networking.azure.io/v1"  # AGC's HealthCheckPolicy and RoutePolicy
GATEWAY_API = "gateway.networking.k8s.io/"
GKE_NEG = "cloud.google.com/neg"  # the Service's NEG annotation (preset gke-neg)
GKE_BACKEND_CONFIG = ("cloud.google.com/backend-config", "beta.cloud.google.com/backend-config")  # GA wins
GKE_BACKEND_CONFIG_APIS = ("cloud.google.com/v1", "cloud.google.com/v1beta1")
GKE_INGRESS_CLASSES = ("gce", "gce-internal")


ROLLOUT_API = "argoproj.io/v1alpha1"  # an Argo Rollout; only its blueGreen strategy is played
# blueGreen fields whose behaviour the harness does not play; a manifest with one is refused.
NOT_MODELLED_BLUE_GREEN = ("prePromotionAnalysis", "postPromotionAnalysis", "previewReplicaCount",
                           "autoPromotionSeconds", "antiAffinity")


class ManifestError(Exception):
    pass


@dataclass
class Probe:
    path: str
    period: float
    timeout: float
    failure: int
    success: int
    initial_delay: float


ON_SIGTERM = ("close-idle", "drain", "exit")


@dataclass
class App:
    startup: float
    request: float
    shutdown: float
    keepalive: float
    on_sigterm: str


@dataclass
class Spec:
    preset: str
    name: str
    replicas: int
    max_surge: int
    max_unavailable: int
    min_ready: float
    grace: float
    prestop: float            # 0: no preStop hook
    prestop_form: str         # "none", "exec sleep", "sleep"
    probe: Optional[Probe]    # kubelet readiness probe (None: Ready once the process listens)
    app: App
    lb_lag: float             # E: pod deletion -> the LB sends it no new request (preset file)
    reg_lag: float            # E_reg: pod ready / created -> target registered (preset file)
    # ALB (alb-ip, alb-instance) and NLB (nlb-ip, nlb-instance)
    target_type: str = ""
    hc_protocol: str = "HTTP"  # NLB: TCP (a connect) or HTTP
    hc_path: str = "/"
    hc_interval: float = 0.0
    hc_timeout: float = 0.0
    hc_healthy: int = 0
    hc_unhealthy: int = 0
    hc_codes: list = field(default_factory=list)
    dereg_delay: float = 0.0
    idle_timeout: float = 0.0  # ALB: HTTP idle timeout; NLB: TCP idle timeout
    readiness_gate: bool = False
    # App Gateway (agic); request_timeout is also AGC's route timeout (agc), only reported
    draining: bool = False
    draining_timeout: float = 0.0
    request_timeout: float = 0.0
    # Argo Rollouts blue-green (strategy "BlueGreen"; "RollingUpdate" is a Deployment's)
    strategy: str = "RollingUpdate"
    active_service: str = ""
    preview_service: str = ""
    scale_down_delay: float = 0.0     # blueGreen.scaleDownDelaySeconds, Argo's default 30
    auto_promotion: bool = True       # False: the harness promotes, as a user would
    # The pod template's labels, and the policy/v1 PodDisruptionBudget that selects them in the
    # workload's namespace, if any (the drain scenario's eviction API honours it)
    labels: dict = field(default_factory=dict)
    pdb: Optional[Pdb] = None
    seconds: dict = field(default_factory=dict)  # the unscaled values, for the report


def load(text, preset, preset_text, scale, replicas=None):
    docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
    pre = yaml.safe_load(preset_text)
    workloads = [d for d in docs if d.get("kind") == "Deployment"
                 or (d.get("kind"), d.get("apiVersion")) == ("Rollout", ROLLOUT_API)]
    if len(workloads) != 1:
        raise ManifestError(f"expected exactly one Deployment or Argo Rollout, found {len(workloads)}")
    dep = workloads[0]
    ns = dep["metadata"].get("namespace", "default")
    labels = dep["spec"]["template"]["metadata"].get("labels", {})
    spec = dep["spec"]
    blue_green = None
    if dep["kind"] == "Rollout":
        blue_green = (spec.get("strategy") or {}).get("blueGreen")
        if not isinstance(blue_green, dict):
            raise ManifestError("only the blueGreen strategy of an Argo Rollout is modelled")
        for key in NOT_MODELLED_BLUE_GREEN:
            if key in blue_green:
                raise ManifestError(f"blueGreen.{key} is not modelled")
        if not blue_green.get("activeService"):
            raise ManifestError("blueGreen.activeService is required")
        # Argo adds rollouts-pod-template-hash to the Service's selector; the rest must select the pods.
        svc = _one(docs, "Service", lambda s: s["metadata"]["name"] == blue_green["activeService"]
                   and _selects(s, labels))
        if blue_green.get("previewService"):
            _one(docs, "Service", lambda s: s["metadata"]["name"] == blue_green["previewService"]
                 and _selects(s, labels))
    else:
        svc = _one(docs, "Service", lambda s: _selects(s, labels))
    # An NLB is the Service's own (type LoadBalancer); AGC's sample sits behind a Gateway API
    # HTTPRoute (read in _agc); the other presets sit behind an Ingress.
    ing = {"metadata": {}} if preset in NLB_PRESETS or preset == "agc" else \
        _one(docs, "Ingress", lambda i: _backs(i, svc["metadata"]["name"]))
    nsobj = next((d for d in docs if d.get("kind") == "Namespace" and d["metadata"]["name"] == ns), None)

    raw = {}

    def sec(key, value):
        raw[key] = value
        return float(value) * scale

    replicas = int(replicas or spec.get("replicas", 1))
    if blue_green is None:
        strat = spec.get("strategy") or {}
        if strat.get("type", "RollingUpdate") != "RollingUpdate":
            raise ManifestError("only strategy RollingUpdate is modelled")
        ru = strat.get("rollingUpdate") or {}
        surge = _int_or_percent(ru.get("maxSurge", "25%"), replicas, math.ceil)
        unavail = _int_or_percent(ru.get("maxUnavailable", "25%"), replicas, math.floor)
        if surge == 0 and unavail == 0:
            unavail = 1  # what the Deployment controller does with 0 / 0
        raw.update(replicas=replicas, maxSurge=ru.get("maxSurge", "25%"),
                   maxUnavailable=ru.get("maxUnavailable", "25%"))
    else:
        # Blue-green: the new ReplicaSet is scaled to replicas at once, the old one to 0 at once.
        surge, unavail = replicas, 0
        raw.update(replicas=replicas)

    pod = spec["template"]["spec"]
    grace = sec("terminationGracePeriodSeconds", pod.get("terminationGracePeriodSeconds", 30))
    c = _serving_container(pod["containers"], svc)
    prestop, form = _prestop(c)
    prestop = sec("preStop", prestop)
    env = {e["name"]: e.get("value") for e in c.get("env", []) if "name" in e}
    app = App(startup=sec("STARTUP_SECONDS", env.get("STARTUP_SECONDS", 10)),
              request=sec("REQUEST_SECONDS", env.get("REQUEST_SECONDS", 1)),
              shutdown=sec("SHUTDOWN_SECONDS", env.get("SHUTDOWN_SECONDS", 15)),
              keepalive=sec("KEEPALIVE_SECONDS", env.get("KEEPALIVE_SECONDS", 75)),
              on_sigterm=env.get("ON_SIGTERM", "close-idle"))
    if app.on_sigterm not in ON_SIGTERM:
        raise ManifestError(f"ON_SIGTERM must be one of {', '.join(ON_SIGTERM)}, not {app.on_sigterm!r}")
    raw["ON_SIGTERM"] = app.on_sigterm
    probe = None
    rp = c.get("readinessProbe")
    if rp:
        if "httpGet" not in rp:
            raise ManifestError("only an httpGet readiness probe is modelled")
        probe = Probe(path=rp["httpGet"].get("path", "/"),
                      period=sec("readiness.periodSeconds", rp.get("periodSeconds", 10)),
                      timeout=sec("readiness.timeoutSeconds", rp.get("timeoutSeconds", 1)),
                      failure=int(rp.get("failureThreshold", 3)),
                      success=int(rp.get("successThreshold", 1)),
                      initial_delay=sec("readiness.initialDelaySeconds", rp.get("initialDelaySeconds", 0)))
        raw["readiness.failureThreshold"] = probe.failure

    s = Spec(preset=preset, name=f"{ns}/{dep['metadata']['name']}", replicas=replicas,
             max_surge=surge, max_unavailable=unavail,
             min_ready=sec("minReadySeconds", spec.get("minReadySeconds", 0)),
             grace=grace, prestop=prestop, prestop_form=form, probe=probe, app=app,
             lb_lag=sec("lbPropagationSeconds", pre["lbPropagationSeconds"]),
             reg_lag=sec("registrationLagSeconds", pre["registrationLagSeconds"]))
    if blue_green is not None:
        s.strategy = "BlueGreen"
        s.active_service = blue_green["activeService"]
        s.preview_service = blue_green.get("previewService", "")
        s.scale_down_delay = sec("scaleDownDelaySeconds", blue_green.get("scaleDownDelaySeconds", 30))
        s.auto_promotion = blue_green.get("autoPromotionEnabled", True) is not False
        raw["autoPromotionEnabled"] = s.auto_promotion

    ing_ann = ing["metadata"].get("annotations") or {}
    svc_ann = svc["metadata"].get("annotations") or {}
    if preset in ("alb-ip", "alb-instance"):
        # A7: the Service's copy of an annotation wins, key by key.
        ann = {**ing_ann, **svc_ann}
        s.target_type = ann.get(ALB + "target-type", "instance")
        if s.target_type != preset.split("-")[1]:
            raise ManifestError(f"target-type {s.target_type} does not match preset {preset}")
        s.hc_path = ann.get(ALB + "healthcheck-path", "/")
        s.hc_interval = sec("healthcheck-interval", ann.get(ALB + "healthcheck-interval-seconds", 15))
        s.hc_timeout = sec("healthcheck-timeout", ann.get(ALB + "healthcheck-timeout-seconds", 5))
        s.hc_healthy = int(ann.get(ALB + "healthy-threshold-count", 2))
        s.hc_unhealthy = int(ann.get(ALB + "unhealthy-threshold-count", 2))
        s.hc_codes = _codes(ann.get(ALB + "success-codes", "200"))
        tga = _string_map(ann.get(ALB + "target-group-attributes", ""))
        s.dereg_delay = sec("deregistration_delay", tga.get("deregistration_delay.timeout_seconds", 300))
        lba = _string_map(ing_ann.get(ALB + "load-balancer-attributes", ""))
        s.idle_timeout = sec("idle_timeout", lba.get("idle_timeout.timeout_seconds", 60))
        labels_ns = ((nsobj or {}).get("metadata") or {}).get("labels") or {}
        # IP1, IN1: gates are injected for target type ip only, in a labelled namespace.
        s.readiness_gate = s.target_type == "ip" and labels_ns.get(GATE_LABEL) == "enabled"
        raw["readinessGate"] = s.readiness_gate
        raw.update(healthyThreshold=s.hc_healthy, unhealthyThreshold=s.hc_unhealthy)
    elif preset == "agic":
        ann = ing_ann  # AGIC reads the Ingress only (its pkg/annotations/ingress_annotations.go)
        s.draining = str(ann.get(AGIC + "connection-draining", "false")).lower() == "true"
        s.draining_timeout = sec("connection-draining-timeout", ann.get(AGIC + "connection-draining-timeout", 30))
        s.request_timeout = sec("request-timeout", ann.get(AGIC + "request-timeout", 30))
        # AG5: App Gateway's probe comes from the httpGet readiness probe, annotations win.
        s.hc_path = ann.get(AGIC + "health-probe-path", probe.path if probe else "/")
        s.hc_interval = sec("probe.interval", ann.get(AGIC + "health-probe-interval",
                                                       raw.get("readiness.periodSeconds", 30) if probe else 30))
        s.hc_timeout = sec("probe.timeout", ann.get(AGIC + "health-probe-timeout",
                                                     raw.get("readiness.timeoutSeconds", 30) if probe else 30))
        s.hc_unhealthy = int(ann.get(AGIC + "health-probe-unhealthy-threshold",
                                     min(probe.failure, 20) if probe else 3))
        s.hc_healthy = 1
        s.hc_codes = _codes(ann.get(AGIC + "health-probe-status-codes", "200-399"))
        raw.update(connectionDraining=s.draining, unhealthyThreshold=s.hc_unhealthy)
    elif preset in NLB_PRESETS:
        _nlb(s, svc, nsobj, sec, raw)
    elif preset == "agc":
        _agc(s, docs, svc, c, probe, sec, raw)
    elif preset == "gke-neg":
        _gke(s, docs, svc, ing, c, sec, raw)
    else:
        raise ManifestError(f"unknown preset {preset}")
    s.labels = {str(k): str(v) for k, v in labels.items()}
    s.pdb = _pdb(docs, ns, s.labels)
    raw["pdb"] = s.pdb.describe() if s.pdb else "none"
    s.seconds = raw
    return s


def _pdb(docs, ns, labels):
    """The PodDisruptionBudget that selects the workload's pods: policy/v1, in its namespace, its
    spec.selector matching the pod template's labels (disruption.selector_matches). None if there
    is none; more than one is refused, as the eviction API refuses to evict such a pod (500, "more
    than one PodDisruptionBudget")."""
    found = []
    for d in docs:
        if d.get("kind") != "PodDisruptionBudget" or d["metadata"].get("namespace", "default") != ns:
            continue
        if d.get("apiVersion") != "policy/v1":
            raise ManifestError(f"PodDisruptionBudget {d['metadata']['name']}: only policy/v1 is modelled, "
                                f"not {d.get('apiVersion')}")
        spec = d.get("spec") or {}
        if selector_matches(spec.get("selector"), labels):
            found.append((d["metadata"]["name"], spec))
    if len(found) > 1:
        raise ManifestError(f"{len(found)} PodDisruptionBudgets select the pods ({', '.join(n for n, _ in found)}): "
                            "the eviction API evicts none of them")
    if not found:
        return None
    name, spec = found[0]
    if "minAvailable" in spec and "maxUnavailable" in spec:
        raise ManifestError(f"PodDisruptionBudget {name} sets both minAvailable and maxUnavailable")
    for key in ("minAvailable", "maxUnavailable"):
        v = spec.get(key)
        if v is not None and not (isinstance(v, int) or re.fullmatch(r"\d+%", str(v))):
            raise ManifestError(f"PodDisruptionBudget {name}: {key} {v!r} is neither an integer nor a percent")
    policy = spec.get("unhealthyPodEvictionPolicy", IF_HEALTHY_BUDGET)
    if policy not in (ALWAYS_ALLOW, IF_HEALTHY_BUDGET):
        raise ManifestError(f"PodDisruptionBudget {name}: unhealthyPodEvictionPolicy {policy!r} is not a valid one")
    return Pdb(name=f"{ns}/{name}", selector=spec.get("selector"), min_available=spec.get("minAvailable"),
               max_unavailable=spec.get("maxUnavailable"), unhealthy_policy=policy)


def _nlb(s, svc, nsobj, sec, raw):
    """An NLB the AWS Load Balancer Controller makes for a Service of type LoadBalancer: every
    setting is a Service annotation. Defaults are the LBC's (pkg/service/model_builder.go) and
    AWS's (target-group attributes)."""
    spec = svc.get("spec") or {}
    ann = svc["metadata"].get("annotations") or {}
    if spec.get("type") != "LoadBalancer":
        raise ManifestError("an NLB needs a Service of type LoadBalancer")
    # Which Services the LBC reconciles (pkg/service/service_utils.go): its class, or with no class
    # the annotation `nlb-ip`, or `external` with a target type.
    cls = spec.get("loadBalancerClass")
    lb_type = ann.get(NLB + "type", "")
    target = ann.get(NLB + "nlb-target-type", "")
    if cls is not None and cls != NLB_CLASS:
        raise ManifestError(f"loadBalancerClass {cls} is not the LBC's ({NLB_CLASS})")
    if cls is None and not (lb_type == "nlb-ip" or (lb_type == "external" and target in ("ip", "instance"))):
        raise ManifestError("the LBC reconciles a Service without loadBalancerClass only with aws-load-balancer-type "
                            "nlb-ip, or external and a target type")
    # Target type (model_build_target_group.go, buildTargetType): ip for nlb-ip or target type ip.
    s.target_type = "ip" if lb_type == "nlb-ip" or target == "ip" else "instance"
    if s.target_type != s.preset.split("-")[1]:
        raise ManifestError(f"target type {s.target_type} does not match preset {s.preset}")
    if s.target_type == "instance" and spec.get("externalTrafficPolicy", "Cluster") != "Cluster":
        raise ManifestError("externalTrafficPolicy Local (the node health check on healthCheckNodePort) is not modelled")
    # Health check: TCP on the traffic port, 10 / 10 / 3 / 3, for ip targets and for instance
    # targets with Cluster (the LBC's defaults; AWS's success codes 200-399 for HTTP).
    s.hc_protocol = str(ann.get(NLB + "healthcheck-protocol", "TCP")).upper()
    if s.hc_protocol not in ("TCP", "HTTP"):
        raise ManifestError(f"health-check protocol {s.hc_protocol} is not modelled")
    if str(ann.get(NLB + "healthcheck-port", "traffic-port")) != "traffic-port":
        raise ManifestError("a health-check port other than traffic-port is not modelled")
    s.hc_path = ann.get(NLB + "healthcheck-path", "/")
    s.hc_interval = sec("healthcheck-interval", ann.get(NLB + "healthcheck-interval", 10))
    s.hc_timeout = sec("healthcheck-timeout", ann.get(NLB + "healthcheck-timeout", 10))
    s.hc_healthy = int(ann.get(NLB + "healthcheck-healthy-threshold", 3))
    s.hc_unhealthy = int(ann.get(NLB + "healthcheck-unhealthy-threshold", 3))
    s.hc_codes = _codes(ann.get(NLB + "healthcheck-success-codes", "200-399"))
    # Target-group attributes: the per-port key (the Service port) is laid over the general one,
    # key by key, and an empty value there keeps the general one (model_build_target_group.go).
    port = spec["ports"][0]["port"]
    tga = _string_map(ann.get(NLB + "target-group-attributes", ""))
    tga.update({k: v for k, v in _string_map(ann.get(f"{NLB}target-group-attributes.{port}", "")).items() if v})
    s.dereg_delay = sec("deregistration_delay", tga.get("deregistration_delay.timeout_seconds", 300))
    if tga.get("deregistration_delay.connection_termination.enabled", "false").lower() == "true":
        raise ManifestError("deregistration_delay.connection_termination.enabled=true is not modelled")
    # The NLB's TCP idle timeout: AWS's default 350 s unless the listener's attribute sets it.
    la = _string_map(ann.get(f"{NLB}listener-attributes.TCP-{port}", ""))
    s.idle_timeout = sec("tcp.idle_timeout", la.get("tcp.idle_timeout.seconds", 350))
    labels_ns = ((nsobj or {}).get("metadata") or {}).get("labels") or {}
    # The LBC injects a gate for target type ip only, in a labelled namespace (IP1).
    s.readiness_gate = s.target_type == "ip" and labels_ns.get(GATE_LABEL) == "enabled"
    raw.update(readinessGate=s.readiness_gate, healthyThreshold=s.hc_healthy, unhealthyThreshold=s.hc_unhealthy)
    raw["healthcheck-protocol"] = s.hc_protocol


def _agc(s, docs, svc, container, probe, sec, raw):
    """Application Gateway for Containers through a Gateway API HTTPRoute (the function's route
    front door; its Ingress API is not played). AGC probes the Service's pods with the
    HealthCheckPolicy that targets the Service, a field it leaves out taking AGC's default; without
    one, with a probe derived from the serving container's httpGet readiness probe (period,
    timeout, success and failure thresholds, path: the function's reading, AC2); without that,
    GET / every 5 s with a 30 s timeout, thresholds 1 / 3 (custom-health-probe.md in AGC's docs,
    as the function reads it). The route timeout is a RoutePolicy's on the route, default 60 s:
    read and reported, not played (a request takes 1 s)."""
    svc_name, ns = svc["metadata"]["name"], svc["metadata"].get("namespace", "default")
    route = _one(docs, "HTTPRoute", lambda r: str(r.get("apiVersion", "")).startswith(GATEWAY_API)
                 and r["metadata"].get("namespace", "default") == ns and _route_backs(r, svc_name))
    route_name = route["metadata"]["name"]

    def targets(kind, name):
        def pred(d):
            ref = (d.get("spec") or {}).get("targetRef") or {}
            return (d.get("apiVersion") == AGC_API and d["metadata"].get("namespace", "default") == ns
                    and ref.get("kind") == kind and ref.get("name") == name)
        return pred
    policies = [d for d in docs if d.get("kind") == "HealthCheckPolicy" and targets("Service", svc_name)(d)]
    if len(policies) > 1:
        raise ManifestError(f"{len(policies)} HealthCheckPolicies target Service {svc_name}")
    if policies:
        cfg = (policies[0].get("spec") or {}).get("default") or {}
        http = cfg.get("http") or {}
        port = cfg.get("port")
        ports = [p.get("containerPort") for p in container.get("ports", [])]
        if port is not None and port not in ports:
            raise ManifestError(f"HealthCheckPolicy port {port} is not the serving container's ({ports})")
        if cfg.get("useTLS"):
            raise ManifestError("HealthCheckPolicy useTLS is not modelled")
        s.hc_path = http.get("path", "/")
        interval, timeout = _duration(cfg.get("interval", "5s")), _duration(cfg.get("timeout", "30s"))
        s.hc_healthy = int(cfg.get("healthyThreshold", 1))
        s.hc_unhealthy = int(cfg.get("unhealthyThreshold", 3))
        codes = ((http.get("match") or {}).get("statusCodes")) or []
        s.hc_codes = [(int(c.get("start", 200)), int(c.get("end", 399))) for c in codes] or [(200, 399)]
        raw["probe.source"] = "HealthCheckPolicy"
    elif probe is not None:
        s.hc_path = probe.path
        interval, timeout = raw["readiness.periodSeconds"], raw["readiness.timeoutSeconds"]
        s.hc_healthy, s.hc_unhealthy = probe.success, probe.failure
        s.hc_codes = [(200, 399)]
        raw["probe.source"] = "readiness probe"
    else:
        s.hc_path, interval, timeout, s.hc_healthy, s.hc_unhealthy = "/", 5, 30, 1, 3
        s.hc_codes = [(200, 399)]
        raw["probe.source"] = "AGC's default"
    s.hc_interval = sec("probe.interval", interval)
    s.hc_timeout = sec("probe.timeout", timeout)
    route_policies = [d for d in docs if d.get("kind") == "RoutePolicy" and targets("HTTPRoute", route_name)(d)]
    q = "60s"
    if route_policies:
        q = ((((route_policies[0].get("spec") or {}).get("default") or {}).get("timeouts") or {})
             .get("routeTimeout", "60s"))
    s.request_timeout = sec("routeTimeout", _duration(q))
    raw.update(healthyThreshold=s.hc_healthy, unhealthyThreshold=s.hc_unhealthy)
    # The app must close its keep-alive connections after SIGTERM (AC4); the annotation states it.
    raw["closes-connections"] = (_workload_annotations(docs, s.name).get("zero-downtime.dev/closes-connections")
                                 == "true")


def _gke(s, docs, svc, ing, container, sec, raw):
    """GKE container-native load balancing through a GKE Ingress: the pods are endpoints in the
    Service's NEGs. Google's front ends check them with the health check of the Service's
    BackendConfig, each field it leaves out taking GKE's default for NEGs (GET / every 15 s, timeout
    15 s, healthy 1, unhealthy 2: ingress-gce pkg/translator/healthchecks.go). GKE copies the
    readiness probe into a new health check only when the pods exist as the load balancer is made,
    and never later: the model does not play that copy, so without a BackendConfig the check is
    GKE's default. A Compute Engine HTTP health check passes on 200 only. Connection draining is
    the BackendConfig's drainingTimeoutSec, default 0 (off), and the backend timeout its timeoutSec,
    default 30 s (Compute Engine's)."""
    ann = svc["metadata"].get("annotations") or {}
    ing_ann = ing["metadata"].get("annotations") or {}
    cls = ing_ann.get("kubernetes.io/ingress.class")
    # ingress-gce's IsGCEIngress: the annotation only; with none, an Ingress without ingressClassName.
    if cls is None and (ing.get("spec") or {}).get("ingressClassName") is not None:
        raise ManifestError("GKE's Ingress controller leaves an Ingress with spec.ingressClassName and no "
                            "kubernetes.io/ingress.class annotation alone")
    if cls is not None and cls not in GKE_INGRESS_CLASSES:
        raise ManifestError(f"ingress class {cls!r} is not GKE's ({', '.join(GKE_INGRESS_CLASSES)})")
    try:
        neg = yaml.safe_load(str(ann.get(GKE_NEG, "{}")))
    except yaml.YAMLError:
        neg = None
    if not isinstance(neg, dict) or neg.get("ingress") is not True:
        raise ManifestError(f"the Service's {GKE_NEG} annotation must be {{\"ingress\": true}}: GKE without NEGs "
                            "(instance groups) is not modelled")
    ns = svc["metadata"].get("namespace", "default")
    bc = {}
    key = next((k for k in GKE_BACKEND_CONFIG if k in ann), None)
    if key is not None:
        ref = yaml.safe_load(str(ann[key]))
        if not isinstance(ref, dict):
            raise ManifestError(f"{key} must be a JSON object")
        # A port's entry first, by the Service port's name, then its number; else default
        # (ingress-gce pkg/backendconfig/utils.go).
        port = _ingress_port(ing, svc["metadata"]["name"])
        sp = next((p for p in svc["spec"]["ports"] if port in (p.get("port"), p.get("name"))), None)
        ports = ref.get("ports") or {}
        name = next((ports[str(k)] for k in ((sp or {}).get("name"), (sp or {}).get("port"))
                     if k is not None and str(k) in ports), ref.get("default"))
        if name:
            found = [d for d in docs if d.get("kind") == "BackendConfig"
                     and d.get("apiVersion") in GKE_BACKEND_CONFIG_APIS and d["metadata"]["name"] == name
                     and d["metadata"].get("namespace", "default") == ns]
            if len(found) != 1:
                raise ManifestError(f"BackendConfig {ns}/{name}, which {key} names, is not in the manifests")
            bc = found[0].get("spec") or {}
            raw["healthcheck.source"] = f"BackendConfig {name}"
    raw.setdefault("healthcheck.source", "GKE's default")
    hc = bc.get("healthCheck") or {}
    if str(hc.get("type", "HTTP")).upper() != "HTTP":
        raise ManifestError(f"health-check type {hc.get('type')} is not modelled")
    ports = [p.get("containerPort") for p in container.get("ports", [])]
    if hc.get("port") is not None and hc["port"] not in ports:
        raise ManifestError(f"BackendConfig healthCheck.port {hc['port']} is not the serving container's ({ports})")
    s.hc_path = hc.get("requestPath", "/")
    s.hc_interval = sec("healthcheck-interval", hc.get("checkIntervalSec", 15))
    s.hc_timeout = sec("healthcheck-timeout", hc.get("timeoutSec", 15))
    s.hc_healthy = int(hc.get("healthyThreshold", 1))
    s.hc_unhealthy = int(hc.get("unhealthyThreshold", 2))
    s.hc_codes = [(200, 200)]
    draining = (bc.get("connectionDraining") or {}).get("drainingTimeoutSec", 0)
    s.draining_timeout = sec("drainingTimeoutSec", draining)
    s.draining = s.draining_timeout > 0
    s.request_timeout = sec("backendTimeoutSec", bc.get("timeoutSec", 30))
    # GFEs keep idle connections to a backend for 600 s, a fixed value (Google's request
    # distribution page); the front end's client keep-alive is 610 s.
    s.idle_timeout = sec("backendKeepalive", 600)
    # GKE injects the NEG readiness gate, which can turn True before the endpoint is attached
    # (kubernetes/ingress-gce#1718): played as True at once, holding nothing.
    raw["readinessGate"] = "unreliable (True at once)"
    raw["healthcheck-path"] = s.hc_path
    raw.update(healthyThreshold=s.hc_healthy, unhealthyThreshold=s.hc_unhealthy)


def _ingress_port(ing, svc_name):
    """The Service port an Ingress's backend names for the Service: its number or its name."""
    for r in (ing.get("spec") or {}).get("rules") or []:
        for p in ((r.get("http") or {}).get("paths")) or []:
            svc = ((p.get("backend") or {}).get("service")) or {}
            if svc.get("name") == svc_name:
                port = svc.get("port") or {}
                return port.get("number", port.get("name"))
    return None


def _workload_annotations(docs, name):
    ns, _, n = name.partition("/")
    for d in docs:
        if d.get("kind") in ("Deployment", "Rollout") and d["metadata"]["name"] == n \
                and d["metadata"].get("namespace", "default") == ns:
            return d["metadata"].get("annotations") or {}
    return {}


def _route_backs(route, svc_name):
    for rule in (route.get("spec") or {}).get("rules") or []:
        for b in rule.get("backendRefs") or []:
            if b.get("name") == svc_name and b.get("kind", "Service") == "Service" and not b.get("group"):
                return True
    return False


def _duration(text):
    """A metav1.Duration ("5s", "1m30s", "500ms") in seconds."""
    total, rest = 0.0, str(text).strip()
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", rest):
        total += float(n) * units[u]
    if not re.fullmatch(r"(?:\d+(?:\.\d+)?(?:ms|h|m|s))+", rest):
        raise ManifestError(f"{text!r} is not a duration such as 5s")
    return total


def _one(docs, kind, pred):
    found = [d for d in docs if d.get("kind") == kind and pred(d)]
    if len(found) != 1:
        raise ManifestError(f"expected exactly one matching {kind}, found {len(found)}")
    return found[0]


def _selects(svc, labels):
    sel = (svc.get("spec") or {}).get("selector") or {}
    return bool(sel) and all(labels.get(k) == v for k, v in sel.items())


def _backs(ing, svc_name):
    names = []
    spec = ing.get("spec") or {}
    for r in spec.get("rules") or []:
        for p in ((r.get("http") or {}).get("paths")) or []:
            names.append(((p.get("backend") or {}).get("service") or {}).get("name"))
    return svc_name in names


def _serving_container(containers, svc):
    target = svc["spec"]["ports"][0].get("targetPort", svc["spec"]["ports"][0]["port"])
    for c in containers:
        for p in c.get("ports", []):
            if target in (p.get("containerPort"), p.get("name")):
                return c
    return containers[0]


def _prestop(c):
    pre = ((c.get("lifecycle") or {}).get("preStop")) or {}
    if not pre:
        return 0, "none"
    if "sleep" in pre:
        return int(pre["sleep"]["seconds"]), "sleep"
    cmd = (pre.get("exec") or {}).get("command") or []
    text = " ".join(str(x) for x in cmd)
    m = re.fullmatch(r"(?:/bin/)?(?:sh -c )?(?:/bin/)?sleep (\d+)", text)
    if not m:
        raise ManifestError(f"preStop {text!r} is not a plain sleep")
    return int(m.group(1)), "exec sleep"


def _int_or_percent(v, replicas, rnd):
    s = str(v)
    if s.endswith("%"):
        return int(rnd(replicas * int(s[:-1]) / 100))
    return int(s)


def _string_map(text):
    out = {}
    for item in re.split(r"(?<!\\),", text or ""):
        k, _, v = item.partition("=")
        if k.strip():
            out[k.strip()] = v.strip()
    return out


def _codes(text):
    codes = []
    for part in str(text).split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-")
            codes.append((int(a), int(b)))
        elif part:
            codes.append((int(part), int(part)))
    return codes
