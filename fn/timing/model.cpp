// Entry points of the timing model: check, plan, applyPlan, evaluate; enum names.
#include "timing/model.h"

#include "timing/lb_model.h"
#include "timing/model_detail.h"

namespace zd::timing {

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

const char* originName(Origin o) {
  switch (o) {
    case Origin::Manifest:
      return "manifest";
    case Origin::Default:
      return "default";
    case Origin::Derived:
      return "derived";
    case Origin::Config:
      return "config";
  }
  return "default";
}

const char* kindName(WorkloadKind k) {
  switch (k) {
    case WorkloadKind::Deployment:
      return "Deployment";
    case WorkloadKind::StatefulSet:
      return "StatefulSet";
    case WorkloadKind::DaemonSet:
      return "DaemonSet";
    case WorkloadKind::Rollout:
      return "Rollout";
  }
  return "Deployment";
}

const char* strategyName(StrategyType s) {
  switch (s) {
    case StrategyType::RollingUpdate:
      return "RollingUpdate";
    case StrategyType::Recreate:
      return "Recreate";
    case StrategyType::OnDelete:
      return "OnDelete";
  }
  return "RollingUpdate";
}

const char* serviceTypeName(ServiceType t) {
  switch (t) {
    case ServiceType::ClusterIP:
      return "ClusterIP";
    case ServiceType::NodePort:
      return "NodePort";
    case ServiceType::LoadBalancer:
      return "LoadBalancer";
    case ServiceType::ExternalName:
      return "ExternalName";
  }
  return "ClusterIP";
}

std::vector<Violation> check(const Knobs& k, const Observed& o) {
  const Effective e = effective(k, o);
  detail::Sink s;
  detail::checkTermination(k, e, s);
  detail::checkExecSleepImage(e, s);
  detail::checkMeshProxy(k, e, s);
  detail::checkRollout(k, e, s);
  detail::checkProbes(k, e, s);
  lbModelOf(k.preset).check(k, e, s);
  detail::checkArgoRollout(k, e, s);
  return s.take();
}

namespace {

// Z11: what the load balancer's annotations would get also reaches backends the function does
// not manage; they are left as they are, and the rules they break stay reported.
void holdLbChanges(const std::string& sharedWith, PresetId preset, Plan& p) {
  std::string held;
  lbModelOf(preset).hold(p, held);
  if (held.empty()) return;
  p.notes.push_back(Violation{
      "Z11", Severity::Warning, "loadBalancerShared",
      "Z11: not written (" + held + "): the annotations or policy that hold them also reach " +
          sharedWith +
          ", which the function does not manage; give this workload a front door or Service of "
          "its own, or set them by hand"});
}

}  // namespace

// Stages run in dependency order, each on the state the earlier ones produce: D needs G, the
// AGIC probe annotations need the planned probe, M needs the planned health check and label.
Plan plan(const Knobs& k, const Observed& o) {
  Plan p;
  detail::planTermination(k, effective(k, o), p);
  detail::planProbes(k, effective(k, o), p);
  const Effective afterPod = effective(k, applyPlan(o, p));
  lbModelOf(k.preset).plan(k, afterPod, p);
  if (!o.lbSharedWith.empty()) holdLbChanges(o.lbSharedWith, k.preset, p);
  detail::planRollout(k, effective(k, applyPlan(o, p)), p);
  if (k.preset == PresetId::AlbInstance) {
    // Advice, not a defect: the manifest cannot express it, so it must not
    // leave a warning on every run of a correct pipeline.
    p.notes.push_back(Violation{
        "IN1", Severity::Info, "namespaceGateLabel",
        "IN1: with target type instance the node is the target: pod readiness gates do not apply, "
        "so no Namespace is labelled and rollouts are not gated by the load balancer"});
    p.notes.push_back(Violation{
        "IN3", Severity::Info, "shutdownSeconds",
        "IN3: with target type instance the app must answer `Connection: close` (or stop "
        "keep-alive) after SIGTERM, and shutdownSeconds must cover one request per pooled ALB "
        "connection"});
  }
  return p;
}

namespace {

using detail::put;

void applyContainer(ObservedContainer& c, const ContainerPlan& cp) {
  if (cp.preStopSeconds) {
    c.preStop = cp.preStopKind;
    c.preStopSeconds = cp.preStopSeconds->value;
  }
  if (!c.readinessProbe) return;
  put(c.readinessProbe->periodSeconds, cp.readinessPeriodSeconds);
  put(c.readinessProbe->timeoutSeconds, cp.readinessTimeoutSeconds);
  put(c.readinessProbe->failureThreshold, cp.readinessFailureThreshold);
}

}  // namespace

Observed applyPlan(const Observed& o, const Plan& p) {
  Observed a = o;
  put(a.terminationGracePeriodSeconds, p.terminationGracePeriodSeconds);
  put(a.maxSurge, p.maxSurge);
  put(a.maxUnavailable, p.maxUnavailable);
  put(a.minReadySeconds, p.minReadySeconds);
  put(a.progressDeadlineSeconds, p.progressDeadlineSeconds);
  for (const ContainerPlan& cp : p.containers) {
    for (ObservedContainer& c : a.containers) {
      if (c.name == cp.name) applyContainer(c, cp);
    }
  }
  if (p.namespaceGateLabel) a.namespaceGateLabel = p.namespaceGateLabel->value;
  for (const LbModel* lb : lbModels()) lb->apply(a, p);
  return a;
}

Evaluation evaluate(const Knobs& k, const Observed& o) {
  Evaluation ev;
  ev.before = effective(k, o);
  ev.plan = plan(k, o);
  ev.violationsBefore = check(k, o);
  const Observed after = applyPlan(o, ev.plan);
  ev.after = effective(k, after);
  ev.violationsAfter = check(k, after);
  for (Violation& v : ev.violationsAfter) {
    v.message += "; not fixed: " + detail::unfixedReason(v, k, after);
  }
  return ev;
}

}  // namespace zd::timing
