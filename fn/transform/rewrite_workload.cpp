#include "transform/rewrite_workload.h"

#include <algorithm>
#include <map>
#include <utility>

#include "disruption/eviction_notice.h"
#include "rewrite/add_probe.h"
#include "rewrite/apply.h"
#include "rewrite/observe.h"
#include "timing/model.h"
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
                     std::vector<Result>& reports, rewrite::SharedEdits& shared, bool quiet) {
  size_t changes = 0;
  for (const scope::Binding& b : *target.bindings) {
    const timing::Knobs& k = config.preset(b.lb);
    std::vector<Result> inputErrors;
    timing::Observed o = rewrite::observe(tree, idx, target, b, config, inputErrors);
    if (!inputErrors.empty()) {
      reports.insert(reports.end(), inputErrors.begin(), inputErrors.end());
      continue;
    }
    timing::Evaluation ev;
    if (quiet) {
      ev.plan = timing::plan(k, o);  // evaluate()'s plan, without checking what it leaves
    } else {
      ev = timing::evaluate(k, o);
    }
    const size_t found = reports.size();
    if (!quiet) report(tree, idx, target, b, ev, k.preset, reports);
    const size_t before = results.size();
    rewrite::applyPlan(tree, idx, target, b, ev.plan, config, results, shared);
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
                            std::vector<Result>& results, rewrite::SharedEdits& shared,
                            bool quiet) {
  constexpr int kPasses = 4;
  const krm::Config pod = sharedPodConfig(target, config);
  const size_t start = results.size();
  std::vector<Result> reports;
  for (int pass = 0; pass < kPasses; ++pass) {
    reports.clear();
    const size_t made = rewriteTarget(tree, idx, target, pod, results, reports, shared, quiet);
    if (made == 0) break;
    if (pass + 1 == kPasses) reports.push_back(disagreement(tree, idx, target, config));
  }
  const size_t changes = collapseChanges(results, start);
  results.insert(results.end(), reports.begin(), reports.end());
  return changes;
}

}  // namespace

size_t rewriteWorkload(yaml::Tree& tree, const scope::ObjectIndex& idx, const scope::Target& target,
                       const krm::Config& config, std::vector<Result>& results,
                       rewrite::SharedEdits& shared, bool quiet) {
  const size_t before = results.size();
  rewrite::addMissingProbes(tree, idx, target, config, results);
  size_t changes = results.size() - before;
  if (behindSeveral(target)) {
    changes += rewriteBehindSeveral(tree, idx, target, config, results, shared, quiet);
  } else {
    changes += rewriteTarget(tree, idx, target, config, results, results, shared, quiet);
  }
  // On the grace period the rewrite leaves: the one the pods will have.
  if (const std::optional<int64_t> notice = config.options.evictionNoticeSeconds;
      notice && !quiet) {
    if (auto r = disruption::graceBeyondNotice(tree, idx, target.workload, *notice))
      results.push_back(std::move(*r));
  }
  return changes;
}

}  // namespace zd::transform
