#include "adapters/lbc_gateway/fields.h"

namespace zd::adapters::gateway {

namespace {

struct HealthCheckField {
  std::string_view field, key;
};

// healthCheckConfig's keys are seconds and counts as int32 (HealthCheckConfiguration).
constexpr HealthCheckField kHealthCheckFields[] = {
    {"healthCheckIntervalSeconds", "healthCheckInterval"},
    {"healthCheckTimeoutSeconds", "healthCheckTimeout"},
    {"healthyThresholdCount", "healthyThresholdCount"},
    {"unhealthyThresholdCount", "unhealthyThresholdCount"},
};

}  // namespace

const FieldTable& fields() {
  using H = Holder;
  static const FieldTable table = {
      {"targetType", H::Policy, "spec.defaultConfiguration.targetType", ""},
      {"healthCheckIntervalSeconds", H::Policy,
       "spec.defaultConfiguration.healthCheckConfig.healthCheckInterval", ""},
      {"healthCheckTimeoutSeconds", H::Policy,
       "spec.defaultConfiguration.healthCheckConfig.healthCheckTimeout", ""},
      {"healthyThresholdCount", H::Policy,
       "spec.defaultConfiguration.healthCheckConfig.healthyThresholdCount", ""},
      {"unhealthyThresholdCount", H::Policy,
       "spec.defaultConfiguration.healthCheckConfig.unhealthyThresholdCount", ""},
      {"deregistrationDelaySeconds", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "deregistration_delay.timeout_seconds"},
      {"slowStartSeconds", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "slow_start.duration_seconds"},
      {"loadBalancingAlgorithm", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "load_balancing.algorithm.type"},
      // The NLB's (NL6, NL13), as the Service path's annotation items (adapters/nlb/fields.h).
      {"connectionTermination", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "deregistration_delay.connection_termination.enabled"},
      {"unhealthyTermination", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "target_health_state.unhealthy.connection_termination.enabled"},
      {"unhealthyDrainingSeconds", H::Policy, "spec.defaultConfiguration.targetGroupAttributes",
       "target_health_state.unhealthy.draining_interval_seconds"},
  };
  return table;
}

const FieldSpot& spot(std::string_view field) { return requireSpot(fields(), field); }

std::string_view healthCheckKey(std::string_view field) {
  for (const HealthCheckField& f : kHealthCheckFields) {
    if (f.field == field) return f.key;
  }
  return "";
}

}  // namespace zd::adapters::gateway
