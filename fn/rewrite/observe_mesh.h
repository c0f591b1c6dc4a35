// What the manifests show of a service mesh's proxy in one workload's pods (K10): whether Istio
// or Linkerd injects one, from the pod template or its Namespace in the input, and the proxy's
// own settings that decide when it stops. A mesh configured cluster-wide (Istio's meshConfig,
// Linkerd's install values) is out of sight.
#pragma once

#include "scope/object_index.h"
#include "timing/mesh.h"
#include "yaml/tree.h"

namespace zd::rewrite {

// `pods`: the object whose spec.template is the workload's pods (scope::podTemplateHolder: the
// workload, or a Rollout's workloadRef Deployment); the Namespace is the workload's.
timing::ObservedMesh observeMesh(const yaml::Tree& tree, const scope::ObjectIndex& index,
                                 const scope::ObjectInfo& workload, yaml::NodeId pods);

}  // namespace zd::rewrite
