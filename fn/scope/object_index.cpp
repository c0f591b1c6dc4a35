#include "scope/object_index.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

ObjectKind classify(std::string_view apiVersion, std::string_view kind) {
  bool apps = apiVersion == "apps/v1" || apiVersion == "apps/v1beta2" || apiVersion == "apps/v1beta1" ||
              apiVersion == "extensions/v1beta1";
  if (kind == "Deployment" && apps) return ObjectKind::Deployment;
  if (kind == "StatefulSet" && apps) return ObjectKind::StatefulSet;
  if (kind == "DaemonSet" && apps) return ObjectKind::DaemonSet;
  if (kind == "Service" && apiVersion == "v1") return ObjectKind::Service;
  if (kind == "Namespace" && apiVersion == "v1") return ObjectKind::Namespace;
  if (kind == "Ingress" && (apiVersion == "networking.k8s.io/v1" ||
                            apiVersion == "networking.k8s.io/v1beta1" ||
                            apiVersion == "extensions/v1beta1")) {
    return ObjectKind::Ingress;
  }
  if (kind == "IngressClass" && (apiVersion == "networking.k8s.io/v1" ||
                                 apiVersion == "networking.k8s.io/v1beta1")) {
    return ObjectKind::IngressClass;
  }
  return ObjectKind::Other;
}

// Objects the function must never edit: meta resources of kpt, function
// configs, and whatever the user marked.
bool skipped(const yaml::Tree& t, NodeId obj) {
  return krm::isLocalConfig(t, obj) || t.str(t.at(obj, {"metadata", "annotations", kSkipAnnotation})) == "true";
}

}  // namespace

bool isWorkload(ObjectKind k) {
  return k == ObjectKind::Deployment || k == ObjectKind::StatefulSet || k == ObjectKind::DaemonSet;
}

std::string labelKey(const std::string& ns, std::string_view key, std::string_view value) {
  std::string out = ns;
  out += '\0';
  out.append(key).append("=").append(value);
  return out;
}

ObjectIndex buildIndex(const yaml::Tree& t, const krm::Envelope& env) {
  ObjectIndex idx;
  idx.objects.reserve(env.objects.size());
  for (size_t i = 0; i < env.objects.size(); ++i) {
    NodeId obj = env.objects[i];
    ObjectInfo info;
    info.node = obj;
    info.kind = classify(t.str(t.get(obj, "apiVersion")), t.str(t.get(obj, "kind")));
    NodeId md = t.get(obj, "metadata");
    info.ns = std::string(t.str(t.get(md, "namespace")));
    info.name = std::string(t.str(t.get(md, "name")));
    info.skip = skipped(t, obj);
    switch (info.kind) {
      case ObjectKind::Service:
        idx.services.emplace(info.ns + "/" + info.name, i);
        break;
      case ObjectKind::Namespace:
        idx.namespaces.emplace(info.name, i);
        break;
      case ObjectKind::IngressClass:
        idx.ingressClassControllers.emplace(info.name, std::string(t.str(t.at(obj, {"spec", "controller"}))));
        break;
      default:
        break;
    }
    if (isWorkload(info.kind)) {
      NodeId labels = t.at(obj, {"spec", "template", "metadata", "labels"});
      for (uint32_t k = 0; t.isMap(labels) && k < t.mapSize(labels); ++k) {
        idx.workloadsByLabel[labelKey(info.ns, t.str(t.keyAt(labels, k)), t.str(t.valueAt(labels, k)))]
            .push_back(i);
      }
    }
    idx.objects.push_back(std::move(info));
  }
  return idx;
}

}  // namespace zd::scope
