// Observed -> Effective: every absent value replaced by the default the cluster, the controller
// or the cloud applies (docs/timing-model.md, "Quantities", column Default), tagged with its
// origin for `explain`.
#include <algorithm>

#include "timing/lb_model.h"
#include "timing/model.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

using detail::pick;

const IntOrPercent kQuarter{25, true};
const IntOrPercent kOne{1, false};
const IntOrPercent kZero{0, false};

// Argo Rollouts: scale-down delays of 30 s (after the switch, and after an abort).
EffectiveRollout rolloutOf(const ObservedRollout& r) {
  EffectiveRollout out;
  out.strategy = r.strategy;
  out.trafficRouting = r.trafficRouting;
  out.albTrafficRouting = r.albTrafficRouting;
  out.dynamicStableScale = r.dynamicStableScale;
  out.scaleDownDelaySeconds = pick<int64_t>(r.scaleDownDelaySeconds, 30);
  out.abortScaleDownDelaySeconds = pick<int64_t>(r.abortScaleDownDelaySeconds, 30);
  out.pingPong = r.pingPong;
  return out;
}

// Kubernetes: Deployment 25% / 25%; DaemonSet surge 0, unavailable 1; StatefulSet has no surge.
// An Argo Rollout's basic canary has a Deployment's. With traffic routing the stable ReplicaSet
// stays whole and weights move the traffic (Argo Rollouts docs features/canary: maxSurge and
// maxUnavailable set no replica counts then), and blue-green switches Services: no surge to
// check, and the maxUnavailable read is kept only as the default origin (no Z4).
void fillRollout(const Observed& o, Effective& e) {
  switch (o.kind) {
    case WorkloadKind::Rollout:
      if (o.rollout) e.rollout = rolloutOf(*o.rollout);
      if (!e.rollout || !e.rollout->switches()) e.maxSurge = pick(o.maxSurge, kQuarter);
      e.maxUnavailable = e.maxSurge ? pick(o.maxUnavailable, kQuarter)
                                    : Sourced<IntOrPercent>{kQuarter, Origin::Default};
      e.progressDeadlineSeconds = pick<int64_t>(o.progressDeadlineSeconds, 600);
      e.replicas = pick<int64_t>(o.replicas, 1);
      break;
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
          pick<int64_t>(p.successThreshold, 1),
          p.httpPath,
          p.httpPort,
          p.httpsScheme,
          p.httpHost};
}

EffectiveContainer containerOf(const ObservedContainer& c) {
  EffectiveContainer out{c.name, c.preStop, std::nullopt, std::nullopt, std::nullopt};
  out.image = c.image;
  out.noSleepBinary = c.noSleepBinary;
  if (c.preStop == PreStopKind::None) out.preStopSeconds = Sourced<int64_t>{0, Origin::Default};
  if (c.preStop == PreStopKind::ExecSleep || c.preStop == PreStopKind::NativeSleep) {
    out.preStopSeconds = pick<int64_t>(c.preStopSeconds, 0);
  }
  if (c.readinessProbe) out.readinessProbe = probeOf(*c.readinessProbe);
  if (c.livenessProbe) out.livenessProbe = probeOf(*c.livenessProbe);
  return out;
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
  e.rolloutsVerifyTargetGroup = o.rolloutsVerifyTargetGroup;
  e.serving = o.serving;
  e.undeclaredPorts = o.undeclaredPorts;
  e.namespaceName = o.namespaceName;
  e.namespaceInInput = o.namespaceInInput;
  e.namespaceLocalConfig = o.namespaceLocalConfig;
  e.namespaceGateLabel = o.namespaceGateLabel;
  e.nativeSleepAllowed = o.nativeSleepAllowed;
  e.appClosesConnections = o.appClosesConnections;
  e.hostPortOrNetwork = o.hostPortOrNetwork;
  e.mesh = effectiveMesh(o.mesh);
  e.serviceType = pick(o.serviceType, ServiceType::ClusterIP);
  // Every adapter's part, its preset's or not: explain and the pod-side rules read settings
  // that are absent as their defaults.
  for (const LbModel* lb : lbModels()) lb->effective(o, e);
  e.gateTargets = lbModelOf(k.preset).gateTargets(k, e);
  e.lbSharedWith = o.lbSharedWith;
  return e;
}

}  // namespace zd::timing
