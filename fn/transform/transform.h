// The transform: find what sits behind the load balancer and make every timing agree.
//
// decide() rewrites each workload in turn and reports what it changed and found; whether the run
// fails is then known, before a byte is written. Its edits stay in the tree while they are few.
// Past a budget (a third of the input's tree, within 4..8 MiB), so that a large input is never held
// rewritten (200,000 small workloads make the tree twice the input), each workload's edits are
// undone once reported, keeping those outside the workload (rewrite/shared_edit.h), which the next
// workloads read. The items are then written in input order, and before()/after() make such a
// workload's edits again just before it is written and undo them after: the same calls on the same
// state give the same edits. This costs a second rewrite of those workloads: a sixth more CPU
// time on 50,000 small Deployments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "krm/config.h"
#include "krm/envelope.h"
#include "krm/result_store.h"
#include "rewrite/shared_edit.h"
#include "scope/graph.h"
#include "yaml/tree.h"

namespace zd::transform {

class Transform {
 public:
  // `budget`: the bytes of edits kept in the tree, unset for the default; SIZE_MAX leaves every
  // edit in the tree (for callers that read it after), and before()/after() then do nothing.
  Transform(yaml::Tree& tree, const krm::Envelope& env, const krm::Config& config,
            std::optional<size_t> budget = std::nullopt);

  // Adds its results to `store`, as records: a large input reports a million.
  void decide(krm::ResultStore& store);

  // Around the writing of each item (yaml::ItemHook).
  void before(yaml::NodeId item);
  void after(yaml::NodeId item);

 private:
  void undoKeepingShared(const yaml::Tree::Mark& m, const rewrite::SharedEdits& shared);
  bool inWriteOrder() const;
  bool overBudget() const;

  yaml::Tree& tree_;
  const krm::Envelope& env_;
  const krm::Config& config_;
  std::optional<size_t> budget_;
  scope::ObjectIndex idx_;
  scope::Graph graph_;
  size_t next_ = 0;  // the first target decide() undid; then the next to rewrite as written
  // A workload's node -> its target, for those whose edits decide() undid; empty when it undid
  // none or the run failed: items are then written as they are.
  std::unordered_map<yaml::NodeId, size_t> targetOf_;
  rewrite::FinalEdits finals_;            // how the objects outside workloads end up
  std::optional<yaml::Tree::Mark> open_;  // set while an item with edits is written
  rewrite::SharedEdits pending_;  // the written workload's shared edits, made again after it
};

}  // namespace zd::transform
