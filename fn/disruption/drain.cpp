#include "disruption/drain.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/int_fields.h"
#include "rewrite/read_values.h"

namespace zd::disruption {

namespace {

using scope::ObjectKind;
using yaml::NodeId;

std::string display(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t object) {
  return krm::refOf(t, idx.objects[object].node).display();
}

// The input's PodDisruptionBudgets, found by the first of their matchLabels (or, without one, by
// namespace), so that matching 100,000 workloads against as many budgets stays linear.
class Budgets {
 public:
  // Only the budgets of `namespaces`: one elsewhere can select no pod of theirs.
  Budgets(const yaml::Tree& t, const scope::ObjectIndex& idx,
          const std::set<std::string_view>& namespaces, std::vector<krm::Result>& errors) {
    for (size_t i = 0; i < idx.objects.size(); ++i) {
      const scope::ObjectInfo& o = idx.objects[i];
      if (o.kind != ObjectKind::PodDisruptionBudget || o.localConfig || !namespaces.count(o.ns))
        continue;
      std::optional<Budget> b = readBudget(t, o.node, i, errors);
      if (!b || !b->selector) continue;
      const size_t at = all_.size();
      if (b->selector->matchLabels.empty()) {
        unlabelled_[std::string(o.ns)].push_back(at);
      } else {
        const auto& [k, v] = *b->selector->matchLabels.begin();
        byLabel_[scope::labelKey(o.ns, k, v)].push_back(at);
      }
      all_.push_back(std::move(*b));
    }
  }

  // The budgets whose selector matches pods with `labels` in namespace `ns`.
  std::vector<const Budget*> selecting(std::string_view ns, const Labels& labels) const {
    std::vector<const Budget*> out;
    auto take = [&](const std::vector<size_t>& list) {
      for (size_t i : list) {
        if (all_[i].selects(labels)) out.push_back(&all_[i]);
      }
    };
    if (auto it = unlabelled_.find(std::string(ns)); it != unlabelled_.end()) take(it->second);
    for (const auto& [k, v] : labels) {
      if (auto it = byLabel_.find(scope::labelKey(ns, k, v)); it != byLabel_.end())
        take(it->second);
    }
    return out;
  }

 private:
  std::vector<Budget> all_;
  std::unordered_map<std::string, std::vector<size_t>> byLabel_;
  std::map<std::string, std::vector<size_t>> unlabelled_;
};

struct Autoscaler {
  size_t object;
  int64_t minReplicas;
};

std::string workloadKey(std::string_view ns, std::string_view kind, std::string_view name) {
  return scope::nsKey(ns, std::string(kind) + "/" + std::string(name));
}

// HorizontalPodAutoscalers by "ns/Kind/name" of the workload they scale, of the workloads in
// `keys` only.
std::map<std::string, Autoscaler> autoscalers(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                              const std::set<std::string>& keys,
                                              std::vector<krm::Result>& errors) {
  std::map<std::string, Autoscaler> out;
  for (size_t i = 0; i < idx.objects.size(); ++i) {
    const scope::ObjectInfo& o = idx.objects[i];
    if (o.kind != ObjectKind::HorizontalPodAutoscaler || o.localConfig) continue;
    const NodeId ref = krm::field(t, o.node, {"spec", "scaleTargetRef"});
    const std::string key =
        workloadKey(o.ns, t.str(krm::field(t, ref, "kind")), t.str(krm::field(t, ref, "name")));
    if (!keys.count(key)) continue;
    rewrite::Reader rd(t, o.node, errors);
    std::optional<int64_t> min =
        rd.count(krm::field(t, o.node, {"spec", "minReplicas"}), "spec.minReplicas");
    out.emplace(key, Autoscaler{i, min.value_or(1)});
  }
  return out;
}

Labels podLabels(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t workload) {
  return labelsOf(
      t, t.at(scope::podTemplateHolder(idx, workload), {"spec", "template", "metadata", "labels"}));
}

krm::Result finding(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t object,
                    std::string path, std::string message) {
  krm::Result r;
  r.severity = krm::Severity::Warning;
  r.resource = krm::refOf(t, idx.objects[object].node);
  r.fieldPath = std::move(path);
  r.message = std::move(message);
  return r;
}

std::string kindOf(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t object) {
  return std::string(t.str(t.get(idx.objects[object].node, "kind")));
}

// The namespaces of the graph's workloads, and their "ns/Kind/name" keys.
struct Reach {
  std::set<std::string_view> namespaces;
  std::set<std::string> keys;
  Reach(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Graph& graph) {
    for (const scope::Target& target : graph.targets) {
      const scope::ObjectInfo& o = idx.objects[target.workload];
      namespaces.insert(o.ns);
      keys.insert(workloadKey(o.ns, kindOf(t, idx, target.workload), o.name));
    }
  }
};

class Assessor {
 public:
  Assessor(const yaml::Tree& t, const scope::ObjectIndex& idx, const Reach& reach,
           Creation creation, const timing::IntOrPercent& created, DrainReport& out)
      : t_(t),
        idx_(idx),
        creation_(creation),
        created_(created),
        out_(out),
        budgets_(t, idx, reach.namespaces, out.errors),
        autoscalers_(autoscalers(t, idx, reach.keys, out.errors)) {}

