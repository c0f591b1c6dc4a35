// GKE container-native load balancing rules (GK*, docs/timing-model.md). GK1 lives with the
// termination rules (the preStop floor) and GK6 with minReadySeconds (the minReady hook).
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

const char* holderWords(const EffectiveGke& g) {
  return g.viaGateway ? "HealthCheckPolicy" : "BackendConfig";
}

}  // namespace

int64_t drainingCap(const Knobs& k, const Effective& e) {
  return std::max(k.longestRequestSeconds,
                  e.terminationGracePeriodSeconds.value - k.lbPropagationSeconds);
}

namespace {

void checkRanges(const EffectiveGke& g, Sink& s) {
  auto range = [&](const char* field, const char* what, const Sourced<int64_t>& v, Range r,
                   const char* unit) {
    if (v.origin == Origin::Manifest) checkRange(s, "GK7", field, what, v.value, r, unit);
  };
  range("checkIntervalSec", "health-check checkIntervalSec", g.checkIntervalSec, gke::kCheckSeconds,
        " s");
  range("checkTimeoutSec", "health-check timeoutSec", g.checkTimeoutSec, gke::kCheckSeconds, " s");
  range("healthyThreshold", "health-check healthyThreshold", g.healthyThreshold, gke::kThreshold,
        "");
  range("unhealthyThreshold", "health-check unhealthyThreshold", g.unhealthyThreshold,
        gke::kThreshold, "");
  range("drainingTimeoutSec", "connectionDraining.drainingTimeoutSec", g.drainingTimeoutSec,
        gke::kDraining, " s");
  range("backendTimeoutSec", "timeoutSec", g.backendTimeoutSec, gke::kBackendTimeout, " s");
}

// GK2: the load balancer's health check notices a pod going bad and a new one coming up no
// later than the preset's.
void checkCadence(const Knobs& k, const EffectiveGke& g, Sink& s) {
  const std::string what = std::string("GKE's health check (") + holderWords(g) + ")";
  auto atMost = [&](const char* field, const char* name, const Sourced<int64_t>& v, int64_t knob,
                    const char* unit) {
    if (v.value > knob)
      s.add("GK2", kWarning, field,
            cat(what, ": ", name, " ", v.value, unit,
                v.origin == Origin::Default ? " (GKE's default)" : "", " must be <= ", knob, unit));
  };
  atMost("checkIntervalSec", "checkIntervalSec", g.checkIntervalSec, k.gke.checkIntervalSec, " s");
  atMost("healthyThreshold", "healthyThreshold", g.healthyThreshold, k.gke.healthyThreshold, "");
  atMost("unhealthyThreshold", "unhealthyThreshold", g.unhealthyThreshold, k.gke.unhealthyThreshold,
         "");
  if (g.checkTimeoutSec.value > g.checkIntervalSec.value)
    s.add(
        "GK2", kWarning, "checkTimeoutSec",
        cat(what, ": timeoutSec ", g.checkTimeoutSec.value, " s must not exceed checkIntervalSec ",
            g.checkIntervalSec.value, " s (Compute Engine refuses it)"));
}

// GK3: the health check asks what the readiness probe asks, with the backend's protocol.
void checkPath(const EffectiveGke& g, Sink& s) {
  const bool tlsBackend = g.appProtocol == "HTTPS" || g.appProtocol == "HTTP2";
  if (!g.viaGateway && g.readinessHttp && g.readinessTls != tlsBackend)
    s.add("GK3", kWarning, "appProtocol",
          g.readinessTls
              ? cat("the pods answer HTTPS but the Service gives the port no HTTPS or HTTP2 "
                    "protocol (annotation cloud.google.com/app-protocols), so GKE's load balancer "
                    "sends them plain HTTP: name the port and set {\"<port name>\": \"HTTPS\"}")
              : cat("the Service's annotation cloud.google.com/app-protocols gives the port ",
                    g.appProtocol, " but the readiness probe asks HTTP"));
  if (!g.requestPath.empty()) return;
  if (!g.type.empty() && g.type != "HTTP" && g.type != "HTTPS" && g.type != "HTTP2") return;
  if (g.readinessHttp && !pathCanFollowProbe(g)) {
    s.add("GK3", kWarning, "requestPath",
          !g.sharedWith.empty()
              ? cat("the ", holderWords(g),
                    " names no health-check requestPath and is shared with ", g.sharedWith,
                    ", whose probes may ask other paths: write the path every one "
                    "of them answers")
              : cat("the ", holderWords(g), " names no health-check requestPath and checks ",
                    g.port.empty() || g.port == "serving" ? "the serving port" : "port " + g.port,
                    g.type.empty() ? std::string() : " with " + g.type,
                    ", not what the readiness probe asks (", g.readinessPath, " on port ",
                    g.readinessPort, g.readinessTls ? " with HTTPS" : "",
                    "): write the path that server answers"));
    return;
  }
  if (!g.readinessHttp) {
    s.add("GK3", kWarning, "requestPath",
          cat("the ", holderWords(g),
              " names no health-check requestPath and the serving container has no httpGet "
              "readiness probe, so GKE's load balancer checks GET / on the serving port: give the "
              "container an httpGet readiness probe or write the path the app answers"));
    return;
  }
  s.add("GK3", kWarning, "requestPath",
        g.viaGateway
            ? cat("no HealthCheckPolicy names a requestPath: GKE Gateway never reads the readiness "
                  "probe (",
                  g.readinessPath, ") and checks /; write it out")
            : cat("the BackendConfig names no health-check requestPath: GKE copies the readiness "
                  "probe's path (",
                  g.readinessPath,
                  ") only when the pods exist as the load "
                  "balancer is made, else it checks /; write it out"));
}

void checkTimeouts(const Knobs& k, const Effective& e, Sink& s) {
  const EffectiveGke& g = e.gke;
  const int64_t c = g.drainingTimeoutSec.value, r = k.longestRequestSeconds,
                cap = drainingCap(k, e);
  if (c < r)
    s.add("GK4", kWarning, "drainingTimeoutSec",
          c == 0 && g.drainingTimeoutSec.origin == Origin::Default
              ? cat("connection draining is not set (0 s): requests in flight when a pod leaves "
                    "its NEG are cut; drainingTimeoutSec must be >= longest request ",
                    r, " s")
              : cat("connection draining timeout ", c, " s must be >= longest request ", r, " s"));
  else if (c > cap)
    s.add("GK4", kWarning, "drainingTimeoutSec",
          cat("connection draining timeout ", c, " s must be <= grace period ",
              e.terminationGracePeriodSeconds.value, " s - LB propagation ", k.lbPropagationSeconds,
              " s = ", cap, " s: the load balancer would drain a pod already killed"));
  if (g.backendTimeoutSec.value < r)
    s.add("GK5", kWarning, "backendTimeoutSec",
          cat("backend timeout ", g.backendTimeoutSec.value, " s must be >= longest request ", r,
              " s"));
}

}  // namespace

