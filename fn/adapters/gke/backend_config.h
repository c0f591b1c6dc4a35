// Which BackendConfig GKE's Ingress controller applies to a Service's backend: the Service's
// cloud.google.com/backend-config annotation (else the beta one), a JSON object whose `ports`
// entry for the Service port (by name, then number) wins over its `default`
// (ingress-gce pkg/annotations/service.go, pkg/backendconfig/utils.go).
#pragma once

#include <optional>
#include <string>

#include "scope/graph.h"
#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::adapters::gke {

struct BackendConfigRef {
  std::string annotation;   // the key read; "" when the Service has neither
  std::string name;         // the BackendConfig named for this edge; "" when none
  std::string port;         // the Service port the front door names (the first), as written
  std::string portName;     // its name in the Service ("" when unnamed)
  std::string portNumber;   // its port number in the Service
  std::string servingPort;  // its targetPort as a number ("" when a name)
  // Other ports of the Service the front door names whose BackendConfig differs, in words
  // ("port 9000 (BackendConfig \"admin\")"): the edge carries one port, so they go unchecked.
  std::string unchecked;
  std::string error;  // the annotation is not JSON of that shape
};

BackendConfigRef backendConfigRef(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                  const scope::Binding& b);

// The BackendConfig of edge `b` in the index: the one named, or for a Service without the
// annotation the one the function created, or took up (one of the Service's name that no Service
// names).
std::optional<size_t> backendConfigOf(const scope::ObjectIndex& idx, const scope::Binding& b,
                                      const BackendConfigRef& ref);

// The Services of the input whose annotation names BackendConfig `config` for some port.
const std::vector<size_t>& backendConfigUsers(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                              size_t config);

// The annotation `ref.annotation` of the Service with every BackendConfig name `from` replaced by
// `to`, as JSON; "" when it cannot be read. kustomize's namePrefix renames a BackendConfig but
// not the names inside this JSON, which its nameReference cannot reach.
std::string renamedAnnotation(const yaml::Tree& t, yaml::NodeId service,
                              const BackendConfigRef& ref, const std::string& to);

// The targetPort, as a number, of the Service port the front door (an Ingress, or with `route` a
// Gateway API route) names first for the Service; "" when it is a name or unknown.
std::string servingPortOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                          const scope::Binding& b, bool route);

// The backend protocol GKE gives the Service port of `port` (service.alpha.kubernetes.io/
// app-protocols, else cloud.google.com/app-protocols, by port name or number: HTTP, HTTPS,
// HTTP2); "" when none is said (HTTP).
std::string appProtocol(const yaml::Tree& t, yaml::NodeId service, const BackendConfigRef& port,
                        std::string& error);

// The Service's cloud.google.com/neg annotation's `ingress` member: nullopt when there is no
// annotation; `error` set when it is not a JSON object.
std::optional<bool> negIngress(const yaml::Tree& t, yaml::NodeId service, std::string& error);

}  // namespace zd::adapters::gke
