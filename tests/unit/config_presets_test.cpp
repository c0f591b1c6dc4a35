// `preset` names one preset or several: "alb-ip,agic", with spaces, or a YAML list; at most one
// per adapter, none twice. Config::presets holds them in order, Config::knobs the first.
#include "krm/config_presets.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {
namespace {

using timing::PresetId;

Setting text(const std::string& key, const std::string& value) {
  Setting s;
  s.key = key;
  s.where = "data." + key;
  s.text = value;
  return s;
}

Setting list(const std::string& key, const std::vector<std::string>& items) {
  Setting s;
  s.key = key;
  s.where = "spec." + key;
  s.typed = true;
  s.shape = Setting::Shape::List;
  s.items = items;
  return s;
}

std::vector<PresetId> idsOf(const Config& c) {
  std::vector<PresetId> out;
  for (const timing::Knobs& k : c.presets) out.push_back(k.preset);
  return out;
}

struct Built {
  Config config;
  std::vector<Result> results;
};

Built build(const std::vector<Setting>& settings) {
  Built b;
  b.config = buildConfig(settings, ConfigSource{}, b.results);
  return b;
}

std::string onlyMessage(const Built& b) {
  EXPECT_EQ(b.results.size(), 1u);
  return b.results.empty() ? "" : b.results[0].message;
}

TEST(ConfigPresets, OnePreset) {
  Built b = build({text("preset", "agic")});
  EXPECT_TRUE(b.results.empty());
  EXPECT_EQ(idsOf(b.config), std::vector<PresetId>{PresetId::Agic});
  EXPECT_EQ(b.config.knobs.preset, PresetId::Agic);
  EXPECT_EQ(b.config.knobs.preStopSeconds, 90);
}

TEST(ConfigPresets, SeveralInTheOrderGivenInEveryForm) {
  const std::vector<PresetId> want = {PresetId::Agic, PresetId::AlbIp};
  for (const Setting& s : {text("preset", "agic,alb-ip"), text("preset", " agic , alb-ip "),
                           list("preset", {"agic", "alb-ip"})}) {
    SCOPED_TRACE(s.text);
    Built b = build({s});
    EXPECT_TRUE(b.results.empty()) << onlyMessage(b);
    EXPECT_EQ(idsOf(b.config), want);
    EXPECT_EQ(b.config.knobs.preset, PresetId::Agic);  // the first: what the transform reads
    EXPECT_EQ(b.config.presets[1].preStopSeconds, 30);
    EXPECT_EQ(b.config.presets[1].lbc.targetType, "ip");
  }
}

TEST(ConfigPresets, TwoPresetsOfOneAdapterAreAnError) {
  EXPECT_EQ(onlyMessage(build({text("preset", "alb-ip,alb-instance")})),
            "config `data.preset` names alb-ip and alb-instance, both presets of the AWS Load "
            "Balancer Controller, ALB: name one (a run takes one preset per adapter)");
  EXPECT_TRUE(build({list("preset", {"alb-instance", "agic", "alb-ip"})}).config.presets.empty());
}

TEST(ConfigPresets, APresetNamedTwiceIsAnError) {
  EXPECT_EQ(onlyMessage(build({text("preset", "agic, alb-ip, agic")})),
            "config `data.preset` names agic twice");
}

TEST(ConfigPresets, UnknownOrEmptyNamesAreErrors) {
  EXPECT_EQ(onlyMessage(build({text("preset", "alb-ip,nginx")})),
            "config `data.preset` must be one of alb-ip, alb-instance, agic, nlb-ip, nlb-instance, "
            "agc, gke-neg, not \"nginx\"");
  EXPECT_EQ(onlyMessage(build({text("preset", "alb-ip,")})),
            "config `data.preset` must be one of alb-ip, alb-instance, agic, nlb-ip, nlb-instance, "
            "agc, gke-neg, not \"\"");
  EXPECT_EQ(onlyMessage(build({list("preset", {})})),
            "config `spec.preset` must name a preset, one of alb-ip, alb-instance, agic, nlb-ip, "
            "nlb-instance, agc, gke-neg");
  Setting nested = list("preset", {"alb-ip"});
  nested.shape = Setting::Shape::Other;
  EXPECT_EQ(onlyMessage(build({nested})),
            "config `spec.preset` must be a preset name, names separated by commas, or a list of "
            "names");
}

TEST(ConfigPresets, TheLastPresetSettingWins) {
  Built b = build({text("preset", "alb-ip,agic"), text("preset", "alb-instance")});
  EXPECT_EQ(idsOf(b.config), std::vector<PresetId>{PresetId::AlbInstance});
}

TEST(ConfigPresets, Phrase) {
  EXPECT_EQ(presetsPhrase({PresetId::Agic}), "preset agic");
  EXPECT_EQ(presetsPhrase({PresetId::AlbIp, PresetId::Agic}), "presets alb-ip and agic");
  EXPECT_EQ(presetsPhrase({PresetId::AlbIp, PresetId::AlbInstance, PresetId::Agic}),
            "presets alb-ip, alb-instance and agic");
}

}  // namespace
}  // namespace zd::krm
