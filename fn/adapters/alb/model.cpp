// The ALB adapter's model hooks: defaults, the plan applied to Observed, and what Z11 holds back.
#include "adapters/alb/model_hooks.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

// LBC defaults for the health check (pkg/ingress/model_builder.go), AWS's for the attributes.
EffectiveAlb albOf(const ObservedAlb& a) {
  using detail::pick;
  EffectiveAlb e;
  e.targetType = pick<std::string>(a.targetType, "instance");
  e.deregistrationDelaySeconds = pick<int64_t>(a.deregistrationDelaySeconds, 300);
  e.slowStartSeconds = pick<int64_t>(a.slowStartSeconds, 0);
  e.loadBalancingAlgorithm = pick<std::string>(a.loadBalancingAlgorithm, "round_robin");
  e.healthCheckIntervalSeconds = pick<int64_t>(a.healthCheckIntervalSeconds, 15);
  e.healthCheckTimeoutSeconds = pick<int64_t>(a.healthCheckTimeoutSeconds, 5);
  // The Gateway API path's thresholds are 3 and 3 (pkg/gateway/model/model_build_target_group.go).
  e.healthyThresholdCount = pick<int64_t>(a.healthyThresholdCount, a.viaGateway ? 3 : 2);
  e.unhealthyThresholdCount = pick<int64_t>(a.unhealthyThresholdCount, a.viaGateway ? 3 : 2);
  e.idleTimeoutSeconds = pick<int64_t>(a.idleTimeoutSeconds, 60);
  e.ingressTgAttributesIgnored = a.ingressTgAttributesIgnored;
  e.viaGateway = a.viaGateway;
  return e;
}

void effectiveAlb(const Observed& o, Effective& e) { e.alb = albOf(o.alb); }

void checkAlb(const Knobs& k, const Effective& e, detail::Sink& s) { detail::checkAlb(k, e, s); }

void planAlb(const Knobs& k, const Effective& e, Plan& p) { detail::planAlb(k, e, p); }

void holdAlb(Plan& p, std::string& held) {
  using detail::hold;
  hold(p.alb.targetType, "target type", held);
  hold(p.alb.deregistrationDelaySeconds, "deregistration delay", held);
  hold(p.alb.healthCheckIntervalSeconds, "health-check interval", held);
  hold(p.alb.healthCheckTimeoutSeconds, "health-check timeout", held);
  hold(p.alb.healthyThresholdCount, "healthy threshold", held);
  hold(p.alb.unhealthyThresholdCount, "unhealthy threshold", held);
}

void applyAlb(Observed& o, const Plan& p) {
  using detail::put;
  put(o.alb.targetType, p.alb.targetType);
  put(o.alb.deregistrationDelaySeconds, p.alb.deregistrationDelaySeconds);
  put(o.alb.healthCheckIntervalSeconds, p.alb.healthCheckIntervalSeconds);
  put(o.alb.healthCheckTimeoutSeconds, p.alb.healthCheckTimeoutSeconds);
  put(o.alb.healthyThresholdCount, p.alb.healthyThresholdCount);
  put(o.alb.unhealthyThresholdCount, p.alb.unhealthyThresholdCount);
}

bool gateTargetsAlb(const Knobs& k, const Effective& e) {
  return detail::isAlb(k.preset) && e.alb.targetType.value == "ip";
}

// The reference's K8 names the gate wait HI + HT; the registration lag is added as in IP2, since
// the first health check cannot start before the target is registered.
int64_t gateWaitAlb(const Knobs& k, const Effective& e) {
  return detail::ip2Bound(k, e) - k.marginSeconds;
}

MinReadyNeed minReadyAlb(const Knobs& k, const Effective& e) {
  if (k.preset == PresetId::AlbInstance) return {k.minReadySeconds, "IN5", ""};
  if (gateOn(e) || blueGreen(e)) return {};
  return {detail::ip2Bound(k, e), "IP2",
          " (no readiness gate: registration + one passing health check + margin)"};
}

}  // namespace

const LbModel& albModel() {
  static const LbModel m{effectiveAlb, checkAlb,       planAlb,     holdAlb,
                         applyAlb,     gateTargetsAlb, gateWaitAlb, minReadyAlb};
  return m;
}

}  // namespace zd::timing
