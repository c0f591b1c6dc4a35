#include "transform/transform.h"

#include <algorithm>
#include <map>
#include <utility>

#include "rewrite/add_probe.h"
#include "rewrite/apply.h"
#include "rewrite/observe.h"
#include "scope/graph.h"
#include "timing/model.h"
#include "transform/evaluate_all.h"
#include "transform/merge_keys.h"
#include "transform/run_graph.h"
#include "transform/shared_pod.h"
#include "transform/violation_place.h"

namespace zd::transform {

using krm::Result;
using krm::Severity;

namespace {

Severity toSeverity(timing::Severity s) {
  switch (s) {
    case timing::Severity::Error:
      return Severity::Error;
    case timing::Severity::Warning:
      return Severity::Warning;
    case timing::Severity::Info:
      return Severity::Info;
  }
  return Severity::Info;
}

Result fromViolation(const yaml::Tree& t, const scope::ObjectIndex& idx,
                     const scope::Target& target, const scope::Binding& b,
                     const timing::Violation& v, Severity severity, timing::PresetId preset) {
  Place place = placeOf(t, idx, target, b, v.field, preset);
  Result r;
  r.severity = severity;
  r.message = v.message;
  r.resource = krm::refOf(t, idx.objects[place.object].node);
  r.fieldPath = place.path;
  return r;
}

void report(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
            const scope::Binding& b, const timing::Evaluation& ev, timing::PresetId preset,
            std::vector<Result>& out) {
  for (const timing::Violation& v : ev.violationsAfter) {
    out.push_back(fromViolation(t, idx, target, b, v, toSeverity(v.severity), preset));
  }
  for (const timing::Violation& v : ev.plan.notes) {
    out.push_back(fromViolation(t, idx, target, b, v, toSeverity(v.severity), preset));
  }
}

// In a run of several presets, each finding and change says which preset's rule it is.
void namePreset(std::vector<Result>& results, size_t from, timing::PresetId preset) {
  for (size_t i = from; i < results.size(); ++i)
    results[i].message += std::string(" (preset ") + timing::presetName(preset) + ")";
}

Result disagreement(const yaml::Tree& tree, const scope::ObjectIndex& idx,
                    const scope::Target& target, const krm::Config& config) {
  std::string presets;
  for (size_t lb : presetsOf(target)) {
    presets += (presets.empty() ? "" : " and ") +
               std::string(timing::presetName(config.preset(lb).preset));
  }
  Result r;
  r.severity = Severity::Warning;
  r.resource = krm::refOf(tree, idx.objects[target.workload].node);
  r.message = "presets " + presets +
              " keep changing this workload's settings back and forth: what they need "
              "contradicts (see the changes above); pin the contested values in the config";
  return r;
}

// A field that presets changed in turn is one change: the value it had, the value it ends with,
// and the last preset's reason, at the place of its first change. Returns the fields changed.
size_t collapseChanges(std::vector<Result>& results, size_t from) {
  std::map<std::pair<std::string, std::string>, size_t> first;  // (resource, field) -> index
  size_t out = from;
  for (size_t i = from; i < results.size(); ++i) {
    Result& r = results[i];
    auto key = std::make_pair(r.resource ? r.resource->display() : "", r.fieldPath);
    auto found = r.proposed ? first.find(key) : first.end();
    if (found == first.end()) {
      if (r.proposed) first.emplace(key, out);
      if (out != i) results[out] = std::move(r);
      ++out;
      continue;
    }
    Result& kept = results[found->second];
    kept.proposed = std::move(r.proposed);
    kept.message = std::move(r.message);
    kept.severity = r.severity;
  }
  results.resize(out);
  return static_cast<size_t>(std::count_if(results.begin() + static_cast<std::ptrdiff_t>(from),
                                           results.end(),
                                           [](const Result& r) { return r.proposed.has_value(); }));
}

// One pass over a workload's edges: each edge's plan is applied in turn, so a later edge sees the
// earlier ones' edits (a longer sleep, a lower maxUnavailable) and only tightens them. Findings
// go to `reports`, changes to `results`; returns the number of changes.
size_t rewriteTarget(yaml::Tree& tree, const scope::ObjectIndex& idx, const scope::Target& target,
                     const krm::Config& config, std::vector<Result>& results,
                     std::vector<Result>& reports) {
  size_t changes = 0;
  for (const scope::Binding& b : *target.bindings) {
    const timing::Knobs& k = config.preset(b.lb);
    std::vector<Result> inputErrors;
    timing::Observed o = rewrite::observe(tree, idx, target, b, config, inputErrors);
    if (!inputErrors.empty()) {
      reports.insert(reports.end(), inputErrors.begin(), inputErrors.end());
      continue;
    }
    timing::Evaluation ev = timing::evaluate(k, o);
    const size_t found = reports.size();
    report(tree, idx, target, b, ev, k.preset, reports);
    const size_t before = results.size();
    rewrite::applyPlan(tree, idx, target, b, ev.plan, config, results);
    changes += results.size() - before;
    if (config.presetCount() > 1) {
      namePreset(reports, found, k.preset);  // with the changes too when they share the list
      if (&results != &reports) namePreset(results, before, k.preset);
    }
  }
  return changes;
}

// A workload behind load balancers of several presets gets what each needs: passes over its
// edges repeat until one changes nothing, whose findings are the ones reported. Presets whose
// needs contradict each other would change fields back and forth: after kPasses that is
// reported instead of looping.
size_t rewriteBehindSeveral(yaml::Tree& tree, const scope::ObjectIndex& idx,
                            const scope::Target& target, const krm::Config& config,
                            std::vector<Result>& results) {
  constexpr int kPasses = 4;
  const krm::Config shared = sharedPodConfig(target, config);
  const size_t start = results.size();
  std::vector<Result> reports;
  for (int pass = 0; pass < kPasses; ++pass) {
    reports.clear();
    const size_t made = rewriteTarget(tree, idx, target, shared, results, reports);
    if (made == 0) break;
    if (pass + 1 == kPasses) reports.push_back(disagreement(tree, idx, target, config));
  }
  const size_t changes = collapseChanges(results, start);
  results.insert(results.end(), reports.begin(), reports.end());
  return changes;
}

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

Result summary(size_t inScope, size_t changed, bool check, bool undone) {
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
    krm::ResultStore::Record& r = results.record(i);
    if (r.proposes()) r.severity = Severity::Error;
    if (r.unresolved && !partialInput) {
      r.severity = Severity::Error;
      r.message = results.intern(
          std::string(results.str(r.message)) +
          " (check mode cannot vouch for it; set config partialInput: true if the input is an "
          "excerpt on purpose)");
    }
  }
}

}  // namespace

