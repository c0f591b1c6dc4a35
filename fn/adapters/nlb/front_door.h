// The NLB adapter's front door: a Service of type LoadBalancer the AWS Load Balancer Controller
// serves (its loadBalancerClass, its type annotation, or the class its webhook gives a Service
// that names neither). The Service is its own one backend.
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::nlb {

const scope::FrontDoor& frontDoor();
// Its Gateway API door: routes whose parent Gateway's class is the controller's; the settings
// live in the Service's TargetGroupConfiguration (adapters/lbc_gateway).
const scope::FrontDoor& routeDoor();

}  // namespace zd::adapters::nlb
