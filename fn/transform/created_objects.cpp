#include "transform/created_objects.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "adapters/registry.h"
#include "transform/kpt_placement.h"

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
      for (const adapters::Made& made : s.create(t, idx, b, config.preset(b.lb)))
        out.push_back({made.object, b.service, made.why});
    }
  }
  return out;
}

bool written(const yaml::Tree& t, const scope::ObjectIndex& idx, const Created& c) {
  yaml::NodeId spec = t.get(idx.objects[c.object].node, "spec");
  for (uint32_t i = 0; t.isMap(spec) && i < t.mapSize(spec); ++i) {
    const std::string_view key = t.str(t.keyAt(spec, i));
    if (key != "targetRef" && key != "targetReference") return true;
  }
  return false;
}

void reportCreated(yaml::Tree& t, const scope::ObjectIndex& idx,
                   const std::vector<Created>& created, FileIndexes* files, bool check,
                   std::vector<krm::Result>& results, std::vector<yaml::NodeId>* add) {
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
    if (!files) continue;
    placeBeside(t, idx.objects[c.service].node, obj, *files);
    if (add) add->push_back(obj);
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
