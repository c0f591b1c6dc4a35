#include "rewrite/apply.h"

#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/observe.h"
#include "rewrite/read_values.h"
#include "rewrite/sleep_hook.h"
#include "rewrite/string_map.h"
#include "yaml/scalar_format.h"

namespace zd::rewrite {

using yaml::NodeId;
using yaml::Style;

namespace {

// Edits one object, recording each change as an info result.
class Editor {
 public:
  Editor(yaml::Tree& t, NodeId object, std::vector<krm::Result>& results)
      : t_(t), obj_(object), results_(results) {}

  // Sets map[key] to `text` (a number when !isString) unless it already is.
  void set(NodeId map, const std::string& key, const std::string& text, bool isString,
           const std::string& path, const std::string& why,
           krm::Severity severity = krm::Severity::Info) {
    NodeId cur = t_.get(map, key);
    if (cur != yaml::kNone && t_.kind(cur) != yaml::Kind::Map && t_.kind(cur) != yaml::Kind::Seq) {
      replace(cur, text, isString, path, why, severity);
      return;
    }
    record(path, std::nullopt, krm::ShownValue{text, isString}, why, severity);
    t_.set(map, key, t_.addScalar(text, isString ? yaml::stringStyle(text) : Style::Plain));
  }

  // Rewrites a scalar (or null) in place unless it already holds `text`; `style`
  // overrides the style the text would get.
  void replace(NodeId node, const std::string& text, bool isString, const std::string& path,
               const std::string& why, krm::Severity severity = krm::Severity::Info,
               std::optional<Style> style = std::nullopt) {
    if (t_.isScalar(node) && t_.str(node) == text && t_.isString(node) == isString) return;
    std::optional<krm::ShownValue> current;
    if (!krm::isAbsent(t_, node))
      current = krm::ShownValue{std::string(t_.str(node)), t_.isString(node)};
    record(path, current, krm::ShownValue{text, isString}, why, severity);
    t_.setScalar(node, text, style ? *style : isString ? keptStyle(node, text) : Style::Plain);
  }

  void record(const std::string& path, std::optional<krm::ShownValue> current,
              std::optional<krm::ShownValue> proposed, const std::string& why,
              krm::Severity severity = krm::Severity::Info) {
    krm::Result r;
    r.severity = severity;
    r.resource = krm::refOf(t_, obj_);
    r.fieldPath = path;
    r.message = why;
    r.current = std::move(current);
    r.proposed = std::move(proposed);
    results_.push_back(std::move(r));
  }

  void setCount(NodeId map, const std::string& key, int64_t v, const std::string& path,
                const std::string& why) {
    set(map, key, std::to_string(v), false, path, why);
  }

  // Creates the map at `path` (keys) under the object when absent or null:
  // Tree::ensureMap replaces a null (`strategy: null`) with a map in place.
  NodeId ensure(std::initializer_list<const char*> keys) {
    NodeId cur = obj_;
    for (const char* k : keys) cur = t_.ensureMap(cur, k);
    return cur;
  }

  // A string that was a block scalar stays one (the writer falls back to
  // quotes only where a block cannot hold the text): an annotation of one
  // attribute per line keeps that layout.
  Style keptStyle(NodeId node, const std::string& text) const {
    Style was = t_.node(node).style;
    if (t_.isScalar(node) && (was == Style::Literal || was == Style::Folded)) return Style::Literal;
    return yaml::stringStyle(text);
  }

  yaml::Tree& tree() { return t_; }
  NodeId object() const { return obj_; }
  std::vector<krm::Result>& results() { return results_; }

