#include "disruption/label_selector.h"

#include <algorithm>

#include "krm/absent.h"
#include "yaml/plain_type.h"
#include "yaml/scalar_format.h"

namespace zd::disruption {

namespace {

using yaml::NodeId;

// A string as kubectl's YAML reader types it: quoted, tagged !!str, or plain text that reads as
// no number, boolean or null (`web`, not `true` or `30`).
bool readsAsString(const yaml::Tree& t, NodeId v) {
  if (!t.isScalar(v)) return false;
  if (t.isString(v) || t.node(v).tagged) return t.isString(v);
  return yaml::plainIsString(t.str(v));
}

std::optional<Requirement::Op> opOf(std::string_view text) {
  if (text == "In") return Requirement::Op::In;
  if (text == "NotIn") return Requirement::Op::NotIn;
  if (text == "Exists") return Requirement::Op::Exists;
  if (text == "DoesNotExist") return Requirement::Op::DoesNotExist;
  return std::nullopt;
}

std::string describe(const yaml::Tree& t, NodeId v) {
  return t.isScalar(v) ? "the " + std::string(t.str(v).empty() ? "null" : "plain") + " value \"" +
                             std::string(t.str(v)) + "\" (quote it)"
                       : std::string("a map or list");
}

// A list of plain strings at `path`; false (with an error) for anything else.
bool readStrings(const yaml::Tree& t, NodeId seq, const std::string& path, rewrite::Reader& rd,
                 std::vector<std::string>& out) {
  if (krm::isAbsent(t, seq)) return true;
  if (!t.isSeq(seq)) {
    rd.error(path, "must be a list of strings");
    return false;
  }
  for (uint32_t i = 0; i < t.size(seq); ++i) {
    const NodeId v = t.kid(seq, i);
    if (!readsAsString(t, v)) {
      rd.error(path + "[" + std::to_string(i) + "]", "must be a string");
      return false;
    }
    out.emplace_back(t.str(v));
  }
  return true;
}

// The API server's rules (apimachinery's ValidateLabelSelector): In and NotIn need values,
// Exists and DoesNotExist take none.
std::optional<Requirement> readRequirement(const yaml::Tree& t, NodeId e, const std::string& path,
                                           rewrite::Reader& rd) {
  if (!t.isMap(e)) {
    rd.error(path, "must be a map with key, operator and values");
    return std::nullopt;
  }
  Requirement r;
  const NodeId key = krm::field(t, e, "key"), op = krm::field(t, e, "operator");
  if (!readsAsString(t, key) || t.str(key).empty()) {
    rd.error(path + ".key", "must be a label key");
    return std::nullopt;
  }
  r.key = std::string(t.str(key));
  const std::optional<Requirement::Op> parsed = t.isScalar(op) ? opOf(t.str(op)) : std::nullopt;
  if (!parsed) {
    rd.error(path + ".operator", "must be In, NotIn, Exists or DoesNotExist");
    return std::nullopt;
  }
  r.op = *parsed;
  if (!readStrings(t, krm::field(t, e, "values"), path + ".values", rd, r.values))
    return std::nullopt;
  const bool needsValues = r.op == Requirement::Op::In || r.op == Requirement::Op::NotIn;
  if (needsValues == r.values.empty()) {
    rd.error(path + ".values", needsValues ? "must not be empty for operator In or NotIn"
                                           : "must be empty for operator Exists or DoesNotExist");
    return std::nullopt;
  }
  return r;
}

bool readMatchLabels(const yaml::Tree& t, NodeId m, const std::string& path, rewrite::Reader& rd,
                     LabelSelector& s) {
  if (krm::isAbsent(t, m)) return true;
  if (!t.isMap(m)) {
    rd.error(path, "must be a map of label keys to values");
    return false;
  }
  for (uint32_t i = 0; i < t.mapSize(m); ++i) {
    const NodeId v = t.valueAt(m, i);
    const std::string key(t.str(t.keyAt(m, i)));
    if (!readsAsString(t, v)) {
      rd.error(path + "." + key, "must be a string (a label value), not " + describe(t, v));
      return false;
    }
    s.matchLabels[key] = std::string(t.str(v));
  }
  return true;
}

}  // namespace

std::optional<LabelSelector> readSelector(const yaml::Tree& t, NodeId node, const std::string& path,
                                          rewrite::Reader& rd) {
  if (krm::isAbsent(t, node)) return std::nullopt;
  if (!t.isMap(node)) {
    rd.error(path, "must be a label selector (matchLabels, matchExpressions)");
    return std::nullopt;
  }
  LabelSelector s;
  if (!readMatchLabels(t, krm::field(t, node, "matchLabels"), path + ".matchLabels", rd, s))
    return std::nullopt;
  const NodeId exprs = krm::field(t, node, "matchExpressions");
  if (krm::isAbsent(t, exprs)) return s;
  if (!t.isSeq(exprs)) {
    rd.error(path + ".matchExpressions", "must be a list of requirements");
    return std::nullopt;
  }
  for (uint32_t i = 0; i < t.size(exprs); ++i) {
    auto r = readRequirement(t, t.kid(exprs, i),
                             path + ".matchExpressions[" + std::to_string(i) + "]", rd);
    if (!r) return std::nullopt;
    s.expressions.push_back(std::move(*r));
  }
  return s;
}

bool matches(const LabelSelector& s, const Labels& labels) {
  for (const auto& [key, value] : s.matchLabels) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  for (const Requirement& r : s.expressions) {
    auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const bool in =
        has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
    switch (r.op) {
      case Requirement::Op::In:
        if (!in) return false;
        break;
      case Requirement::Op::NotIn:
        if (in) return false;
        break;
      case Requirement::Op::Exists:
        if (!has) return false;
        break;
      case Requirement::Op::DoesNotExist:
        if (has) return false;
        break;
    }
  }
  return true;
}

Labels labelsOf(const yaml::Tree& t, yaml::NodeId m) {
  Labels out;
  for (uint32_t i = 0; t.isMap(m) && i < t.mapSize(m); ++i) {
    const NodeId v = t.valueAt(m, i);
    if (t.isScalar(v)) out[std::string(t.str(t.keyAt(m, i)))] = std::string(t.str(v));
  }
  return out;
}

}  // namespace zd::disruption
