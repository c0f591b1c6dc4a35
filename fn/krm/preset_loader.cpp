#include "krm/preset_loader.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "adapters/registry.h"
#include "krm/config_apply.h"
#include "krm/knob_table.h"
#include "timing/preset_sources.h"
#include "yaml/parse.h"

namespace zd::krm {
namespace {

Setting presetSetting(const yaml::Tree& tree, const std::string& key, yaml::NodeId v) {
  Setting s;
  s.key = key;
  s.typed = true;
  if (tree.isSeq(v)) {
    s.shape = Setting::Shape::List;
    for (uint32_t j = 0; j < tree.size(v); ++j) s.items.emplace_back(tree.str(tree.kid(v, j)));
  } else {
    s.text = std::string(tree.str(v));
    s.shape = tree.isString(v) ? Setting::Shape::String : Setting::Shape::Scalar;
  }
  return s;
}

// Why `key` may not be in a file of preset `id`, or "".
std::string foreignKey(timing::PresetId id, const std::string& key) {
  const KnobField* f = findKnob(key);
  if (!f) return "`" + key + "` is not a knob";
  if (!adapters::presetHasGroup(id, f->group)) {
    return "`" + key + "` is not a setting of preset " + timing::presetName(id);
  }
  return "";
}

}  // namespace

std::string presetNames() {
  std::string out;
  for (timing::PresetId id : adapters::allPresets()) {
    out += (out.empty() ? "" : ", ") + std::string(timing::presetName(id));
  }
  return out;
}

std::vector<std::string> requiredPresetKeys(timing::PresetId id) {
  std::vector<std::string> keys;
  for (const KnobField& f : knobFields()) {
    if (adapters::presetHasGroup(id, f.group) && !isOptional(f)) keys.emplace_back(f.name);
  }
  return keys;
}

std::optional<timing::Knobs> loadPresetText(timing::PresetId id, std::string_view text,
                                            std::string& error) {
  const std::string broken =
      std::string("preset file presets/") + timing::presetName(id) + ".yaml is broken: ";
  yaml::Tree tree;
  if (auto bad = yaml::parseStream(text, yaml::Limits{}, tree)) {
    error = broken + bad->describe();
    return std::nullopt;
  }
  timing::Knobs knobs;
  knobs.preset = id;
  std::vector<std::string> seen;
  yaml::NodeId root = tree.docs().empty() ? yaml::kNone : tree.docs()[0];
  for (uint32_t i = 0; tree.isMap(root) && i < tree.mapSize(root); ++i) {
    std::string key(tree.str(tree.keyAt(root, i)));
    std::string err = foreignKey(id, key);
    if (err.empty()) {
      err = applyKnob(knobs, *findKnob(key), presetSetting(tree, key, tree.valueAt(root, i)));
      if (!err.empty()) err = "`" + key + "` " + err;
    }
    if (!err.empty()) {
      error = broken + err;
      return std::nullopt;
    }
    seen.push_back(key);
  }
  for (const std::string& key : requiredPresetKeys(id)) {
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
      error = broken + "`" + key + "` is missing";
      return std::nullopt;
    }
  }
  return knobs;
}

const timing::Knobs& builtInPreset(timing::PresetId id) {
  static std::map<timing::PresetId, timing::Knobs> loaded;
  auto it = loaded.find(id);
  if (it != loaded.end()) return it->second;
  std::string error;
  auto knobs = loadPreset(timing::presetName(id), error);
  if (!knobs) throw std::logic_error(error);
  return loaded.emplace(id, *knobs).first->second;
}

std::optional<timing::Knobs> loadPreset(const std::string& name, std::string& error) {
  auto id = timing::presetFromName(name);
  if (!id) {
    error = "must be one of " + presetNames() + ", not " + quoted(name);
    return std::nullopt;
  }
  for (const auto& src : timing::presetSources()) {
    if (name == src.name) return loadPresetText(*id, src.yaml, error);
  }
  error = "preset " + quoted(name) + " is not built into this binary";
  return std::nullopt;
}

}  // namespace zd::krm
