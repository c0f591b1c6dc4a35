// The ALB adapter's part of the timing model (AWS Load Balancer Controller): its settings as
// observed, as effective (with the controller's and AWS's defaults), and as planned. The types
// stay in zd::timing, whose Observed / Effective / Plan hold one of each per adapter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timing/values.h"

namespace zd::timing {

// Already merged Service-over-Ingress by the caller, as the controller merges them (A7).
struct ObservedAlb {
  std::optional<std::string> targetType;
  std::optional<int64_t> deregistrationDelaySeconds;  // target-group-attributes
  std::optional<int64_t> slowStartSeconds;            // target-group-attributes
  std::optional<std::string> loadBalancingAlgorithm;  // target-group-attributes
  std::optional<int64_t> healthCheckIntervalSeconds;
  std::optional<int64_t> healthCheckTimeoutSeconds;
  std::optional<int64_t> healthyThresholdCount;
  std::optional<int64_t> unhealthyThresholdCount;
  std::optional<int64_t> idleTimeoutSeconds;  // load-balancer-attributes
  // A7: both objects carry target-group-attributes and the Service's copy hid the Ingress's.
  bool ingressTgAttributesIgnored = false;
  bool viaGateway = false;  // reached through a Gateway API route: a TargetGroupConfiguration
};

struct EffectiveAlb {
  Sourced<std::string> targetType;              // LBC default "instance"
  Sourced<int64_t> deregistrationDelaySeconds;  // AWS default 300
  Sourced<int64_t> slowStartSeconds;            // AWS default 0
  Sourced<std::string> loadBalancingAlgorithm;  // AWS default "round_robin"
  Sourced<int64_t> healthCheckIntervalSeconds;  // LBC default 15
  Sourced<int64_t> healthCheckTimeoutSeconds;   // LBC default 5
  Sourced<int64_t> healthyThresholdCount;       // LBC default 2
  Sourced<int64_t> unhealthyThresholdCount;     // LBC default 2
  Sourced<int64_t> idleTimeoutSeconds;          // AWS default 60
  bool ingressTgAttributesIgnored = false;
  bool viaGateway = false;  // ObservedAlb's
};

// ALB: Ingress / Service annotations (D goes into target-group-attributes, key by key).
struct PlanAlb {
  std::optional<Change<std::string>> targetType;
  std::optional<Change<int64_t>> deregistrationDelaySeconds;
  std::optional<Change<int64_t>> healthCheckIntervalSeconds;
  std::optional<Change<int64_t>> healthCheckTimeoutSeconds;
  std::optional<Change<int64_t>> healthyThresholdCount;
  std::optional<Change<int64_t>> unhealthyThresholdCount;
};

}  // namespace zd::timing