void transform(yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
               krm::ResultStore& store) {
  size_t first = store.size();
  // What the steps report, made records (store.take) after each workload: a Result costs ten
  // times a record, and 200,000 workloads report a million.
  std::vector<Result> results;
  scope::ObjectIndex idx = scope::buildIndex(tree, env);
  scope::Graph graph = runGraph(tree, env, idx, config, results);
  const bool check = config.options.check;
  size_t changes = 0;
  if (inputErrors(tree, env, idx, graph, config, results)) {
    store.take(results);
    store.dedupe(first);
    if (check) toCheckResults(store, first, config.options.partialInput);
    return;
  }
  store.take(results);
  tree.startJournal();
  for (const scope::Target& target : graph.targets) {
    size_t before = results.size();
    rewrite::addMissingProbes(tree, idx, target, config, results);
    changes += results.size() - before;
    if (behindSeveral(target)) {
      changes += rewriteBehindSeveral(tree, idx, target, config, results);
    } else {
      changes += rewriteTarget(tree, idx, target, config, results, results);
    }
    store.take(results);
  }
  // A rule broken for a workload behind two Ingresses is reported once per binding: the first
  // report is kept.
  store.dedupe(first);
  bool undone = false;
  if (check) {
    tree.rollback();
    toCheckResults(store, first, config.options.partialInput);
  } else {
    undone = undoIfErrors(tree, store, first);
    if (!undone) tree.endJournal();
  }
  store.add(summary(graph.targets.size(), changes, check, undone));
}

}  // namespace zd::transform
