// Reads what the manifests say about one workload and one Ingress/Service in
// front of it into the timing model's Observed (no YAML types beyond here).
#pragma once

#include <vector>

#include "krm/config.h"
#include "rewrite/pod_fields.h"
#include "scope/graph.h"
#include "timing/model.h"

namespace zd::rewrite {

// The Namespace label that has the AWS Load Balancer Controller inject readiness gates; the
// shared reader reads it (the model's namespaceGateLabel), only the ALB rules use it.
inline constexpr const char* kGateLabel = "elbv2.k8s.aws/pod-readiness-gate-inject";

// Where the workload keeps its rollout settings; a Rollout's from which strategy it names.
StrategyShape shapeOf(const yaml::Tree& tree, const scope::ObjectInfo& workload);

timing::Observed observe(const yaml::Tree& tree, const scope::ObjectIndex& index,
                         const scope::Target& target, const scope::Binding& binding,
                         const krm::Config& config, std::vector<krm::Result>& errors);

}  // namespace zd::rewrite
