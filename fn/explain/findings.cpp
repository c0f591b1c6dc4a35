// The rule rows and the change list of a timeline: check() decides, this file words.
#include "explain/findings.h"

#include <algorithm>
#include <set>

#include "adapters/agc/fields.h"
#include "adapters/agic/fields.h"
#include "adapters/alb/fields.h"
#include "adapters/gke/fields.h"
#include "adapters/lbc_gateway/fields.h"
#include "adapters/nlb/fields.h"
#include "explain/rules.h"

namespace zd::explain::detail {

namespace {

// GKE: the BackendConfig's fields through an Ingress, the two policies' through a route, and the
// Service's NEG annotation.
template <typename Put, typename Num>
void gkeChanges(const timing::EffectiveGke& b, const timing::PlanGke& p, Put& put, Num& num) {
  const bool route = b.viaGateway;
  auto gke = [route](std::string_view field) {
    const adapters::FieldTable& t =
        route ? adapters::gke::routeFields() : adapters::gke::ingressFields();
    const char* holder = !route                                  ? "BackendConfig "
                         : adapters::gke::inBackendPolicy(field) ? "GCPBackendPolicy "
                                                                 : "HealthCheckPolicy ";
    return holder + adapters::requireSpot(t, field).label();
  };
  if (p.writeNeg) {
    const timing::Change<bool> c{true, "GK8", "GK8: NEGs for the Ingress's backends",
                                 timing::Severity::Info};
    put("Service annotation cloud.google.com/neg", "absent", "{\"ingress\": true}",
        std::optional<timing::Change<bool>>(c));
  }
  num(gke("checkIntervalSec"), b.checkIntervalSec, p.checkIntervalSec);
  num(gke("checkTimeoutSec"), b.checkTimeoutSec, p.checkTimeoutSec);
  num(gke("healthyThreshold"), b.healthyThreshold, p.healthyThreshold);
  num(gke("unhealthyThreshold"), b.unhealthyThreshold, p.unhealthyThreshold);
  if (!p.path.empty()) {
    const timing::Change<bool> c{true, "GK3", p.pathWhy, timing::Severity::Info};
    put(gke("requestPath"), b.requestPath.empty() ? "absent" : b.requestPath, p.path,
        std::optional<timing::Change<bool>>(c));
  }
  num(gke("drainingTimeoutSec"), b.drainingTimeoutSec, p.drainingTimeoutSec);
  num(gke("backendTimeoutSec"), b.backendTimeoutSec, p.backendTimeoutSec);
}

// The NLB's Service annotations; a per-port copy of the attributes names its port.
template <typename Put, typename Num>
void nlbChanges(const timing::EffectiveNlb& b, const timing::PlanNlb& p, Put& put, Num& num) {
  // Through a route: the Service's TargetGroupConfiguration, one target group, no ports.
  const bool tgc = b.viaGateway;
  auto nlb = [tgc](std::string_view field) {
    return tgc ? adapters::gateway::spot(field).label() : adapters::nlb::spot(field).label();
  };
  if (p.targetType) put(nlb("targetType"), b.targetType.value, p.targetType->value, p.targetType);
  // A per-port copy of the attributes is its own annotation: `<annotation>.<port> <item>`.
  auto onPort = [&](std::string_view field, const std::string& port) {
    if (tgc) return nlb(field);
    const adapters::FieldSpot& s = adapters::nlb::spot(field);
    return std::string(s.annotation) + (port.empty() ? "" : "." + port) + " " + std::string(s.item);
  };
  for (const timing::EffectiveNlbDelay& d : b.delays) {
    auto c = p.deregistrationDelaySeconds.find(d.port);
    if (c != p.deregistrationDelaySeconds.end()) {
      num(onPort("deregistrationDelaySeconds", d.port), d.deregistrationDelaySeconds,
          std::optional<timing::Change<int64_t>>(c->second));
    }
    auto t = p.unhealthyTermination.find(d.port);
    if (t != p.unhealthyTermination.end()) {
      put(onPort("unhealthyTermination", d.port), d.unhealthyTermination.value ? "true" : "false",
          t->second.value ? "true" : "false", std::optional<timing::Change<bool>>(t->second));
    }
    auto w = p.unhealthyDrainingSeconds.find(d.port);
    if (w != p.unhealthyDrainingSeconds.end()) {
      num(onPort("unhealthyDrainingSeconds", d.port), d.unhealthyDrainingSeconds,
          std::optional<timing::Change<int64_t>>(w->second));
    }
  }
  num(nlb("healthCheckIntervalSeconds"), b.healthCheckIntervalSeconds,
      p.healthCheckIntervalSeconds);
  num(nlb("healthCheckTimeoutSeconds"), b.healthCheckTimeoutSeconds, p.healthCheckTimeoutSeconds);
  num(nlb("healthyThresholdCount"), b.healthyThresholdCount, p.healthyThresholdCount);
  num(nlb("unhealthyThresholdCount"), b.unhealthyThresholdCount, p.unhealthyThresholdCount);
}

}  // namespace

using timing::Effective;
using timing::Knobs;
using timing::Plan;

namespace {

std::string stripId(const timing::Violation& v) {
  const std::string prefix = v.id + ": ";
  return v.message.rfind(prefix, 0) == 0 ? v.message.substr(prefix.size()) : v.message;
}

}  // namespace

std::vector<Key> ruleKeys(const std::vector<std::string>& catalogue, const timing::Evaluation& ev) {
  std::vector<Key> keys;
  std::set<Key> seen;
  auto fieldsOf = [&](const std::string& id) {
    std::vector<std::string> fields;
    for (const auto* vs : {&ev.violationsBefore, &ev.violationsAfter}) {
      for (const timing::Violation& v : *vs) {
        const std::string f = v.field.text();
        if (v.id == id && std::find(fields.begin(), fields.end(), f) == fields.end())
          fields.push_back(f);
      }
    }
    return fields;
  };
  auto addId = [&](const std::string& id) {
    std::vector<std::string> fields = fieldsOf(id);
    if (fields.empty()) fields.push_back("");
    for (const std::string& f : fields) {
      if (seen.insert({id, f}).second) keys.push_back({id, f});
    }
  };
  for (const std::string& id : catalogue) addId(id);
  for (const auto* vs : {&ev.violationsBefore, &ev.violationsAfter}) {
    for (const timing::Violation& v : *vs) addId(v.id);
  }
  return keys;
}

std::vector<Rule> rulesOf(const std::vector<Key>& keys, const std::vector<timing::Violation>& vs,
                          const Knobs& k, const Effective& e) {
  std::vector<Rule> out;
  for (const auto& [id, field] : keys) {
    Rule r{id, field, true, "", ""};
    int worst = -1;
    for (const timing::Violation& v : vs) {
      if (v.id != id || (v.field.text() != field && !field.empty())) continue;
      r.holds = false;
      r.reason += (r.reason.empty() ? "" : "; ") + stripId(v);
      worst = std::max(worst, static_cast<int>(v.severity));
    }
    if (r.holds) {
      r.reason = holdingReason(id, k, e);
    } else {
      r.severity = timing::severityName(static_cast<timing::Severity>(worst));
    }
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

std::string valueText(const timing::Sourced<int64_t>& v, const char* unit = "") {
  const std::string s = std::to_string(v.value) + unit;
  return v.origin == timing::Origin::Default ? "default " + s : s;
}

std::string sleepText(const timing::EffectiveContainer& c) {
  if (c.preStop == timing::PreStopKind::None) return "none";
  if (!c.preStopSeconds) return "not a plain sleep";
  return (c.preStop == timing::PreStopKind::NativeSleep ? "sleep action " : "exec sleep ") +
         std::to_string(c.preStopSeconds->value);
}

}  // namespace

std::vector<Change> changesOf(const timing::Evaluation& ev) {
  const Plan& p = ev.plan;
  const Effective& b = ev.before;
  std::vector<Change> out;
  auto put = [&](const std::string& field, const std::string& from, const std::string& to,
                 const auto& c) {
    out.push_back(Change{field, from, to, c->rule, c->message});
  };
  auto num = [&](const std::string& field, const timing::Sourced<int64_t>& cur, const auto& c) {
    if (c) put(field, valueText(cur), std::to_string(c->value), c);
  };
  num("terminationGracePeriodSeconds", b.terminationGracePeriodSeconds,
      p.terminationGracePeriodSeconds);
  for (size_t i = 0; i < p.containers.size() && i < b.containers.size(); ++i) {
    const timing::ContainerPlan& cp = p.containers[i];
    const timing::EffectiveContainer& c = b.containers[i];
    const std::string who = "container " + c.name + ": ";
    if (cp.preStopSeconds) {
      const std::string form =
          cp.preStopKind == timing::PreStopKind::NativeSleep ? "sleep action " : "exec sleep ";
      put(who + "preStop", sleepText(c), form + std::to_string(cp.preStopSeconds->value),
          cp.preStopSeconds);
    }
    if (c.readinessProbe) {
      num(who + "readinessProbe.periodSeconds", c.readinessProbe->periodSeconds,
          cp.readinessPeriodSeconds);
      num(who + "readinessProbe.timeoutSeconds", c.readinessProbe->timeoutSeconds,
          cp.readinessTimeoutSeconds);
      num(who + "readinessProbe.failureThreshold", c.readinessProbe->failureThreshold,
          cp.readinessFailureThreshold);
    }
  }
  if (p.maxSurge && b.maxSurge)
    put("strategy maxSurge", b.maxSurge->value.str(), p.maxSurge->value.str(), p.maxSurge);
  if (p.maxUnavailable) {
    put("strategy maxUnavailable", b.maxUnavailable.value.str(), p.maxUnavailable->value.str(),
        p.maxUnavailable);
  }
  num("minReadySeconds", b.minReadySeconds, p.minReadySeconds);
  if (b.progressDeadlineSeconds)
    num("progressDeadlineSeconds", *b.progressDeadlineSeconds, p.progressDeadlineSeconds);
  if (p.namespaceGateLabel) {
    put("Namespace label elbv2.k8s.aws/pod-readiness-gate-inject", "absent", "enabled",
        p.namespaceGateLabel);
  }
  // Load-balancer settings are named as their adapter's field table places them.
  // Through a route the ALB's settings are the Service's TargetGroupConfiguration's.
  const bool tgc = b.alb.viaGateway;
  auto alb = [tgc](std::string_view field) {
    return tgc ? adapters::gateway::spot(field).label() : adapters::alb::spot(field).label();
  };
  if (p.alb.targetType) {
    put(alb("targetType"), b.alb.targetType.value, p.alb.targetType->value, p.alb.targetType);
  }
  num(alb("deregistrationDelaySeconds"), b.alb.deregistrationDelaySeconds,
      p.alb.deregistrationDelaySeconds);
  num(alb("healthCheckIntervalSeconds"), b.alb.healthCheckIntervalSeconds,
      p.alb.healthCheckIntervalSeconds);
  num(alb("healthCheckTimeoutSeconds"), b.alb.healthCheckTimeoutSeconds,
      p.alb.healthCheckTimeoutSeconds);
  num(alb("healthyThresholdCount"), b.alb.healthyThresholdCount, p.alb.healthyThresholdCount);
  num(alb("unhealthyThresholdCount"), b.alb.unhealthyThresholdCount, p.alb.unhealthyThresholdCount);
  auto ag = [](std::string_view field) { return adapters::agic::spot(field).label(); };
  if (p.agic.connectionDraining) {
    put(ag("connectionDraining"), b.agic.connectionDraining.value ? "true" : "false", "true",
        p.agic.connectionDraining);
  }
  num(ag("drainingTimeoutSeconds"), b.agic.drainingTimeoutSeconds, p.agic.drainingTimeoutSeconds);
  num(ag("requestTimeoutSeconds"), b.agic.requestTimeoutSeconds, p.agic.requestTimeoutSeconds);
  num(ag("probeIntervalSeconds"), b.agic.probeIntervalSeconds, p.agic.probeIntervalSeconds);
  num(ag("probeTimeoutSeconds"), b.agic.probeTimeoutSeconds, p.agic.probeTimeoutSeconds);
  num(ag("probeUnhealthyThreshold"), b.agic.probeUnhealthyThreshold,
      p.agic.probeUnhealthyThreshold);
  nlbChanges(b.nlb, p.nlb, put, num);
  // AGC: the HealthCheckPolicy (or IngressExtension healthCheck) and the route timeout.
  const bool ingress = b.agc.viaIngress;
  auto agc = [ingress](std::string_view field) {
    const adapters::FieldTable& t =
        ingress ? adapters::agc::ingressFields() : adapters::agc::routeFields();
    return adapters::requireSpot(t, field).label();
  };
  if (p.agc.createPolicy) {
    const timing::Change<bool> c{true, "AC2",
                                 "AGC's probe derived from the readiness probe falls short of the "
                                 "preset's, and AGC prefers a HealthCheckPolicy to it",
                                 timing::Severity::Info};
    put(ingress ? "IngressExtension healthCheck" : "HealthCheckPolicy", "absent", "created",
        std::optional<timing::Change<bool>>(c));
  }
  num(agc("probeIntervalSeconds"), b.agc.probeIntervalSeconds, p.agc.probeIntervalSeconds);
  num(agc("probeTimeoutSeconds"), b.agc.probeTimeoutSeconds, p.agc.probeTimeoutSeconds);
  num(agc("probeHealthyThreshold"), b.agc.probeHealthyThreshold, p.agc.probeHealthyThreshold);
  num(agc("probeUnhealthyThreshold"), b.agc.probeUnhealthyThreshold, p.agc.probeUnhealthyThreshold);
  num(agc("routeTimeoutSeconds"), b.agc.routeTimeoutSeconds, p.agc.routeTimeoutSeconds);
  gkeChanges(b.gke, p.gke, put, num);
  return out;
}

}  // namespace zd::explain::detail
