#include "krm/knob_table.h"

#include <cctype>

namespace zd::krm {

using K = timing::Knobs;

const std::vector<KnobField>& knobFields() {
  static const std::vector<KnobField> fields = {
      {"preStopSeconds", &K::preStopSeconds, "preStop sleep written on serving containers (P)"},
      {"minPreStopSeconds", &K::minPreStopSeconds, "lowest preStop sleep the preset accepts"},
      {"shutdownSeconds", &K::shutdownSeconds, "app shutdown allowance after SIGTERM (S)"},
      {"longestRequestSeconds", &K::longestRequestSeconds,
       "longest request that must complete (R)"},
      {"marginSeconds", &K::marginSeconds, "safety margin added to every budget (B)"},
      {"lbPropagationSeconds", &K::lbPropagationSeconds,
       "lag from pod deletion until the LB sends no new requests (E)"},
      {"registrationLagSeconds", &K::registrationLagSeconds,
       "lag from a new pod ready until its target is registered (E_reg)"},
      {"terminationGracePeriodSeconds", &K::terminationGracePeriodSeconds,
       "pin the grace period (G); default preStop + shutdown + margin"},
      {"minReadySeconds", &K::minReadySeconds, "Deployment minReadySeconds (M)"},
      {"progressDeadlineSeconds", &K::progressDeadlineSeconds,
       "Deployment progressDeadlineSeconds (PD)"},
      {"maxSurge", &K::maxSurge, "rolling update maxSurge, integer or percent"},
      {"maxUnavailable", &K::maxUnavailable, "rolling update maxUnavailable, integer or percent"},
      {"readinessPeriodSeconds", &K::readinessPeriodSeconds, "readiness probe periodSeconds (Rp)"},
      {"readinessTimeoutSeconds", &K::readinessTimeoutSeconds,
       "readiness probe timeoutSeconds (Rt)"},
      {"readinessFailureThreshold", &K::readinessFailureThreshold,
       "readiness probe failureThreshold (Rf)"},
      {"targetType", &K::targetType, "ALB target type: ip or instance"},
      {"readinessGate", &K::readinessGate, "label namespaces for ALB pod readiness gate injection"},
      {"deregistrationDelaySeconds", &K::deregistrationDelaySeconds,
       "ALB deregistration delay (D)"},
      {"healthCheckIntervalSeconds", &K::healthCheckIntervalSeconds,
       "ALB health-check interval (HI)"},
      {"healthCheckTimeoutSeconds", &K::healthCheckTimeoutSeconds, "ALB health-check timeout (HT)"},
      {"healthyThresholdCount", &K::healthyThresholdCount, "ALB healthy threshold count (HH)"},
      {"unhealthyThresholdCount", &K::unhealthyThresholdCount,
       "ALB unhealthy threshold count (UT)"},
      {"idleTimeoutSeconds", &K::idleTimeoutSeconds, "ALB idle timeout (I)"},
      {"keepAliveSeconds", &K::keepAliveSeconds,
       "app keep-alive idle timeout (K); unset: not checked"},
      {"connectionDraining", &K::connectionDraining, "App Gateway connection draining on"},
      {"drainingTimeoutSeconds", &K::drainingTimeoutSeconds, "App Gateway draining timeout (C)"},
      {"requestTimeoutSeconds", &K::requestTimeoutSeconds, "App Gateway request timeout (Q)"},
      {"ingressClassNames", &K::ingressClassNames,
       "ingress class names of the preset's controller (comma-separated in a ConfigMap)"},
      {"ingressControllers", &K::ingressControllers,
       "IngressClass spec.controller values of the preset's controller"},
  };
  return fields;
}

const KnobField* findKnob(const std::string& name) {
  for (const KnobField& f : knobFields()) {
    if (name == f.name) return &f;
  }
  return nullptr;
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
