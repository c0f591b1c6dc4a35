// Making an object the input lacks (a Service's TargetGroupConfiguration or HealthCheckPolicy):
// its head, a name no object of its kind in the namespace has, and its entry in the index, so
// the rewrite reads and writes it as one of the input's (adapters/settings.h `create`).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "scope/object_index.h"
#include "yaml/tree.h"

namespace zd::adapters {

// A detached map: apiVersion, kind, metadata.name and (when `ns` is not empty) namespace.
yaml::NodeId newObject(yaml::Tree& t, std::string_view apiVersion, std::string_view kind,
                       const std::string& name, const std::string& ns);

// `base` when no key "ns/<name>" of `taken` has it, else `base`-2, -3, ...
std::string freeName(const std::map<std::string, size_t>& taken, std::string_view ns,
                     std::string_view base);

// Appends it to the index's objects; returns its object index.
size_t indexNew(scope::ObjectIndex& idx, scope::ObjectKind kind, yaml::NodeId obj,
                const std::string& ns, const std::string& name);

// A string scalar, quoted only where YAML would read another type.
yaml::NodeId textNode(yaml::Tree& t, std::string_view text);

}  // namespace zd::adapters
