#include "scope/graph.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "krm/absent.h"
#include "scope/backends.h"
#include "scope/service_lookup.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

void addOnce(std::vector<std::string>& v, const std::string& s) {
  if (!contains(v, s)) v.push_back(s);
}

std::vector<std::string> distinct(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const std::string& s : v) addOnce(out, s);
  return out;
}

// What else the settings of an Ingress or a Service reach: load-balancer annotations on an
// Ingress apply to every target group of it, those on a Service to every pod it selects. Only the
// first few are named: an Ingress in front of thousands of skipped workloads must not make every
// message that quotes the list as long.
class Reach {
 public:
  void add(const std::string& what) {
    if (!seen_.insert(what).second) return;
    if (named_.size() < kNamed) named_.push_back(what);
  }
  void addService(const std::string& name) { services_.insert(name); }
  void addUnfollowed() { ++unfollowed_; }
  size_t services() const { return services_.size() + unfollowed_; }
  std::string describe() const {
    std::string out;
    const size_t more = seen_.size() - named_.size();
    for (size_t i = 0; i < named_.size(); ++i) {
      const bool last = i + 1 == named_.size() && more == 0;
      out += (i == 0 ? "" : last ? " and " : ", ") + named_[i];
    }
    return more == 0 ? out : out + " and " + std::to_string(more) + " more";
  }

 private:
  static constexpr size_t kNamed = 3;
  std::unordered_set<std::string> seen_;
  std::vector<std::string> named_;
  std::set<std::string> services_;
  size_t unfollowed_ = 0;
};

const char* kindName(ObjectKind k) {
  switch (k) {
    case ObjectKind::Deployment:
      return "Deployment";
    case ObjectKind::StatefulSet:
      return "StatefulSet";
    case ObjectKind::DaemonSet:
      return "DaemonSet";
    case ObjectKind::Rollout:
      return "Rollout";
    default:
      return "object";
  }
}

std::string describe(const ObjectInfo& o) {
  return std::string(kindName(o.kind)) + " \"" + std::string(o.name) +
         "\" (zero-downtime.dev/skip)";
}

krm::Result warning(const yaml::Tree& t, NodeId obj, std::string path, std::string message,
                    bool unresolved) {
  krm::Result r;
  r.severity = krm::Severity::Warning;
  r.resource = krm::refOf(t, obj);
  r.fieldPath = std::move(path);
  r.message = std::move(message);
  r.unresolved = unresolved;
  return r;
}

// The Service's targetPorts for the port an Ingress names; all of them when
// the Ingress names a port the Service does not have (warned by the caller).
std::vector<std::string> targetPortsFor(const yaml::Tree& t, NodeId svc, const BackendRef& b,
                                        bool& matched) {
  std::vector<std::string> all, hit;
  NodeId ports = t.at(svc, {"spec", "ports"});
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    NodeId p = t.kid(ports, i);
    std::string port(t.str(t.get(p, "port")));
    NodeId tp = t.get(p, "targetPort");
    std::string target = t.isScalar(tp) ? std::string(t.str(tp)) : port;
    all.push_back(target);
    bool match = b.portIsName ? t.str(t.get(p, "name")) == b.port : port == b.port;
    if (match || b.port.empty()) hit.push_back(target);
  }
  matched = !hit.empty();
  return matched ? hit : all;
}

// Workloads in namespace `ns` whose pod template matches every selector label: candidates come
// from the index, not from a scan.
std::vector<size_t> selectedIn(const yaml::Tree& t, const ObjectIndex& idx, NodeId selector,
                               std::string_view ns) {
  auto it = idx.workloadsByLabel.find(
      labelKey(ns, t.str(t.keyAt(selector, 0)), t.str(t.valueAt(selector, 0))));
  if (it == idx.workloadsByLabel.end()) return {};
  std::vector<size_t> out;
  for (size_t w : it->second) {
    NodeId labels = t.at(podTemplateHolder(idx, w), {"spec", "template", "metadata", "labels"});
    bool all = true;
    for (uint32_t k = 1; k < t.mapSize(selector) && all; ++k) {
      NodeId v = t.get(labels, t.str(t.keyAt(selector, k)));
      all = v != yaml::kNone && t.str(v) == t.str(t.valueAt(selector, k));
    }
    if (all) out.push_back(w);
  }
  return out;
}

NodeId selectorOf(const yaml::Tree& t, const ObjectInfo& s) {
  NodeId selector = t.at(s.node, {"spec", "selector"});
  return t.isMap(selector) && t.mapSize(selector) > 0 ? selector : yaml::kNone;
}

