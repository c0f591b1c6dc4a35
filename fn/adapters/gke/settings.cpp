#include "adapters/gke/settings.h"

#include "adapters/gke/backend_config.h"
#include "adapters/gke/fields.h"
#include "adapters/new_object.h"
#include "krm/absent.h"
#include "rewrite/editor.h"

namespace zd::adapters::gke {

using rewrite::Reader;
using yaml::NodeId;

namespace {

std::string describe(const scope::ObjectInfo& o, const char* kind) {
  return std::string(kind) + " " + (o.ns.empty() ? "" : std::string(o.ns) + "/") +
         std::string(o.name);
}

std::string text(const yaml::Tree& t, NodeId n) {
  return t.isScalar(n) ? std::string(t.str(n)) : std::string();
}

// The four numbers of a health check, under `hc` (BackendConfig spec.healthCheck, a
// HealthCheckPolicy's spec.default): the same keys in both.
void readNumbers(const yaml::Tree& t, NodeId hc, Reader& rd, const std::string& path,
                 timing::ObservedGke& g) {
  g.checkIntervalSec = rd.count(krm::field(t, hc, "checkIntervalSec"), path + ".checkIntervalSec");
  g.checkTimeoutSec = rd.count(krm::field(t, hc, "timeoutSec"), path + ".timeoutSec");
  g.healthyThreshold = rd.count(krm::field(t, hc, "healthyThreshold"), path + ".healthyThreshold");
  g.unhealthyThreshold =
      rd.count(krm::field(t, hc, "unhealthyThreshold"), path + ".unhealthyThreshold");
}

// ---- Ingress: the BackendConfig --------------------------------------------------------------

void readBackendConfig(const yaml::Tree& t, NodeId cfg, Reader& rd, timing::ObservedGke& g) {
  NodeId spec = krm::field(t, cfg, "spec");
  if (!rd.shape(spec, yaml::Kind::Map, "spec")) return;
  NodeId hc = krm::field(t, spec, "healthCheck");
  if (rd.shape(hc, yaml::Kind::Map, "spec.healthCheck")) {
    readNumbers(t, hc, rd, "spec.healthCheck", g);
    g.requestPath = text(t, krm::field(t, hc, "requestPath"));
    g.type = text(t, krm::field(t, hc, "type"));
    if (auto port = rd.count(krm::field(t, hc, "port"), "spec.healthCheck.port"))
      g.port = std::to_string(*port);
  }
  NodeId draining = krm::field(t, spec, "connectionDraining");
  if (rd.shape(draining, yaml::Kind::Map, "spec.connectionDraining"))
    g.drainingTimeoutSec = rd.count(krm::field(t, draining, "drainingTimeoutSec"),
                                    "spec.connectionDraining.drainingTimeoutSec");
  g.backendTimeoutSec = rd.count(krm::field(t, spec, "timeoutSec"), "spec.timeoutSec");
}

void observeIngress(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                    Reader& ingress, Reader& service, timing::Observed& o) {
  timing::ObservedGke& g = o.gke;
  g.viaGateway = false;
  std::string negError;
  g.negIngress = negIngress(t, idx.objects[b.service].node, negError);
  if (!negError.empty()) service.error(annotationPath(kNegAnnotation), negError);
  const BackendConfigRef ref = backendConfigRef(t, idx, b);
  g.servingPort = ref.servingPort;
  g.unchecked = ref.unchecked;
  std::string protocolError;
  g.appProtocol = appProtocol(t, idx.objects[b.service].node, ref, protocolError);
  if (!protocolError.empty())
    service.error(annotationPath("cloud.google.com/app-protocols"), protocolError);
  if (!ref.error.empty()) {
    service.error(annotationPath(ref.annotation), ref.error);
    return;
  }
  const std::optional<size_t> cfg = backendConfigOf(idx, b, ref);
  if (!cfg) {
    g.writable = ref.annotation.empty();  // the function creates one where none is named
    g.missing = ref.name.empty()
                    ? "the Service's annotation " + ref.annotation +
                          " names no BackendConfig for port " +
                          (ref.port.empty() ? std::string("(none named)") : ref.port) +
                          " and has no default"
                    : "BackendConfig \"" + ref.name + "\", which the Service's annotation " +
                          ref.annotation + " names, is not in the input";
    return;
  }
  g.healthCheckHolder = g.backendHolder = describe(idx.objects[*cfg], "BackendConfig");
  for (size_t user : backendConfigUsers(t, idx, *cfg)) {
    if (user != b.service)
      g.sharedWith += (g.sharedWith.empty() ? "Service \"" : ", \"") +
                      std::string(idx.objects[user].name) + "\"";
  }
  Reader rd(t, idx.objects[*cfg].node, ingress.errors());
  readBackendConfig(t, idx.objects[*cfg].node, rd, g);
}

bool anyValue(const timing::PlanGke& p) {
  return p.checkIntervalSec || p.checkTimeoutSec || p.healthyThreshold || p.unhealthyThreshold ||
         p.drainingTimeoutSec || p.backendTimeoutSec || !p.path.empty();
}

// Writes the planned health-check numbers under `hc`, at `path`.
void writeNumbers(rewrite::Editor& e, NodeId hc, const std::string& path,
                  const timing::PlanGke& p) {
  const std::pair<const char*, const std::optional<timing::Change<int64_t>>*> numbers[] = {
      {"checkIntervalSec", &p.checkIntervalSec},
      {"timeoutSec", &p.checkTimeoutSec},
      {"healthyThreshold", &p.healthyThreshold},
      {"unhealthyThreshold", &p.unhealthyThreshold}};
  for (const auto& [key, c] : numbers) {
    if (*c) e.set(hc, key, std::to_string((*c)->value), false, path + "." + key, (*c)->message);
  }
}

void annotateService(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                     std::vector<krm::Result>& results, rewrite::SharedEdits& shared,
                     const char* key, const std::string& value, const std::string& why) {
  rewrite::Editor e(t, idx.objects[b.service].node, results, &shared);
  e.setShared("annotations", key, value, true, annotationPath(key), why);
  // JSON in single quotes, as GKE's documents write these annotations.
  NodeId written = t.at(idx.objects[b.service].node, {"metadata", "annotations", key});
  if (t.isScalar(written) && t.str(written) == value)
    t.setScalar(written, value, yaml::Style::Single);
}

// The BackendConfig the annotation names was renamed (kustomize's namePrefix or nameSuffix,
// which cannot reach names inside the annotation's JSON): the annotation names it anew.
void followRename(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  const BackendConfigRef& ref, const std::string& now,
                  std::vector<krm::Result>& results, rewrite::SharedEdits& shared) {
  const std::string json = renamedAnnotation(t, idx.objects[b.service].node, ref, now);
  if (json.empty()) return;
  annotateService(t, idx, b, results, shared, ref.annotation.c_str(), json,
                  "GK9: BackendConfig \"" + ref.name + "\" is now named \"" + now +
                      "\" (kustomize renamed it, but not inside this annotation's JSON)");
}

void applyIngress(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  const timing::Plan& plan, std::vector<krm::Result>& results,
                  rewrite::SharedEdits& shared) {
  const timing::PlanGke& p = plan.gke;
  if (p.writeNeg)
    annotateService(t, idx, b, results, shared, kNegAnnotation, "{\"ingress\": true}",
                    "GK8: NEGs for the Ingress's backends, which preset gke-neg models (GKE gives "
                    "them by default only on some clusters)");
  const BackendConfigRef ref = backendConfigRef(t, idx, b);
  const std::optional<size_t> cfg = backendConfigOf(idx, b, ref);
  if (cfg && !ref.name.empty() && idx.objects[*cfg].name != ref.name)
    followRename(t, idx, b, ref, std::string(idx.objects[*cfg].name), results, shared);
  if (!anyValue(p) || !cfg) return;
  rewrite::Editor e(t, idx.objects[*cfg].node, results);
  if (p.checkIntervalSec || p.checkTimeoutSec || p.healthyThreshold || p.unhealthyThreshold ||
      !p.path.empty()) {
    NodeId hc = e.ensure({"spec", "healthCheck"});
    writeNumbers(e, hc, "spec.healthCheck", p);
    if (!p.type.empty()) e.set(hc, "type", p.type, true, "spec.healthCheck.type", p.pathWhy);
    if (!p.path.empty())
      e.set(hc, "requestPath", p.path, true, "spec.healthCheck.requestPath", p.pathWhy);
    if (!p.port.empty()) e.set(hc, "port", p.port, false, "spec.healthCheck.port", p.pathWhy);
  }
  if (p.drainingTimeoutSec)
    e.set(e.ensure({"spec", "connectionDraining"}), "drainingTimeoutSec",
          std::to_string(p.drainingTimeoutSec->value), false,
          "spec.connectionDraining.drainingTimeoutSec", p.drainingTimeoutSec->message);
  if (p.backendTimeoutSec)
    e.set(e.ensure({"spec"}), "timeoutSec", std::to_string(p.backendTimeoutSec->value), false,
          "spec.timeoutSec", p.backendTimeoutSec->message);
  if (ref.annotation.empty())
    annotateService(
        t, idx, b, results, shared, kBackendConfigAnnotation,
        "{\"default\": \"" + std::string(idx.objects[*cfg].name) + "\"}",
        idx.objects[*cfg].created
            ? "GK9: the Service must name the BackendConfig made for it, which holds its health "
              "check, draining and timeout"
            : "GK9: the Service must name BackendConfig \"" + std::string(idx.objects[*cfg].name) +
                  "\", which has its name and which no Service names, so that GKE applies it");
}

constexpr const char* kBackendConfigWhy =
    "the Service names no BackendConfig, so GKE's load balancer would check it with its "
    "defaults (or a probe copied once), drain no connections and time out at 30 s";

std::vector<Made> createBackendConfig(yaml::Tree& t, scope::ObjectIndex& idx,
                                      const scope::Binding& b, const timing::Knobs&) {
  if (!backendConfigRef(t, idx, b).annotation.empty() ||
      idx.gateway.backendConfigCreatedFor.count(b.service))
    return {};
  const std::string ns(idx.objects[b.service].ns), svc(idx.objects[b.service].name);
  // A BackendConfig of the Service's name that no Service names is the one its author meant.
  auto same = idx.gateway.backendConfigs.find(scope::nsKey(ns, svc));
  if (same != idx.gateway.backendConfigs.end() && !idx.objects[same->second].created &&
      backendConfigUsers(t, idx, same->second).empty()) {
    idx.gateway.backendConfigCreatedFor.emplace(b.service, same->second);
    return {};
  }
  const std::string name = freeName(idx.gateway.backendConfigs, ns, svc);
  NodeId obj = newObject(t, kBackendConfigApiVersion, "BackendConfig", name, ns);
  const size_t at = indexNew(idx, scope::ObjectKind::BackendConfig, obj, ns, name);
  idx.gateway.backendConfigs.emplace(scope::nsKey(ns, name), at);
  idx.gateway.backendConfigCreatedFor.emplace(b.service, at);
  return {{at, kBackendConfigWhy}};
}

std::optional<size_t> ingressHolder(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                    const scope::Binding& b, const FieldSpot&) {
  return backendConfigOf(idx, b, backendConfigRef(t, idx, b));
}

// ---- Gateway: HealthCheckPolicy and GCPBackendPolicy -----------------------------------------

std::optional<size_t> policyOf(const scope::ServicePolicies& p, size_t service) {
  auto it = p.of.find(service);
  if (it == p.of.end()) return std::nullopt;
  return it->second;
}

void readCheckPolicy(const yaml::Tree& t, NodeId policy, Reader& rd, timing::ObservedGke& g) {
  NodeId def = krm::field(t, policy, {"spec", "default"});
  if (!rd.shape(def, yaml::Kind::Map, "spec.default")) return;
  readNumbers(t, def, rd, "spec.default", g);
  NodeId config = krm::field(t, def, "config");
  if (!rd.shape(config, yaml::Kind::Map, "spec.default.config")) return;
  g.type = text(t, krm::field(t, config, "type"));
  const std::string_view block = checkBlock(g.type);
  if (block.empty()) {
    g.requestPath = "(" + g.type + ")";  // no path to check: GK3 is satisfied as written
    return;
  }
  NodeId check = krm::field(t, config, std::string(block));
  g.requestPath = text(t, krm::field(t, check, "requestPath"));
  const std::string spec = text(t, krm::field(t, check, "portSpecification"));
  if (auto port = rd.count(krm::field(t, check, "port"),
                           "spec.default.config." + std::string(block) + ".port"))
    g.port = std::to_string(*port);
  else if (spec == "USE_SERVING_PORT")
    g.port = "serving";
  else if (spec == "USE_NAMED_PORT")
    g.port = "named " + text(t, krm::field(t, check, "portName"));
}

void observeRoute(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  Reader& route, Reader&, timing::Observed& o) {
  timing::ObservedGke& g = o.gke;
  g.viaGateway = true;
  g.servingPort = servingPortOf(t, idx, b, true);
  if (auto hcp = policyOf(idx.gateway.gkeHealthChecks, b.service)) {
    g.healthCheckHolder = describe(idx.objects[*hcp], "HealthCheckPolicy");
    Reader rd(t, idx.objects[*hcp].node, route.errors());
    readCheckPolicy(t, idx.objects[*hcp].node, rd, g);
  }
  if (auto bp = policyOf(idx.gateway.gcpBackendPolicies, b.service)) {
    NodeId node = idx.objects[*bp].node;
    g.backendHolder = describe(idx.objects[*bp], "GCPBackendPolicy");
    Reader rd(t, node, route.errors());
    NodeId def = krm::field(t, node, {"spec", "default"});
    if (!rd.shape(def, yaml::Kind::Map, "spec.default")) return;
    g.backendTimeoutSec = rd.count(krm::field(t, def, "timeoutSec"), "spec.default.timeoutSec");
    NodeId draining = krm::field(t, def, "connectionDraining");
    if (rd.shape(draining, yaml::Kind::Map, "spec.default.connectionDraining"))
      g.drainingTimeoutSec = rd.count(krm::field(t, draining, "drainingTimeoutSec"),
                                      "spec.default.connectionDraining.drainingTimeoutSec");
  }
}

void writeCheckPolicy(yaml::Tree& t, size_t policy, const scope::ObjectIndex& idx,
                      const timing::PlanGke& p, std::vector<krm::Result>& results) {
  rewrite::Editor e(t, idx.objects[policy].node, results);
  NodeId def = e.ensure({"spec", "default"});
  writeNumbers(e, def, "spec.default", p);
  if (p.path.empty()) return;
  NodeId config = t.ensureMap(def, "config");
  std::string type = text(t, t.get(config, "type"));
  if (type.empty()) {
    type = p.type.empty() ? "HTTP" : p.type;
    e.set(config, "type", type, true, "spec.default.config.type", p.pathWhy);
  }
  const std::string block(checkBlock(type));
  if (block.empty()) return;
  NodeId check = t.ensureMap(config, block);
  const std::string path = "spec.default.config." + block;
  e.set(check, "requestPath", p.path, true, path + ".requestPath", p.pathWhy);
  if (p.port.empty()) return;
  // The CRD refuses a port without USE_FIXED_PORT (its default is the serving port).
  e.set(check, "portSpecification", "USE_FIXED_PORT", true, path + ".portSpecification", p.pathWhy);
  e.set(check, "port", p.port, false, path + ".port", p.pathWhy);
}

// A health-check block without portSpecification: the CRD's rules read it without a has(), so
// the API server refuses the policy ("no such key"). The one its fields mean is written: a port
// USE_FIXED_PORT, a portName USE_NAMED_PORT, neither USE_SERVING_PORT (the documented default).
void fixPortSpecification(yaml::Tree& t, size_t policy, const scope::ObjectIndex& idx,
                          std::vector<krm::Result>& results) {
  NodeId config = t.at(idx.objects[policy].node, {"spec", "default", "config"});
  const std::string type = text(t, t.get(config, "type"));
  const std::string block = type == "TCP"    ? "tcpHealthCheck"
                            : type == "GRPC" ? "grpcHealthCheck"
                                             : std::string(checkBlock(type));
  NodeId check = block.empty() ? yaml::kNone : t.get(config, block);
  if (!t.isMap(check) || t.get(check, "portSpecification") != yaml::kNone) return;
  const char* spec = t.get(check, "port") != yaml::kNone       ? "USE_FIXED_PORT"
                     : t.get(check, "portName") != yaml::kNone ? "USE_NAMED_PORT"
                                                               : "USE_SERVING_PORT";
  rewrite::Editor e(t, idx.objects[policy].node, results);
  e.set(check, "portSpecification", spec, true,
        "spec.default.config." + block + ".portSpecification",
        std::string("GK7: the HealthCheckPolicy CRD refuses a health-check block without "
                    "portSpecification (its rules read it unconditionally): ") +
            spec + ", what the block's fields mean");
}

void applyRoute(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const timing::Plan& plan, std::vector<krm::Result>& results,
                rewrite::SharedEdits&) {
  const timing::PlanGke& p = plan.gke;
  const bool check = p.checkIntervalSec || p.checkTimeoutSec || p.healthyThreshold ||
                     p.unhealthyThreshold || !p.path.empty();
  if (auto hcp = policyOf(idx.gateway.gkeHealthChecks, b.service)) {
    if (check) writeCheckPolicy(t, *hcp, idx, p, results);
    fixPortSpecification(t, *hcp, idx, results);
  }
  auto bp = policyOf(idx.gateway.gcpBackendPolicies, b.service);
  if (!bp || (!p.drainingTimeoutSec && !p.backendTimeoutSec)) return;
  rewrite::Editor e(t, idx.objects[*bp].node, results);
  if (p.backendTimeoutSec)
    e.set(e.ensure({"spec", "default"}), "timeoutSec", std::to_string(p.backendTimeoutSec->value),
          false, "spec.default.timeoutSec", p.backendTimeoutSec->message);
  if (p.drainingTimeoutSec)
    e.set(e.ensure({"spec", "default", "connectionDraining"}), "drainingTimeoutSec",
          std::to_string(p.drainingTimeoutSec->value), false,
          "spec.default.connectionDraining.drainingTimeoutSec", p.drainingTimeoutSec->message);
}

constexpr const char* kCheckPolicyWhy =
    "no HealthCheckPolicy targets it, so GKE's load balancer would check GET / every 5 s with "
    "thresholds 2 / 2, whatever the readiness probe says";
constexpr const char* kBackendPolicyWhy =
    "no GCPBackendPolicy targets it, so GKE's load balancer would drain no connections of a "
    "removed pod";

size_t newPolicy(yaml::Tree& t, scope::ObjectIndex& idx, scope::ServicePolicies& into,
                 scope::ObjectKind kind, const char* kindName, size_t service) {
  const std::string ns(idx.objects[service].ns), svc(idx.objects[service].name);
  const std::string name = freeName(into.byName, ns, svc);
  NodeId obj = newObject(t, kPolicyApiVersion, kindName, name, ns);
  NodeId ref = t.ensureMap(t.ensureMap(obj, "spec"), "targetRef");
  t.set(ref, "group", t.addScalar("", yaml::Style::Double));
  t.set(ref, "kind", textNode(t, "Service"));
  t.set(ref, "name", textNode(t, svc));
  const size_t at = indexNew(idx, kind, obj, ns, name);
  into.byName.emplace(scope::nsKey(ns, name), at);
  into.of.emplace(service, at);
  return at;
}

std::vector<Made> createPolicies(yaml::Tree& t, scope::ObjectIndex& idx, const scope::Binding& b,
                                 const timing::Knobs&) {
  std::vector<Made> out;
  scope::GatewayIndex& g = idx.gateway;
  if (!g.gkeHealthChecks.of.count(b.service))
    out.push_back({newPolicy(t, idx, g.gkeHealthChecks, scope::ObjectKind::GkeHealthCheckPolicy,
                             "HealthCheckPolicy", b.service),
                   kCheckPolicyWhy});
  if (!g.gcpBackendPolicies.of.count(b.service))
    out.push_back({newPolicy(t, idx, g.gcpBackendPolicies, scope::ObjectKind::GcpBackendPolicy,
                             "GCPBackendPolicy", b.service),
                   kBackendPolicyWhy});
  return out;
}

std::optional<size_t> routeHolder(const yaml::Tree&, const scope::ObjectIndex& idx,
                                  const scope::Binding& b, const FieldSpot& spot) {
  return policyOf(
      inBackendPolicy(spot.field) ? idx.gateway.gcpBackendPolicies : idx.gateway.gkeHealthChecks,
      b.service);
}

}  // namespace

const LbSettings& ingressSettings() {
  static const LbSettings s{ingressFields, observeIngress, applyIngress, createBackendConfig,
                            ingressHolder};
  return s;
}

const LbSettings& routeSettings() {
  static const LbSettings s{routeFields, observeRoute, applyRoute, createPolicies, routeHolder};
  return s;
}

}  // namespace zd::adapters::gke
