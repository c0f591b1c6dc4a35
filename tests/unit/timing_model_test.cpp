// Unit tests of the pure timing model (fn/timing/model.h). Knobs are built by hand with the
// preset numbers; the preset files themselves are parsed by the YAML layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "krm/preset_loader.h"
#include "timing/model.h"

namespace zd::timing {
namespace {

const IntOrPercent kQuarter{25, true};
const IntOrPercent kZero{0, false};

Knobs knobsFor(PresetId id) {
  Knobs k;
  k.preset = id;
  k.shutdownSeconds = 15;
  k.longestRequestSeconds = 10;
  k.marginSeconds = 5;
  k.progressDeadlineSeconds = 600;
  k.maxSurge = kQuarter;
  k.maxUnavailable = kZero;
  k.readinessPeriodSeconds = 10;
  k.readinessTimeoutSeconds = 1;
  k.readinessFailureThreshold = 3;
  k.lbc.deregistrationDelaySeconds = 30;
  k.lbc.healthCheckTimeoutSeconds = 5;
  k.lbc.healthyThresholdCount = 2;
  k.lbc.unhealthyThresholdCount = 2;
  k.lbc.idleTimeoutSeconds = 60;
  switch (id) {
    case PresetId::AlbIp:
      k.preStopSeconds = 30, k.minPreStopSeconds = 15, k.lbPropagationSeconds = 15;
      k.registrationLagSeconds = 10, k.minReadySeconds = 0, k.lbc.targetType = "ip";
      k.lbc.readinessGate = true, k.lbc.healthCheckIntervalSeconds = 10;
      break;
    case PresetId::AlbInstance:
      k.preStopSeconds = 15, k.minPreStopSeconds = 10, k.lbPropagationSeconds = 5;
      k.minReadySeconds = 5, k.lbc.targetType = "instance", k.lbc.healthCheckIntervalSeconds = 15;
      break;
    case PresetId::NlbIp:  // the preset files themselves, as nlb_model_test.cpp takes them
    case PresetId::NlbInstance:
    case PresetId::Agc:
    case PresetId::GkeNeg: {
      std::string error;
      auto loaded = krm::loadPreset(presetName(id), error);
      EXPECT_TRUE(loaded) << error;
      if (loaded) k = *loaded;
      break;
    }
    case PresetId::Agic:
      k.preStopSeconds = 90, k.minPreStopSeconds = 90, k.lbPropagationSeconds = 60;
      k.registrationLagSeconds = 60, k.minReadySeconds = 0;
      k.readinessPeriodSeconds = 5, k.readinessTimeoutSeconds = 3;
      k.lbc.deregistrationDelaySeconds = 0, k.lbc.healthCheckTimeoutSeconds = 0;
      k.lbc.healthyThresholdCount = 0, k.lbc.unhealthyThresholdCount = 0,
      k.lbc.idleTimeoutSeconds = 0;
      k.agic.connectionDraining = true, k.agic.drainingTimeoutSeconds = 30,
      k.agic.requestTimeoutSeconds = 30;
      break;
  }
  return k;
}

const PresetId kAllPresets[] = {PresetId::AlbIp, PresetId::AlbInstance, PresetId::Agic,
                                PresetId::NlbIp, PresetId::NlbInstance, PresetId::Agc,
                                PresetId::GkeNeg};

// A Deployment with one serving container and nothing else written.
Observed emptyManifest() {
  Observed o;
  o.containers.push_back(
      ObservedContainer{"app", PreStopKind::None, std::nullopt, std::nullopt, std::nullopt});
  o.namespaceName = "shop";
  o.agicProbeContainer = 0;  // it declares the Service's target port
  return o;
}

ObservedProbe httpProbe(int64_t period, int64_t timeout, int64_t failure) {
  return ObservedProbe{true, period, timeout, failure, std::nullopt, std::nullopt};
}

// A manifest that satisfies every rule of the preset with the preset numbers.
Observed goodManifest(PresetId id) {
  Observed o = emptyManifest();
  ObservedContainer& c = o.containers[0];
  c.preStop = PreStopKind::ExecSleep;
  o.strategy = StrategyType::RollingUpdate;
  o.maxSurge = kQuarter;
  o.maxUnavailable = kZero;
  o.progressDeadlineSeconds = 600;
  o.replicas = 3;
  o.namespaceInInput = true;
  switch (id) {
    case PresetId::AlbIp:
      c.preStopSeconds = 30, o.terminationGracePeriodSeconds = 50, o.minReadySeconds = 0;
      c.readinessProbe = httpProbe(10, 1, 3);
      o.namespaceGateLabel = true;
      o.alb = ObservedAlb{"ip", 30, 0, std::nullopt, 10, 5, 2, 2, 60, false};
      break;
    case PresetId::AlbInstance:
      c.preStopSeconds = 15, o.terminationGracePeriodSeconds = 35, o.minReadySeconds = 5;
      c.readinessProbe = httpProbe(10, 1, 3);
      o.serviceType = ServiceType::NodePort;
      o.alb = ObservedAlb{"instance", 30, 0, std::nullopt, 15, 5, 2, 2, 60, false};
      break;
    case PresetId::NlbIp:
    case PresetId::NlbInstance: {
      const bool ip = id == PresetId::NlbIp;
      c.preStopSeconds = ip ? 180 : 40, o.terminationGracePeriodSeconds = ip ? 200 : 60;
      o.minReadySeconds = ip ? 0 : 5;
      c.readinessProbe = httpProbe(10, 1, 3);
      o.namespaceGateLabel = ip;
      o.serviceType = ServiceType::LoadBalancer;
      o.appClosesConnections = true;
      o.nlb.targetType = ip ? "ip" : "instance";
      o.nlb.healthCheckIntervalSeconds = 10, o.nlb.healthCheckTimeoutSeconds = 6;
      o.nlb.healthyThresholdCount = 2, o.nlb.unhealthyThresholdCount = 2;
      o.nlb.ports = {"443"};
      o.nlb.delays = {
          ObservedNlbDelay{"", ip ? 180 : 120, std::nullopt, std::nullopt, std::nullopt}};
      break;
    }
    case PresetId::Agic:
      c.preStopSeconds = 90, o.terminationGracePeriodSeconds = 110, o.minReadySeconds = 0;
      c.readinessProbe = httpProbe(5, 3, 3);
      o.agic.connectionDraining = true;
      o.agic.drainingTimeoutSeconds = 30;
      o.agic.requestTimeoutSeconds = 30;
      break;
    case PresetId::Agc:
      c.preStopSeconds = 20, o.terminationGracePeriodSeconds = 40, o.minReadySeconds = 20;
      c.readinessProbe = httpProbe(5, 3, 3);
      o.appClosesConnections = true;
      o.agc.policy = true;
      o.agc.probeIntervalSeconds = 5, o.agc.probeTimeoutSeconds = 3;
      o.agc.probeHealthyThreshold = 1, o.agc.probeUnhealthyThreshold = 2;
      break;
    case PresetId::GkeNeg:
      c.preStopSeconds = 65, o.terminationGracePeriodSeconds = 85, o.minReadySeconds = 60;
      c.readinessProbe = httpProbe(5, 3, 3);
      c.readinessProbe->httpPath = "/healthz";
      o.gke.negIngress = true;
      o.gke.checkIntervalSec = 5, o.gke.checkTimeoutSec = 3;
      o.gke.healthyThreshold = 1, o.gke.unhealthyThreshold = 2;
      o.gke.requestPath = "/healthz";
      o.gke.drainingTimeoutSec = 20, o.gke.backendTimeoutSec = 30;
      break;
  }
  return o;
}

const Violation* find(const std::vector<Violation>&& vs, const std::string& id) = delete;
const Violation* find(const std::vector<Violation>& vs, const std::string& id) {
  auto it = std::find_if(vs.begin(), vs.end(), [&](const Violation& v) { return v.id == id; });
  return it == vs.end() ? nullptr : &*it;
}

bool has(const std::vector<Violation>& vs, const std::string& id) { return find(vs, id); }

std::string ids(const std::vector<Violation>& vs) {
  std::string out;
  for (const auto& v : vs) out += v.id + "(" + severityName(v.severity) + ") ";
  return out;
}

bool hasErrors(const std::vector<Violation>& vs) {
  return std::any_of(vs.begin(), vs.end(),
                     [](const Violation& v) { return v.severity == Severity::Error; });
}

// Every optional change of a plan, as "field=value" strings, for "nothing changes" checks.
std::vector<std::string> changes(const Plan& p) {
  std::vector<std::string> out;
  auto add = [&](const char* name, const auto& c) {
    if (c) out.push_back(std::string(name) + " " + c->message);
  };
  add("G", p.terminationGracePeriodSeconds);
  add("maxSurge", p.maxSurge);
  add("maxUnavailable", p.maxUnavailable);
  add("minReady", p.minReadySeconds);
  add("pd", p.progressDeadlineSeconds);
  add("label", p.namespaceGateLabel);
  add("targetType", p.alb.targetType);
  add("D", p.alb.deregistrationDelaySeconds);
  add("HI", p.alb.healthCheckIntervalSeconds);
  add("HT", p.alb.healthCheckTimeoutSeconds);
  add("HH", p.alb.healthyThresholdCount);
  add("UT", p.alb.unhealthyThresholdCount);
  add("draining", p.agic.connectionDraining);
  add("C", p.agic.drainingTimeoutSeconds);
  add("Q", p.agic.requestTimeoutSeconds);
  add("probeHI", p.agic.probeIntervalSeconds);
  add("probeHT", p.agic.probeTimeoutSeconds);
  add("probeUT", p.agic.probeUnhealthyThreshold);
  for (const auto& c : p.containers) {
    add("P", c.preStopSeconds);
    add("Rp", c.readinessPeriodSeconds);
    add("Rt", c.readinessTimeoutSeconds);
    add("Rf", c.readinessFailureThreshold);
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += s + "\n";
  return out;
}

// ------------------------------------------------------------------------------------------
// Preset names

TEST(PresetNames, RoundTrip) {
  for (PresetId id : kAllPresets) EXPECT_EQ(presetFromName(presetName(id)), id);
  EXPECT_STREQ(presetName(PresetId::AlbIp), "alb-ip");
  EXPECT_STREQ(presetName(PresetId::AlbInstance), "alb-instance");
  EXPECT_STREQ(presetName(PresetId::Agic), "agic");
  EXPECT_FALSE(presetFromName("ALB-IP"));
  EXPECT_FALSE(presetFromName(""));
}

// ------------------------------------------------------------------------------------------
// A correct manifest: no violation, no change.

TEST(Check, CorrectManifestIsCleanForEveryPreset) {
  for (PresetId id : kAllPresets) {
    const auto vs = check(knobsFor(id), goodManifest(id));
    EXPECT_TRUE(vs.empty()) << presetName(id) << ": " << ids(vs);
  }
}

TEST(Plan, CorrectManifestNeedsNoChange) {
  for (PresetId id : kAllPresets) {
    const Plan p = plan(knobsFor(id), goodManifest(id));
    EXPECT_TRUE(changes(p).empty()) << presetName(id) << ":\n" << joined(changes(p));
  }
}

TEST(Check, MessagesStartWithTheRuleId) {
  Observed o = emptyManifest();
  o.alb.healthCheckIntervalSeconds = 4;
  for (PresetId id : kAllPresets) {
    for (const Violation& v : check(knobsFor(id), o)) {
      EXPECT_EQ(v.message.rfind(v.id + ": ", 0), 0u) << v.message;
      EXPECT_EQ(v.message.find('\n'), std::string::npos) << v.message;
      EXPECT_FALSE(v.field.name.empty()) << v.message;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Every rule fires on a violating input. Each case mutates the preset's correct manifest (or
// the knobs) and expects the rule with its severity; the clean test above is the quiet half.

struct RuleCase {
  const char* name;
  PresetId preset;
  std::function<void(Observed&, Knobs&)> mutate;
  const char* id;
  Severity severity;
};

void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

class RuleFires : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleFires, OnViolatingInput) {
  const RuleCase& rc = GetParam();
  Observed o = goodManifest(rc.preset);
  Knobs k = knobsFor(rc.preset);
  rc.mutate(o, k);
  const auto vs = check(k, o);
  const Violation* v = find(vs, rc.id);
  ASSERT_NE(v, nullptr) << rc.name << ": got " << ids(vs);
  EXPECT_EQ(v->severity, rc.severity) << v->message;
}

using O = Observed;
using K = Knobs;
constexpr auto kIp = PresetId::AlbIp;
constexpr auto kInst = PresetId::AlbInstance;
constexpr auto kAgic = PresetId::Agic;
constexpr auto kI = Severity::Info;
constexpr auto kW = Severity::Warning;
constexpr auto kE = Severity::Error;

const RuleCase kRuleCases[] = {
    {"K1_no_prestop", kIp, [](O& o, K&) { o.containers[0].preStop = PreStopKind::None; }, "K1", kE},
    {"K1_sleep_over_grace", kIp, [](O& o, K&) { o.containers[0].preStopSeconds = 60; }, "K1", kE},
    {"K1_exec_sleep_zero", kIp, [](O& o, K&) { o.containers[0].preStopSeconds = 0; }, "K1", kE},
    {"K2_grace_short", kIp, [](O& o, K&) { o.terminationGracePeriodSeconds = 49; }, "K2", kE},
    {"K2_shutdown_override", kIp, [](O& o, K&) { o.shutdownSecondsOverride = 40; }, "K2", kE},
    {"K3_shutdown_short", kIp, [](O&, K& k) { k.shutdownSeconds = 5; }, "K3", kW},
    {"K4_sleep_below_lag", kIp, [](O& o, K&) { o.containers[0].preStopSeconds = 19; }, "K4", kW},
    {"K5_deadline_le_minready", kIp,
     [](O& o, K&) { o.minReadySeconds = 30, o.progressDeadlineSeconds = 30; }, "K5", kE},
    {"K6_both_zero", kIp, [](O& o, K&) { o.maxSurge = kZero; }, "K6", kE},
    {"K7_period_zero", kIp, [](O& o, K&) { o.containers[0].readinessProbe->periodSeconds = 0; },
     "K7", kE},
    {"K7_failure_zero", kInst,
     [](O& o, K&) { o.containers[0].readinessProbe->failureThreshold = 0; }, "K7", kE},
    // gate on: 0 + (Rp 10 + E_reg 10 + HI 10 + HT 5) + 5 = 40 > 39
    {"K8_deadline_short", kIp, [](O& o, K&) { o.progressDeadlineSeconds = 39; }, "K8", kW},
    {"K9_exec_sleep_without_binary", kIp,
     [](O& o, K&) { o.containers[0].noSleepBinary = "as a distroless image"; }, "K9", kW},
    {"K10_istio_default_drain", kIp, [](O& o, K&) { o.mesh.mesh = Mesh::Istio; }, "K10", kW},
    {"K10_linkerd_no_wait", kAgic, [](O& o, K&) { o.mesh.mesh = Mesh::Linkerd; }, "K10", kW},
    {"A1_interval_4", kIp, [](O& o, K&) { o.alb.healthCheckIntervalSeconds = 4; }, "A1", kE},
    {"A1_interval_301", kIp, [](O& o, K&) { o.alb.healthCheckIntervalSeconds = 301; }, "A1", kE},
    {"A1_timeout_eq_interval", kIp, [](O& o, K&) { o.alb.healthCheckTimeoutSeconds = 10; }, "A1",
     kE},
    {"A1_timeout_1", kInst, [](O& o, K&) { o.alb.healthCheckTimeoutSeconds = 1; }, "A1", kE},
    {"A1_timeout_121", kInst,
     [](O& o, K&) {
       o.alb.healthCheckIntervalSeconds = 300, o.alb.healthCheckTimeoutSeconds = 121;
     },
     "A1", kE},
    {"A2_healthy_1", kIp, [](O& o, K&) { o.alb.healthyThresholdCount = 1; }, "A2", kE},
    {"A2_unhealthy_11", kInst, [](O& o, K&) { o.alb.unhealthyThresholdCount = 11; }, "A2", kE},
    {"A3_delay_3601", kInst, [](O& o, K&) { o.alb.deregistrationDelaySeconds = 3601; }, "A3", kE},
    {"A3_delay_negative", kIp, [](O& o, K&) { o.alb.deregistrationDelaySeconds = -1; }, "A3", kE},
    {"A4_delay_below_R", kIp, [](O& o, K&) { o.alb.deregistrationDelaySeconds = 9; }, "A4", kW},
    {"A5_idle_zero", kIp, [](O& o, K&) { o.alb.idleTimeoutSeconds = 0; }, "A5", kE},
    {"A5_idle_4001", kInst, [](O& o, K&) { o.alb.idleTimeoutSeconds = 4001; }, "A5", kE},
    {"A5_keepalive_not_above_idle", kIp, [](O&, K& k) { k.lbc.keepAliveSeconds = 60; }, "A5", kW},
    {"A6_slow_start_10", kIp, [](O& o, K&) { o.alb.slowStartSeconds = 10; }, "A6", kE},
    {"A6_slow_start_901", kInst, [](O& o, K&) { o.alb.slowStartSeconds = 901; }, "A6", kE},
    {"A6_slow_start_with_lor", kIp,
     [](O& o, K&) {
       o.alb.slowStartSeconds = 30, o.alb.loadBalancingAlgorithm = "least_outstanding_requests";
     },
     "A6", kE},
    {"A7_service_hides_ingress", kIp, [](O& o, K&) { o.alb.ingressTgAttributesIgnored = true; },
     "A7", kI},
    {"IP1_no_label", kIp, [](O& o, K&) { o.namespaceGateLabel = false; }, "IP1", kW},
    {"IP1_namespace_missing", kIp,
     [](O& o, K&) { o.namespaceGateLabel = false, o.namespaceInInput = false; }, "IP1", kW},
    {"IP2_no_gate", kIp, [](O& o, K&) { o.namespaceGateLabel = false; }, "IP2", kW},
    {"IP2_gate_off_in_config", kIp,
     [](O& o, K& k) { k.lbc.readinessGate = false, o.namespaceGateLabel = false; }, "IP2", kW},
    {"IP2_instance_targets", kIp, [](O& o, K&) { o.alb.targetType = "instance"; }, "IP2", kW},
    {"IP3_sleep_below_floor", kIp, [](O& o, K&) { o.containers[0].preStopSeconds = 14; }, "IP3",
     kW},
    {"IP4_delay_over_grace", kIp, [](O& o, K&) { o.alb.deregistrationDelaySeconds = 51; }, "IP4",
     kI},
    {"IN1_label_useless", kInst, [](O& o, K&) { o.namespaceGateLabel = true; }, "IN1", kI},
    {"IN2_sleep_below_floor", kInst, [](O& o, K&) { o.containers[0].preStopSeconds = 9; }, "IN2",
     kW},
    {"IN4_delay_below_R", kInst, [](O& o, K&) { o.alb.deregistrationDelaySeconds = 9; }, "IN4", kI},
    {"IN5_minready_zero", kInst, [](O& o, K&) { o.minReadySeconds = 0; }, "IN5", kI},
    {"AG1_sleep_below_90", kAgic, [](O& o, K&) { o.containers[0].preStopSeconds = 89; }, "AG1", kW},
    {"AG2_grace_equals_sleep", kAgic, [](O& o, K&) { o.terminationGracePeriodSeconds = 90; }, "AG2",
     kE},
    {"AG3_draining_off", kAgic, [](O& o, K&) { o.agic.connectionDraining = false; }, "AG3", kW},
    {"AG3_draining_absent", kAgic, [](O& o, K&) { o.agic.connectionDraining.reset(); }, "AG3", kW},
    {"AG3_timeout_zero", kAgic, [](O& o, K&) { o.agic.drainingTimeoutSeconds = 0; }, "AG3", kE},
    {"AG3_timeout_3601", kAgic, [](O& o, K&) { o.agic.drainingTimeoutSeconds = 3601; }, "AG3", kE},
    {"AG3_timeout_below_R", kAgic, [](O& o, K&) { o.agic.drainingTimeoutSeconds = 9; }, "AG3", kW},
    {"AG4_request_zero", kAgic, [](O& o, K&) { o.agic.requestTimeoutSeconds = 0; }, "AG4", kE},
    {"AG4_request_86401", kAgic, [](O& o, K&) { o.agic.requestTimeoutSeconds = 86401; }, "AG4", kE},
    {"AG4_request_below_R", kAgic, [](O& o, K&) { o.agic.requestTimeoutSeconds = 9; }, "AG4", kW},
    {"AG5_threshold_21", kAgic, [](O& o, K&) { o.agic.probeUnhealthyThreshold = 21; }, "AG5", kE},
    {"AG5_interval_zero", kAgic, [](O& o, K&) { o.agic.probeIntervalSeconds = 0; }, "AG5", kE},
    {"AG5_timeout_86401", kAgic, [](O& o, K&) { o.agic.probeTimeoutSeconds = 86401; }, "AG5", kE},
    {"AG6_probe_period_10", kAgic,
     [](O& o, K&) { o.containers[0].readinessProbe->periodSeconds = 10; }, "AG6", kW},
    {"AG6_default_probe", kAgic, [](O& o, K&) { o.containers[0].readinessProbe.reset(); }, "AG6",
     kW},
    {"AG7_timeout_over_interval", kAgic,
     [](O& o, K&) { o.agic.probeIntervalSeconds = 3, o.agic.probeTimeoutSeconds = 4; }, "AG7", kI},
    {"AG8_exec_probe", kAgic, [](O& o, K&) { o.containers[0].readinessProbe->isHttpGet = false; },
     "AG8", kW},
    {"Z1_recreate", kIp, [](O& o, K&) { o.strategy = StrategyType::Recreate; }, "Z1", kW},
    {"Z1_on_delete", kInst,
     [](O& o, K&) { o.kind = WorkloadKind::StatefulSet, o.strategy = StrategyType::OnDelete; },
     "Z1", kI},
    {"Z2_script_prestop", kAgic, [](O& o, K&) { o.containers[0].preStop = PreStopKind::Other; },
     "Z2", kW},
    {"Z3_no_probe", kIp, [](O& o, K&) { o.containers[0].readinessProbe.reset(); }, "Z3", kW},
    {"Z4_unavailable_quarter", kIp, [](O& o, K&) { o.maxUnavailable = kQuarter; }, "Z4", kW},
    {"Z4_unavailable_default", kAgic, [](O& o, K&) { o.maxUnavailable.reset(); }, "Z4", kW},
    {"Z5_single_statefulset", kIp,
     [](O& o, K&) { o.kind = WorkloadKind::StatefulSet, o.replicas = 1; }, "Z5", kW},
    {"Z6_wrong_target_type", kIp, [](O& o, K&) { o.alb.targetType.reset(); }, "Z6", kW},
    {"Z7_cluster_ip", kInst, [](O& o, K&) { o.serviceType = ServiceType::ClusterIP; }, "Z7", kW},
    {"RO1_blue_green_no_sleep_short_delay", kIp,
     [](O& o, K&) {
       o.kind = WorkloadKind::Rollout;
       o.containers[0].preStop = PreStopKind::None;
       o.rollout = ObservedRollout{RolloutStrategy::BlueGreen, false, false, false, 19, {}};
     },
     "RO1", kW},
    {"RO1_canary_routing_sleep_plus_delay_short", kAgic,
     [](O& o, K&) {
       o.kind = WorkloadKind::Rollout;
       o.containers[0].preStopSeconds = 30;
       o.rollout = ObservedRollout{RolloutStrategy::Canary, true, false, false, 34, 0};
     },
     "RO1", kW},
    {"RO2_abort_delay_no_sleep", kInst,
     [](O& o, K&) {
       o.kind = WorkloadKind::Rollout;
       o.containers[0].preStop = PreStopKind::None;
       o.rollout = ObservedRollout{RolloutStrategy::BlueGreen, false, false, false, 60, 1};
     },
     "RO2", kW},
    {"RO3_blue_green_ip", kIp,
     [](O& o, K&) {
       o.kind = WorkloadKind::Rollout;
       o.rollout = ObservedRollout{RolloutStrategy::BlueGreen, false, false, false, 60, 0};
     },
     "RO3", kW},
    {"RO4_alb_routing_unverified", kIp,
     [](O& o, K&) {
       o.kind = WorkloadKind::Rollout;
       o.rollout = ObservedRollout{RolloutStrategy::Canary, true, true, true, 60, 0};
     },
     "RO4", kW},
};

// A basic canary deletes old pods as a Deployment does: no delay rule applies, whatever it says.
TEST(ArgoRollouts, BasicCanaryHasNoScaleDownDelayRule) {
  Knobs k = knobsFor(PresetId::AlbIp);
  Observed o = goodManifest(PresetId::AlbIp);
  o.kind = WorkloadKind::Rollout;
  o.containers[0].preStop = PreStopKind::None;
  o.rollout = ObservedRollout{RolloutStrategy::Canary, false, false, false, 0, 1};
  for (const Violation& v : check(k, o)) EXPECT_NE(v.id.substr(0, 2), "RO") << v.message;
}

// The deleted pods sleep their preStop: the sleep the plan writes covers the switch, and no
// delay is written (old pods held longer cost a second ReplicaSet for nothing).
TEST(ArgoRollouts, ThePlannedSleepCoversTheSwitch) {
  Knobs k = knobsFor(PresetId::Agic);
  Observed o = goodManifest(PresetId::Agic);
  o.kind = WorkloadKind::Rollout;
  o.containers[0].preStop = PreStopKind::None;
  o.rollout = ObservedRollout{RolloutStrategy::Canary, true, false, false, 0, 5};
  const std::vector<Violation> before = check(k, o);
  EXPECT_NE(find(before, "RO1"), nullptr);
  EXPECT_NE(find(before, "RO2"), nullptr);
  EXPECT_TRUE(check(k, applyPlan(o, plan(k, o))).empty());
}

// With dynamicStableScale and no explicit abort delay the canary is scaled down step by step
// (deleted, so its sleep covers it): RO2 does not apply, and writing a delay would change the mode.
TEST(ArgoRollouts, DynamicStableScaleWithoutAbortDelayIsNoRO2) {
  Knobs k = knobsFor(PresetId::AlbIp);
  Observed o = goodManifest(PresetId::AlbIp);
  o.kind = WorkloadKind::Rollout;
  o.containers[0].preStop = PreStopKind::None;
  o.rollout = ObservedRollout{RolloutStrategy::Canary, true, true, true, 60, std::nullopt};
  const std::vector<Violation> unset = check(k, o);
  EXPECT_EQ(find(unset, "RO2"), nullptr);
  o.rollout->abortScaleDownDelaySeconds = 1;
  const std::vector<Violation> set = check(k, o);
  EXPECT_NE(find(set, "RO2"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleFires, ::testing::ValuesIn(kRuleCases),
                         [](const auto& p) { return std::string(p.param.name); });

// ------------------------------------------------------------------------------------------
// Rules that must stay quiet at their boundary.

TEST(Check, BoundariesInsideTheRangesAreQuiet) {
  Observed o = goodManifest(kInst);
  o.alb.healthCheckIntervalSeconds = 5, o.alb.healthCheckTimeoutSeconds = 4;
  o.alb.healthyThresholdCount = 10, o.alb.unhealthyThresholdCount = 2;
  o.alb.deregistrationDelaySeconds = 3600, o.alb.idleTimeoutSeconds = 4000;
  o.alb.slowStartSeconds = 900;
  EXPECT_TRUE(check(knobsFor(kInst), o).empty()) << ids(check(knobsFor(kInst), o));
  o.alb.healthCheckIntervalSeconds = 300, o.alb.healthCheckTimeoutSeconds = 120;
  o.alb.deregistrationDelaySeconds = 0;  // below R: IN4 info only
  o.alb.slowStartSeconds = 30, o.alb.idleTimeoutSeconds = 1;
  const auto vs = check(knobsFor(kInst), o);
  EXPECT_FALSE(hasErrors(vs)) << ids(vs);
}

TEST(Check, AgicThresholdTwentyIsAccepted) {
  Observed o = goodManifest(kAgic);
  o.agic.probeUnhealthyThreshold = 20;
  const auto vs = check(knobsFor(kAgic), o);
  EXPECT_FALSE(has(vs, "AG5")) << ids(vs);
  EXPECT_TRUE(has(vs, "AG6"));  // 20 x 5 + 3 s is far from aggressive
}

TEST(Check, AgicCapsThePodThresholdAtTwenty) {
  Observed o = goodManifest(kAgic);
  o.containers[0].readinessProbe->failureThreshold = 30;
  const Effective e = effective(knobsFor(kAgic), o);
  EXPECT_EQ(e.agic.probeUnhealthyThreshold.value, 20);
  EXPECT_EQ(e.agic.probeUnhealthyThreshold.origin, Origin::Derived);
  EXPECT_FALSE(has(check(knobsFor(kAgic), o), "AG5"));
}

TEST(Check, NoPrestopReportsOnlyK1) {
  Observed o = goodManifest(kIp);
  o.containers[0].preStop = PreStopKind::None;
  const auto vs = check(knobsFor(kIp), o);
  EXPECT_TRUE(has(vs, "K1"));
  EXPECT_FALSE(has(vs, "K4"));
  EXPECT_FALSE(has(vs, "IP3"));
}

TEST(Check, NativeSleepZeroPassesK1ButNotK4) {
  Observed o = goodManifest(kIp);
  o.containers[0].preStop = PreStopKind::NativeSleep;
  o.containers[0].preStopSeconds = 0;
  const auto vs = check(knobsFor(kIp), o);
  EXPECT_FALSE(has(vs, "K1")) << ids(vs);
  EXPECT_TRUE(has(vs, "K4"));
  EXPECT_TRUE(has(vs, "IP3"));
}

TEST(Check, IpFloorWithoutK4) {
  Observed o = goodManifest(kIp);
  o.containers[0].preStopSeconds = 20;  // = E + B, above the floor 15
  EXPECT_TRUE(check(knobsFor(kIp), o).empty());
}

TEST(Check, InstanceReplacesA4WithIN4) {
  Observed o = goodManifest(kInst);
  o.alb.deregistrationDelaySeconds = 5;
  const auto vs = check(knobsFor(kInst), o);
  EXPECT_TRUE(has(vs, "IN4"));
  EXPECT_FALSE(has(vs, "A4"));
  EXPECT_FALSE(has(vs, "IP4"));
}

TEST(Check, KeepAliveAboveIdleIsQuiet) {
  Knobs k = knobsFor(kIp);
  k.lbc.keepAliveSeconds = 65;
  EXPECT_TRUE(check(k, goodManifest(kIp)).empty());
}

TEST(Check, GateOffInConfigDoesNotAskForTheLabel) {
  Knobs k = knobsFor(kIp);
  k.lbc.readinessGate = false;
  Observed o = goodManifest(kIp);
  o.namespaceGateLabel = false;
  o.minReadySeconds = 30;  // IP2 satisfied the other way
  EXPECT_TRUE(check(k, o).empty()) << ids(check(k, o));
}

TEST(Check, IP1NamesTheNamespaceAndTheLabel) {
  Observed o = goodManifest(kIp);
  o.namespaceGateLabel = false;
  o.namespaceInInput = false;
  const auto vs = check(knobsFor(kIp), o);
  const Violation* v = find(vs, "IP1");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->message.find("\"shop\""), std::string::npos) << v->message;
  EXPECT_NE(v->message.find("elbv2.k8s.aws/pod-readiness-gate-inject=enabled"), std::string::npos);
  EXPECT_NE(v->message.find("not in the input"), std::string::npos);
}

TEST(Check, K2MessageShowsTheSum) {
  Observed o = goodManifest(kIp);
  o.terminationGracePeriodSeconds = 30;
  const auto vs = check(knobsFor(kIp), o);
  const Violation* v = find(vs, "K2");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->message,
            "K2: grace period 30 s must be >= preStop 30 s + shutdown 15 s + margin 5 s = 50 s");
  EXPECT_EQ(v->field, "terminationGracePeriodSeconds");
}

TEST(Check, StatefulSetHasNoSurgeRules) {
  Observed o = goodManifest(kIp);
  o.kind = WorkloadKind::StatefulSet;
  o.maxSurge = kZero;  // ignored: StatefulSets have none
  o.maxUnavailable.reset();
  o.progressDeadlineSeconds.reset();
  const auto vs = check(knobsFor(kIp), o);
  EXPECT_TRUE(vs.empty()) << ids(vs);
}

TEST(Check, RecreateSkipsRollingUpdateRules) {
  Observed o = goodManifest(kIp);
  o.strategy = StrategyType::Recreate;
  o.maxSurge = kZero;
  const auto vs = check(knobsFor(kIp), o);
  EXPECT_FALSE(has(vs, "K6"));
  EXPECT_TRUE(has(vs, "Z1"));
}

TEST(Check, UnavailableAsStrictAsThePresetIsQuiet) {
  Knobs k = knobsFor(kIp);
  k.maxUnavailable = IntOrPercent{1, false};
  Observed o = goodManifest(kIp);
  o.maxUnavailable = IntOrPercent{10, true};  // 10% of 3 replicas = 0 <= 1
  EXPECT_FALSE(has(check(k, o), "Z4"));
  o.replicas = 30;  // 3 > 1
  EXPECT_TRUE(has(check(k, o), "Z4"));
}

// ------------------------------------------------------------------------------------------
// Effective values and where they came from.

TEST(Effective, FillsKubernetesAndControllerDefaults) {
  const Effective e = effective(knobsFor(kIp), emptyManifest());
  EXPECT_EQ(e.terminationGracePeriodSeconds.value, 30);
  EXPECT_EQ(e.terminationGracePeriodSeconds.origin, Origin::Default);
  EXPECT_EQ(e.strategy.value, StrategyType::RollingUpdate);
  EXPECT_EQ(e.maxSurge->value, kQuarter);
  EXPECT_EQ(e.maxUnavailable.value, kQuarter);
  EXPECT_EQ(e.minReadySeconds.value, 0);
  EXPECT_EQ(e.progressDeadlineSeconds->value, 600);
  EXPECT_EQ(e.shutdownSeconds.value, 15);
  EXPECT_EQ(e.shutdownSeconds.origin, Origin::Config);
  EXPECT_EQ(e.containers[0].preStopSeconds->value, 0);
  EXPECT_EQ(e.alb.targetType.value, "instance");
  EXPECT_EQ(e.alb.deregistrationDelaySeconds.value, 300);
  EXPECT_EQ(e.alb.healthCheckIntervalSeconds.value, 15);
  EXPECT_EQ(e.alb.healthCheckTimeoutSeconds.value, 5);
  EXPECT_EQ(e.alb.healthyThresholdCount.value, 2);
  EXPECT_EQ(e.alb.unhealthyThresholdCount.value, 2);
  EXPECT_EQ(e.alb.idleTimeoutSeconds.value, 60);
  EXPECT_FALSE(e.agic.connectionDraining.value);
  EXPECT_EQ(e.agic.drainingTimeoutSeconds.value, 30);
  EXPECT_EQ(e.agic.requestTimeoutSeconds.value, 30);
  EXPECT_EQ(e.agic.probeIntervalSeconds.value, 30);  // no httpGet probe: App Gateway default
  EXPECT_EQ(e.agic.probeTimeoutSeconds.value, 30);
  EXPECT_EQ(e.agic.probeUnhealthyThreshold.value, 3);
  EXPECT_EQ(e.serviceType.value, ServiceType::ClusterIP);
}

TEST(Effective, ProbeDefaultsAndAgicDerivation) {
  Observed o = emptyManifest();
  o.containers[0].readinessProbe =
      ObservedProbe{true, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  o.agic.probeTimeoutSeconds = 4;
  const Effective e = effective(knobsFor(kAgic), o);
  const EffectiveProbe& p = *e.containers[0].readinessProbe;
  EXPECT_EQ(p.periodSeconds.value, 10);
  EXPECT_EQ(p.timeoutSeconds.value, 1);
  EXPECT_EQ(p.failureThreshold.value, 3);
  EXPECT_EQ(e.agic.probeIntervalSeconds.value, 10);
  EXPECT_EQ(e.agic.probeIntervalSeconds.origin, Origin::Derived);
  EXPECT_EQ(e.agic.probeTimeoutSeconds.value, 4);
  EXPECT_EQ(e.agic.probeTimeoutSeconds.origin, Origin::Manifest);
}

TEST(Effective, KindDefaults) {
  Observed o = emptyManifest();
  o.kind = WorkloadKind::DaemonSet;
  Effective e = effective(knobsFor(kIp), o);
  EXPECT_EQ(e.maxSurge->value, kZero);
  EXPECT_EQ(e.maxUnavailable.value, (IntOrPercent{1, false}));
  EXPECT_FALSE(e.progressDeadlineSeconds);
  EXPECT_FALSE(e.replicas);
  o.kind = WorkloadKind::StatefulSet;
  e = effective(knobsFor(kIp), o);
  EXPECT_FALSE(e.maxSurge);
  EXPECT_EQ(e.replicas->value, 1);
}

TEST(Effective, ShutdownOverrideComesFromTheManifest) {
  Observed o = emptyManifest();
  o.shutdownSecondsOverride = 60;
  const Effective e = effective(knobsFor(kIp), o);
  EXPECT_EQ(e.shutdownSeconds.value, 60);
  EXPECT_EQ(e.shutdownSeconds.origin, Origin::Manifest);
}

// ------------------------------------------------------------------------------------------
// Plan on an empty manifest gives the preset numbers.

TEST(Plan, EmptyManifestAlbIp) {
  Observed o = emptyManifest();
  o.namespaceInInput = true;
  const Knobs k = knobsFor(kIp);
  const Evaluation ev = evaluate(k, o);
  const Plan& p = ev.plan;
  ASSERT_TRUE(p.containers[0].preStopSeconds);
  EXPECT_EQ(p.containers[0].preStopSeconds->value, 30);
  EXPECT_EQ(p.containers[0].preStopSeconds->rule, "K1");
  EXPECT_EQ(p.containers[0].preStopKind, PreStopKind::ExecSleep);
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 50);
  EXPECT_EQ(p.terminationGracePeriodSeconds->rule, "K2");
  EXPECT_EQ(p.maxUnavailable->value, kZero);
  EXPECT_EQ(p.maxUnavailable->rule, "Z4");
  EXPECT_FALSE(p.maxSurge);  // the default 25% is what the preset wants
  EXPECT_EQ(p.alb.targetType->value, "ip");
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->value, 30);
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->rule, "IP4");  // AWS's 300 outlives G = 50
  EXPECT_EQ(p.alb.healthCheckIntervalSeconds->value, 10);
  EXPECT_EQ(p.alb.healthCheckIntervalSeconds->rule, "Z0");
  // Every LB setting is written, even where the controller default agrees.
  EXPECT_EQ(p.alb.healthCheckTimeoutSeconds->value, 5);
  EXPECT_EQ(p.alb.healthyThresholdCount->value, 2);
  EXPECT_EQ(p.alb.unhealthyThresholdCount->value, 2);
  EXPECT_TRUE(p.namespaceGateLabel && p.namespaceGateLabel->value);
  EXPECT_FALSE(p.minReadySeconds);  // gate on: M 0
  EXPECT_FALSE(p.progressDeadlineSeconds);
  const Effective& a = ev.after;
  EXPECT_EQ(a.alb.healthCheckTimeoutSeconds.value, 5);
  EXPECT_EQ(a.alb.healthyThresholdCount.value, 2);
  EXPECT_EQ(a.alb.unhealthyThresholdCount.value, 2);
  EXPECT_EQ(a.minReadySeconds.value, 0);
  EXPECT_EQ(a.progressDeadlineSeconds->value, 600);
  EXPECT_EQ(a.maxSurge->value, kQuarter);
}

TEST(Plan, EmptyManifestAlbInstance) {
  const Evaluation ev = evaluate(knobsFor(kInst), emptyManifest());
  const Plan& p = ev.plan;
  EXPECT_EQ(p.containers[0].preStopSeconds->value, 15);
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 35);
  EXPECT_EQ(p.minReadySeconds->value, 5);
  EXPECT_EQ(p.minReadySeconds->rule, "IN5");
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->value, 30);
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->rule, "Z0");
  // Written even though LBC's defaults agree: the manifest says what the LB does.
  EXPECT_EQ(p.alb.targetType->value, "instance");
  EXPECT_EQ(p.alb.healthCheckIntervalSeconds->value, 15);
  EXPECT_FALSE(p.namespaceGateLabel);
  EXPECT_EQ(p.maxUnavailable->value, kZero);
  EXPECT_EQ(ev.after.alb.healthCheckIntervalSeconds.value, 15);
  ASSERT_EQ(p.notes.size(), 2u);
  EXPECT_EQ(p.notes[0].id, "IN1");
  EXPECT_EQ(p.notes[1].id, "IN3");
  EXPECT_EQ(p.notes[1].severity, Severity::Info);
}

