// The NLB adapter's part of the timing model (AWS Load Balancer Controller, Service of type
// LoadBalancer): its settings as observed, as effective (with the controller's and AWS's
// defaults), and as planned. The types stay in zd::timing, whose Observed / Effective / Plan hold
// one of each per adapter.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "timing/values.h"

namespace zd::timing {

// One target group's deregistration settings: the controller makes one target group per Service
// port, from the Service's target-group-attributes merged with that port's own annotation.
struct ObservedNlbDelay {
  std::string port;  // "": the Service-wide annotation; else the port of a per-port annotation
  std::optional<int64_t> deregistrationDelaySeconds;
  std::optional<bool> connectionTermination;  // deregistration_delay.connection_termination.enabled
  // target_health_state.unhealthy.connection_termination.enabled and .draining_interval_seconds
  std::optional<bool> unhealthyTermination;
  std::optional<int64_t> unhealthyDrainingSeconds;
};

struct ObservedNlb {
  std::optional<std::string> targetType;  // nlb-target-type, or "ip" from the legacy type nlb-ip
  std::optional<int64_t> healthCheckIntervalSeconds;
  std::optional<int64_t> healthCheckTimeoutSeconds;
  std::optional<int64_t> healthyThresholdCount;
  std::optional<int64_t> unhealthyThresholdCount;
  // The Service-wide attributes first, then each per-port annotation, in the Service's port order.
  std::vector<ObservedNlbDelay> delays;
  std::vector<std::string> ports;  // the Service's port numbers: one target group each
  // Those with a UDP port among them (a UDP or TCP_UDP target group, for which AWS turns
  // connection termination on by default).
  std::vector<std::string> udpPorts;
  bool localTrafficPolicy = false;  // spec.externalTrafficPolicy: Local
  bool viaGateway = false;  // reached through a Gateway API route: a TargetGroupConfiguration
};

struct EffectiveNlbDelay {
  std::string port;       // as ObservedNlbDelay
  bool ownDelay = false;  // the annotation sets the delay itself (a per-port one may inherit it)
  Sourced<int64_t> deregistrationDelaySeconds;  // AWS default 300
  Sourced<bool> connectionTermination;          // AWS default false; true for UDP and TCP_UDP
  Sourced<bool> unhealthyTermination;           // AWS default true: resets at unhealthy
  Sourced<int64_t> unhealthyDrainingSeconds;    // AWS default 0
};

struct EffectiveNlb {
  Sourced<std::string> targetType;  // controller default "instance"
  // The controller's defaults: 10 / 10 / 3 / 3, and for instance targets behind
  // externalTrafficPolicy Local 10 / 6 / 2 / 2 (docs/timing-model.md, "Preset nlb-ip").
  Sourced<int64_t> healthCheckIntervalSeconds;
  Sourced<int64_t> healthCheckTimeoutSeconds;
  Sourced<int64_t> healthyThresholdCount;
  Sourced<int64_t> unhealthyThresholdCount;
  // Each target group's: the Service-wide one if a port uses it, then the per-port ones.
  std::vector<EffectiveNlbDelay> delays;
  bool localTrafficPolicy = false;
  bool viaGateway = false;  // ObservedNlb's
};

// NLB: Service annotations (D goes into target-group-attributes, key by key, per annotation).
struct PlanNlb {
  std::optional<Change<std::string>> targetType;
  std::optional<Change<int64_t>> healthCheckIntervalSeconds;
  std::optional<Change<int64_t>> healthCheckTimeoutSeconds;
  std::optional<Change<int64_t>> healthyThresholdCount;
  std::optional<Change<int64_t>> unhealthyThresholdCount;
  // By the annotation's port ("" for the Service-wide one).
  std::map<std::string, Change<int64_t>> deregistrationDelaySeconds;
  std::map<std::string, Change<bool>> unhealthyTermination;         // NL13
  std::map<std::string, Change<int64_t>> unhealthyDrainingSeconds;  // NL13
};

}  // namespace zd::timing
