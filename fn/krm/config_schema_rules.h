// The cross-field rules a schema can state (allOf entries): K6 for maxSurge 0, and nativeSleep
// with a kubernetesVersion below 1.30. Those that compare two numbers (K2, A1) it cannot; the
// function checks them (krm/config_checks.h).
#pragma once

#include <vector>

#include "krm/config_json.h"
#include "krm/config_schema.h"

namespace zd::krm {

std::vector<Json> crossFieldRules(ConfigForm form);

}  // namespace zd::krm
