// NLB rules (NL*, docs/timing-model.md) and Z6.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {

int64_t nlbChecksPass(const EffectiveNlb& n) {
  return n.healthyThresholdCount.value * n.healthCheckIntervalSeconds.value +
         n.healthCheckTimeoutSeconds.value;
}

int64_t nlbHealthyAfter(const Knobs& k, const Effective& e) {
  return k.registrationLagSeconds + nlbChecksPass(e.nlb);
}

bool nlbTerminates(const EffectiveNlb& n, const EffectiveNlbDelay& d) {
  if (d.connectionTermination.value) return true;
  if (!d.port.empty()) return false;
  return std::any_of(n.delays.begin(), n.delays.end(), [](const EffectiveNlbDelay& x) {
    return !x.ownDelay && x.connectionTermination.value;
  });
}

namespace {

// NL1, NL2: the ranges the ELB API accepts; an NLB's timeout may equal its interval.
void checkHealthCheck(const EffectiveNlb& n, Sink& s) {
  const int64_t hi = n.healthCheckIntervalSeconds.value;
  const int64_t ht = n.healthCheckTimeoutSeconds.value;
  checkRange(s, "NL1", "healthCheckIntervalSeconds", "health-check interval", hi,
             nlb::kHealthCheckInterval, " s");
  checkRange(s, "NL1", "healthCheckTimeoutSeconds", "health-check timeout", ht,
             nlb::kHealthCheckTimeout, " s");
  if (ht > hi) {
    s.add("NL1", kError, "healthCheckTimeoutSeconds",
          cat("health-check timeout ", ht, " s must be <= interval ", hi, " s"));
  }
  checkRange(s, "NL2", "healthyThresholdCount", "healthy threshold", n.healthyThresholdCount.value,
             nlb::kThresholdCount, "");
  checkRange(s, "NL2", "unhealthyThresholdCount", "unhealthy threshold",
             n.unhealthyThresholdCount.value, nlb::kThresholdCount, "");
}

std::string where(const EffectiveNlbDelay& d) {
  return d.port.empty() ? "" : cat(" (port ", d.port, ")");
}

// The field of a target group's attribute: the per-port copy's when `d` is one.
FieldRef onPort(const char* field, const EffectiveNlbDelay& d) {
  FieldRef f(field);
  f.port = d.port;
  return f;
}

// NL3-NL6, for each target group whose delay the annotations set.
void checkDelay(const Knobs& k, const Effective& e, const EffectiveNlbDelay& d, Sink& s) {
  const int64_t v = d.deregistrationDelaySeconds.value;
  const bool ip = k.preset == PresetId::NlbIp && e.gateTargets;  // pods leave the target group
  if (!nlb::kDeregistrationDelay.holds(v)) {
    s.add("NL3", kError, onPort("deregistrationDelaySeconds", d),
          cat("deregistration delay", where(d), " ", v, " s must be within ",
              nlb::kDeregistrationDelay.text(), " s"));
  }
  if (v < k.longestRequestSeconds) {
    s.add("NL4", ip ? kWarning : kInfo, onPort("deregistrationDelaySeconds", d),
          cat("deregistration delay", where(d), " ", v, " s must be >= longest request ",
              k.longestRequestSeconds, " s",
              ip ? "" : " (it matters when a node leaves the target group)"));
  }
  const int64_t g = e.terminationGracePeriodSeconds.value;
  // With connection termination on, the longer delay NL6 asks for wins (plan.cpp).
  if (ip && v > g && !nlbTerminates(e.nlb, d)) {
    s.add("NL5", kInfo, onPort("deregistrationDelaySeconds", d),
          cat("deregistration delay", where(d), " ", v, " s must be <= grace period ", g,
              " s: the pod is killed at the end of the grace period"));
  }
  const int64_t serves = shortestSleep(k, e) + e.shutdownSeconds.value;
  if (ip && d.connectionTermination.value && v < serves) {
    s.add("NL6", kWarning, onPort("deregistrationDelaySeconds", d),
          cat("with connection termination on, the NLB resets every connection still open when "
              "the deregistration delay",
              where(d), " ", v, " s ends: it must be >= preStop sleep + shutdown = ", serves,
              " s, or the app's last requests are cut"));
  }
}

// NL13: behind externalTrafficPolicy Local a node fails its health check once its only local
// pods are terminating (kube-proxy's healthCheckNodePort counts ready endpoints only), while
// they still serve; by default the NLB then resets every connection to the node.
void checkUnhealthyDraining(const Knobs& k, const Effective& e, const EffectiveNlbDelay& d,
                            Sink& s) {
  const int64_t serves = shortestSleep(k, e) + e.shutdownSeconds.value;
  if (d.unhealthyTermination.value) {
    s.add("NL13", kWarning, onPort("unhealthyTermination", d),
          cat("with externalTrafficPolicy Local a node fails the NLB's health check while its "
              "last pods still serve their preStop sleep and shutdown, and the NLB then resets "
              "every connection to it",
              where(d),
              ": unhealthy connection termination must be off, with a draining "
              "interval >= preStop sleep + shutdown = ",
              serves, " s"));
  } else if (d.unhealthyDrainingSeconds.value < serves) {
    s.add("NL13", kWarning, onPort("unhealthyDrainingSeconds", d),
          cat("unhealthy draining interval", where(d), " ", d.unhealthyDrainingSeconds.value,
              " s must be >= preStop sleep + shutdown = ", serves,
              " s: the NLB closes a failed node's connections when it ends"));
  }
}

void checkNlbIp(const Knobs& k, const Effective& e, Sink& s) {
  // Explicit instance targets (Z6) get no gate, and no registration of pods.
  if (blueGreen(e) || !e.gateTargets) return;  // RO3 says what protects a blue-green (nothing)
  if (k.lbc.readinessGate && !e.namespaceGateLabel)
    s.add("NL8", kWarning, "namespaceGateLabel", gateLabelMissing(e));
  const int64_t m = e.minReadySeconds.value;
  const int64_t need = nlbHealthyAfter(k, e) + k.marginSeconds;
  if (!gateOn(e) && m < need) {
    s.add(
        "NL9", kWarning, "minReadySeconds",
        cat("without a readiness gate minReadySeconds ", m, " s must be >= registration lag ",
            k.registrationLagSeconds, " s + healthy threshold ", e.nlb.healthyThresholdCount.value,
            " x interval ", e.nlb.healthCheckIntervalSeconds.value, " s + timeout ",
            e.nlb.healthCheckTimeoutSeconds.value, " s + margin ", k.marginSeconds, " s = ", need,
            " s"));
  }
}

void checkNlbInstance(const Knobs& k, const Effective& e, Sink& s) {
  const EffectiveNlb& n = e.nlb;
  const ServiceType t = e.serviceType.value;
  if (t != ServiceType::NodePort && t != ServiceType::LoadBalancer) {
    s.add("Z7", kWarning, "serviceType",
          cat("Service type ", serviceTypeName(t),
              " must be NodePort or LoadBalancer for target type instance: the controller "
              "refuses to make instance targets without a NodePort"));
  }
  const int64_t m = e.minReadySeconds.value;
  if (n.localTrafficPolicy) {
    const int64_t need = nlbChecksPass(n) + k.marginSeconds;
    if (m < need) {
      s.add("NL11", kWarning, "minReadySeconds",
            cat("with externalTrafficPolicy Local, minReadySeconds ", m,
                " s must be >= healthy threshold ", n.healthyThresholdCount.value, " x interval ",
                n.healthCheckIntervalSeconds.value, " s + timeout ",
                n.healthCheckTimeoutSeconds.value, " s + margin ", k.marginSeconds, " s = ", need,
                " s: a node whose only pod is new gets traffic only once it passes the check"));
    }
  } else if (m < k.minReadySeconds) {
    s.add("NL11", kInfo, "minReadySeconds",
          cat("minReadySeconds ", m, " s must be >= ", k.minReadySeconds,
              " s so every kube-proxy adds the new endpoint first"));
  }
}

}  // namespace

void checkNlb(const Knobs& k, const Effective& e, Sink& s) {
  if (!isNlb(k.preset)) return;
  checkTargetType(k, e.nlb.targetType.value, s);
  checkHealthCheck(e.nlb, s);
  for (const EffectiveNlbDelay& d : e.nlb.delays) {
    checkDelay(k, e, d, s);
    if (k.preset == PresetId::NlbInstance && e.nlb.localTrafficPolicy)
      checkUnhealthyDraining(k, e, d, s);
  }
  if (!e.appClosesConnections) {
    s.add("NL7", kWarning, "appClosesConnections",
          "the app must close its keep-alive connections after SIGTERM: the NLB never closes an "
          "established connection for it, so requests on one still open at exit fail; once it "
          "does, say so with the annotation zero-downtime.dev/closes-connections: \"true\"");
  }
  if (k.preset == PresetId::NlbIp) checkNlbIp(k, e, s);
  if (k.preset == PresetId::NlbInstance) checkNlbInstance(k, e, s);
}

}  // namespace zd::timing::detail
