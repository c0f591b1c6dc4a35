#include "scope/backends.h"

#include "krm/absent.h"
#include "scope/alb_actions.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

constexpr std::string_view kUseAnnotation = "use-annotation";

// A field of the wrong YAML type is read by neither the API server nor the controller: an error
// naming it, never a silent "no backends" (which would leave the workloads behind unprotected).
void wrongShape(const std::string& path, yaml::Kind want, yaml::Kind got, IngressBackends& out) {
  out.problems.push_back({path,
                          "`" + path + "` must be " + yaml::kindPhrase(want) + ", not " +
                              yaml::kindPhrase(got) +
                              ": nothing behind this Ingress can be checked",
                          true});
}

// map[key] when it is of `kind`; absent and null are fine (kNone), a wrong kind is an error.
NodeId expect(const yaml::Tree& t, NodeId parent, std::string_view key, yaml::Kind kind,
              const std::string& path, IngressBackends& out) {
  NodeId n = krm::field(t, parent, key);
  if (n == yaml::kNone || t.kind(n) == kind) return n;
  wrongShape(path, kind, t.kind(n), out);
  return yaml::kNone;
}

const RolloutRoute* routeOf(const std::vector<RolloutRoute>* routes, const std::string& root) {
  for (size_t i = 0; routes && i < routes->size(); ++i) {
    if ((*routes)[i].root == root) return &(*routes)[i];
  }
  return nullptr;
}

// The Services the Rollouts controller's action will forward to, on the Rollout's servicePort:
// named by the Rollout, so what is wrong with them is the Rollout's to fix.
void followRollout(const RolloutRoute& r, const BackendRef& via, IngressBackends& out) {
  const std::pair<const std::string*, const std::string*> named[] = {{&r.stable, &r.stablePath},
                                                                     {&r.canary, &r.canaryPath}};
  for (const auto& [svc, path] : named) {
    if (svc->empty()) continue;
    BackendRef ref = via;
    ref.service = *svc;
    ref.port = r.servicePort;
    ref.portIsName = false;
    ref.origin = r.rollout;
    ref.fieldPath = *path;
    ref.portPath = "spec.strategy.canary.trafficRouting.alb.servicePort";
    out.refs.push_back(std::move(ref));
  }
}

void addBackend(const yaml::Tree& t, NodeId ingress, NodeId parent, std::string_view key,
                const std::string& path, bool albActions, const std::vector<RolloutRoute>* routes,
                IngressBackends& out) {
  NodeId backend = expect(t, parent, key, yaml::Kind::Map, path, out);
  if (backend == yaml::kNone) return;
  BackendRef ref;
  if (NodeId svc = expect(t, backend, "service", yaml::Kind::Map, path + ".service", out);
      svc != yaml::kNone) {  // v1
    ref.service = std::string(t.str(t.get(svc, "name")));
    ref.fieldPath = path + ".service.name";
    NodeId port = expect(t, svc, "port", yaml::Kind::Map, path + ".service.port", out);
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
    const RolloutRoute* route = routeOf(routes, ref.service);
    const bool written = t.get(t.at(ingress, {"metadata", "annotations"}),
                               kAlbActionPrefix + ref.service) != yaml::kNone;
    if (route && !written && !(route->stable.empty() && route->canary.empty())) {
      followRollout(*route, ref, out);
    } else {
      followAlbAction(t, ingress, ref.service, ref.fieldPath, out);
    }
    return;
  }
  out.refs.push_back(std::move(ref));
}

}  // namespace

IngressBackends ingressBackends(const yaml::Tree& t, NodeId ing, bool albActions,
                                const std::vector<RolloutRoute>* routes) {
  IngressBackends out;
  NodeId spec = expect(t, ing, "spec", yaml::Kind::Map, "spec", out);
  addBackend(t, ing, spec, "defaultBackend", "spec.defaultBackend", albActions, routes, out);
  addBackend(t, ing, spec, "backend", "spec.backend", albActions, routes, out);
  NodeId rules = expect(t, spec, "rules", yaml::Kind::Seq, "spec.rules", out);
  for (uint32_t r = 0; r < t.size(rules); ++r) {
    const std::string rp = "spec.rules[" + std::to_string(r) + "]";
    NodeId rule = t.kid(rules, r);
    if (t.kind(rule) != yaml::Kind::Map) {
      wrongShape(rp, yaml::Kind::Map, t.kind(rule), out);
      continue;
    }
    NodeId http = expect(t, rule, "http", yaml::Kind::Map, rp + ".http", out);
    NodeId paths = expect(t, http, "paths", yaml::Kind::Seq, rp + ".http.paths", out);
    for (uint32_t p = 0; p < t.size(paths); ++p) {
      const std::string pp = rp + ".http.paths[" + std::to_string(p) + "]";
      NodeId item = t.kid(paths, p);
      if (t.kind(item) != yaml::Kind::Map) {
        wrongShape(pp, yaml::Kind::Map, t.kind(item), out);
        continue;
      }
      addBackend(t, ing, item, "backend", pp + ".backend", albActions, routes, out);
    }
  }
  return out;
}

}  // namespace zd::scope
