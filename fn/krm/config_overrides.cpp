#include "krm/config_overrides.h"

#include <algorithm>

#include "adapters/registry.h"
#include "krm/config_apply.h"
#include "krm/config_keys.h"
#include "krm/config_options.h"
#include "krm/config_presets.h"

namespace zd::krm {
namespace {

std::string unknownKey() {
  std::string options;
  for (const OptionField& o : optionFields())
    options += (options.empty() ? "" : ", ") + std::string(o.name);
  return "is not a known setting; known settings: " + options +
         " and the preset numbers listed in the README";
}

std::vector<timing::PresetId> idsOf(const std::vector<timing::Knobs>& run) {
  std::vector<timing::PresetId> ids;
  for (const timing::Knobs& k : run) ids.push_back(k.preset);
  return ids;
}

// The indices in `run` a knob setting reaches, or the result that says why it reaches none.
struct Reach {
  std::vector<size_t> presets;
  std::optional<Result> instead;
};

Reach reachQualified(const KnobKey& key, const Setting& s, const std::vector<timing::Knobs>& run,
                     const ConfigSource& src) {
  const timing::PresetId id = *key.qualifier;
  for (size_t i = 0; i < run.size(); ++i) {
    if (run[i].preset != id) continue;
    if (adapters::presetHasGroup(id, key.knob->group)) return Reach{{i}, std::nullopt};
    return Reach{
        {},
        configWarning(src, s.where, "is not a setting of " + presetsPhrase({id}) + "; ignored")};
  }
  const std::string name = timing::presetName(id);
  return Reach{{},
               configWarning(src, s.where,
                             "is for preset " + name + " only, and preset " + name +
                                 " is not in this run; ignored")};
}

Reach reachUnqualified(const KnobKey& key, const Setting& s, const std::vector<timing::Knobs>& run,
                       const ConfigSource& src) {
  Reach r;
  std::vector<timing::PresetId> carriers;
  for (size_t i = 0; i < run.size(); ++i) {
    if (!adapters::presetHasGroup(run[i].preset, key.knob->group)) continue;
    r.presets.push_back(i);
    carriers.push_back(run[i].preset);
  }
  if (carriers.empty()) {
    r.instead = configWarning(src, s.where,
                              "is not a setting of " + presetsPhrase(idsOf(run)) + "; ignored");
  } else if (key.knob->group != timing::KnobGroup::Pod && carriers.size() > 1) {
    // Two adapters' front doors: one value for both would rarely be meant.
    r.presets.clear();
    r.instead =
        configError(src, s.where,
                    "is a setting of " + presetsPhrase(carriers) + ": name the preset, as `" +
                        qualifiedSpelling(s.where, carriers[0], *key.knob) + "`");
  }
  return r;
}

void applyKnobSetting(Config& c, const KnobKey& key, const Setting& s, const ConfigSource& src,
                      std::vector<Result>& results) {
  timing::Knobs scratch;  // the value is checked even where it is ignored
  std::string err = applyKnob(scratch, *key.knob, s);
  if (!err.empty()) {
    results.push_back(configError(src, s.where, err));
    return;
  }
  Reach reach = key.qualifier ? reachQualified(key, s, c.presets, src)
                              : reachUnqualified(key, s, c.presets, src);
  if (reach.instead) results.push_back(*reach.instead);
  for (size_t i : reach.presets) applyKnob(c.presets[i], *key.knob, s);
}

}  // namespace

// Unqualified keys first, then qualified ones: a key named for one preset is the more specific,
// so it wins for that preset wherever it stands (flags arrive sorted by name, and a policy's key
// order is not something a reader should have to watch). Within each kind, later ones win.
void applySettings(Config& c, const std::vector<Setting>& settings, const ConfigSource& src,
                   std::vector<Result>& results) {
  for (bool qualifiedPass : {false, true}) {
    for (const Setting& s : settings) {
      if (s.key == "preset") continue;
      KnobKey key = parseKnobKey(s.key);
      const bool qualified = key.knob && key.qualifier;
      if (qualified != qualifiedPass) continue;
      std::string err;
      if (findOption(s.key)) {
        err = applyOption(c.options, s);
      } else if (key.knob) {
        applyKnobSetting(c, key, s, src, results);
      } else {
        err = unknownKey();
      }
      if (!err.empty()) results.push_back(configError(src, s.where, err));
    }
  }
}

const Setting* lastFor(const std::vector<Setting>& settings, timing::PresetId id,
                       const std::string& key) {
  const std::string qualified = std::string(timing::presetName(id)) + "." + key;
  const Setting* plain = nullptr;
  const Setting* named = nullptr;  // wins, as in applySettings
  for (const Setting& s : settings) {
    if (s.key == key) plain = &s;
    if (s.key == qualified) named = &s;
  }
  return named ? named : plain;
}

}  // namespace zd::krm
