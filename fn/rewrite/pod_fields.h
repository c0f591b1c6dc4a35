// The pod side's field table: each workload and container quantity of the model, by its model
// name, and its path in a Deployment, StatefulSet, DaemonSet or Argo Rollout. The reader, the
// writer and the results' field paths take paths from here; the adapters' tables do the same for
// the load balancer's settings (adapters/field_table.h).
#pragma once

#include <string>
#include <string_view>

namespace zd::rewrite {

// Where a workload keeps its rollout settings.
enum class StrategyShape {
  Deployment,      // spec.strategy.rollingUpdate
  UpdateStrategy,  // StatefulSet, DaemonSet: spec.updateStrategy.rollingUpdate
  Canary,          // Argo Rollout: spec.strategy.canary
  BlueGreen,       // Argo Rollout: spec.strategy.blueGreen
};

// "spec.strategy", "spec.updateStrategy", "spec.strategy.canary", "spec.strategy.blueGreen".
std::string strategyPath(StrategyShape shape);

// The map holding maxSurge and maxUnavailable, as a path from the workload.
std::string rollingPath(StrategyShape shape);

// The path of a workload-level field ("minReadySeconds" -> "spec.minReadySeconds"), or "" when
// `field` is none.
std::string workloadPath(std::string_view field, StrategyShape shape);

// The path of a container field below the container ("preStopSeconds" ->
// "lifecycle.preStop", "readinessPeriodSeconds" -> "readinessProbe.periodSeconds"), or "".
std::string containerPath(std::string_view field);

}  // namespace zd::rewrite