TEST(Plan, EmptyManifestAgic) {
  Observed o = emptyManifest();
  o.containers[0].readinessProbe =
      ObservedProbe{true, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  const Evaluation ev = evaluate(knobsFor(kAgic), o);
  const Plan& p = ev.plan;
  EXPECT_EQ(p.containers[0].preStopSeconds->value, 90);
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 110);
  EXPECT_EQ(p.agic.connectionDraining->value, true);
  EXPECT_EQ(p.agic.connectionDraining->rule, "AG3");
  EXPECT_EQ(p.agic.drainingTimeoutSeconds->value, 30);  // explicit, though AGIC's default agrees
  EXPECT_EQ(p.agic.requestTimeoutSeconds->value, 30);
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->value, 5);
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->rule, "AG6");
  EXPECT_EQ(p.containers[0].readinessTimeoutSeconds->value, 3);
  EXPECT_FALSE(p.containers[0].readinessFailureThreshold);
  EXPECT_FALSE(p.minReadySeconds);
  EXPECT_FALSE(p.alb.deregistrationDelaySeconds);
  EXPECT_FALSE(p.alb.targetType);
  const Effective& a = ev.after;
  EXPECT_EQ(a.agic.probeIntervalSeconds.value, 5);
  EXPECT_EQ(a.agic.probeTimeoutSeconds.value, 3);
  EXPECT_EQ(a.agic.probeUnhealthyThreshold.value, 3);
  EXPECT_EQ(a.agic.drainingTimeoutSeconds.value, 30);
  EXPECT_EQ(a.agic.requestTimeoutSeconds.value, 30);
  EXPECT_TRUE(ev.violationsAfter.empty()) << ids(ev.violationsAfter);
}

