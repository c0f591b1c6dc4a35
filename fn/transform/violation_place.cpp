#include "transform/violation_place.h"

#include <map>

#include "rewrite/observe.h"

namespace zd::transform {

using yaml::NodeId;

namespace {

// Container web's periodSeconds -> spec.template.spec.containers[i].readinessProbe.periodSeconds
std::string containerFieldPath(const yaml::Tree& t, NodeId workload, const scope::Target& target,
                               const timing::FieldRef& field) {
  const std::string& name = field.container;
  const std::string& leaf = field.name;
  for (const scope::ContainerRef& c : target.serving.containers) {
    if (t.str(t.get(scope::containerNode(t, workload, c), "name")) != name) continue;
    std::string base = c.path();
    if (leaf == "preStopSeconds") return base + ".lifecycle.preStop";
    if (leaf == "readinessProbe") return base + ".readinessProbe";
    return base + ".readinessProbe." + leaf;
  }
  return "";
}

const std::map<std::string, std::string>& albAnnotations() {
  static const std::map<std::string, std::string> m = {
      {"targetType", "target-type"},
      {"healthCheckIntervalSeconds", "healthcheck-interval-seconds"},
      {"healthCheckTimeoutSeconds", "healthcheck-timeout-seconds"},
      {"healthyThresholdCount", "healthy-threshold-count"},
      {"unhealthyThresholdCount", "unhealthy-threshold-count"},
      {"deregistrationDelaySeconds", "target-group-attributes"},
      {"slowStartSeconds", "target-group-attributes"},
      {"idleTimeoutSeconds", "load-balancer-attributes"},
  };
  return m;
}

const std::map<std::string, std::string>& agicAnnotations() {
  static const std::map<std::string, std::string> m = {
      {"connectionDraining", "connection-draining"},
      {"drainingTimeoutSeconds", "connection-draining-timeout"},
      {"requestTimeoutSeconds", "request-timeout"},
      {"probeIntervalSeconds", "health-probe-interval"},
      {"probeTimeoutSeconds", "health-probe-timeout"},
      {"probeUnhealthyThreshold", "health-probe-unhealthy-threshold"},
  };
  return m;
}

std::string workloadFieldPath(const std::string& field, bool deployment) {
  std::string strategy = deployment ? "spec.strategy" : "spec.updateStrategy";
  if (field == "terminationGracePeriodSeconds")
    return "spec.template.spec.terminationGracePeriodSeconds";
  if (field == "minReadySeconds" || field == "progressDeadlineSeconds" || field == "replicas")
    return "spec." + field;
  if (field == "maxSurge" || field == "maxUnavailable") return strategy + ".rollingUpdate." + field;
  if (field == "strategy") return strategy + ".type";
  return "";
}

}  // namespace

Place placeOf(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
              const scope::Binding& b, const timing::FieldRef& ref, timing::PresetId preset) {
  const scope::ObjectInfo& w = idx.objects[target.workload];
  if (ref.inContainer()) return {target.workload, containerFieldPath(t, w.node, target, ref)};
  const std::string& field = ref.name;
  std::string wp = workloadFieldPath(field, w.kind == scope::ObjectKind::Deployment);
  if (!wp.empty()) return {target.workload, wp};
  if (field == "namespaceGateLabel") {
    auto ns = idx.namespaces.find(w.ns);
    if (ns == idx.namespaces.end()) return {target.workload, "metadata.namespace"};
    return {ns->second, std::string("metadata.labels.") + rewrite::kGateLabel};
  }
  if (field == "serviceType") return {b.service, "spec.type"};
  if (field == "targetType") {
    auto params = scope::classParamsOf(t, idx.objects[b.ingress].node, idx);
    if (params && t.isScalar(t.at(idx.objects[*params].node, {"spec", "targetType"})))
      return {*params, "spec.targetType"};
  }
  if (field == "containers") return {target.workload, "spec.template.spec.containers"};
  if (field == "loadBalancerShared") return {target.workload, ""};
  const auto& table = preset == timing::PresetId::Agic ? agicAnnotations() : albAnnotations();
  const char* prefix = preset == timing::PresetId::Agic ? rewrite::kAgic : rewrite::kAlb;
  auto it = table.find(field);
  if (it == table.end()) return {target.workload, ""};
  std::string key = prefix + it->second;
  // The Service's copy of an ALB annotation is the one the controller uses, and the one the
  // function writes when the Ingress routes to other Services too.
  bool onService =
      preset != timing::PresetId::Agic &&
      (b.ingressShared ||
       t.get(t.at(idx.objects[b.service].node, {"metadata", "annotations"}), key) != yaml::kNone);
  return {onService ? b.service : b.ingress, "metadata.annotations." + key};
}

}  // namespace zd::transform
