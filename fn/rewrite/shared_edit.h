// An edit a workload's rewrite makes outside the workload: a key of the metadata of an object
// several workloads may share (a front door's or Service's annotations, a Namespace's labels).
// A large input is rewritten one workload at a time, each undone once written (transform.h);
// these edits are made again after the undo, since the next workloads read them.
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "yaml/tree.h"

namespace zd::rewrite {

struct SharedEdit {
  yaml::NodeId object;
  const char* map;  // the key under metadata: "annotations", "labels"
  std::string key;
  std::string text;  // the value as it ended up, and its style
  yaml::Style style;
};

using SharedEdits = std::vector<SharedEdit>;

// Sets metadata.<map>.<key> to the edit's value, as the Editor did.
void redo(yaml::Tree& t, const SharedEdit& e);

// The last value of each (object, map, key) among the edits added, in the order the keys were
// first set: redone on any state the edits passed through, they give the state they ended with.
class FinalEdits {
 public:
  void add(const SharedEdit& e);
  bool has(yaml::NodeId object) const { return byObject_.count(object) != 0; }
  void redo(yaml::Tree& t, yaml::NodeId object) const;

 private:
  struct Entry {
    const char* map;
    const std::string* key;  // into strings_: an object per workload may hold five keys each
    const std::string* text;
    yaml::Style style;
  };
  const std::string* intern(const std::string& s) { return &*strings_.insert(s).first; }

  std::set<std::string> strings_;
  std::unordered_map<yaml::NodeId, std::vector<Entry>> byObject_;
};

}  // namespace zd::rewrite
