// Message text the timing model and explain both build: one way to join numbers and words.
// Appends to one string, as an ostream would print each piece (integers in decimal, floating
// point as %g, bool as 1 or 0), without an ostream: constructing one per message took a tenth of
// a large run.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>

namespace zd::timing {

namespace detail {

inline void append(std::string& out, std::string_view s) { out += s; }
inline void append(std::string& out, char c) { out += c; }

template <typename T>
std::enable_if_t<std::is_arithmetic_v<T>> append(std::string& out, T v) {
  if constexpr (std::is_same_v<T, bool>) {
    out += v ? '1' : '0';
  } else if constexpr (std::is_floating_point_v<T>) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
    out += buf;
  } else {
    out += std::to_string(v);
  }
}

}  // namespace detail

template <typename... Args>
std::string cat(const Args&... args) {
  std::string s;
  (detail::append(s, args), ...);
  return s;
}

}  // namespace zd::timing
