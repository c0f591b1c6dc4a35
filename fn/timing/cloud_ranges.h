// What each cloud API accepts for a setting the function checks or writes, once: the rules that
// report a value outside (A1..A6, AG3..AG5), the plan that moves it inside, and explain's text all
// read these. Sources: docs/timing-model.md.
#pragma once

#include <cstdint>
#include <string>

namespace zd::timing {

struct Range {
  int64_t lo, hi;
  constexpr bool holds(int64_t v) const { return v >= lo && v <= hi; }
  std::string text() const { return std::to_string(lo) + ".." + std::to_string(hi); }
};

// AWS Load Balancer Controller annotations, as the ELB API accepts them.
namespace alb {
inline constexpr Range kHealthCheckInterval{5, 300};
inline constexpr Range kHealthCheckTimeout{2, 120};
inline constexpr Range kThresholdCount{2, 10};  // healthy and unhealthy
inline constexpr Range kDeregistrationDelay{0, 3600};
inline constexpr Range kIdleTimeout{1, 4000};
inline constexpr Range kSlowStart{30, 900};  // or 0: off
}  // namespace alb

// AWS Load Balancer Controller Service annotations for an NLB: the same target-group API, whose
// health check may have a timeout equal to its interval (never above: NL1).
namespace nlb {
inline constexpr Range kHealthCheckInterval = alb::kHealthCheckInterval;
inline constexpr Range kHealthCheckTimeout = alb::kHealthCheckTimeout;
inline constexpr Range kThresholdCount = alb::kThresholdCount;
inline constexpr Range kDeregistrationDelay = alb::kDeregistrationDelay;
}  // namespace nlb

// Application Gateway Ingress Controller annotations, as Azure accepts them.
namespace agic {
inline constexpr Range kDrainingTimeout{1, 3600};
inline constexpr Range kRequestTimeout{1, 86400};
inline constexpr Range kProbeSeconds{1, 86400};  // probe interval and timeout
inline constexpr Range kProbeThreshold{1, 20};   // unhealthy threshold

// App Gateway's "aggressive probe" budget in seconds (AG6; an inference, docs/timing-model.md),
// against the time its probe takes to mark a pod down.
inline constexpr int64_t kProbeBudget = 20;
constexpr int64_t detection(int64_t interval, int64_t timeout, int64_t threshold) {
  return threshold * interval + timeout;
}
}  // namespace agic

// Application Gateway for Containers: a HealthCheckPolicy's values must each be above 0
// (custom-health-probe.md of the AGC docs); no upper bound is documented, so the API's int32 is.
namespace agc {
inline constexpr Range kProbeSeconds{1, 2147483647};
inline constexpr Range kProbeThreshold{1, 2147483647};
}  // namespace agc

// GKE: the Compute Engine health check and backend service a BackendConfig or GKE Gateway's
// policies configure (Compute Engine API reference: healthChecks, backendServices).
namespace gke {
inline constexpr Range kCheckSeconds{1, 300};  // checkIntervalSec, timeoutSec
inline constexpr Range kThreshold{1, 10};      // healthy and unhealthy
inline constexpr Range kDraining{0, 3600};
inline constexpr Range kBackendTimeout{1, 2147483647};
}  // namespace gke

}  // namespace zd::timing
