#include "rewrite/pod_fields.h"

#include <utility>

namespace zd::rewrite {

std::string strategyPath(StrategyShape shape) {
  switch (shape) {
    case StrategyShape::Deployment:
      return "spec.strategy";
    case StrategyShape::UpdateStrategy:
      return "spec.updateStrategy";
    case StrategyShape::Canary:
      return "spec.strategy.canary";
    case StrategyShape::BlueGreen:
      return "spec.strategy.blueGreen";
  }
  return "spec.strategy";
}

std::string rollingPath(StrategyShape shape) {
  const bool rollout = shape == StrategyShape::Canary || shape == StrategyShape::BlueGreen;
  return strategyPath(shape) + (rollout ? "" : ".rollingUpdate");
}

std::string workloadPath(std::string_view field, StrategyShape shape) {
  const bool rollout = shape == StrategyShape::Canary || shape == StrategyShape::BlueGreen;
  static const std::pair<std::string_view, std::string_view> fixed[] = {
      {"terminationGracePeriodSeconds", "spec.template.spec.terminationGracePeriodSeconds"},
      {"minReadySeconds", "spec.minReadySeconds"},
      {"progressDeadlineSeconds", "spec.progressDeadlineSeconds"},
      {"replicas", "spec.replicas"},
      {"containers", "spec.template.spec.containers"},
      // K10: the mesh proxy's settings are annotations of the pod template.
      {"meshProxy", "spec.template.metadata.annotations"},
  };
  for (const auto& [name, path] : fixed) {
    if (field == name) return std::string(path);
  }
  if (field == "maxSurge" || field == "maxUnavailable")
    return rollingPath(shape) + "." + std::string(field);
  if (rollout && (field == "scaleDownDelaySeconds" || field == "abortScaleDownDelaySeconds"))
    return strategyPath(shape) + "." + std::string(field);
  if (field == "strategy") return rollout ? "spec.strategy" : strategyPath(shape) + ".type";
  return "";
}

std::string containerPath(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> table[] = {
      {"preStopSeconds", "lifecycle.preStop"},
      {"readinessProbe", "readinessProbe"},
      {"readinessPeriodSeconds", "readinessProbe.periodSeconds"},
      {"readinessTimeoutSeconds", "readinessProbe.timeoutSeconds"},
      {"readinessFailureThreshold", "readinessProbe.failureThreshold"},
  };
  for (const auto& [name, path] : table) {
    if (field == name) return std::string(path);
  }
  return "";
}

}  // namespace zd::rewrite
