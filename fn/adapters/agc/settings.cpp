#include "adapters/agc/settings.h"

#include "adapters/agc/fields.h"
#include "adapters/new_object.h"
#include "krm/absent.h"
#include "rewrite/editor.h"

namespace zd::adapters::agc {

using rewrite::Reader;
using yaml::NodeId;

namespace {

constexpr const char* kProbeFields[] = {"probeIntervalSeconds", "probeTimeoutSeconds",
                                        "probeHealthyThreshold", "probeUnhealthyThreshold"};

std::optional<int64_t> readDuration(const yaml::Tree& t, NodeId v, Reader& rd,
                                    const std::string& path) {
  if (krm::isAbsent(t, v)) return std::nullopt;
  auto s = t.isScalar(v) ? durationSeconds(t.str(v)) : std::nullopt;
  if (!s) rd.error(path, "must be a duration such as \"5s\" (metav1.Duration), as AGC reads it");
  return s;
}

// A probe config (HealthCheckPolicyConfig): its interval, timeout and thresholds.
void readProbe(const yaml::Tree& t, NodeId cfg, Reader& rd, const std::string& path,
               timing::ObservedAgc& a) {
  if (!rd.shape(cfg, yaml::Kind::Map, path) || cfg == yaml::kNone) return;
  a.policy = true;
  a.probeIntervalSeconds = readDuration(t, krm::field(t, cfg, "interval"), rd, path + ".interval");
  a.probeTimeoutSeconds = readDuration(t, krm::field(t, cfg, "timeout"), rd, path + ".timeout");
  a.probeHealthyThreshold =
      rd.count(krm::field(t, cfg, "healthyThreshold"), path + ".healthyThreshold");
  a.probeUnhealthyThreshold =
      rd.count(krm::field(t, cfg, "unhealthyThreshold"), path + ".unhealthyThreshold");
}

std::optional<size_t> routePolicyOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                    size_t route) {
  const scope::ObjectInfo& r = idx.objects[route];
  auto it = idx.gateway.routePolicies.find(std::string(r.ns) + "/" +
                                           std::string(t.str(t.get(r.node, "kind"))) + "/" +
                                           std::string(r.name));
  if (it == idx.gateway.routePolicies.end()) return std::nullopt;
  return it->second.front();
}

std::string describe(const scope::ObjectInfo& o, const char* kind) {
  return std::string(kind) + " " + (o.ns.empty() ? "" : std::string(o.ns) + "/") +
         std::string(o.name);
}

void observeRoute(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  Reader& route, Reader&, timing::Observed& o) {
  timing::ObservedAgc& a = o.agc;
  auto hcp = idx.gateway.healthCheckPolicyOf.find(b.service);
  if (hcp != idx.gateway.healthCheckPolicyOf.end()) {
    Reader rd(t, idx.objects[hcp->second].node, route.errors());
    readProbe(t, krm::field(t, idx.objects[hcp->second].node, {"spec", "default"}), rd,
              "spec.default", a);
  }
  if (auto rp = routePolicyOf(t, idx, b.frontDoor)) {
    NodeId node = idx.objects[*rp].node;
    Reader rd(t, node, route.errors());
    a.routeTimeoutHolder = describe(idx.objects[*rp], "RoutePolicy");
    a.routeTimeoutSeconds =
        readDuration(t, krm::field(t, node, {"spec", "default", "timeouts", "routeTimeout"}), rd,
                     "spec.default.timeouts.routeTimeout");
  }
}

// The IngressExtension an Ingress names, and its backendSettings entry for the Service.
struct ExtensionEntry {
  std::optional<size_t> extension;
  NodeId entry = yaml::kNone;
  uint32_t index = 0;
};

ExtensionEntry extensionEntry(const yaml::Tree& t, const scope::ObjectIndex& idx,
                              const scope::Binding& b) {
  ExtensionEntry out;
  const scope::ObjectInfo& ing = idx.objects[b.frontDoor];
  NodeId name = t.at(ing.node, {"metadata", "annotations", kExtensionAnnotation});
  auto ext = idx.gateway.ingressExtensions.find(scope::nsKey(ing.ns, t.str(name)));
  if (name == yaml::kNone || ext == idx.gateway.ingressExtensions.end()) return out;
  out.extension = ext->second;
  NodeId list = t.at(idx.objects[ext->second].node, {"spec", "backendSettings"});
  for (uint32_t i = 0; t.isSeq(list) && i < t.size(list); ++i) {
    if (t.str(t.get(t.kid(list, i), "service")) == idx.objects[b.service].name) {
      out.entry = t.kid(list, i);
      out.index = i;
      break;
    }
  }
  return out;
}

void observeIngress(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                    Reader& ingress, Reader&, timing::Observed& o) {
  timing::ObservedAgc& a = o.agc;
  a.viaIngress = true;
  ExtensionEntry e = extensionEntry(t, idx, b);
  a.probeWritable = e.extension.has_value();
  if (!e.extension) {
    a.missingExtension = std::string(t.str(
        t.at(idx.objects[b.frontDoor].node, {"metadata", "annotations", kExtensionAnnotation})));
    return;
  }
  a.routeTimeoutHolder = describe(idx.objects[*e.extension], "IngressExtension");
  if (e.entry == yaml::kNone) return;
  Reader rd(t, idx.objects[*e.extension].node, ingress.errors());
  const std::string path = "spec.backendSettings[" + std::to_string(e.index) + "]";
  readProbe(t, krm::field(t, e.entry, "healthCheck"), rd, path + ".healthCheck", a);
  a.routeTimeoutSeconds = readDuration(t, krm::field(t, e.entry, {"timeouts", "requestTimeout"}),
                                       rd, path + ".timeouts.requestTimeout");
}

std::string seconds(int64_t s) { return std::to_string(s) + "s"; }

// Writes the planned probe values into a probe config; a created one first gets the readiness
// probe's port and path, so AGC keeps probing what the pods answer.
void writeProbe(rewrite::Editor& e, NodeId cfg, const std::string& path, const timing::PlanAgc& p) {
  yaml::Tree& t = e.tree();
  if (p.createPolicy) {
    if (!p.policyPort.empty())
      e.set(cfg, "port", p.policyPort, false, path + ".port",
            "AC2: the readiness probe's port, which AGC probed until now");
    if (p.policyTls)
      e.set(cfg, "useTLS", "true", false, path + ".useTLS",
            "AC2: the readiness probe's scheme is HTTPS, which AGC probed until now");
    if (!p.policyHost.empty())
      e.set(t.ensureMap(cfg, "http"), "host", p.policyHost, true, path + ".http.host",
            "AC2: the readiness probe's Host header, which AGC probed with until now");
    if (!p.policyPath.empty()) {
      NodeId http = t.ensureMap(cfg, "http");
      e.set(http, "path", p.policyPath, true, path + ".http.path",
            "AC2: the readiness probe's path, which AGC probed until now");
    }
  }
  const std::optional<timing::Change<int64_t>>* changes[] = {
      &p.probeIntervalSeconds, &p.probeTimeoutSeconds, &p.probeHealthyThreshold,
      &p.probeUnhealthyThreshold};
  for (size_t i = 0; i < 4; ++i) {
    const auto& c = *changes[i];
    if (!c) continue;
    const std::string key(probeKey(kProbeFields[i]));
    const bool duration = i < 2;
    e.set(cfg, key, duration ? seconds(c->value) : std::to_string(c->value), duration,
          path + "." + key, c->message);
  }
}

bool anyProbeChange(const timing::PlanAgc& p) {
  return p.probeIntervalSeconds || p.probeTimeoutSeconds || p.probeHealthyThreshold ||
         p.probeUnhealthyThreshold;
}

void applyRoute(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                const timing::Plan& plan, std::vector<krm::Result>& results,
                rewrite::SharedEdits&) {
  const timing::PlanAgc& p = plan.agc;
  auto hcp = idx.gateway.healthCheckPolicyOf.find(b.service);
  if (anyProbeChange(p) && hcp != idx.gateway.healthCheckPolicyOf.end()) {
    rewrite::Editor e(t, idx.objects[hcp->second].node, results);
    writeProbe(e, e.ensure({"spec", "default"}), "spec.default", p);
  }
  if (!p.routeTimeoutSeconds) return;
  if (auto rp = routePolicyOf(t, idx, b.frontDoor)) {
    rewrite::Editor e(t, idx.objects[*rp].node, results);
    e.set(e.ensure({"spec", "default", "timeouts"}), "routeTimeout",
          seconds(p.routeTimeoutSeconds->value), true, "spec.default.timeouts.routeTimeout",
          p.routeTimeoutSeconds->message);
  }
}

void applyIngress(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                  const timing::Plan& plan, std::vector<krm::Result>& results,
                  rewrite::SharedEdits&) {
  const timing::PlanAgc& p = plan.agc;
  if (!anyProbeChange(p) && !p.routeTimeoutSeconds) return;
  ExtensionEntry x = extensionEntry(t, idx, b);
  if (!x.extension) return;
  rewrite::Editor e(t, idx.objects[*x.extension].node, results);
  NodeId list = t.ensureSeq(e.ensure({"spec"}), "backendSettings");
  if (x.entry == yaml::kNone) {
    x.entry = t.addContainer(yaml::Kind::Map);
    x.index = t.size(list);
    t.push(list, x.entry);
    e.set(x.entry, "service", std::string(idx.objects[b.service].name), true,
          "spec.backendSettings[" + std::to_string(x.index) + "].service",
          "the backend settings of Service \"" + std::string(idx.objects[b.service].name) + "\"");
  }
  const std::string path = "spec.backendSettings[" + std::to_string(x.index) + "]";
  if (anyProbeChange(p))
    writeProbe(e, t.ensureMap(x.entry, "healthCheck"), path + ".healthCheck", p);
  if (p.routeTimeoutSeconds)
    e.set(t.ensureMap(x.entry, "timeouts"), "requestTimeout", seconds(p.routeTimeoutSeconds->value),
          true, path + ".timeouts.requestTimeout", p.routeTimeoutSeconds->message);
}

// A HealthCheckPolicy aimed at the Service (group "" and kind Service, as AGC's docs write it),
// filled in by the rewrite only when the probe AGC derives falls short (AC2).
constexpr const char* kCreatedWhy =
    "AGC's probe derived from the readiness probe falls short of the preset's (AC2), and AGC "
    "prefers a HealthCheckPolicy to it";

std::vector<Made> create(yaml::Tree& t, scope::ObjectIndex& idx, const scope::Binding& b,
                         const timing::Knobs&) {
  if (idx.gateway.healthCheckPolicyOf.count(b.service)) return {};
  const std::string ns(idx.objects[b.service].ns), svc(idx.objects[b.service].name);
  const std::string name = freeName(idx.gateway.healthCheckPoliciesByName, ns, svc);
  NodeId obj = newObject(t, kApiVersion, "HealthCheckPolicy", name, ns);
  NodeId ref = t.ensureMap(t.ensureMap(obj, "spec"), "targetRef");
  t.set(ref, "group", t.addScalar("", yaml::Style::Double));
  t.set(ref, "kind", textNode(t, "Service"));
  t.set(ref, "name", textNode(t, svc));
  if (!ns.empty()) t.set(ref, "namespace", textNode(t, ns));
  const size_t at = indexNew(idx, scope::ObjectKind::HealthCheckPolicy, obj, ns, name);
  idx.gateway.healthCheckPoliciesByName.emplace(scope::nsKey(ns, name), at);
  idx.gateway.healthCheckPolicyOf.emplace(b.service, at);
  return {{at, kCreatedWhy}};
}

std::optional<size_t> policyHolder(const yaml::Tree&, const scope::ObjectIndex& idx,
                                   const scope::Binding& b, const FieldSpot&) {
  auto it = idx.gateway.healthCheckPolicyOf.find(b.service);
  if (it == idx.gateway.healthCheckPolicyOf.end()) return std::nullopt;
  return it->second;
}

}  // namespace

const LbSettings& routeSettings() {
  static const LbSettings s{routeFields, observeRoute, applyRoute, create, policyHolder};
  return s;
}

const LbSettings& ingressSettings() {
  static const LbSettings s{ingressFields, observeIngress, applyIngress};
  return s;
}

}  // namespace zd::adapters::agc
