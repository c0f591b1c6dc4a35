// UTF-8 decoding shared by the input checks and the writer, which must agree
// on what a valid sequence is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zd::yaml {

// Length of the UTF-8 sequence starting at the non-ASCII byte s[i]; 0 when
// the bytes there are not UTF-8 (overlong, surrogate, above U+10FFFF, cut short).
size_t utf8Length(std::string_view s, size_t i);

// Code point of the valid sequence of length `n` (2 to 4) at s[i].
uint32_t codePoint(std::string_view s, size_t i, size_t n);

}  // namespace zd::yaml
