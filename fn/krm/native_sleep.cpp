#include "krm/native_sleep.h"

#include "krm/value_parse.h"

namespace zd::krm {
std::optional<KubernetesVersion> parseKubernetesVersion(const std::string& text) {
  std::string v = text;
  if (!v.empty() && v[0] == 'v') v.erase(0, 1);
  const size_t dot = v.find('.');
  if (dot == std::string::npos) return std::nullopt;
  auto major = parseCount(v.substr(0, dot), 100);
  auto minor = parseCount(v.substr(dot + 1, v.find('.', dot + 1) - dot - 1), 1000);
  if (!major || !minor) return std::nullopt;
  return KubernetesVersion{*major, *minor};
}

void resolveNativeSleep(Config& c, const std::vector<Setting>& settings, const ConfigSource& src,
                        std::vector<Result>& errors) {
  const Setting* explicitSleep = lastWithKey(settings, "nativeSleep");
  const Setting* versionSetting = lastWithKey(settings, "kubernetesVersion");
  auto version =
      versionSetting ? parseKubernetesVersion(c.options.kubernetesVersion) : std::nullopt;
  // No version (or an invalid one, already reported): nativeSleep stands, explicit or default.
  if (!version) return;
  if (!explicitSleep) {
    c.options.nativeSleep = version->hasNativeSleep();
    return;
  }
  if (c.options.nativeSleep && !version->hasNativeSleep()) {
    errors.push_back(configError(
        src, explicitSleep->where,
        "is true, but `" + versionSetting->where + "` is \"" + c.options.kubernetesVersion +
            "\": the native sleep action is on by default from Kubernetes 1.30, and a cluster "
            "below rejects a preStop `sleep` when the manifest is applied; remove nativeSleep "
            "(exec sleep is written) or raise kubernetesVersion"));
  }
}

}  // namespace zd::krm
