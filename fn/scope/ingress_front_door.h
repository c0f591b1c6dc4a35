// What every Ingress front door shares, whichever controller serves it: the class decides (see
// scope/ingress_class.h), and an Ingress without one is reported as such.
#pragma once

#include "scope/front_door.h"

namespace zd::scope {

// The warning for an Ingress whose class the input does not settle.
Unsure ingressUnsure(const yaml::Tree& t, yaml::NodeId ingress, const ObjectIndex& idx,
                     ClassMatch m, const timing::Knobs& k);

}  // namespace zd::scope
