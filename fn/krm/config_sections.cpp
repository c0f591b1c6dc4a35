#include "krm/config_sections.h"

#include <algorithm>

#include "adapters/registry.h"
#include "krm/config_presets.h"
#include "krm/knob_table.h"

namespace zd::krm {
namespace {

using timing::KnobGroup;

std::vector<const adapters::AdapterInfo*> ownersOf(KnobGroup g) {
  std::vector<const adapters::AdapterInfo*> out;
  for (const adapters::AdapterInfo& a : adapters::adapters()) {
    if (std::find(a.knobGroups.begin(), a.knobGroups.end(), g) != a.knobGroups.end())
      out.push_back(&a);
  }
  return out;
}

std::vector<timing::PresetId> carriersOf(KnobGroup g) {
  std::vector<timing::PresetId> out;
  for (timing::PresetId p : adapters::allPresets()) {
    if (adapters::presetHasGroup(p, g)) out.push_back(p);
  }
  return out;
}

// What the group is, in words: its adapter's name when it has one owner.
std::string whatIs(KnobGroup g) {
  const std::string name = groupName(g);
  if (g == KnobGroup::Pod) return "Shared " + name;
  // One controller's target groups, whichever of its load balancers they serve.
  if (g == KnobGroup::TargetGroup) return name;
  const auto owners = ownersOf(g);
  if (owners.size() == 1) return std::string(owners[0]->name);
  return name + ", one per adapter";
}

KnobSection sectionOf(KnobGroup g) {
  return KnobSection{g, whatIs(g) + " (" + presetsPhrase(carriersOf(g)) + ")", carriersOf(g)};
}

}  // namespace

const std::vector<KnobSection>& knobSections() {
  static const std::vector<KnobSection> sections = [] {
    std::vector<KnobSection> out = {sectionOf(KnobGroup::Pod)};
    std::vector<KnobGroup> shared;
    for (const adapters::AdapterInfo& a : adapters::adapters()) {
      for (KnobGroup g : a.knobGroups) {
        const bool own = ownersOf(g).size() == 1;
        if (own) out.push_back(sectionOf(g));
        if (!own && std::find(shared.begin(), shared.end(), g) == shared.end()) shared.push_back(g);
      }
    }
    for (KnobGroup g : shared) out.push_back(sectionOf(g));
    return out;
  }();
  return sections;
}

}  // namespace zd::krm
