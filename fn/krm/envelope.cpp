#include "krm/envelope.h"

#include "krm/absent.h"

namespace zd::krm {

using yaml::Kind;
using yaml::NodeId;

namespace {

bool isResourceListDoc(const yaml::Tree& t, NodeId doc) {
  return t.isMap(doc) && t.str(t.get(doc, "kind")) == "ResourceList" &&
         t.isScalar(t.get(doc, "kind"));
}

Result shapeError(std::string message) {
  Result r;
  r.severity = Severity::Error;
  r.message = std::move(message);
  return r;
}

// A list wrapper: `List`, `DeploymentList`, ... kubectl's unstructured
// decoding reads any such kind with an `items` array as a list and applies
// the items. Not ResourceList: that is a function's input (see add()).
bool isListKind(const yaml::Tree& t, NodeId obj) {
  NodeId kind = t.get(obj, "kind");
  std::string_view k = t.str(kind);
  return t.isScalar(kind) && k.size() >= 4 && k.substr(k.size() - 4) == "List" &&
         k != "ResourceList";
}

// Collects the objects of the documents or ResourceList items, the items of
// list wrappers in their place, and checks each one's shape. A position is
// spelled only when a message needs it.
class ObjectWalk {
 public:
  ObjectWalk(const yaml::Tree& t, Envelope& env, std::vector<Result>& errors)
      : t_(t), env_(env), errors_(errors) {}

  void top(NodeId node, size_t index) {
    top_ = index;
    add(node);
  }

 private:
  void add(NodeId obj);
  void addItems(NodeId wrapper);
  bool checkObject(NodeId obj);
  void error(const std::string& message) { errors_.push_back(shapeError(where() + message)); }
  std::string where() const;

