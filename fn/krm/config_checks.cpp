#include "krm/config_checks.h"

#include <algorithm>

#include "adapters/registry.h"
#include "krm/config_overrides.h"
#include "krm/knob_table.h"
#include "timing/model.h"

namespace zd::krm {
namespace {

const Setting* last(const PresetUnderCheck& p, const std::string& key) {
  return lastFor(p.settings, p.knobs.preset, key);
}

// An error about the setting at `where`; with several presets it says which one it is about.
Result error(const PresetUnderCheck& p, const std::string& where, const std::string& message) {
  const std::string which =
      p.named ? std::string("for preset ") + timing::presetName(p.knobs.preset) + " " : "";
  return configError(p.src, where, which + message);
}

// The preStop the knobs force on every serving container (timing::preStopTarget), and the
// setting it comes from: "preStopSeconds 60", "lbPropagationSeconds 55 + marginSeconds 5 = 60".
std::string forcedPreStop(const timing::Knobs& k) {
  const int64_t p = timing::preStopTarget(k);
  if (p == k.preStopSeconds) return "preStopSeconds " + std::to_string(p);
  if (p == k.minPreStopSeconds) return "minPreStopSeconds " + std::to_string(p);
  return "lbPropagationSeconds " + std::to_string(k.lbPropagationSeconds) + " + marginSeconds " +
         std::to_string(k.marginSeconds) + " = " + std::to_string(p);
}

// A pinned grace period must outlast the preStop the config forces, whichever knob forces it,
// plus the shutdown and the margin (K2); with agic it must also exceed the sleep itself (AG2,
// which only bites when shutdown and margin are 0).
void checkPinnedGrace(const PresetUnderCheck& p, const Setting& g, std::vector<Result>& errors) {
  const timing::Knobs& k = p.knobs;
  const int64_t grace = *k.terminationGracePeriodSeconds;
  const int64_t pre = timing::preStopTarget(k);
  const int64_t need = pre + k.shutdownSeconds + k.marginSeconds;
  const std::string is = "is " + std::to_string(grace) + " s, ";
  if (grace < need) {
    errors.push_back(
        error(p, g.where,
              is + "shorter than the preStop the config forces (" + forcedPreStop(k) +
                  ") + shutdownSeconds " + std::to_string(k.shutdownSeconds) + " + marginSeconds " +
                  std::to_string(k.marginSeconds) + " = " + std::to_string(need) +
                  " s (K2): the pod would be killed mid-shutdown; raise it to at least " +
                  std::to_string(need) + " s, or leave it out to have it derived"));
  } else if (k.preset == timing::PresetId::Agic && grace <= pre) {
    errors.push_back(
        error(p, g.where,
              is + "not longer than the preStop the config forces (" + forcedPreStop(k) +
                  ") (AG2): the pod would be killed as its preStop ends; raise it to at least " +
                  std::to_string(pre + 1) + " s, or leave it out to have it derived"));
  }
}

// The target group's: an ALB's health-check timeout must be below its interval (A1), an NLB's
// at most equal (NL1); the target type is ip or instance.
// A string knob holds one of its few words (knob_table.h choicesOf).
void checkChoice(const PresetUnderCheck& p, const char* key, const std::string& value,
                 std::vector<Result>& errors) {
  const std::vector<std::string>& choices = choicesOf(*findKnob(key));
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  std::string words;
  for (size_t i = 0; i < choices.size(); ++i)
    words += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + ("\"" + choices[i] + "\"");
  const Setting* s = last(p, key);
  errors.push_back(error(p, s ? s->where : key, "must be " + words + ", not \"" + value + "\""));
}

void checkTargetGroup(const PresetUnderCheck& p, std::vector<Result>& errors) {
  const timing::LbcKnobs& a = p.knobs.lbc;
  const bool nlb = adapters::adapterOf(p.knobs.preset).id == adapters::AdapterId::AwsLbcNlb;
  const bool bad = nlb ? a.healthCheckTimeoutSeconds > a.healthCheckIntervalSeconds
                       : a.healthCheckTimeoutSeconds >= a.healthCheckIntervalSeconds;
  if (bad) {
    const Setting* s = last(p, "healthCheckTimeoutSeconds");
    if (!s) s = last(p, "healthCheckIntervalSeconds");
    if (s) {
      errors.push_back(
          error(p, s->where,
                "makes healthCheckTimeoutSeconds " + std::to_string(a.healthCheckTimeoutSeconds) +
                    (nlb ? " > " : " >= ") + "healthCheckIntervalSeconds " +
                    std::to_string(a.healthCheckIntervalSeconds) +
                    (nlb ? " (NL1): the ELB API rejects an NLB timeout above the interval"
                         : " (A1): the ALB API rejects a timeout that is not below the interval")));
    }
  }
  checkChoice(p, "targetType", a.targetType, errors);
  checkChoice(p, "targetGroupConfigurationApiVersion", a.targetGroupConfigurationApiVersion,
              errors);
}

}  // namespace

void checkConflicts(const PresetUnderCheck& p, std::vector<Result>& errors) {
  const timing::Knobs& k = p.knobs;
  if (const Setting* g = last(p, "terminationGracePeriodSeconds")) checkPinnedGrace(p, *g, errors);
  if (adapters::presetHasGroup(k.preset, timing::KnobGroup::TargetGroup))
    checkTargetGroup(p, errors);
  if (k.maxSurge.isZero() && k.maxUnavailable.isZero()) {
    const Setting* s = last(p, "maxSurge");
    if (!s) s = last(p, "maxUnavailable");
    if (s) errors.push_back(error(p, s->where, "leaves maxSurge and maxUnavailable both 0 (K6)"));
  }
}

// A maxUnavailable looser than the preset's is the user's right, but every rollout then drops
// capacity while the load balancer catches up: say so once, not per workload.
void warnLooserUnavailable(const PresetUnderCheck& p, std::vector<Result>& results) {
  const Setting* s = last(p, "maxUnavailable");
  const timing::IntOrPercent& want = p.knobs.maxUnavailable;
  const timing::IntOrPercent& base = p.base.maxUnavailable;
  if (!s || !timing::moreUnavailable(want, base, std::nullopt)) return;
  results.push_back(
      configWarning(p.src, s->where,
                    "is " + want.str() + ", looser than preset " +
                        timing::presetName(p.base.preset) + "'s " + base.str() +
                        " (Z4): every rollout takes that many pods out of the load balancer "
                        "before their replacements are registered and healthy"));
}

}  // namespace zd::krm
