// Indexes of the input objects by what the graph asks: Services by
// namespace/name, workloads by namespace and pod-template label, Namespaces
// and IngressClasses by name. Built once, so matching stays linear.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "krm/envelope.h"
#include "yaml/tree.h"

namespace zd::scope {

enum class ObjectKind { Other, Ingress, Service, Deployment, StatefulSet, DaemonSet, Namespace, IngressClass };

struct ObjectInfo {
  ObjectKind kind = ObjectKind::Other;
  yaml::NodeId node = yaml::kNone;
  std::string ns;    // metadata.namespace ("" when absent)
  std::string name;
  bool skip = false;  // zero-downtime.dev/skip: "true", Kptfile or local-config
};

struct ObjectIndex {
  std::vector<ObjectInfo> objects;  // parallel to Envelope::objects
  std::map<std::string, size_t> services;    // "ns/name"
  std::map<std::string, size_t> namespaces;  // name
  std::map<std::string, std::string> ingressClassControllers;  // class name -> spec.controller
  // "ns\0key=value" -> workloads whose pod template carries that label
  std::unordered_map<std::string, std::vector<size_t>> workloadsByLabel;
};

ObjectIndex buildIndex(const yaml::Tree& tree, const krm::Envelope& env);

bool isWorkload(ObjectKind k);
std::string labelKey(const std::string& ns, std::string_view key, std::string_view value);

inline constexpr const char* kSkipAnnotation = "zero-downtime.dev/skip";
inline constexpr const char* kShutdownAnnotation = "zero-downtime.dev/shutdown-seconds";

}  // namespace zd::scope
