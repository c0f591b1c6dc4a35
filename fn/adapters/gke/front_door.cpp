#include "adapters/gke/front_door.h"

#include "krm/absent.h"
#include "scope/ingress_front_door.h"
#include "scope/route_front_door.h"
#include "scope/strings.h"

namespace zd::adapters::gke {

namespace {

using scope::ClassMatch;

// As ingress-gce's IsGCEIngress (pkg/utils/utils.go): only the kubernetes.io/ingress.class
// annotation counts; without it, an Ingress is GKE's only when spec.ingressClassName is unset
// too, which the API server's DefaultIngressClass admission fills in when the cluster has a
// default IngressClass (one of the input, or config defaultIngressClass: false saying the
// cluster has another's).
ClassMatch ingressClaims(const yaml::Tree& t, yaml::NodeId ing, const scope::ObjectIndex& idx,
                         const timing::Knobs& k, std::optional<bool> defaultClassIsOurs) {
  yaml::NodeId ann = t.at(ing, {"metadata", "annotations", "kubernetes.io/ingress.class"});
  if (t.isScalar(ann) && !t.str(ann).empty())
    return scope::contains(k.ingress.ingressClassNames, t.str(ann)) ? ClassMatch::Ours
                                                                    : ClassMatch::Other;
  yaml::NodeId className = krm::field(t, ing, {"spec", "ingressClassName"});
  if (!krm::isAbsent(t, className)) {
    // `ingressClassName: gce` reads like GKE's but GKE never looks at it: said, not followed.
    return t.isScalar(className) && scope::contains(k.ingress.ingressClassNames, t.str(className))
               ? ClassMatch::Unknown
               : ClassMatch::Other;
  }
  if (!idx.defaultClassControllers.empty()) return ClassMatch::Other;
  return defaultClassIsOurs.value_or(true) ? ClassMatch::Ours : ClassMatch::Other;
}

scope::Unsure ingressUnsure(const yaml::Tree& t, yaml::NodeId ing, const scope::ObjectIndex& idx,
                            ClassMatch m, const timing::Knobs& k) {
  yaml::NodeId className = krm::field(t, ing, {"spec", "ingressClassName"});
  if (!t.isScalar(className)) return scope::ingressUnsure(t, ing, idx, m, k);
  return {"spec.ingressClassName",
          "names class \"" + std::string(t.str(className)) +
              "\", which GKE's Ingress controller never reads (it reads only the annotation "
              "kubernetes.io/ingress.class, and leaves an Ingress with spec.ingressClassName "
              "alone): if GKE should serve it, write the annotation instead; left out of scope"};
}

scope::IngressBackends ingressBackends(const yaml::Tree& t, yaml::NodeId ingress,
                                       const scope::ObjectIndex&) {
  return scope::ingressBackends(t, ingress, /*albActions=*/false);
}

// GKE Gateway serves HTTPRoute and GRPCRoute (its gatewayclass-capabilities page).
ClassMatch routeClaims(const yaml::Tree& t, yaml::NodeId route, const scope::ObjectIndex& idx,
                       const timing::Knobs& k, std::optional<bool>) {
  return scope::routeClaims(t, route, idx, k, {"HTTPRoute", "GRPCRoute"});
}

}  // namespace

const scope::FrontDoor& ingressDoor() {
  static const scope::FrontDoor door{scope::ObjectKind::Ingress,
                                     "Ingress",
                                     ingressClaims,
                                     ingressUnsure,
                                     ingressBackends,
                                     {},
                                     true};
  return door;
}

const scope::FrontDoor& routeDoor() {
  static const scope::FrontDoor door{
      scope::ObjectKind::Route, "route", routeClaims, scope::routeUnsure,
      scope::routeBackends,     {},      true};
  return door;
}

}  // namespace zd::adapters::gke
