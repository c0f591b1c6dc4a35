// Plan stages for the pod spec: preStop and grace period, readiness probes, rollout fields.
// The policy throughout: never weaken a user's stricter value (a longer sleep or grace, a
// shorter probe period, a larger minReadySeconds); raise what breaks a rule and report it.
#include <algorithm>

#include "timing/api_limits.h"
#include "timing/lb_model.h"
#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// Never write what the reader would refuse: a computed value stops at the field's API maximum
// (timing/api_limits.h). A value read from a manifest is never above it, so this lowers none;
// a rule the cap leaves broken is reported as not fixed (unfixed.cpp).
int64_t capped(int64_t want, int64_t max) { return std::min(want, max); }

// Keep the hook's form; a container without one gets the native action only when the cluster
// has it (exec sleep by default).
PreStopKind sleepForm(const EffectiveContainer& c, bool nativeAllowed) {
  if (c.preStop == PreStopKind::ExecSleep || c.preStop == PreStopKind::NativeSleep) {
    return c.preStop;
  }
  return nativeAllowed ? PreStopKind::NativeSleep : PreStopKind::ExecSleep;
}

// Mirrors checkSleep(): the first rule the current sleep breaks.
const char* preStopRule(const Knobs& k, const EffectiveContainer& c) {
  const int64_t p = c.preStopSeconds->value;
  if (c.preStop == PreStopKind::None || p < 0) return "K1";
  if (p == 0 && c.preStop != PreStopKind::NativeSleep) return "K1";
  if (p < k.minPreStopSeconds) return floorRule(k.preset);
  if (p < k.lbPropagationSeconds + k.marginSeconds) return "K4";
  return kPresetRule;
}

// P = max(preset P, floor, E + B, existing sleep). No source (K4 in docs/timing-model.md) ties P to
// the deregistration delay, so unlike some seeds P is never set equal to D: D bounds in-flight
// requests (A4), P only has to outlast the LB's propagation (K4).
std::optional<int64_t> planSleep(const Knobs& k, const EffectiveContainer& c, bool nativeAllowed,
                                 ContainerPlan& cp) {
  if (!c.preStopSeconds) return std::nullopt;  // not a plain sleep: reported (Z2), not touched
  const int64_t target = preStopTarget(k);
  const int64_t cur = c.preStopSeconds->value;
  const int64_t want = capped(std::max(target, cur), kInt64FieldMax);
  if (c.preStop == PreStopKind::None || want != cur) {
    cp.preStopSeconds =
        change(want, preStopRule(k, c),
               cat(containerLabel(c.name), ": preStop sleep must be ", want, " s = max(preset ",
                   k.preStopSeconds, " s, floor ", k.minPreStopSeconds, " s, LB propagation ",
                   k.lbPropagationSeconds, " s + margin ", k.marginSeconds, " s)"));
    cp.preStopKind = sleepForm(c, nativeAllowed);
  }
  return want;
}

// G = max(P + S + B, pinned G, existing G): a longer grace stays as it is.
void planGrace(const Knobs& k, const Effective& e, int64_t longestSleep, Plan& p) {
  const int64_t sd = e.shutdownSeconds.value;
  const int64_t k2 = longestSleep + sd + k.marginSeconds;
  int64_t need = k2;
  if (k.preset == PresetId::Agic) need = std::max(need, longestSleep + 1);  // AG2 even if S+B=0
  const int64_t cur = e.terminationGracePeriodSeconds.value;
  const int64_t want =
      capped(std::max({need, k.terminationGracePeriodSeconds.value_or(0), cur}), kInt64FieldMax);
  if (want == cur) return;
  const char* rule = cur < k2 ? "K2" : cur < need ? "AG2" : kPresetRule;
  const std::string sum =
      cat("preStop ", longestSleep, " s + shutdown ", sd, " s + margin ", k.marginSeconds, " s");
  p.terminationGracePeriodSeconds = change(
      want, rule,
      want < need ? cat("grace period must be ", want, " s, the most the function writes (", sum,
                        " needs more)")
                  : cat("grace period must be ", want, " s >= ", sum,
                        want > need ? " (terminationGracePeriodSeconds pinned by config)" : ""));
}

// Smaller is stricter (period, failureThreshold): a valid user value no larger than the preset's
// stays; an absent, invalid or looser one becomes the preset's.
int64_t tighten(const Sourced<int64_t>& v, int64_t knob) {
  if (v.origin == Origin::Manifest && v.value >= 1 && v.value <= knob) return v.value;
  return knob;
}

