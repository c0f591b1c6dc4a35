#include "adapters/gke/backend_config.h"

#include "adapters/gke/fields.h"
#include "krm/absent.h"
#include "scope/backends.h"
#include "yaml/parse.h"

namespace zd::adapters::gke {

using yaml::NodeId;

namespace {

// The annotation's JSON object, parsed; kNone (and `error`) when it is not one.
NodeId parseObject(yaml::Tree& into, std::string_view text, std::string& error) {
  auto bad = yaml::parseStream(text, yaml::Limits{}, into);
  if (bad || into.docs().size() != 1 || !into.isMap(into.docs()[0]) ||
      !into.node(into.docs()[0]).flow) {
    error = "must be one JSON object, as GKE reads it (encoding/json)" +
            (bad ? ": " + bad->message : std::string());
    return yaml::kNone;
  }
  return into.docs()[0];
}

// The Service port the front door names for this Service, as written ("" when it names none).
std::string frontDoorPort(const yaml::Tree& t, const scope::ObjectIndex& idx,
                          const scope::Binding& b) {
  const scope::ObjectInfo& svc = idx.objects[b.service];
  for (const scope::BackendRef& r :
       scope::ingressBackends(t, idx.objects[b.frontDoor].node, false).refs) {
    if (r.service == svc.name && (r.ns.empty() || r.ns == svc.ns)) return r.port;
  }
  return "";
}

// The other spelling of a Service port: its number for a name, its name for a number.
std::string otherSpelling(const yaml::Tree& t, NodeId service, const std::string& port) {
  NodeId ports = t.at(service, {"spec", "ports"});
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    const std::string name(t.str(t.get(p, "name"))), number(t.str(t.get(p, "port")));
    if (port == name) return number;
    if (port == number) return name;
  }
  return "";
}

}  // namespace

BackendConfigRef backendConfigRef(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                  const scope::Binding& b) {
  BackendConfigRef ref;
  const NodeId service = idx.objects[b.service].node;
  NodeId value = yaml::kNone;
  for (const char* key : {kBackendConfigAnnotation, kBetaBackendConfigAnnotation}) {
    value = t.at(service, {"metadata", "annotations", key});
    if (value == yaml::kNone) continue;
    ref.annotation = key;
    break;
  }
  if (ref.annotation.empty()) return ref;
  yaml::Tree json;
  NodeId obj = t.isScalar(value) ? parseObject(json, t.str(value), ref.error) : yaml::kNone;
  if (!t.isScalar(value)) ref.error = "must be a string holding JSON, not a map or list";
  if (obj == yaml::kNone) return ref;
  ref.port = frontDoorPort(t, idx, b);
  NodeId ports = json.get(obj, "ports");
  if (ports != yaml::kNone && !json.isMap(ports)) {
    ref.error = "`ports` must be a JSON object of port name or number to BackendConfig name";
    return ref;
  }
  // A port name first, then its number (pkg/backendconfig/utils.go).
  std::string byName = ref.port, byNumber = otherSpelling(t, service, ref.port);
  if (!byName.empty() && byName.find_first_not_of("0123456789") == std::string::npos)
    std::swap(byName, byNumber);
  for (const std::string& key : {byName, byNumber}) {
    NodeId named = key.empty() ? yaml::kNone : json.get(ports, key);
    if (json.isScalar(named)) {
      ref.name = std::string(json.str(named));
      return ref;
    }
  }
  NodeId def = json.get(obj, "default");
  if (json.isScalar(def)) ref.name = std::string(json.str(def));
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

std::string renamedAnnotation(const yaml::Tree& t, NodeId service, const BackendConfigRef& ref,
                              const std::string& to) {
  NodeId value = t.at(service, {"metadata", "annotations", ref.annotation});
  if (!t.isScalar(value)) return "";
  yaml::Tree json;
  std::string error;
  NodeId obj = parseObject(json, t.str(value), error);
  return obj == yaml::kNone ? "" : emit(json, obj, ref.name, to);
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
  NodeId ingress = json.get(obj, "ingress");
  return json.isScalar(ingress) && json.str(ingress) == "true";
}

}  // namespace zd::adapters::gke
