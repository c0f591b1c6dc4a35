// The NLB adapter piece by piece: which Services are the controller's, the controller's defaults,
// the per-port attributes, and the rules that only an NLB has (NL6, NL13). The golden cases
// (testdata/golden/nlb-*) show them end to end.
#include <gtest/gtest.h>

#include "adapters/nlb/front_door.h"
#include "krm/envelope.h"
#include "krm/preset_loader.h"
#include "timing/model.h"
#include "yaml/parse.h"

namespace zd {
namespace {

using timing::Observed;
using timing::ObservedNlbDelay;

timing::Knobs preset(const char* name) {
  std::string error;
  auto k = krm::loadPreset(name, error);
  EXPECT_TRUE(k) << error;
  return k ? *k : timing::Knobs{};
}

// How the front door classes one Service, given its metadata and spec lines.
scope::ClassMatch claim(const std::string& annotations, const std::string& spec,
                        bool webhook = true) {
  std::string text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n";
  if (!annotations.empty()) text += "  annotations:\n    " + annotations + "\n";
  text += "spec:\n" + spec + "  selector: {app: web}\n";
  yaml::Tree tree;
  EXPECT_FALSE(yaml::parseStream(text, yaml::Limits{}, tree));
  std::vector<krm::Result> results;
  krm::Envelope env = krm::readEnvelope(tree, results);
  scope::ObjectIndex index = scope::buildIndex(tree, env);
  timing::Knobs k = preset("nlb-ip");
  k.service.serviceMutatorWebhook = webhook;
  const scope::FrontDoor& door = adapters::nlb::frontDoor();
  return door.claims(tree, tree.docs()[0], index, k, std::nullopt);
}

const char* kLb = "  type: LoadBalancer\n";
const char* kType = "service.beta.kubernetes.io/aws-load-balancer-type: ";

TEST(NlbFrontDoor, AClassWinsOverEveryAnnotation) {
  using scope::ClassMatch;
  const std::string ours = std::string(kLb) + "  loadBalancerClass: service.k8s.aws/nlb\n";
  const std::string other = std::string(kLb) + "  loadBalancerClass: example.com/lb\n";
  EXPECT_EQ(claim(std::string(kType) + "nlb", ours), ClassMatch::Ours);
  EXPECT_EQ(claim(std::string(kType) + "external", other), ClassMatch::Other);
}

TEST(NlbFrontDoor, TheTypeAnnotationAndTheWebhookDecideWithoutAClass) {
  using scope::ClassMatch;
  const std::string ip = "\n    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip";
  EXPECT_EQ(claim(std::string(kType) + "external" + ip, kLb, false), ClassMatch::Ours);
  EXPECT_EQ(claim(std::string(kType) + "nlb-ip", kLb, false), ClassMatch::Ours);
  // The controller serves these on a Service of any type (its gate ServiceTypeLoadBalancerOnly
  // is off by default).
  EXPECT_EQ(claim(std::string(kType) + "external" + ip, "  type: NodePort\n"), ClassMatch::Ours);
  // `external` without a target type: nobody serves it, unless the webhook gave it the class.
  EXPECT_EQ(claim(std::string(kType) + "external", kLb, false), ClassMatch::Ambiguous);
  EXPECT_EQ(claim(std::string(kType) + "external", kLb, true), ClassMatch::Ours);
  // The cloud provider's NLB, or the controller's if the webhook saw it created: left alone
  // (NL12), since the provider refuses the attributes these presets write.
  EXPECT_EQ(claim(std::string(kType) + "nlb", kLb, false), ClassMatch::Unknown);
  EXPECT_EQ(claim(std::string(kType) + "nlb", kLb, true), ClassMatch::Unknown);
  EXPECT_EQ(claim("", kLb, true), ClassMatch::Ours);
  EXPECT_EQ(claim("", kLb, false), ClassMatch::Other);
  EXPECT_EQ(claim("", "  type: NodePort\n", true), ClassMatch::Other);
}

Observed workload() {
  Observed o;
  o.replicas = 3;
  o.namespaceInInput = true;
  timing::ObservedContainer c;
  c.name = "web";
  timing::ObservedProbe p;
  p.isHttpGet = true;
  c.readinessProbe = p;
  o.containers.push_back(c);
  o.nlb.ports = {"443"};
  o.nlb.delays = {ObservedNlbDelay{}};
  return o;
}

// The controller's defaults (pkg/service/model_builder.go): 10 / 6 / 2 / 2 only for instance
// targets behind externalTrafficPolicy Local; ip targets keep 10 / 10 / 3 / 3 with Local too.
TEST(NlbModel, LocalHealthCheckDefaultsOnlyForInstanceTargets) {
  Observed o = workload();
  o.nlb.localTrafficPolicy = true;
  const timing::Knobs k = preset("nlb-instance");
  timing::Effective e = timing::effective(k, o);
  EXPECT_EQ(e.nlb.healthCheckTimeoutSeconds.value, 6);
  EXPECT_EQ(e.nlb.healthyThresholdCount.value, 2);
  o.nlb.targetType = "ip";
  e = timing::effective(k, o);
  EXPECT_EQ(e.nlb.healthCheckTimeoutSeconds.value, 10);
  EXPECT_EQ(e.nlb.healthyThresholdCount.value, 3);
}

// A per-port copy merges over the Service-wide attributes key by key: one without the delay
// takes the Service-wide delay, so only that one is planned.
TEST(NlbModel, APerPortCopyWithoutTheDelayTakesTheServiceWideOne) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.nlb.delays[0].deregistrationDelaySeconds = 600;
  ObservedNlbDelay port;
  port.port = "443";
  port.connectionTermination = false;
  o.nlb.delays.push_back(port);
  const timing::Plan p = timing::plan(preset("nlb-ip"), o);
  ASSERT_EQ(p.nlb.deregistrationDelaySeconds.size(), 1u);
  EXPECT_EQ(p.nlb.deregistrationDelaySeconds.begin()->first, "");
  EXPECT_EQ(p.nlb.deregistrationDelaySeconds.begin()->second.value, 200);  // G
  EXPECT_EQ(p.nlb.deregistrationDelaySeconds.begin()->second.rule, "NL5");
}

// NL6: with connection termination on, the delay must outlast the sleep and the shutdown.
TEST(NlbModel, ConnectionTerminationRaisesTheDelayToPreStopPlusShutdown) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.nlb.delays[0].deregistrationDelaySeconds = 60;
  o.nlb.delays[0].connectionTermination = true;
  const timing::Evaluation ev = timing::evaluate(preset("nlb-ip"), o);
  ASSERT_EQ(ev.plan.nlb.deregistrationDelaySeconds.count(""), 1u);
  EXPECT_EQ(ev.plan.nlb.deregistrationDelaySeconds.at("").value, 195);
  EXPECT_EQ(ev.plan.nlb.deregistrationDelaySeconds.at("").rule, "NL6");
  for (const timing::Violation& v : ev.violationsAfter) EXPECT_NE(v.id, "NL6") << v.message;
}

