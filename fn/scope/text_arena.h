// Strings kept back to back in blocks that never move, for views that must outlive growth: the
// views it hands out stay valid as long as the arena, also after it is moved (a view into a
// growing std::string or vector would not). 200,000 object names then cost their own bytes, not
// a 32-byte std::string each.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace zd::scope {

class TextArena {
 public:
  TextArena() = default;
  // A moved-from arena is empty: it must not go on filling the block it gave away.
  TextArena(TextArena&& o) noexcept { *this = std::move(o); }
  TextArena& operator=(TextArena&& o) noexcept {
    if (this == &o) return *this;
    blocks_ = std::move(o.blocks_);
    o.blocks_.clear();
    next_ = std::exchange(o.next_, nullptr);
    free_ = std::exchange(o.free_, 0);
    return *this;
  }
  // A copy's views would still point into this arena.
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // A view of a copy of `text`, valid as long as the arena.
  std::string_view add(std::string_view text);

 private:
  // Large enough that the block list stays short, small enough for a tiny input.
  static constexpr size_t kBlock = 16 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;  // the free end of the last block
  size_t free_ = 0;       // bytes left there
};

}  // namespace zd::scope
