// The two input shapes: a ResourceList (KRM functions spec: kpt, kustomize)
// or a plain stream of manifests (`kustomize build` output, Argo CD).
// Detected from the input itself: a single document of kind ResourceList is
// a ResourceList; anything else must be a stream of Kubernetes objects.
#pragma once

#include <vector>

#include "krm/result.h"
#include "yaml/tree.h"

namespace zd::krm {

struct Envelope {
  bool isResourceList = false;
  yaml::NodeId root = yaml::kNone;            // the ResourceList map
  yaml::NodeId functionConfig = yaml::kNone;  // absent in stream mode
  std::vector<yaml::NodeId> objects;          // items, or documents
};

// Checks the shape; every problem becomes an error result (not fatal: the
// input is still written back unchanged with the results).
Envelope readEnvelope(const yaml::Tree& tree, std::vector<Result>& errors);

// How a message names object i: `items[3]` or `document 3`.
std::string objectLocation(const Envelope& env, size_t index);

// A Kptfile or an object marked config.kubernetes.io/local-config: "true":
// tool configuration, never to be edited or applied.
bool isLocalConfig(const yaml::Tree& tree, yaml::NodeId object);

// The object's identity for results, from apiVersion, kind, metadata.
ResourceRef refOf(const yaml::Tree& tree, yaml::NodeId object);

}  // namespace zd::krm
