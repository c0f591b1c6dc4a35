#include "transform/violation_place.h"

#include "adapters/settings.h"
#include "rewrite/observe.h"
#include "rewrite/pod_fields.h"
#include "transform/created_objects.h"

namespace zd::transform {

using yaml::NodeId;

namespace {

// Container web's periodSeconds -> spec.template.spec.containers[i].readinessProbe.periodSeconds
std::string containerFieldPath(const yaml::Tree& t, NodeId workload, const scope::Target& target,
                               const timing::FieldRef& field) {
  const std::string& name = field.container;
  const std::string& leaf = field.name;
  for (const scope::ContainerRef& c : target.serving->containers) {
    if (t.str(t.get(scope::containerNode(t, workload, c), "name")) != name) continue;
    const std::string below = rewrite::containerPath(leaf);
    return below.empty() ? c.path() : c.path() + "." + below;
  }
  return "";
}

}  // namespace

Place placeOf(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
              const scope::Binding& b, const timing::FieldRef& ref, timing::PresetId preset) {
  const scope::ObjectInfo& w = idx.objects[target.workload];
  // The pods' fields are in the template's object: a Rollout's workloadRef Deployment.
  const size_t pods = scope::podsObject(idx, target.workload);
  if (ref.inContainer()) return {pods, containerFieldPath(t, idx.objects[pods].node, target, ref)};
  const std::string& field = ref.name;
  // The pod template's: a mesh proxy's settings are annotations of it (K10).
  if (field == "terminationGracePeriodSeconds" || field == "meshProxy")
    return {pods, rewrite::workloadPath(field, rewrite::StrategyShape::Deployment)};
  std::string wp = rewrite::workloadPath(field, rewrite::shapeOf(t, w));
  if (!wp.empty()) return {target.workload, wp};
  if (field == "namespaceGateLabel") {
    auto ns = idx.namespaces.find(w.ns);
    if (ns == idx.namespaces.end()) return {target.workload, "metadata.namespace"};
    return {ns->second, std::string("metadata.labels.") + rewrite::kGateLabel};
  }
  if (field == "serviceType") return {b.service, "spec.type"};
  if (field == "neg") return {b.service, "metadata.annotations.cloud.google.com/neg"};
  if (field == "appProtocol")
    return {b.service, "metadata.annotations.cloud.google.com/app-protocols"};
  if (field == "backendConfig")
    return {b.service, "metadata.annotations.cloud.google.com/backend-config"};
  if (field == "targetType") {
    auto params = scope::classParamsOf(t, idx.objects[b.frontDoor].node, idx);
    if (params && t.isScalar(t.at(idx.objects[*params].node, {"spec", "targetType"})))
      return {*params, "spec.targetType"};
  }
  if (field == "loadBalancerShared") return {target.workload, ""};
  if (field == "appClosesConnections")
    return {target.workload,
            std::string("metadata.annotations.") + scope::kClosesConnectionsAnnotation};
  // A load-balancer setting: where the adapter's field table puts it, on the object that holds
  // it now (the one the controller reads, and the one the function writes).
  const adapters::LbSettings& settings = adapters::settingsOf(preset, b.door);
  const adapters::FieldSpot* spot = adapters::findSpot(settings.fields(), field);
  if (!spot) return {target.workload, ""};
  if (spot->holder == adapters::Holder::FrontDoorPolicy) return {b.frontDoor, ""};
  if (spot->holder == adapters::Holder::Policy) {
    // A policy the function made and has not written into is never output: name the Service.
    const size_t holder = adapters::holderOf(t, idx, b, *spot, &settings);
    if (idx.objects[holder].created && !written(t, idx, {holder, b.service, ""}))
      return {b.service, ""};
    return {holder, std::string(spot->annotation)};
  }
  return {adapters::holderOf(t, idx, b, *spot), "metadata.annotations." +
                                                    std::string(spot->annotation) +
                                                    (ref.port.empty() ? "" : "." + ref.port)};
}

}  // namespace zd::transform
