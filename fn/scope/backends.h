// The Service backends an Ingress names, in all three API shapes, and through the AWS Load
// Balancer Controller's actions annotations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::scope {

struct BackendRef {
  std::string service;
  std::string ns;    // the Service's namespace when the front door names one; "": the front door's
  std::string port;  // number or name, as written ("" when absent)
  bool portIsName = false;
  std::string fieldPath;  // where the service name is, for messages
  std::string action;     // "" or the actions.<name> annotation key it came through
  // The object that names the Service when it is not the front door (an Argo Rollout's ALB
  // route: the object index), and where it names the port.
  std::optional<size_t> origin;
  std::string portPath;
};

// A backend the function cannot follow: a `use-annotation` port without its action, or an
// action that is not valid JSON of the controller's shape (`error`: the controller refuses the
// whole Ingress).
struct BackendProblem {
  std::string fieldPath;
  std::string message;
  bool error = false;
};

struct IngressBackends {
  std::vector<BackendRef> refs;
  std::vector<BackendProblem> problems;
};

// networking.k8s.io/v1 (`service.name`, `service.port.number|name`, `defaultBackend`) and
// v1beta1 / extensions/v1beta1 (`serviceName`, `servicePort`, `backend`). Resource backends are
// not Services and are left out. With `albActions`, a backend whose port is `use-annotation`
// (the AWS Load Balancer Controller's convention) is followed through its
// `alb.ingress.kubernetes.io/actions.<service name>` annotation: a `forward` action's
// `forwardConfig.targetGroups[].serviceName` are the Services; a target group ARN or name, a
// fixed response or a redirect lead to no Service. Without `albActions` such a port is an
// ordinary port name. `routes`: the Argo Rollouts canaries that name this Ingress; a
// use-annotation backend without its action, named as one's root Service, leads to its stable
// and canary Services (the action the Rollouts controller writes during an update).
IngressBackends ingressBackends(const yaml::Tree& tree, yaml::NodeId ingress, bool albActions,
                                const std::vector<RolloutRoute>* routes = nullptr);

}  // namespace zd::scope
