#include "timing/model_detail.h"

#include <algorithm>

namespace zd::timing::detail {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string containerField(const std::string& name, const char* leaf) {
  return cat("containers[", name, "].", leaf);
}

std::string containerLabel(const std::string& name) { return "container " + quoted(name); }

void Sink::add(const char* id, Severity sev, std::string field, std::string message) {
  out_.push_back(Violation{id, sev, std::move(field), cat(id, ": ", message)});
}

bool within(int64_t v, int64_t lo, int64_t hi) { return lo <= v && v <= hi; }

void checkRange(Sink& s, const char* id, const char* field, const char* what, int64_t v, int64_t lo,
                int64_t hi, const char* unit) {
  if (!within(v, lo, hi)) {
    s.add(id, Severity::Error, field,
          cat(what, " ", v, unit, " must be within ", lo, "..", hi, unit));
  }
}

bool isAlb(PresetId p) { return p == PresetId::AlbIp || p == PresetId::AlbInstance; }

const char* floorRule(PresetId p) {
  switch (p) {
    case PresetId::AlbIp:
      return "IP3";
    case PresetId::AlbInstance:
      return "IN2";
    case PresetId::Agic:
      return "AG1";
  }
  return "IP3";
}


int64_t ip2Bound(const Knobs& k, const Effective& e) {
  return k.registrationLagSeconds + e.alb.healthCheckIntervalSeconds.value +
         e.alb.healthCheckTimeoutSeconds.value + k.marginSeconds;
}

int64_t longestReadinessPeriod(const Effective& e) {
  int64_t longest = 0;
  for (const auto& c : e.containers) {
    if (c.readinessProbe) longest = std::max(longest, c.readinessProbe->periodSeconds.value);
  }
  return longest;
}


// Percentages of maxUnavailable round down (K8S-DEP).
static int64_t resolveUnavailable(const IntOrPercent& v, int64_t replicas) {
  return v.percent ? replicas * v.value / 100 : v.value;
}

bool moreUnavailable(const IntOrPercent& a, const IntOrPercent& b,
                     const std::optional<Sourced<int64_t>>& replicas) {
  if (a.isZero()) return false;
  // A non-zero percent can resolve to 0 at today's replica count and to more after scaling.
  if (b.isZero()) return true;
  if (a.percent == b.percent) return a.value > b.value;
  if (!replicas) return false;
  return resolveUnavailable(a, replicas->value) > resolveUnavailable(b, replicas->value);
}

int64_t agicDetection(int64_t interval, int64_t timeout, int64_t threshold) {
  return threshold * interval + timeout;
}

}  // namespace zd::timing::detail

namespace zd::timing {

int64_t preStopTarget(const Knobs& k) {
  return std::max(
      {k.preStopSeconds, k.minPreStopSeconds, k.lbPropagationSeconds + k.marginSeconds});
}

// Whether LBC readiness gates hold back the rollout: label present and ip targets (§2).
bool gateOn(const Effective& e) { return e.namespaceGateLabel && e.alb.targetType.value == "ip"; }

int64_t timeToReady(const Knobs& k, const Effective& e) {
  int64_t t = detail::longestReadinessPeriod(e);
  // The reference's K8 names the gate wait HI + HT; the registration lag is added as in IP2,
  // since the first health check cannot start before the target is registered.
  if (k.preset == PresetId::AlbIp && gateOn(e)) t += detail::ip2Bound(k, e) - k.marginSeconds;
  return t;
}

}  // namespace zd::timing
