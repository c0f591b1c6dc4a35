#include "krm/config_json.h"

#include <cstdio>

namespace zd::krm {
namespace {

std::string escaped(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

Json Json::str(std::string s) {
  Json j;
  j.kind_ = Kind::String;
  j.text_ = std::move(s);
  return j;
}

Json Json::num(int64_t n) {
  Json j;
  j.kind_ = Kind::Number;
  j.text_ = std::to_string(n);
  return j;
}

Json Json::boolean(bool b) {
  Json j;
  j.kind_ = Kind::Bool;
  j.text_ = b ? "true" : "false";
  return j;
}

Json Json::array(std::vector<Json> items) {
  Json j;
  j.kind_ = Kind::Array;
  j.items_ = std::move(items);
  return j;
}

Json Json::strings(const std::vector<std::string>& items) {
  Json j = array();
  for (const std::string& s : items) j.push(str(s));
  return j;
}

Json Json::object() { return Json{}; }

Json& Json::set(const std::string& key, Json value) {
  keys_.push_back(key);
  items_.push_back(std::move(value));
  return *this;
}

Json& Json::merge(const Json& other) {
  for (size_t i = 0; i < other.keys_.size(); ++i) set(other.keys_[i], other.items_[i]);
  return *this;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  write(out, 0);
  return out + "\n";
}

void Json::write(std::string& out, int indent) const {
  if (kind_ == Kind::String) out += escaped(text_);
  if (kind_ == Kind::Number || kind_ == Kind::Bool) out += text_;
  if (kind_ != Kind::Array && kind_ != Kind::Object) return;
  const bool object = kind_ == Kind::Object;
  if (items_.empty()) {
    out += object ? "{}" : "[]";
    return;
  }
  const std::string pad(indent + 2, ' ');
  out += object ? "{\n" : "[\n";
  for (size_t i = 0; i < items_.size(); ++i) {
    out += pad;
    if (object) out += escaped(keys_[i]) + ": ";
    items_[i].write(out, indent + 2);
    out += i + 1 < items_.size() ? ",\n" : "\n";
  }
  out += std::string(indent, ' ') + (object ? "}" : "]");
}

}  // namespace zd::krm
