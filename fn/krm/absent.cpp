#include "krm/absent.h"

#include "yaml/scalar_format.h"

namespace zd::krm {

using yaml::NodeId;

bool isAbsent(const yaml::Tree& t, NodeId n) {
  if (n == yaml::kNone || t.kind(n) == yaml::Kind::Null) return true;
  if (!t.isScalar(n)) return false;
  // `!!str null` is the string "null"; only an untagged plain one is null.
  if (t.node(n).tagged) return t.tagOf(n) == "tag:yaml.org,2002:null";
  if (t.node(n).style != yaml::Style::Plain) return false;
  return yaml::isNullSpelling(t.str(n));
}

NodeId field(const yaml::Tree& t, NodeId map, std::string_view key) {
  NodeId v = t.get(map, key);
  return isAbsent(t, v) ? yaml::kNone : v;
}

NodeId field(const yaml::Tree& t, NodeId map, std::initializer_list<std::string_view> path) {
  NodeId cur = map;
  for (std::string_view key : path) {
    cur = field(t, cur, key);
    if (cur == yaml::kNone) break;
  }
  return cur;
}

uint32_t presentFields(const yaml::Tree& t, NodeId map) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < t.mapSize(map); ++i) n += isAbsent(t, t.valueAt(map, i)) ? 0 : 1;
  return n;
}

}  // namespace zd::krm
