#include "adapters/registry.h"

#include <algorithm>

namespace zd::adapters {

using timing::KnobGroup;
using timing::PresetId;
using timing::RuleScope;

const std::vector<AdapterInfo>& adapters() {
  static const std::vector<AdapterInfo> list = {
      {AdapterId::AwsLbcAlb,
       "AWS Load Balancer Controller, ALB",
       "Ingress of the controller's class, IngressClass controller or annotation",
       {PresetId::AlbIp, PresetId::AlbInstance},
       {KnobGroup::Alb, KnobGroup::Ingress},
       {RuleScope::Alb, RuleScope::AlbIp, RuleScope::AlbInstance}},
      {AdapterId::Agic,
       "Azure Application Gateway Ingress Controller",
       "Ingress of the controller's class, IngressClass controller or annotation",
       {PresetId::Agic},
       {KnobGroup::Agic, KnobGroup::Ingress},
       {RuleScope::Agic}},
  };
  return list;
}

const AdapterInfo& adapterOf(PresetId preset) {
  for (const AdapterInfo& a : adapters()) {
    if (std::find(a.presets.begin(), a.presets.end(), preset) != a.presets.end()) return a;
  }
  return adapters().front();  // unreachable: every PresetId is listed above (tested)
}

bool presetHasGroup(PresetId preset, KnobGroup group) {
  if (group == KnobGroup::Pod) return true;
  const auto& groups = adapterOf(preset).knobGroups;
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

const std::vector<PresetId>& allPresets() {
  static const std::vector<PresetId> all = {PresetId::AlbIp, PresetId::AlbInstance, PresetId::Agic};
  return all;
}

}  // namespace zd::adapters
