#include "disruption/budget.h"

#include <algorithm>

#include "krm/absent.h"
#include "rewrite/read_values.h"

namespace zd::disruption {

namespace {

using yaml::NodeId;

// The API server refuses a percentage over 100% and any negative value (policy's
// ValidatePodDisruptionBudgetSpec); Reader::intOrPercent refuses the rest of what is no
// IntOrString.
std::optional<timing::IntOrPercent> readValue(const yaml::Tree& t, NodeId spec, const char* key,
                                              rewrite::Reader& rd) {
  const NodeId n = krm::field(t, spec, key);
  const std::string path = std::string("spec.") + key;
  const std::string text(t.isScalar(n) ? t.str(n) : "");
  if (!text.empty() && text.back() == '%') {
    const std::string digits = text.substr(0, text.size() - 1);
    if (!digits.empty() && digits.size() < 10 &&
        digits.find_first_not_of("0123456789") == std::string::npos && std::stoll(digits) > 100) {
      rd.error(path, "must be at most 100%, not \"" + text + "\" (the API server refuses more)");
      return std::nullopt;
    }
  }
  if (!text.empty() && text[0] == '-') {
    rd.error(path, "must not be negative, not " + text + " (the API server refuses it)");
    return std::nullopt;
  }
  return rd.intOrPercent(n, path);
}

}  // namespace

// As apimachinery's GetScaledValueFromIntOrPercent with rounding up.
int64_t scaled(const timing::IntOrPercent& v, int64_t expected) {
  if (!v.percent) return v.value;
  return (v.value * expected + 99) / 100;
}

bool Budget::selects(const Labels& podLabels) const {
  if (!selector) return false;
  if (selector->empty()) return emptySelectsAll;
  return matches(*selector, podLabels);
}

std::optional<Budget> readBudget(const yaml::Tree& t, NodeId obj, size_t object,
                                 std::vector<krm::Result>& errors) {
  rewrite::Reader rd(t, obj, errors);
  const size_t before = errors.size();
  Budget b;
  b.object = object;
  b.emptySelectsAll = t.str(t.get(obj, "apiVersion")) != "policy/v1beta1";
  const NodeId spec = krm::field(t, obj, "spec");
  if (!krm::isAbsent(t, spec) && !t.isMap(spec)) {
    rd.error("spec", "must be a map");
    return std::nullopt;
  }
  b.selector = readSelector(t, krm::field(t, spec, "selector"), "spec.selector", rd);
  b.minAvailable = readValue(t, spec, "minAvailable", rd);
  b.maxUnavailable = readValue(t, spec, "maxUnavailable", rd);
  // policy/v1beta1 defaulted a budget that sets neither to minAvailable 1; policy/v1 leaves it
  // allowing every eviction.
  if (!b.minAvailable && !b.maxUnavailable && !b.emptySelectsAll)
    b.minAvailable = timing::IntOrPercent{1, false};
  if (b.minAvailable && b.maxUnavailable) {
    rd.error("spec.maxUnavailable",
             "and spec.minAvailable are both set; the API server accepts one of them only");
  }
  if (errors.size() != before) return std::nullopt;
  return b;
}

int64_t desiredHealthy(const Budget& b, int64_t expected) {
  if (b.maxUnavailable) return std::max<int64_t>(0, expected - scaled(*b.maxUnavailable, expected));
  if (b.minAvailable) return scaled(*b.minAvailable, expected);
  return 0;
}

std::string decidingField(const Budget& b) {
  if (b.maxUnavailable) return "spec.maxUnavailable";
  if (b.minAvailable) return "spec.minAvailable";
  return "";
}

}  // namespace zd::disruption
