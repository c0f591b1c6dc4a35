// The pods each workload makes, as its pod template shows them: their labels, and which workloads
// of a namespace a selector picks. Read once per workload.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "disruption/label_selector.h"
#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::disruption {

class WorkloadPods {
 public:
  // countsUnownedPods: DrainSettings'; without it a bare Pod counts as a Job's pods do.
  WorkloadPods(const yaml::Tree& t, const scope::ObjectIndex& idx, bool countsUnownedPods)
      : t_(t), idx_(idx), countsUnownedPods_(countsUnownedPods) {}

  // Kept for the workloads of budgets' counts, which are read again and again.
  const Labels& labels(size_t workload);
  // Not kept: a workload read once, as each assessed one is (200,000 of them would be held).
  Labels labelsOnce(size_t workload) const;

  // The workloads of `ns` (every kind, DaemonSets too) whose pods `sel` selects, in input order;
  // an empty selector selects them all.
  std::vector<size_t> selectedBy(const LabelSelector& sel, std::string_view ns);

  // How the disruption controller counts the pods of an object that is not one of the index's
  // workloads. A Job's or CronJob's have no scale: over them it cannot compute a budget's
  // expected pods and allows no eviction at all (unless the budget is an integer minAvailable).
  // A bare Pod has no owner: from Kubernetes 1.22 it counts as healthy, never as expected. A
  // ReplicaSet or ReplicationController has a scale, as a Deployment has.
  enum class Counting : uint8_t { NoScale, HealthyOnly, Scaled };
  struct PodSource {
    size_t object;
    Counting counting;
  };

  // The Jobs, CronJobs, bare Pods, ReplicaSets and ReplicationControllers of `ns` whose pods
  // `sel` selects, in input order. Those a controller owns (ownerReferences) are left to it.
  std::vector<PodSource> sourcesSelectedBy(const LabelSelector& sel, std::string_view ns);

  // "" and the namespaces where `sel` selects the pods of a workload or another pod source: those
  // a budget without a namespace changes its count in, over a workload without one.
  std::vector<std::string> namespacesSelecting(const LabelSelector& sel);

  // The namespaces whose objects may share namespace `ns` once applied: `ns` and "" (a manifest
  // without one lands in whichever the apply uses), or every namespace for "".
  std::vector<std::string> meeting(std::string_view ns);

  // The workload's spec.selector, or that of the Deployment a Rollout takes its pods from; kNone
  // when neither has one (extensions/v1beta1 defaulted it to the template's labels).
  static yaml::NodeId selectorNode(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                   size_t workload);

 private:
  const std::vector<size_t>& inNamespace(std::string_view ns);
  void buildSources();

  const yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  std::unordered_map<size_t, Labels> labels_;
  std::map<std::string, std::vector<size_t>, std::less<>> byNamespace_;
  bool byNamespaceBuilt_ = false;
  // "key=value" -> the namespaces whose workloads carry it (from the index's workloadsByLabel).
  std::unordered_map<std::string, std::set<std::string>> labelNamespaces_;

  // The pod sources by namespace, with their pods' labels: few, so scanned.
  std::map<std::string, std::vector<std::pair<PodSource, Labels>>, std::less<>> sources_;
  bool sourcesBuilt_ = false;
  bool countsUnownedPods_;
};

}  // namespace zd::disruption
