// The numbers a preset holds and a config may override. Pure data: no YAML
// types here. presets/*.yaml is the single source of truth for the values;
// this header only names them. Every field name is also the camelCase config
// key (ZeroDowntimePolicy spec, ConfigMap data key, and --kebab-case flag).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zd::timing {

enum class PresetId { AlbIp, AlbInstance, Agic, NlbIp, NlbInstance, Agc, GkeNeg };

const char* presetName(PresetId id);  // "alb-ip", ...
std::optional<PresetId> presetFromName(const std::string& name);

// An int-or-percent, as in maxSurge/maxUnavailable ("25%" or 1).
struct IntOrPercent {
  int64_t value = 0;
  bool percent = false;
  bool operator==(const IntOrPercent& o) const { return value == o.value && percent == o.percent; }
  bool isZero() const { return value == 0; }
  std::string str() const { return percent ? std::to_string(value) + "%" : std::to_string(value); }
};

// The knobs are grouped by who reads them. The pod side (termination, rollout, readiness probe)
// is the model every load balancer shares (the K rules); each load-balancer adapter has a group
// of its own, and a preset file holds the pod side and its adapter's groups only
// (krm/knob_table.h lists the keys of each group).
struct PodKnobs {
  // Termination (docs/timing-model.md, "Quantities": P, S, R, B, E, E_reg).
  int64_t preStopSeconds = 0;                            // P, the preStop sleep we write
  int64_t minPreStopSeconds = 0;                         // floor of P (IP3 15, IN2 10, AG1 90)
  int64_t shutdownSeconds = 0;                           // S, app shutdown allowance after SIGTERM
  int64_t longestRequestSeconds = 0;                     // R
  int64_t marginSeconds = 0;                             // B
  int64_t lbPropagationSeconds = 0;                      // E, deletion -> LB sends no new requests
  int64_t registrationLagSeconds = 0;                    // E_reg, ready -> target registered
  std::optional<int64_t> terminationGracePeriodSeconds;  // G pinned by config; else P+S+B

  // Rollout (M, PD, MS, MU).
  int64_t minReadySeconds = 0;
  int64_t progressDeadlineSeconds = 0;
  IntOrPercent maxSurge;
  IntOrPercent maxUnavailable;

  // Readiness probe of the serving containers (Rp, Rt, Rf).
  int64_t readinessPeriodSeconds = 0;
  int64_t readinessTimeoutSeconds = 0;
  int64_t readinessFailureThreshold = 0;
};

// AWS Load Balancer Controller (alb-*, nlb-*): its target groups' settings, which its ALB and
// NLB adapters share (KnobGroup::TargetGroup: target type, gate, D, HI, HT, HH, UT), and the ALB's
// own (KnobGroup::Alb: I, K).
struct LbcKnobs {
  std::string targetType;      // "ip" | "instance"
  bool readinessGate = false;  // label namespaces for LBC gate injection
  int64_t deregistrationDelaySeconds = 0;
  int64_t healthCheckIntervalSeconds = 0;
  int64_t healthCheckTimeoutSeconds = 0;
  int64_t healthyThresholdCount = 0;
  int64_t unhealthyThresholdCount = 0;
  int64_t idleTimeoutSeconds = 0;
  std::optional<int64_t> keepAliveSeconds;  // app keep-alive; unset: A5 not checked
  // The TargetGroupConfiguration the function creates for a Service reached through a Gateway
  // API route: "gateway.k8s.aws/v1beta1" or "gateway.k8s.aws/v1".
  std::string targetGroupConfigurationApiVersion;
};

// Application Gateway Ingress Controller (agic): C, Q.
struct AgicKnobs {
  bool connectionDraining = false;
  int64_t drainingTimeoutSeconds = 0;
  int64_t requestTimeoutSeconds = 0;
};

// Application Gateway for Containers (agc): its health probe (a HealthCheckPolicy, else the one
// it derives from the readiness probe) and the route timeout (Q).
struct AgcKnobs {
  int64_t probeIntervalSeconds = 0;
  int64_t probeTimeoutSeconds = 0;
  int64_t probeHealthyThreshold = 0;
  int64_t probeUnhealthyThreshold = 0;
  int64_t routeTimeoutSeconds = 0;
};

// GKE container-native load balancing (gke-neg): the backend service's health check, connection
// draining (C) and timeout (Q), held by a BackendConfig (Ingress) or a HealthCheckPolicy and a
// GCPBackendPolicy (Gateway); named as GKE's fields are.
struct GkeKnobs {
  int64_t checkIntervalSec = 0;
  int64_t checkTimeoutSec = 0;
  int64_t healthyThreshold = 0;
  int64_t unhealthyThreshold = 0;
  int64_t drainingTimeoutSec = 0;
  int64_t backendTimeoutSec = 0;
  // Services get NEGs without the cloud.google.com/neg annotation (VPC-native clusters): the
  // manifests cannot show it.
  bool negByDefault = false;
};

// Which Services of type LoadBalancer belong to the preset's controller: the NLB's front door.
struct LoadBalancerServiceKnobs {
  std::vector<std::string> loadBalancerClasses;  // spec.loadBalancerClass values it serves
  // The controller's webhook gives every new LoadBalancer Service without a class or type
  // annotation its class (AWS Load Balancer Controller >= 2.5, enableServiceMutatorWebhook).
  bool serviceMutatorWebhook = false;
};

// Which Ingresses belong to the preset's controller: the front door of every Ingress adapter.
struct IngressKnobs {
  std::vector<std::string> ingressClassNames;   // spec.ingressClassName / annotation
  std::vector<std::string> ingressControllers;  // IngressClass spec.controller
};

// Which Gateway API routes belong to the preset's controller: those whose parent Gateway's
// GatewayClass names one of its controllers, or, when the GatewayClass or the Gateway is not in
// the input (a platform team owns them), a class or Gateway the config names.
struct GatewayKnobs {
  std::vector<std::string> gatewayControllers;  // GatewayClass spec.controllerName
  std::vector<std::string> gatewayClassNames;   // Gateway spec.gatewayClassName
  std::vector<std::string> gatewayNames;        // "namespace/name", or "name" in any namespace
};

// The groups above, as the knob table (krm/knob_table.h) and the adapters name them.
enum class KnobGroup {
  Pod,
  TargetGroup,
  Alb,
  Agic,
  Ingress,
  LoadBalancerService,
  Gateway,
  Agc,
  Gke
};

// A preset's numbers with the config's overrides. The groups of other adapters than the
// preset's keep their zero values and are never read.
struct Knobs : PodKnobs {
  PresetId preset = PresetId::AlbIp;
  LbcKnobs lbc;
  AgicKnobs agic;
  AgcKnobs agc;
  GkeKnobs gke;
  IngressKnobs ingress;
  LoadBalancerServiceKnobs service;
  GatewayKnobs gateway;
};

}  // namespace zd::timing
