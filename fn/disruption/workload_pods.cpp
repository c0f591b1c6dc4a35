#include "disruption/workload_pods.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "krm/absent.h"

namespace zd::disruption {

Labels WorkloadPods::labelsOnce(size_t workload) const {
  return labelsOf(t_, t_.at(scope::podTemplateHolder(idx_, workload),
                            {"spec", "template", "metadata", "labels"}));
}

const Labels& WorkloadPods::labels(size_t workload) {
  auto it = labels_.find(workload);
  if (it != labels_.end()) return it->second;
  return labels_.emplace(workload, labelsOnce(workload)).first->second;
}

const std::vector<size_t>& WorkloadPods::inNamespace(std::string_view ns) {
  if (!byNamespaceBuilt_) {
    for (size_t i = 0; i < idx_.objects.size(); ++i) {
      const scope::ObjectInfo& o = idx_.objects[i];
      if (scope::isWorkload(o.kind) && !o.localConfig && !idx_.templateOf.count(i))
        byNamespace_[std::string(o.ns)].push_back(i);
    }
    byNamespaceBuilt_ = true;
  }
  static const std::vector<size_t> none;
  auto it = byNamespace_.find(ns);
  return it == byNamespace_.end() ? none : it->second;
}

// A selector with matchLabels can only pick workloads carrying its first label, and one with an In
// requirement those carrying one of its values: the index's workloadsByLabel has them. Otherwise
// the namespace's every workload is a candidate.
std::vector<size_t> WorkloadPods::selectedBy(const LabelSelector& sel, std::string_view ns) {
  static const std::vector<uint32_t> none;
  auto carrying = [&](const std::string& k, const std::string& v) -> const std::vector<uint32_t>& {
    auto it = idx_.workloadsByLabel.find(scope::labelKey(ns, k, v));
    return it == idx_.workloadsByLabel.end() ? none : it->second;
  };
  std::vector<size_t> candidates;
  bool indexed = false;
  if (!sel.matchLabels.empty()) {
    // The pair the fewest workloads carry: Helm's selectors share app.kubernetes.io/instance.
    const std::vector<uint32_t>* fewest = nullptr;
    for (const auto& [k, v] : sel.matchLabels) {
      const std::vector<uint32_t>& list = carrying(k, v);
      if (!fewest || list.size() < fewest->size()) fewest = &list;
    }
    candidates.assign(fewest->begin(), fewest->end());
    indexed = true;
  }
  for (const Requirement& r : sel.expressions) {
    if (indexed || r.op != Requirement::Op::In) continue;
    for (const std::string& v : r.values) {
      const std::vector<uint32_t>& list = carrying(r.key, v);
      candidates.insert(candidates.end(), list.begin(), list.end());
    }
    indexed = true;
  }
  if (!indexed) candidates = inNamespace(ns);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<size_t> out;
  for (size_t i : candidates) {
    if (matches(sel, labels(i))) out.push_back(i);
  }
  return out;
}

void WorkloadPods::buildSide() {
  if (sideBuilt_) return;
  sideBuilt_ = true;
  for (size_t i = 0; i < idx_.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx_.objects[i];
    if (o.kind != scope::ObjectKind::Other || o.localConfig) continue;
    const std::string_view kind = t_.str(t_.get(o.node, "kind"));
    yaml::NodeId labels = yaml::kNone;
    Owner owner = Owner::NoScale;
    if (kind == "Job") {
      labels = t_.at(o.node, {"spec", "template", "metadata", "labels"});
    } else if (kind == "CronJob") {
      labels = t_.at(o.node, {"spec", "jobTemplate", "spec", "template", "metadata", "labels"});
    } else if (kind == "Pod") {
      labels = t_.at(o.node, {"metadata", "labels"});
      owner = Owner::Unowned;
    } else if (kind == "ReplicaSet" || kind == "ReplicationController") {
      labels = t_.at(o.node, {"spec", "template", "metadata", "labels"});
      owner = Owner::Scaled;
    } else {
      continue;
    }
    side_[std::string(o.ns)].emplace_back(Side{i, owner}, labelsOf(t_, labels));
  }
}

std::vector<WorkloadPods::Side> WorkloadPods::sideSelectedBy(const LabelSelector& sel,
                                                             std::string_view ns) {
  buildSide();
  std::vector<Side> out;
  auto it = side_.find(ns);
  if (it == side_.end()) return out;
  for (const auto& [side, podLabels] : it->second) {
    if (matches(sel, podLabels)) out.push_back(side);
  }
  return out;
}

std::vector<std::string> WorkloadPods::meeting(std::string_view ns) {
  if (!ns.empty()) return {std::string(ns), ""};
  inNamespace("");  // builds byNamespace_
  buildSide();
  std::set<std::string> all{""};
  for (const auto& entry : byNamespace_) all.insert(entry.first);
  for (const auto& entry : side_) all.insert(entry.first);
  return {all.begin(), all.end()};
}

yaml::NodeId WorkloadPods::selectorNode(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                        size_t workload) {
  for (size_t holder : {workload, scope::podsObject(idx, workload)}) {
    const yaml::NodeId sel = krm::field(t, idx.objects[holder].node, {"spec", "selector"});
    if (t.isMap(sel)) return sel;
  }
  return yaml::kNone;
}

}  // namespace zd::disruption
