#include "adapters/nlb/fields.h"

namespace zd::adapters::nlb {

// Every key is the Service's: an NLB has no other object to hold them. A per-port copy of the
// target-group attributes (`<annotation>.<port>`) is read beside the Service-wide one
// (settings.cpp).
const FieldTable& fields() {
  using H = Holder;
  static const FieldTable table = {
      {"targetType", H::FrontDoor, kTargetType, ""},
      {"healthCheckIntervalSeconds", H::FrontDoor,
       "service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval", ""},
      {"healthCheckTimeoutSeconds", H::FrontDoor,
       "service.beta.kubernetes.io/aws-load-balancer-healthcheck-timeout", ""},
      {"healthyThresholdCount", H::FrontDoor,
       "service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold", ""},
      {"unhealthyThresholdCount", H::FrontDoor,
       "service.beta.kubernetes.io/aws-load-balancer-healthcheck-unhealthy-threshold", ""},
      {"deregistrationDelaySeconds", H::FrontDoor, kTgAttributes,
       "deregistration_delay.timeout_seconds"},
      {"connectionTermination", H::FrontDoor, kTgAttributes, kConnectionTermination},
      {"unhealthyTermination", H::FrontDoor, kTgAttributes, kUnhealthyTermination},
      {"unhealthyDrainingSeconds", H::FrontDoor, kTgAttributes, kUnhealthyDraining},
  };
  return table;
}

const FieldSpot& spot(std::string_view field) { return requireSpot(fields(), field); }

}  // namespace zd::adapters::nlb
