// Istio's per-pod proxy settings, annotation proxy.istio.io/config: a ProxyConfig as YAML or
// JSON. Only what decides when the proxy stops after the pod's deletion (K10) is read:
//
//   terminationDrainDuration     how long pilot-agent drains before it ends Envoy; a protobuf
//                                Duration, "45s" or "45.5s" (default 5 s)
//   proxyMetadata.EXIT_ON_ZERO_ACTIVE_CONNECTIONS
//                                "true": the agent drains MINIMUM_DRAIN_DURATION instead, then
//                                exits once no connection is active
//   proxyMetadata.MINIMUM_DRAIN_DURATION
//                                a Go duration, "45s", "1m30s" (default 5 s)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zd::rewrite {

struct IstioDrain {
  std::string setting = "terminationDrainDuration";  // the one that applies, as a message names it
  std::optional<int64_t> seconds;  // whole seconds, rounded down; nullopt: default
  std::string unread;              // the setting's text when it is there but no duration
};

// Never fails: an annotation that is no YAML map, or a value that is no duration, leaves the
// default (and `unread` says which text was not read), as Istio would not take it either.
IstioDrain readIstioDrain(std::string_view annotation);

// "45s", "45.5s" (protobuf Duration in JSON) -> 45.
std::optional<int64_t> protoDurationSeconds(std::string_view text);
// "45s", "1m30s", "1.5m", "500ms" (Go's time.ParseDuration) -> 45, 90, 90, 0.
std::optional<int64_t> goDurationSeconds(std::string_view text);

}  // namespace zd::rewrite
