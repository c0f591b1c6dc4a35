#include "scope/ingress_front_door.h"

namespace zd::scope {

Unsure ingressUnsure(const yaml::Tree&, yaml::NodeId, const ObjectIndex&, ClassMatch m,
                     const timing::Knobs& k) {
  if (m == ClassMatch::Ambiguous) {
    return {"spec.ingressClassName",
            "has no ingress class, and several IngressClasses of the input are marked "
            "ingressclass.kubernetes.io/is-default-class: which one the cluster gives it is not "
            "sure (the AWS Load Balancer Controller refuses to choose); name the class"};
  }
  std::string controllers;
  for (const std::string& c : k.ingress.ingressControllers)
    controllers += (controllers.empty() ? "" : ", ") + c;
  return {"spec.ingressClassName",
          "has no ingress class, so the cluster's default IngressClass decides which controller "
          "serves it; if that is " +
              std::string(timing::presetName(k.preset)) + "'s (" + controllers +
              "), set config defaultIngressClass: true (or name the class) to bring it in scope, "
              "and if not, defaultIngressClass: false"};
}

}  // namespace zd::scope
