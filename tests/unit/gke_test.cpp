// The GKE adapter's pieces on their own: which Ingresses GKE's controller serves (ingress-gce's
// IsGCEIngress), which BackendConfig a Service's annotation names for a port, its JSON after a
// kustomize rename, and the draining bound. The golden cases (testdata/golden/gke-*) show them
// end to end.
#include <gtest/gtest.h>

#include "adapters/gke/backend_config.h"
#include "adapters/gke/front_door.h"
#include "indexed_input.h"
#include "timing/model_detail.h"

namespace zd {
namespace {

using scope::ClassMatch;

using Input = test::IndexedInput;

timing::Knobs gkeNeg() { return test::presetKnobs("gke-neg"); }

ClassMatch claim(const std::string& ingressMeta, const std::string& spec,
                 std::optional<bool> defaultClass = std::nullopt, const std::string& more = "") {
  const Input in("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, " +
                 ingressMeta + "}\nspec: {" + spec + "}\n" + more);
  const size_t ing = in.find("Ingress", "web");
  return adapters::gke::ingressDoor().claims(in.tree, in.index.objects[ing].node, in.index,
                                             gkeNeg(), defaultClass);
}

TEST(GkeIngressClaims, TheAnnotationOnlyAsIngressGceReadsIt) {
  const std::string gce = "annotations: {kubernetes.io/ingress.class: gce}";
  EXPECT_EQ(claim(gce, ""), ClassMatch::Ours);
  EXPECT_EQ(claim("annotations: {kubernetes.io/ingress.class: gce-internal}", ""),
            ClassMatch::Ours);
  EXPECT_EQ(claim("annotations: {kubernetes.io/ingress.class: nginx}", ""), ClassMatch::Other);
  // The annotation wins over spec.ingressClassName, which GKE never reads.
  EXPECT_EQ(claim(gce, "ingressClassName: nginx"), ClassMatch::Ours);
  EXPECT_EQ(claim("namespace: shop", "ingressClassName: nginx"), ClassMatch::Other);
  // `ingressClassName: gce` looks like GKE's: reported (Unknown), not followed.
  EXPECT_EQ(claim("namespace: shop", "ingressClassName: gce"), ClassMatch::Unknown);
}

TEST(GkeIngressClaims, NoClassIsGkesUnlessTheClusterHasAnotherDefault) {
  EXPECT_EQ(claim("namespace: shop", ""), ClassMatch::Ours);
  EXPECT_EQ(claim("namespace: shop", "", false), ClassMatch::Other);
  // A default IngressClass of the input: the API server writes its name into the Ingress.
  const std::string nginxDefault =
      "---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx, "
      "annotations: {ingressclass.kubernetes.io/is-default-class: \"true\"}}\n"
      "spec: {controller: k8s.io/ingress-nginx}\n";
  EXPECT_EQ(claim("namespace: shop", "", std::nullopt, nginxDefault), ClassMatch::Other);
}

// An Ingress to Service web on `port`, the Service carrying `annotations`.
adapters::gke::BackendConfigRef refFor(const std::string& port, const std::string& annotations) {
  const Input in(
      "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\n"
      "spec:\n  defaultBackend: {service: {name: web, port: " +
      port +
      "}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n"
      "  annotations: " +
      annotations +
      "\nspec:\n  ports: [{name: http, port: 80, targetPort: 8080}, {name: admin, port: 9000}]\n");
  scope::Binding b{};
  b.frontDoor = in.find("Ingress", "web");
  b.service = in.find("Service", "web");
  return adapters::gke::backendConfigRef(in.tree, in.index, b);
}

TEST(GkeBackendConfigRef, ThePortsEntryByNameThenNumberThenTheDefault) {
  const std::string both =
      R"({cloud.google.com/backend-config: '{"default": "d", "ports": {"http": "by-name", "80": "by-number"}}'})";
  EXPECT_EQ(refFor("{number: 80}", both).name, "by-name");
  EXPECT_EQ(refFor("{name: http}", both).name, "by-name");
  const std::string number =
      R"({cloud.google.com/backend-config: '{"default": "d", "ports": {"80": "by-number"}}'})";
  EXPECT_EQ(refFor("{name: http}", number).name, "by-number");
  EXPECT_EQ(refFor("{number: 9000}", number).name, "d");
  const std::string perPort =
      R"({cloud.google.com/backend-config: '{"ports": {"9000": "admin"}}'})";
  const auto none = refFor("{number: 80}", perPort);
  EXPECT_EQ(none.name, "");
  EXPECT_EQ(none.annotation, "cloud.google.com/backend-config");
}

TEST(GkeBackendConfigRef, TheGaAnnotationOverTheBetaOneAndBadJson) {
  const auto beta =
      refFor("{number: 80}", R"({beta.cloud.google.com/backend-config: '{"default": "old"}'})");
  EXPECT_EQ(beta.annotation, "beta.cloud.google.com/backend-config");
  EXPECT_EQ(beta.name, "old");
  const auto both =
      refFor("{number: 80}", R"({beta.cloud.google.com/backend-config: '{"default": "old"}', )"
                             R"(cloud.google.com/backend-config: '{"default": "new"}'})");
  EXPECT_EQ(both.name, "new");
  EXPECT_FALSE(refFor("{number: 80}", R"({cloud.google.com/backend-config: 'web'})").error.empty());
  EXPECT_FALSE(refFor("{number: 80}", R"({cloud.google.com/backend-config: '{"ports": "web"}'})")
                   .error.empty());
}

TEST(GkeBackendConfigRef, ARenameRewritesOnlyTheNamesInTheJson) {
  const Input in(
      "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations:\n"
      "    cloud.google.com/backend-config: '{\"ports\": {\"web\": \"web\", \"80\": \"other\"}, "
      "\"default\": \"web\"}'\n");
  adapters::gke::BackendConfigRef ref;
  ref.annotation = "cloud.google.com/backend-config";
  ref.name = "web";
  EXPECT_EQ(adapters::gke::renamedAnnotation(in.tree, in.tree.docs()[0], ref, "prod-web"),
            R"({"ports": {"web": "prod-web", "80": "other"}, "default": "prod-web"})");
}

TEST(GkeDraining, EndsBeforeThePodIsKilledButCoversTheLongestRequest) {
  timing::Knobs k = gkeNeg();
  timing::Effective e;
  e.terminationGracePeriodSeconds = {85, timing::Origin::Manifest};
  EXPECT_EQ(timing::detail::drainingCap(k, e), 85 - k.lbPropagationSeconds);
  e.terminationGracePeriodSeconds = {30, timing::Origin::Manifest};
  EXPECT_EQ(timing::detail::drainingCap(k, e), k.longestRequestSeconds);
}

}  // namespace
}  // namespace zd
