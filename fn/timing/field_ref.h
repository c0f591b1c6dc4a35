// Which field of the model a rule or a change concerns: a workload, load-balancer or knob field by
// its model name, or a serving container's field by the container's name and the field. The
// adapters' field tables (adapters/*/fields.h) and the pod-side table map it to a manifest path.
#pragma once

#include <string>
#include <tuple>

namespace zd::timing {

struct FieldRef {
  // The Observed / Plan member, e.g. "terminationGracePeriodSeconds", "deregistrationDelaySeconds",
  // "probeIntervalSeconds", "namespaceGateLabel", "serviceType", "strategy"; for a container
  // field "preStopSeconds", "readinessProbe", "readinessPeriodSeconds" (...TimeoutSeconds,
  // ...FailureThreshold). "containers" is the workload's list of containers as a whole;
  // "meshProxy" the injected service-mesh proxy, whose settings the pod template carries.
  std::string name;
  std::string container;  // the serving container's name (a nameless one has "")
  bool onContainer = false;
  // An NLB target-group attribute held by the per-port copy of its annotation: the Service port.
  std::string port;

  FieldRef() = default;
  FieldRef(const char* n) : name(n) {}             // NOLINT: a plain name is the common case
  FieldRef(std::string n) : name(std::move(n)) {}  // NOLINT
  FieldRef(std::string n, std::string c)
      : name(std::move(n)), container(std::move(c)), onContainer(true) {}

  bool inContainer() const { return onContainer; }
  // As explain prints it: "containers[web].preStopSeconds", or the name.
  std::string text() const {
    return inContainer() ? "containers[" + container + "]." + name : name;
  }
  bool operator==(const FieldRef& o) const {
    return name == o.name && container == o.container && onContainer == o.onContainer &&
           port == o.port;
  }
  bool operator!=(const FieldRef& o) const { return !(*this == o); }
  bool operator<(const FieldRef& o) const {
    return std::tie(name, container, onContainer, port) <
           std::tie(o.name, o.container, o.onContainer, o.port);
  }
};

}  // namespace zd::timing
