// The ALB adapter's front door: an Ingress the AWS Load Balancer Controller serves (its class,
// its IngressClass's controller, or the class annotation), with backends followed through the
// controller's actions annotations.
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::alb {

const scope::FrontDoor& frontDoor();
// Its Gateway API door: routes whose parent Gateway's class is the controller's; the settings
// live in the Service's TargetGroupConfiguration (adapters/lbc_gateway).
const scope::FrontDoor& routeDoor();

}  // namespace zd::adapters::alb
