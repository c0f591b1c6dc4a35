// Evaluation -> two States. Times follow the model's reading of termination (docs/timing-model.md,
// "Termination: what happens when a pod goes"): the LB stops new traffic at ~E, SIGTERM at P, the
// app drains until P + S, SIGKILL at G; ALB draining ends by E + D, App Gateway's by E + C.
// Rollout times follow IP2 / K8 ("Rollout: how a new pod takes over"): Ready once the readiness
// probe first passes (Tr: its initial delay plus successThreshold periods), the target registered
// E_reg later and healthy after one passing health check (HI + HT: a new ALB target needs one,
// as AWS's health-check documentation says; the link is in docs/timing-model.md, "Sources").
#include "explain/timeline.h"

#include <algorithm>

#include "explain/findings.h"
#include "explain/rules.h"

namespace zd::explain {

using timing::Effective;
using timing::Knobs;
using timing::Plan;
using timing::PresetId;

const char* laneName(Lane l) { return l == Lane::Termination ? "termination" : "rollout"; }

std::string Quantity::source() const {
  if (origin == "function") return setting + " (function, " + rule + ")";
  return setting + " (" + origin + ")";
}

size_t State::broken() const {
  return static_cast<size_t>(
      std::count_if(rules.begin(), rules.end(), [](const Rule& r) { return !r.holds; }));
}

const Quantity* State::quantity(const std::string& symbol) const {
  for (const Quantity& q : quantities) {
    if (q.symbol == symbol) return &q;
  }
  return nullptr;
}

std::string State::sourceOf(const Event& e) const {
  std::string out;
  for (const std::string& s : e.uses) {
    const Quantity* q = quantity(s);
    if (!q) continue;
    if (!out.empty()) out += ", ";
    out += q->source();
  }
  return out.empty() ? "Kubernetes, at once" : out;
}

std::string WorkloadTimeline::display() const {
  const std::string who = kind + " " + (namespace_.empty() ? name : namespace_ + "/" + name);
  return preset.empty() ? who : who + " (preset " + preset + ")";
}

namespace {

std::string origin(timing::Origin o) { return timing::originName(o); }

// C: connection-draining "true" and its timeout; "off" (0 s) while draining is off.
constexpr const char* kDrainingSetting = "connection-draining, -timeout";

// The rule of a plan change, if the plan has one; the caller marks the quantity "function".
template <typename T>
void fromPlan(Quantity& q, const std::optional<timing::Change<T>>& c) {
  if (!c) return;
  q.origin = "function";
  q.rule = c->rule;
}

Quantity sourced(const std::string& symbol, const std::string& setting,
                 const timing::Sourced<int64_t>& v) {
  Quantity q;
  q.symbol = symbol;
  q.setting = setting;
  q.value = v.value;
  q.origin = origin(v.origin);
  return q;
}

Quantity knob(const std::string& symbol, const std::string& setting, int64_t v, bool estimate) {
  Quantity q;
  q.symbol = symbol;
  q.setting = setting;
  q.value = v;
  q.origin = "config";
  q.estimate = estimate;
  return q;
}

// What both states share, so their events and phases carry the same ids.
struct Shape {
  PresetId preset;
  bool perContainer = false;  // serving containers sleep differently: one SIGTERM each
  std::vector<std::string> containers;
};

bool sameSleeps(const Effective& e) {
  for (const auto& c : e.containers) {
    const auto& a = c.preStopSeconds;
    const auto& b = e.containers.front().preStopSeconds;
    if (a.has_value() != b.has_value() || (a && a->value != b->value)) return false;
  }
  return true;
}

class Builder {
 public:
  Builder(const Knobs& k, const Effective& e, const Plan* plan, const Shape& shape)
      : k_(k), e_(e), plan_(plan), shape_(shape) {}

  State build(const std::vector<timing::Violation>& violations) {
    quantities();
    termination();
    rollout();
    markBroken(violations);
    return std::move(s_);
  }

 private:
  void add(Quantity q) { s_.quantities.push_back(std::move(q)); }

  Event& event(const std::string& id, const std::string& label, Lane lane, std::optional<int64_t> t,
               const std::string& formula, std::vector<std::string> uses) {
    Event e;
    e.id = id;
    e.label = label;
    e.lane = lane;
    e.t = t;
    e.formula = formula;
    e.uses = std::move(uses);
    for (const std::string& u : e.uses) {
      const Quantity* q = s_.quantity(u);
      if (q && q->estimate) e.estimate = true;
    }
    s_.events.push_back(std::move(e));
    return s_.events.back();
  }

