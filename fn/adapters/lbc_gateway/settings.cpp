#include "adapters/lbc_gateway/settings.h"

#include <algorithm>

#include "adapters/lbc_gateway/fields.h"
#include "adapters/lbc_gateway/props_chain.h"
#include "adapters/new_object.h"
#include "krm/absent.h"
#include "rewrite/editor.h"
#include "yaml/scalar_format.h"

namespace zd::adapters::gateway {

using rewrite::Reader;
using yaml::NodeId;

namespace {

// One target-group attribute, and where the merge took it from (errors name that place).
struct Attribute {
  std::string key, value;
  size_t object;
  std::string path;  // "...targetGroupAttributes[1].value"
};

// The target-group settings both load balancers read, as the merge gives them.
struct Props {
  std::optional<std::string> targetType;
  std::optional<int64_t> interval, timeout, healthy, unhealthy;
  std::vector<Attribute> attributes;  // merged, key by key
};

// A scalar YAML and the API server read as a string: quoted, tagged, or plain text that reads
// as no number, boolean or null (`lb_cookie` is one, `30` and `true` are not).
bool readsAsString(const yaml::Tree& t, NodeId v) {
  if (!t.isScalar(v)) return false;
  const yaml::Node& n = t.node(v);
  return n.tagged || n.style != yaml::Style::Plain ||
         yaml::stringStyle(t.str(v)) == yaml::Style::Plain;
}

// Reads the blocks' fields, each error named at the object and path it is in.
class PropsReader {
 public:
  PropsReader(const yaml::Tree& t, const scope::ObjectIndex& idx, std::vector<krm::Result>& errors)
      : t_(t), idx_(idx), errors_(errors) {}

  Props read(const PropsChain& c) {
    Props p;
    for (const PropsBlock& b : c.blocks) shapes(b);
    if (const PropsBlock* b = firstWith(t_, c, "targetType"))
      p.targetType = std::string(t_.str(t_.get(b->props, "targetType")));
    if (const PropsBlock* b = firstWith(t_, c, kHealthCheck)) healthCheck(*b, p);
    for (size_t i = c.blocks.size(); i-- > 0;) attributes(c.blocks[i], p);
    return p;
  }

 private:
  Reader reader(const PropsBlock& b) { return Reader(t_, idx_.objects[b.object].node, errors_); }

  void shapes(const PropsBlock& b) {
    Reader rd = reader(b);
    if (!rd.shape(b.props, yaml::Kind::Map, b.path)) return;
    rd.shape(krm::field(t_, b.props, kHealthCheck), yaml::Kind::Map, b.path + "." + kHealthCheck);
    NodeId list = krm::field(t_, b.props, kAttributes);
    if (!rd.shape(list, yaml::Kind::Seq, b.path + "." + kAttributes)) return;
    for (uint32_t i = 0; t_.isSeq(list) && i < t_.size(list); ++i) {
      const std::string at = b.path + "." + kAttributes + "[" + std::to_string(i) + "]";
      NodeId item = t_.kid(list, i);
      if (!rd.shape(item, yaml::Kind::Map, at)) continue;
      if (!readsAsString(t_, t_.get(item, "key")) || !readsAsString(t_, t_.get(item, "value")))
        rd.error(at,
                 "must have a string key and a string value (the CRD's types), as "
                 "{key: deregistration_delay.timeout_seconds, value: \"30\"}");
    }
  }

  void healthCheck(const PropsBlock& b, Props& p) {
    Reader rd = reader(b);
    NodeId hc = t_.get(b.props, kHealthCheck);
    auto count = [&](const char* key) {
      return rd.count(krm::field(t_, hc, key), b.path + "." + kHealthCheck + "." + key);
    };
    p.interval = count("healthCheckInterval");
    p.timeout = count("healthCheckTimeout");
    p.healthy = count("healthyThresholdCount");
    p.unhealthy = count("unhealthyThresholdCount");
  }

