// Why a rule can still fail after the plan is applied: each case is something the function
// reports but deliberately does not rewrite, or an input only the user can change.
#include <algorithm>
#include <iterator>

#include "timing/api_limits.h"
#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

const char* agicProbeReason(const Knobs& k, const Observed& after) {
  const EffectiveAgic g = effective(k, after).agic;
  if (g.source == AgicProbeSource::Readiness) {
    return "the health-probe annotations or the readinessProbe keep values the preset's "
           "knobs allow";
  }
  if (g.source == AgicProbeSource::Liveness) {
    return "App Gateway copies the livenessProbe, which the function never tunes (a failing "
           "liveness probe restarts the container): make the readinessProbe httpGet, or set the "
           "health-probe-* annotations";
  }
  return "without an httpGet probe on the container declaring the port, App Gateway probes "
         "30 s / 30 s / 3, and health-probe annotations are only tuned, never added";
}

// AC3 without a RoutePolicy or IngressExtension, AC4, AC6: what only the user can add.
std::optional<std::string> agcReason(const std::string& id, const Knobs& k, const Observed& after) {
  if (id == "AC4")
    return "only the app can close its connections; the annotation records that it does";
  if (id == "AC6")
    return "the function cannot tell which path the app answers; it never invents a probe";
  if ((id == "AC2" || id == "AC3") && !after.agc.missingExtension.empty())
    return "the Ingress names IngressExtension \"" + after.agc.missingExtension +
           "\", which is not in the input: its settings cannot be read or written here";
  if (id == "AC2" && !after.agc.probeWritable)
    return "the Ingress names no IngressExtension (annotation "
           "alb.networking.azure.io/alb-ingress-extension) whose backendSettings could hold the "
           "probe; add one";
  if (id == "AC2" && effective(k, after).agc.source == AgcProbeSource::Readiness)
    return "a HealthCheckPolicy is created only with the readiness probe's path and port";
  if (id == "AC3" && after.agc.routeTimeoutHolder.empty()) {
    return after.agc.viaIngress
               ? "the Ingress names no IngressExtension (annotation "
                 "alb.networking.azure.io/alb-ingress-extension) to hold the timeout; add one "
                 "with backendSettings[].timeouts.requestTimeout"
               : "no RoutePolicy of the input targets the route; add one with "
                 "spec.default.timeouts.routeTimeout";
  }
  return std::nullopt;
}

// GK3 without an httpGet probe, GK8 turned off, GK9: what only the user can settle.
std::optional<std::string> gkeReason(const std::string& id, const FieldRef& field,
                                     const Observed& after) {
  if (id == "GK3" && field.name == "appProtocol")
    return "the backend's protocol is the Service's to say; the function does not change it";
  if (id == "GK3")
    return "the function cannot tell which path the app answers there; it never invents one";
  if (id == "GK8")
    return "the annotation turns NEGs off on purpose; the function leaves that choice alone";
  if (id == "GK9" && field.name == "backendConfig" && after.gke.writable)
    return "one port per Service and Ingress is followed; check the others' BackendConfigs";
  if (id == "GK9" || (id.rfind("GK", 0) == 0 && !after.gke.writable))
    return after.gke.missing.find("no default") != std::string::npos
               ? "the function adds no entry to an annotation that names BackendConfigs per port; "
                 "name one for this port, or a default"
               : "render the BackendConfig with the Service, or name one that is in the input";
  return std::nullopt;
}

// `field` is a container's "readinessProbe".
bool hasReadinessProbe(const Observed& o, const FieldRef& field) {
  for (const auto& c : o.containers) {
    if (field == containerField(c.name, "readinessProbe")) return c.readinessProbe.has_value();
  }
  return false;
}

// The model fields whose plan changes holdLbChanges (model.cpp) holds back under Z11.
bool isHeldField(const FieldRef& field) {
  if (field.inContainer()) return false;
  static const char* const held[] = {"targetType",
                                     "deregistrationDelaySeconds",
                                     "healthCheckIntervalSeconds",
                                     "healthCheckTimeoutSeconds",
                                     "healthyThresholdCount",
                                     "unhealthyThresholdCount",
                                     "unhealthyTermination",
                                     "unhealthyDrainingSeconds",
                                     "connectionDraining",
                                     "drainingTimeoutSeconds",
                                     "requestTimeoutSeconds",
                                     "probeIntervalSeconds",
                                     "probeTimeoutSeconds",
                                     "probeUnhealthyThreshold",
                                     "probeHealthyThreshold",
                                     "routeTimeoutSeconds",
                                     "checkIntervalSec",
                                     "checkTimeoutSec",
                                     "healthyThreshold",
                                     "unhealthyThreshold",
                                     "drainingTimeoutSec",
                                     "backendTimeoutSec",
                                     "requestPath",
                                     "neg"};
  return std::find(std::begin(held), std::end(held), field.name) != std::end(held);
}

