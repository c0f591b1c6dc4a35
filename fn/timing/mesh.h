// A service mesh's proxy in a workload's pods (K10), as far as the manifests show it. The proxy
// itself never appears in them: the mesh's admission webhook adds it to each pod as the pod is
// created. It gets its own SIGTERM at the pod's deletion, in parallel with the app's preStop,
// and stops on its own clock; once it has stopped, requests the preStop sleep still lets in, and
// the app's own calls while it shuts down, fail (docs/timing-model.md, K10).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timing/values.h"

namespace zd::timing {

enum class Mesh { None, Istio, Linkerd };

const char* meshName(Mesh m);  // "Istio", "Linkerd"

struct ObservedMesh {
  Mesh mesh = Mesh::None;
  std::string injectedBy;  // what shows the injection, for messages: `Namespace "shop" label ...`
  // Explicitly on: Kubernetes (1.29+) stops a native sidecar only after the app's containers.
  bool nativeSidecar = false;
  // The setting that decides how long the proxy keeps serving after the deletion, its value in
  // whole seconds (rounded down) when the manifests give one, and its text when they give one
  // the function cannot read (then the mesh's default counts).
  std::string proxySetting;
  std::optional<int64_t> proxySeconds;
  std::string unreadValue;
};

struct EffectiveMesh {
  Mesh mesh = Mesh::None;
  std::string injectedBy;
  bool nativeSidecar = false;
  std::string proxySetting;
  Sourced<int64_t> proxySeconds;  // the mesh's default when not written: Istio 5 s, Linkerd 0 s
  std::string unreadValue;
};

EffectiveMesh effectiveMesh(const ObservedMesh& o);

}  // namespace zd::timing
