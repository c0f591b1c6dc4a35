// Edits one object of the tree, recording each change as a result (the change's rule message,
// the value before and after). Shared by the pod-side rewrite and the adapters' settings.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "krm/result.h"
#include "rewrite/shared_edit.h"
#include "yaml/scalar_format.h"
#include "yaml/tree.h"

namespace zd::rewrite {

using yaml::NodeId;
using yaml::Style;

// Edits one object, recording each change as an info result.
class Editor {
 public:
  // `shared`, when given, notes the edits of setShared.
  Editor(yaml::Tree& t, NodeId object, std::vector<krm::Result>& results,
         SharedEdits* shared = nullptr)
      : t_(t), obj_(object), results_(results), shared_(shared) {}

  // Sets map[key] to `text` (a number when !isString) unless it already is.
  void set(NodeId map, const std::string& key, const std::string& text, bool isString,
           const std::string& path, const std::string& why,
           krm::Severity severity = krm::Severity::Info) {
    NodeId cur = t_.get(map, key);
    if (cur != yaml::kNone && t_.kind(cur) != yaml::Kind::Map && t_.kind(cur) != yaml::Kind::Seq) {
      replace(cur, text, isString, path, why, severity);
      return;
    }
    record(path, std::nullopt, krm::ShownValue{text, isString}, why, severity);
    t_.set(map, key, t_.addScalar(text, isString ? yaml::stringStyle(text) : Style::Plain));
  }

  // Rewrites a scalar (or null) in place unless it already holds `text`; `style`
  // overrides the style the text would get.
  void replace(NodeId node, const std::string& text, bool isString, const std::string& path,
               const std::string& why, krm::Severity severity = krm::Severity::Info,
               std::optional<Style> style = std::nullopt) {
    if (t_.isScalar(node) && t_.str(node) == text && t_.isString(node) == isString) return;
    std::optional<krm::ShownValue> current;
    if (!krm::isAbsent(t_, node))
      current = krm::ShownValue{std::string(t_.str(node)), t_.isString(node)};
    record(path, current, krm::ShownValue{text, isString}, why, severity);
    t_.setScalar(node, text, style ? *style : isString ? keptStyle(node, text) : Style::Plain);
  }

  void record(const std::string& path, std::optional<krm::ShownValue> current,
              std::optional<krm::ShownValue> proposed, const std::string& why,
              krm::Severity severity = krm::Severity::Info) {
    krm::Result r;
    r.severity = severity;
    r.resource = krm::refOf(t_, obj_);
    r.fieldPath = path;
    r.message = why;
    r.current = std::move(current);
    r.proposed = std::move(proposed);
    results_.push_back(std::move(r));
  }

  // set() on metadata.<map>.<key> of an object that is not the workload being rewritten (a
  // front door, a Service, a Namespace), noting a change in the shared edits.
  void setShared(const char* map, const std::string& key, const std::string& text, bool isString,
                 const std::string& path, const std::string& why,
                 krm::Severity severity = krm::Severity::Info) {
    const NodeId m = ensure({"metadata", map});
    const size_t before = results_.size();
    set(m, key, text, isString, path, why, severity);
    if (shared_ && results_.size() != before)
      shared_->push_back(SharedEdit{obj_, map, key, text, t_.node(t_.get(m, key)).style});
  }

  void setCount(NodeId map, const std::string& key, int64_t v, const std::string& path,
                const std::string& why) {
    set(map, key, std::to_string(v), false, path, why);
  }

  // Creates the map at `path` (keys) under the object when absent or null:
  // Tree::ensureMap replaces a null (`strategy: null`) with a map in place.
  NodeId ensure(std::initializer_list<const char*> keys) {
    NodeId cur = obj_;
    for (const char* k : keys) cur = t_.ensureMap(cur, k);
    return cur;
  }

  // A string that was a block scalar stays one (the writer falls back to
  // quotes only where a block cannot hold the text): an annotation of one
  // attribute per line keeps that layout.
  Style keptStyle(NodeId node, const std::string& text) const {
    Style was = t_.node(node).style;
    if (t_.isScalar(node) && (was == Style::Literal || was == Style::Folded)) return Style::Literal;
    // JSON in single quotes, as annotations are usually written, stays so (the writer falls back
    // to double quotes where single ones cannot hold the text).
    if (was == Style::Single && yaml::stringStyle(text) == Style::Double) return Style::Single;
    return yaml::stringStyle(text);
  }

  yaml::Tree& tree() { return t_; }
  NodeId object() const { return obj_; }
  std::vector<krm::Result>& results() { return results_; }

 private:
  yaml::Tree& t_;
  NodeId obj_;
  std::vector<krm::Result>& results_;
  SharedEdits* shared_;
};

}  // namespace zd::rewrite