// The plan stops at a field's API maximum (plan_workload.cpp), which can leave a rule broken.
std::optional<std::string> cappedReason(const std::string& id, const Knobs& k,
                                        const Observed& after) {
  if ((id == "K2" || id == "AG2") && after.terminationGracePeriodSeconds == kInt64FieldMax) {
    return "the grace period is at 9007199254740991 s (2^53 - 1), the most the function writes; "
           "shorten the preStop sleep";
  }
  if ((id == "K5" || id == "K8") && after.progressDeadlineSeconds == kInt32Max) {
    // Name the term that fills the deadline: minReadySeconds, or the readiness probe's wait.
    const Effective e = effective(k, after);
    const int64_t m = e.minReadySeconds.value, ready = timeToReady(k, e);
    std::string cut = "lower minReadySeconds (" + std::to_string(m) + " s)";
    if (ready > m) {
      const std::optional<size_t> slowest = slowestToReady(e);
      cut = "shorten the time to Ready (" + std::to_string(ready) + " s" +
            (slowest
                 ? ": container " + quoted(e.containers[*slowest].name) +
                       "'s readinessProbe initialDelaySeconds and successThreshold x periodSeconds"
                 : std::string()) +
            ")";
    }
    return "progressDeadlineSeconds is at 2147483647 s, the int32 maximum of the API; " + cut;
  }
  return std::nullopt;
}

}  // namespace

std::string unfixedReason(const Violation& v, const Knobs& k, const Observed& after) {
  const std::string& id = v.id;
  if (!after.lbSharedWith.empty() && isHeldField(v.field)) {
    return "the load-balancer annotations also reach " + after.lbSharedWith + " (Z11)";
  }
  if (id == "Z9") return "the function cannot tell which container serves the port";
  if (id == "Z1") return "the update strategy is reported, never rewritten";
  if (id == "Z2") return "a preStop that is not a plain sleep is reported, never rewritten";
  if (id == "K9" && !after.nativeSleepAllowed) {
    return "nativeSleep is false (or kubernetesVersion below 1.30, a cluster that rejects the "
           "native action), so hooks are exec sleeps: there the image needs a sleep binary";
  }
  if (id == "K9") return "an existing hook keeps its form: the function never switches it";
  if (id == "K10") {
    return "the mesh adds its proxy when the pod is created, outside these manifests: its "
           "settings are the mesh's, never written by the function";
  }
  if (id == "Z3") {
    return "a readiness probe is added only when the config gives readinessProbePath";
  }
  if (id == "AG8" && v.field == FieldRef("containers"))
    return "a container port is never declared for the user";
  if (id == "AG8" && !hasReadinessProbe(after, v.field)) {
    return "a readiness probe is added only when the config gives readinessProbePath";
  }
  if (id == "AG8") return "an existing readiness probe is tuned, never replaced";
  if (id == "Z6") {
    return "an explicit target type is reported, never switched: switching recreates the target "
           "groups (and ip mode needs VPC-routable pod IPs)";
  }
  if (id == "Z5") return "replicas are not rewritten";
  if (id == "RO3") return "the strategy is reported, never rewritten";
  if (id == "RO4") return "the Argo Rollouts controller's flags are not in the manifests";
  if (id == "Z7") return "the Service type is not rewritten";
  if (id == "Z8") return "surge settings that cannot schedule would stall the rollout";
  if (id == "K3") {
    return "shutdown and longest-request times are inputs: set shutdownSeconds / "
           "longestRequestSeconds or the zero-downtime.dev/shutdown-seconds annotation";
  }
  if (id == "A5") return "load-balancer-attributes are shared by the IngressGroup; not rewritten";
  if (id == "A6") return "slow start and the load-balancing algorithm are not rewritten";
  if (id == "A7") return "the Service's copy is the one to edit";
  if (auto why = agcReason(id, k, after)) return *why;
  if (auto why = gkeReason(id, v.field, after)) return *why;
  if (id == "NL7") {
    return "only the app can close its connections; the annotation records that it does";
  }
  if ((id == "IP1" || id == "NL8") && after.namespaceLocalConfig) {
    return "the Namespace is local-config: its labels are never applied, so it is not labelled";
  }
  if ((id == "IP1" || id == "NL8") && !after.namespaceInInput) {
    return "the Namespace is not in the input, so it cannot be labelled here";
  }
  if (id == "IN1") return "namespace labels are never removed";
  if (id == "AG3" && !k.agic.connectionDraining) return "connectionDraining is off in the config";
  if (id == "AG5" || id == "AG6" || id == "AG7") return agicProbeReason(k, after);
  if (auto why = cappedReason(id, k, after)) return *why;
  return "the configured knobs leave no value that satisfies it";
}

}  // namespace zd::timing::detail
