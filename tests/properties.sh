#!/usr/bin/env bash
# Property tests over every golden case (its args and config.yaml) and every
# manifest of the corpus (tests/corpus_dir.sh) under each preset, for the runs that exit 0:
#
#   idempotent     f(f(x)) == f(x) byte for byte (a ResourceList's results:
#                  aside, which describe the run)
#   check-clean    f(x) fed back with --check reports no error but unresolved references
#   out-of-scope   every object of f(x) is deep-equal (as python3 yaml reads
#                  it) to its input, unless it is a Deployment, StatefulSet,
#                  DaemonSet, Argo Rollout, Service, Ingress, Namespace or policy
#                  (gateway.k8s.aws TargetGroupConfiguration; alb.networking.azure.io
#                  HealthCheckPolicy, RoutePolicy, IngressExtension;
#                  networking.gke.io HealthCheckPolicy, GCPBackendPolicy;
#                  cloud.google.com BackendConfig) that an info result of the run names
#   service-fields a changed Service differs from its input only in the
#                  annotations of the load balancers' controllers
#                  (alb.ingress.kubernetes.io/*,
#                  service.beta.kubernetes.io/aws-load-balancer-*,
#                  cloud.google.com/neg, cloud.google.com/backend-config); a
#                  cloud.google.com/backend-config the run wrote is JSON whose
#                  every name is a BackendConfig of f(x) in the Service's namespace,
#                  and a cloud.google.com/neg it wrote is JSON
#   complete       f(x) holds the objects of x, in the same order (kind and
#                  name), then only objects it created (a TargetGroupConfiguration,
#                  HealthCheckPolicy, GCPBackendPolicy or BackendConfig of the
#                  groups above that an info result names), and python3 yaml
#                  reads it to the end
#   item by item   f(x) with every workload rewritten as it is written
#                  (--in-place-budget 0, as large inputs are) is f(x), byte for
#                  byte on stdout and stderr, exit code too (all runs)
#
# Objects are the documents or ResourceList items, with the items of list
# wrappers (kind: List, DeploymentList, ...) in their place, as kubectl
# applies them; under --drop-local-config, x's local-config objects are left
# out before comparing, as the function leaves them out of f(x).
#
# Usage: tests/properties.sh path/to/zero-downtime
# Prints `properties: N passed, M failed (K runs skipped: exit 1)`.
set -uo pipefail
bin=$(realpath "${1:?usage: properties.sh path/to/zero-downtime}")
root=$(cd "$(dirname "$0")/.." && pwd)
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "properties: python3 with PyYAML is needed (apt-get install python3-yaml; make test-deps)" >&2
  exit 2
fi
exec python3 - "$bin" "$root" <<'PY'
import glob, json, os, subprocess, sys, yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
binary, root = sys.argv[1], sys.argv[2]
PRESETS = ["alb-ip", "alb-instance", "agic", "gke-neg"]
# What a run may change, each object named by an info result: these kinds in any group...
CHANGEABLE = {"Deployment", "StatefulSet", "DaemonSet", "Rollout", "Service", "Ingress", "Namespace"}
# ...and these policies, by API group and kind (a HealthCheckPolicy of another group is not one).
POLICIES = {("gateway.k8s.aws", "TargetGroupConfiguration"),
            ("alb.networking.azure.io", "HealthCheckPolicy"), ("alb.networking.azure.io", "RoutePolicy"),
            ("alb.networking.azure.io", "IngressExtension"),
            ("networking.gke.io", "HealthCheckPolicy"), ("networking.gke.io", "GCPBackendPolicy"),
            ("cloud.google.com", "BackendConfig")}
# Policies the function may add after the items (a Service's policy the input lacks), each named
# by an info result.
CREATABLE = {("gateway.k8s.aws", "TargetGroupConfiguration"), ("alb.networking.azure.io", "HealthCheckPolicy"),
             ("networking.gke.io", "HealthCheckPolicy"), ("networking.gke.io", "GCPBackendPolicy"),
             ("cloud.google.com", "BackendConfig")}
# The Service annotations a run may write: the load balancers' controllers' own.
SERVICE_ANNOTATION_PREFIXES = ("alb.ingress.kubernetes.io/", "service.beta.kubernetes.io/aws-load-balancer-")
SERVICE_ANNOTATIONS = {"cloud.google.com/neg", "cloud.google.com/backend-config"}
passed = failed = skipped = 0


