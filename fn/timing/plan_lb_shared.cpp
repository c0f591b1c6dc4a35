// What every adapter's plan does with a load-balancer setting: keep a valid user value, and
// write the preset's otherwise, saying why.
#include "timing/model_detail.h"

namespace zd::timing::detail {

// A valid user value stays; an absent or out-of-range one becomes the preset's (A1, A2).
int64_t keepInRange(const Sourced<int64_t>& v, Range range, int64_t knob) {
  if (v.origin == Origin::Manifest && range.holds(v.value)) return v.value;
  return knob;
}

// Load-balancer settings are written even when the controller's default would
// give the same number: the manifest then says what the LB does, and a change
// of controller default cannot undo it.
void setIfChanged(std::optional<Change<int64_t>>& out, const Sourced<int64_t>& cur, int64_t want,
                  const char* rule, const std::string& what, const char* unit) {
  if (cur.origin == Origin::Manifest && cur.value == want) return;
  if (cur.value == want) {
    out =
        change(want, rule, cat(what, " ", want, unit, " must be written out (it is the default)"));
    return;
  }
  const char* how = cur.origin == Origin::Manifest ? "" : ", the default";
  out = change(want, rule, cat(what, " must be ", want, unit, " (was ", cur.value, unit, how, ")"));
}

int64_t keepStricter(const Sourced<int64_t>& v, Range range, int64_t knob) {
  return v.origin == Origin::Manifest && range.holds(v.value) && v.value <= knob ? v.value : knob;
}

void mergeStricter(std::optional<Change<int64_t>>& out, const Sourced<int64_t>& v, Range range,
                   int64_t knob, const char* rangeRule, const char* looseRule,
                   const std::string& what, const char* unit) {
  const char* rule = v.origin == Origin::Manifest && !range.holds(v.value) ? rangeRule
                     : v.value > knob                                      ? looseRule
                                                                           : kPresetRule;
  setIfChanged(out, v, keepStricter(v, range, knob), rule, what, unit);
}

void planThresholds(const Knobs& k, const Sourced<int64_t>& hh, const Sourced<int64_t>& ut,
                    Range range, const char* rule, std::optional<Change<int64_t>>& hhOut,
                    std::optional<Change<int64_t>>& utOut) {
  setIfChanged(hhOut, hh, keepInRange(hh, range, k.lbc.healthyThresholdCount),
               range.holds(hh.value) ? kPresetRule : rule, "healthy threshold", "");
  setIfChanged(utOut, ut, keepInRange(ut, range, k.lbc.unhealthyThresholdCount),
               range.holds(ut.value) ? kPresetRule : rule, "unhealthy threshold", "");
}

std::string keepTargetType(bool viaGateway, const char* annotation, const std::string& current) {
  if (viaGateway)
    return cat("set targetType: ", current,
               " in the Service's TargetGroupConfiguration to keep the current ones");
  return cat("write ", annotation, ": ", current, " to keep the current ones");
}

std::string defaultTargetTypeWritten(const std::string& current) {
  return cat("target type ", current,
             " must be written out (it is the default of the controller's --default-target-type "
             "flag, which an operator may change)");
}

void checkTargetType(const Knobs& k, const std::string& targetType, Sink& s) {
  if (k.lbc.targetType.empty() || targetType == k.lbc.targetType) return;
  s.add("Z6", kWarning, "targetType",
        cat("target type ", targetType, " must be ", k.lbc.targetType, " for preset ",
            presetName(k.preset)));
}

}  // namespace zd::timing::detail
