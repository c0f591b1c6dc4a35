#include "adapters/gke/backend_config.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "adapters/gke/fields.h"
#include "krm/absent.h"
#include "scope/alb_actions.h"
#include "scope/backends.h"
#include "scope/route_front_door.h"
#include "yaml/parse.h"

namespace zd::adapters::gke {

using yaml::NodeId;

namespace {

// The annotation's JSON object, parsed; kNone (and `error`) when it is not one.
NodeId parseObject(yaml::Tree& into, std::string_view text, std::string& error) {
  auto bad = yaml::parseStream(text, yaml::Limits{}, into);
  if (bad || into.docs().size() != 1 || !into.isMap(into.docs()[0]) ||
      !scope::isJson(into, into.docs()[0])) {
    error = "must be one JSON object, as GKE reads it (encoding/json)" +
            (bad ? ": " + bad->message : std::string(": it is YAML, not JSON"));
    return yaml::kNone;
  }
  return into.docs()[0];
}

// Go's encoding/json matches an object key to a field without regard to case ("Default" fills
// `json:"default"`), as ingress-gce reads these annotations.
NodeId member(const yaml::Tree& j, NodeId map, std::string_view name) {
  for (uint32_t i = 0; j.isMap(map) && i < j.mapSize(map); ++i) {
    std::string_view key = j.str(j.keyAt(map, i));
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        }))
      return j.valueAt(map, i);
  }
  return yaml::kNone;
}

bool isJsonString(const yaml::Tree& j, NodeId n) {
  return j.isScalar(n) && j.node(n).style == yaml::Style::Double;
}

// The Service ports the front door names for this Service, as written, each once.
const std::vector<std::string>& frontDoorPorts(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                               const scope::Binding& b, bool route = false) {
  auto& cache = idx.gateway.frontDoorPorts;
  auto it = cache.find(b.frontDoor);
  if (it == cache.end()) {
    const scope::ObjectInfo& door = idx.objects[b.frontDoor];
    std::map<std::string, std::vector<std::string>> byService;
    for (const scope::BackendRef& r : route ? scope::routeBackends(t, door.node, idx).refs
                                            : scope::ingressBackends(t, door.node, false).refs) {
      auto& ports = byService[scope::nsKey(r.ns.empty() ? door.ns : r.ns, r.service)];
      if (std::find(ports.begin(), ports.end(), r.port) == ports.end()) ports.push_back(r.port);
    }
    it = cache.emplace(b.frontDoor, std::move(byService)).first;
  }
  static const std::vector<std::string> none;
  const scope::ObjectInfo& svc = idx.objects[b.service];
  auto ports = it->second.find(scope::nsKey(svc.ns, svc.name));
  return ports == it->second.end() ? none : ports->second;
}

// The Service's port entry a front door's port (name or number) names.
NodeId servicePort(const yaml::Tree& t, NodeId service, const std::string& port) {
  NodeId ports = t.at(service, {"spec", "ports"});
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    if (t.str(t.get(p, "name")) == port || t.str(t.get(p, "port")) == port) return p;
  }
  return yaml::kNone;
}

bool isNumber(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// The targetPort of a Service port entry as a number (the port itself when absent), or "".
std::string targetNumber(const yaml::Tree& t, NodeId entry) {
  NodeId target = t.get(entry, "targetPort");
  std::string out(target == yaml::kNone ? t.str(t.get(entry, "port")) : t.str(target));
  return isNumber(out) ? out : std::string();
}

// The BackendConfig the annotation's JSON names for one port: ports by name, then by number
// (pkg/backendconfig/utils.go), then the default.
std::string nameFor(const yaml::Tree& json, NodeId obj, const yaml::Tree& t, NodeId service,
                    const std::string& port) {
  NodeId entry = servicePort(t, service, port);
  const std::string byName(t.str(t.get(entry, "name"))), byNumber(t.str(t.get(entry, "port")));
  NodeId ports = member(json, obj, "ports");
  for (const std::string& key : {byName, byNumber, port}) {
    NodeId named = key.empty() ? yaml::kNone : json.get(ports, key);
    if (json.isScalar(named)) return std::string(json.str(named));
  }
  NodeId def = member(json, obj, "default");
  return json.isScalar(def) ? std::string(json.str(def)) : std::string();
}

}  // namespace

