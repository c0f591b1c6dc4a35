// Argo Rollouts' strategy rules (RO1-RO4) and plan, and which settings a workload handles when a
// Rollout takes its pods from a Deployment (WorkloadPart).
//
// A blue-green Rollout, and a canary with traffic routing, take old pods out of the load
// balancer by switching a Service's selector, not by deleting them: the pods keep running for
// scaleDownDelaySeconds (abortScaleDownDelaySeconds after an abort), and only that delay covers
// the load balancer's propagation. Sources: Argo Rollouts' Rollout spec (pkg/apis/rollouts/
// v1alpha1/types.go: both delays default to 30 s, abort 0 = never scaled down), its docs
// features/bluegreen.md and features/traffic-management/alb.md.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// The longest time a pod of this template keeps serving after it leaves the Service: its
// longest preStop sleep; a hook that is not a plain sleep counts as the preset's.
int64_t longestPreStop(const Knobs& k, const Effective& e) {
  int64_t longest = 0;
  for (const EffectiveContainer& c : e.containers) {
    longest = std::max(longest, c.preStopSeconds ? c.preStopSeconds->value : preStopTarget(k));
  }
  return longest;
}

bool ipTargets(const Knobs& k, const Effective& e) {
  return isAlb(k.preset) && e.alb.targetType.value == "ip";
}

void checkDelays(const Knobs& k, const Effective& e, const EffectiveRollout& r, Sink& s) {
  const int64_t p = longestPreStop(k, e);
  if (r.scaleDownDelaySeconds.value < p) {
    s.add("RO1", kWarning, "scaleDownDelaySeconds",
          cat("scaleDownDelaySeconds ", r.scaleDownDelaySeconds.value,
              " s must be >= the pods' preStop sleep ", p,
              " s: after the Service switch the old pods must serve until the load balancer "
              "stops sending them requests"));
  }
  const int64_t abort = r.abortScaleDownDelaySeconds.value;
  if (abort != 0 && abort < p) {
    s.add("RO2", kWarning, "abortScaleDownDelaySeconds",
          cat("abortScaleDownDelaySeconds ", abort,
              " s must be 0 (never scaled down) or >= the "
              "pods' preStop sleep ",
              p,
              " s: after an abort the new pods must serve until the load balancer stops "
              "sending them requests"));
  }
}

}  // namespace

void checkArgoRollout(const Knobs& k, const Effective& e, Sink& s) {
  if (!e.rollout) return;
  const EffectiveRollout& r = *e.rollout;
  if (r.switches()) checkDelays(k, e, r, s);
  if (r.strategy == RolloutStrategy::BlueGreen && ipTargets(k, e)) {
    s.add("RO3", kWarning, "strategy",
          "blue-green behind an ALB with target type ip cannot be made safe: at the switch the "
          "AWS Load Balancer Controller deregisters the old pods before it registers the new "
          "ones, which must then pass a health check, so the target group can be left without "
          "a healthy target; use a canary with ALB traffic routing, or target type instance");
  }
  if (r.albTrafficRouting && isAlb(k.preset) && !e.rolloutsVerifyTargetGroup) {
    s.add("RO4", kWarning, "strategy",
          cat("a canary with ALB traffic routing needs the Argo Rollouts controller to run with "
              "--aws-verify-target-group: otherwise it scales the old pods down ",
              r.dynamicStableScale ? "(dynamicStableScale: as the weights move) " : "",
              "without knowing that the ALB's target groups and weights took the change; "
              "say so with the config key rolloutsVerifyTargetGroup"));
  }
}

void planArgoRollout(const Knobs& k, const Effective& e, Plan& p) {
  if (!e.rollout || !e.rollout->switches()) return;
  const EffectiveRollout& r = *e.rollout;
  const int64_t want = longestPreStop(k, e);
  if (r.scaleDownDelaySeconds.value < want) {
    p.scaleDownDelaySeconds =
        change(want, "RO1",
               cat("scaleDownDelaySeconds must be ", want, " s (was ",
                   r.scaleDownDelaySeconds.value, " s), the pods' preStop sleep"));
  }
  const int64_t abort = r.abortScaleDownDelaySeconds.value;
  if (abort != 0 && abort < want) {
    p.abortScaleDownDelaySeconds = change(want, "RO2",
                                          cat("abortScaleDownDelaySeconds must be ", want,
                                              " s (was ", abort, " s), the pods' preStop sleep"));
  }
}

bool strategySide(const FieldRef& f) {
  if (f.inContainer()) return false;
  static const char* const fields[] = {"minReadySeconds",
                                       "progressDeadlineSeconds",
                                       "maxSurge",
                                       "maxUnavailable",
                                       "strategy",
                                       "replicas",
                                       "scaleDownDelaySeconds",
                                       "abortScaleDownDelaySeconds"};
  return std::find(std::begin(fields), std::end(fields), f.name) != std::end(fields);
}

bool inPart(WorkloadPart part, const FieldRef& f) {
  if (part == WorkloadPart::Whole) return true;
  return strategySide(f) == (part == WorkloadPart::StrategyOnly);
}

void maskPart(WorkloadPart part, Plan& p) {
  if (part == WorkloadPart::TemplateOnly) {
    p.maxSurge.reset();
    p.maxUnavailable.reset();
    p.minReadySeconds.reset();
    p.progressDeadlineSeconds.reset();
    p.scaleDownDelaySeconds.reset();
    p.abortScaleDownDelaySeconds.reset();
  } else if (part == WorkloadPart::StrategyOnly) {
    Plan kept;
    kept.maxSurge = p.maxSurge;
    kept.maxUnavailable = p.maxUnavailable;
    kept.minReadySeconds = p.minReadySeconds;
    kept.progressDeadlineSeconds = p.progressDeadlineSeconds;
    kept.scaleDownDelaySeconds = p.scaleDownDelaySeconds;
    kept.abortScaleDownDelaySeconds = p.abortScaleDownDelaySeconds;
    for (const ContainerPlan& c : p.containers) kept.containers.push_back(ContainerPlan{c.name});
    p = std::move(kept);
  }
}

}  // namespace zd::timing::detail
