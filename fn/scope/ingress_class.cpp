#include "scope/ingress_class.h"

#include <algorithm>

#include "krm/absent.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

ClassMatch match(bool ours) { return ours ? ClassMatch::Ours : ClassMatch::Other; }

}  // namespace

ClassMatch ingressClass(const yaml::Tree& t, NodeId ing, const ObjectIndex& idx,
                        const timing::Knobs& k, std::optional<bool> defaultClassIsOurs) {
  NodeId className = krm::field(t, ing, {"spec", "ingressClassName"});
  if (t.isScalar(className)) {
    std::string name(t.str(className));
    if (contains(k.ingress.ingressClassNames, name)) return ClassMatch::Ours;
    auto it = idx.ingressClassControllers.find(name);
    return match(it != idx.ingressClassControllers.end() &&
                 contains(k.ingress.ingressControllers, it->second));
  }
  NodeId ann = t.at(ing, {"metadata", "annotations", "kubernetes.io/ingress.class"});
  if (t.isScalar(ann)) return match(contains(k.ingress.ingressClassNames, t.str(ann)));
  // With several default classes the API server and the controllers disagree on which one applies
  // (the AWS Load Balancer Controller refuses to choose): nothing is sure.
  if (idx.defaultClassControllers.size() > 1) return ClassMatch::Ambiguous;
  if (!idx.defaultClassControllers.empty()) {
    return match(std::any_of(
        idx.defaultClassControllers.begin(), idx.defaultClassControllers.end(),
        [&](const std::string& c) { return contains(k.ingress.ingressControllers, c); }));
  }
  if (defaultClassIsOurs) return match(*defaultClassIsOurs);
  return ClassMatch::Unknown;
}

}  // namespace zd::scope