// NL6 where only a per-port copy turns connection termination on and takes the Service-wide
// delay: that delay is the one raised.
TEST(NlbModel, APerPortTerminationRaisesTheServiceWideDelayItTakes) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.nlb.delays[0].deregistrationDelaySeconds = 180;
  ObservedNlbDelay port;
  port.port = "443";
  port.connectionTermination = true;
  o.nlb.delays.push_back(port);
  const timing::Evaluation ev = timing::evaluate(preset("nlb-ip"), o);
  ASSERT_EQ(ev.plan.nlb.deregistrationDelaySeconds.count(""), 1u);
  EXPECT_EQ(ev.plan.nlb.deregistrationDelaySeconds.at("").value, 195);
  for (const timing::Violation& v : ev.violationsAfter) EXPECT_NE(v.id, "NL6") << v.message;
}

// With termination on, a delay above the grace period is kept (another workload behind the
// Service may need it) and NL5, advice only, is not reported.
TEST(NlbModel, WithTerminationOnALongDelayIsKeptAndNotReported) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.nlb.delays[0].deregistrationDelaySeconds = 300;
  ObservedNlbDelay port;
  port.port = "443";
  port.connectionTermination = true;
  o.nlb.delays.push_back(port);
  const timing::Evaluation ev = timing::evaluate(preset("nlb-ip"), o);
  EXPECT_TRUE(ev.plan.nlb.deregistrationDelaySeconds.empty());
  for (const timing::Violation& v : ev.violationsAfter) EXPECT_NE(v.id, "NL5") << v.message;
}

