// Which images the function takes for having no `sleep` (K9): by name, conservatively. A miss is
// silence, so every exemption a source names (distroless debug tags, Chainguard -dev variants)
// must hold, and a look-alike name must not match.
#include "rewrite/shell_less_image.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zd::rewrite {
namespace {

bool shellLess(const std::string& image, const std::vector<std::string>& prefixes = {}) {
  return shellLessReason(image, prefixes).has_value();
}

TEST(ShellLessImage, DistrolessButNotItsDebugTags) {
  EXPECT_TRUE(shellLess("gcr.io/distroless/static-debian12"));
  EXPECT_TRUE(shellLess("gcr.io/distroless/static-debian12:nonroot"));
  EXPECT_TRUE(shellLess("gcr.io/distroless/java17-debian12:latest"));
  EXPECT_TRUE(shellLess("gcr.io/distroless/base@sha256:0123abcd"));
  EXPECT_TRUE(shellLess("gcr.io/distroless/nodejs22-debian12:nonroot@sha256:0123abcd"));
  EXPECT_FALSE(shellLess("gcr.io/distroless/base-debian12:debug"));
  EXPECT_FALSE(shellLess("gcr.io/distroless/java17-debian12:debug-nonroot"));
  EXPECT_FALSE(shellLess("gcr.io/distroless/static:debug@sha256:0123abcd"));
  EXPECT_NE(shellLessReason("gcr.io/distroless/cc", {})->find("distroless"), std::string::npos);
}

TEST(ShellLessImage, ChainguardButNotItsDevVariantsOrShells) {
  EXPECT_TRUE(shellLess("cgr.dev/chainguard/nginx:latest"));
  EXPECT_TRUE(shellLess("cgr.dev/chainguard/static"));
  EXPECT_FALSE(shellLess("cgr.dev/chainguard/nginx:latest-dev"));
  EXPECT_FALSE(shellLess("cgr.dev/chainguard/python:3.12-dev"));
  EXPECT_FALSE(shellLess("cgr.dev/chainguard/wolfi-base"));
  EXPECT_FALSE(shellLess("cgr.dev/chainguard/busybox:latest"));
  EXPECT_FALSE(shellLess("cgr.dev/chainguard/bash"));
}

TEST(ShellLessImage, LookAlikesAndOrdinaryImagesDoNotMatch) {
  EXPECT_FALSE(shellLess("nginx:1.27"));
  EXPECT_FALSE(shellLess("gcr.io/distroless-like/static"));
  EXPECT_FALSE(shellLess("example.com/gcr.io/distroless/static"));
  EXPECT_FALSE(shellLess("cgr.dev/acme/nginx"));  // a customer's own Chainguard registry
  EXPECT_FALSE(shellLess(""));
}

TEST(ShellLessImage, UserPrefixesMatchAsWrittenWhateverTheTag) {
  const std::vector<std::string> mine = {"registry.example.com:5000/base/", "ghcr.io/acme/static-"};
  EXPECT_TRUE(shellLess("registry.example.com:5000/base/api:debug", mine));
  EXPECT_TRUE(shellLess("ghcr.io/acme/static-web:1.2", mine));
  EXPECT_FALSE(shellLess("ghcr.io/acme/web:1.2", mine));
  EXPECT_FALSE(shellLess("registry.example.com/base/api", mine));  // no port: another registry
  EXPECT_NE(shellLessReason("ghcr.io/acme/static-web", mine)->find("shellLessImages"),
            std::string::npos);
}

}  // namespace
}  // namespace zd::rewrite
