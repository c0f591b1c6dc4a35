// Turns an embedded presets/NAME.yaml into Knobs, through the same setting
// decoder the config uses, so a preset file is just a typed config.
#pragma once

#include <optional>
#include <string>

#include "krm/config.h"

namespace zd::krm {

// Knobs of a preset, or nullopt with `error` set (an unknown name, or a
// preset file that does not decode: a build defect the tests catch).
std::optional<timing::Knobs> loadPreset(const std::string& name, std::string& error);

// Applies one setting to `config`; returns an error message ("must be ...") or "".
std::string applySetting(Config& config, const Setting& s);

// "alb-ip, alb-instance, agic"
std::string presetNames();

}  // namespace zd::krm
