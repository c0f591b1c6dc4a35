// Where the AWS Load Balancer Controller finds a Service's target-group settings for one route:
// the TargetGroupProps blocks it merges, highest priority first (docs/guide/gateway/
// targetgroupconfig.md, "Configuration Resolution Order"; pkg/gateway/tg_config_constructor.go):
// the Service's TargetGroupConfiguration (its routeConfigurations entry that best matches the
// route, then its defaultConfiguration), then the Gateway-level default: the TargetGroup-
// Configuration a LoadBalancerConfiguration names as defaultTargetGroupConfiguration, the
// GatewayClass's and the Gateway's merged (the GatewayClass's wins unless its mergingMode is
// prefer-gateway; routeConfigurations come from the winner only). Each top-level field comes
// whole from the first block that sets it; targetGroupAttributes merge key by key.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::adapters::gateway {

struct PropsBlock {
  size_t object;       // the TargetGroupConfiguration (object index)
  yaml::NodeId props;  // its TargetGroupProps map; kNone when absent
  std::string path;  // "spec.defaultConfiguration", "spec.routeConfigurations[1].targetGroupProps"
  // A route entry's match: 3 for kind, namespace and name (this route alone), 2 for kind and
  // namespace, 1 for kind; 0 for a defaultConfiguration.
  int match = 0;
};

struct PropsChain {
  std::optional<size_t> own;  // the Service's TargetGroupConfiguration
  std::vector<PropsBlock> blocks;
  size_t ownBlocks = 0;  // the first blocks are the Service's own (route match, then default)
};

PropsChain propsChain(const yaml::Tree& t, const scope::ObjectIndex& idx, size_t route,
                      size_t service);

// The first block whose props set top-level field `key`, or nullptr.
const PropsBlock* firstWith(const yaml::Tree& t, const PropsChain& c, std::string_view key);

// The own block the function writes `key` into: the route's entry when it sets the key (it
// would hide the default), else the defaultConfiguration. The chain must have an own object.
const PropsBlock& ownBlockFor(const yaml::Tree& t, const PropsChain& c, std::string_view key);

// The attribute `name` as the merge gives it: the first block whose targetGroupAttributes
// hold it, and the item's node; nullopt when none does.
struct AttributeSpot {
  const PropsBlock* block;
  yaml::NodeId item;  // the {key, value} map
};
std::optional<AttributeSpot> findAttribute(const yaml::Tree& t, const PropsChain& c,
                                           std::string_view name);

}  // namespace zd::adapters::gateway