// A Service and workloads only one of which has a namespace meet only if applied to the same
// one, which the manifests do not say: name them instead of matching them.
std::string unplacedMatches(const yaml::Tree& t, const ObjectIndex& idx, NodeId selector,
                            std::string_view ns) {
  std::string out;
  for (const std::string& other : idx.workloadNamespaces) {
    if (other == ns || (!ns.empty() && !other.empty())) continue;
    for (size_t w : selectedIn(t, idx, selector, other)) {
      const ObjectInfo& o = idx.objects[w];
      out += (out.empty() ? "" : ", ") + std::string(kindName(o.kind)) + " \"" +
             std::string(o.name) + "\" " +
             (other.empty() ? "without a namespace" : "in namespace " + other);
    }
  }
  return out;
}

class Builder {
 public:
  Builder(const yaml::Tree& t, const ObjectIndex& idx, const timing::Knobs& k,
          const ScopeOptions& o, const FrontDoor& door, std::vector<krm::Result>& results)
      : t_(t), idx_(idx), k_(k), opts_(o), door_(door), results_(results) {}

  Graph build() {
    for (size_t i = 0; i < idx_.objects.size(); ++i) {
      const ObjectInfo& obj = idx_.objects[i];
      if (obj.kind != door_.kind || obj.skip) continue;
      ClassMatch m = door_.claims(t_, obj.node, idx_, k_, opts_.defaultIngressClass);
      if (m == ClassMatch::Unknown || m == ClassMatch::Ambiguous) {
        Unsure u = door_.unsure(t_, obj.node, idx_, m, k_);
        results_.push_back(warning(t_, obj.node, u.fieldPath, u.message, false));
        if (u.onlyInfo) results_.back().severity = krm::Severity::Info;
      }
      if (m == ClassMatch::Ours) frontDoor(i);
    }
    for (Target& target : g_.targets) {
      target.serving = servings_(
          servingContainers(t_, podTemplateHolder(idx_, target.workload), *target.targetPorts));
      target.bindings = shareEach(target.bindings);
    }
    // The walk finds workloads per front door and backend; the graph lists them in input order,
    // the order one backend finds them in already (sorting a deque is not free).
    auto inputOrder = [](const Target& a, const Target& b) { return a.workload < b.workload; };
    if (!std::is_sorted(g_.targets.begin(), g_.targets.end(), inputOrder))
      std::sort(g_.targets.begin(), g_.targets.end(), inputOrder);
    return std::move(g_);
  }

 private:
  void frontDoor(size_t i) {
    const ObjectInfo& ing = idx_.objects[i];
    g_.frontDoors.push_back(i);
    Reach& reach = ingressReach_[i];
    IngressBackends backends = door_.backends(t_, ing.node, idx_);
    for (const BackendProblem& p : backends.problems) {
      krm::Result r = warning(t_, ing.node, p.fieldPath, p.message, !p.error);
      if (p.error) r.severity = krm::Severity::Error;
      results_.push_back(std::move(r));
      reach.addUnfollowed();
      reach.add("a backend the function cannot follow (" + p.fieldPath + ")");
    }
    for (const BackendRef& b : backends.refs) {
      reach.addService(b.service);
      backend(i, b, reach);
    }
  }

  // The object that names a backend: the front door, or the Rollout whose route it comes from.
  NodeId namer(const ObjectInfo& door, const BackendRef& b) const {
    return b.origin ? idx_.objects[*b.origin].node : door.node;
  }

  void backend(size_t i, const BackendRef& b, Reach& reach) {
    const ObjectInfo& ing = idx_.objects[i];
    // A route may name a Service of another namespace (Gateway API, where a ReferenceGrant
    // allows it); an Ingress names its own namespace's.
    ServiceLookup found =
        findService(idx_, b.ns.empty() ? ing.ns : std::string_view(b.ns), b.service,
                    b.action.empty() ? Reference::Renamed : Reference::Literal);
    if (!found.service) {
      results_.push_back(warning(t_, namer(ing, b), b.fieldPath,
                                 "backend Service \"" + b.service + "\" " + found.problem +
                                     ": the workloads behind it cannot be checked",
                                 true));
      reach.add("Service \"" + b.service + "\" (not in the input)");
      return;
    }
    size_t svc = *found.service;
    if (!serviceShapes(svc)) {
      reach.add("Service \"" + std::string(idx_.objects[svc].name) + "\" (unreadable)");
      return;
    }
    bool portMatched = true;
    Shared<std::vector<std::string>> ports =
        portLists_(distinct(targetPortsFor(t_, idx_.objects[svc].node, b, portMatched)));
    if (!portMatched) {
      results_.push_back(warning(t_, namer(ing, b), b.origin ? b.portPath : b.fieldPath,
                                 "backend port \"" + b.port + "\" is not a port of Service \"" +
                                     std::string(idx_.objects[svc].name) +
                                     "\": every port of the Service is considered",
                                 false));
    }
    auto workloads = selected(i, svc);
    if (workloads.empty())
      reach.add("Service \"" + std::string(idx_.objects[svc].name) +
                "\" (no workload in the input)");
    for (size_t w : workloads) {
      if (idx_.objects[w].skip) {
        reach.add(describe(idx_.objects[w]));
        serviceReach_[svc].add(describe(idx_.objects[w]));
        continue;
      }
      bind(w, i, svc, ports);
    }
    serviceIngresses_[svc].insert(i);
  }

