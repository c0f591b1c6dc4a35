// The load-balancer half of the timing model, one per adapter (adapters/<name>/model.cpp): the
// pod-side model (the K rules) calls these hooks at fixed points and knows no load balancer. The
// list and which preset uses which are the adapter registry's (adapters/registry.cpp).
#pragma once

#include <string>
#include <vector>

#include "timing/model.h"

namespace zd::timing {

namespace detail {
class Sink;
}

// What the adapter asks of minReadySeconds (the pod side writes it): at least `seconds`, for
// `rule` (nullptr: nothing beyond the preset's value), `why` appended to the change's message.
struct MinReadyNeed {
  int64_t seconds = 0;
  const char* rule = nullptr;
  std::string why;
};

struct LbModel {
  // Fills the adapter's part of Effective from its part of Observed (defaults, derived values).
  void (*effective)(const Observed& o, Effective& e);
  // Its rules on the effective state.
  void (*check)(const Knobs& k, const Effective& e, detail::Sink& s);
  // Its plan stage, on the state with the pod side's changes applied.
  void (*plan)(const Knobs& k, const Effective& e, Plan& p);
  // Z11: drops its planned setting changes, naming each in `held`.
  void (*hold)(Plan& p, std::string& held);
  // Writes its planned changes into Observed, as the rewrite layer would into the manifests.
  void (*apply)(Observed& o, const Plan& p);
  // Whether the preset's targets are pod IPs a readiness gate can hold (Effective::gateTargets).
  bool (*gateTargets)(const Knobs& k, const Effective& e);
  // Behind a readiness gate: how long after its containers are Ready a new pod waits for the load
  // balancer (registration and passing health checks; K8).
  int64_t (*gateWait)(const Knobs& k, const Effective& e);
  // What minReadySeconds must cover (IP2, IN5, NL9, NL11).
  MinReadyNeed (*minReady)(const Knobs& k, const Effective& e);
};

// Every adapter's, in registry order; and the one serving `preset`.
const std::vector<const LbModel*>& lbModels();
const LbModel& lbModelOf(PresetId preset);

}  // namespace zd::timing
