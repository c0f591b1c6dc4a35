// What a workload behind load balancers of several presets must satisfy on the pod side: every
// preset's own knobs, with the pod-side needs of all of them, so that each preset's plan aims at
// the same pod and the outcome does not depend on which preset runs first.
#pragma once

#include "krm/config.h"
#include "scope/graph.h"

namespace zd::transform {

// `config` with the pod side of every preset reaching `target` made the stricter of theirs: the
// longest preStop each asks for (its preStop, floor, and propagation + margin), the longest
// shutdown allowance, margin and longest request, the longest minReadySeconds and progress
// deadline, the lowest maxUnavailable, and a pinned grace period raised to fit. Values no rule
// orders (maxSurge, the readiness probe's timings) stay each preset's own.
krm::Config sharedPodConfig(const scope::Target& target, const krm::Config& config);

}  // namespace zd::transform
