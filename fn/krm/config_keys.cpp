#include "krm/config_keys.h"

#include <cctype>

#include "adapters/registry.h"
#include "krm/config.h"
#include "krm/knob_table.h"

namespace zd::krm {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Argo CD hands a plugin's map parameters over as environment names: upper case, and every
// character but letters, digits and `_` made `_`. `agic.drainingTimeoutSeconds` arrives as
// AGIC_DRAININGTIMEOUTSECONDS, `alb-ip.preStopSeconds` as ALB_IP_PRESTOPSECONDS: read back as the
// qualified key they were, or left as they are when they name no preset's knob.
std::string argoCdQualified(const std::string& key) {
  for (timing::PresetId id : adapters::allPresets()) {
    std::string escaped = std::string(timing::presetName(id)) + "_";
    for (char& c : escaped) c = c == '-' ? '_' : c;
    if (lower(key).rfind(escaped, 0) != 0) continue;
    const std::string rest = lower(key.substr(escaped.size()));
    for (const KnobField& f : knobFields()) {
      if (lower(f.name) == rest) return std::string(timing::presetName(id)) + "." + f.name;
    }
  }
  return key;
}

}  // namespace

KnobKey parseKnobKey(const std::string& key) {
  const size_t dot = key.find('.');
  if (dot == std::string::npos) return KnobKey{findKnob(key), std::nullopt};
  auto preset = timing::presetFromName(key.substr(0, dot));
  const KnobField* knob = preset ? findKnob(key.substr(dot + 1)) : nullptr;
  if (!knob) return KnobKey{};
  return KnobKey{knob, preset};
}

std::string qualifiedSpelling(const std::string& where, timing::PresetId preset,
                              const KnobField& knob) {
  const std::string name = timing::presetName(preset);
  const bool flag = where.rfind("--", 0) == 0 && where.rfind("--set ", 0) != 0;
  return flag ? "--" + name + "." + kebab(knob.name) : name + "." + knob.name;
}

std::string canonicalKey(const std::string& key) {
  const size_t dot = key.find('.');
  if (dot != std::string::npos) {
    const std::string preset = lower(key.substr(0, dot));
    const std::string rest = canonicalKey(key.substr(dot + 1));
    if (timing::presetFromName(preset) && findKnob(rest)) return preset + "." + rest;
    return key;
  }
  for (const std::string& k : configKeys()) {
    if (lower(k) == lower(key)) return k;
  }
  return argoCdQualified(key);
}

}  // namespace zd::krm
