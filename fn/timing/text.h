// Message text the timing model and explain both build: one way to join numbers and words.
#pragma once

#include <sstream>
#include <string>

namespace zd::timing {

template <typename... Args>
std::string cat(const Args&... args) {
  std::ostringstream s;
  (s << ... << args);
  return s.str();
}

}  // namespace zd::timing
