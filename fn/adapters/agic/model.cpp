// The AGIC adapter's model hooks: defaults (App Gateway's probe copied from the pod's, AG5), the
// plan applied to Observed, and what Z11 holds back.
#include <algorithm>

#include "adapters/agic/model_hooks.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

// AG5: annotation ?? value copied from the pod probe ?? App Gateway default.
Sourced<int64_t> agicProbeValue(const std::optional<int64_t>& annotation,
                                const std::optional<int64_t>& fromPod, int64_t fallback) {
  if (annotation) return {*annotation, Origin::Manifest};
  if (fromPod) return {*fromPod, Origin::Derived};
  return {fallback, Origin::Default};
}

EffectiveAgic agicOf(const ObservedAgic& a, const Effective& e, std::optional<size_t> container) {
  using detail::pick;
  EffectiveAgic g;
  g.connectionDraining = pick(a.connectionDraining, false);
  g.drainingText = a.connectionDrainingText;
  g.drainingTimeoutSeconds = pick<int64_t>(a.drainingTimeoutSeconds, 30);
  g.requestTimeoutSeconds = pick<int64_t>(a.requestTimeoutSeconds, 30);
  std::optional<int64_t> hi, ht, ut;
  const EffectiveProbe* p = nullptr;
  if (container && *container < e.containers.size()) {
    const EffectiveContainer& c = e.containers[*container];
    g.sourceContainer = c.name;
    p = detail::agicProbe(c, g.source);
  }
  if (p) {
    hi = p->periodSeconds.value;
    ht = p->timeoutSeconds.value;
    ut = std::min(p->failureThreshold.value, detail::kAgicMaxThreshold);  // AGIC caps (AG5)
  }
  g.probeIntervalSeconds = agicProbeValue(a.probeIntervalSeconds, hi, 30);
  g.probeTimeoutSeconds = agicProbeValue(a.probeTimeoutSeconds, ht, 30);
  g.probeUnhealthyThreshold = agicProbeValue(a.probeUnhealthyThreshold, ut, 3);
  return g;
}

void effectiveAgic(const Observed& o, Effective& e) {
  e.agic = agicOf(o.agic, e, o.agicProbeContainer);
}

void checkAgic(const Knobs& k, const Effective& e, detail::Sink& s) { detail::checkAgic(k, e, s); }

void planAgic(const Knobs& k, const Effective& e, Plan& p) { detail::planAgic(k, e, p); }

void holdAgic(Plan& p, std::string& held) {
  using detail::hold;
  hold(p.agic.connectionDraining, "connection draining", held);
  hold(p.agic.drainingTimeoutSeconds, "draining timeout", held);
  hold(p.agic.requestTimeoutSeconds, "request timeout", held);
  hold(p.agic.probeIntervalSeconds, "health-probe interval", held);
  hold(p.agic.probeTimeoutSeconds, "health-probe timeout", held);
  hold(p.agic.probeUnhealthyThreshold, "health-probe threshold", held);
}

void applyAgic(Observed& o, const Plan& p) {
  using detail::put;
  put(o.agic.connectionDraining, p.agic.connectionDraining);
  put(o.agic.drainingTimeoutSeconds, p.agic.drainingTimeoutSeconds);
  put(o.agic.requestTimeoutSeconds, p.agic.requestTimeoutSeconds);
  put(o.agic.probeIntervalSeconds, p.agic.probeIntervalSeconds);
  put(o.agic.probeTimeoutSeconds, p.agic.probeTimeoutSeconds);
  put(o.agic.probeUnhealthyThreshold, p.agic.probeUnhealthyThreshold);
}

// App Gateway's pool holds pod IPs, but nothing gates a pod on it (AG9).
bool noGate(const Knobs&, const Effective&) { return false; }
int64_t noGateWait(const Knobs&, const Effective&) { return 0; }
MinReadyNeed noNeed(const Knobs&, const Effective&) { return {}; }

}  // namespace

const LbModel& agicModel() {
  static const LbModel m{effectiveAgic, checkAgic, planAgic,   holdAgic,
                         applyAgic,     noGate,    noGateWait, noNeed};
  return m;
}

}  // namespace zd::timing
