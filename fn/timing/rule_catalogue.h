// Every rule id a result or explain can print, once, with its name, what breaking it costs, what
// must hold and how severe breaking it is. The documentation's rule table (docs/rules.md, every
// column) and the ids the code emits are both checked against this list by the unit tests, so a
// rule cannot appear in one place only, nor read differently in the docs. Which adapter a rule
// belongs to is the adapters' registry's to say (adapters/rule_owner.h), not this list's: the
// timing model names no adapter.
#pragma once

#include <string_view>
#include <vector>

namespace zd::timing {

enum class RuleScope {
  AllPresets,
  Alb,
  AlbIp,
  AlbInstance,
  Agic,
  Nlb,
  NlbIp,
  NlbInstance,
  Agc,
  Gke,
  Function
};

struct RuleInfo {
  std::string_view id;    // "K2"
  std::string_view name;  // "grace covers the hook and the shutdown"
  // What breaking it costs, in the reader's terms, under ~90 characters and with no full stop:
  // "in-flight requests cut off when the kubelet kills the pod mid-shutdown".
  std::string_view protects;
  RuleScope scope;
  bool printed;               // false: advice the presets follow, never a result (IP5, AG9)
  std::string_view formula;   // what must hold: "grace period ≥ preStop + shutdown + margin"
  std::string_view severity;  // as results carry it: "error", "error (range), warning", "none"
};

const std::vector<RuleInfo>& ruleCatalogue();
const RuleInfo* findRule(std::string_view id);

// A rule id is a prefix and a number ("AG6"). Each prefix is one adapter or concern; the reserved
// ones belong to load balancers and concerns still to come, so their rules cannot collide with
// today's. A prefix is never one of the timing model's quantity symbols (kQuantitySymbols), so
// "D" in a formula is always the deregistration delay, never a rule.
struct RulePrefix {
  std::string_view prefix;   // "AG"
  std::string_view concern;  // "preset agic (Azure Application Gateway)"
  bool reserved;             // true: taken, no rule yet
};

const std::vector<RulePrefix>& rulePrefixes();
inline constexpr std::string_view kQuantitySymbols = "PGSRBEDM";

}  // namespace zd::timing
