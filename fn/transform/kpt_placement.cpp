#include "transform/kpt_placement.h"

#include <algorithm>

#include "yaml/scalar_format.h"

namespace zd::transform {

namespace {

constexpr std::pair<const char*, const char*> kPathKeys[] = {
    {"internal.config.kubernetes.io/path", "internal.config.kubernetes.io/index"},
    {"config.kubernetes.io/path", "config.kubernetes.io/index"}};

yaml::NodeId annotation(const yaml::Tree& t, yaml::NodeId obj, const char* key) {
  return t.at(obj, {"metadata", "annotations", key});
}

}  // namespace

FileIndexes::FileIndexes(const yaml::Tree& t, const krm::Envelope& env) {
  for (size_t k = 0; k < 2; ++k) {
    for (yaml::NodeId item : env.objects) {
      const yaml::NodeId path = annotation(t, item, kPathKeys[k].first);
      if (!t.isScalar(path)) continue;
      const std::string index(t.str(annotation(t, item, kPathKeys[k].second)));
      int64_t& last = last_[k].emplace(std::string(t.str(path)), -1).first->second;
      // An item with a path and no index is the file's first (kio reads a missing index as 0).
      if (index.empty()) last = std::max<int64_t>(last, 0);
      if (!index.empty() && index.size() < 10 &&
          index.find_first_not_of("0123456789") == std::string::npos)
        last = std::max<int64_t>(last, std::stoll(index));
    }
  }
}

int64_t FileIndexes::next(size_t k, const std::string& file) {
  int64_t& last = last_[k].emplace(file, -1).first->second;
  return ++last;
}

// Helm finds each document's template again after its post-renderer ran: Helm 3 by the
// `# Source:` comment line, Helm 4 by this annotation (which it strips afterwards). An added object
// without them is left out of `--show-only` and `--output-dir`: it takes its neighbour's.
constexpr const char* kHelm4Source = "postrenderer.helm.sh/postrender-filename";

void helmSourceBeside(yaml::Tree& t, yaml::NodeId beside, yaml::NodeId added) {
  const std::string_view head = t.headComment(beside);
  for (size_t at = 0; at < head.size();) {
    const size_t eol = head.find('\n', at);
    const std::string_view line = head.substr(at, eol - at);
    if (line.rfind("# Source:", 0) == 0) {
      t.setHeadComment(added, std::string(line) + "\n");
      break;
    }
    at = eol == std::string_view::npos ? head.size() : eol + 1;
  }
  const yaml::NodeId source = annotation(t, beside, kHelm4Source);
  if (t.isScalar(source)) {
    const yaml::NodeId ann = t.ensureMap(t.ensureMap(added, "metadata"), "annotations");
    const std::string file(t.str(source));  // a view into the text addScalar grows
    t.set(ann, kHelm4Source, t.addScalar(file, yaml::stringStyle(file)));
  }
}

void placeBeside(yaml::Tree& t, yaml::NodeId beside, yaml::NodeId added, FileIndexes& files) {
  helmSourceBeside(t, beside, added);
  for (size_t k = 0; k < 2; ++k) {
    const yaml::NodeId path = annotation(t, beside, kPathKeys[k].first);
    if (!t.isScalar(path)) continue;
    const std::string file(t.str(path)), next = std::to_string(files.next(k, file));
    const yaml::NodeId ann = t.ensureMap(t.ensureMap(added, "metadata"), "annotations");
    t.set(ann, kPathKeys[k].first, t.addScalar(file, yaml::stringStyle(file)));
    t.set(ann, kPathKeys[k].second, t.addScalar(next, yaml::Style::Single));
  }
}

void appendObjects(yaml::Tree& t, const krm::Envelope& env, const std::vector<yaml::NodeId>& objs) {
  yaml::NodeId list = yaml::kNone;
  if (env.isResourceList) {
    list = t.get(env.root, "items");
  } else if (t.docs().size() == 1 && !env.lists.empty() && env.lists.front() == t.docs()[0]) {
    list = t.get(t.docs()[0], "items");  // one `kind: List` (kubectl get -o yaml): its items
  }
  for (yaml::NodeId obj : objs) {
    if (list != yaml::kNone) {
      t.push(list, obj);
    } else {
      t.docs().push_back(obj);
    }
  }
}

}  // namespace zd::transform
