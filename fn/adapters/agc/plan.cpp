// The AGC adapter's plan: the Service's HealthCheckPolicy (merged field by field, or created when
// the probe AGC derives from the readiness probe falls short) and the route timeout.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

void planPolicy(const Knobs& k, const EffectiveAgc& g, PlanAgc& p) {
  const Sourced<int64_t>&hi = g.probeIntervalSeconds, &ht = g.probeTimeoutSeconds,
        &hh = g.probeHealthyThreshold, &ut = g.probeUnhealthyThreshold;
  const int64_t interval = keepStricter(hi, agc::kProbeSeconds, k.agc.probeIntervalSeconds);
  mergeStricter(p.probeIntervalSeconds, hi, agc::kProbeSeconds, k.agc.probeIntervalSeconds, "AC7",
                "AC2", "health-probe interval", " s");
  // The timeout stays below the interval: a user's shorter one is kept.
  const bool keep =
      ht.origin == Origin::Manifest && agc::kProbeSeconds.holds(ht.value) && ht.value < interval;
  const int64_t timeout = keep ? ht.value : std::min(k.agc.probeTimeoutSeconds, interval - 1);
  setIfChanged(p.probeTimeoutSeconds, ht, std::max<int64_t>(timeout, 1),
               !agc::kProbeSeconds.holds(ht.value) ? "AC7"
               : ht.value >= interval              ? "AC2"
                                                   : kPresetRule,
               "health-probe timeout", " s");
  mergeStricter(p.probeHealthyThreshold, hh, agc::kProbeThreshold, k.agc.probeHealthyThreshold,
                "AC7", "AC2", "healthy threshold", "");
  mergeStricter(p.probeUnhealthyThreshold, ut, agc::kProbeThreshold, k.agc.probeUnhealthyThreshold,
                "AC7", "AC2", "unhealthy threshold", "");
}

// The probe derived from the readiness probe is kept while it is as quick as the preset's; else
// a HealthCheckPolicy with the preset's numbers and the readiness probe's path and port takes
// over (AGC prefers a policy to the pod's probe).
void planDerived(const Knobs& k, const EffectiveAgc& g, PlanAgc& p) {
  const bool enough = g.probeIntervalSeconds.value <= k.agc.probeIntervalSeconds &&
                      g.probeTimeoutSeconds.value < g.probeIntervalSeconds.value &&
                      g.probeHealthyThreshold.value <= k.agc.probeHealthyThreshold &&
                      g.probeUnhealthyThreshold.value <= k.agc.probeUnhealthyThreshold;
  if (enough) return;
  p.createPolicy = true;
  p.policyPath = g.readinessPath;
  p.policyPort = g.readinessPort;
  p.policyTls = g.readinessTls;
  p.policyHost = g.readinessHost;
  auto set = [&](std::optional<Change<int64_t>>& out, const Sourced<int64_t>& cur, int64_t want,
                 const char* what, const char* unit) {
    out = change(want, "AC2",
                 cur.value == want
                     ? cat("HealthCheckPolicy ", what, " ", want, unit,
                           ", as the readiness probe AGC derives its probe from has it after "
                           "this run")
                     : cat("HealthCheckPolicy ", what, " must be ", want, unit,
                           " (the readiness probe AGC derives its probe from has ", cur.value, unit,
                           " after this run)"));
  };
  // A derived value as quick as the preset's stays: the policy takes over, it does not loosen.
  auto quick = [](const Sourced<int64_t>& v, int64_t knob) {
    return v.value >= 1 && v.value <= knob ? v.value : knob;
  };
  const int64_t interval = quick(g.probeIntervalSeconds, k.agc.probeIntervalSeconds);
  const int64_t timeout =
      g.probeTimeoutSeconds.value >= 1 && g.probeTimeoutSeconds.value < interval
          ? g.probeTimeoutSeconds.value
          : std::max<int64_t>(1, std::min(k.agc.probeTimeoutSeconds, interval - 1));
  set(p.probeIntervalSeconds, g.probeIntervalSeconds, interval, "interval", " s");
  set(p.probeTimeoutSeconds, g.probeTimeoutSeconds, timeout, "timeout", " s");
  set(p.probeHealthyThreshold, g.probeHealthyThreshold,
      quick(g.probeHealthyThreshold, k.agc.probeHealthyThreshold), "healthy threshold", "");
  set(p.probeUnhealthyThreshold, g.probeUnhealthyThreshold,
      quick(g.probeUnhealthyThreshold, k.agc.probeUnhealthyThreshold), "unhealthy threshold", "");
}

// Q: a valid user value stays, raised to R if shorter; absent -> the preset's. Only where an
// object of the input holds it (AC3 says what to add otherwise).
void planRouteTimeout(const Knobs& k, const EffectiveAgc& g, PlanAgc& p) {
  if (g.routeTimeoutHolder.empty()) return;
  const Sourced<int64_t>& q = g.routeTimeoutSeconds;
  const int64_t want = std::max(keepInRange(q, agc::kProbeSeconds, k.agc.routeTimeoutSeconds),
                                k.longestRequestSeconds);
  setIfChanged(p.routeTimeoutSeconds, q, want,
               q.value < k.longestRequestSeconds ? "AC3" : kPresetRule,
               g.viaIngress ? "request timeout" : "route timeout", " s");
}

}  // namespace

void planAgc(const Knobs& k, const Effective& e, Plan& p) {
  if (k.preset != PresetId::Agc) return;
  const EffectiveAgc& g = e.agc;
  if (g.probeWritable && g.source == AgcProbeSource::Policy) planPolicy(k, g, p.agc);
  if (g.probeWritable && g.source == AgcProbeSource::Readiness) planDerived(k, g, p.agc);
  planRouteTimeout(k, g, p.agc);
}

}  // namespace zd::timing::detail
