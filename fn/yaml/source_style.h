// yaml-cpp's events say only "plain" or "not plain"; the source text at the
// event's mark tells which quoting or block style the author used.
#pragma once

#include <cstddef>
#include <string_view>

#include "yaml/tree.h"

namespace zd::yaml {

// Style of the non-plain scalar starting at byte `pos` of `src`.
Style scalarStyleAt(std::string_view src, size_t pos);

// How a null was spelled at `pos`: "~", "null", "Null", "NULL", or "" (empty).
std::string_view nullSpelling(std::string_view src, size_t pos);

}  // namespace zd::yaml
