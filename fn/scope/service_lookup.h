// Which Service of the input a reference by name reaches, from an object in namespace `ns`, and
// when none does, why in words a user can act on.
#pragma once

#include <optional>
#include <string>

#include "scope/object_index.h"

namespace zd::scope {

struct ServiceLookup {
  std::optional<size_t> service;  // index into ObjectIndex::objects
  std::string problem;            // when not found: a sentence without the leading name
};

// By current name; else by a name kustomize renamed the Service from (the reference is fixed
// only after the function ran). An object without a namespace lands in whichever namespace it
// is applied to, so it meets only Services without one: a Service of the same name elsewhere is
// named as the ambiguity it is, never matched.
ServiceLookup findService(const ObjectIndex& index, const std::string& ns, const std::string& name);

}  // namespace zd::scope
