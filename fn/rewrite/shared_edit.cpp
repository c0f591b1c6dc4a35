#include "rewrite/shared_edit.h"

#include <cstring>

namespace zd::rewrite {

namespace {

void set(yaml::Tree& t, yaml::NodeId object, const char* mapKey, const std::string& key,
         const std::string& text, yaml::Style style) {
  yaml::NodeId map = t.ensureMap(t.ensureMap(object, "metadata"), mapKey);
  yaml::NodeId cur = t.get(map, key);
  if (cur != yaml::kNone && !t.isMap(cur) && !t.isSeq(cur)) {
    t.setScalar(cur, text, style);
  } else {
    t.set(map, key, t.addScalar(text, style));
  }
}

}  // namespace

void redo(yaml::Tree& t, const SharedEdit& e) { set(t, e.object, e.map, e.key, e.text, e.style); }

void FinalEdits::add(const SharedEdit& e) {
  std::vector<Entry>& entries = byObject_[e.object];
  const std::string* key = intern(e.key);
  const std::string* text = intern(e.text);
  for (Entry& x : entries) {
    if (x.key == key && std::strcmp(x.map, e.map) == 0) {
      x.text = text;
      x.style = e.style;
      return;
    }
  }
  entries.push_back(Entry{e.map, key, text, e.style});
}

void FinalEdits::redo(yaml::Tree& t, yaml::NodeId object) const {
  auto it = byObject_.find(object);
  if (it == byObject_.end()) return;
  for (const Entry& e : it->second) set(t, object, e.map, *e.key, *e.text, e.style);
}

}  // namespace zd::rewrite
