// How a config key names what it sets: an option (`check`), a knob for every preset of the run
// that carries it (`preStopSeconds`), or a knob for one preset only (`agic.preStopSeconds`).
#pragma once

#include <optional>
#include <string>

#include "krm/knob_table.h"

namespace zd::krm {

struct KnobKey {
  const KnobField* knob = nullptr;            // null: the key is no knob, qualified or not
  std::optional<timing::PresetId> qualifier;  // set by `<preset>.` before the knob's name
};

// "preStopSeconds" -> {preStopSeconds}; "agic.preStopSeconds" -> {preStopSeconds, agic}. A
// qualifier that is no preset name makes the whole key unknown.
KnobKey parseKnobKey(const std::string& key);

// "agic.drainingTimeoutSeconds" or "--agic.draining-timeout-seconds": how a message asks for the
// qualified form of the setting at `where` (a flag is asked for as a flag).
std::string qualifiedSpelling(const std::string& where, timing::PresetId preset,
                              const KnobField& knob);

// The config key `key` means without regard to case ("AGIC.PRESTOPSECONDS" ->
// "agic.preStopSeconds"), for --set: Argo CD passes parameter names upper-cased. An unknown key
// comes back as it is, for the config decoder to name in its error.
std::string canonicalKey(const std::string& key);

}  // namespace zd::krm