 private:
  yaml::Tree& t_;
  NodeId obj_;
  std::vector<krm::Result>& results_;
};

void setIntOrPercent(Editor& e, NodeId map, const char* key, const timing::IntOrPercent& v,
                     const std::string& path, const std::string& why) {
  e.set(map, key, v.str(), v.percent, path, why);
}

// "[sleep, 1m, 30s]": a command as a result shows it.
std::string flowText(const std::vector<std::string_view>& words) {
  std::string out = "[";
  for (std::string_view w : words) {
    if (out.size() > 1) out += ", ";
    const bool plain = yaml::stringStyle(w) == Style::Plain && yaml::plainReadsBack(w, true);
    out += plain ? std::string(w) : "\"" + std::string(w) + "\"";
  }
  return out + "]";
}

// A recognised exec sleep gets the new length in its own form (rewrite/sleep_hook.h). The
// element keeps its quoting or block style; a plain one is quoted where a reader would see a
// number. Several durations become one, shown as a change of the whole command.
void writeExecSleep(Editor& e, NodeId cmd, const SleepHook& hook,
                    const timing::Change<int64_t>& change, const std::string& hp) {
  yaml::Tree& t = e.tree();
  const std::vector<std::string_view> words = commandWords(t, cmd);
  const SleepEdit edit = sleepEdit(words, hook, change.value);
  const NodeId arg = t.kid(cmd, static_cast<uint32_t>(edit.arg));
  const Style old = t.node(arg).style;
  const Style style = old == Style::Plain ? yaml::stringStyle(edit.text) : old;
  const std::string at = hp + ".exec.command";
  if (edit.drop == 0) {
    e.replace(arg, edit.text, true, at + "[" + std::to_string(edit.arg) + "]", change.message,
              krm::Severity::Info, style);
    return;
  }
  const std::string before = flowText(words);  // `words` view the tree's text: read them first
  t.setScalar(arg, edit.text, style);
  for (size_t i = 0; i < edit.drop; ++i) t.removeKid(cmd, static_cast<uint32_t>(edit.arg + 1));
  e.record(at, krm::ShownValue{before, false},
           krm::ShownValue{flowText(commandWords(t, cmd)), false}, change.message);
}

void writePreStop(Editor& e, NodeId container, const std::string& path,
                  const timing::ContainerPlan& cp) {
  yaml::Tree& t = e.tree();
  const auto& change = *cp.preStopSeconds;
  std::string n = std::to_string(change.value);
  // Nulls read as absent (krm::field); Tree::ensureMap replaces them in place.
  NodeId hook = krm::field(t, container, {"lifecycle", "preStop"});
  NodeId cmd = krm::field(t, hook, {"exec", "command"});
  std::string hp = path + ".lifecycle.preStop";
  if (cp.preStopKind == timing::PreStopKind::NativeSleep) {
    if (hook != yaml::kNone && krm::field(t, hook, "sleep") == yaml::kNone)
      t.erase(t.get(container, "lifecycle"), "preStop");
    NodeId sleep =
        t.ensureMap(t.ensureMap(t.ensureMap(container, "lifecycle"), "preStop"), "sleep");
    e.setCount(sleep, "seconds", change.value, hp + ".sleep.seconds", change.message);
  } else if (auto hook = readSleepHook(t, cmd)) {
    writeExecSleep(e, cmd, *hook, change, hp);
  } else {
    NodeId exec = t.ensureMap(t.ensureMap(t.ensureMap(container, "lifecycle"), "preStop"), "exec");
    NodeId list = t.addContainer(yaml::Kind::Seq);
    t.push(list, t.addScalar("sleep", Style::Plain));
    t.push(list, t.addScalar(n, Style::Double));
    t.set(exec, "command", list);
    e.record(hp + ".exec.command", std::nullopt, krm::ShownValue{"[sleep, \"" + n + "\"]", false},
             change.message);
  }
}

void writeContainer(Editor& e, NodeId container, const std::string& path,
                    const timing::ContainerPlan& cp) {
  if (cp.preStopSeconds) writePreStop(e, container, path, cp);
  NodeId probe = e.tree().get(container, "readinessProbe");
  if (!e.tree().isMap(probe)) return;
  std::string pp = path + ".readinessProbe.";
  if (cp.readinessPeriodSeconds)
    e.setCount(probe, "periodSeconds", cp.readinessPeriodSeconds->value, pp + "periodSeconds",
               cp.readinessPeriodSeconds->message);
  if (cp.readinessTimeoutSeconds)
    e.setCount(probe, "timeoutSeconds", cp.readinessTimeoutSeconds->value, pp + "timeoutSeconds",
               cp.readinessTimeoutSeconds->message);
  if (cp.readinessFailureThreshold)
    e.setCount(probe, "failureThreshold", cp.readinessFailureThreshold->value,
               pp + "failureThreshold", cp.readinessFailureThreshold->message);
}

void writeWorkload(Editor& e, const scope::ObjectInfo& w, const scope::Target& target,
                   const timing::Plan& p) {
  yaml::Tree& t = e.tree();
  if (p.terminationGracePeriodSeconds) {
    e.setCount(e.ensure({"spec", "template", "spec"}), "terminationGracePeriodSeconds",
               p.terminationGracePeriodSeconds->value,
               "spec.template.spec.terminationGracePeriodSeconds",
               p.terminationGracePeriodSeconds->message);
  }
  bool deployment = w.kind == scope::ObjectKind::Deployment;
  std::string sp =
      deployment ? "spec.strategy.rollingUpdate." : "spec.updateStrategy.rollingUpdate.";
  if (p.maxSurge || p.maxUnavailable) {
    NodeId ru = deployment ? e.ensure({"spec", "strategy", "rollingUpdate"})
                           : e.ensure({"spec", "updateStrategy", "rollingUpdate"});
    if (p.maxSurge)
      setIntOrPercent(e, ru, "maxSurge", p.maxSurge->value, sp + "maxSurge", p.maxSurge->message);
    if (p.maxUnavailable)
      setIntOrPercent(e, ru, "maxUnavailable", p.maxUnavailable->value, sp + "maxUnavailable",
                      p.maxUnavailable->message);
  }
  if (p.minReadySeconds)
    e.setCount(e.ensure({"spec"}), "minReadySeconds", p.minReadySeconds->value,
               "spec.minReadySeconds", p.minReadySeconds->message);
  if (p.progressDeadlineSeconds)
    e.setCount(e.ensure({"spec"}), "progressDeadlineSeconds", p.progressDeadlineSeconds->value,
               "spec.progressDeadlineSeconds", p.progressDeadlineSeconds->message);
  const auto& serving = target.serving.containers;
  for (size_t i = 0; i < p.containers.size() && i < serving.size(); ++i) {
    writeContainer(e, scope::containerNode(t, w.node, serving[i]), serving[i].path(),
                   p.containers[i]);
  }
}

krm::Severity severityOf(timing::Severity s) {
  return s == timing::Severity::Warning ? krm::Severity::Warning : krm::Severity::Info;
}

// ALB keys go where the controller reads them: the Service when it carries the key (its copy
// wins) or when the Ingress routes to other Services too (their target groups keep the
// Ingress's value), else the Ingress.
void writeAlb(yaml::Tree& t, const scope::Binding& b, NodeId ingress, NodeId service,
              const timing::Plan& p, std::vector<krm::Result>& results) {
  Editor ie(t, ingress, results), se(t, service, results);
  auto onService = [&](const std::string& key) {
    return b.ingressShared || t.get(t.at(service, {"metadata", "annotations"}), key) != yaml::kNone;
  };
  auto put = [&](const std::string& suffix, const std::string& value, const std::string& why,
                 krm::Severity severity = krm::Severity::Info) {
    std::string key = kAlb + suffix;
    Editor& e = onService(key) ? se : ie;
    e.set(e.ensure({"metadata", "annotations"}), key, value, true, "metadata.annotations." + key,
          why, severity);
  };
  if (p.alb.targetType)
    put("target-type", p.alb.targetType->value, p.alb.targetType->message,
        severityOf(p.alb.targetType->severity));
  if (p.alb.healthCheckIntervalSeconds)
    put("healthcheck-interval-seconds", std::to_string(p.alb.healthCheckIntervalSeconds->value),
        p.alb.healthCheckIntervalSeconds->message);
  if (p.alb.healthCheckTimeoutSeconds)
    put("healthcheck-timeout-seconds", std::to_string(p.alb.healthCheckTimeoutSeconds->value),
        p.alb.healthCheckTimeoutSeconds->message);
  if (p.alb.healthyThresholdCount)
    put("healthy-threshold-count", std::to_string(p.alb.healthyThresholdCount->value),
        p.alb.healthyThresholdCount->message);
  if (p.alb.unhealthyThresholdCount)
    put("unhealthy-threshold-count", std::to_string(p.alb.unhealthyThresholdCount->value),
        p.alb.unhealthyThresholdCount->message);
  if (p.alb.deregistrationDelaySeconds) {
    // A Service's target-group-attributes replace the Ingress's whole list (no per-key merge),
    // so a new Service copy starts from the Ingress's attributes.
    NodeId svcValue = t.get(t.at(service, {"metadata", "annotations"}), kTgAttributes);
    NodeId from = svcValue != yaml::kNone ? service : ingress;
    std::string attrs(t.str(t.get(t.at(from, {"metadata", "annotations"}), kTgAttributes)));
    put("target-group-attributes",
        withStringMapValue(attrs, kDeregistration,
                           std::to_string(p.alb.deregistrationDelaySeconds->value)),
        p.alb.deregistrationDelaySeconds->message);
  }
}

void writeAgic(yaml::Tree& t, NodeId ingress, const timing::Plan& p,
               std::vector<krm::Result>& results) {
  Editor e(t, ingress, results);
  auto put = [&](const char* suffix, const std::string& value, const std::string& why) {
    std::string key = std::string(kAgic) + suffix;
    e.set(e.ensure({"metadata", "annotations"}), key, value, true, "metadata.annotations." + key,
          why);
  };
  if (p.agic.connectionDraining)
    put("connection-draining", p.agic.connectionDraining->value ? "true" : "false",
        p.agic.connectionDraining->message);
  if (p.agic.drainingTimeoutSeconds)
    put("connection-draining-timeout", std::to_string(p.agic.drainingTimeoutSeconds->value),
        p.agic.drainingTimeoutSeconds->message);
  if (p.agic.requestTimeoutSeconds)
    put("request-timeout", std::to_string(p.agic.requestTimeoutSeconds->value),
        p.agic.requestTimeoutSeconds->message);
  if (p.agic.probeIntervalSeconds)
    put("health-probe-interval", std::to_string(p.agic.probeIntervalSeconds->value),
        p.agic.probeIntervalSeconds->message);
  if (p.agic.probeTimeoutSeconds)
    put("health-probe-timeout", std::to_string(p.agic.probeTimeoutSeconds->value),
        p.agic.probeTimeoutSeconds->message);
  if (p.agic.probeUnhealthyThreshold)
    put("health-probe-unhealthy-threshold", std::to_string(p.agic.probeUnhealthyThreshold->value),
        p.agic.probeUnhealthyThreshold->message);
}

}  // namespace

void applyPlan(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
               const scope::Binding& b, const timing::Plan& p, const krm::Config& config,
               std::vector<krm::Result>& results) {
  const scope::ObjectInfo& w = idx.objects[target.workload];
  Editor we(t, w.node, results);
  writeWorkload(we, w, target, p);
  if (p.namespaceGateLabel && p.namespaceGateLabel->value) {
    auto ns = idx.namespaces.find(w.ns);
    if (ns != idx.namespaces.end()) {
      Editor ne(t, idx.objects[ns->second].node, results);
      ne.set(ne.ensure({"metadata", "labels"}), kGateLabel, "enabled", true,
             std::string("metadata.labels.") + kGateLabel, p.namespaceGateLabel->message);
    }
  }
  NodeId ingress = idx.objects[b.ingress].node, service = idx.objects[b.service].node;
  if (idx.objects[b.ingress].skip) return;
  if (config.knobs.preset == timing::PresetId::Agic) {
    writeAgic(t, ingress, p, results);
  } else {
    writeAlb(t, b, ingress, service, p, results);
  }
}

}  // namespace zd::rewrite
