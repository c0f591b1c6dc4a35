// A PodDisruptionBudget as the disruption controller reads it, and its arithmetic: how many of a
// workload's pods must stay healthy, so whether a node drain may evict any of them at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "disruption/label_selector.h"
#include "krm/result.h"
#include "timing/knobs.h"
#include "yaml/tree.h"

namespace zd::disruption {

struct Budget {
  size_t object = 0;  // its object index
  std::string ns;     // its metadata.namespace ("" when unset)
  // nullopt: no selector (selects nothing); empty(): every pod of the namespace in policy/v1.
  std::optional<LabelSelector> selector;
  bool emptySelectsAll = true;  // policy/v1; policy/v1beta1's empty selector selects nothing
  std::optional<timing::IntOrPercent> minAvailable, maxUnavailable;
  bool selects(const Labels& podLabels) const;
};

// Reads spec.selector, spec.minAvailable and spec.maxUnavailable. A budget the API server would
// refuse (both set, a negative value, a percentage over 100%, a malformed selector) gives an
// error naming the field, and nullopt.
std::optional<Budget> readBudget(const yaml::Tree& t, yaml::NodeId obj, size_t object,
                                 std::vector<krm::Result>& errors);

// The pods that must stay healthy out of `expected`, as the disruption controller computes it:
// a percentage of minAvailable or maxUnavailable rounds up (so 90% of 2 keeps 2).
int64_t desiredHealthy(const Budget& b, int64_t expected);

// A minAvailable or maxUnavailable of `expected` pods: a percentage rounds up.
int64_t scaled(const timing::IntOrPercent& v, int64_t expected);

// The field that decides: "spec.maxUnavailable" or "spec.minAvailable" ("" when neither).
std::string decidingField(const Budget& b);

}  // namespace zd::disruption
