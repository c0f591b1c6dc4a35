// The AGC adapter's front doors: a Gateway API route (HTTPRoute, GRPCRoute) whose Gateway's class
// is the ALB Controller's, and an Ingress of its class (its Ingress API).
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::agc {

const scope::FrontDoor& routeDoor();
const scope::FrontDoor& ingressDoor();

}  // namespace zd::adapters::agc
