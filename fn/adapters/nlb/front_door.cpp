#include "adapters/nlb/front_door.h"

#include <algorithm>

#include "adapters/nlb/fields.h"
#include "krm/absent.h"
#include "scope/route_front_door.h"

namespace zd::adapters::nlb {

namespace {

using scope::ClassMatch;

// As the controller decides (pkg/service/service_utils.go in kubernetes-sigs/
// aws-load-balancer-controller): a class wins, one of its own or another's; without one, the type
// annotation `nlb-ip`, or `external` with a target type, is its, on a Service of any type (its
// gate ServiceTypeLoadBalancerOnly is off by default). A LoadBalancer Service that says neither
// gets its class from the controller's webhook (LBC >= 2.5: every new one without a class,
// whatever its annotations, webhooks/core/service_mutator.go) where the cluster runs it, else a
// Classic Load Balancer. `nlb` is left alone either way (NL12): the cloud provider serves it
// unless the webhook saw the Service created, which the input cannot tell, and the provider
// refuses every target-group attribute this adapter writes (cloud-provider-aws
// aws_validations.go), so one written for the wrong controller breaks its reconcile.
ClassMatch claims(const yaml::Tree& t, yaml::NodeId svc, const scope::ObjectIndex&,
                  const timing::Knobs& k, std::optional<bool>) {
  const bool lb = t.str(krm::field(t, svc, {"spec", "type"})) == "LoadBalancer";
  yaml::NodeId cls = krm::field(t, svc, {"spec", "loadBalancerClass"});
  if (t.isScalar(cls) && !t.str(cls).empty()) {
    const auto& ours = k.service.loadBalancerClasses;
    const bool mine = std::find(ours.begin(), ours.end(), t.str(cls)) != ours.end();
    return lb && mine ? ClassMatch::Ours : ClassMatch::Other;
  }
  yaml::NodeId annotations = krm::field(t, svc, {"metadata", "annotations"});
  yaml::NodeId type = t.get(annotations, kType);
  const std::string_view v = type == yaml::kNone ? std::string_view() : t.str(type);
  const std::string_view target = t.str(t.get(annotations, kTargetType));
  if (v == "nlb-ip" || (v == "external" && (target == "ip" || target == "instance")))
    return ClassMatch::Ours;
  if (!lb) return ClassMatch::Other;
  if (v == "nlb") return ClassMatch::Unknown;
  if (k.service.serviceMutatorWebhook) return ClassMatch::Ours;
  // `external` without a target type: the controller skips it and the cloud provider leaves it
  // to the controller, so nothing serves it (reported as Ambiguous, below).
  return v == "external" ? ClassMatch::Ambiguous : ClassMatch::Other;
}

// NL12: `aws-load-balancer-type: nlb` without a class (Unknown); `external` without a target
// type where no webhook gives it the class (Ambiguous).
scope::Unsure unsure(const yaml::Tree&, yaml::NodeId, const scope::ObjectIndex&, ClassMatch m,
                     const timing::Knobs&) {
  const std::string path = std::string("metadata.annotations.") + kType;
  if (m == ClassMatch::Ambiguous) {
    return {path,
            "aws-load-balancer-type \"external\" without "
            "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type ip or instance: the AWS "
            "Load Balancer Controller skips such a Service and the cloud provider leaves it to the "
            "controller, "
            "so no load balancer serves it; set the target type (ip or instance), and the "
            "function checks it"};
  }
  return {path,
          "NL12: aws-load-balancer-type \"nlb\" without spec.loadBalancerClass is the cloud "
          "provider's legacy NLB, unless the AWS Load Balancer Controller's webhook gave the "
          "Service its class when it was created, which the manifests cannot show: the legacy "
          "controller refuses the target-group attributes these presets write and keeps AWS's "
          "300 s deregistration delay, so the function leaves this Service and its workloads "
          "alone. If the cluster's Service has the class service.k8s.aws/nlb, write it into "
          "spec.loadBalancerClass here too; otherwise move to the AWS Load Balancer Controller "
          "with a new Service (a class cannot be added to an existing one)"};
}

// The Service routes to the pods it selects, on every port: one target group per port.
scope::IngressBackends backends(const yaml::Tree& t, yaml::NodeId svc, const scope::ObjectIndex&) {
  scope::IngressBackends out;
  // The controller's listener actions (weighted target groups) send traffic to other Services'
  // pods with this Service's settings; they are not followed.
  yaml::NodeId annotations = krm::field(t, svc, {"metadata", "annotations"});
  for (uint32_t i = 0; t.isMap(annotations) && i < t.mapSize(annotations); ++i) {
    const std::string_view key = t.str(t.keyAt(annotations, i));
    if (key.rfind(kActionsPrefix, 0) != 0) continue;
    out.problems.push_back(
        {"metadata.annotations." + std::string(key),
         "the listener action is not followed: the Services it sends traffic to are not checked "
         "and their workloads get no timings from this Service; give them NLB Services of their "
         "own, or check them by hand",
         false});
  }
  scope::BackendRef self;
  self.service = std::string(t.str(t.at(svc, {"metadata", "name"})));
  self.fieldPath = "metadata.name";
  out.refs.push_back(std::move(self));
  return out;
}

}  // namespace

// Every NLB setting is the Service's own annotation: there is no other copy to override.
const scope::FrontDoor& frontDoor() {
  static const scope::FrontDoor door{
      scope::ObjectKind::Service, "Service", claims, unsure, backends, {}};
  return door;
}

namespace {

// The controller's Gateway API support (an NLB serves TCP, TLS and UDP routes): docs/guide/gateway
// of kubernetes-sigs/aws-load-balancer-controller.
scope::ClassMatch routeClaims(const yaml::Tree& t, yaml::NodeId route,
                              const scope::ObjectIndex& idx, const timing::Knobs& k,
                              std::optional<bool>) {
  return scope::routeClaims(t, route, idx, k, {"TCPRoute", "TLSRoute", "UDPRoute"});
}

}  // namespace

const scope::FrontDoor& routeDoor() {
  static const scope::FrontDoor door{
      scope::ObjectKind::Route, "route", routeClaims, scope::routeUnsure,
      scope::routeBackends,     {},      true};
  return door;
}

}  // namespace zd::adapters::nlb
