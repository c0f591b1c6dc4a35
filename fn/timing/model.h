// The timing model of docs/timing-model.md as pure functions, for one workload and the load
// balancer in front of it:
//
//   Observed (what the manifests say, every value optional)
//     -> effective()  fills the Kubernetes / controller defaults, remembering where each came from
//     -> check()      the rules that are violated (rule id first in each message)
//     -> plan()       the values to write, each with the rule that demands it
//     -> evaluate()   all of the above, plus check() re-run on the planned state ("after")
//
// No YAML types and no I/O here: the caller reads manifests into Observed and applies the Plan.
//
// Rule ids: K*, A*, IP*, IN*, AG* are the load-balancer rules of docs/timing-model.md ("Rules";
// docs/rules.md is the short table). Rules of this tool itself use Z*:
//   Z1  strategy Recreate (warning) / OnDelete (info): reported, never rewritten
//   Z2  preStop that is not a plain sleep (warning): its length is unknown, the grace period
//       assumes it ends within the preset's sleep; never rewritten
//   Z3  serving container without a readinessProbe (warning): it takes traffic before it serves
//   Z4  maxUnavailable above the preset's (warning): capacity drops while LB state lags
//   Z5  StatefulSet with fewer than 2 replicas (warning): it is replaced delete-first
//   Z6  ALB target type other than the preset's (warning)
//   Z7  alb-instance behind a Service that is not NodePort/LoadBalancer (warning): the ALB
//       reaches instance targets through the NodePort
//   Z8  DaemonSet with hostNetwork or a hostPort (warning): a surge pod cannot start beside
//       the old one, so its rolling update cannot keep maxUnavailable 0; left as it is
//   Z9  the serving containers could not be identified (warning): no container declares the
//       Service's target port, so every container gets the preStop sleep
//   Z10 DaemonSet with maxSurge and maxUnavailable both non-zero (error): the API server
//       rejects it
//   Z11 load-balancer settings shared with a backend the function does not manage (warning):
//       an Ingress or Service annotation would change that backend too, so it is not written
//   Z0  a change made only to reach a preset/config value, with no rule broken (the manifest
//       was silent, or looser than the preset): the plan's rule id where no other applies
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/agc/model.h"
#include "adapters/agic/model.h"
#include "adapters/alb/model.h"
#include "adapters/gke/model.h"
#include "adapters/nlb/model.h"
#include "timing/field_ref.h"
#include "timing/knobs.h"
#include "timing/mesh.h"
#include "timing/values.h"

