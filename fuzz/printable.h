// The fuzz target's "printable" oracle, in a header of its own so that a unit
// test (tests/unit/fuzz_printable_test.cpp) can show it catches what it must.
// Written apart from fn/yaml on purpose: an oracle sharing the writer's
// decoder would share its mistakes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zd::fuzz {

// Characters our output may not carry unescaped, which the writer must
// therefore escape. Returns "" when all is well, else what and where.
//   - YAML 1.2 c-printable excludes C0 (but TAB, LF, CR), DEL, C1 (but
//     U+0085), surrogates, U+FFFE/U+FFFF, and invalid UTF-8 (overlong
//     forms and lead bytes past U+10FFFF included);
//   - U+0085, U+2028 and U+2029 are printable to YAML 1.2 but line breaks to
//     YAML 1.1 readers (kubectl): raw, they would split a scalar there;
//   - U+FEFF is a byte-order mark to readers at a stream's start (and YAML
//     1.2 allows one before each document); the writer never
//     writes a BOM, so it is refused anywhere, the first character included.
inline std::string unprintable(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    auto at = [&](const char* what) { return std::string(what) + " at byte " + std::to_string(i); };
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        return at("C0 control or DEL");
      ++i;
      continue;
    }
    auto u = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return at("invalid UTF-8");
    for (size_t k = 1; k < n; ++k) {
      if ((u(k) & 0xC0) != 0x80) return at("invalid UTF-8");
    }
    // Overlong forms, and code points past U+10FFFF: RFC 3629 has neither.
    if ((c == 0xE0 && u(1) < 0xA0) || (c == 0xF0 && u(1) < 0x90) || (c == 0xF4 && u(1) >= 0x90) ||
        c > 0xF4) {
      return at("invalid UTF-8 (overlong or past U+10FFFF)");
    }
    if (c == 0xC2 && u(1) == 0x85) return at("raw U+0085 (a line break to YAML 1.1)");
    if (c == 0xC2 && u(1) < 0xA0) return at("C1 control (U+0080..U+009F)");
    if (c == 0xE2 && u(1) == 0x80 && (u(2) == 0xA8 || u(2) == 0xA9)) {
      return at("raw U+2028/U+2029 (a line break to YAML 1.1)");
    }
    if (c == 0xEF && u(1) == 0xBB && u(2) == 0xBF)
      return at("raw U+FEFF (read as a byte-order mark)");
    if (c == 0xEF && u(1) == 0xBF && (u(2) == 0xBE || u(2) == 0xBF)) return at("U+FFFE/U+FFFF");
    if (c == 0xED && u(1) >= 0xA0) return at("UTF-16 surrogate");
    i += n;
  }
  return "";
}

}  // namespace zd::fuzz
