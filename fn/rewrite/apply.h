// Writes a timing Plan into the manifests, one info result per changed field; the edits outside
// the workload are noted in `shared` too.
#pragma once

#include <vector>

#include "krm/config.h"
#include "rewrite/shared_edit.h"
#include "scope/graph.h"
#include "timing/model.h"

namespace zd::rewrite {

void applyPlan(yaml::Tree& tree, const scope::ObjectIndex& index, const scope::Target& target,
               const scope::Binding& binding, const timing::Plan& plan, const krm::Config& config,
               std::vector<krm::Result>& results, SharedEdits& shared);

}  // namespace zd::rewrite
