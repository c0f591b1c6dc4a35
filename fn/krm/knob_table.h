// The config keys that set a Knobs field: name, type, help. One table drives
// the ZeroDowntimePolicy and ConfigMap decoders, the command-line flags and
// the preset loader, so a key means the same everywhere.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "timing/knobs.h"

namespace zd::krm {

using KnobMember =
    std::variant<int64_t timing::Knobs::*, std::optional<int64_t> timing::Knobs::*,
                 timing::IntOrPercent timing::Knobs::*, bool timing::Knobs::*,
                 std::string timing::Knobs::*, std::vector<std::string> timing::Knobs::*>;

struct KnobField {
  const char* name;  // camelCase config key
  KnobMember member;
  const char* help;  // one line, for --help and the README
};

const std::vector<KnobField>& knobFields();
const KnobField* findKnob(const std::string& name);

// "preStopSeconds" -> "pre-stop-seconds" (the flag spelling).
std::string kebab(const std::string& camel);

}  // namespace zd::krm
