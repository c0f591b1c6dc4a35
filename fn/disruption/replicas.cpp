#include "disruption/replicas.h"

#include <algorithm>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/read_values.h"

namespace zd::disruption {

std::string ReplicaReader::key(std::string_view ns, std::string_view kind, std::string_view name) {
  return scope::nsKey(ns, std::string(kind) + "/" + std::string(name));
}

ReplicaReader::ReplicaReader(const yaml::Tree& t, const scope::ObjectIndex& idx,
                             const std::set<std::string>& inScope, std::vector<krm::Result>& errors)
    : t_(t), idx_(idx) {
  std::vector<krm::Result> elsewhere;  // an autoscaler of a workload out of scope
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx.objects[i];
    if (o.kind != scope::ObjectKind::HorizontalPodAutoscaler || o.localConfig) continue;
    const yaml::NodeId ref = krm::field(t, o.node, {"spec", "scaleTargetRef"});
    const std::string k =
        key(o.ns, t.str(krm::field(t, ref, "kind")), t.str(krm::field(t, ref, "name")));
    rewrite::Reader rd(t, o.node, inScope.count(k) ? errors : elsewhere);
    const std::optional<int64_t> min =
        rd.count(krm::field(t, o.node, {"spec", "minReplicas"}), "spec.minReplicas");
    const std::optional<int64_t> max =
        rd.count(krm::field(t, o.node, {"spec", "maxReplicas"}), "spec.maxReplicas");
    if (min && max && *min > *max) {
      rd.error("spec.minReplicas", std::to_string(*min) + " is above spec.maxReplicas " +
                                       std::to_string(*max) + "; the API server refuses it");
    }
    const std::string name = std::string(t.str(krm::field(t, ref, "kind"))) + "/" +
                             std::string(t.str(krm::field(t, ref, "name")));
    autoscalers_[name].emplace_back(std::string(o.ns),
                                    Autoscaler{i, std::max<int64_t>(1, min.value_or(1))});
  }
}

// One of its own namespace, or one where either side has no namespace (it lands beside the
// workload). Of two that scale the same workload (the autoscaler controller then acts on
// neither), the lower minimum, whatever the input's order.
const ReplicaReader::Autoscaler* ReplicaReader::autoscalerOf(size_t workload) const {
  const scope::ObjectInfo& o = idx_.objects[workload];
  auto it =
      autoscalers_.find(std::string(t_.str(t_.get(o.node, "kind"))) + "/" + std::string(o.name));
  if (it == autoscalers_.end()) return nullptr;
  const Autoscaler* lowest = nullptr;
  for (const auto& [ns, a] : it->second) {
    const bool meets = ns == o.ns || ns.empty() || o.ns.empty();
    if (meets && (!lowest || a.minReplicas < lowest->minReplicas)) lowest = &a;
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
