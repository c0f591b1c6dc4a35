// DR5: the platform's notice before it takes a node away (an EC2 spot interruption gives about two
// minutes, a GKE spot VM about 30 s, an upgrade forces a drain after its timeout) bounds every
// pod's shutdown on that node, whatever its grace period says.
#pragma once

#include <optional>

#include "krm/result.h"
#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::disruption {

// A warning when the workload's grace period, as the tree now holds it (30 s when unset), is
// longer than `noticeSeconds`.
std::optional<krm::Result> graceBeyondNotice(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                             size_t workload, int64_t noticeSeconds);

}  // namespace zd::disruption
