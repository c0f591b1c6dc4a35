#!/usr/bin/env python3
"""Deterministic benchmark input for zero-downtime (make bench).

    bench/gen.py N OUTDIR [--no-kustomize]

writes
    OUTDIR/resourcelist.yaml               ResourceList of N apps (what kpt/kustomize send the function)
    OUTDIR/kustomize/plain/                kustomization.yaml (resources only) + resources.yaml
    OUTDIR/kustomize/patched/              kustomization.yaml with `patches:` + resources.yaml

Each app is a Deployment (two containers, probes, env with quoted "8080"/"true",
resources, labels), a Service and an ALB Ingress (ingressClassName alb); 60 % of
the apps also have a ConfigMap with a block scalar, 30 % a ServiceAccount. The apps
live in 4 + N/250 namespaces, each with its Namespace object. That is about 3.9
resources and 5.8 KB of ResourceList per app.

Python 3 standard library only. No randomness but per-app generators seeded with the
app's index, so app i is the same whatever N is, and every run writes the same bytes.
"""

import hashlib
import json
import os
import random
import sys


# ---------------------------------------------------------------- a tiny YAML writer
class Q(str):
    """A string written double-quoted (a reader must see a string, not a number/bool)."""


class Lit(str):
    """A string written as a literal block scalar (`|`)."""


