#include "timing/knobs.h"

namespace zd::timing {

// The names double as presets/<name>.yaml file names and as the `preset` config value.
const char* presetName(PresetId id) {
  switch (id) {
    case PresetId::AlbIp:
      return "alb-ip";
    case PresetId::AlbInstance:
      return "alb-instance";
    case PresetId::Agic:
      return "agic";
    case PresetId::NlbIp:
      return "nlb-ip";
    case PresetId::NlbInstance:
      return "nlb-instance";
    case PresetId::Agc:
      return "agc";
    case PresetId::GkeNeg:
      return "gke-neg";
  }
  return "alb-ip";  // unreachable: silences -Wreturn-type for out-of-range casts
}

std::optional<PresetId> presetFromName(const std::string& name) {
  for (PresetId id : {PresetId::AlbIp, PresetId::AlbInstance, PresetId::Agic, PresetId::NlbIp,
                      PresetId::NlbInstance, PresetId::Agc, PresetId::GkeNeg}) {
    if (name == presetName(id)) return id;
  }
  return std::nullopt;
}

}  // namespace zd::timing
