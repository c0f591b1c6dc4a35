#include "rewrite/shell_less_image.h"

namespace zd::rewrite {
namespace {

using std::string_view;

bool startsWith(string_view s, string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool endsWith(string_view s, string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "registry/path:tag@sha256:..." -> repository "registry/path" and tag "tag" ("" when none: a
// digest alone, or the implied latest). A ':' before the last '/' is a registry's port.
struct ImageName {
  string_view repository;
  string_view tag;
};

ImageName split(string_view image) {
  image = image.substr(0, image.find('@'));
  const size_t colon = image.rfind(':');
  const size_t slash = image.rfind('/');
  if (colon == string_view::npos || (slash != string_view::npos && colon < slash))
    return {image, {}};
  return {image.substr(0, colon), image.substr(colon + 1)};
}

// The distroless README: "Distroless images are minimal and lack shell access", and the debug
// tags "provide a busybox shell" (debug, debug-nonroot, debug-<existing tag>).
std::optional<std::string> distroless(const ImageName& n) {
  if (!startsWith(n.repository, "gcr.io/distroless/") || startsWith(n.tag, "debug"))
    return std::nullopt;
  return "as a distroless image (only its debug tags carry busybox)";
}

// Chainguard's standard images "do not contain package managers such as apk, shells such as
// b/a/sh"; the development variants, tagged -dev, do. wolfi-base, busybox and bash are shells
// by purpose.
std::optional<std::string> chainguard(const ImageName& n) {
  constexpr string_view kPrefix = "cgr.dev/chainguard/";
  if (!startsWith(n.repository, kPrefix) || endsWith(n.tag, "-dev")) return std::nullopt;
  const string_view name = n.repository.substr(kPrefix.size());
  for (string_view shell : {"wolfi-base", "busybox", "bash"}) {
    if (name == shell) return std::nullopt;
  }
  return "as a Chainguard image (only its -dev variants carry a shell)";
}

}  // namespace

std::optional<std::string> shellLessReason(string_view image,
                                           const std::vector<std::string>& userPrefixes) {
  for (const std::string& p : userPrefixes) {
    if (!p.empty() && startsWith(image, p))
      return "as its name starts with \"" + p + "\" (config shellLessImages)";
  }
  const ImageName n = split(image);
  if (auto why = distroless(n)) return why;
  return chainguard(n);
}

}  // namespace zd::rewrite
