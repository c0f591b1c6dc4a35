// The AGC adapter's part of the timing model (Azure Application Gateway for Containers): its
// settings as observed, as effective (with the defaults AGC applies), and as planned. The types
// stay in zd::timing, whose Observed / Effective / Plan hold one of each per adapter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timing/values.h"

namespace zd::timing {

struct ObservedAgc {
  // A HealthCheckPolicy targets the Service: AGC probes with it, whatever the pods say.
  bool policy = false;
  std::optional<int64_t> probeIntervalSeconds;  // spec.default.interval
  std::optional<int64_t> probeTimeoutSeconds;   // spec.default.timeout
  std::optional<int64_t> probeHealthyThreshold;
  std::optional<int64_t> probeUnhealthyThreshold;
  // The route timeout: a RoutePolicy's for a route, an IngressExtension's for an Ingress.
  std::optional<int64_t> routeTimeoutSeconds;
  // Which object holds it, in words ("RoutePolicy shop/web"); "": none in the input, which the
  // function does not create (AC3 then says what to add).
  std::string routeTimeoutHolder;
  bool viaIngress = false;  // reached through AGC's Ingress API rather than a route
  // An object takes the probe: the Service's HealthCheckPolicy (the function creates one when
  // needed), or through the Ingress API the IngressExtension the Ingress names.
  bool probeWritable = true;
  // The IngressExtension the Ingress names when it is not in the input.
  std::string missingExtension;
};

// Where AGC's probe comes from: a HealthCheckPolicy, else the serving container's httpGet
// readiness probe, else its default (GET / on the backend port every 5 s, 30 s timeout, 1 / 3).
enum class AgcProbeSource { Policy, Readiness, Default };

struct EffectiveAgc {
  AgcProbeSource source = AgcProbeSource::Default;
  Sourced<int64_t> probeIntervalSeconds;     // default 5
  Sourced<int64_t> probeTimeoutSeconds;      // default 30
  Sourced<int64_t> probeHealthyThreshold;    // default 1
  Sourced<int64_t> probeUnhealthyThreshold;  // default 3
  Sourced<int64_t> routeTimeoutSeconds;      // default 60
  std::string routeTimeoutHolder;
  bool viaIngress = false;
  bool probeWritable = true;
  // The readiness probe's path and port, for a HealthCheckPolicy the function creates.
  std::string readinessPath;
  std::string readinessPort;
  bool readinessTls = false;
  std::string readinessHost;
};

// AGC: the Service's HealthCheckPolicy (merged, or created with the readiness probe's path and
// port: `createPolicy`), and the route timeout where an object holds it.
struct PlanAgc {
  std::optional<Change<int64_t>> probeIntervalSeconds;
  std::optional<Change<int64_t>> probeTimeoutSeconds;
  std::optional<Change<int64_t>> probeHealthyThreshold;
  std::optional<Change<int64_t>> probeUnhealthyThreshold;
  std::optional<Change<int64_t>> routeTimeoutSeconds;
  bool createPolicy = false;
  std::string policyPath, policyPort, policyHost;  // when created
  bool policyTls = false;
};

}  // namespace zd::timing
