#include "disruption/drain.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "disruption/budget_index.h"
#include "disruption/replicas.h"
#include "disruption/workload_pods.h"
#include "krm/envelope.h"
#include "krm/native_sleep.h"
#include "rewrite/read_values.h"

namespace zd::disruption {

namespace {

using scope::ObjectKind;

std::string display(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t object) {
  return krm::refOf(t, idx.objects[object].node).display();
}

// The first few, then how many more: a selector over thousands of workloads would otherwise make
// every message list them all.
std::string names(const yaml::Tree& t, const scope::ObjectIndex& idx,
                  const std::vector<size_t>& objects) {
  constexpr size_t kListed = 5;
  std::string out;
  for (size_t n = 0; n < objects.size() && n < kListed; ++n)
    out += (out.empty() ? "" : ", ") + display(t, idx, objects[n]);
  if (objects.size() > kListed) out += " and " + std::to_string(objects.size() - kListed) + " more";
  return out;
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

// The namespaces of the graph's workloads, and the names an autoscaler may give them.
struct Reach {
  std::set<std::string_view> namespaces;
  ReplicaReader::Names names;
  Reach(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Graph& graph) {
    for (const scope::Target& target : graph.targets) {
      const scope::ObjectInfo& o = idx.objects[target.workload];
      namespaces.insert(o.ns);
      for (const std::string& name : ReplicaReader::namesOf(t, idx, target.workload))
        names[name].insert(std::string(o.ns));
    }
  }
};

// What a budget covers, as the disruption controller counts it: the workloads whose pods it selects
// and the sum of their scales (its expected pods), the bare pods (healthy, never expected), and
// the DaemonSets, Jobs and CronJobs, which have no scale and whose pods it cannot count at all.
struct Coverage {
  std::vector<size_t> workloads;
  int64_t expected = 0;
  int64_t unowned = 0;
  std::vector<size_t> unscaled;
  int64_t healthy() const { return expected + unowned; }
};

// The namespace a budget is counted in: its own, or, for one without, the assessed workload's
// (it lands in whichever namespace the apply uses).
std::string countedIn(const Budget& b, std::string_view ns) {
  return b.ns.empty() ? std::string(ns) : b.ns;
}

// The sets of budgets that may select a workload without a namespace together: those without
// one, with those of one namespace at a time (it lands in one), in input order.
std::vector<std::vector<const Budget*>> byNamespace(const std::vector<const Budget*>& budgets) {
  std::vector<const Budget*> unset;
  std::vector<std::vector<const Budget*>> named;
  for (const Budget* b : budgets) {
    if (b->ns.empty()) {
      unset.push_back(b);
      continue;
    }
    auto same = [&](const std::vector<const Budget*>& g) { return g.front()->ns == b->ns; };
    auto it = std::find_if(named.begin(), named.end(), same);
    if (it == named.end()) {
      named.push_back({b});
    } else {
      it->push_back(b);
    }
  }
  if (named.empty()) return {unset};
  for (std::vector<const Budget*>& g : named) g.insert(g.begin(), unset.begin(), unset.end());
  return named;
}

// Which of two outcomes leaves a drain less room: no eviction, then the fewest at a time.
bool worse(const WorkloadDrain& a, const WorkloadDrain& b) {
  const bool blockedA = a.verdict == Verdict::Blocked, blockedB = b.verdict == Verdict::Blocked;
  if (blockedA != blockedB) return blockedA;
  return a.allowed < b.allowed;
}

}  // namespace

class Assessor {
 public:
  Assessor(const yaml::Tree& t, const scope::ObjectIndex& idx, const Reach& reach,
           const DrainSettings& settings, std::vector<krm::Result>& errors)
      : t_(t),
        idx_(idx),
        creation_(settings.creation),
        created_(settings.created),
        budgets_(t, idx, reach.namespaces, errors),
        replicas_(t, idx, reach.names, errors),
        pods_(t, idx, settings.countsUnownedPods) {}

