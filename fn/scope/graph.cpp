#include "scope/graph.h"

#include <algorithm>

#include "scope/backends.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

krm::Result warning(const yaml::Tree& t, NodeId obj, std::string path, std::string message) {
  krm::Result r;
  r.severity = krm::Severity::Warning;
  r.resource = krm::refOf(t, obj);
  r.fieldPath = std::move(path);
  r.message = std::move(message);
  return r;
}

// The Service's targetPorts for the port an Ingress names; all of them when
// the Ingress names a port the Service does not have (warned by the caller).
std::vector<std::string> targetPortsFor(const yaml::Tree& t, NodeId svc, const BackendRef& b,
                                        bool& matched) {
  std::vector<std::string> all, hit;
  NodeId ports = t.at(svc, {"spec", "ports"});
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    std::string port(t.str(t.get(p, "port")));
    NodeId tp = t.get(p, "targetPort");
    std::string target = t.isScalar(tp) ? std::string(t.str(tp)) : port;
    all.push_back(target);
    bool match = b.portIsName ? t.str(t.get(p, "name")) == b.port : port == b.port;
    if (match || b.port.empty()) hit.push_back(target);
  }
  matched = !hit.empty();
  return matched ? hit : all;
}

// Containers exposing one of `targets` (a containerPort number or a port
// name); with a single container, that one.
std::vector<uint32_t> servingContainers(const yaml::Tree& t, NodeId workload,
                                        const std::vector<std::string>& targets) {
  std::vector<uint32_t> out;
  NodeId containers = t.at(workload, {"spec", "template", "spec", "containers"});
  uint32_t n = t.size(containers);
  for (uint32_t c = 0; t.isSeq(containers) && c < n; ++c) {
    NodeId ports = t.get(t.kid(containers, c), "ports");
    bool serves = false;
    for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports) && !serves; ++i) {
      NodeId p = t.kid(ports, i);
      serves = contains(targets, t.str(t.get(p, "containerPort"))) ||
               (t.isScalar(t.get(p, "name")) && contains(targets, t.str(t.get(p, "name"))));
    }
    if (serves) out.push_back(c);
  }
  if (out.empty() && n == 1) out.push_back(0);
  return out;
}

// Workloads in the Service's namespace whose pod template matches every
// selector label: candidates come from the index, not from a scan.
std::vector<size_t> selectedWorkloads(const yaml::Tree& t, const ObjectIndex& idx, size_t svc) {
  const ObjectInfo& s = idx.objects[svc];
  NodeId selector = t.at(s.node, {"spec", "selector"});
  if (!t.isMap(selector) || t.mapSize(selector) == 0) return {};
  auto it = idx.workloadsByLabel.find(labelKey(s.ns, t.str(t.keyAt(selector, 0)), t.str(t.valueAt(selector, 0))));
  if (it == idx.workloadsByLabel.end()) return {};
  std::vector<size_t> out;
  for (size_t w : it->second) {
    NodeId labels = t.at(idx.objects[w].node, {"spec", "template", "metadata", "labels"});
    bool all = true;
    for (uint32_t k = 1; k < t.mapSize(selector) && all; ++k) {
      NodeId v = t.get(labels, t.str(t.keyAt(selector, k)));
      all = v != yaml::kNone && t.str(v) == t.str(t.valueAt(selector, k));
    }
    if (all) out.push_back(w);
  }
  return out;
}

}  // namespace

bool ingressInScope(const yaml::Tree& t, NodeId ing, const ObjectIndex& idx, const timing::Knobs& k) {
  NodeId className = t.at(ing, {"spec", "ingressClassName"});
  if (t.isScalar(className)) {
    std::string name(t.str(className));
    if (contains(k.ingressClassNames, name)) return true;
    auto it = idx.ingressClassControllers.find(name);
    return it != idx.ingressClassControllers.end() && contains(k.ingressControllers, it->second);
  }
  NodeId ann = t.at(ing, {"metadata", "annotations", "kubernetes.io/ingress.class"});
  return t.isScalar(ann) && contains(k.ingressClassNames, t.str(ann));
}

Graph buildGraph(const yaml::Tree& t, const krm::Envelope&, const ObjectIndex& idx,
                 const timing::Knobs& knobs, std::vector<krm::Result>& results) {
  Graph g;
  std::map<size_t, Target> byWorkload;
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const ObjectInfo& ing = idx.objects[i];
    if (ing.kind != ObjectKind::Ingress || ing.skip || !ingressInScope(t, ing.node, idx, knobs)) continue;
    g.ingresses.push_back(i);
    for (const BackendRef& b : ingressBackends(t, ing.node)) {
      auto svcIt = idx.services.find(ing.ns + "/" + b.service);
      if (svcIt == idx.services.end()) {
        results.push_back(warning(t, ing.node, b.fieldPath,
                                  "backend Service \"" + b.service +
                                      "\" is not in the input: the workloads behind it cannot be checked"));
        continue;
      }
      size_t svc = svcIt->second;
      bool portMatched = true;
      auto targets = targetPortsFor(t, idx.objects[svc].node, b, portMatched);
      if (!portMatched) {
        results.push_back(warning(t, ing.node, b.fieldPath,
                                  "backend port \"" + b.port + "\" is not a port of Service \"" + b.service +
                                      "\": every port of the Service is considered"));
      }
      auto workloads = selectedWorkloads(t, idx, svc);
      if (workloads.empty()) {
        results.push_back(warning(t, idx.objects[svc].node, "spec.selector",
                                  "selects no Deployment, StatefulSet or DaemonSet in the input: nothing "
                                  "behind Ingress \"" + ing.name + "\" can be made consistent"));
      }
      for (size_t w : workloads) {
        if (idx.objects[w].skip) continue;
        Target& target = byWorkload[w];
        target.workload = w;
        bool seen = std::any_of(target.bindings.begin(), target.bindings.end(),
                                [&](const Binding& x) { return x.ingress == i && x.service == svc; });
        if (!seen) target.bindings.push_back({i, svc});
        for (const std::string& p : targets) {
          if (!contains(target.targetPorts, p)) target.targetPorts.push_back(p);
        }
      }
    }
  }
  for (auto& [w, target] : byWorkload) {
    target.containers = servingContainers(t, idx.objects[w].node, target.targetPorts);
    g.targets.push_back(std::move(target));
  }
  return g;
}

}  // namespace zd::scope
