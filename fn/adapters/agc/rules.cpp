// Application Gateway for Containers rules (AC*, docs/timing-model.md). AC1 lives with the
// termination rules (the preStop floor) and AC5 with minReadySeconds (the minReady hook).
#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

const char* sourceWords(AgcProbeSource s) {
  switch (s) {
    case AgcProbeSource::Policy:
      return "HealthCheckPolicy";
    case AgcProbeSource::Readiness:
      return "probe derived from the readiness probe";
    case AgcProbeSource::Default:
      return "default probe";
  }
  return "probe";
}

void checkPolicyRanges(const EffectiveAgc& g, Sink& s) {
  checkRange(s, "AC7", "probeIntervalSeconds", "HealthCheckPolicy interval",
             g.probeIntervalSeconds.value, agc::kProbeSeconds, " s");
  checkRange(s, "AC7", "probeTimeoutSeconds", "HealthCheckPolicy timeout",
             g.probeTimeoutSeconds.value, agc::kProbeSeconds, " s");
  checkRange(s, "AC7", "probeHealthyThreshold", "HealthCheckPolicy healthy threshold",
             g.probeHealthyThreshold.value, agc::kProbeThreshold, "");
  checkRange(s, "AC7", "probeUnhealthyThreshold", "HealthCheckPolicy unhealthy threshold",
             g.probeUnhealthyThreshold.value, agc::kProbeThreshold, "");
}

// AC2: AGC's probe notices a pod going bad and a new one coming up no later than the preset's.
void checkProbe(const Knobs& k, const EffectiveAgc& g, Sink& s) {
  const std::string what = std::string("AGC's ") + sourceWords(g.source);
  auto atMost = [&](const char* field, const char* name, const Sourced<int64_t>& v, int64_t knob,
                    const char* unit) {
    if (v.value > knob)
      s.add("AC2", kWarning, field,
            cat(what, ": ", name, " ", v.value, unit, " must be <= ", knob, unit));
  };
  atMost("probeIntervalSeconds", "interval", g.probeIntervalSeconds, k.agc.probeIntervalSeconds,
         " s");
  atMost("probeHealthyThreshold", "healthy threshold", g.probeHealthyThreshold,
         k.agc.probeHealthyThreshold, "");
  atMost("probeUnhealthyThreshold", "unhealthy threshold", g.probeUnhealthyThreshold,
         k.agc.probeUnhealthyThreshold, "");
  if (g.probeTimeoutSeconds.value >= g.probeIntervalSeconds.value)
    s.add("AC2", kWarning, "probeTimeoutSeconds",
          cat(what, ": timeout ", g.probeTimeoutSeconds.value, " s must be below the interval ",
              g.probeIntervalSeconds.value, " s"));
}

}  // namespace

void checkAgc(const Knobs& k, const Effective& e, Sink& s) {
  if (k.preset != PresetId::Agc) return;
  const EffectiveAgc& g = e.agc;
  if (g.source == AgcProbeSource::Policy) checkPolicyRanges(g, s);
  if (g.source == AgcProbeSource::Default) {
    s.add("AC6", kWarning, "probeSource",
          "no HealthCheckPolicy targets the Service and the serving container has no httpGet "
          "readiness probe, so AGC probes GET / on the backend port (every 5 s, 30 s timeout): "
          "give the container an httpGet readiness probe (config readinessProbePath) or write a "
          "HealthCheckPolicy with the path the app answers");
  } else {
    checkProbe(k, g, s);
  }
  const int64_t q = g.routeTimeoutSeconds.value;
  if (q < k.longestRequestSeconds)
    s.add(
        "AC3", kWarning, "routeTimeoutSeconds",
        cat("route timeout ", q, " s must be >= longest request ", k.longestRequestSeconds, " s"));
  if (!e.appClosesConnections)
    s.add("AC4", kWarning, "appClosesConnections",
          "the app must close its keep-alive connections after SIGTERM: AGC never closes an "
          "established connection to a pod it removed, so requests on one still open at exit "
          "fail; once it does, say so with the annotation zero-downtime.dev/closes-connections: "
          "\"true\"");
}

}  // namespace zd::timing::detail
