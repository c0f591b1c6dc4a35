#include "adapters/nlb/settings.h"

#include <algorithm>

#include "adapters/nlb/fields.h"
#include "krm/absent.h"
#include "rewrite/editor.h"
#include "rewrite/string_map.h"

namespace zd::adapters::nlb {

using rewrite::Reader;
using yaml::NodeId;

namespace {

// The per-port copy of the attributes: `<annotation>.<Service port number>`
// (pkg/service/model_build_target_group.go in kubernetes-sigs/aws-load-balancer-controller).
std::string portKey(const std::string& port) {
  return port.empty() ? std::string(kTgAttributes) : std::string(kTgAttributes) + "." + port;
}

// A boolean attribute, as AWS takes it.
std::optional<bool> flag(Reader& rd, const std::string& path, const std::string& v) {
  if (v == "true" || v == "false") return v == "true";
  rd.error(path, "must be true or false, not \"" + v + "\" (AWS refuses it)");
  return std::nullopt;
}

// One attributes annotation's deregistration items. An empty value keeps the Service-wide one,
// as the controller merges a per-port copy over it key by key.
timing::ObservedNlbDelay readDelay(const yaml::Tree& t, NodeId value, Reader& rd,
                                   const std::string& port) {
  timing::ObservedNlbDelay d;
  d.port = port;
  const std::string path = annotationPath(portKey(port));
  for (const auto& [k, v] : rewrite::readStringMap(t, value, rd, path)) {
    if (v.empty()) continue;
    if (k == spot("deregistrationDelaySeconds").item)
      d.deregistrationDelaySeconds = rd.countText(v, path + "." + k, rewrite::kAwsAttribute);
    if (k == kConnectionTermination) d.connectionTermination = flag(rd, path + "." + k, v);
    if (k == kUnhealthyTermination) d.unhealthyTermination = flag(rd, path + "." + k, v);
    if (k == kUnhealthyDraining)
      d.unhealthyDrainingSeconds = rd.countText(v, path + "." + k, rewrite::kAwsAttribute);
  }
  return d;
}

// The Service's port numbers, each once: one number may serve two protocols (53 over TCP and
// UDP), which the controller makes one TCP_UDP target group with one annotation.
void readPorts(const yaml::Tree& t, NodeId svc, timing::ObservedNlb& nlb) {
  NodeId ports = t.at(svc, {"spec", "ports"});
  auto addOnce = [](std::vector<std::string>& v, const std::string& p) {
    if (std::find(v.begin(), v.end(), p) == v.end()) v.push_back(p);
  };
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    const std::string port(t.str(t.get(p, "port")));
    addOnce(nlb.ports, port);
    if (t.str(t.get(p, "protocol")) == "UDP") addOnce(nlb.udpPorts, port);
  }
}

void readDelays(const yaml::Tree& t, NodeId sa, Reader& rd, timing::ObservedNlb& nlb) {
  nlb.delays.push_back(readDelay(t, t.get(sa, kTgAttributes), rd, ""));
  for (const std::string& port : nlb.ports) {
    NodeId own = t.get(sa, portKey(port));
    if (own != yaml::kNone) nlb.delays.push_back(readDelay(t, own, rd, port));
  }
}

void observe(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
             Reader& svcRd, Reader&, timing::Observed& o) {
  timing::ObservedNlb& nlb = o.nlb;
  NodeId svc = idx.objects[b.service].node;
  NodeId sa = krm::field(t, svc, {"metadata", "annotations"});
  auto count = [&](std::string_view field) -> std::optional<int64_t> {
    const FieldSpot& s = spot(field);
    NodeId v = t.get(sa, std::string(s.annotation));
    if (v == yaml::kNone) return std::nullopt;
    return svcRd.countText(t.str(v), annotationPath(s.annotation), rewrite::kControllerText);
  };
  if (NodeId v = t.get(sa, std::string(spot("targetType").annotation)); v != yaml::kNone)
    nlb.targetType = std::string(t.str(v));
  // buildTargetType: the legacy type nlb-ip means ip, whatever the target-type annotation says.
  if (t.str(t.get(sa, kType)) == "nlb-ip") nlb.targetType = "ip";
  nlb.healthCheckIntervalSeconds = count("healthCheckIntervalSeconds");
  nlb.healthCheckTimeoutSeconds = count("healthCheckTimeoutSeconds");
  nlb.healthyThresholdCount = count("healthyThresholdCount");
  nlb.unhealthyThresholdCount = count("unhealthyThresholdCount");
  readPorts(t, svc, nlb);
  readDelays(t, sa, svcRd, nlb);
  nlb.localTrafficPolicy = t.str(krm::field(t, svc, {"spec", "externalTrafficPolicy"})) == "Local";
}

void apply(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
           const timing::Plan& p, std::vector<krm::Result>& results, rewrite::SharedEdits& shared) {
  const timing::PlanNlb& n = p.nlb;
  NodeId svc = idx.objects[b.service].node;
  auto put = [&](const std::string& key, const std::string& value, const std::string& why,
                 krm::Severity severity = krm::Severity::Info) {
    rewrite::Editor e(t, svc, results, &shared);
    e.setShared("annotations", key, value, true, annotationPath(key), why, severity);
  };
  auto count = [&](std::string_view field, const std::optional<timing::Change<int64_t>>& c) {
    if (c) put(std::string(spot(field).annotation), std::to_string(c->value), c->message);
  };
  if (n.targetType)
    put(std::string(spot("targetType").annotation), n.targetType->value, n.targetType->message,
        resultSeverity(n.targetType->severity));
  count("healthCheckIntervalSeconds", n.healthCheckIntervalSeconds);
  count("healthCheckTimeoutSeconds", n.healthCheckTimeoutSeconds);
  count("healthyThresholdCount", n.healthyThresholdCount);
  count("unhealthyThresholdCount", n.unhealthyThresholdCount);
  // Each attributes annotation keeps its other items; only the delay item changes.
  const std::string item(spot("deregistrationDelaySeconds").item);
  auto attribute = [&](const std::string& port, const std::string& name, const std::string& value,
                       const std::string& why) {
    const std::string key = portKey(port);
    const std::string attrs(t.str(t.get(t.at(svc, {"metadata", "annotations"}), key)));
    put(key, rewrite::withStringMapValue(attrs, name, value), why);
  };
  for (const auto& [port, c] : n.deregistrationDelaySeconds)
    attribute(port, item, std::to_string(c.value), c.message);
  for (const auto& [port, c] : n.unhealthyTermination)
    attribute(port, kUnhealthyTermination, c.value ? "true" : "false", c.message);
  for (const auto& [port, c] : n.unhealthyDrainingSeconds)
    attribute(port, kUnhealthyDraining, std::to_string(c.value), c.message);
}

}  // namespace

const LbSettings& settings() {
  static const LbSettings s{fields, observe, apply};
  return s;
}

}  // namespace zd::adapters::nlb