namespace zd::timing {

enum class WorkloadKind { Deployment, StatefulSet, DaemonSet, Rollout };
// An Argo Rollout's strategy (spec.strategy.canary or .blueGreen).
enum class RolloutStrategy { Canary, BlueGreen };

enum class StrategyType { RollingUpdate, Recreate, OnDelete };
// ExecSleep is an exec command that only sleeps (`["sleep", "N"]`, `sh -c "sleep 1m"`: the forms
// of rewrite/sleep_hook.h); NativeSleep is `sleep: {seconds: N}`. Other is any hook the caller
// could not read as a plain sleep: the grace period assumes it ends within the preset's sleep.
// Rule id of a change that only brings a value to the preset/config value (Z0 above).
inline constexpr const char* kPresetRule = "Z0";

enum class PreStopKind { None, ExecSleep, NativeSleep, Other };
enum class ServiceType { ClusterIP, NodePort, LoadBalancer, ExternalName };

const char* kindName(WorkloadKind k);
const char* strategyName(StrategyType s);
const char* serviceTypeName(ServiceType t);

// ---------------------------------------------------------------------------------------------
// Observed: one workload's values as written, and the LB settings in front of it.

struct ObservedProbe {
  bool isHttpGet = false;
  std::optional<int64_t> periodSeconds;
  std::optional<int64_t> timeoutSeconds;
  std::optional<int64_t> failureThreshold;
  std::optional<int64_t> initialDelaySeconds;
  std::optional<int64_t> successThreshold;
  std::string httpPath = {};  // httpGet.path, and its port as a number ("" when an undeclared name)
  std::string httpPort = {};
  bool httpsScheme = false;   // httpGet.scheme HTTPS
  std::string httpHost = {};  // a Host header among httpGet.httpHeaders
};

// A serving container: one that exposes the Service's targetPort (or the only container).
struct ObservedContainer {
  std::string name;
  PreStopKind preStop = PreStopKind::None;
  std::optional<int64_t> preStopSeconds;        // the N of a plain sleep
  std::optional<ObservedProbe> readinessProbe;  // nullopt: the container has none
  std::optional<ObservedProbe> livenessProbe;   // read for App Gateway's probe (AG5)
  std::string image = {};                       // for messages
  // Why the image has no `sleep` to exec (K9), as rewrite/shell_less_image.h tells it from the
  // image's name; empty when the function cannot tell.
  std::string noSleepBinary = {};
};

// How the caller found the serving containers (Z9): only Certain names the ones that serve.
enum class ServingGuess { Certain, Undeclared, UnresolvedName };

// An Argo Rollout's strategy fields that decide whether a request can be dropped.
struct ObservedRollout {
  RolloutStrategy strategy = RolloutStrategy::Canary;
  bool trafficRouting = false;     // canary.trafficRouting, any provider
  bool albTrafficRouting = false;  // canary.trafficRouting.alb
  bool dynamicStableScale = false;
  std::optional<int64_t> scaleDownDelaySeconds;       // canary (traffic routing) or blueGreen
  std::optional<int64_t> abortScaleDownDelaySeconds;  // 0: never scaled down
  bool pingPong = false;                              // canary.pingPong
};

struct EffectiveRollout {
  RolloutStrategy strategy = RolloutStrategy::Canary;
  bool trafficRouting = false;
  bool albTrafficRouting = false;
  bool dynamicStableScale = false;
  Sourced<int64_t> scaleDownDelaySeconds;       // default 30 (Argo Rollouts)
  Sourced<int64_t> abortScaleDownDelaySeconds;  // default 30
  bool pingPong = false;
  // Whether the old pods leave the load balancer through a Service selector switch (blue-green,
  // canary with traffic routing) rather than by their deletion.
  bool switches() const { return strategy == RolloutStrategy::BlueGreen || trafficRouting; }
};

struct Observed {
  WorkloadKind kind = WorkloadKind::Deployment;  // always known to the caller
  std::optional<int64_t> replicas;
  std::optional<int64_t> terminationGracePeriodSeconds;
  // Deployment spec.strategy.type; StatefulSet / DaemonSet spec.updateStrategy.type.
  std::optional<StrategyType> strategy;
  std::optional<IntOrPercent> maxSurge;  // ignored for a StatefulSet (it has none)
  std::optional<IntOrPercent> maxUnavailable;
  std::optional<int64_t> minReadySeconds;
  std::optional<int64_t> progressDeadlineSeconds;  // Deployment only
  std::vector<ObservedContainer> containers;       // serving containers only
  ServingGuess serving = ServingGuess::Certain;
  std::vector<std::string> undeclaredPorts;  // target ports no container declares (Z9)
  // App Gateway copies the probe of the first container declaring the Service's target port:
  // an index into `containers`; nullopt when no container declares it (AG5, AG8).
  std::optional<size_t> agicProbeContainer;
  std::optional<int64_t> shutdownSecondsOverride;  // annotation zero-downtime.dev/shutdown-seconds
  bool appClosesConnections = false;  // annotation zero-downtime.dev/closes-connections: "true"
  std::optional<ObservedRollout> rollout;  // an Argo Rollout's strategy
  // The Argo Rollouts controller runs with --aws-verify-target-group (config).
  bool rolloutsVerifyTargetGroup = false;

  std::string namespaceName;          // for messages only
  bool namespaceInInput = false;      // the Namespace object is in the input list
  bool namespaceLocalConfig = false;  // it is, but as local-config: never applied (IP1)
  bool namespaceGateLabel = false;    // it has elbv2.k8s.aws/pod-readiness-gate-inject: enabled
  bool nativeSleepAllowed = false;    // config: the cluster has the native sleep action (>= 1.30)
  bool hostPortOrNetwork = false;     // hostNetwork or a hostPort: no surge pod fits beside the old

  ObservedMesh mesh;  // an injected service-mesh proxy (K10)

