// Writes a Tree as block YAML that reads back to the same values and types:
// plain stays plain, quoted stays quoted, multi-line text stays a block.
// Layout follows kyaml (kpt, kustomize): two spaces, lists not indented
// under their key, so kpt's own re-indentation has nothing to change.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "yaml/tree.h"

namespace zd::yaml {

// Called around the writing of each element of the sequences `seqs` (sorted: a ResourceList's
// items, a List's) and of each document of a stream, once each, in order. The transform makes an
// item's edits just before it is written and undoes them after (transform/transform.h); the
// writer keeps no node of the item across the calls, and writes those sequences as blocks.
struct ItemHook {
  std::vector<NodeId> seqs;
  std::function<void(NodeId)> before, after;
};

// Where written text goes: appended to `out`; when `flush` is set it is
// called with `out` whenever a chunk has accumulated (it must empty it).
struct Sink {
  std::string* out;
  std::function<void(std::string&)> flush;
  const ItemHook* items = nullptr;
};

// Appends one document (no leading `---`) to `out`.
void writeDocument(const Tree& tree, NodeId root, std::string& out);
void writeDocument(const Tree& tree, NodeId root, const Sink& sink);

// Appends documents separated by `---` lines, as `kustomize build` prints, each after the
// comment lines it opened with.
void writeStream(const Tree& tree, const std::vector<NodeId>& roots, std::string& out);
void writeStream(const Tree& tree, const std::vector<NodeId>& roots, const Sink& sink);

}  // namespace zd::yaml