// A UDP or TCP_UDP target group has connection termination on by default (AWS): its delay is
// not lowered below the preStop sleep + shutdown.
TEST(NlbModel, AUdpTargetGroupTerminatesConnectionsByDefault) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.nlb.udpPorts = {"443"};
  o.nlb.delays[0].deregistrationDelaySeconds = 60;
  const timing::Plan p = timing::plan(preset("nlb-ip"), o);
  ASSERT_EQ(p.nlb.deregistrationDelaySeconds.count(""), 1u);
  EXPECT_EQ(p.nlb.deregistrationDelaySeconds.at("").value, 195);
  EXPECT_EQ(p.nlb.deregistrationDelaySeconds.at("").rule, "NL6");
}

// Z11: the Service's annotations also reach a workload the function does not manage.
TEST(NlbModel, SharedSettingsAreHeldWhole) {
  Observed o = workload();
  o.nlb.localTrafficPolicy = true;
  o.lbSharedWith = "Deployment \"other\" (zero-downtime.dev/skip)";
  const timing::Plan p = timing::plan(preset("nlb-instance"), o);
  EXPECT_FALSE(p.nlb.healthCheckTimeoutSeconds);
  EXPECT_TRUE(p.nlb.deregistrationDelaySeconds.empty());
  EXPECT_TRUE(p.nlb.unhealthyTermination.empty());
  EXPECT_TRUE(p.nlb.unhealthyDrainingSeconds.empty());
}

// NL13: behind Local the NLB would reset a failed node's connections while its pods drain.
TEST(NlbModel, LocalTrafficPolicyTurnsUnhealthyResetsOffWithADrainingInterval) {
  Observed o = workload();
  o.nlb.localTrafficPolicy = true;
  const timing::Evaluation ev = timing::evaluate(preset("nlb-instance"), o);
  ASSERT_EQ(ev.plan.nlb.unhealthyTermination.count(""), 1u);
  EXPECT_FALSE(ev.plan.nlb.unhealthyTermination.at("").value);
  EXPECT_EQ(ev.plan.nlb.unhealthyDrainingSeconds.at("").value, 55);  // preStop 40 + shutdown 15
  for (const timing::Violation& v : ev.violationsAfter) EXPECT_NE(v.id, "NL13") << v.message;
  o.nlb.localTrafficPolicy = false;
  EXPECT_TRUE(timing::plan(preset("nlb-instance"), o).nlb.unhealthyTermination.empty());
}

// NL9 without a gate, and K8's time to Ready behind one: registration + HH x HI + HT.
TEST(NlbModel, WithoutAGateMinReadySecondsCoversRegistrationAndHealthChecks) {
  Observed o = workload();
  o.nlb.targetType = "ip";
  o.namespaceInInput = false;  // the label cannot be written here
  const timing::Plan p = timing::plan(preset("nlb-ip"), o);
  ASSERT_TRUE(p.minReadySeconds);
  EXPECT_EQ(p.minReadySeconds->value, 180 + 2 * 10 + 6 + 5);
  EXPECT_EQ(p.minReadySeconds->rule, "NL9");
}

}  // namespace
}  // namespace zd
