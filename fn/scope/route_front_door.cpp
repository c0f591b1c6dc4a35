#include "scope/route_front_door.h"

#include <algorithm>

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
  return contains(names, std::string(ns) + "/" + std::string(name)) || contains(names, name);
}

// Whose one parent Gateway is: by its class, as the Gateway in the input names it.
ClassMatch parentMatch(const yaml::Tree& t, std::string_view ns, std::string_view name,
                       const ObjectIndex& idx, const timing::Knobs& k) {
  if (namedInConfig(k.gateway.gatewayNames, ns, name)) return ClassMatch::Ours;
  auto gw = idx.gateway.gateways.find(std::string(ns) + "/" + std::string(name));
  if (gw == idx.gateway.gateways.end()) return ClassMatch::Unknown;
  const std::string cls(t.str(t.at(idx.objects[gw->second].node, {"spec", "gatewayClassName"})));
  auto controller = idx.gateway.classControllers.find(cls);
  if (controller != idx.gateway.classControllers.end())
    return contains(k.gateway.gatewayControllers, controller->second) ? ClassMatch::Ours
                                                                      : ClassMatch::Other;
  return contains(k.gateway.gatewayClassNames, cls) ? ClassMatch::Ours : ClassMatch::Other;
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
  NodeId parents = t.at(route, {"spec", "parentRefs"});
  ClassMatch out = ClassMatch::Other;
  for (uint32_t i = 0; t.isSeq(parents) && i < t.size(parents); ++i) {
    NodeId ref = t.kid(parents, i);
    if (!namesGateway(t, ref)) continue;
    std::string_view ns = t.str(t.get(ref, "namespace"));
    ClassMatch m =
        parentMatch(t, ns.empty() ? nsOf(t, route) : ns, t.str(t.get(ref, "name")), idx, k);
    if (m == ClassMatch::Ours) return m;
    if (m == ClassMatch::Unknown) out = m;
  }
  return out;
}

Unsure routeUnsure(ClassMatch, const timing::Knobs& k) {
  std::string controllers;
  for (const std::string& c : k.gateway.gatewayControllers)
    controllers += (controllers.empty() ? "" : ", ") + c;
  return {"spec.parentRefs",
          "names a parent Gateway that is not in the input, so which controller serves it is "
          "not known; if it is " +
              std::string(timing::presetName(k.preset)) + "'s (" + controllers +
              "), name the Gateway in config gatewayNames or its class in gatewayClassNames"};
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
