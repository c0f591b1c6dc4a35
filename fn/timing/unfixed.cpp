// Why a rule can still fail after the plan is applied: each case is something the function
// reports but deliberately does not rewrite, or an input only the user can change.
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

// `field` is "containers[<name>].readinessProbe".
bool hasReadinessProbe(const Observed& o, const std::string& field) {
  for (const auto& c : o.containers) {
    if (field == containerField(c.name, "readinessProbe")) return c.readinessProbe.has_value();
  }
  return false;
}

bool isLoadBalancerRule(const std::string& id) {
  return (id.size() >= 2 && id[0] == 'A' && id[1] >= '1' && id[1] <= '9') || id == "IP4" || id == "IN4" ||
         id == "Z6" || (id.rfind("AG", 0) == 0 && id != "AG1" && id != "AG2" && id != "AG8");
}

// The plan stops at a field's API maximum (plan_workload.cpp), which can leave a rule broken.
const char* cappedReason(const std::string& id, const Observed& after) {
  if ((id == "K2" || id == "AG2") && after.terminationGracePeriodSeconds == kInt64FieldMax) {
    return "the grace period is at 9007199254740991 s (2^53 - 1), the most the function writes; "
           "shorten the preStop sleep";
  }
  if ((id == "K5" || id == "K8") && after.progressDeadlineSeconds == kInt32Max) {
    return "progressDeadlineSeconds is at 2147483647 s, the int32 maximum of the API; lower "
           "minReadySeconds";
  }
  return nullptr;
}

}  // namespace

std::string unfixedReason(const Violation& v, const Knobs& k, const Observed& after) {
  const std::string& id = v.id;
  if (!after.lbSharedWith.empty() && isLoadBalancerRule(id)) {
    return "the load-balancer annotations also reach " + after.lbSharedWith + " (Z11)";
  }
  if (id == "Z9") return "the function cannot tell which container serves the port";
  if (id == "Z1") return "the update strategy is reported, never rewritten";
  if (id == "Z2") return "a preStop that is not a plain sleep is reported, never rewritten";
  if (id == "Z3") {
    return "a readiness probe is added only when the config gives readinessProbePath";
  }
  if (id == "AG8" && v.field == "containers") return "a container port is never declared for the user";
  if (id == "AG8" && !hasReadinessProbe(after, v.field)) {
    return "a readiness probe is added only when the config gives readinessProbePath";
  }
  if (id == "AG8") return "an existing readiness probe is tuned, never replaced";
  if (id == "Z6") {
    return "an explicit target type is reported, never switched: switching recreates the target "
           "groups (and ip mode needs VPC-routable pod IPs)";
  }
  if (id == "Z5") return "replicas are not rewritten";
  if (id == "Z7") return "the Service type is not rewritten";
  if (id == "Z8") return "surge settings that cannot schedule would stall the rollout";
  if (id == "K3") {
    return "shutdown and longest-request times are inputs: set shutdownSeconds / "
           "longestRequestSeconds or the zero-downtime.dev/shutdown-seconds annotation";
  }
  if (id == "A5") return "load-balancer-attributes are shared by the IngressGroup; not rewritten";
  if (id == "A6") return "slow start and the load-balancing algorithm are not rewritten";
  if (id == "A7") return "the Service's copy is the one to edit";
  if (id == "IP1" && after.namespaceLocalConfig) {
    return "the Namespace is local-config: its labels are never applied, so it is not labelled";
  }
  if (id == "IP1" && !after.namespaceInInput) {
    return "the Namespace is not in the input, so it cannot be labelled here";
  }
  if (id == "IN1") return "namespace labels are never removed";
  if (id == "AG3" && !k.connectionDraining) return "connectionDraining is off in the config";
  if (id == "AG5" || id == "AG6" || id == "AG7") return agicProbeReason(k, after);
  if (const char* why = cappedReason(id, after)) return why;
  return "the configured knobs leave no value that satisfies it";
}

}  // namespace zd::timing::detail
