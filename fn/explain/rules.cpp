#include "explain/rules.h"

#include <algorithm>
#include <map>

#include "timing/cloud_ranges.h"
#include "timing/model_detail.h"
#include "timing/text.h"

namespace zd::explain {

using timing::Effective;
using timing::Knobs;
using timing::PresetId;
namespace alb = timing::alb;
namespace agic = timing::agic;
namespace nlb = timing::nlb;

namespace {

using timing::cat;

const char* floorRule(PresetId p) { return timing::floorRuleOf(p); }

// The plain sleeps of the serving containers (a hook that is not one has no length).
std::vector<int64_t> sleeps(const Effective& e) {
  std::vector<int64_t> out;
  for (const auto& c : e.containers) {
    if (c.preStopSeconds) out.push_back(c.preStopSeconds->value);
  }
  return out;
}

std::string sleepText(const std::vector<int64_t>& p, bool longest) {
  if (p.empty()) return "preStop sleep ? s";
  const int64_t v =
      longest ? *std::max_element(p.begin(), p.end()) : *std::min_element(p.begin(), p.end());
  return cat("preStop ", v, " s");
}

using timing::gateOn;
using timing::timeToReady;

std::string nsLabel(const Effective& e) {
  return e.namespaceName.empty() ? "the workload's Namespace"
                                 : "Namespace \"" + e.namespaceName + "\"";
}

std::string k1(const Knobs&, const Effective& e) {
  const auto p = sleeps(e);
  if (p.empty()) return "no plain preStop sleep to check";
  return cat(sleepText(p, false), " > 0 and ", sleepText(p, true), " <= grace period ",
             e.terminationGracePeriodSeconds.value, " s");
}

std::string k2(const Knobs& k, const Effective& e) {
  const auto p = sleeps(e);
  if (p.empty()) return "no plain preStop sleep: the grace period cannot be checked";
  const int64_t longest = *std::max_element(p.begin(), p.end());
  const int64_t sd = e.shutdownSeconds.value;
  return cat("grace period ", e.terminationGracePeriodSeconds.value, " s >= preStop ", longest,
             " s + shutdown ", sd, " s + margin ", k.marginSeconds,
             " s = ", longest + sd + k.marginSeconds, " s");
}

std::string k4(const Knobs& k, const Effective& e) {
  const auto p = sleeps(e);
  return cat(sleepText(p, false), " >= LB propagation ", k.lbPropagationSeconds, " s + margin ",
             k.marginSeconds, " s = ", k.lbPropagationSeconds + k.marginSeconds,
             " s: SIGTERM comes after the LB stopped sending");
}

std::string floorText(const Knobs& k, const Effective& e) {
  return cat(sleepText(sleeps(e), false), " >= ", k.minPreStopSeconds, " s, the floor of preset ",
             timing::presetName(k.preset));
}

std::string ag2(const Knobs&, const Effective& e) {
  return cat("grace period ", e.terminationGracePeriodSeconds.value, " s > ",
             sleepText(sleeps(e), true));
}

std::string k3(const Knobs& k, const Effective& e) {
  return cat("shutdown allowance ", e.shutdownSeconds.value, " s >= longest request ",
             k.longestRequestSeconds, " s");
}

std::string a1(const Knobs&, const Effective& e) {
  return cat("health check every ", e.alb.healthCheckIntervalSeconds.value, " s (",
             alb::kHealthCheckInterval.text(), "), timeout ", e.alb.healthCheckTimeoutSeconds.value,
             " s (", alb::kHealthCheckTimeout.text(), ") below the interval");
}

std::string a2(const Knobs&, const Effective& e) {
  return cat("healthy threshold ", e.alb.healthyThresholdCount.value, " and unhealthy threshold ",
             e.alb.unhealthyThresholdCount.value, " within ", alb::kThresholdCount.text());
}

std::string a4(const Knobs& k, const Effective& e) {
  return cat("deregistration delay ", e.alb.deregistrationDelaySeconds.value,
             " s >= longest request ", k.longestRequestSeconds, " s",
             k.preset == PresetId::AlbInstance ? " (it matters when a node leaves)" : "");
}

std::string a5(const Knobs& k, const Effective& e) {
  const int64_t idle = e.alb.idleTimeoutSeconds.value;
  if (k.lbc.keepAliveSeconds) {
    return cat("app keep-alive ", *k.lbc.keepAliveSeconds, " s > ALB idle timeout ", idle, " s");
  }
  return cat("ALB idle timeout ", idle, " s within ", alb::kIdleTimeout.text(),
             " s (keepAliveSeconds not set: the app's side is not checked)");
}

std::string ip2(const Knobs& k, const Effective& e) {
  const int64_t m = e.minReadySeconds.value;
  if (gateOn(e)) {
    return cat(
        "the readiness gate keeps old pods until the new target is healthy; minReadySeconds ", m,
        " s may be 0");
  }
  const int64_t need = k.registrationLagSeconds + e.alb.healthCheckIntervalSeconds.value +
                       e.alb.healthCheckTimeoutSeconds.value + k.marginSeconds;
  return cat("minReadySeconds ", m, " s >= registration ", k.registrationLagSeconds,
             " s + health check ", e.alb.healthCheckIntervalSeconds.value, " + ",
             e.alb.healthCheckTimeoutSeconds.value, " s + margin ", k.marginSeconds, " s = ", need,
             " s");
}

// The NLB's rules speak of every target group whose delay the annotations set.
std::string nlbDelays(const Effective& e) {
  std::string out;
  for (const timing::EffectiveNlbDelay& d : e.nlb.delays) {
    out += cat(out.empty() ? "" : ", ", d.deregistrationDelaySeconds.value, " s",
               d.port.empty() ? "" : " (port " + d.port + ")");
  }
  return out.empty() ? "none set" : out;
}

std::string nl9(const Knobs& k, const Effective& e) {
  const int64_t m = e.minReadySeconds.value;
  if (gateOn(e)) {
    return cat(
        "the readiness gate keeps old pods until the new target is healthy; minReadySeconds ", m,
        " s may be 0");
  }
  const timing::EffectiveNlb& n = e.nlb;
  const int64_t need = timing::detail::nlbHealthyAfter(k, e) + k.marginSeconds;
  return cat("minReadySeconds ", m, " s >= registration ", k.registrationLagSeconds,
             " s + healthy threshold ", n.healthyThresholdCount.value, " x interval ",
             n.healthCheckIntervalSeconds.value, " s + timeout ", n.healthCheckTimeoutSeconds.value,
             " s + margin ", k.marginSeconds, " s = ", need, " s");
}

std::string nl11(const Knobs& k, const Effective& e) {
  const timing::EffectiveNlb& n = e.nlb;
  const int64_t m = e.minReadySeconds.value;
  if (!n.localTrafficPolicy) {
    return cat("minReadySeconds ", m, " s >= ", k.minReadySeconds,
               " s: every kube-proxy has the new endpoint first (externalTrafficPolicy Cluster)");
  }
  const int64_t need = timing::detail::nlbChecksPass(n) + k.marginSeconds;
  return cat("minReadySeconds ", m, " s >= healthy threshold ", n.healthyThresholdCount.value,
             " x interval ", n.healthCheckIntervalSeconds.value, " s + timeout ",
             n.healthCheckTimeoutSeconds.value, " s + margin ", k.marginSeconds, " s = ", need,
             " s: a node whose only pod is new passes the NLB's check first");
}

std::string ag3(const Knobs& k, const Effective& e) {
  if (!e.agic.connectionDraining.value) return "connection draining off, as the config asks";
  return cat("connection draining on, timeout ", e.agic.drainingTimeoutSeconds.value, " s within ",
             agic::kDrainingTimeout.text(), " s and >= longest request ", k.longestRequestSeconds,
             " s");
}

std::string ag6(const Knobs&, const Effective& e) {
  const auto& g = e.agic;
  const int64_t d = agic::detection(g.probeIntervalSeconds.value, g.probeTimeoutSeconds.value,
                                    g.probeUnhealthyThreshold.value);
  return cat("App Gateway marks a pod down in ", g.probeUnhealthyThreshold.value, " x ",
             g.probeIntervalSeconds.value, " s + ", g.probeTimeoutSeconds.value, " s = ", d,
             " s <= ", agic::kProbeBudget, " s");
}

std::string k6(const Knobs&, const Effective& e) {
  if (!e.maxSurge) return "no maxSurge here: pods are replaced one by one";
  return cat("maxSurge ", e.maxSurge->value.str(), " and maxUnavailable ",
             e.maxUnavailable.value.str(), " are not both 0");
}

std::string k8(const Knobs& k, const Effective& e) {
  const int64_t pd = e.progressDeadlineSeconds ? e.progressDeadlineSeconds->value : 0;
  const int64_t m = e.minReadySeconds.value;
  const int64_t r = timeToReady(k, e);
  return cat("progressDeadlineSeconds ", pd, " s >= minReadySeconds ", m, " s + time to Ready ", r,
             " s + margin ", k.marginSeconds, " s = ", m + r + k.marginSeconds, " s");
}

std::string k10(const Knobs& k, const Effective& e) {
  const timing::EffectiveMesh& m = e.mesh;
  if (m.nativeSidecar) {
    return cat("the ", timing::meshName(m.mesh),
               " proxy runs as a native sidecar: Kubernetes stops it after the app's containers");
  }
  const int64_t need = timing::meshProxyNeed(k, e), shutdown = e.shutdownSeconds.value;
  return cat("the ", timing::meshName(m.mesh), " proxy keeps serving ", m.proxySeconds.value,
             " s (", m.proxySetting, ") >= preStop ", need - shutdown, " s + shutdown ", shutdown,
             " s = ", need, " s");
}

std::string z1(const Knobs&, const Effective& e) {
  return cat(e.kind == timing::WorkloadKind::Deployment ? "strategy " : "updateStrategy ",
             timing::strategyName(e.strategy.value), ": new pods start before old ones go");
}

using Wording = std::string (*)(const Knobs&, const Effective&);

const std::map<std::string, Wording>& wordings() {
  static const std::map<std::string, Wording> m = {
      {"K1", k1},
      {"K2", k2},
      {"K3", k3},
      {"K4", k4},
      {"IP3", floorText},
      {"IN2", floorText},
      {"AG1", floorText},
      {"AG2", ag2},
      {"Z2",
       [](const Knobs&, const Effective&) -> std::string {
         return "every serving container's preStop is a plain sleep, so its length is known";
       }},
      {"K9",
       [](const Knobs&, const Effective&) -> std::string {
         return "no exec preStop sleep in an image without a sleep binary: the native sleep "
                "action needs none";
       }},
      {"K10", k10},
      {"A3",
       [](const Knobs&, const Effective& e) {
         return cat("deregistration delay ", e.alb.deregistrationDelaySeconds.value, " s within ",
                    alb::kDeregistrationDelay.text(), " s");
       }},
      {"A4", a4},
      {"IN4", a4},
      {"IP4",
       [](const Knobs&, const Effective& e) {
         return cat("deregistration delay ", e.alb.deregistrationDelaySeconds.value,
                    " s <= grace period ", e.terminationGracePeriodSeconds.value, " s");
       }},
      {"A5", a5},
      {"A6",
       [](const Knobs&, const Effective& e) {
         return cat("slow start ", e.alb.slowStartSeconds.value, " s is 0 or within ",
                    alb::kSlowStart.text(), " s");
       }},
      {"A7",
       [](const Knobs&, const Effective&) -> std::string {
         return "target-group-attributes are not split between the Service and the Ingress";
       }},
      {"Z6",
       [](const Knobs& k, const Effective& e) {
         const bool nlb = k.preset == PresetId::NlbIp || k.preset == PresetId::NlbInstance;
         return cat("target type ", nlb ? e.nlb.targetType.value : e.alb.targetType.value,
                    ", as preset ", timing::presetName(k.preset), " needs");
       }},
      {"NL10", floorText},
      {"AC1", floorText},
      {"AC2",
       [](const Knobs&, const Effective& e) {
         const timing::EffectiveAgc& g = e.agc;
         return cat("AGC probes every ", g.probeIntervalSeconds.value, " s (timeout ",
                    g.probeTimeoutSeconds.value, " s), healthy after ",
                    g.probeHealthyThreshold.value, ", down after ", g.probeUnhealthyThreshold.value,
                    " failures, as quick as the preset's");
       }},
      {"AC3",
       [](const Knobs& k, const Effective& e) {
         return cat("route timeout ", e.agc.routeTimeoutSeconds.value, " s >= longest request ",
                    k.longestRequestSeconds, " s");
       }},
      {"AC4",
       [](const Knobs&, const Effective&) -> std::string {
         return "the workload states that the app closes its keep-alive connections after "
                "SIGTERM";
       }},
      {"AC5",
       [](const Knobs& k, const Effective& e) {
         return cat("minReadySeconds ", e.minReadySeconds.value,
                    " s covers the pool update and the probes (",
                    k.registrationLagSeconds +
                        e.agc.probeHealthyThreshold.value * e.agc.probeIntervalSeconds.value +
                        k.marginSeconds,
                    " s)");
       }},
      {"AC6",
       [](const Knobs&, const Effective& e) -> std::string {
         return e.agc.source == timing::AgcProbeSource::Policy
                    ? "a HealthCheckPolicy says what AGC probes"
                    : "AGC derives its probe from the httpGet readiness probe";
       }},
      {"AC7",
       [](const Knobs&, const Effective&) -> std::string {
         return "every value of the probe AGC runs is above 0";
       }},
      {"GK1", floorText},
      {"GK2",
       [](const Knobs&, const Effective& e) {
         const timing::EffectiveGke& g = e.gke;
         return cat("GKE checks every ", g.checkIntervalSec.value, " s (timeout ",
                    g.checkTimeoutSec.value, " s), healthy after ", g.healthyThreshold.value,
                    ", down after ", g.unhealthyThreshold.value,
                    " failures, as quick as the preset's");
       }},
      {"GK3",
       [](const Knobs&, const Effective& e) {
         return cat("the health check asks ", e.gke.requestPath, ", written out");
       }},
      {"GK4",
       [](const Knobs& k, const Effective& e) {
         return cat("connection draining ", e.gke.drainingTimeoutSec.value,
                    " s: >= longest request ", k.longestRequestSeconds, " s, <= grace - E ",
                    timing::detail::drainingCap(k, e), " s");
       }},
      {"GK5",
       [](const Knobs& k, const Effective& e) {
         return cat("backend timeout ", e.gke.backendTimeoutSec.value, " s >= longest request ",
                    k.longestRequestSeconds, " s");
       }},
      {"GK6",
       [](const Knobs& k, const Effective& e) {
         return cat("minReadySeconds ", e.minReadySeconds.value,
                    " s covers NEG attachment and the health checks (",
                    k.registrationLagSeconds +
                        e.gke.healthyThreshold.value * e.gke.checkIntervalSec.value +
                        k.marginSeconds,
                    " s)");
       }},
      {"GK7",
       [](const Knobs&, const Effective&) -> std::string {
         return "every GKE setting is within Compute Engine's ranges";
       }},
      {"GK8",
       [](const Knobs&, const Effective& e) -> std::string {
         return e.gke.viaGateway ? "GKE Gateway always sends to NEGs"
                                 : "the Service has NEGs for the Ingress";
       }},
      {"GK9",
       [](const Knobs&, const Effective& e) {
         return cat("the settings live in ", e.gke.healthCheckHolder.empty()
                                                 ? std::string("objects the function creates")
                                                 : e.gke.healthCheckHolder);
       }},
      {"NL1",
       [](const Knobs&, const Effective& e) {
         return cat("health check every ", e.nlb.healthCheckIntervalSeconds.value, " s (",
                    nlb::kHealthCheckInterval.text(), "), timeout ",
                    e.nlb.healthCheckTimeoutSeconds.value, " s (", nlb::kHealthCheckTimeout.text(),
                    ") not above the interval");
       }},
      {"NL2",
       [](const Knobs&, const Effective& e) {
         return cat("healthy threshold ", e.nlb.healthyThresholdCount.value,
                    " and unhealthy threshold ", e.nlb.unhealthyThresholdCount.value, " within ",
                    nlb::kThresholdCount.text());
       }},
      {"NL3",
       [](const Knobs&, const Effective& e) {
         return cat("deregistration delay ", nlbDelays(e), " within ",
                    nlb::kDeregistrationDelay.text(), " s");
       }},
      {"NL4",
       [](const Knobs& k, const Effective& e) {
         return cat("deregistration delay ", nlbDelays(e), " >= longest request ",
                    k.longestRequestSeconds, " s");
       }},
      {"NL5",
       [](const Knobs&, const Effective& e) {
         return cat("deregistration delay ", nlbDelays(e), " <= grace period ",
                    e.terminationGracePeriodSeconds.value, " s");
       }},
      {"NL6",
       [](const Knobs&, const Effective&) -> std::string {
         return "no connection termination before the app is done (off, AWS's default, or the "
                "delay covers the preStop sleep and the shutdown)";
       }},
      {"NL7",
       [](const Knobs&, const Effective&) -> std::string {
         return "the workload's annotation says the app closes its keep-alive connections after "
                "SIGTERM";
       }},
      {"NL8",
       [](const Knobs&, const Effective& e) {
         return cat(nsLabel(e), " has label elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
       }},
      {"NL9", nl9},
      {"NL13",
       [](const Knobs& k, const Effective& e) {
         return cat(
             "unhealthy connection termination off with a draining interval >= preStop "
             "sleep + shutdown = ",
             timing::shortestSleep(k, e) + e.shutdownSeconds.value,
             " s: a node failing its check keeps its connections while its pods drain");
       }},
      {"NL11", nl11},
      {"Z7",
       [](const Knobs&, const Effective& e) {
         return cat("Service type ", timing::serviceTypeName(e.serviceType.value),
                    " suits target type instance");
       }},
      {"A1", a1},
      {"A2", a2},
      {"AG3", ag3},
      {"AG4",
       [](const Knobs& k, const Effective& e) {
         return cat("request timeout ", e.agic.requestTimeoutSeconds.value, " s within ",
                    agic::kRequestTimeout.text(), " s and >= longest request ",
                    k.longestRequestSeconds, " s");
       }},
      {"AG5",
       [](const Knobs&, const Effective& e) {
         return cat("App Gateway probe every ", e.agic.probeIntervalSeconds.value, " s, timeout ",
                    e.agic.probeTimeoutSeconds.value, " s, threshold ",
                    e.agic.probeUnhealthyThreshold.value, ": within Azure's ranges");
       }},
      {"AG6", ag6},
      {"AG7",
       [](const Knobs&, const Effective& e) {
         return cat("App Gateway probe timeout ", e.agic.probeTimeoutSeconds.value,
                    " s <= interval ", e.agic.probeIntervalSeconds.value, " s");
       }},
      {"AG8",
       [](const Knobs&, const Effective&) -> std::string {
         return "an httpGet readinessProbe is there for App Gateway to copy";
       }},
      {"Z1", z1},
      {"K6", k6},
      {"Z9",
       [](const Knobs&, const Effective&) -> std::string {
         return "the serving containers are known: they declare the Service's target port, or are "
                "the only container";
       }},
      {"Z10",
       [](const Knobs&, const Effective& e) {
         return cat("maxSurge ", e.maxSurge ? e.maxSurge->value.str() : "0", " and maxUnavailable ",
                    e.maxUnavailable.value.str(),
                    " are not both non-zero, as the API server requires");
       }},
      {"Z4",
       [](const Knobs& k, const Effective& e) {
         return cat("maxUnavailable ", e.maxUnavailable.value.str(), " <= ", k.maxUnavailable.str(),
                    ": capacity holds while the LB catches up");
       }},
      {"Z5",
       [](const Knobs&, const Effective& e) {
         return cat("replicas ", e.replicas ? e.replicas->value : 1,
                    " >= 2: another pod serves while one is replaced");
       }},
      {"K7",
       [](const Knobs&, const Effective&) -> std::string {
         return "readinessProbe period, timeout and failureThreshold are >= 1";
       }},
      {"Z3",
       [](const Knobs&, const Effective&) -> std::string {
         return "every serving container has a readinessProbe";
       }},
      {"IP1",
       [](const Knobs&, const Effective& e) {
         return cat(nsLabel(e), " has label elbv2.k8s.aws/pod-readiness-gate-inject=enabled");
       }},
      {"IP2", ip2},
      {"IN1",
       [](const Knobs&, const Effective& e) {
         return cat("no readiness-gate label on ", nsLabel(e),
                    " to mislead (target type instance has no gates)");
       }},
      {"IN5",
       [](const Knobs& k, const Effective& e) {
         return cat("minReadySeconds ", e.minReadySeconds.value, " s >= ", k.minReadySeconds,
                    " s: every kube-proxy has the new endpoint first");
       }},
      {"K5",
       [](const Knobs&, const Effective& e) {
         return cat("progressDeadlineSeconds ",
                    e.progressDeadlineSeconds ? e.progressDeadlineSeconds->value : 0,
                    " s > minReadySeconds ", e.minReadySeconds.value, " s");
       }},
      {"K8", k8},
      {"RO1",
       [](const Knobs& k, const Effective& e) {
         return cat("after the switch the old pods serve scaleDownDelaySeconds ",
                    e.rollout->scaleDownDelaySeconds.value,
                    " s + their preStop sleep, >= LB propagation + margin ",
                    k.lbPropagationSeconds + k.marginSeconds, " s");
       }},
      {"RO2",
       [](const Knobs&, const Effective& e) {
         const int64_t a = e.rollout->abortScaleDownDelaySeconds.value;
         return a == 0 ? std::string("abortScaleDownDelaySeconds 0: aborted pods are kept")
                       : cat("after an abort the new pods serve abortScaleDownDelaySeconds ", a,
                             " s + their preStop sleep");
       }},
      {"RO4",
       [](const Knobs&, const Effective&) {
         return std::string("the config says the Argo Rollouts controller verifies target groups");
       }},
  };
  return m;
}

}  // namespace

std::vector<std::string> applicableRules(const Knobs& k, const Effective& e) {
  const bool ip = k.preset == PresetId::AlbIp;
  const bool instance = k.preset == PresetId::AlbInstance;
  const bool alb = ip || instance;
  const bool agic = k.preset == PresetId::Agic;
  const bool agc = k.preset == PresetId::Agc;
  const bool gke = k.preset == PresetId::GkeNeg;
  const bool nlbIp = k.preset == PresetId::NlbIp;
  const bool nlbInstance = k.preset == PresetId::NlbInstance;
  const bool nlb = nlbIp || nlbInstance;
  const bool deployment = e.kind == timing::WorkloadKind::Deployment;
  std::vector<std::string> out = {"Z9", "K1", "K4", floorRule(k.preset), "K2"};
  if (agic) out.push_back("AG2");
  out.insert(out.end(), {"K3", "Z2"});
  // Only where an image is known to lack `sleep`: elsewhere the rule has nothing to say.
  if (std::any_of(e.containers.begin(), e.containers.end(),
                  [](const timing::EffectiveContainer& c) { return !c.noSleepBinary.empty(); }))
    out.push_back("K9");
  if (e.mesh.mesh != timing::Mesh::None) out.push_back("K10");  // where the manifests show one
  if (alb) out.insert(out.end(), {"A3", ip ? "A4" : "IN4"});
  if (ip) out.push_back("IP4");
  if (agic) out.insert(out.end(), {"AG3", "AG4"});
  if (nlb) out.insert(out.end(), {"NL3", "NL4"});
  if (nlbIp) out.insert(out.end(), {"NL5", "NL6"});
  if (nlb) out.insert(out.end(), {"NL7", "Z6", "NL1", "NL2"});
  if (alb) out.insert(out.end(), {"A5", "A6", "A7", "Z6"});
  if (instance) out.push_back("Z7");
  if (alb) out.insert(out.end(), {"A1", "A2"});
  if (agic) out.insert(out.end(), {"AG5", "AG6", "AG7", "AG8"});
  if (agc) out.insert(out.end(), {"AC3", "AC4", "AC6", "AC7", "AC2"});
  if (gke) out.insert(out.end(), {"GK4", "GK5", "GK8", "GK9", "GK7", "GK2", "GK3"});
  out.push_back("Z1");
  if (e.kind != timing::WorkloadKind::StatefulSet) out.push_back("K6");
  if (e.kind == timing::WorkloadKind::DaemonSet) out.push_back("Z10");
  out.push_back("Z4");
  if (e.kind == timing::WorkloadKind::StatefulSet) out.push_back("Z5");
  out.insert(out.end(), {"K7", "Z3"});
  if (ip && k.lbc.readinessGate && !timing::blueGreen(e)) out.push_back("IP1");
  if (ip && !timing::blueGreen(e)) out.push_back("IP2");
  if (instance) out.insert(out.end(), {"IN1", "IN5"});
  if (nlbIp && k.lbc.readinessGate && !timing::blueGreen(e)) out.push_back("NL8");
  if (nlbIp && !timing::blueGreen(e)) out.push_back("NL9");
  if (nlbInstance) out.push_back("NL11");
  if (agc) out.push_back("AC5");
  if (gke) out.push_back("GK6");
  if (nlbInstance && e.nlb.localTrafficPolicy) out.push_back("NL13");
  if (deployment || e.kind == timing::WorkloadKind::Rollout) out.insert(out.end(), {"K5", "K8"});
  if (e.rollout && e.rollout->switches()) out.insert(out.end(), {"RO1", "RO2"});
  if (timing::blueGreen(e) && (agic || e.gateTargets)) out.push_back("RO3");
  if (e.rollout && e.rollout->albTrafficRouting && alb) out.push_back("RO4");
  return out;
}

std::string holdingReason(const std::string& id, const Knobs& k, const Effective& e) {
  auto it = wordings().find(id);
  return it == wordings().end() ? "holds" : it->second(k, e);
}

namespace {

// Events and phases each rule is about. A container's own ones carry ":<name>".
const std::map<std::string, std::vector<std::string>>& elementsOf() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"K1", {"sigterm", "prestop"}},
      {"K4", {"sigterm", "prestop"}},
      {"IP3", {"sigterm", "prestop"}},
      {"IN2", {"sigterm", "prestop"}},
      {"AG1", {"sigterm", "prestop"}},
      {"NL10", {"sigterm", "prestop"}},
      {"NL3", {"draining-ends", "draining"}},
      {"NL4", {"draining-ends", "draining"}},
      {"NL5", {"draining-ends", "draining"}},
      {"NL6", {"draining-ends", "draining"}},
      {"NL7", {"shutdown-ends", "app-shutdown"}},
      {"NL1", {"lb-healthy", "health-check"}},
      {"NL2", {"lb-healthy", "health-check"}},
      {"NL8", {"pod-ready"}},
      {"NL9", {"old-removed", "gap"}},
      {"NL11", {"old-removed", "gap"}},
      {"NL13", {"shutdown-ends", "app-shutdown"}},
      {"AC1", {"sigterm", "prestop"}},
      {"AC2", {"lb-healthy", "health-check"}},
      {"AC4", {"shutdown-ends", "app-shutdown"}},
      {"AC5", {"old-removed", "gap"}},
      {"AC6", {"lb-healthy", "health-check"}},
      {"AC7", {"lb-healthy", "health-check"}},
      {"Z2", {"sigterm"}},
      {"K9", {"sigterm", "prestop"}},
      {"K10", {"prestop", "app-shutdown"}},
      {"Z9", {"sigterm", "prestop"}},
      {"Z10", {"old-removed"}},
      {"K2", {"sigkill", "app-shutdown", "alive"}},
      {"AG2", {"sigkill", "alive"}},
      {"K3", {"shutdown-ends", "app-shutdown"}},
      {"A3", {"draining-ends", "draining"}},
      {"A4", {"draining-ends", "draining"}},
      {"IP4", {"draining-ends", "draining"}},
      {"AG3", {"draining-ends", "draining"}},
      {"Z6", {"lb-deregisters", "target-registered"}},
      {"A1", {"lb-healthy", "health-check"}},
      {"A2", {"lb-healthy", "health-check"}},
      {"AG5", {"lb-healthy", "health-check"}},
      {"AG6", {"lb-healthy", "health-check"}},
      {"AG7", {"lb-healthy", "health-check"}},
      {"AG8", {"lb-healthy", "health-check"}},
      {"K7", {"containers-ready", "starting"}},
      {"Z3", {"containers-ready", "starting"}},
      {"IP1", {"pod-ready"}},
      {"IP2", {"old-removed", "gap"}},
      {"IN5", {"old-removed", "gap"}},
      {"Z1", {"old-removed", "gap"}},
      {"K6", {"old-removed"}},
      {"Z4", {"old-removed"}},
      {"Z5", {"old-removed", "gap"}},
      {"RO1", {"old-sigterm", "gap", "old-serving"}},
      {"RO2", {"old-sigterm"}},
      {"RO3", {"switch", "switch-gap"}},
      {"RO4", {"old-removed"}},
  };
  return m;
}

}  // namespace

bool concerns(const std::string& id, const timing::FieldRef& field, const std::string& element) {
  auto it = elementsOf().find(id);
  if (it == elementsOf().end()) return false;
  const size_t colon = element.find(':');
  const std::string base = element.substr(0, colon);
  if (std::find(it->second.begin(), it->second.end(), base) == it->second.end()) return false;
  if (colon == std::string::npos) return true;
  return !field.inContainer() || field.container.empty() ||
         field.container == element.substr(colon + 1);
}

}  // namespace zd::explain
