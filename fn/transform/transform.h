// The transform: find what sits behind the load balancer and make every
// timing agree. Reads and edits the tree; reports through results.
#pragma once

#include <vector>

#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result.h"
#include "yaml/tree.h"

namespace zd::transform {

void transform(yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
               std::vector<krm::Result>& results);

}  // namespace zd::transform
