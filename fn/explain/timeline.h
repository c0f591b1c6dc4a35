// The timelines `explain` shows: for one workload behind the load balancer, what happens second by
// second when one of its pods is replaced, for the manifests as they are ("before") and as the
// function would write them ("after"), and which rule holds or breaks.
//
// Built from timing::Evaluation only (the model decides; this module reads). Two lanes:
//   termination  t = 0 when the old pod is deleted (docs/timing-model.md, "Termination: what
//                happens when a pod goes")
//   rollout      t = 0 when the new pod's containers start; the old pod goes once it is available
// Pure data, no I/O: the renderers (render.h) turn it into text, markdown, json or svg.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "timing/knobs.h"
#include "timing/model.h"

namespace zd::explain {

enum class Lane { Termination, Rollout };
const char* laneName(Lane l);  // "termination", "rollout"

// A named number of the model (the symbols of docs/timing-model.md, "Quantities") and where its
// value comes from.
struct Quantity {
  std::string symbol;            // "G", "P", "P[web]", "E", "D", ...
  std::string setting;           // "terminationGracePeriodSeconds"
  std::optional<int64_t> value;  // nullopt: unknown (a preStop hook that is not a plain sleep)
  std::string shown;             // what to print instead of the number: "on", "off"
  // "manifest", "default", "config", "derived" (timing::Origin), or "function" when the plan
  // writes it; then `rule` is the rule id of that change ("K2", "Z0" for a preset value).
  std::string origin;
  std::string rule;
  bool estimate = false;       // an environment lag the config can only estimate (E, E_reg)
  std::string source() const;  // "terminationGracePeriodSeconds (manifest)"
};

struct Event {
  std::string id;     // stable key, e.g. "sigkill"; the same in both states
  std::string label;  // "SIGKILL"
  Lane lane = Lane::Termination;
  std::optional<int64_t> t;         // seconds; nullopt: unknown, or never (OnDelete)
  bool estimate = false;            // depends on an estimated lag: shown "~15"
  bool upTo = false;                // happens at some point until t: shown "<=15"
  std::string formula;              // "E + D", in the symbols of `quantities`
  std::vector<std::string> uses;    // symbols the time is made of, for its source
  std::vector<std::string> broken;  // ids of the violated rules that concern it
};

struct Phase {
  std::string id;     // "prestop", "app-shutdown", ...
  std::string label;  // "preStop sleep"
  Lane lane = Lane::Termination;
  int64_t start = 0, end = 0;
  bool estimate = false;
  std::vector<std::string> broken;
};

// One rule in one state. Both states list the same (id, field) keys in the same order.
struct Rule {
  std::string id;     // "K2"
  std::string field;  // the model's logical field; "" for a rule that holds everywhere
  bool holds = true;
  std::string severity;  // of the violation: "error", "warning", "info"; "" when it holds
  std::string reason;    // one line, without the leading id
};

struct State {
  std::vector<Quantity> quantities;
  std::vector<Event> events;  // logical order (the same ids in both states)
  std::vector<Phase> phases;
  std::vector<Rule> rules;
  size_t broken() const;  // rules that do not hold
  // The source of an event: the sources of the quantities it uses, joined by ", ".
  std::string sourceOf(const Event& e) const;
  const Quantity* quantity(const std::string& symbol) const;
};

// A value the plan writes, in manifest terms.
struct Change {
  // "terminationGracePeriodSeconds", "container web: preStop", or an annotation key
  std::string field;
  std::string from, to;
  std::string rule;
  std::string message;
};

struct WorkloadTimeline {
  std::string kind, namespace_, name;
  // In a run of several presets, the preset this timeline is for ("" when the run names one): a
  // workload behind load balancers of two presets has a timeline for each.
  std::string preset;
  std::string frontDoorKind;       // "Ingress": the kind of object the load balancer enters by
  std::string frontDoor, service;  // "ns/name"
  std::vector<std::string> containers;
  State before, after;
  std::vector<Change> changes;
  std::vector<std::string> notes;  // advice the manifests cannot express (IN3), probes added
  std::string display() const;     // "Deployment shop/checkout"
  // "Ingress shop/web -> Service shop/web", or "Service shop/web" when the Service is the front
  // door (an NLB's Service of type LoadBalancer).
  std::string route() const;
};

// What the function may not change, for the timeline's labels. Everything else comes from the
// evaluation.
struct Identity {
  std::string kind, namespace_, name, frontDoorKind, frontDoor, service;
  std::vector<std::string> containers;
  std::vector<std::string> probesAdded;
};

WorkloadTimeline buildTimeline(const timing::Knobs& k, const timing::Evaluation& ev,
                               const Identity& id);

// What a node drain does to a workload: "Deployment shop/web" and one sentence.
struct DrainNote {
  std::string workload, text;
};

// The whole input.
struct Explanation {
  std::string preset;
  size_t workloadsInScope = 0;
  std::vector<WorkloadTimeline> workloads;
  std::vector<DrainNote> drains;   // one per workload, in input order
  std::vector<std::string> notes;  // graph warnings: a missing Service, a selector matching nothing
};

}  // namespace zd::explain