  void assess(size_t workload) {
    WorkloadDrain w;
    w.workload = workload;
    readReplicas(w);
    const std::vector<const Budget*> budgets =
        budgets_.selecting(idx_.objects[workload].ns, podLabels(t_, idx_, workload));
    for (const Budget* b : budgets) w.budgets.push_back(b->object);
    decide(w, budgets);
    out_.workloads.push_back(std::move(w));
  }

 private:
  void readReplicas(WorkloadDrain& w) {
    const scope::ObjectInfo& o = idx_.objects[w.workload];
    auto hpa = autoscalers_.find(workloadKey(o.ns, kindOf(t_, idx_, w.workload), o.name));
    if (hpa != autoscalers_.end()) {
      w.autoscaler = hpa->second.object;
      w.replicas = hpa->second.minReplicas;
      w.replicasFrom = display(t_, idx_, hpa->second.object) + " spec.minReplicas";
      return;
    }
    rewrite::Reader rd(t_, o.node, out_.errors);
    std::optional<int64_t> n =
        rd.count(krm::field(t_, o.node, {"spec", "replicas"}), "spec.replicas");
    w.replicas = n.value_or(1);
    w.replicasFrom = n ? "spec.replicas" : "the default (spec.replicas omitted)";
  }

  // Replicas of every workload of the namespace whose pods `b` selects, and their names.
  int64_t expectedPods(const Budget& b, std::string_view ns, std::vector<size_t>& workloads) {
    int64_t sum = 0;
    for (size_t i : workloadsIn(ns)) {
      if (!b.selects(podLabels(t_, idx_, i))) continue;
      workloads.push_back(i);
      sum += replicasOf(i);
    }
    return sum;
  }

  int64_t replicasOf(size_t workload) {
    WorkloadDrain w;
    w.workload = workload;
    std::vector<krm::Result> ignored;  // reported where the workload is assessed
    std::swap(ignored, out_.errors);
    readReplicas(w);
    std::swap(ignored, out_.errors);
    return w.replicas;
  }

  const std::vector<size_t>& workloadsIn(std::string_view ns) {
    if (byNamespace_.empty()) {
      for (size_t i = 0; i < idx_.objects.size(); ++i) {
        const scope::ObjectInfo& o = idx_.objects[i];
        if (scope::isWorkload(o.kind) && o.kind != ObjectKind::DaemonSet && !o.localConfig &&
            !idx_.templateOf.count(i))
          byNamespace_[std::string(o.ns)].push_back(i);
      }
      byNamespace_[""];  // built
    }
    return byNamespace_[std::string(ns)];
  }

