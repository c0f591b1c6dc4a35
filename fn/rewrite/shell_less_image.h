// Which container images have no `sleep` to run, so that an exec preStop sleep in them fails:
// the kubelet reports FailedPreStopHook and sends SIGTERM at once (K9). Told by the image's name
// only, and only where a source says so (docs/timing-model.md, K9), so a miss is silence, never a
// false alarm:
//
//   gcr.io/distroless/...   no shell, no sleep; its `debug` tags (debug, debug-nonroot,
//                           debug-<tag>) carry a busybox shell and are not matched
//   cgr.dev/chainguard/...  no shell in the standard images; the development variants (a tag
//                           ending in -dev, such as latest-dev) carry one, and so do wolfi-base,
//                           busybox and bash, whose purpose is a shell
//   config shellLessImages  the user's own prefixes, matched as written, whatever the tag
//
// An image built FROM scratch or from these bases under another name cannot be seen: that is
// what shellLessImages is for.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zd::rewrite {

// Why `image` has no sleep binary, as a message continues "image X has no sleep binary, ..."
// ("as a distroless image (...)"), or nullopt when the function cannot tell. `userPrefixes` is
// config shellLessImages.
std::optional<std::string> shellLessReason(std::string_view image,
                                           const std::vector<std::string>& userPrefixes);

}  // namespace zd::rewrite
