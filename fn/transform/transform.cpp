#include "transform/transform.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

#include "disruption/drain.h"
#include "rewrite/observe.h"
#include "transform/created_objects.h"
#include "transform/disruption_budgets.h"
#include "transform/merge_keys.h"
#include "transform/rewrite_workload.h"
#include "transform/run_graph.h"

namespace zd::transform {

using krm::Result;
using krm::Severity;

namespace {

// Every workload is read before anything is written, so an input error in
// one object leaves all of them exactly as they came (and no change is
// reported that did not happen). Merge keys are looked for in every object,
// in scope or not: they change what kubectl reads anywhere.
bool inputErrors(const yaml::Tree& tree, const krm::Envelope& env, const scope::ObjectIndex& idx,
                 const scope::Graph& graph, const krm::Config& config,
                 std::vector<Result>& results) {
  size_t before = results.size();
  reportMergeKeys(tree, env, results);
  for (const scope::Target& target : graph.targets) {
    for (const scope::Binding& b : *target.bindings)
      rewrite::observe(tree, idx, target, b, config, results);
  }
  return results.size() != before;
}

Result summary(size_t inScope, size_t changed, size_t added, bool check, bool undone) {
  Result r;
  r.severity = Severity::Info;
  r.message = std::to_string(inScope) + " workload(s) behind the load balancer; ";
  if (check) {
    r.message += "checked, nothing changed";
    if (changed > 0) r.message += ": " + std::to_string(changed) + " field(s) would change";
  } else if (undone) {
    r.message += "nothing changed: fix the error(s) first (" + std::to_string(changed) +
                 " field(s) would change)";
  } else {
    r.message += std::to_string(changed) + " field(s) changed";
    if (added > 0) r.message += ", " + std::to_string(added) + " object(s) added";
  }
  return r;
}

// An error the function cannot fix fails the run (exit 1), and a failed run
// hands the items back as they came: the edits made for other workloads are
// undone, and so are the results that announced them.
bool undoIfErrors(yaml::Tree& tree, krm::ResultStore& results, size_t first) {
  if (!results.hasErrors(first)) return false;
  tree.rollback();
  results.eraseIf(first, [](const krm::ResultStore::Record& r) { return r.proposes(); });
  return true;
}

// Check mode covers everything a run would do: the run is made, every change it records becomes
// an error, and the tree is put back. A reference the graph could not follow is an error too,
// since the check cannot vouch for what it did not see, unless the input is partial on purpose.
void toCheckResults(krm::ResultStore& results, size_t first, bool partialInput) {
  for (size_t i = first; i < results.size(); ++i) {
    krm::ResultStore::Record r = results.record(i);
    if (r.proposes()) r.severity = Severity::Error;
    if (r.unresolved && !partialInput) {
      r.severity = Severity::Error;
      r.message = results.intern(
          std::string(results.str(r.message)) +
          " (check mode cannot vouch for it; set config partialInput: true if the input is an "
          "excerpt on purpose)");
    }
    results.set(i, r);
  }
}

disruption::Creation creationOf(const krm::Options& o) {
  if (o.check) return disruption::Creation::CheckOnly;
  return o.createPodDisruptionBudgets ? disruption::Creation::Create : disruption::Creation::Off;
}

void append(std::vector<Result>& to, const std::vector<Result>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

Transform::Transform(yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
                     std::optional<size_t> budget)
    : tree_(tree), env_(env), config_(config), budget_(budget) {}

// The items are written in node order (the parser numbers nodes in document order); targets come
// in the order of their workloads' objects, which is that order too unless the envelope says
// otherwise. Checked, since before() depends on it.
bool Transform::inWriteOrder() const {
  for (size_t i = 1; i < graph_.targets.size(); ++i) {
    if (idx_.objects[graph_.targets[i - 1].workload].node >=
        idx_.objects[graph_.targets[i].workload].node)
      return false;
  }
  return true;
}

// Undoes a workload's edits and makes its shared ones again, for the workloads after it.
void Transform::undoKeepingShared(const yaml::Tree::Mark& m, const rewrite::SharedEdits& shared) {
  tree_.rollbackTo(m);
  for (const rewrite::SharedEdit& e : shared) rewrite::redo(tree_, e);
}

// Whether the edits kept in the tree so far outgrow the budget: from then on, each workload's
// edits are undone once reported, and made again when it is written. By default a third of the
// input's tree, at least 4 MiB and at most 8 MiB: the benchmark's manifests grow by a fifth to a
// quarter of their tree when rewritten (alb-ip, alb-instance), 200,000 bare Deployments by one and
// a half times. Below 4 MiB of edits the second rewrite costs more than the memory it saves, most
// where many Ingresses route to many Services.
bool Transform::overBudget() const {
  constexpr size_t kMinBudget = size_t{4} << 20, kMaxBudget = size_t{8} << 20;
  const size_t budget =
      budget_ ? *budget_ : std::clamp(tree_.bytesAtJournal() / 3, kMinBudget, kMaxBudget);
  return tree_.bytesSinceJournal() > budget;
}

void Transform::decide(krm::ResultStore& store) {
  size_t first = store.size();
  // What the steps report, made records (store.take) after each workload: a Result costs ten
  // times a record, and 200,000 workloads report a million.
  std::vector<Result> results;
  idx_ = scope::buildIndex(tree_, env_);
  graph_ = runGraph(tree_, env_, idx_, config_, results);
  const std::vector<Created> created = createMissing(tree_, idx_, graph_, config_);
  const bool check = config_.options.check;
  std::vector<Result> drainErrors;
  disruption::DrainAssessor drains(
      tree_, idx_, graph_, disruption::drainSettings(config_.options, creationOf(config_.options)),
      drainErrors);
  append(results, drainErrors);
  if (inputErrors(tree_, env_, idx_, graph_, config_, results) || !drainErrors.empty()) {
    store.take(results);
    store.dedupe(first);
    if (check) toCheckResults(store, first, config_.options.partialInput);
    return;
  }
  store.take(results);
  // A Rollout whose pods are a Deployment's template edits two items, and a policy per Service
  // is edited under its spec: kept in place.
  const bool mayStream =
      inWriteOrder() && idx_.templateFrom.empty() && !anySettingsPerService(graph_, config_);
  std::optional<yaml::Tree::Mark> streamFrom;  // the tree before the first workload undone
  size_t changes = 0;
  std::vector<disruption::WorkloadDrain> budgets;  // those a run creates (DR1)
  tree_.startJournal();
  for (size_t i = 0; i < graph_.targets.size(); ++i) {
    rewrite::SharedEdits shared;
    const yaml::Tree::Mark m = tree_.mark();
    changes += rewriteWorkload(tree_, idx_, graph_.targets[i], config_, results, shared);
    disruption::WorkloadDrain drain = drains.assess(graph_.targets[i].workload, results);
    if (drain.create) budgets.push_back(std::move(drain));
    store.take(results);
    if (!mayStream || (!streamFrom && !overBudget())) continue;
    if (!streamFrom) {
      streamFrom = m;
      next_ = i;
    }
    undoKeepingShared(m, shared);
    for (const rewrite::SharedEdit& e : shared) finals_.add(e);
  }
  // A rule broken for a workload behind two Ingresses is reported once per binding: the first
  // report is kept.
  store.dedupe(first);
  // Before a rollback takes back what the rewrite wrote into them; added only to a run that
  // succeeds, known once the results are in.
  reportCreated(tree_, idx_, created, nullptr, check, results);
  const bool succeeds = !check && !store.hasErrors(first);
  std::optional<FileIndexes> files;  // read only when an object is added
  if (succeeds && (!results.empty() || !budgets.empty())) files.emplace(tree_, env_);
  std::vector<yaml::NodeId> adds;
  if (succeeds && !results.empty()) {
    results.clear();
    reportCreated(tree_, idx_, created, &*files, false, results, &adds);
    appendObjects(tree_, env_, adds);
  }
  size_t added = adds.size();
  store.take(results);
  bool undone = false;
  if (check) {
    tree_.rollback();
    toCheckResults(store, first, config_.options.partialInput);
  } else {
    undone = undoIfErrors(tree_, store, first);
    if (!undone && !streamFrom) tree_.endJournal();
    if (!undone && streamFrom) {
      // Back to the state the first undone workload was rewritten in; the edits of those from
      // it on are made again as they are written.
      tree_.rollbackTo(*streamFrom);
      for (size_t i = next_; i < graph_.targets.size(); ++i)
        targetOf_.emplace(idx_.objects[graph_.targets[i].workload].node, i);
    }
    // After any rollback: the budgets are no edit of a workload, and stay in every mode.
    if (!undone && files) {
      adds.clear();
      makeBudgets(tree_, idx_, budgets, config_.options, *files, results, adds);
      appendObjects(tree_, env_, adds);
      added += adds.size();
    }
    store.take(results);
  }
  store.add(summary(graph_.targets.size(), changes, added, check, undone));
}

// Each workload is rewritten on the state decide() rewrote it in: those before it have made their
// shared edits (they are written before it: inWriteOrder), and the objects written in between
// had theirs undone.
void Transform::before(yaml::NodeId item) {
  if (targetOf_.empty()) return;
  if (open_) throw std::logic_error("item hook: before() twice without after()");
  auto target = targetOf_.find(item);
  if (target != targetOf_.end()) {
    if (target->second != next_) throw std::logic_error("item hook: workloads out of order");
    std::vector<Result> ignored;  // decide() reported them
    open_ = tree_.mark();
    rewriteWorkload(tree_, idx_, graph_.targets[next_++], config_, ignored, pending_, true);
  } else if (finals_.has(item)) {
    open_ = tree_.mark();
    finals_.redo(tree_, item);
  }
}

void Transform::after(yaml::NodeId) {
  if (!open_) return;
  undoKeepingShared(*open_, pending_);
  pending_.clear();
  open_.reset();
}

}  // namespace zd::transform