  // The Service fields the walk reads must be what the API says they are (spec and selector
  // maps, ports a list of maps); otherwise the workloads behind it would be silently dropped.
  // Checked once per Service, reported once.
  bool serviceShapes(size_t svc) {
    // Not a structured binding: C++17 lambdas cannot capture one (clang refuses).
    auto emplaced = serviceShapeOk_.emplace(svc, true);
    auto it = emplaced.first;
    if (!emplaced.second) return it->second;
    const ObjectInfo& s = idx_.objects[svc];
    auto bad = [&](const std::string& path, const char* want, NodeId n) {
      krm::Result r =
          warning(t_, s.node, path,
                  "`" + path + "` must be " + want + ", not " + yaml::kindPhrase(t_.kind(n)) +
                      ": the workloads behind this Service cannot be checked",
                  false);
      r.severity = krm::Severity::Error;
      results_.push_back(std::move(r));
      it->second = false;
    };
    NodeId spec = krm::field(t_, s.node, "spec");
    if (spec != yaml::kNone && !t_.isMap(spec)) {
      bad("spec", "a map", spec);
      return false;
    }
    NodeId selector = krm::field(t_, spec, "selector");
    if (selector != yaml::kNone && !t_.isMap(selector)) bad("spec.selector", "a map", selector);
    NodeId ports = krm::field(t_, spec, "ports");
    if (ports != yaml::kNone && !t_.isSeq(ports)) {
      bad("spec.ports", "a list", ports);
      return false;
    }
    for (uint32_t p = 0; p < t_.size(ports); ++p) {
      NodeId port = t_.kid(ports, p);
      if (!t_.isMap(port)) bad("spec.ports[" + std::to_string(p) + "]", "a map", port);
    }
    return it->second;
  }

  std::vector<size_t> selected(size_t i, size_t svc) {
    const ObjectInfo& s = idx_.objects[svc];
    NodeId selector = selectorOf(t_, s);
    if (selector == yaml::kNone) {
      // Endpoints kept by hand (a database outside the cluster, an ExternalName): no workload of
      // the cluster is behind it, which the input cannot change.
      krm::Result r =
          warning(t_, s.node, "spec.selector",
                  "has no selector, so its endpoints are kept by hand: nothing behind " +
                      std::string(door_.noun) + " \"" + std::string(idx_.objects[i].name) +
                      "\" is a workload the function can check",
                  false);
      r.severity = krm::Severity::Info;
      results_.push_back(std::move(r));
      return {};
    }
    std::vector<size_t> out = selectedIn(t_, idx_, selector, s.ns);
    if (!out.empty()) return out;
    std::string unplaced = unplacedMatches(t_, idx_, selector, s.ns);
    results_.push_back(warning(
        t_, s.node, "spec.selector",
        "selects no Deployment, StatefulSet, DaemonSet or Rollout in the input: nothing behind " +
            std::string(door_.noun) + " \"" + std::string(idx_.objects[i].name) +
            "\" can be made consistent" +
            (unplaced.empty()
                 ? ""
                 : " (" + unplaced +
                       " matches it, but an object without metadata.namespace lands "
                       "where it is applied: they meet only if applied to the same namespace)"),
        true));
    return out;
  }

  // share() for each edge of a list, once per distinct list: 200,000 workloads behind the same
  // edges cost one pass.
  Shared<std::vector<Binding>> shareEach(const Shared<std::vector<Binding>>& edges) {
    Shared<std::vector<Binding>>& done = edgesShared_[edges.get()];
    if (!done) {
      std::vector<Binding> out = *edges;
      for (Binding& b : out) share(b);
      done = edgeLists_(std::move(out));
    }
    return done;
  }

