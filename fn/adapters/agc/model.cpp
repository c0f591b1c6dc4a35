// The AGC adapter's model hooks: AGC's probe (a HealthCheckPolicy, else the readiness probe it
// derives one from, else its default), the plan applied to Observed, and what Z11 holds back.
#include "adapters/agc/model_hooks.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

// The readiness probe of the container declaring the Service's target port, when httpGet: AGC
// derives its probe from it, field for field as AGIC does (an assumption: AGC's docs name the
// readiness probe, not which of its fields; docs/timing-model.md, "Preset agc").
const EffectiveProbe* derivedFrom(const Effective& e, std::optional<size_t> container) {
  if (!container || *container >= e.containers.size()) return nullptr;
  const auto& probe = e.containers[*container].readinessProbe;
  return probe && probe->isHttpGet ? &*probe : nullptr;
}

EffectiveAgc agcOf(const ObservedAgc& a, const Effective& e, std::optional<size_t> container) {
  using detail::pick;
  EffectiveAgc g;
  g.routeTimeoutSeconds = pick<int64_t>(a.routeTimeoutSeconds, 60);
  g.routeTimeoutHolder = a.routeTimeoutHolder;
  g.viaIngress = a.viaIngress;
  g.probeWritable = a.probeWritable;
  const EffectiveProbe* p = derivedFrom(e, container);
  if (p) {
    g.readinessPath = p->httpPath, g.readinessPort = p->httpPort;
    g.readinessTls = p->httpsScheme, g.readinessHost = p->httpHost;
  }
  if (a.policy) {
    // A field the policy leaves out takes AGC's default, not the pod's.
    g.source = AgcProbeSource::Policy;
    g.probeIntervalSeconds = pick<int64_t>(a.probeIntervalSeconds, 5);
    g.probeTimeoutSeconds = pick<int64_t>(a.probeTimeoutSeconds, 30);
    g.probeHealthyThreshold = pick<int64_t>(a.probeHealthyThreshold, 1);
    g.probeUnhealthyThreshold = pick<int64_t>(a.probeUnhealthyThreshold, 3);
  } else if (p) {
    g.source = AgcProbeSource::Readiness;
    g.probeIntervalSeconds = {p->periodSeconds.value, Origin::Derived};
    g.probeTimeoutSeconds = {p->timeoutSeconds.value, Origin::Derived};
    g.probeHealthyThreshold = {p->successThreshold.value, Origin::Derived};
    g.probeUnhealthyThreshold = {p->failureThreshold.value, Origin::Derived};
  } else {
    g.source = AgcProbeSource::Default;
    g.probeIntervalSeconds = {5, Origin::Default};
    g.probeTimeoutSeconds = {30, Origin::Default};
    g.probeHealthyThreshold = {1, Origin::Default};
    g.probeUnhealthyThreshold = {3, Origin::Default};
  }
  return g;
}

void effectiveAgc(const Observed& o, Effective& e) {
  e.agc = agcOf(o.agc, e, o.agicProbeContainer);
}

void checkAgc(const Knobs& k, const Effective& e, detail::Sink& s) { detail::checkAgc(k, e, s); }

void planAgc(const Knobs& k, const Effective& e, Plan& p) { detail::planAgc(k, e, p); }

void holdAgc(Plan& p, std::string& held) {
  using detail::hold;
  hold(p.agc.probeIntervalSeconds, "health-probe interval", held);
  hold(p.agc.probeTimeoutSeconds, "health-probe timeout", held);
  hold(p.agc.probeHealthyThreshold, "healthy threshold", held);
  hold(p.agc.probeUnhealthyThreshold, "unhealthy threshold", held);
  hold(p.agc.routeTimeoutSeconds, "route timeout", held);
  p.agc.createPolicy = false;
}

// A created policy holds every probe value, so the probe AGC runs is the policy's from then on.
void applyAgc(Observed& o, const Plan& p) {
  using detail::put;
  if (p.agc.createPolicy) o.agc.policy = true;
  put(o.agc.probeIntervalSeconds, p.agc.probeIntervalSeconds);
  put(o.agc.probeTimeoutSeconds, p.agc.probeTimeoutSeconds);
  put(o.agc.probeHealthyThreshold, p.agc.probeHealthyThreshold);
  put(o.agc.probeUnhealthyThreshold, p.agc.probeUnhealthyThreshold);
  put(o.agc.routeTimeoutSeconds, p.agc.routeTimeoutSeconds);
}

// AGC's pool holds pod IPs, but no readiness gate holds a pod for it: minReadySeconds covers
// the pool update and the passing probes (AC5).
bool noGate(const Knobs&, const Effective&) { return false; }
int64_t noGateWait(const Knobs&, const Effective&) { return 0; }

MinReadyNeed minReadyAgc(const Knobs& k, const Effective& e) {
  const int64_t need = k.registrationLagSeconds +
                       e.agc.probeHealthyThreshold.value * e.agc.probeIntervalSeconds.value +
                       k.marginSeconds;
  return {need, "AC5",
          " (no readiness gate: AGC's pool update + healthy threshold x probe interval + margin)"};
}

}  // namespace

const LbModel& agcModel() {
  static const LbModel m{effectiveAgc, checkAgc, planAgc,    holdAgc,
                         applyAgc,     noGate,   noGateWait, minReadyAgc};
  return m;
}

}  // namespace zd::timing