  void decide(WorkloadDrain& w, const std::vector<const Budget*>& budgets) {
    const scope::ObjectInfo& o = idx_.objects[w.workload];
    if (o.kind == ObjectKind::DaemonSet) {
      w.verdict = Verdict::NotDrained;
    } else if (w.replicas <= 0) {
      w.verdict = Verdict::ScaledDown;
    } else if (budgets.size() > 1) {
      several(w, budgets);
    } else if (budgets.size() == 1) {
      guarded(w, *budgets.front());
      if (w.replicas == 1 && w.verdict == Verdict::Guarded) single(w);
    } else if (w.replicas == 1) {
      single(w);
    } else {
      unprotected(w);
    }
  }

  void unprotected(WorkloadDrain& w) {
    w.verdict = Verdict::Unprotected;
    w.allowed = std::min(w.replicas, scaled(created_, w.replicas));
    const std::string why = whyNoBudget(w);
    w.create = why.empty();
    if (w.create) return;
    out_.findings.push_back(
        finding(t_, idx_, w.workload, "",
                "DR1: no PodDisruptionBudget selects its pods: a node drain may evict all " +
                    std::to_string(w.replicas) +
                    " at once and leave the load balancer no healthy target" + why));
  }

  // "" when the run creates the workload's budget, else why not, as the end of DR1's message.
  std::string whyNoBudget(const WorkloadDrain& w) {
    if (creation_ == Creation::CheckOnly) return " (a run creates one)";
    if (creation_ == Creation::Off)
      return " (config createPodDisruptionBudgets is false: add one with maxUnavailable 1)";
    if (w.allowed >= w.replicas)
      return " (none created: config podDisruptionBudgetMaxUnavailable " + created_.str() +
             " would let a drain evict all of them; lower it)";
    const std::string others = othersSelected(w.workload);
    if (!others.empty())
      return " (none created: its selector also selects the pods of " + others +
             ", and a pod under two budgets cannot be evicted at all; give it a selector of its "
             "own and a budget)";
    return "";
  }

  // The other workloads whose pods the workload's selector selects, by name; "" when none.
  std::string othersSelected(size_t workload) {
    const scope::ObjectInfo& o = idx_.objects[workload];
    std::vector<krm::Result> ignored;  // a workload's selector is the API server's to check
    rewrite::Reader rd(t_, o.node, ignored);
    const std::optional<LabelSelector> sel = workloadSelector(workload, rd);
    if (!sel) return "";
    std::vector<uint32_t> candidates;
    if (!sel->matchLabels.empty()) {
      const auto& [k, v] = *sel->matchLabels.begin();
      auto it = idx_.workloadsByLabel.find(scope::labelKey(o.ns, k, v));
      if (it != idx_.workloadsByLabel.end()) candidates = it->second;
    } else {
      for (size_t i : workloadsIn(o.ns)) candidates.push_back(static_cast<uint32_t>(i));
    }
    std::string out;
    for (uint32_t i : candidates) {
      if (i == workload || !matches(*sel, podLabels(t_, idx_, i))) continue;
      out += (out.empty() ? "" : ", ") + display(t_, idx_, i);
    }
    return out;
  }

  // What the created budget's selector will be (transform/disruption_budgets.cpp).
  std::optional<LabelSelector> workloadSelector(size_t workload, rewrite::Reader& rd) {
    for (size_t holder : {workload, scope::podsObject(idx_, workload)}) {
      const NodeId sel = krm::field(t_, idx_.objects[holder].node, {"spec", "selector"});
      if (t_.isMap(sel)) return readSelector(t_, sel, "spec.selector", rd);
    }
    LabelSelector fromLabels;
    fromLabels.matchLabels = podLabels(t_, idx_, workload);
    return fromLabels;
  }

  void single(WorkloadDrain& w) {
    w.verdict = Verdict::OneReplica;
    const bool hpa = w.autoscaler.has_value();
    out_.findings.push_back(finding(
        t_, idx_, hpa ? *w.autoscaler : w.workload, hpa ? "spec.minReplicas" : "spec.replicas",
        "DR4: one replica behind the load balancer" +
            std::string(hpa                                 ? " at the autoscaler's minimum"
                        : w.replicasFrom == "spec.replicas" ? ""
                                                            : " (spec.replicas omitted)") +
            ": a node drain evicts it, and the load balancer has no target until its "
            "replacement is ready; run 2 or more (no budget is created: for one replica it "
            "either blocks every drain or protects nothing)"));
  }

