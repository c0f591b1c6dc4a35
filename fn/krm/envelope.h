// The two input shapes: a ResourceList (KRM functions spec: kpt, kustomize)
// or a plain stream of manifests (`kustomize build` output, Argo CD).
// Detected from the input itself: a single document of kind ResourceList is
// a ResourceList; anything else must be a stream of Kubernetes objects.
//
// Either may hold list wrappers: `kind: List` (what `kubectl get -o yaml`
// prints), `DeploymentList` and the like, any kind ending in "List" but
// ResourceList. kubectl applies their items, so the items (of nested lists
// too) are the objects the function works on, edited in place; the wrapper
// itself is written back as it came.
#pragma once

#include <vector>

#include "krm/result.h"
#include "yaml/tree.h"

namespace zd::krm {

struct Envelope {
  bool isResourceList = false;
  yaml::NodeId root = yaml::kNone;            // the ResourceList map
  yaml::NodeId functionConfig = yaml::kNone;  // absent in stream mode
  // Items, or documents, each list wrapper replaced by its items, in order.
  std::vector<yaml::NodeId> objects;
  // The list wrappers whose items are in `objects`, outer ones first; empty
  // for input without lists, which so pays nothing for them.
  std::vector<yaml::NodeId> lists;
};

// Checks the shape; every problem becomes an error result (not fatal: the
// input is still written back unchanged with the results).
Envelope readEnvelope(const yaml::Tree& tree, std::vector<Result>& errors);

// A Kptfile or an object marked config.kubernetes.io/local-config: "true":
// tool configuration, never to be edited or applied.
bool isLocalConfig(const yaml::Tree& tree, yaml::NodeId object);

// The object's identity for results, from apiVersion, kind, metadata.
ResourceRef refOf(const yaml::Tree& tree, yaml::NodeId object);

}  // namespace zd::krm
