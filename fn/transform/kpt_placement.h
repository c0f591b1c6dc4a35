// Where kpt writes an object the function adds: kpt puts each item in the file its path
// annotation names, at its index there, and a new item without one in a file of its own
// (<namespace>/<kind>_<name>.yaml). An added object belongs with the object it was made for (a
// Service's TargetGroupConfiguration, a workload's PodDisruptionBudget), so it takes that object's
// path annotations and the next free index in that file, under each path key the object carries
// (kpt's current internal.config.kubernetes.io/ and its older config.kubernetes.io/).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "krm/envelope.h"
#include "yaml/tree.h"

namespace zd::transform {

// The highest index kpt's annotations give in each file, per path key: built once, so that
// placing thousands of added objects costs one pass over the items.
class FileIndexes {
 public:
  FileIndexes(const yaml::Tree& t, const krm::Envelope& env);
  // The next free index in `file` under path key `k`.
  int64_t next(size_t k, const std::string& file);

 private:
  std::map<std::string, int64_t> last_[2];
};

// Gives `added` the file of `beside` and the next free index there, and, for Helm's post-renderer,
// its template's `# Source:` line and postrender-filename annotation.
void placeBeside(yaml::Tree& t, yaml::NodeId beside, yaml::NodeId added, FileIndexes& files);

// Appends the objects to the output: after the ResourceList's items, after the items of an input
// that is one list wrapper, or else as last documents. All at once: a push after other nodes were
// made moves the whole list, which thousands of pushes in between would make quadratic.
void appendObjects(yaml::Tree& t, const krm::Envelope& env, const std::vector<yaml::NodeId>& objs);

}  // namespace zd::transform
