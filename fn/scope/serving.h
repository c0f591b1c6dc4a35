// Which containers of a pod template serve the traffic a Service sends: they get the preStop
// sleep and their readiness probes are tuned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "yaml/tree.h"

namespace zd::scope {

// spec.template.spec.containers[index], or initContainers[index] for a native sidecar
// (an init container with restartPolicy: Always runs beside the app and can serve a port).
struct ContainerRef {
  bool init = false;
  uint32_t index = 0;
  std::string path() const;  // "spec.template.spec.initContainers[2]"
  bool operator==(const ContainerRef& o) const { return init == o.init && index == o.index; }
  bool operator<(const ContainerRef& o) const {
    return std::tie(init, index) < std::tie(o.init, o.index);
  }
};

// How the serving containers were found. Only Declared and OnlyContainer are certain.
enum class ServingHow {
  Declared,        // they declare the Service's target port (number or name)
  OnlyContainer,   // nothing declares it and there is one container: that one
  Undeclared,      // several containers, none declares the (numeric) port: all of them
  UnresolvedName,  // a named target port no container declares: Kubernetes cannot route it
};

struct Serving {
  std::vector<ContainerRef> containers;  // regular ones in pod-spec order, then native sidecars
  ServingHow how = ServingHow::Declared;
  std::vector<std::string> undeclared;  // target ports no container declares, for messages
  // App Gateway (AGIC) copies the probe of the first regular container declaring the port, and
  // of no other (application-gateway-kubernetes-ingress pkg/appgw/health_probes.go).
  std::optional<uint32_t> agicContainer;
  bool operator<(const Serving& o) const {  // for sharing equal ones (scope/shared.h)
    return std::tie(containers, how, undeclared, agicContainer) <
           std::tie(o.containers, o.how, o.undeclared, o.agicContainer);
  }
};

Serving servingContainers(const yaml::Tree& tree, yaml::NodeId workload,
                          const std::vector<std::string>& targets);

// A container node of the pod template, by reference.
yaml::NodeId containerNode(const yaml::Tree& tree, yaml::NodeId workload, const ContainerRef& ref);

}  // namespace zd::scope
