// Turns an embedded presets/NAME.yaml into Knobs, through the same value decoding the config
// uses, so a preset file is just a typed config of its own keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timing/knobs.h"

namespace zd::krm {

// Knobs of a preset, or nullopt with `error` set (an unknown name, or a preset file that does
// not decode: a build defect the tests catch).
std::optional<timing::Knobs> loadPreset(const std::string& name, std::string& error);

// A built-in preset's knobs, loaded once; a broken built-in file throws std::logic_error (a
// build defect the tests catch). For the texts generated from the presets: docs and schemas.
const timing::Knobs& builtInPreset(timing::PresetId id);

// The same from a preset file's text, as if it were presets/<name of id>.yaml: the embedded file
// goes through here, and so do the tests' broken ones.
std::optional<timing::Knobs> loadPresetText(timing::PresetId id, std::string_view yaml,
                                            std::string& error);

// The keys a file of `id` must hold: every knob of the groups the preset carries
// (adapters::presetHasGroup) but the optional ones, which a preset leaves out to mean "unset".
std::vector<std::string> requiredPresetKeys(timing::PresetId id);

// "alb-ip, alb-instance, agic"
std::string presetNames();

}  // namespace zd::krm