BackendConfigRef backendConfigRef(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                  const scope::Binding& b) {
  BackendConfigRef ref;
  const NodeId service = idx.objects[b.service].node;
  const std::vector<std::string>& ports = frontDoorPorts(t, idx, b);
  ref.port = ports.empty() ? std::string() : ports.front();
  NodeId entry = servicePort(t, service, ref.port);
  ref.portName = std::string(t.str(t.get(entry, "name")));
  ref.portNumber = std::string(t.str(t.get(entry, "port")));
  NodeId target = t.get(entry, "targetPort");
  ref.servingPort =
      std::string(target == yaml::kNone ? t.str(t.get(entry, "port")) : t.str(target));
  if (!isNumber(ref.servingPort)) ref.servingPort.clear();
  NodeId value = yaml::kNone;
  for (const char* key : {kBackendConfigAnnotation, kBetaBackendConfigAnnotation}) {
    value = t.at(service, {"metadata", "annotations", key});
    if (value == yaml::kNone) continue;
    ref.annotation = key;
    break;
  }
  if (ref.annotation.empty()) return ref;
  if (!t.isScalar(value)) {
    ref.error = "must be a string holding JSON, not a map or list";
    return ref;
  }
  yaml::Tree json;
  NodeId obj = parseObject(json, t.str(value), ref.error);
  if (obj == yaml::kNone) return ref;
  NodeId portsMap = member(json, obj, "ports"), def = member(json, obj, "default");
  bool strings = json.isMap(portsMap) || portsMap == yaml::kNone;
  for (uint32_t i = 0; json.isMap(portsMap) && i < json.mapSize(portsMap); ++i)
    strings = strings && isJsonString(json, json.valueAt(portsMap, i));
  if (!strings || (def != yaml::kNone && !isJsonString(json, def))) {
    ref.error =
        "must name BackendConfigs as JSON strings: {\"default\": \"<name>\", \"ports\": "
        "{\"<port name or number>\": \"<name>\"}}, as GKE reads it";
    return ref;
  }
  ref.name = nameFor(json, obj, t, service, ref.port);
  for (size_t i = 1; i < ports.size(); ++i) {
    const std::string other = nameFor(json, obj, t, service, ports[i]);
    if (other == ref.name) continue;
    ref.unchecked += (ref.unchecked.empty() ? "" : ", ") + std::string("port ") + ports[i] +
                     (other.empty() ? " (no BackendConfig)" : " (BackendConfig \"" + other + "\")");
  }
  return ref;
}

std::optional<size_t> backendConfigOf(const scope::ObjectIndex& idx, const scope::Binding& b,
                                      const BackendConfigRef& ref) {
  if (ref.annotation.empty()) {
    auto made = idx.gateway.backendConfigCreatedFor.find(b.service);
    if (made == idx.gateway.backendConfigCreatedFor.end()) return std::nullopt;
    return made->second;
  }
  if (ref.name.empty()) return std::nullopt;
  auto it = idx.gateway.backendConfigs.find(scope::nsKey(idx.objects[b.service].ns, ref.name));
  if (it == idx.gateway.backendConfigs.end()) return std::nullopt;
  return it->second;
}

namespace {

std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The parsed annotation written back as JSON, each string value equal to `from` as `to`.
std::string emit(const yaml::Tree& j, NodeId n, const std::string& from, const std::string& to) {
  if (j.isMap(n)) {
    std::string out = "{";
    for (uint32_t i = 0; i < j.mapSize(n); ++i) {
      out += (i ? ", " : "") + jsonString(j.str(j.keyAt(n, i))) + ": " +
             emit(j, j.valueAt(n, i), from, to);
    }
    return out + "}";
  }
  if (!j.isString(n)) return std::string(j.str(n));
  return jsonString(j.str(n) == from ? to : j.str(n));
}

}  // namespace

