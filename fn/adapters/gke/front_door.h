// The GKE adapter's front doors: an Ingress GKE's Ingress controller serves, and a Gateway API
// route (HTTPRoute, GRPCRoute) whose Gateway's class is GKE's.
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::gke {

const scope::FrontDoor& ingressDoor();
const scope::FrontDoor& routeDoor();

}  // namespace zd::adapters::gke
