// Observed -> Effective: every absent value replaced by the default the cluster, the controller
// or the cloud applies (docs/timing-model.md, "Quantities", column Default), tagged with its
// origin for `explain`.
#include <algorithm>

#include "timing/model.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

template <typename T>
Sourced<T> pick(const std::optional<T>& v, T fallback) {
  if (v) return {*v, Origin::Manifest};
  return {std::move(fallback), Origin::Default};
}

const IntOrPercent kQuarter{25, true};
const IntOrPercent kOne{1, false};
const IntOrPercent kZero{0, false};

// Kubernetes: Deployment 25% / 25%; DaemonSet surge 0, unavailable 1; StatefulSet has no surge.
void fillRollout(const Observed& o, Effective& e) {
  switch (o.kind) {
    case WorkloadKind::Deployment:
      e.maxSurge = pick(o.maxSurge, kQuarter);
      e.maxUnavailable = pick(o.maxUnavailable, kQuarter);
      e.progressDeadlineSeconds = pick<int64_t>(o.progressDeadlineSeconds, 600);
      e.replicas = pick<int64_t>(o.replicas, 1);
      break;
    case WorkloadKind::DaemonSet:
      e.maxSurge = pick(o.maxSurge, kZero);
      e.maxUnavailable = pick(o.maxUnavailable, kOne);
      break;
    case WorkloadKind::StatefulSet:
      e.maxUnavailable = pick(o.maxUnavailable, kOne);
      e.replicas = pick<int64_t>(o.replicas, 1);
      break;
  }
  e.strategy = pick(o.strategy, StrategyType::RollingUpdate);
  e.minReadySeconds = pick<int64_t>(o.minReadySeconds, 0);
}

// The API server fills 10 / 1 / 3, and 0 / 1 for the initial delay and success threshold.
EffectiveProbe probeOf(const ObservedProbe& p) {
  return {p.isHttpGet,
          pick<int64_t>(p.periodSeconds, 10),
          pick<int64_t>(p.timeoutSeconds, 1),
          pick<int64_t>(p.failureThreshold, 3),
          pick<int64_t>(p.initialDelaySeconds, 0),
          pick<int64_t>(p.successThreshold, 1)};
}

EffectiveContainer containerOf(const ObservedContainer& c) {
  EffectiveContainer out{c.name, c.preStop, std::nullopt, std::nullopt, std::nullopt};
  if (c.preStop == PreStopKind::None) out.preStopSeconds = Sourced<int64_t>{0, Origin::Default};
  if (c.preStop == PreStopKind::ExecSleep || c.preStop == PreStopKind::NativeSleep) {
    out.preStopSeconds = pick<int64_t>(c.preStopSeconds, 0);
  }
  if (c.readinessProbe) out.readinessProbe = probeOf(*c.readinessProbe);
  if (c.livenessProbe) out.livenessProbe = probeOf(*c.livenessProbe);
  return out;
}

// LBC defaults for the health check (pkg/ingress/model_builder.go), AWS's for the attributes.
EffectiveAlb albOf(const ObservedAlb& a) {
  EffectiveAlb e;
  e.targetType = pick<std::string>(a.targetType, "instance");
  e.deregistrationDelaySeconds = pick<int64_t>(a.deregistrationDelaySeconds, 300);
  e.slowStartSeconds = pick<int64_t>(a.slowStartSeconds, 0);
  e.loadBalancingAlgorithm = pick<std::string>(a.loadBalancingAlgorithm, "round_robin");
  e.healthCheckIntervalSeconds = pick<int64_t>(a.healthCheckIntervalSeconds, 15);
  e.healthCheckTimeoutSeconds = pick<int64_t>(a.healthCheckTimeoutSeconds, 5);
  e.healthyThresholdCount = pick<int64_t>(a.healthyThresholdCount, 2);
  e.unhealthyThresholdCount = pick<int64_t>(a.unhealthyThresholdCount, 2);
  e.idleTimeoutSeconds = pick<int64_t>(a.idleTimeoutSeconds, 60);
  e.ingressTgAttributesIgnored = a.ingressTgAttributesIgnored;
  return e;
}

// AG5: annotation ?? value copied from the pod probe ?? App Gateway default.
Sourced<int64_t> agicProbeValue(const std::optional<int64_t>& annotation,
                                const std::optional<int64_t>& fromPod, int64_t fallback) {
  if (annotation) return {*annotation, Origin::Manifest};
  if (fromPod) return {*fromPod, Origin::Derived};
  return {fallback, Origin::Default};
}

EffectiveAgic agicOf(const ObservedAgic& a, const Effective& e, std::optional<size_t> container) {
  EffectiveAgic g;
  g.connectionDraining = pick(a.connectionDraining, false);
  g.drainingText = a.connectionDrainingText;
  g.drainingTimeoutSeconds = pick<int64_t>(a.drainingTimeoutSeconds, 30);
  g.requestTimeoutSeconds = pick<int64_t>(a.requestTimeoutSeconds, 30);
  std::optional<int64_t> hi, ht, ut;
  const EffectiveProbe* p = nullptr;
  if (container && *container < e.containers.size()) {
    const EffectiveContainer& c = e.containers[*container];
    g.sourceContainer = c.name;
    p = detail::agicProbe(c, g.source);
  }
  if (p) {
    hi = p->periodSeconds.value;
    ht = p->timeoutSeconds.value;
    ut = std::min(p->failureThreshold.value, detail::kAgicMaxThreshold);  // AGIC caps (AG5)
  }
  g.probeIntervalSeconds = agicProbeValue(a.probeIntervalSeconds, hi, 30);
  g.probeTimeoutSeconds = agicProbeValue(a.probeTimeoutSeconds, ht, 30);
  g.probeUnhealthyThreshold = agicProbeValue(a.probeUnhealthyThreshold, ut, 3);
  return g;
}

}  // namespace

Effective effective(const Knobs& k, const Observed& o) {
  Effective e;
  e.kind = o.kind;
  e.terminationGracePeriodSeconds = pick<int64_t>(o.terminationGracePeriodSeconds, 30);
  fillRollout(o, e);
  e.shutdownSeconds = o.shutdownSecondsOverride
                          ? Sourced<int64_t>{*o.shutdownSecondsOverride, Origin::Manifest}
                          : Sourced<int64_t>{k.shutdownSeconds, Origin::Config};
  for (const auto& c : o.containers) e.containers.push_back(containerOf(c));
  e.serving = o.serving;
  e.undeclaredPorts = o.undeclaredPorts;
  e.namespaceName = o.namespaceName;
  e.namespaceInInput = o.namespaceInInput;
  e.namespaceLocalConfig = o.namespaceLocalConfig;
  e.namespaceGateLabel = o.namespaceGateLabel;
  e.nativeSleepAllowed = o.nativeSleepAllowed;
  e.hostPortOrNetwork = o.hostPortOrNetwork;
  e.serviceType = pick(o.serviceType, ServiceType::ClusterIP);
  e.alb = albOf(o.alb);
  e.agic = agicOf(o.agic, e, o.agicProbeContainer);
  e.lbSharedWith = o.lbSharedWith;
  return e;
}

}  // namespace zd::timing
