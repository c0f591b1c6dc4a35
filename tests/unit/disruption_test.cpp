// Node drains: label selectors and PodDisruptionBudget arithmetic as the API server and the
// disruption controller read them, and what a run makes of budgets, autoscalers and replicas.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "disruption/budget.h"
#include "disruption/label_selector.h"
#include "indexed_input.h"
#include "krm/run.h"
#include "test_support.h"

namespace zd {
namespace {

using disruption::Budget;
using disruption::Labels;

std::optional<Budget> budgetOf(const std::string& spec, std::vector<krm::Result>& errors,
                               const std::string& apiVersion = "policy/v1") {
  test::IndexedInput in("apiVersion: " + apiVersion +
                        "\nkind: PodDisruptionBudget\nmetadata:\n  name: web\n  namespace: shop\n"
                        "spec:\n" +
                        spec);
  return disruption::readBudget(in.tree, in.index.objects[0].node, 0, errors);
}

Budget budgetOk(const std::string& spec, const std::string& apiVersion = "policy/v1") {
  std::vector<krm::Result> errors;
  std::optional<Budget> b = budgetOf(spec, errors, apiVersion);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  return b ? *b : Budget{};
}

std::string budgetError(const std::string& spec) {
  std::vector<krm::Result> errors;
  EXPECT_FALSE(budgetOf(spec, errors));
  return errors.empty() ? "" : errors[0].fieldPath + ": " + errors[0].message;
}

TEST(LabelSelector, EveryOperatorMatchesAsTheApiServerDoes) {
  const Budget b = budgetOk(
      "  selector:\n    matchLabels: {app: web}\n    matchExpressions:\n"
      "    - {key: tier, operator: In, values: [front, edge]}\n"
      "    - {key: track, operator: NotIn, values: [canary]}\n"
      "    - {key: team, operator: Exists}\n"
      "    - {key: legacy, operator: DoesNotExist}\n"
      "  maxUnavailable: 1\n");
  EXPECT_TRUE(b.selects(Labels{{"app", "web"}, {"tier", "edge"}, {"team", "x"}}));
  // NotIn holds for a pod without the label at all.
  EXPECT_TRUE(b.selects(Labels{{"app", "web"}, {"tier", "front"}, {"team", "x"}}));
  EXPECT_FALSE(b.selects(Labels{{"app", "web"}, {"tier", "back"}, {"team", "x"}}));
  EXPECT_FALSE(
      b.selects(Labels{{"app", "web"}, {"tier", "edge"}, {"team", "x"}, {"track", "canary"}}));
  EXPECT_FALSE(b.selects(Labels{{"app", "web"}, {"tier", "edge"}}));
  EXPECT_FALSE(b.selects(Labels{{"app", "web"}, {"tier", "edge"}, {"team", "x"}, {"legacy", "1"}}));
  EXPECT_FALSE(b.selects(Labels{{"app", "api"}, {"tier", "edge"}, {"team", "x"}}));
}

TEST(LabelSelector, AnEmptySelectorSelectsAllInV1AndNothingInV1beta1) {
  EXPECT_TRUE(budgetOk("  selector: {}\n  maxUnavailable: 1\n").selects(Labels{{"a", "b"}}));
  EXPECT_FALSE(budgetOk("  selector: {}\n  maxUnavailable: 1\n", "policy/v1beta1")
                   .selects(Labels{{"a", "b"}}));
  EXPECT_FALSE(budgetOk("  maxUnavailable: 1\n").selects(Labels{{"a", "b"}}));  // no selector
}

TEST(LabelSelector, WhatTheApiServerRefusesIsAnErrorNamingTheField) {
  EXPECT_EQ(
      budgetError(
          "  selector:\n    matchExpressions:\n    - {key: a, operator: Is, values: [x]}\n"),
      "spec.selector.matchExpressions[0].operator: `spec.selector.matchExpressions[0].operator` "
      "must be In, NotIn, Exists or DoesNotExist");
  EXPECT_NE(budgetError("  selector:\n    matchExpressions:\n    - {key: a, operator: In}\n")
                .find("spec.selector.matchExpressions[0].values"),
            std::string::npos);
  EXPECT_NE(budgetError("  selector:\n    matchExpressions:\n    - {key: a, operator: Exists, "
                        "values: [x]}\n")
                .find("must be empty"),
            std::string::npos);
  EXPECT_NE(budgetError("  selector:\n    matchLabels: {enabled: true}\n").find("quote it"),
            std::string::npos);
  EXPECT_NE(budgetError("  selector:\n    matchExpressions: {key: a}\n").find("list"),
            std::string::npos);
  // A quoted "true" is a string, as kubectl reads it.
  budgetOk("  selector:\n    matchLabels: {enabled: \"true\"}\n  maxUnavailable: 1\n");
}

TEST(Budget, ValuesTheApiServerRefusesAreErrors) {
  EXPECT_NE(budgetError("  minAvailable: 150%\n").find("at most 100%"), std::string::npos);
  EXPECT_NE(budgetError("  maxUnavailable: -1\n").find("negative"), std::string::npos);
  EXPECT_NE(budgetError("  minAvailable: 1\n  maxUnavailable: 1\n").find("both"),
            std::string::npos);
  EXPECT_NE(budgetError("  maxUnavailable: one\n").find("integer or a percentage"),
            std::string::npos);
  budgetOk("  minAvailable: 100%\n");
  budgetOk("  maxUnavailable: 0\n");
}

TEST(Budget, PercentagesRoundUpAsTheDisruptionControllerRoundsThem) {
  // minAvailable 90% of 2 keeps ceil(1.8) = 2: no eviction ever.
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  minAvailable: 90%\n"), 2), 2);
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  minAvailable: 90%\n"), 20), 18);
  // maxUnavailable 10% of 3 lets ceil(0.3) = 1 go.
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  maxUnavailable: 10%\n"), 3), 2);
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  maxUnavailable: 0%\n"), 3), 3);
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  minAvailable: 3\n"), 3), 3);
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  minAvailable: 2\n"), 3), 2);
  EXPECT_EQ(disruption::desiredHealthy(budgetOk("  maxUnavailable: 5\n"), 3), 0);
}

// A Deployment behind an ALB with `replicas` lines and an HPA or PDBs after it.
std::string app(const std::string& replicas, const std::string& more = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n" +
         replicas +
         "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
         "    spec:\n      containers:\n      - name: web\n        image: "
         "registry.example.com/web:1\n"
         "        ports: [{containerPort: 8080}]\n"
         "        readinessProbe: {httpGet: {path: /ready, port: 8080}}\n---\n"
         "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
         "spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n---\n"
         "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: "
         "shop\n"
         "  annotations: {alb.ingress.kubernetes.io/target-type: ip}\nspec:\n  ingressClassName: "
         "alb\n"
         "  defaultBackend: {service: {name: web, port: {number: 80}}}\n" +
         more;
}

std::vector<std::string> drainResults(const krm::RunOutput& o) {
  std::vector<std::string> out;
  for (const krm::Result& r : o.results) {
    if (r.message.rfind("DR", 0) == 0)
      out.push_back(r.resource->kind + "/" + r.resource->name + " " + r.message.substr(0, 3));
  }
  return out;
}

const char* kHpa =
    "---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, "
    "namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: "
    "web}\n  maxReplicas: 10\n";

TEST(Drains, AnAutoscalersMinReplicasDecides) {
  // replicas omitted (1), the HPA keeps at least 3: a budget is created.
  krm::RunOutput o =
      krm::run(app("", std::string(kHpa) + "  minReplicas: 3\n"), test::presetOptions("alb-ip"));
  EXPECT_EQ(drainResults(o), std::vector<std::string>{"PodDisruptionBudget/web DR1"});
  // replicas 5, but the HPA may scale to 1: a single replica (DR4, on the HPA), nothing created.
  o = krm::run(app("  replicas: 5\n", kHpa), test::presetOptions("alb-ip"));
  EXPECT_EQ(drainResults(o), std::vector<std::string>{"HorizontalPodAutoscaler/web DR4"});
  EXPECT_EQ(o.out.find("PodDisruptionBudget"), std::string::npos);
}

TEST(Drains, ASecondRunCreatesNothing) {
  krm::RunOutput first = krm::run(app("  replicas: 3\n"), test::presetOptions("alb-ip"));
  ASSERT_EQ(first.exitCode, 0) << first.err;
  krm::RunOutput second = krm::run(first.out, test::presetOptions("alb-ip"));
  EXPECT_EQ(second.out, first.out);
  EXPECT_TRUE(drainResults(second).empty());
}

TEST(Drains, ExistingBudgetsAreCheckedNeverRewritten) {
  const std::string pdb =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: strict, namespace: "
      "shop}\nspec:\n  minAvailable: 100%\n  selector: {matchLabels: {app: web}}\n";
  krm::RunOutput o = krm::run(app("  replicas: 3\n", pdb), test::presetOptions("alb-ip"));
  EXPECT_EQ(drainResults(o), std::vector<std::string>{"PodDisruptionBudget/strict DR2"});
  EXPECT_NE(o.out.find("minAvailable: 100%"), std::string::npos);
  // Two budgets over the same pods: the eviction API refuses them all.
  const std::string second =
      "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: loose, namespace: "
      "shop}\nspec:\n  maxUnavailable: 1\n  selector: {matchExpressions: [{key: app, operator: "
      "Exists}]}\n";
  o = krm::run(app("  replicas: 3\n", pdb + second), test::presetOptions("alb-ip"));
  EXPECT_EQ(drainResults(o), std::vector<std::string>{"Deployment/web DR6"});
}

TEST(Drains, NoBudgetIsCreatedWhenConfigSaysNo) {
  krm::RunOptions options = test::presetOptions("alb-ip");
  krm::Setting off;
  off.key = "createPodDisruptionBudgets";
  off.where = "--create-pod-disruption-budgets";
  off.text = "false";
  options.flags.push_back(off);
  krm::RunOutput o = krm::run(app("  replicas: 3\n"), options);
  EXPECT_EQ(o.out.find("PodDisruptionBudget"), std::string::npos);
  EXPECT_EQ(drainResults(o), std::vector<std::string>{"Deployment/web DR1"});
  EXPECT_NE(o.err.find("createPodDisruptionBudgets is false"), std::string::npos) << o.err;
}

TEST(Drains, NoBudgetIsCreatedThatWouldAlsoSelectAnotherWorkloadsPods) {
  // A canary whose pods carry app: web too: a budget with web's selector would cover them, and
  // with the canary's own budget its pods would be under two.
  const std::string canary =
      "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-canary, namespace: "
      "shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web, track: canary}}\n"
      "  template:\n    metadata: {labels: {app: web, track: canary}}\n    spec:\n"
      "      containers: [{name: web, image: registry.example.com/web:2}]\n";
  krm::RunOutput o = krm::run(app("  replicas: 3\n", canary), test::presetOptions("alb-ip"));
  ASSERT_EQ(o.exitCode, 0) << o.err;
  EXPECT_NE(o.err.find("also selects the pods of Deployment/shop/web-canary"), std::string::npos)
      << o.err;
  EXPECT_EQ(o.out.find("kind: PodDisruptionBudget\nmetadata:\n  name: web\n"), std::string::npos);
}

TEST(Drains, AMalformedBudgetFailsTheRunAndChangesNothing) {
  const std::string input =
      app("  replicas: 3\n",
          "---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, "
          "namespace: shop}\nspec:\n  maxUnavailable: 120%\n  selector: {matchLabels: {app: "
          "web}}\n");
  krm::RunOutput o = krm::run(input, test::presetOptions("alb-ip"));
  EXPECT_EQ(o.exitCode, 1);
  EXPECT_NE(o.err.find("PodDisruptionBudget/shop/web spec.maxUnavailable"), std::string::npos)
      << o.err;
}

}  // namespace
}  // namespace zd
