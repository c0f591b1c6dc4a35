// The transform's reading half: index, graph, observe, evaluate, for every workload behind the
// load balancer, without rewriting anything. `explain` stands on it; transform() keeps its own
// loop because it interleaves the rewrites.
#pragma once

#include <string>
#include <vector>

#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result.h"
#include "scope/graph.h"
#include "timing/model.h"
#include "yaml/tree.h"

namespace zd::transform {

// One workload behind one front door -> Service edge, as transform() evaluates it.
struct TargetEvaluation {
  krm::ResourceRef workload, frontDoor, service;
  size_t lb = 0;               // the edge's preset: an index into krm::Config::presets
  bool behindSeveral = false;  // edges of other presets reach the workload too
  timing::Knobs knobs;         // what it was evaluated with (transform/shared_pod.h when several)
  std::vector<std::string> containers;   // serving containers, in pod-spec order
  std::vector<std::string> probesAdded;  // serving containers that readinessProbePath gives a probe
  timing::Observed observed;             // the manifests as they are
  // evaluate() on what the rewrite works from. With readinessProbePath, transform() adds the
  // missing probes before it observes, so the plan and `after` include them, while `before`
  // and `violationsBefore` describe the input itself.
  timing::Evaluation evaluation;
};

// What a node drain does to one workload (disruption::drainSummary), and DR5 when its grace
// period after the run outlasts the platform's eviction notice.
struct DrainLine {
  krm::ResourceRef workload;
  std::string text;
};

struct Evaluations {
  size_t workloadsInScope = 0;            // graph targets, each counted once
  std::vector<TargetEvaluation> targets;  // graph order, then binding order
  std::vector<DrainLine> drains;          // graph order, one per workload
};

// Graph warnings and input errors go to `results`, as transform() reports them. Each binding is
// evaluated on the input: transform() rewrites a workload between two bindings of it, so a
// second Ingress in front of one workload sees the first one's edits there.
Evaluations evaluateAll(const yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
                        std::vector<krm::Result>& results);

}  // namespace zd::transform
