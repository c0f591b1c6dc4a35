// nativeSleep and kubernetesVersion, resolved once every setting is read, so that neither the
// order of the keys nor the config form decides: an explicit nativeSleep wins over what the
// version implies, except that a native sleep for a cluster below 1.30 is a config error.
//
// The native sleep is the default: an exec sleep needs a `sleep` binary in the image, and in a
// distroless or scratch image the hook fails and SIGTERM comes at once, silently. A cluster that
// lacks the action rejects the manifest when it is applied, which is loud.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {

struct KubernetesVersion {
  int64_t major = 0;
  int64_t minor = 0;
  // The native sleep action (KEP-3960) is beta and on by default from 1.30. Below, the
  // API server rejects a preStop `sleep` (unknown field, or dropped with its feature gate off,
  // leaving a hook with no handler).
  bool hasNativeSleep() const { return major > 1 || minor >= 30; }
};

// "1.31", "v1.29.3" -> {1, 31}; nullopt when the text is no Kubernetes version.
std::optional<KubernetesVersion> parseKubernetesVersion(const std::string& text);

// Sets config.options.nativeSleep from the settings: the last explicit nativeSleep, else false
// when kubernetesVersion is below 1.30, else true. `nativeSleep: true` with a kubernetesVersion
// below 1.30 is an error result naming both settings.
void resolveNativeSleep(Config& config, const std::vector<Setting>& settings,
                        const ConfigSource& source, std::vector<Result>& errors);

}  // namespace zd::krm
