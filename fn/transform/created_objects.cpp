#include "transform/created_objects.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "adapters/registry.h"
#include "yaml/scalar_format.h"

namespace zd::transform {

namespace {

const adapters::Door& doorOf(const krm::Config& config, const scope::Binding& b) {
  return adapters::doorsOf(config.preset(b.lb).preset)[b.door];
}

constexpr std::pair<const char*, const char*> kPathKeys[] = {
    {"internal.config.kubernetes.io/path", "internal.config.kubernetes.io/index"},
    {"config.kubernetes.io/path", "config.kubernetes.io/index"}};

yaml::NodeId annotation(const yaml::Tree& t, yaml::NodeId obj, const char* key) {
  return t.at(obj, {"metadata", "annotations", key});
}

// The highest index kpt's annotations give in each file, per path key: built once, so that
// placing thousands of created objects costs one pass over the items.
class FileIndexes {
 public:
  FileIndexes(const yaml::Tree& t, const krm::Envelope& env) {
    for (size_t k = 0; k < 2; ++k) {
      for (yaml::NodeId item : env.objects) {
        const yaml::NodeId path = annotation(t, item, kPathKeys[k].first);
        if (!t.isScalar(path)) continue;
        const std::string index(t.str(annotation(t, item, kPathKeys[k].second)));
        int64_t& last = last_[k].emplace(std::string(t.str(path)), -1).first->second;
        if (!index.empty() && index.size() < 10 &&
            index.find_first_not_of("0123456789") == std::string::npos)
          last = std::max<int64_t>(last, std::stoll(index));
      }
    }
  }
  // The next free index in `file` under path key `k`.
  int64_t next(size_t k, const std::string& file) {
    int64_t& last = last_[k].emplace(file, -1).first->second;
    return ++last;
  }

 private:
  std::map<std::string, int64_t> last_[2];
};

// kpt writes each item to the file its path annotation names, at its index there; a new item
// without one gets a file of its own (<namespace>/<kind>_<name>.yaml). The created object goes
// into its Service's file instead, after the last item there, under each path key the Service
// carries (kpt's current internal.config.kubernetes.io/ and its older config.kubernetes.io/).
void placeBeside(yaml::Tree& t, const scope::ObjectIndex& idx, const Created& c,
                 FileIndexes& files) {
  const yaml::NodeId svc = idx.objects[c.service].node, obj = idx.objects[c.object].node;
  for (size_t k = 0; k < 2; ++k) {
    const yaml::NodeId path = annotation(t, svc, kPathKeys[k].first);
    if (!t.isScalar(path)) continue;
    const std::string file(t.str(path)), next = std::to_string(files.next(k, file));
    const yaml::NodeId ann = t.ensureMap(t.ensureMap(obj, "metadata"), "annotations");
    t.set(ann, kPathKeys[k].first, t.addScalar(file, yaml::stringStyle(file)));
    t.set(ann, kPathKeys[k].second, t.addScalar(next, yaml::Style::Single));
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

void reportCreated(yaml::Tree& t, const krm::Envelope& env, const scope::ObjectIndex& idx,
                   const std::vector<Created>& created, bool add, bool check,
                   std::vector<krm::Result>& results) {
  std::optional<FileIndexes> files;  // read only when an object is added
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
    if (!files) files.emplace(t, env);
    placeBeside(t, idx, c, *files);
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
