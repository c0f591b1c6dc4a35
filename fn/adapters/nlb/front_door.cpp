#include "adapters/nlb/front_door.h"

#include <algorithm>

#include "adapters/nlb/fields.h"
#include "krm/absent.h"

namespace zd::adapters::nlb {

namespace {

using scope::ClassMatch;

// As the controller's service reconciler decides (docs/guide/service/nlb.md and
// annotations.md in kubernetes-sigs/aws-load-balancer-controller): a class wins, one of its own
// or another's; without one, the type annotation `external` or the legacy `nlb-ip` is its, and
// `nlb` the cloud provider's. A Service that says neither gets the class from the controller's
// webhook when the cluster runs it (LBC >= 2.5), else a Classic Load Balancer.
ClassMatch claims(const yaml::Tree& t, yaml::NodeId svc, const scope::ObjectIndex&,
                  const timing::Knobs& k, std::optional<bool>) {
  if (t.str(krm::field(t, svc, {"spec", "type"})) != "LoadBalancer") return ClassMatch::Other;
  yaml::NodeId cls = krm::field(t, svc, {"spec", "loadBalancerClass"});
  if (t.isScalar(cls) && !t.str(cls).empty()) {
    const auto& ours = k.service.loadBalancerClasses;
    return std::find(ours.begin(), ours.end(), t.str(cls)) != ours.end() ? ClassMatch::Ours
                                                                         : ClassMatch::Other;
  }
  yaml::NodeId type = t.get(krm::field(t, svc, {"metadata", "annotations"}), kType);
  if (type == yaml::kNone) return k.service.serviceMutatorWebhook ? ClassMatch::Ours : ClassMatch::Other;
  const std::string_view v = t.str(type);
  if (v == "external" || v == "nlb-ip") return ClassMatch::Ours;
  return v == "nlb" ? ClassMatch::Unknown : ClassMatch::Other;
}

// NL12: only `aws-load-balancer-type: nlb` comes here (Unknown).
scope::Unsure unsure(ClassMatch, const timing::Knobs&) {
  return {std::string("metadata.annotations.") + kType,
          "NL12: aws-load-balancer-type \"nlb\" is served by the cloud provider's legacy "
          "controller, not the AWS Load Balancer Controller: it reads none of the target-group "
          "attributes or readiness gates these presets rely on, and keeps AWS's 300 s "
          "deregistration delay; the function leaves this Service and its workloads alone. To "
          "have the AWS Load Balancer Controller serve it, set the annotation to \"external\" or "
          "spec.loadBalancerClass: service.k8s.aws/nlb (on a new Service: the class cannot be "
          "changed once set)"};
}

// The Service routes to the pods it selects, on every port: one target group per port.
scope::IngressBackends backends(const yaml::Tree& t, yaml::NodeId svc, const scope::ObjectIndex&) {
  scope::IngressBackends out;
  scope::BackendRef self;
  self.service = std::string(t.str(t.at(svc, {"metadata", "name"})));
  self.fieldPath = "metadata.name";
  out.refs.push_back(std::move(self));
  return out;
}

}  // namespace

// Every NLB setting is the Service's own annotation: there is no other copy to override.
const scope::FrontDoor& frontDoor() {
  static const scope::FrontDoor door{scope::ObjectKind::Service, "Service", claims, unsure,
                                     backends,                   {}};
  return door;
}

}  // namespace zd::adapters::nlb
