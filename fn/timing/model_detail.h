// Internal to the timing model: helpers shared by the rule and plan files. Not part of the API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "timing/cloud_ranges.h"
#include "timing/model.h"
#include "timing/text.h"

namespace zd::timing::detail {

inline constexpr Severity kInfo = Severity::Info;
inline constexpr Severity kWarning = Severity::Warning;
inline constexpr Severity kError = Severity::Error;

inline constexpr int64_t kAgicMaxThreshold = agic::kProbeThreshold.hi;

// A plan change whose message is "<rule>: <why>".
template <typename T>
std::optional<Change<T>> change(T value, const char* rule, const std::string& why) {
  return Change<T>{std::move(value), rule, cat(rule, ": ", why)};
}

std::string quoted(const std::string& s);
FieldRef containerField(const std::string& name, const char* leaf);
std::string containerLabel(const std::string& name);  // `container "web"`

class Sink {
 public:
  void add(const char* id, Severity sev, FieldRef field, std::string message);
  std::vector<Violation> take() { return std::move(out_); }

 private:
  std::vector<Violation> out_;
};

bool within(int64_t v, int64_t lo, int64_t hi);

// Adds an error when `v` is outside lo..hi: "<what> <v><unit> must be within lo..hi<unit>".
void checkRange(Sink& s, const char* id, const char* field, const char* what, int64_t v, int64_t lo,
                int64_t hi, const char* unit);
inline void checkRange(Sink& s, const char* id, const char* field, const char* what, int64_t v,
                       Range r, const char* unit) {
  checkRange(s, id, field, what, v, r.lo, r.hi, unit);
}

bool isAlb(PresetId p);
bool isNlb(PresetId p);
const char* floorRule(PresetId p);  // IP3, IN2, AG1, NL10, AC1, GK1: the preset's preStop floor

// "Namespace \"shop\"", or "the workload's Namespace" when it has none.
std::string namespaceLabel(const Effective& e);
// IP1, NL8: the Namespace lacks the readiness-gate label, and where it must be set.
std::string gateLabelMissing(const Effective& e);

// NL11: seconds of passing NLB health checks before a target (a new target, or a node that
// failed) is healthy: healthy threshold x interval + timeout (AWS gives no check count for a new
// NLB target: the threshold is the worst case).
int64_t nlbChecksPass(const EffectiveNlb& n);
// NL9, K8: seconds from a new pod's Ready containers until the NLB routes to it: registration
// lag + nlbChecksPass.
int64_t nlbHealthyAfter(const Knobs& k, const Effective& e);
// NL5, NL6: whether a target group that takes `d`'s delay resets connections when it ends: `d`'s
// own connection termination, or for the Service-wide delay, a per-port copy's that turns it on
// and takes that delay.
bool nlbTerminates(const EffectiveNlb& n, const EffectiveNlbDelay& d);

// GK4: the longest connection draining that ends before the pod is killed: grace period - LB
// propagation, but never below the longest request.
int64_t drainingCap(const Knobs& k, const Effective& e);
// GK3: whether the health check may take the readiness probe's path: the serving container has
// an httpGet probe, no other Service shares the BackendConfig, and the check is not already aimed
// at another port or scheme, nor of a type without a path (TCP, GRPC).
bool pathCanFollowProbe(const EffectiveGke& g);

// IP2: minReadySeconds needed when no readiness gate waits for the ALB health check.
int64_t ip2Bound(const Knobs& k, const Effective& e);

// The loosest maxUnavailable the preset allows this workload: the config's, but at least 1 for
// a StatefulSet, whose API refuses 0.
IntOrPercent unavailableFloor(const Knobs& k, const Effective& e);

// The App Gateway probe's time to mark a backend down: UT * HI + HT (AG6).

// The probe App Gateway copies from a container: its readiness probe if httpGet, else its
// liveness probe if httpGet (application-gateway-kubernetes-ingress pkg/appgw/health_probes.go).
const EffectiveProbe* agicProbe(const EffectiveContainer& c, AgicProbeSource& source);

// check() pieces, one per concept.
void checkTermination(const Knobs& k, const Effective& e, Sink& s);
void checkRollout(const Knobs& k, const Effective& e, Sink& s);
void checkProbes(const Knobs& k, const Effective& e, Sink& s);
void checkExecSleepImage(const Effective& e, Sink& s);             // K9
void checkMeshProxy(const Knobs& k, const Effective& e, Sink& s);  // K10
void checkAlb(const Knobs& k, const Effective& e, Sink& s);
void checkAgic(const Knobs& k, const Effective& e, Sink& s);
void checkNlb(const Knobs& k, const Effective& e, Sink& s);
void checkAgc(const Knobs& k, const Effective& e, Sink& s);
void checkGke(const Knobs& k, const Effective& e, Sink& s);
void checkArgoRollout(const Knobs& k, const Effective& e, Sink& s);

// Shared by the adapters' plans (plan_lb_shared.cpp). A valid user value stays; an absent or
// out-of-range one becomes the preset's.
int64_t keepInRange(const Sourced<int64_t>& v, Range range, int64_t knob);
// Writes `want` unless the manifest already says it, with a message naming `what`.
void setIfChanged(std::optional<Change<int64_t>>& out, const Sourced<int64_t>& cur, int64_t want,
                  const char* rule, const std::string& what, const char* unit);

// A policy's value as AGC's and GKE's plans merge it: a valid one no looser than the preset's
// stays, else the preset's (keepStricter); mergeStricter writes it unless the manifest says it,
// answering `rangeRule` when the manifest's is out of range, `looseRule` when it is looser than
// the preset's, else the preset (Z0).
int64_t keepStricter(const Sourced<int64_t>& v, Range range, int64_t knob);
void mergeStricter(std::optional<Change<int64_t>>& out, const Sourced<int64_t>& v, Range range,
                   int64_t knob, const char* rangeRule, const char* looseRule,
                   const std::string& what, const char* unit);

// An AWS Load Balancer Controller target group's healthy and unhealthy thresholds (A2, NL2):
// a valid user value stays, else the preset's; `rule` where the current value is out of range.
void planThresholds(const Knobs& k, const Sourced<int64_t>& hh, const Sourced<int64_t>& ut,
                    Range range, const char* rule, std::optional<Change<int64_t>>& hhOut,
                    std::optional<Change<int64_t>>& utOut);
// Z6's advice: how to keep the target type the target groups have now, in the object that holds
// it (a TargetGroupConfiguration through a route, else the annotation `annotation`).
std::string keepTargetType(bool viaGateway, const char* annotation, const std::string& current);
// Z0's message for writing out the controller's default target type.
std::string defaultTargetTypeWritten(const std::string& current);
// Z6: the controller's target type other than the preset's.
void checkTargetType(const Knobs& k, const std::string& targetType, Sink& s);

// A value as written, else the default the cluster, the controller or the cloud applies.
template <typename T>
Sourced<T> pick(const std::optional<T>& v, T fallback) {
  if (v) return {*v, Origin::Manifest};
  return {std::move(fallback), Origin::Default};
}

// Drops a planned change and names it in `held` (Z11).
template <typename T>
void hold(std::optional<Change<T>>& c, const char* name, std::string& held) {
  if (!c) return;
  held += (held.empty() ? "" : ", ") + std::string(name);
  c.reset();
}

// Writes a planned change into an Observed value.
template <typename T>
void put(std::optional<T>& dst, const std::optional<Change<T>>& c) {
  if (c) dst = c->value;
}

// plan() stages; each reads the Effective state with the earlier stages applied.
void planTermination(const Knobs& k, const Effective& e, Plan& p);
void planProbes(const Knobs& k, const Effective& e, Plan& p);
void planAlb(const Knobs& k, const Effective& e, Plan& p);
void planAgic(const Knobs& k, const Effective& e, Plan& p);
void planNlb(const Knobs& k, const Effective& e, Plan& p);
void planAgc(const Knobs& k, const Effective& e, Plan& p);
void planGke(const Knobs& k, const Effective& e, Plan& p);
void planRollout(const Knobs& k, const Effective& e, Plan& p);

// Why a rule still fails after the plan; appended to the "after" messages.
std::string unfixedReason(const Violation& v, const Knobs& k, const Observed& after);

}  // namespace zd::timing::detail
