// buildConfig: preset -> overrides -> cross-field validation.
#include "krm/config.h"
#include "krm/config_apply.h"
#include "krm/config_options.h"
#include "krm/knob_table.h"
#include "krm/native_sleep.h"
#include "krm/preset_loader.h"
#include "timing/model.h"

namespace zd::krm {
namespace {

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
void checkPinnedGrace(const timing::Knobs& k, const Setting& g, const ConfigSource& src,
                      std::vector<Result>& errors) {
  const int64_t grace = *k.terminationGracePeriodSeconds;
  const int64_t p = timing::preStopTarget(k);
  const int64_t need = p + k.shutdownSeconds + k.marginSeconds;
  const std::string is = "is " + std::to_string(grace) + " s, ";
  if (grace < need) {
    errors.push_back(configError(
        src, g.where,
        is + "shorter than the preStop the config forces (" + forcedPreStop(k) +
            ") + shutdownSeconds " + std::to_string(k.shutdownSeconds) + " + marginSeconds " +
            std::to_string(k.marginSeconds) + " = " + std::to_string(need) +
            " s (K2): the pod would be killed mid-shutdown; raise it to at least " +
            std::to_string(need) + " s, or leave it out to have it derived"));
  } else if (k.preset == timing::PresetId::Agic && grace <= p) {
    errors.push_back(configError(
        src, g.where,
        is + "not longer than the preStop the config forces (" + forcedPreStop(k) +
            ") (AG2): the pod would be killed as its preStop ends; raise it to at least " +
            std::to_string(p + 1) + " s, or leave it out to have it derived"));
  }
}

// Overrides that contradict each other cannot be made consistent by raising
// anything, because both were pinned by the user.
void checkConflicts(const Config& c, const std::vector<Setting>& settings, const ConfigSource& src,
                    std::vector<Result>& errors) {
  const timing::Knobs& k = c.knobs;
  if (const Setting* g = lastWithKey(settings, "terminationGracePeriodSeconds")) {
    checkPinnedGrace(k, *g, src, errors);
  }
  bool alb = k.preset != timing::PresetId::Agic;
  if (alb && k.alb.healthCheckTimeoutSeconds >= k.alb.healthCheckIntervalSeconds) {
    const Setting* s = lastWithKey(settings, "healthCheckTimeoutSeconds");
    if (!s) s = lastWithKey(settings, "healthCheckIntervalSeconds");
    if (s) {
      errors.push_back(configError(
          src, s->where,
          "makes healthCheckTimeoutSeconds " + std::to_string(k.alb.healthCheckTimeoutSeconds) +
              " >= healthCheckIntervalSeconds " + std::to_string(k.alb.healthCheckIntervalSeconds) +
              " (A1): the ALB API rejects a timeout that is not below the interval"));
    }
  }
  if (alb && k.alb.targetType != "ip" && k.alb.targetType != "instance") {
    const Setting* s = lastWithKey(settings, "targetType");
    errors.push_back(
        configError(src, s ? s->where : "targetType",
                    "must be \"ip\" or \"instance\", not \"" + k.alb.targetType + "\""));
  }
  if (k.maxSurge.isZero() && k.maxUnavailable.isZero()) {
    const Setting* s = lastWithKey(settings, "maxSurge");
    if (!s) s = lastWithKey(settings, "maxUnavailable");
    if (s)
      errors.push_back(
          configError(src, s->where, "leaves maxSurge and maxUnavailable both 0 (K6)"));
  }
}

// A maxUnavailable looser than the preset's is the user's right, but every rollout then drops
// capacity while the load balancer catches up: say so once, not per workload.
void warnLooserUnavailable(const timing::Knobs& preset, const Config& c,
                           const std::vector<Setting>& settings, const ConfigSource& src,
                           std::vector<Result>& results) {
  const Setting* s = lastWithKey(settings, "maxUnavailable");
  const timing::IntOrPercent& want = c.knobs.maxUnavailable;
  const timing::IntOrPercent& base = preset.maxUnavailable;
  if (!s || !timing::moreUnavailable(want, base, std::nullopt)) return;
  results.push_back(
      configWarning(src, s->where,
                    "is " + want.str() + ", looser than preset " +
                        timing::presetName(preset.preset) + "'s " + base.str() +
                        " (Z4): every rollout takes that many pods out of the load balancer "
                        "before their replacements are registered and healthy"));
}

}  // namespace

Config buildConfig(const std::vector<Setting>& settings, const ConfigSource& src,
                   std::vector<Result>& errors) {
  Config config;
  size_t before = errors.size();
  const Setting* preset = lastWithKey(settings, "preset");
  if (!preset) {
    errors.push_back(configError(src, "preset", "must be set to one of " + presetNames()));
    return config;
  }
  std::string err;
  auto knobs = preset->shape == Setting::Shape::Scalar || preset->shape == Setting::Shape::String
                   ? loadPreset(preset->text, err)
                   : std::nullopt;
  if (!knobs) {
    errors.push_back(configError(src, preset->where, err.empty() ? "must be a string" : err));
    return config;
  }
  config.knobs = *knobs;
  for (const Setting& s : settings) {
    if (s.key == "preset") continue;
    const KnobField* f = findKnob(s.key);
    std::string e = f ? applyKnob(config.knobs, *f, s) : applyOption(config.options, s);
    if (!e.empty()) {
      if (e == "is not a known setting") {
        e += "; known settings: preset, check, nativeSleep, kubernetesVersion, readinessProbePath, "
             "defaultIngressClass, partialInput and the preset numbers listed in the README";
      }
      errors.push_back(configError(src, s.where, e));
    }
  }
  if (errors.size() == before) {
    resolveNativeSleep(config, settings, src, errors);
    checkConflicts(config, settings, src, errors);
  }
  if (errors.size() == before) warnLooserUnavailable(*knobs, config, settings, src, errors);
  return config;
}

}  // namespace zd::krm
