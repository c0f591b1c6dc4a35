// Which rules a timeline lists, what a holding rule says, and which events and phases a broken
// rule turns red. check() alone decides whether a rule holds; this file only words it.
#pragma once

#include <string>
#include <vector>

#include "timing/knobs.h"
#include "timing/model.h"

namespace zd::explain {

// The rule ids that apply to this workload under this preset, in reading order: termination,
// load balancer, health checks, rollout.
std::vector<std::string> applicableRules(const timing::Knobs& k, const timing::Effective& e);

// One line saying why rule `id` holds in state `e`, with its numbers.
std::string holdingReason(const std::string& id, const timing::Knobs& k,
                          const timing::Effective& e);

// Whether a broken rule `id` about model field `field` concerns the event or phase `element`
// ("sigkill", or "sigterm:web" for one container's).
bool concerns(const std::string& id, const timing::FieldRef& field, const std::string& element);

}  // namespace zd::explain
