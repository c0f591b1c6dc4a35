// The AGIC adapter's part of the timing model (Azure Application Gateway Ingress Controller): its
// settings as observed, as effective (with AGIC's and App Gateway's defaults), and as planned.
// The types stay in zd::timing, whose Observed / Effective / Plan hold one of each per adapter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "timing/values.h"

namespace zd::timing {

// Ingress annotations only: AGIC reads no Service-level variant (its
// pkg/annotations/ingress_annotations.go).
struct ObservedAgic {
  // As AGIC reads it (Go's strconv.ParseBool); a value it cannot read leaves draining off.
  std::optional<bool> connectionDraining;
  std::optional<int64_t> drainingTimeoutSeconds;
  std::optional<int64_t> requestTimeoutSeconds;
  std::optional<int64_t> probeIntervalSeconds;     // health-probe-interval
  std::optional<int64_t> probeTimeoutSeconds;      // health-probe-timeout
  std::optional<int64_t> probeUnhealthyThreshold;  // health-probe-unhealthy-threshold
  std::string connectionDrainingText;  // the annotation as written, when AGIC cannot read it
};

// Which probe App Gateway copies (AG5): the readiness probe of the container declaring the
// Service's target port if it is httpGet, else its liveness probe if that is, else none.
enum class AgicProbeSource { None, Readiness, Liveness };

struct EffectiveAgic {
  Sourced<bool> connectionDraining;         // AGIC default false
  Sourced<int64_t> drainingTimeoutSeconds;  // AGIC default 30
  Sourced<int64_t> requestTimeoutSeconds;   // AGIC default 30
  // The probe App Gateway actually runs (AG5): annotation, else the copied pod probe
  // (threshold capped at 20), else 30 / 30 / 3.
  Sourced<int64_t> probeIntervalSeconds;
  Sourced<int64_t> probeTimeoutSeconds;
  Sourced<int64_t> probeUnhealthyThreshold;
  AgicProbeSource source = AgicProbeSource::None;
  std::string sourceContainer;  // "" when no container declares the Service's target port
  std::string drainingText;     // connection-draining as written, when AGIC cannot read it
};

// AGIC: Ingress annotations. The probe annotations are only changed when already present.
struct PlanAgic {
  std::optional<Change<bool>> connectionDraining;
  std::optional<Change<int64_t>> drainingTimeoutSeconds;
  std::optional<Change<int64_t>> requestTimeoutSeconds;
  std::optional<Change<int64_t>> probeIntervalSeconds;
  std::optional<Change<int64_t>> probeTimeoutSeconds;
  std::optional<Change<int64_t>> probeUnhealthyThreshold;
};

}  // namespace zd::timing
