#include "adapters/alb/settings.h"

#include "adapters/alb/fields.h"
#include "krm/absent.h"
#include "rewrite/editor.h"
#include "rewrite/string_map.h"

namespace zd::adapters::alb {

using rewrite::Reader;
using yaml::NodeId;

namespace {

// The value of `spot`'s annotation where the controller reads it: the Service's copy wins (LBC
// merges the Service's annotations over the Ingress's; docs/timing-model.md, rule A7). `rd` is
// set to the reader of the object it came from.
NodeId pick(const yaml::Tree& t, NodeId ia, NodeId sa, const FieldSpot& spot, Reader& ingRd,
            Reader& svcRd, Reader*& rd) {
  const std::string key(spot.annotation);
  rd = &ingRd;
  if (spot.holder == Holder::FrontDoor) return t.get(ia, key);
  rd = &svcRd;
  if (NodeId v = t.get(sa, key); v != yaml::kNone) return v;
  rd = &ingRd;
  return t.get(ia, key);
}

void readTargetGroupAttributes(const yaml::Tree& t, NodeId ia, NodeId sa, Reader& ingRd,
                               Reader& svcRd, timing::ObservedAlb& alb) {
  Reader* rd;
  NodeId tg = pick(t, ia, sa, spot("deregistrationDelaySeconds"), ingRd, svcRd, rd);
  alb.ingressTgAttributesIgnored = rd == &svcRd && t.get(ia, kTgAttributes) != yaml::kNone;
  const std::string tgPath = annotationPath(kTgAttributes);
  for (const auto& [k, v] : rewrite::readStringMap(t, tg, *rd, tgPath)) {
    if (k == spot("deregistrationDelaySeconds").item)
      alb.deregistrationDelaySeconds = rd->countText(v, tgPath + "." + k, rewrite::kAwsAttribute);
    if (k == spot("slowStartSeconds").item)
      alb.slowStartSeconds = rd->countText(v, tgPath + "." + k, rewrite::kAwsAttribute);
    if (k == spot("loadBalancingAlgorithm").item) alb.loadBalancingAlgorithm = v;
  }
}

void readLoadBalancerAttributes(const yaml::Tree& t, NodeId ia, Reader& ingRd,
                                timing::ObservedAlb& alb) {
  const FieldSpot& idle = spot("idleTimeoutSeconds");
  const std::string lbPath = annotationPath(idle.annotation);
  NodeId lb = t.get(ia, std::string(idle.annotation));
  for (const auto& [k, v] : rewrite::readStringMap(t, lb, ingRd, lbPath)) {
    if (k == idle.item)
      alb.idleTimeoutSeconds = ingRd.countText(v, lbPath + "." + k, rewrite::kAwsAttribute);
  }
}

void observe(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
             Reader& ingRd, Reader& svcRd, timing::Observed& o) {
  timing::ObservedAlb& alb = o.alb;
  NodeId ingress = idx.objects[b.frontDoor].node;
  NodeId ia = krm::field(t, ingress, {"metadata", "annotations"});
  NodeId sa = krm::field(t, idx.objects[b.service].node, {"metadata", "annotations"});
  auto count = [&](std::string_view field) -> std::optional<int64_t> {
    Reader* rd;
    const FieldSpot& s = spot(field);
    NodeId v = pick(t, ia, sa, s, ingRd, svcRd, rd);
    if (v == yaml::kNone) return std::nullopt;
    return rd->countText(t.str(v), annotationPath(s.annotation), rewrite::kControllerText);
  };
  Reader* rd;
  if (NodeId v = pick(t, ia, sa, spot("targetType"), ingRd, svcRd, rd); v != yaml::kNone)
    alb.targetType = std::string(t.str(v));
  alb.healthCheckIntervalSeconds = count("healthCheckIntervalSeconds");
  alb.healthCheckTimeoutSeconds = count("healthCheckTimeoutSeconds");
  alb.healthyThresholdCount = count("healthyThresholdCount");
  alb.unhealthyThresholdCount = count("unhealthyThresholdCount");
  readTargetGroupAttributes(t, ia, sa, ingRd, svcRd, alb);
  readLoadBalancerAttributes(t, ia, ingRd, alb);
  // IngressClassParams win over the annotation (the controller's buildTargetGroupTargetType).
  if (auto params = scope::classParamsOf(t, ingress, idx)) {
    NodeId tt = krm::field(t, idx.objects[*params].node, {"spec", "targetType"});
    if (t.isScalar(tt) && !t.str(tt).empty()) alb.targetType = std::string(t.str(tt));
  }
}

// Each key goes where the controller reads it (holderOf).
void apply(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
           const timing::Plan& p, std::vector<krm::Result>& results, rewrite::SharedEdits& shared) {
  const timing::PlanAlb& a = p.alb;
  auto put = [&](std::string_view field, const std::string& value, const std::string& why,
                 krm::Severity severity = krm::Severity::Info) {
    const FieldSpot& s = spot(field);
    rewrite::Editor e(t, idx.objects[holderOf(t, idx, b, s)].node, results, &shared);
    const std::string key(s.annotation);
    e.setShared("annotations", key, value, true, annotationPath(key), why, severity);
  };
  auto count = [&](std::string_view field, const std::optional<timing::Change<int64_t>>& c) {
    if (c) put(field, std::to_string(c->value), c->message);
  };
  if (a.targetType)
    put("targetType", a.targetType->value, a.targetType->message,
        resultSeverity(a.targetType->severity));
  count("healthCheckIntervalSeconds", a.healthCheckIntervalSeconds);
  count("healthCheckTimeoutSeconds", a.healthCheckTimeoutSeconds);
  count("healthyThresholdCount", a.healthyThresholdCount);
  count("unhealthyThresholdCount", a.unhealthyThresholdCount);
  if (a.deregistrationDelaySeconds) {
    // A Service's target-group-attributes replace the Ingress's whole list (no per-key merge),
    // so a new Service copy starts from the Ingress's attributes.
    NodeId service = idx.objects[b.service].node, ingress = idx.objects[b.frontDoor].node;
    NodeId svcValue = t.get(t.at(service, {"metadata", "annotations"}), kTgAttributes);
    NodeId from = svcValue != yaml::kNone ? service : ingress;
    std::string attrs(t.str(t.get(t.at(from, {"metadata", "annotations"}), kTgAttributes)));
    const FieldSpot& d = spot("deregistrationDelaySeconds");
    put(d.field,
        rewrite::withStringMapValue(attrs, std::string(d.item),
                                    std::to_string(a.deregistrationDelaySeconds->value)),
        a.deregistrationDelaySeconds->message);
  }
}

}  // namespace

const LbSettings& settings() {
  static const LbSettings s{fields, observe, apply};
  return s;
}

}  // namespace zd::adapters::alb