  void phase(const std::string& id, const std::string& label, Lane lane, int64_t start, int64_t end,
             bool estimate) {
    if (end < start) end = start;
    s_.phases.push_back(Phase{id, label, lane, start, end, estimate, {}});
  }

  std::optional<int64_t> value(const std::string& symbol) const {
    const Quantity* q = s_.quantity(symbol);
    return q ? q->value : std::nullopt;
  }

  std::string pSymbol(const std::string& container) const {
    return shape_.perContainer ? "P[" + container + "]" : "P";
  }

  void preStopQuantity(size_t i) {
    const timing::EffectiveContainer& c = e_.containers[i];
    Quantity q;
    q.symbol = pSymbol(c.name);
    q.setting = "preStop sleep";  // P[name] names the container when they differ
    if (c.preStop == timing::PreStopKind::None) {
      q.value = 0;
      q.shown = "none";
      q.origin = "default";
    } else if (!c.preStopSeconds) {
      q.shown = "unknown";
      q.origin = "manifest";
    } else {
      q.value = c.preStopSeconds->value;
      q.origin = origin(c.preStopSeconds->origin);
    }
    if (plan_ && i < plan_->containers.size()) fromPlan(q, plan_->containers[i].preStopSeconds);
    add(std::move(q));
  }

  void quantities() {
    const bool agic = shape_.preset == PresetId::Agic;
    add(knob("E", "lbPropagationSeconds", k_.lbPropagationSeconds, true));
    if (shape_.perContainer) {
      for (size_t i = 0; i < e_.containers.size(); ++i) preStopQuantity(i);
    } else if (!e_.containers.empty()) {
      preStopQuantity(0);
    }
    const bool annotated = e_.shutdownSeconds.origin == timing::Origin::Manifest;
    add(sourced("S", annotated ? "zero-downtime.dev/shutdown-seconds" : "shutdownSeconds",
                e_.shutdownSeconds));
    Quantity g = sourced("G", "terminationGracePeriodSeconds", e_.terminationGracePeriodSeconds);
    if (plan_) fromPlan(g, plan_->terminationGracePeriodSeconds);
    add(std::move(g));
    if (nlb()) {
      nlbDelayQuantity();
    } else if (shape_.preset == PresetId::Agc) {
      // No D or C: AGC keeps a removed pod's connections until a side closes them (AC4).
    } else if (shape_.preset == PresetId::GkeNeg) {
      Quantity c = sourced("C", "drainingTimeoutSec", e_.gke.drainingTimeoutSec);
      if (plan_) fromPlan(c, plan_->gke.drainingTimeoutSec);
      add(std::move(c));
    } else if (!agic) {
      Quantity d =
          sourced("D", "deregistration_delay.timeout_seconds", e_.alb.deregistrationDelaySeconds);
      if (plan_) fromPlan(d, plan_->alb.deregistrationDelaySeconds);
      add(std::move(d));
    } else {
      drainingQuantity();
    }
    add(knob("R", "longestRequestSeconds", k_.longestRequestSeconds, false));
    add(knob("B", "marginSeconds", k_.marginSeconds, false));
    readinessQuantity();
    if (shape_.preset != PresetId::AlbInstance && shape_.preset != PresetId::NlbInstance) {
      add(knob("E_reg", "registrationLagSeconds", k_.registrationLagSeconds, true));
    }
    healthQuantities();
    Quantity m = sourced("M", "minReadySeconds", e_.minReadySeconds);
    if (plan_) fromPlan(m, plan_->minReadySeconds);
    add(std::move(m));
    if (e_.rollout && e_.rollout->switches()) {
      add(sourced("SD", "scaleDownDelaySeconds", e_.rollout->scaleDownDelaySeconds));
    }
    if (shape_.preset == PresetId::AlbIp || shape_.preset == PresetId::NlbIp) {
      Quantity gate;
      gate.symbol = "gate";
      gate.setting = "readiness gate (Namespace label)";
      gate.value = gateOn() ? 1 : 0;
      gate.shown = gateOn() ? "on" : "off";
      gate.origin = e_.namespaceGateLabel ? "manifest" : "default";
      if (plan_) fromPlan(gate, plan_->namespaceGateLabel);
      add(std::move(gate));
    }
  }

