// The GKE adapter's plan: the health check, connection draining and backend timeout of the
// Service's BackendConfig (Ingress) or HealthCheckPolicy and GCPBackendPolicy (Gateway), merged
// field by field: a valid value no looser than the preset's stays.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

void planHealthCheck(const Knobs& k, const EffectiveGke& g, PlanGke& p) {
  const Sourced<int64_t>&hi = g.checkIntervalSec, &ht = g.checkTimeoutSec, &hh = g.healthyThreshold,
        &ut = g.unhealthyThreshold;
  const int64_t interval = keepStricter(hi, gke::kCheckSeconds, k.gke.checkIntervalSec);
  mergeStricter(p.checkIntervalSec, hi, gke::kCheckSeconds, k.gke.checkIntervalSec, "GK7", "GK2",
                "health-check interval", " s");
  // GCE refuses a timeout above the interval; a user's no longer one is kept.
  const bool keep =
      ht.origin == Origin::Manifest && gke::kCheckSeconds.holds(ht.value) && ht.value <= interval;
  setIfChanged(p.checkTimeoutSec, ht, keep ? ht.value : std::min(k.gke.checkTimeoutSec, interval),
               ht.origin == Origin::Manifest && !gke::kCheckSeconds.holds(ht.value) ? "GK7"
               : ht.value > interval                                                ? "GK2"
                                                                                    : kPresetRule,
               "health-check timeout", " s");
  mergeStricter(p.healthyThreshold, hh, gke::kThreshold, k.gke.healthyThreshold, "GK7", "GK2",
                "healthy threshold", "");
  mergeStricter(p.unhealthyThreshold, ut, gke::kThreshold, k.gke.unhealthyThreshold, "GK7", "GK2",
                "unhealthy threshold", "");
}

// The health check's port, as the model spells it, is the readiness probe's.
bool checksProbePort(const EffectiveGke& g) {
  if (g.port.empty() || g.port == "serving") return g.readinessPort == g.servingPort;
  return g.port == g.readinessPort;
}

}  // namespace

bool pathCanFollowProbe(const EffectiveGke& g) {
  if (!g.readinessHttp || !g.sharedWith.empty()) return false;
  if (!g.type.empty() && g.type != "HTTP" && g.type != "HTTPS" && g.type != "HTTP2") return false;
  // A check already aimed at another port or scheme would ask that server for the probe's path.
  if (!g.port.empty() && !checksProbePort(g)) return false;
  if (!g.type.empty() && (g.type != "HTTP") != g.readinessTls) return false;
  return true;
}

namespace {

// GKE copies the readiness probe into the health check only when the pods exist as the load
// balancer is made, else it checks /: the probe's path, port and scheme are written out (GK3).
void planPath(const EffectiveGke& g, PlanGke& p) {
  if (!g.requestPath.empty() || !pathCanFollowProbe(g)) return;
  p.path = g.readinessPath;
  // The serving port is the health check's default: a port is written only where the probe asks
  // another one.
  if (g.port.empty() && g.readinessPort != g.servingPort) p.port = g.readinessPort;
  // The type follows the backend's protocol (an Ingress's app-protocols annotation), which GKE
  // sends requests with; an HTTPS probe on an HTTP backend is GK3's warning, not a guess.
  const std::string protocol = g.viaGateway            ? (g.readinessTls ? "HTTPS" : "HTTP")
                               : g.appProtocol.empty() ? "HTTP"
                                                       : g.appProtocol;
  if (g.type.empty() && (protocol != "HTTP" || !g.readinessTls)) p.type = protocol;
  p.pathWhy = g.viaGateway
                  ? "GK3: the readiness probe's, so that the load balancer checks what the "
                    "kubelet checks (GKE Gateway never reads the probe: without this it checks /)"
                  : "GK3: the readiness probe's, so that the load balancer checks what the "
                    "kubelet checks (GKE copies the probe only when the pods exist as the load "
                    "balancer is made, else it checks /)";
}

// C: between the longest request and what is left of the grace period once the front ends
// stopped sending (GK4).
void planDraining(const Knobs& k, const Effective& e, PlanGke& p) {
  const Sourced<int64_t>& c = e.gke.drainingTimeoutSec;
  const int64_t r = k.longestRequestSeconds, g = drainingCap(k, e);
  // A valid draining of the user's is kept as far as the bounds allow.
  const bool valid = c.origin == Origin::Manifest && gke::kDraining.holds(c.value);
  const int64_t want =
      valid ? std::clamp(c.value, r, g) : std::max(r, std::min(k.gke.drainingTimeoutSec, g));
  const char* rule = c.origin == Origin::Manifest && !gke::kDraining.holds(c.value) ? "GK7"
                     : c.value < r || c.value > g                                   ? "GK4"
                                                                                    : kPresetRule;
  setIfChanged(p.drainingTimeoutSec, c, want, rule,
               c.value > g ? cat("connection draining timeout (at most grace period ",
                                 e.terminationGracePeriodSeconds.value, " s - LB propagation ",
                                 k.lbPropagationSeconds, " s)")
                           : std::string("connection draining timeout"),
               " s");
}

// Q: at least the longest request (GK5); GCE's default of 30 s stays when it is enough.
void planTimeout(const Knobs& k, const EffectiveGke& g, PlanGke& p) {
  const Sourced<int64_t>& q = g.backendTimeoutSec;
  const int64_t r = k.longestRequestSeconds;
  const bool inRange = gke::kBackendTimeout.holds(q.value);
  if (inRange && q.value >= r) return;
  setIfChanged(p.backendTimeoutSec, q, std::max(r, k.gke.backendTimeoutSec),
               inRange ? "GK5" : "GK7", "backend timeout", " s");
}

}  // namespace

void planGke(const Knobs& k, const Effective& e, Plan& p) {
  if (k.preset != PresetId::GkeNeg) return;
  p.gke.writeNeg = !e.gke.viaGateway && !e.gke.negIngress && !k.gke.negByDefault;
  // NEGs turned off on purpose: the load balancer checks nodes, which this preset does not model.
  if (!e.gke.writable || (!e.gke.viaGateway && e.gke.negIngress == std::optional<bool>(false)))
    return;
  planHealthCheck(k, e.gke, p.gke);
  planPath(e.gke, p.gke);
  planDraining(k, e, p.gke);
  planTimeout(k, e.gke, p.gke);
}

}  // namespace zd::timing::detail
