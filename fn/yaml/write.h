// Writes a Tree as block YAML that reads back to the same values and types:
// plain stays plain, quoted stays quoted, multi-line text stays a block.
// Layout follows kyaml (kpt, kustomize): two spaces, lists not indented
// under their key, so kpt's own re-indentation has nothing to change.
#pragma once

#include <string>

#include "yaml/tree.h"

namespace zd::yaml {

// Appends one document (no leading `---`) to `out`.
void writeDocument(const Tree& tree, NodeId root, std::string& out);

// Appends documents separated by `---` lines, as `kustomize build` prints.
void writeStream(const Tree& tree, const std::vector<NodeId>& roots, std::string& out);

}  // namespace zd::yaml
