#include "adapters/alb/front_door.h"

#include "adapters/alb/fields.h"
#include "scope/ingress_front_door.h"

namespace zd::adapters::alb {

namespace {

scope::IngressBackends backends(const yaml::Tree& t, yaml::NodeId ingress) {
  return scope::ingressBackends(t, ingress, /*albActions=*/true);
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

}  // namespace zd::adapters::alb
