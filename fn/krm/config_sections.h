// The knob groups as --help, the docs' key tables and the schemas present them: the pod side every
// preset shares first, then each adapter's own group, then the groups adapters share (the Ingress
// front door), each titled with the presets that carry it. Derived from the knob table and the
// adapter registry, so a new adapter or group shows up everywhere at once.
#pragma once

#include <string>
#include <vector>

#include "timing/knobs.h"

namespace zd::krm {

struct KnobSection {
  timing::KnobGroup group;
  // "AWS Load Balancer Controller, ALB (presets alb-ip and alb-instance)"
  std::string title;
  std::vector<timing::PresetId> presets;  // the presets that carry the group, in registry order
};

const std::vector<KnobSection>& knobSections();

}  // namespace zd::krm
