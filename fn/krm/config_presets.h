// The `preset` setting: one preset, or several for a run whose input has workloads behind more
// than one load balancer ("alb-ip,agic", or a YAML list in a ZeroDowntimePolicy).
#pragma once

#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {

// The presets `s` names, in its order, each loaded from its file; empty with error results
// appended when a name is unknown, named twice, or a second preset of one adapter.
std::vector<timing::Knobs> loadPresets(const Setting& s, const ConfigSource& src,
                                       std::vector<Result>& errors);

// "preset agic", "presets alb-ip and agic", "presets a, b and c": how messages name them.
std::string presetsPhrase(const std::vector<timing::PresetId>& ids);

}  // namespace zd::krm
