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
#                  groups above that an info result names; a policy/v1
#                  PodDisruptionBudget only with its own DR1 info result), and
#                  python3 yaml reads it to the end. A PodDisruptionBudget of x is
#                  never changed (none of the kinds above)
#   budget-for     a PodDisruptionBudget the run created names in its annotation
#                  zero-downtime.dev/for a Deployment, StatefulSet or Rollout of
#                  f(x) in its namespace (Kind/name), and selects that workload's
#                  pods: its selector is the workload's spec.selector, or (none
#                  there) its matchLabels are among the pod template's labels
#   item by item   f(x) with every workload rewritten as it is written
#                  (--in-place-budget 0, as large inputs are) is f(x), byte for
#                  byte on stdout and stderr, exit code too (all runs)
#
# Objects are the documents or ResourceList items, with the items of list
# wrappers (kind: List, DeploymentList, ...) in their place, as kubectl
# applies them; under --drop-local-config, x's local-config objects are left
# out before comparing, as the function leaves them out of f(x).
#
# Before the runs, a self-test feeds these checks made-up outputs (a budget added
# with and without its DR1 info result, an input budget changed) and fails when
# one they must reject passes.
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
import glob, json, os, re, subprocess, sys, yaml

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
# Objects the function may add only with the info result of one rule naming them.
CREATED_BY_RULE = {("policy", "PodDisruptionBudget"): "DR1"}
BUDGET_WORKLOADS = {"Deployment", "StatefulSet", "Rollout"}
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


def rule_of(message):
    """The rule code a result's message starts with ("DR1: created for ..." -> "DR1"), or ""."""
    m = re.match(r"([A-Z]+[0-9]+): ", str(message))
    return m.group(1) if m else ""


# -> {ref: set of the rule codes of the info results naming it}
def changed_refs(is_rl, out_docs, err):
    refs = {}
    if is_rl:
        for r in out_docs[0].get("results") or []:
            rr = r.get("resourceRef") if isinstance(r, dict) else None
            if r.get("severity") == "info" and isinstance(rr, dict):
                key = ref({"apiVersion": rr.get("apiVersion"), "kind": rr.get("kind"),
                           "metadata": {"name": rr.get("name"), "namespace": rr.get("namespace")}})
                refs.setdefault(key, set()).add(rule_of(r.get("message", "")))
    else:
        # [info] REF[ FIELD]: CODE: message
        for line in err.splitlines():
            if line.startswith("[info] "):
                token = line.split(" ", 2)[1]
                rest = line.split(": ", 1)[1] if ": " in line else ""
                refs.setdefault(token.rstrip(":"), set()).add(rule_of(rest))
    return refs


def may_add(o, refs):
    gk = group_kind(o)
    if gk in CREATED_BY_RULE:
        return CREATED_BY_RULE[gk] in refs.get(ref(o), ())
    return gk in CREATABLE and ref(o) in refs