  WorkloadDrain assess(size_t workload, std::vector<krm::Result>& out) {
    WorkloadDrain w;
    w.workload = workload;
    const Replicas r = replicas_.read(workload, out);
    w.replicas = r.count;
    w.replicasFrom = r.from;
    w.autoscaler = r.autoscaler;
    const std::string_view ns = idx_.objects[workload].ns;
    const Labels labels = pods_.labelsOnce(workload);
    // Its namespace's budgets and those without one, which land beside it (DR6 counts both); for
    // a workload without a namespace, those of every namespace (underBudgets sorts them out).
    std::vector<const Budget*> budgets = budgets_.selecting(ns, labels);
    for (const Budget* b : budgets_.mayAlsoSelect(ns, labels)) {
      if (std::find(budgets.begin(), budgets.end(), b) == budgets.end()) budgets.push_back(b);
    }
    for (const Budget* b : budgets) w.budgets.push_back(b->object);
    decide(w, r, budgets, out);
    return w;
  }

 private:
  void decide(WorkloadDrain& w, const Replicas& r, const std::vector<const Budget*>& budgets,
              std::vector<krm::Result>& out) {
    if (idx_.objects[w.workload].kind == ObjectKind::DaemonSet) {
      w.verdict = Verdict::NotDrained;
    } else if (w.replicas <= 0) {
      w.verdict = Verdict::ScaledDown;
    } else if (!budgets.empty()) {
      underBudgets(w, budgets, out);
      if (w.replicas == 1 && w.verdict == Verdict::Guarded) single(w, r, out);
    } else if (w.replicas == 1) {
      single(w, r, out);
    } else {
      unprotected(w, out);
    }
  }

  // The budgets of a workload with a namespace all land beside it. One without a namespace meets
  // those without one and those of the namespace it lands in: each namespace's are checked, and
  // the one that leaves a drain the least room decides.
  void underBudgets(WorkloadDrain& w, const std::vector<const Budget*>& budgets,
                    std::vector<krm::Result>& out) {
    std::optional<WorkloadDrain> worst;
    const bool placed = !idx_.objects[w.workload].ns.empty();
    for (const std::vector<const Budget*>& group :
         placed ? std::vector<std::vector<const Budget*>>{budgets} : byNamespace(budgets)) {
      WorkloadDrain g = w;
      g.budgets.clear();
      for (const Budget* b : group) g.budgets.push_back(b->object);
      if (group.size() > 1) {
        several(g, group, out);
      } else {
        guarded(g, *group.front(), out);
      }
      if (!worst || worse(g, *worst)) worst = std::move(g);
    }
    w = std::move(*worst);
  }

  void unprotected(WorkloadDrain& w, std::vector<krm::Result>& out) {
    w.verdict = Verdict::Unprotected;
    w.allowed = std::min(w.replicas, scaled(created_, w.replicas));
    const std::string why = whyNoBudget(w);
    w.create = why.empty();
    if (w.create) return;
    out.push_back(finding(t_, idx_, w.workload, "",
                          "DR1: no PodDisruptionBudget selects its pods: a node drain may evict "
                          "all " +
                              std::to_string(w.replicas) +
                              " at once and leave the load balancer no healthy target" + why));
  }

  // "" when the run creates the workload's budget, else why not, as the end of DR1's message. What
  // would make a budget harmful comes first: check mode must not promise one a run would not make.
  std::string whyNoBudget(WorkloadDrain& w) {
    const std::string harm = harmOfBudget(w);
    if (!harm.empty()) return " (none created: " + harm + ")";
    if (creation_ == Creation::CheckOnly) return " (a run creates one)";
    if (creation_ == Creation::Off)
      return " (config createPodDisruptionBudgets is false: add one with maxUnavailable " +
             created_.str() + ")";
    return "";
  }

