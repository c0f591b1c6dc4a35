#include "rewrite/string_map.h"

#include <unordered_map>

#include "yaml/utf8.h"

namespace zd::rewrite {

namespace {

// Go's unicode.IsSpace.
bool isSpace(uint32_t c) {
  switch (c) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

// Length of the white-space character starting at s[i], 0 if there is none.
// Bytes that are not UTF-8 are no white space, as in Go.
size_t spaceAt(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return isSpace(c) ? 1 : 0;
  size_t n = yaml::utf8Length(s, i);
  return n != 0 && isSpace(yaml::codePoint(s, i, n)) ? n : 0;
}

// Length of the white-space character ending at s[end - 1], 0 if none.
size_t spaceBefore(std::string_view s, size_t end) {
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t n = spaceAt(s, start);
  return start + n == end ? n : 0;
}

// Offset just past the last character that is not white space.
size_t contentEnd(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t n = spaceBefore(s, end);
    if (n == 0) break;
    end -= n;
  }
  return end;
}

// One item as it stands in the annotation's text.
struct Span {
  size_t begin, end;
  // The controller's malformed tail (a comma, then text without `=`): it
  // keeps that text trimmed but not unescaped.
  bool verbatim = false;
};

// splitKeyValuePairs, as offsets into `s`. A comma splits only when an `=`
// follows somewhere; one followed by blanks alone stays in the last item.
// The tests it makes at each comma are answered from two offsets found
// once, so a long annotation costs linear time (the controller's loop is
// quadratic; the answers are the same).
std::vector<Span> splitItems(std::string_view s, bool& trailingComma) {
  std::vector<Span> out;
  const size_t lastEq = s.rfind('='), end = contentEnd(s);
  size_t begin = 0;
  trailingComma = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      continue;
    }
    if (s[i] != ',') continue;
    if (lastEq != std::string_view::npos && lastEq > i) {
      out.push_back({begin, i});
      begin = i + 1;
    } else if (i + 1 < end) {
      out.push_back({begin, i});
      std::string_view rest = trimSpace(s.substr(i + 1));
      size_t at = static_cast<size_t>(rest.data() - s.data());
      out.push_back({at, at + rest.size(), true});
      return out;
    } else {
      trailingComma = true;
    }
  }
  if (begin < s.size()) out.push_back({begin, s.size()});
  return out;
}

// A backslash keeps the next byte as it is; a last lone backslash stays.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i];
  }
  return out;
}

// Text for a message on one line: quoted, line breaks and tabs spelled out.
std::string shown(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string itemText(std::string_view text, const Span& sp) {
  std::string_view raw = text.substr(sp.begin, sp.end - sp.begin);
  return std::string(trimSpace(sp.verbatim ? std::string(raw) : unescape(raw)));
}

// Why the controller refuses one item, or "".
std::string badItem(const std::string& item) {
  if (item.empty()) {
    return "an empty item (a comma at the start, two commas in a row, or nothing but blanks)";
  }
  size_t eq = item.find('=');
  if (eq == std::string::npos) return "the item " + shown(item) + " has no `=`";
  if (trimSpace(std::string_view(item).substr(0, eq)).empty()) {
    return "the item " + shown(item) + " has no key before its `=`";
  }
  return "";
}

bool hasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// What goes between the last item and a new one: what already stands
// between the last two items, else a comma (and a line break in a block).
std::string separator(std::string_view text, const std::vector<Span>& items) {
  if (items.size() >= 2) {
    const Span& prev = items[items.size() - 2];
    const Span& last = items.back();
    size_t from = prev.begin + contentEnd(text.substr(prev.begin, prev.end - prev.begin));
    std::string_view lastText = text.substr(last.begin, last.end - last.begin);
    size_t to = last.begin + static_cast<size_t>(trimSpace(lastText).data() - lastText.data());
    return std::string(text.substr(from, to - from));
  }
  if (text.find("\r\n") != std::string_view::npos) return ",\r\n";
  return hasLineBreak(text) ? ",\n" : ",";
}

}  // namespace

std::string_view trimSpace(std::string_view s) {
  size_t begin = 0, end = contentEnd(s);
  while (begin < end) {
    size_t n = spaceAt(s, begin);
    if (n == 0) break;
    begin += n;
  }
  return s.substr(begin, end - begin);
}

StringMap parseStringMap(std::string_view text) {
  StringMap m;
  bool trailingComma = false;
  std::unordered_map<std::string, size_t> index;
  std::string last;
  for (const Span& sp : splitItems(text, trailingComma)) {
    last = itemText(text, sp);
    if (std::string bad = badItem(last); !bad.empty()) {
      m.items.clear();
      m.invalid = bad;
      return m;
    }
    std::string_view item = last;
    size_t eq = item.find('=');
    std::string key(trimSpace(item.substr(0, eq))), value(trimSpace(item.substr(eq + 1)));
    auto [at, added] = index.emplace(key, m.items.size());
    if (added) {
      m.items.emplace_back(key, value);
    } else {
      m.items[at->second].second = value;  // a later duplicate wins, as in the controller
    }
  }
  if (trailingComma) m.endsWithComma = last;
  return m;
}

std::string stringMapRefusal(const StringMap& m) {
  if (!m.invalid.empty()) {
    return "cannot be read by the AWS Load Balancer Controller, which then fails to reconcile the "
           "Ingress: " +
           m.invalid +
           "; write key=value items separated by commas (`\\,` for a comma inside a value)";
  }
  if (!m.endsWithComma.empty()) {
    return "ends with a comma, which the AWS Load Balancer Controller keeps as part of the last "
           "item (" +
           shown(m.endsWithComma) +
           "); remove the comma, or write it `\\,` if the value really ends with one";
  }
  for (const auto& [key, value] : m.items) {
    if (hasLineBreak(key) || hasLineBreak(value)) {
      return "has an item across lines: the AWS Load Balancer Controller splits items only at "
             "commas, so it reads the key " +
             shown(key) + " with the value " + shown(value) +
             ", which AWS does not take; end every line but the last with a comma";
    }
  }
  return "";
}

std::string withStringMapValue(std::string_view text, const std::string& key,
                               const std::string& value) {
  bool trailingComma = false;
  std::vector<Span> items = splitItems(text, trailingComma);
  // The controller keeps the last duplicate: that is the one to change.
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    std::string_view raw = text.substr(it->begin, it->end - it->begin);
    // The first `=` of the text is the first of the unescaped item (an
    // escape drops the backslash, never an `=`), escaped or not: `k\=x=1`
    // is the key "k" with the value "x=1" to the controller.
    size_t eq = raw.find('=');
    if (eq == std::string_view::npos) continue;
    std::string item = unescape(raw);
    if (trimSpace(std::string_view(item).substr(0, item.find('='))) != key) continue;
    std::string_view after = raw.substr(eq + 1), old = trimSpace(after);
    size_t from = it->begin + eq + 1;
    if (!old.empty()) from += static_cast<size_t>(old.data() - after.data());
    return std::string(text.substr(0, from)) + value + std::string(text.substr(from + old.size()));
  }
  size_t end = contentEnd(text);
  std::string out(text.substr(0, end));
  if (!out.empty()) out += separator(text, items);
  out += key + "=" + value;
  out += text.substr(end);
  return out;
}

}  // namespace zd::rewrite
