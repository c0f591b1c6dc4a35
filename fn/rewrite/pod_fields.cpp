#include "rewrite/pod_fields.h"

#include <utility>

namespace zd::rewrite {

std::string strategyPath(bool deployment) {
  return deployment ? "spec.strategy" : "spec.updateStrategy";
}

std::string workloadPath(std::string_view field, bool deployment) {
  static const std::pair<std::string_view, std::string_view> fixed[] = {
      {"terminationGracePeriodSeconds", "spec.template.spec.terminationGracePeriodSeconds"},
      {"minReadySeconds", "spec.minReadySeconds"},
      {"progressDeadlineSeconds", "spec.progressDeadlineSeconds"},
      {"replicas", "spec.replicas"},
      {"containers", "spec.template.spec.containers"},
  };
  for (const auto& [name, path] : fixed) {
    if (field == name) return std::string(path);
  }
  if (field == "maxSurge" || field == "maxUnavailable")
    return strategyPath(deployment) + ".rollingUpdate." + std::string(field);
  if (field == "strategy") return strategyPath(deployment) + ".type";
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
