// Parts of the graph that many targets have equal: 200,000 Deployments behind one Service have
// the same edges, the same target ports and, from the same pod template, the same serving
// containers. Each distinct value is stored once and shared read-only, so a target costs a few
// pointers instead of a few vectors of its own.
#pragma once

#include <memory>
#include <set>
#include <utility>

namespace zd::scope {

template <class T>
using Shared = std::shared_ptr<const T>;

// Hands out one Shared<T> per distinct value (T has operator<). Values outlive the interner.
template <class T>
class Interner {
 public:
  Shared<T> operator()(T value) {
    auto found = values_.find(value);
    if (found != values_.end()) return *found;
    return *values_.insert(std::make_shared<const T>(std::move(value))).first;
  }

 private:
  struct Less {
    using is_transparent = void;
    bool operator()(const Shared<T>& a, const Shared<T>& b) const { return *a < *b; }
    bool operator()(const Shared<T>& a, const T& b) const { return *a < b; }
    bool operator()(const T& a, const Shared<T>& b) const { return a < *b; }
  };
  std::set<Shared<T>, Less> values_;
};

}  // namespace zd::scope