  bool nlb() const {
    return shape_.preset == PresetId::NlbIp || shape_.preset == PresetId::NlbInstance;
  }

  // D of the NLB's first target group (the Service-wide one when a port takes it); a per-port
  // delay that differs shows in the rules' rows.
  void nlbDelayQuantity() {
    const auto& delays = e_.nlb.delays;
    timing::Sourced<int64_t> v{300, timing::Origin::Default};
    std::string port;
    if (!delays.empty()) {
      v = delays.front().deregistrationDelaySeconds;
      port = delays.front().port;
    }
    Quantity d = sourced("D",
                         port.empty() ? "deregistration_delay.timeout_seconds"
                                      : "deregistration_delay.timeout_seconds." + port,
                         v);
    if (plan_) {
      auto c = plan_->nlb.deregistrationDelaySeconds.find(port);
      if (c != plan_->nlb.deregistrationDelaySeconds.end())
        fromPlan(d, std::optional<timing::Change<int64_t>>(c->second));
    }
    add(std::move(d));
  }

  // C is 0 while connection draining is off: App Gateway then cuts in-flight requests at once.
  void drainingQuantity() {
    const auto& a = e_.agic;
    Quantity c;
    c.symbol = "C";
    if (a.connectionDraining.value) {
      c = sourced("C", kDrainingSetting, a.drainingTimeoutSeconds);
      if (plan_) fromPlan(c, plan_->agic.drainingTimeoutSeconds);
    } else {
      c.setting = kDrainingSetting;
      c.value = 0;
      c.shown = "off";
      c.origin = origin(a.connectionDraining.origin);
    }
    if (plan_ && plan_->agic.connectionDraining) fromPlan(c, plan_->agic.connectionDraining);
    add(std::move(c));
  }

  // Tr: when the slowest serving container's readiness probe first passes (its initial delay
  // plus successThreshold periods), as K8 takes it; 0 without any readinessProbe.
  void readinessQuantity() {
    const std::optional<size_t> slowest = timing::slowestToReady(e_);
    Quantity q;
    q.symbol = "Tr";
    if (!slowest) {
      q.setting = "readinessProbe, none";
      q.value = 0;
      q.origin = "default";
      add(std::move(q));
      return;
    }
    const size_t best = *slowest;
    const timing::EffectiveProbe& p = *e_.containers[best].readinessProbe;
    const std::string who = shape_.containers.size() > 1 ? " of " + e_.containers[best].name : "";
    q.setting = "readinessProbe first passes" + who;
    q.value = p.readyAfter();
    const bool written = p.periodSeconds.origin == timing::Origin::Manifest ||
                         p.initialDelaySeconds.origin == timing::Origin::Manifest ||
                         p.successThreshold.origin == timing::Origin::Manifest;
    q.origin = origin(written ? timing::Origin::Manifest : timing::Origin::Default);
    if (plan_ && best < plan_->containers.size()) {
      fromPlan(q, plan_->containers[best].readinessPeriodSeconds);
    }
    add(std::move(q));
  }