TEST(Plan, NativeSleepWhenTheClusterHasIt) {
  Observed o = emptyManifest();
  o.nativeSleepAllowed = true;
  EXPECT_EQ(plan(knobsFor(kIp), o).containers[0].preStopKind, PreStopKind::NativeSleep);
  o.containers[0].preStop = PreStopKind::ExecSleep;  // an existing exec sleep keeps its form
  o.containers[0].preStopSeconds = 5;
  EXPECT_EQ(plan(knobsFor(kIp), o).containers[0].preStopKind, PreStopKind::ExecSleep);
}

// K9 is about exec sleeps only: the native action runs in the kubelet, and a container without
// a hook is K1's. The plan never switches an existing hook's form, so K9 stays, saying why.
TEST(Check, K9OnlyForAnExecSleepInAnImageWithoutSleep) {
  Observed o = goodManifest(kIp);
  o.nativeSleepAllowed = true;  // the config's default
  o.containers[0].image = "gcr.io/distroless/static-debian12";
  o.containers[0].noSleepBinary = "as a distroless image (only its debug tags carry busybox)";
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  const Violation* v = find(ev.violationsAfter, "K9");
  ASSERT_NE(v, nullptr) << ids(ev.violationsAfter);
  EXPECT_NE(v->message.find("image \"gcr.io/distroless/static-debian12\" has no sleep binary, "
                            "as a distroless image"),
            std::string::npos)
      << v->message;
  EXPECT_NE(v->message.find("not fixed: an existing hook keeps its form"), std::string::npos)
      << v->message;
  EXPECT_EQ(v->field, FieldRef("preStopSeconds", "app"));
  o.containers[0].preStop = PreStopKind::NativeSleep;
  const auto native = check(knobsFor(kIp), o);
  EXPECT_EQ(find(native, "K9"), nullptr);
  o.containers[0].preStop = PreStopKind::None;
  const auto none = check(knobsFor(kIp), o);
  EXPECT_EQ(find(none, "K9"), nullptr);
}

