// buildConfig: preset -> overrides -> cross-field validation.
#include "krm/config.h"
#include "krm/preset_loader.h"

namespace zd::krm {
namespace {

const Setting* lastWithKey(const std::vector<Setting>& settings, const std::string& key) {
  const Setting* found = nullptr;
  for (const Setting& s : settings) {
    if (s.key == key) found = &s;
  }
  return found;
}

// Overrides that contradict each other cannot be made consistent by raising
// anything, because both were pinned by the user.
void checkConflicts(const Config& c, const std::vector<Setting>& settings, const ConfigSource& src,
                    std::vector<Result>& errors) {
  const timing::Knobs& k = c.knobs;
  if (const Setting* g = lastWithKey(settings, "terminationGracePeriodSeconds")) {
    int64_t need = k.preStopSeconds + k.shutdownSeconds + k.marginSeconds;
    if (*k.terminationGracePeriodSeconds < need) {
      errors.push_back(configError(src, g->where,
                             "is " + std::to_string(*k.terminationGracePeriodSeconds) +
                                 " s, shorter than preStopSeconds " + std::to_string(k.preStopSeconds) +
                                 " + shutdownSeconds " + std::to_string(k.shutdownSeconds) +
                                 " + marginSeconds " + std::to_string(k.marginSeconds) + " = " +
                                 std::to_string(need) + " s (K2): the pod would be killed mid-shutdown"));
    }
  }
  bool alb = k.preset != timing::PresetId::Agic;
  if (alb && k.healthCheckTimeoutSeconds >= k.healthCheckIntervalSeconds) {
    const Setting* s = lastWithKey(settings, "healthCheckTimeoutSeconds");
    if (!s) s = lastWithKey(settings, "healthCheckIntervalSeconds");
    if (s) {
      errors.push_back(configError(src, s->where,
                             "makes healthCheckTimeoutSeconds " + std::to_string(k.healthCheckTimeoutSeconds) +
                                 " >= healthCheckIntervalSeconds " +
                                 std::to_string(k.healthCheckIntervalSeconds) +
                                 " (A1): the ALB API rejects a timeout that is not below the interval"));
    }
  }
  if (alb && k.targetType != "ip" && k.targetType != "instance") {
    const Setting* s = lastWithKey(settings, "targetType");
    errors.push_back(configError(src, s ? s->where : "targetType",
                           "must be \"ip\" or \"instance\", not \"" + k.targetType + "\""));
  }
  if (k.maxSurge.isZero() && k.maxUnavailable.isZero()) {
    const Setting* s = lastWithKey(settings, "maxSurge");
    if (!s) s = lastWithKey(settings, "maxUnavailable");
    if (s) errors.push_back(configError(src, s->where, "leaves maxSurge and maxUnavailable both 0 (K6)"));
  }
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
    std::string e = applySetting(config, s);
    if (!e.empty()) {
      if (e == "is not a known setting") {
        e += "; known settings: preset, check, nativeSleep, kubernetesVersion, readinessProbePath, "
             "defaultIngressClass, partialInput and the preset numbers listed in the README";
      }
      errors.push_back(configError(src, s.where, e));
    }
  }
  if (errors.size() == before) checkConflicts(config, settings, src, errors);
  return config;
}

}  // namespace zd::krm
