#include "adapters/registry.h"

#include <algorithm>

#include "adapters/agic/model_hooks.h"
#include "adapters/agic/settings.h"
#include "adapters/alb/model_hooks.h"
#include "adapters/alb/settings.h"

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

const LbSettings& settingsOf(PresetId preset) {
  switch (adapterOf(preset).id) {
    case AdapterId::AwsLbcAlb:
      return alb::settings();
    case AdapterId::Agic:
      return agic::settings();
  }
  return alb::settings();  // unreachable: every adapter is listed above
}

}  // namespace zd::adapters

namespace zd::timing {

// The timing model's hooks come from here, so that the pod-side model names no adapter.
const std::vector<const LbModel*>& lbModels() {
  static const std::vector<const LbModel*> all = {&albModel(), &agicModel()};
  return all;
}

const LbModel& lbModelOf(PresetId preset) {
  switch (adapters::adapterOf(preset).id) {
    case adapters::AdapterId::AwsLbcAlb:
      return albModel();
    case adapters::AdapterId::Agic:
      return agicModel();
  }
  return albModel();  // unreachable: every adapter is listed above
}

}  // namespace zd::timing
