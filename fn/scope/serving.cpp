#include "scope/serving.h"

#include <algorithm>

#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

std::string ContainerRef::path() const {
  return std::string("spec.template.spec.") + (init ? "initContainers[" : "containers[") +
         std::to_string(index) + "]";
}

NodeId containerNode(const yaml::Tree& t, NodeId workload, const ContainerRef& ref) {
  NodeId list =
      t.at(workload, {"spec", "template", "spec", ref.init ? "initContainers" : "containers"});
  return t.isSeq(list) && ref.index < t.size(list) ? t.kid(list, ref.index) : yaml::kNone;
}

namespace {

bool declares(const yaml::Tree& t, NodeId container, std::string_view target) {
  NodeId ports = t.get(container, "ports");
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    if (t.str(t.get(p, "containerPort")) == target) return true;
    if (t.isScalar(t.get(p, "name")) && t.str(t.get(p, "name")) == target) return true;
  }
  return false;
}

bool declaresAny(const yaml::Tree& t, NodeId container, const std::vector<std::string>& targets) {
  return std::any_of(targets.begin(), targets.end(),
                     [&](const std::string& p) { return declares(t, container, p); });
}

}  // namespace

Serving servingContainers(const yaml::Tree& t, NodeId workload,
                          const std::vector<std::string>& targets) {
  Serving out;
  NodeId pod = t.at(workload, {"spec", "template", "spec"});
  NodeId regular = t.get(pod, "containers");
  NodeId init = t.get(pod, "initContainers");
  const uint32_t n = t.isSeq(regular) ? t.size(regular) : 0;
  for (uint32_t c = 0; c < n; ++c) {
    if (!declaresAny(t, t.kid(regular, c), targets)) continue;
    out.containers.push_back({false, c});
    if (!out.agicContainer) out.agicContainer = c;
  }
  for (uint32_t c = 0; t.isSeq(init) && c < t.size(init); ++c) {
    NodeId sidecar = t.kid(init, c);
    if (t.str(t.get(sidecar, "restartPolicy")) == "Always" && declaresAny(t, sidecar, targets)) {
      out.containers.push_back({true, c});
    }
  }
  for (const std::string& p : targets) {
    bool anyone = false;
    for (uint32_t c = 0; c < n && !anyone; ++c) anyone = declares(t, t.kid(regular, c), p);
    for (const ContainerRef& r : out.containers)
      anyone = anyone || (r.init && declares(t, containerNode(t, workload, r), p));
    if (!anyone && !contains(out.undeclared, p)) out.undeclared.push_back(p);
  }
  if (!out.containers.empty()) return out;
  // Nothing declares the port. A numeric containerPort is only informational, so the app may
  // still serve it; a named one cannot be resolved by Kubernetes at all.
  bool named = std::any_of(out.undeclared.begin(), out.undeclared.end(),
                           [](const std::string& p) { return !isPortNumber(p); });
  out.how = named    ? ServingHow::UnresolvedName
            : n == 1 ? ServingHow::OnlyContainer
                     : ServingHow::Undeclared;
  for (uint32_t c = 0; c < n; ++c) out.containers.push_back({false, c});
  return out;
}

}  // namespace zd::scope
