// The graph: which workloads sit behind the preset's load balancer.
#include "scope/graph.h"

#include <gtest/gtest.h>

#include "adapters/registry.h"
#include "krm/envelope.h"
#include "yaml/parse.h"

namespace zd::scope {
namespace {

struct Fixture {
  yaml::Tree tree;
  krm::Envelope env;
  ObjectIndex index;
  Graph graph;
  std::vector<krm::Result> results;

  explicit Fixture(const std::string& yamlText, std::vector<std::string> classes = {"alb"}) {
    EXPECT_FALSE(yaml::parseStream(yamlText, yaml::Limits{}, tree));
    env = krm::readEnvelope(tree, results);
    index = buildIndex(tree, env);
    timing::Knobs k;
    k.ingress.ingressClassNames = std::move(classes);
    k.ingress.ingressControllers = {"ingress.k8s.aws/alb"};
    graph = buildGraph(tree, env, index, k, ScopeOptions{},
                       adapters::doorsOf(k.preset)[0].frontDoor(), results);
  }
  std::string nameOf(size_t object) const { return std::string(index.objects[object].name); }
};

std::string deployment(const std::string& name, const std::string& ns, const std::string& app,
                       const std::string& containers) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
         "\n  namespace: " + ns +
         "\nspec:\n  template:\n    metadata:\n      labels:\n        app: " + app +
         "\n        tier: web\n    spec:\n      containers:\n" + containers + "---\n";
}

std::string service(const std::string& name, const std::string& ns, const std::string& selector,
                    const std::string& targetPort = "http") {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
         "\nspec:\n  selector:\n" + selector +
         "  ports:\n  - name: web\n    port: 80\n    targetPort: " + targetPort + "\n---\n";
}

std::string ingress(const std::string& ns, const std::string& cls, const std::string& svc) {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\n  namespace: " +
         ns + "\nspec:\n  ingressClassName: " + cls +
         "\n  defaultBackend:\n    service:\n      name: " + svc +
         "\n      port:\n        number: 80\n---\n";
}

const std::string kOneContainer =
    "      - name: app\n        ports:\n        - name: http\n          containerPort: 8080\n";
const std::string kTwoContainers =
    kOneContainer + "      - name: sidecar\n        ports:\n        - containerPort: 9000\n";

TEST(Graph, IngressServiceWorkloadContainer) {
  Fixture f(deployment("web", "a", "web", kTwoContainers) + service("web", "a", "    app: web\n") +
            ingress("a", "alb", "web"));
  ASSERT_EQ(f.graph.targets.size(), 1u);
  EXPECT_EQ(f.nameOf(f.graph.targets[0].workload), "web");
  EXPECT_EQ(f.graph.targets[0].serving->containers,
            (std::vector<ContainerRef>{{false, 0}}));  // only the one exposing "http"
  EXPECT_EQ(f.graph.targets[0].bindings->size(), 1u);
}

TEST(Graph, SelectorMustMatchEveryLabelAndStayInTheNamespace) {
  Fixture f(deployment("web", "a", "web", kOneContainer) +
            deployment("web", "b", "web", kOneContainer) +
            deployment("other", "a", "other", kOneContainer) +
            service("web", "a", "    app: web\n    tier: web\n") + ingress("a", "alb", "web"));
  ASSERT_EQ(f.graph.targets.size(), 1u);
  EXPECT_EQ(f.index.objects[f.graph.targets[0].workload].ns, "a");
}

TEST(Graph, OtherControllersAreOutOfScope) {
  Fixture f(deployment("web", "a", "web", kOneContainer) + service("web", "a", "    app: web\n") +
            ingress("a", "nginx", "web"));
  EXPECT_TRUE(f.graph.targets.empty());
  EXPECT_TRUE(f.graph.frontDoors.empty());
}

TEST(Graph, IngressClassObjectNamesTheController) {
  std::string cls =
      "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\nspec:\n"
      "  controller: ingress.k8s.aws/alb\n---\n";
  Fixture f(cls + deployment("web", "a", "web", kOneContainer) +
            service("web", "a", "    app: web\n") + ingress("a", "public", "web"));
  EXPECT_EQ(f.graph.targets.size(), 1u);
}

TEST(Graph, MissingServiceAndEmptySelectionAreWarnings) {
  Fixture f(service("lonely", "a", "    app: nothing\n") + ingress("a", "alb", "lonely") +
            ingress("a", "alb", "absent"));
  EXPECT_TRUE(f.graph.targets.empty());
  ASSERT_EQ(f.results.size(), 2u);
  for (const krm::Result& r : f.results) EXPECT_EQ(r.severity, krm::Severity::Warning);
}

TEST(Graph, NumericTargetPortMatchesContainerPort) {
  Fixture f(deployment("web", "a", "web", kTwoContainers) +
            service("web", "a", "    app: web\n", "9000") + ingress("a", "alb", "web"));
  ASSERT_EQ(f.graph.targets.size(), 1u);
  EXPECT_EQ(f.graph.targets[0].serving->containers, (std::vector<ContainerRef>{{false, 1}}));
}

TEST(Graph, TargetsAreInInputOrderWhicheverFrontDoorFindsThemFirst) {
  Fixture f(deployment("one", "a", "one", kOneContainer) +
            deployment("two", "a", "two", kOneContainer) + service("one", "a", "    app: one\n") +
            service("two", "a", "    app: two\n") + ingress("a", "alb", "two") +
            ingress("a", "alb", "one"));
  ASSERT_EQ(f.graph.targets.size(), 2u);
  EXPECT_EQ(f.nameOf(f.graph.targets[0].workload), "one");
  EXPECT_EQ(f.nameOf(f.graph.targets[1].workload), "two");
}

TEST(Graph, WorkloadsBehindTheSameEdgesShareThem) {
  Fixture f(deployment("one", "a", "web", kOneContainer) +
            deployment("two", "a", "web", kOneContainer) + service("web", "a", "    app: web\n") +
            ingress("a", "alb", "web"));
  ASSERT_EQ(f.graph.targets.size(), 2u);
  const Target& one = f.graph.targets[0];
  const Target& two = f.graph.targets[1];
  EXPECT_EQ(one.bindings.get(), two.bindings.get());
  EXPECT_EQ(one.targetPorts.get(), two.targetPorts.get());
  EXPECT_EQ(one.serving.get(), two.serving.get());
}

TEST(Graph, TargetPortsOfEveryServiceInFrontOfTheWorkload) {
  Fixture f(deployment("web", "a", "web", kTwoContainers) +
            service("web", "a", "    app: web\n", "http") +
            service("admin", "a", "    app: web\n", "9000") + ingress("a", "alb", "web") +
            ingress("a", "alb", "admin"));
  ASSERT_EQ(f.graph.targets.size(), 1u);
  const Target& target = f.graph.targets[0];
  EXPECT_EQ(*target.targetPorts, (std::vector<std::string>{"http", "9000"}));
  EXPECT_EQ(target.bindings->size(), 2u);
  EXPECT_EQ(target.serving->containers, (std::vector<ContainerRef>{{false, 0}, {false, 1}}));
}

}  // namespace
}  // namespace zd::scope
