// ALB rules (A*, IP*, IN*, docs/timing-model.md) and Z6, Z7.
#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// A1, A2: the ranges the ELB API accepts, and timeout strictly below interval.
void checkHealthCheck(const EffectiveAlb& a, Sink& s) {
  const int64_t hi = a.healthCheckIntervalSeconds.value;
  const int64_t ht = a.healthCheckTimeoutSeconds.value;
  checkRange(s, "A1", "healthCheckIntervalSeconds", "health-check interval", hi,
             alb::kHealthCheckInterval, " s");
  checkRange(s, "A1", "healthCheckTimeoutSeconds", "health-check timeout", ht,
             alb::kHealthCheckTimeout, " s");
  if (ht >= hi) {
    s.add("A1", kError, "healthCheckTimeoutSeconds",
          cat("health-check timeout ", ht, " s must be < interval ", hi, " s"));
  }
  checkRange(s, "A2", "healthyThresholdCount", "healthy threshold", a.healthyThresholdCount.value,
             alb::kThresholdCount, "");
  checkRange(s, "A2", "unhealthyThresholdCount", "unhealthy threshold",
             a.unhealthyThresholdCount.value, alb::kThresholdCount, "");
}

// A3, A4 / IN4, IP4.
void checkDeregistration(const Knobs& k, const Effective& e, Sink& s) {
  const int64_t d = e.alb.deregistrationDelaySeconds.value;
  const int64_t r = k.longestRequestSeconds;
  checkRange(s, "A3", "deregistrationDelaySeconds", "deregistration delay", d,
             alb::kDeregistrationDelay, " s");
  if (d < r) {
    // In instance mode pods leave through kube-proxy, not the target group: IN4 softens A4.
    const bool instance = k.preset == PresetId::AlbInstance;
    s.add(instance ? "IN4" : "A4", instance ? kInfo : kWarning, "deregistrationDelaySeconds",
          cat("deregistration delay ", d, " s must be >= longest request ", r, " s",
              instance ? " (it matters when a node leaves the target group)" : ""));
  }
  const int64_t g = e.terminationGracePeriodSeconds.value;
  if (k.preset == PresetId::AlbIp && d > g) {
    s.add("IP4", kInfo, "deregistrationDelaySeconds",
          cat("deregistration delay ", d, " s must be <= grace period ", g,
              " s: the pod is killed at the end of the grace period"));
  }
}

// A5, A6, A7: attributes the function reads but does not rewrite.
void checkAttributes(const Knobs& k, const EffectiveAlb& a, Sink& s) {
  const int64_t idle = a.idleTimeoutSeconds.value;
  checkRange(s, "A5", "idleTimeoutSeconds", "ALB idle timeout", idle, alb::kIdleTimeout, " s");
  if (k.lbc.keepAliveSeconds && *k.lbc.keepAliveSeconds <= idle) {
    s.add("A5", kWarning, "keepAliveSeconds",
          cat("app keep-alive timeout ", *k.lbc.keepAliveSeconds, " s must be > ALB idle timeout ",
              idle, " s"));
  }
  const int64_t slow = a.slowStartSeconds.value;
  if (slow != 0 && !alb::kSlowStart.holds(slow)) {
    s.add("A6", kError, "slowStartSeconds",
          cat("slow start ", slow, " s must be 0 or within ", alb::kSlowStart.text(), " s"));
  }
  if (slow != 0 && a.loadBalancingAlgorithm.value == "least_outstanding_requests") {
    s.add("A6", kError, "slowStartSeconds",
          "slow start must not be combined with least_outstanding_requests");
  }
  if (a.ingressTgAttributesIgnored) {
    s.add("A7", kInfo, "deregistrationDelaySeconds",
          "target-group-attributes come from the Service; the Ingress's copy is ignored whole");
  }
}

void checkAlbIp(const Knobs& k, const Effective& e, Sink& s) {
  if (blueGreen(e)) return;  // RO3 says what protects it (nothing)
  if (k.lbc.readinessGate && !e.namespaceGateLabel) {
    s.add("IP1", kWarning, "namespaceGateLabel", gateLabelMissing(e));
  }
  const int64_t m = e.minReadySeconds.value;
  const int64_t need = ip2Bound(k, e);
  if (!gateOn(e) && m < need) {
    s.add("IP2", kWarning, "minReadySeconds",
          cat("without a readiness gate minReadySeconds ", m, " s must be >= registration lag ",
              k.registrationLagSeconds, " s + health-check interval ",
              e.alb.healthCheckIntervalSeconds.value, " s + timeout ",
              e.alb.healthCheckTimeoutSeconds.value, " s + margin ", k.marginSeconds, " s = ", need,
              " s"));
  }
}

void checkAlbInstance(const Knobs& k, const Effective& e, Sink& s) {
  const ServiceType t = e.serviceType.value;
  if (t != ServiceType::NodePort && t != ServiceType::LoadBalancer) {
    s.add("Z7", kWarning, "serviceType",
          cat("Service type ", serviceTypeName(t),
              " must be NodePort or LoadBalancer for target type instance"));
  }
  if (e.namespaceGateLabel) {
    s.add("IN1", kInfo, "namespaceGateLabel",
          cat("the readiness-gate label on ", namespaceLabel(e),
              " has no effect with target type instance: rollouts must not expect gating"));
  }
  const int64_t m = e.minReadySeconds.value;
  if (m < k.minReadySeconds) {
    s.add("IN5", kInfo, "minReadySeconds",
          cat("minReadySeconds ", m, " s must be >= ", k.minReadySeconds,
              " s so every kube-proxy adds the new endpoint first"));
  }
}

}  // namespace

void checkAlb(const Knobs& k, const Effective& e, Sink& s) {
  if (!isAlb(k.preset)) return;
  checkTargetType(k, e.alb.targetType.value, s);
  checkHealthCheck(e.alb, s);
  checkDeregistration(k, e, s);
  checkAttributes(k, e.alb, s);
  if (k.preset == PresetId::AlbIp) checkAlbIp(k, e, s);
  if (k.preset == PresetId::AlbInstance) checkAlbInstance(k, e, s);
}

}  // namespace zd::timing::detail