// K10 wants the proxy up for preStop + shutdown (30 + 15 s here), or a native sidecar. A hook
// whose length is unknown counts as the preset's sleep, as for the grace period.
TEST(Check, K10CoveredByALongEnoughProxyOrANativeSidecar) {
  const Knobs k = knobsFor(kIp);
  Observed o = goodManifest(kIp);
  o.mesh.mesh = Mesh::Linkerd;
  o.mesh.injectedBy = "Namespace \"shop\" annotation linkerd.io/inject: \"enabled\"";
  o.mesh.proxySetting = "config.alpha.linkerd.io/proxy-wait-before-exit-seconds";
  o.mesh.proxySeconds = 44;
  const auto short44 = check(k, o);
  const Violation* v = find(short44, "K10");
  ASSERT_NE(v, nullptr) << ids(short44);
  EXPECT_NE(v->message.find("44 s after deletion (config.alpha.linkerd.io/"
                            "proxy-wait-before-exit-seconds), before preStop 30 s + shutdown 15 s "
                            "= 45 s"),
            std::string::npos)
      << v->message;
  EXPECT_EQ(v->field, FieldRef("meshProxy"));
  o.mesh.proxySeconds = 45;
  const auto enough = check(k, o);
  EXPECT_EQ(find(enough, "K10"), nullptr);
  o.containers[0].preStop = PreStopKind::Other;  // unknown length: the preset's 30 s
  o.containers[0].preStopSeconds.reset();
  const auto other = check(k, o);
  EXPECT_EQ(find(other, "K10"), nullptr);
  o.mesh.proxySeconds = 0;
  o.mesh.nativeSidecar = true;
  const auto native = check(k, o);
  EXPECT_EQ(find(native, "K10"), nullptr);
  o.mesh = ObservedMesh{};
  const auto none = check(k, o);
  EXPECT_EQ(find(none, "K10"), nullptr);
}

