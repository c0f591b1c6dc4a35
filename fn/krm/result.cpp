#include "krm/result.h"

#include <algorithm>
#include <tuple>

#include "yaml/scalar_format.h"

namespace zd::krm {

using yaml::NodeId;
using yaml::Style;

const char* severityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "info";
}

std::string ResourceRef::display() const {
  if (namespace_.empty()) return kind + "/" + name;
  return kind + "/" + namespace_ + "/" + name;
}

void sortResults(std::vector<Result>& results) {
  auto key = [](const Result& r) {
    std::string ns, kind, name;
    if (r.resource) std::tie(ns, kind, name) = std::tie(r.resource->namespace_, r.resource->kind, r.resource->name);
    return std::make_tuple(static_cast<int>(r.severity), r.filePath, r.fileIndex, ns, kind, name,
                           r.fieldPath, r.message);
  };
  std::stable_sort(results.begin(), results.end(),
                   [&](const Result& a, const Result& b) { return key(a) < key(b); });
}

bool hasErrors(const std::vector<Result>& results) {
  return std::any_of(results.begin(), results.end(),
                     [](const Result& r) { return r.severity == Severity::Error; });
}

namespace {

NodeId str(yaml::Tree& t, const std::string& s) { return t.addScalar(s, yaml::stringStyle(s)); }

NodeId shown(yaml::Tree& t, const ShownValue& v) {
  return t.addScalar(v.text, v.isString ? yaml::stringStyle(v.text) : Style::Plain);
}

NodeId resultNode(yaml::Tree& t, const Result& r) {
  NodeId m = t.addContainer(yaml::Kind::Map);
  t.set(m, "message", str(t, r.message));
  t.set(m, "severity", t.addScalar(severityName(r.severity), Style::Plain));
  if (r.resource) {
    NodeId ref = t.ensureMap(m, "resourceRef");
    t.set(ref, "apiVersion", str(t, r.resource->apiVersion));
    t.set(ref, "kind", str(t, r.resource->kind));
    t.set(ref, "name", str(t, r.resource->name));
    if (!r.resource->namespace_.empty()) t.set(ref, "namespace", str(t, r.resource->namespace_));
  }
  if (r.resource && !r.fieldPath.empty()) {
    NodeId f = t.ensureMap(m, "field");
    t.set(f, "path", str(t, r.fieldPath));
    if (r.current) t.set(f, "currentValue", shown(t, *r.current));
    if (r.proposed) t.set(f, "proposedValue", shown(t, *r.proposed));
  }
  if (!r.filePath.empty()) {
    NodeId f = t.ensureMap(m, "file");
    t.set(f, "path", str(t, r.filePath));
    if (r.fileIndex > 0) t.set(f, "index", t.addScalar(std::to_string(r.fileIndex), Style::Plain));
  }
  return m;
}

}  // namespace

void writeResults(const std::vector<Result>& results, const yaml::Sink& sink) {
  if (results.empty()) return;
  *sink.out += "results:\n";
  yaml::Tree scratch;
  for (const Result& r : results) {
    scratch.clear();
    NodeId one = scratch.addContainer(yaml::Kind::Seq);
    NodeId node = resultNode(scratch, r);
    scratch.setKids(one, &node, 1);
    yaml::writeDocument(scratch, one, sink);
  }
}

std::string resultLine(const Result& r) {
  std::string out = "[";
  out += severityName(r.severity);
  out += "]";
  if (r.resource) {
    out += " " + r.resource->apiVersion + "/" + r.resource->kind + "/";
    if (!r.resource->namespace_.empty()) out += r.resource->namespace_ + "/";
    out += r.resource->name;
  }
  if (!r.fieldPath.empty()) out += " " + r.fieldPath;
  out += ": " + r.message;
  return out;
}

}  // namespace zd::krm
