// The NLB adapter's plan: target type, health check, deregistration delay (Service annotations),
// and the readiness-gate label on the Namespace.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// As ALB's (adapters/alb/plan.cpp), except that an NLB's timeout may equal its interval (NL1).
void planHealthCheck(const Knobs& k, const EffectiveNlb& n, PlanNlb& p) {
  const Sourced<int64_t>& hi = n.healthCheckIntervalSeconds;
  const Sourced<int64_t>& ht = n.healthCheckTimeoutSeconds;
  const int64_t hiNew =
      keepInRange(hi, nlb::kHealthCheckInterval, k.lbc.healthCheckIntervalSeconds);
  const int64_t htNew =
      std::min(keepInRange(ht, nlb::kHealthCheckTimeout, k.lbc.healthCheckTimeoutSeconds), hiNew);
  const bool hiBad = !nlb::kHealthCheckInterval.holds(hi.value);
  const bool htBad = !nlb::kHealthCheckTimeout.holds(ht.value) || ht.value > hi.value;
  setIfChanged(p.healthCheckIntervalSeconds, hi, hiNew, hiBad ? "NL1" : kPresetRule,
               "health-check interval", " s");
  setIfChanged(p.healthCheckTimeoutSeconds, ht, htNew, htBad ? "NL1" : kPresetRule,
               "health-check timeout", " s");
  planThresholds(k, n.healthyThresholdCount, n.unhealthyThresholdCount, nlb::kThresholdCount, "NL2",
                 p.healthyThresholdCount, p.unhealthyThresholdCount);
}

// D as ALB's: a valid value inside R..G stays, one outside moves to the nearest bound (nlb-ip;
// nlb-instance has no upper bound: pods leave through kube-proxy), an absent one (AWS's 300) or
// one AWS refuses takes the preset's. Per target group whose annotation sets it. With connection
// termination on for a target group that takes this delay, the NLB resets what is still open
// when D ends: D then covers the sleep and the shutdown (NL6), and is never lowered toward G
// (NL5 is advice; another workload behind the same Service may need the longer delay).
void planDelay(const Knobs& k, const Effective& e, const EffectiveNlbDelay& d, bool terminates,
               bool podTargets, PlanNlb& p) {
  if (!d.ownDelay) return;  // a per-port copy without the item takes the Service-wide one
  const Sourced<int64_t>& v = d.deregistrationDelaySeconds;
  const int64_t r = k.longestRequestSeconds;
  const int64_t g = e.terminationGracePeriodSeconds.value;
  const bool ip = k.preset == PresetId::NlbIp && podTargets;  // pods leave the target group
  const int64_t serves = ip && terminates ? shortestSleep(k, e) + e.shutdownSeconds.value : 0;
  const int64_t dMax = nlb::kDeregistrationDelay.hi;
  const bool capAtGrace = ip && !terminates;
  const int64_t base = keepInRange(v, nlb::kDeregistrationDelay, k.lbc.deregistrationDelaySeconds);
  const int64_t want = std::min(
      std::max(std::min(base, capAtGrace ? std::min(g, dMax) : dMax), std::max(r, serves)), dMax);
  const char* rule = !nlb::kDeregistrationDelay.holds(v.value)            ? "NL3"
                     : capAtGrace && v.value > g                          ? "NL5"
                     : v.value < r                                        ? "NL4"
                     : serves > 0 && (v.value < serves || want == serves) ? "NL6"
                                                                          : kPresetRule;
  std::optional<Change<int64_t>> c;
  setIfChanged(c, v, want, rule,
               d.port.empty() ? "deregistration delay" : "deregistration delay of port " + d.port,
               " s");
  if (c) p.deregistrationDelaySeconds.emplace(d.port, std::move(*c));
}

// An absent target type is the controller's default (instance, unless an operator changed its
// --default-target-type): write the preset's. An explicit other one is reported (Z6), never
// switched, as for ALB.
void planTargetType(const Knobs& k, const EffectiveNlb& n, PlanNlb& p) {
  const Sourced<std::string>& tt = n.targetType;
  if (k.lbc.targetType.empty() || tt.origin == Origin::Manifest) return;
  const bool switches = k.lbc.targetType != tt.value;
  p.targetType = change(
      k.lbc.targetType, switches ? "Z6" : kPresetRule,
      switches ? cat("target type must be ", k.lbc.targetType, " (was ", tt.value,
                     ", the default): on a live load balancer this replaces its target groups, "
                     "whose new targets must register (minutes on an NLB) and pass health checks "
                     "before they serve; apply it in a quiet window, or ",
                     keepTargetType(n.viaGateway, "nlb-target-type", tt.value))
               : defaultTargetTypeWritten(tt.value));
  if (switches) p.targetType->severity = Severity::Warning;
}

// NL13: a node behind externalTrafficPolicy Local keeps its connections after it fails its check
// for as long as its last pods serve. Both attributes go on the annotation that holds the target
// group's others (the Service-wide one unless a per-port copy sets its own).
void planUnhealthyDraining(const Knobs& k, const Effective& e, const EffectiveNlbDelay& d,
                           PlanNlb& p) {
  if (k.preset != PresetId::NlbInstance || !e.nlb.localTrafficPolicy) return;
  const int64_t serves = shortestSleep(k, e) + e.shutdownSeconds.value;
  const bool off = !d.unhealthyTermination.value;
  const int64_t drain = d.unhealthyDrainingSeconds.value;
  if (off && drain >= serves) return;
  const std::string where = d.port.empty() ? "" : " of port " + d.port;
  if (!off || d.unhealthyTermination.origin != Origin::Manifest) {
    p.unhealthyTermination.emplace(
        d.port, *change(false, "NL13",
                        cat("unhealthy connection termination", where,
                            " must be off: with externalTrafficPolicy Local a node fails its "
                            "check while its last pods still serve")));
  }
  if (drain < serves) {
    p.unhealthyDrainingSeconds.emplace(
        d.port,
        *change(
            serves, "NL13",
            cat("unhealthy draining interval", where, " must be ", serves,
                " s >= preStop sleep + shutdown (was ", drain, " s",
                d.unhealthyDrainingSeconds.origin == Origin::Manifest ? ")" : ", the default)")));
  }
}

void planGateLabel(const Knobs& k, const Effective& e, bool podTargets, Plan& p) {
  if (k.preset != PresetId::NlbIp || !k.lbc.readinessGate || !podTargets) return;
  if (e.namespaceGateLabel || !e.namespaceInInput || blueGreen(e)) return;
  p.namespaceGateLabel =
      change(true, "NL8", "label the Namespace elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
}

}  // namespace

void planNlb(const Knobs& k, const Effective& e, Plan& p) {
  if (!isNlb(k.preset)) return;
  planTargetType(k, e.nlb, p.nlb);
  // Pod IPs as targets once the planned target type is written (a gate holds them, and a pod
  // leaves the target group when it is deleted).
  const std::string& tt = p.nlb.targetType ? p.nlb.targetType->value : e.nlb.targetType.value;
  const bool podTargets = tt == "ip";
  planHealthCheck(k, e.nlb, p.nlb);
  for (const EffectiveNlbDelay& d : e.nlb.delays) {
    planDelay(k, e, d, nlbTerminates(e.nlb, d), podTargets, p.nlb);
    planUnhealthyDraining(k, e, d, p.nlb);
  }
  planGateLabel(k, e, podTargets, p);
}

}  // namespace zd::timing::detail
