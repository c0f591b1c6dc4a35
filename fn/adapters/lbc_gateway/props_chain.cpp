#include "adapters/lbc_gateway/props_chain.h"

#include "adapters/lbc_gateway/fields.h"
#include "krm/absent.h"
#include "scope/route_front_door.h"

namespace zd::adapters::gateway {

using yaml::NodeId;

namespace {

// The routeConfigurations entry that matches the route most closely: kind, namespace and name,
// then kind and namespace, then kind alone (mergeWithLongestMatch; an empty field is an absent
// one). The index and how closely it matches (PropsBlock::match).
std::optional<std::pair<uint32_t, int>> routeMatch(const yaml::Tree& t, NodeId tgc,
                                                   const scope::ObjectInfo& r,
                                                   std::string_view kind) {
  NodeId list = t.at(tgc, {"spec", "routeConfigurations"});
  std::optional<std::pair<uint32_t, int>> best;
  for (uint32_t i = 0; t.isSeq(list) && i < t.size(list); ++i) {
    NodeId id = t.get(t.kid(list, i), "routeIdentifier");
    std::string_view k = t.str(t.get(id, "kind")), ns = t.str(t.get(id, "namespace")),
                     name = t.str(t.get(id, "name"));
    if (k != kind) continue;
    if (!ns.empty() && ns != r.ns) continue;
    if (!name.empty() && (ns.empty() || name != r.name)) continue;
    const int score = 1 + !ns.empty() + !name.empty();
    if (!best || score > best->second) best = std::make_pair(i, score);
  }
  return best;
}

// A TargetGroupConfiguration's blocks for the route: its matching entry, then its default
// (`withDefault`: the loser of the Gateway-level merge contributes only its default).
void addBlocks(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t tgc, size_t route,
               bool withRoute, std::vector<PropsBlock>& out) {
  NodeId node = idx.objects[tgc].node;
  const scope::ObjectInfo& r = idx.objects[route];
  if (withRoute) {
    if (auto m = routeMatch(t, node, r, t.str(t.get(r.node, "kind")))) {
      NodeId entry = t.kid(t.at(node, {"spec", "routeConfigurations"}), m->first);
      out.push_back({tgc, krm::field(t, entry, "targetGroupProps"),
                     "spec.routeConfigurations[" + std::to_string(m->first) + "].targetGroupProps",
                     m->second});
    }
  }
  out.push_back({tgc, krm::field(t, krm::field(t, node, "spec"), kDefaultConfiguration),
                 std::string("spec.") + kDefaultConfiguration});
}

// The default TargetGroupConfiguration a LoadBalancerConfiguration names, in its namespace.
std::optional<size_t> defaultOf(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                std::optional<size_t> lbConfig) {
  if (!lbConfig) return std::nullopt;
  const scope::ObjectInfo& c = idx.objects[*lbConfig];
  NodeId name = t.at(c.node, {"spec", "defaultTargetGroupConfiguration", "name"});
  auto it = idx.gateway.targetGroupConfigsByName.find(scope::nsKey(c.ns, t.str(name)));
  if (name == yaml::kNone || it == idx.gateway.targetGroupConfigsByName.end()) return std::nullopt;
  return it->second;
}

// The LoadBalancerConfiguration a parametersRef names (group gateway.k8s.aws).
std::optional<size_t> lbConfigOf(const yaml::Tree& t, const scope::ObjectIndex& idx, NodeId ref,
                                 std::string_view ns) {
  if (t.str(t.get(ref, "kind")) != "LoadBalancerConfiguration") return std::nullopt;
  auto it = idx.gateway.loadBalancerConfigs.find(scope::nsKey(ns, t.str(t.get(ref, "name"))));
  if (it == idx.gateway.loadBalancerConfigs.end()) return std::nullopt;
  return it->second;
}

// The route's first parent Gateway of the input.
std::optional<size_t> parentGateway(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                    const scope::ObjectInfo& r) {
  NodeId parents = t.at(r.node, {"spec", "parentRefs"});
  for (uint32_t i = 0; t.isSeq(parents) && i < t.size(parents); ++i) {
    NodeId ref = t.kid(parents, i);
    std::string_view ns = t.str(t.get(ref, "namespace"));
    if (auto gw = scope::findGateway(
            idx, scope::nsKey(ns.empty() ? r.ns : ns, t.str(t.get(ref, "name")))))
      return gw;
  }
  return std::nullopt;
}

void addGatewayDefaults(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t route,
                        std::vector<PropsBlock>& out) {
  auto gw = parentGateway(t, idx, idx.objects[route]);
  if (!gw) return;
  const scope::ObjectInfo& g = idx.objects[*gw];
  std::optional<size_t> gwConfig =
      lbConfigOf(t, idx, t.at(g.node, {"spec", "infrastructure", "parametersRef"}), g.ns);
  std::optional<size_t> classConfig;
  auto cls =
      idx.gateway.classes.find(std::string(t.str(t.at(g.node, {"spec", "gatewayClassName"}))));
  if (cls != idx.gateway.classes.end()) {
    NodeId ref = t.at(idx.objects[cls->second].node, {"spec", "parametersRef"});
    classConfig = lbConfigOf(t, idx, ref, t.str(t.get(ref, "namespace")));
  }
  std::optional<size_t> fromGateway = defaultOf(t, idx, gwConfig),
                        fromClass = defaultOf(t, idx, classConfig);
  const bool preferGateway =
      classConfig &&
      t.str(t.at(idx.objects[*classConfig].node, {"spec", "mergingMode"})) == "prefer-gateway";
  std::optional<size_t> winner = preferGateway ? fromGateway : fromClass;
  std::optional<size_t> loser = preferGateway ? fromClass : fromGateway;
  if (!winner) std::swap(winner, loser);
  if (winner) addBlocks(t, idx, *winner, route, true, out);
  if (loser) addBlocks(t, idx, *loser, route, false, out);
}

}  // namespace

PropsChain propsChain(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t route,
                      size_t service) {
  PropsChain c;
  auto own = idx.gateway.targetGroupConfigOf.find(service);
  if (own != idx.gateway.targetGroupConfigOf.end()) {
    c.own = own->second;
    addBlocks(t, idx, own->second, route, true, c.blocks);
  }
  c.ownBlocks = c.blocks.size();
  addGatewayDefaults(t, idx, route, c.blocks);
  return c;
}

const PropsBlock* firstWith(const yaml::Tree& t, const PropsChain& c, std::string_view key) {
  for (const PropsBlock& b : c.blocks) {
    if (krm::field(t, b.props, key) != yaml::kNone) return &b;
  }
  return nullptr;
}

const PropsBlock& ownBlockFor(const yaml::Tree& t, const PropsChain& c, std::string_view key) {
  const PropsBlock& first = c.blocks.front();
  if (c.ownBlocks == 2 && krm::field(t, first.props, key) != yaml::kNone) return first;
  return c.blocks[c.ownBlocks - 1];
}

std::optional<AttributeSpot> findAttribute(const yaml::Tree& t, const PropsChain& c,
                                           std::string_view name) {
  for (size_t i = 0; i < c.blocks.size(); ++i) {
    NodeId list = krm::field(t, c.blocks[i].props, kAttributes);
    for (uint32_t k = 0; t.isSeq(list) && k < t.size(list); ++k) {
      NodeId item = t.kid(list, k);
      if (t.str(t.get(item, "key")) == name) return AttributeSpot{&c.blocks[i], item};
    }
  }
  return std::nullopt;
}

}  // namespace zd::adapters::gateway
