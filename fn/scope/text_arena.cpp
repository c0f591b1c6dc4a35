#include "scope/text_arena.h"

#include <algorithm>
#include <cstring>

namespace zd::scope {

std::string_view TextArena::add(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > free_) {
    // What is left of the last block is given up: less than the length of one text.
    const size_t size = std::max(kBlock, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    next_ = blocks_.back().get();
    free_ = size;
  }
  std::memcpy(next_, text.data(), text.size());
  const std::string_view out(next_, text.size());
  next_ += text.size();
  free_ -= text.size();
  return out;
}

}  // namespace zd::scope
