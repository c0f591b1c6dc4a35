// How many pods a workload keeps at the least, which is what a drain may take from: the minReplicas
// of a HorizontalPodAutoscaler of the input that scales it (1 when unset), else spec.replicas (1
// when omitted). Read once per workload. A minReplicas of 0 (scale to zero) counts as 1: when
// there are pods at all, a drain may take the only one.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "krm/result.h"
#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::disruption {

struct Replicas {
  int64_t count = 1;
  std::optional<size_t> autoscaler;  // the HPA's object index, when one decides
  bool written = false;              // spec.replicas is in the manifest
  std::string from;                  // for messages: "spec.replicas", "HorizontalPodAutoscaler/..."
};

class ReplicaReader {
 public:
  // "Kind/name" -> namespaces ("" when unset) of the workloads whose autoscalers' errors are the
  // run's to report; the others' are read for the counts only.
  using Names = std::map<std::string, std::set<std::string>>;

  ReplicaReader(const yaml::Tree& t, const scope::ObjectIndex& idx, const Names& inScope,
                std::vector<krm::Result>& errors);

  // A malformed spec.replicas is an error in `errors`. `of` keeps what it read, for the workloads
  // of budgets' counts; `read` does not, for each workload assessed once.
  const Replicas& of(size_t workload, std::vector<krm::Result>& errors);
  Replicas read(size_t workload, std::vector<krm::Result>& errors) const;

  // The "Kind/name"s an autoscaler's scaleTargetRef may name the workload by: its name, and under
  // a kustomize transformer the one it had before namePrefix (kustomize fixes the reference after
  // the transformers ran).
  static std::vector<std::string> namesOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                          size_t workload);

 private:
  struct Autoscaler {
    size_t object;
    int64_t minReplicas;
  };
  const yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  const Autoscaler* autoscalerOf(size_t workload) const;

  // By "Kind/name" of the workload they scale, with their namespace: a manifest without one lands
  // in whichever the apply uses, so it may meet one of any namespace (Helm charts set it on some
  // templates only).
  std::map<std::string, std::vector<std::pair<std::string, Autoscaler>>> autoscalers_;
  std::unordered_map<size_t, Replicas> cache_;
};

}  // namespace zd::disruption