  // Why a budget with the workload's selector would do harm, or "". Sets w.allowed and
  // w.unownedPods: each bare pod the selector also selects counts as healthy, never expected, so
  // it lets a drain take one more of the workload's pods.
  std::string harmOfBudget(WorkloadDrain& w) {
    if (w.allowed >= w.replicas) return coversAll();
    const scope::ObjectInfo& o = idx_.objects[w.workload];
    std::vector<krm::Result> ignored;  // a workload's selector is the API server's to check
    rewrite::Reader rd(t_, o.node, ignored);
    const yaml::NodeId node = WorkloadPods::selectorNode(t_, idx_, w.workload);
    std::optional<LabelSelector> sel;
    if (node == yaml::kNone) {
      sel = LabelSelector{pods_.labelsOnce(w.workload), {}};
    } else {
      sel = readSelector(t_, node, "spec.selector", rd);
    }
    if (!sel || sel->empty())
      return "its selector is empty or unreadable, and a budget with it would select every pod "
             "of the namespace";
    // The API server refuses such a workload; a budget with its selector would miss its pods, and
    // the next run would make another.
    if (!matches(*sel, pods_.labelsOnce(w.workload)))
      return "its selector does not select its own pod template's labels";
    // A DaemonSet's pods are countable by no scale, as a Job's are.
    std::vector<size_t> others, shared, unscaled;
    std::map<std::string, int64_t> bare;  // by namespace: only one namespace's land beside it
    for (const std::string& n : pods_.meeting(o.ns)) {
      for (size_t i : pods_.selectedBy(*sel, n)) {
        if (i == w.workload) continue;
        (idx_.objects[i].kind == ObjectKind::DaemonSet ? unscaled : others).push_back(i);
      }
      for (const WorkloadPods::PodSource& src : pods_.sourcesSelectedBy(*sel, n)) {
        switch (src.counting) {
          case WorkloadPods::Counting::NoScale:
            unscaled.push_back(src.object);
            break;
          case WorkloadPods::Counting::HealthyOnly:
            ++bare[n];
            break;
          case WorkloadPods::Counting::Scaled:
            if (runsPods(src.object)) shared.push_back(src.object);
            break;
        }
      }
    }
    if (!others.empty())
      return "its selector also selects the pods of " + names(t_, idx_, others) +
             ", and a pod under two budgets cannot be evicted at all; give it a selector of its "
             "own and a budget";
    if (!shared.empty())
      return "its selector also selects the pods of " + names(t_, idx_, shared) +
             ", which a budget with it would count as its own (DR3); give it a selector of its "
             "own and a budget";
    if (!unscaled.empty())
      return "its selector also selects the pods of " + names(t_, idx_, unscaled) +
             ", which the disruption controller cannot count (no scale), so the budget would "
             "refuse every eviction; give it a selector of its own and a budget";
    for (const auto& [n, count] : bare) {
      if (!n.empty()) w.unownedPods = std::max(w.unownedPods, count);
    }
    w.unownedPods += bare[""];
    w.allowed = std::min(w.replicas, w.allowed + w.unownedPods);
    if (w.allowed >= w.replicas) return coversAll(w.unownedPods);
    return "";
  }

  std::string coversAll(int64_t unowned = 0) const {
    return "config podDisruptionBudgetMaxUnavailable " + created_.str() +
           (unowned == 0 ? ""
                         : " and the " + std::to_string(unowned) +
                               " bare Pod(s) its selector also selects (the disruption "
                               "controller counts them healthy, never expected)") +
           " would let a drain evict all of them; " +
           (unowned == 0 ? "lower it" : "give it a selector of its own");
  }

  // A ReplicaSet or ReplicationController scaled to 0 runs no pod for a budget to count.
  bool runsPods(size_t object) {
    std::vector<krm::Result> ignored;  // not a workload in scope: its replicas are not checked
    return replicas_.of(object, ignored).count > 0;
  }

  void single(WorkloadDrain& w, const Replicas& r, std::vector<krm::Result>& out) {
    w.verdict = Verdict::OneReplica;
    const bool hpa = r.autoscaler.has_value();
    out.push_back(finding(
        t_, idx_, hpa ? *r.autoscaler : w.workload, hpa ? "spec.minReplicas" : "spec.replicas",
        "DR4: one replica behind the load balancer" +
            std::string(hpa         ? " at the autoscaler's minimum"
                        : r.written ? ""
                                    : " (spec.replicas omitted)") +
            ": a node drain evicts it, and the load balancer has no target until its "
            "replacement is ready; run 2 or more (no budget is created: for one replica it "
            "either blocks every drain or protects nothing)"));
  }

  void several(WorkloadDrain& w, const std::vector<const Budget*>& budgets,
               std::vector<krm::Result>& out) {
    w.verdict = Verdict::Blocked;
    std::vector<size_t> objects;
    for (const Budget* b : budgets) objects.push_back(b->object);
    out.push_back(finding(
        t_, idx_, w.workload, "spec.template.metadata.labels",
        "DR6: its pods are selected by " + std::to_string(budgets.size()) +
            " PodDisruptionBudgets (" + names(t_, idx_, objects) +
            "): the eviction API refuses to evict a pod that more than one budget selects, so "
            "node drains stop at these pods; keep one budget per workload"));
  }

