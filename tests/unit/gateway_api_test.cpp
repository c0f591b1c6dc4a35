// Gateway API pieces on their own: whose a route is (parent Gateways, their classes, a kustomize
// rename), the order in which the AWS Load Balancer Controller merges TargetGroupConfiguration
// blocks for one route, and AGC's durations. The golden cases (testdata/golden/gw-*, agc-*) show
// them end to end.
#include <gtest/gtest.h>

#include "adapters/agc/fields.h"
#include "adapters/lbc_gateway/props_chain.h"
#include "indexed_input.h"
#include "scope/route_front_door.h"

namespace zd {
namespace {

using Input = test::IndexedInput;

timing::Knobs preset(const char* name) { return test::presetKnobs(name); }

const std::string kRoute =
    "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, "
    "namespace: shop}\nspec:\n  parentRefs: [{name: public}]\n  rules:\n  - backendRefs: [{name: "
    "web, port: 80}]\n";

scope::ClassMatch claim(const Input& in, const timing::Knobs& k) {
  const size_t route = in.find("HTTPRoute", "web");
  return scope::routeClaims(in.tree, in.index.objects[route].node, in.index, k,
                            {"HTTPRoute", "GRPCRoute"});
}

TEST(RouteClaims, ByTheGatewayClassControllerOrTheConfigsNames) {
  const std::string gw =
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, "
      "namespace: shop}\nspec: {gatewayClassName: edge}\n";
  const std::string cls =
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\n"
      "metadata: {name: edge}\nspec: {controllerName: ";
  timing::Knobs k = preset("alb-ip");
  EXPECT_EQ(claim(Input(kRoute + gw + cls + "gateway.k8s.aws/alb}\n"), k), scope::ClassMatch::Ours);
  EXPECT_EQ(claim(Input(kRoute + gw + cls + "istio.io/gateway-controller}\n"), k),
            scope::ClassMatch::Other);
  // The class not in the input: unknown unless the config names it.
  EXPECT_EQ(claim(Input(kRoute + gw), k), scope::ClassMatch::Ambiguous);
  k.gateway.gatewayClassNames = {"edge"};
  EXPECT_EQ(claim(Input(kRoute + gw), k), scope::ClassMatch::Ours);
  // The Gateway not in the input: only a name in gatewayNames settles it.
  EXPECT_EQ(claim(Input(kRoute), k), scope::ClassMatch::Unknown);
  k.gateway.gatewayNames = {"shop/public"};
  EXPECT_EQ(claim(Input(kRoute), k), scope::ClassMatch::Ours);
  // The wrong kind for the load balancer: never its.
  const Input in(kRoute);
  EXPECT_EQ(scope::routeClaims(in.tree, in.tree.docs()[0], in.index, k, {"TCPRoute"}),
            scope::ClassMatch::Other);
}

TEST(RouteClaims, AGatewayRenamedByKustomizeIsFoundByItsOldName) {
  const std::string gw =
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: "
      "staging-public\n  namespace: shop\n  annotations:\n    "
      "internal.config.kubernetes.io/previousNames: public\n    "
      "internal.config.kubernetes.io/previousKinds: Gateway\nspec: {gatewayClassName: edge}\n"
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: "
      "edge}\nspec: {controllerName: gateway.k8s.aws/alb}\n";
  EXPECT_EQ(claim(Input(kRoute + gw), preset("alb-ip")), scope::ClassMatch::Ours);
}

// The blocks for one route, highest priority first: the Service's route entry and default, then
// the Gateway-level default's route entry and default.
TEST(PropsChain, ServiceBlocksBeforeTheGatewayDefaultsRouteEntriesBeforeDefaults) {
  const std::string text =
      kRoute +
      "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, "
      "namespace: shop}\nspec:\n  gatewayClassName: edge\n  infrastructure:\n    parametersRef: "
      "{group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}\n"
      "---\napiVersion: gateway.k8s.aws/v1beta1\nkind: LoadBalancerConfiguration\nmetadata: {name: "
      "lbc, namespace: shop}\nspec: {defaultTargetGroupConfiguration: {name: defaults}}\n"
      "---\napiVersion: gateway.k8s.aws/v1\nkind: TargetGroupConfiguration\nmetadata: {name: "
      "defaults, namespace: shop}\nspec:\n  defaultConfiguration: {targetType: instance}\n"
      "  routeConfigurations:\n  - {routeIdentifier: {kind: GRPCRoute}, targetGroupProps: {}}\n"
      "  - {routeIdentifier: {kind: HTTPRoute}, targetGroupProps: {}}\n"
      "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: "
      "{selector: {app: web}}\n"
      "---\napiVersion: gateway.k8s.aws/v1\nkind: TargetGroupConfiguration\nmetadata: {name: own, "
      "namespace: shop}\nspec:\n  targetReference: {name: web}\n  defaultConfiguration: {}\n"
      "  routeConfigurations:\n  - {routeIdentifier: {kind: HTTPRoute}, targetGroupProps: {}}\n"
      "  - {routeIdentifier: {kind: HTTPRoute, namespace: shop, name: web}, targetGroupProps: {}}\n"
      "  - {routeIdentifier: {kind: HTTPRoute, namespace: shop, name: other}, targetGroupProps: "
      "{}}\n";
  Input in(text);
  const adapters::gateway::PropsChain c = adapters::gateway::propsChain(
      in.tree, in.index, in.find("HTTPRoute", "web"), in.find("Service", "web"));
  ASSERT_TRUE(c.own.has_value());
  EXPECT_EQ(*c.own, in.find("TargetGroupConfiguration", "own"));
  EXPECT_EQ(c.ownBlocks, 2u);
  std::vector<std::string> paths;
  for (const auto& b : c.blocks)
    paths.push_back(std::string(in.index.objects[b.object].name) + " " + b.path);
  const std::vector<std::string> want = {
      "own spec.routeConfigurations[1].targetGroupProps",  // kind, namespace and name: closest
      "own spec.defaultConfiguration", "defaults spec.routeConfigurations[1].targetGroupProps",
      "defaults spec.defaultConfiguration"};
  EXPECT_EQ(paths, want);
  const auto* tt = adapters::gateway::firstWith(in.tree, c, "targetType");
  ASSERT_NE(tt, nullptr);
  EXPECT_EQ(tt->path, "spec.defaultConfiguration");
  EXPECT_EQ(in.index.objects[tt->object].name, "defaults");
}

TEST(AgcDuration, ReadAsGoReadsThem) {
  using adapters::agc::durationSeconds;
  EXPECT_EQ(durationSeconds("5s"), 5);
  EXPECT_EQ(durationSeconds("1m30s"), 90);
  EXPECT_EQ(durationSeconds("1.5m"), 90);
  EXPECT_EQ(durationSeconds("500ms"), 1);  // rounded up: a probe's seconds
  EXPECT_EQ(durationSeconds("+5s"), 5);
  EXPECT_EQ(durationSeconds("0"), 0);
  EXPECT_EQ(durationSeconds("-1s"), -1);
  EXPECT_EQ(durationSeconds("1h"), 3600);
  EXPECT_FALSE(durationSeconds("5"));
  EXPECT_FALSE(durationSeconds("5 seconds"));
  EXPECT_FALSE(durationSeconds(""));
  EXPECT_FALSE(durationSeconds("1.2.3s"));
  EXPECT_FALSE(durationSeconds("s"));
}

}  // namespace
}  // namespace zd
