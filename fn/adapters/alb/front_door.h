// The ALB adapter's front door: an Ingress the AWS Load Balancer Controller serves (its class,
// its IngressClass's controller, or the class annotation), with backends followed through the
// controller's actions annotations.
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::alb {

const scope::FrontDoor& frontDoor();

}  // namespace zd::adapters::alb
