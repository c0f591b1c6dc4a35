// App Gateway rules (AG*, docs/timing-model.md). AG1, AG2 live with the termination rules and
// AG8 with the probe rules, since they read the pod spec.
#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

void checkAtLeastR(Sink& s, const char* id, const char* field, const char* what, int64_t v,
                   int64_t r) {
  if (v < r) {
    s.add(id, kWarning, field, cat(what, " ", v, " s must be >= longest request ", r, " s"));
  }
}

// AG3: the draining timeout only matters once draining is on.
void checkDraining(const Knobs& k, const EffectiveAgic& g, Sink& s) {
  if (k.agic.connectionDraining && !g.connectionDraining.value) {
    s.add("AG3", kWarning, "connectionDraining", "connection-draining must be \"true\"");
  }
  if (!g.connectionDraining.value) return;
  const int64_t c = g.drainingTimeoutSeconds.value;
  checkRange(s, "AG3", "drainingTimeoutSeconds", "draining timeout", c, agic::kDrainingTimeout,
             " s");
  checkAtLeastR(s, "AG3", "drainingTimeoutSeconds", "draining timeout", c, k.longestRequestSeconds);
}

void checkProbe(const EffectiveAgic& g, Sink& s) {
  const int64_t hi = g.probeIntervalSeconds.value;
  const int64_t ht = g.probeTimeoutSeconds.value;
  const int64_t ut = g.probeUnhealthyThreshold.value;
  checkRange(s, "AG5", "probeIntervalSeconds", "App Gateway probe interval", hi,
             agic::kProbeSeconds, " s");
  checkRange(s, "AG5", "probeTimeoutSeconds", "App Gateway probe timeout", ht, agic::kProbeSeconds,
             " s");
  checkRange(s, "AG5", "probeUnhealthyThreshold", "App Gateway probe unhealthy threshold", ut,
             agic::kProbeThreshold, "");
  const int64_t detect = agic::detection(hi, ht, ut);
  if (detect > agic::kProbeBudget) {
    s.add("AG6", kWarning, "probeIntervalSeconds",
          cat("App Gateway probe needs ", ut, " x ", hi, " s + ", ht, " s = ", detect,
              " s to mark a pod down; it must be <= ", agic::kProbeBudget, " s"));
  }
  if (ht > hi) {
    s.add("AG7", kInfo, "probeTimeoutSeconds",
          cat("App Gateway probe timeout ", ht, " s must be <= interval ", hi, " s"));
  }
}

}  // namespace

void checkAgic(const Knobs& k, const Effective& e, Sink& s) {
  if (k.preset != PresetId::Agic) return;
  checkDraining(k, e.agic, s);
  const int64_t q = e.agic.requestTimeoutSeconds.value;
  checkRange(s, "AG4", "requestTimeoutSeconds", "request timeout", q, agic::kRequestTimeout, " s");
  checkAtLeastR(s, "AG4", "requestTimeoutSeconds", "request timeout", q, k.longestRequestSeconds);
  checkProbe(e.agic, s);
}

}  // namespace zd::timing::detail
