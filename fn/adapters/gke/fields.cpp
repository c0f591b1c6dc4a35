#include "adapters/gke/fields.h"

namespace zd::adapters::gke {

const FieldTable& ingressFields() {
  using H = Holder;
  static const FieldTable table = {
      {"checkIntervalSec", H::Policy, "spec.healthCheck.checkIntervalSec", ""},
      {"checkTimeoutSec", H::Policy, "spec.healthCheck.timeoutSec", ""},
      {"healthyThreshold", H::Policy, "spec.healthCheck.healthyThreshold", ""},
      {"unhealthyThreshold", H::Policy, "spec.healthCheck.unhealthyThreshold", ""},
      {"requestPath", H::Policy, "spec.healthCheck.requestPath", ""},
      {"drainingTimeoutSec", H::Policy, "spec.connectionDraining.drainingTimeoutSec", ""},
      {"backendTimeoutSec", H::Policy, "spec.timeoutSec", ""},
  };
  return table;
}

const FieldTable& routeFields() {
  using H = Holder;
  static const FieldTable table = {
      {"checkIntervalSec", H::Policy, "spec.default.checkIntervalSec", ""},
      {"checkTimeoutSec", H::Policy, "spec.default.timeoutSec", ""},
      {"healthyThreshold", H::Policy, "spec.default.healthyThreshold", ""},
      {"unhealthyThreshold", H::Policy, "spec.default.unhealthyThreshold", ""},
      {"requestPath", H::Policy, "spec.default.config", ""},
      {"drainingTimeoutSec", H::Policy, "spec.default.connectionDraining.drainingTimeoutSec", ""},
      {"backendTimeoutSec", H::Policy, "spec.default.timeoutSec", ""},
  };
  return table;
}

bool inBackendPolicy(std::string_view field) {
  return field == "drainingTimeoutSec" || field == "backendTimeoutSec";
}

std::string_view checkBlock(std::string_view type) {
  if (type.empty() || type == "HTTP") return "httpHealthCheck";
  if (type == "HTTPS") return "httpsHealthCheck";
  if (type == "HTTP2") return "http2HealthCheck";
  return "";
}

}  // namespace zd::adapters::gke
