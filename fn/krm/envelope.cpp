#include "krm/envelope.h"

#include "krm/absent.h"

namespace zd::krm {

using yaml::Kind;
using yaml::NodeId;

namespace {

const char* kindName(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Scalar: return "a scalar";
    case Kind::Map: return "a map";
    case Kind::Seq: return "a list";
  }
  return "?";
}

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

// Every object needs a kind and apiVersion (strings) to be matched at all.
void checkObject(const yaml::Tree& t, NodeId obj, const std::string& where,
                 std::vector<Result>& errors) {
  if (!t.isMap(obj)) {
    errors.push_back(shapeError(where + " must be a map (a Kubernetes object), not " +
                                kindName(t.kind(obj))));
    return;
  }
  for (const char* field : {"apiVersion", "kind"}) {
    NodeId v = t.get(obj, field);
    if (!t.isScalar(v) || t.str(v).empty()) {
      errors.push_back(shapeError(where + " must have a non-empty string `" + field + "`"));
    }
  }
  NodeId md = field(t, obj, "metadata");  // `metadata: null` is no metadata
  if (md != yaml::kNone && !t.isMap(md)) {
    errors.push_back(shapeError(where + " `metadata` must be a map, not " + kindName(t.kind(md))));
  }
}

}  // namespace

std::string objectLocation(const Envelope& env, size_t index) {
  return env.isResourceList ? "items[" + std::to_string(index) + "]"
                            : "document " + std::to_string(index);
}

bool isLocalConfig(const yaml::Tree& t, NodeId obj) {
  return t.str(t.get(obj, "kind")) == "Kptfile" ||
         t.str(t.at(obj, {"metadata", "annotations", "config.kubernetes.io/local-config"})) == "true";
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
  if (docs.size() == 1 && isResourceListDoc(t, docs[0])) {
    env.isResourceList = true;
    env.root = docs[0];
    std::string apiVersion(t.str(t.get(env.root, "apiVersion")));
    if (apiVersion != "config.kubernetes.io/v1" && apiVersion != "config.kubernetes.io/v1beta1" &&
        apiVersion != "config.kubernetes.io/v1alpha1") {
      errors.push_back(shapeError("ResourceList `apiVersion` must be config.kubernetes.io/v1 (or "
                                  "v1beta1, v1alpha1), not \"" + apiVersion + "\""));
    }
    NodeId items = t.get(env.root, "items");
    if (!isAbsent(t, items) && !t.isSeq(items)) {
      errors.push_back(shapeError("ResourceList `items` must be a list, not " + std::string(kindName(t.kind(items)))));
    } else if (t.isSeq(items)) {
      for (uint32_t i = 0; i < t.size(items); ++i) env.objects.push_back(t.kid(items, i));
    }
    env.functionConfig = t.get(env.root, "functionConfig");
    if (isAbsent(t, env.functionConfig)) {
      env.functionConfig = yaml::kNone;
    } else if (env.functionConfig != yaml::kNone && !t.isMap(env.functionConfig)) {
      errors.push_back(shapeError("ResourceList `functionConfig` must be a map, not " +
                                  std::string(kindName(t.kind(env.functionConfig)))));
      env.functionConfig = yaml::kNone;
    }
  } else {
    env.objects = docs;
  }
  for (size_t i = 0; i < env.objects.size(); ++i) {
    NodeId obj = env.objects[i];
    if (!env.isResourceList && isResourceListDoc(t, obj)) {
      errors.push_back(shapeError(objectLocation(env, i) +
                                  " is a ResourceList inside a multi-document stream; send it alone"));
      continue;
    }
    checkObject(t, obj, objectLocation(env, i), errors);
  }
  return env;
}

}  // namespace zd::krm