// Neither direction of a probe timeout is stricter: keep any valid user value.
int64_t keepValid(const Sourced<int64_t>& v, int64_t knob) {
  return v.origin == Origin::Manifest && v.value >= 1 ? v.value : knob;
}

int64_t agicDetectionOf(int64_t period, int64_t timeout, int64_t failure) {
  return agic::detection(period, timeout, std::min(failure, kAgicMaxThreshold));
}

void setProbeField(std::optional<Change<int64_t>>& out, const std::string& who, const char* name,
                   int64_t cur, int64_t want, const char* rule) {
  if (cur == want) return;
  out = change(want, rule, cat(who, ": ", name, " must be ", want, " (was ", cur, ")"));
}

// `copied`: App Gateway copies this probe (AG5), so its timings are the load balancer's too.
void planProbe(const Knobs& k, const EffectiveContainer& c, bool copied, ContainerPlan& cp) {
  const EffectiveProbe& pr = *c.readinessProbe;
  const int64_t period = tighten(pr.periodSeconds, k.readinessPeriodSeconds);
  const int64_t failure = tighten(pr.failureThreshold, k.readinessFailureThreshold);
  int64_t timeout = keepValid(pr.timeoutSeconds, k.readinessTimeoutSeconds);
  if (copied && agicDetectionOf(period, timeout, failure) > agic::kProbeBudget) {
    timeout = k.readinessTimeoutSeconds;
  }
  const bool slow = copied && agicDetectionOf(pr.periodSeconds.value, pr.timeoutSeconds.value,
                                              pr.failureThreshold.value) > agic::kProbeBudget;
  auto rule = [&](int64_t cur) { return cur < 1 ? "K7" : slow ? "AG6" : kPresetRule; };
  const std::string who = containerLabel(c.name);
  const int64_t curP = pr.periodSeconds.value;
  const int64_t curT = pr.timeoutSeconds.value;
  const int64_t curF = pr.failureThreshold.value;
  setProbeField(cp.readinessPeriodSeconds, who, "readinessProbe periodSeconds", curP, period,
                rule(curP));
  // A longer timeout makes detection slower: it is the preset's value, never AG6's demand.
  setProbeField(cp.readinessTimeoutSeconds, who, "readinessProbe timeoutSeconds", curT, timeout,
                timeout > curT && curT >= 1 ? kPresetRule : rule(curT));
  setProbeField(cp.readinessFailureThreshold, who, "readinessProbe failureThreshold", curF, failure,
                rule(curF));
}

// M = max(existing, preset M, and what the load balancer's adapter asks: IP2, IN5, NL9, NL11).
int64_t planMinReady(const Knobs& k, const Effective& e, Plan& p) {
  const int64_t cur = e.minReadySeconds.value;
  const MinReadyNeed need = lbModelOf(k.preset).minReady(k, e);
  const int64_t want = capped(std::max({cur, k.minReadySeconds, need.seconds}), kInt32Max);
  if (want == cur) return cur;
  const char* rule = need.rule && cur < need.seconds ? need.rule : kPresetRule;
  p.minReadySeconds =
      change(want, rule, cat("minReadySeconds must be ", want, " s", need.rule ? need.why : ""));
  return want;
}

// PD: keep a valid user value, else the preset's; at least M + time to Ready + B (K5, K8).
void planDeadline(const Knobs& k, const Effective& e, int64_t m, Plan& p) {
  if (!e.progressDeadlineSeconds) return;
  const Sourced<int64_t>& pd = *e.progressDeadlineSeconds;
  const int64_t k8 = m + timeToReady(k, e) + k.marginSeconds;
  const int64_t base = pd.origin == Origin::Manifest ? pd.value : k.progressDeadlineSeconds;
  const int64_t want = capped(std::max({base, k8, m + 1}), kInt32Max);
  if (want == pd.value) return;
  const char* rule = pd.value <= m ? "K5" : pd.value < k8 ? "K8" : kPresetRule;
  const std::string sum = cat("minReadySeconds ", m, " s + time to Ready ", timeToReady(k, e),
                              " s + margin ", k.marginSeconds, " s");
  p.progressDeadlineSeconds =
      change(want, rule,
             want < k8 ? cat("progressDeadlineSeconds must be ", want, " s, the int32 maximum (",
                             sum, " needs more)")
                       : cat("progressDeadlineSeconds must be ", want, " s >= ", sum));
}

