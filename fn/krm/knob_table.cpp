#include "krm/knob_table.h"

#include <cctype>

namespace zd::krm {

namespace {

// One accessor per group; a knob names its member, and the table stays a flat list.
template <auto M>
KnobPtr pod(timing::Knobs& k) {
  return &(static_cast<timing::PodKnobs&>(k).*M);
}
template <auto M>
KnobPtr lbc(timing::Knobs& k) {
  return &(k.lbc.*M);
}
template <auto M>
KnobPtr agic(timing::Knobs& k) {
  return &(k.agic.*M);
}
template <auto M>
KnobPtr agc(timing::Knobs& k) {
  return &(k.agc.*M);
}
template <auto M>
KnobPtr gke(timing::Knobs& k) {
  return &(k.gke.*M);
}
template <auto M>
KnobPtr ingress(timing::Knobs& k) {
  return &(k.ingress.*M);
}
template <auto M>
KnobPtr service(timing::Knobs& k) {
  return &(k.service.*M);
}
template <auto M>
KnobPtr gateway(timing::Knobs& k) {
  return &(k.gateway.*M);
}

}  // namespace

const std::vector<KnobField>& knobFields() {
  static const std::vector<KnobField> fields = {
      {"preStopSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::preStopSeconds>,
       "preStop sleep written on serving containers (P)",
       "Raised to at least minPreStopSeconds and lbPropagationSeconds + marginSeconds (K4); a "
       "longer sleep already in the manifest is kept."},
      {"minPreStopSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::minPreStopSeconds>,
       "lowest preStop sleep the preset accepts", "Floor of preStopSeconds (IP3, IN2, AG1, NL10)."},
      {"shutdownSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::shutdownSeconds>,
       "app shutdown allowance after SIGTERM (S)",
       "One workload can override it with the annotation zero-downtime.dev/shutdown-seconds. "
       "Should be >= longestRequestSeconds (K3)."},
      {"longestRequestSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::longestRequestSeconds>,
       "longest request that must complete (R)",
       "Drives K3, A4/IN4/NL4 (deregistration delay) and AG3/AG4 (draining and request timeouts)."},
      {"marginSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::marginSeconds>,
       "safety margin added to every budget (B)",
       "Used by K2 (grace >= preStop + shutdown + margin), K4 and K8."},
      {"lbPropagationSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::lbPropagationSeconds>,
       "lag from pod deletion until the LB sends no new requests (E)",
       "An estimate (no cloud documents it); K4 wants preStopSeconds >= this + marginSeconds."},
      {"registrationLagSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::registrationLagSeconds>,
       "lag from a new pod ready until its target is registered (E_reg)",
       "Used by IP2 and NL9 (minReadySeconds without a readiness gate) and K8."},
      {"terminationGracePeriodSeconds", KnobGroup::Pod,
       pod<&timing::PodKnobs::terminationGracePeriodSeconds>,
       "pin the grace period (G); default preStop + shutdown + margin",
       "Unset in every preset. The function writes the largest of preStop + shutdown + margin, "
       "this value and the manifest's own grace period, so a longer grace period is never lowered. "
       "A value below the preStop the config forces, max(preStopSeconds, minPreStopSeconds, "
       "lbPropagationSeconds + marginSeconds), + shutdownSeconds + marginSeconds is a config error "
       "(K2), and so is, with agic, one not above that preStop (AG2); checked by the function, not "
       "by the schema."},
      {"minReadySeconds", KnobGroup::Pod, pod<&timing::PodKnobs::minReadySeconds>,
       "Deployment minReadySeconds (M)", "Must stay below progressDeadlineSeconds (K5)."},
      {"progressDeadlineSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::progressDeadlineSeconds>,
       "Deployment progressDeadlineSeconds (PD)", "Must exceed minReadySeconds (K5, K8)."},
      {"maxSurge", KnobGroup::Pod, pod<&timing::PodKnobs::maxSurge>,
       "rolling update maxSurge, integer or percent",
       "maxSurge 0 needs a non-zero maxUnavailable (K6; every preset has maxUnavailable 0). "
       "Percent at most 100%."},
      {"maxUnavailable", KnobGroup::Pod, pod<&timing::PodKnobs::maxUnavailable>,
       "rolling update maxUnavailable, integer or percent",
       "A looser maxUnavailable in a workload is lowered to this and reported (Z4). Percent at "
       "most 100%."},
      {"readinessPeriodSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::readinessPeriodSeconds>,
       "readiness probe periodSeconds (Rp)", "For agic also the App Gateway probe interval (AG5)."},
      {"readinessTimeoutSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::readinessTimeoutSeconds>,
       "readiness probe timeoutSeconds (Rt)", "For agic also the App Gateway probe timeout (AG5)."},
      {"readinessFailureThreshold", KnobGroup::Pod,
       pod<&timing::PodKnobs::readinessFailureThreshold>, "readiness probe failureThreshold (Rf)",
       "For agic also the App Gateway unhealthy threshold (AG5, capped at 20)."},
      {"targetType", KnobGroup::TargetGroup, lbc<&timing::LbcKnobs::targetType>,
       "target type: ip or instance",
       "Anything else is an error (checked by the function and the schema)."},
      {"readinessGate", KnobGroup::TargetGroup, lbc<&timing::LbcKnobs::readinessGate>,
       "label namespaces for the controller's pod readiness gate injection",
       "Target type ip only (alb-ip, nlb-ip): labels the workload's Namespace "
       "elbv2.k8s.aws/pod-readiness-gate-inject=enabled when the Namespace is in the input, else a "
       "warning (IP1, NL8)."},
      {"deregistrationDelaySeconds", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::deregistrationDelaySeconds>, "target-group deregistration delay (D)",
       "Written as deregistration_delay.timeout_seconds into the target-group-attributes "
       "annotation (alb.ingress.kubernetes.io/ on an Ingress or its Service; "
       "service.beta.kubernetes.io/aws-load-balancer- on an NLB's Service); AWS accepts 0..3600 "
       "(A3, NL3)."},
      {"healthCheckIntervalSeconds", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::healthCheckIntervalSeconds>,
       "target-group health-check interval (HI)",
       "AWS accepts 5..300. An ALB's must exceed healthCheckTimeoutSeconds (A1), an NLB's may "
       "equal "
       "it (NL1); a config that breaks this is an error, checked by the function, not by the "
       "schema."},
      {"healthCheckTimeoutSeconds", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::healthCheckTimeoutSeconds>, "target-group health-check timeout (HT)",
       "AWS accepts 2..120; an ALB's must be below healthCheckIntervalSeconds (A1), an NLB's at "
       "most "
       "equal (NL1; checked by the function)."},
      {"healthyThresholdCount", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::healthyThresholdCount>, "target-group healthy threshold count (HH)",
       "AWS accepts 2..10 (A2, NL2)."},
      {"unhealthyThresholdCount", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::unhealthyThresholdCount>,
       "target-group unhealthy threshold count (UT)", "AWS accepts 2..10 (A2, NL2)."},
      {"idleTimeoutSeconds", KnobGroup::Alb, lbc<&timing::LbcKnobs::idleTimeoutSeconds>,
       "ALB idle timeout (I)", "AWS accepts 1..4000; the app keep-alive must exceed it (A5)."},
      {"keepAliveSeconds", KnobGroup::Alb, lbc<&timing::LbcKnobs::keepAliveSeconds>,
       "app keep-alive idle timeout (K); unset: not checked",
       "Unset in both ALB presets; set it to have A5 check that it exceeds idleTimeoutSeconds."},
      {"connectionDraining", KnobGroup::Agic, agic<&timing::AgicKnobs::connectionDraining>,
       "App Gateway connection draining on",
       "The appgw.ingress.kubernetes.io/connection-draining annotation (AG3)."},
      {"drainingTimeoutSeconds", KnobGroup::Agic, agic<&timing::AgicKnobs::drainingTimeoutSeconds>,
       "App Gateway draining timeout (C)",
       "Azure accepts 1..3600; should be >= longestRequestSeconds (AG3)."},
      {"requestTimeoutSeconds", KnobGroup::Agic, agic<&timing::AgicKnobs::requestTimeoutSeconds>,
       "App Gateway request timeout (Q)",
       "Azure accepts 1..86400; should be >= longestRequestSeconds (AG4)."},
      {"probeIntervalSeconds", KnobGroup::Agc, agc<&timing::AgcKnobs::probeIntervalSeconds>,
       "Application Gateway for Containers health-probe interval",
       "The HealthCheckPolicy's interval, or without one the readiness probe's period it "
       "derives its probe from; a shorter one is kept (AC2)."},
      {"probeTimeoutSeconds", KnobGroup::Agc, agc<&timing::AgcKnobs::probeTimeoutSeconds>,
       "Application Gateway for Containers health-probe timeout",
       "Below probeIntervalSeconds; a user value below the interval is kept (AC2)."},
      {"probeHealthyThreshold", KnobGroup::Agc, agc<&timing::AgcKnobs::probeHealthyThreshold>,
       "passing probes before Application Gateway for Containers sends a pod requests",
       "A lower one is kept (AC2); with probeIntervalSeconds it sets AC5's minReadySeconds."},
      {"probeUnhealthyThreshold", KnobGroup::Agc, agc<&timing::AgcKnobs::probeUnhealthyThreshold>,
       "failed probes before Application Gateway for Containers stops sending a pod requests",
       "A lower one is kept (AC2)."},
      {"routeTimeoutSeconds", KnobGroup::Agc, agc<&timing::AgcKnobs::routeTimeoutSeconds>,
       "Application Gateway for Containers route timeout (Q)",
       "A RoutePolicy's routeTimeout for a route, an IngressExtension's requestTimeout for an "
       "Ingress; must be >= longestRequestSeconds (AC3)."},
      {"checkIntervalSec", KnobGroup::Gke, gke<&timing::GkeKnobs::checkIntervalSec>,
       "GKE load-balancer health-check interval (HI)",
       "A BackendConfig's or HealthCheckPolicy's checkIntervalSec; GCE accepts 1..300, a shorter "
       "one is kept (GK2, GK7)."},
      {"checkTimeoutSec", KnobGroup::Gke, gke<&timing::GkeKnobs::checkTimeoutSec>,
       "GKE load-balancer health-check timeout (HT)",
       "At most checkIntervalSec (GCE refuses a longer one); a shorter user value is kept (GK2)."},
      {"healthyThreshold", KnobGroup::Gke, gke<&timing::GkeKnobs::healthyThreshold>,
       "passing health checks before GKE's load balancer sends a pod requests (HH)",
       "GCE accepts 1..10; a lower one is kept (GK2); with checkIntervalSec it sets GK6's "
       "minReadySeconds."},
      {"unhealthyThreshold", KnobGroup::Gke, gke<&timing::GkeKnobs::unhealthyThreshold>,
       "failed health checks before GKE's load balancer stops sending a pod requests (UT)",
       "GCE accepts 1..10; a lower one is kept (GK2)."},
      {"drainingTimeoutSec", KnobGroup::Gke, gke<&timing::GkeKnobs::drainingTimeoutSec>,
       "GKE connection draining timeout (C)",
       "connectionDraining.drainingTimeoutSec of the BackendConfig or GCPBackendPolicy; GCE "
       "accepts 0..3600; kept between longestRequestSeconds and the grace period less "
       "lbPropagationSeconds (GK4)."},
      {"backendTimeoutSec", KnobGroup::Gke, gke<&timing::GkeKnobs::backendTimeoutSec>,
       "GKE backend service timeout (Q)",
       "timeoutSec of the BackendConfig or GCPBackendPolicy, written when absent and GCE's "
       "default (30 s) is below longestRequestSeconds, or when shorter than it (GK5)."},
      {"negByDefault", KnobGroup::Gke, gke<&timing::GkeKnobs::negByDefault>,
       "Services get network endpoint groups without the cloud.google.com/neg annotation",
       "On: the cluster is VPC-native and GKE gives an Ingress's Services NEGs by default. Off: "
       "a Service without the annotation {\"ingress\": true} gets instance groups, outside "
       "gke-neg's model (GK8)."},
      {"ingressClassNames", KnobGroup::Ingress, ingress<&timing::IngressKnobs::ingressClassNames>,
       "ingress class names of the preset's controller (comma-separated in a ConfigMap)",
       "Matched against spec.ingressClassName, or without one the kubernetes.io/ingress.class "
       "annotation; gke-neg reads only the annotation, as GKE does."},
      {"ingressControllers", KnobGroup::Ingress, ingress<&timing::IngressKnobs::ingressControllers>,
       "IngressClass spec.controller values of the preset's controller",
       "An Ingress whose spec.ingressClassName names an IngressClass in the input with one of "
       "these controllers is in scope too. In a ConfigMap: comma-separated."},
      {"loadBalancerClasses", KnobGroup::LoadBalancerService,
       service<&timing::LoadBalancerServiceKnobs::loadBalancerClasses>,
       "Service spec.loadBalancerClass values of the preset's controller (comma-separated in a "
       "ConfigMap)",
       "A Service of type LoadBalancer with one of these classes is in scope; one with another "
       "class is not, whatever its annotations say."},
      {"serviceMutatorWebhook", KnobGroup::LoadBalancerService,
       service<&timing::LoadBalancerServiceKnobs::serviceMutatorWebhook>,
       "the cluster runs the controller's Service webhook, which gives new LoadBalancer Services "
       "its class",
       "On (the controller's Helm chart default, enableServiceMutatorWebhook): the webhook gives "
       "every new Service of type LoadBalancer without spec.loadBalancerClass the controller's "
       "class, so such a Service is in scope, an `external` one without a target type too. Off: "
       "a Service of type LoadBalancer without a class is in scope only with the type annotation "
       "nlb-ip, or external and a target type; external without one is reported (nothing serves "
       "it), others get a Classic Load Balancer and are left alone. A Service typed nlb is left "
       "alone either way (NL12)."},
      {"gatewayControllers", KnobGroup::Gateway, gateway<&timing::GatewayKnobs::gatewayControllers>,
       "GatewayClass spec.controllerName values of the preset's controller (comma-separated in a "
       "ConfigMap)",
       "A route (HTTPRoute, GRPCRoute; TCPRoute, TLSRoute, UDPRoute for an NLB) whose parent "
       "Gateway's class is a GatewayClass of the input with one of these controllers is in "
       "scope."},
      {"gatewayClassNames", KnobGroup::Gateway, gateway<&timing::GatewayKnobs::gatewayClassNames>,
       "GatewayClass names of the preset's controller, for classes not in the input "
       "(comma-separated in a ConfigMap)",
       "A route whose parent Gateway (in the input) names one of these classes is in scope when "
       "the GatewayClass itself is not in the input, as when a platform team owns it."},
      {"gatewayNames", KnobGroup::Gateway, gateway<&timing::GatewayKnobs::gatewayNames>,
       "parent Gateways of the preset's controller that are not in the input, as namespace/name "
       "or name (comma-separated in a ConfigMap)",
       "A route whose parentRefs name one of these Gateways is in scope; a bare name matches "
       "that Gateway in any namespace. A route whose parent Gateway is neither in the input nor "
       "named here is reported, since nothing says which controller serves it."},
      {"targetGroupConfigurationApiVersion", KnobGroup::TargetGroup,
       lbc<&timing::LbcKnobs::targetGroupConfigurationApiVersion>,
       "apiVersion of the TargetGroupConfiguration objects the function creates",
       "gateway.k8s.aws/v1beta1 or gateway.k8s.aws/v1. Existing objects of either version are "
       "read and merged as they are."},
  };
  return fields;
}

const KnobField* findKnob(const std::string& name) {
  for (const KnobField& f : knobFields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

bool isOptional(const KnobField& f) {
  timing::Knobs probe;
  return std::holds_alternative<std::optional<int64_t>*>(f.in(probe));
}

const std::vector<std::string>& choicesOf(const KnobField& f) {
  static const std::vector<std::string> none,
      targetTypes = {"ip", "instance"},
      tgcVersions = {"gateway.k8s.aws/v1beta1", "gateway.k8s.aws/v1"};
  const std::string name = f.name;
  if (name == "targetType") return targetTypes;
  if (name == "targetGroupConfigurationApiVersion") return tgcVersions;
  return none;
}

namespace {

struct KindOf {
  ValueKind operator()(int64_t*) const { return ValueKind::Count; }
  ValueKind operator()(std::optional<int64_t>*) const { return ValueKind::Count; }
  ValueKind operator()(timing::IntOrPercent*) const { return ValueKind::IntOrPercent; }
  ValueKind operator()(bool*) const { return ValueKind::Bool; }
  ValueKind operator()(std::string*) const { return ValueKind::String; }
  ValueKind operator()(std::vector<std::string>*) const { return ValueKind::StringList; }
};

struct TextOf {
  std::string operator()(int64_t* v) const { return std::to_string(*v); }
  std::string operator()(std::optional<int64_t>* v) const {
    return *v ? std::to_string(**v) : "unset";
  }
  std::string operator()(timing::IntOrPercent* v) const { return v->str(); }
  std::string operator()(bool* v) const { return *v ? "true" : "false"; }
  std::string operator()(std::string* v) const { return v->empty() ? "\"\"" : *v; }
  std::string operator()(std::vector<std::string>* v) const {
    std::string out;
    for (const std::string& s : *v) out += (out.empty() ? "" : ", ") + s;
    return "[" + out + "]";
  }
};

}  // namespace

std::string knobMeaning(const KnobField& f) {
  std::string help = f.help;
  help[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(help[0])));
  return help + ". " + f.detail;
}

ValueKind kindOf(const KnobField& f) {
  timing::Knobs probe;
  return std::visit(KindOf{}, f.in(probe));
}

std::string valueText(const KnobField& f, timing::Knobs& k) {
  return std::visit(TextOf{}, f.in(k));
}

const char* groupName(KnobGroup group) {
  switch (group) {
    case KnobGroup::Pod:
      return "pod side";
    case KnobGroup::TargetGroup:
      return "AWS Load Balancer Controller target group";
    case KnobGroup::Alb:
      return "ALB";
    case KnobGroup::Agic:
      return "AGIC";
    case KnobGroup::Ingress:
      return "Ingress front door";
    case KnobGroup::LoadBalancerService:
      return "LoadBalancer Service front door";
    case KnobGroup::Gateway:
      return "Gateway API route front door";
    case KnobGroup::Agc:
      return "Application Gateway for Containers";
    case KnobGroup::Gke:
      return "GKE container-native load balancing";
  }
  return "pod side";  // unreachable: silences -Wreturn-type for out-of-range casts
}

std::vector<const KnobField*> knobsOf(KnobGroup group) {
  std::vector<const KnobField*> out;
  for (const KnobField& f : knobFields()) {
    if (f.group == group) out.push_back(&f);
  }
  return out;
}

std::string kebab(const std::string& camel) {
  std::string out;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      out += '-';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace zd::krm
