// Whether a plain scalar is a string to kubectl. kubectl, kustomize and the API server's YAML
// path read YAML through sigs.k8s.io/yaml, which resolves plain scalars with go-yaml v2's YAML 1.1
// rules: `30`, `0x1F`, `1e3`, `.5`, `on`, `~` are numbers, booleans and nulls, while `e2e`, `db1`
// and a hexadecimal digest are strings. Writing is stricter (stringStyle quotes anything that
// might be typed); reading must not be, or a label like `db1` becomes a false input error.
#pragma once

#include <string_view>

namespace zd::yaml {

// False when go-yaml v2 types the unquoted, untagged `text` as null, bool, int, float or
// timestamp.
bool plainIsString(std::string_view text);

}  // namespace zd::yaml