  // Called from the lowest block up: a higher block's key replaces a lower one's.
  void attributes(const PropsBlock& b, Props& p) {
    NodeId list = krm::field(t_, b.props, kAttributes);
    for (uint32_t i = 0; t_.isSeq(list) && i < t_.size(list); ++i) {
      NodeId item = t_.kid(list, i);
      Attribute a{std::string(t_.str(t_.get(item, "key"))),
                  std::string(t_.str(t_.get(item, "value"))), b.object,
                  b.path + "." + kAttributes + "[" + std::to_string(i) + "].value"};
      auto same = std::find_if(p.attributes.begin(), p.attributes.end(),
                               [&](const Attribute& x) { return x.key == a.key; });
      if (same != p.attributes.end()) {
        *same = std::move(a);
      } else {
        p.attributes.push_back(std::move(a));
      }
    }
  }

  const yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  std::vector<krm::Result>& errors_;
};

const Attribute* attribute(const Props& p, std::string_view key) {
  for (const Attribute& a : p.attributes) {
    if (a.key == key) return &a;
  }
  return nullptr;
}

Props observeProps(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                   Reader& frontDoor, PropsChain& chain) {
  chain = propsChain(t, idx, b.frontDoor, b.service);
  return PropsReader(t, idx, frontDoor.errors()).read(chain);
}

// An attribute's number as AWS parses it, an error named where the merge took it from.
std::optional<int64_t> attributeCount(const yaml::Tree& t, const scope::ObjectIndex& idx,
                                      const Props& p, std::string_view key, Reader& rd) {
  const Attribute* a = attribute(p, key);
  if (!a) return std::nullopt;
  Reader at(t, idx.objects[a->object].node, rd.errors());
  return at.countText(a->value, a->path, rewrite::kAwsAttribute);
}

void observeAlb(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                Reader& frontDoor, Reader&, timing::Observed& o) {
  PropsChain chain;
  Props p = observeProps(t, idx, b, frontDoor, chain);
  timing::ObservedAlb& a = o.alb;
  a.viaGateway = true;
  a.targetType = p.targetType;
  a.healthCheckIntervalSeconds = p.interval;
  a.healthCheckTimeoutSeconds = p.timeout;
  a.healthyThresholdCount = p.healthy;
  a.unhealthyThresholdCount = p.unhealthy;
  a.deregistrationDelaySeconds =
      attributeCount(t, idx, p, spot("deregistrationDelaySeconds").item, frontDoor);
  a.slowStartSeconds = attributeCount(t, idx, p, spot("slowStartSeconds").item, frontDoor);
  if (const Attribute* v = attribute(p, spot("loadBalancingAlgorithm").item))
    a.loadBalancingAlgorithm = v->value;
}

std::optional<bool> flag(const Props& p, std::string_view key) {
  const Attribute* v = attribute(p, key);
  if (!v || (v->value != "true" && v->value != "false")) return std::nullopt;
  return v->value == "true";
}

void observeNlb(const yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
                Reader& frontDoor, Reader&, timing::Observed& o) {
  PropsChain chain;
  Props p = observeProps(t, idx, b, frontDoor, chain);
  timing::ObservedNlb& n = o.nlb;
  n.viaGateway = true;
  n.targetType = p.targetType;
  n.healthCheckIntervalSeconds = p.interval;
  n.healthCheckTimeoutSeconds = p.timeout;
  n.healthyThresholdCount = p.healthy;
  n.unhealthyThresholdCount = p.unhealthy;
  timing::ObservedNlbDelay d;
  d.deregistrationDelaySeconds =
      attributeCount(t, idx, p, spot("deregistrationDelaySeconds").item, frontDoor);
  d.connectionTermination = flag(p, spot("connectionTermination").item);
  d.unhealthyTermination = flag(p, spot("unhealthyTermination").item);
  d.unhealthyDrainingSeconds =
      attributeCount(t, idx, p, spot("unhealthyDrainingSeconds").item, frontDoor);
  n.delays.push_back(d);
  // The controller makes a route's target group of the route's protocol: UDP for a UDPRoute,
  // whatever else the Service serves.
  NodeId svc = idx.objects[b.service].node;
  NodeId ports = t.at(svc, {"spec", "ports"});
  const bool udp = t.str(t.get(idx.objects[b.frontDoor].node, "kind")) == "UDPRoute";
  for (uint32_t i = 0; t.isSeq(ports) && i < t.size(ports); ++i) {
    n.ports.push_back(std::string(t.str(t.get(t.kid(ports, i), "port"))));
    if (udp) n.udpPorts.push_back(n.ports.back());
  }
  n.localTrafficPolicy = t.str(t.at(svc, {"spec", "externalTrafficPolicy"})) == "Local";
}

// Writes the plan into the Service's own TargetGroupConfiguration (created empty by the
// transform when the input has none), where the controller reads it first.
class PropsWriter {
 public:
  PropsWriter(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
              std::vector<krm::Result>& results)
      : t_(t),
        idx_(idx),
        route_(b.frontDoor),
        chain_(propsChain(t, idx, b.frontDoor, b.service)),
        results_(results) {}

