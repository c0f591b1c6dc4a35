// Each distinct string once, numbered in the order first seen: a ResultStore names a million
// results' messages, names and values by these numbers.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "krm/id_set.h"
#include "yaml/chunked.h"

namespace zd::krm {

// "" is number 0. The characters are copied into chunks that never move, so a string's view stays
// valid while the table grows and after it is moved; a string costs its characters and about 24
// bytes (its view, its slot), where a deque of std::string with an unordered_map over them cost
// about 90.
class StringTable {
 public:
  StringTable() { id(""); }
  uint32_t id(std::string_view s);
  std::string_view at(uint32_t id) const { return views_[id]; }
  size_t size() const { return views_.size(); }

 private:
  std::string_view keep(std::string_view s);

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;  // the free end of the last chunk
  size_t free_ = 0;       // and how many bytes are left there
  yaml::Chunked<std::string_view> views_;
  IdSet ids_;
};

}  // namespace zd::krm
