// Which Service of the input a reference by name reaches, from an object in namespace `ns`, and
// when none does, why in words a user can act on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scope/object_index.h"

namespace zd::scope {

struct ServiceLookup {
  std::optional<size_t> service;  // index into ObjectIndex::objects
  std::string problem;            // when not found: a sentence without the leading name
};

// How kustomize treats the reference: it rewrites an Ingress's backend names after the
// transformers ran (Renamed: the name may be a Service's original one), but never the names
// inside an annotation's text (Literal: only the current name reaches a Service).
enum class Reference { Renamed, Literal };

// A Renamed reference matches a Service's original name first (kustomize matches by it), then
// its current name. An object without a namespace lands in whichever namespace it is applied
// to, so it meets only Services without one: a Service of the same name elsewhere is named as
// the ambiguity it is, never matched.
ServiceLookup findService(const ObjectIndex& index, std::string_view ns, const std::string& name,
                          Reference reference = Reference::Renamed);

}  // namespace zd::scope