  bool ready() const { return chain_.own.has_value(); }

  void targetType(const timing::Change<std::string>& c, krm::Severity severity) {
    NodeId props = ownProps("targetType", firstWith(t_, chain_, "targetType"));
    editor().set(props, "targetType", c.value, true, path_ + ".targetType", c.message, severity);
  }

  // One healthCheckConfig key. An own block without healthCheckConfig would, once given one,
  // hide the whole block of a lower one: it starts as a copy of the block that applied.
  void healthCheck(std::string_view field, const timing::Change<int64_t>& c) {
    // The block that applies, taken before ownProps may add a block to the chain.
    const PropsBlock* applies = firstWith(t_, chain_, kHealthCheck);
    const std::optional<PropsBlock> from =
        applies ? std::optional<PropsBlock>(*applies) : std::nullopt;
    NodeId props = ownProps(kHealthCheck, applies);
    if (krm::field(t_, props, kHealthCheck) == yaml::kNone) {
      t_.set(props, kHealthCheck,
             from ? t_.copyOf(t_, t_.get(from->props, kHealthCheck))
                  : t_.addContainer(yaml::Kind::Map));
      if (from) copiedFrom(*from);
    }
    NodeId hc = t_.ensureMap(props, kHealthCheck);
    const std::string key(healthCheckKey(field));
    editor().set(hc, key, std::to_string(c.value), false, path_ + "." + kHealthCheck + "." + key,
                 c.message);
  }

  // One attribute, in the own block whose list holds it, else the default's list.
  void attribute(std::string_view name, const std::string& value, const std::string& why) {
    auto found = findAttribute(t_, chain_, name);
    const bool own = found && isOwn(*found->block);
    const PropsBlock& block = own                                                  ? *found->block
                              : found && routeSpecific(*found->block) && canName() ? ownRouteEntry()
                                                                                   : defaultBlock();
    NodeId props = ensureProps(block);
    NodeId list = t_.ensureSeq(props, kAttributes);
    const std::string base = block.path + "." + kAttributes;
    for (uint32_t i = 0; i < t_.size(list); ++i) {
      NodeId item = t_.kid(list, i);
      if (t_.str(t_.get(item, "key")) != name) continue;
      editor().set(item, "value", value, true, base + "[" + std::to_string(i) + "].value", why);
      return;
    }
    NodeId item = t_.addContainer(yaml::Kind::Map);
    t_.set(item, "key", t_.addScalar(name, yaml::stringStyle(std::string(name))));
    const uint32_t at = t_.size(list);
    t_.push(list, item);
    editor().set(item, "value", value, true, base + "[" + std::to_string(at) + "].value", why);
  }

 private:
  // Says where a copied healthCheckConfig came from: the controller takes the block whole, so a
  // key set alone would drop the others.
  void copiedFrom(const PropsBlock& from) {
    const scope::ObjectInfo& o = idx_.objects[from.object];
    editor().record(path_ + "." + kHealthCheck, std::nullopt, std::nullopt,
                    std::string("copied from ") + from.path + "." + kHealthCheck +
                        " of TargetGroupConfiguration " +
                        (o.ns.empty() ? "" : std::string(o.ns) + "/") + std::string(o.name) +
                        ", which applied until now: the controller takes the block whole, so the "
                        "keys set here would otherwise drop the others");
  }

