#include "rewrite/add_probe.h"

#include <algorithm>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/observe.h"
#include "yaml/scalar_format.h"

namespace zd::rewrite {

using yaml::NodeId;
using yaml::Style;

namespace {

// The target port this container exposes (number or name), else the first.
std::string probePort(const yaml::Tree& t, NodeId container,
                      const std::vector<std::string>& targets) {
  NodeId ports = t.get(container, "ports");
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    for (std::string_view key : {"containerPort", "name"}) {
      std::string v(t.str(t.get(p, key)));
      if (!v.empty() && std::find(targets.begin(), targets.end(), v) != targets.end()) return v;
    }
  }
  return targets.empty() ? "" : targets.front();
}

}  // namespace

void addMissingProbes(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
                      const krm::Config& config, std::vector<krm::Result>& results) {
  const std::string& path = config.options.readinessProbePath;
  if (path.empty()) return;
  // A named target port no container declares is no port the kubelet can probe either (Z9
  // says so): a probe on it would keep the pod from ever being Ready.
  if (target.serving->how == scope::ServingHow::UnresolvedName) return;
  NodeId workload = scope::podTemplateHolder(idx, target.workload);  // a workloadRef's Deployment
  // When the serving container is only guessed (no container declares the port, Z9), one probe
  // gates the whole pod: add one, to the first container, and only if none has one.
  const bool guessed = target.serving->how == scope::ServingHow::Undeclared;
  if (guessed) {
    for (const scope::ContainerRef& c : target.serving->containers) {
      if (!krm::isAbsent(t, t.get(scope::containerNode(t, workload, c), "readinessProbe"))) return;
    }
  }
  for (const scope::ContainerRef& c : target.serving->containers) {
    NodeId container = scope::containerNode(t, workload, c);
    if (!t.isMap(container)) continue;  // a wrong shape: observe() reports it
    if (guessed && !(c == target.serving->containers.front())) break;
    // `readinessProbe: null` is no probe: Tree::ensureMap below puts the map in its place.
    if (!krm::isAbsent(t, t.get(container, "readinessProbe"))) continue;
    std::string port = probePort(t, container, *target.targetPorts);
    if (port.empty()) continue;
    bool numeric = port.find_first_not_of("0123456789") == std::string::npos;
    NodeId probe = t.ensureMap(container, "readinessProbe");
    NodeId http = t.ensureMap(probe, "httpGet");
    t.set(http, "path", t.addScalar(path, yaml::stringStyle(path)));
    t.set(http, "port", t.addScalar(port, numeric ? Style::Plain : yaml::stringStyle(port)));
    krm::Result r;
    r.severity = krm::Severity::Info;
    r.resource = krm::refOf(t, workload);
    r.fieldPath = c.path() + ".readinessProbe";
    r.message = "Z3: container \"" + std::string(t.str(t.get(container, "name"))) +
                "\" gets an httpGet readiness probe on " + path + " port " + port +
                " (config readinessProbePath), so it takes traffic only when it can serve";
    r.proposed = krm::ShownValue{"httpGet " + path + " port " + port, true};
    results.push_back(std::move(r));
  }
}

}  // namespace zd::rewrite
