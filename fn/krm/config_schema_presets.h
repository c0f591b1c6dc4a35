// The schema of `preset` and the rules that depend on which presets a config names: one preset
// or several, none twice, at most one per adapter, and the keys of a group two named adapters
// share (the Ingress front door) only qualified.
#pragma once

#include "krm/config_json.h"
#include "krm/config_schema.h"

namespace zd::krm {

// The `preset` property: a comma-separated string (and, for a ZeroDowntimePolicy, a list).
Json presetSchema(ConfigForm form, const std::string& description);

// allOf entries: for each group two adapters carry, its unqualified keys are refused when the
// config names presets of both.
std::vector<Json> sharedGroupRules(ConfigForm form);

}  // namespace zd::krm
