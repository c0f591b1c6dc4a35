#include "disruption/budget_index.h"

#include <cstdint>
#include <set>

namespace zd::disruption {

namespace {

// The labels a pod must carry one of to be selected: the one of matchLabels that the fewest
// workloads of the namespace carry (Helm's selectors share app.kubernetes.io/instance across a
// release), or else the values of the first In requirement, each once (a pod has one value per
// key, so it meets the budget once). None: a candidate for every pod of its namespace.
std::vector<std::pair<std::string, std::string>> indexKeys(const LabelSelector& sel,
                                                           const scope::ObjectIndex& idx,
                                                           std::string_view ns) {
  if (!sel.matchLabels.empty()) {
    std::pair<std::string, std::string> best = *sel.matchLabels.begin();
    size_t fewest = SIZE_MAX;
    for (const auto& [k, v] : sel.matchLabels) {
      auto it = idx.workloadsByLabel.find(scope::labelKey(ns, k, v));
      const size_t n = it == idx.workloadsByLabel.end() ? 0 : it->second.size();
      if (n < fewest) {
        fewest = n;
        best = {k, v};
      }
    }
    return {best};
  }
  for (const Requirement& r : sel.expressions) {
    if (r.op != Requirement::Op::In) continue;
    std::set<std::string> values(r.values.begin(), r.values.end());
    std::vector<std::pair<std::string, std::string>> out;
    for (const std::string& v : values) out.emplace_back(r.key, v);
    return out;
  }
  return {};
}

}  // namespace

BudgetIndex::BudgetIndex(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const std::set<std::string_view>& namespaces,
                         std::vector<krm::Result>& errors) {
  const bool everyNamespace = namespaces.count("") > 0;
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx.objects[i];
    if (o.kind != scope::ObjectKind::PodDisruptionBudget || o.localConfig) continue;
    if (!everyNamespace && !o.ns.empty() && !namespaces.count(o.ns)) continue;
    std::optional<Budget> b = readBudget(t, o.node, i, errors);
    if (!b || !b->selector) continue;
    b->ns = std::string(o.ns);
    const size_t at = all_.size();
    const std::vector<std::pair<std::string, std::string>> keys =
        indexKeys(*b->selector, idx, o.ns);
    if (keys.empty()) {
      unlabelled_[b->ns].push_back(at);
      anyNsUnlabelled_.push_back(at);
    }
    for (const auto& [k, v] : keys) {
      byLabel_[scope::labelKey(o.ns, k, v)].push_back(at);
      anyNsByLabel_[k + "=" + v].push_back(at);
    }
    all_.push_back(std::move(*b));
  }
}

void BudgetIndex::take(const std::vector<size_t>& list, const Labels& labels,
                       std::string_view notNs, std::vector<const Budget*>& out) const {
  for (size_t i : list) {
    if (all_[i].ns != notNs && all_[i].selects(labels)) out.push_back(&all_[i]);
  }
}

std::vector<const Budget*> BudgetIndex::selecting(std::string_view ns, const Labels& labels) const {
  std::vector<const Budget*> out;
  if (auto it = unlabelled_.find(ns); it != unlabelled_.end()) {
    for (size_t i : it->second) {
      if (all_[i].selects(labels)) out.push_back(&all_[i]);
    }
  }
  for (const auto& [k, v] : labels) {
    auto it = byLabel_.find(scope::labelKey(ns, k, v));
    if (it == byLabel_.end()) continue;
    for (size_t i : it->second) {
      if (all_[i].selects(labels)) out.push_back(&all_[i]);
    }
  }
  return out;
}

std::vector<const Budget*> BudgetIndex::mayAlsoSelect(std::string_view ns,
                                                      const Labels& labels) const {
  if (!ns.empty()) return selecting("", labels);
  std::vector<const Budget*> out;
  take(anyNsUnlabelled_, labels, "", out);
  for (const auto& [k, v] : labels) {
    auto it = anyNsByLabel_.find(k + "=" + v);
    if (it != anyNsByLabel_.end()) take(it->second, labels, "", out);
  }
  return out;
}

}  // namespace zd::disruption
