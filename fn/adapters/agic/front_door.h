// The AGIC adapter's front door: an Ingress the Application Gateway Ingress Controller serves
// (its class, its IngressClass's controller, or the class annotation).
#pragma once

#include "scope/front_door.h"

namespace zd::adapters::agic {

const scope::FrontDoor& frontDoor();

}  // namespace zd::adapters::agic
