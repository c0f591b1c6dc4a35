// The config keys that are not preset numbers (preset, check, nativeSleep, ...): their types,
// texts and decoding. With the knob table (krm/knob_table.h) they are every config key.
#pragma once

#include <string>
#include <vector>

#include "krm/config.h"

namespace zd::krm {

// What an option's value is, for its decoding, the schemas and the docs.
enum class OptionType {
  Presets,
  Bool,
  KubernetesVersion,
  HttpPath,
  ImagePrefixes,
  Seconds,        // a count of seconds, 0 to kMaxSetting
  PositiveBudget  // an integer from 1, or a percentage from 1% to 100%
};

struct OptionField {
  const char* name;  // camelCase config key
  OptionType type;
  const char* help;          // one line, for --help
  const char* description;   // the docs' and the schemas' text
  const char* defaultValue;  // as the docs show it: "false", "unset", "required"
};

// In the documented order; `preset` first.
const std::vector<OptionField>& optionFields();
const OptionField* findOption(const std::string& name);

// Applies one option setting (never `preset`, which buildConfig reads first); returns an error
// message ("must be ...") or "".
std::string applyOption(Options& options, const Setting& s);

}  // namespace zd::krm
