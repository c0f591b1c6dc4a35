// Every rule id a result or explain can print, once, with its name and what it protects. The
// documentation's rule table (docs/rules.md) and the ids the code emits are both checked against
// this list by the unit tests, so an id cannot appear in one place only.
#pragma once

#include <string_view>
#include <vector>

namespace zd::timing {

enum class RuleScope { AllPresets, Alb, AlbIp, AlbInstance, Agic, Function };

struct RuleInfo {
  std::string_view id;    // "K2"
  std::string_view name;  // "grace covers the hook and the shutdown"
  RuleScope scope;
  bool printed;  // false: advice the presets follow, never a result (IP5, AG9)
};

const std::vector<RuleInfo>& ruleCatalogue();
const RuleInfo* findRule(std::string_view id);

}  // namespace zd::timing
