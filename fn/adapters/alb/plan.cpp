// The ALB adapter's plan: target type, health check, deregistration delay (annotations), and the
// readiness-gate label on the Namespace.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

void planHealthCheck(const Knobs& k, const EffectiveAlb& a, Plan& p) {
  const Sourced<int64_t>& hi = a.healthCheckIntervalSeconds;
  const Sourced<int64_t>& ht = a.healthCheckTimeoutSeconds;
  const int64_t hiNew =
      keepInRange(hi, alb::kHealthCheckInterval, k.lbc.healthCheckIntervalSeconds);
  int64_t htNew = keepInRange(ht, alb::kHealthCheckTimeout, k.lbc.healthCheckTimeoutSeconds);
  // The ELB API rejects timeout >= interval (A1); keep the user's interval, shorten the timeout.
  if (htNew >= hiNew)
    htNew =
        std::max(alb::kHealthCheckTimeout.lo, std::min(k.lbc.healthCheckTimeoutSeconds, hiNew - 1));
  const bool hiBad = !alb::kHealthCheckInterval.holds(hi.value);
  const bool htBad =
      !alb::kHealthCheckTimeout.holds(ht.value) || ht.value >= hi.value || ht.value >= hiNew;
  setIfChanged(p.alb.healthCheckIntervalSeconds, hi, hiNew, hiBad ? "A1" : kPresetRule,
               "health-check interval", " s");
  setIfChanged(p.alb.healthCheckTimeoutSeconds, ht, htNew, htBad ? "A1" : kPresetRule,
               "health-check timeout", " s");
  planThresholds(k, a.healthyThresholdCount, a.unhealthyThresholdCount, alb::kThresholdCount, "A2",
                 p.alb.healthyThresholdCount, p.alb.unhealthyThresholdCount);
}

// D: a valid user value inside R..G stays; one outside moves to the nearest bound, so a user's
// long delay is shortened only as far as G (IP4) and a short one raised only to R (A4). An
// absent value (AWS's 300) or one AWS rejects (A3) takes the preset's. alb-instance has no upper
// bound: pods leave through kube-proxy and D only matters when a node leaves (IN4).
void planDeregistration(const Knobs& k, const Effective& e, Plan& p) {
  const Sourced<int64_t>& d = e.alb.deregistrationDelaySeconds;
  const int64_t r = k.longestRequestSeconds;
  const int64_t g = e.terminationGracePeriodSeconds.value;
  const bool ip = k.preset == PresetId::AlbIp;
  const int64_t base = keepInRange(d, alb::kDeregistrationDelay, k.lbc.deregistrationDelaySeconds);
  const int64_t dMax = alb::kDeregistrationDelay.hi;
  const int64_t upper = ip ? std::min(g, dMax) : dMax;
  // If R > G the two bounds cross; A4 (warning) outranks IP4 (info).
  const int64_t want = std::min(std::max(std::min(base, upper), r), dMax);
  const char* rule = !alb::kDeregistrationDelay.holds(d.value) ? "A3"
                     : ip && d.value > g                       ? "IP4"
                     : d.value < r                             ? (ip ? "A4" : "IN4")
                                                               : kPresetRule;
  setIfChanged(p.alb.deregistrationDelaySeconds, d, want, rule, "deregistration delay", " s");
}

void planGateLabel(const Knobs& k, const Effective& e, Plan& p) {
  if (k.preset != PresetId::AlbIp || !k.lbc.readinessGate) return;
  if (e.namespaceGateLabel || !e.namespaceInInput) return;  // not in the input: IP1 warns
  if (blueGreen(e)) return;                                 // no gate is injected (RO3)
  p.namespaceGateLabel =
      change(true, "IP1", "label the Namespace elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
}

}  // namespace

void planAlb(const Knobs& k, const Effective& e, Plan& p) {
  if (!isAlb(k.preset)) return;
  // An absent target type means the controller's default (instance): write
  // the preset's. An explicit other one is reported (Z6), never switched:
  // that recreates every target group, and ip mode needs routable pod IPs.
  const Sourced<std::string>& tt = e.alb.targetType;
  if (!k.lbc.targetType.empty() && tt.origin != Origin::Manifest) {
    const bool switches = k.lbc.targetType != tt.value;
    p.alb.targetType = change(
        k.lbc.targetType, switches ? "Z6" : kPresetRule,
        switches ? cat("target type must be ", k.lbc.targetType, " (was ", tt.value,
                       ", the default): on a live load balancer this replaces the target groups "
                       "it applies to, whose new targets must register and pass health checks "
                       "before they serve; apply it in a quiet window, or ",
                       keepTargetType(e.alb.viaGateway, "target-type", tt.value))
                 : defaultTargetTypeWritten(tt.value));
    // Recreating target groups is a side effect the user must see, not an info.
    if (switches) p.alb.targetType->severity = Severity::Warning;
  }
  planHealthCheck(k, e.alb, p);
  planDeregistration(k, e, p);
  planGateLabel(k, e, p);
}

}  // namespace zd::timing::detail
