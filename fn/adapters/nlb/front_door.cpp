#include "adapters/nlb/front_door.h"

#include <algorithm>

#include "adapters/nlb/fields.h"
#include "krm/absent.h"

namespace zd::adapters::nlb {

namespace {

using scope::ClassMatch;

// As the controller decides (pkg/service/service_utils.go in kubernetes-sigs/
// aws-load-balancer-controller): a class wins, one of its own or another's; without one, the type
// annotation `external` or the legacy `nlb-ip` is its. The class its webhook (LBC >= 2.5) gives
// every new LoadBalancer Service without one, whatever the annotations say
// (webhooks/core/service_mutator.go), makes the rest its own where the cluster runs it;
// elsewhere `nlb` is the cloud provider's NLB and anything else a Classic Load Balancer.
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
  const std::string_view v = type == yaml::kNone ? std::string_view() : t.str(type);
  if (v == "external" || v == "nlb-ip") return ClassMatch::Ours;
  if (v == "nlb")
    return k.service.serviceMutatorWebhook ? ClassMatch::OursNoted : ClassMatch::Unknown;
  return k.service.serviceMutatorWebhook ? ClassMatch::Ours : ClassMatch::Other;
}

// NL12: `aws-load-balancer-type: nlb`, the cloud provider's NLB unless the webhook gave the
// Service the controller's class when it was created (OursNoted), which the input cannot show.
scope::Unsure unsure(ClassMatch m, const timing::Knobs&) {
  const std::string path = std::string("metadata.annotations.") + kType;
  const char* legacy =
      "the cloud provider's legacy controller, not the AWS Load Balancer Controller, serves "
      "aws-load-balancer-type \"nlb\": it reads none of the target-group attributes or "
      "readiness gates these presets rely on and keeps AWS's 300 s deregistration delay";
  const char* fix =
      "; say which with the annotation \"external\" (plus a target type) or "
      "spec.loadBalancerClass: service.k8s.aws/nlb, on a new Service (the class cannot be "
      "changed once set)";
  if (m == ClassMatch::OursNoted) {
    return {path, std::string("NL12: checked as the AWS Load Balancer Controller's: its webhook "
                              "gives a new Service its class whatever this annotation says; but "
                              "if this Service was created before the webhook, ") +
                      legacy + fix};
  }
  return {path, std::string("NL12: ") + legacy +
                    "; the function leaves this Service and its "
                    "workloads alone" +
                    fix};
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
  static const scope::FrontDoor door{
      scope::ObjectKind::Service, "Service", claims, unsure, backends, {}};
  return door;
}

}  // namespace zd::adapters::nlb
