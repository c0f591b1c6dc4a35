// Where a Service's target-group settings live on the AWS Load Balancer Controller's Gateway API
// path: its TargetGroupConfiguration (gateway.k8s.aws), in a TargetGroupProps block
// (apis/gateway/v1/targetgroupconfig_types.go of kubernetes-sigs/aws-load-balancer-controller).
#pragma once

#include "adapters/field_table.h"

namespace zd::adapters::gateway {

inline constexpr const char* kKind = "TargetGroupConfiguration";
inline constexpr const char* kDefaultConfiguration = "defaultConfiguration";
inline constexpr const char* kHealthCheck = "healthCheckConfig";
inline constexpr const char* kAttributes = "targetGroupAttributes";

// Every spot is Holder::Policy, its path under the Service's TargetGroupConfiguration.
const FieldTable& fields();
const FieldSpot& spot(std::string_view field);

// The key of a model field inside healthCheckConfig ("healthCheckInterval"), or "".
std::string_view healthCheckKey(std::string_view field);

}  // namespace zd::adapters::gateway
