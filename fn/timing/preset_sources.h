// The text of presets/*.yaml, embedded at build time (cmake/embed_presets.cmake).
#pragma once

#include <string>
#include <vector>

namespace zd::timing {

struct PresetSource {
  const char* name;  // file name without .yaml: "alb-ip", "alb-instance", "agic"
  const char* yaml;  // the file's text, comments included
};

const std::vector<PresetSource>& presetSources();

}  // namespace zd::timing