// A new hook is written as an exec sleep only where the native action is off; in an image
// without sleep that new hook is reported too.
TEST(Plan, NewExecHookInAnImageWithoutSleepIsReported) {
  Observed o = emptyManifest();
  o.containers[0].noSleepBinary = "as a Chainguard image (only its -dev variants carry a shell)";
  o.nativeSleepAllowed = true;
  const Evaluation native = evaluate(knobsFor(kIp), o);
  EXPECT_EQ(find(native.violationsAfter, "K9"), nullptr);
  o.nativeSleepAllowed = false;
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  const Violation* v = find(ev.violationsAfter, "K9");
  ASSERT_NE(v, nullptr) << ids(ev.violationsAfter);
  EXPECT_NE(v->message.find("not fixed: nativeSleep is false"), std::string::npos) << v->message;
}

// ------------------------------------------------------------------------------------------
// After the plan: no errors, for every preset, from clean and from messy manifests.

Observed messyManifest() {
  Observed o = emptyManifest();
  o.containers[0].preStop = PreStopKind::NativeSleep;
  o.containers[0].preStopSeconds = 3;
  o.containers[0].readinessProbe = ObservedProbe{true, 0, 0, 0, std::nullopt, std::nullopt};
  o.containers.push_back(
      ObservedContainer{"sidecar", PreStopKind::ExecSleep, 200, std::nullopt, std::nullopt});
  o.terminationGracePeriodSeconds = 10;
  o.maxSurge = kZero, o.maxUnavailable = kZero;
  o.minReadySeconds = 700, o.progressDeadlineSeconds = 100;
  o.alb = ObservedAlb{"ip", 3601, 0, std::nullopt, 301, 400, 1, 11, 60, false};
  o.agic = ObservedAgic{false, 0, 0, 0, 90000, 21, ""};
  return o;
}

