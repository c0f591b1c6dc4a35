#include "yaml/source_style.h"

#include <cctype>

namespace zd::yaml {
namespace {

bool endsToken(std::string_view src, size_t pos) {
  if (pos >= src.size()) return true;
  char c = src[pos];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ']' || c == '}' ||
         c == '#';
}

// Marks of anchored or tagged nodes point at the `&anchor` / `!tag`.
size_t skipProperties(std::string_view src, size_t pos) {
  while (pos < src.size() && (src[pos] == '&' || src[pos] == '!')) {
    while (pos < src.size() && !std::isspace(static_cast<unsigned char>(src[pos]))) ++pos;
    while (pos < src.size() && std::isspace(static_cast<unsigned char>(src[pos]))) ++pos;
  }
  return pos;
}

}  // namespace

Style scalarStyleAt(std::string_view src, size_t pos) {
  pos = skipProperties(src, pos);
  if (pos >= src.size()) return Style::Plain;
  switch (src[pos]) {
    case '\'':
      return Style::Single;
    case '|':
      return Style::Literal;
    case '>':
      return Style::Folded;
    case '"':
      return Style::Double;
    default:
      return Style::Plain;  // a plain scalar with an explicit tag (`!!str 123`)
  }
}

std::string_view nullSpelling(std::string_view src, size_t pos) {
  pos = skipProperties(src, pos);
  for (std::string_view word : {"~", "null", "Null", "NULL"}) {
    if (src.substr(pos, word.size()) == word && endsToken(src, pos + word.size())) return word;
  }
  return "";
}

}  // namespace zd::yaml
