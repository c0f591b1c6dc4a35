#include "adapters/alb/fields.h"

namespace zd::adapters::alb {

// Target-group keys are read from the Service first (the controller merges the Service's
// annotations over the Ingress's, docs/timing-model.md rule A7); load-balancer attributes belong
// to the Ingress (the load balancer is the Ingress group's).
const FieldTable& fields() {
  using H = Holder;
  static const FieldTable table = {
      {"targetType", H::ServiceOverFrontDoor, "alb.ingress.kubernetes.io/target-type", ""},
      {"healthCheckIntervalSeconds", H::ServiceOverFrontDoor,
       "alb.ingress.kubernetes.io/healthcheck-interval-seconds", ""},
      {"healthCheckTimeoutSeconds", H::ServiceOverFrontDoor,
       "alb.ingress.kubernetes.io/healthcheck-timeout-seconds", ""},
      {"healthyThresholdCount", H::ServiceOverFrontDoor,
       "alb.ingress.kubernetes.io/healthy-threshold-count", ""},
      {"unhealthyThresholdCount", H::ServiceOverFrontDoor,
       "alb.ingress.kubernetes.io/unhealthy-threshold-count", ""},
      {"deregistrationDelaySeconds", H::ServiceOverFrontDoor, kTgAttributes,
       "deregistration_delay.timeout_seconds"},
      {"slowStartSeconds", H::ServiceOverFrontDoor, kTgAttributes, "slow_start.duration_seconds"},
      {"loadBalancingAlgorithm", H::ServiceOverFrontDoor, kTgAttributes,
       "load_balancing.algorithm.type"},
      {"idleTimeoutSeconds", H::FrontDoor, kLbAttributes, "idle_timeout.timeout_seconds"},
  };
  return table;
}

const FieldSpot& spot(std::string_view field) { return requireSpot(fields(), field); }

}  // namespace zd::adapters::alb
