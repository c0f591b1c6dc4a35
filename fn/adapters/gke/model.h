// The GKE adapter's part of the timing model (container-native load balancing): the backend
// service's health check, connection draining and timeout as observed, as effective (with GKE's
// defaults), and as planned. The types stay in zd::timing, whose Observed / Effective / Plan hold
// one of each per adapter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timing/values.h"

namespace zd::timing {

struct ObservedGke {
  bool viaGateway = false;  // a GKE Gateway's route, rather than a GKE Ingress
  // The Service's cloud.google.com/neg annotation: its "ingress" member; unset when the Service
  // has no annotation (config negByDefault then says, GK8). Not read through a Gateway.
  std::optional<bool> negIngress;
  // The objects that hold the settings, in words ("BackendConfig shop/web"); "" when none of the
  // input does (the function creates them where it can).
  std::string healthCheckHolder, backendHolder;
  // False: the settings live in an object the function cannot write (a BackendConfig the
  // annotation names that is not in the input); `missing` names it.
  bool writable = true;
  std::string missing;
  std::optional<int64_t> checkIntervalSec, checkTimeoutSec, healthyThreshold, unhealthyThreshold;
  std::string requestPath, type;  // the health check's, as written ("" when absent)
  // The port it checks when one is chosen: a number, "serving" (USE_SERVING_PORT) or
  // "named <name>" (USE_NAMED_PORT); "" when nothing is said (the serving port).
  std::string port;
  // Other Services of the input whose Ingress backends take the same BackendConfig, in words
  // ("\"b\", \"c\""): a path or port written for this one would be theirs too.
  std::string sharedWith;
  std::optional<int64_t> drainingTimeoutSec, backendTimeoutSec;
  // Through an Ingress: the backend protocol the Service's app-protocols annotation gives the
  // port ("" when none: HTTP), the port's targetPort as a number ("" when unknown), and the other
  // ports of the Service the Ingress names whose BackendConfig goes unchecked (GK9).
  std::string appProtocol, servingPort, unchecked;
};

struct EffectiveGke {
  bool viaGateway = false;
  std::optional<bool> negIngress;
  std::string healthCheckHolder, backendHolder;
  bool writable = true;
  std::string missing;
  Sourced<int64_t> checkIntervalSec;    // Ingress with NEGs: 15; Gateway: 5
  Sourced<int64_t> checkTimeoutSec;     // 15; 5
  Sourced<int64_t> healthyThreshold;    // 1; 2
  Sourced<int64_t> unhealthyThreshold;  // 2; 2
  Sourced<int64_t> drainingTimeoutSec;  // not set: 0 (none)
  Sourced<int64_t> backendTimeoutSec;   // 30
  std::string requestPath, port, type;
  std::string appProtocol, servingPort, unchecked, sharedWith;
  // The serving container's httpGet readiness probe, which the health check should follow.
  bool readinessHttp = false;
  std::string readinessPath, readinessPort;
  bool readinessTls = false;
};

// GKE: the values to write into the BackendConfig or the Gateway policies; `path`, `port`,
// `type` are set when the health check lacks them (from the readiness probe).
struct PlanGke {
  std::optional<Change<int64_t>> checkIntervalSec, checkTimeoutSec, healthyThreshold,
      unhealthyThreshold, drainingTimeoutSec, backendTimeoutSec;
  std::string path, port, type;
  std::string pathWhy;    // the message for the three
  bool writeNeg = false;  // annotate the Service cloud.google.com/neg: {"ingress": true} (GK8)
};

}  // namespace zd::timing