  // Computed once per budget and namespace: a budget over 100,000 workloads is counted once, not
  // per workload. The workloads of the namespace it is counted in and of those without one.
  const Coverage& coverageOf(const Budget& b, const std::string& in) {
    const std::pair<size_t, std::string> key{b.object, in};
    auto it = coverage_.find(key);
    if (it != coverage_.end()) return it->second;
    Coverage c;
    // A workload's replicas are checked where it is assessed; a ReplicaSet's are not in scope.
    std::vector<krm::Result> ignored;
    for (const std::string& n : std::set<std::string>{in, ""}) {
      for (size_t i : pods_.selectedBy(*b.selector, n)) {
        if (!b.selects(pods_.labels(i))) continue;  // policy/v1beta1's empty selector: none
        c.workloads.push_back(i);
        if (idx_.objects[i].kind == ObjectKind::DaemonSet) {
          c.unscaled.push_back(i);  // a DaemonSet has no scale either
        } else {
          c.expected += replicas_.of(i, ignored).count;
        }
      }
      if (b.selector->empty() && !b.emptySelectsAll) continue;
      for (const WorkloadPods::PodSource& src : pods_.sourcesSelectedBy(*b.selector, n)) {
        switch (src.counting) {
          case WorkloadPods::Counting::NoScale:
            c.unscaled.push_back(src.object);
            break;
          case WorkloadPods::Counting::HealthyOnly:
            ++c.unowned;
            break;
          case WorkloadPods::Counting::Scaled:
            if (!runsPods(src.object)) break;
            c.workloads.push_back(src.object);
            c.expected += replicas_.of(src.object, ignored).count;
            break;
        }
      }
    }
    return coverage_.emplace(key, std::move(c)).first->second;
  }

  // The disruption controller needs the scale of every controller of the pods, unless the budget
  // is an integer minAvailable (it then counts the pods themselves).
  static bool needsScale(const Budget& b) {
    return b.maxUnavailable || (b.minAvailable && b.minAvailable->percent);
  }

  // Evictions allowed with every pod healthy, as the disruption controller computes them: the
  // healthy pods less those the budget keeps, and none while it expects no pod at all (a policy/v1
  // budget that sets neither field; maxUnavailable or a percentage over bare pods only). It
  // expects the scales' sum, or every pod for an integer minAvailable; the pods of DaemonSets,
  // Jobs and CronJobs are left out of that count (the manifests do not say how many run).
  static int64_t allowedBy(const Budget& b, const Coverage& c) {
    if (!b.minAvailable && !b.maxUnavailable) return 0;
    if (needsScale(b)) {
      if (!c.unscaled.empty() || c.expected <= 0) return 0;  // it cannot count, or expects none
      return std::max<int64_t>(0, c.healthy() - desiredHealthy(b, c.expected));
    }
    return std::max<int64_t>(0, c.healthy() - desiredHealthy(b, c.healthy()));
  }

  // A budget counted in the namespace it lands in beside the workload; where neither has one,
  // in each namespace of the input, and the one that leaves a drain the least room decides.
  void guarded(WorkloadDrain& w, const Budget& b, std::vector<krm::Result>& out) {
    const std::string_view ns = idx_.objects[w.workload].ns;
    const std::vector<std::string>& ins =
        b.ns.empty() && ns.empty() ? landings(b) : std::vector<std::string>{countedIn(b, ns)};
    std::optional<int64_t> least;
    for (const std::string& in : ins) {
      const Coverage& c = coverageOf(b, in);
      const int64_t allowed = allowedBy(b, c);
      if (!least || allowed < *least) least = allowed;
      if (reported_.insert({b.object, in}).second) report(b, c, allowed, in, out);
    }
    w.allowed = *least;
    w.verdict = w.allowed > 0 ? Verdict::Guarded : Verdict::Blocked;
  }

  // Where a budget and a workload, neither with a namespace, may land and count differently.
  const std::vector<std::string>& landings(const Budget& b) {
    auto it = landings_.find(b.object);
    if (it != landings_.end()) return it->second;
    return landings_.emplace(b.object, pods_.namespacesSelecting(*b.selector)).first->second;
  }

