// The input's PodDisruptionBudgets, found by the first of their matchLabels, the values of their
// first In requirement, or else by namespace, so that matching 100,000 workloads against as many
// budgets stays linear.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "disruption/budget.h"
#include "scope/object_index.h"

namespace zd::disruption {

class BudgetIndex {
 public:
  // The budgets of `namespaces`, and those without a namespace (all of them when one of
  // `namespaces` is ""): a budget elsewhere can select no pod of theirs. The malformed ones are
  // input errors, in `errors`.
  BudgetIndex(const yaml::Tree& t, const scope::ObjectIndex& idx,
              const std::set<std::string_view>& namespaces, std::vector<krm::Result>& errors);

  // The budgets of namespace `ns` whose selector matches pods with `labels`.
  std::vector<const Budget*> selecting(std::string_view ns, const Labels& labels) const;

  // Those of another namespace that may turn out to be `ns` when applied: a manifest without a
  // namespace lands in whichever one the apply uses (Helm's --namespace, kubectl's context), so a
  // budget without one may meet pods of any namespace, and pods without one a budget of any.
  std::vector<const Budget*> mayAlsoSelect(std::string_view ns, const Labels& labels) const;

 private:
  void take(const std::vector<size_t>& list, const Labels& labels, std::string_view notNs,
            std::vector<const Budget*>& out) const;

  std::vector<Budget> all_;
  std::unordered_map<std::string, std::vector<size_t>> byLabel_;        // "ns\0key=value"
  std::map<std::string, std::vector<size_t>, std::less<>> unlabelled_;  // by namespace
  std::unordered_map<std::string, std::vector<size_t>> anyNsByLabel_;   // "key=value"
  std::vector<size_t> anyNsUnlabelled_;
};

}  // namespace zd::disruption
