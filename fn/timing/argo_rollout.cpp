// Argo Rollouts' strategy rules (RO1-RO4).
//
// A blue-green Rollout, and a canary with traffic routing, take old pods out of the load
// balancer by switching a Service's selector, not by deleting them: the pods keep running for
// scaleDownDelaySeconds (abortScaleDownDelaySeconds for the new pods after an abort), and are then
// deleted, which runs their preStop sleep as any deletion does. From the switch they serve for the
// delay plus the sleep, which must cover the load balancer's propagation. K4 already makes the
// sleep alone cover it, so the function writes no delay: RO1 and RO2 find manifests that rely on
// the delay and have no sleep. Sources: Argo Rollouts' Rollout spec (pkg/apis/rollouts/v1alpha1/
// types.go: both delays default to 30 s, abort 0 = never scaled down), its docs
// features/bluegreen.md, features/traffic-management/alb.md, features/scaledown-aborted-rs.md.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// After an abort with dynamicStableScale and no explicit delay, Argo Rollouts scales the canary
// down step by step as the stable scales up, deleting its pods: their sleep covers them
// (rollout/canary.go shouldDelayScaleDownOnAbort). An explicit delay would change that mode.
bool abortDelayApplies(const EffectiveRollout& r) {
  return !(r.dynamicStableScale && r.abortScaleDownDelaySeconds.origin != Origin::Manifest);
}

void checkDelays(const Knobs& k, const Effective& e, const EffectiveRollout& r, Sink& s) {
  const int64_t p = shortestSleep(k, e);
  const int64_t need = k.lbPropagationSeconds + k.marginSeconds;
  const std::string bound = cat(" s must be >= LB propagation ", k.lbPropagationSeconds,
                                " s + margin ", k.marginSeconds, " s = ", need, " s");
  const int64_t sd = r.scaleDownDelaySeconds.value;
  if (sd + p < need) {
    s.add("RO1", kWarning, "scaleDownDelaySeconds",
          cat("after the Service switch the old pods serve for scaleDownDelaySeconds ", sd,
              " s + preStop sleep ", p, bound));
  }
  const int64_t abort = r.abortScaleDownDelaySeconds.value;
  if (abort != 0 && abortDelayApplies(r) && abort + p < need) {
    s.add("RO2", kWarning, "abortScaleDownDelaySeconds",
          cat("after an abort the new pods serve for abortScaleDownDelaySeconds ", abort,
              " s + preStop sleep ", p, bound));
  }
}

}  // namespace

void checkArgoRollout(const Knobs& k, const Effective& e, Sink& s) {
  if (!e.rollout) return;
  const EffectiveRollout& r = *e.rollout;
  if (r.switches()) checkDelays(k, e, r, s);
  if (r.strategy == RolloutStrategy::BlueGreen && e.gateTargets && isNlb(k.preset)) {
    // aws-load-balancer-controller#3621: the NLB's registration takes minutes.
    s.add("RO3", kWarning, "strategy",
          "blue-green behind an NLB with target type ip cannot be made safe: at the switch the "
          "AWS Load Balancer Controller deregisters the old pods before it registers the new "
          "ones, whose registration takes minutes, so the target group can be left without a "
          "healthy target; use a rolling update (with the readiness gate), or target type "
          "instance");
  }
  if (r.strategy == RolloutStrategy::BlueGreen && e.gateTargets && isAlb(k.preset)) {
    s.add("RO3", kWarning, "strategy",
          "blue-green behind an ALB with target type ip cannot be made safe: at the switch the "
          "AWS Load Balancer Controller deregisters the old pods before it registers the new "
          "ones, which must then pass a health check, so the target group can be left without "
          "a healthy target; use a canary with ALB traffic routing and pingPong, or target type "
          "instance");
  }
  // A canary's stable Service switches at promotion as blue-green's active one does; ping-pong
  // is Argo Rollouts' answer (traffic-management/alb.md, "Zero-Downtime Updates with Ping-Pong").
  if (r.albTrafficRouting && !r.pingPong && e.gateTargets && isAlb(k.preset)) {
    s.add("RO3", kWarning, "strategy",
          "a canary with ALB traffic routing behind target type ip cannot be made safe without "
          "pingPong: at promotion the stable Service's selector switches to the new pods, which "
          "the AWS Load Balancer Controller registers as new targets after deregistering the "
          "old ones, so its target group can be left without a healthy target; set "
          "canary.pingPong (ping and pong Services)");
  }
  if (r.strategy == RolloutStrategy::BlueGreen && k.preset == PresetId::Agic) {
    s.add("RO3", kWarning, "strategy",
          "blue-green behind App Gateway (AGIC) cannot be made safe: at the switch AGIC replaces "
          "the old pods with the new ones in one update of the backend pool, and App Gateway "
          "sends a new member requests only after its probe passes, so the pool can be left "
          "without a healthy member; use a rolling update or a canary");
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

}  // namespace zd::timing::detail
