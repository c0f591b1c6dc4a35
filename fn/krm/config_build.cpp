// buildConfig: presets -> overrides -> cross-field validation, per preset of the run.
#include "krm/config_checks.h"
#include "krm/config_overrides.h"
#include "krm/config_presets.h"
#include "krm/native_sleep.h"
#include "krm/preset_loader.h"

namespace zd::krm {
namespace {

bool errorsSince(const std::vector<Result>& results, size_t from) {
  for (size_t i = from; i < results.size(); ++i) {
    if (results[i].severity == Severity::Error) return true;
  }
  return false;
}

}  // namespace

Config buildConfig(const std::vector<Setting>& settings, const ConfigSource& src,
                   std::vector<Result>& errors) {
  Config config;
  const size_t before = errors.size();
  const Setting* preset = lastWithKey(settings, "preset");
  if (!preset) {
    errors.push_back(configError(src, "preset", "must be set to one of " + presetNames()));
    return config;
  }
  const std::vector<timing::Knobs> bases = loadPresets(*preset, src, errors);
  if (bases.empty()) return config;
  config.presets = bases;
  applySettings(config, settings, src, errors);
  const bool named = bases.size() > 1;
  auto each = [&](auto check) {
    for (size_t i = 0; i < bases.size(); ++i) {
      check(PresetUnderCheck{config.presets[i], bases[i], settings, src, named}, errors);
    }
  };
  if (!errorsSince(errors, before)) {
    resolveNativeSleep(config, settings, src, errors);
    each(checkConflicts);
  }
  if (!errorsSince(errors, before)) each(warnLooserUnavailable);
  config.knobs = config.presets.front();
  return config;
}

}  // namespace zd::krm