Observed withKind(Observed o, WorkloadKind kind) {
  o.kind = kind;
  return o;
}

TEST(Evaluate, AfterPlanHasNoErrorsForEveryPreset) {
  const Observed inputs[] = {emptyManifest(), goodManifest(kIp), messyManifest(),
                             withKind(messyManifest(), WorkloadKind::DaemonSet),
                             withKind(messyManifest(), WorkloadKind::StatefulSet)};
  for (PresetId id : kAllPresets) {
    for (const Observed& o : inputs) {
      const Evaluation ev = evaluate(knobsFor(id), o);
      EXPECT_FALSE(hasErrors(ev.violationsAfter))
          << presetName(id) << ": " << ids(ev.violationsAfter);
      for (const Violation& v : ev.violationsAfter) {
        EXPECT_NE(v.message.find("; not fixed: "), std::string::npos) << v.message;
      }
    }
  }
}

TEST(Evaluate, PlanIsIdempotent) {
  Observed recreate = messyManifest();
  recreate.strategy = StrategyType::Recreate;
  recreate.containers[1].preStop = PreStopKind::Other;
  const Observed inputs[] = {emptyManifest(),
                             messyManifest(),
                             goodManifest(kAgic),
                             recreate,
                             withKind(messyManifest(), WorkloadKind::DaemonSet),
                             withKind(emptyManifest(), WorkloadKind::StatefulSet)};
  for (PresetId id : kAllPresets) {
    const Knobs k = knobsFor(id);
    for (const Observed& o : inputs) {
      const Observed once = applyPlan(o, plan(k, o));
      const Plan again = plan(k, once);
      EXPECT_TRUE(changes(again).empty()) << presetName(id) << ":\n" << joined(changes(again));
    }
  }
}

