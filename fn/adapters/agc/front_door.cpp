#include "adapters/agc/front_door.h"

#include "scope/ingress_front_door.h"
#include "scope/route_front_door.h"

namespace zd::adapters::agc {

namespace {

// AGC's ALB Controller serves HTTPRoute and GRPCRoute (its Gateway API support in the docs'
// api-specification-kubernetes.md); its settings live in policies per Service and per route.
scope::ClassMatch routeClaims(const yaml::Tree& t, yaml::NodeId route,
                              const scope::ObjectIndex& idx, const timing::Knobs& k,
                              std::optional<bool>) {
  return scope::routeClaims(t, route, idx, k, {"HTTPRoute", "GRPCRoute"});
}

scope::IngressBackends ingressBackends(const yaml::Tree& t, yaml::NodeId ingress,
                                       const scope::ObjectIndex&) {
  return scope::ingressBackends(t, ingress, /*albActions=*/false);
}

}  // namespace

const scope::FrontDoor& routeDoor() {
  static const scope::FrontDoor door{
      scope::ObjectKind::Route, "route", routeClaims, scope::routeUnsure,
      scope::routeBackends,     {},      true};
  return door;
}

const scope::FrontDoor& ingressDoor() {
  static const scope::FrontDoor door{scope::ObjectKind::Ingress,
                                     "Ingress",
                                     scope::ingressClass,
                                     scope::ingressUnsure,
                                     ingressBackends,
                                     {},
                                     true};
  return door;
}

}  // namespace zd::adapters::agc