  void share(Binding& b) {
    const Reach& ing = ingressReach_[b.frontDoor];
    b.frontDoorShared = ing.services() > 1;
    if (door_.settingsPerService) {
      b.lbSharedWith = serviceReach_[b.service].describe();
      return;
    }
    if (door_.serviceOverrides.empty()) {
      b.lbSharedWith = ing.describe();
      return;
    }
    Reach reach = serviceReach_[b.service];
    if (b.frontDoorShared) otherIngressesOfService(b, reach);
    b.lbSharedWith = reach.describe();
  }

  // A new Service copy of an ALB key overrides it for every Ingress that routes to the Service.
  // Another Ingress that sets the key itself, to a value other than this Ingress's, would lose
  // it (its own target-group attributes, a stricter interval): that Ingress is a backend's owner
  // the copy must not overrule.
  void otherIngressesOfService(const Binding& b, Reach& reach) const {
    auto annotation = [&](size_t obj, const std::string& key) {
      return t_.at(idx_.objects[obj].node, {"metadata", "annotations", key});
    };
    auto users = serviceIngresses_.find(b.service);
    if (users == serviceIngresses_.end()) return;
    for (size_t other : users->second) {
      if (other == b.frontDoor) continue;
      for (const std::string& key : door_.serviceOverrides) {
        yaml::NodeId theirs = annotation(other, key), ours = annotation(b.frontDoor, key);
        if (theirs == yaml::kNone || annotation(b.service, key) != yaml::kNone) continue;
        if (ours != yaml::kNone && t_.str(ours) == t_.str(theirs)) continue;
        const std::string shortKey = key.substr(key.find('/') + 1);
        reach.add(std::string(door_.noun) + " \"" + std::string(idx_.objects[other].name) +
                  "\" (it sets its own " + shortKey + " for Service \"" +
                  std::string(idx_.objects[b.service].name) + "\")");
      }
    }
  }

  void bind(size_t w, size_t i, size_t svc, const Shared<std::vector<std::string>>& ports) {
    Target& target = targetOf(w);
    const std::vector<Binding>& edges = *target.bindings;
    bool seen = std::any_of(edges.begin(), edges.end(),
                            [&](const Binding& x) { return x.frontDoor == i && x.service == svc; });
    if (!seen) {
      std::vector<Binding> more = edges;
      more.push_back(Binding{i, svc, false, opts_.door, "", opts_.lb});
      target.bindings = edgeLists_(std::move(more));
    }
    // Every backend's ports, each once, in the order first seen.
    if (!target.targetPorts) {
      target.targetPorts = ports;
    } else if (!std::all_of(ports->begin(), ports->end(), [&](const std::string& p) {
                 return contains(*target.targetPorts, p);
               })) {
      std::vector<std::string> more = *target.targetPorts;
      for (const std::string& p : *ports) addOnce(more, p);
      target.targetPorts = portLists_(std::move(more));
    }
  }

  Target& targetOf(size_t w) {
    if (slot_.empty()) slot_.assign(idx_.objects.size(), kNoSlot);
    if (slot_[w] == kNoSlot) {
      slot_[w] = static_cast<uint32_t>(g_.targets.size());
      g_.targets.push_back(Target{w, edgeLists_({}), nullptr, nullptr});
    }
    return g_.targets[slot_[w]];
  }

  const yaml::Tree& t_;
  const ObjectIndex& idx_;
  const timing::Knobs& k_;
  const ScopeOptions& opts_;
  const FrontDoor& door_;
  std::vector<krm::Result>& results_;
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  std::vector<uint32_t> slot_;  // per object: its target's index in g_.targets, or kNoSlot
  Interner<std::vector<Binding>> edgeLists_;
  Interner<std::vector<std::string>> portLists_;
  Interner<Serving> servings_;
  // shareEach's answers, by the interned list (equal lists are one object).
  std::map<const std::vector<Binding>*, Shared<std::vector<Binding>>> edgesShared_;
  std::map<size_t, Reach> ingressReach_;  // per in-scope Ingress
  std::map<size_t, Reach> serviceReach_;  // per backend Service: its skipped workloads
  // Per backend Service: the in-scope Ingresses that route to it.
  std::map<size_t, std::set<size_t>> serviceIngresses_;
  std::map<size_t, bool> serviceShapeOk_;  // per backend Service: its fields have the API's shapes
  Graph g_;
};

}  // namespace

Graph buildGraph(const yaml::Tree& t, const krm::Envelope&, const ObjectIndex& idx,
                 const timing::Knobs& knobs, const ScopeOptions& options, const FrontDoor& door,
                 std::vector<krm::Result>& results) {
  return Builder(t, idx, knobs, options, door, results).build();
}

}  // namespace zd::scope
