#include "krm/string_table.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace zd::krm {

namespace {

// Large enough that a chunk's allocation is rare, small enough that a run with few strings
// barely notices it.
constexpr size_t kChunk = size_t{1} << 16;

size_t hashOf(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

uint32_t StringTable::id(std::string_view s) {
  const auto fresh = static_cast<uint32_t>(views_.size());
  const uint32_t found = ids_.findOrAdd(
      hashOf(s), fresh, [&](uint32_t id) { return views_[id] == s; },
      [&](uint32_t id) { return hashOf(views_[id]); });
  if (found == fresh) views_.push_back(keep(s));
  return found;
}

std::string_view StringTable::keep(std::string_view s) {
  if (s.size() > free_) {
    // A string longer than a chunk gets one of its own; what the last chunk had left is not used.
    free_ = std::max(kChunk, s.size());
    chunks_.emplace_back(new char[free_]);
    next_ = chunks_.back().get();
  }
  if (!s.empty()) std::memcpy(next_, s.data(), s.size());
  std::string_view kept(next_, s.size());
  next_ += s.size();
  free_ -= s.size();
  return kept;
}

}  // namespace zd::krm
