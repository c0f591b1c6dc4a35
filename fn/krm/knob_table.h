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

using timing::KnobGroup;

// Where a knob lives inside a Knobs value, typed.
using KnobPtr = std::variant<int64_t*, std::optional<int64_t>*, timing::IntOrPercent*, bool*,
                             std::string*, std::vector<std::string>*>;

struct KnobField {
  const char* name;  // camelCase config key
  KnobGroup group;
  KnobPtr (*at)(timing::Knobs&);
  const char* help;    // one line, for --help; the docs and the schemas begin with it
  const char* detail;  // what the docs and the schemas add to `help`
  KnobPtr in(timing::Knobs& k) const { return at(k); }
};

const std::vector<KnobField>& knobFields();
const KnobField* findKnob(const std::string& name);

// An optional knob (terminationGracePeriodSeconds, keepAliveSeconds) is unset unless a config
// sets it: a preset file leaves it out.
bool isOptional(const KnobField& f);

// The values a string knob may take (targetType: ip, instance); empty for other knobs.
const std::vector<std::string>& choicesOf(const KnobField& f);

// help + detail as a sentence: the "Meaning" of the docs' key table, and the schemas' description.
std::string knobMeaning(const KnobField& f);

// What a knob's value is: how a config writes it, and how the schemas and the docs describe it.
enum class ValueKind { Count, IntOrPercent, Bool, String, StringList };
ValueKind kindOf(const KnobField& f);

// The value of `f` in `k` as the docs show it: 30, 25%, true, "", [alb, alb-internal], unset.
std::string valueText(const KnobField& f, timing::Knobs& k);

// "pod side", "ALB", "AGIC", "Ingress front door": a group in words.
const char* groupName(KnobGroup group);

// The knobs of one group, in the table's order.
std::vector<const KnobField*> knobsOf(KnobGroup group);

// "preStopSeconds" -> "pre-stop-seconds" (the flag spelling).
std::string kebab(const std::string& camel);

}  // namespace zd::krm
