#include "scope/backends.h"

#include "scope/alb_actions.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

constexpr std::string_view kUseAnnotation = "use-annotation";

void addBackend(const yaml::Tree& t, NodeId ingress, NodeId backend, const std::string& path,
                bool albActions, IngressBackends& out) {
  if (!t.isMap(backend)) return;
  BackendRef ref;
  if (NodeId svc = t.get(backend, "service"); t.isMap(svc)) {  // v1
    ref.service = std::string(t.str(t.get(svc, "name")));
    ref.fieldPath = path + ".service.name";
    NodeId port = t.get(svc, "port");
    if (NodeId num = t.get(port, "number"); t.isScalar(num)) {
      ref.port = std::string(t.str(num));
    } else if (NodeId name = t.get(port, "name"); t.isScalar(name)) {
      ref.port = std::string(t.str(name));
      ref.portIsName = true;
    }
  } else if (NodeId name = t.get(backend, "serviceName"); t.isScalar(name)) {  // v1beta1
    ref.service = std::string(t.str(name));
    ref.fieldPath = path + ".serviceName";
    ref.port = std::string(t.str(t.get(backend, "servicePort")));
    ref.portIsName = !isPortNumber(ref.port);
  } else {
    return;
  }
  if (ref.service.empty()) return;
  if (albActions && ref.portIsName && ref.port == kUseAnnotation) {
    followAlbAction(t, ingress, ref.service, ref.fieldPath, out);
    return;
  }
  out.refs.push_back(std::move(ref));
}

}  // namespace

IngressBackends ingressBackends(const yaml::Tree& t, NodeId ing, bool albActions) {
  IngressBackends out;
  NodeId spec = t.get(ing, "spec");
  addBackend(t, ing, t.get(spec, "defaultBackend"), "spec.defaultBackend", albActions, out);
  addBackend(t, ing, t.get(spec, "backend"), "spec.backend", albActions, out);
  NodeId rules = t.get(spec, "rules");
  for (uint32_t r = 0; t.isSeq(rules) && r < t.size(rules); ++r) {
    NodeId paths = t.at(t.kid(rules, r), {"http", "paths"});
    for (uint32_t p = 0; t.isSeq(paths) && p < t.size(paths); ++p) {
      std::string path =
          "spec.rules[" + std::to_string(r) + "].http.paths[" + std::to_string(p) + "].backend";
      addBackend(t, ing, t.get(t.kid(paths, p), "backend"), path, albActions, out);
    }
  }
  return out;
}

}  // namespace zd::scope
