// Whose rule is this? The catalogue (timing/rule_catalogue.h) gives each rule a scope and names no
// adapter, since the timing model must not depend on the adapters; the registry says which adapter
// owns which scope. The docs' rule table prints this as its Adapter column.
#pragma once

#include <string_view>

#include "timing/rule_catalogue.h"

namespace zd::adapters {

// The owning adapter's name ("AWS Load Balancer Controller, ALB"); "pod side (every adapter)" for
// the rules every adapter shares, "the function" for the function's own (Z).
std::string_view ruleOwner(const timing::RuleInfo& rule);

}  // namespace zd::adapters
