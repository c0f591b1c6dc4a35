#include "rewrite/read_values.h"

#include "krm/envelope.h"
#include "krm/value_parse.h"

namespace zd::rewrite {

using yaml::NodeId;

Reader::Reader(const yaml::Tree& tree, NodeId object, std::vector<krm::Result>& errors)
    : t_(tree), object_(object), errors_(errors) {}

void Reader::error(const std::string& path, const std::string& message) {
  krm::Result r;
  r.severity = krm::Severity::Error;
  r.resource = krm::refOf(t_, object_);
  r.fieldPath = path;
  r.message = "`" + path + "` " + message;
  errors_.push_back(std::move(r));
}

std::optional<int64_t> Reader::count(NodeId node, const std::string& path) {
  if (node == yaml::kNone || t_.kind(node) == yaml::Kind::Null) return std::nullopt;
  std::string text(t_.str(node));
  if (!t_.isScalar(node) || t_.isString(node)) {
    error(path, t_.isScalar(node) ? "must be an integer, not the string \"" + text + "\""
                                  : "must be an integer, not a map or list");
    return std::nullopt;
  }
  auto v = krm::parseCount(text, krm::kMaxSetting);
  if (!v) error(path, "must be a whole number from 0 to " + std::to_string(krm::kMaxSetting) + ", not " + text);
  return v;
}

std::optional<int64_t> Reader::countText(std::string_view text, const std::string& path) {
  auto v = krm::parseCount(text, krm::kMaxSetting);
  if (!v) {
    error(path, "must be a whole number of seconds or a count written as a string such as \"30\", not \"" +
                    std::string(text) + "\"");
  }
  return v;
}

std::optional<timing::IntOrPercent> Reader::intOrPercent(NodeId node, const std::string& path) {
  if (node == yaml::kNone || t_.kind(node) == yaml::Kind::Null) return std::nullopt;
  std::string text(t_.str(node));
  auto v = t_.isScalar(node) ? krm::parseIntOrPercent(text) : std::nullopt;
  if (!v || (t_.isString(node) && !v->percent) || (!t_.isString(node) && v->percent)) {
    error(path, "must be an integer or a percentage string such as \"25%\", not " +
                    (t_.isScalar(node) ? "\"" + text + "\"" : std::string("a map or list")));
    return std::nullopt;
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> parseStringMap(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string item;
  auto flush = [&] {
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    std::string trimmed = b == std::string::npos ? "" : item.substr(b, e - b + 1);
    item.clear();
    if (trimmed.empty()) return;
    size_t eq = trimmed.find('=');
    std::string k = trimmed.substr(0, eq), v = eq == std::string::npos ? "" : trimmed.substr(eq + 1);
    auto trim = [](std::string s) {
      size_t x = s.find_first_not_of(' '), y = s.find_last_not_of(' ');
      return x == std::string::npos ? std::string() : s.substr(x, y - x + 1);
    };
    k = trim(k);
    v = trim(v);
    for (auto& kv : out) {
      if (kv.first == k) {  // a later duplicate wins, as in the controller
        kv.second = v;
        return;
      }
    }
    out.emplace_back(k, v);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ',') {
      item += "\\,";
      ++i;
    } else if (text[i] == ',') {
      flush();
    } else {
      item += text[i];
    }
  }
  flush();
  return out;
}

std::string formatStringMap(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out;
  for (const auto& [k, v] : items) {
    if (!out.empty()) out += ',';
    out += k + "=" + v;
  }
  return out;
}

}  // namespace zd::rewrite