  rewrite::Editor editor() { return rewrite::Editor(t_, idx_.objects[*chain_.own].node, results_); }

  NodeId ensureProps(const PropsBlock& block) {
    path_ = block.path;
    if (block.props != yaml::kNone && t_.isMap(block.props)) return block.props;
    NodeId spec = t_.ensureMap(idx_.objects[*chain_.own].node, "spec");
    NodeId props = t_.ensureMap(spec, kDefaultConfiguration);
    chain_.blocks[chain_.ownBlocks - 1].props = props;
    return props;
  }

  // The own block for top-level field `key`: the route's own entry when it sets the key; an own
  // entry for this route alone when the value that applies (`applies`) is a route's entry of a
  // lower TargetGroupConfiguration, so the Service's other routes keep theirs; else the
  // defaultConfiguration.
  NodeId ownProps(std::string_view key, const PropsBlock* applies) {
    if (applies && !isOwn(*applies) && routeSpecific(*applies) && canName())
      return ensureProps(ownRouteEntry());
    return ensureProps(ownBlockFor(t_, chain_, key));
  }

  bool isOwn(const PropsBlock& b) const {
    return &b >= chain_.blocks.data() && &b < chain_.blocks.data() + chain_.ownBlocks;
  }
  static bool routeSpecific(const PropsBlock& b) { return b.match > 0; }
  // An entry for this route alone needs its namespace: a route without one lands where it is
  // applied, which no entry can name.
  bool canName() const { return !idx_.objects[route_].ns.empty(); }
  const PropsBlock& defaultBlock() const { return chain_.blocks[chain_.ownBlocks - 1]; }

  // The own TargetGroupConfiguration's entry for this route alone (routeIdentifier kind,
  // namespace and name), added when it has none. The controller merges only the closest entry,
  // so a new one starts as a copy of a looser own entry that applied (kind, or kind and
  // namespace), which it replaces for this route.
  const PropsBlock& ownRouteEntry() {
    if (chain_.ownBlocks == 2 && chain_.blocks.front().match == 3) return chain_.blocks.front();
    const scope::ObjectInfo& r = idx_.objects[route_];
    NodeId own = idx_.objects[*chain_.own].node;
    NodeId list = t_.ensureSeq(t_.ensureMap(own, "spec"), "routeConfigurations");
    NodeId entry = t_.addContainer(yaml::Kind::Map);
    NodeId id = t_.ensureMap(entry, "routeIdentifier");
    const std::string kind(t_.str(t_.get(r.node, "kind")));
    t_.set(id, "kind", textNode(t_, kind));
    t_.set(id, "namespace", textNode(t_, r.ns));
    t_.set(id, "name", textNode(t_, r.name));
    const bool looser = chain_.ownBlocks == 2;
    NodeId from = looser ? chain_.blocks.front().props : yaml::kNone;
    t_.set(entry, "targetGroupProps",
           t_.isMap(from) ? t_.copyOf(t_, from) : t_.addContainer(yaml::Kind::Map));
    NodeId props = t_.get(entry, "targetGroupProps");
    const std::string path = "spec.routeConfigurations[" + std::to_string(t_.size(list)) + "]";
    t_.push(list, entry);
    editor().record(path, std::nullopt, krm::ShownValue{"added", true},
                    "an entry for " + kind + " " + std::string(r.ns) + "/" + std::string(r.name) +
                        (looser ? ", starting as a copy of " + chain_.blocks.front().path : "") +
                        ": the value that applies comes from a route's entry of the "
                        "Gateway-level default, so the Service's other routes keep theirs");
    const PropsBlock mine{*chain_.own, props, path + ".targetGroupProps", 3};
    if (looser) {
      chain_.blocks.front() = mine;
    } else {
      chain_.blocks.insert(chain_.blocks.begin(), mine);
      chain_.ownBlocks = 2;
    }
    return chain_.blocks.front();
  }