  std::optional<ServiceType> serviceType;
  ObservedAlb alb;
  ObservedAgic agic;
  ObservedNlb nlb;
  ObservedAgc agc;
  ObservedGke gke;
  // Non-empty: the load-balancer annotations the plan would write also reach these backends,
  // which the function does not manage (Z11); the plan then leaves them as they are.
  std::string lbSharedWith;
};

// ---------------------------------------------------------------------------------------------
// Effective: Observed with every default filled in, and where each value came from.

struct EffectiveProbe {
  bool isHttpGet = false;
  Sourced<int64_t> periodSeconds;            // default 10
  Sourced<int64_t> timeoutSeconds;           // default 1
  Sourced<int64_t> failureThreshold;         // default 3
  Sourced<int64_t> initialDelaySeconds;      // default 0
  Sourced<int64_t> successThreshold;         // default 1
  std::string httpPath = {}, httpPort = {};  // ObservedProbe's
  bool httpsScheme = false;
  std::string httpHost = {};
  // First Ready after the initial delay and successThreshold passing probes, one period apart.
  int64_t readyAfter() const {
    return initialDelaySeconds.value + successThreshold.value * periodSeconds.value;
  }
};

struct EffectiveContainer {
  std::string name;
  PreStopKind preStop = PreStopKind::None;
  std::optional<Sourced<int64_t>> preStopSeconds;  // None: 0 (default); Other: nullopt (unknown)
  std::optional<EffectiveProbe> readinessProbe;
  std::optional<EffectiveProbe> livenessProbe;
  std::string image = {};
  std::string noSleepBinary = {};  // ObservedContainer::noSleepBinary
};

struct Effective {
  WorkloadKind kind = WorkloadKind::Deployment;
  std::optional<Sourced<int64_t>> replicas;        // default 1; DaemonSet: nullopt (one per node)
  Sourced<int64_t> terminationGracePeriodSeconds;  // G, default 30
  Sourced<StrategyType> strategy;                  // default RollingUpdate
  std::optional<Sourced<IntOrPercent>> maxSurge;   // 25% / DaemonSet 0 / StatefulSet nullopt
  Sourced<IntOrPercent> maxUnavailable;            // 25% / DaemonSet and StatefulSet 1
  Sourced<int64_t> minReadySeconds;                // M, default 0
  std::optional<Sourced<int64_t>> progressDeadlineSeconds;  // PD 600, Deployment only
  Sourced<int64_t> shutdownSeconds;  // S: the annotation (manifest) or the knob (config)
  bool appClosesConnections = false;
  std::optional<EffectiveRollout> rollout;
  bool rolloutsVerifyTargetGroup = false;
  std::vector<EffectiveContainer> containers;
  ServingGuess serving = ServingGuess::Certain;
  std::vector<std::string> undeclaredPorts;
  std::string namespaceName;
  bool namespaceInInput = false;
  bool namespaceLocalConfig = false;
  bool namespaceGateLabel = false;
  bool nativeSleepAllowed = false;
  bool hostPortOrNetwork = false;
  EffectiveMesh mesh;
  Sourced<ServiceType> serviceType;  // default ClusterIP
  EffectiveAlb alb;
  EffectiveAgic agic;
  EffectiveNlb nlb;
  EffectiveAgc agc;
  EffectiveGke gke;
  // The preset's targets are pod IPs of an AWS Load Balancer Controller target group, which its
  // readiness gate can hold (alb-ip, nlb-ip with target type ip): the preset's adapter says.
  bool gateTargets = false;
  std::string lbSharedWith;
};

Effective effective(const Knobs& k, const Observed& o);

// ---------------------------------------------------------------------------------------------
// Violations and the plan.

struct Violation {
  std::string id;  // "K2"
  Severity severity = Severity::Error;
  // The field it concerns (timing/field_ref.h). K3 uses "shutdownSeconds", A5
  // "idleTimeoutSeconds" / "keepAliveSeconds".
  FieldRef field;
  std::string message;  // one line, starts with the id
};

std::vector<Violation> check(const Knobs& k, const Observed& o);

struct ContainerPlan {
  std::string name;
  std::optional<Change<int64_t>> preStopSeconds;
  // The form to write with preStopSeconds: the existing form, or for a container without a
  // hook NativeSleep when Observed::nativeSleepAllowed, else ExecSleep.
  PreStopKind preStopKind = PreStopKind::None;
  // Only for containers that have a readinessProbe; none is ever added here.
  std::optional<Change<int64_t>> readinessPeriodSeconds;
  std::optional<Change<int64_t>> readinessTimeoutSeconds;
  std::optional<Change<int64_t>> readinessFailureThreshold;
};

struct Plan {
  std::optional<Change<int64_t>> terminationGracePeriodSeconds;
  std::optional<Change<IntOrPercent>> maxSurge;
  std::optional<Change<IntOrPercent>> maxUnavailable;
  std::optional<Change<int64_t>> minReadySeconds;
  std::optional<Change<int64_t>> progressDeadlineSeconds;
  std::vector<ContainerPlan> containers;           // one per Observed container, same order
  std::optional<Change<bool>> namespaceGateLabel;  // label the Namespace (IP1, NL8)

