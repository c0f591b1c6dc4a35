// The AGIC adapter's plan: connection draining, request timeout and the health-probe annotations.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// C and Q: a valid user value stays, raised to R if shorter; absent or invalid -> the preset's.
int64_t coverRequests(const Sourced<int64_t>& v, Range range, int64_t knob, int64_t r) {
  return std::min(std::max(keepInRange(v, range, knob), r), range.hi);
}

void planAgicTimeouts(const Knobs& k, const EffectiveAgic& g, Plan& p) {
  const bool drainingOn = g.connectionDraining.value || k.agic.connectionDraining;
  if (k.agic.connectionDraining && !g.connectionDraining.value) {
    p.agic.connectionDraining =
        change(true, "AG3",
               g.drainingText.empty()
                   ? std::string("connection-draining must be \"true\"")
                   : cat("connection-draining must be \"true\" (was ", quoted(g.drainingText),
                         ", which AGIC's parser, Go's strconv.ParseBool, does not read: draining "
                         "was off)"));
  }
  const int64_t r = k.longestRequestSeconds;
  if (drainingOn) {
    const Sourced<int64_t>& c = g.drainingTimeoutSeconds;
    const int64_t want = coverRequests(c, agic::kDrainingTimeout, k.agic.drainingTimeoutSeconds, r);
    const bool bad = !agic::kDrainingTimeout.holds(c.value) || c.value < r;
    setIfChanged(p.agic.drainingTimeoutSeconds, c, want, bad ? "AG3" : kPresetRule,
                 "draining timeout", " s");
  }
  const Sourced<int64_t>& q = g.requestTimeoutSeconds;
  const int64_t want = coverRequests(q, agic::kRequestTimeout, k.agic.requestTimeoutSeconds, r);
  const bool bad = !agic::kRequestTimeout.holds(q.value) || q.value < r;
  setIfChanged(p.agic.requestTimeoutSeconds, q, want, bad ? "AG4" : kPresetRule, "request timeout",
               " s");
}

// What the health-probe annotations should say: the (planned) httpGet readinessProbe AGIC copies,
// or without one the preset's probe numbers.
struct ProbeTarget {
  int64_t interval, timeout, threshold;
};

// Only a readiness probe counts: the plan tunes it to the preset's numbers. A liveness probe is
// never tuned, so annotations brought to its numbers could keep App Gateway slow (AG6).
ProbeTarget agicTarget(const Knobs& k, const Effective& e) {
  for (const auto& c : e.containers) {
    AgicProbeSource source;
    const EffectiveProbe* pr = c.name == e.agic.sourceContainer ? agicProbe(c, source) : nullptr;
    if (pr && source == AgicProbeSource::Readiness) {
      return {pr->periodSeconds.value, pr->timeoutSeconds.value,
              std::min(pr->failureThreshold.value, kAgicMaxThreshold)};
    }
  }
  return {k.readinessPeriodSeconds, k.readinessTimeoutSeconds,
          std::min(k.readinessFailureThreshold, kAgicMaxThreshold)};
}

// Only annotations already present are touched (they override the probe, AG5). One stricter
// than the probe (shorter interval, lower threshold) is kept; a looser or invalid one is made
// equal to the probe.
void planAgicProbe(const Knobs& k, const Effective& e, Plan& p) {
  const EffectiveAgic& g = e.agic;
  const ProbeTarget t = agicTarget(k, e);
  const bool slow = agic::detection(g.probeIntervalSeconds.value, g.probeTimeoutSeconds.value,
                                    g.probeUnhealthyThreshold.value) > agic::kProbeBudget;
  auto rule = [&](const Sourced<int64_t>& v, Range range) {
    return !range.holds(v.value) ? "AG5" : slow ? "AG6" : "AG5";
  };
  auto tighten = [](const Sourced<int64_t>& v, Range range, int64_t target) {
    return range.holds(v.value) && v.value <= target ? v.value : target;
  };
  int64_t hi = g.probeIntervalSeconds.value;
  int64_t ut = g.probeUnhealthyThreshold.value;
  if (g.probeIntervalSeconds.origin == Origin::Manifest) {
    hi = tighten(g.probeIntervalSeconds, agic::kProbeSeconds, t.interval);
    setIfChanged(p.agic.probeIntervalSeconds, g.probeIntervalSeconds, hi,
                 rule(g.probeIntervalSeconds, agic::kProbeSeconds), "health-probe-interval", " s");
  }
  if (g.probeUnhealthyThreshold.origin == Origin::Manifest) {
    ut = tighten(g.probeUnhealthyThreshold, agic::kProbeThreshold, t.threshold);
    setIfChanged(p.agic.probeUnhealthyThreshold, g.probeUnhealthyThreshold, ut,
                 rule(g.probeUnhealthyThreshold, agic::kProbeThreshold),
                 "health-probe-unhealthy-threshold", "");
  }
  const Sourced<int64_t>& ht = g.probeTimeoutSeconds;
  if (ht.origin != Origin::Manifest) return;
  const bool keep = agic::kProbeSeconds.holds(ht.value) &&
                    agic::detection(hi, ht.value, ut) <= agic::kProbeBudget;
  setIfChanged(p.agic.probeTimeoutSeconds, ht, keep ? ht.value : t.timeout,
               rule(ht, agic::kProbeSeconds), "health-probe-timeout", " s");
}

}  // namespace

void planAgic(const Knobs& k, const Effective& e, Plan& p) {
  if (k.preset != PresetId::Agic) return;
  planAgicTimeouts(k, e.agic, p);
  planAgicProbe(k, e, p);
}

}  // namespace zd::timing::detail