const std::vector<size_t>& backendConfigUsers(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                              size_t config) {
  auto& users = idx.gateway.backendConfigUsers;
  if (!users) {
    users.emplace();
    for (const auto& [key, svc] : idx.services) {
      const scope::ObjectInfo& s = idx.objects[svc];
      for (const char* name : {kBackendConfigAnnotation, kBetaBackendConfigAnnotation}) {
        NodeId value = t.at(s.node, {"metadata", "annotations", name});
        if (value == yaml::kNone) continue;
        yaml::Tree json;
        std::string error;
        NodeId obj = t.isScalar(value) ? parseObject(json, t.str(value), error) : yaml::kNone;
        std::vector<NodeId> names = {member(json, obj, "default")};
        NodeId ports = member(json, obj, "ports");
        for (uint32_t i = 0; json.isMap(ports) && i < json.mapSize(ports); ++i)
          names.push_back(json.valueAt(ports, i));
        for (NodeId n : names) {
          auto it = json.isScalar(n)
                        ? idx.gateway.backendConfigs.find(scope::nsKey(s.ns, json.str(n)))
                        : idx.gateway.backendConfigs.end();
          if (it == idx.gateway.backendConfigs.end()) continue;
          auto& list = (*users)[it->second];
          if (std::find(list.begin(), list.end(), svc) == list.end()) list.push_back(svc);
        }
        break;  // the GA key wins over the beta one
      }
    }
  }
  static const std::vector<size_t> none;
  auto it = users->find(config);
  return it == users->end() ? none : it->second;
}

std::string renamedAnnotation(const yaml::Tree& t, NodeId service, const BackendConfigRef& ref,
                              const std::string& to) {
  NodeId value = t.at(service, {"metadata", "annotations", ref.annotation});
  if (!t.isScalar(value)) return "";
  yaml::Tree json;
  std::string error;
  NodeId obj = parseObject(json, t.str(value), error);
  return obj == yaml::kNone ? "" : emit(json, obj, ref.name, to);
}

std::string servingPortOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                          const scope::Binding& b, bool route) {
  const std::vector<std::string>& ports = frontDoorPorts(t, idx, b, route);
  if (ports.empty()) return "";
  return targetNumber(t, servicePort(t, idx.objects[b.service].node, ports.front()));
}

// ingress-gce's ApplicationProtocols reads the alpha key first (pkg/annotations/service.go).
std::string appProtocol(const yaml::Tree& t, NodeId service, const BackendConfigRef& port,
                        std::string& error) {
  for (const char* key :
       {"service.alpha.kubernetes.io/app-protocols", "cloud.google.com/app-protocols"}) {
    NodeId value = t.at(service, {"metadata", "annotations", key});
    if (value == yaml::kNone) continue;
    yaml::Tree json;
    NodeId obj = t.isScalar(value) ? parseObject(json, t.str(value), error) : yaml::kNone;
    if (!t.isScalar(value)) error = "must be a string holding JSON, not a map or list";
    if (obj == yaml::kNone) return "";
    for (const std::string& key : {port.portName, port.portNumber}) {
      NodeId protocol = key.empty() ? yaml::kNone : json.get(obj, key);
      if (json.isScalar(protocol)) return std::string(json.str(protocol));
    }
    return "";
  }
  return "";
}

std::optional<bool> negIngress(const yaml::Tree& t, NodeId service, std::string& error) {
  NodeId value = t.at(service, {"metadata", "annotations", kNegAnnotation});
  if (value == yaml::kNone) return std::nullopt;
  if (!t.isScalar(value)) {
    error = "must be a string holding JSON, not a map or list";
    return std::nullopt;
  }
  yaml::Tree json;
  NodeId obj = parseObject(json, t.str(value), error);
  if (obj == yaml::kNone) return std::nullopt;
  NodeId ingress = member(json, obj, "ingress");
  if (ingress == yaml::kNone) return false;
  if (json.isString(ingress) || (json.str(ingress) != "true" && json.str(ingress) != "false")) {
    error = "must give `ingress` as JSON true or false, as GKE reads it";
    return std::nullopt;
  }
  return json.str(ingress) == "true";
}

}  // namespace zd::adapters::gke
