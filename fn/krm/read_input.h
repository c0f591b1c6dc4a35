// Reading the input with a size limit: a hostile or mistaken stdin of
// gigabytes must be refused without being held in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace zd::krm {

enum class ReadStatus { Ok, TooLarge, Failed };

// Reads `in` to its end into `out`. An input over `limit` bytes is refused
// (TooLarge) as soon as that is known: at once for a regular file of that
// size, after limit + 1 bytes for a pipe, and `out` never grows past that.
// Failed: a read error, which must never pass for the end of the input.
ReadStatus readLimited(std::FILE* in, uint64_t limit, std::string& out);

}  // namespace zd::krm
