// Which presets of a run a setting reaches: an unqualified knob every preset that carries its
// group, `<preset>.<knob>` that preset only; a knob the run's presets do not carry is ignored
// with a warning, a key that is nobody's stays an error; the cross-field checks run per preset.
#include "krm/config_overrides.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "krm/config_keys.h"

namespace zd::krm {
namespace {

using timing::PresetId;

// A setting as a ConfigMap (`data.`), a ZeroDowntimePolicy (`spec.`, typed) or a flag sends it.
Setting data(const std::string& key, const std::string& value) {
  Setting s;
  s.key = key;
  s.where = "data." + key;
  s.text = value;
  return s;
}

Setting spec(const std::string& key, const std::string& value) {
  Setting s = data(key, value);
  s.where = "spec." + key;
  s.typed = true;
  return s;
}

Setting flag(const std::string& key, const std::string& value) {
  Setting s = data(key, value);
  s.where = "--" + kebab(key);
  return s;
}

struct Built {
  Config config;
  std::vector<Result> results;
  const timing::Knobs& preset(PresetId id) const {
    for (const timing::Knobs& k : config.presets) {
      if (k.preset == id) return k;
    }
    throw std::runtime_error(std::string("not in the run: ") + timing::presetName(id));
  }
  std::string messages() const {
    std::string out;
    for (const Result& r : results)
      out += std::string(severityName(r.severity)) + ": " + r.message + "\n";
    return out;
  }
};

Built build(const std::vector<Setting>& settings) {
  Built b;
  b.config = buildConfig(settings, ConfigSource{}, b.results);
  return b;
}

TEST(ConfigOverrides, AKnobOfAnotherPresetIsAWarningAndNotApplied) {
  for (const Setting& s :
       {spec("healthCheckIntervalSeconds", "30"), data("healthCheckIntervalSeconds", "30"),
        flag("healthCheckIntervalSeconds", "30")}) {
    Built b = build({data("preset", "agic"), s});
    ASSERT_EQ(b.results.size(), 1u) << b.messages();
    EXPECT_EQ(b.results[0].severity, Severity::Warning);
    EXPECT_EQ(b.results[0].message,
              "config `" + s.where + "` is not a setting of preset agic; ignored");
    EXPECT_EQ(b.config.knobs.lbc.healthCheckIntervalSeconds, 0);
  }
}

TEST(ConfigOverrides, AnAgicKnobWithAnAlbPresetToo) {
  Built b = build({data("preset", "alb-instance"), data("drainingTimeoutSeconds", "45")});
  EXPECT_EQ(b.messages(),
            "warning: config `data.drainingTimeoutSeconds` is not a setting of preset "
            "alb-instance; ignored\n");
  EXPECT_EQ(b.config.knobs.agic.drainingTimeoutSeconds, 0);
}

TEST(ConfigOverrides, AnIgnoredKnobsValueIsStillChecked) {
  Built b = build({data("preset", "agic"), data("healthCheckIntervalSeconds", "30s")});
  EXPECT_EQ(b.messages(),
            "error: config `data.healthCheckIntervalSeconds` must be a whole number from 0 to "
            "1000000, not \"30s\"\n");
}

TEST(ConfigOverrides, AKeyThatIsNobodysStaysAnError) {
  for (const char* key : {"preStopSecs", "nginx.preStopSeconds", "agic.check", "agic.preStopSecs",
                          ".preStopSeconds", "agic."}) {
    Built b = build({data("preset", "agic"), data(key, "30")});
    ASSERT_EQ(b.results.size(), 1u) << key;
    EXPECT_EQ(b.results[0].severity, Severity::Error) << key;
    EXPECT_EQ(b.results[0].message.rfind(
                  "config `data." + std::string(key) + "` is not a known setting; ", 0),
              0u)
        << b.results[0].message;
  }
}

TEST(ConfigOverrides, AnUnqualifiedKnobReachesEveryPresetCarryingIt) {
  Built b = build({data("preset", "alb-ip,agic"), data("preStopSeconds", "120"),
                   data("healthCheckIntervalSeconds", "20"), data("requestTimeoutSeconds", "60")});
  EXPECT_EQ(b.messages(), "");
  EXPECT_EQ(b.preset(PresetId::AlbIp).preStopSeconds, 120);
  EXPECT_EQ(b.preset(PresetId::Agic).preStopSeconds, 120);
  EXPECT_EQ(b.preset(PresetId::AlbIp).lbc.healthCheckIntervalSeconds, 20);
  EXPECT_EQ(b.preset(PresetId::Agic).lbc.healthCheckIntervalSeconds, 0);
  EXPECT_EQ(b.preset(PresetId::Agic).agic.requestTimeoutSeconds, 60);
  EXPECT_EQ(b.preset(PresetId::AlbIp).agic.requestTimeoutSeconds, 0);
}

TEST(ConfigOverrides, AQualifiedKnobReachesItsPresetOnly) {
  Built b = build({data("preset", "alb-ip,agic"), data("agic.preStopSeconds", "120"),
                   spec("alb-ip.marginSeconds", "7"), data("agic.drainingTimeoutSeconds", "40")});
  EXPECT_EQ(b.messages(), "");
  EXPECT_EQ(b.preset(PresetId::Agic).preStopSeconds, 120);
  EXPECT_EQ(b.preset(PresetId::AlbIp).preStopSeconds, 30);
  EXPECT_EQ(b.preset(PresetId::AlbIp).marginSeconds, 7);
  EXPECT_EQ(b.preset(PresetId::Agic).marginSeconds, 5);
  EXPECT_EQ(b.preset(PresetId::Agic).agic.drainingTimeoutSeconds, 40);
}

TEST(ConfigOverrides, AQualifiedKnobWorksWithOnePresetToo) {
  Built b = build({data("preset", "agic"), data("agic.preStopSeconds", "100")});
  EXPECT_EQ(b.messages(), "");
  EXPECT_EQ(b.config.knobs.preStopSeconds, 100);
}

// The key named for a preset is the more specific, whichever comes first (flags arrive sorted by
// name); among keys of one kind, the later wins.
TEST(ConfigOverrides, AQualifiedKeyWinsWhereverItStands) {
  for (bool qualifiedFirst : {true, false}) {
    std::vector<Setting> settings = {data("preset", "alb-ip,agic")};
    if (qualifiedFirst) settings.push_back(data("agic.preStopSeconds", "100"));
    settings.push_back(data("preStopSeconds", "120"));
    if (!qualifiedFirst) settings.push_back(data("agic.preStopSeconds", "100"));
    Built b = build(settings);
    EXPECT_EQ(b.preset(PresetId::Agic).preStopSeconds, 100) << qualifiedFirst;
    EXPECT_EQ(b.preset(PresetId::AlbIp).preStopSeconds, 120) << qualifiedFirst;
  }
}

TEST(ConfigOverrides, LaterSettingsOfOneKindWin) {
  Built b = build({data("preset", "alb-ip,agic"), data("preStopSeconds", "110"),
                   data("preStopSeconds", "120"), data("agic.preStopSeconds", "100"),
                   data("agic.preStopSeconds", "105")});
  EXPECT_EQ(b.preset(PresetId::Agic).preStopSeconds, 105);
  EXPECT_EQ(b.preset(PresetId::AlbIp).preStopSeconds, 120);
}

TEST(ConfigOverrides, AQualifiedKnobOfAPresetNotInTheRunIsAWarning) {
  Built b = build({data("preset", "agic"), data("alb-ip.preStopSeconds", "45")});
  EXPECT_EQ(b.messages(),
            "warning: config `data.alb-ip.preStopSeconds` is for preset alb-ip only, and preset "
            "alb-ip is not in this run; ignored\n");
  EXPECT_EQ(b.config.knobs.preStopSeconds, 90);
}

TEST(ConfigOverrides, AQualifiedKnobItsPresetDoesNotCarryIsAWarning) {
  Built b = build({data("preset", "alb-ip,agic"), spec("agic.healthCheckIntervalSeconds", "20")});
  EXPECT_EQ(b.messages(),
            "warning: config `spec.agic.healthCheckIntervalSeconds` is not a setting of preset "
            "agic; ignored\n");
  EXPECT_EQ(b.preset(PresetId::AlbIp).lbc.healthCheckIntervalSeconds, 10);
}

TEST(ConfigOverrides, AKnobOfAGroupTwoPresetsCarryMustBeQualified) {
  Built b = build({data("preset", "alb-ip,agic"), data("ingressClassNames", "alb")});
  EXPECT_EQ(b.messages(),
            "error: config `data.ingressClassNames` is a setting of presets alb-ip and agic: name "
            "the preset, as `alb-ip.ingressClassNames`\n");
  b = build({data("preset", "agic,alb-ip"), flag("ingressControllers", "x")});
  EXPECT_EQ(b.messages(),
            "error: config `--ingress-controllers` is a setting of presets agic and alb-ip: name "
            "the preset, as `--agic.ingress-controllers`\n");
  b = build({data("preset", "alb-ip,agic"), data("alb-ip.ingressClassNames", "alb, alb-internal"),
             data("agic.ingressClassNames", "agw")});
  EXPECT_EQ(b.messages(), "");
  EXPECT_EQ(b.preset(PresetId::AlbIp).ingress.ingressClassNames,
            (std::vector<std::string>{"alb", "alb-internal"}));
  EXPECT_EQ(b.preset(PresetId::Agic).ingress.ingressClassNames, std::vector<std::string>{"agw"});
}

TEST(ConfigOverrides, WithOnePresetItsIngressKnobsNeedNoQualifier) {
  Built b = build({data("preset", "agic"), data("ingressClassNames", "agw")});
  EXPECT_EQ(b.messages(), "");
  EXPECT_EQ(b.config.knobs.ingress.ingressClassNames, std::vector<std::string>{"agw"});
}

TEST(ConfigOverrides, CrossFieldChecksRunPerPresetAndNameItWhenSeveral) {
  // 60 s is enough for alb-ip (30 + 15 + 5) and short of agic's 90 + 15 + 5.
  Built b = build({data("preset", "alb-ip,agic"), data("terminationGracePeriodSeconds", "60")});
  ASSERT_EQ(b.results.size(), 1u) << b.messages();
  EXPECT_EQ(b.results[0].message.rfind("config `data.terminationGracePeriodSeconds` for preset "
                                       "agic is 60 s, shorter than the preStop the config forces "
                                       "(preStopSeconds 90)",
                                       0),
            0u)
      << b.results[0].message;
  b = build({data("preset", "agic"), data("terminationGracePeriodSeconds", "60")});
  ASSERT_EQ(b.results.size(), 1u) << b.messages();
  EXPECT_EQ(b.results[0].message.rfind("config `data.terminationGracePeriodSeconds` is 60 s, ", 0),
            0u)
      << b.results[0].message;
}

TEST(ConfigOverrides, ACheckSeesOnlyTheSettingsThatReachedItsPreset) {
  // The qualified grace period is agic's; alb-ip derives its own and has nothing to check.
  Built b =
      build({data("preset", "alb-ip,agic"), data("agic.terminationGracePeriodSeconds", "60")});
  ASSERT_EQ(b.results.size(), 1u) << b.messages();
  EXPECT_NE(b.results[0].message.find("`data.agic.terminationGracePeriodSeconds` for preset agic "),
            std::string::npos)
      << b.results[0].message;
  b = build({data("preset", "alb-ip,agic"), data("alb-ip.healthCheckTimeoutSeconds", "10")});
  EXPECT_EQ(b.messages(),
            "error: config `data.alb-ip.healthCheckTimeoutSeconds` for preset alb-ip makes "
            "healthCheckTimeoutSeconds 10 >= healthCheckIntervalSeconds 10 (A1): the ALB API "
            "rejects a timeout that is not below the interval\n");
}

TEST(ConfigOverrides, ALooserMaxUnavailableWarnsPerPreset) {
  Built b = build({data("preset", "alb-ip,agic"), data("maxUnavailable", "1")});
  ASSERT_EQ(b.results.size(), 2u) << b.messages();
  EXPECT_NE(b.results[0].message.find("looser than preset alb-ip's 0 (Z4)"), std::string::npos);
  EXPECT_NE(b.results[1].message.find("looser than preset agic's 0 (Z4)"), std::string::npos);
}

TEST(ConfigKeys, QualifiedKeys) {
  EXPECT_EQ(parseKnobKey("preStopSeconds").knob, findKnob("preStopSeconds"));
  EXPECT_FALSE(parseKnobKey("preStopSeconds").qualifier);
  KnobKey k = parseKnobKey("alb-instance.targetType");
  EXPECT_EQ(k.knob, findKnob("targetType"));
  EXPECT_EQ(k.qualifier, PresetId::AlbInstance);
  EXPECT_EQ(parseKnobKey("ALB-IP.targetType").knob, nullptr);  // config keys are exact
  EXPECT_EQ(parseKnobKey("agic.agic.preStopSeconds").knob, nullptr);
}

TEST(ConfigKeys, CanonicalKeyForSet) {
  EXPECT_EQ(canonicalKey("PRESTOPSECONDS"), "preStopSeconds");
  EXPECT_EQ(canonicalKey("AGIC.DRAININGTIMEOUTSECONDS"), "agic.drainingTimeoutSeconds");
  EXPECT_EQ(canonicalKey("Alb-Ip.preStopSeconds"), "alb-ip.preStopSeconds");
  // As Argo CD hands over a map parameter's keys: upper case, the dot and the dash made `_`.
  EXPECT_EQ(canonicalKey("AGIC_DRAININGTIMEOUTSECONDS"), "agic.drainingTimeoutSeconds");
  EXPECT_EQ(canonicalKey("ALB_IP_PRESTOPSECONDS"), "alb-ip.preStopSeconds");
  EXPECT_EQ(canonicalKey("ALB_INSTANCE_INGRESSCLASSNAMES"), "alb-instance.ingressClassNames");
  EXPECT_EQ(canonicalKey("AGIC_NOSUCHKNOB"), "AGIC_NOSUCHKNOB");
  EXPECT_EQ(canonicalKey("NGINX.PRESTOPSECONDS"), "NGINX.PRESTOPSECONDS");
  EXPECT_EQ(canonicalKey("AGIC.CHECK"), "AGIC.CHECK");
  EXPECT_EQ(canonicalKey("preset"), "preset");
}

}  // namespace
}  // namespace zd::krm
