// Byte-level checks done before parsing: yaml-cpp would otherwise accept
// invalid UTF-8 or control characters and pass them through silently.
#include <cstdint>

#include "yaml/parse.h"

namespace zd::yaml {
namespace {

// Length of the UTF-8 sequence starting at s[i], 0 if it is invalid.
size_t utf8Length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string hexByte(unsigned char c) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

}  // namespace

std::optional<ParseError> checkBytes(std::string_view input, const Limits& limits) {
  if (input.size() > limits.maxInputBytes) {
    return ParseError{"input is " + std::to_string(input.size()) + " bytes, more than the limit of " +
                          std::to_string(limits.maxInputBytes) +
                          "; raise --max-input-bytes if this input is trusted",
                      0, 0, 0};
  }
  uint32_t line = 1, column = 1, document = 0;
  for (size_t i = 0; i < input.size();) {
    auto c = static_cast<unsigned char>(input[i]);
    if (c < 0x80) {
      bool allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F);
      if (!allowed) {
        std::string what = c == 0 ? "a NUL byte" : "control character " + hexByte(c);
        return ParseError{what + " is not allowed in YAML text", document, line, column};
      }
      if (c == '\n') {
        ++line;
        column = 1;
        if (input.compare(i + 1, 3, "---") == 0) ++document;
      } else {
        ++column;
      }
      ++i;
      continue;
    }
    size_t n = utf8Length(input, i);
    if (n == 0) {
      return ParseError{"invalid UTF-8 byte " + hexByte(c) + "; the input must be UTF-8",
                        document, line, column};
    }
    i += n;
    ++column;
  }
  return std::nullopt;
}

}  // namespace zd::yaml