  void healthQuantities() {
    // Through a Gateway API route the settings are a TargetGroupConfiguration's fields.
    const bool tgc = e_.alb.viaGateway || e_.nlb.viaGateway;
    if (shape_.preset == PresetId::AlbIp) {
      Quantity hi = sourced("HI", tgc ? "healthCheckInterval" : "healthcheck-interval-seconds",
                            e_.alb.healthCheckIntervalSeconds);
      Quantity ht = sourced("HT", tgc ? "healthCheckTimeout" : "healthcheck-timeout-seconds",
                            e_.alb.healthCheckTimeoutSeconds);
      if (plan_) fromPlan(hi, plan_->alb.healthCheckIntervalSeconds);
      if (plan_) fromPlan(ht, plan_->alb.healthCheckTimeoutSeconds);
      add(std::move(hi));
      add(std::move(ht));
    } else if (nlb()) {
      const timing::EffectiveNlb& n = e_.nlb;
      Quantity hh = sourced("HH", tgc ? "healthyThresholdCount" : "healthcheck-healthy-threshold",
                            n.healthyThresholdCount);
      Quantity hi = sourced("HI", tgc ? "healthCheckInterval" : "healthcheck-interval",
                            n.healthCheckIntervalSeconds);
      Quantity ht = sourced("HT", tgc ? "healthCheckTimeout" : "healthcheck-timeout",
                            n.healthCheckTimeoutSeconds);
      if (plan_) fromPlan(hh, plan_->nlb.healthyThresholdCount);
      if (plan_) fromPlan(hi, plan_->nlb.healthCheckIntervalSeconds);
      if (plan_) fromPlan(ht, plan_->nlb.healthCheckTimeoutSeconds);
      add(std::move(hh));
      add(std::move(hi));
      add(std::move(ht));
    } else if (shape_.preset == PresetId::Agic) {
      Quantity hi = sourced("HI", "health-probe-interval", e_.agic.probeIntervalSeconds);
      if (plan_) fromPlan(hi, plan_->agic.probeIntervalSeconds);
      add(std::move(hi));
    } else if (shape_.preset == PresetId::Agc) {
      const timing::EffectiveAgc& g = e_.agc;
      Quantity hh = sourced("HH", "AGC probe healthyThreshold", g.probeHealthyThreshold);
      Quantity hi = sourced("HI", "AGC probe interval", g.probeIntervalSeconds);
      Quantity ht = sourced("HT", "AGC probe timeout", g.probeTimeoutSeconds);
      Quantity ut = sourced("UT", "AGC probe unhealthyThreshold", g.probeUnhealthyThreshold);
      Quantity q =
          sourced("Q", g.viaIngress ? "requestTimeout" : "routeTimeout", g.routeTimeoutSeconds);
      if (plan_) fromPlan(hh, plan_->agc.probeHealthyThreshold);
      if (plan_) fromPlan(hi, plan_->agc.probeIntervalSeconds);
      if (plan_) fromPlan(ht, plan_->agc.probeTimeoutSeconds);
      if (plan_) fromPlan(ut, plan_->agc.probeUnhealthyThreshold);
      if (plan_) fromPlan(q, plan_->agc.routeTimeoutSeconds);
      add(std::move(hh));
      add(std::move(hi));
      add(std::move(ht));
      add(std::move(ut));
      add(std::move(q));
    } else if (shape_.preset == PresetId::GkeNeg) {
      const timing::EffectiveGke& g = e_.gke;
      Quantity hh = sourced("HH", "healthyThreshold", g.healthyThreshold);
      Quantity hi = sourced("HI", "checkIntervalSec", g.checkIntervalSec);
      Quantity ht = sourced("HT", "health check timeoutSec", g.checkTimeoutSec);
      Quantity ut = sourced("UT", "unhealthyThreshold", g.unhealthyThreshold);
      Quantity q = sourced("Q", "timeoutSec", g.backendTimeoutSec);
      if (plan_) fromPlan(hh, plan_->gke.healthyThreshold);
      if (plan_) fromPlan(hi, plan_->gke.checkIntervalSec);
      if (plan_) fromPlan(ht, plan_->gke.checkTimeoutSec);
      if (plan_) fromPlan(ut, plan_->gke.unhealthyThreshold);
      if (plan_) fromPlan(q, plan_->gke.backendTimeoutSec);
      add(std::move(hh));
      add(std::move(hi));
      add(std::move(ht));
      add(std::move(ut));
      add(std::move(q));
    }
  }

  bool gateOn() const {
    return (shape_.preset == PresetId::AlbIp || shape_.preset == PresetId::NlbIp) &&
           e_.namespaceGateLabel && e_.gateTargets;
  }

