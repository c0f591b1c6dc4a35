#!/usr/bin/env python3
"""Runs an Argo CD Config Management Plugin the way argocd-cmp-server does,
without Argo CD: copy the repo to a temp dir with modes reset (0644 files,
0755 dirs), cd into the app path, build the environment the sidecar gives
(build env, ARGOCD_ENV_* from plugin env, PARAM_* from parameters), run
`init` then `generate` exactly as plugin.yaml writes them, and check that
stdout is bare Kubernetes manifests.

usage: cmp_emulate.py --plugin plugin.yaml --repo DIR --path apps/x
                      [--env NAME=VALUE]... [--params JSON] > manifests
Exit status: that of the failing command, or 3 if the output breaks the contract.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml


def escaped(name):
    return re.sub(r"[^A-Z0-9_]", "_", name.upper())


def envsubst(value, build):
    # os.Expand over the build env only; $$ is a literal $.
    return re.sub(r"\$\$|\$\{([^}]*)\}|\$([A-Za-z0-9_]+)",
                  lambda m: "$" if m.group(0) == "$$" else build.get(m.group(1) or m.group(2), ""),
                  value)


def copy_repo(repo, dest, preserve):
    shutil.copytree(repo, dest)
    if preserve:
        return
    for root, dirs, files in os.walk(dest):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)


def environment(args):
    build = {
        "ARGOCD_APP_NAME": args.app_name, "ARGOCD_APP_NAMESPACE": args.namespace,
        "ARGOCD_APP_PROJECT_NAME": "default", "ARGOCD_APP_REVISION": "0123456789abcdef",
        "ARGOCD_APP_REVISION_SHORT": "0123456", "ARGOCD_APP_REVISION_SHORT_8": "01234567",
        "ARGOCD_APP_SOURCE_REPO_URL": "https://git.example.com/platform/apps.git",
        "ARGOCD_APP_SOURCE_PATH": args.path, "ARGOCD_APP_SOURCE_TARGET_REVISION": "HEAD",
        "KUBE_VERSION": "1.32.0", "KUBE_API_VERSIONS": "v1,apps/v1,networking.k8s.io/v1",
    }
    env = dict(os.environ)
    env.update(build)
    for entry in args.env:
        name, _, value = entry.partition("=")
        env["ARGOCD_ENV_" + name] = envsubst(value, build)
    params = json.loads(args.params)
    env["ARGOCD_APP_PARAMETERS"] = json.dumps(params)
    for p in params:
        base = "PARAM_" + escaped(p["name"])
        if "string" in p:
            env[base] = p["string"]
        for k, v in (p.get("map") or {}).items():
            env[base + "_" + escaped(k)] = v
        for i, v in enumerate(p.get("array") or []):
            env[f"{base}_{i}"] = v
    return env


def run(step, cwd, env):
    cmd = step["command"] + step.get("args", [])
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=90)


def with_list_items(objs):
    """Each object, and the items of a List (any kind ending in List) in its
    place: Argo CD applies those items as it applies documents."""
    for obj in objs:
        yield obj
        kind = obj.get("kind") if isinstance(obj, dict) else None
        if isinstance(kind, str) and kind.endswith("List") and isinstance(obj.get("items"), list):
            yield from with_list_items(obj["items"])


def check_manifests(text):
    """Argo CD neither unwraps a ResourceList nor drops local-config objects."""
    for obj in with_list_items(o for o in yaml.safe_load_all(text) if o is not None):
        if not (isinstance(obj, dict) and obj.get("apiVersion") and obj.get("kind")):
            return "a document is not a Kubernetes object"
        if obj["kind"] == "ResourceList":
            return "generate printed a ResourceList, not manifests"
        ann = (obj.get("metadata") or {}).get("annotations") or {}
        if ann.get("config.kubernetes.io/local-config") == "true" or obj["kind"] == "Kptfile":
            return f"local-config object {obj['kind']}/{obj['metadata'].get('name')} reached the output"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("--app-name", default="checkout")
    ap.add_argument("--namespace", default="shop")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--params", default="[]")
    args = ap.parse_args()
    with open(args.plugin) as f:
        plugin = yaml.safe_load(f)
    assert plugin["kind"] == "ConfigManagementPlugin" and plugin["spec"]["generate"]["command"]
    spec = plugin["spec"]
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "_cmp_server", "repo")
        copy_repo(args.repo, work, spec.get("preserveFileMode", False))
        cwd = os.path.join(work, args.path)
        env = environment(args)
        if "init" in spec:
            r = run(spec["init"], cwd, env)
            sys.stderr.write(r.stderr)
            if r.returncode != 0:
                return r.returncode
        r = run(spec["generate"], cwd, env)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            return r.returncode
        problem = check_manifests(r.stdout)
        if problem:
            sys.stderr.write(f"cmp_emulate: {problem}\n")
            return 3
        sys.stdout.write(r.stdout)
        return 0


if __name__ == "__main__":
    sys.exit(main())