  void several(WorkloadDrain& w, const std::vector<const Budget*>& budgets) {
    w.verdict = Verdict::Blocked;
    std::string names;
    for (const Budget* b : budgets)
      names += (names.empty() ? "" : ", ") + std::string(idx_.objects[b->object].name);
    out_.findings.push_back(finding(
        t_, idx_, w.workload, "spec.template.metadata.labels",
        "DR6: its pods are selected by " + std::to_string(budgets.size()) +
            " PodDisruptionBudgets (" + names +
            "): the eviction API refuses to evict a pod that more than one budget selects, so "
            "node drains stop at these pods; keep one budget per workload"));
  }

  void guarded(WorkloadDrain& w, const Budget& b) {
    std::vector<size_t> workloads;
    const int64_t expected = expectedPods(b, idx_.objects[w.workload].ns, workloads);
    w.allowed = std::max<int64_t>(0, expected - desiredHealthy(b, expected));
    w.verdict = w.allowed > 0 ? Verdict::Guarded : Verdict::Blocked;
    if (!reported_.insert(b.object).second) return;
    if (w.allowed == 0) {
      out_.findings.push_back(finding(
          t_, idx_, b.object, decidingField(b),
          "DR2: allows no eviction of the " + std::to_string(expected) +
              " pod(s) it selects: node drains and cluster upgrades wait on it until forced; "
              "allow at least one (maxUnavailable: 1)"));
    }
    if (workloads.size() > 1) {
      std::string names;
      for (size_t i : workloads) names += (names.empty() ? "" : ", ") + display(t_, idx_, i);
      out_.findings.push_back(finding(
          t_, idx_, b.object, "spec.selector",
          "DR3: selects the pods of " + std::to_string(workloads.size()) + " workloads (" + names +
              "): the one budget is shared, so a drain may take every eviction it allows from "
              "one of them; give each workload a budget of its own"));
    }
  }

  const yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  Creation creation_;
  timing::IntOrPercent created_;
  DrainReport& out_;
  Budgets budgets_;
  std::map<std::string, Autoscaler> autoscalers_;
  std::map<std::string, std::vector<size_t>> byNamespace_;
  std::set<size_t> reported_;  // budgets already checked
};

}  // namespace

DrainReport assessDrains(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const scope::Graph& graph, Creation creation,
                         const timing::IntOrPercent& created) {
  DrainReport out;
  Assessor a(t, idx, Reach(t, idx, graph), creation, created, out);
  for (const scope::Target& target : graph.targets) a.assess(target.workload);
  return out;
}

std::string drainSummary(const WorkloadDrain& w, const scope::ObjectIndex& idx) {
  const std::string n = std::to_string(w.replicas);
  switch (w.verdict) {
    case Verdict::NotDrained:
      return "a node drain leaves its pods alone (a DaemonSet's pods stay until the node goes)";
    case Verdict::ScaledDown:
      return "no replicas: a node drain has nothing to evict";
    case Verdict::OneReplica:
      return "a node drain evicts its only pod: no target behind the load balancer until the "
             "replacement is ready (DR4)";
    case Verdict::Unprotected:
      return w.create
                 ? "a node drain evicts at most " + std::to_string(w.allowed) + " of its " + n +
                       " pods at a time, through the PodDisruptionBudget the function "
                       "creates (DR1)"
                 : "no PodDisruptionBudget: a node drain may evict all " + n +
                       " pods at once (DR1)";
    case Verdict::Guarded:
      return "a node drain evicts at most " + std::to_string(w.allowed) + " of its " + n +
             " pods at a time (PodDisruptionBudget " +
             std::string(idx.objects[w.budgets.front()].name) + ")";
    case Verdict::Blocked:
      return w.budgets.size() > 1
                 ? "a node drain cannot evict its pods: several PodDisruptionBudgets select them "
                   "(DR6)"
                 : "a node drain cannot evict its pods: PodDisruptionBudget " +
                       std::string(idx.objects[w.budgets.front()].name) +
                       " allows no eviction (DR2)";
  }
  return "";
}

}  // namespace zd::disruption
