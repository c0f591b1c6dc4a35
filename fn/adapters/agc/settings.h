// Application Gateway for Containers' settings: read into the model and written back. Through a
// Gateway API route: the Service's HealthCheckPolicy (created when the plan asks for one) and
// the route's RoutePolicy. Through AGC's Ingress API: the backendSettings entry of the Service in
// the IngressExtension the Ingress names.
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::agc {

const LbSettings& routeSettings();
const LbSettings& ingressSettings();

}  // namespace zd::adapters::agc
