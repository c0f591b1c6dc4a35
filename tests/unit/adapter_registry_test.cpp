#include <gtest/gtest.h>

#include <map>

#include "adapters/registry.h"
#include "adapters/rule_owner.h"

namespace zd {
namespace {

using timing::PresetId;
using timing::RuleScope;

TEST(AdapterRegistry, EveryPresetHasExactlyOneAdapter) {
  std::map<PresetId, int> owners;
  for (const adapters::AdapterInfo& a : adapters::adapters()) {
    for (PresetId p : a.presets) ++owners[p];
  }
  for (PresetId p : adapters::allPresets()) {
    EXPECT_EQ(owners[p], 1) << timing::presetName(p);
    EXPECT_EQ(timing::presetFromName(timing::presetName(p)), p);
  }
  EXPECT_EQ(owners.size(), adapters::allPresets().size());
}

// A rule that belongs to a load balancer belongs to one adapter; the pod side and the function's
// own rules belong to none.
TEST(AdapterRegistry, EveryLoadBalancerRuleHasExactlyOneAdapter) {
  for (const timing::RuleInfo& r : timing::ruleCatalogue()) {
    int owners = 0;
    for (const adapters::AdapterInfo& a : adapters::adapters()) {
      for (RuleScope s : a.ruleScopes) owners += s == r.scope;
    }
    const bool shared = r.scope == RuleScope::AllPresets || r.scope == RuleScope::Function;
    EXPECT_EQ(owners, shared ? 0 : 1) << r.id;
  }
}

// The docs' Adapter column: the owning adapter's name, or who else a rule belongs to.
TEST(AdapterRegistry, EveryRuleHasAnOwner) {
  for (const timing::RuleInfo& r : timing::ruleCatalogue()) {
    EXPECT_FALSE(adapters::ruleOwner(r).empty()) << r.id;
  }
  EXPECT_EQ(adapters::ruleOwner(*timing::findRule("K2")), "pod side (every adapter)");
  EXPECT_EQ(adapters::ruleOwner(*timing::findRule("Z1")), "the function");
  for (const char* id : {"A4", "IP1", "IN3"})
    EXPECT_EQ(adapters::ruleOwner(*timing::findRule(id)), "AWS Load Balancer Controller, ALB")
        << id;
  EXPECT_EQ(adapters::ruleOwner(*timing::findRule("AG3")),
            "Azure Application Gateway Ingress Controller");
}

TEST(AdapterRegistry, EveryPresetCarriesThePodSideAndItsAdaptersGroupsOnly) {
  using timing::KnobGroup;
  EXPECT_TRUE(adapters::presetHasGroup(PresetId::Agic, KnobGroup::Pod));
  EXPECT_TRUE(adapters::presetHasGroup(PresetId::Agic, KnobGroup::Agic));
  EXPECT_FALSE(adapters::presetHasGroup(PresetId::Agic, KnobGroup::Alb));
  EXPECT_TRUE(adapters::presetHasGroup(PresetId::AlbInstance, KnobGroup::Alb));
  EXPECT_FALSE(adapters::presetHasGroup(PresetId::AlbIp, KnobGroup::Agic));
  EXPECT_TRUE(adapters::presetHasGroup(PresetId::AlbIp, KnobGroup::Ingress));
}

}  // namespace
}  // namespace zd
