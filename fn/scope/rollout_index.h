// What the index keeps of Argo Rollouts (argoproj.io): the Deployment a Rollout's workloadRef
// takes its pods from, and the ALB routes of canaries with traffic routing (ObjectIndex).
// Argo Rollouts' fields: pkg/apis/rollouts/v1alpha1/types.go; how it uses them:
// docs/features/traffic-management/alb.md and docs/features/specification.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scope/object_index.h"

namespace zd::scope {

class RolloutRefs {
 public:
  // Every object in input order: Rollouts and Deployments are remembered.
  void add(const yaml::Tree& t, size_t i, const ObjectInfo& info);
  // Once all are known (a workloadRef may name a Deployment that comes later): fills
  // templateFrom, templateOf, rolloutRoutes and the problems of ObjectIndex.
  void resolve(const yaml::Tree& t, ObjectIndex& idx) const;

 private:
  // By "ns/name", else by the name before a kustomize rename.
  std::optional<size_t> deploymentNamed(const std::string& nsName) const;
  void followRef(const yaml::Tree& t, size_t rollout, ObjectIndex& idx) const;

  std::vector<size_t> rollouts_;
  // "ns/name" -> Deployment, and "ns/original name" where kustomize renamed one (namePrefix):
  // a transformer sees the Rollout's reference before kustomize fixes it.
  std::map<std::string, size_t> deployments_;
  std::map<std::string, size_t> renamedDeployments_;
};

}  // namespace zd::scope
