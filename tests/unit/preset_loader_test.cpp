// A preset file holds exactly the keys of the groups its preset carries: the built-in ones do, and
// a file that lacks one, or holds another adapter's key, is refused as broken.
#include "krm/preset_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "adapters/registry.h"
#include "krm/knob_table.h"
#include "timing/preset_sources.h"

namespace zd::krm {
namespace {

using timing::PresetId;

std::string embedded(PresetId id) {
  for (const auto& src : timing::presetSources()) {
    if (std::string(src.name) == timing::presetName(id)) return src.yaml;
  }
  ADD_FAILURE() << "no embedded preset " << timing::presetName(id);
  return "";
}

// `text` without the line that starts with `prefix`.
std::string withoutLine(const std::string& text, const std::string& prefix) {
  const size_t at = text.find("\n" + prefix);
  EXPECT_NE(at, std::string::npos) << prefix;
  return text.substr(0, at + 1) + text.substr(text.find('\n', at + 1) + 1);
}

std::string loadError(PresetId id, const std::string& text) {
  std::string error;
  EXPECT_FALSE(loadPresetText(id, text, error).has_value());
  return error;
}

TEST(PresetLoader, EveryBuiltInPresetLoads) {
  for (PresetId id : adapters::allPresets()) {
    std::string error;
    auto knobs = loadPreset(timing::presetName(id), error);
    ASSERT_TRUE(knobs) << error;
    EXPECT_EQ(knobs->preset, id);
  }
}

// The files' keys, exactly: what requiredPresetKeys says, and no optional knob (absent means
// unset, which every preset wants today).
TEST(PresetLoader, EveryBuiltInFileHoldsExactlyItsGroupsKeys) {
  for (PresetId id : adapters::allPresets()) {
    const std::string text = embedded(id);
    std::vector<std::string> keys;
    size_t pos = 0;
    for (size_t nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1) {
      const std::string line = text.substr(pos, nl - pos);
      if (line.empty() || line[0] == '#' || line[0] == ' ') continue;
      keys.push_back(line.substr(0, line.find(':')));
    }
    EXPECT_EQ(keys, requiredPresetKeys(id)) << timing::presetName(id);
  }
}

TEST(PresetLoader, RequiredKeysAreTheGroupsOfThePreset) {
  const auto agic = requiredPresetKeys(PresetId::Agic);
  auto has = [](const std::vector<std::string>& keys, const char* k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
  };
  EXPECT_TRUE(has(agic, "preStopSeconds"));
  EXPECT_TRUE(has(agic, "drainingTimeoutSeconds"));
  EXPECT_TRUE(has(agic, "ingressClassNames"));
  EXPECT_FALSE(has(agic, "targetType"));
  EXPECT_FALSE(has(agic, "terminationGracePeriodSeconds"));  // optional
  const auto alb = requiredPresetKeys(PresetId::AlbInstance);
  EXPECT_TRUE(has(alb, "healthCheckIntervalSeconds"));
  EXPECT_FALSE(has(alb, "keepAliveSeconds"));  // optional
  EXPECT_FALSE(has(alb, "requestTimeoutSeconds"));
}

TEST(PresetLoader, AMissingKeyIsABrokenFile) {
  EXPECT_EQ(loadError(PresetId::Agic, withoutLine(embedded(PresetId::Agic), "requestTimeout")),
            "preset file presets/agic.yaml is broken: `requestTimeoutSeconds` is missing");
  EXPECT_EQ(loadError(PresetId::AlbIp, withoutLine(embedded(PresetId::AlbIp), "preStopSeconds")),
            "preset file presets/alb-ip.yaml is broken: `preStopSeconds` is missing");
}

TEST(PresetLoader, AnotherAdaptersKeyIsABrokenFile) {
  EXPECT_EQ(loadError(PresetId::Agic, embedded(PresetId::Agic) + "targetType: ip\n"),
            "preset file presets/agic.yaml is broken: `targetType` is not a setting of preset "
            "agic");
  EXPECT_EQ(loadError(PresetId::AlbInstance,
                      embedded(PresetId::AlbInstance) + "drainingTimeoutSeconds: 30\n"),
            "preset file presets/alb-instance.yaml is broken: `drainingTimeoutSeconds` is not a "
            "setting of preset alb-instance");
}

TEST(PresetLoader, AnUnknownKeyOrBadValueIsABrokenFile) {
  EXPECT_EQ(loadError(PresetId::AlbIp, embedded(PresetId::AlbIp) + "preStopSecs: 30\n"),
            "preset file presets/alb-ip.yaml is broken: `preStopSecs` is not a knob");
  EXPECT_EQ(loadError(PresetId::AlbIp, "preStopSeconds: \"30\"\n"),
            "preset file presets/alb-ip.yaml is broken: `preStopSeconds` must be an integer "
            "number, not the string \"30\"");
  EXPECT_EQ(
      loadError(PresetId::AlbIp, "a: [").rfind("preset file presets/alb-ip.yaml is broken: ", 0),
      0u);
}

TEST(PresetLoader, AnOptionalKnobMayBeSet) {
  std::string error;
  auto knobs = loadPresetText(
      PresetId::AlbIp, embedded(PresetId::AlbIp) + "terminationGracePeriodSeconds: 90\n", error);
  ASSERT_TRUE(knobs) << error;
  EXPECT_EQ(knobs->terminationGracePeriodSeconds, 90);
}

TEST(PresetLoader, TheGroupsAPresetLacksKeepTheirZeroValues) {
  std::string error;
  auto agic = loadPreset("agic", error);
  ASSERT_TRUE(agic) << error;
  EXPECT_EQ(agic->lbc.targetType, "");
  EXPECT_EQ(agic->lbc.deregistrationDelaySeconds, 0);
  auto alb = loadPreset("alb-ip", error);
  ASSERT_TRUE(alb) << error;
  EXPECT_FALSE(alb->agic.connectionDraining);
  EXPECT_EQ(alb->agic.requestTimeoutSeconds, 0);
}

TEST(PresetLoader, UnknownName) {
  std::string error;
  EXPECT_FALSE(loadPreset("nginx", error));
  EXPECT_EQ(error,
            "must be one of alb-ip, alb-instance, agic, nlb-ip, nlb-instance, agc, gke-neg, not "
            "\"nginx\"");
}

}  // namespace
}  // namespace zd::krm
