// Where Application Gateway for Containers keeps the settings the preset writes
// (alb.networking.azure.io/v1; api-specification-kubernetes.md and custom-health-probe.md of its
// docs): the Service's HealthCheckPolicy (spec.default: HealthCheckPolicyConfig) and a route's
// RoutePolicy (spec.default.timeouts.routeTimeout); through its Ingress API, the IngressExtension
// the Ingress names, one backendSettings entry per Service (healthCheck, timeouts.requestTimeout).
#pragma once

#include <optional>
#include <string>

#include "adapters/field_table.h"

namespace zd::adapters::agc {

inline constexpr const char* kGroup = "alb.networking.azure.io";
inline constexpr const char* kApiVersion = "alb.networking.azure.io/v1";
inline constexpr const char* kExtensionAnnotation = "alb.networking.azure.io/alb-ingress-extension";

const FieldTable& routeFields();                // HealthCheckPolicy and RoutePolicy
const FieldTable& ingressFields();              // IngressExtension
const FieldSpot& spot(std::string_view field);  // routeFields()'s

// A probe config's key for a model field ("interval"), or "".
std::string_view probeKey(std::string_view field);

// A metav1.Duration ("5s", "1m30s", "500ms") in whole seconds, rounded up; nullopt when it is
// not one.
std::optional<int64_t> durationSeconds(std::string_view text);

}  // namespace zd::adapters::agc
