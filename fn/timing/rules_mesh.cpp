// K10: a mesh proxy must keep serving until the app has finished: through the preStop sleep,
// while the load balancer still sends requests, and through the shutdown, while the app
// finishes them and may call out. Injected proxies get SIGTERM at the deletion, with the app's
// preStop, and stop on their own clock; only a native sidecar (Kubernetes 1.29+) is stopped
// after the app's containers.
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing {

int64_t meshProxyNeed(const Knobs& k, const Effective& e) {
  int64_t p = 0;
  for (const EffectiveContainer& c : e.containers) {
    // A hook that is not a plain sleep counts as the preset's sleep, as the grace period does.
    p = std::max(p, c.preStopSeconds ? c.preStopSeconds->value : preStopTarget(k));
  }
  return p + e.shutdownSeconds.value;
}

}  // namespace zd::timing

namespace zd::timing::detail {
namespace {

// What a user sets to keep the proxy up, and how the proxy leaves when its time is up.
std::string fixOf(const EffectiveMesh& m, int64_t need) {
  if (m.mesh == Mesh::Istio) {
    return cat("set ", m.proxySetting, " to at least ", need,
               "s in annotation proxy.istio.io/config, or run the proxy as a native sidecar "
               "(annotation sidecar.istio.io/nativeSidecar: \"true\", Kubernetes 1.29 or later; "
               "Istio's default from 1.27), which Kubernetes stops after the app");
  }
  return cat("set annotation ", m.proxySetting, ": \"", need,
             "\", or run the proxy as a native sidecar (annotation "
             "config.beta.linkerd.io/proxy-enable-native-sidecar: \"true\", Kubernetes 1.29 or "
             "later), which Kubernetes stops after the app");
}

const char* stopsHow(Mesh m) {
  return m == Mesh::Istio ? "exits" : "takes SIGTERM and refuses new requests";
}

}  // namespace

void checkMeshProxy(const Knobs& k, const Effective& e, Sink& s) {
  const EffectiveMesh& m = e.mesh;
  if (m.mesh == Mesh::None || m.nativeSidecar) return;
  const int64_t need = meshProxyNeed(k, e);
  if (m.proxySeconds.value >= need) return;
  const int64_t shutdown = e.shutdownSeconds.value;
  const std::string unread =
      m.unreadValue.empty() ? "" : cat("; ", quoted(m.unreadValue), " could not be read");
  s.add("K10", kWarning, "meshProxy",
        cat("these pods get the ", meshName(m.mesh), " proxy (", m.injectedBy, "), which ",
            stopsHow(m.mesh), " ", m.proxySeconds.value, " s after deletion (", m.proxySetting,
            m.proxySeconds.origin == Origin::Default ? ", default" : "", unread,
            "), before preStop ", need - shutdown, " s + shutdown ", shutdown, " s = ", need,
            " s: requests the preStop waits for, and the app's own calls while it shuts down, "
            "fail; ",
            fixOf(m, need)));
}

}  // namespace zd::timing::detail
