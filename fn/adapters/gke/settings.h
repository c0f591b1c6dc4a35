// GKE's settings, read into the model and written back. Through an Ingress: the Service's
// BackendConfig (created and named in the Service's annotation when it has none) and its
// cloud.google.com/neg annotation. Through a GKE Gateway's route: the Service's HealthCheckPolicy
// and GCPBackendPolicy (each created when missing).
#pragma once

#include "adapters/settings.h"

namespace zd::adapters::gke {

const LbSettings& ingressSettings();
const LbSettings& routeSettings();

}  // namespace zd::adapters::gke
