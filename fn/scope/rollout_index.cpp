#include "scope/rollout_index.h"

#include <algorithm>

#include "krm/absent.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

// Reads the names of a route, naming the first field of the wrong type (the API server refuses
// the Rollout then: its CRD types them).
class RouteReader {
 public:
  RouteReader(const yaml::Tree& t, size_t object, std::vector<IndexProblem>& problems)
      : t_(t), object_(object), problems_(problems) {}

  std::string name(NodeId parent, const char* field, const std::string& path) {
    NodeId n = krm::field(t_, parent, field);
    if (n == yaml::kNone) return "";
    if (!t_.isScalar(n)) {
      wrong(path + "." + field, "a string", n);
      return "";
    }
    return std::string(t_.str(n));
  }

  std::vector<std::string> names(NodeId parent, const char* field, const std::string& path) {
    NodeId n = krm::field(t_, parent, field);
    std::vector<std::string> out;
    if (n == yaml::kNone) return out;
    if (!t_.isSeq(n)) {
      wrong(path + "." + field, "a list of names", n);
      return out;
    }
    for (uint32_t k = 0; k < t_.size(n); ++k) {
      NodeId item = t_.kid(n, k);
      if (!t_.isScalar(item)) {
        wrong(path + "." + field + "[" + std::to_string(k) + "]", "a string", item);
        continue;
      }
      out.emplace_back(t_.str(item));
    }
    return out;
  }

  bool ok() const { return ok_; }

 private:
  void wrong(const std::string& path, const char* want, NodeId n) {
    ok_ = false;
    problems_.push_back({object_, path,
                         "`" + path + "` must be " + want + ", not " +
                             yaml::kindPhrase(t_.kind(n)) +
                             ": the Rollout's traffic routing cannot be followed",
                         true, false});
  }

  const yaml::Tree& t_;
  size_t object_;
  std::vector<IndexProblem>& problems_;
  bool ok_ = true;
};

// An error naming the field: the Rollout's traffic routing cannot be followed.
void refuse(ObjectIndex& idx, size_t rollout, const std::string& path, const std::string& why) {
  idx.problems.push_back(
      {rollout, path,
       "`" + path + "` " + why + ": the Rollout's traffic routing cannot be followed", true,
       false});
}

// The canary's ALB traffic routing: one route per Ingress it names (`ingress`, `ingresses`). With
// ping-pong the controller's action forwards to the ping and pong Services instead of the stable
// and canary ones (Argo Rollouts GetStableAndCanaryServices; docs "Zero-Downtime Updates with
// Ping-Pong feature").
void indexRoutes(const yaml::Tree& t, size_t i, ObjectIndex& idx) {
  const ObjectInfo& info = idx.objects[i];
  NodeId canary = t.at(info.node, {"spec", "strategy", "canary"});
  NodeId alb = t.at(canary, {"trafficRouting", "alb"});
  if (!t.isMap(alb)) return;
  const std::string cp = "spec.strategy.canary", ap = cp + ".trafficRouting.alb";
  RouteReader rd(t, i, idx.problems);
  RolloutRoute r;
  r.stable = rd.name(canary, "stableService", cp);
  r.canary = rd.name(canary, "canaryService", cp);
  NodeId pingPong = krm::field(t, canary, "pingPong");
  if (t.isMap(pingPong)) {
    r.stable = rd.name(pingPong, "pingService", cp + ".pingPong");
    r.canary = rd.name(pingPong, "pongService", cp + ".pingPong");
    r.stablePath = cp + ".pingPong.pingService";
    r.canaryPath = cp + ".pingPong.pongService";
  }
  r.root = rd.name(alb, "rootService", ap);
  // Argo Rollouts refuses ALB ping-pong without a root Service (validation.go,
  // MissedAlbRootServiceMessage); otherwise the stable Service is the root.
  if (r.root.empty() && t.isMap(pingPong)) {
    refuse(idx, i, ap + ".rootService",
           "is required with pingPong (Argo Rollouts refuses the "
           "Rollout without it)");
    return;
  }
  if (r.root.empty()) r.root = rd.name(canary, "stableService", cp);
  // The CRD requires servicePort, an integer.
  NodeId port = krm::field(t, alb, "servicePort");
  if (!(t.isScalar(port) && isPortNumber(t.str(port)) &&
        t.node(port).style == yaml::Style::Plain)) {
    refuse(idx, i, ap + ".servicePort",
           port == yaml::kNone
               ? std::string("is required (the port the action forwards to)")
               : std::string("must be a port number, not ") + yaml::kindPhrase(t.kind(port)) +
                     (t.isScalar(port) ? " \"" + std::string(t.str(port)) + "\"" : std::string()));
    return;
  }
  r.servicePort = std::string(t.str(port));
  r.rollout = i;
  std::vector<std::string> ingresses = rd.names(alb, "ingresses", ap);
  if (std::string one = rd.name(alb, "ingress", ap); !one.empty())
    ingresses.insert(ingresses.begin(), one);
  if (!rd.ok()) return;
  std::sort(ingresses.begin(), ingresses.end());
  ingresses.erase(std::unique(ingresses.begin(), ingresses.end()), ingresses.end());
  for (const std::string& ing : ingresses) idx.rolloutRoutes[nsKey(info.ns, ing)].push_back(r);
}

