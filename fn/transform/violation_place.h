// Where a rule violation belongs in the manifests: which object, which field
// path. The model names fields logically ("containers[web].preStopSeconds",
// "deregistrationDelaySeconds"); users need `kind/ns/name` and a real path.
#pragma once

#include <string>

#include "scope/graph.h"
#include "timing/field_ref.h"
#include "timing/knobs.h"

namespace zd::transform {

struct Place {
  size_t object;     // index into the object index
  std::string path;  // "" when no single field is to blame
};

Place placeOf(const yaml::Tree& tree, const scope::ObjectIndex& index, const scope::Target& target,
              const scope::Binding& binding, const timing::FieldRef& field,
              timing::PresetId preset);

}  // namespace zd::transform
