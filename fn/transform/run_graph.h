// The scope of a run: one graph per preset the run names, each walked through its adapter's
// front door, merged into one list of workloads. A workload behind several load balancers has
// edges of each; every edge names its preset (scope::Binding::lb).
#pragma once

#include <vector>

#include "krm/config.h"
#include "krm/result.h"
#include "scope/graph.h"

namespace zd::transform {

scope::ScopeOptions scopeOptions(const krm::Config& config);

scope::Graph runGraph(const yaml::Tree& tree, const krm::Envelope& env,
                      const scope::ObjectIndex& idx, const krm::Config& config,
                      std::vector<krm::Result>& results);

// The presets whose edges reach the target's workload (indexes into krm::Config::presets), each
// once, in the order of its edges.
std::vector<size_t> presetsOf(const scope::Target& target);

// Whether edges of more than one preset reach the target's workload.
bool behindSeveral(const scope::Target& target);

}  // namespace zd::transform
