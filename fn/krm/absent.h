// Kubernetes spells "absent" as an explicit null too: `lifecycle: null`,
// `readinessProbe: ~`, `rollingUpdate:` (nothing). The API server drops such
// fields, so the function reads (and writes into) them exactly as if they
// were not written at all, never as a value of the wrong shape.
#pragma once

#include <initializer_list>
#include <string_view>

#include "yaml/tree.h"

namespace zd::krm {

// kNone, a YAML null, or a plain untagged scalar spelled as one (`null`,
// `Null`, `NULL`, `~`, empty): whichever way a parser reports it.
bool isAbsent(const yaml::Tree& tree, yaml::NodeId node);

// map[key] (along a path of keys), kNone when absent in the sense above.
yaml::NodeId field(const yaml::Tree& tree, yaml::NodeId map, std::string_view key);
yaml::NodeId field(const yaml::Tree& tree, yaml::NodeId map,
                   std::initializer_list<std::string_view> path);

// Keys of a map whose values are not absent: `{exec: ..., sleep: null}` has one.
uint32_t presentFields(const yaml::Tree& tree, yaml::NodeId map);

}  // namespace zd::krm
