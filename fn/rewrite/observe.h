// Reads what the manifests say about one workload and one Ingress/Service in
// front of it into the timing model's Observed (no YAML types beyond here).
#pragma once

#include <vector>

#include "krm/config.h"
#include "scope/graph.h"
#include "timing/model.h"

namespace zd::rewrite {

// Annotation keys of the two controllers.
inline constexpr const char* kAlb = "alb.ingress.kubernetes.io/";
inline constexpr const char* kAgic = "appgw.ingress.kubernetes.io/";
inline constexpr const char* kTgAttributes = "alb.ingress.kubernetes.io/target-group-attributes";
inline constexpr const char* kDeregistration = "deregistration_delay.timeout_seconds";
inline constexpr const char* kGateLabel = "elbv2.k8s.aws/pod-readiness-gate-inject";

timing::Observed observe(const yaml::Tree& tree, const scope::ObjectIndex& index,
                         const scope::Target& target, const scope::Binding& binding,
                         const krm::Config& config, std::vector<krm::Result>& errors);

}  // namespace zd::rewrite
