#include "timing/rule_catalogue.h"

namespace zd::timing {

const std::vector<RuleInfo>& ruleCatalogue() {
  using S = RuleScope;
  static const std::vector<RuleInfo> rules = {
      {"K1", "preStop sleep is positive and within the grace period", S::AllPresets, true},
      {"K2", "grace period covers preStop, shutdown and margin", S::AllPresets, true},
      {"K3", "shutdown allowance covers the longest request", S::AllPresets, true},
      {"K4", "preStop outlasts the load balancer's propagation", S::AllPresets, true},
      {"K5", "progress deadline above minReadySeconds", S::AllPresets, true},
      {"K6", "maxSurge and maxUnavailable not both 0", S::AllPresets, true},
      {"K7", "readiness probe timings at least 1", S::AllPresets, true},
      {"K8", "progress deadline covers the time to Ready", S::AllPresets, true},
      {"A1", "ALB health-check interval and timeout in range", S::Alb, true},
      {"A2", "ALB health-check thresholds in range", S::Alb, true},
      {"A3", "ALB deregistration delay in range", S::Alb, true},
      {"A4", "deregistration delay covers the longest request", S::Alb, true},
      {"A5", "app keep-alive outlasts the ALB idle timeout", S::Alb, true},
      {"A6", "slow start in range and not with least outstanding requests", S::Alb, true},
      {"A7", "the Service's target-group attributes hide the Ingress's", S::Alb, true},
      {"IP1", "readiness-gate label on the Namespace", S::AlbIp, true},
      {"IP2", "minReadySeconds covers registration without a gate", S::AlbIp, true},
      {"IP3", "preStop at least the alb-ip floor", S::AlbIp, true},
      {"IP4", "deregistration delay within the grace period", S::AlbIp, true},
      {"IP5", "a failing health path marks the pod down within the preStop", S::AlbIp, false},
      {"IN1", "readiness gates have no effect with instance targets", S::AlbInstance, true},
      {"IN2", "preStop at least the alb-instance floor", S::AlbInstance, true},
      {"IN3", "the app closes keep-alive connections after SIGTERM", S::AlbInstance, true},
      {"IN4", "deregistration delay matters when a node leaves", S::AlbInstance, true},
      {"IN5", "minReadySeconds lets every kube-proxy catch up", S::AlbInstance, true},
      {"AG1", "preStop at least the agic floor", S::Agic, true},
      {"AG2", "grace period longer than the preStop", S::Agic, true},
      {"AG3", "connection draining on and long enough", S::Agic, true},
      {"AG4", "request timeout in range and long enough", S::Agic, true},
      {"AG5", "App Gateway probe in Azure's ranges", S::Agic, true},
      {"AG6", "App Gateway marks a pod down within 20 s", S::Agic, true},
      {"AG7", "App Gateway probe timeout within its interval", S::Agic, true},
      {"AG8", "an httpGet readiness probe for App Gateway to copy", S::Agic, true},
      {"AG9", "minReadySeconds 0 is fine: App Gateway gives no feedback", S::Agic, false},
      {"Z0", "preset value", S::Function, true},
      {"Z1", "Recreate or OnDelete strategy", S::Function, true},
      {"Z2", "preStop that is not a plain sleep", S::Function, true},
      {"Z3", "serving container without a readiness probe", S::Function, true},
      {"Z4", "maxUnavailable looser than the preset's", S::Function, true},
      {"Z5", "StatefulSet with one replica", S::Function, true},
      {"Z6", "ALB target type", S::Function, true},
      {"Z7", "alb-instance needs a NodePort or LoadBalancer Service", S::Function, true},
      {"Z8", "DaemonSet that cannot surge", S::Function, true},
      {"Z9", "serving containers not identified", S::Function, true},
      {"Z10", "DaemonSet surge and unavailable both non-zero", S::Function, true},
      {"Z11", "load-balancer settings shared with an unmanaged backend", S::Function, true},
  };
  return rules;
}

const std::vector<RulePrefix>& rulePrefixes() {
  static const std::vector<RulePrefix> prefixes = {
      {"K", "every preset: the pod's termination and rollout", false},
      {"A", "every ALB preset: target-group health checks and attributes", false},
      {"IP", "preset alb-ip (target type ip)", false},
      {"IN", "preset alb-instance (target type instance)", false},
      {"AG", "preset agic (Azure Application Gateway Ingress Controller)", false},
      {"Z", "the function's own: what it reports, never rewrites, or why it wrote a value", false},
      {"NL", "AWS Network Load Balancer", true},
      {"AC", "Azure Application Gateway for Containers", true},
      {"GK", "GKE: container-native Ingress and Gateway", true},
      {"GW", "Gateway API routes, whatever the controller", true},
      {"DR", "node drains and PodDisruptionBudgets", true},
      {"RO", "Argo Rollouts", true},
  };
  return prefixes;
}

const RuleInfo* findRule(std::string_view id) {
  for (const RuleInfo& r : ruleCatalogue()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace zd::timing
