// Config shellLessImages: a list in a ZeroDowntimePolicy, comma-separated text in a ConfigMap or
// a flag; an item that could never match an image name is an error naming the key.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {
namespace {

Setting text(const std::string& value) {
  Setting s;
  s.key = "shellLessImages";
  s.where = "data.shellLessImages";
  s.text = value;
  return s;
}

Setting typedList(const std::vector<std::string>& items) {
  Setting s;
  s.key = "shellLessImages";
  s.where = "spec.shellLessImages";
  s.typed = true;
  s.shape = Setting::Shape::List;
  s.items = items;
  return s;
}

Setting preset() {
  Setting s;
  s.key = "preset";
  s.where = "data.preset";
  s.text = "alb-ip";
  return s;
}

Config build(const Setting& s, std::vector<Result>& errors) {
  return buildConfig({preset(), s}, ConfigSource{}, errors);
}

TEST(ShellLessImagesConfig, EmptyByDefault) {
  std::vector<Result> errors;
  EXPECT_TRUE(buildConfig({preset()}, ConfigSource{}, errors).options.shellLessImages.empty());
}

TEST(ShellLessImagesConfig, ListOrCommaSeparatedText) {
  std::vector<Result> errors;
  const Config a = build(typedList({"registry.example.com/base/", "ghcr.io/acme/static-"}), errors);
  const Config b = build(text(" registry.example.com/base/ ,, ghcr.io/acme/static-"), errors);
  ASSERT_TRUE(errors.empty()) << errors[0].message;
  const std::vector<std::string> want = {"registry.example.com/base/", "ghcr.io/acme/static-"};
  EXPECT_EQ(a.options.shellLessImages, want);
  EXPECT_EQ(b.options.shellLessImages, want);
}

TEST(ShellLessImagesConfig, BadItemsAreErrorsNamingTheKey) {
  const struct {
    Setting setting;
    const char* message;
  } cases[] = {
      {typedList({"ok/", "has space/"}),
       "config `spec.shellLessImages` item 2, \"has space/\", must be an image name prefix: not "
       "empty, no white space"},
      {typedList({""}),
       "config `spec.shellLessImages` item 1, \"\", must be an image name prefix: not empty, no "
       "white space"},
      {text("a b"),
       "config `data.shellLessImages` item 1, \"a b\", must be an image name prefix: not empty, "
       "no white space"},
  };
  for (const auto& c : cases) {
    std::vector<Result> errors;
    build(c.setting, errors);
    ASSERT_EQ(errors.size(), 1u) << c.message;
    EXPECT_EQ(errors[0].message, c.message);
  }
  Setting scalar = typedList({});
  scalar.shape = Setting::Shape::String;
  scalar.text = "registry.example.com/base/";
  std::vector<Result> errors;
  build(scalar, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("must be a list of image name prefixes"), std::string::npos)
      << errors[0].message;
}

}  // namespace
}  // namespace zd::krm
