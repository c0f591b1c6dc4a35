// Which workloads actually sit behind the preset's load balancer:
// Ingress (of the preset's class) -> backend Service -> workloads whose pod
// template matches the Service selector -> serving containers.
#pragma once

#include <string>
#include <vector>

#include "krm/result.h"
#include "scope/object_index.h"
#include "timing/knobs.h"

namespace zd::scope {

// One Ingress -> Service edge in front of a workload.
struct Binding {
  size_t ingress;
  size_t service;
};

struct Target {
  size_t workload;
  std::vector<Binding> bindings;        // in input order, no duplicates
  std::vector<uint32_t> containers;     // serving containers (indices into containers[])
  std::vector<std::string> targetPorts; // what they were matched on, for messages
};

struct Graph {
  std::vector<Target> targets;          // in input order of the workloads
  std::vector<size_t> ingresses;        // every in-scope Ingress
};

Graph buildGraph(const yaml::Tree& tree, const krm::Envelope& env, const ObjectIndex& index,
                 const timing::Knobs& knobs, std::vector<krm::Result>& results);

// Is this Ingress handled by the preset's controller?
bool ingressInScope(const yaml::Tree& tree, yaml::NodeId ingress, const ObjectIndex& index,
                    const timing::Knobs& knobs);

}  // namespace zd::scope
