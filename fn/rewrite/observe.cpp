#include "rewrite/observe.h"

#include <algorithm>
#include <cctype>

#include "adapters/settings.h"
#include "krm/absent.h"
#include "krm/value_parse.h"
#include "rewrite/observe_mesh.h"
#include "rewrite/read_values.h"
#include "rewrite/shell_less_image.h"
#include "rewrite/sleep_hook.h"
#include "rewrite/string_map.h"

namespace zd::rewrite {

using timing::PreStopKind;
using yaml::NodeId;
// Every structural read goes through krm::field, so an explicit null
// (`lifecycle: null`) reads as the field's absence, never as a wrong shape.
using krm::field;

namespace {

// A native sleep, or an exec command rewrite/sleep_hook.h recognises, is a
// plain sleep; anything else is a hook whose length the function cannot know.
void readPreStop(const yaml::Tree& t, NodeId hook, Reader& rd, const std::string& path,
                 timing::ObservedContainer& c) {
  if (hook == yaml::kNone) return;
  c.preStop = PreStopKind::Other;
  if (NodeId sleep = field(t, hook, "sleep"); sleep != yaml::kNone) {
    c.preStop = PreStopKind::NativeSleep;
    c.preStopSeconds = rd.count(field(t, sleep, "seconds"), path + ".sleep.seconds", kInt64Field);
    return;
  }
  NodeId cmd = field(t, hook, {"exec", "command"});
  if (!t.isSeq(cmd) || krm::presentFields(t, hook) != 1) return;
  if (auto sleep = readSleepHook(t, cmd)) {
    c.preStop = PreStopKind::ExecSleep;
    c.preStopSeconds = sleep->seconds;
  }
}

// Every map or list on the way to a field the function may write must be
// what Kubernetes says it is; otherwise writing would replace user data.
bool containerShapes(const yaml::Tree& t, NodeId c, const std::string& path, Reader& rd) {
  using yaml::Kind;
  NodeId lifecycle = field(t, c, "lifecycle"), hook = field(t, lifecycle, "preStop");
  return rd.shape(c, Kind::Map, path) & rd.shape(lifecycle, Kind::Map, path + ".lifecycle") &
         rd.shape(hook, Kind::Map, path + ".lifecycle.preStop") &
         rd.shape(field(t, hook, "exec"), Kind::Map, path + ".lifecycle.preStop.exec") &
         rd.shape(field(t, hook, {"exec", "command"}), Kind::Seq,
                  path + ".lifecycle.preStop.exec.command") &
         rd.shape(field(t, hook, "sleep"), Kind::Map, path + ".lifecycle.preStop.sleep") &
         rd.shape(field(t, c, "readinessProbe"), Kind::Map, path + ".readinessProbe") &
         rd.shape(field(t, c, "livenessProbe"), Kind::Map, path + ".livenessProbe") &
         rd.shape(field(t, c, "ports"), Kind::Seq, path + ".ports");
}

// spec.strategy (spec.updateStrategy), and the map that holds maxSurge and maxUnavailable.
std::pair<NodeId, NodeId> strategyMaps(const yaml::Tree& t, NodeId spec, StrategyShape shape) {
  NodeId strategy =
      field(t, spec, shape == StrategyShape::UpdateStrategy ? "updateStrategy" : "strategy");
  switch (shape) {
    case StrategyShape::Canary:
      return {strategy, field(t, strategy, "canary")};
    case StrategyShape::BlueGreen:
      return {strategy, field(t, strategy, "blueGreen")};
    default:
      return {strategy, field(t, strategy, "rollingUpdate")};
  }
}

bool workloadShapes(const yaml::Tree& t, NodeId w, StrategyShape shape, Reader& rd) {
  using yaml::Kind;
  NodeId spec = field(t, w, "spec");
  const bool rollout = shape == StrategyShape::Canary || shape == StrategyShape::BlueGreen;
  const auto [strategy, rolling] = strategyMaps(t, spec, shape);
  return rd.shape(spec, Kind::Map, "spec") &
         rd.shape(strategy, Kind::Map, rollout ? "spec.strategy" : strategyPath(shape)) &
         rd.shape(rolling, Kind::Map, rollingPath(shape)) &
         rd.shape(field(t, w, {"metadata", "annotations"}), Kind::Map, "metadata.annotations");
}

// The pod template's maps, in the object that holds it (`rd` reads that object).
bool templateShapes(const yaml::Tree& t, NodeId holder, Reader& rd) {
  using yaml::Kind;
  NodeId spec = field(t, holder, "spec"), tmpl = field(t, spec, "template");
  return rd.shape(spec, Kind::Map, "spec") & rd.shape(tmpl, Kind::Map, "spec.template") &
         rd.shape(field(t, tmpl, "spec"), Kind::Map, "spec.template.spec") &
         rd.shape(field(t, tmpl, "metadata"), Kind::Map, "spec.template.metadata") &
         rd.shape(field(t, tmpl, {"spec", "containers"}), Kind::Seq,
                  "spec.template.spec.containers") &
         rd.shape(field(t, tmpl, {"spec", "initContainers"}), Kind::Seq,
                  "spec.template.spec.initContainers");
}

// A probe's port as a number: itself, or the containerPort its name declares ("" when none).
std::string portNumber(const yaml::Tree& t, NodeId container, std::string_view port) {
  if (port.empty() || port.find_first_not_of("0123456789") == std::string_view::npos)
    return std::string(port);
  NodeId ports = field(t, container, "ports");
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    if (t.str(t.get(p, "name")) == port) return std::string(t.str(t.get(p, "containerPort")));
  }
  return "";
}

std::optional<timing::ObservedProbe> readProbe(const yaml::Tree& t, NodeId container,
                                               const char* key, const std::string& path,
                                               Reader& rd) {
  NodeId probe = field(t, container, key);
  if (!t.isMap(probe)) return std::nullopt;
  const std::string pp = path + "." + key + ".";
  timing::ObservedProbe p;
  p.isHttpGet = field(t, probe, "httpGet") != yaml::kNone;
  if (p.isHttpGet) {
    NodeId get = field(t, probe, "httpGet");
    p.httpPath = std::string(t.str(field(t, get, "path")));
    p.httpPort = portNumber(t, container, t.str(field(t, get, "port")));
    p.httpsScheme = t.str(field(t, get, "scheme")) == "HTTPS";
    NodeId headers = field(t, get, "httpHeaders");
    for (uint32_t i = 0; t.isSeq(headers) && i < t.size(headers); ++i) {
      NodeId h = t.kid(headers, i);
      std::string name(t.str(t.get(h, "name")));
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (name == "host") p.httpHost = std::string(t.str(t.get(h, "value")));
    }
  }
  p.periodSeconds = rd.count(field(t, probe, "periodSeconds"), pp + "periodSeconds");
  p.timeoutSeconds = rd.count(field(t, probe, "timeoutSeconds"), pp + "timeoutSeconds");
  p.failureThreshold = rd.count(field(t, probe, "failureThreshold"), pp + "failureThreshold");
  p.initialDelaySeconds =
      rd.count(field(t, probe, "initialDelaySeconds"), pp + "initialDelaySeconds");
  p.successThreshold = rd.count(field(t, probe, "successThreshold"), pp + "successThreshold");
  return p;
}

timing::ObservedContainer readContainer(const yaml::Tree& t, NodeId container,
                                        const std::string& path, Reader& rd) {
  timing::ObservedContainer c;
  if (!containerShapes(t, container, path, rd)) return c;
  c.name = std::string(t.str(t.get(container, "name")));
  c.image = std::string(t.str(field(t, container, "image")));
  readPreStop(t, field(t, container, {"lifecycle", "preStop"}), rd, path + ".lifecycle.preStop", c);
  c.readinessProbe = readProbe(t, container, "readinessProbe", path, rd);
  c.livenessProbe = readProbe(t, container, "livenessProbe", path, rd);
  return c;
}

timing::ServingGuess servingGuess(scope::ServingHow how) {
  switch (how) {
    case scope::ServingHow::Undeclared:
      return timing::ServingGuess::Undeclared;
    case scope::ServingHow::UnresolvedName:
      return timing::ServingGuess::UnresolvedName;
    default:
      return timing::ServingGuess::Certain;
  }
}

void readServing(const yaml::Tree& t, NodeId workload, const scope::Serving& serving, Reader& rd,
                 timing::Observed& o) {
  if (serving.containers.empty()) {
    rd.error("spec.template.spec.containers", "must list at least one container");
    return;
  }
  for (size_t i = 0; i < serving.containers.size(); ++i) {
    const scope::ContainerRef& ref = serving.containers[i];
    o.containers.push_back(
        readContainer(t, scope::containerNode(t, workload, ref), ref.path(), rd));
    if (!ref.init && serving.agicContainer && ref.index == *serving.agicContainer)
      o.agicProbeContainer = i;
  }
  o.serving = servingGuess(serving.how);
  if (o.serving != timing::ServingGuess::Certain) o.undeclaredPorts = serving.undeclared;
}

std::optional<timing::StrategyType> readStrategy(std::string_view s) {
  if (s == "RollingUpdate") return timing::StrategyType::RollingUpdate;
  if (s == "Recreate") return timing::StrategyType::Recreate;
  if (s == "OnDelete") return timing::StrategyType::OnDelete;
  return std::nullopt;
}

// An Argo Rollout's strategy fields (Rollout spec: pkg/apis/rollouts/v1alpha1/types.go).
void readArgoStrategy(const yaml::Tree& t, NodeId spec, StrategyShape shape, Reader& rd,
                      timing::Observed& o) {
  // Argo Rollouts refuses a Rollout with neither strategy or both (validation.go,
  // ValidateRolloutStrategy): it would never roll, so nothing here can be checked.
  NodeId strategy = field(t, spec, "strategy");
  const bool canarySet = field(t, strategy, "canary") != yaml::kNone;
  const bool blueGreenSet = field(t, strategy, "blueGreen") != yaml::kNone;
  if (canarySet == blueGreenSet) {
    rd.error("spec.strategy", canarySet ? "must set canary or blueGreen, not both (Argo Rollouts "
                                          "refuses the Rollout)"
                                        : "must set canary or blueGreen (Argo Rollouts refuses "
                                          "the Rollout without one)");
    return;
  }
  timing::ObservedRollout r;
  const bool canary = shape == StrategyShape::Canary;
  r.strategy = canary ? timing::RolloutStrategy::Canary : timing::RolloutStrategy::BlueGreen;
  const std::string sp = strategyPath(shape);
  NodeId s = field(t, spec, {"strategy", canary ? "canary" : "blueGreen"});
  r.scaleDownDelaySeconds =
      rd.count(field(t, s, "scaleDownDelaySeconds"), sp + ".scaleDownDelaySeconds");
  r.abortScaleDownDelaySeconds =
      rd.count(field(t, s, "abortScaleDownDelaySeconds"), sp + ".abortScaleDownDelaySeconds");
  if (canary) {
    NodeId routing = field(t, s, "trafficRouting");
    r.trafficRouting = t.isMap(routing) && t.mapSize(routing) > 0;
    r.albTrafficRouting = field(t, routing, "alb") != yaml::kNone;
    r.dynamicStableScale =
        rd.boolean(field(t, s, "dynamicStableScale"), sp + ".dynamicStableScale").value_or(false);
    r.pingPong = t.isMap(field(t, s, "pingPong"));
  }
  o.rollout = r;
}

void readStrategyType(const yaml::Tree& t, NodeId strategy, const std::string& sp, Reader& rd,
                      timing::Observed& o) {
  if (NodeId type = field(t, strategy, "type"); type != yaml::kNone) {
    o.strategy = readStrategy(t.str(type));
    if (!o.strategy)
      rd.error(sp + ".type", "must be RollingUpdate, Recreate or OnDelete, not \"" +
                                 std::string(t.str(type)) + "\"");
  }
}

timing::WorkloadKind kindOf(scope::ObjectKind k) {
  switch (k) {
    case scope::ObjectKind::StatefulSet:
      return timing::WorkloadKind::StatefulSet;
    case scope::ObjectKind::DaemonSet:
      return timing::WorkloadKind::DaemonSet;
    case scope::ObjectKind::Rollout:
      return timing::WorkloadKind::Rollout;
    default:
      return timing::WorkloadKind::Deployment;
  }
}

// The pods: `holder` is the object whose spec.template they are (a Rollout's workloadRef
// Deployment), and `rd` reads it, so that a problem names the object that has the field.
void readPods(const yaml::Tree& t, NodeId holder, const scope::Target& target, Reader& rd,
              timing::Observed& o) {
  if (!templateShapes(t, holder, rd)) return;
  NodeId podSpec = field(t, holder, {"spec", "template", "spec"});
  o.terminationGracePeriodSeconds =
      rd.count(field(t, podSpec, "terminationGracePeriodSeconds"),
               "spec.template.spec.terminationGracePeriodSeconds", kInt64Field);
  readServing(t, holder, *target.serving, rd, o);
  o.hostPortOrNetwork =
      rd.boolean(field(t, podSpec, "hostNetwork"), "spec.template.spec.hostNetwork")
          .value_or(false);
  NodeId containers = field(t, podSpec, "containers");
  for (uint32_t c = 0; c < t.size(containers); ++c) {
    NodeId ports = field(t, t.kid(containers, c), "ports");
    for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
      if (field(t, t.kid(ports, i), "hostPort") != yaml::kNone) o.hostPortOrNetwork = true;
    }
  }
}

