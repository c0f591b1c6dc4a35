#include "adapters/new_object.h"

#include "yaml/scalar_format.h"

namespace zd::adapters {

yaml::NodeId textNode(yaml::Tree& t, std::string_view text) {
  return t.addScalar(text, yaml::stringStyle(text));
}

yaml::NodeId newObject(yaml::Tree& t, std::string_view apiVersion, std::string_view kind,
                       const std::string& name, const std::string& ns) {
  yaml::NodeId obj = t.addContainer(yaml::Kind::Map);
  t.set(obj, "apiVersion", textNode(t, apiVersion));
  t.set(obj, "kind", textNode(t, kind));
  yaml::NodeId md = t.ensureMap(obj, "metadata");
  t.set(md, "name", textNode(t, name));
  if (!ns.empty()) t.set(md, "namespace", textNode(t, ns));
  return obj;
}

std::string freeName(const std::map<std::string, size_t>& taken, std::string_view ns,
                     std::string_view base) {
  std::string name(base);
  for (int n = 2; taken.count(scope::nsKey(ns, name)); ++n)
    name = std::string(base) + "-" + std::to_string(n);
  return name;
}

size_t indexNew(scope::ObjectIndex& idx, scope::ObjectKind kind, yaml::NodeId obj,
                const std::string& ns, const std::string& name) {
  scope::ObjectInfo info;
  info.kind = kind;
  info.created = true;
  info.node = obj;
  info.ns = idx.text.add(ns);
  info.name = idx.text.add(name);
  idx.objects.push_back(info);
  return idx.objects.size() - 1;
}

}  // namespace zd::adapters
