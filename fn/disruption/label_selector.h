// A Kubernetes label selector (metav1.LabelSelector: matchLabels and matchExpressions), as a
// PodDisruptionBudget and a workload's spec.selector write it, read strictly: a selector the API
// server would refuse is an input error naming its field, never a guess at what it selects.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rewrite/read_values.h"
#include "yaml/tree.h"

namespace zd::disruption {

struct Requirement {
  enum class Op { In, NotIn, Exists, DoesNotExist } op = Op::In;
  std::string key;
  std::vector<std::string> values;
};

struct LabelSelector {
  std::map<std::string, std::string> matchLabels;
  std::vector<Requirement> expressions;
  // Neither field: in policy/v1 a PodDisruptionBudget's empty selector selects every pod of its
  // namespace; policy/v1beta1's selected none.
  bool empty() const { return matchLabels.empty() && expressions.empty(); }
};

using Labels = std::map<std::string, std::string>;

// `node` is the selector's map at `path`; errors go through `rd`. nullopt when absent or refused.
std::optional<LabelSelector> readSelector(const yaml::Tree& t, yaml::NodeId node,
                                          const std::string& path, rewrite::Reader& rd);

// Every requirement holds for `labels` (an empty selector matches everything).
bool matches(const LabelSelector& s, const Labels& labels);

// A pod template's metadata.labels, string values only (what the API server keeps).
Labels labelsOf(const yaml::Tree& t, yaml::NodeId labelsMap);

}  // namespace zd::disruption
