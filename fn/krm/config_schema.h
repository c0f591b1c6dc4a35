// The JSON Schemas of the two config objects, generated from the option and knob tables, the
// presets and the adapter registry: schemas/zero-downtime-policy.schema.json and
// schemas/zero-downtime-configmap.schema.json are this output, committed for editors
// (`zero-downtime --print-schema policy|configmap` prints it; tests/generated.sh compares).
#pragma once

#include <string>

namespace zd::krm {

enum class ConfigForm { Policy, ConfigMap };

std::string configSchema(ConfigForm form);

// Where the repository keeps it: "schemas/zero-downtime-policy.schema.json", ...
const char* schemaPath(ConfigForm form);

}  // namespace zd::krm
