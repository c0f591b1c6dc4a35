// The cross-field checks of a config, run for each preset of the run once every single value is
// valid: overrides that contradict each other cannot be made consistent by raising anything,
// because the user pinned both.
#pragma once

#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {

// One preset of the run, as the checks see it.
struct PresetUnderCheck {
  const timing::Knobs& knobs;  // with the overrides that reached it
  const timing::Knobs& base;   // as its preset file has it
  const std::vector<Setting>& settings;
  const ConfigSource& src;
  bool named = false;  // several presets in the run: the messages name this one
};

// K2 and AG2 for a pinned grace period, A1, targetType, K6: error results.
void checkConflicts(const PresetUnderCheck& p, std::vector<Result>& errors);

// Z4: a maxUnavailable looser than the preset's, as one warning.
void warnLooserUnavailable(const PresetUnderCheck& p, std::vector<Result>& results);

}  // namespace zd::krm
