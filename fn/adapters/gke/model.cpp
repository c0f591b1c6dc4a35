// The GKE adapter's model hooks: the backend service's health check, draining and timeout with
// GKE's defaults, the plan applied to Observed, and what Z11 holds back.
#include "adapters/gke/model_hooks.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

// The serving container's httpGet readiness probe: the health check should ask what it asks.
const EffectiveProbe* readinessOf(const Effective& e, std::optional<size_t> container) {
  if (!container || *container >= e.containers.size()) return nullptr;
  const auto& probe = e.containers[*container].readinessProbe;
  return probe && probe->isHttpGet ? &*probe : nullptr;
}

// Defaults: ingress-gce's for a NEG backend (pkg/translator/healthchecks.go: 15 s, 15 s, 1, 2;
// it copies the readiness probe only when the pods exist as the Ingress is created, which the
// manifests cannot show), GKE Gateway's (5 s, 5 s, 2, 2: Compute Engine's), the backend
// service's timeout (30 s) and no draining.
EffectiveGke gkeOf(const ObservedGke& a, const Effective& e, std::optional<size_t> container) {
  using detail::pick;
  EffectiveGke g;
  g.viaGateway = a.viaGateway, g.negIngress = a.negIngress;
  g.healthCheckHolder = a.healthCheckHolder, g.backendHolder = a.backendHolder;
  g.writable = a.writable, g.missing = a.missing;
  const int64_t interval = a.viaGateway ? 5 : 15, healthy = a.viaGateway ? 2 : 1;
  g.checkIntervalSec = pick<int64_t>(a.checkIntervalSec, interval);
  g.checkTimeoutSec = pick<int64_t>(a.checkTimeoutSec, interval);
  g.healthyThreshold = pick<int64_t>(a.healthyThreshold, healthy);
  g.unhealthyThreshold = pick<int64_t>(a.unhealthyThreshold, 2);
  g.drainingTimeoutSec = pick<int64_t>(a.drainingTimeoutSec, 0);
  g.backendTimeoutSec = pick<int64_t>(a.backendTimeoutSec, 30);
  g.requestPath = a.requestPath, g.port = a.port, g.type = a.type;
  g.appProtocol = a.appProtocol, g.servingPort = a.servingPort, g.unchecked = a.unchecked;
  g.sharedWith = a.sharedWith;
  if (const EffectiveProbe* p = readinessOf(e, container)) {
    g.readinessHttp = true;
    // The kubelet puts a "/" before a path without one; the load balancer's check must have it.
    g.readinessPath =
        p->httpPath.empty() || p->httpPath[0] != '/' ? "/" + p->httpPath : p->httpPath;
    g.readinessPort = p->httpPort;
    g.readinessTls = p->httpsScheme;
  }
  return g;
}

void effectiveGke(const Observed& o, Effective& e) {
  e.gke = gkeOf(o.gke, e, o.agicProbeContainer);
}

void checkGke(const Knobs& k, const Effective& e, detail::Sink& s) { detail::checkGke(k, e, s); }

void planGke(const Knobs& k, const Effective& e, Plan& p) { detail::planGke(k, e, p); }

void holdGke(Plan& p, std::string& held) {
  using detail::hold;
  hold(p.gke.checkIntervalSec, "health-check interval", held);
  hold(p.gke.checkTimeoutSec, "health-check timeout", held);
  hold(p.gke.healthyThreshold, "healthy threshold", held);
  hold(p.gke.unhealthyThreshold, "unhealthy threshold", held);
  hold(p.gke.drainingTimeoutSec, "draining timeout", held);
  hold(p.gke.backendTimeoutSec, "backend timeout", held);
  p.gke.path.clear(), p.gke.port.clear(), p.gke.type.clear();
  p.gke.writeNeg = false;
}

void applyGke(Observed& o, const Plan& p) {
  using detail::put;
  put(o.gke.checkIntervalSec, p.gke.checkIntervalSec);
  put(o.gke.checkTimeoutSec, p.gke.checkTimeoutSec);
  put(o.gke.healthyThreshold, p.gke.healthyThreshold);
  put(o.gke.unhealthyThreshold, p.gke.unhealthyThreshold);
  put(o.gke.drainingTimeoutSec, p.gke.drainingTimeoutSec);
  put(o.gke.backendTimeoutSec, p.gke.backendTimeoutSec);
  if (!p.gke.path.empty()) o.gke.requestPath = p.gke.path;
  if (!p.gke.port.empty()) o.gke.port = p.gke.port;
  if (!p.gke.type.empty()) o.gke.type = p.gke.type;
  if (p.gke.writeNeg) o.gke.negIngress = true;
}

// GKE injects the NEG readiness gate, but it can turn True before the endpoint is attached
// (kubernetes/ingress-gce#1718), so minReadySeconds covers attachment and passing checks (GK6).
bool noGate(const Knobs&, const Effective&) { return false; }
int64_t noGateWait(const Knobs&, const Effective&) { return 0; }

MinReadyNeed minReadyGke(const Knobs& k, const Effective& e) {
  const int64_t hh = e.gke.healthyThreshold.value, hi = e.gke.checkIntervalSec.value;
  const int64_t need = k.registrationLagSeconds + hh * hi + k.marginSeconds;
  return {need, "GK6",
          cat(" = NEG attachment ", k.registrationLagSeconds, " s + healthy threshold ", hh,
              " x check interval ", hi, " s + margin ", k.marginSeconds,
              " s (the NEG readiness gate can turn True before the endpoint is attached)")};
}

}  // namespace

const LbModel& gkeModel() {
  static const LbModel m{effectiveGke, checkGke, planGke,    holdGke,
                         applyGke,     noGate,   noGateWait, minReadyGke};
  return m;
}

}  // namespace zd::timing
