// A run of several presets: each adapter rewrites its own front doors, and a workload behind
// load balancers of two presets gets settings that satisfy both.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "krm/envelope.h"
#include "krm/preset_loader.h"
#include "krm/result_store.h"
#include "transform/transform.h"
#include "yaml/parse.h"
#include "yaml/write.h"

namespace zd {
namespace {

// Deployment shop/web behind one Service, reached by an ALB Ingress and an App Gateway Ingress.
const char* const kTwoLoadBalancers = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.4.2
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: public
  namespace: shop
spec:
  ingressClassName: alb
  defaultBackend:
    service:
      name: web
      port:
        number: 80
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: private
  namespace: shop
spec:
  ingressClassName: azure-application-gateway
  defaultBackend:
    service:
      name: web
      port:
        number: 80
)";

krm::Config severalPresets(const std::vector<std::string>& names) {
  krm::Config c;
  for (const std::string& n : names) {
    std::string error;
    auto k = krm::loadPreset(n, error);
    EXPECT_TRUE(k) << error;
    c.presets.push_back(*k);
  }
  c.knobs = c.presets.front();
  return c;
}

struct Outcome {
  std::string yaml;
  std::vector<krm::Result> results;
};

Outcome transformed(const std::string& in, const krm::Config& config) {
  yaml::Tree tree;
  EXPECT_FALSE(yaml::parseStream(in, yaml::Limits{}, tree));
  Outcome out;
  krm::Envelope env = krm::readEnvelope(tree, out.results);
  krm::ResultStore store;
  transform::Transform(tree, env, config, SIZE_MAX).decide(store);
  for (size_t i = 0; i < store.size(); ++i) out.results.push_back(store.result(i));
  yaml::writeStream(tree, tree.docs(), out.yaml);
  return out;
}

size_t changesOf(const Outcome& o) {
  return static_cast<size_t>(std::count_if(o.results.begin(), o.results.end(),
                                           [](const krm::Result& r) { return r.proposed; }));
}

std::string valueAt(const Outcome& o, const std::string& kind, const std::string& name,
                    const std::string& path) {
  for (const krm::Result& r : o.results) {
    if (r.proposed && r.resource && r.resource->kind == kind && r.resource->name == name &&
        r.fieldPath == path)
      return r.proposed->text;
  }
  return "";
}

TEST(SeveralPresets, EachAdapterWritesItsOwnFrontDoorAndThePodSideSatisfiesBoth) {
  const krm::Config config = severalPresets({"alb-ip", "agic"});
  const Outcome o = transformed(kTwoLoadBalancers, config);
  EXPECT_GT(changesOf(o), 0u);
  for (const krm::Result& r : o.results) {
    EXPECT_NE(r.severity, krm::Severity::Error) << r.message;
    EXPECT_EQ(r.message.find("keep changing"), std::string::npos) << r.message;
    // A PodDisruptionBudget (DR1) is the workload's, whichever load balancer it is behind.
    if (!r.proposed || r.message.rfind("DR1: ", 0) == 0) continue;
    const bool named = r.message.find("(preset alb-ip)") != std::string::npos ||
                       r.message.find("(preset agic)") != std::string::npos;
    EXPECT_TRUE(named) << "a change must say whose rule it is: " << r.message;
  }
  // A field both presets set is one change, ending at the stricter value.
  EXPECT_EQ(std::count_if(o.results.begin(), o.results.end(),
                          [](const krm::Result& r) {
                            return r.proposed &&
                                   r.fieldPath ==
                                       "spec.template.spec.terminationGracePeriodSeconds";
                          }),
            1);
  // App Gateway's 90 s preStop floor (AG1) beats the ALB's 30 s; the grace period covers it.
  EXPECT_NE(o.yaml.find("            sleep:\n              seconds: 90\n"), std::string::npos)
      << o.yaml;
  EXPECT_NE(o.yaml.find("terminationGracePeriodSeconds: 110\n"), std::string::npos) << o.yaml;
  // Each Ingress gets only its own controller's annotations.
  const std::string albInterval =
      "metadata.annotations.alb.ingress.kubernetes.io/"
      "healthcheck-interval-seconds";
  EXPECT_NE(valueAt(o, "Ingress", "public", albInterval), "");
  EXPECT_EQ(valueAt(o, "Ingress", "private", albInterval), "");
  const std::string draining =
      "metadata.annotations.appgw.ingress.kubernetes.io/"
      "connection-draining";
  EXPECT_EQ(valueAt(o, "Ingress", "private", draining), "true");
  EXPECT_EQ(valueAt(o, "Ingress", "public", draining), "");
}

// What a run of both presets wrote satisfies both: a second run changes nothing, and neither
// preset alone finds anything to change in the pod either.
TEST(SeveralPresets, TheOutputIsAFixedPointOfEachPreset) {
  const Outcome once = transformed(kTwoLoadBalancers, severalPresets({"alb-ip", "agic"}));
  const Outcome twice = transformed(once.yaml, severalPresets({"alb-ip", "agic"}));
  EXPECT_EQ(changesOf(twice), 0u) << twice.yaml;
  EXPECT_EQ(twice.yaml, once.yaml);
  for (const char* one : {"alb-ip", "agic"}) {
    const Outcome alone = transformed(once.yaml, severalPresets({one}));
    for (const krm::Result& r : alone.results) {
      EXPECT_FALSE(r.proposed && r.resource->kind == "Deployment")
          << one << " alone would change " << r.fieldPath << ": " << r.message;
    }
  }
}

// Every preset plans for the pod all of them need, so none depends on which ran first: a
// deregistration delay the ALB rules fit into the grace period sees the final grace period.
TEST(SeveralPresets, TheOrderOfThePresetsDoesNotChangeTheManifests) {
  const std::string at = "  name: public\n  namespace: shop\n";
  std::string delayed = kTwoLoadBalancers;
  delayed.replace(delayed.find(at), at.size(),
                  at + "  annotations:\n    alb.ingress.kubernetes.io/target-group-attributes: "
                       "deregistration_delay.timeout_seconds=500\n");
  for (const std::string& in : {std::string(kTwoLoadBalancers), delayed}) {
    const Outcome ab = transformed(in, severalPresets({"alb-ip", "agic"}));
    const Outcome ba = transformed(in, severalPresets({"agic", "alb-ip"}));
    EXPECT_EQ(ab.yaml, ba.yaml);
    EXPECT_EQ(changesOf(ab), changesOf(ba));
  }
  const Outcome d = transformed(delayed, severalPresets({"alb-ip", "agic"}));
  EXPECT_NE(d.yaml.find("deregistration_delay.timeout_seconds=110"), std::string::npos) << d.yaml;
}

// One controller serves an Ingress: a class listed by both presets is an error, and the items
// come back unchanged.
TEST(SeveralPresets, AnIngressTwoPresetsClaimIsAnError) {
  krm::Config config = severalPresets({"alb-ip", "agic"});
  config.presets[1].ingress.ingressClassNames.push_back("alb");
  const Outcome o = transformed(kTwoLoadBalancers, config);
  const bool named = std::any_of(o.results.begin(), o.results.end(), [](const krm::Result& r) {
    return r.severity == krm::Severity::Error && r.resource && r.resource->name == "public" &&
           r.message.find("claimed by presets alb-ip and agic") != std::string::npos;
  });
  EXPECT_TRUE(named);
  EXPECT_EQ(changesOf(o), 0u);
}

}  // namespace
}  // namespace zd
