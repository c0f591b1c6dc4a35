// --help, the docs' key tables and the schemas present the knob groups in one order, titled with
// the presets that carry them, and every knob in exactly one section.
#include "krm/config_sections.h"

#include <gtest/gtest.h>

#include <map>

#include "krm/knob_table.h"

namespace zd::krm {
namespace {

using timing::KnobGroup;

TEST(ConfigSections, PodSideFirstThenEachAdapterThenTheSharedFrontDoor) {
  const auto& s = knobSections();
  ASSERT_EQ(s.size(), 9u);
  EXPECT_EQ(s[0].group, KnobGroup::Pod);
  EXPECT_EQ(s[0].title,
            "Shared pod side (presets alb-ip, alb-instance, agic, nlb-ip, nlb-instance, agc and "
            "gke-neg)");
  EXPECT_EQ(s[1].group, KnobGroup::Alb);
  EXPECT_EQ(s[1].title, "AWS Load Balancer Controller, ALB (presets alb-ip and alb-instance)");
  EXPECT_EQ(s[2].group, KnobGroup::Agic);
  EXPECT_EQ(s[2].title, "Azure Application Gateway Ingress Controller (preset agic)");
  EXPECT_EQ(s[3].group, KnobGroup::LoadBalancerService);
  EXPECT_EQ(s[3].title, "AWS Load Balancer Controller, NLB (presets nlb-ip and nlb-instance)");
  EXPECT_EQ(s[4].group, KnobGroup::Agc);
  EXPECT_EQ(s[4].title, "Azure Application Gateway for Containers (preset agc)");
  EXPECT_EQ(s[5].group, KnobGroup::Gke);
  EXPECT_EQ(s[5].title, "GKE container-native load balancing (preset gke-neg)");
  EXPECT_EQ(s[6].group, KnobGroup::TargetGroup);
  EXPECT_EQ(s[6].title,
            "AWS Load Balancer Controller target group (presets alb-ip, alb-instance, nlb-ip and "
            "nlb-instance)");
  EXPECT_EQ(s[7].group, KnobGroup::Ingress);
  EXPECT_EQ(s[7].title,
            "Ingress front door, one per adapter (presets alb-ip, alb-instance, agic, agc and "
            "gke-neg)");
  EXPECT_EQ(s[8].group, KnobGroup::Gateway);
  EXPECT_EQ(s[8].title,
            "Gateway API route front door, one per adapter (presets alb-ip, alb-instance, nlb-ip, "
            "nlb-instance, agc and gke-neg)");
}

TEST(ConfigSections, EveryKnobIsInExactlyOneSection) {
  std::map<std::string, int> seen;
  for (const KnobSection& s : knobSections()) {
    for (const KnobField* f : knobsOf(s.group)) ++seen[f->name];
  }
  for (const KnobField& f : knobFields()) EXPECT_EQ(seen[f.name], 1) << f.name;
  EXPECT_EQ(seen.size(), knobFields().size());
}

}  // namespace
}  // namespace zd::krm