TEST(Evaluate, MessyManifestIsRepairedAlbIp) {
  const Evaluation ev = evaluate(knobsFor(kIp), messyManifest());
  const Plan& p = ev.plan;
  EXPECT_EQ(p.containers[0].preStopSeconds->value, 30);
  EXPECT_EQ(p.containers[0].preStopKind, PreStopKind::NativeSleep);
  EXPECT_FALSE(p.containers[1].preStopSeconds);            // sidecar sleeps 200: longer, kept
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 220);  // 200 + 15 + 5
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->rule, "K7");
  EXPECT_EQ(p.alb.healthCheckIntervalSeconds->value, 10);
  EXPECT_EQ(p.alb.healthCheckTimeoutSeconds->value, 5);
  EXPECT_EQ(p.alb.healthyThresholdCount->value, 2);
  EXPECT_EQ(p.alb.unhealthyThresholdCount->value, 2);
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->value, 30);
  EXPECT_EQ(p.alb.deregistrationDelaySeconds->rule, "A3");
  EXPECT_FALSE(p.minReadySeconds);                            // 700 is stricter than needed: kept
  EXPECT_EQ(p.progressDeadlineSeconds->value, 700 + 10 + 5);  // no gate: M + Rp + B
  EXPECT_EQ(p.progressDeadlineSeconds->rule, "K5");
  EXPECT_EQ(p.maxSurge->value, kQuarter);
  EXPECT_EQ(p.maxSurge->rule, "K6");
}

TEST(Evaluate, MessyManifestIsRepairedAgic) {
  const Evaluation ev = evaluate(knobsFor(kAgic), messyManifest());
  const Plan& p = ev.plan;
  EXPECT_EQ(p.agic.connectionDraining->value, true);
  EXPECT_EQ(p.agic.drainingTimeoutSeconds->value, 30);
  EXPECT_EQ(p.agic.drainingTimeoutSeconds->rule, "AG3");
  EXPECT_EQ(p.agic.requestTimeoutSeconds->value, 30);
  EXPECT_EQ(p.agic.requestTimeoutSeconds->rule, "AG4");
  EXPECT_EQ(p.agic.probeIntervalSeconds->value, 5);
  EXPECT_EQ(p.agic.probeIntervalSeconds->rule, "AG5");
  EXPECT_EQ(p.agic.probeTimeoutSeconds->value, 3);
  EXPECT_EQ(p.agic.probeUnhealthyThreshold->value, 3);
  EXPECT_EQ(p.agic.probeUnhealthyThreshold->rule, "AG5");
  // The sidecar has no probe; App Gateway copies the app's httpGet probe, so no AG8.
  EXPECT_TRUE(ev.violationsAfter.size() == 1 && ev.violationsAfter[0].id == "Z3")
      << ids(ev.violationsAfter);
}

// ------------------------------------------------------------------------------------------
// A user's stricter values are kept.

TEST(Plan, LongGraceStays) {
  Observed o = goodManifest(kIp);
  o.terminationGracePeriodSeconds = 300;
  const Plan p = plan(knobsFor(kIp), o);
  EXPECT_FALSE(p.terminationGracePeriodSeconds);
  EXPECT_TRUE(changes(p).empty()) << joined(changes(p));
}

TEST(Plan, LongSleepStaysAndGraceFollows) {
  Observed o = goodManifest(kIp);
  o.containers[0].preStopSeconds = 60;
  const Plan p = plan(knobsFor(kIp), o);
  EXPECT_FALSE(p.containers[0].preStopSeconds);
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 80);
  EXPECT_EQ(p.terminationGracePeriodSeconds->rule, "K2");
}

TEST(Plan, LongDelayKeptWhenGraceAllowsIt) {
  Observed o = goodManifest(kIp);
  o.terminationGracePeriodSeconds = 300;
  o.alb.deregistrationDelaySeconds = 300;
  EXPECT_FALSE(plan(knobsFor(kIp), o).alb.deregistrationDelaySeconds);
}

TEST(Plan, StricterProbeAndRolloutValuesStay) {
  Observed o = goodManifest(kAgic);
  o.containers[0].readinessProbe = httpProbe(2, 1, 2);
  o.minReadySeconds = 60;
  o.maxSurge = IntOrPercent{50, true};
  o.progressDeadlineSeconds = 300;
  o.agic.probeIntervalSeconds = 2;  // stricter than the probe: kept
  EXPECT_TRUE(changes(plan(knobsFor(kAgic), o)).empty())
      << joined(changes(plan(knobsFor(kAgic), o)));
}

TEST(Plan, LooserProbeIsTightened) {
  Observed o = goodManifest(kIp);
  o.containers[0].readinessProbe = httpProbe(30, 5, 10);
  const Plan p = plan(knobsFor(kIp), o);
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->value, 10);
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->rule, "Z0");
  EXPECT_EQ(p.containers[0].readinessFailureThreshold->value, 3);
  EXPECT_FALSE(p.containers[0].readinessTimeoutSeconds);  // a valid timeout is the user's call
}

TEST(Plan, PinnedGraceIsAFloor) {
  Knobs k = knobsFor(kIp);
  k.terminationGracePeriodSeconds = 120;
  Plan p = plan(k, goodManifest(kIp));
  EXPECT_EQ(p.terminationGracePeriodSeconds->value, 120);
  EXPECT_EQ(p.terminationGracePeriodSeconds->rule, "Z0");
  k.terminationGracePeriodSeconds = 20;  // below P + S + B: K2 wins
  p = plan(k, goodManifest(kIp));
  EXPECT_FALSE(p.terminationGracePeriodSeconds);
}

TEST(Plan, ShutdownOverrideSizesTheGrace) {
  Observed o = goodManifest(kIp);
  o.shutdownSecondsOverride = 60;
  EXPECT_EQ(plan(knobsFor(kIp), o).terminationGracePeriodSeconds->value, 95);
}

// ------------------------------------------------------------------------------------------
// Reported, never rewritten.

TEST(Plan, RecreateIsReportedNotRewritten) {
  Observed o = goodManifest(kIp);
  o.strategy = StrategyType::Recreate;
  o.maxUnavailable = kQuarter;
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  EXPECT_FALSE(ev.plan.maxSurge);
  EXPECT_FALSE(ev.plan.maxUnavailable);
  const Violation* v = find(ev.violationsAfter, "Z1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->severity, Severity::Warning);
  EXPECT_NE(v->message.find("never rewritten"), std::string::npos) << v->message;
}

TEST(Plan, ScriptPreStopIsReportedNotRewritten) {
  Observed o = goodManifest(kAgic);
  o.containers[0].preStop = PreStopKind::Other;
  o.containers[0].preStopSeconds.reset();
  o.terminationGracePeriodSeconds = 30;
  const Evaluation ev = evaluate(knobsFor(kAgic), o);
  EXPECT_FALSE(ev.plan.containers[0].preStopSeconds);
  // G is still sized as if the hook took the preset's sleep.
  EXPECT_EQ(ev.plan.terminationGracePeriodSeconds->value, 110);
  const Violation* v = find(ev.violationsAfter, "Z2");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->message.find("never rewritten"), std::string::npos) << v->message;
}

