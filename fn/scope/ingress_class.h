// Whether an Ingress belongs to the preset's controller, read as the API server and the
// controllers read its class.
#pragma once

#include <optional>

#include "scope/object_index.h"
#include "timing/knobs.h"
#include "yaml/tree.h"

namespace zd::scope {

enum class ClassMatch {
  Ours,       // the preset's controller serves it
  Other,      // another controller does
  Unknown,    // no class at all, and nothing says which IngressClass is the cluster's default
  Ambiguous,  // no class at all, and several IngressClasses of the input claim to be the default
};

// spec.ingressClassName (a name of the preset, or an IngressClass of the input whose controller
// is the preset's), else the kubernetes.io/ingress.class annotation. An Ingress with neither gets
// the default IngressClass when it is created (the API server's DefaultIngressClass admission):
// one of the input marked ingressclass.kubernetes.io/is-default-class: "true", or, since that
// IngressClass usually lives in the cluster, the config's word on whether the preset's class is
// the default (`defaultClassIsOurs`; unset: nothing said).
ClassMatch ingressClass(const yaml::Tree& tree, yaml::NodeId ingress, const ObjectIndex& index,
                        const timing::Knobs& knobs, std::optional<bool> defaultClassIsOurs);

}  // namespace zd::scope
