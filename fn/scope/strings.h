// Small string tests the scope files share.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace zd::scope {

inline bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A port written as a number ("8080") rather than a name ("http").
inline bool isPortNumber(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace zd::scope
