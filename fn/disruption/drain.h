// What a node drain does to each workload behind the load balancer, read from the manifests: its
// replicas (an HPA's minReplicas when one scales it), the PodDisruptionBudgets that select its
// pods and how many evictions they allow at once. From that, the DR rules: a PDB to create where
// none protects a replicated workload, and warnings for budgets that block drains, budgets over
// several workloads and single-replica workloads. Reads the tree, writes nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "disruption/budget.h"
#include "krm/config.h"
#include "krm/result.h"
#include "scope/graph.h"
#include "yaml/tree.h"

namespace zd::disruption {

enum class Verdict {
  NotDrained,   // a DaemonSet: drains leave its pods alone
  ScaledDown,   // 0 replicas
  OneReplica,   // DR4: a drain takes its only pod
  Unprotected,  // DR1: no PDB; one is created unless creation is off or the run checks
  Guarded,      // PDBs allow `allowed` evictions at a time
  Blocked       // DR2 or DR6: no eviction is ever allowed
};

struct WorkloadDrain {
  size_t workload = 0;  // object index
  int64_t replicas = 1;
  std::string replicasFrom;          // for messages: "spec.replicas", "HorizontalPodAutoscaler/..."
  std::optional<size_t> autoscaler;  // the HPA's object index, when its minReplicas decides
  std::vector<size_t> budgets;       // object indexes of the PDBs that select its pods
  int64_t allowed = 0;      // evictions at a time (Guarded; Unprotected: by the budget created)
  int64_t unownedPods = 0;  // Unprotected: bare pods its selector also selects, each one more
  Verdict verdict = Verdict::Unprotected;
  bool create = false;  // Unprotected, and the run makes its budget (DR1)
};

struct DrainReport {
  std::vector<WorkloadDrain> workloads;  // graph order
  // Malformed PDBs and HPAs that can reach the workloads assessed: input errors.
  std::vector<krm::Result> errors;
  // DR warnings (DR1 only when nothing is created), and a malformed spec.replicas (an error).
  std::vector<krm::Result> findings;
};

// Whether the run creates the budgets it finds missing: DR1 is then the created object's info
// result (transform/disruption_budgets.h), otherwise a warning here saying why none is made. A
// budget is not made either where it would protect nothing (the config's maxUnavailable covers
// every replica) or would also select another workload's pods (two budgets over one pod make the
// eviction API refuse it).
enum class Creation { Create, CheckOnly, Off };

// What the config asks of budgets.
struct DrainSettings {
  Creation creation = Creation::Create;
  timing::IntOrPercent created{1, false};  // the maxUnavailable of the budgets the run creates
  // From Kubernetes 1.22 the disruption controller counts a pod without an owner as healthy and
  // expects none for it; before, such a pod made it refuse every eviction (as a Job's still do).
  bool countsUnownedPods = true;
};

DrainSettings drainSettings(const krm::Options& options, Creation creation);

class Assessor;

// Reads the budgets and autoscalers of the namespaces and workloads the graph reaches once (their
// input errors go to `errors`), then assesses one workload at a time, so that a run of 200,000
// workloads holds their findings no longer than each one's turn.
class DrainAssessor {
 public:
  DrainAssessor(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Graph& graph,
                const DrainSettings& settings, std::vector<krm::Result>& errors);
  ~DrainAssessor();
  // The workload's drain; its findings, and those of budgets first seen here, to `findings`.
  WorkloadDrain assess(size_t workload, std::vector<krm::Result>& findings);

 private:
  std::unique_ptr<Assessor> impl_;
};

// Every workload of the graph at once (explain).
DrainReport assessDrains(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const scope::Graph& graph, const DrainSettings& settings);

// One line for explain's summary: what a drain does to the workload.
std::string drainSummary(const WorkloadDrain& w, const scope::ObjectIndex& idx);

}  // namespace zd::disruption
