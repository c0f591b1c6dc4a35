// Reading the input with a size limit: a hostile or mistaken stdin of
// gigabytes must be refused without being held in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace zd::krm {

// Reads `in` to its end into `out`, or up to the limit plus one byte: a
// larger input is refused (false) without being held in memory.
bool readLimited(std::FILE* in, uint64_t limit, std::string& out);

}  // namespace zd::krm
