#include "transform/disruption_budgets.h"

#include <map>
#include <set>
#include <string>

#include "adapters/new_object.h"
#include "disruption/workload_pods.h"
#include "krm/absent.h"
#include "krm/native_sleep.h"

namespace zd::transform {

namespace {

using yaml::NodeId;

inline constexpr const char* kForAnnotation = "zero-downtime.dev/for";

// The workload's spec.selector selects exactly its pods (drain.cpp made sure it selects no other
// workload's); without one, the template's labels.
NodeId selectorOf(yaml::Tree& t, const scope::ObjectIndex& idx, size_t workload) {
  const NodeId sel = disruption::WorkloadPods::selectorNode(t, idx, workload);
  if (sel != yaml::kNone) return t.copyOf(t, sel);
  NodeId out = t.addContainer(yaml::Kind::Map);
  const NodeId labels = krm::field(t, scope::podTemplateHolder(idx, workload),
                                   {"spec", "template", "metadata", "labels"});
  if (t.isMap(labels)) t.set(out, "matchLabels", t.copyOf(t, labels));
  return out;
}

NodeId budgetValue(yaml::Tree& t, const timing::IntOrPercent& v) {
  return v.percent ? t.addScalar(v.str(), yaml::Style::Double)
                   : t.addScalar(v.str(), yaml::Style::Plain);
}

// Whether config kubernetesVersion, when set, is at least 1.`minor`.
bool atLeast(const krm::Options& options, int64_t minor) {
  const auto v = krm::parseKubernetesVersion(options.kubernetesVersion);
  return !v || v->major > 1 || v->minor >= minor;
}

// unhealthyPodEvictionPolicy is on by default from Kubernetes 1.27 (beta; GA in 1.31). An older
// API server drops it or, unknown to it, makes a strict kubectl refuse the whole object.
bool knowsEvictionPolicy(const krm::Options& options) { return atLeast(options, 27); }

// policy/v1 is served from 1.21; policy/v1beta1 until 1.25.
const char* policyVersion(const krm::Options& options) {
  return atLeast(options, 21) ? "policy/v1" : "policy/v1beta1";
}

NodeId makeBudget(yaml::Tree& t, const scope::ObjectIndex& idx, size_t workload,
                  const std::string& name, const krm::Options& options) {
  const scope::ObjectInfo& w = idx.objects[workload];
  const std::string ns(w.ns);
  NodeId obj = adapters::newObject(t, policyVersion(options), "PodDisruptionBudget", name, ns);
  NodeId md = t.get(obj, "metadata");
  const NodeId labels = krm::field(t, w.node, {"metadata", "labels"});
  if (t.isMap(labels) && t.mapSize(labels) > 0) t.set(md, "labels", t.copyOf(t, labels));
  const std::string kind(t.str(t.get(w.node, "kind")));
  t.set(t.ensureMap(md, "annotations"), kForAnnotation,
        adapters::textNode(t, kind + "/" + std::string(w.name)));
  NodeId spec = t.ensureMap(obj, "spec");
  t.set(spec, "maxUnavailable", budgetValue(t, options.podDisruptionBudgetMaxUnavailable));
  t.set(spec, "selector", selectorOf(t, idx, workload));
  if (knowsEvictionPolicy(options))
    t.set(spec, "unhealthyPodEvictionPolicy", adapters::textNode(t, "AlwaysAllow"));
  return obj;
}

krm::Result created(const yaml::Tree& t, NodeId obj, const scope::ObjectIndex& idx,
                    const disruption::WorkloadDrain& w, const krm::Options& options) {
  krm::Result r;
  r.severity = krm::Severity::Info;
  r.resource = krm::refOf(t, obj);
  const scope::ObjectInfo& o = idx.objects[w.workload];
  r.message =
      "DR1: created for " + std::string(t.str(t.get(o.node, "kind"))) + " \"" +
      std::string(o.name) + "\", which runs " + std::to_string(w.replicas) + " replicas (" +
      w.replicasFrom +
      "): without one a node drain may evict all its pods at once and leave the load "
      "balancer no healthy target; maxUnavailable " +
      options.podDisruptionBudgetMaxUnavailable.str() + " lets a drain evict at most " +
      std::to_string(w.allowed) + " of them at a time" +
      (w.unownedPods == 0 ? ""
                          : " (with the " + std::to_string(w.unownedPods) +
                                " bare Pod(s) its selector also selects, which the disruption "
                                "controller counts healthy and never expects)") +
      (knowsEvictionPolicy(options)
           ? ", and unhealthyPodEvictionPolicy AlwaysAllow lets it evict a pod that is not "
             "ready"
           : " (no unhealthyPodEvictionPolicy: Kubernetes turns it on from 1.27, and "
             "kubernetesVersion is " +
                 options.kubernetesVersion + ")") +
      (atLeast(options, 21) ? "" : "; policy/v1beta1, since the cluster serves no policy/v1");
  r.proposed = krm::ShownValue{"created", true};
  return r;
}

// `base-n` within the 253 characters of an object name: a long base is cut, and a cut that ends
// in a dot would leave `x.-2`, whose label `-2` no DNS name may have.
std::string suffixed(std::string_view base, int n) {
  constexpr size_t kMaxName = 253;
  const std::string suffix = "-" + std::to_string(n);
  std::string head(base.substr(0, kMaxName - suffix.size()));
  while (!head.empty() && head.back() == '.') head.pop_back();
  return head + suffix;
}

// `base`, or base-2, -3, ...: a name no budget of namespace `ns` has, nor one without a namespace
// (it lands in whichever the apply uses), nor, for `ns` "", one of any namespace.
std::string freeBudgetName(const std::map<std::string, std::set<std::string>>& taken,
                           std::string_view ns, std::string_view base) {
  auto clashes = [&](const std::string& name) {
    auto it = taken.find(name);
    return it != taken.end() &&
           (ns.empty() || it->second.count(std::string(ns)) || it->second.count(""));
  };
  std::string name(base);
  for (int n = 2; clashes(name); ++n) name = suffixed(base, n);
  return name;
}

}  // namespace

void makeBudgets(yaml::Tree& t, const scope::ObjectIndex& idx,
                 const std::vector<disruption::WorkloadDrain>& budgets, const krm::Options& options,
                 FileIndexes& files, std::vector<krm::Result>& results,
                 std::vector<yaml::NodeId>& add) {
  // Names of every budget, in the input or added, with their namespaces ("" when unset).
  std::map<std::string, std::set<std::string>> taken;
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx.objects[i];
    if (o.kind == scope::ObjectKind::PodDisruptionBudget)
      taken[std::string(o.name)].insert(std::string(o.ns));
  }
  for (const disruption::WorkloadDrain& w : budgets) {
    const scope::ObjectInfo& o = idx.objects[w.workload];
    const std::string name = freeBudgetName(taken, o.ns, o.name);
    taken[name].insert(std::string(o.ns));
    const NodeId obj = makeBudget(t, idx, w.workload, name, options);
    results.push_back(created(t, obj, idx, w, options));
    placeBeside(t, o.node, obj, files);
    add.push_back(obj);
  }
}

}  // namespace zd::transform
