#include "adapters/agc/fields.h"

#include <cctype>

namespace zd::adapters::agc {

const FieldTable& routeFields() {
  using H = Holder;
  static const FieldTable table = {
      {"probeIntervalSeconds", H::Policy, "spec.default.interval", ""},
      {"probeTimeoutSeconds", H::Policy, "spec.default.timeout", ""},
      {"probeHealthyThreshold", H::Policy, "spec.default.healthyThreshold", ""},
      {"probeUnhealthyThreshold", H::Policy, "spec.default.unhealthyThreshold", ""},
      {"routeTimeoutSeconds", H::FrontDoorPolicy, "RoutePolicy spec.default.timeouts.routeTimeout",
       ""},
  };
  return table;
}

const FieldTable& ingressFields() {
  using H = Holder;
  static const FieldTable table = {
      {"probeIntervalSeconds", H::FrontDoorPolicy,
       "IngressExtension spec.backendSettings[].healthCheck.interval", ""},
      {"probeTimeoutSeconds", H::FrontDoorPolicy,
       "IngressExtension spec.backendSettings[].healthCheck.timeout", ""},
      {"probeHealthyThreshold", H::FrontDoorPolicy,
       "IngressExtension spec.backendSettings[].healthCheck.healthyThreshold", ""},
      {"probeUnhealthyThreshold", H::FrontDoorPolicy,
       "IngressExtension spec.backendSettings[].healthCheck.unhealthyThreshold", ""},
      {"routeTimeoutSeconds", H::FrontDoorPolicy,
       "IngressExtension spec.backendSettings[].timeouts.requestTimeout", ""},
  };
  return table;
}

const FieldSpot& spot(std::string_view field) { return requireSpot(routeFields(), field); }

std::string_view probeKey(std::string_view field) {
  if (field == "probeIntervalSeconds") return "interval";
  if (field == "probeTimeoutSeconds") return "timeout";
  if (field == "probeHealthyThreshold") return "healthyThreshold";
  if (field == "probeUnhealthyThreshold") return "unhealthyThreshold";
  return "";
}

// Go's time.ParseDuration units that a timeout may use: h, m, s, ms (us and ns round up to 1 s).
std::optional<int64_t> durationSeconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t millis = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      if (n > 100000000) return std::nullopt;
      n = n * 10 + (text[i++] - '0');
    }
    if (i == start) return std::nullopt;
    size_t unit = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const std::string_view u = text.substr(unit, i - unit);
    if (u == "h")
      millis += n * 3600000;
    else if (u == "m")
      millis += n * 60000;
    else if (u == "s")
      millis += n * 1000;
    else if (u == "ms")
      millis += n;
    else if (u == "us" || u == "µs" || u == "ns")
      millis += n > 0 ? 1 : 0;
    else
      return std::nullopt;
  }
  return (millis + 999) / 1000;
}

}  // namespace zd::adapters::agc
