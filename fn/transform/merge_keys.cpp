#include "transform/merge_keys.h"

#include <string_view>

#include "rewrite/read_values.h"

namespace zd::transform {

using yaml::NodeId;

namespace {

// A plain `<<`, or one tagged !!merge: what YAML 1.1 readers merge. A quoted
// "<<" (or !!str) is an ordinary string key everywhere.
bool isMergeKey(const yaml::Tree& t, NodeId key) {
  if (!t.isScalar(key) || t.str(key) != "<<") return false;
  if (t.node(key).tagged) return t.tagOf(key) == "tag:yaml.org,2002:merge";
  return t.node(key).style == yaml::Style::Plain;
}

// One pass over every node of an object. The path is kept as a stack of
// keys and indexes and turned into text only for a hit, so a clean input
// (the common case, 5,000 apps in the benchmark) pays no string building.
class Walker {
 public:
  Walker(const yaml::Tree& t, rewrite::Reader& rd) : t_(t), rd_(rd) {}

  // `skip`: a key of `n` not to descend into (a list wrapper's `items`,
  // whose objects are walked on their own).
  void walk(NodeId n, std::string_view skip = {}) {
    if (t_.isMap(n)) {
      for (uint32_t i = 0; i < t_.mapSize(n); ++i) {
        NodeId key = t_.keyAt(n, i);
        if (!skip.empty() && t_.isScalar(key) && t_.str(key) == skip) continue;
        if (isMergeKey(t_, key)) report();
        path_.push_back({t_.str(key), -1});
        walk(t_.valueAt(n, i));
        path_.pop_back();
      }
    } else if (t_.isSeq(n)) {
      for (uint32_t i = 0; i < t_.size(n); ++i) {
        path_.push_back({{}, static_cast<int64_t>(i)});
        walk(t_.kid(n, i));
        path_.pop_back();
      }
    }
  }

 private:
  struct Step {
    std::string_view key;
    int64_t index;  // -1 for a map key
  };

  // `spec.template.spec.<<`, `spec.containers[0].<<`: as the other errors spell paths.
  std::string pathText() const {
    std::string out;
    for (const Step& s : path_) {
      if (s.index >= 0) {
        out += "[" + std::to_string(s.index) + "]";
      } else {
        if (!out.empty()) out += ".";
        out += s.key;
      }
    }
    return out.empty() ? "<<" : out + ".<<";
  }

  void report() {
    rd_.error(pathText(),
              "is a YAML merge key: kubectl (YAML 1.1) merges the mapping it names into this one, "
              "this function would read `<<` as an ordinary key and miss the merged fields; write "
              "those fields out in full (or quote the key if a literal \"<<\" is meant)");
  }

  const yaml::Tree& t_;
  rewrite::Reader& rd_;
  std::vector<Step> path_;
};

}  // namespace

void reportMergeKeys(const yaml::Tree& t, const krm::Envelope& env,
                     std::vector<krm::Result>& errors) {
  for (NodeId obj : env.objects) {
    rewrite::Reader rd(t, obj, errors);
    Walker(t, rd).walk(obj);
  }
  // A list wrapper's own fields: a merge key there could add items kubectl sees.
  for (NodeId list : env.lists) {
    rewrite::Reader rd(t, list, errors);
    Walker(t, rd).walk(list, "items");
  }
}

}  // namespace zd::transform