// The function's own annotations of the object: zero-downtime.dev/shutdown-seconds and
// zero-downtime.dev/closes-connections. An annotation's value is a string: null there is "", not
// absent, as in the API.
void readOwnAnnotations(const yaml::Tree& t, NodeId object, Reader& rd, timing::Observed& o) {
  NodeId annotations = field(t, object, {"metadata", "annotations"});
  if (NodeId shutdown = t.get(annotations, scope::kShutdownAnnotation); shutdown != yaml::kNone) {
    o.shutdownSecondsOverride = rd.countText(
        t.str(shutdown), std::string("metadata.annotations.") + scope::kShutdownAnnotation,
        kOwnAnnotation);
  }
  NodeId closes = t.get(annotations, scope::kClosesConnectionsAnnotation);
  if (closes == yaml::kNone) return;
  const std::string_view v = t.str(closes);
  if (v != "true" && v != "false") {
    rd.error(std::string("metadata.annotations.") + scope::kClosesConnectionsAnnotation,
             "must be \"true\" or \"false\", not \"" + std::string(v) + "\"");
    return;
  }
  o.appClosesConnections = v == "true";
}

void readWorkload(const yaml::Tree& t, const scope::ObjectInfo& w, Reader& rd,
                  timing::Observed& o) {
  const StrategyShape shape = shapeOf(t, w);
  if (!workloadShapes(t, w.node, shape, rd)) return;
  rd.annotations(field(t, w.node, {"metadata", "annotations"}));
  NodeId spec = field(t, w.node, "spec");
  o.kind = kindOf(w.kind);
  o.replicas = rd.count(field(t, spec, "replicas"), "spec.replicas");
  const std::string sp = strategyPath(shape), rp = rollingPath(shape);
  if (o.kind == timing::WorkloadKind::Rollout) {
    readArgoStrategy(t, spec, shape, rd, o);
  } else {
    readStrategyType(t, strategyMaps(t, spec, shape).first, sp, rd, o);
  }
  NodeId ru = strategyMaps(t, spec, shape).second;
  if (shape != StrategyShape::BlueGreen)
    o.maxSurge = rd.intOrPercent(field(t, ru, "maxSurge"), rp + ".maxSurge");
  o.maxUnavailable = rd.intOrPercent(field(t, ru, "maxUnavailable"), rp + ".maxUnavailable");
  o.minReadySeconds = rd.count(field(t, spec, "minReadySeconds"), "spec.minReadySeconds");
  if (shape != StrategyShape::UpdateStrategy)
    o.progressDeadlineSeconds =
        rd.count(field(t, spec, "progressDeadlineSeconds"), "spec.progressDeadlineSeconds");
  readOwnAnnotations(t, w.node, rd, o);
}

