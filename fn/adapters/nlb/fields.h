// The NLB adapter's field table: the AWS Load Balancer Controller's annotations on a Service of
// type LoadBalancer (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/
// service/annotations/). The Service is both the front door and the backend.
#pragma once

#include "adapters/field_table.h"

namespace zd::adapters::nlb {

inline constexpr const char* kType = "service.beta.kubernetes.io/aws-load-balancer-type";
inline constexpr const char* kTargetType =
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";
// Listener actions (weighted target groups): `actions.<protocol>-<port>`.
inline constexpr const char* kActionsPrefix = "service.beta.kubernetes.io/actions.";
inline constexpr const char* kTgAttributes =
    "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes";
inline constexpr const char* kConnectionTermination =
    "deregistration_delay.connection_termination.enabled";
inline constexpr const char* kUnhealthyTermination =
    "target_health_state.unhealthy.connection_termination.enabled";
inline constexpr const char* kUnhealthyDraining =
    "target_health_state.unhealthy.draining_interval_seconds";

const FieldTable& fields();

// The spot of a field the table has (a programming error otherwise).
const FieldSpot& spot(std::string_view field);

}  // namespace zd::adapters::nlb
