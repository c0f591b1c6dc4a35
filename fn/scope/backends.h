// The Service backends an Ingress names, in all three API shapes.
#pragma once

#include <string>
#include <vector>

#include "yaml/tree.h"

namespace zd::scope {

struct BackendRef {
  std::string service;
  std::string port;        // number or name, as written ("" when absent)
  bool portIsName = false;
  std::string fieldPath;   // where the service name is, for messages
};

// networking.k8s.io/v1 (`service.name`, `service.port.number|name`,
// `defaultBackend`) and v1beta1 / extensions/v1beta1 (`serviceName`,
// `servicePort`, `backend`). Resource backends and ALB action backends
// (`servicePort: use-annotation`) are not Services and are left out.
std::vector<BackendRef> ingressBackends(const yaml::Tree& tree, yaml::NodeId ingress);

}  // namespace zd::scope
