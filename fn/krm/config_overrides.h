// The settings applied to the run's presets. An unqualified knob reaches every preset of the run
// that carries its group (the pod side: all of them); a qualified one, `agic.preStopSeconds`,
// its preset only. A knob no preset of the run carries is ignored with a warning, so that one
// shared config serves apps behind different load balancers; a key that is no knob nor option
// stays an error.
#pragma once

#include <vector>

#include "krm/config.h"

namespace zd::krm {

// Applies every setting but `preset` to config.presets (loaded) and config.options, in order
// (later settings win). Errors and warnings are appended to `results`.
void applySettings(Config& config, const std::vector<Setting>& settings, const ConfigSource& src,
                   std::vector<Result>& results);

// The last setting of `key` that reached preset `id`: `key` itself or `<id>.key`; nullptr if
// none. The cross-field checks name it.
const Setting* lastFor(const std::vector<Setting>& settings, timing::PresetId id,
                       const std::string& key);

}  // namespace zd::krm