  yaml::Tree& t_;
  const scope::ObjectIndex& idx_;
  size_t route_;
  PropsChain chain_;
  std::vector<krm::Result>& results_;
  std::string path_;
};

template <typename Plan>
void applyCommon(PropsWriter& w, const Plan& p) {
  if (p.targetType) w.targetType(*p.targetType, resultSeverity(p.targetType->severity));
  auto count = [&](std::string_view field, const std::optional<timing::Change<int64_t>>& c) {
    if (c) w.healthCheck(field, *c);
  };
  count("healthCheckIntervalSeconds", p.healthCheckIntervalSeconds);
  count("healthCheckTimeoutSeconds", p.healthCheckTimeoutSeconds);
  count("healthyThresholdCount", p.healthyThresholdCount);
  count("unhealthyThresholdCount", p.unhealthyThresholdCount);
}

void applyAlb(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
              const timing::Plan& p, std::vector<krm::Result>& results, rewrite::SharedEdits&) {
  PropsWriter w(t, idx, b, results);
  if (!w.ready()) return;
  applyCommon(w, p.alb);
  if (const auto& d = p.alb.deregistrationDelaySeconds)
    w.attribute(spot("deregistrationDelaySeconds").item, std::to_string(d->value), d->message);
}

void applyNlb(yaml::Tree& t, const scope::ObjectIndex& idx, const scope::Binding& b,
              const timing::Plan& p, std::vector<krm::Result>& results, rewrite::SharedEdits&) {
  PropsWriter w(t, idx, b, results);
  if (!w.ready()) return;
  applyCommon(w, p.nlb);
  // A route's target group has no per-port copies: only the "" entries apply.
  for (const auto& [port, c] : p.nlb.deregistrationDelaySeconds)
    w.attribute(spot("deregistrationDelaySeconds").item, std::to_string(c.value), c.message);
  for (const auto& [port, c] : p.nlb.unhealthyTermination)
    w.attribute(spot("unhealthyTermination").item, c.value ? "true" : "false", c.message);
  for (const auto& [port, c] : p.nlb.unhealthyDrainingSeconds)
    w.attribute(spot("unhealthyDrainingSeconds").item, std::to_string(c.value), c.message);
}

// apiVersion, kind, metadata (the Service's namespace), spec.targetReference: the controller
// matches it to the Service by name in its namespace (LookUpTargetGroupConfiguration).
constexpr const char* kCreatedWhy =
    "no TargetGroupConfiguration of the input targets it, so the controller would give its "
    "target groups its defaults";

std::vector<Made> create(yaml::Tree& t, scope::ObjectIndex& idx, const scope::Binding& b,
                         const timing::Knobs& k) {
  if (idx.gateway.targetGroupConfigOf.count(b.service)) return {};
  const std::string ns(idx.objects[b.service].ns), svc(idx.objects[b.service].name);
  const std::string name = freeName(idx.gateway.targetGroupConfigsByName, ns, svc);
  NodeId obj = newObject(t, k.lbc.targetGroupConfigurationApiVersion, kKind, name, ns);
  t.set(t.ensureMap(t.ensureMap(obj, "spec"), "targetReference"), "name", textNode(t, svc));
  const size_t at = indexNew(idx, scope::ObjectKind::TargetGroupConfiguration, obj, ns, name);
  idx.gateway.targetGroupConfigsByName.emplace(scope::nsKey(ns, name), at);
  idx.gateway.targetGroupConfigOf.emplace(b.service, at);
  return {{at, kCreatedWhy}};
}

std::optional<size_t> policyHolder(const yaml::Tree&, const scope::ObjectIndex& idx,
                                   const scope::Binding& b, const FieldSpot&) {
  auto it = idx.gateway.targetGroupConfigOf.find(b.service);
  if (it == idx.gateway.targetGroupConfigOf.end()) return std::nullopt;
  return it->second;
}

}  // namespace

const LbSettings& albSettings() {
  static const LbSettings s{fields, observeAlb, applyAlb, create, policyHolder};
  return s;
}

const LbSettings& nlbSettings() {
  static const LbSettings s{fields, observeNlb, applyNlb, create, policyHolder};
  return s;
}

}  // namespace zd::adapters::gateway
