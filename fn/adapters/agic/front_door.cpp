#include "adapters/agic/front_door.h"

#include "scope/ingress_front_door.h"

namespace zd::adapters::agic {

namespace {

// AGIC has no actions annotations: a port named use-annotation is an ordinary port name.
scope::IngressBackends backends(const yaml::Tree& t, yaml::NodeId ingress,
                                const scope::ObjectIndex&) {
  return scope::ingressBackends(t, ingress, /*albActions=*/false);
}

}  // namespace

// Every AGIC setting is an Ingress annotation: no Service copy overrides it.
const scope::FrontDoor& frontDoor() {
  static const scope::FrontDoor door{scope::ObjectKind::Ingress, "Ingress", scope::ingressClass,
                                     scope::ingressUnsure,       backends,  {}};
  return door;
}

}  // namespace zd::adapters::agic
