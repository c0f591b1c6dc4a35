// The NLB adapter's model hooks: defaults, the plan applied to Observed, what Z11 holds back,
// and what a readiness gate and minReadySeconds must wait for.
#include <algorithm>

#include "adapters/nlb/model_hooks.h"
#include "timing/model_detail.h"

namespace zd::timing {
namespace {

using detail::pick;

// The controller's health-check defaults (pkg/service/model_builder.go): 10 / 10 / 3 / 3, and
// 10 / 6 / 2 / 2 for instance targets behind externalTrafficPolicy Local (its HTTP check of the
// node's healthCheckNodePort); AWS's defaults for the attributes.
void healthCheckOf(const ObservedNlb& n, bool localInstance, EffectiveNlb& e) {
  // Through a route the controller's Gateway API defaults apply: 15 / 5 / 3 / 3
  // (pkg/gateway/model/model_build_target_group.go), Local's the same as for a Service.
  const int64_t interval = localInstance ? 10 : n.viaGateway ? 15 : 10;
  const int64_t timeout = localInstance ? 6 : n.viaGateway ? 5 : 10;
  e.healthCheckIntervalSeconds = pick<int64_t>(n.healthCheckIntervalSeconds, interval);
  e.healthCheckTimeoutSeconds = pick<int64_t>(n.healthCheckTimeoutSeconds, timeout);
  e.healthyThresholdCount = pick<int64_t>(n.healthyThresholdCount, localInstance ? 2 : 3);
  e.unhealthyThresholdCount = pick<int64_t>(n.unhealthyThresholdCount, localInstance ? 2 : 3);
}

// Each target group's settings: a per-port annotation's items over the Service-wide ones, key by
// key. The Service-wide entry (port "") is listed when a port takes its delay (or the Service
// has no port read); a per-port one when it sets an item of its own.
std::vector<EffectiveNlbDelay> delaysOf(const ObservedNlb& n) {
  auto byPort = [&](const std::string& port) -> const ObservedNlbDelay* {
    auto d = std::find_if(n.delays.begin(), n.delays.end(),
                          [&](const ObservedNlbDelay& x) { return x.port == port; });
    return d == n.delays.end() ? nullptr : &*d;
  };
  const ObservedNlbDelay* found = byPort("");
  const ObservedNlbDelay base = found ? *found : ObservedNlbDelay{};
  bool baseUsed = n.ports.empty();
  for (const std::string& port : n.ports) {
    const ObservedNlbDelay* own = byPort(port);
    if (!own || !own->deregistrationDelaySeconds) baseUsed = true;
  }
  auto udp = [&](const std::string& port) {
    return std::find(n.udpPorts.begin(), n.udpPorts.end(), port) != n.udpPorts.end();
  };
  // AWS's default for connection termination: on for a UDP or TCP_UDP target group; the
  // Service-wide delay's target groups include such one when a UDP port takes it.
  bool baseUdp = false;
  for (const std::string& port : n.ports) {
    const ObservedNlbDelay* own = byPort(port);
    if (udp(port) && (!own || !own->connectionTermination)) baseUdp = true;
  }
  std::vector<EffectiveNlbDelay> out;
  auto add = [&](const ObservedNlbDelay& d, bool own) {
    auto merged = [&](auto field) { return d.*field ? d.*field : base.*field; };
    EffectiveNlbDelay e;
    e.port = d.port;
    e.ownDelay = own;
    e.deregistrationDelaySeconds =
        pick<int64_t>(merged(&ObservedNlbDelay::deregistrationDelaySeconds), 300);
    const bool udpDefault = d.port.empty() ? baseUdp : udp(d.port);
    e.connectionTermination =
        pick<bool>(merged(&ObservedNlbDelay::connectionTermination), udpDefault);
    e.unhealthyTermination = pick<bool>(merged(&ObservedNlbDelay::unhealthyTermination), true);
    e.unhealthyDrainingSeconds =
        pick<int64_t>(merged(&ObservedNlbDelay::unhealthyDrainingSeconds), 0);
    out.push_back(e);
  };
  if (baseUsed) add(base, true);
  for (const ObservedNlbDelay& d : n.delays) {
    if (d.port.empty()) continue;
    const bool own = d.deregistrationDelaySeconds || d.connectionTermination ||
                     d.unhealthyTermination || d.unhealthyDrainingSeconds;
    if (own) add(d, d.deregistrationDelaySeconds.has_value());
  }
  return out;
}

void effectiveNlb(const Observed& o, Effective& e) {
  const ObservedNlb& n = o.nlb;
  EffectiveNlb& out = e.nlb;
  out.targetType = pick<std::string>(n.targetType, "instance");
  out.localTrafficPolicy = n.localTrafficPolicy;
  out.viaGateway = n.viaGateway;
  healthCheckOf(n, out.targetType.value == "instance" && n.localTrafficPolicy, out);
  out.delays = delaysOf(n);
}

void checkNlb(const Knobs& k, const Effective& e, detail::Sink& s) { detail::checkNlb(k, e, s); }

void planNlb(const Knobs& k, const Effective& e, Plan& p) { detail::planNlb(k, e, p); }

void holdNlb(Plan& p, std::string& held) {
  using detail::hold;
  hold(p.nlb.targetType, "target type", held);
  hold(p.nlb.healthCheckIntervalSeconds, "health-check interval", held);
  hold(p.nlb.healthCheckTimeoutSeconds, "health-check timeout", held);
  hold(p.nlb.healthyThresholdCount, "healthy threshold", held);
  hold(p.nlb.unhealthyThresholdCount, "unhealthy threshold", held);
  auto holdAll = [&](auto& byPort, const char* name) {
    if (byPort.empty()) return;
    held += (held.empty() ? "" : ", ") + std::string(name);
    byPort.clear();
  };
  holdAll(p.nlb.deregistrationDelaySeconds, "deregistration delay");
  holdAll(p.nlb.unhealthyTermination, "unhealthy connection termination");
  holdAll(p.nlb.unhealthyDrainingSeconds, "unhealthy draining interval");
}

void applyNlb(Observed& o, const Plan& p) {
  using detail::put;
  put(o.nlb.targetType, p.nlb.targetType);
  put(o.nlb.healthCheckIntervalSeconds, p.nlb.healthCheckIntervalSeconds);
  put(o.nlb.healthCheckTimeoutSeconds, p.nlb.healthCheckTimeoutSeconds);
  put(o.nlb.healthyThresholdCount, p.nlb.healthyThresholdCount);
  put(o.nlb.unhealthyThresholdCount, p.nlb.unhealthyThresholdCount);
  auto delayOf = [&](const std::string& port) -> ObservedNlbDelay& {
    auto d = std::find_if(o.nlb.delays.begin(), o.nlb.delays.end(),
                          [&](const ObservedNlbDelay& x) { return x.port == port; });
    if (d != o.nlb.delays.end()) return *d;
    ObservedNlbDelay fresh;
    fresh.port = port;
    return *o.nlb.delays.insert(o.nlb.delays.end(), fresh);
  };
  for (const auto& [port, c] : p.nlb.deregistrationDelaySeconds)
    delayOf(port).deregistrationDelaySeconds = c.value;
  for (const auto& [port, c] : p.nlb.unhealthyTermination)
    delayOf(port).unhealthyTermination = c.value;
  for (const auto& [port, c] : p.nlb.unhealthyDrainingSeconds)
    delayOf(port).unhealthyDrainingSeconds = c.value;
}

bool gateTargetsNlb(const Knobs& k, const Effective& e) {
  return detail::isNlb(k.preset) && e.nlb.targetType.value == "ip";
}

int64_t gateWaitNlb(const Knobs& k, const Effective& e) { return detail::nlbHealthyAfter(k, e); }

MinReadyNeed minReadyNlb(const Knobs& k, const Effective& e) {
  if (k.preset == PresetId::NlbIp) {
    if (gateOn(e) || blueGreen(e) || !e.gateTargets) return {};
    return {detail::nlbHealthyAfter(k, e) + k.marginSeconds, "NL9",
            " (no readiness gate: registration + healthy threshold x interval + timeout + margin)"};
  }
  if (!e.nlb.localTrafficPolicy) return {k.minReadySeconds, "NL11", ""};
  return {detail::nlbChecksPass(e.nlb) + k.marginSeconds, "NL11",
          " (externalTrafficPolicy Local: the new pod's node must pass the NLB's health check "
          "first: healthy threshold x interval + timeout + margin)"};
}

}  // namespace

const LbModel& nlbModel() {
  static const LbModel m{effectiveNlb, checkNlb,       planNlb,     holdNlb,
                         applyNlb,     gateTargetsNlb, gateWaitNlb, minReadyNlb};
  return m;
}

}  // namespace zd::timing
