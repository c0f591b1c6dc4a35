"""PodDisruptionBudgets and the eviction API, as Kubernetes computes them: pure functions.

The disruption controller (pkg/controller/disruption/disruption.go, getExpectedPodCount,
countHealthyPods, updatePdbStatus) and the eviction subresource (pkg/registry/core/pod/storage/
eviction.go) of policy/v1:

  expected        the workload's replicas (the scale of the pods' controller)
  desiredHealthy  minAvailable as an integer; or minAvailable as a percent of expected, rounded up;
                  or expected - maxUnavailable (an integer, or a percent of expected rounded up),
                  at least 0; with neither set, 0 (and expected 0: nothing may be disrupted)
  currentHealthy  the selected pods that are Ready and not terminating, less those whose eviction
                  was granted but which are not gone yet (the PDB's disruptedPods)
  allowed         currentHealthy - desiredHealthy, or 0 if that is negative or expected is 0

An eviction of a Ready pod is granted while allowed > 0, else refused with 429 (kubectl drain
retries it). A pod that is not Ready is evicted whatever the budget under
unhealthyPodEvictionPolicy AlwaysAllow; under IfHealthyBudget (the default) only while
currentHealthy >= desiredHealthy > 0, and otherwise as a Ready pod would be. Pending and
terminating pods are deleted without looking at any budget (canIgnorePDB); the harness never
evicts those. The selftest checks these cases.
"""
import math
from dataclasses import dataclass
from typing import Optional

ALWAYS_ALLOW = "AlwaysAllow"
IF_HEALTHY_BUDGET = "IfHealthyBudget"


@dataclass
class Pdb:
    name: str                               # namespace/name
    selector: Optional[dict]                # spec.selector: None selects nothing, {} every pod
    min_available: object = None            # int, or a string "N%"
    max_unavailable: object = None          # int, or a string "N%"
    unhealthy_policy: str = IF_HEALTHY_BUDGET

    def describe(self):
        what = (f"minAvailable {self.min_available}" if self.min_available is not None
                else f"maxUnavailable {self.max_unavailable}" if self.max_unavailable is not None
                else "neither minAvailable nor maxUnavailable")
        return f"{self.name} ({what}, {self.unhealthy_policy})"


def scaled(value, expected):
    """intstr.GetScaledValueFromIntOrPercent(value, expected, roundUp=true)."""
    s = str(value)
    if s.endswith("%"):
        return math.ceil(int(s[:-1]) * expected / 100)
    return int(s)


def desired_healthy(pdb, expected, matched):
    """(expectedCount, desiredHealthy) as getExpectedPodCount computes them. `expected` is the
    workload's replicas; `matched` the pods the selector matches, terminating ones too, which
    Kubernetes takes as expectedCount for an integer minAvailable only."""
    if pdb.max_unavailable is not None:
        return expected, max(0, expected - scaled(pdb.max_unavailable, expected))
    if pdb.min_available is not None:
        if str(pdb.min_available).endswith("%"):
            return expected, scaled(pdb.min_available, expected)
        return matched, int(pdb.min_available)
    return 0, 0


def disruptions_allowed(pdb, expected, matched, current_healthy):
    """status.disruptionsAllowed (updatePdbStatus)."""
    count, desired = desired_healthy(pdb, expected, matched)
    allowed = current_healthy - desired
    return 0 if count <= 0 or allowed <= 0 else allowed


def eviction(pdb, expected, matched, current_healthy, pod_ready):
    """Whether the eviction API grants the eviction of one running pod the PDB selects: (granted,
    why). Not granted is the 429 "Cannot evict pod as it would violate the pod's disruption
    budget"."""
    count, desired = desired_healthy(pdb, expected, matched)
    state = f"{current_healthy} healthy, {desired} desired"
    if not pod_ready:
        if pdb.unhealthy_policy == ALWAYS_ALLOW:
            return True, f"not Ready, unhealthyPodEvictionPolicy AlwaysAllow ({state})"
        if current_healthy >= desired > 0:
            return True, f"not Ready, and the budget is healthy ({state})"
    allowed = disruptions_allowed(pdb, expected, matched, current_healthy)
    if allowed > 0:
        return True, f"{allowed} disruption(s) allowed ({state})"
    return False, f"429: would violate PodDisruptionBudget {pdb.name} ({state}, 0 disruptions allowed)"


def selector_matches(selector, labels):
    """metav1.LabelSelectorAsSelector: None selects nothing, {} everything; matchLabels and every
    matchExpressions term (In, NotIn, Exists, DoesNotExist) must hold."""
    if selector is None:
        return False
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != str(v):
            return False
    for e in selector.get("matchExpressions") or []:
        key, op, values = e.get("key"), e.get("operator"), [str(v) for v in e.get("values") or []]
        if op == "In":
            ok = key in labels and labels[key] in values
        elif op == "NotIn":
            ok = key not in labels or labels[key] not in values
        elif op == "Exists":
            ok = key in labels
        elif op == "DoesNotExist":
            ok = key not in labels
        else:
            raise ValueError(f"label selector operator {op!r} is not a valid one")
        if not ok:
            return False
    return True
