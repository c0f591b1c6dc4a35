#include "transform/created_objects.h"

#include <set>

#include "adapters/registry.h"

namespace zd::transform {

namespace {

const adapters::Door& doorOf(const krm::Config& config, const scope::Binding& b) {
  return adapters::doorsOf(config.preset(b.lb).preset)[b.door];
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
                   const std::vector<Created>& created, bool add,
                   std::vector<krm::Result>& results) {
  for (const Created& c : created) {
    if (!written(t, idx, c)) continue;
    const yaml::NodeId obj = idx.objects[c.object].node;
    krm::Result r;
    r.severity = krm::Severity::Info;
    r.resource = krm::refOf(t, obj);
    r.message =
        "created for Service \"" + std::string(idx.objects[c.service].name) + "\": " + c.why;
    r.proposed = krm::ShownValue{"created", true};
    results.push_back(std::move(r));
    if (!add) continue;
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