  const yaml::Tree& t_;
  Envelope& env_;
  std::vector<Result>& errors_;
  size_t top_ = 0;
  std::vector<uint32_t> path_;  // the object's index in each list wrapper around it
};

// `document 2` or `items[3]`, then the index in each list: `document 2 items[1]`.
std::string ObjectWalk::where() const {
  std::string out = env_.isResourceList ? "items[" + std::to_string(top_) + "]"
                                        : "document " + std::to_string(top_);
  for (uint32_t i : path_) out += " items[" + std::to_string(i) + "]";
  return out;
}

// A ResourceList is never a list of objects to apply. In a stream (alone it
// would be ResourceList mode) it is an error, inside a List too. As an item
// of a ResourceList, or of a List in one, it is an ordinary object, as it
// always was: a kpt package may keep a function's test input among its files.
// A local-config list is tool configuration as a whole, never edited or
// applied: its items are not looked into.
void ObjectWalk::add(NodeId obj) {
  if (!env_.isResourceList && isResourceListDoc(t_, obj)) {
    error(path_.empty() ? " is a ResourceList inside a multi-document stream; send it alone"
                        : " is a ResourceList inside a List: a function's input, not an object "
                          "kubectl can apply");
    return;
  }
  if (checkObject(obj) && isListKind(t_, obj) && !isLocalConfig(t_, obj)) {
    addItems(obj);
    return;
  }
  env_.objects.push_back(obj);
}

void ObjectWalk::addItems(NodeId wrapper) {
  // `items: null` is an empty list, as kubectl reads it.
  NodeId items = field(t_, wrapper, "items");
  if (items != yaml::kNone && !t_.isSeq(items)) {
    error(" is a " + std::string(t_.str(t_.get(wrapper, "kind"))) +
          " whose `items` must be a list (of objects), not " + yaml::kindPhrase(t_.kind(items)));
    return;
  }
  env_.lists.push_back(wrapper);
  for (uint32_t i = 0; i < t_.size(items); ++i) {
    path_.push_back(i);
    add(t_.kid(items, i));
    path_.pop_back();
  }
}

// Every object needs a kind and apiVersion (strings) to be matched at all.
// False when it is not even a map.
bool ObjectWalk::checkObject(NodeId obj) {
  if (!t_.isMap(obj)) {
    error(" must be a map (a Kubernetes object), not " +
          std::string(yaml::kindPhrase(t_.kind(obj))));
    return false;
  }
  for (const char* name : {"apiVersion", "kind"}) {
    NodeId v = t_.get(obj, name);
    if (!t_.isScalar(v) || t_.str(v).empty()) {
      // The API server leaves them out of a typed list's items (a DeploymentList fetched from
      // the API); kubectl fills them in from the list's own, the function reads them as written.
      error(std::string(" must have a non-empty string `") + name + "`" +
            (path_.empty()
                 ? ""
                 : " (items of a typed list as the API returns them lack it; `kubectl get -o yaml` "
                   "writes it, or add it to each item)"));
    }
  }
  NodeId md = field(t_, obj, "metadata");  // `metadata: null` is no metadata
  if (md != yaml::kNone && !t_.isMap(md)) {
    error(" `metadata` must be a map, not " + std::string(yaml::kindPhrase(t_.kind(md))));
  }
  return true;
}

}  // namespace

bool isLocalConfig(const yaml::Tree& t, NodeId obj) {
  return t.str(t.get(obj, "kind")) == "Kptfile" ||
         t.str(t.at(obj, {"metadata", "annotations", "config.kubernetes.io/local-config"})) ==
             "true";
}

ResourceRef refOf(const yaml::Tree& t, NodeId obj) {
  ResourceRef r;
  r.apiVersion = std::string(t.str(t.get(obj, "apiVersion")));
  r.kind = std::string(t.str(t.get(obj, "kind")));
  NodeId md = t.get(obj, "metadata");
  NodeId name = t.get(md, "name");
  NodeId ns = t.get(md, "namespace");
  if (t.isScalar(name)) r.name = std::string(t.str(name));
  if (t.isScalar(ns)) r.namespace_ = std::string(t.str(ns));
  return r;
}

Envelope readEnvelope(const yaml::Tree& t, std::vector<Result>& errors) {
  Envelope env;
  const auto& docs = t.docs();
  ObjectWalk walk(t, env, errors);
  if (docs.size() == 1 && isResourceListDoc(t, docs[0])) {
    env.isResourceList = true;
    env.root = docs[0];
    std::string apiVersion(t.str(t.get(env.root, "apiVersion")));
    if (apiVersion != "config.kubernetes.io/v1" && apiVersion != "config.kubernetes.io/v1beta1" &&
        apiVersion != "config.kubernetes.io/v1alpha1") {
      errors.push_back(
          shapeError("ResourceList `apiVersion` must be config.kubernetes.io/v1 (or "
                     "v1beta1, v1alpha1), not \"" +
                     apiVersion + "\""));
    }
    NodeId items = t.get(env.root, "items");
    if (!isAbsent(t, items) && !t.isSeq(items)) {
      errors.push_back(shapeError("ResourceList `items` must be a list, not " +
                                  std::string(yaml::kindPhrase(t.kind(items)))));
    } else if (t.isSeq(items)) {
      env.objects.reserve(t.size(items));
      for (uint32_t i = 0; i < t.size(items); ++i) walk.top(t.kid(items, i), i);
    }
    env.functionConfig = t.get(env.root, "functionConfig");
    if (isAbsent(t, env.functionConfig)) {
      env.functionConfig = yaml::kNone;
    } else if (env.functionConfig != yaml::kNone && !t.isMap(env.functionConfig)) {
      errors.push_back(shapeError("ResourceList `functionConfig` must be a map, not " +
                                  std::string(yaml::kindPhrase(t.kind(env.functionConfig)))));
      env.functionConfig = yaml::kNone;
    }
  } else {
    env.objects.reserve(docs.size());
    for (size_t i = 0; i < docs.size(); ++i) walk.top(docs[i], i);
  }
  return env;
}

}  // namespace zd::krm
