#include "yaml/scalar_format.h"

#include <cctype>
#include <cstdint>
#include <string>

#include "yaml/utf8.h"

namespace zd::yaml {
namespace {

const char kHex[] = "0123456789ABCDEF";

// One non-ASCII character: its length in bytes, its code point, and whether
// every reader takes it raw.
struct Wide {
  size_t len;
  uint32_t cp;
  bool printable;
};

// Not printable: C1 controls (readers refuse them, and U+0085 is a line break
// to YAML 1.1), U+2028/U+2029 (line breaks to YAML 1.1), U+FEFF (a reader
// drops it as a byte-order mark at the start of a stream), U+FFFE/U+FFFF
// (not characters). A byte that is not UTF-8 counts as one character, the
// Latin-1 code point of that byte (yaml-cpp decoded `\N` and `\_` to lone
// bytes 0x85 and 0xA0; libyaml does not, but a tree can hold any bytes).
Wide wideAt(std::string_view s, size_t i) {
  size_t n = utf8Length(s, i);
  if (n == 0) return {1, static_cast<unsigned char>(s[i]), false};
  if (n == 4) return {4, 0, true};  // U+10000 and up: all printable, code point unused
  uint32_t cp = codePoint(s, i, n);
  if (n == 2) return {2, cp, cp >= 0xA0};
  return {3, cp, cp != 0x2028 && cp != 0x2029 && cp != 0xFEFF && cp < 0xFFFE};
}

bool isControl(unsigned char c) { return c < 0x20 || c == 0x7F; }

// True when every character of `s` may be written raw (TAB always, LF only
// when `allowNewline`): what single quotes and block scalars need.
bool allPrintable(std::string_view s, bool allowNewline) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      Wide w = wideAt(s, i);
      if (!w.printable) return false;
      i += w.len - 1;
    } else if (isControl(c) && c != '\t' && !(c == '\n' && allowNewline)) {
      return false;
    }
  }
  return true;
}

void appendHexEscape(uint32_t cp, std::string& out) {
  if (cp < 0x100) {
    out += "\\x";
  } else {
    out += "\\u";
    out += kHex[(cp >> 12) & 15];
    out += kHex[(cp >> 8) & 15];
  }
  out += kHex[(cp >> 4) & 15];
  out += kHex[cp & 15];
}

// U+0085 is written `\x85`, not `\N`: every reader decodes `\x85` alike,
// while yaml-cpp (the tests' independent reader) decodes `\N` to a lone byte.
void appendEscape(uint32_t cp, std::string& out) {
  switch (cp) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\0':
      out += "\\0";
      return;
    case 0x2028:
      out += "\\L";
      return;
    case 0x2029:
      out += "\\P";
      return;
    default:
      appendHexEscape(cp, out);
      return;
  }
}

}  // namespace

