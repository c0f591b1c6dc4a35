#include "timing/model_detail.h"

#include <algorithm>

#include "timing/lb_model.h"

namespace zd::timing::detail {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

FieldRef containerField(const std::string& name, const char* leaf) { return {leaf, name}; }

std::string containerLabel(const std::string& name) { return "container " + quoted(name); }

void Sink::add(const char* id, Severity sev, FieldRef field, std::string message) {
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

}  // namespace zd::timing::detail

namespace zd::timing {

const char* floorRuleOf(PresetId preset) { return detail::floorRule(preset); }

}  // namespace zd::timing

namespace zd::timing::detail {

bool isAlb(PresetId p) { return p == PresetId::AlbIp || p == PresetId::AlbInstance; }

bool isNlb(PresetId p) { return p == PresetId::NlbIp || p == PresetId::NlbInstance; }

const char* floorRule(PresetId p) {
  switch (p) {
    case PresetId::AlbIp:
      return "IP3";
    case PresetId::AlbInstance:
      return "IN2";
    case PresetId::Agic:
      return "AG1";
    case PresetId::NlbIp:
    case PresetId::NlbInstance:
      return "NL10";
    case PresetId::Agc:
      return "AC1";
    case PresetId::GkeNeg:
      return "GK1";
  }
  return "IP3";
}

std::string namespaceLabel(const Effective& e) {
  return e.namespaceName.empty() ? "the workload's Namespace"
                                 : "Namespace " + quoted(e.namespaceName);
}

std::string gateLabelMissing(const Effective& e) {
  return cat(namespaceLabel(e),
             " must have label elbv2.k8s.aws/pod-readiness-gate-inject=enabled for readiness gates",
             e.namespaceInInput       ? ""
             : e.namespaceLocalConfig ? " (it is in the input only as local-config, which is never "
                                        "applied: label it in the cluster)"
                                      : " (it is not in the input: label it in the cluster)");
}

int64_t ip2Bound(const Knobs& k, const Effective& e) {
  return k.registrationLagSeconds + e.alb.healthCheckIntervalSeconds.value +
         e.alb.healthCheckTimeoutSeconds.value + k.marginSeconds;
}

IntOrPercent unavailableFloor(const Knobs& k, const Effective& e) {
  if (e.kind == WorkloadKind::StatefulSet && k.maxUnavailable.isZero())
    return IntOrPercent{1, false};
  return k.maxUnavailable;
}

const EffectiveProbe* agicProbe(const EffectiveContainer& c, AgicProbeSource& source) {
  source = AgicProbeSource::None;
  if (c.readinessProbe && c.readinessProbe->isHttpGet) {
    source = AgicProbeSource::Readiness;
    return &*c.readinessProbe;
  }
  if (c.livenessProbe && c.livenessProbe->isHttpGet) {
    source = AgicProbeSource::Liveness;
    return &*c.livenessProbe;
  }
  return nullptr;
}

}  // namespace zd::timing::detail

namespace zd::timing {

int64_t preStopTarget(const Knobs& k) {
  return std::max(
      {k.preStopSeconds, k.minPreStopSeconds, k.lbPropagationSeconds + k.marginSeconds});
}

// Whether LBC readiness gates hold back the rollout: label present and ip targets (IP1, IN1).
bool gateOn(const Effective& e) { return e.namespaceGateLabel && e.gateTargets && !blueGreen(e); }

int64_t shortestSleep(const Knobs& k, const Effective& e) {
  std::optional<int64_t> shortest;
  for (const EffectiveContainer& c : e.containers) {
    const int64_t p = c.preStopSeconds ? c.preStopSeconds->value : preStopTarget(k);
    shortest = std::min(shortest.value_or(p), p);
  }
  return shortest.value_or(0);
}

bool blueGreen(const Effective& e) {
  return e.rollout && e.rollout->strategy == RolloutStrategy::BlueGreen;
}

// Percentages of maxUnavailable round down for a Deployment (its docs, #max-unavailable) and up
// for a StatefulSet (its API reference: "calculated from percentage by rounding up").
static int64_t resolveUnavailable(const IntOrPercent& v, int64_t replicas, bool roundUp) {
  if (!v.percent) return v.value;
  return roundUp ? (replicas * v.value + 99) / 100 : replicas * v.value / 100;
}

bool moreUnavailable(const IntOrPercent& a, const IntOrPercent& b,
                     const std::optional<Sourced<int64_t>>& replicas, WorkloadKind kind) {
  if (a.isZero()) return false;
  // A non-zero percent can resolve to 0 at today's replica count and to more after scaling.
  if (b.isZero()) return true;
  if (a.percent == b.percent) return a.value > b.value;
  if (!replicas) return false;
  const bool up = kind == WorkloadKind::StatefulSet;
  return resolveUnavailable(a, replicas->value, up) > resolveUnavailable(b, replicas->value, up);
}

std::optional<size_t> slowestToReady(const Effective& e) {
  std::optional<size_t> slowest;
  for (size_t i = 0; i < e.containers.size(); ++i) {
    const auto& p = e.containers[i].readinessProbe;
    if (p && (!slowest || p->readyAfter() > e.containers[*slowest].readinessProbe->readyAfter()))
      slowest = i;
  }
  return slowest;
}

int64_t containersReady(const Effective& e) {
  const std::optional<size_t> i = slowestToReady(e);
  return i ? e.containers[*i].readinessProbe->readyAfter() : 0;
}

int64_t timeToReady(const Knobs& k, const Effective& e) {
  int64_t t = containersReady(e);
  if (gateOn(e)) t += lbModelOf(k.preset).gateWait(k, e);
  return t;
}

}  // namespace zd::timing
