// The AWS Load Balancer Controller's settings for a Service reached through a Gateway API route:
// read from, and written into, the Service's TargetGroupConfiguration, with the Gateway-level
// default taken into account as the controller merges it (props_chain.h). One for ALB (HTTPRoute,
// GRPCRoute), one for NLB (TCPRoute, TLSRoute, UDPRoute): the same object, each load balancer's
// part of the model.
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::gateway {

const LbSettings& albSettings();
const LbSettings& nlbSettings();

}  // namespace zd::adapters::gateway
