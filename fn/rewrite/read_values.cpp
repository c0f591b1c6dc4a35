#include "rewrite/read_values.h"

#include <limits>

#include "krm/absent.h"
#include "krm/envelope.h"
#include "krm/value_parse.h"
#include "rewrite/int_fields.h"
#include "rewrite/string_map.h"
#include "yaml/plain_type.h"
#include "yaml/scalar_format.h"

namespace zd::rewrite {

using yaml::NodeId;

Reader::Reader(const yaml::Tree& tree, NodeId object, std::vector<krm::Result>& errors)
    : t_(tree), object_(object), errors_(errors) {}

void Reader::error(const std::string& path, const std::string& message) {
  krm::Result r;
  r.severity = krm::Severity::Error;
  r.resource = krm::refOf(t_, object_);
  r.fieldPath = path;
  r.message = "`" + path + "` " + message;
  errors_.push_back(std::move(r));
}

void Reader::annotations(NodeId map) {
  if (!shape(map, yaml::Kind::Map, "metadata.annotations") || map == yaml::kNone) return;
  for (uint32_t i = 0; i < t_.mapSize(map); ++i) {
    NodeId v = t_.valueAt(map, i);
    const std::string path = "metadata.annotations." + std::string(t_.str(t_.keyAt(map, i)));
    // A null is read as "" (Go decodes JSON null into a map's string as its zero value).
    const bool typed = t_.isScalar(v) && !t_.node(v).tagged &&
                       t_.node(v).style == yaml::Style::Plain && !yaml::isNullSpelling(t_.str(v)) &&
                       !yaml::plainIsString(t_.str(v));
    if (!t_.isScalar(v) && t_.kind(v) != yaml::Kind::Null) {
      error(path,
            "must be a string, not a map or list: kubectl refuses the object (annotation values "
            "are strings)");
    } else if (typed) {
      error(path, "is a bare " + std::string(t_.str(v)) +
                      ", which YAML reads as a number or a boolean: kubectl refuses the object, "
                      "since annotation "
                      "values are strings; quote it (\"" +
                      std::string(t_.str(v)) + "\")");
    }
  }
}

bool Reader::shape(NodeId node, yaml::Kind kind, const std::string& path) {
  // Strict on purpose: a null field never gets here (krm::field reads it as
  // absent), but a null list item (`containers: [~]`) is a wrong shape.
  if (node == yaml::kNone || t_.kind(node) == kind) return true;
  error(path, std::string("must be ") + yaml::kindPhrase(kind) + ", not " +
                  yaml::kindPhrase(t_.kind(node)));
  return false;
}

namespace {

std::string octalReading(const std::string& text, int64_t octal, int64_t decimal) {
  return "YAML 1.1 readers such as kubectl's read " + text + " as octal (" + std::to_string(octal) +
         "), this function as decimal (" + std::to_string(decimal) + ")";
}

// Checked with kubectl 1.32 (`kubectl label --local -o json`): go-yaml finds
// no octal integer in `08` and falls back to its float reading, 8; PyYAML and
// other spec-following readers find neither an int nor a float (no dot).
std::string notAnInteger(const std::string& text, int64_t decimal) {
  return "not a YAML 1.1 integer (a leading zero means octal, and 8 and 9 are not octal digits): "
         "strict "
         "YAML 1.1 readers such as PyYAML read the string \"" +
         text + "\", kubectl's go-yaml falls back to the number " + std::to_string(decimal);
}

}  // namespace

bool Reader::refuseLeadingZero(const std::string& text, const std::string& path) {
  // Only plain digit strings: `030.0` or `0x1E` is no whole number, which the
  // caller's own error says without an octal reading that does not apply.
  auto decimal = krm::parseCount(text, std::numeric_limits<int64_t>::max());
  if (!krm::hasLeadingZero(text) || !decimal) return false;
  auto octal = krm::parseOctal(text);
  // `00`, `07`: the same number to every reader, nothing to refuse.
  if (octal == decimal) return false;
  std::string why = octal ? octalReading(text, *octal, *decimal) : notAnInteger(text, *decimal);
  error(path, "is written " + text + ": " + why + "; write the number without the leading zero");
  return true;
}

std::optional<int64_t> Reader::count(NodeId node, const std::string& path, const IntLimit& limit) {
  if (krm::isAbsent(t_, node)) return std::nullopt;
  std::string text(t_.str(node));
  if (!t_.isScalar(node) || t_.isString(node)) {
    error(path, t_.isScalar(node) ? "must be an integer, not the string \"" + text + "\""
                                  : "must be an integer, not a map or list");
    return std::nullopt;
  }
  if (refuseLeadingZero(text, path)) return std::nullopt;
  auto v = parseWhole(text, limit);
  if (!v) error(path, "must be a whole number " + rangeText(limit) + ", not " + text);
  return v;
}

std::optional<int64_t> Reader::countText(std::string_view text, const std::string& path,
                                         const IntLimit& limit) {
  auto v = parseWhole(text, limit);
  if (!v) {
    error(path, "must be a whole number " + rangeText(limit) +
                    " written as a string such as \"30\", not \"" + std::string(text) + "\"");
  }
  return v;
}

std::optional<bool> Reader::boolean(NodeId node, const std::string& path) {
  if (krm::isAbsent(t_, node)) return std::nullopt;
  std::string text(t_.str(node));
  auto v = t_.isScalar(node) && !t_.isString(node) ? krm::parseYaml11Bool(text) : std::nullopt;
  if (!v) {
    error(path, t_.isString(node)   ? "must be a boolean, not the string \"" + text + "\""
                : t_.isScalar(node) ? "must be a boolean (true or false), not " + text
                                    : std::string("must be a boolean, not a map or list"));
  }
  return v;
}

std::optional<timing::IntOrPercent> Reader::intOrPercent(NodeId node, const std::string& path) {
  if (krm::isAbsent(t_, node)) return std::nullopt;
  std::string text(t_.str(node));
  // "025%" is a string to every reader; only a plain count can be octal.
  bool percent = !text.empty() && text.back() == '%';
  if (t_.isScalar(node) && !t_.isString(node) && !percent && refuseLeadingZero(text, path)) {
    return std::nullopt;
  }
  // The integer of an IntOrString is int32 in the API; a percentage stays within 100%.
  std::optional<timing::IntOrPercent> v;
  if (t_.isScalar(node) && percent) v = krm::parseIntOrPercent(text);
  if (t_.isScalar(node) && !percent) {
    if (auto n = parseWhole(text, kInt32Field)) v = timing::IntOrPercent{*n, false};
  }
  // "25%" is a string whether quoted or not; a count must be a YAML integer.
  if (!v || (t_.isString(node) && !v->percent)) {
    error(path, "must be an integer or a percentage string such as \"25%\", not " +
                    (t_.isScalar(node) ? "\"" + text + "\"" : std::string("a map or list")));
    return std::nullopt;
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> readStringMap(const yaml::Tree& t,
                                                               yaml::NodeId value, Reader& rd,
                                                               const std::string& path) {
  if (value == yaml::kNone) return {};
  StringMap map = parseStringMap(t.str(value));
  if (std::string why = stringMapRefusal(map); !why.empty()) {
    rd.error(path, why);
    return {};
  }
  return std::move(map.items);
}

}  // namespace zd::rewrite
