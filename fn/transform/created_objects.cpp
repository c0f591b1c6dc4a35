#include "transform/created_objects.h"

#include <algorithm>
#include <set>
#include <string>

#include "adapters/registry.h"
#include "yaml/scalar_format.h"

namespace zd::transform {

namespace {

const adapters::Door& doorOf(const krm::Config& config, const scope::Binding& b) {
  return adapters::doorsOf(config.preset(b.lb).preset)[b.door];
}

// kpt writes each item to the file its path annotation names, at its index there; a new item
// without one gets a file of its own (<namespace>/<kind>_<name>.yaml). The created object goes
// into its Service's file instead, after the last item there, under each path key the Service
// carries (kpt's current internal.config.kubernetes.io/ and its older config.kubernetes.io/).
// `placed`: the objects created before, which may have taken indexes in the same file.
void placeBeside(yaml::Tree& t, const krm::Envelope& env, const scope::ObjectIndex& idx,
                 const Created& c, const std::vector<yaml::NodeId>& placed) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"internal.config.kubernetes.io/path", "internal.config.kubernetes.io/index"},
      {"config.kubernetes.io/path", "config.kubernetes.io/index"}};
  auto annotation = [&](yaml::NodeId obj, const char* key) {
    return t.at(obj, {"metadata", "annotations", key});
  };
  const yaml::NodeId svc = idx.objects[c.service].node, obj = idx.objects[c.object].node;
  for (const auto& [pathKey, indexKey] : kKeys) {
    const yaml::NodeId path = annotation(svc, pathKey);
    if (!t.isScalar(path)) continue;
    int64_t last = -1;
    auto see = [&](yaml::NodeId item) {
      if (t.str(annotation(item, pathKey)) != t.str(path)) return;
      const std::string index(t.str(annotation(item, indexKey)));
      if (!index.empty() && index.size() < 10 &&
          index.find_first_not_of("0123456789") == std::string::npos)
        last = std::max<int64_t>(last, std::stoll(index));
    };
    for (yaml::NodeId item : env.objects) see(item);
    for (yaml::NodeId item : placed) see(item);
    const std::string file(t.str(path)), next = std::to_string(last + 1);
    const yaml::NodeId ann = t.ensureMap(t.ensureMap(obj, "metadata"), "annotations");
    t.set(ann, pathKey, t.addScalar(file, yaml::stringStyle(file)));
    t.set(ann, indexKey, t.addScalar(next, yaml::Style::Single));
  }
}

}  // namespace

std::vector<Created> createMissing(yaml::Tree& t, scope::ObjectIndex& idx,
                                   const scope::Graph& graph, const krm::Config& config) {
  std::vector<Created> out;
  std::set<std::pair<size_t, const void*>> done;  // (Service, the door's create)
  for (const scope::Target& target : graph.targets) {
    for (const scope::Binding& b : *target.bindings) {
      const adapters::LbSettings& s = doorOf(config, b).settings();
      if (!s.create || idx.objects[b.frontDoor].skip) continue;
      if (!done.insert({b.service, reinterpret_cast<const void*>(s.create)}).second) continue;
      if (auto made = s.create(t, idx, b, config.preset(b.lb)))
        out.push_back({*made, b.service, s.createdWhy});
    }
  }
  return out;
}

bool written(const yaml::Tree& t, const scope::ObjectIndex& idx, const Created& c) {
  yaml::NodeId spec = t.get(idx.objects[c.object].node, "spec");
  return t.isMap(spec) && t.mapSize(spec) > 1;
}

void reportCreated(yaml::Tree& t, const krm::Envelope& env, const scope::ObjectIndex& idx,
                   const std::vector<Created>& created, bool add, bool check,
                   std::vector<krm::Result>& results) {
  std::vector<yaml::NodeId> placed;
  for (const Created& c : created) {
    if (!written(t, idx, c)) continue;
    const yaml::NodeId obj = idx.objects[c.object].node;
    krm::Result r;
    r.severity = krm::Severity::Info;
    r.resource = krm::refOf(t, obj);
    const std::string svc = "Service \"" + std::string(idx.objects[c.service].name) + "\"";
    r.message =
        check ? "missing: would be created for " + svc + " with the values below (" + c.why + ")"
              : "created for " + svc + ": " + c.why;
    r.proposed = krm::ShownValue{check ? "to be created" : "created", true};
    results.push_back(std::move(r));
    if (!add) continue;
    placeBeside(t, env, idx, c, placed);
    placed.push_back(obj);
    if (env.isResourceList) {
      t.push(t.get(env.root, "items"), obj);
    } else {
      t.docs().push_back(obj);
    }
  }
}

bool anySettingsPerService(const scope::Graph& graph, const krm::Config& config) {
  for (const scope::Target& target : graph.targets) {
    for (const scope::Binding& b : *target.bindings) {
      if (doorOf(config, b).frontDoor().settingsPerService) return true;
    }
  }
  return false;
}

}  // namespace zd::transform