std::optional<timing::ServiceType> serviceType(std::string_view s) {
  if (s.empty() || s == "ClusterIP") return timing::ServiceType::ClusterIP;
  if (s == "NodePort") return timing::ServiceType::NodePort;
  if (s == "LoadBalancer") return timing::ServiceType::LoadBalancer;
  if (s == "ExternalName") return timing::ServiceType::ExternalName;
  return std::nullopt;
}

}  // namespace

StrategyShape shapeOf(const yaml::Tree& t, const scope::ObjectInfo& w) {
  switch (w.kind) {
    case scope::ObjectKind::Deployment:
      return StrategyShape::Deployment;
    case scope::ObjectKind::Rollout:
      return field(t, w.node, {"spec", "strategy", "blueGreen"}) != yaml::kNone
                 ? StrategyShape::BlueGreen
                 : StrategyShape::Canary;
    default:
      return StrategyShape::UpdateStrategy;
  }
}

timing::Observed observe(const yaml::Tree& t, const scope::ObjectIndex& idx,
                         const scope::Target& target, const scope::Binding& b,
                         const krm::Config& config, std::vector<krm::Result>& errors) {
  timing::Observed o;
  const scope::ObjectInfo& w = idx.objects[target.workload];
  NodeId ingress = idx.objects[b.frontDoor].node, service = idx.objects[b.service].node;
  Reader wr(t, w.node, errors), ir(t, ingress, errors), sr(t, service, errors);
  ir.annotations(field(t, ingress, {"metadata", "annotations"}));
  sr.annotations(field(t, service, {"metadata", "annotations"}));
  readWorkload(t, w, wr, o);
  // A workloadRef's Deployment holds the pods: read (and named in errors) there, and its own
  // annotations count where the Rollout has none.
  const NodeId holder = scope::podTemplateHolder(idx, target.workload);
  Reader pr(t, holder, errors);
  readPods(t, holder, target, holder == w.node ? wr : pr, o);
  if (holder != w.node) {
    // The Deployment's own annotations count where the Rollout has none of its own.
    pr.annotations(field(t, holder, {"metadata", "annotations"}));
    timing::Observed deployment;
    readOwnAnnotations(t, holder, pr, deployment);
    NodeId mine = field(t, w.node, {"metadata", "annotations"});
    if (!o.shutdownSecondsOverride) o.shutdownSecondsOverride = deployment.shutdownSecondsOverride;
    if (t.get(mine, scope::kClosesConnectionsAnnotation) == yaml::kNone)
      o.appClosesConnections = deployment.appClosesConnections;
  }
  o.rolloutsVerifyTargetGroup = config.options.rolloutsVerifyTargetGroup;
  o.namespaceName = w.ns;
  auto ns = idx.namespaces.find(w.ns);
  o.namespaceInInput = !w.ns.empty() && ns != idx.namespaces.end();
  o.namespaceLocalConfig = !w.ns.empty() && idx.localConfigNamespaces.count(w.ns) > 0;
  if (o.namespaceInInput) {
    Reader nr(t, idx.objects[ns->second].node, errors);
    NodeId labels = field(t, idx.objects[ns->second].node, {"metadata", "labels"});
    nr.shape(labels, yaml::Kind::Map, "metadata.labels");
    o.namespaceGateLabel = t.str(t.get(labels, kGateLabel)) == "enabled";
  }
  o.mesh = observeMesh(t, idx, w, holder);
  o.nativeSleepAllowed = config.options.nativeSleep;
  for (timing::ObservedContainer& c : o.containers) {
    if (auto why = shellLessReason(c.image, config.options.shellLessImages)) c.noSleepBinary = *why;
  }
  o.serviceType = serviceType(t.str(field(t, service, {"spec", "type"})));
  adapters::settingsOf(config.preset(b.lb).preset, b.door).observe(t, idx, b, ir, sr, o);
  o.lbSharedWith = b.lbSharedWith;
  return o;
}

}  // namespace zd::rewrite