// MU to the preset's unless the user's is stricter; MS kept unless both would be 0 (K6).
// Recreate / OnDelete are reported (Z1) and get no rollingUpdate fields. A StatefulSet has no
// maxSurge; its maxUnavailable is lowered only where the manifest writes one (the cluster then
// honours it), never below 1, which its API refuses.
bool surgeImpossible(const Effective& e) {
  return e.kind == WorkloadKind::DaemonSet && e.hostPortOrNetwork;
}

IntOrPercent planUnavailable(const Knobs& k, const Effective& e, Plan& p) {
  const Sourced<IntOrPercent>& mu = e.maxUnavailable;
  const IntOrPercent floor = unavailableFloor(k, e);
  const bool looser = moreUnavailable(mu.value, floor, e.replicas, e.kind);
  const IntOrPercent muNew = (mu.origin != Origin::Manifest || looser) ? floor : mu.value;
  if (muNew == mu.value) return muNew;
  // A config looser than the default it replaces is the user's choice (warned by the config):
  // the message must not claim it keeps capacity.
  const bool loosening = moreUnavailable(muNew, mu.value, e.replicas, e.kind);
  p.maxUnavailable = change(
      muNew, looser ? "Z4" : kPresetRule,
      cat("maxUnavailable must be ", muNew.str(), " (was ", mu.value.str(), ")",
          loosening ? ", as the config sets it" : " so capacity holds while the LB catches up"));
  return muNew;
}

void planSurge(const Knobs& k, const Effective& e, Plan& p) {
  if (e.strategy.value != StrategyType::RollingUpdate || surgeImpossible(e)) return;
  if (!e.maxSurge) {
    if (e.kind == WorkloadKind::StatefulSet && e.maxUnavailable.origin == Origin::Manifest) {
      planUnavailable(k, e, p);
    }
    return;
  }
  const Sourced<IntOrPercent>& ms = *e.maxSurge;
  const IntOrPercent muNew = planUnavailable(k, e, p);
  IntOrPercent msNew = ms.origin == Origin::Manifest ? ms.value : k.maxSurge;
  if (msNew.isZero() && muNew.isZero()) {
    msNew = k.maxSurge.isZero() ? IntOrPercent{1, false} : k.maxSurge;
  }
  // The API server rejects a DaemonSet with both non-zero: the unavailable pods are the budget.
  const bool daemonBoth = e.kind == WorkloadKind::DaemonSet && !muNew.isZero() && !msNew.isZero();
  if (daemonBoth) msNew = IntOrPercent{0, false};
  if (msNew == ms.value) return;
  const bool k6 = ms.value.isZero() && muNew.isZero();
  const bool z10 = daemonBoth && !ms.value.isZero() && !e.maxUnavailable.value.isZero();
  p.maxSurge = change(
      msNew,
      k6    ? "K6"
      : z10 ? "Z10"
            : kPresetRule,
      daemonBoth ? cat("maxSurge must be 0 (was ", ms.value.str(),
                       "): a DaemonSet with maxUnavailable ", muNew.str(), " cannot also surge")
                 : cat("maxSurge must be ", msNew.str(), " (was ", ms.value.str(),
                       "); maxSurge and maxUnavailable must not both be 0"));
}

}  // namespace

void planTermination(const Knobs& k, const Effective& e, Plan& p) {
  // A hook that is not a plain sleep may run as long as the preset's sleep: size G for that.
  int64_t longest = 0;
  for (const auto& c : e.containers) {
    ContainerPlan cp;
    cp.name = c.name;
    longest =
        std::max(longest, planSleep(k, c, e.nativeSleepAllowed, cp).value_or(preStopTarget(k)));
    p.containers.push_back(std::move(cp));
  }
  if (!e.containers.empty()) planGrace(k, e, longest, p);
}

void planProbes(const Knobs& k, const Effective& e, Plan& p) {
  for (size_t i = 0; i < e.containers.size(); ++i) {
    const EffectiveContainer& c = e.containers[i];
    const bool copied = k.preset == PresetId::Agic && e.agic.source == AgicProbeSource::Readiness &&
                        e.agic.sourceContainer == c.name;
    if (c.readinessProbe) planProbe(k, c, copied, p.containers[i]);
  }
}

void planRollout(const Knobs& k, const Effective& e, Plan& p) {
  const int64_t m = planMinReady(k, e, p);
  planDeadline(k, e, m, p);
  planSurge(k, e, p);
}

}  // namespace zd::timing::detail