TEST(Plan, DaemonSetGetsSurge) {
  Observed o = emptyManifest();
  o.kind = WorkloadKind::DaemonSet;
  const Plan p = plan(knobsFor(kInst), o);
  EXPECT_EQ(p.maxUnavailable->value, kZero);
  EXPECT_EQ(p.maxUnavailable->rule, "Z4");
  EXPECT_EQ(p.maxSurge->value, kQuarter);
  EXPECT_EQ(p.maxSurge->rule, "K6");
  EXPECT_FALSE(p.progressDeadlineSeconds);
}

TEST(Plan, StatefulSetRolloutUntouchedAndWarned) {
  Observed o = emptyManifest();
  o.kind = WorkloadKind::StatefulSet;
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  EXPECT_FALSE(ev.plan.maxSurge);
  EXPECT_FALSE(ev.plan.maxUnavailable);
  EXPECT_TRUE(has(ev.violationsAfter, "Z5"));
}

// ------------------------------------------------------------------------------------------
// Boundary repairs.

TEST(Plan, TimeoutEqualToIntervalIsShortened) {
  Observed o = goodManifest(kIp);
  o.alb.healthCheckTimeoutSeconds = 10;
  Plan p = plan(knobsFor(kIp), o);
  EXPECT_FALSE(p.alb.healthCheckIntervalSeconds);
  EXPECT_EQ(p.alb.healthCheckTimeoutSeconds->value, 5);
  EXPECT_EQ(p.alb.healthCheckTimeoutSeconds->rule, "A1");
  o.alb.healthCheckIntervalSeconds = 5, o.alb.healthCheckTimeoutSeconds = 5;
  p = plan(knobsFor(kIp), o);
  EXPECT_FALSE(p.alb.healthCheckIntervalSeconds);
  EXPECT_EQ(p.alb.healthCheckTimeoutSeconds->value, 4);
}

TEST(Plan, OutOfRangeIntervalsTakeThePresetValue) {
  for (int64_t hi : {4, 301}) {
    Observed o = goodManifest(kIp);
    o.alb.healthCheckIntervalSeconds = hi;
    const Plan p = plan(knobsFor(kIp), o);
    EXPECT_EQ(p.alb.healthCheckIntervalSeconds->value, 10) << hi;
    EXPECT_EQ(p.alb.healthCheckIntervalSeconds->rule, "A1") << hi;
  }
}

TEST(Plan, DeregistrationDelayMovesToTheNearestBound) {
  struct Case {
    int64_t d, want;
    const char* rule;
  };
  for (Case c : {Case{3601, 30, "A3"}, Case{300, 50, "IP4"}, Case{5, 10, "A4"}}) {
    Observed o = goodManifest(kIp);
    o.alb.deregistrationDelaySeconds = c.d;
    const Plan p = plan(knobsFor(kIp), o);
    ASSERT_TRUE(p.alb.deregistrationDelaySeconds) << c.d;
    EXPECT_EQ(p.alb.deregistrationDelaySeconds->value, c.want) << c.d;
    EXPECT_EQ(p.alb.deregistrationDelaySeconds->rule, c.rule) << c.d;
  }
  Observed o = goodManifest(kInst);
  o.alb.deregistrationDelaySeconds = 3600;  // instance mode: no upper bound but AWS's
  EXPECT_FALSE(plan(knobsFor(kInst), o).alb.deregistrationDelaySeconds);
}

TEST(Plan, AgicThreshold21IsRepaired) {
  Observed o = goodManifest(kAgic);
  o.agic.probeUnhealthyThreshold = 21;
  const Evaluation ev = evaluate(knobsFor(kAgic), o);
  EXPECT_EQ(ev.plan.agic.probeUnhealthyThreshold->value, 3);
  EXPECT_EQ(ev.plan.agic.probeUnhealthyThreshold->rule, "AG5");
  EXPECT_TRUE(ev.violationsAfter.empty()) << ids(ev.violationsAfter);
}

TEST(Plan, AgicAnnotationsAbsentAreNotAdded) {
  const Plan p = plan(knobsFor(kAgic), goodManifest(kAgic));
  EXPECT_FALSE(p.agic.probeIntervalSeconds);
  EXPECT_FALSE(p.agic.probeTimeoutSeconds);
  EXPECT_FALSE(p.agic.probeUnhealthyThreshold);
}

TEST(Plan, AgicWithoutHttpProbeCannotFixTheProbe) {
  Observed o = goodManifest(kAgic);
  o.containers[0].readinessProbe->isHttpGet = false;
  const Evaluation ev = evaluate(knobsFor(kAgic), o);
  const Violation* v = find(ev.violationsAfter, "AG6");
  ASSERT_NE(v, nullptr) << ids(ev.violationsAfter);
  EXPECT_NE(v->message.find("httpGet"), std::string::npos) << v->message;
  EXPECT_TRUE(has(ev.violationsAfter, "AG8"));
}

TEST(Plan, RequestLongerThanTheTimeoutsRaisesThem) {
  Knobs k = knobsFor(kAgic);
  k.longestRequestSeconds = 45;
  k.shutdownSeconds = 45;
  const Plan p = plan(k, goodManifest(kAgic));
  EXPECT_EQ(p.agic.drainingTimeoutSeconds->value, 45);
  EXPECT_EQ(p.agic.requestTimeoutSeconds->value, 45);
  EXPECT_EQ(p.agic.requestTimeoutSeconds->rule, "AG4");
}

TEST(Plan, NoGateRaisesMinReadyForIP2) {
  Observed o = emptyManifest();  // Namespace not in the input: cannot label it
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  ASSERT_TRUE(ev.plan.minReadySeconds);
  EXPECT_EQ(ev.plan.minReadySeconds->value, 30);  // E_reg 10 + HI 10 + HT 5 + B 5
  EXPECT_EQ(ev.plan.minReadySeconds->rule, "IP2");
  EXPECT_FALSE(ev.plan.namespaceGateLabel);
  EXPECT_FALSE(has(ev.violationsAfter, "IP2"));
  const Violation* v = find(ev.violationsAfter, "IP1");
  ASSERT_NE(v, nullptr);
  EXPECT_NE(v->message.find("cannot be labelled"), std::string::npos) << v->message;
}

TEST(Plan, K8RaisesTheDeadline) {
  Observed o = goodManifest(kIp);
  o.progressDeadlineSeconds = 20;
  const Plan p = plan(knobsFor(kIp), o);
  EXPECT_EQ(p.progressDeadlineSeconds->value, 40);
  EXPECT_EQ(p.progressDeadlineSeconds->rule, "K8");
}

TEST(Plan, ExplicitOtherTargetTypeIsReportedNotSwitched) {
  Observed o = emptyManifest();
  o.alb.targetType = "instance";
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  EXPECT_FALSE(ev.plan.alb.targetType);
  bool z6 = false;
  for (const Violation& v : ev.violationsAfter) z6 = z6 || v.id == "Z6";
  EXPECT_TRUE(z6);
}

TEST(Plan, AgicTunesANonHttpProbeAsPresetNotAsAG6) {
  Observed o = emptyManifest();
  o.containers[0].readinessProbe =
      ObservedProbe{false, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  const Plan p = plan(knobsFor(kAgic), o);
  ASSERT_TRUE(p.containers[0].readinessPeriodSeconds);
  EXPECT_EQ(p.containers[0].readinessPeriodSeconds->rule, "Z0");  // App Gateway does not copy it
  ASSERT_TRUE(p.containers[0].readinessTimeoutSeconds);
  EXPECT_EQ(p.containers[0].readinessTimeoutSeconds->rule, "Z0");  // 1 -> 3 s is slower, not AG6
}

TEST(Plan, DaemonSetWithHostPortKeepsItsRollout) {
  Observed o = emptyManifest();
  o.kind = WorkloadKind::DaemonSet;
  o.hostPortOrNetwork = true;
  const Evaluation ev = evaluate(knobsFor(kIp), o);
  EXPECT_FALSE(ev.plan.maxSurge);
  EXPECT_FALSE(ev.plan.maxUnavailable);
  bool z8 = false;
  for (const Violation& v : ev.violationsAfter) z8 = z8 || v.id == "Z8";
  EXPECT_TRUE(z8);
}

}  // namespace
}  // namespace zd::timing
