// The scope's lookups one by one: Services by old names and namespaces, ALB actions, the default
// IngressClass, serving containers. The golden cases show them end to end.
#include <gtest/gtest.h>

#include "krm/envelope.h"
#include "scope/backends.h"
#include "scope/ingress_class.h"
#include "scope/service_lookup.h"
#include "scope/serving.h"
#include "yaml/parse.h"

namespace zd::scope {
namespace {

struct Input {
  yaml::Tree tree;
  krm::Envelope env;
  ObjectIndex index;
  std::vector<krm::Result> results;

  explicit Input(const std::string& text) {
    EXPECT_FALSE(yaml::parseStream(text, yaml::Limits{}, tree));
    env = krm::readEnvelope(tree, results);
    index = buildIndex(tree, env);
  }
  yaml::NodeId doc(size_t i) const { return tree.docs()[i]; }
};

std::string service(const std::string& name, const std::string& ns,
                    const std::string& annotations = "") {
  std::string out = "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n";
  if (!ns.empty()) out += "  namespace: " + ns + "\n";
  if (!annotations.empty()) out += "  annotations:\n" + annotations;
  return out + "spec:\n  selector: {app: web}\n---\n";
}

TEST(ServiceLookup, CurrentNameThenKustomizePreviousNames) {
  Input in(service("prod-web-v2", "prod",
                   "    internal.config.kubernetes.io/previousNames: web,web\n"
                   "    internal.config.kubernetes.io/previousKinds: Service,Service\n"));
  EXPECT_EQ(findService(in.index, "prod", "prod-web-v2").service, std::optional<size_t>(0));
  EXPECT_EQ(findService(in.index, "prod", "web").service, std::optional<size_t>(0));
  // The namespace transformer moved both objects: an old name only counts in the current one.
  EXPECT_FALSE(findService(in.index, "default", "web").service);
}

// kustomize matches a reference by the Service's original name: with nameSuffix -v2, a base's
// "web" becomes "web-v2" and its "web-v2" becomes "web-v2-v2"; the Ingress's "web-v2" means the
// latter, though another Service now has that name.
TEST(ServiceLookup, OriginalNamesWinOverACurrentNameThatCollides) {
  Input in(
      service("web-v2", "prod", "    internal.config.kubernetes.io/previousNames: web\n") +
      service("web-v2-v2", "prod", "    internal.config.kubernetes.io/previousNames: web-v2\n"));
  EXPECT_EQ(findService(in.index, "prod", "web-v2").service, std::optional<size_t>(1));
  EXPECT_EQ(findService(in.index, "prod", "web").service, std::optional<size_t>(0));
}

// kustomize never rewrites names inside an annotation (an ALB action's JSON): only the current
// name reaches a Service there, and the message says why the old one does not.
TEST(ServiceLookup, ALiteralReferenceMatchesCurrentNamesOnly) {
  Input in(service("prod-web", "prod", "    internal.config.kubernetes.io/previousNames: web\n"));
  ServiceLookup literal = findService(in.index, "prod", "web", Reference::Literal);
  EXPECT_FALSE(literal.service);
  EXPECT_NE(literal.problem.find("never rewrites names inside an annotation"), std::string::npos)
      << literal.problem;
  EXPECT_EQ(findService(in.index, "prod", "prod-web", Reference::Literal).service,
            std::optional<size_t>(0));
}

TEST(ServiceLookup, TwoServicesRenamedFromOneNameAreAmbiguous) {
  const std::string prev = "    internal.config.kubernetes.io/previousNames: web\n";
  Input in(service("a-web", "prod", prev) + service("b-web", "prod", prev));
  ServiceLookup found = findService(in.index, "prod", "web");
  EXPECT_FALSE(found.service);
  EXPECT_NE(found.problem.find("a-web, b-web"), std::string::npos) << found.problem;
}

TEST(ServiceLookup, AnOldNameOfAnotherKindIsNotAService) {
  Input in(service("web", "prod",
                   "    internal.config.kubernetes.io/previousNames: api\n"
                   "    internal.config.kubernetes.io/previousKinds: Deployment\n"));
  EXPECT_FALSE(findService(in.index, "prod", "api").service);
}

TEST(ServiceLookup, LocalConfigAndUnplacedNamespacesAreNamedNotMatched) {
  Input in(service("fixture", "shop", "    config.kubernetes.io/local-config: \"true\"\n") +
           service("web", "default") + service("api", ""));
  ServiceLookup local = findService(in.index, "shop", "fixture");
  EXPECT_FALSE(local.service);
  EXPECT_NE(local.problem.find("local-config"), std::string::npos);
  ServiceLookup web = findService(in.index, "", "web");
  EXPECT_FALSE(web.service);
  EXPECT_NE(web.problem.find("only in namespace default"), std::string::npos) << web.problem;
  ServiceLookup api = findService(in.index, "shop", "api");
  EXPECT_FALSE(api.service);
  EXPECT_NE(api.problem.find("without a namespace"), std::string::npos) << api.problem;
  EXPECT_EQ(findService(in.index, "", "api").service, std::optional<size_t>(2));
}

std::string ingressWithAction(const std::string& action) {
  return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\n  annotations:\n"
         "    alb.ingress.kubernetes.io/actions.split: '" +
         action +
         "'\nspec:\n  defaultBackend:\n    service:\n      name: split\n      port:\n        name: "
         "use-annotation\n";
}

TEST(AlbActions, ForwardConfigTargetGroupsAreTheServices) {
  Input in(ingressWithAction(R"({"type":"forward","forwardConfig":{"targetGroups":[)"
                             R"({"serviceName":"blue","servicePort":"80","weight":1},)"
                             R"({"serviceName":"green","servicePort":"http","weight":1},)"
                             R"({"targetGroupARN":"arn:x","weight":1}]}})"));
  IngressBackends b = ingressBackends(in.tree, in.doc(0), true);
  ASSERT_EQ(b.refs.size(), 2u);
  EXPECT_TRUE(b.problems.empty());
  EXPECT_EQ(b.refs[0].service, "blue");
  EXPECT_FALSE(b.refs[0].portIsName);  // "80" is the number 80 to the controller
  EXPECT_EQ(b.refs[1].port, "http");
  EXPECT_TRUE(b.refs[1].portIsName);
  EXPECT_EQ(b.refs[0].action, "alb.ingress.kubernetes.io/actions.split");
}

TEST(AlbActions, KeysMatchWithoutCaseAsGoDoes) {
  Input in(ingressWithAction(
      R"({"Type":"forward","ForwardConfig":{"TargetGroups":[{"ServiceName":"web","ServicePort":80}]}})"));
  IngressBackends b = ingressBackends(in.tree, in.doc(0), true);
  ASSERT_EQ(b.refs.size(), 1u);
  EXPECT_EQ(b.refs[0].service, "web");
}

TEST(AlbActions, ResponsesAndRedirectsLeadNowhereWithoutComplaint) {
  for (const char* action :
       {R"({"type":"fixed-response","fixedResponseConfig":{"statusCode":"404"}})",
        R"({"type":"redirect","redirectConfig":{"statusCode":"HTTP_301"}})",
        R"({"type":"forward","targetGroupARN":"arn:x"})"}) {
    Input in(ingressWithAction(action));
    IngressBackends b = ingressBackends(in.tree, in.doc(0), true);
    EXPECT_TRUE(b.refs.empty()) << action;
    EXPECT_TRUE(b.problems.empty()) << action;
  }
}

TEST(AlbActions, WithoutTheAlbPresetUseAnnotationIsAPortName) {
  Input in(ingressWithAction(R"({"type":"forward","targetGroupARN":"arn:x"})"));
  IngressBackends b = ingressBackends(in.tree, in.doc(0), false);
  ASSERT_EQ(b.refs.size(), 1u);
  EXPECT_EQ(b.refs[0].service, "split");
  EXPECT_EQ(b.refs[0].port, "use-annotation");
}

TEST(AlbActions, MissingActionIsAWarningAndBadJsonAnError) {
  Input missing(
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\nspec:\n"
      "  defaultBackend:\n    service:\n      name: split\n      port:\n        name: "
      "use-annotation\n");
  IngressBackends m = ingressBackends(missing.tree, missing.doc(0), true);
  ASSERT_EQ(m.problems.size(), 1u);
  EXPECT_FALSE(m.problems[0].error);
  Input bad(ingressWithAction("{type: forward}"));
  IngressBackends b = ingressBackends(bad.tree, bad.doc(0), true);
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_TRUE(b.problems[0].error);
}

// Argo Rollouts writes the action only during an update: the Rollout's route stands in for it.
TEST(AlbActions, RolloutRouteLeadsToStableAndCanary) {
  Input missing(
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\nspec:\n"
      "  defaultBackend:\n    service:\n      name: root\n      port:\n        name: "
      "use-annotation\n");
  std::vector<RolloutRoute> routes = {RolloutRoute{"root", "stable", "canary", "8080", 0}};
  IngressBackends b = ingressBackends(missing.tree, missing.doc(0), true, &routes);
  EXPECT_TRUE(b.problems.empty());
  ASSERT_EQ(b.refs.size(), 2u);
  EXPECT_EQ(b.refs[0].service, "stable");
  EXPECT_EQ(b.refs[1].service, "canary");
  EXPECT_EQ(b.refs[1].port, "8080");
  EXPECT_FALSE(b.refs[1].portIsName);
  routes[0].root = "other";  // another Rollout's root: the missing action is reported as before
  EXPECT_EQ(ingressBackends(missing.tree, missing.doc(0), true, &routes).problems.size(), 1u);
}

timing::Knobs albKnobs() {
  timing::Knobs k;
  k.ingress.ingressClassNames = {"alb"};
  k.ingress.ingressControllers = {"ingress.k8s.aws/alb"};
  return k;
}

std::string ingressClass(const std::string& name, const std::string& controller, bool isDefault) {
  return "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: " + name +
         (isDefault ? "\n  annotations:\n    ingressclass.kubernetes.io/is-default-class: \"true\""
                    : "") +
         "\nspec:\n  controller: " + controller + "\n---\n";
}

const std::string kClassless =
    "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\nspec: {}\n";

TEST(IngressClass, ClasslessTakesTheDefaultClass) {
  Input ours(ingressClass("alb", "ingress.k8s.aws/alb", true) + kClassless);
  EXPECT_EQ(ingressClass(ours.tree, ours.doc(1), ours.index, albKnobs(), false), ClassMatch::Ours);
  Input theirs(ingressClass("nginx", "k8s.io/ingress-nginx", true) + kClassless);
  EXPECT_EQ(ingressClass(theirs.tree, theirs.doc(1), theirs.index, albKnobs(), true),
            ClassMatch::Other);
  EXPECT_EQ(ingressClass(ours.tree, ours.doc(1), ours.index, albKnobs(), false), ClassMatch::Ours);
  Input unknown(ingressClass("alb", "ingress.k8s.aws/alb", false) + kClassless);
  EXPECT_EQ(ingressClass(unknown.tree, unknown.doc(1), unknown.index, albKnobs(), std::nullopt),
            ClassMatch::Unknown);
  EXPECT_EQ(ingressClass(unknown.tree, unknown.doc(1), unknown.index, albKnobs(), true),
            ClassMatch::Ours);
  // defaultIngressClass: false says the default is another controller's: not ours, no doubt.
  EXPECT_EQ(ingressClass(unknown.tree, unknown.doc(1), unknown.index, albKnobs(), false),
            ClassMatch::Other);
}

TEST(IngressClass, ALocalConfigDefaultClassIsNoEvidence) {
  Input in(
      "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: alb\n  "
      "annotations:\n"
      "    ingressclass.kubernetes.io/is-default-class: \"true\"\n    "
      "config.kubernetes.io/local-config: \"true\"\n"
      "spec:\n  controller: ingress.k8s.aws/alb\n---\n" +
      kClassless);
  EXPECT_EQ(ingressClass(in.tree, in.doc(1), in.index, albKnobs(), std::nullopt),
            ClassMatch::Unknown);
}

TEST(IngressClass, SeveralDefaultClassesAreAmbiguous) {
  Input in(ingressClass("alb", "ingress.k8s.aws/alb", true) +
           ingressClass("nginx", "k8s.io/ingress-nginx", true) + kClassless);
  EXPECT_EQ(ingressClass(in.tree, in.doc(2), in.index, albKnobs(), true), ClassMatch::Ambiguous);
}

std::string pod(const std::string& containers, const std::string& init = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    "
         "spec:\n" +
         (init.empty() ? "" : "      initContainers:\n" + init) + "      containers:\n" +
         containers;
}

TEST(Serving, DeclaredPortsWinAndNativeSidecarsCount) {
  Input in(pod("      - name: app\n        ports: [{containerPort: 9090}]\n",
               "      - name: init\n        ports: [{name: https, containerPort: 8443}]\n"
               "      - name: proxy\n        restartPolicy: Always\n        ports: [{name: https, "
               "containerPort: 8443}]\n"));
  Serving s = servingContainers(in.tree, in.doc(0), {"https"});
  // The plain init container declares the port too, but it has exited before traffic comes.
  EXPECT_EQ(s.containers, (std::vector<ContainerRef>{{true, 1}}));
  EXPECT_EQ(s.how, ServingHow::Declared);
  EXPECT_FALSE(s.agicContainer);  // App Gateway reads regular containers only
  EXPECT_EQ(s.containers[0].path(), "spec.template.spec.initContainers[1]");
}

TEST(Serving, UndeclaredPortsGuessEveryContainer) {
  const std::string two = "      - name: app\n      - name: shipper\n";
  Input in(pod(two));
  Serving numeric = servingContainers(in.tree, in.doc(0), {"8080"});
  EXPECT_EQ(numeric.how, ServingHow::Undeclared);
  EXPECT_EQ(numeric.containers.size(), 2u);
  EXPECT_EQ(numeric.undeclared, std::vector<std::string>{"8080"});
  Input one(pod("      - name: app\n"));
  EXPECT_EQ(servingContainers(one.tree, one.doc(0), {"8080"}).how, ServingHow::OnlyContainer);
  EXPECT_EQ(servingContainers(one.tree, one.doc(0), {"http"}).how, ServingHow::UnresolvedName);
}

}  // namespace
}  // namespace zd::scope
