// One workload's rewrite: a readiness probe where the config asks for one, then each of its
// front door -> Service edges' plans, every preset's in turn. The same calls give the same
// edits: transform.h makes them once to report them, and again when the workload is written.
#pragma once

#include <vector>

#include "krm/config.h"
#include "krm/result.h"
#include "rewrite/shared_edit.h"
#include "scope/graph.h"
#include "yaml/tree.h"

namespace zd::transform {

// Findings and changes go to `results`, the edits outside the workload to `shared` too.
// Returns the number of changes. `quiet` makes the same edits without checking what they leave
// (no findings), for a rewrite already reported.
size_t rewriteWorkload(yaml::Tree& tree, const scope::ObjectIndex& idx, const scope::Target& target,
                       const krm::Config& config, std::vector<krm::Result>& results,
                       rewrite::SharedEdits& shared, bool quiet = false);

}  // namespace zd::transform
