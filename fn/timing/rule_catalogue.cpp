#include "timing/rule_catalogue.h"

namespace zd::timing {

const std::vector<RuleInfo>& ruleCatalogue() {
  using S = RuleScope;
  static const std::vector<RuleInfo> rules = {
      {"K1", "preStop sleep is positive and within the grace period", S::AllPresets, true,
       "preStop sleep > 0 and ≤ the grace period (a serving container with no preStop breaks it)",
       "error"},
      {"K2", "grace period covers preStop, shutdown and margin", S::AllPresets, true,
       "grace period ≥ preStop + shutdown + margin", "error"},
      {"K3", "shutdown allowance covers the longest request", S::AllPresets, true,
       "shutdown allowance ≥ longest request", "warning"},
      {"K4", "preStop outlasts the load balancer's propagation", S::AllPresets, true,
       "preStop ≥ LB propagation + margin: SIGTERM only after the LB stopped sending", "warning"},
      {"K5", "progress deadline above minReadySeconds", S::AllPresets, true,
       "progressDeadlineSeconds > minReadySeconds", "error"},
      {"K6", "maxSurge and maxUnavailable not both 0", S::AllPresets, true,
       "maxSurge and maxUnavailable not both 0", "error"},
      {"K7", "readiness probe timings at least 1", S::AllPresets, true,
       "readiness probe period, timeout and failureThreshold ≥ 1", "error"},
      {"K8", "progress deadline covers the time to Ready", S::AllPresets, true,
       "progressDeadlineSeconds ≥ minReadySeconds + time to Ready + margin", "warning"},
      {"A1", "ALB health-check interval and timeout in range", S::Alb, true,
       "ALB health-check interval 5..300, timeout 2..120, timeout < interval", "error"},
      {"A2", "ALB health-check thresholds in range", S::Alb, true,
       "ALB healthy and unhealthy thresholds 2..10", "error"},
      {"A3", "ALB deregistration delay in range", S::Alb, true, "ALB deregistration delay 0..3600",
       "error"},
      {"A4", "deregistration delay covers the longest request", S::Alb, true,
       "deregistration delay ≥ longest request", "warning"},
      {"A5", "app keep-alive outlasts the ALB idle timeout", S::Alb, true,
       "app keep-alive > ALB idle timeout, idle timeout 1..4000",
       "error (range), warning (keep-alive)"},
      {"A6", "slow start in range and not with least outstanding requests", S::Alb, true,
       "slow start 0 or 30..900, and not with `least_outstanding_requests`", "error"},
      {"A7", "the Service's target-group attributes hide the Ingress's", S::Alb, true,
       "target-group attributes on the Service hide the Ingress's copy (info)", "info"},
      {"IP1", "readiness-gate label on the Namespace", S::AlbIp, true,
       "alb-ip: the Namespace carries `elbv2.k8s.aws/pod-readiness-gate-inject=enabled`",
       "warning"},
      {"IP2", "minReadySeconds covers registration without a gate", S::AlbIp, true,
       "alb-ip without readiness gate: minReadySeconds ≥ registration lag + interval + timeout + "
       "margin",
       "warning"},
      {"IP3", "preStop at least the alb-ip floor", S::AlbIp, true,
       "alb-ip: preStop ≥ minPreStopSeconds (15 s)", "warning"},
      {"IP4", "deregistration delay within the grace period", S::AlbIp, true,
       "alb-ip: deregistration delay ≤ grace period (info)", "info"},
      {"IP5", "a failing health path marks the pod down within the preStop", S::AlbIp, false,
       "alb-ip, optional: unhealthy threshold × interval + timeout ≤ preStop (not checked by the "
       "code yet)",
       "none"},
      {"IN1", "readiness gates have no effect with instance targets", S::AlbInstance, true,
       "alb-instance: readiness gates have no effect (info)", "info"},
      {"IN2", "preStop at least the alb-instance floor", S::AlbInstance, true,
       "alb-instance: preStop ≥ minPreStopSeconds (10 s)", "warning"},
      {"IN3", "the app closes keep-alive connections after SIGTERM", S::AlbInstance, true,
       "alb-instance: the app must close keep-alive connections after SIGTERM (advice, once per "
       "workload)",
       "info"},
      {"IN4", "deregistration delay matters when a node leaves", S::AlbInstance, true,
       "alb-instance: deregistration delay matters only when a node leaves; keep it ≥ longest "
       "request (info)",
       "info"},
      {"IN5", "minReadySeconds lets every kube-proxy catch up", S::AlbInstance, true,
       "alb-instance: a small minReadySeconds so every kube-proxy has the new endpoint (info)",
       "info"},
      {"AG1", "preStop at least the agic floor", S::Agic, true,
       "agic: preStop ≥ minPreStopSeconds (90 s)", "warning"},
      {"AG2", "grace period longer than the preStop", S::Agic, true,
       "agic: grace period > preStop (and K2)", "error"},
      {"AG3", "connection draining on and long enough", S::Agic, true,
       "agic: connection draining on, draining timeout 1..3600 and ≥ longest request",
       "error (range), warning"},
      {"AG4", "request timeout in range and long enough", S::Agic, true,
       "agic: request timeout 1..86400 and ≥ longest request", "error (range), warning"},
      {"AG5", "App Gateway probe in Azure's ranges", S::Agic, true,
       "agic: the App Gateway probe (annotations, else the copied httpGet readiness or liveness "
       "probe, else 30 / 30 / 3) within Azure's ranges",
       "error"},
      {"AG6", "App Gateway marks a pod down within 20 s", S::Agic, true,
       "agic: unhealthy threshold × interval + timeout ≤ 20 s", "warning"},
      {"AG7", "App Gateway probe timeout within its interval", S::Agic, true,
       "agic: probe timeout ≤ interval (info)", "info"},
      {"AG8", "an httpGet readiness probe for App Gateway to copy", S::Agic, true,
       "agic: the container declaring the Service's port must have an httpGet readiness probe for "
       "App Gateway to copy",
       "warning"},
      {"AG9", "minReadySeconds 0 is fine: App Gateway gives no feedback", S::Agic, false,
       "agic: minReadySeconds 0 is fine, App Gateway gives no feedback (preset comment only; no "
       "result carries it)",
       "none"},
      {"Z0", "preset value", S::Function, true,
       "a change made only to reach the preset's (or config's) value, with no rule broken",
       "info (a change)"},
      {"Z1", "Recreate or OnDelete strategy", S::Function, true,
       "`strategy: Recreate` (warning) or `OnDelete` (info): reported, never rewritten",
       "warning (Recreate), info (OnDelete)"},
      {"Z2", "preStop that is not a plain sleep", S::Function, true,
       "a preStop that is not a plain sleep: its length is unknown, and the grace period assumes "
       "it ends within the preset's preStop, max(P, floor, E + B); reported, never rewritten",
       "warning"},
      {"Z3", "serving container without a readiness probe", S::Function, true,
       "a serving container without a readiness probe (warning), or the probe added from "
       "`readinessProbePath` (info)",
       "warning, info (probe added)"},
      {"Z4", "maxUnavailable looser than the preset's", S::Function, true,
       "maxUnavailable above the preset's: capacity drops while the LB catches up", "warning"},
      {"Z5", "StatefulSet with one replica", S::Function, true,
       "a StatefulSet with fewer than 2 replicas is replaced delete-first", "warning"},
      {"Z6", "ALB target type", S::Function, true, "ALB target type other than the preset's",
       "warning"},
      {"Z7", "alb-instance needs a NodePort or LoadBalancer Service", S::Function, true,
       "alb-instance behind a Service that is not NodePort or LoadBalancer", "warning"},
      {"Z8", "DaemonSet that cannot surge", S::Function, true,
       "a DaemonSet with `hostNetwork` or a `hostPort`: no surge pod can start beside the old one, "
       "so its rollout is left as it is (warning)",
       "warning"},
      {"Z9", "serving containers not identified", S::Function, true,
       "no container declares the Service's target port, so every container gets the preStop sleep "
       "(warning)",
       "warning"},
      {"Z10", "DaemonSet surge and unavailable both non-zero", S::Function, true,
       "a DaemonSet's `maxSurge` and `maxUnavailable` must not both be non-zero: the API server "
       "rejects it",
       "error"},
      {"Z11", "load-balancer settings shared with an unmanaged backend", S::Function, true,
       "load-balancer settings not written because the annotation would also reach a backend the "
       "function does not manage (warning)",
       "warning"},
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
