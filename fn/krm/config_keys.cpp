#include "krm/config_keys.h"

#include <cctype>

#include "krm/config.h"

namespace zd::krm {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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
  return key;
}

}  // namespace zd::krm
