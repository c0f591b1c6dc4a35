// YAML 1.1 merge keys (`<<: *defaults`). kubectl's reader (go-yaml via
// sigs.k8s.io/yaml) merges the named mapping into the one holding the key;
// our tree keeps `<<` as an ordinary key, so the merged fields would be
// invisible here while the cluster sees them. Such input is refused.
#pragma once

#include <vector>

#include "krm/envelope.h"
#include "krm/result.h"
#include "yaml/tree.h"

namespace zd::transform {

// One error per merge key in any object of the input (in scope or not: a
// Service or an Ingress can hide fields behind one too), naming the object
// and the path ending in `<<`.
void reportMergeKeys(const yaml::Tree& tree, const krm::Envelope& env,
                     std::vector<krm::Result>& errors);

}  // namespace zd::transform
