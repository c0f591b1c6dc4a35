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
KnobPtr alb(timing::Knobs& k) {
  return &(k.alb.*M);
}
template <auto M>
KnobPtr agic(timing::Knobs& k) {
  return &(k.agic.*M);
}
template <auto M>
KnobPtr ingress(timing::Knobs& k) {
  return &(k.ingress.*M);
}

}  // namespace

const std::vector<KnobField>& knobFields() {
  static const std::vector<KnobField> fields = {
      {"preStopSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::preStopSeconds>,
       "preStop sleep written on serving containers (P)"},
      {"minPreStopSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::minPreStopSeconds>,
       "lowest preStop sleep the preset accepts"},
      {"shutdownSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::shutdownSeconds>,
       "app shutdown allowance after SIGTERM (S)"},
      {"longestRequestSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::longestRequestSeconds>,
       "longest request that must complete (R)"},
      {"marginSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::marginSeconds>,
       "safety margin added to every budget (B)"},
      {"lbPropagationSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::lbPropagationSeconds>,
       "lag from pod deletion until the LB sends no new requests (E)"},
      {"registrationLagSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::registrationLagSeconds>,
       "lag from a new pod ready until its target is registered (E_reg)"},
      {"terminationGracePeriodSeconds", KnobGroup::Pod,
       pod<&timing::PodKnobs::terminationGracePeriodSeconds>,
       "pin the grace period (G); default preStop + shutdown + margin"},
      {"minReadySeconds", KnobGroup::Pod, pod<&timing::PodKnobs::minReadySeconds>,
       "Deployment minReadySeconds (M)"},
      {"progressDeadlineSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::progressDeadlineSeconds>,
       "Deployment progressDeadlineSeconds (PD)"},
      {"maxSurge", KnobGroup::Pod, pod<&timing::PodKnobs::maxSurge>,
       "rolling update maxSurge, integer or percent"},
      {"maxUnavailable", KnobGroup::Pod, pod<&timing::PodKnobs::maxUnavailable>,
       "rolling update maxUnavailable, integer or percent"},
      {"readinessPeriodSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::readinessPeriodSeconds>,
       "readiness probe periodSeconds (Rp)"},
      {"readinessTimeoutSeconds", KnobGroup::Pod, pod<&timing::PodKnobs::readinessTimeoutSeconds>,
       "readiness probe timeoutSeconds (Rt)"},
      {"readinessFailureThreshold", KnobGroup::Pod,
       pod<&timing::PodKnobs::readinessFailureThreshold>, "readiness probe failureThreshold (Rf)"},
      {"targetType", KnobGroup::Alb, alb<&timing::AlbKnobs::targetType>,
       "ALB target type: ip or instance"},
      {"readinessGate", KnobGroup::Alb, alb<&timing::AlbKnobs::readinessGate>,
       "label namespaces for ALB pod readiness gate injection"},
      {"deregistrationDelaySeconds", KnobGroup::Alb,
       alb<&timing::AlbKnobs::deregistrationDelaySeconds>, "ALB deregistration delay (D)"},
      {"healthCheckIntervalSeconds", KnobGroup::Alb,
       alb<&timing::AlbKnobs::healthCheckIntervalSeconds>, "ALB health-check interval (HI)"},
      {"healthCheckTimeoutSeconds", KnobGroup::Alb,
       alb<&timing::AlbKnobs::healthCheckTimeoutSeconds>, "ALB health-check timeout (HT)"},
      {"healthyThresholdCount", KnobGroup::Alb, alb<&timing::AlbKnobs::healthyThresholdCount>,
       "ALB healthy threshold count (HH)"},
      {"unhealthyThresholdCount", KnobGroup::Alb, alb<&timing::AlbKnobs::unhealthyThresholdCount>,
       "ALB unhealthy threshold count (UT)"},
      {"idleTimeoutSeconds", KnobGroup::Alb, alb<&timing::AlbKnobs::idleTimeoutSeconds>,
       "ALB idle timeout (I)"},
      {"keepAliveSeconds", KnobGroup::Alb, alb<&timing::AlbKnobs::keepAliveSeconds>,
       "app keep-alive idle timeout (K); unset: not checked"},
      {"connectionDraining", KnobGroup::Agic, agic<&timing::AgicKnobs::connectionDraining>,
       "App Gateway connection draining on"},
      {"drainingTimeoutSeconds", KnobGroup::Agic, agic<&timing::AgicKnobs::drainingTimeoutSeconds>,
       "App Gateway draining timeout (C)"},
      {"requestTimeoutSeconds", KnobGroup::Agic, agic<&timing::AgicKnobs::requestTimeoutSeconds>,
       "App Gateway request timeout (Q)"},
      {"ingressClassNames", KnobGroup::Ingress, ingress<&timing::IngressKnobs::ingressClassNames>,
       "ingress class names of the preset's controller (comma-separated in a ConfigMap)"},
      {"ingressControllers", KnobGroup::Ingress, ingress<&timing::IngressKnobs::ingressControllers>,
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

bool isOptional(const KnobField& f) {
  timing::Knobs probe;
  return std::holds_alternative<std::optional<int64_t>*>(f.in(probe));
}

const char* groupName(KnobGroup group) {
  switch (group) {
    case KnobGroup::Pod:
      return "pod side";
    case KnobGroup::Alb:
      return "ALB";
    case KnobGroup::Agic:
      return "AGIC";
    case KnobGroup::Ingress:
      return "Ingress front door";
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
