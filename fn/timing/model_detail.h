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
const char* floorRule(PresetId p);  // IP3, IN2, AG1: the preset's preStop floor

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
void checkAlb(const Knobs& k, const Effective& e, Sink& s);
void checkAgic(const Knobs& k, const Effective& e, Sink& s);

// plan() stages; each reads the Effective state with the earlier stages applied.
void planTermination(const Knobs& k, const Effective& e, Plan& p);
void planProbes(const Knobs& k, const Effective& e, Plan& p);
void planAlb(const Knobs& k, const Effective& e, Plan& p);
void planAgic(const Knobs& k, const Effective& e, Plan& p);
void planRollout(const Knobs& k, const Effective& e, Plan& p);

// Why a rule still fails after the plan; appended to the "after" messages.
std::string unfixedReason(const Violation& v, const Knobs& k, const Observed& after);

}  // namespace zd::timing::detail
