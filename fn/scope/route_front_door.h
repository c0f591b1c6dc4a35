// Gateway API routes as front doors: whose a route is (its parent Gateways' classes), and the
// Services its rules send traffic to. Shared by every adapter whose controller speaks Gateway API;
// each names the route kinds its load balancer serves.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scope/front_door.h"

namespace zd::scope {

// Ours when the route's kind is one of `kinds` and a parentRef names a Gateway whose class is a
// GatewayClass of the input with one of the preset's controllers, or a class of config
// gatewayClassNames, or a Gateway of config gatewayNames. Unknown when a parent Gateway is none
// of these and not in the input: nothing says whose it is.
ClassMatch routeClaims(const yaml::Tree& t, yaml::NodeId route, const ObjectIndex& idx,
                       const timing::Knobs& k, const std::vector<std::string_view>& kinds);

Unsure routeUnsure(const yaml::Tree& t, yaml::NodeId route, const ObjectIndex& idx, ClassMatch m,
                   const timing::Knobs& k);

// spec.rules[].backendRefs[] of kind Service (the default). One in another namespace counts only
// where a ReferenceGrant of the input in that namespace allows the route's kind from the route's
// namespace: the controller refuses it otherwise (RefNotPermitted).
IngressBackends routeBackends(const yaml::Tree& t, yaml::NodeId route, const ObjectIndex& idx);

// The Gateway of the input a parentRef names ("ns/name"), also by the name it had before a
// kustomize rename.
std::optional<size_t> findGateway(const ObjectIndex& idx, const std::string& nsName);

}  // namespace zd::scope