void checkGke(const Knobs& k, const Effective& e, Sink& s) {
  if (k.preset != PresetId::GkeNeg) return;
  const EffectiveGke& g = e.gke;
  if (!g.viaGateway && g.negIngress == std::optional<bool>(false))
    s.add(
        "GK8", kWarning, "neg",
        "the Service's cloud.google.com/neg annotation turns NEGs off for Ingress, so GKE sends "
        "to nodes (instance groups), which preset gke-neg does not model: set {\"ingress\": true}");
  if (!g.viaGateway && !g.negIngress && !k.gke.negByDefault)
    s.add("GK8", kWarning, "neg",
          "the Service has no cloud.google.com/neg annotation, and GKE gives NEGs by default only "
          "on some clusters (config negByDefault: false): cloud.google.com/neg must be "
          "{\"ingress\": true}");
  if (!g.viaGateway && g.negIngress == std::optional<bool>(false)) return;
  if (!g.unchecked.empty())
    s.add("GK9", kWarning, "backendConfig",
          cat("the Ingress also sends to ", g.unchecked,
              " of the Service, whose BackendConfig the function does not check: it follows one "
              "port per Service and Ingress"));
  if (!g.writable) {
    s.add("GK9", kWarning, "backendConfig",
          cat(g.missing,
              ": the health check, draining and timeout of the Ingress's backend "
              "cannot be checked or written"));
    return;
  }
  checkRanges(g, s);
  checkCadence(k, g, s);
  checkPath(g, s);
  checkTimeouts(k, e, s);
}

}  // namespace zd::timing::detail
