#include "transform/evaluate_all.h"

#include "rewrite/add_probe.h"
#include "rewrite/observe.h"
#include "scope/graph.h"
#include "transform/run_graph.h"
#include "transform/shared_pod.h"

namespace zd::transform {

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
  return out;
}

}  // namespace zd::transform