  void report(const Budget& b, const Coverage& c, int64_t allowed, const std::string& in,
              std::vector<krm::Result>& out) const {
    // A budget without a namespace is counted, and reported, once per namespace it meets.
    const std::string where = b.ns.empty() && !in.empty() ? " in namespace " + in : "";
    if (auto r = evictionFinding(b, c, allowed, where)) out.push_back(std::move(*r));
    if (c.workloads.size() > 1) {
      out.push_back(finding(
          t_, idx_, b.object, "spec.selector",
          "DR3: selects the pods of " + std::to_string(c.workloads.size()) + " workloads" + where +
              " (" + names(t_, idx_, c.workloads) +
              "): the one budget is shared, so a drain may take every eviction it allows from "
              "one of them; give each workload a budget of its own"));
    }
  }

  // DR2 (no eviction) or DR7 (every pod at once), when either holds.
  std::optional<krm::Result> evictionFinding(const Budget& b, const Coverage& c, int64_t allowed,
                                             const std::string& where) const {
    const std::string count = std::to_string(c.healthy()) + " pod(s) it selects" + where;
    if (!b.minAvailable && !b.maxUnavailable) {
      return finding(t_, idx_, b.object, "spec",
                     "DR2: sets neither minAvailable nor maxUnavailable, so the disruption "
                     "controller expects no pod and allows no eviction of the " +
                         count + "; allow at least one (maxUnavailable: 1)");
    }
    if (!c.unscaled.empty() && needsScale(b)) {
      return finding(t_, idx_, b.object, "spec.selector",
                     "DR2: allows no eviction" + where + ": it selects the pods of " +
                         names(t_, idx_, c.unscaled) +
                         ", which the disruption controller cannot count (no scale), so it "
                         "refuses every eviction; select the workload's pods only, or use an "
                         "integer minAvailable");
    }
    // An integer minAvailable also counts the DaemonSets' and Jobs' pods, however many run.
    const std::string besides =
        c.unscaled.empty() ? ""
                           : ", besides the pods of " + names(t_, idx_, c.unscaled) +
                                 " (how many run is not in the manifests; each lets one more go)";
    if (allowed == 0) {
      return finding(t_, idx_, b.object, decidingField(b),
                     "DR2: allows no eviction of the " + count + besides +
                         ": node drains and cluster upgrades wait on it until forced; allow at "
                         "least one (maxUnavailable: 1)");
    }
    // Bare pods count as healthy: a budget over them may let every workload pod go.
    if (c.expected >= 2 && allowed >= c.expected) {
      const std::string remedy =
          c.unowned == 0 ? "keep at least one (maxUnavailable: 1)"
                         : "the " + std::to_string(c.unowned) +
                               " bare Pod(s) it also selects count as healthy: select the "
                               "workload's pods only";
      return finding(t_, idx_, b.object, decidingField(b),
                     "DR7: lets a drain evict all " + std::to_string(c.expected) +
                         " replicas it selects" + where +
                         " at once, and the load balancer then has no healthy target; " + remedy);
    }
    return std::nullopt;
  }

  const yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  Creation creation_;
  timing::IntOrPercent created_;  // the maxUnavailable of the budgets the run creates
  BudgetIndex budgets_;
  ReplicaReader replicas_;
  WorkloadPods pods_;
  std::map<std::pair<size_t, std::string>, Coverage> coverage_;    // by budget and namespace
  std::set<std::pair<size_t, std::string>> reported_;              // budgets already checked
  std::unordered_map<size_t, std::vector<std::string>> landings_;  // by budget
};

DrainAssessor::DrainAssessor(const yaml::Tree& t, const scope::ObjectIndex& idx,
                             const scope::Graph& graph, const DrainSettings& settings,
                             std::vector<krm::Result>& errors)
    : impl_(std::make_unique<Assessor>(t, idx, Reach(t, idx, graph), settings, errors)) {}

DrainAssessor::~DrainAssessor() = default;

WorkloadDrain DrainAssessor::assess(size_t workload, std::vector<krm::Result>& findings) {
  return impl_->assess(workload, findings);
}

DrainSettings drainSettings(const krm::Options& options, Creation creation) {
  DrainSettings s;
  s.creation = creation;
  s.created = options.podDisruptionBudgetMaxUnavailable;
  const auto v = krm::parseKubernetesVersion(options.kubernetesVersion);
  s.countsUnownedPods = !v || v->major > 1 || v->minor >= 22;
  return s;
}

DrainReport assessDrains(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const scope::Graph& graph, const DrainSettings& settings) {
  DrainReport out;
  DrainAssessor a(t, idx, graph, settings, out.errors);
  for (const scope::Target& target : graph.targets)
    out.workloads.push_back(a.assess(target.workload, out.findings));
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
