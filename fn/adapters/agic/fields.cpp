#include "adapters/agic/fields.h"

namespace zd::adapters::agic {

const FieldTable& fields() {
  using H = Holder;
  static const FieldTable table = {
      {"connectionDraining", H::FrontDoor, "appgw.ingress.kubernetes.io/connection-draining", ""},
      {"drainingTimeoutSeconds", H::FrontDoor,
       "appgw.ingress.kubernetes.io/connection-draining-timeout", ""},
      {"requestTimeoutSeconds", H::FrontDoor, "appgw.ingress.kubernetes.io/request-timeout", ""},
      {"probeIntervalSeconds", H::FrontDoor, "appgw.ingress.kubernetes.io/health-probe-interval",
       ""},
      {"probeTimeoutSeconds", H::FrontDoor, "appgw.ingress.kubernetes.io/health-probe-timeout", ""},
      {"probeUnhealthyThreshold", H::FrontDoor,
       "appgw.ingress.kubernetes.io/health-probe-unhealthy-threshold", ""},
  };
  return table;
}

const FieldSpot& spot(std::string_view field) { return requireSpot(fields(), field); }

}  // namespace zd::adapters::agic
