// The pod side's field table: each workload and container quantity of the model, by its model
// name, and its path in a Deployment, StatefulSet or DaemonSet. The reader, the writer and the
// results' field paths take paths from here; the adapters' tables do the same for the load
// balancer's settings (adapters/field_table.h).
#pragma once

#include <string>
#include <string_view>

namespace zd::rewrite {

// "spec.strategy" for a Deployment, "spec.updateStrategy" for the others.
std::string strategyPath(bool deployment);

// The path of a workload-level field ("minReadySeconds" -> "spec.minReadySeconds"), or "" when
// `field` is none.
std::string workloadPath(std::string_view field, bool deployment);

// The path of a container field below the container ("preStopSeconds" ->
// "lifecycle.preStop", "readinessPeriodSeconds" -> "readinessProbe.periodSeconds"), or "".
std::string containerPath(std::string_view field);

}  // namespace zd::rewrite