void appendDoubleQuoted(std::string_view s, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      Wide w = wideAt(s, i);
      if (w.printable) {
        out.append(s, i, w.len);
      } else {
        appendEscape(w.cp, out);
      }
      i += w.len - 1;
    } else if (isControl(c) || c == '"' || c == '\\') {
      appendEscape(c, out);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

bool appendSingleQuoted(std::string_view s, std::string& out) {
  if (!allPrintable(s, false)) return false;
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
  if (end == std::string_view::npos || !allPrintable(s, true)) return false;
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

// YAML 1.1 timestamps start `YYYY-M`: PyYAML reads `2024-01-02T03:04:05Z`
// or `2001-12-14 21:59:43.10 -5` as a datetime, not a string.
bool looksLikeTimestamp(std::string_view s) {
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  return digit(0) && digit(1) && digit(2) && digit(3) && s.size() > 5 && s[4] == '-' && digit(5);
}

// Would a YAML 1.1 or 1.2 reader (kubectl, PyYAML, yaml-cpp) type this
// plain text as something other than a string? Erring towards "yes" only
// costs a pair of quotes.
bool looksTyped(std::string_view s) {
  // `=` and `<<` are YAML 1.1's value and merge keys: PyYAML's safe loader
  // refuses them as plain values.
  static const char* const words[] = {"y",     "n",     "yes",  "no", "on",   "off",
                                      "true",  "false", "null", "~",  ".inf", "-.inf",
                                      "+.inf", ".nan",  "=",    "<<"};
  if (looksLikeTimestamp(s)) return true;
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

namespace {

bool isBlank(char c) { return c == ' ' || c == '\t'; }

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// `---` and `...` followed by a blank or the end are document markers at
// column 0. A scalar is written at column 0 only as a whole document, but
// refusing them everywhere keeps the rule simple.
bool isDocumentMarker(std::string_view s) {
  return (startsWith(s, "---") || startsWith(s, "...")) && (s.size() == 3 || isBlank(s[3]));
}

// U+00A0 is not whitespace to YAML, but at either end of a plain scalar it
// looks like a space that quotes would have to keep: quote it.
const std::string_view kNoBreakSpace = "\xC2\xA0";

// The first character: indicators cannot start a plain scalar, except `-`,
// `?` and `:` followed by a non-blank (`-1`, `::1`); in flow context PyYAML
// and go-yaml refuse even those for `?` and `:`.
bool plainStartReadsBack(std::string_view s, bool inFlow) {
  if (isDocumentMarker(s) || startsWith(s, kNoBreakSpace)) return false;
  switch (s[0]) {
    case '-':
      return s.size() > 1 && !isBlank(s[1]);
    case '?':
    case ':':
      return !inFlow && s.size() > 1 && !isBlank(s[1]);
    case ' ':
    case '\t':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '\'':
    case '"':
    case '%':
    case '@':
    case '`':
      return false;
    default:
      return true;
  }
}

// A reader drops trailing blanks, and a trailing `:` makes the text a key.
bool plainEndReadsBack(std::string_view s) {
  char last = s.back();
  return !isBlank(last) && last != ':' &&
         !(s.size() >= 2 && s.substr(s.size() - 2) == kNoBreakSpace);
}

// An ASCII character at s[i]: `: ` starts a value and ` #` a comment (a tab
// counts as a blank for both); in flow context `,[]{}` end the scalar, and so
// does `?` for PyYAML and go-yaml v2.
bool plainAsciiReadsBack(std::string_view s, size_t i, bool inFlow) {
  auto c = static_cast<unsigned char>(s[i]);
  switch (c) {
    case ':':
      return i + 1 < s.size() && !isBlank(s[i + 1]);
    case '#':
      return i > 0 && !isBlank(s[i - 1]);
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '?':
      return !inFlow;
    case '\t':
      return true;
    default:
      return !isControl(c);
  }
}

}  // namespace

// One pass over the bytes and no allocation: this runs on every scalar of
// inputs of hundreds of megabytes.
bool plainReadsBack(std::string_view s, bool inFlow) {
  if (s.empty() || !plainStartReadsBack(s, inFlow) || !plainEndReadsBack(s)) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      if (!plainAsciiReadsBack(s, i, inFlow)) return false;
      continue;
    }
    Wide w = wideAt(s, i);
    if (!w.printable) return false;
    i += w.len - 1;
  }
  return true;
}

namespace {

// What PyYAML and go-yaml both take in a tag: letters, digits and
// `-_.~*'()` `;/?:@&=+$` (no `#`: neither takes it), and in a verbatim
// `!<...>` also `,!` and `[]`, which would end a shorthand tag (`!` starts
// a named handle, the others end a flow node).
bool isTagChar(char c, bool verbatim) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  switch (c) {
    case '-':
    case '_':
    case '.':
    case '~':
    case '*':
    case '\'':
    case '(':
    case ')':
    case ';':
    case '/':
    case '?':
    case ':':
    case '@':
    case '&':
    case '=':
    case '+':
    case '$':
      return true;
    case ',':
    case '!':
    case '[':
    case ']':
      return verbatim;
    default:
      return false;
  }
}

void appendTagChars(std::string_view s, bool verbatim, std::string& out) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // The parser hands over tags with %XX already decoded, so a `%` here is a
    // literal one: written raw it would be decoded again on the next run.
    if (c != '%' && isTagChar(c, verbatim)) {
      out += c;
      continue;
    }
    auto b = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
}

}  // namespace

std::string tagSpelling(std::string_view tag) {
  constexpr std::string_view core = "tag:yaml.org,2002:";
  std::string out;
  if (startsWith(tag, core)) {
    if (tag.size() == core.size()) return out;
    out = "!!";
    appendTagChars(tag.substr(core.size()), false, out);
  } else if (startsWith(tag, "!")) {
    if (tag == "!" || tag == "!!") return out;
    out = "!";
    appendTagChars(tag.substr(1), false, out);
  } else if (!tag.empty()) {
    out = "!<";
    appendTagChars(tag, true, out);
    out += '>';
  }
  return out;
}

bool isNullSpelling(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

}  // namespace zd::yaml
