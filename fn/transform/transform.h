// The transform: find what sits behind the load balancer and make every
// timing agree. Reads and edits the tree; reports through results.
#pragma once

#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result_store.h"
#include "yaml/tree.h"

namespace zd::transform {

// Adds its results to `store`, as records: a large input reports a million.
void transform(yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
               krm::ResultStore& store);

}  // namespace zd::transform
