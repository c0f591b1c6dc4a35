// Byte-level checks done before parsing, with messages that name the
// character: invalid UTF-8, control characters, and the code points YAML 1.1
// and 1.2 readers disagree on (a raw NEL or LINE SEPARATOR is a line break to
// go-yaml and text to a YAML 1.2 reader), which no manifest needs raw.
#include <cstdint>
#include <cstring>

#include "yaml/parse.h"
#include "yaml/utf8.h"

namespace zd::yaml {
namespace {

std::string hexCodePoint(uint32_t cp) {
  const char* digits = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(cp >> shift) & 15];
  return out;
}

// Why a raw (unescaped) non-ASCII code point is refused, or "" if it is fine.
std::string refusedCodePoint(uint32_t cp) {
  std::string name = hexCodePoint(cp);
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
    return name +
           " is a line break to YAML 1.1 readers (kubectl) and text to YAML 1.2 ones; "
           "write it escaped in a double-quoted string";
  }
  if (cp >= 0x80 && cp <= 0x9F) {
    return "C1 control character " + name + " is not allowed raw in YAML text; escape it";
  }
  if (cp == 0xFFFE || cp == 0xFFFF) return "noncharacter " + name + " is not allowed in YAML text";
  return "";
}

// Eight bytes at s[i] that are all printable ASCII (0x20-0x7E): the common
// case, checked a word at a time because this runs over every input byte.
bool eightPrintable(std::string_view s, size_t i) {
  uint64_t w;
  std::memcpy(&w, s.data() + i, 8);
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  if (w & highs) return false;                       // non-ASCII
  if ((w - 0x20 * ones) & ~w & highs) return false;  // a byte below 0x20
  uint64_t del = w ^ (0x7F * ones);
  return ((del - ones) & ~del & highs) == 0;  // no 0x7F
}

std::string hexByte(unsigned char c) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

}  // namespace

std::optional<ParseError> checkBytes(std::string_view input, const Limits& limits) {
  if (input.size() > limits.maxInputBytes) {
    return ParseError{"input is " + std::to_string(input.size()) +
                          " bytes, more than the limit of " + std::to_string(limits.maxInputBytes) +
                          "; raise --max-input-bytes if this input is trusted",
                      kNoDocument, 0, 0};
  }
  // Lines are counted as libyaml counts them (LF, CR LF, lone CR), so both
  // kinds of error point at the same line; the document is left unsaid.
  const uint32_t document = kNoDocument;
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < input.size();) {
    if (i + 8 <= input.size() && eightPrintable(input, i)) {
      i += 8;
      column += 8;
      continue;
    }
    auto c = static_cast<unsigned char>(input[i]);
    if (c < 0x80) {
      bool allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0x7F);
      if (!allowed) {
        std::string what = c == 0 ? "a NUL byte" : "control character " + hexByte(c);
        return ParseError{what + " is not allowed in YAML text", document, line, column};
      }
      bool loneCr = c == '\r' && (i + 1 == input.size() || input[i + 1] != '\n');
      if (c == '\n' || loneCr) {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      ++i;
      continue;
    }
    size_t n = utf8Length(input, i);
    if (n == 0) {
      return ParseError{"invalid UTF-8 byte " + hexByte(c) + "; the input must be UTF-8", document,
                        line, column};
    }
    if (c == 0xC2 || c == 0xE2 || c == 0xEF) {  // the only lead bytes of refused code points
      std::string why = refusedCodePoint(codePoint(input, i, n));
      if (!why.empty()) return ParseError{why, document, line, column};
    }
    i += n;
    ++column;
  }
  return std::nullopt;
}

}  // namespace zd::yaml
