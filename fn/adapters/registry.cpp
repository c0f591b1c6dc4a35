#include "adapters/registry.h"

#include <algorithm>

#include "adapters/agc/front_door.h"
#include "adapters/agc/model_hooks.h"
#include "adapters/agc/settings.h"
#include "adapters/agic/front_door.h"
#include "adapters/agic/model_hooks.h"
#include "adapters/agic/settings.h"
#include "adapters/alb/front_door.h"
#include "adapters/alb/model_hooks.h"
#include "adapters/alb/settings.h"
#include "adapters/gke/front_door.h"
#include "adapters/gke/model_hooks.h"
#include "adapters/gke/settings.h"
#include "adapters/lbc_gateway/settings.h"
#include "adapters/nlb/front_door.h"
#include "adapters/nlb/model_hooks.h"
#include "adapters/nlb/settings.h"

namespace zd::adapters {

using timing::KnobGroup;
using timing::PresetId;
using timing::RuleScope;

const std::vector<AdapterInfo>& adapters() {
  static const std::vector<AdapterInfo> list = {
      {AdapterId::AwsLbcAlb,
       "AWS Load Balancer Controller, ALB",
       {PresetId::AlbIp, PresetId::AlbInstance},
       {KnobGroup::TargetGroup, KnobGroup::Alb, KnobGroup::Ingress, KnobGroup::Gateway},
       {RuleScope::Alb, RuleScope::AlbIp, RuleScope::AlbInstance},
       {{alb::frontDoor, alb::settings}, {alb::routeDoor, gateway::albSettings}},
       timing::albModel},
      {AdapterId::Agic,
       "Azure Application Gateway Ingress Controller",
       {PresetId::Agic},
       {KnobGroup::Agic, KnobGroup::Ingress},
       {RuleScope::Agic},
       {{agic::frontDoor, agic::settings}},
       timing::agicModel},
      {AdapterId::AwsLbcNlb,
       "AWS Load Balancer Controller, NLB",
       {PresetId::NlbIp, PresetId::NlbInstance},
       {KnobGroup::TargetGroup, KnobGroup::LoadBalancerService, KnobGroup::Gateway},
       {RuleScope::Nlb, RuleScope::NlbIp, RuleScope::NlbInstance},
       {{nlb::frontDoor, nlb::settings}, {nlb::routeDoor, gateway::nlbSettings}},
       timing::nlbModel},
      {AdapterId::Agc,
       "Azure Application Gateway for Containers",
       {PresetId::Agc},
       {KnobGroup::Agc, KnobGroup::Ingress, KnobGroup::Gateway},
       {RuleScope::Agc},
       {{agc::ingressDoor, agc::ingressSettings}, {agc::routeDoor, agc::routeSettings}},
       timing::agcModel},
      {AdapterId::Gke,
       "GKE container-native load balancing",
       {PresetId::GkeNeg},
       {KnobGroup::Gke, KnobGroup::Ingress, KnobGroup::Gateway},
       {RuleScope::Gke},
       {{gke::ingressDoor, gke::ingressSettings}, {gke::routeDoor, gke::routeSettings}},
       timing::gkeModel},
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
  static const std::vector<PresetId> all = {PresetId::AlbIp, PresetId::AlbInstance, PresetId::Agic,
                                            PresetId::NlbIp, PresetId::NlbInstance, PresetId::Agc,
                                            PresetId::GkeNeg};
  return all;
}

const std::vector<Door>& doorsOf(PresetId preset) { return adapterOf(preset).doors; }

const LbSettings& settingsOf(PresetId preset, size_t door) {
  return doorsOf(preset)[door].settings();
}

}  // namespace zd::adapters

namespace zd::timing {

// The timing model's hooks come from here, so that the pod-side model names no adapter.
const std::vector<const LbModel*>& lbModels() {
  static const std::vector<const LbModel*> all = [] {
    std::vector<const LbModel*> out;
    for (const adapters::AdapterInfo& a : adapters::adapters()) out.push_back(&a.model());
    return out;
  }();
  return all;
}

const LbModel& lbModelOf(PresetId preset) { return adapters::adapterOf(preset).model(); }

}  // namespace zd::timing
