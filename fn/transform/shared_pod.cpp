#include "transform/shared_pod.h"

#include <algorithm>
#include <optional>

#include "timing/model.h"
#include "transform/run_graph.h"

namespace zd::transform {

namespace {

// The lower of two maxUnavailable values where they compare without knowing the replicas: 0
// beats anything, and two counts or two percentages compare by value. Otherwise `a` stays.
timing::IntOrPercent lowerUnavailable(const timing::IntOrPercent& a,
                                      const timing::IntOrPercent& b) {
  if (a.isZero() || b.isZero()) return timing::IntOrPercent{0, false};
  if (a.percent == b.percent) return a.value <= b.value ? a : b;
  return a;
}

}  // namespace

krm::Config sharedPodConfig(const scope::Target& target, const krm::Config& config) {
  krm::Config out = config;
  if (out.presets.empty()) out.presets.push_back(out.knobs);
  const std::vector<size_t> lbs = presetsOf(target);
  timing::PodKnobs need = config.preset(lbs.front());
  std::optional<int64_t> pinned;
  for (size_t lb : lbs) {
    const timing::Knobs& k = config.preset(lb);
    need.preStopSeconds = std::max(need.preStopSeconds, timing::preStopTarget(k));
    need.shutdownSeconds = std::max(need.shutdownSeconds, k.shutdownSeconds);
    need.marginSeconds = std::max(need.marginSeconds, k.marginSeconds);
    need.longestRequestSeconds = std::max(need.longestRequestSeconds, k.longestRequestSeconds);
    need.minReadySeconds = std::max(need.minReadySeconds, k.minReadySeconds);
    need.progressDeadlineSeconds =
        std::max(need.progressDeadlineSeconds, k.progressDeadlineSeconds);
    need.maxUnavailable = lowerUnavailable(need.maxUnavailable, k.maxUnavailable);
    if (k.terminationGracePeriodSeconds)
      pinned = std::max(pinned.value_or(0), *k.terminationGracePeriodSeconds);
  }
  if (pinned) {
    pinned = std::max(*pinned, need.preStopSeconds + need.shutdownSeconds + need.marginSeconds);
  }
  for (size_t lb : lbs) {
    timing::Knobs& k = out.presets[lb];
    k.preStopSeconds = need.preStopSeconds;
    k.shutdownSeconds = need.shutdownSeconds;
    k.marginSeconds = need.marginSeconds;
    k.longestRequestSeconds = need.longestRequestSeconds;
    k.minReadySeconds = need.minReadySeconds;
    k.progressDeadlineSeconds = need.progressDeadlineSeconds;
    k.maxUnavailable = need.maxUnavailable;
    k.terminationGracePeriodSeconds = pinned;
  }
  out.knobs = out.presets.front();
  return out;
}

}  // namespace zd::transform
