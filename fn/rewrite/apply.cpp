#include "rewrite/apply.h"

#include "adapters/settings.h"
#include "krm/absent.h"
#include "krm/envelope.h"
#include "rewrite/editor.h"
#include "rewrite/observe.h"
#include "rewrite/pod_fields.h"
#include "rewrite/read_values.h"
#include "rewrite/sleep_hook.h"
#include "rewrite/string_map.h"
#include "yaml/scalar_format.h"

namespace zd::rewrite {

using yaml::NodeId;
using yaml::Style;

namespace {

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
  std::string hp = path + "." + containerPath("preStopSeconds");
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
  auto probeField = [&](const char* field, const char* key,
                        const std::optional<timing::Change<int64_t>>& c) {
    if (c) e.setCount(probe, key, c->value, path + "." + containerPath(field), c->message);
  };
  probeField("readinessPeriodSeconds", "periodSeconds", cp.readinessPeriodSeconds);
  probeField("readinessTimeoutSeconds", "timeoutSeconds", cp.readinessTimeoutSeconds);
  probeField("readinessFailureThreshold", "failureThreshold", cp.readinessFailureThreshold);
}

// The map that holds maxSurge and maxUnavailable (rollingPath), made where missing.
NodeId rollingMap(Editor& e, StrategyShape shape) {
  switch (shape) {
    case StrategyShape::Canary:
      return e.ensure({"spec", "strategy", "canary"});
    case StrategyShape::BlueGreen:
      return e.ensure({"spec", "strategy", "blueGreen"});
    case StrategyShape::UpdateStrategy:
      return e.ensure({"spec", "updateStrategy", "rollingUpdate"});
    case StrategyShape::Deployment:
      break;
  }
  return e.ensure({"spec", "strategy", "rollingUpdate"});
}

void writeRollout(Editor& e, StrategyShape shape, const timing::Plan& p) {
  if (p.maxSurge || p.maxUnavailable) {
    NodeId ru = rollingMap(e, shape);
    if (p.maxSurge)
      setIntOrPercent(e, ru, "maxSurge", p.maxSurge->value, workloadPath("maxSurge", shape),
                      p.maxSurge->message);
    if (p.maxUnavailable)
      setIntOrPercent(e, ru, "maxUnavailable", p.maxUnavailable->value,
                      workloadPath("maxUnavailable", shape), p.maxUnavailable->message);
  }
  if (p.minReadySeconds)
    e.setCount(e.ensure({"spec"}), "minReadySeconds", p.minReadySeconds->value,
               workloadPath("minReadySeconds", shape), p.minReadySeconds->message);
  if (p.progressDeadlineSeconds)
    e.setCount(e.ensure({"spec"}), "progressDeadlineSeconds", p.progressDeadlineSeconds->value,
               workloadPath("progressDeadlineSeconds", shape), p.progressDeadlineSeconds->message);
}

// `pods` edits the object whose template the pods are: the workload, or the Deployment a
// Rollout's workloadRef names.
void writeWorkload(Editor& e, Editor& pods, const scope::ObjectInfo& w, const scope::Target& target,
                   const timing::Plan& p) {
  yaml::Tree& t = e.tree();
  const StrategyShape shape = shapeOf(t, w);
  if (p.terminationGracePeriodSeconds) {
    pods.setCount(pods.ensure({"spec", "template", "spec"}), "terminationGracePeriodSeconds",
                  p.terminationGracePeriodSeconds->value,
                  workloadPath("terminationGracePeriodSeconds", shape),
                  p.terminationGracePeriodSeconds->message);
  }
  writeRollout(e, shape, p);
  const auto& serving = target.serving->containers;
  for (size_t i = 0; i < p.containers.size() && i < serving.size(); ++i) {
    writeContainer(pods, scope::containerNode(t, pods.object(), serving[i]), serving[i].path(),
                   p.containers[i]);
  }
}

}  // namespace

void applyPlan(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Target& target,
               const scope::Binding& b, const timing::Plan& p, const krm::Config& config,
               std::vector<krm::Result>& results, SharedEdits& shared) {
  const scope::ObjectInfo& w = idx.objects[target.workload];
  Editor we(t, w.node, results);
  const NodeId holder = scope::podTemplateHolder(idx, target.workload);
  Editor pe(t, holder, results);
  writeWorkload(we, holder == w.node ? we : pe, w, target, p);
  if (p.namespaceGateLabel && p.namespaceGateLabel->value) {
    auto ns = idx.namespaces.find(w.ns);
    if (ns != idx.namespaces.end()) {
      Editor ne(t, idx.objects[ns->second].node, results, &shared);
      ne.setShared("labels", kGateLabel, "enabled", true,
                   std::string("metadata.labels.") + kGateLabel, p.namespaceGateLabel->message);
    }
  }
  if (idx.objects[b.frontDoor].skip) return;
  adapters::settingsOf(config.preset(b.lb).preset, b.door).apply(t, idx, b, p, results, shared);
}

}  // namespace zd::rewrite