  void termination() {
    const Lane L = Lane::Termination;
    const int64_t E = *value("E");
    const int64_t S = *value("S");
    const int64_t G = *value("G");
    event("deleted", "pod deleted", L, 0, "0", {});
    event("endpoints-removed", "endpoints removed (EndpointSlice)", L, 0, "0", {});
    switch (shape_.preset) {
      case PresetId::AlbIp: {
        event("lb-deregisters", "LB controller deregisters target", L, E, "<= E", {"E"}).upTo =
            true;
        event("lb-stops", "ALB stops sending new requests", L, E, "E", {"E"});
        const int64_t D = *value("D");
        event("draining-ends", "ALB draining ends, in-flight cut", L, E + D, "E + D", {"E", "D"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        phase("draining", "LB draining", L, E, E + D, true);
        break;
      }
      case PresetId::AlbInstance:
        // Targets are nodes: no deregistration on a pod's deletion (IN4); kube-proxy stops
        // routing, and the ALB keeps its connections to the node.
        event("lb-stops", "kube-proxies stop routing to it", L, E, "E", {"E"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        break;
      case PresetId::NlbIp: {
        // The controller deregisters at once; the NLB keeps opening new connections to the
        // target for about E, and keeps established ones until D ends (closed then only with
        // connection termination on, NL6).
        event("lb-stops", "NLB stops opening connections to it", L, E, "E", {"E"}).upTo = true;
        const int64_t D = *value("D");
        event("draining-ends", "deregistration delay ends", L, D, "D", {"D"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        phase("draining", "LB draining", L, 0, D, true);
        break;
      }
      case PresetId::NlbInstance:
        // Targets are nodes: kube-proxy stops routing (Cluster), or the node fails the NLB's
        // check of healthCheckNodePort once its only local pods are terminating (Local).
        event("lb-stops",
              e_.nlb.localTrafficPolicy ? "NLB marks the node down (Local)"
                                        : "kube-proxies stop routing to it",
              L, E, "E", {"E"})
            .upTo = true;
        phase("lb-sends", "LB sends new", L, 0, E, true);
        break;
      case PresetId::Agic: {
        event("lb-deregisters", "AGIC removes it from the pool", L, E, "<= E", {"E"}).upTo = true;
        event("lb-stops", "App Gateway stops new requests", L, E, "E", {"E"});
        const int64_t C = *value("C");
        event("draining-ends", C > 0 ? "App Gateway draining ends" : "draining off: in-flight cut",
              L, E + C, "E + C", {"E", "C"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        if (C > 0) phase("draining", "LB draining", L, E, E + C, true);
        break;
      }
      case PresetId::Agc:
        // AGC never closes a removed pod's connections: the app must (AC4).
        event("lb-deregisters", "ALB Controller removes it from AGC's pool", L, E, "<= E", {"E"})
            .upTo = true;
        event("lb-stops", "AGC stops new requests", L, E, "E", {"E"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        break;
      case PresetId::GkeNeg: {
        // The pod leaves its NEG at once; Google's front ends learn of it within E.
        event("lb-deregisters", "GKE removes it from its NEG", L, 0, "0", {}).upTo = true;
        event("lb-stops", "front ends stop new requests", L, E, "E", {"E"});
        const int64_t C = *value("C");
        event("draining-ends", C > 0 ? "connection draining ends" : "no draining: in-flight cut", L,
              E + C, "E + C", {"E", "C"});
        phase("lb-sends", "LB sends new", L, 0, E, true);
        if (C > 0) phase("draining", "LB draining", L, E, E + C, true);
        break;
      }
    }
    for (size_t i = 0; i < e_.containers.size(); ++i) {
      if (!shape_.perContainer && i > 0) break;
      const std::string name = e_.containers[i].name;
      const std::string suffix = shape_.perContainer ? ":" + name : "";
      const std::string who = shape_.perContainer ? " [" + name + "]" : "";
      const std::string p = pSymbol(name);
      const std::optional<int64_t> P = value(p);
      event("sigterm" + suffix, "preStop ends, SIGTERM" + who, L, P, p, {p});
      event("shutdown-ends" + suffix, "shutdown allowance ends" + who, L,
            P ? std::optional<int64_t>(*P + S) : std::nullopt, p + " + S", {p, "S"});
      if (P) {
        phase("prestop" + suffix, "preStop sleep" + who, L, 0, *P, false);
        phase("app-shutdown" + suffix, "app shutdown" + who, L, *P, *P + S, false);
      }
    }
    event("sigkill", "SIGKILL", L, G, "G", {"G"});
    phase("alive", "pod alive (G)", L, 0, G, false);
  }

  // t = 0: the new pod's containers start. The old pod is deleted once the new one is available
  // (Ready for minReadySeconds), or first for delete-first strategies.
  void rollout() {
    const Lane L = Lane::Rollout;
    const int64_t Tr = *value("Tr");
    const int64_t M = *value("M");
    event("new-started", "new pod's containers start", L, 0, "0", {});
    event("containers-ready",
          Tr > 0 ? "containers ready (readinessProbe)" : "ready at once (no readinessProbe)", L, Tr,
          "Tr", {"Tr"});
    phase("starting", "new pod starting", L, 0, Tr, false);
    int64_t healthy = Tr;
    std::string healthyFormula = "Tr";
    std::vector<std::string> healthyUses = {"Tr"};
    // A blue-green Rollout's new pods are no target until the switch (serviceSwitch).
    if (!timing::blueGreen(e_)) newTarget(Tr, healthy, healthyFormula, healthyUses);
    const bool gate = gateOn();
    const int64_t ready = gate ? healthy : Tr;
    const bool ip = shape_.preset == PresetId::AlbIp || shape_.preset == PresetId::NlbIp;
    std::vector<std::string> uses = gate ? healthyUses : std::vector<std::string>{"Tr"};
    if (ip) uses.push_back("gate");
    event("pod-ready", "pod Ready", L, ready,
          gate ? healthyFormula + ", gate"
          : ip ? "Tr, no gate"
               : "Tr",
          uses);
    oldRemoved(ready, gate ? healthyFormula : "Tr",
               gate ? healthyUses : std::vector<std::string>{"Tr"}, M, healthy);
  }

  // When the load balancer takes a new pod: registered and healthy (alb-ip), every kube-proxy
  // (alb-instance), in the pool and probed (agic).
  void newTarget(int64_t Tr, int64_t& healthy, std::string& healthyFormula,
                 std::vector<std::string>& healthyUses) {
    const Lane L = Lane::Rollout;
    switch (shape_.preset) {
      case PresetId::AlbIp: {
        const int64_t reg = Tr + *value("E_reg");
        healthy = reg + *value("HI") + *value("HT");
        healthyFormula = "Tr + E_reg + HI + HT";
        healthyUses = {"Tr", "E_reg", "HI", "HT"};
        event("target-registered", "target registered (initial)", L, reg, "Tr + E_reg",
              {"Tr", "E_reg"});
        event("lb-healthy", "ALB marks it healthy", L, healthy, healthyFormula, healthyUses);
        phase("registering", "registering", L, Tr, reg, true);
        phase("health-check", "health check", L, reg, healthy, true);
        break;
      }
      case PresetId::AlbInstance: {
        healthy = Tr + *value("E");
        healthyFormula = "Tr + E";
        healthyUses = {"Tr", "E"};
        event("lb-healthy", "every kube-proxy routes to it", L, healthy, healthyFormula,
              healthyUses);
        phase("health-check", "kube-proxy sync", L, Tr, healthy, true);
        break;
      }
      case PresetId::NlbIp: {
        const int64_t reg = Tr + *value("E_reg");
        healthy = reg + *value("HH") * *value("HI") + *value("HT");
        healthyFormula = "Tr + E_reg + HH x HI + HT";
        healthyUses = {"Tr", "E_reg", "HH", "HI", "HT"};
        event("target-registered", "target registered (initial)", L, reg, "Tr + E_reg",
              {"Tr", "E_reg"})
            .upTo = true;
        event("lb-healthy", "NLB marks it healthy", L, healthy, healthyFormula, healthyUses);
        phase("registering", "registering", L, Tr, reg, true);
        phase("health-check", "health checks", L, reg, healthy, true);
        break;
      }
      case PresetId::NlbInstance: {
        if (e_.nlb.localTrafficPolicy) {
          healthy = Tr + *value("HH") * *value("HI") + *value("HT");
          healthyFormula = "Tr + HH x HI + HT";
          healthyUses = {"Tr", "HH", "HI", "HT"};
          event("lb-healthy", "its node passes the NLB check (Local)", L, healthy, healthyFormula,
                healthyUses)
              .upTo = true;
          phase("health-check", "node health checks", L, Tr, healthy, true);
        } else {
          healthy = Tr + *value("E");
          healthyFormula = "Tr + E";
          healthyUses = {"Tr", "E"};
          event("lb-healthy", "every kube-proxy routes to it", L, healthy, healthyFormula,
                healthyUses)
              .upTo = true;
          phase("health-check", "kube-proxy sync", L, Tr, healthy, true);
        }
        break;
      }
      case PresetId::Agic: {
        const int64_t reg = Tr + *value("E_reg");
        healthy = reg + *value("HI");
        healthyFormula = "Tr + E_reg + HI";
        healthyUses = {"Tr", "E_reg", "HI"};
        event("target-registered", "AGIC adds it to the pool", L, reg, "Tr + E_reg",
              {"Tr", "E_reg"});
        event("lb-healthy", "App Gateway probe marks it up", L, healthy, healthyFormula,
              healthyUses)
            .upTo = true;
        phase("registering", "AGIC pool update", L, Tr, reg, true);
        phase("health-check", "first probe", L, reg, healthy, true);
        break;
      }
      case PresetId::Agc: {
        const int64_t reg = Tr + *value("E_reg");
        healthy = reg + *value("HH") * *value("HI");
        healthyFormula = "Tr + E_reg + HH x HI";
        healthyUses = {"Tr", "E_reg", "HH", "HI"};
        event("target-registered", "ALB Controller adds it to AGC's pool", L, reg, "Tr + E_reg",
              {"Tr", "E_reg"})
            .upTo = true;
        event("lb-healthy", "AGC probe marks it healthy", L, healthy, healthyFormula, healthyUses)
            .upTo = true;
        phase("registering", "AGC pool update", L, Tr, reg, true);
        phase("health-check", "probes", L, reg, healthy, true);
        break;
      }
      case PresetId::GkeNeg: {
        const int64_t reg = Tr + *value("E_reg");
        healthy = reg + *value("HH") * *value("HI");
        healthyFormula = "Tr + E_reg + HH x HI";
        healthyUses = {"Tr", "E_reg", "HH", "HI"};
        event("target-registered", "endpoint attached to its NEG", L, reg, "Tr + E_reg",
              {"Tr", "E_reg"})
            .upTo = true;
        event("lb-healthy", "GKE health check marks it healthy", L, healthy, healthyFormula,
              healthyUses)
            .upTo = true;
        phase("registering", "NEG attachment", L, Tr, reg, true);
        phase("health-check", "health checks", L, reg, healthy, true);
        break;
      }
    }
  }

  void oldRemoved(int64_t ready, const std::string& readyFormula, std::vector<std::string> uses,
                  int64_t M, int64_t healthy) {
    const Lane L = Lane::Rollout;
    const timing::StrategyType st = e_.strategy.value;
    const bool surge = e_.maxSurge && !e_.maxSurge->value.isZero();
    if (st == timing::StrategyType::OnDelete) {
      event("old-removed", "old pod goes when deleted by hand", L, std::nullopt, "-", {});
      return;
    }
    if (st == timing::StrategyType::Recreate || e_.kind == timing::WorkloadKind::StatefulSet ||
        (e_.kind == timing::WorkloadKind::DaemonSet && !surge)) {
      const char* why = st == timing::StrategyType::Recreate ? "old pods go first (Recreate)"
                                                             : "old pod goes first (delete-first)";
      event("old-removed", why, L, 0, "0", {});
      if (shape_.preset != PresetId::Agic && healthy > 0)
        phase("gap", "new not healthy", L, 0, healthy, true);
      return;
    }
    if (M > 0) phase("min-ready", "minReadySeconds", L, ready, ready + M, false);
    uses.push_back("M");
    if (e_.rollout && e_.rollout->switches()) {
      serviceSwitch(ready + M, readyFormula + " + M", uses);
      return;
    }
    event("old-removed", "old pod deleted", L, ready + M, readyFormula + " + M", uses);
    // App Gateway gives Kubernetes no feedback (AG9): the old pod's own preStop covers the wait.
    if (shape_.preset != PresetId::Agic && ready + M < healthy) {
      phase("gap", "new not healthy", L, ready + M, healthy, true);
    }
  }

  // An Argo Rollout that switches Services (blue-green; a canary with traffic routing, at its
  // end): once the new pods are available the Service's selector moves to them, the load
  // balancer stops sending to the old pods after its propagation, and the old pods are scaled
  // down scaleDownDelaySeconds after the switch, each then sleeping its preStop before SIGTERM.
  void serviceSwitch(int64_t at, const std::string& formula, std::vector<std::string> uses) {
    const Lane L = Lane::Rollout;
    const bool blueGreen = e_.rollout->strategy == timing::RolloutStrategy::BlueGreen;
    event("switch",
          blueGreen ? "active Service switched to the new pods"
                    : "stable Service switched to the new pods",
          L, at, formula, uses);
    const int64_t lbOff = at + *value("E"), down = at + *value("SD");
    const int64_t stop = down + timing::shortestSleep(k_, e_);
    uses.push_back("E");
    event("lb-off-old", "LB stops sending to the old pods", L, lbOff, formula + " + E", uses).upTo =
        true;
    uses.back() = "SD";
    event("old-removed", "old pods scaled down", L, down, formula + " + SD", uses);
    event("old-sigterm", "old pods' shortest preStop ends, SIGTERM", L, stop,
          formula + " + SD + shortest P", uses);
    phase("old-serving", "old pods serve after the switch", L, at, stop, false);
    if (stop < lbOff) phase("gap", "old gone, LB still sends", L, stop, lbOff, true);
    // The switch makes the new pods new targets (alb-ip) or pool members (agic) all at once:
    // nothing healthy until their first check passes (RO3).
    if (blueGreen && shape_.preset == PresetId::AlbIp) {
      const int64_t healthyAt = at + *value("E_reg") + *value("HI") + *value("HT");
      phase("switch-gap", "new targets not yet healthy", L, at + *value("E_reg"), healthyAt, true);
    } else if (blueGreen && shape_.preset == PresetId::NlbIp && e_.gateTargets) {
      const int64_t reg = at + *value("E_reg");
      const int64_t healthyAt = reg + *value("HH") * *value("HI") + *value("HT");
      phase("switch-gap", "new targets not yet healthy", L, reg, healthyAt, true);
    } else if (blueGreen && shape_.preset == PresetId::Agic) {
      const int64_t healthyAt = at + *value("E_reg") + *value("HI");
      phase("switch-gap", "new members not yet probed", L, at + *value("E_reg"), healthyAt, true);
    }
  }

  void markBroken(const std::vector<timing::Violation>& violations) {
    for (const timing::Violation& v : violations) {
      for (Event& e : s_.events) {
        if (concerns(v.id, v.field, e.id) &&
            std::find(e.broken.begin(), e.broken.end(), v.id) == e.broken.end()) {
          e.broken.push_back(v.id);
        }
      }
      for (Phase& p : s_.phases) {
        if (concerns(v.id, v.field, p.id) &&
            std::find(p.broken.begin(), p.broken.end(), v.id) == p.broken.end()) {
          p.broken.push_back(v.id);
        }
      }
    }
  }

  const Knobs& k_;
  const Effective& e_;
  const Plan* plan_;
  const Shape& shape_;
  State s_;
};

}  // namespace

std::string WorkloadTimeline::route() const {
  const std::string door = frontDoorKind + " " + frontDoor;
  if (frontDoorKind == "Service" && frontDoor == service) return door;
  return door + " -> Service " + service;
}

WorkloadTimeline buildTimeline(const Knobs& k, const timing::Evaluation& ev, const Identity& id) {
  WorkloadTimeline w;
  w.kind = id.kind;
  w.namespace_ = id.namespace_;
  w.name = id.name;
  w.frontDoorKind = id.frontDoorKind;
  w.frontDoor = id.frontDoor;
  w.service = id.service;
  w.containers = id.containers;
  Shape shape{k.preset, false, id.containers};
  if (!ev.before.containers.empty()) {
    shape.perContainer = !sameSleeps(ev.before) || !sameSleeps(ev.after);
  }
  w.before = Builder(k, ev.before, nullptr, shape).build(ev.violationsBefore);
  w.after = Builder(k, ev.after, &ev.plan, shape).build(ev.violationsAfter);
  const std::vector<detail::Key> keys = detail::ruleKeys(applicableRules(k, ev.after), ev);
  w.before.rules = detail::rulesOf(keys, ev.violationsBefore, k, ev.before);
  w.after.rules = detail::rulesOf(keys, ev.violationsAfter, k, ev.after);
  w.changes = detail::changesOf(ev);
  for (const std::string& c : id.probesAdded) {
    w.changes.push_back(Change{"container " + c + ": readinessProbe", "none",
                               "httpGet (readinessProbePath)", "Z3",
                               "Z3: container \"" + c + "\" gets an httpGet readiness probe"});
  }
  for (const timing::Violation& v : ev.plan.notes) w.notes.push_back(v.message);
  return w;
}

}  // namespace zd::explain