# -> problems with a PodDisruptionBudget the run added (objects: all of f(x)).
def budget_problems(pdb, objects):
    r = ref(pdb)
    md = pdb.get("metadata") or {}
    ns = md.get("namespace")
    target = str(annotations(pdb).get("zero-downtime.dev/for", ""))
    kind, _, name = target.partition("/")
    found = [o for o in objects if isinstance(o, dict) and o.get("kind") == kind and kind in BUDGET_WORKLOADS and
             (o.get("metadata") or {}).get("name") == name and (o.get("metadata") or {}).get("namespace") == ns]
    if not found:
        return ["budget-for: %s names %r in zero-downtime.dev/for, no Deployment, StatefulSet or Rollout of the "
                "output in its namespace" % (r, target)]
    w = found[0]
    spec = pdb.get("spec") or {}
    sel = spec.get("selector")
    wsel = (w.get("spec") or {}).get("selector")
    if isinstance(wsel, dict):
        if sel != wsel:
            return ["budget-for: %s selector %r is not %s's spec.selector %r" % (r, sel, target, wsel)]
        return []
    labels = ((((w.get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels")) or {}
    ml = (sel or {}).get("matchLabels") if isinstance(sel, dict) else None
    if labels and (not isinstance(ml, dict) or not ml or any(labels.get(k) != v for k, v in ml.items())):
        return ["budget-for: %s selector %r does not select the pod template labels of %s" % (r, sel, target)]
    return []


# -> problems with f(x)'s objects b against x's a (both flattened), refs from changed_refs.
def object_problems(a, b, refs):
    problems = []
    added = b[len(a):]
    b = b[:len(a)]
    for o in added:
        if not may_add(o, refs):
            rule = CREATED_BY_RULE.get(group_kind(o))
            problems.append("complete: %s added without %s naming it" %
                            (ref(o), "its %s info result" % rule if rule else "an info result"))
        elif group_kind(o) == ("policy", "PodDisruptionBudget"):
            problems += budget_problems(o, b + added)
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
    return problems


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
        problems += object_problems(a, b, changed_refs(is_rl, out_docs, err))
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


# --- self-test: made-up runs the checks above must pass or reject --------------------------------
def selftest():
    deploy = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
              "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                       "template": {"metadata": {"labels": {"app": "web"}}}}}

    def pdb(name="web", selector=None, target="Deployment/web"):
        return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                "metadata": {"name": name, "namespace": "shop", "annotations": {"zero-downtime.dev/for": target}},
                "spec": {"maxUnavailable": 1, "selector": selector or {"matchLabels": {"app": "web"}},
                         "unhealthyPodEvictionPolicy": "AlwaysAllow"}}

    ref_pdb = "policy/v1/PodDisruptionBudget/shop/web"
    dr1 = "[info] %s: DR1: created for Deployment \"web\", which runs 3 replicas (spec.replicas): ..." % ref_pdb
    user_pdb = {**pdb(), "metadata": {"name": "web", "namespace": "shop"}}
    # (name, x, f(x), stderr of a stream run, ResourceList results or None, a problem expected?)
    cases = [
        ("budget with its DR1 info", [deploy], [deploy, pdb()], dr1, None, False),
        ("budget with its DR1 info in a ResourceList", [deploy], [deploy, pdb()], "",
         [{"message": "DR1: created for ...", "severity": "info",
           "resourceRef": {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "name": "web", "namespace": "shop"}}],
         False),
        ("budget without a result", [deploy], [deploy, pdb()], "", None, True),
        ("budget named by another rule's info", [deploy], [deploy, pdb()],
         "[info] %s: K1: something else" % ref_pdb, None, True),
        ("budget named by a DR1 warning (check mode)", [deploy], [deploy, pdb()],
         "[warning] %s: DR1: created for ..." % ref_pdb, None, True),
        ("budget with DR1 on another budget", [deploy], [deploy, pdb()],
         dr1.replace("/shop/web:", "/shop/web-2:"), None, True),
        ("budget DR1 in a ResourceList as a warning", [deploy], [deploy, pdb()], "",
         [{"message": "DR1: created for ...", "severity": "warning",
           "resourceRef": {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "name": "web", "namespace": "shop"}}],
         True),
        ("budget for no workload of the output", [deploy], [deploy, pdb(target="Deployment/api")], dr1, None, True),
        ("budget selecting other pods", [deploy], [deploy, pdb(selector={"matchLabels": {"app": "api"}})], dr1, None, True),
        ("input budget changed, even with DR1", [deploy, user_pdb],
         [deploy, {**user_pdb, "spec": {**user_pdb["spec"], "maxUnavailable": 2}}], dr1, None, True),
    ]
    for name, x, fx, err, results, want in cases:
        docs = [{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": fx, "results": results}] \
            if results is not None else fx
        got = object_problems(x, fx, changed_refs(results is not None, docs, err))
        if bool(got) != want:
            report("selftest/" + name, ["the checks %s it: %s" % ("passed" if want else "rejected", got or "no problem")])
        else:
            report("selftest/" + name, [])


selftest()

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
