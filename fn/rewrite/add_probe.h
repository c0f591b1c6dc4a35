// With `readinessProbePath` set, a serving container without a readiness
// probe gets an httpGet probe on the port the Service sends traffic to; the
// plan then tunes its timings like any other probe.
#pragma once

#include <vector>

#include "krm/config.h"
#include "scope/graph.h"

namespace zd::rewrite {

void addMissingProbes(yaml::Tree& tree, const scope::ObjectIndex& index,
                      const scope::Target& target, const krm::Config& config,
                      std::vector<krm::Result>& results);

}  // namespace zd::rewrite
