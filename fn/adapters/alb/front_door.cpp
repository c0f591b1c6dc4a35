#include "adapters/alb/front_door.h"

#include "adapters/alb/fields.h"
#include "scope/ingress_front_door.h"
#include "scope/route_front_door.h"

namespace zd::adapters::alb {

namespace {

// An Argo Rollouts canary with ALB traffic routing names the Ingress whose action it writes: by
// its name, or under a kustomize transformer by the name it had before a namePrefix.
scope::IngressBackends backends(const yaml::Tree& t, yaml::NodeId ingress,
                                const scope::ObjectIndex& idx) {
  const std::string ns(t.str(t.at(ingress, {"metadata", "namespace"})));
  auto routes =
      idx.rolloutRoutes.find(ns + "/" + std::string(t.str(t.at(ingress, {"metadata", "name"}))));
  if (routes == idx.rolloutRoutes.end()) {
    std::string_view original = scope::originalName(t, ingress, "Ingress");
    if (!original.empty()) routes = idx.rolloutRoutes.find(ns + "/" + std::string(original));
  }
  return scope::ingressBackends(t, ingress, /*albActions=*/true,
                                routes == idx.rolloutRoutes.end() ? nullptr : &routes->second);
}

// The annotations whose Service copy wins (rule A7), once each, in table order.
std::vector<std::string> serviceOverrides() {
  std::vector<std::string> keys;
  for (const FieldSpot& s : fields()) {
    if (s.holder != Holder::ServiceOverFrontDoor) continue;
    std::string key(s.annotation);
    if (keys.empty() || keys.back() != key) keys.push_back(key);
  }
  return keys;
}

}  // namespace

const scope::FrontDoor& frontDoor() {
  static const scope::FrontDoor door{scope::ObjectKind::Ingress, "Ingress", scope::ingressClass,
                                     scope::ingressUnsure,       backends,  serviceOverrides()};
  return door;
}

namespace {

// The controller's Gateway API support (an ALB serves HTTP and gRPC routes): docs/guide/gateway of
// kubernetes-sigs/aws-load-balancer-controller.
scope::ClassMatch routeClaims(const yaml::Tree& t, yaml::NodeId route,
                              const scope::ObjectIndex& idx, const timing::Knobs& k,
                              std::optional<bool>) {
  return scope::routeClaims(t, route, idx, k, {"HTTPRoute", "GRPCRoute"});
}

}  // namespace

const scope::FrontDoor& routeDoor() {
  static const scope::FrontDoor door{
      scope::ObjectKind::Route, "route", routeClaims, scope::routeUnsure,
      scope::routeBackends,     {},      true};
  return door;
}

}  // namespace zd::adapters::alb
