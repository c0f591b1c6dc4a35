#include "timing/mesh.h"

namespace zd::timing {

const char* meshName(Mesh m) {
  switch (m) {
    case Mesh::Istio:
      return "Istio";
    case Mesh::Linkerd:
      return "Linkerd";
    case Mesh::None:
      break;
  }
  return "no mesh";
}

namespace {

// Istio's pilot-agent drains for terminationDrainDuration, 5 s unless set (with
// EXIT_ON_ZERO_ACTIVE_CONNECTIONS, MINIMUM_DRAIN_DURATION, also 5 s), then ends Envoy. Linkerd's
// proxy takes SIGTERM at once unless proxy-wait-before-exit-seconds delays it (default 0), and
// then refuses new requests.
int64_t defaultProxySeconds(Mesh m) { return m == Mesh::Istio ? 5 : 0; }

}  // namespace

EffectiveMesh effectiveMesh(const ObservedMesh& o) {
  EffectiveMesh e;
  e.mesh = o.mesh;
  e.injectedBy = o.injectedBy;
  e.nativeSidecar = o.nativeSidecar;
  e.proxySetting = o.proxySetting;
  e.proxySeconds = o.proxySeconds ? Sourced<int64_t>{*o.proxySeconds, Origin::Manifest}
                                  : Sourced<int64_t>{defaultProxySeconds(o.mesh), Origin::Default};
  e.unreadValue = o.unreadValue;
  return e;
}

}  // namespace zd::timing
