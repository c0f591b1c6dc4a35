// The largest integers the Kubernetes API takes in the fields the function reads and writes.
// The manifest reader refuses a larger one, and the plan never computes one ("never write
// what you would refuse": the function's output must read back).
#pragma once

#include <cstdint>

namespace zd::timing {

// int32 in the API: replicas, minReadySeconds, progressDeadlineSeconds, the probes' seconds
// and thresholds, the integer of maxSurge / maxUnavailable.
inline constexpr int64_t kInt32Max = 2147483647;

// int64 in the API (terminationGracePeriodSeconds, lifecycle.preStop.sleep.seconds), read and
// written up to 2^53 - 1 only: the largest integer every JSON reader carries exactly (RFC 8259
// section 6; JavaScript, and readers that decode numbers as doubles, round beyond it), and
// manifests travel as JSON between kubectl, kustomize, kpt and Argo CD. It also bounds every
// sum the model makes (P + S + B, the explain timeline's E + D): fewer than 1024 terms of at
// most 2^53 each cannot overflow int64.
inline constexpr int64_t kInt64FieldMax = 9007199254740991;

}  // namespace zd::timing
