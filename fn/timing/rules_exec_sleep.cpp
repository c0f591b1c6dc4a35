// K9: an exec preStop sleep runs a program inside the container. In an image without one
// (distroless, scratch) the hook fails: the kubelet records FailedPreStopHook and sends SIGTERM
// at once, so the sleep the model counts on never happens, and nothing in the manifests shows
// it. The native sleep action runs in the kubelet and needs no binary.
#include "timing/model_detail.h"

namespace zd::timing::detail {

void checkExecSleepImage(const Effective& e, Sink& s) {
  for (const EffectiveContainer& c : e.containers) {
    if (c.preStop != PreStopKind::ExecSleep || c.noSleepBinary.empty()) continue;
    s.add("K9", kWarning, containerField(c.name, "preStopSeconds"),
          cat(containerLabel(c.name), ": its preStop is an exec sleep, but image ", quoted(c.image),
              " has no sleep binary, ", c.noSleepBinary,
              ": the hook fails and SIGTERM comes at once; write it as the native sleep action, "
              "lifecycle.preStop.sleep.seconds (Kubernetes 1.30 or later)"));
  }
}

}  // namespace zd::timing::detail
