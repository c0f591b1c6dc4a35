#include "transform/run_graph.h"

#include <algorithm>
#include <map>

#include "adapters/registry.h"
#include "krm/envelope.h"
#include "scope/strings.h"

namespace zd::transform {

scope::ScopeOptions scopeOptions(const krm::Config& config) {
  scope::ScopeOptions o;
  o.defaultIngressClass = config.options.defaultIngressClass;
  return o;
}

namespace {

// What the targets of several presets' graphs share once merged (scope/shared.h).
struct MergedParts {
  scope::Interner<std::vector<scope::Binding>> edgeLists;
  scope::Interner<std::vector<std::string>> portLists;
  scope::Interner<scope::Serving> servings;
};

// Adds `from`'s edges and target ports to `into`, the same workload's target of an earlier
// preset; the serving containers are found again from all the ports.
void mergeTarget(const yaml::Tree& t, const scope::ObjectIndex& idx, scope::Target& into,
                 const scope::Target& from, MergedParts& parts) {
  std::vector<scope::Binding> edges = *into.bindings;
  edges.insert(edges.end(), from.bindings->begin(), from.bindings->end());
  into.bindings = parts.edgeLists(std::move(edges));
  std::vector<std::string> ports = *into.targetPorts;
  for (const std::string& p : *from.targetPorts) {
    if (!scope::contains(ports, p)) ports.push_back(p);
  }
  if (ports.size() == into.targetPorts->size()) return;
  into.serving = parts.servings(
      scope::servingContainers(t, scope::podTemplateHolder(idx, into.workload), ports));
  into.targetPorts = parts.portLists(std::move(ports));
}

// Two presets that both claim an object (a classless Ingress with defaultIngressClass, a class
// named in both presets' ingressClassNames) would write both controllers' settings on it: an
// error naming both, since one controller serves it and the config must say which.
void claimedTwice(const yaml::Tree& t, const scope::ObjectIndex& idx, const krm::Config& config,
                  const std::map<size_t, size_t>& claimedBy, size_t door, size_t lb,
                  std::vector<krm::Result>& results) {
  auto first = claimedBy.find(door);
  if (first == claimedBy.end() || first->second == lb) return;
  krm::Result r;
  r.severity = krm::Severity::Error;
  r.resource = krm::refOf(t, idx.objects[door].node);
  const bool route = idx.objects[door].kind == scope::ObjectKind::Route;
  r.message = std::string("is claimed by presets ") +
              timing::presetName(config.preset(first->second).preset) + " and " +
              timing::presetName(config.preset(lb).preset) +
              " at once, but one controller serves it: " +
              (route ? "qualify gatewayNames or gatewayClassNames so that only that preset lists "
                       "its parent Gateway or class"
                     : "name its class (spec.ingressClassName), and qualify ingressClassNames so "
                       "that only that preset lists it");
  results.push_back(std::move(r));
}

}  // namespace

namespace {

// What the index could not follow, once per run, whichever presets walk the graph.
void reportIndexProblems(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         std::vector<krm::Result>& results) {
  for (const scope::IndexProblem& p : idx.problems) {
    krm::Result r;
    r.severity = p.error ? krm::Severity::Error : krm::Severity::Warning;
    r.resource = krm::refOf(t, idx.objects[p.object].node);
    r.fieldPath = p.fieldPath;
    r.message = p.message;
    r.unresolved = p.unresolved;
    results.push_back(std::move(r));
  }
}

// The graphs' targets, one per workload with the edges of every graph that reaches it. The usual
// run (one preset, one kind of front door in the input) has one graph with targets: it is the
// answer as it is, since sorting and merging 200,000 targets is not free.
scope::Graph mergeGraphs(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const krm::Config& config,
                         std::vector<std::pair<size_t, scope::Graph>>& graphs,
                         std::vector<krm::Result>& results) {
  std::map<size_t, size_t> claimedBy;  // front door -> the first preset claiming it
  std::vector<size_t> doors;
  size_t withTargets = 0, last = 0;
  for (size_t i = 0; i < graphs.size(); ++i) {
    auto& [lb, g] = graphs[i];
    for (size_t d : g.frontDoors) {
      claimedTwice(t, idx, config, claimedBy, d, lb, results);
      if (claimedBy.emplace(d, lb).second) doors.push_back(d);
    }
    if (!g.targets.empty()) ++withTargets, last = i;
  }
  if (withTargets <= 1) {
    scope::Graph g = graphs.empty() ? scope::Graph{} : std::move(graphs[last].second);
    g.frontDoors = std::move(doors);
    return g;
  }
  std::map<size_t, scope::Target> byWorkload;  // keyed by object index: input order
  MergedParts parts;
  scope::Graph merged;
  merged.frontDoors = std::move(doors);
  for (auto& [lb, g] : graphs) {
    for (scope::Target& target : g.targets) {
      auto it = byWorkload.find(target.workload);
      if (it == byWorkload.end()) {
        byWorkload.emplace(target.workload, std::move(target));
      } else {
        mergeTarget(t, idx, it->second, target, parts);
      }
    }
  }
  for (auto& [w, target] : byWorkload) merged.targets.push_back(std::move(target));
  return merged;
}

}  // namespace

scope::Graph runGraph(const yaml::Tree& t, const krm::Envelope& env, const scope::ObjectIndex& idx,
                      const krm::Config& config, std::vector<krm::Result>& results) {
  reportIndexProblems(t, idx, results);
  scope::ScopeOptions options = scopeOptions(config);
  // One graph per preset and front door (an Ingress, a Gateway API route).
  std::vector<std::pair<size_t, scope::Graph>> graphs;
  for (size_t lb = 0; lb < config.presetCount(); ++lb) {
    const timing::Knobs& k = config.preset(lb);
    const std::vector<adapters::Door>& doors = adapters::doorsOf(k.preset);
    for (size_t d = 0; d < doors.size(); ++d) {
      options.lb = lb;
      options.door = static_cast<uint8_t>(d);
      graphs.emplace_back(
          lb, scope::buildGraph(t, env, idx, k, options, doors[d].frontDoor(), results));
    }
  }
  return mergeGraphs(t, idx, config, graphs, results);
}

std::vector<size_t> presetsOf(const scope::Target& target) {
  std::vector<size_t> lbs;
  for (const scope::Binding& b : *target.bindings) {
    if (std::find(lbs.begin(), lbs.end(), b.lb) == lbs.end()) lbs.push_back(b.lb);
  }
  return lbs;
}

bool behindSeveral(const scope::Target& target) { return presetsOf(target).size() > 1; }

}  // namespace zd::transform