// While migrating, a Deployment runs its own pods beside the Rollout's: only scaleDown onsuccess
// and progressively scale it down (Argo Rollouts rollout/sync.go, rollout/replicaset.go; docs
// migrating.md). Its pods sit behind the same Services, and its own rolling update is not checked.
void stillRunning(const yaml::Tree& t, size_t rollout, size_t deployment, NodeId ref,
                  ObjectIndex& idx) {
  const std::string scaleDown(t.str(t.get(ref, "scaleDown")));
  if (scaleDown == "onsuccess" || scaleDown == "progressively") return;
  NodeId replicas = t.at(idx.objects[deployment].node, {"spec", "replicas"});
  if (t.isScalar(replicas) && t.str(replicas) == "0") return;
  idx.problems.push_back(
      {rollout, "spec.workloadRef.scaleDown",
       "Deployment \"" + std::string(idx.objects[deployment].name) +
           "\" keeps running its own pods beside this Rollout's (scaleDown " +
           (scaleDown.empty() ? std::string("unset: never") : scaleDown) +
           "): only its template is written, its own rolling update is not checked; set its "
           "`spec.replicas` to 0 or `spec.workloadRef.scaleDown` to onsuccess",
       false, false});
}

}  // namespace

void RolloutRefs::add(const yaml::Tree& t, size_t i, const ObjectInfo& info) {
  if (info.kind == ObjectKind::Rollout) rollouts_.push_back(i);
  if (info.kind != ObjectKind::Deployment) return;
  deployments_.emplace(nsKey(info.ns, info.name), i);
  std::string_view original = originalName(t, info.node, "Deployment");
  if (!original.empty() && original != info.name)
    renamedDeployments_.emplace(nsKey(info.ns, original), i);
}

std::optional<size_t> RolloutRefs::deploymentNamed(const std::string& nsName) const {
  auto d = deployments_.find(nsName);
  if (d != deployments_.end()) return d->second;
  auto renamed = renamedDeployments_.find(nsName);
  if (renamed != renamedDeployments_.end()) return renamed->second;
  return std::nullopt;
}

// The Deployment a Rollout's workloadRef names becomes its pods. What stops that is reported:
// an error where Argo Rollouts refuses the Rollout, a warning where the function cannot follow
// the reference (unresolved, an error in check mode, only where the Deployment is missing).
void RolloutRefs::followRef(const yaml::Tree& t, size_t r, ObjectIndex& idx) const {
  ObjectInfo& info = idx.objects[r];
  NodeId ref = t.at(info.node, {"spec", "workloadRef"});
  if (!t.isMap(ref)) return;
  enum class Is { Error, Limit, Missing };
  auto problem = [&](Is is, const std::string& message) {
    idx.problems.push_back({r, "spec.workloadRef", message, is == Is::Error, is == Is::Missing});
  };
  // Argo Rollouts refuses a template with labels or annotations beside a workloadRef
  // (RolloutSpec.EmptyTemplate); an empty one is fine.
  NodeId meta = krm::field(t, info.node, {"spec", "template", "metadata"});
  if (krm::field(t, meta, "labels") != yaml::kNone ||
      krm::field(t, meta, "annotations") != yaml::kNone) {
    return problem(Is::Error,
                   "`spec.template` must be empty beside `spec.workloadRef` (Argo "
                   "Rollouts refuses a template with labels or annotations)");
  }
  const std::string kind(t.str(t.get(ref, "kind"))), name(t.str(t.get(ref, "name")));
  if (kind != "Deployment") {
    return problem(Is::Limit, "names a " + (kind.empty() ? std::string("workload") : kind) +
                                  ": the function follows a `workloadRef` to a Deployment only, "
                                  "so the pods of this Rollout cannot be checked");
  }
  const std::optional<size_t> d = deploymentNamed(nsKey(info.ns, name));
  if (!d) {
    return problem(Is::Missing, "names Deployment \"" + name + "\", which is not in the input" +
                                    (info.ns.empty() ? std::string(" without a namespace")
                                                     : " in namespace " + std::string(info.ns)) +
                                    ": the pods of this Rollout cannot be checked");
  }
  auto taken = idx.templateOf.find(*d);
  if (taken != idx.templateOf.end()) {
    return problem(Is::Limit, "names Deployment \"" + name +
                                  "\", whose pods are already Rollout \"" +
                                  std::string(idx.objects[taken->second].name) +
                                  "\"'s: this Rollout is not checked");
  }
  idx.templateFrom.emplace(r, *d);
  idx.templateOf.emplace(*d, r);
  stillRunning(t, r, *d, ref, idx);
  // The pair is one workload: skipping either leaves both alone.
  if (idx.objects[*d].skip) info.skip = true;
}

void RolloutRefs::resolve(const yaml::Tree& t, ObjectIndex& idx) const {
  for (size_t r : rollouts_) {
    indexRoutes(t, r, idx);
    followRef(t, r, idx);
  }
}

}  // namespace zd::scope