_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` ")


def _scalar(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Q):
        return json.dumps(str(v))
    s = str(v)
    # Plain only where a reader would read the same string back; quote otherwise.
    if (not s or s[0] in _PLAIN_BAD_START or ": " in s or " #" in s or s.endswith(":")
            or s.lower() in ("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~")
            or s.replace(".", "", 1).replace("-", "", 1).isdigit()):
        return json.dumps(s)
    return s


def _emit(v, indent, out):
    """Block style as kustomize/kyaml write it: list items at their key's column."""
    pad = " " * indent
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(x, dict) and x:
                out.append(f"{pad}{_scalar(k)}:\n")
                _emit(x, indent + 2, out)
            elif isinstance(x, list) and x:
                out.append(f"{pad}{_scalar(k)}:\n")
                _emit(x, indent, out)
            else:
                out.append(f"{pad}{_scalar(k)}: {_inline(x, indent + 2)}\n")
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, dict) and x:
                sub = []
                _emit(x, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(x, list) and x:
                raise ValueError("nested lists are not used here")
            else:
                out.append(f"{pad}- {_inline(x, indent + 2)}\n")
    else:
        raise ValueError("top level must be a container")


def _inline(x, block_indent):
    if isinstance(x, dict):
        return "{}"
    if isinstance(x, list):
        return "[]"
    if isinstance(x, Lit):
        body = str(x)
        chomp = "" if body.endswith("\n") else "-"
        lines = body.rstrip("\n").split("\n")
        pad = " " * block_indent
        return "|" + chomp + "\n" + "\n".join(pad + l if l else "" for l in lines)
    return _scalar(x)


def to_yaml(obj, indent=0):
    out = []
    _emit(obj, indent, out)
    return "".join(out)


# ---------------------------------------------------------------- the resources
# kubectl and kustomize write `maxSurge: 25%` plain (a string under every YAML schema);
# many Helm charts quote it. zero-downtime up to 45a0a6f rejected the plain form
# (Reader::intOrPercent, fn/rewrite/read_values.cpp) and exited 1, so the benchmark was
# measuring the error path; it is fixed by 50bee37. The input quotes it ("25%") so that
# results stay comparable with the first BENCHMARKS.md; BENCH_PLAIN_PERCENT=1 writes it plain.
PLAIN_PERCENT = os.environ.get("BENCH_PLAIN_PERCENT") == "1"


def pct(s):
    return s if PLAIN_PERCENT else Q(s)


WORDS = ["checkout", "cart", "search", "payments", "catalog", "users", "orders", "inventory",
         "shipping", "reviews", "pricing", "recommend", "notify", "auth", "media", "ledger"]
TEAMS = ["storefront", "platform", "growth", "fulfilment", "identity"]


def namespaces(n_apps):
    return [f"shop-{k}" for k in range(4 + n_apps // 250)]


def app_resources(i, ns):
    rng = random.Random(i * 1000003 + 6)
    name = f"{WORDS[i % len(WORDS)]}-{i:05d}"
    team = TEAMS[rng.randrange(len(TEAMS))]
    version = f"1.{rng.randrange(20)}.{rng.randrange(10)}"
    has_cm = rng.random() < 0.6
    has_sa = rng.random() < 0.3
    selector = {"app.kubernetes.io/name": name}
    labels = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop",
              "app.kubernetes.io/version": Q(version), "team": team}
    out = []

    # --- the Deployment ---
    app = {
        "name": name,
        "image": Q(f"registry.example.com/shop/{name}:{version}"),
        "imagePullPolicy": "IfNotPresent",
        "args": ["--config=/etc/app/config.yaml", "--listen=:8080"],
        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"},
                  {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}],
        "env": [
            {"name": "PORT", "value": Q("8080")},
            {"name": "ENABLE_TRACING", "value": Q("true")},
            {"name": "LOG_LEVEL", "value": "info"},
            {"name": "DB_HOST", "value": f"{name}-db.{ns}.svc.cluster.local"},
            {"name": "CACHE_TTL_SECONDS", "value": Q(str(rng.choice([30, 60, 300])))},
            {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
            {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": f"{name}-db", "key": "password"}}},
        ],
        "resources": {"requests": {"cpu": f"{rng.choice([100, 250, 500])}m", "memory": "256Mi"},
                      "limits": {"cpu": Q("1"), "memory": "512Mi"}},
        "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"},
                           "periodSeconds": rng.choice([5, 10, 30]), "timeoutSeconds": 2,
                           "failureThreshold": 3},
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"},
                          "initialDelaySeconds": 10, "periodSeconds": 20},
    }
    if rng.random() < 0.35:  # a third already drain with a plain sleep
        app["lifecycle"] = {"preStop": {"exec": {"command": ["sleep", Q(str(rng.choice([5, 15, 45])))]}}}
    app["volumeMounts"] = [{"name": "config", "mountPath": "/etc/app", "readOnly": True}]
    shipper = {
        "name": "log-shipper",
        "image": Q("registry.example.com/fluent-bit:3.0.4"),
        "args": ["--config=/fluent-bit/etc/fluent-bit.conf"],
        "env": [{"name": "FLUENT_ELASTICSEARCH_HOST", "value": "logs.observability.svc"},
                {"name": "FLUENT_ELASTICSEARCH_PORT", "value": Q("9200")}],
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
        "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"}],
    }
    pod = {}
    if has_sa:
        pod["serviceAccountName"] = name
    pod["securityContext"] = {"runAsNonRoot": True, "runAsUser": 10001, "fsGroup": 10001}
    pod["containers"] = [app, shipper]
    pod["topologySpreadConstraints"] = [{
        "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
        "whenUnsatisfiable": "ScheduleAnyway",
        "labelSelector": {"matchLabels": dict(selector)}}]
    volumes = [{"name": "config", "configMap": {"name": f"{name}-config"}} if has_cm
               else {"name": "config", "emptyDir": {}},
               {"name": "varlog", "emptyDir": {}}]
    pod["volumes"] = volumes
    spec = {"replicas": rng.choice([2, 3, 4, 6]), "revisionHistoryLimit": 5,
            "selector": {"matchLabels": dict(selector)}}
    if rng.random() < 0.5:
        spec["strategy"] = {"type": "RollingUpdate",
                            "rollingUpdate": {"maxSurge": pct("25%"), "maxUnavailable": pct("25%")}}
    spec["template"] = {
        "metadata": {"labels": {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "shop",
                                "team": team},
                     "annotations": {"prometheus.io/scrape": Q("true"), "prometheus.io/port": Q("9090"),
                                     "checksum/config": hashlib.sha256(name.encode()).hexdigest()}},
        "spec": pod,
    }
    out.append({"apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": {"name": name, "namespace": ns, "labels": dict(labels),
                             "annotations": {"owner": f"{team}@example.com"}},
                "spec": spec})

    # --- the Service ---
    out.append({"apiVersion": "v1", "kind": "Service",
                "metadata": {"name": name, "namespace": ns, "labels": dict(labels)},
                "spec": {"type": "ClusterIP", "selector": dict(selector),
                         "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"}]}})

    # --- the ALB Ingress ---
    ann = {
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/target-type": "ip",
        "alb.ingress.kubernetes.io/group.name": ns,
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/certificate-arn":
            "arn:aws:acm:eu-west-1:123456789012:certificate/0b6f7c1e-5d2a-4c3b-9e8f-1a2b3c4d5e6f",
        "alb.ingress.kubernetes.io/healthcheck-path": "/ready",
    }
    if rng.random() < 0.5:
        ann["alb.ingress.kubernetes.io/healthcheck-interval-seconds"] = Q(str(rng.choice([5, 15, 30])))
    if rng.random() < 0.4:
        ann["alb.ingress.kubernetes.io/target-group-attributes"] = (
            "stickiness.enabled=true,stickiness.lb_cookie.duration_seconds=3600"
            + (",deregistration_delay.timeout_seconds=300" if rng.random() < 0.5 else ""))
    port = {"name": "http"} if rng.random() < 0.7 else {"number": 80}
    host = f"{name}.{ns}.example.com"
    out.append({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                "metadata": {"name": name, "namespace": ns, "labels": dict(labels), "annotations": ann},
                "spec": {"ingressClassName": "alb",
                         "tls": [{"hosts": [host]}],
                         "rules": [{"host": host, "http": {"paths": [
                             {"path": "/", "pathType": "Prefix",
                              "backend": {"service": {"name": name, "port": port}}}]}}]}})

    # --- unrelated resources ---
    if has_cm:
        cfg = "\n".join([
            "server:",
            "  listen: :8080",
            "  readTimeout: 10s",
            "  writeTimeout: 15s",
            "  shutdownTimeout: 15s",
            "database:",
            f"  host: {name}-db.{ns}.svc.cluster.local",
            "  port: 5432",
            "  pool:",
            f"    max: {rng.choice([10, 20, 50])}",
            "    idle: 5",
            "cache:",
            "  enabled: true",
            "  ttl: 60s",
            "features:",
            f"  - {WORDS[(i + 3) % len(WORDS)]}-v2",
            "  - fast-checkout",
            "  - \"quoted: value\"",
            "logging:",
            "  level: info",
            "  format: json",
        ]) + "\n"
        out.append({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": f"{name}-config", "namespace": ns, "labels": dict(labels)},
                    "data": {"config.yaml": Lit(cfg), "LOG_FORMAT": "json",
                             "FEATURE_FLAGS": Q("on"), "MAX_BODY_BYTES": Q("1048576")}})
    if has_sa:
        out.append({"apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": {"name": name, "namespace": ns, "labels": dict(labels),
                                 "annotations": {"eks.amazonaws.com/role-arn":
                                                 f"arn:aws:iam::123456789012:role/{ns}-{name}"}}})
    return out


def all_resources(n):
    nss = namespaces(n)
    objs = [{"apiVersion": "v1", "kind": "Namespace",
             "metadata": {"name": ns, "labels": {"team": TEAMS[k % len(TEAMS)]}}}
            for k, ns in enumerate(nss)]
    for i in range(n):
        objs.extend(app_resources(i, nss[i % len(nss)]))
    return objs


# ---------------------------------------------------------------- kustomize
# What a user writes to get the alb-ip preset's changes from kustomize alone.
# Container-level changes need JSON 6902 with an index: the app container is
# named after the app, so a strategic merge patch cannot name it generically.
PATCHES = """\
patches:
# Rollout and pod termination: every Deployment.
- target:
    kind: Deployment
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: any
    spec:
      strategy:
        rollingUpdate:
          maxUnavailable: 0
      template:
        spec:
          terminationGracePeriodSeconds: 50
# The serving container: assumed to be the first one.
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/lifecycle
      value:
        preStop:
          exec:
            command: ["sleep", "30"]
    - op: add
      path: /spec/template/spec/containers/0/readinessProbe/periodSeconds
      value: 10
# ALB target group: every Ingress of class alb.
- target:
    kind: Ingress
  patch: |-
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: any
      annotations:
        alb.ingress.kubernetes.io/target-type: ip
        alb.ingress.kubernetes.io/healthcheck-interval-seconds: "10"
        alb.ingress.kubernetes.io/healthcheck-timeout-seconds: "5"
        alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=30
# Pod readiness gates: every Namespace.
- target:
    kind: Namespace
  patch: |-
    apiVersion: v1
    kind: Namespace
    metadata:
      name: any
      labels:
        elbv2.k8s.aws/pod-readiness-gate-inject: enabled
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 2 or not args[0].isdigit():
        sys.exit(__doc__)
    n, outdir = int(args[0]), args[1]
    objs = all_resources(n)

    rl = ["apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"]
    rl.append(to_yaml(objs, 0))
    write(os.path.join(outdir, "resourcelist.yaml"), "".join(rl))

    if "--no-kustomize" not in argv:
        stream = "---\n".join(to_yaml(o) for o in objs)
        for variant in ("plain", "patched"):
            d = os.path.join(outdir, "kustomize", variant)
            write(os.path.join(d, "resources.yaml"), stream)
            kust = ("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                    "resources:\n- resources.yaml\n")
            if variant == "patched":
                kust += PATCHES
            write(os.path.join(d, "kustomization.yaml"), kust)
    size = os.path.getsize(os.path.join(outdir, "resourcelist.yaml"))
    print(f"{n} apps, {len(objs)} resources ({len(objs) / max(n, 1):.2f}/app), "
          f"{size} bytes ({size / max(n, 1) / 1000:.2f} KB/app)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
