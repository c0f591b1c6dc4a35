// Objects the function adds to the output: where a front door's settings live in an object per
// Service (a TargetGroupConfiguration) and the input has none, one is made before the rewrite
// (adapters/settings.h `create`), so the rewrite fills it in as it would an existing one. Only
// those the rewrite wrote into are added, after the items. Under kpt one joins its Service's file
// (the Service's path annotations, the next index there) rather than a file of its own;
// kustomize and Argo CD take it as it is.
#pragma once

#include <vector>

#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result.h"
#include "scope/graph.h"
#include "transform/kpt_placement.h"
#include "yaml/tree.h"

namespace zd::transform {

struct Created {
  size_t object;    // its object index
  size_t service;   // the Service it is for
  const char* why;  // adapters::Made::why
};

// One object per Service an edge needs one for and the input lacks, in the graph's order.
std::vector<Created> createMissing(yaml::Tree& t, scope::ObjectIndex& idx,
                                   const scope::Graph& graph, const krm::Config& config);

// Whether the rewrite wrote into it: more under spec than the reference to its target.
bool written(const yaml::Tree& t, const scope::ObjectIndex& idx, const Created& c);

// An info result for each created object the rewrite wrote into (a change, so check mode makes
// it an error); with `files` it also places them for kpt and adds them to `add`, for the output.
// In check mode (`check`) they are announced as missing.
void reportCreated(yaml::Tree& t, const scope::ObjectIndex& idx,
                   const std::vector<Created>& created, FileIndexes* files, bool check,
                   std::vector<krm::Result>& results, std::vector<yaml::NodeId>* add = nullptr);

// Whether any edge's settings live in an object per Service: their edits are under spec, which
// the shared edits of a large input's streamed rewrite do not carry.
bool anySettingsPerService(const scope::Graph& graph, const krm::Config& config);

}  // namespace zd::transform
