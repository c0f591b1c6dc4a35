#include "disruption/workload_pods.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include "krm/absent.h"
#include "krm/value_parse.h"

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

namespace {

// Whether an ownerReference names the object's controller: its pods are then that controller's.
// `controller` read as kubectl reads a bool (True, yes); a quoted one kubectl refuses outright.
bool hasController(const yaml::Tree& t, yaml::NodeId obj) {
  const yaml::NodeId refs = krm::field(t, obj, {"metadata", "ownerReferences"});
  if (!t.isSeq(refs)) return false;
  for (uint32_t i = 0; i < t.size(refs); ++i) {
    const yaml::NodeId controller = krm::field(t, t.kid(refs, i), "controller");
    if (!t.isString(controller) && krm::parseYaml11Bool(t.str(controller)) == true) return true;
  }
  return false;
}

}  // namespace

void WorkloadPods::buildSources() {
  if (sourcesBuilt_) return;
  sourcesBuilt_ = true;
  for (size_t i = 0; i < idx_.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx_.objects[i];
    if (o.kind != scope::ObjectKind::Other || o.localConfig) continue;
    const std::string_view kind = t_.str(t_.get(o.node, "kind"));
    yaml::NodeId labels = t_.at(o.node, {"spec", "template", "metadata", "labels"});
    Counting counting = Counting::NoScale;
    if (kind == "CronJob") {
      labels = t_.at(o.node, {"spec", "jobTemplate", "spec", "template", "metadata", "labels"});
    } else if (kind == "Pod") {
      labels = t_.at(o.node, {"metadata", "labels"});
      counting = countsUnownedPods_ ? Counting::HealthyOnly : Counting::NoScale;
    } else if (kind == "ReplicaSet" || kind == "ReplicationController") {
      counting = Counting::Scaled;
    } else if (kind != "Job") {
      continue;
    }
    if (hasController(t_, o.node)) continue;
    sources_[std::string(o.ns)].emplace_back(PodSource{i, counting}, labelsOf(t_, labels));
  }
}

std::vector<WorkloadPods::PodSource> WorkloadPods::sourcesSelectedBy(const LabelSelector& sel,
                                                                     std::string_view ns) {
  buildSources();
  std::vector<PodSource> out;
  auto it = sources_.find(ns);
  if (it == sources_.end()) return out;
  for (const auto& [source, podLabels] : it->second) {
    if (matches(sel, podLabels)) out.push_back(source);
  }
  return out;
}

std::vector<std::string> WorkloadPods::namespacesSelecting(const LabelSelector& sel) {
  if (labelNamespaces_.empty()) {
    for (const auto& [key, list] : idx_.workloadsByLabel) {
      const size_t nul = key.find('\0');
      labelNamespaces_[key.substr(nul + 1)].insert(key.substr(0, nul));
    }
  }
  // Candidates as selectedBy takes them: those carrying the rarest matchLabels pair, or one of
  // the first In requirement's values; else every namespace.
  std::set<std::string> candidates;
  const std::set<std::string>* fewest = nullptr;
  static const std::set<std::string> none;
  auto carrying = [&](const std::string& k, const std::string& v) -> const std::set<std::string>& {
    auto it = labelNamespaces_.find(k + "=" + v);
    return it == labelNamespaces_.end() ? none : it->second;
  };
  for (const auto& [k, v] : sel.matchLabels) {
    const std::set<std::string>& s = carrying(k, v);
    if (!fewest || s.size() < fewest->size()) fewest = &s;
  }
  if (fewest) {
    candidates = *fewest;
  } else {
    const std::vector<std::string> all = meeting("");
    candidates.insert(all.begin(), all.end());
  }
  buildSources();
  for (const auto& entry : sources_) candidates.insert(entry.first);
  std::vector<std::string> out{""};
  for (const std::string& n : candidates) {
    if (!n.empty() && (!selectedBy(sel, n).empty() || !sourcesSelectedBy(sel, n).empty()))
      out.push_back(n);
  }
  return out;
}

std::vector<std::string> WorkloadPods::meeting(std::string_view ns) {
  if (!ns.empty()) return {std::string(ns), ""};
  inNamespace("");  // builds byNamespace_
  buildSources();
  std::set<std::string> all{""};
  for (const auto& entry : byNamespace_) all.insert(entry.first);
  for (const auto& entry : sources_) all.insert(entry.first);
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
