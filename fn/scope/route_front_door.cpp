#include "scope/route_front_door.h"

#include <algorithm>
#include <optional>

#include "krm/absent.h"
#include "scope/strings.h"

namespace zd::scope {

using yaml::NodeId;

namespace {

constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";

std::string_view nsOf(const yaml::Tree& t, NodeId obj) {
  return t.str(t.at(obj, {"metadata", "namespace"}));
}

// A parentRef names a Gateway unless its group or kind says otherwise (a mesh's Service parent).
bool namesGateway(const yaml::Tree& t, NodeId ref) {
  NodeId group = t.get(ref, "group"), kind = t.get(ref, "kind");
  return (group == yaml::kNone || t.str(group) == kGatewayGroup) &&
         (kind == yaml::kNone || t.str(kind) == "Gateway");
}

bool namedInConfig(const std::vector<std::string>& names, std::string_view ns,
                   std::string_view name) {
  return contains(names, nsKey(ns, name)) || contains(names, name);
}

// One parentRef, as the route front door reads it.
struct Parent {
  std::string ns, name;
  std::optional<size_t> gateway;  // in the input (by its name, or the one it had before a rename)
  std::string gatewayClass;       // its spec.gatewayClassName
  ClassMatch match = ClassMatch::Other;
};

}  // namespace

std::optional<size_t> findGateway(const ObjectIndex& idx, const std::string& key) {
  for (const auto* byName : {&idx.gateway.gateways, &idx.gateway.renamedGateways}) {
    auto gw = byName->find(key);
    if (gw != byName->end()) return gw->second;
  }
  return std::nullopt;
}

namespace {

// Whose one parent Gateway is: by its class, as the Gateway in the input names it. A Gateway of
// a class nothing in the run knows is Ambiguous: another controller's, most likely.
Parent parentOf(const yaml::Tree& t, NodeId route, NodeId ref, const ObjectIndex& idx,
                const timing::Knobs& k) {
  Parent p;
  std::string_view ns = t.str(t.get(ref, "namespace"));
  p.ns = std::string(ns.empty() ? nsOf(t, route) : ns);
  p.name = std::string(t.str(t.get(ref, "name")));
  p.gateway = findGateway(idx, nsKey(p.ns, p.name));
  if (p.gateway)
    p.gatewayClass =
        std::string(t.str(t.at(idx.objects[*p.gateway].node, {"spec", "gatewayClassName"})));
  auto controller = idx.gateway.classControllers.find(p.gatewayClass);
  if (namedInConfig(k.gateway.gatewayNames, p.ns, p.name)) {
    p.match = ClassMatch::Ours;
  } else if (!p.gateway) {
    p.match = ClassMatch::Unknown;
  } else if (controller != idx.gateway.classControllers.end()) {
    p.match = contains(k.gateway.gatewayControllers, controller->second) ? ClassMatch::Ours
                                                                         : ClassMatch::Other;
  } else {
    p.match = contains(k.gateway.gatewayClassNames, p.gatewayClass) ? ClassMatch::Ours
                                                                    : ClassMatch::Ambiguous;
  }
  return p;
}

// Calls f(index in spec.parentRefs, parent) for each parentRef that names a Gateway, until f
// returns true.
template <typename F>
void eachParent(const yaml::Tree& t, NodeId route, const ObjectIndex& idx, const timing::Knobs& k,
                F f) {
  NodeId parents = t.at(route, {"spec", "parentRefs"});
  for (uint32_t i = 0; t.isSeq(parents) && i < t.size(parents); ++i) {
    NodeId ref = t.kid(parents, i);
    if (namesGateway(t, ref) && f(i, parentOf(t, route, ref, idx, k))) return;
  }
}

// Whether a ReferenceGrant in namespace `to` lets a route of `kind` in namespace `from` name
// Service `service` (gateway-api apis/v1beta1 referencegrant_types.go).
bool granted(const yaml::Tree& t, const ObjectIndex& idx, std::string_view kind,
             std::string_view from, std::string_view to, std::string_view service) {
  auto grants = idx.gateway.referenceGrants.find(std::string(to));
  if (grants == idx.gateway.referenceGrants.end()) return false;
  auto anyOf = [&](NodeId list, auto match) {
    for (uint32_t i = 0; t.isSeq(list) && i < t.size(list); ++i) {
      if (match(t.kid(list, i))) return true;
    }
    return false;
  };
  for (size_t g : grants->second) {
    NodeId spec = t.get(idx.objects[g].node, "spec");
    bool fromOk = anyOf(t.get(spec, "from"), [&](NodeId f) {
      return t.str(t.get(f, "group")) == kGatewayGroup && t.str(t.get(f, "kind")) == kind &&
             t.str(t.get(f, "namespace")) == from;
    });
    bool toOk = anyOf(t.get(spec, "to"), [&](NodeId r) {
      NodeId name = t.get(r, "name");
      return t.str(t.get(r, "group")).empty() && t.str(t.get(r, "kind")) == "Service" &&
             (name == yaml::kNone || t.str(name) == service);
    });
    if (fromOk && toOk) return true;
  }
  return false;
}

void addRef(const yaml::Tree& t, NodeId route, const ObjectIndex& idx, NodeId ref,
            const std::string& path, IngressBackends& out) {
  NodeId group = t.get(ref, "group"), kind = t.get(ref, "kind");
  if (!t.str(group).empty() || (kind != yaml::kNone && t.str(kind) != "Service")) {
    out.problems.push_back({path, "is a backend of kind " + std::string(t.str(kind)) +
                                      ", not a Service: the function does not follow it"});
    return;
  }
  NodeId name = t.get(ref, "name"), port = t.get(ref, "port");
  if (krm::isAbsent(t, name) || t.str(name).empty()) {
    out.problems.push_back({path + ".name", "names no backend: the route is refused", true});
    return;
  }
  if (!krm::isAbsent(t, port) && (t.isString(port) || !isPortNumber(t.str(port)))) {
    out.problems.push_back({path + ".port",
                            "must be a port number, not \"" + std::string(t.str(port)) +
                                "\": the API server refuses the route",
                            true});
    return;
  }
  if (krm::isAbsent(t, port)) {
    out.problems.push_back(
        {path + ".port", "names Service \"" + std::string(t.str(t.get(ref, "name"))) +
                             "\" without a port, which Gateway API and the controller refuse "
                             "(a Service backend needs one): not followed"});
    return;
  }
  BackendRef b;
  b.service = std::string(t.str(t.get(ref, "name")));
  b.ns = std::string(t.str(t.get(ref, "namespace")));
  b.port = std::string(t.str(t.get(ref, "port")));
  b.fieldPath = path + ".name";
  b.portPath = path + ".port";
  const std::string_view routeNs = nsOf(t, route);
  if (!b.ns.empty() && b.ns != routeNs &&
      !granted(t, idx, t.str(t.get(route, "kind")), routeNs, b.ns, b.service)) {
    out.problems.push_back(
        {path + ".namespace",
         "names Service \"" + b.service + "\" in namespace " + b.ns +
             ", but no ReferenceGrant of the input in that namespace allows it, so the "
             "controller refuses the reference (RefNotPermitted): not followed"});
    return;
  }
  out.refs.push_back(std::move(b));
}

}  // namespace

ClassMatch routeClaims(const yaml::Tree& t, NodeId route, const ObjectIndex& idx,
                       const timing::Knobs& k, const std::vector<std::string_view>& kinds) {
  if (std::find(kinds.begin(), kinds.end(), t.str(t.get(route, "kind"))) == kinds.end())
    return ClassMatch::Other;
  // Ours if any parent is; else Unknown (a Gateway not in the input), else Ambiguous (one of an
  // unknown class), else Other.
  ClassMatch out = ClassMatch::Other;
  eachParent(t, route, idx, k, [&](uint32_t, const Parent& p) {
    if (p.match == ClassMatch::Ours || p.match == ClassMatch::Unknown ||
        (p.match == ClassMatch::Ambiguous && out == ClassMatch::Other))
      out = p.match;
    return out == ClassMatch::Ours;
  });
  return out;
}

Unsure routeUnsure(const yaml::Tree& t, NodeId route, const ObjectIndex& idx, ClassMatch m,
                   const timing::Knobs& k) {
  const std::string preset = timing::presetName(k.preset);
  Unsure u;
  eachParent(t, route, idx, k, [&](uint32_t i, const Parent& p) {
    if (p.match != m) return false;
    const std::string gw = p.ns.empty() ? p.name : p.ns + "/" + p.name;
    u.fieldPath = "spec.parentRefs[" + std::to_string(i) + "]";
    if (m == ClassMatch::Unknown) {
      u.message = "names Gateway " + gw +
                  ", which is not in the input, so which controller serves the route is not "
                  "known; if it is " +
                  preset + "'s, add \"" + gw + "\" to config gatewayNames";
    } else {
      u.onlyInfo = true;
      u.message = "names Gateway " + gw + " of class \"" + p.gatewayClass +
                  "\", which is neither a GatewayClass of the input nor in config "
                  "gatewayClassNames: taken as another controller's and left alone; if it is " +
                  preset + "'s, add \"" + p.gatewayClass + "\" to gatewayClassNames";
    }
    return true;
  });
  return u;
}

IngressBackends routeBackends(const yaml::Tree& t, NodeId route, const ObjectIndex& idx) {
  IngressBackends out;
  NodeId rules = t.at(route, {"spec", "rules"});
  for (uint32_t r = 0; t.isSeq(rules) && r < t.size(rules); ++r) {
    NodeId refs = t.get(t.kid(rules, r), "backendRefs");
    for (uint32_t i = 0; t.isSeq(refs) && i < t.size(refs); ++i) {
      addRef(t, route, idx, t.kid(refs, i),
             "spec.rules[" + std::to_string(r) + "].backendRefs[" + std::to_string(i) + "]", out);
    }
  }
  return out;
}

}  // namespace zd::scope
