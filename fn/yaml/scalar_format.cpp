#include "yaml/scalar_format.h"

#include <cctype>
#include <string>

namespace zd::yaml {
namespace {

const char kHex[] = "0123456789ABCDEF";

// U+0085, U+2028, U+2029 are line breaks to YAML 1.1 readers, and U+FEFF a
// byte-order mark: spell them as escapes so no reader misreads them.
size_t specialUnicode(std::string_view s, size_t i, const char** escape) {
  auto u = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (u(0) == 0xC2 && i + 1 < s.size() && u(1) == 0x85) {
    *escape = "\\N";
    return 2;
  }
  if (u(0) == 0xE2 && i + 2 < s.size() && u(1) == 0x80 && (u(2) == 0xA8 || u(2) == 0xA9)) {
    *escape = u(2) == 0xA8 ? "\\L" : "\\P";
    return 3;
  }
  if (u(0) == 0xEF && i + 2 < s.size() && u(1) == 0xBB && u(2) == 0xBF) {
    *escape = "\\uFEFF";
    return 3;
  }
  return 0;
}

bool isControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

bool hasSpecial(std::string_view s, bool allowNewline) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' && allowNewline) continue;
    if (c == '\t') continue;
    if (isControl(c)) return true;
    const char* esc;
    if (c >= 0x80 && specialUnicode(s, i, &esc) != 0) return true;
  }
  return false;
}

}  // namespace

void appendDoubleQuoted(std::string_view s, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      case '\0': out += "\\0"; continue;
      default: break;
    }
    if (isControl(c)) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    const char* esc;
    if (size_t n = c >= 0x80 ? specialUnicode(s, i, &esc) : 0) {
      out += esc;
      i += n - 1;
      continue;
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

bool appendSingleQuoted(std::string_view s, std::string& out) {
  if (hasSpecial(s, false) || s.find('\n') != std::string_view::npos) return false;
  out += '\'';
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return true;
}

bool appendLiteral(std::string_view s, int indent, bool allowIndicator, std::string& out) {
  size_t end = s.find_last_not_of('\n');
  if (end == std::string_view::npos || hasSpecial(s, true)) return false;
  std::string_view body = s.substr(0, end + 1);
  size_t trailing = s.size() - body.size();
  // A whitespace-only line, or one ending in a tab, is where block scalars
  // and their readers disagree most; quotes are exact.
  for (size_t pos = 0; pos <= body.size();) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!line.empty() && line.find_first_not_of(" \t") == std::string_view::npos) return false;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  size_t first = body.find_first_not_of('\n');
  bool needsIndicator = body[first] == ' ' || body[first] == '\t';
  if (needsIndicator && !allowIndicator) return false;
  out += '|';
  if (needsIndicator) out += '2';
  out += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
  out += '\n';
  for (size_t pos = 0; pos <= body.size();) {
    size_t nl = body.find('\n', pos);
    std::string_view line = body.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    if (!line.empty()) out.append(static_cast<size_t>(indent), ' ').append(line);
    out += '\n';
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  for (size_t i = 1; i < trailing; ++i) out += '\n';
  return true;
}

namespace {

// Would a YAML 1.1 or 1.2 reader (kubectl, PyYAML, yaml-cpp) type this
// plain text as something other than a string? Erring towards "yes" only
// costs a pair of quotes.
bool looksTyped(std::string_view s) {
  static const char* const words[] = {"y", "n", "yes", "no", "on", "off", "true", "false", "null",
                                      "~", ".inf", "-.inf", "+.inf", ".nan"};
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : words) {
    if (lower == w) return true;
  }
  // Anything made only of digits, signs, dots, exponents, underscores,
  // colons (sexagesimal) and hex/octal/binary markers may be a number.
  return s.find_first_not_of("0123456789+-._:eExXoObBabcdefABCDEF") == std::string_view::npos &&
         s.find_first_of("0123456789") != std::string_view::npos;
}

}  // namespace

Style stringStyle(std::string_view s) {
  return plainReadsBack(s) && !looksTyped(s) ? Style::Plain : Style::Double;
}

bool plainReadsBack(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  if (hasSpecial(s, false) || s.find('\n') != std::string_view::npos) return false;
  switch (s.front()) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}':
    case '#': case '&': case '*': case '!': case '|': case '>': case '\'': case '"':
    case '%': case '@': case '`':
      return s.size() > 1 && (s.front() == '-' || s.front() == '?' || s.front() == ':') &&
             s[1] != ' ' && s.find(": ") == std::string_view::npos &&
             s.find(" #") == std::string_view::npos;
    default:
      return s.find(": ") == std::string_view::npos && s.find(" #") == std::string_view::npos &&
             s.back() != ':';
  }
}

}  // namespace zd::yaml
