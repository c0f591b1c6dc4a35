#include "yaml/plain_type.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include "yaml/scalar_format.h"

namespace zd::yaml {

namespace {

bool allOf(std::string_view s, std::string_view digits) {
  return !s.empty() && s.find_first_not_of(digits) == std::string_view::npos;
}

// The spellings go-yaml v2 looks up before anything else (its resolve map).
bool inResolveMap(std::string_view s) {
  static const char* const words[] = {"y",     "Y",     "yes",   "Yes",   "YES",   "on",    "On",
                                      "ON",    "n",     "N",     "no",    "No",    "NO",    "off",
                                      "Off",   "OFF",   "true",  "True",  "TRUE",  "false", "False",
                                      "FALSE", ".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",
                                      "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<"};
  return isNullSpelling(s) ||
         std::any_of(std::begin(words), std::end(words), [&](const char* w) { return s == w; });
}

// Go's strconv.ParseInt/ParseUint with base 0, range aside: a sign, then 0x, 0o, 0b or a leading
// 0 (octal), or decimal digits.
bool goInteger(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  auto prefixed = [&](char lower) {
    return s.size() > 1 && s[0] == '0' && std::tolower(static_cast<unsigned char>(s[1])) == lower;
  };
  if (prefixed('x')) return allOf(s.substr(2), "0123456789abcdefABCDEF");
  if (prefixed('o')) return allOf(s.substr(2), "01234567");
  if (prefixed('b')) return allOf(s.substr(2), "01");
  if (s.size() > 1 && s[0] == '0') return allOf(s.substr(1), "01234567");
  return allOf(s, "0123456789");
}

bool yamlStyleFloat(const std::string& s) {
  static const std::regex re("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  return std::regex_match(s, re);
}

// go-yaml v2 tries a timestamp on any plain scalar that opens with four digits and a dash; the
// layouts it accepts, loosely (a near miss reads as typed, which only makes a check stricter).
bool timestamp(const std::string& s) {
  static const std::regex re(
      "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
      "([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$");
  return std::regex_match(s, re);
}

// Go's strconv.ParseFloat on what starts with a dot: digits, an optional exponent.
bool dotFloat(const std::string& s) {
  static const std::regex re("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
  return std::regex_match(s, re);
}

}  // namespace

bool plainIsString(std::string_view text) {
  if (inResolveMap(text)) return false;
  const char first = text[0];
  if (first == '.') return !dotFloat(std::string(text));
  const bool numeric = (first >= '0' && first <= '9') || first == '+' || first == '-';
  if (!numeric) return true;
  if (timestamp(std::string(text))) return false;
  std::string plain(text);
  plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
  return !goInteger(plain) && !yamlStyleFloat(plain);
}

}  // namespace zd::yaml
