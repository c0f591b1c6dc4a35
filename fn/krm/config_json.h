// A small ordered JSON value and its writer, for the generated schemas (krm/config_schema.h):
// keys keep the order they are set in, so a regenerated file differs only where the table does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zd::krm {

class Json {
 public:
  static Json str(std::string s);
  static Json num(int64_t n);
  static Json boolean(bool b);
  static Json array(std::vector<Json> items = {});
  static Json strings(const std::vector<std::string>& items);
  static Json object();

  // Object: appends `key` (callers set each key once). Returns *this, for chaining.
  Json& set(const std::string& key, Json value);
  // Object: appends every member of object `other`, in its order.
  Json& merge(const Json& other);
  // Array: appends.
  Json& push(Json value);

  // Two-space indent, one member per line, a newline at the end.
  std::string dump() const;

 private:
  enum class Kind { String, Number, Bool, Array, Object } kind_ = Kind::Object;
  std::string text_;  // String: the text; Number and Bool: the literal
  std::vector<std::string> keys_;
  std::vector<Json> items_;  // Array items, or Object values beside keys_

  void write(std::string& out, int indent) const;
};

}  // namespace zd::krm
