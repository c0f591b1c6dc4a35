// The AWS Load Balancer Controller's `alb.ingress.kubernetes.io/actions.<name>` annotations: a
// backend whose port is `use-annotation` routes through the JSON action of its service name
// (aws-load-balancer-controller pkg/ingress/enhanced_backend_builder.go, config_types.go).
#pragma once

#include <string>

#include "scope/backends.h"
#include "yaml/tree.h"

namespace zd::scope {

inline constexpr const char* kAlbActionPrefix = "alb.ingress.kubernetes.io/actions.";

// Whether `n`, parsed from an annotation's text by the YAML parser (a superset of JSON), was
// written as JSON, as Go's encoding/json would take it: flow collections, double-quoted keys
// and strings, bare numbers, true, false, null. Controllers read such annotations with it.
bool isJson(const yaml::Tree& t, yaml::NodeId n);

// Adds the Services the action `name` forwards to, or the problem that stops the controller
// (and so the function) from following it. `backendPath` names the backend in messages.
void followAlbAction(const yaml::Tree& tree, yaml::NodeId ingress, const std::string& name,
                     const std::string& backendPath, IngressBackends& out);

}  // namespace zd::scope
