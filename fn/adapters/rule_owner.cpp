#include "adapters/rule_owner.h"

#include <algorithm>

#include "adapters/registry.h"

namespace zd::adapters {

std::string_view ruleOwner(const timing::RuleInfo& rule) {
  switch (rule.scope) {
    case timing::RuleScope::AllPresets:
      return "pod side (every adapter)";
    case timing::RuleScope::Function:
      return "the function";
    default:
      break;
  }
  for (const AdapterInfo& a : adapters()) {
    if (std::find(a.ruleScopes.begin(), a.ruleScopes.end(), rule.scope) != a.ruleScopes.end())
      return a.name;
  }
  return {};  // unreachable: every load-balancer scope has an adapter (adapter_registry_test)
}

}  // namespace zd::adapters
