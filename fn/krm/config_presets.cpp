#include "krm/config_presets.h"

#include <algorithm>

#include "adapters/registry.h"
#include "krm/preset_loader.h"

namespace zd::krm {
namespace {

std::string trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "alb-ip, agic" -> {"alb-ip", "agic"}; an empty item stays, to be refused by name.
std::vector<std::string> splitNames(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  for (size_t comma; (comma = text.find(',', pos)) != std::string::npos; pos = comma + 1) {
    out.push_back(trimmed(text.substr(pos, comma - pos)));
  }
  out.push_back(trimmed(text.substr(pos)));
  return out;
}

// Why `id` may not join `soFar`, or "": a preset named twice, or a second one of an adapter.
std::string clash(timing::PresetId id, const std::vector<timing::Knobs>& soFar) {
  for (const timing::Knobs& k : soFar) {
    if (k.preset == id) return std::string("names ") + timing::presetName(id) + " twice";
    const adapters::AdapterInfo& a = adapters::adapterOf(id);
    if (&adapters::adapterOf(k.preset) == &a) {
      return std::string("names ") + timing::presetName(k.preset) + " and " +
             timing::presetName(id) + ", both presets of the " + std::string(a.name) +
             ": name one (a run takes one preset per adapter)";
    }
  }
  return "";
}

}  // namespace

std::string presetsPhrase(const std::vector<timing::PresetId>& ids) {
  std::string out = ids.size() == 1 ? "preset " : "presets ";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += i + 1 == ids.size() ? " and " : ", ";
    out += timing::presetName(ids[i]);
  }
  return out;
}

std::vector<timing::Knobs> loadPresets(const Setting& s, const ConfigSource& src,
                                       std::vector<Result>& errors) {
  std::vector<std::string> names;
  if (s.shape == Setting::Shape::List) {
    names = s.items;
  } else if (s.shape == Setting::Shape::Other) {
    errors.push_back(configError(src, s.where,
                                 "must be a preset name, names separated by commas, or a list "
                                 "of names"));
    return {};
  } else {
    names = splitNames(s.text);
  }
  if (names.empty()) {
    errors.push_back(configError(src, s.where, "must name a preset, one of " + presetNames()));
    return {};
  }
  std::vector<timing::Knobs> out;
  for (const std::string& name : names) {
    std::string err;
    auto knobs = loadPreset(name, err);
    if (knobs) err = clash(knobs->preset, out);
    if (!err.empty()) {
      errors.push_back(configError(src, s.where, err));
      return {};
    }
    out.push_back(*knobs);
  }
  return out;
}

}  // namespace zd::krm
