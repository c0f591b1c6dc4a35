// The PodDisruptionBudgets a run adds (DR1): one per workload the drain report finds replicated
// and unprotected, named as the workload (or the first free name after it among the budgets of
// its namespace), in its namespace and, under kpt, in its file. Made after the rewrite and only
// for a run that succeeds: a budget depends on the workload's selector and replicas, which the
// rewrite never changes.
#pragma once

#include <vector>

#include "disruption/drain.h"
#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result.h"
#include "scope/object_index.h"
#include "transform/kpt_placement.h"
#include "yaml/tree.h"

namespace zd::transform {

// Makes the budgets of the workloads `budgets` (those WorkloadDrain::create says), placed for kpt,
// into `add` (for appendObjects), with an info result each.
void makeBudgets(yaml::Tree& t, const scope::ObjectIndex& idx,
                 const std::vector<disruption::WorkloadDrain>& budgets, const krm::Options& options,
                 FileIndexes& files, std::vector<krm::Result>& results,
                 std::vector<yaml::NodeId>& add);

}  // namespace zd::transform
