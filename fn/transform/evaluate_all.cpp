#include "transform/evaluate_all.h"

#include <unordered_map>

#include "disruption/drain.h"
#include "rewrite/add_probe.h"
#include "rewrite/observe.h"
#include "scope/graph.h"
#include "transform/run_graph.h"
#include "transform/shared_pod.h"

namespace zd::transform {

namespace {

// DR5 for explain's line, on the grace period the workload ends with: its last evaluation's, as
// the run writes it.
std::string beyondNotice(int64_t grace, const krm::Options& options) {
  if (!options.evictionNoticeSeconds || grace <= *options.evictionNoticeSeconds) return "";
  return "; its grace period, " + std::to_string(grace) +
         " s, is longer than the platform's eviction notice, " +
         std::to_string(*options.evictionNoticeSeconds) + " s (DR5)";
}

void addDrains(const yaml::Tree& tree, const scope::ObjectIndex& idx, const scope::Graph& graph,
               const krm::Config& config, Evaluations& out, std::vector<krm::Result>& results) {
  const disruption::Creation creation = config.options.createPodDisruptionBudgets
                                            ? disruption::Creation::Create
                                            : disruption::Creation::Off;
  disruption::DrainReport report = disruption::assessDrains(
      tree, idx, graph, disruption::drainSettings(config.options, creation));
  results.insert(results.end(), report.errors.begin(), report.errors.end());
  results.insert(results.end(), report.findings.begin(), report.findings.end());
  std::unordered_map<std::string, int64_t> grace;  // by workload, the last evaluation's
  for (const TargetEvaluation& te : out.targets)
    grace[te.workload.display()] = te.evaluation.after.terminationGracePeriodSeconds.value;
  for (const disruption::WorkloadDrain& w : report.workloads) {
    DrainLine line{krm::refOf(tree, idx.objects[w.workload].node), ""};
    line.text = disruption::drainSummary(w, idx) +
                beyondNotice(grace[line.workload.display()], config.options);
    out.drains.push_back(std::move(line));
  }
}

}  // namespace

Evaluations evaluateAll(const yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
                        std::vector<krm::Result>& results) {
  Evaluations out;
  scope::ObjectIndex idx = scope::buildIndex(tree, env);
  scope::Graph graph = runGraph(tree, env, idx, config, results);
  out.workloadsInScope = graph.targets.size();
  const bool addsProbes = !config.options.readinessProbePath.empty();
  for (const scope::Target& target : graph.targets) {
    // A copy keeps node ids, so the index stays valid for it; only the copy gets the probes.
    yaml::Tree withProbes;
    if (addsProbes) {
      withProbes = tree;
      std::vector<krm::Result> ignored;
      rewrite::addMissingProbes(withProbes, idx, target, config, ignored);
    }
    // Behind load balancers of several presets, each is evaluated with the pod side all of them
    // need, as transform() writes it.
    const bool several = behindSeveral(target);
    const krm::Config shared = several ? sharedPodConfig(target, config) : krm::Config{};
    for (const scope::Binding& b : *target.bindings) {
      const timing::Knobs& knobs = (several ? shared : config).preset(b.lb);
      std::vector<krm::Result> inputErrors;
      TargetEvaluation te;
      te.observed = rewrite::observe(tree, idx, target, b, config, inputErrors);
      if (!inputErrors.empty()) {
        results.insert(results.end(), inputErrors.begin(), inputErrors.end());
        continue;
      }
      te.workload = krm::refOf(tree, idx.objects[target.workload].node);
      te.frontDoor = krm::refOf(tree, idx.objects[b.frontDoor].node);
      te.service = krm::refOf(tree, idx.objects[b.service].node);
      te.lb = b.lb;
      te.behindSeveral = several;
      te.knobs = knobs;
      for (const timing::ObservedContainer& c : te.observed.containers)
        te.containers.push_back(c.name);
      if (!addsProbes) {
        te.evaluation = timing::evaluate(knobs, te.observed);
      } else {
        std::vector<krm::Result> ignored;
        timing::Observed o = rewrite::observe(withProbes, idx, target, b, config, ignored);
        te.evaluation = timing::evaluate(knobs, o);
        te.evaluation.before = timing::effective(knobs, te.observed);
        te.evaluation.violationsBefore = timing::check(knobs, te.observed);
        for (size_t i = 0; i < o.containers.size() && i < te.observed.containers.size(); ++i) {
          if (!te.observed.containers[i].readinessProbe && o.containers[i].readinessProbe) {
            te.probesAdded.push_back(o.containers[i].name);
          }
        }
      }
      out.targets.push_back(std::move(te));
    }
  }
  addDrains(tree, idx, graph, config, out, results);
  return out;
}

}  // namespace zd::transform
