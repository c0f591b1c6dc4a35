#include "adapters/agc/fields.h"

#include <cctype>
#include <cmath>
#include <string>

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

// As Go's time.ParseDuration reads it (a sign, decimal fractions, the units h, m, s, ms, us,
// ns), in whole seconds rounded away from zero; a negative one is returned as such, for AC7.
std::optional<int64_t> durationSeconds(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  if (!text.empty() && (text[0] == '+' || negative)) text.remove_prefix(1);
  if (text == "0") return 0;  // the one duration Go takes without a unit
  if (text.empty()) return std::nullopt;
  double seconds = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    const std::string number(text.substr(start, i - start));
    if (number.empty() || number == "." || number.find('.') != number.rfind('.'))
      return std::nullopt;
    const size_t unit = i;
    while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != '.')
      ++i;
    const std::string_view u = text.substr(unit, i - unit);
    double scale = 0;
    if (u == "h")
      scale = 3600;
    else if (u == "m")
      scale = 60;
    else if (u == "s")
      scale = 1;
    else if (u == "ms")
      scale = 1e-3;
    else if (u == "us" || u == "\xc2\xb5s" || u == "\xce\xbcs")
      scale = 1e-6;
    else if (u == "ns")
      scale = 1e-9;
    else
      return std::nullopt;
    seconds += std::stod(number) * scale;
    if (seconds > 1e9) return std::nullopt;
  }
  const auto whole = static_cast<int64_t>(std::ceil(seconds - 1e-9));
  return negative ? -whole : whole;
}

}  // namespace zd::adapters::agc
