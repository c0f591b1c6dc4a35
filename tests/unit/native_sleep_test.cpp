// nativeSleep and kubernetesVersion give the same config in either order: the native sleep is
// the default, an explicit nativeSleep wins, a version below 1.30 implies false, and true below
// 1.30 is an error.
#include "krm/native_sleep.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {
namespace {

Setting setting(const std::string& key, const std::string& text) {
  Setting s;
  s.key = key;
  s.where = "data." + key;
  s.text = text;
  return s;
}

struct Outcome {
  bool nativeSleep = false;
  bool error = false;
};

Outcome build(const std::vector<Setting>& settings) {
  std::vector<Result> errors;
  Config c = buildConfig(settings, ConfigSource{}, errors);
  return Outcome{c.options.nativeSleep, !errors.empty()};
}

TEST(NativeSleep, ResolvedTheSameWayInEitherOrder) {
  struct Case {
    std::optional<std::string> nativeSleep, version;
    bool native, error;
  };
  const Case cases[] = {
      {std::nullopt, std::nullopt, true, false},  // the default: no binary needed in the image
      {std::nullopt, "1.29", false, false},       // the cluster lacks the action: exec sleep
      {std::nullopt, "v1.28.5", false, false},
      {std::nullopt, "1.30", true, false},
      {std::nullopt, "v1.31.2", true, false},
      {"true", std::nullopt, true, false},
      {"false", std::nullopt, false, false},
      {"false", "1.31", false, false},  // explicit wins
      {"false", "1.29", false, false},
      {"true", "1.30", true, false},
      {"true", "2.0", true, false},
      {"true", "1.29", true, true},  // the cluster would reject the sleep action
      {"on", "v1.28.5", true, true},
  };
  for (const Case& c : cases) {
    std::vector<Setting> settings = {setting("preset", "alb-ip")};
    if (c.nativeSleep) settings.push_back(setting("nativeSleep", *c.nativeSleep));
    if (c.version) settings.push_back(setting("kubernetesVersion", *c.version));
    SCOPED_TRACE(c.nativeSleep.value_or("-") + " / " + c.version.value_or("-"));
    const Outcome forward = build(settings);
    std::reverse(settings.begin() + 1, settings.end());
    const Outcome backward = build(settings);
    EXPECT_EQ(forward.error, c.error);
    EXPECT_EQ(backward.error, c.error);
    if (!c.error) {
      EXPECT_EQ(forward.nativeSleep, c.native);
      EXPECT_EQ(backward.nativeSleep, c.native);
    }
  }
}

TEST(NativeSleep, TheErrorNamesBothSettings) {
  std::vector<Result> errors;
  buildConfig({setting("preset", "alb-ip"), setting("kubernetesVersion", "1.29"),
               setting("nativeSleep", "true")},
              ConfigSource{}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("config `data.nativeSleep` is true, but "
                                   "`data.kubernetesVersion` is \"1.29\""),
            std::string::npos)
      << errors[0].message;
}

TEST(NativeSleep, Versions) {
  EXPECT_EQ(parseKubernetesVersion("1.29")->minor, 29);
  EXPECT_EQ(parseKubernetesVersion("v1.31.2")->minor, 31);
  EXPECT_TRUE(parseKubernetesVersion("1.30")->hasNativeSleep());
  EXPECT_FALSE(parseKubernetesVersion("1.29")->hasNativeSleep());
  EXPECT_TRUE(parseKubernetesVersion("2.0")->hasNativeSleep());
  EXPECT_FALSE(parseKubernetesVersion("1"));
  EXPECT_FALSE(parseKubernetesVersion("latest"));
  EXPECT_FALSE(parseKubernetesVersion("1.29-eks"));
}

}  // namespace
}  // namespace zd::krm
