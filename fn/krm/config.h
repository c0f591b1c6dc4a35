// The function's configuration, whichever of the three forms it came in:
// a ZeroDowntimePolicy, a ConfigMap's data, or command-line flags. Decoding
// is a fixed pipeline: collect settings -> load the preset -> apply
// overrides -> validate, with every error collected as a result.
#pragma once

#include <string>
#include <vector>

#include "krm/result.h"
#include "timing/knobs.h"
#include "yaml/tree.h"

namespace zd::krm {

inline constexpr const char* kPolicyApiVersion = "zero-downtime.dev/v1alpha1";
inline constexpr const char* kPolicyKind = "ZeroDowntimePolicy";

// Settings that are not preset numbers.
struct Options {
  bool check = false;              // change nothing; an error per change a run would make
  bool nativeSleep = true;         // new preStop hooks as the `sleep:` action, not exec sleep
  std::string kubernetesVersion;   // "< 1.30" implies nativeSleep false
  std::string readinessProbePath;  // add an httpGet readiness probe where missing
  std::optional<bool>
      defaultIngressClass;                 // the preset's IngressClass is the cluster's default one
  bool partialInput = false;               // check mode: references not in the input are warnings
  bool rolloutsVerifyTargetGroup = false;  // Argo Rollouts runs --aws-verify-target-group
  // Node drains (disruption/): create the missing PodDisruptionBudgets, with this maxUnavailable;
  // the notice the platform gives before it takes a node away (a spot interruption), if any.
  bool createPodDisruptionBudgets = true;
  timing::IntOrPercent podDisruptionBudgetMaxUnavailable{1, false};
  std::optional<int64_t> evictionNoticeSeconds;
  // Image name prefixes with no shell and no sleep binary (K9), besides those the function
  // recognises (rewrite/shell_less_image.h).
  std::vector<std::string> shellLessImages;
};

struct Config {
  timing::Knobs knobs;  // the first preset's (the only one in most runs)
  // Every preset the config names, in its order, each with the overrides that reached it
  // (krm/config_overrides.h); presets.front() is `knobs`. Empty when `preset` is missing or
  // names no valid set of presets: the accessors below then read `knobs`. A front door ->
  // Service edge of the scope graph names its preset by index (scope::Binding::lb).
  std::vector<timing::Knobs> presets;
  Options options;

  size_t presetCount() const { return presets.empty() ? 1 : presets.size(); }
  const timing::Knobs& preset(size_t i) const { return presets.empty() ? knobs : presets[i]; }
};

// One key as it arrived. `typed` settings come from YAML whose types count
// (ZeroDowntimePolicy, presets); the others are text (ConfigMap, flags).
struct Setting {
  std::string key;
  std::string where;  // how to name it in a message: "data.preStopSeconds", "--pre-stop-seconds"
  std::string text;
  bool typed = false;
  enum class Shape { Scalar, String, List, Other } shape = Shape::Scalar;
  std::vector<std::string> items;  // for List
};

// The config's origin, named in error results.
struct ConfigSource {
  std::optional<ResourceRef> resource;  // the functionConfig object, if any
};

// Settings of a functionConfig object (ZeroDowntimePolicy or ConfigMap).
std::vector<Setting> settingsOf(const yaml::Tree& tree, yaml::NodeId config,
                                std::vector<Result>& errors);

// Presets + settings (later ones win) -> Config. Errors and warnings are appended.
Config buildConfig(const std::vector<Setting>& settings, const ConfigSource& source,
                   std::vector<Result>& errors);

// The last setting of `key` (later settings win), or nullptr.
const Setting* lastWithKey(const std::vector<Setting>& settings, const std::string& key);

// A warning about config key `where`: a setting that is valid but costs something.
Result configWarning(const ConfigSource& src, const std::string& where, const std::string& message);

// An error result about config key `where` ("data.preStopSeconds", "--check").
Result configError(const ConfigSource& src, const std::string& where, const std::string& message);

// Every key a config accepts, in the documented order.
std::vector<std::string> configKeys();

}  // namespace zd::krm
