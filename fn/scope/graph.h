// Which workloads actually sit behind the preset's load balancer:
// front door (scope/front_door.h: an Ingress of the preset's class today) -> backend Service
// (directly, or through an ALB action) -> workloads whose pod template matches the Service
// selector -> serving containers. The walk knows no kind of front door: the adapter's says
// which objects its controller serves and which Services they name.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "krm/result.h"
#include "scope/front_door.h"
#include "scope/object_index.h"
#include "scope/serving.h"
#include "scope/shared.h"
#include "timing/knobs.h"

namespace zd::scope {

// One front door -> Service edge in front of a workload.
struct Binding {
  size_t frontDoor;  // the front door object (an Ingress today): an index into the object index
  size_t service;
  // The Ingress routes to other Services too: ALB target-group settings then go on this
  // workload's Service (the controller lets the Service's copy win), so the others keep theirs.
  bool frontDoorShared = false;
  // Which of the preset's front doors (adapters::doorsOf): its settings are read and written
  // through that door's.
  uint8_t door = 0;
  // The backends the function does not manage that the load-balancer annotations written for
  // this edge would also reach (a skipped workload, a Service not in the input), in words; ""
  // when none. AGIC's annotations are the Ingress's; ALB's are the Service's or, for an Ingress
  // with this one Service, the Ingress's.
  std::string lbSharedWith;
  // Which of the run's presets reaches the workload through this edge: an index into
  // krm::Config::presets (0 when the run names one).
  size_t lb = 0;
  bool operator<(const Binding& o) const {  // for sharing equal lists (scope/shared.h)
    return std::tie(frontDoor, service, frontDoorShared, door, lbSharedWith, lb) <
           std::tie(o.frontDoor, o.service, o.frontDoorShared, o.door, o.lbSharedWith, o.lb);
  }
};

// A workload and what reaches it. Workloads behind the same edges share them, and so their
// target ports and (from equal pod templates) serving containers (scope/shared.h): none of the
// three is ever null in a graph, nor changed in place.
struct Target {
  size_t workload;
  Shared<std::vector<Binding>> bindings;  // in input order per preset, the run's presets in turn
  Shared<Serving> serving;                // serving containers and how they were found
  Shared<std::vector<std::string>> targetPorts;  // what they were matched on, for messages
};

struct Graph {
  // In input order of the workloads. A deque: it grows without copying what it holds, which a
  // vector of 200,000 targets would hold twice over while it doubles.
  std::deque<Target> targets;
  std::vector<size_t> frontDoors;  // every in-scope front door
};

struct ScopeOptions {
  // Whether the preset's IngressClass is the cluster's default; unset: the config does not say.
  std::optional<bool> defaultIngressClass;
  size_t lb = 0;     // the preset the graph is walked for: each Binding::lb
  uint8_t door = 0;  // which of its front doors: each Binding::door
};

// Warnings about references that cannot be followed carry Result::unresolved.
Graph buildGraph(const yaml::Tree& tree, const krm::Envelope& env, const ObjectIndex& index,
                 const timing::Knobs& knobs, const ScopeOptions& options, const FrontDoor& door,
                 std::vector<krm::Result>& results);

}  // namespace zd::scope