  PlanAlb alb;
  PlanAgic agic;
  PlanNlb nlb;
  PlanAgc agc;
  PlanGke gke;

  // Advice the manifest cannot express (IN3), once per workload. Not violations: check() stays
  // clean on a correct manifest.
  std::vector<Violation> notes;
};

Plan plan(const Knobs& k, const Observed& o);

// The Observed state with every change of `p` written in, as the rewrite layer would.
Observed applyPlan(const Observed& o, const Plan& p);

struct Evaluation {
  Effective before;
  Plan plan;
  std::vector<Violation> violationsBefore;
  Effective after;
  // check() on applyPlan(o, plan): what the function cannot fix, each message ending in
  // "; not fixed: <why>".
  std::vector<Violation> violationsAfter;
};

Evaluation evaluate(const Knobs& k, const Observed& o);

// The rule id of the preset's preStop floor: IP3, IN2, AG1, NL10.
const char* floorRuleOf(PresetId preset);

// The preStop sleep the knobs ask of every serving container: max(P, floor, E + B). The plan
// writes it (a longer sleep stays), sizes the grace period for it where a hook is not a plain
// sleep (Z2), and the config must leave the grace period room for it (krm::buildConfig).
int64_t preStopTarget(const Knobs& k);

// Facts of an effective state that rules and the explain timeline share.
// The controller's readiness gate holds new pods (label on the Namespace, target type ip).
bool gateOn(const Effective& e);
// A blue-green Rollout's new pods match no load-balanced Service when they are created (the
// active Service still selects the old ones), so the controller injects no gate, and whether
// they are healthy in the target group only matters at the switch (RO3): neither the Namespace
// label (IP1) nor minReadySeconds (IP2) protects them (Argo Rollouts docs, traffic-management/
// alb.md, "TargetGroup IP Verification").
bool blueGreen(const Effective& e);
// How long a pod serves once deleted: its serving containers' shortest preStop sleep (0 when one
// has none; a hook that is not a plain sleep counts as the preset's, preStopTarget).
int64_t shortestSleep(const Knobs& k, const Effective& e);
// K8's time from containers started to Ready: the readiness probe's initial delay plus
// successThreshold periods (the slowest serving container), plus behind a readiness gate the
// adapter's wait for a healthy target (LbModel::gateWait).
int64_t timeToReady(const Knobs& k, const Effective& e);
// K10: how long a mesh proxy must keep serving after the deletion: the longest preStop (a hook
// that is not a plain sleep counts as the preset's, as for the grace period) plus the shutdown.
int64_t meshProxyNeed(const Knobs& k, const Effective& e);
// The containers' part of it: when the slowest serving container's readiness probe first passes.
int64_t containersReady(const Effective& e);
// That container: an index into e.containers, or nullopt when none has a readiness probe.
std::optional<size_t> slowestToReady(const Effective& e);

// True when maxUnavailable `a` lets more pods go than `b`; false when it cannot tell (a percent
// against a count with unknown replicas), so a user's value is kept. A Deployment rounds a
// percentage down, a StatefulSet up.
bool moreUnavailable(const IntOrPercent& a, const IntOrPercent& b,
                     const std::optional<Sourced<int64_t>>& replicas,
                     WorkloadKind kind = WorkloadKind::Deployment);

}  // namespace zd::timing