def run(stdin, args, cwd):
    p = subprocess.run([binary] + args, input=stdin, cwd=cwd, capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def load(data):
    return [d for d in yaml.load_all(data, Loader=Loader) if d is not None]


def without_results(out):
    text = out.decode("utf-8", "replace")
    if text.startswith("results:\n"):
        return ""
    cut = text.rfind("\nresults:\n")
    return text if cut < 0 else text[:cut + 1]


def is_local(o):
    md = o.get("metadata") if isinstance(o, dict) else None
    ann = md.get("annotations") if isinstance(md, dict) else None
    return isinstance(o, dict) and (o.get("kind") == "Kptfile" or (
        isinstance(ann, dict) and ann.get("config.kubernetes.io/local-config") == "true"))


def flatten(objs, drop_local):
    out = []
    for o in objs:
        if drop_local and is_local(o):
            continue
        kind = o.get("kind") if isinstance(o, dict) else None
        if (isinstance(kind, str) and kind.endswith("List") and kind != "ResourceList" and
                not is_local(o) and isinstance(o.get("items"), (list, type(None)))):
            out += flatten(o.get("items") or [], drop_local)
        else:
            out.append(o)
    return out


def objects(docs, drop_local):
    if len(docs) == 1 and isinstance(docs[0], dict) and docs[0].get("kind") == "ResourceList":
        return True, flatten(docs[0].get("items") or [], drop_local)
    return False, flatten(docs, drop_local)


def group_kind(obj):
    if not isinstance(obj, dict):
        return ("", "")
    api = str(obj.get("apiVersion", ""))
    return (api.rsplit("/", 1)[0] if "/" in api else "", str(obj.get("kind", "")))


def may_change(obj):
    return isinstance(obj, dict) and (obj.get("kind") in CHANGEABLE or group_kind(obj) in POLICIES)


def annotations(obj):
    md = obj.get("metadata") if isinstance(obj, dict) else None
    ann = md.get("annotations") if isinstance(md, dict) else None
    return ann if isinstance(ann, dict) else {}


# -> problems with how a run changed Service u into v (objects: all of f(x), for names).
def service_field_problems(r, u, v, objects):
    problems = []
    strip = lambda o: {**o, "metadata": {k: w for k, w in (o.get("metadata") or {}).items() if k != "annotations"}}
    if strip(u) != strip(v):
        problems.append("service-fields: %s changed outside metadata.annotations" % r)
    a, b = annotations(u), annotations(v)
    for key in sorted(set(a) | set(b), key=str):
        if a.get(key) == b.get(key):
            continue
        if not (str(key) in SERVICE_ANNOTATIONS or str(key).startswith(SERVICE_ANNOTATION_PREFIXES)):
            problems.append("service-fields: %s annotation %s changed" % (r, key))
            continue
        if key not in b or key not in SERVICE_ANNOTATIONS:
            continue
        try:
            value = json.loads(b[key])
        except (TypeError, ValueError):
            problems.append("service-fields: %s annotation %s is no JSON: %r" % (r, key, b[key]))
            continue
        if key == "cloud.google.com/backend-config":
            ns = (v.get("metadata") or {}).get("namespace")
            names = set()
            if isinstance(value, dict):
                if isinstance(value.get("default"), str):
                    names.add(value["default"])
                if isinstance(value.get("ports"), dict):
                    names |= {n for n in value["ports"].values() if isinstance(n, str)}
            have = {(o.get("metadata") or {}).get("name") for o in objects
                    if group_kind(o) == ("cloud.google.com", "BackendConfig") and
                    (o.get("metadata") or {}).get("namespace") == ns}
            if not names or names - have:
                problems.append("service-fields: %s annotation %s names %s, not a BackendConfig of the output" %
                                (r, key, sorted(names - have) or "nothing"))
    return problems


def ref(obj):
    md = obj.get("metadata") if isinstance(obj, dict) else None
    md = md if isinstance(md, dict) else {}
    api, kind = str(obj.get("apiVersion", "")), str(obj.get("kind", ""))
    ns, name = md.get("namespace"), str(md.get("name", ""))
    return "%s/%s/%s%s" % (api, kind, (str(ns) + "/") if ns else "", name)


def changed_refs(is_rl, out_docs, err):
    refs = set()
    if is_rl:
        for r in out_docs[0].get("results") or []:
            rr = r.get("resourceRef") if isinstance(r, dict) else None
            if r.get("severity") == "info" and isinstance(rr, dict):
                refs.add(ref({"apiVersion": rr.get("apiVersion"), "kind": rr.get("kind"),
                              "metadata": {"name": rr.get("name"), "namespace": rr.get("namespace")}}))
    else:
        for line in err.splitlines():
            if line.startswith("[info] "):
                token = line.split(" ", 2)[1]
                refs.add(token.rstrip(":"))
    return refs


# The words check mode adds to an error about a reference it could not follow.
UNRESOLVED = "check mode cannot vouch for it"


def check(label, x, args, cwd):
    global passed, failed, skipped
    problems = []
    code, out, err = run(x, args, cwd)
    if run(x, args + ["--in-place-budget", "0"], cwd) != (code, out, err):
        problems.append("item by item: --in-place-budget 0 changes the output")
    if code != 0:
        if not problems:
            skipped += 1
            return
        return report(label, problems)
    if not out:
        problems.append("exit 0 with an empty stdout")
    try:
        in_docs, out_docs = load(x), load(out)
    except yaml.YAMLError as e:
        problems.append("python3 yaml cannot read input or output: %s" % str(e).splitlines()[0])
        in_docs = out_docs = None
    if out_docs is not None:
        drop_local = "--drop-local-config" in args
        is_rl, a = objects(in_docs, drop_local)
        _, b = objects(out_docs, drop_local)
        refs = changed_refs(is_rl, out_docs, err)
        added = b[len(a):]
        b = b[:len(a)]
        for o in added:
            if not (group_kind(o) in CREATABLE and ref(o) in refs):
                problems.append("complete: %s added without an info result naming it" % ref(o))
        if len(a) != len(b) or [(o.get("kind"), ref(o)) for o in a if isinstance(o, dict)] != \
                [(o.get("kind"), ref(o)) for o in b if isinstance(o, dict)]:
            problems.append("complete: %d objects in, %d out, or their order changed" % (len(a), len(b)))
        else:
            for i, (u, v) in enumerate(zip(a, b)):
                if u == v:
                    continue
                r = ref(u)
                if not (may_change(u) and r in refs):
                    problems.append("out-of-scope: %s (object %d) changed without an info result naming it" % (r, i))
                elif group_kind(u) == ("", "Service") and isinstance(v, dict):
                    problems += service_field_problems(r, u, v, b + added)
    code2, out2, err2 = run(out, args, cwd)
    if code2 != 0:
        problems.append("idempotent: f(f(x)) exits %d: %s" % (code2, err2.strip().splitlines()[-1:]))
    elif without_results(out2) != without_results(out):
        problems.append("idempotent: f(f(x)) differs from f(x)")
    # Strict check: on f(x) nothing is left to change, so the only errors allowed are references
    # the input cannot follow (an excerpt: an Ingress whose Service is elsewhere), which check
    # mode reports as errors unless partialInput is set.
    code3, _, err3 = run(out, args + ["--check"], cwd)
    errs = [l for l in err3.splitlines() if l.startswith("[error]") and UNRESOLVED not in l]
    if code3 > 1 or errs or (code3 == 1 and "[error]" not in err3):
        problems.append("check-clean: --check on f(x) exits %d: %s" % (code3, errs[:3]))
    report(label, problems)


def report(label, problems):
    global passed, failed
    if problems:
        failed += 1
        for p in problems:
            print("FAIL %s: %s" % (label, p))
    else:
        passed += 1


for case in sorted(glob.glob(os.path.join(root, "testdata/golden/*/"))):
    name = os.path.basename(case.rstrip("/"))
    inp = os.path.join(case, "input.yaml")
    if not os.path.exists(inp):
        continue
    args = []
    if os.path.exists(os.path.join(case, "args")):
        args = [l for l in open(os.path.join(case, "args")).read().splitlines() if l]
    if os.path.exists(os.path.join(case, "config.yaml")):
        args += ["--config", "config.yaml"]
    check("golden/" + name, open(inp, "rb").read(), args, case)

corpus = subprocess.run([os.path.join(root, "tests", "corpus_dir.sh")], capture_output=True, text=True,
                        check=True).stdout.strip()
files = sorted(glob.glob(os.path.join(corpus, "**", "*.yaml"), recursive=True)) if corpus else []
if not files:
    print("SKIP: properties over the corpus: no corpus of real-world manifests (set ZD_CORPUS_DIR); golden cases checked")
for f in files:
    data = open(f, "rb").read()
    for preset in PRESETS:
        check("corpus/%s [%s]" % (os.path.relpath(f, corpus), preset), data, ["--preset", preset], root)

print("properties: %d passed, %d failed (%d runs skipped: exit 1)" % (passed, failed, skipped))
sys.exit(1 if failed or passed == 0 else 0)
PY
