#include "disruption/replicas.h"

#include <algorithm>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/read_values.h"

namespace zd::disruption {

std::vector<std::string> ReplicaReader::namesOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                                size_t workload) {
  const scope::ObjectInfo& o = idx.objects[workload];
  const std::string_view kind = t.str(t.get(o.node, "kind"));
  std::vector<std::string> out{std::string(kind) + "/" + std::string(o.name)};
  const std::string_view original = scope::originalName(t, o.node, kind);
  if (!original.empty() && original != o.name)
    out.push_back(std::string(kind) + "/" + std::string(original));
  return out;
}

namespace {

// Whether namespace `ns` may hold one of `namespaces`: the same, or either left unset.
bool meets(const std::set<std::string>& namespaces, const std::string& ns) {
  return ns.empty() || namespaces.count(ns) || namespaces.count("");
}

}  // namespace

ReplicaReader::ReplicaReader(const yaml::Tree& t, const scope::ObjectIndex& idx,
                             const Names& inScope, std::vector<krm::Result>& errors)
    : t_(t), idx_(idx) {
  std::vector<krm::Result> elsewhere;  // an autoscaler of a workload out of scope
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx.objects[i];
    if (o.kind != scope::ObjectKind::HorizontalPodAutoscaler || o.localConfig) continue;
    const yaml::NodeId ref = krm::field(t, o.node, {"spec", "scaleTargetRef"});
    const std::string name = std::string(t.str(krm::field(t, ref, "kind"))) + "/" +
                             std::string(t.str(krm::field(t, ref, "name")));
    const std::string ns(o.ns);
    auto scoped = inScope.find(name);
    rewrite::Reader rd(t, o.node,
                       scoped != inScope.end() && meets(scoped->second, ns) ? errors : elsewhere);
    const std::optional<int64_t> min =
        rd.count(krm::field(t, o.node, {"spec", "minReplicas"}), "spec.minReplicas");
    const std::optional<int64_t> max =
        rd.count(krm::field(t, o.node, {"spec", "maxReplicas"}), "spec.maxReplicas");
    if (max && *max < 1) {
      rd.error("spec.maxReplicas",
               "must be at least 1; the API server refuses " + std::to_string(*max));
    } else if (max && min.value_or(1) > *max) {
      rd.error("spec.minReplicas", std::to_string(min.value_or(1)) + " is above spec.maxReplicas " +
                                       std::to_string(*max) + "; the API server refuses it");
    }
    autoscalers_[name].emplace_back(ns, Autoscaler{i, std::max<int64_t>(1, min.value_or(1))});
  }
}

// One of its own namespace, or one where either side has no namespace (it lands beside the
// workload). Of two that scale the same workload (the autoscaler controller then acts on
// neither), the lower minimum, whatever the input's order.
const ReplicaReader::Autoscaler* ReplicaReader::autoscalerOf(size_t workload) const {
  const std::string ns(idx_.objects[workload].ns);
  const Autoscaler* lowest = nullptr;
  for (const std::string& name : namesOf(t_, idx_, workload)) {
    auto it = autoscalers_.find(name);
    if (it == autoscalers_.end()) continue;
    for (const auto& [hpaNs, a] : it->second) {
      const bool meets = hpaNs == ns || hpaNs.empty() || ns.empty();
      if (meets && (!lowest || a.minReplicas < lowest->minReplicas)) lowest = &a;
    }
  }
  return lowest;
}

const Replicas& ReplicaReader::of(size_t workload, std::vector<krm::Result>& errors) {
  auto cached = cache_.find(workload);
  if (cached != cache_.end()) return cached->second;
  return cache_.emplace(workload, read(workload, errors)).first->second;
}

Replicas ReplicaReader::read(size_t workload, std::vector<krm::Result>& errors) const {
  Replicas r;
  const scope::ObjectInfo& o = idx_.objects[workload];
  if (const Autoscaler* hpa = autoscalerOf(workload)) {
    r.autoscaler = hpa->object;
    r.count = hpa->minReplicas;
    r.from = krm::refOf(t_, idx_.objects[hpa->object].node).display() + " spec.minReplicas";
  } else {
    rewrite::Reader rd(t_, o.node, errors);
    const std::optional<int64_t> n =
        rd.count(krm::field(t_, o.node, {"spec", "replicas"}), "spec.replicas");
    r.count = n.value_or(1);
    r.written = n.has_value();
    r.from = n ? "spec.replicas" : "the default (spec.replicas omitted)";
  }
  return r;
}

}  // namespace zd::disruption
