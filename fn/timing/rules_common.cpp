// Rules of every preset (K*, docs/timing-model.md) and the workload rules of this tool (Z1-Z5).
#include <algorithm>

#include "timing/model_detail.h"

namespace zd::timing::detail {
namespace {

// K1, K4, the preset floor (IP3 / IN2 / AG1) and AG2 for one container with a plain sleep.
void checkSleep(const Knobs& k, const Effective& e, const EffectiveContainer& c, Sink& s) {
  const FieldRef f = containerField(c.name, "preStopSeconds");
  const std::string who = containerLabel(c.name);
  if (c.preStop == PreStopKind::None) {
    // P = 0 also breaks K4 and the floor; one message says it all.
    s.add("K1", kError, f, cat(who, " has no preStop hook; it must sleep > 0 s before SIGTERM"));
    return;
  }
  const int64_t p = c.preStopSeconds->value;
  const int64_t g = e.terminationGracePeriodSeconds.value;
  // An explicit native `sleep: {seconds: 0}` is valid where AllowZero is on (KEP-4818, 1.33+);
  // an API server without it rejects the manifest by itself.
  const bool zeroAllowed = c.preStop == PreStopKind::NativeSleep;
  if (p < 0 || (p == 0 && !zeroAllowed)) {
    s.add("K1", kError, f, cat(who, ": preStop sleep ", p, " s must be > 0 s"));
  }
  if (p > g) {
    s.add("K1", kError, f, cat(who, ": preStop sleep ", p, " s must be <= grace period ", g, " s"));
  }
  const int64_t lag = k.lbPropagationSeconds + k.marginSeconds;
  if (p < lag) {
    s.add("K4", kWarning, f,
          cat(who, ": preStop sleep ", p, " s must be >= LB propagation ", k.lbPropagationSeconds,
              " s + margin ", k.marginSeconds, " s = ", lag, " s"));
  }
  if (p < k.minPreStopSeconds) {
    s.add(floorRule(k.preset), kWarning, f,
          cat(who, ": preStop sleep ", p, " s must be >= ", k.minPreStopSeconds, " s for preset ",
              presetName(k.preset)));
  }
  if (k.preset == PresetId::Agic && g <= p) {
    s.add("AG2", kError, "terminationGracePeriodSeconds",
          cat("grace period ", g, " s must be > preStop sleep ", p, " s of ", who));
  }
}

// K2 over the longest known sleep: containers stop in parallel, each hook then its app.
void checkGrace(const Knobs& k, const Effective& e, Sink& s) {
  std::optional<int64_t> longest;
  for (const auto& c : e.containers) {
    if (c.preStopSeconds) longest = std::max(longest.value_or(0), c.preStopSeconds->value);
  }
  if (!longest) return;
  const int64_t g = e.terminationGracePeriodSeconds.value;
  const int64_t sd = e.shutdownSeconds.value;
  const int64_t need = *longest + sd + k.marginSeconds;
  if (g < need) {
    s.add("K2", kError, "terminationGracePeriodSeconds",
          cat("grace period ", g, " s must be >= preStop ", *longest, " s + shutdown ", sd,
              " s + margin ", k.marginSeconds, " s = ", need, " s"));
  }
}

void checkStrategy(const Effective& e, Sink& s) {
  const StrategyType t = e.strategy.value;
  if (t == StrategyType::Recreate) {
    s.add("Z1", kWarning, "strategy",
          "strategy Recreate must not be used behind a load balancer: every old pod stops "
          "before a new one is Ready");
  } else if (t == StrategyType::OnDelete) {
    s.add("Z1", kInfo, "strategy",
          "updateStrategy OnDelete replaces pods only when someone deletes them; the timings "
          "still apply to each deletion");
  }
}

void checkUnavailable(const Knobs& k, const Effective& e, Sink& s) {
  const IntOrPercent& mu = e.maxUnavailable.value;
  const IntOrPercent allowed = unavailableFloor(k, e);
  if (moreUnavailable(mu, allowed, e.replicas, e.kind)) {
    s.add("Z4", kWarning, "maxUnavailable",
          cat("maxUnavailable ", mu.str(), " must not exceed ", allowed.str(),
              ": capacity must hold while the load balancer catches up"));
  }
}

void checkSurge(const Knobs& k, const Effective& e, Sink& s) {
  if (e.strategy.value != StrategyType::RollingUpdate) return;
  // A StatefulSet has no surge; its maxUnavailable counts where the cluster honours it
  // (MaxUnavailableStatefulSet), which a manifest that writes it says it does.
  if (!e.maxSurge) {
    if (e.kind == WorkloadKind::StatefulSet && e.maxUnavailable.origin == Origin::Manifest) {
      checkUnavailable(k, e, s);
    }
    return;
  }
  if (e.kind == WorkloadKind::DaemonSet && e.hostPortOrNetwork) {
    s.add("Z8", kWarning, "maxUnavailable",
          "DaemonSet uses hostNetwork or a hostPort: a surge pod cannot start beside the old one, "
          "so each node loses its pod during the update; keep it out of the LB's rotation first "
          "or serve through a Deployment");
    return;
  }
  const IntOrPercent& ms = e.maxSurge->value;
  const IntOrPercent& mu = e.maxUnavailable.value;
  if (ms.isZero() && mu.isZero()) {
    s.add("K6", kError, "maxSurge", "maxSurge and maxUnavailable must not both be 0");
  }
  if (e.kind == WorkloadKind::DaemonSet && !ms.isZero() && !mu.isZero()) {
    s.add("Z10", kError, "maxSurge",
          cat("a DaemonSet's maxSurge ", ms.str(), " and maxUnavailable ", mu.str(),
              " must not both be non-zero: the API server rejects it"));
  }
  checkUnavailable(k, e, s);
}

void checkDeadline(const Knobs& k, const Effective& e, Sink& s) {
  if (!e.progressDeadlineSeconds) return;
  const int64_t pd = e.progressDeadlineSeconds->value;
  const int64_t m = e.minReadySeconds.value;
  if (pd <= m) {
    s.add("K5", kError, "progressDeadlineSeconds",
          cat("progressDeadlineSeconds ", pd, " s must be > minReadySeconds ", m, " s"));
    return;  // K8 would repeat the same problem
  }
  const int64_t ready = timeToReady(k, e);
  const int64_t need = m + ready + k.marginSeconds;
  if (pd < need) {
    s.add("K8", kWarning, "progressDeadlineSeconds",
          cat("progressDeadlineSeconds ", pd, " s must be >= minReadySeconds ", m,
              " s + time to Ready ", ready, " s + margin ", k.marginSeconds, " s = ", need, " s"));
  }
}

void checkProbe(const EffectiveContainer& c, Sink& s) {
  const std::string who = containerLabel(c.name);
  if (!c.readinessProbe) {
    s.add("Z3", kWarning, containerField(c.name, "readinessProbe"),
          cat(who, " must have a readinessProbe, or it gets traffic before it can serve"));
  }
  if (!c.readinessProbe) return;
  const std::pair<const char*, int64_t> fields[] = {
      {"readinessPeriodSeconds", c.readinessProbe->periodSeconds.value},
      {"readinessTimeoutSeconds", c.readinessProbe->timeoutSeconds.value},
      {"readinessFailureThreshold", c.readinessProbe->failureThreshold.value}};
  for (const auto& [name, value] : fields) {
    if (value < 1) {
      s.add("K7", kError, containerField(c.name, name),
            cat(who, ": ", name, " ", value, " must be >= 1"));
    }
  }
}

// Z9: the serving containers were guessed, so the hook may sit on containers that serve nothing.
void checkServing(const Effective& e, Sink& s) {
  if (e.serving == ServingGuess::Certain) return;
  std::string ports, names;
  for (const std::string& p : e.undeclaredPorts) ports += (ports.empty() ? "" : ", ") + p;
  for (const auto& c : e.containers) names += (names.empty() ? "" : ", ") + quoted(c.name);
  if (e.serving == ServingGuess::UnresolvedName) {
    s.add("Z9", kWarning, "containers",
          cat("no container declares a port named ", ports,
              ": Kubernetes cannot resolve the Service's targetPort, so these pods get no traffic "
              "through it; every container (",
              names, ") gets the preStop sleep meanwhile"));
    return;
  }
  s.add("Z9", kWarning, "containers",
        cat("no container declares the Service's target port ", ports,
            ", so the one serving it is unknown: every container (", names,
            ") gets the preStop sleep; declare the port (ports[].containerPort) on the container "
            "that serves it"));
}

}  // namespace

void checkTermination(const Knobs& k, const Effective& e, Sink& s) {
  checkServing(e, s);
  for (const auto& c : e.containers) {
    if (c.preStopSeconds) {
      checkSleep(k, e, c, s);
    } else {
      // planTermination sizes the grace period as if the hook ran as long as the preset's
      // sleep: the message says so, with the number.
      s.add("Z2", kWarning, containerField(c.name, "preStopSeconds"),
            cat(containerLabel(c.name),
                ": preStop is not a plain sleep: its length is unknown; the grace period "
                "assumes it ends within ",
                preStopTarget(k), " s"));
    }
  }
  checkGrace(k, e, s);
  const int64_t sd = e.shutdownSeconds.value;
  if (sd < k.longestRequestSeconds) {
    s.add("K3", kWarning, "shutdownSeconds",
          cat("shutdown allowance ", sd, " s must be >= longest request ", k.longestRequestSeconds,
              " s"));
  }
}

void checkRollout(const Knobs& k, const Effective& e, Sink& s) {
  checkStrategy(e, s);
  checkSurge(k, e, s);
  if (e.kind == WorkloadKind::StatefulSet && e.replicas && e.replicas->value == 1) {
    s.add("Z5", kWarning, "replicas",
          "a StatefulSet replaces each pod delete-first; with 1 replica nothing serves "
          "meanwhile, so replicas must be >= 2");
  }
  checkDeadline(k, e, s);
}

void checkProbes(const Knobs& k, const Effective& e, Sink& s) {
  // Guessed serving containers (Z9): the pod is Ready only when every container is, so one
  // readiness probe among them gates traffic; only none at all is a Z3.
  const bool guessed = e.serving != ServingGuess::Certain;
  const bool anyProbe =
      std::any_of(e.containers.begin(), e.containers.end(),
                  [](const EffectiveContainer& c) { return c.readinessProbe.has_value(); });
  for (const auto& c : e.containers) {
    if (guessed && (anyProbe || &c != &e.containers.front())) {
      if (c.readinessProbe) checkProbe(c, s);
      continue;
    }
    checkProbe(c, s);
  }
  // AG8: AGIC copies the probe of the container declaring the Service's target port (AG5).
  if (k.preset != PresetId::Agic || e.containers.empty()) return;
  const EffectiveAgic& g = e.agic;
  if (g.source == AgicProbeSource::Readiness) return;
  if (g.sourceContainer.empty()) {
    s.add("AG8", kWarning, "containers",
          "no regular container declares the Service's target port (App Gateway reads no init "
          "container, native sidecars included), so it copies no probe and probes every 30 s, "
          "timeout 30 s, threshold 3; declare the port (ports[].containerPort) on the container "
          "that serves it");
    return;
  }
  const std::string who = containerLabel(g.sourceContainer);
  if (g.source == AgicProbeSource::Liveness) {
    s.add("AG8", kWarning, containerField(g.sourceContainer, "readinessProbe"),
          cat(who,
              ": readinessProbe must be httpGet for App Gateway to copy it; it copies the "
              "httpGet livenessProbe instead, whose timings the function does not tune"));
    return;
  }
  s.add("AG8", kWarning, containerField(g.sourceContainer, "readinessProbe"),
        cat(who,
            ": readinessProbe must be httpGet for App Gateway to copy it; "
            "otherwise App Gateway probes every 30 s, timeout 30 s, "
            "threshold 3"));
}

}  // namespace zd::timing::detail
