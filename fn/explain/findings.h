// Internal to fn/explain: the rule rows and the change list of a timeline.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "explain/timeline.h"

namespace zd::explain::detail {

using Key = std::pair<std::string, std::string>;  // rule id, model field

// The same (id, field) keys for both states: every applicable rule once, split by field where a
// state breaks it for several fields; then rules the catalogue does not know, as check() names
// them.
std::vector<Key> ruleKeys(const std::vector<std::string>& catalogue, const timing::Evaluation& ev);

// One Rule per key: broken with the violations' messages, or holding with its own wording.
std::vector<Rule> rulesOf(const std::vector<Key>& keys, const std::vector<timing::Violation>& vs,
                          const timing::Knobs& k, const timing::Effective& e);

// The plan in manifest terms: workload fields by their spec names, annotations by their keys.
std::vector<Change> changesOf(const timing::Evaluation& ev);

}  // namespace zd::explain::detail
