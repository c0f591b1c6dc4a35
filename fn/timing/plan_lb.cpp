// Plan stages for the load balancer: ALB annotations (target type, health check, deregistration
// delay), the readiness-gate namespace label, and AGIC annotations.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// A valid user value stays; an absent or out-of-range one becomes the preset's (A1, A2).
int64_t keepInRange(const Sourced<int64_t>& v, Range range, int64_t knob) {
  if (v.origin == Origin::Manifest && range.holds(v.value)) return v.value;
  return knob;
}

// Load-balancer settings are written even when the controller's default would
// give the same number: the manifest then says what the LB does, and a change
// of controller default cannot undo it.
void setIfChanged(std::optional<Change<int64_t>>& out, const Sourced<int64_t>& cur, int64_t want,
                  const char* rule, const std::string& what, const char* unit) {
  if (cur.origin == Origin::Manifest && cur.value == want) return;
  if (cur.value == want) {
    out =
        change(want, rule, cat(what, " ", want, unit, " must be written out (it is the default)"));
    return;
  }
  const char* how = cur.origin == Origin::Manifest ? "" : ", the default";
  out = change(want, rule, cat(what, " must be ", want, unit, " (was ", cur.value, unit, how, ")"));
}

void planHealthCheck(const Knobs& k, const EffectiveAlb& a, Plan& p) {
  const Sourced<int64_t>& hi = a.healthCheckIntervalSeconds;
  const Sourced<int64_t>& ht = a.healthCheckTimeoutSeconds;
  const int64_t hiNew =
      keepInRange(hi, alb::kHealthCheckInterval, k.alb.healthCheckIntervalSeconds);
  int64_t htNew = keepInRange(ht, alb::kHealthCheckTimeout, k.alb.healthCheckTimeoutSeconds);
  // The ELB API rejects timeout >= interval (A1); keep the user's interval, shorten the timeout.
  if (htNew >= hiNew)
    htNew =
        std::max(alb::kHealthCheckTimeout.lo, std::min(k.alb.healthCheckTimeoutSeconds, hiNew - 1));
  const bool hiBad = !alb::kHealthCheckInterval.holds(hi.value);
  const bool htBad =
      !alb::kHealthCheckTimeout.holds(ht.value) || ht.value >= hi.value || ht.value >= hiNew;
  setIfChanged(p.alb.healthCheckIntervalSeconds, hi, hiNew, hiBad ? "A1" : kPresetRule,
               "health-check interval", " s");
  setIfChanged(p.alb.healthCheckTimeoutSeconds, ht, htNew, htBad ? "A1" : kPresetRule,
               "health-check timeout", " s");
  const Sourced<int64_t>& hh = a.healthyThresholdCount;
  const Sourced<int64_t>& ut = a.unhealthyThresholdCount;
  setIfChanged(p.alb.healthyThresholdCount, hh,
               keepInRange(hh, alb::kThresholdCount, k.alb.healthyThresholdCount),
               alb::kThresholdCount.holds(hh.value) ? kPresetRule : "A2", "healthy threshold", "");
  setIfChanged(p.alb.unhealthyThresholdCount, ut,
               keepInRange(ut, alb::kThresholdCount, k.alb.unhealthyThresholdCount),
               alb::kThresholdCount.holds(ut.value) ? kPresetRule : "A2", "unhealthy threshold",
               "");
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
  const int64_t base = keepInRange(d, alb::kDeregistrationDelay, k.alb.deregistrationDelaySeconds);
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
  if (k.preset != PresetId::AlbIp || !k.alb.readinessGate) return;
  if (e.namespaceGateLabel || !e.namespaceInInput) return;  // not in the input: IP1 warns
  p.namespaceGateLabel =
      change(true, "IP1", "label the Namespace elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
}

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

void planAlb(const Knobs& k, const Effective& e, Plan& p) {
  if (!isAlb(k.preset)) return;
  // An absent target type means the controller's default (instance): write
  // the preset's. An explicit other one is reported (Z6), never switched:
  // that recreates every target group, and ip mode needs routable pod IPs.
  const Sourced<std::string>& tt = e.alb.targetType;
  if (!k.alb.targetType.empty() && tt.origin != Origin::Manifest) {
    const bool switches = k.alb.targetType != tt.value;
    p.alb.targetType =
        change(k.alb.targetType, "Z6",
               cat("target type must be ", k.alb.targetType, " (was ", tt.value, ", the default)",
                   switches ? ": on a live load balancer this replaces the target groups it "
                              "applies to, whose new targets must register and pass health "
                              "checks before they serve; apply it in a quiet window, or write "
                              "target-type: " +
                                  tt.value + " to keep the current ones"
                            : ""));
    // Recreating target groups is a side effect the user must see, not an info.
    if (switches) p.alb.targetType->severity = Severity::Warning;
  }
  planHealthCheck(k, e.alb, p);
  planDeregistration(k, e, p);
  planGateLabel(k, e, p);
}

void planAgic(const Knobs& k, const Effective& e, Plan& p) {
  if (k.preset != PresetId::Agic) return;
  planAgicTimeouts(k, e.agic, p);
  planAgicProbe(k, e, p);
}

}  // namespace zd::timing::detail
