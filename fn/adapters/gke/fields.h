// Where GKE keeps the settings the preset writes. Through an Ingress: the Service's BackendConfig
// (cloud.google.com/v1; ingress-gce pkg/apis/backendconfig/v1/types.go), named by the Service's
// cloud.google.com/backend-config annotation. Through a GKE Gateway's route: the Service's
// HealthCheckPolicy and GCPBackendPolicy (networking.gke.io/v1; GoogleCloudPlatform/gke-gateway-api
// apis/networking/v1).
#pragma once

#include <string>
#include <string_view>

#include "adapters/field_table.h"

namespace zd::adapters::gke {

inline constexpr const char* kBackendConfigApiVersion = "cloud.google.com/v1";
inline constexpr const char* kPolicyApiVersion = "networking.gke.io/v1";
inline constexpr const char* kBackendConfigAnnotation = "cloud.google.com/backend-config";
inline constexpr const char* kBetaBackendConfigAnnotation = "beta.cloud.google.com/backend-config";
inline constexpr const char* kNegAnnotation = "cloud.google.com/neg";

const FieldTable& ingressFields();  // BackendConfig
const FieldTable& routeFields();    // HealthCheckPolicy, GCPBackendPolicy

// Whether a route field lives in the GCPBackendPolicy (draining, timeout) rather than the
// HealthCheckPolicy.
bool inBackendPolicy(std::string_view field);

// A HealthCheckPolicy's config block for a health-check type ("HTTP" -> "httpHealthCheck"), or
// "" for a type without a request path (TCP, GRPC).
std::string_view checkBlock(std::string_view type);

}  // namespace zd::adapters::gke
