// The load-balancer adapters: one per controller, each serving its presets. An adapter owns its
// front doors (which objects of the input its controller serves), its knob groups (timing/knobs.h)
// and its rules (timing/rule_catalogue.h); the pod side (the K rules) is shared by all. This list
// is what the config layer, --help, the schemas and the docs ask "whose is this?".
#pragma once

#include <string_view>
#include <vector>

#include "adapters/settings.h"
#include "scope/front_door.h"
#include "timing/knobs.h"
#include "timing/lb_model.h"
#include "timing/rule_catalogue.h"

namespace zd::adapters {

enum class AdapterId { AwsLbcAlb, Agic, AwsLbcNlb, Agc, Gke };

// One way in: a kind of front door and how the settings it leads to are read and written.
struct Door {
  const scope::FrontDoor& (*frontDoor)();
  const LbSettings& (*settings)();
};

struct AdapterInfo {
  AdapterId id;
  std::string_view name;  // "AWS Load Balancer Controller, ALB"
  std::vector<timing::PresetId> presets;
  // Its own knob groups; every preset also carries KnobGroup::Pod.
  std::vector<timing::KnobGroup> knobGroups;
  std::vector<timing::RuleScope> ruleScopes;  // the catalogue entries that are its rules
  // Its parts: the front doors through which its controller reaches Services (an Ingress, a
  // Gateway API route), each with how its settings are read and written (adapters/settings.h),
  // and its half of the timing model, which every door shares.
  std::vector<Door> doors;
  const timing::LbModel& (*model)();
};

const std::vector<AdapterInfo>& adapters();
const AdapterInfo& adapterOf(timing::PresetId preset);

// Whether a preset file and a config for `preset` carry the keys of `group`.
bool presetHasGroup(timing::PresetId preset, timing::KnobGroup group);

// The front doors through which the preset's controller reaches Services.
const std::vector<Door>& doorsOf(timing::PresetId preset);

// Every preset, in the order the docs and --help list them.
const std::vector<timing::PresetId>& allPresets();

}  // namespace zd::adapters
