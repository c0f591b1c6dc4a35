// The value types every stage of the timing model and every adapter share: how severe a finding
// is, where a value came from, and a value the plan changes.
#pragma once

#include <string>

namespace zd::timing {

enum class Severity { Info, Warning, Error };
// Manifest: written in the input. Default: Kubernetes / controller / cloud default. Derived:
// computed from another value (App Gateway probe from the readinessProbe, AG5). Config: a knob.
enum class Origin { Manifest, Default, Derived, Config };

const char* severityName(Severity s);  // "info", "warning", "error"
const char* originName(Origin o);      // "manifest", "default", "derived", "config"

template <typename T>
struct Sourced {
  T value{};
  Origin origin = Origin::Default;
};

// A value the manifest must change to. `message` starts with `rule` and says why. A change with
// a side effect the user must know of (Z6: a new target type recreates the target groups) is
// reported as a warning rather than an info.
template <typename T>
struct Change {
  T value{};
  std::string rule;
  std::string message;
  Severity severity = Severity::Info;
};

}  // namespace zd::timing
